"""What the report tables share: the 合计 label, the signature footer, the note that accounts for every row read,
and ``official``, which makes a table one that is sent upward."""

from __future__ import annotations

from datetime import date

from ..diagnostics import Text
from ..table import Table

#: the label of every 合计 row
TOTAL = Text("合计", "Total")

#: the signature line under a table sent upward
FOOTER = (Text("制表人：", "Prepared by:"), Text("审核人：", "Checked by:"), Text("负责人：", "Approved by:"))


def rows_note(read: int, accepted: int, skipped: int, rejected: int) -> Text:
    """Every row read is accounted for: 读取 = 有效 + 跳过 + 拒收."""
    return Text(f"读取 {read:,} 行 = 有效 {accepted:,} + 跳过 {skipped:,} + 拒收 {rejected:,}",
                f"rows read {read:,} = accepted {accepted:,} + skipped {skipped:,} + rejected {rejected:,}")


def official(table: Table, issuer: str | None, as_of: date, lang: str = "zh") -> Table:
    """A table as it is sent upward: the issuing unit, the date, and the signature footer."""
    table.issuer = issuer
    table.as_of = as_of
    table.footer = [sign(lang) for sign in FOOTER]
    return table
