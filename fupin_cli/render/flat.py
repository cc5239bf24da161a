"""Machine formats: CSV (UTF-8 with BOM, for Excel on Chinese Windows) and JSON (typed values). A money cell is
always its amount to the fen with two decimals and no thousands separator (``120000.00``), however it was
computed."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal
from typing import Any

from ..diagnostics import Text
from ..engines.ledger.masking import masked_row
from ..money import quantize
from ..safety import neutralise
from ..table import Table, format_cell

REJECTS_HEADER = (Text("文件", "file"), Text("行", "line"), Text("代码", "code"), Text("原因", "reason"),
                  Text("原始内容", "row"))


def plain(value: Any) -> Any:
    """A value as json holds it: ISO dates, a Decimal as a plain string (never ``1.2E+5``)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def money_text(value: Decimal) -> str:
    """An amount in a machine format: to the fen, two decimals, no separator.

    >>> money_text(Decimal("120000")), money_text(Decimal("1.2E+5")), money_text(Decimal("6000.5"))
    ('120000.00', '120000.00', '6000.50')
    """
    return f"{quantize(value):f}"


def cell(value: Any, kind: str) -> Any:
    """A table cell as json holds it: a money cell by ``money_text``, anything else by ``plain``."""
    if kind == "money" and isinstance(value, Decimal):
        return money_text(value)
    return plain(value)


#: a yes/no cell in csv, as a clerk reads it (json keeps true/false)
YES_NO = (Text("否", "no"), Text("是", "yes"))


def _csv_cell(value: Any, kind: str, lang: str) -> str:
    """ISO dates and plain numbers (1234.50, -2, no thousands separator) so that Excel reads them as values;
    是/否 for yes and no; text that Excel would take for a formula (=, +, -, @ first) is neutralised."""
    if isinstance(value, bool):
        return YES_NO[value](lang)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return money_text(value) if kind == "money" else f"{value:f}"
    text = format_cell(value, kind, lang)
    return neutralise(text) if isinstance(value, (str, list, tuple)) else text


def render_csv(table: Table, lang: str = "zh", bom: bool = True) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(table.headings(lang))
    for row in table.rows + ([table.total] if table.total else []):
        writer.writerow([_csv_cell(v, c.kind, lang) for v, c in zip(row, table.columns)])
    text = buf.getvalue()
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def table_dict(table: Table, lang: str = "zh") -> dict[str, Any]:
    return {
        "table": table.name,
        "title": table.caption(lang),
        "as_of": plain(table.as_of),
        "columns": [{"key": c.key, "title": c.heading(lang)} for c in table.columns],
        "rows": [{c.key: cell(v, c.kind) for c, v in zip(table.columns, row)} for row in table.rows],
        **({"total": {c.key: cell(v, c.kind) for c, v in zip(table.columns, table.total)}} if table.total else {}),
        "unit_of_measure": table.unit_of_measure,
        "notes": table.notes,
    }


def render_json(table: Table, lang: str = "zh") -> str:
    return json.dumps(table_dict(table, lang), ensure_ascii=False, indent=2) + "\n"


def render_rejects(report: Any, lang: str = "zh", header: bool = True) -> bytes:
    """Rejected ledger rows with their reasons, as CSV for Excel (UTF-8 with BOM when it has the header): file,
    line, code and reason, then the row's cells with a person's name masked, personal columns (电话, 身份证 …)
    as ``***`` and phone and ID numbers masked everywhere (``engines.ledger.masking``); formula-like text
    neutralised."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if header:
        w.writerow([h(lang) for h in REJECTS_HEADER])
    for f in report.files:
        for line, d, row in f.rejected:
            w.writerow([f.file, line, d.code, d.message(lang)] +
                       [neutralise(c) for c in masked_row(f.header, f.columns, row)])
    # a stray undecodable byte (kept as a surrogate) becomes U+FFFD, never a failure to write the file
    data = re.sub("[\udc80-\udcff]", "\ufffd", buf.getvalue()).encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if header else data
