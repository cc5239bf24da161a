"""What the report tables share: the 合计 label, the signature footer, the note that accounts for every row read,
and ``official``, which makes a table one that is sent upward."""

from __future__ import annotations

import re
from datetime import date

from ..diagnostics import Text
from ..table import Table

#: the label of every 合计 row
TOTAL = Text("合计", "Total")

#: the signature lines under a table sent upward, the contact number and the place of the unit's seal
FOOTER = (Text("制表人：", "Prepared by:"), Text("审核人：", "Checked by:"), Text("负责人：", "Approved by:"),
          Text("联系电话：", "Telephone:"), Text("（盖章）", "(Seal)"))

#: a title that already starts with its year (and month): 2020年10月结对帮扶走访情况通报
_DATED = re.compile(r"^\d{4}年(?:\d{1,2}月)?")


def rows_note(read: int, accepted: int, skipped: int, rejected: int) -> Text:
    """Every row read is accounted for: 读取 = 有效 + 跳过 + 拒收."""
    return Text(f"读取 {read:,} 行 = 有效 {accepted:,} + 跳过 {skipped:,} + 拒收 {rejected:,}",
                f"rows read {read:,} = accepted {accepted:,} + skipped {skipped:,} + rejected {rejected:,}")


def official_title(title: str, issuer: str | None, year: int) -> str:
    """The title of a table sent upward: year, issuing unit, then the table — each left out where the title
    already says it.

    >>> official_title("扶贫济困日活动情况统计表", "区教育局", 2010)
    '2010年区教育局扶贫济困日活动情况统计表'
    >>> official_title("2020年10月结对帮扶走访情况通报", "县教育局", 2020)
    '2020年10月县教育局结对帮扶走访情况通报'
    >>> official_title("区教育局政体股任务清单", "区教育局", 2010)
    '2010年区教育局政体股任务清单'
    """
    dated = _DATED.match(title)
    when, rest = (dated.group(), title[dated.end():]) if dated else (f"{year}年", title)
    who = issuer if issuer and issuer not in rest else ""
    return when + who + rest


def official(table: Table, issuer: str | None, as_of: date, lang: str = "zh", year: int | None = None) -> Table:
    """A table as it is sent upward: its title with the year (``year``, else the year of ``as_of``) and the
    issuing unit (2010年区教育局捐赠统计表; the short name stays as ``label``, for a sheet), the issuing unit and
    the date above it, and the footer: 制表人, 审核人, 负责人, 联系电话, （盖章）."""
    year = year or as_of.year
    table.label = table.label or table.title
    table.title = official_title(table.title, issuer, year)
    if table.title_en:
        more = [x for x in (issuer, str(year)) if x and x not in table.title_en]
        table.title_en = ", ".join([table.title_en, *more])
    table.issuer = issuer
    table.as_of = as_of
    table.footer = [sign(lang) for sign in FOOTER]
    return table
