"""fupin import: a notice's text into a draft plan."""

import json
import os
from datetime import date
from enum import Enum
from typing import Annotated, Optional

import typer

from ..diagnostics import UsageError
from ..lazy import lazy_import
from ..options import NOTICE, NUMBER, PATH, YEAR, CalendarOpt, ForceOpt, Lang, LangOpt, t
from .app import app
from .common import _lang, _print_diagnostics, _print_document, _usage
from .output import Output

commands = lazy_import("fupin_cli.commands.importer")


class ImportFormat(str, Enum):
    yaml = "yaml"
    json = "json"


@app.command("import", help=t("""把通知的文字变成方案草稿：找到了什么，推断出的每一处都标“待核实”。

示例：fupin import notice.txt -o plans/2020-县教育局.yaml""",
                              """Turn a notice's text into a draft plan: what it found, and a 待核实 mark on everything inferred.

Example: fupin import notice.txt -o plans/2020-县教育局.yaml"""))
def import_notice(
    notice: Annotated[str, typer.Argument(metavar=NOTICE, help=t(
        "通知的文字（从网页或 Word 复制）。", "The notice as text (copied from a web page or a Word file)."))],
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar=PATH, help=t(
        "写出的方案草稿（- 为标准输出）。与 --all 同用：一个文件夹。",
        "The draft plan to write (- for stdout). With --all: a folder."))] = None,
    all_: Annotated[bool, typer.Option("--all", help=t(
        "文件里的每篇通知各写一份草稿。", "Every notice in the file, each its own draft."))] = False,
    pick: Annotated[Optional[int], typer.Option("--pick", min=1, metavar=NUMBER, help=t(
        "文件里的第 N 篇通知（篇N）。", "The N-th notice in the file (篇N)."))] = None,
    year: Annotated[Optional[int], typer.Option("--year", metavar=YEAR, help=t(
        "通知没写定的年份（20__）。", "The year, where the notice leaves it open (20__)."))] = None,
    keys: Annotated[Lang, typer.Option("--keys", help=t(
        "草稿的键名：zh（中文，默认）或 en（英文）。", "Keys in the draft: zh (Chinese, the default) or en."))]
    = Lang.zh,
    format: Annotated[ImportFormat, typer.Option("--format", "-f", help=t(
        "yaml（方案草稿）或 json（提取结果及出处行号）。", "yaml (a draft plan) or json (the extraction with source "
        "lines)."))] = ImportFormat.yaml,
    force: ForceOpt = False,
    calendar: CalendarOpt = None,
    lang: LangOpt = None,
) -> None:
    """fupin import: the drafts of a notice, written as plans (or the extraction as json)."""
    lang_ = _lang(lang)
    keys, format = keys.value, format.value
    if all_ and output and output != "-" and not output.endswith(("/", os.sep)):
        output += "/"  # with --all, -o names the folder the drafts go into
    out = Output("import", lang_, target=output, force=force)
    out.protect(notice, *(calendar or []))
    stem = os.path.splitext(os.path.basename(notice))[0]
    folder = os.path.dirname(out.path_for(f"{stem}.{format}") or "") or "."
    try:
        result = commands.import_notice(path=notice, pick=pick, all=all_, year=year, keys=keys, format=format,
                                        default_year=date.today().year, calendar_files=calendar,
                                        base_dir=folder if output and output != "-" else None)
    except UsageError as e:
        _usage("import", e.zh, e.en, lang_)
    as_document = format == "json" and output in (None, "-")  # one document for every draft, printed below
    if result.unreadable:
        _print_diagnostics(result.diagnostics, lang_)
        if not as_document:
            raise typer.Exit(2)
    else:
        _print_diagnostics([d for d in result.diagnostics if d.file in (calendar or [])], lang_)  # the calendars
    if result.notices > 1 and not all_ and pick is None:
        typer.echo((f"{notice}: {result.notices} notices found; taking the first (use --pick N or --all)"
                    if lang_ == "en" else f"{notice}：共 {result.notices} 篇，取第 1 篇（可用 --pick N 或 --all）"),
                   err=True)
    results: list[dict] = []
    for i, d in enumerate(result.drafts):
        if as_document:
            results.append({"number": d.number, "first_line": d.first_line, "activities": d.activities,
                            "units": d.units, "deadlines": d.deadlines, "to_check": d.to_check, "errors": d.errors,
                            "extraction": json.loads(d.text)})
            target = None
        else:
            text = d.text if i == 0 or format != "yaml" or output not in (None, "-") else "---\n" + d.text
            name = f"{stem}-{d.number}.{format}" if all_ else f"{stem}.{format}"
            target = out.add(text.encode("utf-8"), name, stdout_default=True, announce=False)
        summary = (f"notice {d.number}: {d.activities} activities, {d.units} units, {d.deadlines} deadlines, "
                   f"{d.to_check} to check, {d.errors} validation errors" if lang_ == "en" else
                   f"第 {d.number} 篇：活动 {d.activities} 项，单位 {d.units} 个，报送期限 {d.deadlines} 项，"
                   f"待核实 {d.to_check} 处，校验错误 {d.errors} 个")
        typer.echo(summary + (f" → {target}" if target else ""), err=True)
    if as_document:
        _print_document(out, "import", results=results, diagnostics=result.diagnostics,
                        exit_code=result.exit_code(), lang=lang_, name=f"{stem}.json")
    raise typer.Exit(max(out.finish(), result.exit_code()))
