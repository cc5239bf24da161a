"""fupin calendar: a month of the working-day calendar."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..options import (CalendarOpt, LangOpt, TextOrJson)
from .app import app
from .common import (_lang, _print_diagnostics, _usage)


@app.command("calendar")
def calendar_cmd(
    month: Annotated[str, typer.Argument(help="A month (2026-10) or a whole year (2026).", metavar="YYYY-MM")],
    calendar: CalendarOpt = None,
    format: Annotated[TextOrJson, typer.Option("--format", "-f", help="text or json.")] = TextOrJson.text,
    lang: LangOpt = None,
) -> None:
    """Print a month with statutory holidays (休) and make-up working days (班) marked.

    Example: fupin calendar 2026-10
    """
    import re

    from ..engines.calendar import UnknownYear, load_calendar
    from ..render.calendar import month_grid, month_json

    lang_ = _lang(lang)
    m = re.fullmatch(r"\s*(\d{4})(?:[-/年](\d{1,2})月?)?\s*", month)
    if not m or not (2000 <= int(m.group(1)) <= 2100) or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        _usage("calendar", f"无法识别月份“{month}”（可写 2026-10 或 2026）",
               f"cannot read the month “{month}” (write 2026-10 or 2026)", lang_)
    year = int(m.group(1))
    months = [int(m.group(2))] if m.group(2) else list(range(1, 13))
    cal, diags = load_calendar(calendar or [])
    _print_diagnostics(diags, lang_)
    if any(d.severity == "error" for d in diags):
        raise typer.Exit(2 if any(d.unreadable for d in diags) else 1)
    try:
        if format is TextOrJson.json:
            typer.echo(json.dumps([month_json(cal, year, mo) for mo in months], ensure_ascii=False, indent=2))
        else:
            typer.echo("\n".join(month_grid(cal, year, mo, lang_) for mo in months), nl=False)
    except UnknownYear as e:
        _print_diagnostics([e.diagnostic()], lang_)
        raise typer.Exit(1) from None
