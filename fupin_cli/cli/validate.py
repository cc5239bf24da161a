"""fupin validate: check campaign plans the way a compiler checks code."""

from typing import Annotated

import typer

from ..lazy import lazy_import
from ..options import CalendarOpt, LangOpt, PathsArg, QuietOpt, StrictOpt, TextOrJson, t
from .app import app
from .output import Output
from ..diagnostics import sort_key
from .common import (_SEVERITY_COLOUR, _colour, _default_paths, _lang, _print_document)

commands = lazy_import("fupin_cli.commands.validate")


@app.command(help=t("""像编译器检查代码一样检查活动方案（YAML）。

每条问题写成 文件:行:列: 级别 编号 说明。退出码 0 通过，1 有问题，2 输入无法读取。

示例：fupin validate plans/ --strict""", """Check campaign plans (YAML) the way a compiler checks code.

Diagnostics read file:line:column: severity CODE message. Exit 0 clean, 1 problems, 2 unreadable input.

Example: fupin validate plans/ --strict"""))
def validate(
    paths: PathsArg = None,
    format: Annotated[TextOrJson, typer.Option("--format", "-f", help=t("输出格式：text 或 json。",
                                                                        "Output: text or json."))] = TextOrJson.text,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    calendar: CalendarOpt = None,
    lang: LangOpt = None,
) -> None:
    """fupin validate: every finding of the plans, then a summary line."""
    lang_ = _lang(lang)
    paths = _default_paths(paths, "validate", lang_)
    report = commands.validate(paths=paths, calendar_files=calendar)
    diags = sorted(report.diagnostics, key=sort_key)
    code = report.exit_code(strict=strict)
    if format is TextOrJson.json:
        files = [{"file": lp.file, "valid": lp.plan is not None and not any(
            d.severity == "error" for d in lp.diagnostics)} for lp in report.plans]
        _print_document(Output("validate", lang_, target="-"), "validate", results=[{**f, "errors": lp.errors, "warnings": lp.warnings}
                                             for f, lp in zip(files, report.plans)],
                        diagnostics=diags, exit_code=code, lang=lang_,
                        summary={"plans": len(report.plans), "errors": report.errors, "warnings": report.warnings,
                                 "exit_code": code}, files=files)
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
