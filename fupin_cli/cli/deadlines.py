"""fupin deadlines: what is due, overdue and coming, on the working-day calendar."""

from typing import Annotated, Optional

import typer

from ..options import (AsOfOpt, CalendarOpt, DeadlineFormat, FailOn, LangOpt, PathsArg, StatusFilter,
                       TodayOpt)
from ..lazy import lazy_import
from .app import app
from .common import (_as_of, _default_paths, _emit, _lang, _print_diagnostics, _print_document, document_render)

commands = lazy_import("fupin_cli.commands.deadlines")


@app.command()
def deadlines(
    paths: PathsArg = None,
    today: TodayOpt = False,
    as_of: AsOfOpt = None,
    within: Annotated[Optional[int], typer.Option("--within", min=0, help="Only what is due within DAYS days "
                                                  "(overdue items always show).", metavar="DAYS")] = None,
    status: Annotated[StatusFilter, typer.Option("--status", help="open (default: overdue, due, upcoming), "
                                                 "overdue, due, upcoming, done or all.")] = StatusFilter.open,
    unit: Annotated[Optional[str], typer.Option("--unit", help="Only what this 股室 / school owes (id or name).",
                                                metavar="NAME")] = None,
    format: Annotated[DeadlineFormat, typer.Option("--format", "-f", help="table, md, csv, json or ics.")]
    = DeadlineFormat.table,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write to FILE instead of stdout.",
                                                  metavar="FILE")] = None,
    remind: Annotated[int, typer.Option("--remind", min=0, help="ics: reminder this many days before (09:00).",
                                        metavar="DAYS")] = 1,
    all_years: Annotated[bool, typer.Option("--all-years", help="Include plans of every year, not only the "
                                            "as-of date's year.")] = False,
    calendar: CalendarOpt = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="Exit 1 when anything is overdue "
                                                      "(overdue) or overdue or due today (due).")] = None,
    lang: LangOpt = None,
) -> None:
    """What is due, overdue and coming, on China's working-day calendar.

    Example: fupin deadlines plans/ --as-of 2020-10-15 --within 7
    """
    lang_ = _lang(lang)
    paths = _default_paths(paths, "deadlines", lang_)
    day = _as_of(as_of, today, "deadlines", lang_)
    result = commands.deadlines(paths=paths, as_of=day, status=status.value, within=within, unit=unit,
                                all_years=all_years, calendar_files=calendar,
                                fail_on=fail_on.value if fail_on else None, lang=lang_)
    _print_diagnostics(result.diagnostics, lang_)
    if format is DeadlineFormat.json:
        _print_document("deadlines", results=[document_render.tables_result([result.table], lang_,
                                                                            plans=result.plans)],
                        diagnostics=result.diagnostics, exit_code=result.exit_code(), lang=lang_, output=output,
                        as_of=day)
    _emit(result.table, format.value, lang_, output, remind=remind)
    raise typer.Exit(result.exit_code())
