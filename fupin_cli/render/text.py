"""Plain-text and markdown tables (wide Chinese characters aligned), coloured only when asked to."""

from __future__ import annotations

from ..table import Table, format_cell

COLOURS = {"overdue": "\033[31m", "due": "\033[33m", "done": "\033[2m"}
RESET = "\033[0m"


def _cells(table: Table, lang: str) -> tuple[list[str], list[list[str]]]:
    cols = [c for c in table.columns if c.visible]
    index = [table.columns.index(c) for c in cols]
    rows = [[format_cell(row[i], table.columns[i].kind, lang) for i in index] for row in table.rows]
    return table.headings(lang, visible_only=True), rows


def render_text(table: Table, lang: str = "zh", colour: bool = False) -> str:
    from tabulate import tabulate

    headers, rows = _cells(table, lang)
    if colour:
        rows = [[f"{COLOURS[s]}{c}{RESET}" for c in r] if s in COLOURS else r
                for r, s in zip(rows, table.styles or [None] * len(rows))]
    title = table.title_en if lang == "en" and table.title_en else table.title
    lines = [title]
    if rows:
        lines.append(tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True))
    lines.extend(table.notes)
    return "\n".join(lines) + "\n"


def render_markdown(table: Table, lang: str = "zh") -> str:
    headers, rows = _cells(table, lang)
    esc = [[c.replace("|", "\\|").replace("\n", " ") for c in r] for r in rows]
    title = table.title_en if lang == "en" and table.title_en else table.title
    out = [f"## {title}", "", "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(r) + " |" for r in esc]
    if table.notes:
        out += [""] + [f"- {n}" for n in table.notes]
    return "\n".join(out) + "\n"
