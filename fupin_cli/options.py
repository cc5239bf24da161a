"""Options shared by several commands, declared once (typer ``Annotated`` style)."""

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


class DeadlineFormat(str, Enum):
    table = "table"
    md = "md"
    csv = "csv"
    json = "json"
    ics = "ics"


class StatusFilter(str, Enum):
    open = "open"
    overdue = "overdue"
    due = "due"
    upcoming = "upcoming"
    done = "done"
    all = "all"


class FailOn(str, Enum):
    overdue = "overdue"
    due = "due"


PathsArg = Annotated[Optional[list[str]],
                     typer.Argument(help="Plan files, directories or globs. Default: plans/ here.", show_default=False)]
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", help="Compute as of this date (2020-10-15) instead of today.")]
TodayOpt = Annotated[bool, typer.Option("--today", help="Compute as of today (the default).")]
CalendarOpt = Annotated[Optional[list[str]], typer.Option(
    "--calendar", help="Calendar file (YAML) with years or local days the built-in calendar lacks. Repeatable.")]
OutputOpt = Annotated[Optional[str], typer.Option(
    "--output", "-o", help="Where to write: FILE, a folder DIR/ (one file per plan or table, named after the plan "
    "file), or - for stdout.", metavar="PATH")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing file that fupin did not write.")]
DonationRulesOpt = Annotated[Optional[str], typer.Option(
    "--donation-rules", metavar="FILE",
    help="An office's donation rules (YAML, 捐赠规则: 分级/公示期限 …) for what a plan leaves unsaid.")]
RmbOpt = Annotated[bool, typer.Option(
    "--rmb", help="Write 人民币 before the 大写 total, as 会计基础工作规范 第五十二条 has it.")]
