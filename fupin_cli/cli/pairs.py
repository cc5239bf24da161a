"""fupin pairs: 结对帮扶 coverage, compliance and the monthly briefing."""

from enum import Enum
from typing import Annotated, Optional

import typer

from ..diagnostics import FupinError
from ..lazy import lazy_import
from ..options import MONTH, AsOfOpt, CalendarOpt, ForceOpt, LangOpt, OutputOpt, PathsArg, TodayOpt, t
from .app import app
from .common import (_add_report, _add_tables, _as_of, _checked_parts, _default_paths, _fail, _lang, _part_result,
                     _print_document)
from .output import Output, plan_stem

commands = lazy_import("fupin_cli.commands.pairs")


class PairsFormat(str, Enum):
    table = "table"
    md = "md"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


@app.command(help=t("""结对帮扶：结对覆盖、按周或按月的走访达标、必访时节、月度通报。

示例：fupin pairs plans/2020-县教育局-结对帮扶.yaml --briefing 2020-10 --as-of 2020-11-02""",
                    """结对帮扶: coverage, visit compliance by week or month, required occasions, the monthly briefing.

Example: fupin pairs plans/2020-县教育局-结对帮扶.yaml --briefing 2020-10 --as-of 2020-11-02"""))
def pairs(
    paths: PathsArg = None,
    briefing: Annotated[Optional[str], typer.Option("--briefing", metavar=MONTH, help=t(
        "这个月（如 2020-10）的月度通报：各小组的走访次数、帮扶内容、价值及上月情况。",
        "The monthly briefing for this month (2020-10): per group, visits, help by kind, value, the month "
        "before."))] = None,
    today: TodayOpt = False,
    as_of: AsOfOpt = None,
    format: Annotated[PairsFormat, typer.Option("--format", "-f", help=t(
        "输出格式：table、md、csv、json 或 xlsx。", "Output: table, md, csv, json or xlsx."))] = PairsFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    strict: Annotated[bool, typer.Option("--strict", help=t(
        "有走访记录被拒收、帮扶对象未结对或小组未达标时退出码为 1。",
        "Exit 1 when a visit row is rejected, a target is unpaired or a group is below the policy."))] = False,
    calendar: CalendarOpt = None,
    lang: LangOpt = None,
) -> None:
    """fupin pairs: each plan's coverage and compliance tables, or the month's briefing."""
    lang_ = _lang(lang)
    format = format.value
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
