"""fupin import: a notice's text into a draft plan."""

from __future__ import annotations

import json
import os
import sys
from typing import Annotated, Optional

import typer

from ..options import (LangOpt)
from .app import app
from .common import (_lang, _print_diagnostics, _usage)


@app.command("import")
def import_notice(
    notice: Annotated[str, typer.Argument(help="The notice as text (copied from a web page or a Word file).")],
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="The draft plan to write (- for stdout). "
                                                  "With --all: a folder.", metavar="FILE")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every notice in the file, each its own draft.")] = False,
    pick: Annotated[Optional[int], typer.Option("--pick", min=1, help="The N-th notice in the file (篇N).")] = None,
    year: Annotated[Optional[int], typer.Option("--year", help="The year, where the notice leaves it open (20__).")]
    = None,
    keys: Annotated[str, typer.Option("--keys", help="zh (default) or en keys in the draft.")] = "zh",
    format: Annotated[str, typer.Option("--format", "-f", help="yaml (a draft plan) or json (the extraction with "
                                        "source lines).")] = "yaml",
    lang: LangOpt = None,
) -> None:
    """Turn a notice's text into a draft plan: what it found, and a 待核实 mark on everything inferred.

    Example: fupin import notice.txt -o plans/2020-县教育局.yaml
    """
    from ..engines.importer import clean, extract, split, to_json, to_yaml
    from ..loading.plans import load_plan_text
    from ..loading.yamlsrc import read_text
    from ..safety import write_atomic

    lang_ = _lang(lang)
    if keys not in ("zh", "en") or format not in ("yaml", "json"):
        _usage("import", "--keys 可选 zh、en；--format 可选 yaml、json", "--keys takes zh or en; --format yaml or json",
               lang_)
    text, problems = read_text(notice)
    if text is None:
        _print_diagnostics(problems, lang_)
        raise typer.Exit(2)
    parts = split(clean(text))
    if pick is not None and pick > len(parts):
        _usage("import", f"文件中只有 {len(parts)} 篇", f"the file holds {len(parts)} notice(s)", lang_)
    chosen = list(enumerate(parts, 1)) if all_ else [(pick or 1, parts[(pick or 1) - 1])]
    if len(parts) > 1 and not all_ and pick is None:
        typer.echo((f"{notice}: {len(parts)} notices found; taking the first (use --pick N or --all)" if lang_ == "en"
                    else f"{notice}：共 {len(parts)} 篇，取第 1 篇（可用 --pick N 或 --all）"), err=True)
    code = 0
    for n, (first_line, body) in chosen:
        draft = extract(body, year=year)
        if format == "json":
            data = (json.dumps(to_json(draft), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        else:
            from datetime import date as date_

            data = to_yaml(draft, keys=keys, source=f"{os.path.basename(notice)}（第 {first_line} 行起）",
                           default_year=date_.today().year).encode("utf-8")
        target = output
        if all_ and output and output != "-":
            os.makedirs(output, exist_ok=True)
            target = os.path.join(output, f"{os.path.splitext(os.path.basename(notice))[0]}-{n}.{format}")
        if target and target != "-":
            write_atomic(target, data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        acts = len(draft.all_activities())
        checks = data.decode("utf-8").count("待核实")
        errors = 0
        if format == "yaml":
            lp = load_plan_text(data.decode("utf-8"), target or "<draft>")
            from ..engines.checks import check_plan

            diags = lp.diagnostics + check_plan(lp, base_dir=os.path.dirname(target) if target and target != "-"
                                                 else ".")
            errors = sum(1 for d in diags if d.severity == "error")
            code = max(code, 1 if errors else 0)
        summary = (f"notice {n}: {acts} activities, {len(draft.units)} units, {len(draft.submissions)} deadlines, "
                   f"{checks} to check, {errors} validation errors" if lang_ == "en" else
                   f"第 {n} 篇：活动 {acts} 项，单位 {len(draft.units)} 个，报送期限 {len(draft.submissions)} 项，"
                   f"待核实 {checks} 处，校验错误 {errors} 个")
        typer.echo(summary + (f" → {target}" if target and target != "-" else ""), err=True)
    raise typer.Exit(code)
