"""The typer application every command registers on, and its help in the reader's language.

Help texts are declared in Chinese with their English beside them (``options.t``); when a run starts, the
language is taken from ``--lang`` on the command line, else ``FUPIN_LANG``, else Chinese, and every command's help,
placeholders and headings are set in it before anything is printed. ``fupin`` alone prints the short help (exit
0); ``fupin --version`` the version; ``--install-completion`` / ``--show-completion`` the shell completion.
"""

import inspect
import os
import re
import sys
import unicodedata
from typing import Annotated, Any, Optional

import typer
from typer._click import Context, HelpFormatter
from typer.core import TyperArgument, TyperCommand, TyperGroup

from .. import __version__
from ..lazy import lazy_import
from ..options import LangOpt, english, t

metadata = lazy_import("importlib.metadata")

#: typer's own help texts, in Chinese
_FRAMEWORK_ZH = {
    "Show this message and exit.": "显示本帮助并退出。",
    "Install completion for the current shell.": "为当前 shell 安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.":
        "显示当前 shell 的命令补全脚本，可复制或自行安装。",
}
#: headings, placeholders in the usage line and the default and environment notes, per language
_WORDS = {
    "zh": {"usage": "用法：", "options": "[选项]", "command": "命令 [参数]...", "arguments": "参数",
           "options_panel": "选项", "commands_panel": "命令", "default": "（默认：{}）", "env": "（环境变量 {}）",
           "required": "（必填）"},
    "en": {"usage": "Usage: ", "options": "[OPTIONS]", "command": "COMMAND [ARGS]...", "arguments": "Arguments",
           "options_panel": "Options", "commands_panel": "Commands", "default": "  [default: {}]",
           "env": "  [env var: {}]", "required": "  [required]"},
}


def help_lang(args: list[str]) -> str:
    """The language of this run's help and messages: ``--lang`` among ``args``, else ``FUPIN_LANG``, else zh."""
    value = None
    for i, a in enumerate(args):
        if a == "--":
            break
        if a == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif a.startswith("--lang="):
            value = a.split("=", 1)[1]
    if value is None:
        value = os.environ.get("FUPIN_LANG", "zh")
    return "en" if value.strip().lower().startswith("en") else "zh"


def _pick(text: Optional[str], lang: str) -> Optional[str]:
    if not text:
        return text
    key = inspect.cleandoc(text)
    if lang == "en":
        return english(key)
    return _FRAMEWORK_ZH.get(key, text)


def _default_note(param: Any) -> Optional[str]:
    """The default worth showing: a value, not nothing, not a flag that is off, not an empty list."""
    default = param.default
    if callable(default) or default is None or default is False or default == [] or getattr(param, "is_flag", False):
        return None
    return str(getattr(default, "value", default))


def _localise_params(command: Any, lang: str) -> None:
    words = _WORDS[lang]
    for p in command.params:
        p.help = _pick(getattr(p, "help", None), lang)
        if p.metavar:
            p.metavar = english(p.metavar) if lang == "en" else p.metavar
        elif getattr(p, "is_flag", False) or getattr(p, "count", False):
            p.metavar = ""  # a flag takes no value: no placeholder
        notes = ""
        if getattr(p, "show_default", False) and _default_note(p) is not None:
            notes += words["default"].format(_default_note(p))
        if getattr(p, "show_envvar", False) and p.envvar:
            notes += words["env"].format(p.envvar)
        p.show_default = False
        p.show_envvar = False
        if notes:
            p.help = f"{p.help or ''}{notes}"


def localise(group: Any, lang: str) -> None:
    """Every command's help, placeholders and headings of ``group`` in ``lang`` (zh or en)."""
    words = _WORDS[lang]
    for command in [group, *group.commands.values()]:
        command.help = _pick(command.help, lang)
        command.short_help = _pick(command.short_help, lang)
        command.options_metavar = words["options"]
        command.lang = lang
        _localise_params(command, lang)
    group.subcommand_metavar = words["command"]


def _cells(text: str) -> int:
    """Columns a text takes on a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


#: a Chinese character, a run of other characters, or spaces; closing punctuation never starts a line
_TOKENS = re.compile(r"[（《「“]*[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f][，。、；：）》」！？,.;:)]*|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+|\s+")


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken at spaces or between Chinese characters."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for token in _TOKENS.findall(paragraph):
            if token.isspace():
                line += " " if line else ""
            elif line.strip() and _cells(line + token) > width:
                lines.append(line.rstrip())
                line = token
            else:
                line += token
        lines.append(line.rstrip())
    return lines


class _Formatter(HelpFormatter):
    """click's help layout, measured in terminal columns (a Chinese character is two) and wrapped between
    Chinese characters as well as at spaces."""

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in wrap(text, max(self.width - self.current_indent, 20)):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first = min(max((_cells(term) for term, _ in rows), default=0), col_max)
        start = self.current_indent + first + col_spacing
        for term, desc in rows:
            self.write(" " * self.current_indent + term)
            if not desc:
                self.write("\n")
                continue
            if _cells(term) <= first:
                self.write(" " * (first - _cells(term) + col_spacing))
            else:
                self.write("\n" + " " * start)
            lines = wrap(desc, max(self.width - start, 20))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * start + line + "\n")


class _Context(Context):
    formatter_class = _Formatter


class _Localised:
    """What the group and each command share: the usage line, the sections and the help option in the run's
    language, laid out for Chinese text."""

    lang = "zh"
    context_class = _Context

    def format_options(self, ctx: Any, formatter: Any) -> None:
        words = _WORDS[self.lang]
        arguments, options = [], []
        for p in self.get_params(ctx):
            if isinstance(p, TyperArgument):
                name = (p.metavar or p.name or "").upper() if not p.metavar else p.metavar
                name += "..." if p.nargs != 1 else ""
                arguments.append((name, (p.help or "") + (words["required"] if p.required else "")))
            else:
                record = p.get_help_record(ctx)
                if record is not None:
                    options.append(record)
        for title, rows in ((words["arguments"], arguments), (words["options_panel"], options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)
        if isinstance(self, TyperGroup):
            commands = [(name, cmd.get_short_help_str(limit=200)) for name in self.list_commands(ctx)
                        if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
            if commands:
                with formatter.section(words["commands_panel"]):
                    formatter.write_dl(commands)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix=_WORDS[self.lang]["usage"])

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _pick("Show this message and exit.", self.lang)
            option.metavar = ""
        return option


class Command(_Localised, TyperCommand):
    pass


class Group(_Localised, TyperGroup):
    def main(self, args: Any = None, *a: Any, **kw: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        localise(self, help_lang(argv))
        return super().main(args, *a, **kw)


class _App(typer.Typer):
    def command(self, name: Optional[str] = None, *, cls: Any = None, **kw: Any) -> Any:
        return super().command(name, cls=cls or Command, **kw)


app = _App(
    name="fupin",
    cls=Group,
    help=t("扶贫日 / 扶贫济困日 / 结对帮扶：检查活动方案，按中国工作日历计算报送期限，捐赠台账精确到分，生成可打印的上报表格。",
           "扶贫日 / 扶贫济困日 / 结对帮扶: campaign plans checked, deadlines on China's working-day calendar, "
           "donation ledgers totalled to the fen, official tables ready to print."),
    no_args_is_help=False,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def version() -> str:
    """The installed package's version (its metadata), else the source tree's."""
    try:
        return metadata.version("fupin")
    except metadata.PackageNotFoundError:
        return __version__


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    show_version: Annotated[bool, typer.Option("--version", is_eager=True,
                                               help=t("显示版本并退出。", "Show the version and exit."))] = False,
    lang: LangOpt = None,
) -> None:
    if show_version:
        typer.echo(f"fupin {version()}")
        raise typer.Exit(0)
    if lang is not None:  # fupin --lang en COMMAND: as if the command had it
        ctx.default_map = {name: {"lang": lang.value} for name in ctx.command.commands}
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)
