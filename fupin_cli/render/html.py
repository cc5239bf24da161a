"""One self-contained, printable html file: every table, and an SVG timeline of the campaign.

No network, no external fonts or scripts: the page is a file a clerk can e-mail or print. The timeline shows the
phases, activities and deadlines on a date axis, today marked, overdue deadlines in red; it is drawn from the
``timeline`` table that ``reports.timeline_table`` builds (this module computes nothing).
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import Any

from ..diagnostics import Text
from ..table import Table, format_cell, meta_line

#: the page's language, for the browser (fonts, line breaking, reading aloud)
HTML_LANG = Text("zh-CN", "en")
TODAY = Text("今天", "today")

CSS = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif;
       color: #222; margin: 24px; }
h1 { font-size: 20px; text-align: center; margin: 0 0 4px; }
h2 { font-size: 17px; text-align: center; margin: 28px 0 6px; page-break-before: auto; }
.meta { display: flex; justify-content: space-between; font-size: 13px; margin: 4px 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; page-break-inside: auto; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #444; padding: 3px 6px; vertical-align: middle; }
th { background: #f2f2f2; font-weight: bold; }
td.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; }
tr.overdue td { color: #b00020; }
tr.due td { color: #8a5a00; font-weight: bold; }
.notes { font-size: 12px; margin: 4px 0; }
.footer { display: flex; justify-content: space-between; font-size: 13px; margin: 14px 0 0; width: 70%; }
svg text { font-size: 11px; }
"""


def render_html(tables: list[Table], title: str, lang: str = "zh") -> str:
    parts = [f"<!DOCTYPE html>\n<html lang=\"{HTML_LANG(lang)}\"><head><meta charset=\"utf-8\">",
             f"<title>{escape(title)}</title><style>{CSS}</style></head><body>", f"<h1>{escape(title)}</h1>"]
    for t in tables:
        parts.append(_timeline(t, lang) if t.name == "timeline" else _table(t, lang))
    parts.append("</body></html>\n")
    return "\n".join(parts)


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
    text = escape(format_cell(value, kind, lang))
    return f'<td class="num">{text}</td>' if kind in ("money", "int") else f"<td>{text}</td>"


def _timeline(t: Table, lang: str) -> str:
    """Phases and activities as bars, deadlines as diamonds (red when overdue), today as a dashed line."""
    recs = t.records()
    days = [d for r in recs for d in (r["start"], r["end"]) if d] + ([t.as_of] if t.as_of else [])
    if not recs or not days:
        return ""
    first, last = min(days) - timedelta(days=2), max(days) + timedelta(days=2)
    span = max((last - first).days, 1)
    left, width, lane = 260, 760, 22
    height = 50 + lane * len(recs)

    def x(d: date) -> float:
        return left + width * (d - first).days / span

    title = t.caption(lang)
    out = [f"<h2>{escape(title)}</h2>",
           f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 20}" height="{height}" '
           f'viewBox="0 0 {left + width + 20} {height}" role="img" aria-label="{escape(title)}">',
           f'<rect x="0" y="0" width="{left + width + 20}" height="{height}" fill="#ffffff"/>']
    step = max(span // 10, 1)
    d = first
    while d <= last:
        out.append(f'<line x1="{x(d):.1f}" y1="24" x2="{x(d):.1f}" y2="{height - 6}" stroke="#e3e3e3"/>'
                   f'<text x="{x(d):.1f}" y="16" text-anchor="middle" fill="#555">{d.month}-{d.day:02d}</text>')
        d += timedelta(days=step)
    colours = {"phase": "#7aa6d8", "week": "#a5c98a", "activity": "#f0b35a"}
    for i, r in enumerate(recs):
        y = 34 + i * lane
        label = escape(str(r["label"])[:40])  # cut, then escape: a cut after escaping may break an entity
        out.append(f'<text x="{left - 8}" y="{y + 12}" text-anchor="end" fill="#222">{label}</text>')
        start, end = r["start"], r["end"] or r["start"]
        if r["kind"] == "deadline":
            colour = {"overdue": "#d32f2f", "due": "#f57c00", "done": "#9e9e9e"}.get(r["status"], "#1565c0")
            cx, cy = x(start), y + 8
            out.append(f'<polygon points="{cx:.1f},{cy - 7} {cx + 7:.1f},{cy} {cx:.1f},{cy + 7} {cx - 7:.1f},{cy}" '
                       f'fill="{colour}"><title>{label} {start.isoformat()}</title></polygon>')
        else:
            x1, x2 = x(start), x(end + timedelta(days=1))
            out.append(f'<rect x="{x1:.1f}" y="{y}" width="{max(x2 - x1, 3):.1f}" height="16" rx="3" '
                       f'fill="{colours.get(r["kind"], "#bbbbbb")}"><title>{label}</title></rect>')
    if t.as_of and first <= t.as_of <= last:
        tx = x(t.as_of)
        today = TODAY(lang)
        out.append(f'<line x1="{tx:.1f}" y1="22" x2="{tx:.1f}" y2="{height - 4}" stroke="#d32f2f" '
                   f'stroke-dasharray="5,4" stroke-width="2"/><text x="{tx + 4:.1f}" y="30" fill="#d32f2f">'
                   f"{today} {t.as_of.isoformat()}</text>")
    out.append("</svg>")
    return "\n".join(out)
