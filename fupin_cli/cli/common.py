"""What every command shares: language, dates, default paths, diagnostics on stderr, rendering and writing.

Exit codes: 0 fine, 1 problems found, 2 usage error or unreadable input. Nothing here computes: the library
modules are named here (``lazy_import``) and run only when a command uses them, so ``fupin --help`` stays light.
"""

import json
import os
import shutil
import sys
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timezone
from typing import Iterator, NoReturn

import typer

from ..dates import DateError, parse_date
from ..diagnostics import FupinError, default_lang, sort_key
from ..lazy import lazy_import

text_render = lazy_import("fupin_cli.render.text")
flat_render = lazy_import("fupin_cli.render.flat")
ics_render = lazy_import("fupin_cli.render.ics")
ics_versions = lazy_import("fupin_cli.cli.versions")
xlsx_render = lazy_import("fupin_cli.render.xlsx")
html_render = lazy_import("fupin_cli.render.html")
document_render = lazy_import("fupin_cli.render.document")
reports = lazy_import("fupin_cli.reports")


def _lang(lang: object) -> str:
    value = getattr(lang, "value", lang)
    return value if value in ("zh", "en") else default_lang()


def _colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _width() -> int | None:
    """The width terminal tables are fitted to: ``COLUMNS`` when set, else the terminal's when stdout is one;
    None (every row whole) for a pipe or a file."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


_SEVERITY_COLOUR = {"error": "\033[31m", "warning": "\033[33m"}


def _default_paths(paths: list[str] | None, command: str, lang: str) -> list[str]:
    if paths:
        return paths
    if not os.path.isdir("plans"):
        msg = ("no path given and there is no plans/ folder here" if lang == "en"
               else "未指定路径，当前目录下也没有 plans/ 文件夹")
        typer.echo(f"fupin {command}: {msg}", err=True)
        raise typer.Exit(2)
    return ["plans"]


def _usage(command: str, zh: str, en: str, lang: str) -> NoReturn:
    typer.echo(f"fupin {command}: {en if lang == 'en' else zh}", err=True)
    raise typer.Exit(2)


def _fail(command: str, error: FupinError, lang: str) -> NoReturn:
    """A request the library refused (``UsageError``, ``OutputError`` …): the findings behind it (an unreadable
    rules file's, say), its reason, exit code 2."""
    _print_diagnostics(getattr(error, "diagnostics", []), lang)
    _usage(command, error.zh, error.en, lang)


def _as_of(as_of: str | None, today: bool, command: str, lang: str) -> date:
    if as_of is None:
        return date.today()
    if today:
        _usage(command, "--today 与 --as-of 只能用一个", "give --today or --as-of, not both", lang)
    try:
        return parse_date(as_of)
    except DateError as e:
        _usage(command, f"--as-of：{e.zh}", f"--as-of: {e.en}", lang)


def _checked_parts(result, lang: str, stop_unreadable: bool = True) -> Iterator:
    """A command's result over plans: the findings before any plan printed (exit 2 if an input is unreadable,
    unless not ``stop_unreadable``), then each plan's part — printed errors for a plan that does not check, the
    part itself for one that does (its findings printed, at most 20 of a code)."""
    _print_diagnostics(result.diagnostics, lang)
    if result.unreadable and stop_unreadable:
        raise typer.Exit(2)
    for part in result.plans:
        if not part.ok:
            _print_diagnostics(part.diagnostics, lang)
            continue
        _Limit().print(part.diagnostics, lang)
        yield part


def _print_diagnostics(diags, lang: str) -> None:
    for d in sorted(diags, key=sort_key):
        typer.echo(d.format(lang), err=True)


def _print_document(out, command: str, *, results: list, diagnostics, exit_code: int, lang: str,
                    name: str | None = None, per_file: list | None = None, **extra) -> NoReturn:
    """``--format json``: the command's one document (README, “json output”) through the run's output (stdout
    unless -o), then the exit code. Into a folder (-o DIR/) with ``per_file`` — (name, results, diagnostics) for
    each plan — a document each."""
    if out.to_folder and per_file:
        for file_name, file_results, file_diagnostics in per_file:
            doc = document_render.document(command, results=file_results, diagnostics=file_diagnostics,
                                           exit_code=exit_code, lang=lang, **extra)
            out.add(document_render.dumps(doc).encode("utf-8"), file_name)
    else:
        doc = document_render.document(command, results=results, diagnostics=diagnostics, exit_code=exit_code,
                                       lang=lang, **extra)
        out.add(document_render.dumps(doc).encode("utf-8"), name or f"{command}.json", stdout_default=True)
    raise typer.Exit(max(out.finish(), exit_code))


def _part_result(part, lang: str, **fields) -> dict:
    """A plan's part in a json document: its file, whether it checks, the plan, ``fields``, then its tables."""
    return document_render.tables_result(part.tables, lang, file=part.plan.file, ok=part.ok,
                                         plan=part.meta or None, **fields)


#: the file extension of each format
EXTENSIONS = {"table": "txt", "text": "txt", "md": "md", "csv": "csv", "json": "json", "ics": "ics", "xlsx": "xlsx",
              "html": "html", "yaml": "yaml"}


def _render(table, fmt: str, lang: str, *, colour: bool = False, remind: int = 1, width: int | None = None) -> bytes:
    """One Table in one format; a text table fitted to ``width`` columns when given."""
    if fmt in ("table", "text"):
        return text_render.render_text(table, lang, colour=colour, width=width).encode("utf-8")
    if fmt == "md":
        return text_render.render_markdown(table, lang).encode("utf-8")
    if fmt == "csv":
        return flat_render.render_csv(table, lang)
    if fmt == "json":
        return flat_render.render_json(table, lang).encode("utf-8")
    if fmt == "ics":
        versions = ics_versions.load()  # each event's SEQUENCE rises when its content changes
        data = ics_render.render_ics(table, remind_days=remind, now=datetime.now(timezone.utc), versions=versions)
        ics_versions.save(versions)
        return data
    raise ValueError(fmt)  # pragma: no cover - typer restricts the choices


def _add_tables(out, tables, fmt: str, lang: str, stem: str, *, source: str = "", remind: int = 1) -> None:
    """Tables in a text format (table, md, csv, ics): one output, to stdout unless -o; csv is a file a table
    (``stem-表名.csv``), so several csv tables need a folder (-o DIR/) and are refused anywhere else."""
    if fmt == "csv" and len(tables) > 1:
        if not out.to_folder:
            out.refuse("FP024", count=len(tables), what="csv 每张表写一个文件", what_en="csv takes a file per table")
            return
        for t in tables:
            out.add(_render(t, fmt, lang), f"{stem}-{t.label or t.name}.csv", source=source)
        return
    colour = out.target is None and _colour()
    width = _width() if out.target in (None, "-") else None  # a file gets every row whole
    data = b"\n".join(_render(t, fmt, lang, colour=colour, remind=remind, width=width) for t in tables)
    out.add(data, f"{stem}.{EXTENSIONS[fmt]}", source=source, stdout_default=True)


def _add_report(out, tables, fmt: str, lang: str, meta: dict, day, summary: dict, stem: str, *,
                source: str = "", rmb: bool = False) -> None:
    """Every table of one report in one format: xlsx, md, json, html one file; csv a file per table. ``rmb``: 人民币
    before the totals in 大写 that xlsx writes for tables without one."""
    if fmt == "xlsx":
        if out.to_stdout and sys.stdout.isatty():
            _usage(out.command, "xlsx 不能输出到终端", "xlsx cannot be written to a terminal", lang)
        found: list = []
        path = out.add(xlsx_render.render_xlsx(tables, lang, found, rmb), f"{stem}.xlsx", source=source)
        _print_diagnostics([replace(d, file=path) for d in found], lang)  # amounts written as text (FP025)
    elif fmt == "csv":
        if len(tables) == 1:
            out.add(flat_render.render_csv(tables[0], lang), f"{stem}.csv", source=source)
        elif out.to_stdout:
            out.add(b"".join(flat_render.render_csv(t, lang, bom=(i == 0)) for i, t in enumerate(tables)),
                    f"{stem}.csv", source=source)
        else:
            for t in tables:
                out.add(flat_render.render_csv(t, lang), f"{stem}-{t.label or t.title}.csv", source=source)
    elif fmt == "md":
        out.add("\n".join(text_render.render_markdown(t, lang) for t in tables).encode("utf-8"), f"{stem}.md",
                source=source)
    elif fmt == "json":
        doc = reports.report_document(meta, tables, day, summary, lang)
        out.add((json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), f"{stem}.json",
                source=source)
    elif fmt == "html":
        title = f"{meta['title']}（{meta['year']}）"
        out.add(html_render.render_html(tables, title, lang).encode("utf-8"), f"{stem}.html", source=source)


class _Limit:
    """At most ``per_code`` diagnostics of one code on stderr; the rest are counted (a ledger of a million rows
    must not flood a terminal). Rejected rows are all in --rejects FILE."""

    def __init__(self, per_code: int = 20):
        self.per_code = per_code

    def print(self, diags, lang: str) -> None:
        shown: Counter = Counter()
        hidden: Counter = Counter()
        for d in sorted(diags, key=sort_key):
            if shown[d.code] < self.per_code:
                shown[d.code] += 1
                typer.echo(d.format(lang), err=True)
            else:
                hidden[d.code] += 1
        for code, n in sorted(hidden.items()):
            typer.echo((f"… {n} more {code}" if lang == "en" else f"…… 另有 {n} 条 {code}"), err=True)
