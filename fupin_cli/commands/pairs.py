"""``pairs``: 结对帮扶 — coverage, visit compliance by week or month, required occasions, the monthly briefing.

    >>> from datetime import date
    >>> r = pairs(paths=["plans/2020-县教育局-结对帮扶.yaml"], as_of=date(2020, 11, 2))
    >>> [t.name for t in r.plans[0].tables], [t.id for t in r.plans[0].coverage.unpaired], r.exit_code(strict=True)
    (['pairing', 'compliance'], ['陈老四'], 1)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from ..diagnostics import ROW_CODES, Findings, Text, UsageError, diag
from ..engines.calendar import UnknownYear
from ..engines.ledger.plans import plan_ledger_files
from ..engines.pairing import (Compliance, Coverage, VisitLog, briefing, compliance, compliance_start, coverage,
                               read_visits)
from ..reports.base import official
from ..reports.pairing import briefing_table, compliance_table, pairing_coverage_table
from ..table import Table
from .base import PlanResult, PlansResult, calendar, checked_plan, month_of, plan_files  # noqa: F401 (month_of: for the CLI)
from .report import plan_meta


@dataclass
class PlanPairs(PlanResult):
    """One plan's 结对帮扶: its visit log, coverage and compliance (or the month's briefing), and the tables.

    With ``strict`` a rejected visit row, an unpaired target, a group below the policy, or a policy of which no
    period could be judged (FP709) fails the run.
    """

    lenient: ClassVar[frozenset[str]] = ROW_CODES
    strict_warnings: ClassVar[bool] = False

    log: VisitLog | None = None
    coverage: Coverage | None = None
    compliance: list[Compliance] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def exit_code(self, strict: bool = False) -> int:
        code = Findings.exit_code(self, strict)
        short = bool(self.coverage and self.coverage.unpaired) or any(r.below or r.missed_occasions
                                                                      for r in self.compliance)
        return code or (1 if strict and (short or self.nothing_judged) else 0)

    @property
    def nothing_judged(self) -> bool:
        """The plan has a visit policy, and not one period of it could be judged (FP709)."""
        return any(d.code == "FP709" for d in self.diagnostics)


def _nothing_judged(lp, start: date, as_of: date, visited: bool):
    """FP709, saying why no period could be judged: no 活动时间 and no visit to start from, or no whole period
    between the start and the as-of day."""
    if lp.plan.period is None and not visited:
        why = Text("方案没有写活动时间，走访记录中也没有走访", "the plan has no 活动时间 and the visit log no visit")
    else:
        why = Text(f"从 {start.isoformat()} 到 {as_of.isoformat()} 没有一个完整的周期",
                   f"no whole period between {start.isoformat()} and {as_of.isoformat()}")
    return diag("FP709", file=lp.file, why=why.zh, why_en=why.en)


@dataclass
class PairsResult(PlansResult):
    plans: list[PlanPairs] = field(default_factory=list)


def pairs(*, paths: list[str], as_of: date, briefing_month: str | date | None = None,
          calendar_files: list[str] | None = None, lang: str = "zh") -> PairsResult:
    """结对帮扶 of every plan under ``paths`` that has that section, on ``as_of``.

    ``briefing_month`` (2020-10, or a date in the month): that month's briefing instead of coverage and
    compliance. ``UsageError`` when no plan has a 结对帮扶 section (and none failed to load: those report their
    errors instead) or the month cannot be read.
    """
    month = None
    if briefing_month is not None:
        month = (briefing_month.replace(day=1) if isinstance(briefing_month, date)
                 else month_of(briefing_month))
    files, problems = plan_files(paths)
    out = PairsResult(diagnostics=problems, as_of=as_of)
    if problems:
        return out
    cal, _ = calendar(calendar_files)
    found = False
    for f in files:
        lp, errors = checked_plan(f, cal)
        if errors:
            out.plans.append(PlanPairs(plan=lp, diagnostics=errors))
            continue
        pairing = lp.plan.pairing
        if pairing is None:
            continue
        found = True
        log = read_visits(plan_ledger_files(lp.file, pairing.visit_logs), pairing, lp.plan.year)
        part = PlanPairs(plan=lp, diagnostics=log.diagnostics, log=log, meta=plan_meta(lp))
        out.plans.append(part)
        if month is not None:
            part.tables = [briefing_table(briefing(pairing, log.visits, month), month, lang)]
        else:
            part.coverage = coverage(pairing)
            start = compliance_start(lp.plan, log.visits, as_of)
            part.tables = [pairing_coverage_table(pairing, part.coverage, lang)]
            try:
                part.compliance = compliance(pairing, log.visits, as_of, cal, start, lp.plan.period)
            except UnknownYear as e:  # a week to judge in a year the calendar does not know: no compliance table
                part.diagnostics = [*part.diagnostics, e.diagnostic(lp.file)]
            else:
                if pairing.policy is not None:
                    part.tables.append(compliance_table(part.compliance, pairing.policy, lang))
                    if not any(not p.exempt for r in part.compliance for p in r.periods):
                        part.diagnostics = [*part.diagnostics, _nothing_judged(lp, start, as_of, bool(log.visits))]
        part.tables = [official(t, lp.plan.issuer, as_of, lang, year=lp.plan.year) for t in part.tables]
    if not found and not out.plans:  # plans that failed to load report their errors: they may have had one
        raise UsageError("没有找到写了“结对帮扶”的方案", "no plan with a 结对帮扶 section")
    return out
