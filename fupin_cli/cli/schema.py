"""fupin schema: the plan's JSON Schema and its table of keys."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from .app import app


@app.command()
def schema(
    keys: Annotated[bool, typer.Option("--keys", help="Print the table of keys (English and Chinese) as markdown.")]
    = False,
) -> None:
    """Print the plan's JSON Schema, with every Chinese key name, for editors.

    Example: fupin schema > plan.schema.json  (then in VS Code: # yaml-language-server: $schema=plan.schema.json)
    """
    from ..schema import key_table, plan_schema

    if keys:
        typer.echo(key_table(), nl=False)
    else:
        typer.echo(json.dumps(plan_schema(), ensure_ascii=False, indent=2))
