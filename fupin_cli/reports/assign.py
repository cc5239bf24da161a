"""Who does what: the responsibility matrix, each unit's load, one unit's task sheet, the 分工表, proposed leads."""

from __future__ import annotations

from datetime import date

from ..dates import first_of, last_of, shown
from ..diagnostics import Text
from ..table import Column, Table

LEGEND = Text("● 主办（牵头）  ○ 协办（配合）", "● lead  ○ support")
LEAD = Text("主办", "lead")
SUPPORT = Text("协办", "support")


def matrix_table(resp, lang: str = "zh") -> Table:
    """责任分工矩阵: activities down, units across, 主办 ● and 协办 ○."""
    units = [u for u in resp.units if u.leads or u.supports]
    columns = [Column("no", "序号", "No."), Column("activity", "活动", "Activity")]
    columns += [Column(f"u{i}", u.name if u.name == u.unit else u.unit, u.unit) for i, u in enumerate(units)]
    columns += [Column("when", "时间", "When", "date"), Column("due", "截止", "Due", "date")]
    rows = []
    for r in resp.rows:
        cells = ["●" if u.unit in r.lead else ("○" if u.unit in r.support else "") for u in units]
        rows.append([r.label, r.title] + cells + [shown(r.when, lang), shown(r.due, lang)])
    notes = [LEGEND(lang)]
    if resp.no_lead:
        what = "、".join(f"{r.label} {r.title}".strip() for r in resp.no_lead)
        notes.append(Text(f"没有主办单位的活动：{what}", f"Activities without a lead: {what}")(lang))
    if resp.idle:
        who = "、".join(u.name for u in resp.idle)
        notes.append(Text(f"没有分配任务的单位：{who}", f"Units with nothing to do: {who}")(lang))
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
    mine = []
    for r in resp.rows:
        if ids & set(r.lead):
            role, others = LEAD, list(r.support)
        elif ids & set(r.support):
            role, others = SUPPORT, list(r.lead)
        else:
            continue
        mine.append((r.due or r.when or date.max, [r.label, r.title, role(lang), shown(r.when, lang),
                                                   shown(r.due, lang), others]))
    mine.sort(key=lambda m: m[0])
    rows = [row for _, row in mine]
    name = next((u.name for u in resp.units if u.unit in ids), unit)
    return Table("task_sheet", f"{name}任务清单", columns, rows, title_en=f"Tasks of {name}")


def responsibility_table(resp, lang: str = "zh") -> Table:
    """活动安排及责任分工表, as notices lay it out: 序号, 活动内容, 主办（牵头）单位, 协办（配合）单位, 时间安排.

    A heading (（二） with sub-items 1、2、) is a row of its own above its sub-items, each numbered as the notice
    numbers it; dates show as written (``2015-09-01～10-31（9―10月）``, ``2020-10-31（六）（10月底前）``)."""
    columns = [Column("no", "序号", "No."), Column("activity", "活动内容", "Activity"),
               Column("lead", "主办（牵头）单位", "Lead"), Column("support", "协办（配合）单位", "Support"),
               Column("when", "时间安排", "When", "date"), Column("due", "完成时限", "Due", "date"),
               Column("number", "完整序号", "Full number", visible=False),
               Column("start", "开始日期", "Starts", "date", visible=False),
               Column("end", "结束日期", "Ends", "date", visible=False),
               Column("due_day", "完成时限（日）", "Due day", "date", visible=False)]
    rows = [[r.no, r.title, r.lead, r.support, shown(r.when, lang), shown(r.due, lang), r.label,
             first_of(r.when), last_of(r.when), first_of(r.due)] for r in resp.outline]
    return Table("responsibility", "活动安排及责任分工表", columns, rows, title_en="Activities and responsibilities",
                 issuer=resp.plan.issuer)


def proposals_table(proposals, lang: str = "zh") -> Table:
    """主办单位建议: for each activity without a lead, the lead and support a rule proposes, and the rule."""
    columns = [Column("no", "序号", "No."), Column("activity", "活动", "Activity"), Column("lead", "建议主办", "Proposed lead"),
               Column("support", "建议协办", "Proposed support"), Column("rule", "依据", "Rule")]
    rows = [[p.row.label, p.row.title, p.rule.lead, p.rule.support, p.describe()] for p in proposals]
    return Table("proposals", "主办单位建议", columns, rows, title_en="Proposed leads")
