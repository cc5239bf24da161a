"""``validate``: load every plan under the given paths and check it.

``validate_paths(paths=["plans"])`` returns a ``ValidationReport``: the loaded plans, every diagnostic, and
``exit_code(strict)`` — 0 clean, 1 problems found, 2 some input could not be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, counts, sort_key
from ..loading.plans import LoadedPlan, expand_paths, load_plan
from .checks import check_plan

if TYPE_CHECKING:
    from .calendar import WorkCalendar

#: codes that mean an input could not be read at all: exit code 2, not 1
UNREADABLE = frozenset({"FP001", "FP002", "FP003", "FP004", "FP006", "FP012"})


@dataclass
class ValidationReport:
    plans: list[LoadedPlan] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return counts(self.diagnostics)[0]

    @property
    def warnings(self) -> int:
        return counts(self.diagnostics)[1]

    @property
    def unreadable(self) -> bool:
        return any(d.code in UNREADABLE for d in self.diagnostics)

    def exit_code(self, strict: bool = False) -> int:
        if self.unreadable:
            return 2
        if self.errors or (strict and self.warnings):
            return 1
        return 0


def validate_plan(path: str, calendar: WorkCalendar | None = None) -> LoadedPlan:
    """Load one plan and run every check on it; the diagnostics are all on the result."""
    lp = load_plan(path)
    lp.diagnostics.extend(check_plan(lp, calendar=calendar))
    lp.diagnostics = sorted(lp.drop_ignored(lp.diagnostics), key=sort_key)
    return lp


def validate_paths(*, paths: list[str], calendar_files: list[str] | None = None) -> ValidationReport:
    """Validate every plan under ``paths``; calendar files add years and local days to the built-in calendar."""
    from .calendar import load_calendar

    files, problems = expand_paths(paths)
    report = ValidationReport(diagnostics=list(problems))
    calendar, cal_diags = load_calendar(calendar_files or [])
    report.diagnostics.extend(cal_diags)
    for f in files:
        lp = validate_plan(f, calendar)
        report.plans.append(lp)
        report.diagnostics.extend(lp.diagnostics)
    return report
