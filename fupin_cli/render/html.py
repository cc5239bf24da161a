"""One self-contained, printable html file: every table, and an SVG timeline of the campaign.

No network, no external fonts or scripts: the page is a file a clerk can e-mail or print. Printed, every page
is A4 landscape with the table headers repeated and “page / pages” at the foot (CSS ``@page`` margin boxes,
which Chromium prints from version 131 on; in a browser's print dialog, turn its own headers and footers off).

The timeline shows the campaign period, phases, activities and deadlines on a date axis whose labels carry the
year, with a legend. It spans the plan's own dates (a small margin either side), never stretched to a distant
as-of day: today is a dashed line when it falls inside, else a marker at the edge that says it lies before or
after. Every label is shown whole — wrapped on as many lines as it needs — and each deadline carries its route,
so two items on one day read apart. It is drawn from the ``timeline`` table that ``reports.timeline_table``
builds (this module computes no dates of its own). Tables keep headings, dates and short cells on one line, and
text columns at least a few characters wide, so that nothing is printed one character per line.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from html import escape
from typing import Any

from ..diagnostics import Text
from ..table import Table, format_cell, meta_line

#: the page's language, for the browser (fonts, line breaking, reading aloud)
HTML_LANG = Text("zh-CN", "en")
TODAY = Text("今天", "today")
BEFORE = Text("（在时间轴之前）", " (before this axis)")
AFTER = Text("（在时间轴之后）", " (after this axis)")

FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif'

CSS = """
@page { size: A4 landscape; margin: 12mm 12mm 15mm;
        @bottom-center { content: counter(page) " / " counter(pages); font-size: 10px; color: #444; }
        @bottom-left { content: TITLE; font-size: 9px; color: #777; } }
body { font-family: FONTS; color: #222; margin: 24px; }
h1 { font-size: 20px; text-align: center; margin: 0 0 4px; }
h2 { font-size: 17px; text-align: center; margin: 28px 0 6px; break-after: avoid; }
.meta { display: flex; justify-content: space-between; font-size: 13px; margin: 4px 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; page-break-inside: auto; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #444; padding: 3px 6px; vertical-align: middle; }
th { background: #f2f2f2; font-weight: bold; white-space: nowrap; }
td { min-width: 5em; }
td.num { text-align: right; white-space: nowrap; min-width: 0; }
td.date, td.nw { white-space: nowrap; }
tr.total td { font-weight: bold; }
tr.overdue td { color: #b00020; }
tr.due td { color: #8a5a00; font-weight: bold; }
.notes { font-size: 12px; margin: 4px 0; }
.footer { display: flex; justify-content: space-between; font-size: 13px; margin: 14px 0 0; width: 70%; }
.timeline { break-inside: avoid; }
.timeline > svg { display: block; width: 100%; max-width: 1000px; height: auto; margin: 0 auto; }
.timeline > svg text { font-family: FONTS; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 18px; justify-content: center; font-size: 12px; margin: 6px 0 0;
          padding: 0; list-style: none; }
.legend li { white-space: nowrap; }
.legend svg { vertical-align: middle; margin-right: 4px; }
@media print { body { margin: 0; } }
"""

#: a cell this short (in characters) stays on one line
SHORT = 16


def render_html(tables: list[Table], title: str, lang: str = "zh") -> str:
    css = CSS.replace("FONTS", FONTS).replace("TITLE", _css_string(title))
    parts = [f"<!DOCTYPE html>\n<html lang=\"{HTML_LANG(lang)}\"><head><meta charset=\"utf-8\">",
             f"<title>{escape(title)}</title><style>{css}</style></head><body>", f"<h1>{escape(title)}</h1>"]
    for t in tables:
        parts.append(_timeline(t, lang) if t.name == "timeline" else _table(t, lang))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _css_string(text: str) -> str:
    """``text`` as a CSS string that cannot end the string or the style element."""
    out = []
    for ch in text:
        if ch in '"\\<>&' or ord(ch) < 32 or ord(ch) == 127:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _table(t: Table, lang: str) -> str:
    cols = [c for c in t.columns if c.visible]
    idx = [t.columns.index(c) for c in cols]
    out = [f"<h2>{escape(t.caption(lang))}</h2>"]
    if t.issuer or t.as_of or t.unit_of_measure:
        left, right = meta_line(t, lang, Text("　", "  "))
        out.append(f'<div class="meta"><span>{escape(left)}</span><span>{escape(right)}</span></div>')
    out.append("<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in t.headings(lang, True))
               + "</tr></thead><tbody>")
    styles = t.styles or [None] * len(t.rows)
    for row, style in zip(t.rows, styles):
        cls = f' class="{style}"' if style in ("overdue", "due") else ""
        out.append(f"<tr{cls}>" + "".join(_cell(row[i], c.kind, lang) for i, c in zip(idx, cols)) + "</tr>")
    if t.total:
        out.append('<tr class="total">' + "".join(_cell(t.total[i], c.kind, lang) for i, c in zip(idx, cols))
                   + "</tr>")
    out.append("</tbody></table>")
    if t.notes:
        out.append("".join(f'<p class="notes">{escape(n)}</p>' for n in t.notes))
    if t.footer:
        out.append('<div class="footer">' + "".join(f"<span>{escape(f)}</span>" for f in t.footer) + "</div>")
    return "\n".join(out)


def _cell(value: Any, kind: str, lang: str) -> str:
    """A cell: numbers right-aligned, dates and short text on one line, longer text wrapped."""
    text = format_cell(value, kind, lang)
    if kind in ("money", "int"):
        cls = "num"
    elif kind == "date":
        cls = "date"
    else:
        cls = "nw" if len(text) <= SHORT and "\n" not in text else ""
    return f'<td class="{cls}">{escape(text)}</td>' if cls else f"<td>{escape(text)}</td>"


# --- the timeline --------------------------------------------------------------------------------------

#: the SVG's coordinates: labels from LABEL_X to LABEL_R, the date axis from PLOT_L to PLOT_R
WIDTH, LABEL_X, LABEL_R, PLOT_L, PLOT_R = 1000, 8, 296, 312, 988
LABEL_SIZE, LINE, AXIS_SIZE = 12, 15, 11
TOP = 46  # below the axis labels and the today marker

BAR_COLOURS = {"period": "#d9d9d9", "phase": "#7aa6d8", "week": "#a5c98a", "activity": "#f0b35a"}
DEADLINE_COLOURS = {"overdue": "#d32f2f", "due": "#f57c00", "upcoming": "#1565c0", "done": "#9e9e9e"}
KIND_NAMES = {"period": Text("活动时间", "campaign period"), "phase": Text("阶段", "phase"),
              "week": Text("活动周", "activity week"), "activity": Text("活动", "activity")}
STATUS_NAMES = {"overdue": Text("截止：已逾期", "deadline: overdue"), "due": Text("截止：今天", "deadline: due today"),
                "upcoming": Text("截止：未到期", "deadline: upcoming"), "done": Text("截止：已完成", "deadline: done")}


def text_width(text: str, size: float) -> float:
    """A generous estimate of ``text``'s width at ``size`` px: wide (CJK) characters 1 em, the widest Latin
    letters 1 em, other characters 0.7 em — so that text placed by it stays inside its box in any font."""
    em = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF" or ch in "mwMW@%":
            em += 1.0
        elif ch == " ":
            em += 0.4
        else:
            em += 0.7
    return em * size


#: characters a line may not start with (closing punctuation), or end with (opening punctuation)
NO_START = set("，。、；：！？）》〉」』”’）,.;:!?)]}…·")
NO_END = set("（《〈「『“‘([{")


def wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` in lines no wider than ``width`` (by ``text_width``): broken between characters as Chinese is,
    never before a closing or after an opening mark, and between Latin words or digits where that can be done."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and text_width(line + ch, size) > width:
            cut = _break_at(line, ch)
            lines.append(line[:cut])
            line = line[cut:]
        line += ch
    if line or not lines:
        lines.append(line)
    return lines


def _break_at(line: str, nxt: str) -> int:
    """Where to end ``line`` when ``nxt`` does not fit: its end, or a little before it so that no closing mark
    starts the next line, no opening mark ends this one and a Latin word or number stays whole."""
    cut = len(line)
    floor = max(1, len(line) // 2)
    while cut > floor and (nxt in NO_START or line[cut - 1] in NO_END):
        nxt = line[cut - 1]
        cut -= 1
    if cut == len(line) and nxt.isascii() and nxt.isalnum():
        word = cut
        while word > floor and line[word - 1].isascii() and line[word - 1].isalnum():
            word -= 1
        if word > floor:
            cut = word
    return cut


def _ticks(first: date, last: date, span: int) -> list[date]:
    """Days to label on the axis: as many as fit without touching, on round steps (days, Mondays, month starts)."""
    room = (PLOT_R - PLOT_L) / (text_width("2020-10-17", AXIS_SIZE) + 14)
    most = max(int(room), 2)
    for step in (1, 2, 7, 14):
        if span / step <= most:
            d = first
            if step >= 7:
                d += timedelta(days=(7 - d.weekday()) % 7)
            out = []
            while d <= last:
                out.append(d)
                d += timedelta(days=step)
            return out
    for months in (1, 2, 3, 6, 12):
        if span / (30.4 * months) <= most:
            out = []
            y, m = first.year, first.month
            while True:
                d = date(y, m, 1)
                if d > last:
                    return out
                if d >= first:
                    out.append(d)
                m += months
                y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return [first, last]


def _timeline(t: Table, lang: str) -> str:
    """Bars for the period, phases, weeks and activities, diamonds for deadlines (coloured by status), today as a
    dashed line or an edge marker; the labels on the left, wrapped; the legend under it."""
    recs = t.records()
    if not recs:
        return ""
    starts = [r["start"] for r in recs if r["start"]]
    ends = [r["end"] or r["start"] for r in recs if r["start"]]
    if not starts:
        return ""
    lo, hi = min(starts), max(ends)
    margin = max(2, (hi - lo).days // 20)
    first, last = lo - timedelta(days=margin), hi + timedelta(days=margin)
    days = (last - first).days + 1
    day_w = (PLOT_R - PLOT_L) / days

    def x(d: date) -> float:
        return PLOT_L + day_w * (d - first).days

    def mid(d: date) -> float:
        return x(d) + day_w / 2

    rows, y = [], TOP
    for r in recs:
        text = str(r["label"]) + (f"（{r['route']}）" if r.get("route") else "")
        lines = wrap(text, LABEL_R - LABEL_X, LABEL_SIZE)
        h = max(24, LINE * len(lines) + 9)
        rows.append((r, text, lines, y, h))
        y += h
    height = y + 10
    title = t.caption(lang)
    out = [f"<h2>{escape(title)}</h2>", '<div class="timeline">',
           f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}">',
           f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>']
    for i, (_, _, _, ry, h) in enumerate(rows):
        if i % 2:
            out.append(f'<rect x="0" y="{ry}" width="{WIDTH}" height="{h}" fill="#f7f7f7"/>')
    half = text_width("2020-10-17", AXIS_SIZE) / 2
    for d in _ticks(first, last, days):
        tx = min(max(mid(d), half + 2), WIDTH - half - 2)  # the label kept inside the picture
        out.append(f'<line x1="{mid(d):.1f}" y1="22" x2="{mid(d):.1f}" y2="{height - 6}" stroke="#e3e3e3"/>'
                   f'<text class="axis" x="{tx:.1f}" y="16" text-anchor="middle" font-size="{AXIS_SIZE}" '
                   f'fill="#555">{d.isoformat()}</text>')
    out.append(f'<line x1="{PLOT_L}" y1="22" x2="{PLOT_R}" y2="22" stroke="#999"/>')
    for r, text, lines, ry, h in rows:
        out.append(_label(lines, ry, h))
        out.append(_mark(r, text, ry, h, x, mid, day_w))
    if t.as_of:
        out.append(_today(t.as_of, first, last, mid, height, lang))
    out.append("</svg>")
    out.append(_legend(recs, t.as_of, first <= t.as_of <= last if t.as_of else False, lang))
    out.append("</div>")
    return "\n".join(out)


def _label(lines: list[str], y: int, h: int) -> str:
    top = y + (h - LINE * len(lines)) / 2 + LABEL_SIZE - 1
    spans = "".join(f'<tspan x="{LABEL_X}" y="{top + LINE * i:.1f}">{escape(line)}</tspan>'
                    for i, line in enumerate(lines))
    return f'<text class="label" font-size="{LABEL_SIZE}" fill="#222">{spans}</text>'


def _mark(r: dict, text: str, y: int, h: int, x, mid, day_w: float) -> str:
    """A deadline's diamond or an item's bar, with its date beside it where the axis has room."""
    start, end = r["start"], r["end"] or r["start"]
    cy = y + h / 2
    tip = escape(f"{text} {start.isoformat()}" + (f"—{end.isoformat()}" if end != start else ""))
    if r["kind"] == "deadline":
        colour = DEADLINE_COLOURS.get(r["status"], "#1565c0")
        cx = mid(start)
        left, right = cx - 7, cx + 7
        shape = (f'<polygon points="{cx:.1f},{cy - 7:.1f} {right:.1f},{cy:.1f} {cx:.1f},{cy + 7:.1f} {left:.1f},'
                 f'{cy:.1f}" fill="{colour}"><title>{tip}</title></polygon>')
        when = f"{start.month:02d}-{start.day:02d}"
    else:
        left, right = x(start), x(end + timedelta(days=1))
        right = max(right, left + 3)
        shape = (f'<rect x="{left:.1f}" y="{cy - 8:.1f}" width="{right - left:.1f}" height="16" rx="3" '
                 f'fill="{BAR_COLOURS.get(r["kind"], "#bbbbbb")}"><title>{tip}</title></rect>')
        when = f"{start.month:02d}-{start.day:02d}" + (f"—{end.month:02d}-{end.day:02d}" if end != start else "")
    w = text_width(when, AXIS_SIZE)
    if right + 4 + w <= PLOT_R:
        at = f'x="{right + 4:.1f}" text-anchor="start"'
    elif left - 4 - w >= PLOT_L:
        at = f'x="{left - 4:.1f}" text-anchor="end"'
    elif r["kind"] != "deadline" and right - left >= w + 8:
        at = f'x="{(left + right) / 2:.1f}" text-anchor="middle"'
    else:
        return shape
    return shape + (f'<text class="when" {at} y="{cy + 4:.1f}" font-size="{AXIS_SIZE}" fill="#555">'
                    f"{escape(when)}</text>")


def _today(as_of: date, first: date, last: date, mid, height: int, lang: str) -> str:
    """Today as a dashed line across the axis; outside it, an arrow at the edge that says which side."""
    label = f"{TODAY(lang)} {as_of.isoformat()}"
    if first <= as_of <= last:
        tx = mid(as_of)
        w = text_width(label, AXIS_SIZE)
        at = f'x="{tx + 4:.1f}" text-anchor="start"' if tx + 4 + w <= PLOT_R else \
            f'x="{tx - 4:.1f}" text-anchor="end"'
        return (f'<line class="today" x1="{tx:.1f}" y1="22" x2="{tx:.1f}" y2="{height - 4}" stroke="#d32f2f" '
                f'stroke-dasharray="5,4" stroke-width="2"/><text class="today" {at} y="36" font-size="{AXIS_SIZE}" '
                f'fill="#d32f2f">{escape(label)}</text>')
    if as_of > last:
        label += AFTER(lang)
        arrow = f"{PLOT_R - 10},26 {PLOT_R},32 {PLOT_R - 10},38"
        at = f'x="{PLOT_R - 14}" text-anchor="end"'
    else:
        label += BEFORE(lang)
        arrow = f"{PLOT_L + 10},26 {PLOT_L},32 {PLOT_L + 10},38"
        at = f'x="{PLOT_L + 14}" text-anchor="start"'
    return (f'<polygon class="today" points="{arrow}" fill="#d32f2f"/><text class="today" {at} y="36" '
            f'font-size="{AXIS_SIZE}" fill="#d32f2f">{escape(label)}</text>')


def _legend(recs: list[dict], as_of: date | None, inside: bool, lang: str) -> str:
    """What each bar colour and diamond means: the kinds and statuses this timeline shows, and today's line."""
    items = []
    kinds = {r["kind"] for r in recs}
    for kind, name in KIND_NAMES.items():
        if kind in kinds:
            items.append((f'<rect x="1" y="3" width="22" height="10" rx="2" fill="{BAR_COLOURS[kind]}"/>', name(lang)))
    statuses = {r["status"] for r in recs if r["kind"] == "deadline"}
    for code, name in STATUS_NAMES.items():
        if code in statuses:
            items.append((f'<polygon points="12,1 19,8 12,15 5,8" fill="{DEADLINE_COLOURS[code]}"/>', name(lang)))
    if as_of and inside:
        items.append(('<line x1="12" y1="0" x2="12" y2="16" stroke="#d32f2f" stroke-dasharray="4,3" '
                      'stroke-width="2"/>', f"{TODAY(lang)} {as_of.isoformat()}"))
    elif as_of:
        items.append(('<polygon points="7,2 17,8 7,14" fill="#d32f2f"/>',
                      Text("今天在时间轴之外（箭头指向它所在的一侧）", "today lies outside this axis (the arrow points to "
                           "its side)")(lang)))
    return ('<ul class="legend">' + "".join(
        f'<li><svg xmlns="http://www.w3.org/2000/svg" width="24" height="16" viewBox="0 0 24 16" aria-hidden="true">'
        f"{shape}</svg>{escape(name)}</li>" for shape, name in items) + "</ul>")
