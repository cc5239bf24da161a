"""fupin pairs: 结对帮扶 coverage, compliance and the monthly briefing."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..options import (AsOfOpt, CalendarOpt, LangOpt, PathsArg, TodayOpt)
from .app import app
from .common import (_Limit, _as_of, _checked_plan, _default_name, _default_paths, _emit, _lang, _print_diagnostics, _usage, _write_report)


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
    import re
    from datetime import date as date_

    from ..engines.calendar import load_calendar
    from ..engines.ledger import plan_ledger_files
    from ..engines.pairing import briefing as make_briefing
    from ..engines.pairing import compliance, coverage, read_visits
    from ..loading.plans import expand_paths
    from ..reports import briefing_table, compliance_table, official, pairing_coverage_table

    lang_ = _lang(lang)
    if format not in ("table", "md", "csv", "json", "xlsx"):
        _usage("pairs", "--format 可选 table、md、csv、json、xlsx", "--format takes table, md, csv, json or xlsx", lang_)
    day = _as_of(as_of, today, "pairs", lang_)
    month = None
    if briefing:
        m = re.fullmatch(r"\s*(\d{4})[-/年](\d{1,2})月?\s*", briefing)
        if not m or not 1 <= int(m.group(2)) <= 12:
            _usage("pairs", f"无法识别月份“{briefing}”（可写 2020-10）", f"cannot read the month “{briefing}”", lang_)
        month = date_(int(m.group(1)), int(m.group(2)), 1)
    files, problems = expand_paths(_default_paths(paths, "pairs", lang_))
    _print_diagnostics(problems, lang_)
    if problems:
        raise typer.Exit(2)
    cal, _ = load_calendar(calendar or [])
    code, found = 0, False
    for f in files:
        lp = _checked_plan(f, cal, lang_)
        if isinstance(lp, int):
            code = max(code, lp)
            continue
        pairing = lp.plan.pairing
        if pairing is None:
            continue
        found = True
        log = read_visits(plan_ledger_files(lp.file, pairing.visit_logs), pairing, lp.plan.year)
        _Limit().print(log.diagnostics, lang_)
        if month is not None:
            tables = [briefing_table(make_briefing(pairing, log.visits, month), month, lang_)]
        else:
            cov = coverage(pairing)
            start = lp.plan.period.start if lp.plan.period else min((v.day for v in log.visits), default=day)
            rows = compliance(pairing, log.visits, day, cal, start)
            tables = [pairing_coverage_table(pairing, cov, lang_)]
            if pairing.policy is not None:
                tables.append(compliance_table(rows, pairing.policy, lang_))
            if strict and (cov.unpaired or any(r.below or r.missed_occasions for r in rows)):
                code = max(code, 1)
        if strict and any(f_.rejected for f_ in log.files):
            code = max(code, 1)
        tables = [official(t, lp.plan.issuer, day, lang_) for t in tables]
        if format == "xlsx":
            target = output or _default_name(lp.plan, "xlsx").replace(".xlsx", "-结对帮扶.xlsx")
            meta = {"title": lp.plan.title, "issuer": lp.plan.issuer, "year": lp.plan.year, "file": lp.file}
            _write_report(tables, "xlsx", target, lang_, meta, day, {})
            typer.echo(f"{f} → {target}", err=True)
            continue
        for t in tables:
            _emit(t, format, lang_, None)
    if not found:
        _usage("pairs", "没有找到写了“结对帮扶”的方案", "no plan with a 结对帮扶 section", lang_)
    raise typer.Exit(code)
