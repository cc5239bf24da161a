"""The tables sent upward: 扶贫日活动情况统计表, every named table of one plan (``build_report``), and the json
report a unit sends (``report_document``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..engines.assign import responsibility
from ..engines.deadlines import DeadlineRow, plan_items, status, urgency_key
from ..engines.ledger.plans import options_for_plan, plan_ledger_files, plan_policy
from ..engines.ledger.read import read_ledgers
from ..engines.calendar import UnknownYear
from ..engines.pairing import compliance, compliance_start, coverage, read_visits
from ..engines.records import UnitStats, read_records
from ..render.flat import money_text, plain, table_dict
from ..diagnostics import Text, diag
from ..money import format_amount
from ..table import Column, Table, total_in_words
from .assign import responsibility_table
from .base import TOTAL, official, rows_note
from .deadlines import deadlines_table, timeline_table
from .donations import donations_table, large_gifts_table, publicity_table
from .pairing import compliance_table, pairing_coverage_table

#: table name -> Chinese title; ``fupin report --table`` takes either
REPORT_TABLES = {"responsibility": "活动安排及责任分工表", "deadlines": "报送时间表", "donations": "捐赠统计表",
                 "large": "大额捐赠登记表", "publicity": "捐赠公示名单", "activities": "扶贫日活动情况统计表",
                 "pairing": "结对情况表", "compliance": "走访达标情况"}

REPORT_SCHEMA = "fupin-report/1"


def activity_columns(*between: Column) -> list[Column]:
    """The columns of the activity tables: 单位, 活动次数, 参与人数, 受益人数, ``between``, 捐款, 捐物折价, 合计."""
    return [Column("unit", "单位", "Unit"), Column("activities", "活动次数", "Activities", "int"),
            Column("participants", "参与人数", "Participants", "int"),
            Column("beneficiaries", "受益人数", "Beneficiaries", "int"), *between,
            Column("cash", "捐款（元）", "Cash", "money"), Column("goods", "捐物折价（元）", "Goods at value", "money"),
            Column("total", "合计（元）", "Total", "money")]


#: a plan's 活动日 → the day its activity table is named after (Chinese, English)
CAMPAIGN_DAYS = {"10-17": Text("扶贫日", "Poverty Alleviation Day"), "06-30": Text("扶贫济困日", "Poverty Relief Day"),
                 None: Text("", "Campaign")}


def activity_stats_table(records, lang: str = "zh", rmb: bool = False, campaign_day: str | None = "10-17") -> Table:
    """扶贫日活动情况统计表 per unit: activities held, participants, beneficiaries, cash, goods, total (``rmb``:
    人民币 before the total in 大写). The title follows the plan's 活动日 (``campaign_day``, 10-17 or 06-30):
    扶贫日活动情况统计表, 扶贫济困日活动情况统计表; a plan without one gets 活动情况统计表."""
    day = CAMPAIGN_DAYS.get(campaign_day, CAMPAIGN_DAYS[None])
    columns = activity_columns()
    total = UnitStats(TOTAL(lang))
    rows = []
    for unit in sorted(records.units):
        u = records.units[unit]
        total.add(u)
        rows.append([u.unit, u.activities, u.participants, u.beneficiaries, u.cash, u.goods, u.total])
    read = sum(f.rows_read for f in records.files)
    acc = sum(f.accepted for f in records.files)
    rej = sum(len(f.rejected) for f in records.files)
    notes = [total_in_words(total.total, rmb)(lang), rows_note(read, acc, read - acc - rej, rej)(lang)]
    return Table("activities", f"{day.zh}活动情况统计表", columns, rows, title_en=f"{day.en} activities",
                 unit_of_measure="元", notes=notes,
                 # the money the ledgers show too, when the records carry it at all
                 figures={"donations": total.total, "cash": total.cash, "goods": total.goods}
                 if records.money_columns else {},
                 total=[total.unit, total.activities, total.participants, total.beneficiaries, total.cash,
                        total.goods, total.total])


def build_report(lp, *, as_of: date, cal, names: list[str] | None = None, lang: str = "zh",
                 donation_rules: tuple | None = None, rmb: bool = False) -> tuple[list[Table], list]:
    """The named tables of one plan (all by default; those whose inputs the plan lacks are left out), each
    computed once by the engines; ``rmb`` writes 人民币 before the totals in 大写. Returns the tables and the
    diagnostics met on the way, among them FP625 when two tables show the same money differently.
    ``donation_rules``: an office's rules (``DonationPolicy``) and their file, for what the plan's 捐赠规则 leave
    unsaid."""
    plan = lp.plan
    wanted = names or list(REPORT_TABLES)
    tables: list[Table] = []
    diags: list = []

    def add(table: Table) -> None:
        tables.append(official(table, plan.issuer, as_of, lang, year=plan.year))

    if "responsibility" in wanted:
        add(responsibility_table(responsibility(lp, as_of, cal), lang))
    if "deadlines" in wanted or "timeline" in wanted:
        items, d = plan_items(lp, cal, donation_rules)
        diags += d
        rows = [DeadlineRow(i, status(i.last_day or i.date, as_of, i.done, cal, i.deadline, i.end)) for i in items]
        rows.sort(key=lambda r: urgency_key(r.item, r.status))
        if "timeline" in wanted:
            tables.append(timeline_table(lp, items, {id(r.item): r.status.code for r in rows}, as_of, lang))
        if "deadlines" in wanted:  # a table sent upward reads by date; the terminal view stays by urgency
            add(deadlines_table(sorted(rows, key=lambda r: date_key(r.item)), as_of, lang))
    ledgers = plan_ledger_files(lp.file, plan.ledgers)
    if ledgers and {"donations", "large", "publicity"} & set(wanted):
        defaults, defaults_file = donation_rules or (None, "")
        opts = options_for_plan(plan, defaults, defaults_file, publicity="publicity" in wanted)
        ledger = read_ledgers(ledgers, opts)
        diags += ledger.diagnostics
        policy, _ = plan_policy(plan, defaults, defaults_file)
        label = policy.anonymous_label if policy else None
        for name, make in (("donations", lambda: donations_table(ledger, lang, rmb=rmb)),
                           ("large", lambda: large_gifts_table(ledger, lang)),
                           ("publicity", lambda: publicity_table(ledger, lang, label))):
            if name in wanted:
                add(make())
    if plan.pairing is not None and {"pairing", "compliance"} & set(wanted):
        log = read_visits(plan_ledger_files(lp.file, plan.pairing.visit_logs), plan.pairing, plan.year)
        diags += log.diagnostics
        if "pairing" in wanted:
            add(pairing_coverage_table(plan.pairing, coverage(plan.pairing), lang))
        if "compliance" in wanted and plan.pairing.policy is not None:
            start = compliance_start(plan, log.visits, as_of)
            try:
                rows = compliance(plan.pairing, log.visits, as_of, cal, start, plan.period)
            except UnknownYear as e:  # a week to judge in a year the calendar does not know: no table
                diags.append(e.diagnostic(lp.file))
            else:
                add(compliance_table(rows, plan.pairing.policy, lang))
    records = plan_ledger_files(lp.file, plan.activity_records)
    if records and "activities" in wanted:
        rec = read_records(records, plan.year)
        diags += rec.diagnostics
        add(activity_stats_table(rec, lang, rmb, plan.campaign_day))
    diags += disagreements(tables, lp.file)
    return tables, diags


#: the order of a day's items in the 报送时间表 sent upward
KIND_ORDER = {k: i for i, k in enumerate(("submission", "publicity", "activity_due", "activity", "week", "phase"))}


def date_key(item) -> tuple:
    """The 报送时间表 sent upward in date order, then by kind (报送 first) and what is due."""
    return (item.date, KIND_ORDER.get(item.kind, len(KIND_ORDER)), item.what)


#: what a figure is, for FP625
FIGURE_NAMES = {"donations": Text("捐赠合计", "total given"), "cash": Text("现金（捐款）", "cash"),
                "goods": Text("物资折价", "goods at value")}


def disagreements(tables: list[Table], file: str | None = None) -> list:
    """FP625 for each figure two tables of one report show differently (the first table that shows it against
    each later one), with both figures."""
    out = []
    first: dict[str, Table] = {}
    for t in tables:
        for key, value in t.figures.items():
            seen = first.setdefault(key, t)
            if seen is not t and seen.figures[key] != value:
                out.append(diag("FP625", file=file, what=FIGURE_NAMES.get(key, key), a=seen.label or seen.title,
                                a_value=format_amount(seen.figures[key]), b=t.label or t.title,
                                b_value=format_amount(value), diff=format_amount(value - seen.figures[key])))
    return out


def report_document(plan: dict, tables: list[Table], as_of: date, summary: dict, lang: str = "zh") -> dict:
    """The json a unit sends upward: a documented, stable schema (README, “json reports”)."""
    return {
        "schema": REPORT_SCHEMA,
        "as_of": as_of.isoformat(),
        "plan": plan,
        "summary": {k: money_text(v) if isinstance(v, Decimal) else plain(v) for k, v in summary.items()},
        "tables": [table_dict(t, lang) for t in tables],
    }
