"""fupin schema: the plan's JSON Schema and its table of keys."""

import json
from typing import Annotated

import typer

from ..lazy import lazy_import
from .app import app

commands = lazy_import("fupin_cli.commands.schema")


@app.command()
def schema(
    keys: Annotated[bool, typer.Option("--keys", help="Print the table of keys (English and Chinese) as markdown.")]
    = False,
) -> None:
    """Print the plan's JSON Schema, with every Chinese key name, for editors.

    Example: fupin schema > plan.schema.json  (then in VS Code: # yaml-language-server: $schema=plan.schema.json)
    """
    result = commands.schema(keys=keys)
    if keys:
        typer.echo(result, nl=False)
    else:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
