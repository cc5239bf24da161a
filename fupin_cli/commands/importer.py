"""``import_notice``: a notice's text into draft plans, each checked as ``fupin validate`` checks a plan.

    >>> notice = "关于开展扶贫日活动的通知\\n一、活动内容\\n（一）送课下乡（责任单位：市教体局。10月17日前完成）\\n"
    >>> result = import_notice(text=notice, year=2020, default_year=2020)
    >>> (d,) = result.drafts
    >>> d.activities, d.units, d.deadlines, d.errors, result.exit_code()
    (1, 1, 0, 0, 0)
    >>> d.text.splitlines()[1]
    '标题: 关于开展扶贫日活动的通知'
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from ..diagnostics import Findings, UsageError
from ..engines.calendar import load_calendar
from ..engines.importer import Draft, clean, extract, split, to_json, to_yaml
from ..engines.validate import validate_text
from ..loading.yamlsrc import read_text


@dataclass
class ImportedDraft(Findings):
    """One notice's draft: its number in the file and first line there, the extraction, the text to write
    (a plan in YAML, or the extraction in JSON), and what ``fupin validate`` finds in a YAML draft
    (``errors`` counts the validation errors)."""

    number: int
    first_line: int
    draft: Draft
    text: str

    @property
    def activities(self) -> int:
        return len(self.draft.all_activities())

    @property
    def units(self) -> int:
        return len(self.draft.units)

    @property
    def deadlines(self) -> int:
        return len(self.draft.submissions)

    @property
    def to_check(self) -> int:
        """How many 待核实 marks the text carries."""
        return self.text.count("待核实")


@dataclass
class ImportResult(Findings):
    """How many notices the input holds, the drafts made, and every diagnostic: the input's, then each draft's.

    ``exit_code()``: 2 when the input could not be read, 1 when a YAML draft does not validate, else 0.
    """

    notices: int = 0
    drafts: list[ImportedDraft] = field(default_factory=list)


def import_notice(*, text: str | None = None, path: str | None = None, pick: int | None = None,
                  all: bool = False, year: int | None = None, keys: str = "zh", format: str = "yaml",
                  source_name: str | None = None, default_year: int, base_dir: str | None = None,
                  calendar_files: list[str] | None = None) -> ImportResult:
    """Draft plans from a notice given as ``text`` or read from ``path`` (UTF-8, or GB18030 with a warning).

    A file may hold several notices: ``all`` drafts each, ``pick`` the N-th (from 1), else the first.
    ``year`` is the year where the notice leaves it open; ``default_year`` is written, with a 待核实 mark,
    where no year is found at all. ``keys``: zh or en keys in a YAML draft; ``format``: yaml or json.
    ``source_name`` (by default the file's name) is cited in the draft's 来源. Each YAML draft is validated
    as a plan in ``base_dir`` (where its relative paths are looked for), on the built-in calendar with
    ``calendar_files`` added, exactly as ``fupin validate --calendar`` would check it.
    Raises ``UsageError`` for a request that cannot be met; nothing is printed or written.
    """
    if keys not in ("zh", "en") or format not in ("yaml", "json"):
        raise UsageError("--keys 可选 zh、en；--format 可选 yaml、json", "--keys takes zh or en; --format yaml or json")
    if (text is None) == (path is None):
        raise UsageError("请给出通知的文本或文件之一", "give the notice's text or its file, one of them")
    if pick is not None and pick < 1:
        raise UsageError("--pick 从 1 数起", "--pick counts from 1")
    result = ImportResult()
    calendar, calendar_problems = load_calendar(calendar_files or [])
    result.diagnostics.extend(calendar_problems)
    if path is not None:
        text, problems = read_text(path)
        result.diagnostics.extend(problems)
        if text is None:
            return result
        source_name = source_name or os.path.basename(path)
    parts = split(clean(text))
    result.notices = len(parts)
    if pick is not None and pick > len(parts):
        raise UsageError(f"文件中只有 {len(parts)} 篇", f"the file holds {len(parts)} notice(s)")
    numbers = range(1, len(parts) + 1) if all else [pick or 1]
    for n in numbers:
        first_line, body = parts[n - 1]
        draft = extract(body, year=year)
        entry = ImportedDraft(n, first_line, draft, _draft_text(draft, keys, format, default_year,
                                                                f"{source_name}（第 {first_line} 行起）"
                                                                if source_name else None))
        if format == "yaml":
            entry.diagnostics = validate_text(entry.text, f"<draft {n}>", calendar, base_dir).diagnostics
        result.drafts.append(entry)
        result.diagnostics.extend(entry.diagnostics)
    return result


def _draft_text(draft: Draft, keys: str, format: str, default_year: int, source: str | None) -> str:
    if format == "json":
        return json.dumps(to_json(draft), ensure_ascii=False, indent=2) + "\n"
    return to_yaml(draft, keys=keys, source=source, default_year=default_year)
