"""Deadlines and events: every dated item of a plan, resolved on the working-day calendar, with a status.

``resolve_dues`` turns each ``due`` (a date, or a relative deadline such as 30 working days after the
donation drive) into a date; ``plan_items`` lists submissions, activity deadlines, activity dates, phase ends
and activity weeks; ``status`` says where an item stands on a given day in a clerk's words::

    >>> from datetime import date
    >>> from fupin_cli.engines.calendar import WorkCalendar
    >>> s = status(date(2020, 10, 19), date(2020, 10, 15), None, WorkCalendar())
    >>> s.code, s.text("zh")
    ('upcoming', '还剩4天（2个工作日）')
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..dates import DateError, Day, last_of, parse_date, weekday_zh
from ..diagnostics import Diagnostic, Findings, Text, diag, did_you_mean
from ..loading.plans import Loaded, expand_paths, load_plan
from ..model import Plan, RelativeDue, walk_activities
from ..model.activities import due_time
from .calendar import UnknownYear, WorkCalendar, load_calendar
from .ledger.plans import plan_input_files


# --- resolving relative deadlines ----------------------------------------------------------------------

@dataclass
class Resolution:
    """Dates of the plan's deadlines by the English-key path of their ``due`` field."""

    dues: dict[tuple, date] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: years the calendar does not know, with the first place that needed them
    unknown_years: dict[int, tuple] = field(default_factory=dict)


class _Resolver:
    def __init__(self, lp: Loaded, cal: WorkCalendar):
        self.lp, self.cal = lp, cal
        self.plan: Plan = lp.plan  # type: ignore[assignment]
        self.out = Resolution()
        self.anchors: dict[str, tuple[str, tuple, Any]] = {}
        self.state: dict[tuple, str] = {}  # path -> "busy" | "done"
        self.stack: list[str] = []
        for a, path, _ in walk_activities(self.plan):
            if a.id:
                self.anchors.setdefault(a.id, ("activity", path, a))
        for key in ("phases", "weeks"):
            for i, ph in enumerate(getattr(self.plan, key)):
                if ph.id:
                    self.anchors.setdefault(ph.id, ("phase", (key, i), ph))
        for i, s in enumerate(self.plan.submissions):
            if s.id:
                self.anchors.setdefault(s.id, ("submission", ("submissions", i), s))

    def due(self, path: tuple, value: Any, label: str) -> date | None:
        if value is None:
            return None
        if isinstance(value, date):  # a deadline counts to the last day written: 10月底前, 10月中旬
            value = value.at_last() if isinstance(value, Day) else value
            self.out.dues[path] = value
            return value
        if path in self.out.dues:
            return self.out.dues[path]
        if self.state.get(path) == "busy":
            cycle = " → ".join(self.stack + [label])
            self.out.diagnostics.append(self.lp.diag("FP503", path, cycle=cycle))
            return None
        if self.state.get(path) == "done":  # resolved before, unsuccessfully
            return None
        self.state[path] = "busy"
        self.stack.append(label)
        result = self._relative(path, value)
        self.stack.pop()
        self.state[path] = "done"
        if result is not None:
            self.out.dues[path] = result
        return result

    def _relative(self, path: tuple, rel: RelativeDue) -> date | None:
        anchor = self._anchor(path, rel.anchor)
        if anchor is None:
            return None
        try:
            if rel.working_days is not None:
                return self.cal.add_working_days(anchor, rel.sign * rel.working_days)
            return self.cal.add_days(anchor, rel.sign * (rel.days or 0))
        except UnknownYear as e:
            self.out.unknown_years.setdefault(e.year, path)
            line, col = self.lp.at(path)
            self.out.diagnostics.append(e.diagnostic(self.lp.file, line, col))
            return None

    def _anchor(self, path: tuple, ref: str) -> date | None:
        if ref in self.anchors:
            kind, apath, item = self.anchors[ref]
            if kind == "activity":
                return last_of(item.end or item.date or self.due(apath + ("due",), item.due, ref) or item.start)
            if kind == "phase":
                return item.end
            return self.due(apath + ("due",), item.due, ref)
        try:
            return parse_date(ref, self.plan.year)
        except DateError:
            pass
        self.out.diagnostics.append(self.lp.diag("FP502", path, ref=ref, hint=did_you_mean(ref, self.anchors)))
        return None


def resolve_dues(lp: Loaded, cal: WorkCalendar) -> Resolution:
    """Resolve every ``due`` of a loaded plan; cycles, unknown references and unknown years are diagnostics."""
    r = _Resolver(lp, cal)
    plan = r.plan
    for i, s in enumerate(plan.submissions):
        r.due(("submissions", i, "due"), s.due, s.id or s.what)
    for a, path, _ in walk_activities(plan):
        r.due(path + ("due",), a.due, a.id or a.title)
    return r.out


# --- items and their status ----------------------------------------------------------------------------

@dataclass
class Item:
    """A deadline (报送, 截止) or an event (活动日期, 阶段结束) of one plan."""

    file: str
    plan: str
    kind: str  # submission | activity_due | activity | phase | week
    what: str
    date: date
    deadline: bool
    units: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    sender: list[str] = field(default_factory=list)
    receiver: str | None = None
    done: date | None = None
    last_day: date | None = None
    rule: str | None = None
    contact: str | None = None
    path: tuple = ()
    end: date | None = None

    @property
    def uid(self) -> str:
        """Stable across runs and edits elsewhere in the plan: a re-imported calendar updates, not duplicates."""
        key = "|".join([self.plan, self.kind, self.what, "/".join(self.sender), self.receiver or ""])
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20] + "@fupin"


KIND_ZH = {"submission": "报送", "activity_due": "完成", "activity": "活动", "phase": "阶段结束", "week": "活动周",
           "publicity": "公示"}


def plan_items(lp: Loaded, cal: WorkCalendar, donation_rules: tuple[Any, str] | None = None
               ) -> tuple[list[Item], list[Diagnostic]]:
    """Every dated item of a loaded plan. ``donation_rules``: an office's rules (``DonationPolicy``) and their
    file, for the 公示期限 a plan does not state."""
    plan = lp.plan
    if plan is None:
        return [], []
    res = resolve_dues(lp, cal)
    items: list[Item] = []
    title = plan.title
    for i, s in enumerate(plan.submissions):
        d = res.dues.get(("submissions", i, "due"))
        if d is None:
            continue
        path = ("submissions", i)
        d, last, rule = _deadline_day(lp, plan, cal, res, path + ("due",), d, s.due, due_time(s))
        items.append(Item(lp.file, title, "submission", s.what, d, True, units=list(s.from_), sender=list(s.from_),
                          receiver=s.to, done=s.done, last_day=last, rule=rule, contact=s.contact, path=path))
    for a, path, parents in walk_activities(plan):
        lead = a.lead or next((p.lead for p in reversed(parents) if p.lead), [])
        d = res.dues.get(path + ("due",))
        if d is not None:
            d, last, rule = _deadline_day(lp, plan, cal, res, path + ("due",), d, a.due, due_time(a))
            items.append(Item(lp.file, title, "activity_due", a.title, d, True, units=list(lead),
                              support=list(a.support), done=a.done, last_day=last, rule=rule, path=path))
        when = a.date or a.start
        if when is not None:
            last = last_of(a.end) if a.end is not None else last_of(when)
            items.append(Item(lp.file, title, "activity", a.title, when, False, units=list(lead),
                              support=list(a.support), path=path, end=last if last != when else None))
    items += _publicity(lp, plan, cal, res, items, donation_rules)
    for key, kind in (("phases", "phase"), ("weeks", "week")):
        for i, ph in enumerate(getattr(plan, key)):
            when = ph.end if kind == "phase" else ph.start
            items.append(Item(lp.file, title, kind, ph.name, when, False, path=(key, i),
                              end=ph.end if kind == "week" else None))
    return items, res.diagnostics


def _deadline_day(lp: Loaded, plan: Plan, cal: WorkCalendar, res: Resolution, path: tuple, d: date, written: Any,
                  at: Any) -> tuple[date, date, str | None]:
    """A resolved deadline as the table shows it (the day, with the time and the text as written), the last day
    it may be met, and the rule it follows. A written deadline whose last day is not a working day stays where
    it is (FP309 warns), or, where the plan says 截止遇休息日顺延: 是, moves to the next working day."""
    relative = isinstance(written, RelativeDue)
    rule = written.describe() if relative else None
    if at is not None or not isinstance(d, Day):
        d = Day.of(d, text=getattr(d, "text", None), at=at, plain=getattr(d, "plain", True))
    last = plan.last_day(d)
    if plan.deadline_roll and not relative:
        try:
            if not cal.is_working_day(last):
                moved = cal.next_working_day(last)
                rest = cal.kind(last).name or weekday_zh(last)
                rule = f"原定 {last.isoformat()}（{rest}），顺延至下一个工作日 {moved.isoformat()}"
                last = moved
                d = Day.of(moved, text=d.text, at=d.time, plain=False)
        except UnknownYear as e:
            res.unknown_years.setdefault(e.year, path)
            res.diagnostics.append(e.diagnostic(lp.file, *lp.at(path)))
    return d, last, rule


def _publicity(lp: Loaded, plan: Plan, cal: WorkCalendar, res: Resolution, items: list[Item],
               donation_rules: tuple[Any, str] | None) -> list[Item]:
    """捐赠公示: N working days (the 公示期限 of the plan, else of an office's rules file) after the donation drive
    ends, unless the plan already lists a publicity deadline of its own. No 公示期限 stated: no deadline."""
    n, source = None, ""
    if plan.donation_policy is not None and plan.donation_policy.publicity_working_days:
        n, source = plan.donation_policy.publicity_working_days, "方案捐赠规则"
    elif donation_rules is not None and donation_rules[0].publicity_working_days:
        n, source = donation_rules[0].publicity_working_days, f"规则文件 {donation_rules[1]}"
    if n is None:
        return []
    if any("公示" in i.what for i in items if i.deadline):
        return []
    drives = [(last_of(a.end or a.date or res.dues.get(path + ("due",))), a, path)
              for a, path, _ in walk_activities(plan) if any("捐" in k for k in a.kinds)]
    drives = [d for d in drives if d[0] is not None]
    if not drives:
        return []
    end, drive, path = max(drives, key=lambda d: d[0])
    try:
        due = cal.add_working_days(end, n)
    except UnknownYear as e:
        res.diagnostics.append(e.diagnostic(lp.file, *lp.at(path)))
        return []
    lead = drive.lead or []
    return [Item(lp.file, plan.title, "publicity", f"捐赠公示（{drive.title}）", due, True, units=list(lead),
                 sender=list(lead), last_day=plan.last_day(due), rule=f"捐赠活动结束后{n}个工作日内（{source}）", path=path)]


@dataclass
class Status:
    code: str  # overdue | due | upcoming | done
    days: int  # days left (negative: days late)
    working_days: int | None = None
    late_by: int | None = None  # a completed deadline: days after the last day (0 or less: on time)
    unknown_year: int | None = None
    deadline: bool = True  # False for an event (an activity's date, a phase's end)
    ongoing_until: date | None = None  # an event that has started and not yet ended

    def text(self, lang: str = "zh") -> str:
        en = lang == "en"
        if self.ongoing_until is not None:
            until = self.ongoing_until.isoformat()
            return f"under way until {until}" if en else f"进行中（至 {until}）"
        if self.late_by is not None:
            if self.late_by > 0:
                return f"done {self.late_by} day{'s' if self.late_by != 1 else ''} late" if en \
                    else f"逾期完成（晚{self.late_by}天）"
            return "done" if en else "已完成"
        if self.code == "overdue":
            return f"{-self.days} day{'s' if self.days != -1 else ''} overdue" if en else f"逾期{-self.days}天"
        if self.code == "due":
            if not self.deadline:
                return "today" if en else "今天"
            return "due today" if en else "今天截止"
        if self.code == "done":  # an event in the past
            return "past" if en else "已过"
        if not self.deadline:
            return f"in {self.days} day{'s' if self.days != 1 else ''}" if en else f"还有{self.days}天"
        if self.working_days is None:
            wd = "working days unknown" if en else "工作日未知"
        else:
            wd = (f"{self.working_days} working day{'s' if self.working_days != 1 else ''}" if en
                  else f"{self.working_days}个工作日")
        return f"{self.days} day{'s' if self.days != 1 else ''} left ({wd})" if en else f"还剩{self.days}天（{wd}）"


def status(due: date, as_of: date, done: date | None, cal: WorkCalendar, deadline: bool = True,
           end: date | None = None) -> Status:
    """Where a deadline (or an event, ``deadline=False``, running until ``end``) stands on ``as_of``."""
    days = (due - as_of).days
    if not deadline and end is not None and due <= as_of <= end:
        return Status("upcoming", days, deadline=False, ongoing_until=end)
    if deadline and done is not None and done <= as_of:
        return Status("done", days, late_by=(done - due).days)
    if days < 0:
        return Status("overdue" if deadline else "done", days, deadline=deadline)
    if days == 0:
        return Status("due", 0, 0, deadline=deadline)
    if not deadline:
        return Status("upcoming", days, deadline=False)
    try:
        return Status("upcoming", days, cal.working_days_between(as_of, due))
    except UnknownYear as e:
        return Status("upcoming", days, None, unknown_year=e.year)


URGENCY = {"overdue": 0, "due": 1, "upcoming": 2, "done": 3}


def urgency_key(item: Item, st: Status) -> tuple:
    return (URGENCY[st.code], item.date, not item.deadline, item.plan, item.what)


# --- many plans at once --------------------------------------------------------------------------------


@dataclass
class DeadlineRow:
    item: Item
    status: Status


@dataclass
class DeadlinesReport(Findings):
    as_of: date
    rows: list[DeadlineRow] = field(default_factory=list)
    #: how many plans were in scope (read and of the year asked for)
    plans: int = 0
    #: the plan files in scope, in the order read
    files: list[str] = field(default_factory=list)
    #: every plan file read and the files they name (ledgers, records, visit logs): never written over
    inputs: list[str] = field(default_factory=list)
    #: every name a unit goes by in the plans in scope (``unit_names``)
    units: set[str] = field(default_factory=set)
    #: the years of the plans found but left out, not of the year asked for, and the names of their units
    other_years: set[int] = field(default_factory=set)
    other_units: set[str] = field(default_factory=set)

    def count(self, *codes: str) -> int:
        return sum(1 for r in self.rows if r.item.deadline and r.status.code in codes)


def unit_scope(plan: Plan, unit: str) -> set[str]:
    """What a unit answers to: its id and full name, and those of the groups above it — a school whose 上级 is
    the group 各学校 owes what 各学校 owes (a 股室 does not owe what its bureau owes)."""
    by_key = {}
    for u in plan.units:
        by_key.setdefault(u.id, u)
        if u.name:
            by_key.setdefault(u.name, u)
    out = {unit}
    u = by_key.get(unit)
    seen: set[str] = set()
    while u is not None and u.id not in seen:
        seen.add(u.id)
        out |= {u.id, u.name or u.id}
        u = by_key.get(u.parent) if u.parent else None
        if u is not None and not (u.kind == "群体" or u.id.startswith("各")):
            break
    return out


def unit_names(plan: Plan) -> set[str]:
    """Every name a unit goes by in a plan: the ids and full names of its units and groups (各学校), their
    上级, and the units its activities and submissions name — what ``--unit`` may ask for."""
    out = {x for u in plan.units for x in (u.id, u.name, u.parent) if x}
    for a, _, _ in walk_activities(plan):
        out.update(a.lead, a.support)
    for s in plan.submissions:
        out.update(s.from_)
        if s.to:
            out.add(s.to)
    return out


def collect_deadlines(*, paths: list[str], as_of: date, calendar_files: list[str] | None = None,
                      status_filter: str = "open", within: int | None = None,
                      unit: str | None = None, year: int | None = None,
                      donation_rules: tuple[Any, str] | None = None) -> DeadlinesReport:
    """Every deadline and event of the plans under ``paths``, with its status on ``as_of``, most urgent first.

    ``year`` keeps only the plans of that year (the CLI's default is the as-of year, so last years' plans in
    the same folder do not show as years overdue)."""
    files, problems = expand_paths(paths)
    report = DeadlinesReport(as_of, diagnostics=list(problems))
    cal, cal_diags = load_calendar(calendar_files or [])
    report.diagnostics.extend(cal_diags)
    unknown_said: set[int] = set()
    for f in files:
        lp = load_plan(f)
        report.inputs += plan_input_files(lp.file, lp.plan)
        report.diagnostics.extend(d for d in lp.diagnostics if d.severity == "error")
        if lp.plan is None:
            continue
        if year is not None and lp.plan.year != year:
            report.other_years.add(lp.plan.year)
            report.other_units |= unit_names(lp.plan)
            continue
        report.plans += 1
        report.files.append(lp.file)
        report.units |= unit_names(lp.plan)
        items, diags = plan_items(lp, cal, donation_rules)
        report.diagnostics.extend(lp.drop_ignored(diags))
        for it in items:
            st = status(it.last_day or it.date, as_of, it.done, cal, it.deadline, it.end)
            if st.unknown_year is not None and st.unknown_year not in unknown_said:
                unknown_said.add(st.unknown_year)
                report.diagnostics.append(UnknownYear(st.unknown_year, cal.package_range).diagnostic(lp.file))
            if unit is not None and not unit_scope(lp.plan, unit) & set(it.units + it.support):
                continue
            if not _wanted(st.code, status_filter):
                continue
            if within is not None and st.code in ("upcoming", "due") and st.days > within:
                continue
            report.rows.append(DeadlineRow(it, st))
    report.rows.sort(key=lambda r: urgency_key(r.item, r.status))
    if year is not None and not report.plans and report.other_years:
        years = sorted(report.other_years)
        report.diagnostics.append(diag("FP504", year=year, years=Text("、".join(map(str, years)),
                                                                      ", ".join(map(str, years)))))
    return report


def _wanted(code: str, status_filter: str) -> bool:
    if status_filter == "all":
        return True
    if status_filter == "open":
        return code != "done"
    return code == status_filter
