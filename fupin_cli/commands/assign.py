"""``assign``: who does what — the responsibility matrix, per-unit load, one unit's task sheet, lead proposals.

    >>> from datetime import date
    >>> r = assign(paths=["plans/2010-区教育局-扶贫济困日.yaml"], as_of=date(2010, 6, 20))
    >>> [t.name for t in r.plans[0].tables], r.exit_code()
    (['matrix', 'unit_load'], 0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..diagnostics import UsageError
from ..engines.assign import Proposal, Responsibility, propose_leads, responsibility, write_leads
from ..engines.deadlines import unit_names
from ..loading.plans import load_yaml_model
from ..model import RuleFile
from ..reports.assign import matrix_table, proposals_table, task_sheet_table, unit_load_table
from ..reports.base import official
from ..table import Table
from .base import PlanResult, PlansResult, calendar, each_checked_plan, known_unit, plan_files
from .report import plan_meta


@dataclass
class PlanAssignment(PlanResult):
    """One plan's matrix, the proposals its rules made, how many were written, and the tables."""

    responsibility: Responsibility | None = None
    proposals: list[Proposal] = field(default_factory=list)
    written: int | None = None
    tables: list[Table] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


@dataclass
class AssignResult(PlansResult):
    plans: list[PlanAssignment] = field(default_factory=list)


def assign(*, paths: list[str], as_of: date, unit: str | None = None, rules: str | None = None,
           write: bool = False, official_tables: bool = False, calendar_files: list[str] | None = None,
           lang: str = "zh") -> AssignResult:
    """The responsibility matrix of every plan under ``paths`` with each unit's next deadline on ``as_of``.

    ``unit``: that unit's task sheet instead (``UsageError`` when no plan that checks has that unit). ``rules`` (a YAML file; else the plan's own 分工规则) propose a lead
    for each activity without one; ``write`` writes them into the plan file (comments and layout kept).
    ``official_tables``: the tables as sent upward (issuer, date, signature footer), for xlsx and html.
    """
    files, problems = plan_files(paths)
    out = AssignResult(diagnostics=problems, as_of=as_of)
    if problems:
        return out
    rule_list = []
    if rules:
        loaded = load_yaml_model(rules, RuleFile)
        if loaded.value is None:
            out.diagnostics += loaded.diagnostics
            return out
        rule_list = loaded.value.rules
    cal, cal_diags = calendar(calendar_files)
    out.diagnostics += cal_diags
    units: set[str] | None = None  # the names of the units of the plans that check
    for part in each_checked_plan(files, cal, out, PlanAssignment):
        lp = part.plan
        units = (units or set()) | unit_names(lp.plan)
        part.responsibility = resp = responsibility(lp, as_of, cal)
        plan_rules = rule_list or lp.plan.assignment_rules
        if write and not plan_rules:
            raise UsageError("--write 需要分工规则：--rules 文件，或方案中的“分工规则”",
                             "--write needs rules: --rules FILE, or a 分工规则 section in the plan")
        part.proposals = propose_leads(lp, resp, plan_rules) if plan_rules else []
        if write:
            part.written = write_leads(lp.file, part.proposals) if part.proposals else 0
        if rules:
            part.tables = [proposals_table(part.proposals, lang)]
        elif unit:
            part.tables = [task_sheet_table(resp, unit, lang)]
        else:
            part.tables = [matrix_table(resp, lang), unit_load_table(resp, lang)]
            if part.proposals:  # the plan's own 分工规则 proposes leads for what has none
                part.tables.append(proposals_table(part.proposals, lang))
        if official_tables:
            part.tables = [official(t, lp.plan.issuer, as_of, lang, year=lp.plan.year) for t in part.tables]
        else:
            for table in part.tables:
                table.title = f"{lp.plan.title} {table.title}"
        part.meta = plan_meta(lp)
    if unit and not rules and units is not None:
        known_unit(unit, units)
    return out
