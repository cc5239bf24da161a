"""Excel workbooks a clerk prints, signs and sends: one sheet per table, laid out as tables sent upward are.

Each sheet: a merged title row; a line with 填报单位 (left) and 填报日期 / 单位：元 (right); a bold header with
borders; amounts as numbers formatted ``#,##0.00``; a 合计 row; the grand total again in 大写 (the table's own
note, so 人民币 stays when the table has it); the footer
制表人 / 审核人 / 负责人; column widths that fit Chinese text; the header frozen; A4 landscape, one page wide,
the header rows repeated on every printed page. The donation sheet carries a native bar chart of donations by
unit.

The 合计 row holds values, not formulas: the engines computed every figure once, exactly, in Decimal; a formula
would be recomputed by each program in binary floating point, and programs that do not recalculate on opening
(viewers, openpyxl) would show nothing. A number in a cell is a binary float, which holds 15 significant digits:
an amount with more (from 10^13 元 with fen) is written as text, ``1,234.56`` right-aligned, and reported (FP025)
rather than shown wrong. Text is always written as text (never as a formula), so a donor named
``=HYPERLINK(…)`` stays a name.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from wcwidth import wcswidth

from ..diagnostics import Diagnostic, Text, diag
from ..money import format_amount, quantize
from ..table import WORDS, Table, format_cell, meta_line, total_in_words

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

FONT = Text("宋体", "Calibri")
#: the page footer (xlsxwriter codes: &C centre, &P page, &N pages)
PAGE_FOOTER = Text("&C第 &P 页，共 &N 页", "&CPage &P of &N")
YES, NO = Text("是", "yes"), Text("否", "no")
CHART_SERIES = Text("捐赠合计（元）", "Total donations")
CHART_TITLE = Text("各单位捐赠合计", "Donations by unit")


#: characters XML 1.0 does not allow (control characters other than tab, line feed and carriage return; lone
#: surrogates; U+FFFE and U+FFFF): a workbook holding one is refused by spreadsheet programs
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text with the characters XML does not allow removed (张\x01三 → 张三)."""
    return _XML_INVALID.sub("", text)


def _put(ws: Any, r: int, c: int, text: str, fmt: Any) -> None:
    """Write text as plain text. xlsxwriter takes a string that starts with ``<r>`` and ends with ``</r>`` for
    its own rich-string markup and writes it unescaped (``<r>x&y</r>``: a workbook no program opens); such a
    string is written as a rich string of plain pieces instead, which escapes it and shows the same text."""
    text = xml_text(text)
    if text.startswith("<r>") and text.endswith("</r>"):
        ws.write_rich_string(r, c, text[:1], fmt, text[1:], fmt)
    else:
        ws.write_string(r, c, text, fmt)


def _merge(ws: Any, r: int, first: int, last: int, text: str, fmt: Any) -> None:
    ws.merge_range(r, first, r, last, "", fmt)
    _put(ws, r, first, text, fmt)


#: the significant digits a float (and so an Excel number) holds exactly
FLOAT_DIGITS = 15


def fits_a_number(value: Decimal) -> bool:
    """Whether the amount, to the fen, survives a float: at most 15 significant digits.

    >>> fits_a_number(Decimal("9999999999999.99")), fits_a_number(Decimal("10000000000000.01"))
    (True, False)
    >>> fits_a_number(Decimal("1000000000000000000"))
    True
    """
    fen = str(abs(int(quantize(value).scaleb(2))))
    return len(fen.rstrip("0")) <= FLOAT_DIGITS


class _Amounts:
    """Writes amounts into a sheet: a number when it fits, else text (counted for FP025)."""

    def __init__(self, ws: Any, as_text: Any, bold_text: Any):
        self.ws, self.as_text, self.bold_text = ws, as_text, bold_text
        self.count, self.first = 0, None

    def write(self, r: int, c: int, value: Decimal, fmt: Any, bold: bool = False) -> None:
        if fits_a_number(value):
            self.ws.write_number(r, c, float(value), fmt)
            return
        from xlsxwriter.utility import xl_rowcol_to_cell

        self.ws.write_string(r, c, format_amount(value), self.bold_text if bold else self.as_text)
        self.count += 1
        if self.first is None:
            self.first = (xl_rowcol_to_cell(r, c), format_amount(value))

    def finding(self) -> Diagnostic | None:
        if not self.count:
            return None
        cell, amount = self.first
        return diag("FP025", sheet=self.ws.get_name(), count=self.count, cell=cell, amount=amount)


def _width(text: str) -> int:
    w = wcswidth(text)
    return w if w >= 0 else len(text) * 2


def sheet_name(title: str, used: set[str]) -> str:
    name = _BAD_SHEET_CHARS.sub("", title)[:31] or "Sheet"
    base, i = name, 2
    while name in used:
        suffix = f"({i})"
        name = base[: 31 - len(suffix)] + suffix
        i += 1
    used.add(name)
    return name


def render_xlsx(tables: list[Table], lang: str = "zh", found: list[Diagnostic] | None = None,
                rmb: bool = False) -> bytes:
    """The workbook; ``found``, when given, receives what the writing had to say (FP025: amounts written as
    text). A table's total in 大写 is its own note; for a table without one it is written here (``rmb``: with
    人民币 before it)."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False})
    wb.set_properties({"title": xml_text(tables[0].title) if tables else "fupin", "author": "fupin", "company": ""})
    font = {"font_name": FONT(lang), "font_size": 11}
    f_title = wb.add_format({**font, "bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    f_left = wb.add_format({**font})
    f_right = wb.add_format({**font, "align": "right"})
    f_head = wb.add_format({**font, "bold": True, "border": 1, "align": "center", "valign": "vcenter",
                            "text_wrap": True, "bg_color": "#F2F2F2"})
    f_text = wb.add_format({**font, "border": 1, "valign": "vcenter", "text_wrap": True})
    f_money = wb.add_format({**font, "border": 1, "num_format": "#,##0.00"})
    f_int = wb.add_format({**font, "border": 1, "num_format": "0"})
    f_date = wb.add_format({**font, "border": 1, "num_format": "yyyy-mm-dd", "align": "center"})
    f_total_text = wb.add_format({**font, "border": 1, "bold": True, "align": "center"})
    f_total_money = wb.add_format({**font, "border": 1, "bold": True, "num_format": "#,##0.00"})
    f_money_text = wb.add_format({**font, "border": 1, "align": "right"})
    f_total_money_text = wb.add_format({**font, "border": 1, "bold": True, "align": "right"})
    f_total_int = wb.add_format({**font, "border": 1, "bold": True, "num_format": "0"})
    f_words = wb.add_format({**font, "border": 1, "bold": True})
    used: set[str] = set()
    for table in tables:
        title = table.caption(lang)
        ws = wb.add_worksheet(sheet_name(xml_text(table.label or table.title), used))
        amounts = _Amounts(ws, f_money_text, f_total_money_text)
        cols = [c for c in table.columns if c.visible]
        idx = [table.columns.index(c) for c in cols]
        ncols = max(len(cols), 2)
        last = ncols - 1
        _merge(ws, 0, 0, last, title, f_title)
        ws.set_row(0, 30)
        left, right = meta_line(table, lang, Text("    ", "   "))
        half = max(ncols // 2, 1)
        if half - 1 > 0:
            _merge(ws, 1, 0, half - 1, left, f_left)
        else:
            _put(ws, 1, 0, left, f_left)
        if last > half:
            _merge(ws, 1, half, last, right, f_right)
        else:
            _put(ws, 1, last, right, f_right)
        header_row = 2
        widths = [_width(h) + 2 for h in table.headings(lang, visible_only=True)]
        for j, h in enumerate(table.headings(lang, visible_only=True)):
            _put(ws, header_row, j, h, f_head)
        r = header_row + 1
        for row in table.rows:
            for j, i in enumerate(idx):
                widths[j] = max(widths[j], _write(ws, r, j, row[i], cols[j].kind, lang, f_text, f_money, f_int,
                                                  f_date, amounts))
            r += 1
        body_first, body_last = header_row + 1, r - 1
        if table.total:
            for j, i in enumerate(idx):
                value = table.total[i]
                kind = cols[j].kind
                if kind == "money" and isinstance(value, Decimal):
                    amounts.write(r, j, value, f_total_money, bold=True)
                elif kind == "int" and isinstance(value, int):
                    ws.write_number(r, j, value, f_total_int)
                else:
                    _put(ws, r, j, format_cell(value, kind, lang), f_total_text)
            r += 1
            grand = table.grand_total
            if grand is not None:
                words = next((n for n in table.notes if n.startswith((WORDS.zh, WORDS.en))), None)
                _merge(ws, r, 0, last, words or total_in_words(grand, rmb)(lang), f_words)
                r += 1
        for note in table.notes:
            if note.startswith((WORDS.zh, WORDS.en)):  # written above, under the 合计 row
                continue
            _merge(ws, r, 0, last, note, f_left) if last > 0 else _put(ws, r, 0, note, f_left)
            r += 1
        if table.footer:
            r += 1
            step = max(ncols // len(table.footer), 1)
            for k, sign in enumerate(table.footer):
                _put(ws, r, min(k * step, last), sign, f_left)
        chart_row = r + 2
        for j, w in enumerate(widths):
            ws.set_column(j, j, min(max(w, 6), 50))
        ws.freeze_panes(header_row + 1, 0)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0, header_row)
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        ws.set_footer(PAGE_FOOTER(lang))
        if table.name == "donations" and table.rows and "unit" in [c.key for c in cols]:
            _chart(wb, ws, table, cols, chart_row, body_first, body_last, lang)
        finding = amounts.finding()
        if finding is not None and found is not None:
            found.append(finding)
    wb.close()
    return buf.getvalue()


def _write(ws: Any, r: int, c: int, value: Any, kind: str, lang: str, f_text: Any, f_money: Any, f_int: Any,
           f_date: Any, amounts: _Amounts) -> int:
    if value is None or value == "":
        ws.write_blank(r, c, None, f_text)
        return 0
    if isinstance(value, Decimal):
        amounts.write(r, c, value, f_money)  # a number exact to the fen when it has at most 15 digits, else text
        return _width(format_amount(value)) + 2
    if isinstance(value, bool):
        _put(ws, r, c, (YES if value else NO)(lang), f_text)
        return 4
    if isinstance(value, int):
        ws.write_number(r, c, value, f_int)
        return len(str(value)) + 2
    if isinstance(value, date) and getattr(value, "exact", True):  # else as written: 2020-10-19（一）17:00
        ws.write_datetime(r, c, datetime(value.year, value.month, value.day), f_date)
        return 12
    text = format_cell(value, kind, lang)
    _put(ws, r, c, text, f_text)
    return max(_width(line) for line in text.splitlines() or [""]) + 2


def _chart(wb: Any, ws: Any, table: Table, cols: list, at_row: int, first: int, last: int, lang: str) -> None:
    """A native bar chart of the total by unit, below the table (so the page stays one table wide)."""
    keys = [c.key for c in cols]
    unit_col, total_col = keys.index("unit"), keys.index("total")
    chart = wb.add_chart({"type": "bar"})
    name = ws.get_name()
    chart.add_series({
        "name": CHART_SERIES(lang),
        "categories": [name, first, unit_col, last, unit_col],
        "values": [name, first, total_col, last, total_col],
        "data_labels": {"value": True, "num_format": "#,##0.00"},
    })
    chart.set_title({"name": CHART_TITLE(lang)})
    chart.set_legend({"none": True})
    chart.set_x_axis({"num_format": "#,##0"})
    chart.set_y_axis({"reverse": True})
    chart.set_size({"width": 640, "height": max(240, 28 * (last - first + 1) + 120)})
    ws.insert_chart(at_row, 0, chart)
