"""fupin pairs: 结对帮扶 coverage, compliance and the monthly briefing."""

from typing import Annotated, Optional

import typer

from ..diagnostics import FupinError
from ..lazy import lazy_import
from ..options import AsOfOpt, CalendarOpt, ForceOpt, LangOpt, OutputOpt, PathsArg, TodayOpt
from .app import app
from .common import (_add_report, _add_tables, _as_of, _checked_parts, _default_paths, _fail, _lang, _part_result,
                     _print_document, _usage)
from .output import Output, plan_stem

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
    output: OutputOpt = None,
    force: ForceOpt = False,
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
    out = Output("pairs", lang_, target=output, force=force)
    out.protect_plans(paths)
    out.protect(*(calendar or []))
    for part in result.plans:
        out.protect(*part.inputs)
    for part in _checked_parts(result, lang_, stop_unreadable=format != "json"):
        f = part.plan.file
        stem = f"{plan_stem(f)}-结对帮扶" + (f"-{briefing.strip()}" if briefing else "")
        if format == "xlsx":
            _add_report(out, part.tables, "xlsx", lang_, part.meta, day, {}, stem, source=f)
        elif format != "json":  # json: one document for every plan, below
            _add_tables(out, part.tables, format, lang_, stem, source=f)
    if format == "json":
        stems = [f"{plan_stem(p.plan.file)}-结对帮扶" for p in result.plans]
        results = [_part_result(p, lang_) for p in result.plans]
        _print_document(out, "pairs", results=results, diagnostics=result.all_diagnostics,
                        exit_code=result.exit_code(strict), lang=lang_, as_of=day, name=f"{stems[0]}.json" if len(stems) == 1 else "结对帮扶.json",
                        per_file=[(f"{stem}.json", [r], p.diagnostics)
                                  for stem, r, p in zip(stems, results, result.plans)])
    raise typer.Exit(max(out.finish(), result.exit_code(strict)))
