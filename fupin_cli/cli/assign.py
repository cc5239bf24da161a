"""fupin assign: who does what."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from ..options import (AsOfOpt, CalendarOpt, LangOpt, PathsArg, TodayOpt)
from .app import app
from .common import (_as_of, _checked_plan, _default_name, _default_paths, _emit, _lang, _print_diagnostics, _usage, _write_report)


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
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="xlsx/html: the file to write (default: "
                                                  "from the plan's year and title).", metavar="FILE")] = None,
    calendar: CalendarOpt = None,
    lang: LangOpt = None,
) -> None:
    """Who does what: the responsibility matrix (主办 ●, 协办 ○), per-unit load and next deadline.

    Example: fupin assign plans/2010-区教育局-扶贫济困日.yaml --unit 政体股
    """
    from ..engines.assign import propose_leads, responsibility, write_leads
    from ..model import RuleFile
    from ..engines.calendar import load_calendar
    from ..loading.plans import expand_paths, load_yaml_model
    from ..reports import matrix_table, proposals_table, task_sheet_table, unit_load_table

    lang_ = _lang(lang)
    if format not in ("table", "md", "csv", "json", "xlsx", "html"):
        _usage("assign", "--format 可选 table、md、csv、json、xlsx、html",
               "--format takes table, md, csv, json, xlsx or html", lang_)
    day = _as_of(as_of, today, "assign", lang_)
    files, problems = expand_paths(_default_paths(paths, "assign", lang_))
    _print_diagnostics(problems, lang_)
    if problems:
        raise typer.Exit(2)
    rule_list = []
    if rules:
        loaded = load_yaml_model(rules, RuleFile)
        if loaded.value is None:
            _print_diagnostics(loaded.diagnostics, lang_)
            raise typer.Exit(2 if loaded.unreadable else 1)
        rule_list = loaded.value.rules
    cal, cal_diags = load_calendar(calendar or [])
    _print_diagnostics(cal_diags, lang_)
    code = 0
    for f in files:
        lp = _checked_plan(f, cal, lang_)
        if isinstance(lp, int):
            code = max(code, lp)
            continue
        resp = responsibility(lp, day, cal)
        plan_rules = rule_list or lp.plan.assignment_rules
        if write and not plan_rules:
            _usage("assign", "--write 需要分工规则：--rules 文件，或方案中的“分工规则”",
                   "--write needs rules: --rules FILE, or a 分工规则 section in the plan", lang_)
        proposals = propose_leads(lp, resp, plan_rules) if plan_rules else []
        if write:
            n = write_leads(f, proposals) if proposals else 0
            typer.echo((f"{f}: wrote {n} lead(s)" if lang_ == "en" else f"{f}：已写入 {n} 项主办单位"), err=True)
        if rules:
            tables = [proposals_table(proposals, lang_)]
        elif unit:
            tables = [task_sheet_table(resp, unit, lang_)]
        else:
            tables = [matrix_table(resp, lang_), unit_load_table(resp, lang_)]
            if proposals:  # the plan's own 分工规则 proposes leads for what has none
                tables.append(proposals_table(proposals, lang_))
        if format in ("xlsx", "html"):
            from ..reports import official

            tables = [official(t, lp.plan.issuer, day, lang_) for t in tables]
            target = output or _default_name(lp.plan, format).replace(f".{format}", f"-责任分工.{format}")
            meta = {"title": lp.plan.title, "issuer": lp.plan.issuer, "year": lp.plan.year, "file": lp.file}
            _write_report(tables, format, target, lang_, meta, day, {})
            typer.echo(f"{f} → {target}", err=True)
            continue
        for table in tables:
            table.title = f"{lp.plan.title} {table.title}"
        if format == "json":  # one document, whatever the number of tables
            from ..render.flat import table_dict

            doc = {"plan": lp.file, "tables": [table_dict(t, lang_) for t in tables]}
            typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
            continue
        for table in tables:
            _emit(table, format, lang_, None)
    raise typer.Exit(code)
