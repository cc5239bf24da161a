"""Reports: each named ``Table`` built once from the engines' results, for every renderer to show.

    >>> from datetime import date
    >>> t = deadlines_table([], date(2020, 10, 15))
    >>> t.title
    '报送时间表（截至 2020-10-15）'
"""

from __future__ import annotations

import os
from datetime import date

from .engines.deadlines import KIND_ZH, DeadlineRow
from .table import Column, Table

KIND_EN = {"submission": "submit", "activity_due": "complete", "activity": "activity", "phase": "phase ends",
           "week": "activity week"}


def deadlines_table(rows: list[DeadlineRow], as_of: date, lang: str = "zh") -> Table:
    """报送时间表: due date with weekday, what, from → to, who owes it, plan, status in a clerk's words."""
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
                 styles=styles, as_of=as_of)
