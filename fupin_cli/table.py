"""One ``Table`` model that every report becomes, rendered by every format without recomputing anything.

A table has a title, columns (each with a Chinese and an English heading and a kind that says how to show its
cells), rows of plain values (text, numbers, ``date``, ``Decimal``), an optional 合计 row, notes and a footer.
Rows may carry a style (``overdue``, ``due`` …) that a terminal renderer may colour::

    >>> t = Table("demo", "报送时间表", [Column("due", "截止日期", "Due", "date")], [[date(2020, 10, 19)]])
    >>> t.headings("en")
    ['Due']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .dates import WEEKDAYS_ZH, Day
from .diagnostics import Text
from .money import AmountError, format_amount, to_capital

#: the note under a table that writes its grand total again in 大写; ``WORDS`` starts it in either language
WORDS = Text("合计（大写）：", "Total in words: ")


def total_in_words(amount: Decimal, prefix: bool = False) -> Text:
    """合计（大写）：壹万陆仟叁佰零玖元零贰分 / Total in words: 壹万陆仟叁佰零玖元零贰分 (``prefix``: 人民币壹万…)."""
    try:
        capital = to_capital(amount, prefix=prefix)
    except AmountError as e:  # a total out of the range 大写 writes: say so rather than fail the table
        return Text(f"{WORDS.zh}（{e.zh}）", f"{WORDS.en}({e.en})")
    return Text(WORDS.zh + capital, WORDS.en + capital)


@dataclass
class Column:
    key: str
    title: str
    title_en: str
    #: text | date (with weekday) | money | int
    kind: str = "text"
    #: shown in text and markdown; machine formats (csv, json) always carry every column
    visible: bool = True

    def heading(self, lang: str = "zh") -> str:
        return Text(self.title, self.title_en)(lang)


@dataclass
class Table:
    name: str
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    title_en: str = ""
    styles: list[str | None] = field(default_factory=list)
    issuer: str | None = None
    as_of: date | None = None
    unit_of_measure: str | None = None
    total: list[Any] | None = None
    notes: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    #: a short name for a sheet or a file (the title may carry a date): 报送时间表
    label: str = ""
    #: figures another table of the same report shows too, by what they are ("donations": the money given);
    #: a report warns when two of its tables disagree on one (FP625)
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def grand_total(self):
        """The 合计 row's last money cell (the figure written again in 大写), if any."""
        if not self.total:
            return None
        for col, value in reversed(list(zip(self.columns, self.total))):
            if col.kind == "money":
                return value
        return None

    def caption(self, lang: str = "zh") -> str:
        """The title in ``lang`` (the Chinese one where there is no English title)."""
        return Text(self.title, self.title_en or None)(lang)

    def headings(self, lang: str = "zh", visible_only: bool = False) -> list[str]:
        return [c.heading(lang) for c in self.columns if c.visible or not visible_only]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip((c.key for c in self.columns), row)) for row in self.rows]


def format_cell(value: Any, kind: str, lang: str = "zh") -> str:
    """A cell as a person reads it: 2020-10-19（一）, 1,234.50, empty for None."""
    if value is None:
        return ""
    if kind == "date" and isinstance(value, Day):
        return value.cell(lang)  # with its time, and the text as written when not one day
    if kind == "date" and isinstance(value, date):
        day = value.isoformat()
        return Text(f"{day}（{WEEKDAYS_ZH[value.weekday()]}）", f"{day} {value.strftime('%a')}")(lang)
    if kind == "money" and isinstance(value, Decimal):
        return format_amount(value)
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


def unit_of_measure(table: Table, lang: str) -> str:
    """The table's unit in ``lang``: 元, or yuan."""
    uom = table.unit_of_measure or ""
    return Text(uom, {"元": "yuan"}.get(uom, uom))(lang)


def meta_line(table: Table, lang: str, gap: Text) -> tuple[str, str]:
    """The line above a table sent upward: 填报单位 (left); 填报日期 and, ``gap`` after it, 单位 (right)."""
    when = table.as_of.isoformat() if table.as_of else ""
    right = Text(f"填报日期：{when}", f"Date: {when}")(lang)
    if table.unit_of_measure:
        uom = unit_of_measure(table, lang)
        right += gap(lang) + Text(f"单位：{uom}", f"Unit: {uom}")(lang)
    return Text(f"填报单位：{table.issuer or ''}", f"Reporting unit: {table.issuer or ''}")(lang), right
