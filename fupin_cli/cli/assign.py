"""fupin assign: who does what."""

from enum import Enum
from typing import Annotated, Optional

import typer

from ..diagnostics import FupinError
from ..lazy import lazy_import
from ..options import FILE, UNIT, AsOfOpt, CalendarOpt, ForceOpt, LangOpt, OutputOpt, PathsArg, TodayOpt, t
from .app import app
from .common import (_add_report, _add_tables, _as_of, _checked_parts, _default_paths, _fail, _lang, _part_result,
                     _print_document)
from .output import Output, plan_stem

commands = lazy_import("fupin_cli.commands.assign")


class AssignFormat(str, Enum):
    table = "table"
    md = "md"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    html = "html"


@app.command(help=t("""谁做什么：责任分工矩阵（主办 ●，协办 ○）、各单位的任务量和最近的截止日期。

示例：fupin assign plans/2010-区教育局-扶贫济困日.yaml --unit 政体股""",
                    """Who does what: the responsibility matrix (主办 ●, 协办 ○), per-unit load and next deadline.

Example: fupin assign plans/2010-区教育局-扶贫济困日.yaml --unit 政体股"""))
def assign(
    paths: PathsArg = None,
    unit: Annotated[Optional[str], typer.Option("--unit", metavar=UNIT, help=t(
        "一个单位的任务清单（编号或名称）。", "One unit's task sheet (id or name)."))] = None,
    rules: Annotated[Optional[str], typer.Option("--rules", metavar=FILE, help=t(
        "分工规则（YAML）：为没有主办单位的活动提出主办。不给时用方案自己的 分工规则（如有）。",
        "Assignment rules (YAML): propose a lead for each activity that has none. Without it, the plan's own "
        "分工规则 section (if any) proposes."))] = None,
    write: Annotated[bool, typer.Option("--write", help=t(
        "把提出的主办单位（来自 --rules 或方案的 分工规则）写入方案文件（保留注释和格式）。",
        "Write the proposals (from --rules or the plan's 分工规则) into the plan file (comments and layout "
        "kept)."))] = False,
    today: TodayOpt = False,
    as_of: AsOfOpt = None,
    format: Annotated[AssignFormat, typer.Option("--format", "-f", help=t(
        "输出格式：table、md、csv、json、xlsx 或 html。", "Output: table, md, csv, json, xlsx or html."))]
    = AssignFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    calendar: CalendarOpt = None,
    lang: LangOpt = None,
) -> None:
    """fupin assign: each plan's responsibility matrix and load, or one unit's task sheet."""
    lang_ = _lang(lang)
    format = format.value
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
