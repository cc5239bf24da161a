"""China's working-day calendar: statutory holidays, make-up working days (调休) and weekends.

The holidays come from the ``chinese-calendar`` package (State Council notices, 2004 to the last year it
knows) and from calendar files the user supplies (a year not yet in the package, local arrangements). A year
neither knows is an ``UnknownYear`` error — never a weekends-only guess.

Counting follows DOMAIN.md: the anchor day is not counted; "N个工作日内" ends on the N-th working day after
the anchor; a period in calendar days whose last day is not a working day ends on the next working day::

    >>> from datetime import date
    >>> cal = WorkCalendar()
    >>> cal.add_working_days(date(2020, 9, 30), 1)      # National Day 2020: 10-01..10-08 off
    datetime.date(2020, 10, 9)
    >>> cal.kind(date(2020, 10, 10))                    # a Saturday, a make-up working day
    DayKind(working=True, kind='makeup', name='国庆节')
    >>> cal.working_days_between(date(2020, 9, 30), date(2020, 10, 12))
    3
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Iterable, NamedTuple

from ..diagnostics import Diagnostic, diag
from ..loading.plans import load_yaml_model
from ..model import CalendarFile

HOLIDAY_ZH = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
#: a built-in holiday's Chinese name -> its English one
HOLIDAY_EN = {zh: en for en, zh in HOLIDAY_ZH.items()}
KIND_ZH = {"workday": "工作日", "weekend": "周末", "holiday": "节假日", "makeup": "调休上班"}


class DayKind(NamedTuple):
    working: bool
    kind: str  # workday | weekend | holiday | makeup
    name: str | None = None


class UnknownYear(Exception):
    """No source knows the holidays of ``year``."""

    def __init__(self, year: int, known: tuple[int, int] | None):
        super().__init__(year)
        self.year = year
        self.known = known

    def diagnostic(self, file: str | None = None, line: int | None = None, column: int | None = None) -> Diagnostic:
        first, last = self.known or ("?", "?")
        return diag("FP501", file=file, line=line, column=column, year=self.year, first=first, last=last)


def _package_range() -> tuple[int, int] | None:
    try:
        from chinese_calendar import constants
    except ImportError:  # pragma: no cover - the package is a dependency
        return None
    years = [d.year for d in constants.holidays] + [d.year for d in constants.workdays]
    return (min(years), max(years)) if years else None


class WorkCalendar:
    """Working days from the package plus user-supplied days; file entries win over the package."""

    def __init__(self, *, holidays: dict[date, str] | None = None, workdays: dict[date, str] | None = None,
                 complete_years: Iterable[int] = (), makeup_is_working: bool = True):
        import chinese_calendar

        self.holidays = dict(holidays or {})
        self.workdays = dict(workdays or {})
        self.complete_years = set(complete_years)
        self.makeup_is_working = makeup_is_working
        self._pkg: Any = chinese_calendar
        self._range: tuple[int, int] | None = _package_range()

    # --- what a day is ---------------------------------------------------------------------------------

    def knows(self, year: int) -> bool:
        if year in self.complete_years:
            return True
        return self._range is not None and self._range[0] <= year <= self._range[1]

    @property
    def package_range(self) -> tuple[int, int] | None:
        return self._range

    def kind(self, d: date) -> DayKind:
        weekend = d.weekday() >= 5
        if d in self.workdays:
            return self._makeup(self.workdays[d]) if weekend else DayKind(True, "workday", self.workdays[d] or None)
        if d in self.holidays:
            return DayKind(False, "holiday", self.holidays[d] or None)
        if d.year in self.complete_years:
            return DayKind(not weekend, "weekend" if weekend else "workday")
        if not self.knows(d.year):
            raise UnknownYear(d.year, self._range)
        if d in self._pkg.workdays:
            name = self._pkg.workdays[d]
            return self._makeup(HOLIDAY_ZH.get(name, name))
        if d in self._pkg.holidays:
            name = self._pkg.holidays[d]
            return DayKind(False, "holiday", HOLIDAY_ZH.get(name, name))
        return DayKind(not weekend, "weekend" if weekend else "workday")

    def _makeup(self, name: str | None) -> DayKind:
        return DayKind(self.makeup_is_working, "makeup", name or None)

    def is_working_day(self, d: date) -> bool:
        return self.kind(d).working

    # --- counting --------------------------------------------------------------------------------------

    def add_working_days(self, anchor: date, n: int) -> date:
        """The n-th working day after ``anchor`` (before it when n < 0); the anchor itself is not counted."""
        step = timedelta(days=1 if n >= 0 else -1)
        d, left = anchor, abs(n)
        while left:
            d += step
            if self.is_working_day(d):
                left -= 1
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end] when end >= start; minus those in [end, start) when end < start.

        So ``add_working_days(a, working_days_between(a, b)) == b`` for every working day b, and
        ``working_days_between(a, add_working_days(a, n)) == n`` for every n."""
        if end >= start:
            return sum(1 for i in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(i)))
        return -sum(1 for i in range((start - end).days) if self.is_working_day(end + timedelta(i)))

    def next_working_day(self, d: date) -> date:
        """``d`` itself when it is a working day, else the next one."""
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def previous_working_day(self, d: date) -> date:
        while not self.is_working_day(d):
            d -= timedelta(days=1)
        return d

    def add_days(self, anchor: date, n: int) -> date:
        """A period of n calendar days after the anchor (before it when n < 0). When its last day is not a
        working day it ends on the next working day (民法典 第二百零三条); counting back, on the previous one."""
        d = anchor + timedelta(days=n)
        return self.next_working_day(d) if n >= 0 else self.previous_working_day(d)

    def month(self, year: int, month: int) -> list[tuple[date, DayKind]]:
        d = date(year, month, 1)
        out = []
        while d.month == month:
            out.append((d, self.kind(d)))
            d += timedelta(days=1)
        return out


def load_calendar(paths: Iterable[str] = ()) -> tuple[WorkCalendar, list[Diagnostic]]:
    """The built-in calendar with every calendar file applied in order (later files win)."""
    holidays: dict[date, str] = {}
    workdays: dict[date, str] = {}
    complete: set[int] = set()
    makeup = True
    diags: list[Diagnostic] = []
    for path in paths:
        loaded = load_yaml_model(path, CalendarFile)
        diags.extend(loaded.diagnostics)
        cf = loaded.value
        if cf is None:
            continue
        makeup = cf.makeup_is_working
        entries = [(cf.holidays, cf.workdays)] + [(y.holidays, y.workdays) for y in cf.years]
        for y in cf.years:
            if y.complete:
                complete.add(y.year)
        for hol, work in entries:
            for e in hol:
                for d in e.days():
                    holidays[d] = e.name or ""
                    workdays.pop(d, None)
            for e in work:
                for d in e.days():
                    workdays[d] = e.name or ""
                    holidays.pop(d, None)
    cal = WorkCalendar(holidays=holidays, workdays=workdays, complete_years=complete, makeup_is_working=makeup)
    return cal, diags
