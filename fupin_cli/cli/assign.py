"""fupin assign: who does what."""

from typing import Annotated, Optional

import typer

from ..diagnostics import FupinError
from ..lazy import lazy_import
from ..options import AsOfOpt, CalendarOpt, ForceOpt, LangOpt, OutputOpt, PathsArg, TodayOpt
from .app import app
from .common import (_add_report, _add_tables, _as_of, _checked_parts, _default_paths, _fail, _lang, _part_result,
                     _print_document, _usage)
from .output import Output, plan_stem

commands = lazy_import("fupin_cli.commands.assign")


@app.command()
def assign(
    paths: PathsArg = None,
    unit: Annotated[Optional[str], typer.Option("--unit", help="One unit's task sheet (id or name).",
                                                metavar="NAME")] = None,
    rules: Annotated[Optional[str], typer.Option("--rules", help="Assignment rules (YAML): propose a lead for "
                                                 "each activity that has none. Without it, the plan's own "
                                                 "分工规则 section (if any) proposes.", metavar="FILE")] = None,
    write: Annotated[bool, typer.Option("--write", help="Write the proposals (from --rules or the plan's 分工规则) "
                                        "into the plan file (comments and layout kept).")] = False,
    today: TodayOpt = False,
    as_of: AsOfOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, md, csv, json, xlsx or html.")] = "table",
    output: OutputOpt = None,
    force: ForceOpt = False,
    calendar: CalendarOpt = None,
    lang: LangOpt = None,
) -> None:
    """Who does what: the responsibility matrix (主办 ●, 协办 ○), per-unit load and next deadline.

    Example: fupin assign plans/2010-区教育局-扶贫济困日.yaml --unit 政体股
    """
    lang_ = _lang(lang)
    if format not in ("table", "md", "csv", "json", "xlsx", "html"):
        _usage("assign", "--format 可选 table、md、csv、json、xlsx、html",
               "--format takes table, md, csv, json, xlsx or html", lang_)
    day = _as_of(as_of, today, "assign", lang_)
    paths = _default_paths(paths, "assign", lang_)
    try:
        result = commands.assign(paths=paths, as_of=day, unit=unit, rules=rules, write=write,
                                 official_tables=format in ("xlsx", "html"), calendar_files=calendar, lang=lang_)
    except FupinError as e:
        _fail("assign", e, lang_)
    out = Output("assign", lang_, target=output, force=force)
    out.protect_plans(paths)
    out.protect(rules, *(calendar or []))
    for part in _checked_parts(result, lang_, stop_unreadable=format != "json"):
        f = part.plan.file
        stem = f"{plan_stem(f)}-责任分工"
        if part.written is not None:
            n = part.written
            typer.echo((f"{f}: wrote {n} lead(s)" if lang_ == "en" else f"{f}：已写入 {n} 项主办单位"), err=True)
        if format in ("xlsx", "html"):
            _add_report(out, part.tables, format, lang_, part.meta, day, {}, stem, source=f)
        elif format != "json":  # json: one document for every plan, below
            _add_tables(out, part.tables, format, lang_, stem, source=f)
    if format == "json":
        stems = [f"{plan_stem(p.plan.file)}-责任分工" for p in result.plans]
        results = [_part_result(p, lang_, written=p.written) for p in result.plans]
        _print_document(out, "assign", results=results, diagnostics=result.all_diagnostics, exit_code=result.exit_code(),
                        lang=lang_, as_of=day, name=f"{stems[0]}.json" if len(stems) == 1 else "责任分工.json",
                        per_file=[(f"{stem}.json", [r], p.diagnostics)
                                  for stem, r, p in zip(stems, results, result.plans)])
    raise typer.Exit(max(out.finish(), result.exit_code()))
