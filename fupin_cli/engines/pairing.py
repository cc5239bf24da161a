"""结对帮扶: coverage of the targets, visit compliance by week or month, required occasions, the monthly briefing.

The visit log is read like a ledger (encodings, header aliases, title rows, every row counted or rejected with
``file:line``); a visit naming a helper or target the plan does not know is rejected with a diagnostic, never
dropped. Weeks run Monday to Sunday; only periods that ended before the as-of day, and inside the plan's campaign
period (活动时间) where it has one, are judged, and with the policy's default a week with two working days or fewer
(a holiday week such as National Day) is not judged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, ClassVar, Iterable

from ..dates import DateError
from ..diagnostics import Findings, diag, did_you_mean, reason
from ..loading.tables import VISIT_FIELDS
from ..model import DateRange, Pairing, Plan, Target
from ..money import ZERO, AmountError, parse_amount
from .ledger.cells import DateReader, begin_file
from .ledger.report import REJECT_CODES, FileSummary


@dataclass
class Visit:
    day: date
    helper: str
    target: str
    contact: str
    help_kind: str
    content: str
    value: Decimal
    file: str
    line: int


@dataclass
class VisitLog(Findings):
    """Visits read and every finding; rejected rows fail the run only with ``strict``."""

    lenient: ClassVar[frozenset[str]] = REJECT_CODES
    strict_warnings: ClassVar[bool] = False

    visits: list[Visit] = field(default_factory=list)
    files: list[FileSummary] = field(default_factory=list)


def read_visits(paths: Iterable[str], pairing: Pairing, year: int | None = None) -> VisitLog:
    log = VisitLog()
    helpers = {h.id for h in pairing.helpers} | {h.name for h in pairing.helpers if h.name}
    aliases = {h.name: h.id for h in pairing.helpers if h.name}
    targets = {t.id for t in pairing.targets}
    dates = DateReader(year)
    for path in paths:
        summary = FileSummary(path)
        log.files.append(summary)
        table = begin_file(path, summary, log.diagnostics, fields=VISIT_FIELDS, required=("date", "helper", "target"))
        if table is None:
            continue
        with table:
            cols, n = table.columns, len(table.header)
            rows = 0
            for line, row in table.records():
                rows += 1

                def cell(name: str) -> str:
                    i = cols.get(name)
                    return row[i].strip() if i is not None and i < len(row) else ""

                def reject(code: str, **args: Any) -> None:
                    summary.rejected.append((line, diag(code, file=path, line=line, **args), row))

                row = summary.screened(row, table, path, line, n)
                if row is None:  # blank (skipped) or rejected, with its reason
                    continue
                helper, target, when = cell("helper"), cell("target"), cell("date")
                for value, zh, en in ((when, "日期", "date"), (helper, "帮扶方", "helper"),
                                      (target, "帮扶对象", "target")):
                    if not value:
                        reject("FP707", what=zh, what_en=en)
                        break
                else:
                    try:
                        day = dates(when)
                    except DateError as e:
                        reject("FP604", value=when, reason=reason(e))
                        continue
                    if helper not in helpers:
                        reject("FP705", ref=helper, hint=did_you_mean(helper, helpers))
                        continue
                    if target not in targets:
                        reject("FP706", ref=target, hint=did_you_mean(target, targets))
                        continue
                    value = ZERO
                    if cell("value"):
                        try:
                            value = parse_amount(cell("value"))
                        except AmountError as e:
                            reject("FP601", value=cell("value"), reason=reason(e))
                            continue
                    log.visits.append(Visit(day, aliases.get(helper, helper), target, cell("contact"),
                                            cell("help_kind"), cell("content"), value, path, line))
                    summary.accepted += 1
        summary.rows_read = rows + len(table.blank_before) + len(table.titles) + 1
    for f in log.files:
        log.diagnostics.extend(d for _, d, _ in f.rejected)
    return log


# --- coverage ---------------------------------------------------------------------------------------------

@dataclass
class Coverage:
    targets: int
    paired: int
    unpaired: list[Target]
    over_capacity: list[tuple[str, int, int]]
    aim: Decimal | None

    @property
    def rate(self) -> Decimal:
        return (Decimal(self.paired * 100) / self.targets).quantize(Decimal("0.1")) if self.targets else Decimal(0)


def coverage(pairing: Pairing) -> Coverage:
    paired_ids = {t for p in pairing.pairs for t in p.targets}
    unpaired = [t for t in pairing.targets if t.id not in paired_ids]
    load = Counter()
    for p in pairing.pairs:
        load[p.helper] += len(p.targets)
    over = [(h.id, load[h.id], h.capacity) for h in pairing.helpers if h.capacity and load[h.id] > h.capacity]
    return Coverage(len(pairing.targets), len(pairing.targets) - len(unpaired), unpaired, over, pairing.aim)


# --- compliance -------------------------------------------------------------------------------------------

@dataclass
class Period:
    start: date
    end: date
    visits: int
    exempt: bool = False


@dataclass
class Compliance:
    who: str  # a helper group, or "helper → target"
    helper: str
    targets: list[str]
    periods: list[Period] = field(default_factory=list)
    missed_occasions: list[tuple[str, str, date, date]] = field(default_factory=list)

    minimum: int = 1

    @property
    def below(self) -> list[Period]:
        return [p for p in self.periods if not p.exempt and p.visits < self.minimum]


def _periods(first: date, as_of: date, per: str) -> list[tuple[date, date]]:
    """The whole weeks (Monday to Sunday) or calendar months from ``first`` on that end before ``as_of``."""
    out = []
    if per == "week":
        start = first + timedelta(days=(7 - first.weekday()) % 7)  # the first whole week
        while start + timedelta(days=6) < as_of:
            out.append((start, start + timedelta(days=6)))
            start += timedelta(days=7)
    else:
        start = first if first.day == 1 else (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        while True:
            nxt = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
            if nxt - timedelta(days=1) >= as_of:
                break
            out.append((start, nxt - timedelta(days=1)))
            start = nxt
    return out


def compliance_start(plan: Plan, visits: list[Visit], as_of: date) -> date:
    """The day visit compliance is judged from (for pairs that name no start of their own): the plan's
    campaign period's first day; without a period, the day of the first visit logged; with no visit either,
    the as-of day (nothing is judged yet)."""
    if plan.period:
        return plan.period.start
    return min((v.day for v in visits), default=as_of)


def compliance(pairing: Pairing, visits: list[Visit], as_of: date, cal: Any, default_start: date,
               period: DateRange | None = None) -> list[Compliance]:
    """Visit compliance of each group (or pairing) on ``as_of``, from its pairing's start (``default_start`` for a
    pairing that names none). With the campaign ``period``, only weeks or months inside it are judged: none
    before its first day, none that end after its last day — a campaign that ended long before ``as_of`` is judged
    on its own weeks, not on every week up to ``as_of``; required occasions likewise."""
    policy = pairing.policy
    if policy is None:
        return []
    limit = as_of if period is None else min(as_of, period.end + timedelta(days=1))  # judged: ended before this day
    year = (limit - timedelta(days=1)).year if period is not None else as_of.year  # of the birthdays
    rows: list[Compliance] = []
    for p in pairing.pairs:
        units = [(p.helper, p.targets)] if policy.scope == "group" else [(p.helper, [t]) for t in p.targets]
        for helper, targets in units:
            who = helper if policy.scope == "group" else f"{helper} → {targets[0]}"
            c = Compliance(who, helper, list(targets), minimum=policy.minimum)
            mine = [v for v in visits if v.helper == helper and v.target in targets
                    and (not policy.counts or v.contact in policy.counts)]
            start = p.start or default_start
            if period is not None:
                start = max(start, period.start)
            for a, b in _periods(start, limit, policy.per):
                if p.end and a > p.end:
                    break
                n = sum(1 for v in mine if a <= v.day <= b)
                exempt = False
                if policy.per == "week" and policy.holiday_weeks_exempt:
                    working = sum(1 for i in range(7) if cal.is_working_day(a + timedelta(days=i)))
                    exempt = working <= 2
                c.periods.append(Period(a, b, n, exempt))
            for occ in policy.occasions:
                for t in targets:
                    window = _window(occ, next((x for x in pairing.targets if x.id == t), None), year)
                    if window is None or window[1] >= limit or window[1] < start:
                        continue
                    if not any(v.target == t and window[0] <= v.day <= window[1] for v in mine):
                        c.missed_occasions.append((occ.name, t, window[0], window[1]))
            rows.append(c)
    return rows


def _window(occ: Any, target: Target | None, year: int) -> tuple[date, date] | None:
    if occ.birthday:
        if target is None or target.birthday is None:
            return None
        try:
            day = target.birthday.replace(year=year)
        except ValueError:  # 29 February
            day = date(year, 3, 1)
        return day - timedelta(days=3), day + timedelta(days=3)
    if occ.start is None:
        return None
    return occ.start, occ.end or occ.start


# --- the monthly briefing -----------------------------------------------------------------------------------

@dataclass
class BriefingRow:
    helper: str
    targets: list[str]
    visits: int
    previous: int
    kinds: Counter
    value: Decimal

    @property
    def change(self) -> int:
        return self.visits - self.previous


def briefing(pairing: Pairing, visits: list[Visit], month: date) -> list[BriefingRow]:
    """Per helper: visits to its targets in ``month`` and the month before, help given by kind, value."""
    start = month.replace(day=1)
    nxt = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    prev = (start - timedelta(days=1)).replace(day=1)
    rows = []
    by_helper: dict[str, list[str]] = {}
    for p in pairing.pairs:
        by_helper.setdefault(p.helper, []).extend(t for t in p.targets if t not in by_helper.get(p.helper, []))
    for helper, targets in by_helper.items():
        mine = [v for v in visits if v.helper == helper and v.target in targets]
        now = [v for v in mine if start <= v.day < nxt]
        before = [v for v in mine if prev <= v.day < start]
        kinds = Counter(v.help_kind for v in now if v.help_kind)
        rows.append(BriefingRow(helper, targets, len(now), len(before), kinds, sum((v.value for v in now), ZERO)))
    return rows

