"""fupin donations: donation ledgers totalled to the fen."""

from typing import Annotated, Optional

import typer

from ..diagnostics import UsageError
from ..lazy import lazy_import
from ..options import (ENCODING, FILE, KEYS, LEDGERS, PLAN, YEAR, DonationRulesOpt, ForceOpt, LangOpt, OutputOpt, RmbOpt,
                       TableFormat, t)
from .app import app
from .common import _add_tables, _lang, _Limit, _print_diagnostics, _print_document, _usage, document_render
from .output import Output, plan_stem
from .progress import ledger_progress

commands = lazy_import("fupin_cli.commands.donations")
flat = lazy_import("fupin_cli.render.flat")


@app.command(help=t("""捐赠台账精确合计，读各单位实际用的 CSV 文件。

每一行都计入、跳过（空行、标题、合计）或拒收，拒收的写明 文件:行 和原因。
示例：fupin donations --plan plans/2010-区教育局-扶贫济困日.yaml --by unit,kind""",
                    """Total donation ledgers exactly, from the CSV files offices really have.

Every row is counted, skipped (blank, title, 合计) or rejected with file:line and the reason.
Example: fupin donations --plan plans/2010-区教育局-扶贫济困日.yaml --by unit,kind"""))
def donations(
    ledgers: Annotated[Optional[list[str]], typer.Argument(
        metavar=LEDGERS, show_default=False,
        help=t("台账 CSV 文件。默认：方案里写的台账。", "Ledger CSV files. Default: the ledgers of the plan(s)."))] = None,
    plan: Annotated[Optional[str], typer.Option("--plan", metavar=PLAN, help=t(
        "用这个方案的台账、年度和捐赠规则。默认：plans/ 下的每个方案。",
        "The plan whose ledgers, year and donation rules apply. Default: every plan under plans/."))] = None,
    by: Annotated[str, typer.Option("--by", metavar=KEYS, help=t(
        "分组，可选：unit（单位）、dept（班级/部门）、donor_type（捐赠人类型）、kind（款物）、purpose（指定用途）、"
        "date（日期）。多个用逗号：unit,kind。",
        "Group by unit, dept (class or section), donor_type, kind, purpose, date; several: unit,kind."))] = "unit",
    format: Annotated[TableFormat, typer.Option("--format", "-f", help=t(
        "输出格式：table、md、csv 或 json。", "Output: table, md, csv or json."))] = TableFormat.table,
    large: Annotated[bool, typer.Option("--large", help=t(
        "改列大额捐赠（大额捐赠登记表）。", "List the large gifts (大额捐赠登记表) instead."))] = False,
    publicity: Annotated[bool, typer.Option("--publicity", help=t(
        "捐赠公示名单，姓名打码。", "The publicity list (捐赠公示名单), names masked."))] = False,
    full_names: Annotated[bool, typer.Option("--full-names", help=t(
        "与 --large 同用：个人写全名，供本单位制作证书（公示不可用）。",
        "With --large: persons' full names, for the office's own certificate work (never for a 公示)."))] = False,
    rejects: Annotated[Optional[str], typer.Option("--rejects", metavar=FILE, help=t(
        "把拒收的行及原因写入文件（CSV）。", "Write rejected rows with reasons to FILE (CSV)."))] = None,
    strict: Annotated[bool, typer.Option("--strict", help=t(
        "有拒收的行则退出码为 1。", "Any rejected row makes the exit code 1."))] = False,
    encoding: Annotated[Optional[str], typer.Option("--encoding", metavar=ENCODING, help=t(
        "指定台账编码（utf-8、gbk、gb18030）。", "Force the ledgers' encoding (utf-8, gbk, gb18030)."))] = None,
    columns: Annotated[Optional[str], typer.Option("--columns", metavar=FILE, help=t(
        "列名映射文件（YAML）：字段 → 本台账的列名，如 金额: 捐款数。",
        "YAML file mapping fields to this ledger's headers, e.g. 金额: 捐款数."))] = None,
    year: Annotated[Optional[int], typer.Option("--year", metavar=YEAR, help=t(
        "不带年份的日期（10月17日）取这一年；默认：方案的年度。",
        "Year for dates written without one (10月17日); default: the plan's."))] = None,
    donation_rules: DonationRulesOpt = None,
    rmb: RmbOpt = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    """fupin donations: each plan's ledgers (or the files given) totalled, a table a plan."""
    lang_ = _lang(lang)
    view = "large" if large else "publicity" if publicity else "totals"
    try:
        keys = commands.group_keys(by)
        result = commands.donations(ledgers=ledgers, plan=plan, by=keys, view=view, encoding=encoding,
                                    columns=columns, year=year, lang=lang_, donation_rules=donation_rules,
                                    full_names=full_names and large, progress=ledger_progress(), rmb=rmb)
    except UsageError as e:
        _print_diagnostics(getattr(e, "diagnostics", []), lang_)
        _usage("donations", e.zh, e.en, lang_)
    out = Output("donations", lang_, target=output, force=force)
    out.protect(plan, columns, donation_rules, *(ledgers or []))
    if plan is None and not ledgers:
        out.protect_plans(["plans"])
    for job in result.jobs:
        out.protect(*job.files)
    if result.invalid_plan is not None:  # nothing was read: the plan's errors
        _print_diagnostics(result.diagnostics, lang_)
    else:
        _Limit().print(result.diagnostics, lang_)
        if rejects:
            out.add_to(rejects, b"".join(flat.render_rejects(job.report, lang_, header=i == 0)
                                         for i, job in enumerate(result.jobs)), source="--rejects")
    # a job's outputs are named after its plan file (捐赠统计表 alone for ledgers given without a plan)
    stems = [(f"{plan_stem(job.plan_file)}-" if job.plan_file else "") + (job.table.label or job.table.name)
             for job in result.jobs]
    if format is TableFormat.json:
        results = [document_render.tables_result([job.table], lang_, plan=job.meta, ledgers=job.files)
                   for job in result.jobs]
        ledger_files = [set(job.files) for job in result.jobs]
        _print_document(out, "donations", results=results, diagnostics=result.diagnostics,
                        exit_code=result.exit_code(strict), lang=lang_,
                        name=f"{stems[0]}.json" if len(stems) == 1 else "donations.json",
                        per_file=[(f"{stem}.json", [r], [d for d in result.diagnostics if d.file in files])
                                  for stem, r, files in zip(stems, results, ledger_files)])
    if result.invalid_plan is not None:
        raise typer.Exit(result.exit_code(strict))
    for job, stem in zip(result.jobs, stems):
        _add_tables(out, [job.table], format.value, lang_, stem, source=job.plan_file or "")
    raise typer.Exit(max(out.finish(), result.exit_code(strict)))
