"""``report``: the official tables of each plan, and the roll-up (汇总上报) of units' plans or json reports.

    >>> from datetime import date
    >>> r = report(paths=["plans/2010-区教育局-扶贫济困日.yaml"], as_of=date(2010, 7, 1), tables=["deadlines"])
    >>> [t.name for t in r.plans[0].tables], r.exit_code()
    (['deadlines'], 0)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from ..diagnostics import ROW_CODES, UsageError
from ..reports.report import REPORT_TABLES, build_report
from ..reports.rollup import Rollup, collect_rollup, rollup_table, unit_summary
from ..table import Table
from .base import PlanResult, PlansResult, calendar, each_checked_plan, load_donation_rules, plan_files


@dataclass
class PlanReport(PlanResult):
    """One plan's tables, its summary row (for a roll-up), its metadata, and the files it was made from."""

    lenient: ClassVar[frozenset[str]] = ROW_CODES

    tables: list[Table] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReportResult(PlansResult):
    plans: list[PlanReport] = field(default_factory=list)


def table_names(wanted: list[str] | None) -> list[str] | None:
    """Table names from English names or Chinese titles (comma-separated allowed); ``UsageError`` for others."""
    if not wanted:
        return None
    by_title = {v: k for k, v in REPORT_TABLES.items()}
    names = []
    for t in wanted:
        for part in t.split(","):
            part = part.strip()
            name = part if part in REPORT_TABLES else by_title.get(part)
            if name is None:
                raise UsageError(f"没有这张表：{part}（可选 {'、'.join(REPORT_TABLES)}）",
                                 f"no such table: {part} (choose from {', '.join(REPORT_TABLES)})")
            names.append(name)
    return names


def plan_meta(lp: Any) -> dict[str, Any]:
    """What a json report says of its plan."""
    return {"title": lp.plan.title, "issuer": lp.plan.issuer, "year": lp.plan.year, "file": lp.file}


def report(*, paths: list[str], as_of: date, tables: list[str] | None = None, timeline: bool = False,
           calendar_files: list[str] | None = None, donation_rules: str | None = None,
           lang: str = "zh", rmb: bool = False) -> ReportResult:
    """The official tables of every plan under ``paths`` on ``as_of`` (all, or the named ``tables``, by English
    name or Chinese title); ``timeline`` adds the 活动时间轴 (for html); ``rmb`` writes 人民币 before the totals
    in 大写. A plan's tables leave out those whose inputs it lacks. Rejected ledger rows are reported but do not
    fail the run. ``donation_rules``: an office's rules file for what a plan's 捐赠规则 leave unsaid."""
    names = table_names(tables)
    rules = (load_donation_rules(donation_rules), donation_rules) if donation_rules else None
    files, problems = plan_files(paths)
    cal, cal_diags = calendar(calendar_files)
    out = ReportResult(diagnostics=problems + cal_diags, as_of=as_of)
    if problems:
        return out
    wanted = (names or list(REPORT_TABLES)) + (["timeline"] if timeline else [])
    for part in each_checked_plan(files, cal, out, PlanReport):
        lp = part.plan
        part.tables, part.diagnostics = build_report(lp, as_of=as_of, cal=cal, names=wanted, lang=lang,
                                                      donation_rules=rules, rmb=rmb)
        part.summary = unit_summary(lp.plan.issuer or lp.plan.title, part.tables)
        part.meta = plan_meta(lp)
    return out


@dataclass
class RollupResult(Rollup):
    """The roll-up table (a row per unit, 合计), its summary row and metadata for a json report."""

    lenient: ClassVar[frozenset[str]] = ROW_CODES

    table: Table | None = None
    total: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)


def rollup(*, inputs: list[str], as_of: date, issuer: str | None = None, calendar_files: list[str] | None = None,
           lang: str = "zh", rmb: bool = False) -> RollupResult:
    """汇总上报: a row per unit from its plan (ledgers, activity records) or from the json report it sent;
    ``rmb`` writes 人民币 before the total in 大写.

    A missing input leaves the result without a table (exit code 2), and so does a unit seen twice (FP801, exit
    code 1); a json file that is not a fupin report raises ``RollupInputError``.
    """
    cal, _ = calendar(calendar_files)
    roll = collect_rollup(inputs, as_of=as_of, cal=cal, lang=lang)
    out = RollupResult(files=roll.files, summaries=roll.summaries, missing=roll.missing,
                       duplicated=roll.duplicated, inputs=roll.inputs, diagnostics=roll.diagnostics)
    if roll.missing or roll.duplicated:
        return out
    out.table = rollup_table(roll.summaries, issuer, as_of, lang, rmb)
    out.total = dict(zip((c.key for c in out.table.columns), out.table.total or []))
    out.total["unit"] = issuer or out.total.get("unit")
    out.meta = {"title": out.table.title, "issuer": issuer, "year": as_of.year, "file": None}
    return out
