"""fupin pairs: 结对帮扶 coverage, compliance and the monthly briefing."""

from typing import Annotated, Optional

import typer

from ..diagnostics import FupinError
from ..lazy import lazy_import
from ..options import (AsOfOpt, CalendarOpt, LangOpt, PathsArg, TodayOpt)
from .app import app
from .common import (_as_of, _checked_parts, _default_name, _default_paths, _emit, _fail, _lang, _part_result,
                     _print_document, _usage, _write_report)

commands = lazy_import("fupin_cli.commands.pairs")


@app.command()
def pairs(
    paths: PathsArg = None,
    briefing: Annotated[Optional[str], typer.Option("--briefing", help="The monthly briefing for this month "
                                                    "(2020-10): per group, visits, help by kind, value, the month "
                                                    "before.", metavar="YYYY-MM")] = None,
    today: TodayOpt = False,
    as_of: AsOfOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, md, csv, json or xlsx.")] = "table",
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="xlsx: the file to write.",
                                                  metavar="FILE")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when a visit row is rejected, a target is "
                                         "unpaired or a group is below the policy.")] = False,
    calendar: CalendarOpt = None,
    lang: LangOpt = None,
) -> None:
    """结对帮扶: coverage, visit compliance by week or month, required occasions, the monthly briefing.

    Example: fupin pairs plans/2020-县教育局-结对帮扶.yaml --briefing 2020-10 --as-of 2020-11-02
    """
    lang_ = _lang(lang)
    if format not in ("table", "md", "csv", "json", "xlsx"):
        _usage("pairs", "--format 可选 table、md、csv、json、xlsx", "--format takes table, md, csv, json or xlsx", lang_)
    day = _as_of(as_of, today, "pairs", lang_)
    try:
        commands.month_of(briefing) if briefing else None
        paths = _default_paths(paths, "pairs", lang_)
        result = commands.pairs(paths=paths, as_of=day, briefing_month=briefing, calendar_files=calendar,
                                lang=lang_)
    except FupinError as e:
        _fail("pairs", e, lang_)
    for part in _checked_parts(result, lang_, stop_unreadable=format != "json"):
        if format == "xlsx":
            target = output or _default_name(part.plan.plan, "xlsx").replace(".xlsx", "-结对帮扶.xlsx")
            _write_report(part.tables, "xlsx", target, lang_, part.meta, day, {})
            typer.echo(f"{part.plan.file} → {target}", err=True)
            continue
        if format == "json":  # one document for every plan, printed below
            continue
        for t in part.tables:
            _emit(t, format, lang_, None)
    if format == "json":
        _print_document("pairs", results=[_part_result(p, lang_) for p in result.plans],
                        diagnostics=result.all_diagnostics, exit_code=result.exit_code(strict), lang=lang_,
                        as_of=day)
    raise typer.Exit(result.exit_code(strict))
