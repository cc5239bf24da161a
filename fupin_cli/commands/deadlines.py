"""``deadlines``: what is due, overdue and coming on the working-day calendar, as one table.

    >>> from datetime import date
    >>> r = deadlines(paths=["plans/2010-区教育局-扶贫济困日.yaml"], as_of=date(2010, 6, 25), status="all")
    >>> r.table.title, len(r.table.rows) > 0, r.exit_code()
    ('报送时间表（截至 2010-06-25）', True, 0)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..engines.deadlines import DeadlinesReport, collect_deadlines
from ..reports.deadlines import deadlines_table
from ..table import Table

#: ``fail_on`` → the statuses that make the run fail
FAIL_ON = {"overdue": ("overdue",), "due": ("overdue", "due")}


@dataclass
class DeadlinesResult(DeadlinesReport):
    """The rows with their status on ``as_of``, the table they make, and the exit code with ``fail_on``."""

    table: Table | None = None
    fail_on: str | None = None

    @property
    def failing(self) -> int:
        """How many deadlines make the run fail under ``fail_on`` (overdue, or overdue and due today)."""
        return self.count(*FAIL_ON[self.fail_on]) if self.fail_on else 0

    def exit_code(self, strict: bool = False) -> int:
        code = super().exit_code(strict)
        return code if code or not self.failing else 1


def deadlines(*, paths: list[str], as_of: date, status: str = "open", within: int | None = None,
              unit: str | None = None, all_years: bool = False, calendar_files: list[str] | None = None,
              fail_on: str | None = None, lang: str = "zh") -> DeadlinesResult:
    """Every deadline and event of the plans under ``paths`` on ``as_of``, most urgent first.

    ``status``: open (overdue, due, upcoming), overdue, due, upcoming, done or all; ``within`` days; ``unit``:
    what this unit (or a group it belongs to) owes; plans of other years than ``as_of``'s are left out unless
    ``all_years``. ``fail_on`` (overdue | due) makes the exit code 1 when such a deadline is found.
    """
    report = collect_deadlines(paths=paths, as_of=as_of, calendar_files=calendar_files, status_filter=status,
                               within=within, unit=unit, year=None if all_years else as_of.year)
    return DeadlinesResult(report.as_of, report.rows, report.plans, diagnostics=report.diagnostics,
                           table=deadlines_table(report.rows, as_of, lang), fail_on=fail_on)
