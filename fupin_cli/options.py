"""Options shared by several commands, declared once (typer ``Annotated`` style)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


LangOpt = Annotated[
    Optional[Lang],
    typer.Option("--lang", envvar="FUPIN_LANG", help="Message language: zh (default) or en. Env: FUPIN_LANG.",
                 case_sensitive=False),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors; no warnings, no summary.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")]
