"""fupin schema: the plan's JSON Schema and its table of keys, or the JSON Schema of a command's json output."""

import json
from typing import Annotated, Optional

import typer

from ..diagnostics import FupinError
from ..lazy import lazy_import
from ..options import COMMAND, PATH, ForceOpt, LangOpt, t
from .app import app
from .common import _fail, _lang
from .output import Output

commands = lazy_import("fupin_cli.commands.schema")


@app.command(help=t("""输出活动方案的 JSON Schema（含全部中文键名），供编辑器补全和检查。

示例：fupin schema -o plan.schema.json，然后在方案第一行写
# yaml-language-server: $schema=plan.schema.json""",
                    """Print the plan's JSON Schema, with every Chinese key name, for editors.

Example: fupin schema -o plan.schema.json, then as the plan's first line
# yaml-language-server: $schema=plan.schema.json"""))
def schema(
    keys: Annotated[bool, typer.Option("--keys", help=t(
        "改为输出键名表（英文键和中文键，markdown）。", "Print the table of keys (English and Chinese) as markdown."))]
    = False,
    output: Annotated[Optional[str], typer.Option("--output", metavar=COMMAND, help=t(
        "改为输出这个命令的 json 输出的 JSON Schema，可选：validate、deadlines、donations、assign、report、pairs、"
        "import、calendar、report-document（fupin-report/1 json 报表）。",
        "Print the JSON Schema of this command's --format json output instead (validate, deadlines, donations, "
        "assign, report, pairs, import, calendar; report-document: the fupin-report/1 json report)."))] = None,
    file: Annotated[Optional[str], typer.Option("--file", "-o", metavar=PATH, help=t(
        "写入这个文件（如 plan.schema.json），而不是标准输出。",
        "Write to this file (plan.schema.json, say) instead of stdout."))] = None,
    force: ForceOpt = False,
    lang: LangOpt = None,
) -> None:
    """fupin schema: one JSON Schema (or the key table), to stdout or a file."""
    lang_ = _lang(lang)
    try:
        result = commands.schema(keys=keys, output=output)
    except FupinError as e:
        _fail("schema", e, lang_)
    text = result if keys else json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    out = Output("schema", lang_, target=file or "-", force=force)
    name = "keys.md" if keys else f"{output}.schema.json" if output else "plan.schema.json"
    out.add(text.encode("utf-8"), name, stdout_default=True)
    raise typer.Exit(out.finish())
