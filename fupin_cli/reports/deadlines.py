"""报送时间表 and 活动时间轴: what is due when, and the campaign on a date axis.

    >>> from datetime import date
    >>> t = deadlines_table([], date(2020, 10, 15))
    >>> t.title
    '报送时间表（截至 2020-10-15）'
"""

from __future__ import annotations

import os
from datetime import date

from ..dates import Day, last_of
from ..diagnostics import Text
from ..engines.deadlines import KIND_ZH, DeadlineRow
from ..model import walk_activities
from ..table import Column, Table

KIND_EN = {"submission": "submit", "activity_due": "complete", "activity": "activity", "phase": "phase ends",
           "week": "activity week", "publicity": "publicity"}
#: a deadline's kind in both languages
KIND = {k: Text(KIND_ZH[k], en) for k, en in KIND_EN.items()}


def deadlines_table(rows: list[DeadlineRow], as_of: date, lang: str = "zh") -> Table:
    """报送时间表: due date with weekday, what, from → to, who owes it, plan, status in a clerk's words.

    The 截止日期 cell is the day a deadline counts to (the last day of 10月中旬, 10月底前) with its time
    (``2020-10-19（一）17:00``) and, when it was not written as one day, the text as written
    (``2020-10-31（六）（10月底前）``); machine formats carry the ISO day, the time and the text in columns of their
    own (``time``, ``written``)."""
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
        Column("time", "截止时刻", "Time", visible=False),
        Column("written", "原文日期", "As written", visible=False),
        Column("end", "结束日期", "Ends", "date", visible=False),
    ]
    body, styles = [], []
    for r in rows:
        it, st = r.item, r.status
        senders = "、".join(it.sender)
        route = f"{senders} → {it.receiver}" if it.receiver else senders
        span = isinstance(it.date, Day) and it.date.span  # the cell shows 2015-09-01～10-31（9―10月）
        what = it.what + (Text(f"（至 {it.end.isoformat()}）", f" (until {it.end.isoformat()})")(lang)
                          if it.end and not span else "")
        at = getattr(it.date, "time", None)
        body.append([it.date, KIND[it.kind](lang), what, route, it.units,
                     os.path.splitext(os.path.basename(it.file))[0], st.text(lang), st.code, st.days,
                     st.working_days, it.deadline, it.done, it.rule, it.contact, it.file, it.uid,
                     at.strftime("%H:%M") if at else None, getattr(it.date, "text", None), it.end])
        styles.append(st.code if it.deadline else ("done" if st.code == "done" else None))
    title = f"报送时间表（截至 {as_of.isoformat()}）"
    return Table("deadlines", title, columns, body, title_en=f"Deadlines as of {as_of.isoformat()}",
                 styles=styles, as_of=as_of, label="报送时间表")


def timeline_table(lp, items, statuses: dict, as_of: date, lang: str = "zh") -> Table:
    """活动时间轴: the campaign period, phases, activity weeks and activities (bars) and deadlines (points) with
    their status. A deadline carries its route (报送单位 → 接收单位), so that two submissions of one material on one
    day, to two receivers, read as two items."""
    plan = lp.plan
    columns = [Column("kind", "类别", "Kind"), Column("label", "事项", "Item"), Column("start", "开始", "Start", "date"),
               Column("end", "结束", "End", "date"), Column("status", "状态", "Status"),
               Column("route", "报送", "From → to")]
    rows = []
    if plan.period is not None and plan.period.start and plan.period.end:
        rows.append(["period", Text("活动时间", "Campaign period")(lang), plan.period.start, plan.period.end, "", ""])
    for key, kind in (("phases", "phase"), ("weeks", "week")):
        for ph in getattr(plan, key):
            rows.append([kind, ph.name, ph.start, ph.end, "", ""])
    for a, _, _ in walk_activities(plan):
        start = a.date or a.start
        if start:
            # a date written as a span (9―10月, 10月中旬) runs to its last day
            rows.append(["activity", a.title, start, a.end or last_of(start), "", ""])
    for it in items:
        if it.deadline:
            senders = "、".join(it.sender)
            route = f"{senders} → {it.receiver}" if it.receiver else ""
            rows.append(["deadline", it.what, it.date, None, statuses.get(id(it), ""), route])
    order = {"period": 0, "phase": 1, "week": 2, "activity": 3, "deadline": 4}
    rows.sort(key=lambda r: (r[2], order.get(r[0], 5)))
    return Table("timeline", "活动时间轴", columns, rows, title_en="Campaign timeline", as_of=as_of, label="时间轴")
