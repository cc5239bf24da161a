"""Reports: each named ``Table`` built once from the engines' results, for every renderer to show.

    >>> from datetime import date
    >>> t = deadlines_table([], date(2020, 10, 15))
    >>> t.title
    '报送时间表（截至 2020-10-15）'
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from .diagnostics import Findings, FupinError
from .engines.ledger import REJECT_CODES
from .table import Column, Table

if TYPE_CHECKING:
    from .engines.deadlines import DeadlineRow

KIND_EN = {"submission": "submit", "activity_due": "complete", "activity": "activity", "phase": "phase ends",
           "week": "activity week", "publicity": "publicity"}


def deadlines_table(rows: list["DeadlineRow"], as_of: date, lang: str = "zh") -> Table:
    """报送时间表: due date with weekday, what, from → to, who owes it, plan, status in a clerk's words."""
    from .engines.deadlines import KIND_ZH
    columns = [
        Column("due", "截止日期", "Due", "date"),
        Column("kind", "类别", "Kind"),
        Column("what", "事项", "What"),
        Column("route", "报送", "From → to"),
        Column("units", "责任单位", "Responsible"),
        Column("plan", "方案", "Plan"),
        Column("status", "状态", "Status"),
        Column("status_code", "状态代码", "Status code", visible=False),
        Column("days", "剩余天数", "Days left", "int", visible=False),
        Column("working_days", "剩余工作日", "Working days left", "int", visible=False),
        Column("deadline", "是否截止", "Deadline", visible=False),
        Column("done", "完成日期", "Done", "date", visible=False),
        Column("rule", "期限规则", "Rule", visible=False),
        Column("contact", "联系人", "Contact", visible=False),
        Column("file", "文件", "File", visible=False),
        Column("uid", "UID", "UID", visible=False),
    ]
    body, styles = [], []
    for r in rows:
        it, st = r.item, r.status
        senders = "、".join(it.sender)
        route = f"{senders} → {it.receiver}" if it.receiver else senders
        kind = KIND_EN[it.kind] if lang == "en" else KIND_ZH[it.kind]
        what = it.what + (f"（至 {it.end.isoformat()}）" if it.end else "")
        body.append([it.date, kind, what, route, it.units, os.path.splitext(os.path.basename(it.file))[0],
                     st.text(lang), st.code, st.days, st.working_days, it.deadline, it.done, it.rule, it.contact,
                     it.file, it.uid])
        styles.append(st.code if it.deadline else ("done" if st.code == "done" else None))
    title = f"报送时间表（截至 {as_of.isoformat()}）"
    return Table("deadlines", title, columns, body, title_en=f"Deadlines as of {as_of.isoformat()}",
                 styles=styles, as_of=as_of, label="报送时间表")


# --- donations -----------------------------------------------------------------------------------------

def _identity_note(report, lang: str) -> str:
    r, a, s, j = report.rows_read, report.accepted, report.skipped, report.rejected
    if lang == "en":
        return f"rows read {r:,} = accepted {a:,} + skipped {s:,} + rejected {j:,}"
    return f"读取 {r:,} 行 = 有效 {a:,} + 跳过 {s:,} + 拒收 {j:,}"


def donations_table(report, lang: str = "zh", issuer: str | None = None, as_of: date | None = None) -> Table:
    """捐赠统计表: per group, gifts, donors, cash, goods at value, total; a 合计 row; the total in 大写."""
    from .engines.ledger import DONOR_TYPE_ZH, GROUP_EN, GROUP_ZH, KIND_ZH
    from .money import to_capital

    columns = [Column(k, GROUP_ZH[k], GROUP_EN[k], "date" if k == "date" else "text") for k in report.by]
    columns += [Column("gifts", "笔数", "Gifts", "int"), Column("donors", "捐赠人数", "Donors", "int"),
                Column("cash", "现金（元）", "Cash", "money"), Column("goods", "物资折价（元）", "Goods at value", "money"),
                Column("total", "合计（元）", "Total", "money")]

    def label(k: str, v):
        if k == "kind":
            return KIND_ZH.get(v, v) if lang != "en" else v
        if k == "donor_type":
            return DONOR_TYPE_ZH.get(v, v) if lang != "en" else v
        return v

    rows = []
    for key in sorted(report.groups, key=lambda t: tuple("" if x is None else str(x) for x in t)):
        agg = report.groups[key]
        rows.append([label(k, v) for k, v in zip(report.by, key)] +
                    [agg.gifts, agg.donors, agg.cash, agg.goods, agg.total])
    t = report.total
    total = ["合计" if lang != "en" else "Total"] + [""] * (len(report.by) - 1) + \
        [t.gifts, t.donors, t.cash, t.goods, t.total]
    notes = [(f"Total in words: {to_capital(t.total)}" if lang == "en" else f"合计（大写）：{to_capital(t.total)}"),
             _identity_note(report, lang)]
    return Table("donations", "捐赠统计表", columns, rows, title_en="Donations", issuer=issuer, as_of=as_of,
                 unit_of_measure="元", total=total, notes=notes)


def large_gifts_table(report, lang: str = "zh") -> Table:
    """大额捐赠登记表: the single gifts over the thresholds, which earn a certificate."""
    from .engines.ledger import DONOR_TYPE_ZH, KIND_ZH
    from .privacy import scrub

    columns = [Column("no", "序号", "No.", "int"), Column("donor", "捐赠人", "Donor"),
               Column("donor_type", "类型", "Type"), Column("unit", "所属单位", "Unit"), Column("kind", "款物", "Kind"),
               Column("amount", "金额（元）", "Amount", "money"), Column("date", "日期", "Date", "date"),
               Column("receipt", "票据号", "Receipt"), Column("source", "台账位置", "Ledger line")]
    rows = [[i, scrub(g.donor), DONOR_TYPE_ZH[g.donor_type] if lang != "en" else g.donor_type, g.unit,
             KIND_ZH[g.kind] if lang != "en" else g.kind, g.amount, g.date, g.receipt, f"{g.file}:{g.line}"]
            for i, g in enumerate(sorted(report.large, key=lambda g: (-g.amount, g.file, g.line)), 1)]
    return Table("large", "大额捐赠登记表", columns, rows, title_en="Large donations (certificates)",
                 unit_of_measure="元")


def publicity_table(report, lang: str = "zh", anonymous_label: str | None = None) -> Table:
    """捐赠公示名单: units by name; persons masked unless they consented (or the plan's label, e.g. 爱心人士)."""
    from .engines.ledger import DONOR_TYPE_ZH
    from .privacy import mask_name, scrub

    columns = [Column("no", "序号", "No.", "int"), Column("donor", "捐赠人", "Donor"), Column("donor_type", "类型", "Type"),
               Column("unit", "所属单位", "Unit"), Column("cash", "现金（元）", "Cash", "money"),
               Column("goods", "物资折价（元）", "Goods at value", "money"), Column("total", "合计（元）", "Total", "money")]
    entries = sorted(report.publicity.values(),
                     key=lambda e: (e.donor_type != "unit", -(e.cash + e.goods), e.first))
    rows = []
    for i, e in enumerate(entries, 1):
        if e.donor_type == "unit" or e.consent:
            name = scrub(e.donor)
        else:
            name = anonymous_label or mask_name(e.donor)
        rows.append([i, name, DONOR_TYPE_ZH[e.donor_type] if lang != "en" else e.donor_type, e.unit,
                     e.cash, e.goods, e.cash + e.goods])
    t = report.total
    total = ["合计" if lang != "en" else "Total", "", "", "", t.cash, t.goods, t.total]
    notes = ["个人姓名除本人同意公开者外只显示姓氏（个人信息保护法 第二十五条）；不公示电话、身份证号。"
             if lang != "en" else "Persons' given names are masked unless they consented; no phone or ID numbers."]
    return Table("publicity", "捐赠公示名单", columns, rows, title_en="Publicity list", unit_of_measure="元",
                 total=total, notes=notes)


# --- who does what ---------------------------------------------------------------------------------------

def matrix_table(resp, lang: str = "zh") -> Table:
    """责任分工矩阵: activities down, units across, 主办 ● and 协办 ○."""
    units = [u for u in resp.units if u.leads or u.supports]
    columns = [Column("no", "序号", "No."), Column("activity", "活动", "Activity")]
    columns += [Column(f"u{i}", u.name if u.name == u.unit else u.unit, u.unit) for i, u in enumerate(units)]
    columns += [Column("when", "时间", "When", "date"), Column("due", "截止", "Due", "date")]
    rows = []
    for r in resp.rows:
        cells = ["●" if u.unit in r.lead else ("○" if u.unit in r.support else "") for u in units]
        rows.append([r.label, r.title] + cells + [r.when, r.due])
    notes = ["● 主办（牵头）  ○ 协办（配合）" if lang != "en" else "● lead  ○ support"]
    if resp.no_lead:
        what = "、".join(f"{r.label} {r.title}".strip() for r in resp.no_lead)
        notes.append(f"没有主办单位的活动：{what}" if lang != "en" else f"Activities without a lead: {what}")
    if resp.idle:
        who = "、".join(u.name for u in resp.idle)
        notes.append(f"没有分配任务的单位：{who}" if lang != "en" else f"Units with nothing to do: {who}")
    return Table("matrix", "责任分工矩阵", columns, rows, title_en="Responsibility matrix", notes=notes)


def unit_load_table(resp, lang: str = "zh") -> Table:
    """Per unit: how many activities it leads and supports, and its next deadline."""
    columns = [Column("unit", "单位", "Unit"), Column("leads", "主办项数", "Leads", "int"),
               Column("supports", "协办项数", "Supports", "int"), Column("next_due", "下一个截止", "Next due", "date"),
               Column("next_what", "事项", "What")]
    rows = [[u.name, u.leads, u.supports, u.next_due, u.next_what] for u in resp.units]
    return Table("unit_load", "各单位任务汇总", columns, rows, title_en="Work per unit")


def task_sheet_table(resp, unit: str, lang: str = "zh") -> Table:
    """One unit's task sheet: its activities, role, dates and deadlines, in order."""
    ids = {u.unit for u in resp.units if unit in (u.unit, u.name)} or {unit}
    columns = [Column("no", "序号", "No."), Column("activity", "活动", "Activity"), Column("role", "职责", "Role"),
               Column("when", "时间", "When", "date"), Column("due", "截止", "Due", "date"),
               Column("with", "配合单位", "Together with")]
    rows = []
    for r in resp.rows:
        if ids & set(r.lead):
            role = "主办" if lang != "en" else "lead"
            others = [u for u in r.support]
        elif ids & set(r.support):
            role = "协办" if lang != "en" else "support"
            others = [u for u in r.lead]
        else:
            continue
        rows.append([r.label, r.title, role, r.when, r.due, others])
    rows.sort(key=lambda row: (row[4] or row[3] or date.max))
    name = next((u.name for u in resp.units if u.unit in ids), unit)
    return Table("task_sheet", f"{name}任务清单", columns, rows, title_en=f"Tasks of {name}")


def responsibility_table(resp, lang: str = "zh") -> Table:
    """活动安排及责任分工表, as notices lay it out: 序号, 活动内容, 主办（牵头）单位, 协办（配合）单位, 时间安排."""
    columns = [Column("no", "序号", "No."), Column("activity", "活动内容", "Activity"),
               Column("lead", "主办（牵头）单位", "Lead"), Column("support", "协办（配合）单位", "Support"),
               Column("when", "时间安排", "When", "date"), Column("due", "完成时限", "Due", "date")]
    rows = [[r.label, r.title, r.lead, r.support, r.when, r.due] for r in resp.rows]
    return Table("responsibility", "活动安排及责任分工表", columns, rows, title_en="Activities and responsibilities",
                 issuer=resp.plan.issuer)


def proposals_table(proposals, lang: str = "zh") -> Table:
    columns = [Column("no", "序号", "No."), Column("activity", "活动", "Activity"), Column("lead", "建议主办", "Proposed lead"),
               Column("support", "建议协办", "Proposed support"), Column("rule", "依据", "Rule")]
    rows = [[p.row.label, p.row.title, p.rule.lead, p.rule.support, p.describe()] for p in proposals]
    return Table("proposals", "主办单位建议", columns, rows, title_en="Proposed leads")


# --- the tables sent upward --------------------------------------------------------------------------------

FOOTER = ["制表人：", "审核人：", "负责人："]
FOOTER_EN = ["Prepared by:", "Checked by:", "Approved by:"]

#: table name -> Chinese title; ``fupin report --table`` takes either
REPORT_TABLES = {"responsibility": "活动安排及责任分工表", "deadlines": "报送时间表", "donations": "捐赠统计表",
                 "large": "大额捐赠登记表", "publicity": "捐赠公示名单", "activities": "扶贫日活动情况统计表",
                 "pairing": "结对情况表", "compliance": "走访达标情况"}


def activity_stats_table(records, lang: str = "zh") -> Table:
    """扶贫日活动情况统计表 per unit: activities held, participants, beneficiaries, cash, goods, total."""
    from .money import to_capital
    from .engines.records import UnitStats

    columns = [Column("unit", "单位", "Unit"), Column("activities", "活动次数", "Activities", "int"),
               Column("participants", "参与人数", "Participants", "int"),
               Column("beneficiaries", "受益人数", "Beneficiaries", "int"),
               Column("cash", "捐款（元）", "Cash", "money"), Column("goods", "捐物折价（元）", "Goods at value", "money"),
               Column("total", "合计（元）", "Total", "money")]
    total = UnitStats("合计" if lang != "en" else "Total")
    rows = []
    for unit in sorted(records.units):
        u = records.units[unit]
        total.add(u)
        rows.append([u.unit, u.activities, u.participants, u.beneficiaries, u.cash, u.goods, u.total])
    read = sum(f.rows_read for f in records.files)
    acc = sum(f.accepted for f in records.files)
    rej = sum(len(f.rejected) for f in records.files)
    notes = [f"合计（大写）：{to_capital(total.total)}" if lang != "en" else f"Total in words: {to_capital(total.total)}",
             (f"读取 {read:,} 行 = 有效 {acc:,} + 跳过 {read - acc - rej:,} + 拒收 {rej:,}" if lang != "en" else
              f"rows read {read:,} = accepted {acc:,} + skipped {read - acc - rej:,} + rejected {rej:,}")]
    return Table("activities", "扶贫日活动情况统计表", columns, rows, title_en="Poverty Alleviation Day activities",
                 unit_of_measure="元", notes=notes,
                 total=[total.unit, total.activities, total.participants, total.beneficiaries, total.cash,
                        total.goods, total.total])


def official(table: Table, issuer: str | None, as_of: date, lang: str = "zh") -> Table:
    """A table as it is sent upward: the issuing unit, the date, and the signature footer."""
    table.issuer = issuer
    table.as_of = as_of
    table.footer = FOOTER_EN if lang == "en" else FOOTER
    return table


def build_report(lp, *, as_of: date, cal, names: list[str] | None = None, lang: str = "zh") -> tuple[list[Table], list]:
    """The named tables of one plan (all by default; those whose inputs the plan lacks are left out), each
    computed once by the engines. Returns the tables and the diagnostics met on the way."""
    from .engines.assign import responsibility
    from .engines.deadlines import DeadlineRow, plan_items, status, urgency_key
    from .engines.ledger import options_for_plan, plan_ledger_files, read_ledgers
    from .engines.records import read_records

    plan = lp.plan
    wanted = names or list(REPORT_TABLES)
    tables: list[Table] = []
    diags: list = []
    if "responsibility" in wanted:
        tables.append(official(responsibility_table(responsibility(lp, as_of, cal), lang), plan.issuer, as_of, lang))
    if "deadlines" in wanted or "timeline" in wanted:
        items, d = plan_items(lp, cal)
        diags += d
        rows = [DeadlineRow(i, status(i.last_day or i.date, as_of, i.done, cal, i.deadline, i.end)) for i in items]
        rows.sort(key=lambda r: urgency_key(r.item, r.status))
        if "timeline" in wanted:
            tables.append(timeline_table(lp, items, {id(r.item): r.status.code for r in rows}, as_of, lang))
        if "deadlines" in wanted:
            tables.append(official(deadlines_table(rows, as_of, lang), plan.issuer, as_of, lang))
    ledgers = plan_ledger_files(lp.file, plan.ledgers)
    if ledgers and {"donations", "large", "publicity"} & set(wanted):
        opts = options_for_plan(plan, publicity="publicity" in wanted)
        ledger = read_ledgers(ledgers, opts)
        diags += ledger.diagnostics
        label = plan.donation_policy.anonymous_label if plan.donation_policy else None
        for name, make in (("donations", lambda: donations_table(ledger, lang)),
                           ("large", lambda: large_gifts_table(ledger, lang)),
                           ("publicity", lambda: publicity_table(ledger, lang, label))):
            if name in wanted:
                tables.append(official(make(), plan.issuer, as_of, lang))
    if plan.pairing is not None and {"pairing", "compliance"} & set(wanted):
        from .engines.pairing import compliance, coverage, read_visits

        log = read_visits(plan_ledger_files(lp.file, plan.pairing.visit_logs), plan.pairing, plan.year)
        diags += log.diagnostics
        if "pairing" in wanted:
            tables.append(official(pairing_coverage_table(plan.pairing, coverage(plan.pairing), lang), plan.issuer,
                                   as_of, lang))
        if "compliance" in wanted and plan.pairing.policy is not None:
            start = plan.period.start if plan.period else min((v.day for v in log.visits), default=as_of)
            rows = compliance(plan.pairing, log.visits, as_of, cal, start)
            tables.append(official(compliance_table(rows, plan.pairing.policy, lang), plan.issuer, as_of, lang))
    records = plan_ledger_files(lp.file, plan.activity_records)
    if records and "activities" in wanted:
        rec = read_records(records, plan.year)
        diags += rec.diagnostics
        tables.append(official(activity_stats_table(rec, lang), plan.issuer, as_of, lang))
    return tables, diags


REPORT_SCHEMA = "fupin-report/1"


def report_document(plan: dict, tables: list[Table], as_of: date, summary: dict, lang: str = "zh") -> dict:
    """The json a unit sends upward: a documented, stable schema (README, “json reports”)."""
    from .render.flat import _plain, table_dict

    return {
        "schema": REPORT_SCHEMA,
        "as_of": as_of.isoformat(),
        "plan": plan,
        "summary": {k: _plain(v) for k, v in summary.items()},
        "tables": [table_dict(t, lang) for t in tables],
    }


def timeline_table(lp, items, statuses: dict, as_of: date, lang: str = "zh") -> Table:
    """活动时间轴: phases, activity weeks, activities (bars) and deadlines (points) with their status."""
    from .model import walk_activities

    plan = lp.plan
    columns = [Column("kind", "类别", "Kind"), Column("label", "事项", "Item"), Column("start", "开始", "Start", "date"),
               Column("end", "结束", "End", "date"), Column("status", "状态", "Status")]
    rows = []
    for key, kind in (("phases", "phase"), ("weeks", "week")):
        for ph in getattr(plan, key):
            rows.append([kind, ph.name, ph.start, ph.end, ""])
    for a, _, _ in walk_activities(plan):
        start = a.date or a.start
        if start:
            rows.append(["activity", a.title, start, a.end or start, ""])
    for it in items:
        if it.deadline:
            rows.append(["deadline", it.what, it.date, None, statuses.get(id(it), "")])
    rows.sort(key=lambda r: (r[2], r[0] != "phase"))
    return Table("timeline", "活动时间轴", columns, rows, title_en="Campaign timeline", as_of=as_of, label="时间轴")


# --- roll-up (汇总上报) ------------------------------------------------------------------------------------

SUMMARY_KEYS = ("activities", "participants", "beneficiaries", "gifts", "donors", "cash", "goods", "total")


def unit_summary(unit: str, tables: list[Table]) -> dict:
    """One unit's figures for the level above, taken from its own tables (nothing is recomputed): donations from
    the 捐赠统计表, activities from the 扶贫日活动情况统计表 (whose money counts only where there is no ledger)."""
    out: dict = {"unit": unit, "activities": 0, "participants": 0, "beneficiaries": 0, "gifts": 0, "donors": 0,
                 "cash": Decimal("0.00"), "goods": Decimal("0.00"), "total": Decimal("0.00")}
    by_name = {t.name: t for t in tables}
    act = by_name.get("activities")
    if act is not None and act.total:
        rec = dict(zip((c.key for c in act.columns), act.total))
        for k in ("activities", "participants", "beneficiaries", "cash", "goods", "total"):
            out[k] = rec[k]
    don = by_name.get("donations")
    if don is not None and don.total:
        rec = dict(zip((c.key for c in don.columns), don.total))
        for k in ("gifts", "donors", "cash", "goods", "total"):
            out[k] = rec[k]
    return out


def rollup_table(summaries: list[dict], issuer: str | None, as_of: date, lang: str = "zh") -> Table:
    """扶贫日活动情况汇总表: a row per unit and a 合计 row, from units' plans or the json reports they sent."""
    from .money import to_capital

    columns = [Column("unit", "单位", "Unit"), Column("activities", "活动次数", "Activities", "int"),
               Column("participants", "参与人数", "Participants", "int"),
               Column("beneficiaries", "受益人数", "Beneficiaries", "int"),
               Column("gifts", "捐赠笔数", "Gifts", "int"), Column("donors", "捐赠人数", "Donors", "int"),
               Column("cash", "捐款（元）", "Cash", "money"), Column("goods", "捐物折价（元）", "Goods at value", "money"),
               Column("total", "合计（元）", "Total", "money")]
    rows = [[s[c.key] for c in columns] for s in summaries]
    total = ["合计" if lang != "en" else "Total"] + [sum((r[i] for r in rows), type(rows[0][i])() if rows else 0)
                                                     for i in range(1, len(columns))]
    total = [total[0]] + [Decimal(v).quantize(Decimal("0.01")) if c.kind == "money" else v
                          for v, c in zip(total[1:], columns[1:])]
    notes = [f"合计（大写）：{to_capital(total[-1])}" if lang != "en" else f"Total in words: {to_capital(total[-1])}",
             (f"汇总单位 {len(rows)} 个" if lang != "en" else f"{len(rows)} units")]
    return official(Table("rollup", "扶贫日活动情况汇总表", columns, rows, title_en="Roll-up by unit",
                          unit_of_measure="元", total=total, notes=notes), issuer, as_of, lang)


def summary_from_json(doc: dict) -> dict:
    """A json report's summary row (amounts back to Decimal)."""
    s = dict(doc["summary"])
    for k in ("cash", "goods", "total"):
        s[k] = Decimal(s[k])
    return s


# --- 结对帮扶 ---------------------------------------------------------------------------------------------

def pairing_coverage_table(pairing, cov, lang: str = "zh") -> Table:
    """结对情况表: who is paired with whom, the pairing rate against the aim, the unpaired, helpers over capacity."""
    columns = [Column("helper", "帮扶方", "Helper"), Column("kind", "类型", "Kind"), Column("leader", "组长", "Leader"),
               Column("members", "成员", "Members"), Column("targets", "帮扶对象", "Targets"),
               Column("mode", "方式", "Mode"), Column("start", "结对日期", "Since", "date")]
    helpers = {h.id: h for h in pairing.helpers}
    rows = []
    for p in pairing.pairs:
        h = helpers.get(p.helper)
        rows.append([p.helper, h.kind if h else "", h.leader if h else "", h.members if h else [], p.targets,
                     p.mode or "", p.start])
    aim_text = f"{cov.aim.normalize():f}" if cov.aim is not None else ""
    aim = f"（目标 {aim_text}%）" if cov.aim is not None else ""
    notes = [f"结对率：{cov.paired}/{cov.targets} = {cov.rate}%{aim}" if lang != "en" else
             f"Pairing rate: {cov.paired}/{cov.targets} = {cov.rate}%" + (f" (aim {aim_text}%)" if aim else "")]
    if cov.unpaired:
        who = "、".join(f"{t.id}（{'，'.join(x for x in [t.village, '、'.join(t.causes), '低保' if t.dibao else ''] if x)}）"
                       for t in cov.unpaired)
        notes.append(f"尚未结对：{who}" if lang != "en" else f"Not yet paired: {who}")
    for helper, count, cap in cov.over_capacity:
        notes.append(f"超出帮扶上限：{helper} 结对 {count} 个，上限 {cap}" if lang != "en" else
                     f"Over capacity: {helper} has {count}, capacity {cap}")
    return Table("pairing", "结对情况表", columns, rows, title_en="Pairings", notes=notes, label="结对情况表")


def compliance_table(rows, policy, lang: str = "zh") -> Table:
    """走访达标情况: for each group (or pairing), periods judged, met, below (which), exempt, occasions missed."""
    unit = ("周" if policy.per == "week" else "月") if lang != "en" else policy.per
    columns = [Column("who", "帮扶方", "Helper"), Column("targets", "帮扶对象", "Targets"),
               Column("judged", f"考核{unit}数", f"{unit}s judged", "int"), Column("met", "达标", "Met", "int"),
               Column("below", "未达标", "Below", "int"), Column("which", f"未达标的{unit}", f"Which {unit}s"),
               Column("exempt", "免考", "Exempt", "int"), Column("occasions", "漏访时节", "Occasions missed")]
    out, styles = [], []
    for c in rows:
        judged = [p for p in c.periods if not p.exempt]
        below = c.below
        which = [f"{p.start.month}月{p.start.day}日—{p.end.month}月{p.end.day}日（{p.visits}次）" if lang != "en" else
                 f"{p.start.isoformat()}–{p.end.isoformat()} ({p.visits})" for p in below]
        missed = [f"{name}：{t}" for name, t, _, _ in c.missed_occasions]
        out.append([c.who, c.targets, len(judged), len(judged) - len(below), len(below), which,
                    len(c.periods) - len(judged), missed])
        styles.append("overdue" if below or missed else None)
    need = f"每{unit}至少 {policy.minimum} 次" if lang != "en" else f"at least {policy.minimum} a {unit}"
    scope = ("按帮扶小组考核" if policy.scope == "group" else "按结对户考核") if lang != "en" else f"per {policy.scope}"
    notes = [f"走访要求：{need}，{scope}；只考核已结束的{unit}" + ("；节假日周（工作日不超过 2 天）免考" if
             policy.per == "week" and policy.holiday_weeks_exempt else "") if lang != "en" else
             f"Policy: {need}, {scope}; only finished {unit}s are judged"]
    return Table("compliance", "走访达标情况", columns, out, title_en="Visit compliance", styles=styles, notes=notes,
                 label="走访达标情况")


def briefing_table(rows, month: date, lang: str = "zh") -> Table:
    """月度通报: per group, visits to its households this month and last, help given by kind, value."""
    prev = month.replace(day=1) - timedelta(days=1)
    columns = [Column("helper", "帮扶小组", "Group"), Column("targets", "帮扶对象", "Households"),
               Column("visits", f"{month.month}月走访次数", f"Visits in {month:%Y-%m}", "int"),
               Column("previous", f"{prev.month}月走访次数", f"Visits in {prev:%Y-%m}", "int"),
               Column("change", "增减", "Change"), Column("kinds", "帮扶内容", "Help given"),
               Column("value", "价值（元）", "Value", "money")]
    out = []
    for r in rows:
        kinds = "、".join(f"{k}{n}次" if lang != "en" else f"{k} ×{n}" for k, n in sorted(r.kinds.items()))
        out.append([r.helper, r.targets, r.visits, r.previous, f"{r.change:+d}", kinds, r.value])
    total_value = sum((r.value for r in rows), Decimal("0.00"))
    v, pv = sum(r.visits for r in rows), sum(r.previous for r in rows)
    total = ["合计" if lang != "en" else "Total", "", v, pv, f"{v - pv:+d}", "", total_value]
    title = f"{month.year}年{month.month}月结对帮扶走访情况通报"
    return Table("briefing", title, columns, out, title_en=f"Pairing visits, {month:%Y-%m}", total=total,
                 unit_of_measure="元", label="月度通报")


class RollupInputError(FupinError):
    """A roll-up input that is not a fupin json report."""


@dataclass
class Rollup(Findings):
    """Units' summary rows; a plan that does not check fails the roll-up, a ledger's rejected rows do not."""

    lenient: ClassVar[frozenset[str]] = REJECT_CODES

    files: list[str] = field(default_factory=list)
    summaries: list[dict] = field(default_factory=list)
    missing: bool = False


def collect_rollup(inputs: list[str], *, as_of: date, cal, lang: str = "zh") -> Rollup:
    """The units' summary rows, from their plans (folders: *.yaml, *.yml) or their json reports (*.json)."""
    import glob
    import json

    from .diagnostics import diag
    from .engines.validate import validate_plan

    out = Rollup()
    for p in inputs:
        if os.path.isdir(p):
            out.files += sorted(f for ext in ("yaml", "yml", "json") for f in glob.glob(os.path.join(p, f"*.{ext}")))
        elif os.path.exists(p):
            out.files.append(p)
        else:
            out.diagnostics.append(diag("FP001", file=p))
            out.missing = True
    if out.missing:
        return out
    for f in out.files:
        if f.endswith(".json"):
            try:
                with open(f, encoding="utf-8-sig") as fh:
                    doc = json.load(fh)
                if doc.get("schema") != REPORT_SCHEMA:
                    raise ValueError(f"schema is not {REPORT_SCHEMA}")
                out.summaries.append(summary_from_json(doc))
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
                raise RollupInputError(f"{f} 不是 fupin 的 json 报表：{e}", f"{f} is not a fupin json report: {e}") from None
            continue
        lp = validate_plan(f, cal)
        errors = [d for d in lp.diagnostics if d.severity == "error"]
        if lp.plan is None or errors:
            out.diagnostics += errors
            continue
        tables, diags = build_report(lp, as_of=as_of, cal=cal, names=["donations", "activities"], lang=lang)
        out.diagnostics += diags
        out.summaries.append(unit_summary(lp.plan.issuer or lp.plan.title, tables))
    return out
