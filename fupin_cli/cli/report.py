"""fupin report: the official tables, and the roll-up."""

from enum import Enum
from typing import Annotated, Optional

import typer

from ..diagnostics import FupinError
from ..lazy import lazy_import
from ..options import (PATH, TABLE, UNIT, AsOfOpt, CalendarOpt, DonationRulesOpt, ForceOpt, LangOpt, OutputOpt, PathsArg,
                       RmbOpt, TodayOpt, t)
from .app import app
from .common import _add_report, _as_of, _checked_parts, _default_paths, _fail, _lang, _Limit, _print_document, reports
from .output import Output, plan_stem

commands = lazy_import("fupin_cli.commands.report")


class ReportFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"
    md = "md"
    json = "json"
    html = "html"


@app.command(help=t("""上报的表格：活动安排及责任分工表、报送时间表、捐赠统计表、大额捐赠登记表、捐赠公示名单、扶贫日活动情况统计表、结对情况表、走访达标情况。

示例：fupin report plans/2010-区教育局-扶贫济困日.yaml --format xlsx --as-of 2010-07-01""",
                    """The official tables (活动安排及责任分工表, 报送时间表, 捐赠统计表, 大额捐赠登记表, 捐赠公示名单, 扶贫日活动情况统计表, 结对情况表, 走访达标情况).

Example: fupin report plans/2010-区教育局-扶贫济困日.yaml --format xlsx --as-of 2010-07-01"""))
def report(
    paths: PathsArg = None,
    table: Annotated[Optional[list[str]], typer.Option("--table", "-t", metavar=TABLE, help=t(
        "要包含的表（可重复），可选：responsibility、deadlines、donations、large、publicity、activities、pairing、"
        "compliance，或其中文表名。默认：全部。",
        "A table to include (repeatable): responsibility, deadlines, donations, large, publicity, activities, "
        "pairing, compliance, or its Chinese title. Default: all."))] = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help=t(
        "输出格式：xlsx、csv、md、json 或 html。", "Output: xlsx, csv, md, json or html."))] = ReportFormat.xlsx,
    output: OutputOpt = None,
    force: ForceOpt = False,
    rollup: Annotated[Optional[list[str]], typer.Option("--rollup", metavar=PATH, help=t(
        "汇总上报：把各单位的方案和报来的 json 报表（文件或文件夹，可重复）汇成一张表，每个单位一行。",
        "Roll up (汇总上报) units' plans and the json reports they sent (files or folders; repeatable) into one "
        "table, a row per unit."))] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", metavar=UNIT, help=t(
        "与 --rollup 同用：上报汇总表的单位（填报单位）。",
        "With --rollup: the unit that reports the roll-up (填报单位)."))] = None,
    rmb: RmbOpt = False,
    today: TodayOpt = False,
    as_of: AsOfOpt = None,
    calendar: CalendarOpt = None,
    donation_rules: DonationRulesOpt = None,
    lang: LangOpt = None,
) -> None:
    """fupin report: each plan's official tables in one format, or the roll-up."""
    lang_ = _lang(lang)
    day = _as_of(as_of, today, "report", lang_)
    try:
        commands.table_names(table)
    except FupinError as e:
        _fail("report", e, lang_)
    if rollup:
        _rollup(rollup + list(paths or []), issuer, day, format.value, output, force, calendar, lang_, rmb)
        return
    paths = _default_paths(paths, "report", lang_)
    try:
        result = commands.report(paths=paths, as_of=day, tables=table, timeline=format is ReportFormat.html,
                                 calendar_files=calendar, donation_rules=donation_rules, lang=lang_, rmb=rmb)
    except FupinError as e:
        _fail("report", e, lang_)
    out = Output("report", lang_, target=output, force=force)
    out.protect_plans(paths)
    out.protect(*(calendar or []), donation_rules)
    for part in result.plans:
        out.protect(*part.inputs)
    to_stdout = format is ReportFormat.json and output == "-"  # one document for every plan, printed below
    for part in _checked_parts(result, lang_, stop_unreadable=not to_stdout):
        if not to_stdout:
            _add_report(out, part.tables, format.value, lang_, part.meta, day, part.summary,
                        plan_stem(part.plan.file), source=part.plan.file, rmb=rmb)
    if to_stdout:
        results = [{"file": p.plan.file, "ok": p.ok,
                    "report": reports.report_document(p.meta, p.tables, day, p.summary, lang_) if p.ok else None}
                   for p in result.plans]
        _print_document(out, "report", results=results, diagnostics=result.all_diagnostics,
                        exit_code=result.exit_code(), lang=lang_, as_of=day)
    raise typer.Exit(max(out.finish(), result.exit_code()))


def _rollup(inputs: list[str], issuer: str | None, day, fmt: str, output: str | None, force: bool, calendar,
            lang: str, rmb: bool = False) -> None:
    """汇总上报: a row per unit from its plan (ledgers, activity records) or from the json report it sent."""
    try:
        roll = commands.rollup(inputs=inputs, as_of=day, issuer=issuer, calendar_files=calendar, lang=lang, rmb=rmb)
    except FupinError as e:
        _fail("report", e, lang)
    _Limit().print(roll.diagnostics, lang)
    out = Output("report", lang, target=output, force=force)
    out.protect(*roll.files, *roll.inputs, *(calendar or []))
    out.protect_plans([f for f in roll.files if not f.endswith(".json")])
    if fmt == "json" and output == "-":  # one document: the roll-up's json report, and the inputs rolled up
        results = [] if roll.table is None else [
            {"file": None, "ok": True, "report": reports.report_document(roll.meta, [roll.table], day, roll.total,
                                                                         lang)}]
        _print_document(out, "report", results=results, diagnostics=roll.diagnostics,
                        exit_code=roll.exit_code() or (2 if roll.missing else 0), lang=lang, as_of=day,
                        inputs=roll.files)
    if roll.missing or roll.table is None:
        raise typer.Exit(roll.exit_code() or 2)
    _add_report(out, [roll.table], fmt, lang, roll.meta, day, roll.total, f"汇总-{issuer or 'rollup'}",
                source=f"{len(roll.summaries)}", rmb=rmb)
    raise typer.Exit(max(out.finish(), roll.exit_code()))
