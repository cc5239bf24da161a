"""A plan's ledgers: which files, and the options the plan sets for reading them."""

from __future__ import annotations

import glob
import os
from typing import Any

from ...loading.files import expand_glob
from ...loading.tables import ledger_field
from .report import LedgerOptions


def plan_ledger_files(plan_file: str, patterns: list[str]) -> list[str]:
    """The plan's ledger paths (relative to the plan file, globs allowed), sorted, existing files only."""
    base = os.path.dirname(plan_file) or "."
    files: list[str] = []
    for pattern in patterns:
        full = os.path.normpath(os.path.join(base, pattern))
        files.extend(expand_glob(full) if glob.has_magic(pattern) else [full])
    return list(dict.fromkeys(files))


def plan_input_files(plan_file: str, plan: Any | None) -> list[str]:
    """A plan file and every file it names — ledgers, activity records, visit logs — that a command reads and
    must never write over."""
    if plan is None:
        return [plan_file]
    named = list(plan.ledgers) + list(plan.activity_records)
    if plan.pairing is not None:
        named += list(plan.pairing.visit_logs)
    return [plan_file] + plan_ledger_files(plan_file, named)


def options_for_plan(plan: Any, **overrides: Any) -> LedgerOptions:
    """Ledger options from a plan: its year, thresholds, the schools rule, the expected total, column names."""
    opts = LedgerOptions(year=plan.year)
    policy = plan.donation_policy
    if policy is not None:
        opts.large_unit = policy.unit_threshold
        opts.large_person = policy.person_threshold
        opts.schools_may_organise = policy.schools_may_organise
        opts.expected_total = policy.expected_total
    opts.school_units = frozenset(
        name for u in plan.units if u.level == "school" for name in (u.id, u.name) if name)
    if plan.ledger_columns:
        opts.mapping = {ledger_field(k) or k: v for k, v in plan.ledger_columns.items()}
    for k, v in overrides.items():
        if v is not None:
            setattr(opts, k, v)
    return opts
