"""``validate``: load every plan under the given paths and check it.

``validate_paths(paths=["plans"])`` returns a ``ValidationReport``: the loaded plans, every diagnostic, and
``exit_code(strict)`` — 0 clean, 1 problems found, 2 some input could not be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from ..diagnostics import Findings, sort_key
from ..loading.plans import Loaded, expand_paths, load_plan, load_plan_text
from .calendar import WorkCalendar, load_calendar
from .checks import check_plan

@dataclass
class ValidationReport(Findings):
    """The plans checked and every finding; ``exit_code(strict)`` as for every result."""

    plans: list[Loaded] = field(default_factory=list)


def _checked(lp: Loaded, calendar: WorkCalendar | None, base_dir: str | None = None) -> Loaded:
    found = check_plan(lp, base_dir=base_dir, calendar=calendar)
    if lp.set_aside:  # a finding about a part set aside as invalid exists only because it was set aside
        found = [d for d in found if not any(str(v) in lp.set_aside for v in d.args.values() if isinstance(v, str))]
    lp.diagnostics.extend(found)
    lp.diagnostics = sorted(lp.drop_ignored(lp.diagnostics), key=sort_key)
    return lp


def validate_plan(path: str, calendar: WorkCalendar | None = None) -> Loaded:
    """Load one plan and run every check on it; the diagnostics are all on the result."""
    return _checked(load_plan(path), calendar)


def validate_text(text: str, file: str = "<input>", calendar: WorkCalendar | None = None,
                  base_dir: str | None = None) -> Loaded:
    """The same checks as ``validate_plan`` on a plan's text (a draft not yet written, say).

    ``base_dir`` is where the plan's relative paths (ledgers, visit logs) are looked for.
    """
    return _checked(load_plan_text(text, file), calendar, base_dir)


def validate_paths(*, paths: list[str], calendar_files: list[str] | None = None) -> ValidationReport:
    """Validate every plan under ``paths``; calendar files add years and local days to the built-in calendar."""
    files, problems = expand_paths(paths)
    report = ValidationReport(diagnostics=list(problems))
    calendar, cal_diags = load_calendar(calendar_files or [])
    report.diagnostics.extend(cal_diags)
    for f in files:
        lp = validate_plan(f, calendar)
        report.plans.append(lp)
        report.diagnostics.extend(lp.diagnostics)
    return report
