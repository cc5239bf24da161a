"""fupin deadlines: what is due, overdue and coming, on the working-day calendar."""

from typing import Annotated, Optional

import typer

from ..diagnostics import FupinError
from ..options import (DAYS, UNIT, AsOfOpt, CalendarOpt, DeadlineFormat, DonationRulesOpt, FailOn, ForceOpt, LangOpt,
                       OutputOpt, PathsArg, StatusFilter, TodayOpt, t)
from ..lazy import lazy_import
from .app import app
from .common import (_add_tables, _as_of, _default_paths, _fail, _lang, _print_diagnostics, _print_document,
                     document_render)
from .output import Output, plan_stem

commands = lazy_import("fupin_cli.commands.deadlines")


@app.command(help=t("""按中国工作日历列出应交、逾期和将到期的事项。

示例：fupin deadlines plans/ --as-of 2020-10-15 --within 7""", """What is due, overdue and coming, on China's working-day calendar.

Example: fupin deadlines plans/ --as-of 2020-10-15 --within 7"""))
def deadlines(
    paths: PathsArg = None,
    today: TodayOpt = False,
    as_of: AsOfOpt = None,
    within: Annotated[Optional[int], typer.Option("--within", min=0, metavar=DAYS, help=t(
        "只列天数内到期的事项（逾期的总是列出）。", "Only what is due within DAYS days (overdue items always show)."))] = None,
    status: Annotated[StatusFilter, typer.Option("--status", help=t(
        "open（默认：逾期、今天到期、将到期）、overdue、due、upcoming、done 或 all。",
        "open (default: overdue, due, upcoming), overdue, due, upcoming, done or all."))] = StatusFilter.open,
    unit: Annotated[Optional[str], typer.Option("--unit", metavar=UNIT, help=t(
        "只列这个股室或学校要交的（编号或名称）。", "Only what this 股室 / school owes (id or name)."))] = None,
    format: Annotated[DeadlineFormat, typer.Option("--format", "-f", help=t(
        "输出格式：table、md、csv、json 或 ics（日历文件）。", "Output: table, md, csv, json or ics (a calendar file)."))]
    = DeadlineFormat.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    remind: Annotated[int, typer.Option("--remind", min=0, max=365, metavar=DAYS, help=t(
        "ics：提前几天提醒（上午 9 点；最多 365）。", "ics: reminder this many days before (09:00; at most 365)."))] = 1,
    all_years: Annotated[bool, typer.Option("--all-years", help=t(
        "包括各年度的方案，而不只是计算日所在年度。", "Include plans of every year, not only the as-of date's year."))] = False,
    calendar: CalendarOpt = None,
    donation_rules: DonationRulesOpt = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help=t(
        "有逾期（overdue）或逾期、今天到期（due）时退出码为 1。",
        "Exit 1 when anything is overdue (overdue) or overdue or due today (due)."))] = None,
    lang: LangOpt = None,
) -> None:
    """fupin deadlines: one table of every plan's dated items, most urgent first."""
    lang_ = _lang(lang)
    paths = _default_paths(paths, "deadlines", lang_)
    day = _as_of(as_of, today, "deadlines", lang_)
    try:
        result = commands.deadlines(paths=paths, as_of=day, status=status.value, within=within, unit=unit,
                                    all_years=all_years, calendar_files=calendar,
                                    fail_on=fail_on.value if fail_on else None, donation_rules=donation_rules,
                                    lang=lang_)
    except FupinError as e:
        _fail("deadlines", e, lang_)
    _print_diagnostics(result.diagnostics, lang_)
    out = Output("deadlines", lang_, target=output, force=force)
    out.protect_plans(paths)
    out.protect(*result.inputs, *(calendar or []), donation_rules)
    # one table of every plan's deadlines, most urgent first; into a folder (-o DIR/) a file per plan
    per_plan = [(f"{plan_stem(f)}-报送时间表", f, t) for f, t in result.plan_tables.items()]
    whole = result.table
    if format is DeadlineFormat.ics:  # a calendar's own table: each item over all its days
        per_plan = [(stem, f, result.events(f, lang_)) for stem, f, _ in per_plan]
        whole = result.events(lang=lang_)
    if format is DeadlineFormat.json:
        _print_document(out, "deadlines",
                        results=[document_render.tables_result([result.table], lang_, plans=result.plans)],
                        diagnostics=result.diagnostics, exit_code=result.exit_code(), lang=lang_, as_of=day,
                        name=f"{per_plan[0][0]}.json" if len(per_plan) == 1 else "报送时间表.json",
                        per_file=[(f"{stem}.json", [document_render.tables_result([t], lang_, plans=1)],
                                   [d for d in result.diagnostics if d.file == f]) for stem, f, t in per_plan])
    if out.to_folder:
        for stem, f, t in per_plan:
            _add_tables(out, [t], format.value, lang_, stem, source=f, remind=remind)
    else:
        stem = per_plan[0][0] if len(per_plan) == 1 else "报送时间表"
        _add_tables(out, [whole], format.value, lang_, stem, remind=remind)
    raise typer.Exit(max(out.finish(), result.exit_code()))
