"""``deadlines``: what is due, overdue and coming on the working-day calendar, as one table.

    >>> from datetime import date
    >>> r = deadlines(paths=["plans/2010-区教育局-扶贫济困日.yaml"], as_of=date(2010, 6, 25), status="all")
    >>> r.table.title, len(r.table.rows) > 0, r.exit_code()
    ('报送时间表（截至 2010-06-25）', True, 0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..diagnostics import Text
from ..engines.deadlines import DeadlinesReport, collect_deadlines
from ..reports.deadlines import deadlines_table
from ..reports.events import events_table
from ..table import Table
from .base import known_unit, load_donation_rules

#: ``fail_on`` → the statuses that make the run fail
FAIL_ON = {"overdue": ("overdue",), "due": ("overdue", "due")}


@dataclass
class DeadlinesResult(DeadlinesReport):
    """The rows with their status on ``as_of``, the table they make, and the exit code with ``fail_on``."""

    table: Table | None = None
    fail_on: str | None = None
    #: each plan's own 报送时间表 (plan file → table), for one file per plan
    plan_tables: dict[str, Table] = field(default_factory=dict)

    @property
    def failing(self) -> int:
        """How many deadlines make the run fail under ``fail_on`` (overdue, or overdue and due today)."""
        return self.count(*FAIL_ON[self.fail_on]) if self.fail_on else 0

    def exit_code(self, strict: bool = False) -> int:
        """As ``Findings``; with ``fail_on``, 1 when a deadline fails it, and 2 when no plan was in scope: a
        check that checked nothing must not pass."""
        code = super().exit_code(strict)
        if code or not self.fail_on:
            return code
        return 2 if not self.plans else (1 if self.failing else 0)

    def events(self, file: str | None = None, lang: str = "zh") -> Table:
        """The rows (of one plan ``file``, or all) as calendar events, for ics: each item over all its days,
        each deadline with the last day on which it may be done."""
        return events_table([r for r in self.rows if file is None or r.item.file == file], self.as_of, lang)


def deadlines(*, paths: list[str], as_of: date, status: str = "open", within: int | None = None,
              unit: str | None = None, all_years: bool = False, calendar_files: list[str] | None = None,
              fail_on: str | None = None, donation_rules: str | None = None, lang: str = "zh") -> DeadlinesResult:
    """Every deadline and event of the plans under ``paths`` on ``as_of``, most urgent first.

    ``status``: open (overdue, due, upcoming), overdue, due, upcoming, done or all; ``within`` days; ``unit``:
    what this unit (or a group it belongs to) owes; plans of other years than ``as_of``'s are left out unless
    ``all_years`` (FP504 when that leaves no plan). ``fail_on`` (overdue | due) makes the exit code 1 when such
    a deadline is found, 2 when no plan was in scope. ``UsageError`` when ``unit`` is no unit of the plans in scope.
    ``donation_rules``: an office's rules file, whose 公示期限 applies to a plan that states none.
    """
    rules = (load_donation_rules(donation_rules), donation_rules) if donation_rules else None
    report = collect_deadlines(paths=paths, as_of=as_of, calendar_files=calendar_files, status_filter=status,
                               within=within, unit=unit, year=None if all_years else as_of.year,
                               donation_rules=rules)
    if unit is not None and report.plans:
        where = Text("方案", "the plans") if all_years else Text(f"{as_of.year} 年的方案", f"the plans of {as_of.year}")
        known_unit(unit, report.units, where, report.other_units)
    return DeadlinesResult(report.as_of, report.rows, report.plans, report.files, report.inputs,
                           diagnostics=report.diagnostics,
                           table=deadlines_table(report.rows, as_of, lang), fail_on=fail_on,
                           plan_tables={f: deadlines_table([r for r in report.rows if r.item.file == f], as_of, lang)
                                        for f in report.files})
