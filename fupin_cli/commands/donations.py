"""``donations``: donation ledgers totalled to the fen — explicit files, one plan's ledgers, or the ledgers of
every plan under plans/ — each job with its report and its table (捐赠统计表, 大额捐赠登记表 or 捐赠公示名单).

    >>> result = donations(ledgers=["examples/ledgers/2010-区教育局/一中.csv"], year=2010)
    >>> (job,) = result.jobs
    >>> job.report.total.cash, job.report.accepted, job.report.rejected
    (Decimal('1595.40'), 11, 0)
    >>> job.table.title, [d.code for d in result.diagnostics], result.exit_code()
    ('捐赠统计表', ['FP617'], 0)
    >>> result = donations(plan="plans/2010-区教育局-扶贫济困日.yaml", view="large")
    >>> result.jobs[0].report.large  # the 2010 notice states no large-gift rule
    []
    >>> result = donations(plan="plans/2010-区教育局-扶贫济困日.yaml", view="large",
    ...                    donation_rules="examples/donation-rules.yaml")  # an office's usual rules
    >>> (job,) = result.jobs
    >>> job.table.title
    '教育局开展“扶贫济困日”活动实施方案 大额捐赠登记表'
    >>> [(g.donor, str(g.amount), g.basis) for g in job.report.large]
    [('广东某建设工程有限公司', '55000.00', 'guess'), ('欧阳修远', '6000.00', 'guess')]
    >>> [row[1] for row in job.table.rows]  # a person's name masked in the table
    ['广东某建设工程有限公司', '欧阳**']
    >>> result.exit_code(), result.exit_code(strict=True)  # some rows are rejected: a failure only with strict
    (0, 1)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Literal

from ..diagnostics import Diagnostic, Findings, UsageError
from ..engines.ledger.plans import apply_policy, options_for_plan, plan_ledger_files, plan_policy
from ..engines.ledger.read import Progress, read_ledgers
from ..engines.ledger.report import GROUP_KEYS, REJECT_CODES, LedgerOptions, LedgerReport
from ..engines.validate import validate_plan
from ..loading.plans import expand_paths
from .base import load_donation_rules
from ..loading.tables import load_column_mapping
from ..reports.donations import donations_table, large_gifts_table, publicity_table
from ..table import Table

View = Literal["totals", "large", "publicity"]


@dataclass
class DonationsJob:
    """One plan's ledgers (or the files given, with no plan): what they add up to, and the table to show."""

    plan: Any | None
    files: list[str]
    report: LedgerReport
    table: Table
    #: the plan's file (None with no plan)
    plan_file: str | None = None

    @property
    def meta(self) -> dict[str, Any] | None:
        """What a json document says of the plan (as a json report does); None with no plan."""
        if self.plan is None:
            return None
        return {"title": self.plan.title, "issuer": self.plan.issuer, "year": self.plan.year, "file": self.plan_file}


@dataclass
class DonationsResult(Findings):
    """Every job, and every job's diagnostics. Rejected rows fail the run only with ``strict``. When a plan
    does not validate, nothing is read: ``invalid_plan`` names it and the diagnostics are its errors."""

    lenient: ClassVar[frozenset[str]] = REJECT_CODES
    strict_warnings: ClassVar[bool] = False

    jobs: list[DonationsJob] = field(default_factory=list)
    invalid_plan: str | None = None

    def exit_code(self, strict: bool = False) -> int:
        if self.invalid_plan is not None:
            return 2 if self.unreadable else 1
        return super().exit_code(strict)


def group_keys(by: str | Iterable[str]) -> tuple[str, ...]:
    """The grouping asked for (``"unit,kind"`` or ``("unit", "kind")``); UsageError for an unknown key."""
    keys = tuple(k.strip() for k in (by.split(",") if isinstance(by, str) else by) if k.strip())
    if not keys or any(k not in GROUP_KEYS for k in keys):
        raise UsageError(f"--by 只能是 {', '.join(GROUP_KEYS)}", f"--by takes {', '.join(GROUP_KEYS)}")
    return keys


def donations(*, ledgers: list[str] | None = None, plan: str | None = None, plans_dir: str = "plans",
              by: str | Iterable[str] = ("unit",), view: View = "totals", encoding: str | None = None,
              columns: str | None = None, year: int | None = None, lang: str = "zh",
              donation_rules: str | None = None, full_names: bool = False, progress: Progress | None = None,
              rmb: bool = False) -> DonationsResult:
    """Total the ledgers: ``ledgers`` (files) with no plan, ``plan``'s ledgers (or ``ledgers`` under its rules),
    or by default the ledgers of every plan under ``plans_dir`` that names some. ``view`` picks the table;
    ``columns`` is a YAML file mapping fields to the ledgers' headers (金额: 捐款数); ``year`` is for dates
    written without one; ``donation_rules`` is an office's rules file (捐赠规则: tiers, 公示期限 …) for what a
    plan leaves unsaid, or for ledgers given without a plan; ``progress(path, done_bytes, total_bytes)`` hears
    how far each file has got. ``full_names``: the large-gift list with persons' full names (the office's own
    certificate work), masked otherwise; ``rmb`` writes 人民币 before the total in 大写.

    Raises UsageError for a request that cannot be done (an unknown ``by`` key; an unreadable ``columns`` or
    ``donation_rules`` file, whose diagnostics say why; no plans folder, or no plan naming ledgers).
    """
    keys = group_keys(by)
    mapping = None
    if columns:
        mapping, problems = load_column_mapping(columns)
        if mapping is None:
            error = UsageError(f"列名映射文件 {columns} 无法读取", f"cannot read the column mapping {columns}")
            error.diagnostics = problems
            raise error
    defaults = load_donation_rules(donation_rules) if donation_rules else None
    jobs = _jobs(ledgers, plan, plans_dir)
    if isinstance(jobs, DonationsResult):
        return jobs
    result = DonationsResult()
    for plan_obj, files, plan_file in jobs:
        overrides = {"by": keys, "encoding": encoding, "publicity": view == "publicity", "year": year}
        if plan_obj is not None:
            opts = options_for_plan(plan_obj, defaults, donation_rules or "", **overrides)
            policy, _ = plan_policy(plan_obj, defaults, donation_rules or "")
        else:
            opts = apply_policy(LedgerOptions(**{k: v for k, v in overrides.items() if v is not None}), defaults,
                                donation_rules or "")
            policy = defaults
        if mapping:
            opts.mapping = {**(opts.mapping or {}), **mapping}
        report = read_ledgers(files, opts, progress)
        result.diagnostics.extend(report.diagnostics)
        table = _table(report, plan_obj, view, lang, policy.anonymous_label if policy else None, full_names, rmb)
        result.jobs.append(DonationsJob(plan_obj, files, report, table, plan_file))
    return result


def _table(report: LedgerReport, plan: Any | None, view: View, lang: str, label: str | None,
           full_names: bool = False, rmb: bool = False) -> Table:
    if view == "large":
        table = large_gifts_table(report, lang, full_names)
    elif view == "publicity":
        table = publicity_table(report, lang, label)
    else:
        table = donations_table(report, lang, rmb=rmb)
    if plan is not None:
        table.title = f"{plan.title} {table.title}"
        table.issuer = plan.issuer
    return table


def _jobs(ledgers: list[str] | None, plan: str | None,
          plans_dir: str) -> list[tuple[Any, list[str], str | None]] | DonationsResult:
    """(plan or None, ledger files, plan file or None) for each job; or, for a plan that does not validate, the
    result saying so."""
    if ledgers and not plan:
        return [(None, list(ledgers), None)]  # no plan: nothing of the plan model needs loading
    if plan:
        paths = [plan]
    elif os.path.isdir(plans_dir):
        paths, _ = expand_paths([plans_dir])
    else:
        raise UsageError(f"未指定路径，当前目录下也没有 {plans_dir}/ 文件夹",
                         f"no path given and there is no {plans_dir}/ folder here")
    jobs = []
    for path in paths:
        lp = validate_plan(path)
        errors: list[Diagnostic] = [d for d in lp.diagnostics if d.severity == "error"]
        if lp.plan is None or errors:
            return DonationsResult(diagnostics=errors, invalid_plan=path)
        if plan:
            return [(lp.plan, list(ledgers) if ledgers else plan_ledger_files(lp.file, lp.plan.ledgers), lp.file)]
        if lp.plan.ledgers:
            jobs.append((lp.plan, plan_ledger_files(lp.file, lp.plan.ledgers), lp.file))
    if not jobs:
        raise UsageError("plans/ 下的方案都没有写台账（台账: …），也没有指定台账文件",
                         "no plan under plans/ names ledgers, and no ledger file was given")
    return jobs
