"""日程: the 报送时间表's items as calendar events, for ``render.ics``.

One row per item, with what a calendar needs and a table for people does not show: the first and the last day
of an item that runs over several days, and for a deadline the last day on which it may still be done and
whether the named day is included (截止含当日).

    >>> from datetime import date
    >>> t = events_table([], date(2020, 10, 15))
    >>> t.name, [c.key for c in t.columns][:5]
    ('events', ['uid', 'kind', 'what', 'start', 'end'])
"""

from __future__ import annotations

import os
from datetime import date

from ..engines.deadlines import DeadlineRow
from ..table import Column, Table
from .deadlines import KIND


def events_table(rows: list[DeadlineRow], as_of: date, lang: str = "zh") -> Table:
    """日程: each row's item as an event — ``start`` its (first) day, ``end`` its last day (None: one day) —
    with, for a deadline, ``last_day`` and ``day_included`` (“X日前” includes day X)."""
    columns = [
        Column("uid", "UID", "UID"),
        Column("kind", "类别", "Kind"),
        Column("what", "事项", "What"),
        Column("start", "日期", "Date", "date"),
        Column("end", "结束日期", "Last day", "date"),
        Column("deadline", "是否截止", "Deadline"),
        Column("last_day", "最迟完成日", "Last day to do it", "date"),
        Column("day_included", "截止含当日", "Day included"),
        Column("route", "报送", "From → to"),
        Column("units", "责任单位", "Responsible"),
        Column("plan", "方案", "Plan"),
        Column("rule", "期限规则", "Rule"),
        Column("contact", "联系人", "Contact"),
        Column("done", "完成日期", "Done", "date"),
        Column("status", "状态", "Status"),
        Column("status_code", "状态代码", "Status code"),
        Column("file", "文件", "File"),
    ]
    body = []
    for r in rows:
        it, st = r.item, r.status
        senders = "、".join(it.sender)
        route = f"{senders} → {it.receiver}" if it.receiver else senders
        last_day = (it.last_day or it.date) if it.deadline else None
        body.append([it.uid, KIND[it.kind](lang), it.what, it.date, it.end if it.end and it.end > it.date else None,
                     it.deadline, last_day, last_day == it.date if it.deadline else None, route, it.units,
                     os.path.splitext(os.path.basename(it.file))[0], it.rule, it.contact, it.done, st.text(lang),
                     st.code, it.file])
    return Table("events", f"日程（截至 {as_of.isoformat()}）", columns, body,
                 title_en=f"Calendar as of {as_of.isoformat()}", as_of=as_of, label="日程")
