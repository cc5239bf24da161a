"""Options shared by several commands, declared once (typer ``Annotated`` style), and the help texts' languages.

A help text or placeholder is written ``t("中文", "English")``: the Chinese is declared, the English registered
beside it, and the command line shows the one of the run's language (``--lang``, ``FUPIN_LANG``)::

    >>> t("日期", "DATE"), english("日期")
    ('日期', 'DATE')
"""

import inspect
from enum import Enum
from typing import Annotated, Optional

import typer

_ENGLISH: dict[str, str] = {}


def t(zh: str, en: str) -> str:
    """A help text or placeholder in Chinese, with its English registered for ``--lang en``."""
    _ENGLISH[inspect.cleandoc(zh)] = inspect.cleandoc(en)
    return zh


def english(zh: str) -> str:
    """The English of a text declared with :func:`t` (the text itself if it has none)."""
    return _ENGLISH.get(inspect.cleandoc(zh), zh)


def has_english(zh: str) -> bool:
    return inspect.cleandoc(zh) in _ENGLISH


#: placeholders, in words
DATE = t("日期", "DATE")
FILE = t("文件", "FILE")
PATH = t("路径", "PATH")
UNIT = t("单位", "UNIT")
DAYS = t("天数", "DAYS")
YEAR = t("年份", "YEAR")
MONTH = t("年-月", "YYYY-MM")
NUMBER = t("序号", "N")
PLAN = t("方案", "PLAN")
PLANS = t("方案", "PLANS")
KEYS = t("分组", "KEYS")
TABLE = t("表名", "TABLE")
COMMAND = t("命令", "COMMAND")
ENCODING = t("编码", "ENCODING")
LEDGERS = t("台账", "LEDGERS")
NOTICE = t("通知", "NOTICE")


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


LangOpt = Annotated[
    Optional[Lang],
    typer.Option("--lang", envvar="FUPIN_LANG", case_sensitive=False,
                 help=t("语言：zh（中文，默认）或 en（英文），帮助和输出都用它。",
                        "Language of help and output: zh (Chinese, the default) or en (English).")),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help=t("只显示错误：不显示警告和汇总。",
                                                                "Print only errors; no warnings, no summary."))]
StrictOpt = Annotated[bool, typer.Option("--strict", help=t("警告也算不通过（退出码 1）。", "Warnings fail too (exit 1)."))]


class DeadlineFormat(str, Enum):
    table = "table"
    md = "md"
    csv = "csv"
    json = "json"
    ics = "ics"


class TableFormat(str, Enum):
    """The formats of a command whose tables are text: those of deadlines without the calendar file."""

    table = "table"
    md = "md"
    csv = "csv"
    json = "json"


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


PathsArg = Annotated[Optional[list[str]], typer.Argument(
    help=t("方案文件、文件夹或通配符。默认：当前目录下的 plans/。", "Plan files, directories or globs. Default: plans/ here."),
    show_default=False, metavar=PLANS)]
AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", metavar=DATE, help=t("按这一天计算（如 2020-10-15），而不是今天。",
                                    "Compute as of this date (2020-10-15) instead of today."))]
TodayOpt = Annotated[bool, typer.Option("--today", help=t("按今天计算（默认）。", "Compute as of today (the default)."))]
CalendarOpt = Annotated[Optional[list[str]], typer.Option(
    "--calendar", metavar=FILE,
    help=t("日历文件（YAML）：内置日历没有的年份或本地的放假、上班安排。可重复。",
           "Calendar file (YAML) with years or local days the built-in calendar lacks. Repeatable."))]
OutputOpt = Annotated[Optional[str], typer.Option(
    "--output", "-o", metavar=PATH,
    help=t("写到哪里：文件；文件夹 DIR/（每个方案或每张表一个文件，按方案文件命名）；- 为标准输出。",
           "Where to write: FILE, a folder DIR/ (one file per plan or table, named after the plan file), or - for "
           "stdout."))]
ForceOpt = Annotated[bool, typer.Option("--force", help=t("覆盖不是 fupin 写的已有文件。",
                                                          "Replace an existing file that fupin did not write."))]
DonationRulesOpt = Annotated[Optional[str], typer.Option(
    "--donation-rules", metavar=FILE,
    help=t("本单位惯用的捐赠规则（YAML，捐赠规则: 分级/公示期限 …），补方案没写的部分。",
           "An office's donation rules (YAML, 捐赠规则: 分级/公示期限 …) for what a plan leaves unsaid."))]
RmbOpt = Annotated[bool, typer.Option(
    "--rmb", help=t("大写合计前写“人民币”（会计基础工作规范第五十二条）。",
                    "Write 人民币 before the 大写 total, as 会计基础工作规范 第五十二条 has it."))]


def listed(values: "list[str] | tuple[str, ...]", zh_sep: str = "、") -> tuple[str, str]:
    """A list of values as help writes it: 'a、b、c' and 'a, b, c'."""
    return zh_sep.join(values), ", ".join(values)
