"""What the commands over plans share: the plans under some paths, each checked, and the calendar.

A plan that does not check (an unreadable file, or errors) is kept with its errors and no further work; the
command's exit code follows from every finding (``Findings``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterator

from ..diagnostics import Diagnostic, Findings, Text, UsageError, did_you_mean, render
from ..engines.calendar import WorkCalendar, load_calendar
from ..engines.ledger.plans import plan_input_files
from ..engines.validate import validate_plan
from ..loading.plans import Loaded, expand_paths, load_yaml_model
from ..model.donation import DonationRulesFile


@dataclass
class PlanResult(Findings):
    """One plan's part of a command: the plan (checked) and, when it checks, what the command made of it."""

    plan: Loaded

    @property
    def inputs(self) -> list[str]:
        """The files this plan's part was made from: the plan, and the ledgers, activity records and visit logs
        it names (that exist)."""
        return plan_inputs(self.plan)

    @property
    def ok(self) -> bool:
        """The plan loaded without errors, so the command worked on it."""
        return self.plan.plan is not None and not any(d.severity == "error" for d in self.plan.diagnostics)


@dataclass
class PlansResult(Findings):
    """A command over several plans: findings before any plan (paths, calendar files), then each plan's part.

    ``diagnostics`` holds the findings that belong to no plan; ``all_diagnostics`` every finding.
    """

    plans: list = field(default_factory=list)
    as_of: date | None = None

    @property
    def all_diagnostics(self) -> list[Diagnostic]:
        return self.diagnostics + [d for p in self.plans for d in p.diagnostics]

    def exit_code(self, strict: bool = False) -> int:
        return max([Findings.exit_code(self, strict)] + [p.exit_code(strict) for p in self.plans])


def plan_inputs(lp: Loaded) -> list[str]:
    """A plan file and every file it names (ledgers, activity records, visit logs)."""
    return plan_input_files(lp.file, lp.plan)


def plan_files(paths: list[str]) -> tuple[list[str], list[Diagnostic]]:
    """The plan files under ``paths`` (files, folders, globs) and the problems finding them."""
    return expand_paths(paths)


def calendar(calendar_files: list[str] | None) -> tuple[WorkCalendar, list[Diagnostic]]:
    """The built-in working-day calendar with the given calendar files applied."""
    return load_calendar(calendar_files or [])


def checked_plan(path: str, cal: WorkCalendar) -> tuple[Loaded, list[Diagnostic]]:
    """A plan validated for a command, and the errors that stop the command working on it (none when it checks)."""
    lp = validate_plan(path, cal)
    errors = [d for d in lp.diagnostics if d.severity == "error"]
    return lp, (errors if lp.plan is None or errors else [])


def each_checked_plan(files: list[str], cal: WorkCalendar, out: PlansResult, part: type[PlanResult],
                      ) -> Iterator[PlanResult]:
    """For each file, the part of ``out`` (of type ``part``) holding its checked plan; the parts of the plans that
    check are yielded to be filled in, those that do not keep their errors."""
    for f in files:
        lp, errors = checked_plan(f, cal)
        entry = part(plan=lp, diagnostics=errors)
        out.plans.append(entry)
        if not errors:
            yield entry


def known_unit(unit: str, names: set[str], where: Text = Text("方案", "the plans"),
               elsewhere: set[str] = frozenset()) -> None:
    """``UsageError`` unless ``unit`` is one of ``names``, the units of the plans in scope (``where``: ids, names
    and groups), with the closest of them as a "did you mean" — or, when none is close but one of the units of
    plans out of scope (``elsewhere``: other years) is, that one and how to ask for those plans; else the first
    few units in scope."""
    if unit in names:
        return
    hint = did_you_mean(unit, names)
    other = "" if hint or unit in elsewhere else did_you_mean(unit, elsewhere)
    if not hint and (other or unit in elsewhere):
        hint = Text(f"{render(other, 'zh')}（其他年度的方案中有这个单位：加 --all-years，或用 --as-of 给出那一年的日期）",
                    f"{render(other, 'en')} (a plan of another year has this unit: add --all-years, or give "
                    "--as-of a date in its year)")
    elif not hint:
        few = sorted(names)[:10]
        more = "…" if len(names) > len(few) else ""
        hint = Text(f"（其中的单位：{'、'.join(few)}{more}）" if few else "（其中没有单位）",
                    f" (their units: {', '.join(few)}{more})" if few else " (they name no unit)")
    raise UsageError(f"--unit：{where.zh}中没有单位“{unit}”{hint('zh')}",
                     f"--unit: no unit “{unit}” in {where.en}{hint('en')}")


def month_of(text: str, *, first: int = 1900, last: int = 9999) -> date:
    """The first day of a month written 2020-10, 2020/10 or 2020年10月; ``UsageError`` otherwise."""
    m = re.fullmatch(r"\s*(\d{4})[-/年](\d{1,2})月?\s*", text)
    if not m or not 1 <= int(m.group(2)) <= 12 or not first <= int(m.group(1)) <= last:
        raise UsageError(f"无法识别月份“{text}”（可写 2020-10）", f"cannot read the month “{text}”")
    return date(int(m.group(1)), int(m.group(2)), 1)


def load_donation_rules(path: str) -> Any:
    """An office's donation rules file (捐赠规则: …) as a ``DonationPolicy``; UsageError, carrying the file's
    diagnostics, when it cannot be read or does not check."""
    loaded = load_yaml_model(path, DonationRulesFile)
    if loaded.value is None or any(d.severity == "error" for d in loaded.diagnostics):
        error = UsageError(f"捐赠规则文件 {path} 无法读取或有错误",
                           f"the donation rules file {path} cannot be read or has errors")
        error.diagnostics = loaded.diagnostics
        raise error
    return loaded.value.rules
