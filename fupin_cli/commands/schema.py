"""``schema``: the plan's JSON Schema (every Chinese key included), or its table of keys as markdown.

    >>> doc = schema()
    >>> doc["title"], "title" in doc["properties"]
    ('Plan', True)
    >>> print(schema(keys=True).splitlines()[0])
    **Plan** — 活动方案: one office's campaign plan for one year.
"""

from __future__ import annotations

from typing import Any

from ..schema import key_table, plan_schema


def schema(*, keys: bool = False) -> dict[str, Any] | str:
    """The JSON Schema of a plan (a dict), or with ``keys`` the markdown table of English and Chinese keys."""
    return key_table() if keys else plan_schema()
