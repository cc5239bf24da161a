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


def apply_policy(opts: LedgerOptions, policy: Any | None, source: str) -> LedgerOptions:
    """The donation rules of ``policy`` (a ``DonationPolicy``, from a plan or a rules file) into ``opts``:
    tiers, the schools rule, the expected total, the donors it names as units or persons. ``source`` names
    where the tiers came from, for the tables' notes."""
    if policy is None:
        return opts
    opts.tiers = tuple(policy.rules())
    opts.rules_source = source if opts.tiers else ""
    opts.schools_may_organise = policy.schools_may_organise
    opts.expected_total = policy.expected_total
    opts.donor_units = opts.donor_units | frozenset(policy.donor_units)
    opts.donor_persons = frozenset(policy.donor_persons)
    return opts


def plan_policy(plan: Any, defaults: Any | None = None, defaults_file: str = "") -> tuple[Any | None, str]:
    """The donation rules that apply to ``plan``: its own, with what they leave unsaid from ``defaults`` (an
    office's rules file); and where the tiers come from (方案, or the file)."""
    own = plan.donation_policy
    if own is None:
        return defaults, defaults_file
    if own.rules() or defaults is None or not defaults.rules():
        return own.merged(defaults), "方案"
    return own.merged(defaults), defaults_file


def options_for_plan(plan: Any, defaults: Any | None = None, defaults_file: str = "",
                     **overrides: Any) -> LedgerOptions:
    """Ledger options from a plan: its year, its donation rules (with an office's ``defaults`` for what it
    leaves unsaid), its units (donors known to be units), the expected total, column names."""
    opts = LedgerOptions(year=plan.year)
    opts.donor_units = frozenset(name for u in plan.units for name in (u.id, u.name) if name)
    policy, source = plan_policy(plan, defaults, defaults_file)
    apply_policy(opts, policy, source)
    opts.school_units = frozenset(
        name for u in plan.units if u.level == "school" for name in (u.id, u.name) if name)
    if plan.ledger_columns:
        opts.mapping = {ledger_field(k) or k: v for k, v in plan.ledger_columns.items()}
    for k, v in overrides.items():
        if v is not None:
            setattr(opts, k, v)
    return opts
