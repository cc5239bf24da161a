"""Excel workbooks a clerk prints, signs and sends: one sheet per table, laid out as tables sent upward are.

Each sheet: a merged title row; a line with 填报单位 (left) and 填报日期 / 单位：元 (right); a bold header with
borders; amounts as numbers formatted ``#,##0.00``; a 合计 row; the grand total again in 大写 (the table's own
note, so 人民币 stays when the table has it); the footer 制表人 / 审核人 / 负责人 / 联系电话 / （盖章）; column widths
that fit Chinese text, and each row as tall as its longest wrapped cell by the same width rule; a table with no
rows prints （无） under its header; the header frozen; A4 landscape, one page wide, centred, the header rows
repeated on every printed page, and the pages of each sheet numbered from 1. The donation sheet carries a native
bar chart of donations by unit, above the signature lines.

The 合计 row holds values, not formulas: the engines computed every figure once, exactly, in Decimal; a formula
would be recomputed by each program in binary floating point, and programs that do not recalculate on opening
(viewers, openpyxl) would show nothing. A number in a cell is a binary float, which holds 15 significant digits:
an amount with more (from 10^13 元 with fen) is written as text, ``1,234.56`` right-aligned, and reported (FP025)
rather than shown wrong. Text is always written as text (never as a formula), so a donor named
``=HYPERLINK(…)`` stays a name.
"""

from __future__ import annotations

import io
import math
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
#: the page footer (xlsxwriter codes: &C centre, &A the sheet's name, &P its page number). Each sheet numbers its
#: own pages from 1 (``set_start_page``). No “共 N 页”: LibreOffice counts &N over the whole workbook when it
#: prints or exports every sheet, so a one-page table would say 共 7 页.
PAGE_FOOTER = Text("&C&A　第 &P 页", "&C&A, page &P")
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


#: a column is never narrower or wider than this (column-width units: one digit, half a Chinese character)
MIN_WIDTH, MAX_WIDTH = 6, 50
#: the font sizes of the body and of the title (points); a line of text takes ``LINE`` times its font size,
#: and a row ``PAD`` points more
BODY_PT, TITLE_PT = 11, 16
LINE, PAD = 1.3, 3.0
#: the height of a row left alone (points), of a signature row (room to sign) and of the title row
DEFAULT_ROW, SIGN_ROW, TITLE_ROW = 15.0, 24.0, 30.0
#: a word (a run of printable ASCII: a number, a date, a Latin word), a space, or one other character
_TOKEN = re.compile(r"[!-~]+|\s|.", re.S)


def wrapped_lines(text: str, width: float) -> int:
    """The lines ``text`` takes in a cell ``width`` column-width units wide when the cell wraps, by the rule the
    column widths follow (``_width``: a Chinese character two units, a letter or digit one; two units of the
    cell kept clear): each of its own lines, broken where it would pass the width — between Chinese
    characters, at a space, or inside a word too long for a line.

    >>> wrapped_lines("扶贫日", 8), wrapped_lines("扶贫日活动", 8), wrapped_lines("一中\\n二中", 8)
    (1, 2, 2)
    >>> wrapped_lines("县政府办公室、县扶贫办、县民政局", 20), wrapped_lines("2015-10-17 to 2015-10-20", 15)
    (2, 2)
    """
    room = max(width - 2, 2)
    count = 0
    for line in text.split("\n"):
        n, used = 1, 0
        for tok in _TOKEN.findall(line):
            w = _width(tok)
            if used + w <= room:
                used += w
            elif tok.isspace():  # the line breaks at the space
                n, used = n + 1, 0
            elif w <= room:
                n, used = n + 1, w
            else:  # a word longer than a line is broken where it passes the width
                for ch in tok:
                    cw = _width(ch)
                    if used + cw > room:
                        n, used = n + 1, 0
                    used += cw
        count += n
    return count


def row_height(lines: int, size: float = BODY_PT) -> float:
    """The height (points) of a row whose tallest cell holds ``lines`` lines of ``size``-point text, rounded up
    to a whole pixel (¾ point), as a workbook stores it.

    >>> row_height(1), row_height(4)
    (18.0, 60.75)
    """
    return math.ceil((lines * size * LINE + PAD) * 4 / 3) * 0.75


class _Heights:
    """The text each row holds, cell by cell (its columns, its font size), so that once the column widths are
    known each row gets the height of its tallest wrapped cell — rather than text printed over the rows above
    and below it."""

    def __init__(self) -> None:
        self.cells: list[tuple[int, int, int, str, float]] = []
        self.fixed: dict[int, float] = {}

    def add(self, r: int, first: int, last: int, text: str, size: float = BODY_PT) -> None:
        self.cells.append((r, first, last, text, size))

    def apply(self, ws: Any, widths: list[float]) -> dict[int, float]:
        need = dict(self.fixed)
        for r, first, last, text, size in self.cells:
            width = sum(widths[first:last + 1]) * BODY_PT / size
            lines = wrapped_lines(text, width)
            if lines > 1 or size != BODY_PT:
                need[r] = max(need.get(r, DEFAULT_ROW), row_height(lines, size))
        for r, height in need.items():
            ws.set_row(r, height)
        return need


def sheet_name(title: str, used: set[str]) -> str:
    name = _BAD_SHEET_CHARS.sub("", title)[:31] or "Sheet"
    base, i = name, 2
    while name in used:
        suffix = f"({i})"
        name = base[: 31 - len(suffix)] + suffix
        i += 1
    used.add(name)
    return name


#: the row an empty table prints under its header
NOTHING = Text("（无）", "(none)")
#: the room (column-width units) a signature item's share of the columns leaves beside its label
SIGN_ROOM = 4
#: the widest space between signature items written in a single cell (ideographic spaces)
SIGN_GAP = 6


def footer_line(footer: list[str], widths: list[float]) -> list[tuple[int, int, str]]:
    """The footer on one printed line (a row is never split between pages, so the signatures stay together):
    each item over its share of the columns of ``widths`` (first column, last column, text) where every share
    holds its label with room to spare, else all items in one cell across the table, spaced apart as far as the
    width allows (and wrapped if need be).

    >>> footer_line(["制表人：", "审核人：", "负责人：", "联系电话：", "（盖章）"], [20] * 6)
    [(0, 0, '制表人：'), (1, 1, '审核人：'), (2, 3, '负责人：'), (4, 4, '联系电话：'), (5, 5, '（盖章）')]
    >>> footer_line(["制表人：", "审核人：", "负责人："], [30, 30])
    [(0, 1, '制表人：　　　　　　审核人：　　　　　　负责人：')]
    >>> footer_line(["制表人：", "审核人：", "负责人："], [20, 20])
    [(0, 1, '制表人：　　　审核人：　　　负责人：')]
    """
    ncols, per = len(widths), len(footer)
    if per <= ncols:
        bounds = [round(k * ncols / per) for k in range(per + 1)]
        spans = [(bounds[k], bounds[k + 1] - 1) for k in range(per)]
        if all(sum(widths[a:b + 1]) >= _width(item) + SIGN_ROOM for (a, b), item in zip(spans, footer)):
            return [(a, b, item) for (a, b), item in zip(spans, footer)]
    spare = sum(widths) - SIGN_ROOM - sum(_width(item) for item in footer)
    gap = max(min(SIGN_GAP, spare // (2 * max(len(footer) - 1, 1))), 1)
    return [(0, ncols - 1, ("　" * gap).join(footer))]


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
    font = {"font_name": FONT(lang), "font_size": BODY_PT}
    f = {
        "title": wb.add_format({**font, "bold": True, "font_size": TITLE_PT, "align": "center", "valign": "vcenter",
                                "text_wrap": True}),
        "left": wb.add_format({**font, "valign": "vcenter", "text_wrap": True}),
        "right": wb.add_format({**font, "align": "right", "valign": "vcenter", "text_wrap": True}),
        "note": wb.add_format({**font, "valign": "top", "text_wrap": True}),
        "sign": wb.add_format({**font, "valign": "bottom", "text_wrap": True}),
        "head": wb.add_format({**font, "bold": True, "border": 1, "align": "center", "valign": "vcenter",
                               "text_wrap": True, "bg_color": "#F2F2F2"}),
        "text": wb.add_format({**font, "border": 1, "valign": "vcenter", "text_wrap": True}),
        "none": wb.add_format({**font, "border": 1, "align": "center", "valign": "vcenter"}),
        "money": wb.add_format({**font, "border": 1, "valign": "vcenter", "num_format": "#,##0.00"}),
        "int": wb.add_format({**font, "border": 1, "valign": "vcenter", "num_format": "0"}),
        "date": wb.add_format({**font, "border": 1, "valign": "vcenter", "num_format": "yyyy-mm-dd",
                               "align": "center"}),
        "total_text": wb.add_format({**font, "border": 1, "bold": True, "align": "center", "valign": "vcenter",
                                     "text_wrap": True}),
        "total_money": wb.add_format({**font, "border": 1, "bold": True, "valign": "vcenter",
                                      "num_format": "#,##0.00"}),
        "money_text": wb.add_format({**font, "border": 1, "align": "right", "valign": "vcenter"}),
        "total_money_text": wb.add_format({**font, "border": 1, "bold": True, "align": "right", "valign": "vcenter"}),
        "total_int": wb.add_format({**font, "border": 1, "bold": True, "valign": "vcenter", "num_format": "0"}),
        "words": wb.add_format({**font, "border": 1, "bold": True, "valign": "vcenter", "text_wrap": True}),
    }
    used: set[str] = set()
    for table in tables:
        ws = wb.add_worksheet(sheet_name(xml_text(table.label or table.title), used))
        finding = _sheet(wb, ws, table, lang, rmb, f)
        if finding is not None and found is not None:
            found.append(finding)
    wb.close()
    return buf.getvalue()


def _sheet(wb: Any, ws: Any, table: Table, lang: str, rmb: bool, f: dict) -> Diagnostic | None:
    """One table on its sheet, laid out and set up for printing; FP025 when an amount had to be text."""
    amounts = _Amounts(ws, f["money_text"], f["total_money_text"])
    heights = _Heights()
    cols = [c for c in table.columns if c.visible]
    idx = [table.columns.index(c) for c in cols]
    ncols = max(len(cols), 2)
    last = ncols - 1

    def merged(r: int, first: int, end: int, text: str, fmt: Any, size: float = BODY_PT) -> None:
        _merge(ws, r, first, end, text, fmt) if end > first else _put(ws, r, first, text, fmt)
        heights.add(r, first, end, text, size)

    merged(0, 0, last, table.caption(lang), f["title"], TITLE_PT)
    heights.fixed[0] = TITLE_ROW
    left, right = meta_line(table, lang, Text("    ", "   "))
    half = max(ncols // 2, 1)
    merged(1, 0, half - 1, left, f["left"])
    merged(1, half, last, right, f["right"])
    header_row = 2
    headings = table.headings(lang, visible_only=True)
    widths = [_width(h) + 2 for h in headings] + [0] * (ncols - len(headings))
    for j, h in enumerate(headings):
        _put(ws, header_row, j, h, f["head"])
        heights.add(header_row, j, j, h)
    r = header_row + 1
    for row in table.rows:
        for j, i in enumerate(idx):
            width, text = _write(ws, r, j, row[i], cols[j].kind, lang, f, amounts)
            widths[j] = max(widths[j], width)
            if text:
                heights.add(r, j, j, text)
        r += 1
    body_first, body_last = header_row + 1, r - 1
    if not table.rows:  # a table with nothing in it says so, rather than print a header alone
        merged(r, 0, last, NOTHING(lang), f["none"])
        r += 1
    if table.total:
        for j, i in enumerate(idx):
            value = table.total[i]
            kind = cols[j].kind
            if kind == "money" and isinstance(value, Decimal):
                amounts.write(r, j, value, f["total_money"], bold=True)
            elif kind == "int" and isinstance(value, int) and not isinstance(value, bool):
                ws.write_number(r, j, value, f["total_int"])
            else:
                text = format_cell(value, kind, lang)
                _put(ws, r, j, text, f["total_text"])
                heights.add(r, j, j, text)
        r += 1
        grand = table.grand_total
        if grand is not None:
            words = next((n for n in table.notes if n.startswith((WORDS.zh, WORDS.en))), None)
            merged(r, 0, last, words or total_in_words(grand, rmb)(lang), f["words"])
            r += 1
    for note in table.notes:
        if note.startswith((WORDS.zh, WORDS.en)):  # written above, under the 合计 row
            continue
        merged(r, 0, last, note, f["note"])
        r += 1
    chart_at = None
    if table.name == "donations" and table.rows and "unit" in [c.key for c in cols]:
        # the chart goes above the signature lines, on rows kept free for it
        chart_at = r + 1
        r += chart_rows(len(table.rows)) + 2
    final = [min(max(w, MIN_WIDTH), MAX_WIDTH) for w in widths]
    if table.footer:
        r += 1
        for first, end, sign in footer_line(table.footer, final):
            merged(r, first, end, sign, f["sign"])
        heights.fixed[r] = SIGN_ROW
        r += 1
    for j, w in enumerate(final):
        ws.set_column(j, j, w)
    heights.apply(ws, final)
    if chart_at is not None:
        _chart(wb, ws, table, cols, chart_at, body_first, body_last, lang, sum(final) * 7 + 5 * len(final))
    ws.freeze_panes(header_row + 1, 0)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.repeat_rows(0, header_row)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer(PAGE_FOOTER(lang))
    ws.set_start_page(1)  # each sheet numbers its own pages: 第 1 页，共 N 页 of that sheet
    return amounts.finding()


def _write(ws: Any, r: int, c: int, value: Any, kind: str, lang: str, f: dict,
           amounts: _Amounts) -> tuple[int, str]:
    """Writes one body cell; returns the width it needs and the text that may wrap in it ("" for a number)."""
    if value is None or value == "":
        ws.write_blank(r, c, None, f["text"])
        return 0, ""
    if isinstance(value, Decimal):
        amounts.write(r, c, value, f["money"])  # a number exact to the fen when it has at most 15 digits, else text
        return _width(format_amount(value)) + 2, ""
    if isinstance(value, bool):
        text = (YES if value else NO)(lang)
        _put(ws, r, c, text, f["text"])
        return _width(text) + 2, text
    if isinstance(value, int):
        ws.write_number(r, c, value, f["int"])
        return len(str(value)) + 2, ""
    if isinstance(value, date) and getattr(value, "exact", True):  # else as written: 2020-10-19（一）17:00
        ws.write_datetime(r, c, datetime(value.year, value.month, value.day), f["date"])
        return 12, ""
    text = format_cell(value, kind, lang)
    _put(ws, r, c, text, f["text"])
    return max(_width(line) for line in text.splitlines() or [""]) + 2, text


#: the height of a row left alone, in pixels (what a chart's rows are counted in)
ROW_PIXELS = 20


def chart_height(bars: int) -> int:
    """The chart's height in pixels: room for each unit's bar."""
    return max(240, 28 * bars + 120)


def chart_rows(bars: int) -> int:
    """The rows (of the default height) the chart covers."""
    return -(-chart_height(bars) // ROW_PIXELS)


def _chart(wb: Any, ws: Any, table: Table, cols: list, at_row: int, first: int, last: int, lang: str,
           width: int) -> None:
    """A native bar chart of the total by unit under the table and above the signature lines, as wide as the
    table (so the page stays one table wide, and the chart is centred with it)."""
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
    chart.set_size({"width": max(width, 400), "height": chart_height(last - first + 1)})
    ws.insert_chart(at_row, 0, chart)
