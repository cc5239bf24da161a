"""After every file: the grand total, exact duplicates with the line of their first copy, the quota and
schools checks per unit, the large gifts, the expected total, and the rejected rows as diagnostics."""

from __future__ import annotations

from decimal import Decimal

from ...diagnostics import Text, diag
from ...loading.tables import open_table
from ...money import format_amount, parse_amount
from .cells import DONOR_TYPE_ZH, SCHOOL
from .masking import shown_donor

#: a donor type in either language, for messages
DONOR_TYPE = {k: Text(zh, k) for k, zh in DONOR_TYPE_ZH.items()}
from .state import LedgerState

#: many identical amounts inside one unit (a sign of 硬性摊派): at least this many gifts …
QUOTA_MIN_GIFTS = 10
#: … of which at least this share give the same amount
QUOTA_SHARE = Decimal("0.8")


def finish(s: LedgerState) -> None:
    """Complete ``s.report`` once every file has been read."""
    report, opts = s.report, s.opts
    if s.unit_only:  # the pass keys groups by the plain unit name
        report.groups = {(k,): v for k, v in report.groups.items()}
    total = report.total
    for agg in report.groups.values():
        total.gifts += agg.gifts
        total.cash += agg.cash
        total.goods += agg.goods
    total.donors = len(s.donor_rows) + s.extra_donors
    _report_duplicates(s)
    per_unit: dict[str, dict[Decimal, int]] = {}
    for (unit, text), n in s.amount_counts.items():
        counts = per_unit.setdefault(unit, {})
        amount = parse_amount(text)
        counts[amount] = counts.get(amount, 0) + n
    for unit, counts in sorted(per_unit.items()):
        gifts = sum(counts.values())
        amount, same = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        f, line = s.unit_first.get(unit, (None, None))
        if gifts >= QUOTA_MIN_GIFTS and Decimal(same) / gifts >= QUOTA_SHARE:
            report.diagnostics.append(diag("FP610", file=f, line=line, unit=unit, count=gifts, same=same,
                                           amount=format_amount(amount), share=f"{same * 100 // gifts}%"))
        if opts.schools_may_organise is False and (unit in opts.school_units or SCHOOL.search(unit)):
            report.diagnostics.append(diag("FP611", file=f, line=line, unit=unit, count=gifts))
    report.tiers, report.rules_source = tuple(opts.tiers), opts.rules_source
    for g in report.large:
        rule = Text("；".join(t.text("zh") for t in g.tiers), "; ".join(t.text("en") for t in g.tiers))
        report.diagnostics.append(diag("FP613", file=g.file, line=g.line, donor=shown_donor(g.donor, g.donor_type),
                                       kind=DONOR_TYPE[g.donor_type], amount=format_amount(g.amount), rule=rule))
    for (unit, donor), (path, line, amount) in s.guessed_units.items():
        person = opts.tiers_for("person", amount)
        rule = Text("；".join(t.text("zh") for t in person), "; ".join(t.text("en") for t in person))
        report.diagnostics.append(diag("FP624", file=path, line=line, donor=donor, amount=format_amount(amount),
                                       rule=rule))
    if opts.expected_total is not None and total.total != opts.expected_total:
        report.diagnostics.append(diag("FP612", computed=format_amount(total.total),
                                       expected=format_amount(opts.expected_total),
                                       diff=format_amount(total.total - opts.expected_total)))
    for f in report.files:
        report.diagnostics.extend(d for _, d, _ in f.rejected)


def _report_duplicates(s: LedgerState) -> None:
    """Exact duplicate rows, with the line of the first copy (found by reading those files again)."""
    if not s.duplicates:
        return
    wanted: dict[str, set[int]] = {}
    for path, _, h, _, _ in s.duplicates:
        wanted.setdefault(path, set()).add(h)
    first: dict[tuple[str, int], int] = {}
    for path, hashes in wanted.items():
        with open_table(path, encoding=s.opts.encoding, mapping=s.opts.mapping, errors="replace") as table:
            n = len(table.header)
            for line, row in table.records():
                if len(row) > n and not any(c.strip() for c in row[n:]):
                    row = row[:n]
                h = hash(tuple(row))
                if h in hashes and (path, h) not in first:
                    first[(path, h)] = line
    for path, line, h, donor, amount in s.duplicates:
        s.report.diagnostics.append(diag("FP609", file=path, line=line, first=first.get((path, h), "?"),
                                         donor=shown_donor(donor), amount=format_amount(amount)))
