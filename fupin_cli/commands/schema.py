"""``schema``: the plan's JSON Schema (every Chinese key included), its table of keys as markdown, or the JSON
Schema of a command's json output.

    >>> doc = schema()
    >>> doc["title"], "title" in doc["properties"]
    ('Plan', True)
    >>> print(schema(keys=True).splitlines()[0])
    **Plan** — 活动方案: one office's campaign plan for one year.
    >>> schema(output="deadlines")["properties"]["schema"]
    {'const': 'fupin-deadlines-output/1'}
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import UsageError
from ..render.document import OUTPUTS, output_schema
from ..schema import key_table, plan_schema


def schema(*, keys: bool = False, output: str | None = None) -> dict[str, Any] | str:
    """The JSON Schema of a plan (a dict), with ``keys`` the markdown table of English and Chinese keys, or with
    ``output`` (a command, or ``report-document`` for the ``fupin-report/1`` json report) the JSON Schema of that
    output. ``UsageError`` for an output that has none, or for ``keys`` with ``output``."""
    if output is not None:
        if keys:
            raise UsageError("--keys 与 --output 只能用一个", "give --keys or --output, not both")
        if output not in OUTPUTS:
            raise UsageError(f"没有“{output}”的输出格式说明（可选 {'、'.join(OUTPUTS)}）",
                             f"no output schema for “{output}” (choose from {', '.join(OUTPUTS)})")
        return output_schema(output)
    return key_table() if keys else plan_schema()
