"""fupin calendar: a month of the working-day calendar."""

from typing import Annotated

import typer

from ..diagnostics import FupinError
from ..lazy import lazy_import
from ..options import MONTH, CalendarOpt, LangOpt, TextOrJson, t
from .app import app
from .output import Output
from .common import (_fail, _lang, _print_diagnostics, _print_document)

commands = lazy_import("fupin_cli.commands.calendar")
grid = lazy_import("fupin_cli.render.calendar")


@app.command("calendar", help=t("""显示一个月的日历，标出法定节假日（休）和调休上班日（班）。

示例：fupin calendar 2026-10""", """Print a month with statutory holidays (休) and make-up working days (班) marked.

Example: fupin calendar 2026-10"""))
def calendar_cmd(
    month: Annotated[str, typer.Argument(metavar=MONTH, help=t(
        "一个月（2026-10）或一整年（2026）。", "A month (2026-10) or a whole year (2026)."))],
    calendar: CalendarOpt = None,
    format: Annotated[TextOrJson, typer.Option("--format", "-f", help=t(
        "输出格式：text 或 json。", "Output: text or json."))] = TextOrJson.text,
    lang: LangOpt = None,
) -> None:
    """fupin calendar: the months asked for, as a grid or a json document."""
    lang_ = _lang(lang)
    try:
        result = commands.calendar_months(month=month, calendar_files=calendar)
    except FupinError as e:
        _fail("calendar", e, lang_)
    _print_diagnostics(result.diagnostics, lang_)
    cal, year = result.calendar, result.year
    if format is TextOrJson.json:
        _print_document(Output("calendar", lang_, target="-"), "calendar", results=[] if result.errors else [
            grid.month_json(cal, year, mo) for mo in result.month_numbers],
                        diagnostics=result.diagnostics, exit_code=result.exit_code(), lang=lang_)
    if result.errors:
        raise typer.Exit(result.exit_code())
    typer.echo("\n".join(grid.month_grid(cal, year, mo, lang_) for mo in result.month_numbers), nl=False)
