"""fupin report: the official tables, and the roll-up."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from ..options import (AsOfOpt, CalendarOpt, LangOpt, PathsArg, TodayOpt)
from .app import app
from .common import (_Limit, _as_of, _checked_plan, _default_name, _default_paths, _lang, _plan_inputs, _print_diagnostics, _usage, _write_report)


class ReportFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"
    md = "md"
    json = "json"
    html = "html"


@app.command()
def report(
    paths: PathsArg = None,
    table: Annotated[Optional[list[str]], typer.Option("--table", "-t", help="A table to include (repeatable): "
                                                       "responsibility, deadlines, donations, large, publicity, "
                                                       "activities, or its Chinese title. Default: all.")] = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="xlsx, csv, md, json or html.")]
    = ReportFormat.xlsx,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Output file (- for stdout where the "
                                                  "format allows). Default: a name from the plan's year and "
                                                  "title.", metavar="FILE")] = None,
    rollup: Annotated[Optional[list[str]], typer.Option("--rollup", help="Roll up (汇总上报) units' plans and the "
                                                        "json reports they sent (files or folders; repeatable) into "
                                                        "one table, a row per unit.", metavar="PATH")] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", help="With --rollup: the unit that reports the "
                                                  "roll-up (填报单位).")] = None,
    today: TodayOpt = False,
    as_of: AsOfOpt = None,
    calendar: CalendarOpt = None,
    lang: LangOpt = None,
) -> None:
    """The official tables (活动安排及责任分工表, 报送时间表, 捐赠统计表, 大额捐赠登记表, 捐赠公示名单, 扶贫日活动情况统计表).

    Example: fupin report plans/2010-区教育局-扶贫济困日.yaml --format xlsx --as-of 2010-07-01
    """
    from ..engines.calendar import load_calendar
    from ..loading.plans import expand_paths
    from ..reports import REPORT_TABLES, build_report
    from ..safety import OutputError, check_output

    lang_ = _lang(lang)
    names = _table_names(table, lang_)
    day = _as_of(as_of, today, "report", lang_)
    if rollup:
        _rollup(rollup + list(paths or []), issuer, day, format.value, output, calendar, lang_)
        return
    files, problems = expand_paths(_default_paths(paths, "report", lang_))
    _print_diagnostics(problems, lang_)
    if problems:
        raise typer.Exit(2)
    if output and len(files) > 1 and output != "-":
        _usage("report", "多个方案时不能指定一个 --output 文件", "--output takes one plan at a time", lang_)
    cal, cal_diags = load_calendar(calendar or [])
    _print_diagnostics(cal_diags, lang_)
    code = 0
    for f in files:
        if output:
            try:
                check_output(output, [f])
            except OutputError as e:
                _usage("report", e.zh, e.en, lang_)
        lp = _checked_plan(f, cal, lang_)
        if isinstance(lp, int):
            code = max(code, lp)
            continue
        wanted = (names or list(REPORT_TABLES)) + (["timeline"] if format is ReportFormat.html else [])
        tables, diags = build_report(lp, as_of=day, cal=cal, names=wanted, lang=lang_)
        _Limit().print(diags, lang_)
        target = output or _default_name(lp.plan, format.value)
        inputs = [f] + _plan_inputs(lp)
        from ..reports import unit_summary

        meta = {"title": lp.plan.title, "issuer": lp.plan.issuer, "year": lp.plan.year, "file": lp.file}
        summary = unit_summary(lp.plan.issuer or lp.plan.title, tables)
        try:
            check_output(target, inputs)
            _write_report(tables, format.value, target, lang_, meta, day, summary)
        except OutputError as e:
            _usage("report", e.zh, e.en, lang_)
        if target != "-":
            typer.echo((f"{f} → {target}" if lang_ == "en" else f"{f} → {target}"), err=True)
    raise typer.Exit(code)


def _table_names(table: list[str] | None, lang: str) -> list[str] | None:
    from ..reports import REPORT_TABLES

    if not table:
        return None
    by_title = {v: k for k, v in REPORT_TABLES.items()}
    names = []
    for t in table:
        for part in t.split(","):
            part = part.strip()
            name = part if part in REPORT_TABLES else by_title.get(part)
            if name is None:
                _usage("report", f"没有这张表：{part}（可选 {'、'.join(REPORT_TABLES)}）",
                       f"no such table: {part} (choose from {', '.join(REPORT_TABLES)})", lang)
            names.append(name)
    return names


def _rollup(inputs: list[str], issuer: str | None, day, fmt: str, output: str | None, calendar, lang: str) -> None:
    """汇总上报: a row per unit from its plan (ledgers, activity records) or from the json report it sent."""
    from ..engines.calendar import load_calendar
    from ..reports import RollupInputError, collect_rollup, rollup_table
    from ..safety import OutputError, check_output

    cal, _ = load_calendar(calendar or [])
    try:
        roll = collect_rollup(inputs, as_of=day, cal=cal, lang=lang)
    except RollupInputError as e:
        _usage("report", e.zh, e.en, lang)
    _Limit().print(roll.diagnostics, lang)
    if roll.missing:
        raise typer.Exit(2)
    files, summaries, code = roll.files, roll.summaries, roll.exit_code()
    table = rollup_table(summaries, issuer, day, lang)
    target = output or f"汇总-{issuer or 'rollup'}.{fmt}"
    try:
        check_output(target, files)
    except OutputError as e:
        _usage("report", e.zh, e.en, lang)
    total = dict(zip((c.key for c in table.columns), table.total or []))
    total["unit"] = issuer or total.get("unit")
    meta = {"title": table.title, "issuer": issuer, "year": day.year, "file": None}
    _write_report([table], fmt, target, lang, meta, day, total)
    if target != "-":
        typer.echo(f"{len(summaries)} → {target}", err=True)
    raise typer.Exit(code)
