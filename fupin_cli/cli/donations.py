"""fupin donations: donation ledgers totalled to the fen."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..options import (DeadlineFormat, LangOpt)
from .app import app
from .common import (_Limit, _default_paths, _emit, _lang, _print_diagnostics, _usage)


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
    from ..engines.ledger import GROUP_KEYS, REJECT_CODES, LedgerOptions, options_for_plan, read_ledgers
    from ..reports import donations_table, large_gifts_table, publicity_table

    lang_ = _lang(lang)
    keys = tuple(k.strip() for k in by.split(",") if k.strip())
    if not keys or any(k not in GROUP_KEYS for k in keys):
        _usage("donations", f"--by 只能是 {', '.join(GROUP_KEYS)}", f"--by takes {', '.join(GROUP_KEYS)}", lang_)
    if format is DeadlineFormat.ics:
        _usage("donations", "--format 可选 table、md、csv、json", "--format takes table, md, csv or json", lang_)
    mapping = None
    if columns:
        from ..loading.tables import load_column_mapping

        mapping, problems = load_column_mapping(columns)
        if mapping is None:
            _print_diagnostics(problems, lang_)
            _usage("donations", f"列名映射文件 {columns} 无法读取", f"cannot read the column mapping {columns}", lang_)
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
            from ..render.flat import render_rejects

            data = render_rejects(report, lang_, header=len(outputs) == 1)
            with open(rejects, "ab" if len(outputs) > 1 else "wb") as fh:
                fh.write(data)
        if report.unreadable:
            code = 2
        elif code == 0 and (any(d.severity == "error" and d.code not in REJECT_CODES for d in report.diagnostics)
                            or (strict and report.rejected)):
            code = 1
    _Limit().print(all_diags, lang_)
    for i, table in enumerate(outputs):
        _emit(table, format.value, lang_, output if len(outputs) == 1 else None)
    raise typer.Exit(code)


def _donation_jobs(ledgers, plan_path, lang):
    """(plan or None, ledger files) pairs: explicit files, a plan's ledgers, or every plan's under plans/."""
    def load(path: str):
        from ..engines.validate import validate_plan

        lp = validate_plan(path)
        errors = [d for d in lp.diagnostics if d.severity == "error"]
        if lp.plan is None or errors:
            _print_diagnostics(errors, lang)
            raise typer.Exit(2 if lp.unreadable else 1)
        return lp

    if ledgers and not plan_path:
        return [(None, list(ledgers))]  # no plan: nothing of the plan model needs loading
    from ..engines.ledger import plan_ledger_files
    from ..loading.plans import expand_paths

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
