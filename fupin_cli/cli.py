"""The ``fupin`` command: parse options, call the library, render, exit.

Exit codes: 0 fine, 1 problems found, 2 usage error or unreadable input. Nothing here computes; heavy
modules (pydantic models, YAML) are imported inside the commands so that ``fupin --help`` stays fast.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from .options import (AsOfOpt, CalendarOpt, DeadlineFormat, FailOn, LangOpt, PathsArg, QuietOpt, StatusFilter,
                      StrictOpt, TextOrJson, TodayOpt)

app = typer.Typer(
    name="fupin",
    help="扶贫日 / 扶贫济困日 / 结对帮扶: campaign plans checked, deadlines on China's working-day calendar, "
    "donation ledgers totalled to the fen, official tables ready to print.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _lang(lang: object) -> str:
    from .diagnostics import default_lang

    value = getattr(lang, "value", lang)
    return value if value in ("zh", "en") else default_lang()


def _colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


_SEVERITY_COLOUR = {"error": "\033[31m", "warning": "\033[33m"}


@app.command()
def validate(
    paths: PathsArg = None,
    format: Annotated[TextOrJson, typer.Option("--format", "-f", help="Output: text or json.")] = TextOrJson.text,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    calendar: CalendarOpt = None,
    lang: LangOpt = None,
) -> None:
    """Check campaign plans (YAML) the way a compiler checks code.

    Diagnostics read file:line:column: severity CODE message. Exit 0 clean, 1 problems, 2 unreadable input.

    Example: fupin validate plans/ --strict
    """
    from .diagnostics import sort_key
    from .engines.validate import validate_paths

    lang_ = _lang(lang)
    paths = _default_paths(paths, "validate", lang_)
    report = validate_paths(paths=paths, calendar_files=calendar)
    diags = sorted(report.diagnostics, key=sort_key)
    code = report.exit_code(strict=strict)
    if format is TextOrJson.json:
        out = {
            "summary": {"plans": len(report.plans), "errors": report.errors, "warnings": report.warnings,
                        "exit_code": code},
            "files": [{"file": lp.file, "valid": lp.plan is not None and not any(
                d.severity == "error" for d in lp.diagnostics)} for lp in report.plans],
            "diagnostics": [d.to_dict(lang_) for d in diags],
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        raise typer.Exit(code)
    colour = _colour()
    for d in diags:
        if quiet and d.severity == "warning" and not strict:
            continue
        line = d.format(lang_)
        if colour:
            sev = d.severity
            line = line.replace(f" {sev} ", f" {_SEVERITY_COLOUR[sev]}{sev}\033[0m ", 1)
        typer.echo(line)
    if not quiet:
        n, e, w = len(report.plans), report.errors, report.warnings
        if lang_ == "en":
            typer.echo(f"{n} plan{'s' if n != 1 else ''} checked: {e} error{'s' if e != 1 else ''}, "
                       f"{w} warning{'s' if w != 1 else ''}")
        else:
            typer.echo(f"检查方案 {n} 个：错误 {e} 个，警告 {w} 个")
    raise typer.Exit(code)


def _default_paths(paths: list[str] | None, command: str, lang: str) -> list[str]:
    if paths:
        return paths
    if not os.path.isdir("plans"):
        msg = ("no path given and there is no plans/ folder here" if lang == "en"
               else "未指定路径，当前目录下也没有 plans/ 文件夹")
        typer.echo(f"fupin {command}: {msg}", err=True)
        raise typer.Exit(2)
    return ["plans"]


def _usage(command: str, zh: str, en: str, lang: str) -> None:
    typer.echo(f"fupin {command}: {en if lang == 'en' else zh}", err=True)
    raise typer.Exit(2)


def _as_of(as_of: str | None, today: bool, command: str, lang: str):
    from datetime import date

    from .dates import DateError, parse_date

    if as_of is None:
        return date.today()
    if today:
        _usage(command, "--today 与 --as-of 只能用一个", "give --today or --as-of, not both", lang)
    try:
        return parse_date(as_of)
    except DateError as e:
        _usage(command, f"--as-of：{e.zh}", f"--as-of: {e.en}", lang)
    raise AssertionError  # unreachable


def _checked_plan(path: str, cal, lang: str):
    """A plan validated for a command; or, when it has errors (printed), the exit code: 2 unreadable, else 1."""
    from .engines.validate import UNREADABLE, validate_plan

    lp = validate_plan(path, cal)
    errors = [d for d in lp.diagnostics if d.severity == "error"]
    if lp.plan is None or errors:
        _print_diagnostics(errors, lang)
        return 2 if lp.unreadable or any(d.code in UNREADABLE for d in errors) else 1
    return lp


def _print_diagnostics(diags, lang: str) -> None:
    from .diagnostics import sort_key

    for d in sorted(diags, key=sort_key):
        typer.echo(d.format(lang), err=True)


@app.command()
def deadlines(
    paths: PathsArg = None,
    today: TodayOpt = False,
    as_of: AsOfOpt = None,
    within: Annotated[Optional[int], typer.Option("--within", min=0, help="Only what is due within DAYS days "
                                                  "(overdue items always show).", metavar="DAYS")] = None,
    status: Annotated[StatusFilter, typer.Option("--status", help="open (default: overdue, due, upcoming), "
                                                 "overdue, due, upcoming, done or all.")] = StatusFilter.open,
    unit: Annotated[Optional[str], typer.Option("--unit", help="Only what this 股室 / school owes (id or name).",
                                                metavar="NAME")] = None,
    format: Annotated[DeadlineFormat, typer.Option("--format", "-f", help="table, md, csv, json or ics.")]
    = DeadlineFormat.table,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write to FILE instead of stdout.",
                                                  metavar="FILE")] = None,
    remind: Annotated[int, typer.Option("--remind", min=0, help="ics: reminder this many days before (09:00).",
                                        metavar="DAYS")] = 1,
    all_years: Annotated[bool, typer.Option("--all-years", help="Include plans of every year, not only the "
                                            "as-of date's year.")] = False,
    calendar: CalendarOpt = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="Exit 1 when anything is overdue "
                                                      "(overdue) or overdue or due today (due).")] = None,
    lang: LangOpt = None,
) -> None:
    """What is due, overdue and coming, on China's working-day calendar.

    Example: fupin deadlines plans/ --as-of 2020-10-15 --within 7
    """
    from .engines.deadlines import collect_deadlines
    from .reports import deadlines_table

    lang_ = _lang(lang)
    paths = _default_paths(paths, "deadlines", lang_)
    day = _as_of(as_of, today, "deadlines", lang_)
    report = collect_deadlines(paths=paths, as_of=day, calendar_files=calendar, status_filter=status.value,
                               within=within, unit=unit, year=None if all_years else day.year)
    _print_diagnostics(report.diagnostics, lang_)
    table = deadlines_table(report.rows, day, lang_)
    _emit(table, format.value, lang_, output, remind=remind)
    if report.unreadable:
        raise typer.Exit(2)
    failing = 0
    if fail_on is FailOn.overdue:
        failing = report.count("overdue")
    elif fail_on is FailOn.due:
        failing = report.count("overdue", "due")
    raise typer.Exit(1 if report.errors or failing else 0)


def _emit(table, fmt: str, lang: str, output: str | None, **opts) -> None:
    """Render a Table in a format and write it to stdout or a file."""
    data: bytes
    if fmt in ("table", "text"):
        from .render.text import render_text

        data = render_text(table, lang, colour=output is None and _colour()).encode("utf-8")
    elif fmt == "md":
        from .render.text import render_markdown

        data = render_markdown(table, lang).encode("utf-8")
    elif fmt == "csv":
        from .render.flat import render_csv

        data = render_csv(table, lang)
    elif fmt == "json":
        from .render.flat import render_json

        data = render_json(table, lang).encode("utf-8")
    elif fmt == "ics":
        from .render.ics import render_ics

        data = render_ics(table, remind_days=opts.get("remind", 1))
    else:  # pragma: no cover - typer restricts the choices
        raise ValueError(fmt)
    if output:
        with open(output, "wb") as fh:
            fh.write(data)
    else:
        sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else typer.echo(data.decode("utf-8"), nl=False)
        sys.stdout.flush()


class _Limit:
    """At most ``per_code`` diagnostics of one code on stderr; the rest are counted (a ledger of a million rows
    must not flood a terminal). Rejected rows are all in --rejects FILE."""

    def __init__(self, per_code: int = 20):
        self.per_code = per_code

    def print(self, diags, lang: str) -> None:
        from collections import Counter

        from .diagnostics import sort_key

        shown: Counter = Counter()
        hidden: Counter = Counter()
        for d in sorted(diags, key=sort_key):
            if shown[d.code] < self.per_code:
                shown[d.code] += 1
                typer.echo(d.format(lang), err=True)
            else:
                hidden[d.code] += 1
        for code, n in sorted(hidden.items()):
            typer.echo((f"… {n} more {code}" if lang == "en" else f"…… 另有 {n} 条 {code}"), err=True)


@app.command()
def donations(
    ledgers: Annotated[Optional[list[str]], typer.Argument(help="Ledger CSV files. Default: the ledgers of the "
                                                           "plan(s).", show_default=False)] = None,
    plan: Annotated[Optional[str], typer.Option("--plan", help="The plan whose ledgers, year and donation rules "
                                                "apply. Default: every plan under plans/.", metavar="PLAN")] = None,
    by: Annotated[str, typer.Option("--by", help="Group by unit, donor_type, kind, purpose, date; several: "
                                    "unit,kind.")] = "unit",
    format: Annotated[DeadlineFormat, typer.Option("--format", "-f", help="table, md, csv or json.")]
    = DeadlineFormat.table,
    large: Annotated[bool, typer.Option("--large", help="List the large gifts (大额捐赠登记表) instead.")] = False,
    publicity: Annotated[bool, typer.Option("--publicity", help="The publicity list (捐赠公示名单), names masked.")]
    = False,
    rejects: Annotated[Optional[str], typer.Option("--rejects", help="Write rejected rows with reasons to FILE "
                                                   "(CSV).", metavar="FILE")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Any rejected row makes the exit code 1.")] = False,
    encoding: Annotated[Optional[str], typer.Option("--encoding", help="Force the ledgers' encoding (utf-8, gbk, "
                                                    "gb18030).")] = None,
    columns: Annotated[Optional[str], typer.Option("--columns", help="YAML file mapping fields to this ledger's "
                                                   "headers, e.g. 金额: 捐款数.", metavar="FILE")] = None,
    year: Annotated[Optional[int], typer.Option("--year", help="Year for dates written without one (10月17日); "
                                                "default: the plan's.")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write to FILE instead of stdout.",
                                                  metavar="FILE")] = None,
    lang: LangOpt = None,
) -> None:
    """Total donation ledgers exactly, from the CSV files offices really have.

    Every row is counted, skipped (blank, title, 合计) or rejected with file:line and the reason.
    Example: fupin donations --plan plans/2010-区教育局-扶贫济困日.yaml --by unit,kind
    """
    from .engines.ledger import GROUP_KEYS, LedgerOptions, options_for_plan, read_ledgers
    from .reports import donations_table, large_gifts_table, publicity_table

    lang_ = _lang(lang)
    keys = tuple(k.strip() for k in by.split(",") if k.strip())
    if not keys or any(k not in GROUP_KEYS for k in keys):
        _usage("donations", f"--by 只能是 {', '.join(GROUP_KEYS)}", f"--by takes {', '.join(GROUP_KEYS)}", lang_)
    if format is DeadlineFormat.ics:
        _usage("donations", "--format 可选 table、md、csv、json", "--format takes table, md, csv or json", lang_)
    mapping = _read_mapping(columns, lang_) if columns else None
    jobs = _donation_jobs(ledgers, plan, lang_)
    outputs, all_diags, code = [], [], 0
    for plan_obj, files in jobs:
        overrides = {"by": keys, "encoding": encoding, "publicity": publicity, "year": year}
        opts = options_for_plan(plan_obj, **overrides) if plan_obj is not None else \
            LedgerOptions(**{k: v for k, v in overrides.items() if v is not None})
        if mapping:
            opts.mapping = {**(opts.mapping or {}), **mapping}
        report = read_ledgers(files, opts)
        all_diags.extend(report.diagnostics)
        if large:
            table = large_gifts_table(report, lang_)
        elif publicity:
            label = plan_obj.donation_policy.anonymous_label if plan_obj and plan_obj.donation_policy else None
            table = publicity_table(report, lang_, label)
        else:
            table = donations_table(report, lang_)
        if plan_obj is not None:
            table.title = f"{plan_obj.title} {table.title}"
            table.issuer = plan_obj.issuer
        outputs.append(table)
        if rejects:
            _write_rejects(rejects, report, lang_, append=len(outputs) > 1)
        if report.unreadable:
            code = 2
        elif code == 0 and (any(d.severity == "error" and d.code not in _REJECT for d in report.diagnostics)
                            or (strict and report.rejected)):
            code = 1
    _Limit().print(all_diags, lang_)
    for i, table in enumerate(outputs):
        _emit(table, format.value, lang_, output if len(outputs) == 1 else None)
    raise typer.Exit(code)


_REJECT = frozenset({"FP601", "FP602", "FP603", "FP604", "FP605", "FP615", "FP616", "FP618"})


def _read_mapping(path: str, lang: str) -> dict[str, str]:
    from .loading.tables import LEDGER_FIELDS, norm_header
    from .loading.yamlsrc import parse_yaml, read_text

    text, diags = read_text(path)
    src = parse_yaml(text, path) if text is not None else None
    if src is None or src.diagnostics or not isinstance(src.data, dict):
        _print_diagnostics(diags + (src.diagnostics if src else []), lang)
        _usage("donations", f"列名映射文件 {path} 无法读取", f"cannot read the column mapping {path}", lang)
    reverse = {norm_header(a): f for f, names in LEDGER_FIELDS.items() for a in names + (f,)}
    out = {}
    for k, v in src.data.items():
        fld = reverse.get(norm_header(str(k)))
        if fld is None:
            _usage("donations", f"列名映射中的“{k}”不是已知字段", f"“{k}” in the column mapping is not a known field",
                   lang)
        out[fld] = str(v)
    return out


def _donation_jobs(ledgers, plan_path, lang):
    """(plan or None, ledger files) pairs: explicit files, a plan's ledgers, or every plan's under plans/."""
    def load(path: str):
        from .engines.validate import validate_plan

        lp = validate_plan(path)
        errors = [d for d in lp.diagnostics if d.severity == "error"]
        if lp.plan is None or errors:
            _print_diagnostics(errors, lang)
            raise typer.Exit(2 if lp.unreadable else 1)
        return lp

    if ledgers and not plan_path:
        return [(None, list(ledgers))]  # no plan: nothing of the plan model needs loading
    from .engines.ledger import plan_ledger_files
    from .loading.plans import expand_paths

    if plan_path:
        lp = load(plan_path)
        return [(lp.plan, list(ledgers) if ledgers else plan_ledger_files(lp.file, lp.plan.ledgers))]
    files, problems = expand_paths(_default_paths(None, "donations", lang))
    jobs = []
    for f in files:
        lp = load(f)
        if lp.plan.ledgers:
            jobs.append((lp.plan, plan_ledger_files(lp.file, lp.plan.ledgers)))
    if not jobs:
        _usage("donations", "plans/ 下的方案都没有写台账（台账: …），也没有指定台账文件",
               "no plan under plans/ names ledgers, and no ledger file was given", lang)
    return jobs


def _write_rejects(path: str, report, lang: str, append: bool = False) -> None:
    """Rejected rows with their reasons, as CSV for Excel (UTF-8 with BOM); phone and ID numbers masked."""
    import csv
    import io

    from .privacy import scrub

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if not append:
        w.writerow(["文件", "行", "代码", "原因", "原始内容"] if lang != "en" else ["file", "line", "code", "reason", "row"])
    for f in report.files:
        for line, d, row in f.rejected:
            w.writerow([f.file, line, d.code, d.message(lang)] + [scrub(c) for c in row])
    data = buf.getvalue().encode("utf-8")
    with open(path, "ab" if append else "wb") as fh:
        fh.write(data if append else b"\xef\xbb\xbf" + data)


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
    from .engines.assign import propose_leads, responsibility, write_leads
    from .model import RuleFile
    from .engines.calendar import load_calendar
    from .loading.plans import expand_paths, load_yaml_model
    from .reports import matrix_table, proposals_table, task_sheet_table, unit_load_table

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
            from .reports import official

            tables = [official(t, lp.plan.issuer, day, lang_) for t in tables]
            target = output or _default_name(lp.plan, format).replace(f".{format}", f"-责任分工.{format}")
            meta = {"title": lp.plan.title, "issuer": lp.plan.issuer, "year": lp.plan.year, "file": lp.file}
            _write_report(tables, format, target, lang_, meta, day, {})
            typer.echo(f"{f} → {target}", err=True)
            continue
        for table in tables:
            table.title = f"{lp.plan.title} {table.title}"
        if format == "json":  # one document, whatever the number of tables
            from .render.flat import table_dict

            doc = {"plan": lp.file, "tables": [table_dict(t, lang_) for t in tables]}
            typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
            continue
        for table in tables:
            _emit(table, format, lang_, None)
    raise typer.Exit(code)


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
    from .engines.calendar import load_calendar
    from .loading.plans import expand_paths
    from .reports import REPORT_TABLES, build_report
    from .safety import OutputError, check_output

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
        from .reports import unit_summary

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
    from .reports import REPORT_TABLES

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


def _default_name(plan, fmt: str) -> str:
    import re

    stem = re.sub(r'[\\/:*?"<>|\s]+', "", f"{plan.year}-{plan.title}")[:80]
    return f"{stem}.{fmt}"


def _plan_inputs(lp) -> list[str]:
    from .engines.ledger import plan_ledger_files

    return plan_ledger_files(lp.file, lp.plan.ledgers) + plan_ledger_files(lp.file, lp.plan.activity_records)


def _rollup(inputs: list[str], issuer: str | None, day, fmt: str, output: str | None, calendar, lang: str) -> None:
    """汇总上报: a row per unit from its plan (ledgers, activity records) or from the json report it sent."""
    import glob

    from .engines.calendar import load_calendar
    from .reports import REPORT_SCHEMA, build_report, rollup_table, summary_from_json, unit_summary
    from .safety import OutputError, check_output

    files: list[str] = []
    for p in inputs:
        if os.path.isdir(p):
            files += sorted(f for ext in ("yaml", "yml", "json") for f in glob.glob(os.path.join(p, f"*.{ext}")))
        elif os.path.exists(p):
            files.append(p)
        else:
            from .diagnostics import diag

            _print_diagnostics([diag("FP001", file=p)], lang)
            raise typer.Exit(2)
    cal, _ = load_calendar(calendar or [])
    summaries, code = [], 0
    for f in files:
        if f.endswith(".json"):
            try:
                with open(f, encoding="utf-8-sig") as fh:
                    doc = json.load(fh)
                if doc.get("schema") != REPORT_SCHEMA:
                    raise ValueError(f"schema is not {REPORT_SCHEMA}")
                summaries.append(summary_from_json(doc))
            except (OSError, ValueError, KeyError, TypeError) as e:
                _usage("report", f"{f} 不是 fupin 的 json 报表：{e}", f"{f} is not a fupin json report: {e}", lang)
            continue
        lp = _checked_plan(f, cal, lang)
        if isinstance(lp, int):
            code = max(code, lp)
            continue
        tables, diags = build_report(lp, as_of=day, cal=cal, names=["donations", "activities"], lang=lang)
        _Limit().print(diags, lang)
        summaries.append(unit_summary(lp.plan.issuer or lp.plan.title, tables))
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


def _write_report(tables, fmt: str, target: str, lang: str, meta: dict, day, summary: dict) -> None:
    """Render every table in one format and write it atomically (csv: a file per table)."""
    import os

    from .safety import write_atomic

    def put(path: str, data: bytes) -> None:
        if path == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            write_atomic(path, data)

    if fmt == "xlsx":
        from .render.xlsx import render_xlsx

        if target == "-" and sys.stdout.isatty():
            _usage("report", "xlsx 不能输出到终端", "xlsx cannot be written to a terminal", lang)
        put(target, render_xlsx(tables, lang))
    elif fmt == "csv":
        from .render.flat import render_csv

        if target == "-" or len(tables) == 1:
            put(target, b"".join(render_csv(t, lang, bom=(i == 0)) for i, t in enumerate(tables)))
        else:
            stem, ext = os.path.splitext(target)
            for t in tables:
                put(f"{stem}-{t.label or t.title}{ext or '.csv'}", render_csv(t, lang))
    elif fmt == "md":
        from .render.text import render_markdown

        put(target, "\n".join(render_markdown(t, lang) for t in tables).encode("utf-8"))
    elif fmt == "json":
        from .reports import report_document

        doc = report_document(meta, tables, day, summary, lang)
        put(target, (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    elif fmt == "html":
        from .render.html import render_html

        title = f"{meta['title']}（{meta['year']}）"
        put(target, render_html(tables, title, lang).encode("utf-8"))


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

    from .engines.calendar import load_calendar
    from .engines.ledger import plan_ledger_files
    from .engines.pairing import briefing as make_briefing
    from .engines.pairing import compliance, coverage, read_visits
    from .loading.plans import expand_paths
    from .reports import briefing_table, compliance_table, official, pairing_coverage_table

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


@app.command("import")
def import_notice(
    notice: Annotated[str, typer.Argument(help="The notice as text (copied from a web page or a Word file).")],
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="The draft plan to write (- for stdout). "
                                                  "With --all: a folder.", metavar="FILE")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every notice in the file, each its own draft.")] = False,
    pick: Annotated[Optional[int], typer.Option("--pick", min=1, help="The N-th notice in the file (篇N).")] = None,
    year: Annotated[Optional[int], typer.Option("--year", help="The year, where the notice leaves it open (20__).")]
    = None,
    keys: Annotated[str, typer.Option("--keys", help="zh (default) or en keys in the draft.")] = "zh",
    format: Annotated[str, typer.Option("--format", "-f", help="yaml (a draft plan) or json (the extraction with "
                                        "source lines).")] = "yaml",
    lang: LangOpt = None,
) -> None:
    """Turn a notice's text into a draft plan: what it found, and a 待核实 mark on everything inferred.

    Example: fupin import notice.txt -o plans/2020-县教育局.yaml
    """
    from .engines.importer import clean, extract, split, to_json, to_yaml
    from .loading.plans import load_plan_text
    from .loading.yamlsrc import read_text
    from .safety import write_atomic

    lang_ = _lang(lang)
    if keys not in ("zh", "en") or format not in ("yaml", "json"):
        _usage("import", "--keys 可选 zh、en；--format 可选 yaml、json", "--keys takes zh or en; --format yaml or json",
               lang_)
    text, problems = read_text(notice)
    if text is None:
        _print_diagnostics(problems, lang_)
        raise typer.Exit(2)
    parts = split(clean(text))
    if pick is not None and pick > len(parts):
        _usage("import", f"文件中只有 {len(parts)} 篇", f"the file holds {len(parts)} notice(s)", lang_)
    chosen = list(enumerate(parts, 1)) if all_ else [(pick or 1, parts[(pick or 1) - 1])]
    if len(parts) > 1 and not all_ and pick is None:
        typer.echo((f"{notice}: {len(parts)} notices found; taking the first (use --pick N or --all)" if lang_ == "en"
                    else f"{notice}：共 {len(parts)} 篇，取第 1 篇（可用 --pick N 或 --all）"), err=True)
    code = 0
    for n, (first_line, body) in chosen:
        draft = extract(body, year=year)
        if format == "json":
            data = (json.dumps(to_json(draft), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        else:
            from datetime import date as date_

            data = to_yaml(draft, keys=keys, source=f"{os.path.basename(notice)}（第 {first_line} 行起）",
                           default_year=date_.today().year).encode("utf-8")
        target = output
        if all_ and output and output != "-":
            os.makedirs(output, exist_ok=True)
            target = os.path.join(output, f"{os.path.splitext(os.path.basename(notice))[0]}-{n}.{format}")
        if target and target != "-":
            write_atomic(target, data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        acts = len(draft.all_activities())
        checks = data.decode("utf-8").count("待核实")
        errors = 0
        if format == "yaml":
            lp = load_plan_text(data.decode("utf-8"), target or "<draft>")
            from .engines.checks import check_plan

            diags = lp.diagnostics + check_plan(lp, base_dir=os.path.dirname(target) if target and target != "-"
                                                 else ".")
            errors = sum(1 for d in diags if d.severity == "error")
            code = max(code, 1 if errors else 0)
        summary = (f"notice {n}: {acts} activities, {len(draft.units)} units, {len(draft.submissions)} deadlines, "
                   f"{checks} to check, {errors} validation errors" if lang_ == "en" else
                   f"第 {n} 篇：活动 {acts} 项，单位 {len(draft.units)} 个，报送期限 {len(draft.submissions)} 项，"
                   f"待核实 {checks} 处，校验错误 {errors} 个")
        typer.echo(summary + (f" → {target}" if target and target != "-" else ""), err=True)
    raise typer.Exit(code)


@app.command("calendar")
def calendar_cmd(
    month: Annotated[str, typer.Argument(help="A month (2026-10) or a whole year (2026).", metavar="YYYY-MM")],
    calendar: CalendarOpt = None,
    format: Annotated[TextOrJson, typer.Option("--format", "-f", help="text or json.")] = TextOrJson.text,
    lang: LangOpt = None,
) -> None:
    """Print a month with statutory holidays (休) and make-up working days (班) marked.

    Example: fupin calendar 2026-10
    """
    import re

    from .engines.calendar import UnknownYear, load_calendar
    from .render.calendar import month_grid, month_json

    lang_ = _lang(lang)
    m = re.fullmatch(r"\s*(\d{4})(?:[-/年](\d{1,2})月?)?\s*", month)
    if not m or not (2000 <= int(m.group(1)) <= 2100) or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        _usage("calendar", f"无法识别月份“{month}”（可写 2026-10 或 2026）",
               f"cannot read the month “{month}” (write 2026-10 or 2026)", lang_)
    year = int(m.group(1))
    months = [int(m.group(2))] if m.group(2) else list(range(1, 13))
    cal, diags = load_calendar(calendar or [])
    _print_diagnostics(diags, lang_)
    if any(d.severity == "error" for d in diags):
        raise typer.Exit(2 if any(d.code in ("FP001", "FP002", "FP003", "FP004", "FP006") for d in diags) else 1)
    try:
        if format is TextOrJson.json:
            typer.echo(json.dumps([month_json(cal, year, mo) for mo in months], ensure_ascii=False, indent=2))
        else:
            typer.echo("\n".join(month_grid(cal, year, mo, lang_) for mo in months), nl=False)
    except UnknownYear as e:
        _print_diagnostics([e.diagnostic()], lang_)
        raise typer.Exit(1) from None


@app.command()
def schema(
    keys: Annotated[bool, typer.Option("--keys", help="Print the table of keys (English and Chinese) as markdown.")]
    = False,
) -> None:
    """Print the plan's JSON Schema, with every Chinese key name, for editors.

    Example: fupin schema > plan.schema.json  (then in VS Code: # yaml-language-server: $schema=plan.schema.json)
    """
    from .schema import key_table, plan_schema

    if keys:
        typer.echo(key_table(), nl=False)
    else:
        typer.echo(json.dumps(plan_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    app()
