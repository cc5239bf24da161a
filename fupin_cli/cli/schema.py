"""fupin schema: the plan's JSON Schema and its table of keys, or the JSON Schema of a command's json output."""

import json
from typing import Annotated, Optional

import typer

from ..diagnostics import FupinError
from ..lazy import lazy_import
from .app import app
from .common import _fail, _lang

commands = lazy_import("fupin_cli.commands.schema")


@app.command()
def schema(
    keys: Annotated[bool, typer.Option("--keys", help="Print the table of keys (English and Chinese) as markdown.")]
    = False,
    output: Annotated[Optional[str], typer.Option("--output", help="Print the JSON Schema of this command's "
                                                  "--format json output instead (validate, deadlines, donations, "
                                                  "assign, report, pairs, import, calendar; report-document: the "
                                                  "fupin-report/1 json report).", metavar="CMD")] = None,
) -> None:
    """Print the plan's JSON Schema, with every Chinese key name, for editors.

    Example: fupin schema > plan.schema.json  (then in VS Code: # yaml-language-server: $schema=plan.schema.json)
    """
    try:
        result = commands.schema(keys=keys, output=output)
    except FupinError as e:
        _fail("schema", e, _lang(None))
    if keys:
        typer.echo(result, nl=False)
    else:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
