"""Plain-text and markdown tables (wide Chinese characters aligned), coloured only when asked to."""

from __future__ import annotations

from ..diagnostics import Text
from ..table import Table, format_cell, unit_of_measure

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


def render_text(table: Table, lang: str = "zh", colour: bool = False) -> str:
    from tabulate import SEPARATING_LINE, tabulate

    headers, rows = _cells(table, lang)
    if colour:
        rows = [[f"{COLOURS[s]}{c}{RESET}" for c in r] if s in COLOURS else r
                for r, s in zip(rows, table.styles or [None] * len(rows))]
    if table.total:
        rows = rows + [SEPARATING_LINE] + _cells(table, lang, with_total=True)[1][-1:]
    title = table.caption(lang)
    if table.unit_of_measure:
        uom = unit_of_measure(table, lang)
        title += Text(f"（单位：{uom}）", f" (unit: {uom})")(lang)
    lines = [title]
    if rows:
        lines.append(tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True,
                              colalign=_align(table)))
    lines.extend(table.notes)
    return "\n".join(lines) + "\n"


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
