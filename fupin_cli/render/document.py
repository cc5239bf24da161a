"""One JSON document per call: the envelope every ``--format json`` prints, and the JSON Schema of each.

Whatever the number of plans, a command prints one document (README, “json output”)::

    >>> doc = document("calendar", results=[], diagnostics=[], exit_code=0, lang="en")
    >>> list(doc)
    ['schema', 'command', 'exit_code', 'lang', 'results', 'diagnostics']
    >>> doc["schema"]
    'fupin-calendar-output/1'
    >>> output_schema("calendar")["properties"]["schema"]
    {'const': 'fupin-calendar-output/1'}

Each command's schema is a package data file (``fupin_cli/schemas/<command>.json``); the definitions they share
(a diagnostic, a table, the ``fupin-report/1`` document) are in ``common.json`` and copied into each schema
given out, so that it stands alone.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any, Iterable

from ..diagnostics import Diagnostic, sort_key
from ..table import Table
from .flat import plain, table_dict

#: the commands that print a document with ``--format json``
COMMANDS = ("validate", "deadlines", "donations", "assign", "report", "pairs", "import", "calendar")
#: every output with a schema: the commands' documents, and the json report a unit sends (``fupin-report/1``)
OUTPUTS = COMMANDS + ("report-document",)
#: the keys every document has, in this order (``extra`` keys come between ``lang`` and ``results``)
ENVELOPE = ("schema", "command", "exit_code", "lang", "results", "diagnostics")


def schema_name(command: str) -> str:
    """The name and version a command's document carries in ``schema``: ``fupin-<command>-output/1``."""
    return f"fupin-{command}-output/1"


def document(command: str, *, results: list[dict[str, Any]], diagnostics: Iterable[Diagnostic], exit_code: int,
             lang: str = "zh", **extra: Any) -> dict[str, Any]:
    """A command's one document: its schema name, the command, its exit code, the language of its titles and
    messages, any ``extra`` keys of the command (dates as ISO text), the results (one per plan, job, draft or
    month, as the command has them) and every diagnostic, in file and line order."""
    if command not in COMMANDS:
        raise ValueError(f"no json document for {command!r}")
    clash = set(extra) & set(ENVELOPE)
    if clash:
        raise ValueError(f"extra keys would hide the envelope's: {sorted(clash)}")
    return {
        "schema": schema_name(command),
        "command": command,
        "exit_code": exit_code,
        "lang": lang,
        **{k: plain(v) for k, v in extra.items()},
        "results": results,
        "diagnostics": [d.to_dict(lang) for d in sorted(diagnostics, key=sort_key)],
    }


def tables_result(tables: Iterable[Table], lang: str = "zh", **fields: Any) -> dict[str, Any]:
    """A result holding tables: ``fields`` (plan, file, ok …), then ``tables`` as in a json report."""
    return {**fields, "tables": [table_dict(t, lang) for t in tables]}


def dumps(doc: dict[str, Any]) -> str:
    """The document as printed: UTF-8 text (Chinese kept), indented, one trailing newline."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def output_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an output: a command's document, or ``report-document`` (the
    ``fupin-report/1`` json report), with the shared definitions it uses copied in."""
    if name not in OUTPUTS:
        raise ValueError(f"no output schema for {name!r} (choose from {', '.join(OUTPUTS)})")
    schema = _load(name)
    shared = _load("common")["$defs"]
    defs = dict(schema.get("$defs", {}))
    todo = _refs(schema)
    while todo:
        ref = todo.pop()
        if ref not in defs:
            defs[ref] = shared[ref]
            todo |= _refs(shared[ref])
    return {**schema, "$defs": dict(sorted(defs.items()))} if defs else dict(schema)


@cache
def _text(name: str) -> str:
    return resources.files("fupin_cli").joinpath("schemas", f"{name}.json").read_text(encoding="utf-8")


def _load(name: str) -> dict[str, Any]:
    return json.loads(_text(name))


def _refs(node: Any) -> set[str]:
    """The local definitions (``#/$defs/NAME``) a schema refers to."""
    return set(re.findall(r'"\$ref": "#/\$defs/([^"]+)"', json.dumps(node)))
