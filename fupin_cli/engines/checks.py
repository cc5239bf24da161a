"""Checks beyond types: what makes a plan wrong although every value has the right type.

Each check returns diagnostics located through the loaded plan's position map. Codes:
FP103/FP104/FP105 undefined units (with a "did you mean"), FP201–FP203 duplicates, FP204 no lead,
FP205 no leading group, FP206 unknown submission reference, FP301/FP302/FP307/FP308 dates outside the
campaign, FP303 overlapping phases, FP304 ranges running backwards, FP305 a reporting chain whose
deadlines do not increase, FP306 a submission sent down the hierarchy, FP401 a ledger path with no file::

    >>> from fupin_cli.loading.plans import load_plan_text
    >>> lp = load_plan_text("标题: t\\n年度: 2020\\n领导小组: {组长: 局长}\\n单位: [办公室]\\n"
    ...                     "活动:\\n  - 标题: 启动仪式\\n    主办: 政体股\\n", "x.yaml")
    >>> [d.format() for d in check_plan(lp)]
    ['x.yaml:7:9: error FP103: 主办单位“政体股”未定义']
"""

from __future__ import annotations

import glob
import os
import re
from datetime import date, timedelta
from typing import Any

from ..dates import last_of, weekday_zh
from ..diagnostics import Diagnostic, diag, did_you_mean
from ..loading.files import expand_glob, not_regular
from ..loading.plans import Loaded
from ..model import LEVEL_ZH, LEVELS, Plan, Unit, walk_activities
from .calendar import KIND_ZH, UnknownYear, WorkCalendar
from .deadlines import Resolution, resolve_dues
from .pairing import coverage

#: how far a submission deadline may lie outside the campaign period before it looks like a typo
DEADLINE_SLACK_DAYS = 31

_NO_STRIP = re.compile(r"[\s（）()、.．。:：]")


def normalize_no(no: str) -> str:
    """"（一）", "(一)", "一、" all number the same item."""
    return _NO_STRIP.sub("", no)


class UnitIndex:
    """Units by id and by name, for resolving references and suggesting near misses."""

    def __init__(self, units: list[Unit]):
        self.by_key: dict[str, Unit] = {}
        for u in units:
            self.by_key.setdefault(u.id, u)
            if u.name:
                self.by_key.setdefault(u.name, u)

    def get(self, ref: str) -> Unit | None:
        return self.by_key.get(ref)

    def suggest(self, ref: str) -> Any:
        return did_you_mean(ref, self.by_key)


def check_plan(lp: Loaded, base_dir: str | None = None, calendar: WorkCalendar | None = None) -> list[Diagnostic]:
    """All semantic checks of one successfully loaded plan (the calendar is the built-in one unless given)."""

    plan = lp.plan
    if plan is None:
        return []
    cal = calendar if calendar is not None else WorkCalendar()
    res = resolve_dues(lp, cal)
    out: list[Diagnostic] = list(res.diagnostics)
    units = UnitIndex(plan.units)
    out += _check_units(lp, plan, units)
    out += _check_activities(lp, plan, units, res)
    out += _check_periods(lp, plan)
    out += _check_submissions(lp, plan, units, res)
    out += _check_working_days(lp, plan, res, cal)
    if plan.leadership is None or plan.leadership.is_empty():
        out.append(lp.diag("FP205", ("leadership",) if plan.leadership else ("title",), key=True))
    out += _check_ledgers(lp, plan, base_dir)
    out += _check_pairing(lp, plan, base_dir)
    return out


def _check_units(lp: Loaded, plan: Plan, units: UnitIndex) -> list[Diagnostic]:
    out = []
    first: dict[str, int] = {}
    for i, u in enumerate(plan.units):
        path = ("units", i)
        line = lp.at(path)[0] or 0
        if u.id in first:
            out.append(lp.diag("FP201", path, id=u.id, first=first[u.id]))
        else:
            first[u.id] = line
        if u.parent and units.get(u.parent) is None:
            out.append(lp.diag("FP105", path + ("parent",), role="上级单位", role_en="parent unit", unit=u.parent,
                               hint=units.suggest(u.parent)))
    return out


def _refs(lp: Loaded, path: tuple, refs: list[str], units: UnitIndex, code: str) -> list[Diagnostic]:
    return [lp.diag(code, path + (k,), unit=ref, hint=units.suggest(ref))
            for k, ref in enumerate(refs) if units.get(ref) is None]


def _check_activities(lp: Loaded, plan: Plan, units: UnitIndex, res: Resolution) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    numbers: dict[tuple, dict[str, int]] = {}
    period = plan.period
    for a, path, parents in walk_activities(plan):
        if a.no:
            siblings = numbers.setdefault(path[:-1], {})
            key = normalize_no(a.no)
            if key in siblings:
                out.append(lp.diag("FP202", path + ("no",), no=a.no, first=siblings[key]))
            else:
                siblings[key] = lp.at(path + ("no",))[0] or 0
        out += _refs(lp, path + ("lead",), a.lead, units, "FP103")
        out += _refs(lp, path + ("support",), a.support, units, "FP104")
        if not a.children and not a.lead and not any(p.lead for p in parents):
            out.append(lp.diag("FP204", path, title=a.title))
        if a.start and a.end and last_of(a.end) < a.start:
            out.append(lp.diag("FP304", path + ("end",), what=f"活动“{a.title}”", what_en=f"activity “{a.title}”",
                               start=a.start, end=a.end))
        for key in ("date", "start", "end"):
            d = getattr(a, key)
            if d is None:
                continue
            if period and not (period.start <= d and last_of(d) <= period.end):
                out.append(lp.diag("FP301", path + (key,), title=a.title, date=d, start=period.start,
                                   end=period.end))
            elif not period and d.year != plan.year:
                out.append(lp.diag("FP307", path + (key,), date=d, year=plan.year))
        due = res.dues.get(path + ("due",))
        if due:
            out += _deadline(lp, plan, path + ("due",), due, a.title)
    return out


def _deadline(lp: Loaded, plan: Plan, path: tuple, due: date, what: str) -> list[Diagnostic]:
    period = plan.period
    if period:
        slack = timedelta(days=DEADLINE_SLACK_DAYS)
        if not (period.start - slack <= due <= period.end + slack):
            return [lp.diag("FP302", path, date=due, what=what, start=period.start, end=period.end,
                            days=DEADLINE_SLACK_DAYS)]
    elif due.year != plan.year:
        return [lp.diag("FP307", path, date=due, year=plan.year)]
    return []


def _check_periods(lp: Loaded, plan: Plan) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    p = plan.period
    if p and p.end < p.start:
        out.append(lp.diag("FP304", ("period", "end"), what="活动时间", what_en="the campaign period",
                           start=p.start, end=p.end))
    for key, zh, en in (("phases", "阶段", "phase"), ("weeks", "活动周", "activity week")):
        items = getattr(plan, key)
        for i, ph in enumerate(items):
            if ph.end < ph.start:
                out.append(lp.diag("FP304", (key, i, "end"), what=f"{zh}“{ph.name}”", what_en=f"{en} “{ph.name}”",
                                   start=ph.start, end=ph.end))
            elif key == "weeks" and p and p.start <= p.end and not (p.start <= ph.start and ph.end <= p.end):
                out.append(lp.diag("FP308", (key, i), name=ph.name, start=ph.start, end=ph.end,
                                   pstart=p.start, pend=p.end))
    ordered = sorted((ph.start, i, ph) for i, ph in enumerate(plan.phases) if ph.start <= ph.end)
    for (s1, i1, a), (s2, i2, b) in zip(ordered, ordered[1:]):
        if b.start <= a.end:
            out.append(lp.diag("FP303", ("phases", i2), name=b.name, other=a.name, start=b.start,
                               end=min(a.end, b.end)))
    return out


def _level(units: UnitIndex, ref: str | None) -> str | None:
    u = units.get(ref) if ref else None
    return u.level if u else None


def _check_submissions(lp: Loaded, plan: Plan, units: UnitIndex, res: Resolution) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    by_id: dict[str, int] = {}
    first: dict[str, int] = {}
    for i, s in enumerate(plan.submissions):
        path = ("submissions", i)
        if s.id:
            if s.id in by_id:
                out.append(lp.diag("FP203", path + ("id",), id=s.id, first=first[s.id]))
            else:
                by_id[s.id] = i
                first[s.id] = lp.at(path + ("id",))[0] or 0
        for k, ref in enumerate(s.from_):
            if units.get(ref) is None:
                out.append(lp.diag("FP105", path + ("from", k), role="报送单位", role_en="sending unit", unit=ref,
                                   hint=units.suggest(ref)))
        if s.to and units.get(s.to) is None:
            out.append(lp.diag("FP105", path + ("to",), role="接收单位", role_en="receiving unit", unit=s.to,
                               hint=units.suggest(s.to)))
        due = res.dues.get(path + ("due",))
        if due:
            out += _deadline(lp, plan, path + ("due",), due, s.what)
        dst = _level(units, s.to)
        for ref in s.from_:
            src = _level(units, ref)
            if src and dst and LEVELS[src] > LEVELS[dst]:
                out.append(lp.diag("FP306", path + ("to",), src=ref, src_level=LEVEL_ZH[src], dst=s.to,
                                   dst_level=LEVEL_ZH[dst]))
    for i, s in enumerate(plan.submissions):
        for k, ref in enumerate(s.collects):
            j = by_id.get(ref)
            if j is None:
                out.append(lp.diag("FP206", ("submissions", i, "collects", k), ref=ref,
                                   hint=did_you_mean(ref, by_id)))
                continue
            lower_due, upper_due = res.dues.get(("submissions", j, "due")), res.dues.get(("submissions", i, "due"))
            if lower_due and upper_due and not lower_due < upper_due:
                out.append(lp.diag("FP305", ("submissions", i, "due"), lower=_chain_name(plan.submissions[j]),
                                   lower_due=lower_due, upper=_chain_name(s), upper_due=upper_due))
    return out


def chain_links(plan: Plan) -> list[tuple[int, int]]:
    """(lower, upper) submission indexes: the upper one collects (汇总自) the lower one."""
    by_id = {s.id: i for i, s in enumerate(plan.submissions) if s.id}
    return [(by_id[ref], i) for i, s in enumerate(plan.submissions) for ref in s.collects if ref in by_id]


def _check_working_days(lp: Loaded, plan: Plan, res: Resolution, cal: WorkCalendar) -> list[Diagnostic]:
    """FP309: a fixed deadline on a day off (warned, not moved); FP310: less than one working day between
    two levels of a reporting chain. A year the calendar does not know is said once (FP501, a warning here:
    the plan is not wrong, the calendar is missing)."""
    out: list[Diagnostic] = []
    unknown: set[int] = set(res.unknown_years)

    def kind(d: date, path: tuple):
        try:
            return cal.kind(d)
        except UnknownYear as e:
            if e.year not in unknown:
                unknown.add(e.year)
                line, col = lp.at(path)
                out.append(diag("FP501", file=lp.file, line=line, column=col, severity="warning", year=e.year,
                                first=(e.known or ("?",))[0], last=(e.known or ("?", "?"))[1]))
            return None

    fixed = [(("submissions", i, "due"), s.due) for i, s in enumerate(plan.submissions)]
    fixed += [(path + ("due",), a.due) for a, path, _ in walk_activities(plan)]
    for path, value in fixed:
        if not isinstance(value, date) or plan.deadline_roll:
            continue  # relative deadlines land on working days by construction; 顺延 moves a fixed one there
        value = last_of(value)  # 10月底前, 10月中旬: the last day
        k = kind(value, path)
        if k is not None and not k.working:
            what = k.name or KIND_ZH[k.kind]
            out.append(lp.diag("FP309", path, date=value, weekday=weekday_zh(value), kind=what,
                               kind_en=k.name or k.kind))
    for j, i in chain_links(plan):
        lower_due, upper_due = res.dues.get(("submissions", j, "due")), res.dues.get(("submissions", i, "due"))
        if not (lower_due and upper_due and lower_due < upper_due):
            continue
        try:
            gap = cal.working_days_between(lower_due, upper_due)
        except UnknownYear:
            continue
        if gap < 1:
            out.append(lp.diag("FP310", ("submissions", i, "due"), lower=_chain_name(plan.submissions[j]),
                               lower_due=lower_due, upper=_chain_name(plan.submissions[i]), upper_due=upper_due))
    return out


def _chain_name(s: Any) -> str:
    sender = "、".join(s.from_) if s.from_ else s.what
    return f"{sender}→{s.to}" if s.to else sender


def _check_pairing(lp: Loaded, plan: Plan, base_dir: str | None) -> list[Diagnostic]:
    """结对帮扶: duplicate helpers or targets, pairings naming unknown ones, capacity, visit-log paths."""
    pairing = plan.pairing
    if pairing is None:
        return []
    out: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for key, items in (("helpers", pairing.helpers), ("targets", pairing.targets)):
        for i, item in enumerate(items):
            path = ("pairing", key, i)
            if item.id in seen:
                out.append(lp.diag("FP703", path, id=item.id, first=seen[item.id]))
            else:
                seen[item.id] = lp.at(path)[0] or 0
    helpers = {h.id for h in pairing.helpers}
    targets = {t.id for t in pairing.targets}
    for i, p in enumerate(pairing.pairs):
        path = ("pairing", "pairs", i)
        if p.helper not in helpers:
            out.append(lp.diag("FP701", path + ("helper",), ref=p.helper, hint=did_you_mean(p.helper, helpers)))
        for k, t in enumerate(p.targets):
            if t not in targets:
                out.append(lp.diag("FP702", path + ("targets", k), ref=t, hint=did_you_mean(t, targets)))
    for helper, count, capacity in coverage(pairing).over_capacity:
        i = next(i for i, h in enumerate(pairing.helpers) if h.id == helper)
        out.append(lp.diag("FP708", ("pairing", "helpers", i), helper=helper, count=count, capacity=capacity))
    base = base_dir if base_dir is not None else os.path.dirname(lp.file) or "."
    for k, pattern in enumerate(pairing.visit_logs):
        full = os.path.join(base, pattern)
        found = expand_glob(full) if glob.has_magic(pattern) else ([full] if os.path.isfile(full) else [])
        if (special := _special(full, pattern)) is not None:
            out.append(lp.diag("FP015", ("pairing", "visit_logs", k), kind=special.args["kind"]))
        elif not found:
            out.append(lp.diag("FP704", ("pairing", "visit_logs", k), path=pattern, base=base))
    return out


def _check_ledgers(lp: Loaded, plan: Plan, base_dir: str | None) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    base = base_dir if base_dir is not None else os.path.dirname(lp.file) or "."
    for key, code in (("ledgers", "FP401"), ("activity_records", "FP402")):
        for k, pattern in enumerate(getattr(plan, key)):
            full = os.path.join(base, pattern)
            found = expand_glob(full) if glob.has_magic(pattern) else \
                ([full] if os.path.isfile(full) else [])
            if (special := _special(full, pattern)) is not None:
                out.append(lp.diag("FP015", (key, k), kind=special.args["kind"]))
            elif not found:
                out.append(lp.diag(code, (key, k), path=pattern, base=base))
    return out


def _special(full: str, pattern: str) -> Diagnostic | None:
    """FP015 for a path the plan names that is a FIFO, a device or a socket (not a glob: those match files)."""
    return None if glob.has_magic(pattern) else not_regular(full)
