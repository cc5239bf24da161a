"""The ``fupin`` command: parse options, call the library, render, exit.

Exit codes: 0 fine, 1 problems found, 2 usage error or unreadable input. Nothing here computes; heavy
modules (pydantic models, YAML) are imported inside the commands so that ``fupin --help`` stays fast.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Annotated, Optional

import typer

from .options import LangOpt, QuietOpt, StrictOpt, TextOrJson

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
    paths: Annotated[Optional[list[str]], typer.Argument(help="Plan files, directories or globs. Default: plans/")] = None,
    format: Annotated[TextOrJson, typer.Option("--format", "-f", help="Output: text or json.")] = TextOrJson.text,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    lang: LangOpt = None,
) -> None:
    """Check campaign plans (YAML) the way a compiler checks code.

    Diagnostics read file:line:column: severity CODE message. Exit 0 clean, 1 problems, 2 unreadable input.

    Example: fupin validate plans/ --strict
    """
    from .diagnostics import sort_key
    from .engines.validate import validate_paths

    lang_ = _lang(lang)
    if not paths:
        if not os.path.isdir("plans"):
            msg = ("no path given and there is no plans/ folder here" if lang_ == "en"
                   else "未指定路径，当前目录下也没有 plans/ 文件夹")
            typer.echo(f"fupin validate: {msg}", err=True)
            raise typer.Exit(2)
        paths = ["plans"]
    report = validate_paths(paths=paths)
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
