"""Plain-text and markdown tables (wide Chinese characters aligned), coloured only when asked to.

A text table given a ``width`` (the terminal's) is fitted to it, in this order: long text wraps inside its
column (a Chinese character is two columns wide; a line breaks between characters, at spaces, never before
“，。）” nor after “（”); a path or a word that cannot wrap is shortened with … in its middle; and when even
that leaves a column too narrow to read, each row becomes a card of ``标题：值`` lines. Money, dates and numbers
are never cut or wrapped. Without a width (a pipe, a file) every row is whole, on one line::

    >>> from datetime import date
    >>> t = Table("demo", "报送时间表", [Column("what", "事项", "What"), Column("due", "截止日期", "Due", "date")],
    ...           [["扶贫日活动总结和活动照片资料", date(2020, 10, 21)]])
    >>> print(render_text(t, width=32), end="")
    报送时间表
    事项            截止日期
    --------------  ----------------
    扶贫日活动总结  2020-10-21（三）
    和活动照片资料
    >>> print(render_text(t, width=26), end="")
    报送时间表
    事项：    扶贫日活动总结和
              活动照片资料
    截止日期：2020-10-21（三）
"""

from __future__ import annotations

import re

from wcwidth import wcwidth

from ..diagnostics import Text
from ..table import Column, Table, format_cell, unit_of_measure

COLOURS = {"overdue": "\033[31m", "due": "\033[33m", "done": "\033[2m"}
RESET = "\033[0m"


def _cells(table: Table, lang: str, with_total: bool = False) -> tuple[list[str], list[list[str]]]:
    cols = [c for c in table.columns if c.visible]
    index = [table.columns.index(c) for c in cols]
    body = table.rows + ([table.total] if with_total and table.total else [])
    rows = [[format_cell(row[i], table.columns[i].kind, lang) for i in index] for row in body]
    return table.headings(lang, visible_only=True), rows


def _align(table: Table) -> list[str]:
    return ["right" if c.kind in ("money", "int") else "left" for c in table.columns if c.visible]


def render_text(table: Table, lang: str = "zh", colour: bool = False, width: int | None = None) -> str:
    """The table as a terminal shows it; with ``width``, fitted to that many columns (see the module's note; a
    width under ``MIN_WIDTH`` counts as that)."""
    if width is not None:
        width = max(width, MIN_WIDTH)
    headers, rows = _cells(table, lang)
    total = _cells(table, lang, with_total=True)[1][-1] if table.total else None
    title = table.caption(lang)
    if table.unit_of_measure:
        uom = unit_of_measure(table, lang)
        title += Text(f"（单位：{uom}）", f" (unit: {uom})")(lang)
    styles = list(table.styles or []) + [None] * (len(rows) - len(table.styles or []))
    paint = styles if colour else None
    body: list[str] = []
    if rows and headers:
        body = _simple(table, headers, rows, total)
        if width is not None and max(display_width(line) for line in body) > width:
            cols = [c for c in table.columns if c.visible]
            headers, rows = [_one_line(h) for h in headers], [[_one_line(c) for c in r] for r in rows]
            total = [_one_line(c) for c in total] if total else None
            body = (_fitted(cols, headers, rows, total, paint, width)
                    or _cards(cols, headers, rows, total, paint, width, lang))
        elif colour:
            body = _simple(table, headers, rows, total, paint)

    def fit(lines: list[str]) -> list[str]:
        return lines if width is None else [part for line in lines for part in wrap(_one_line(line), width)]

    return "\n".join(fit([title]) + body + fit(table.notes)) + "\n"


def _simple(table: Table, headers: list[str], rows: list[list[str]], total: list[str] | None,
            styles: list | None = None) -> list[str]:
    """Every row whole on one line (tabulate's simple layout), the 合计 row under a rule."""
    from tabulate import SEPARATING_LINE, tabulate

    if styles is not None:
        rows = [[f"{COLOURS[s]}{c}{RESET}" for c in r] if s in COLOURS else r for r, s in zip(rows, styles)]
    if total:
        rows = rows + [SEPARATING_LINE, total]
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True,
                    colalign=_align(table)).split("\n")


# --- fitting a table to a width ---------------------------------------------------------------------------

#: the narrowest width a table is fitted to: a date and its weekday, and a label beside it
MIN_WIDTH = 20
#: a column kind whose cells are never cut or wrapped
FIXED = ("money", "int", "date")
#: a text column whose cells are all this narrow (six Chinese characters: a name) is never wrapped; one with
#: longer text wraps at ``TEXT_MIN`` columns at the least …
SHORT = 12
TEXT_MIN = 10
#: … nor its heading narrower than this (two Chinese characters a line)
HEADING_MIN = 4
#: no break before these, none after those
_CLOSE = set("，。、；：！？）》」』】〕”’…,.;:!?)]}%")
_OPEN = set("（《「『【〔“‘([{")
#: a line breaks after these rather than inside a phrase
_PAUSE = set("、，；。：！？,;")
_CLOSE_BRACKETS = set("）》」』】〕”’)]}")
#: a phrase this short (a name, a unit) starts a new line rather than break
PHRASE = 16
#: the characters of an amount in 大写, and its digits: 壹仟零肆元伍角 is one word, never broken
_CAPITAL = set("零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整正")
_CAPITAL_DIGITS = set("零壹贰叁肆伍陆柒捌玖")
_PATH = re.compile(r"\S*[/\\]\S*")


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: a Chinese character two, a control character none.

    >>> display_width("扶贫日 10·17"), display_width("\033[31m逾期\033[0m")
    (12, 4)
    """
    return sum(max(wcwidth(c), 0) for c in re.sub(r"\033\[[0-9;]*m", "", text))


def _words(text: str) -> list[tuple[str, bool]]:
    """``text`` as the pieces a line may break between, each with whether a space stood before it: a run of
    narrow characters (a number, a date, a word), or one wide character; punctuation kept with its neighbour,
    an amount in 大写 in one piece."""
    pieces: list[tuple[str, bool]] = []
    space = False
    for ch in text:
        if ch.isspace():
            space = True
        elif wcwidth(ch) == 2 or not pieces or space or wcwidth(pieces[-1][0][-1]) == 2:
            pieces.append((ch, space))
            space = False
        else:
            pieces[-1] = (pieces[-1][0] + ch, pieces[-1][1])
    words: list[tuple[str, bool]] = []
    for piece, space in pieces:
        if words and not space and (piece[0] in _CLOSE or words[-1][0][-1] in _OPEN
                                    or (piece in _CAPITAL and words[-1][0][-1] in _CAPITAL)):
            words[-1] = (words[-1][0] + piece, words[-1][1])
        else:
            words.append((piece, space))
    return words


def _one_line(text: str) -> str:
    """Line breaks and tabs inside a cell as spaces: the fitter makes the lines."""
    return re.sub(r"[ ]*[\r\n\t\v\f]+[ ]*", " ", text)


def _whole(word: str) -> bool:
    """A word that is never cut: a number, a date, an amount (in figures or in 大写)."""
    return any(c.isdigit() for c in word) or (len(word) > 1 and bool(_CAPITAL_DIGITS & set(word)))


def _is_path(text: str) -> bool:
    return bool(_PATH.fullmatch(text)) and (bool(re.search(r"\.\w{1,5}$", text))
                                             or text.count("/") + text.count("\\") >= 2)


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns with … in the middle, its end (a file's name) kept longer.

    >>> shorten("examples/ledgers/2010-区教育局/一中.csv", 24)
    'example…教育局/一中.csv'
    """
    if display_width(text) <= width:
        return text
    room = max(width - 1, 0)
    head_room = room // 3
    head = ""
    for ch in text:
        if display_width(head + ch) > head_room:
            break
        head += ch
    tail = ""
    for ch in reversed(text):
        if display_width(head) + display_width(ch + tail) > room:
            break
        tail = ch + tail
    return head + "…" + tail


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns: broken after “、，；” or at a space where it can be (a name
    in a list, a phrase up to ``PHRASE`` columns, stays on one line), else between words (see ``_words``); a
    path, or a word wider than the line that is not a number, is shortened with …; a number wider than the line
    stays whole.

    >>> wrap("扶贫日活动方案、活动总结及统计表（汇总）", 16)
    ['扶贫日活动方案、', '活动总结及统计表', '（汇总）']
    >>> wrap("张建国、林晓燕、黄志强", 14)
    ['张建国、', '林晓燕、黄志强']
    >>> wrap("合计（大写）：玖万零柒佰零捌元贰角伍分", 20)
    ['合计（大写）：', '玖万零柒佰零捌元贰角伍分']
    """
    if display_width(text) <= width:
        return [text]
    if _is_path(text):
        return [shorten(text, width)]

    def join(line: str, word: str, space: bool) -> str:
        return line + (" " if space and line else "") + word

    lines: list[str] = []
    line = ""
    for phrase in _phrases(text):
        phrase = [(w if display_width(w) <= width or _whole(w) else shorten(w, width), sp) for w, sp in phrase]
        whole = ""
        for word, space in phrase:
            whole = join(whole, word, space)
        if display_width(join(line, whole, phrase[0][1])) <= width:
            line = join(line, whole, phrase[0][1])
        elif display_width(whole) <= min(width, PHRASE):
            lines.append(line)
            line = whole
        else:  # a long phrase: word by word
            for word, space in phrase:
                if line and display_width(join(line, word, space)) > width:
                    lines.append(line)
                    line = word
                else:
                    line = join(line, word, space)
    return lines + [line] if line or not lines else lines


def _phrases(text: str) -> list[list[tuple[str, bool]]]:
    """``text``'s words in phrases: a phrase ends at a space or after “、，；。：！？” outside brackets."""
    phrases: list[list[tuple[str, bool]]] = []
    depth = 0  # inside brackets: 各县（市、区）教体局 is one phrase
    for word, space in _words(text):
        if not phrases or space or (phrases[-1][-1][0][-1] in _PAUSE and not depth):
            phrases.append([(word, space)])
        else:
            phrases[-1].append((word, space))
        depth = max(depth + sum(c in _OPEN for c in word) - sum(c in _CLOSE_BRACKETS for c in word), 0)
    return phrases


def _rigid(col: Column, cell: str) -> bool:
    """A cell never wrapped: an amount, a date or a number in a column of those (not a word such as 合计 there)."""
    return col.kind in FIXED and any(c.isdigit() for c in cell)


def _widths(col: Column, heading: str, cells: list[str]) -> tuple[int, int, int]:
    """How wide a column may be: at least (its widest number, date or amount whole, its heading at two characters
    a line, short text whole, longer text at ``TEXT_MIN``), what its cells take on one line, and what its
    heading takes too."""
    widest = max((display_width(c) for c in cells), default=0)
    heading_floor = max([min(display_width(heading), HEADING_MIN)] + [display_width(w) for w, _ in _words(heading)])
    rigid = [display_width(c) for c in cells if _rigid(col, c)]
    whole = [display_width(w) for c in cells if not _is_path(c) for w, _ in _words(c) if _whole(w)]
    floor = max([widest if widest <= SHORT else TEXT_MIN, heading_floor] + rigid + whole)
    return floor, max(floor, widest), max(floor, widest, display_width(heading))


def _share(floors: list[int], caps: list[int], room: int) -> list[int]:
    """Widths between ``floors`` and ``caps`` that fill ``room`` as evenly as they can: the narrow columns get
    what they need, the wide ones share the rest alike."""
    level = 0
    while level < max(caps) and sum(min(max(level + 1, f), c) for f, c in zip(floors, caps)) <= room:
        level += 1
    widths = [min(max(level, f), c) for f, c in zip(floors, caps)]
    for i in range(len(widths)):
        if sum(widths) < room and widths[i] < caps[i]:
            widths[i] += 1
    return widths


def _fitted(cols: list[Column], headers: list[str], rows: list[list[str]], total: list[str] | None,
            styles: list | None, width: int) -> list[str] | None:
    """The table with its text wrapped inside columns shared out to fill ``width``; None when the columns would
    be too narrow to read (then cards)."""
    cells = [[r[i] for r in rows + ([total] if total else [])] for i in range(len(cols))]
    floors, contents, naturals = (list(w) for w in zip(*(_widths(c, h, v) for c, h, v in zip(cols, headers, cells))))
    room = width - 2 * (len(cols) - 1)
    if sum(floors) > room:
        return None
    # the cells first, then what is left to the headings (a matrix's unit names wrap before its activities do)
    widths = _share(_share(floors, contents, room), naturals, room)
    right = [c.kind in ("money", "int") for c in cols]

    def block(values: list[str], bottom: bool = False) -> list[str]:
        parts = [[v] if _rigid(c, v) and not bottom else wrap(v, w) for v, c, w in zip(values, cols, widths)]
        height = max(len(p) for p in parts)
        parts = [([""] * (height - len(p)) + p) if bottom else (p + [""] * (height - len(p))) for p in parts]
        return ["  ".join(_pad(p[k], w, r) for p, w, r in zip(parts, widths, right)).rstrip()
                for k in range(height)]

    rule = "  ".join("-" * w for w in widths)
    blocks = [block(r) for r in rows]
    gap = [""] if any(len(b) > 1 for b in blocks) else []
    out = block(headers, bottom=True) + [rule]
    for i, (b, style) in enumerate(zip(blocks, styles or [None] * len(blocks))):
        out += (gap if i else []) + _paint(b, style)
    if total:
        out += [rule] + block(total)
    return out


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * max(width - display_width(text), 0)
    return fill + text if right else text + fill


def _paint(lines: list[str], style: str | None) -> list[str]:
    return [f"{COLOURS[style]}{line}{RESET}" for line in lines] if style in COLOURS else lines


def _cards(cols: list[Column], headers: list[str], rows: list[list[str]], total: list[str] | None,
           styles: list | None, width: int, lang: str) -> list[str]:
    """A card a row: ``标题：值`` lines (empty cells left out), the values aligned and wrapped, a blank line between
    cards; the 合计 row's card under a rule. Too narrow for a label and a value side by side, each value goes
    under its label, indented."""
    colon = Text("：", ": ")(lang)
    labels = [h + colon for h in headers]
    indent = max(display_width(label) for label in labels)
    whole = max([display_width(v) for c, r in zip(cols, zip(*(rows + ([total] if total else []))))
                 for v in r if _rigid(c, v)] +
                [display_width(w) for r in rows for v in r if not _is_path(v) for w, _ in _words(v) if _whole(w)],
                default=0)
    stacked = width - indent < max(whole, TEXT_MIN)
    if stacked:
        indent = 2

    def card(values: list[str]) -> list[str]:
        lines: list[str] = []
        for label, value, col in zip(labels, values, cols):
            if value == "":
                continue
            parts = [value] if _rigid(col, value) else wrap(value, max(width - indent, 1))
            if stacked:
                lines += wrap(label, width) + [" " * indent + p for p in parts]
            else:
                lines += [_pad(label, indent, False) + parts[0]] + [" " * indent + p for p in parts[1:]]
        return lines

    out: list[str] = []
    for i, (row, style) in enumerate(zip(rows, styles or [None] * len(rows))):
        out += ([""] if i else []) + _paint(card(row), style)
    if total:
        out += ["-" * min(width, indent + max(display_width(v) for v in total)), *card(total)]
    return out


def render_markdown(table: Table, lang: str = "zh") -> str:
    """A markdown (pipe) table through tabulate, the 合计 row last, notes as a list."""
    from tabulate import tabulate

    headers, rows = _cells(table, lang, with_total=True)
    esc = [[c.replace("|", "\\|").replace("\n", " ") for c in r] for r in rows]
    out = [f"## {table.caption(lang)}", ""]
    if table.issuer or table.as_of or table.unit_of_measure:
        meta = [Text(f"填报单位：{table.issuer}", f"Reporting unit: {table.issuer}")(lang) if table.issuer else "",
                Text(f"填报日期：{table.as_of.isoformat()}", f"Date: {table.as_of.isoformat()}")(lang)
                if table.as_of else "",
                Text(f"单位：{unit_of_measure(table, lang)}", f"Unit: {unit_of_measure(table, lang)}")(lang)
                if table.unit_of_measure else ""]
        out += [Text("　", "   ")(lang).join(m for m in meta if m), ""]
    out.append(tabulate(esc, headers=headers, tablefmt="pipe", disable_numparse=True, colalign=_align(table)))
    if table.notes:
        out += [""] + [f"- {n}" for n in table.notes]
    if table.footer:
        out += ["", Text("　　", "    ")(lang).join(table.footer)]
    return "\n".join(out) + "\n"
