"""``calendar``: a month (or a year) of China's working-day calendar, with holidays and make-up working days.

    >>> r = calendar_months(month="2020-10")
    >>> [d.isoformat() for d, k in r.months[0] if k.kind == "makeup"], r.exit_code()
    (['2020-10-10'], 0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..diagnostics import Findings, UsageError
from ..engines.calendar import DayKind, UnknownYear, WorkCalendar, load_calendar


@dataclass
class CalendarResult(Findings):
    """The calendar (built-in plus calendar files), the year and months asked for, and each month's days."""

    calendar: WorkCalendar | None = None
    year: int = 0
    month_numbers: list[int] = field(default_factory=list)
    months: list[list[tuple[date, DayKind]]] = field(default_factory=list)


def calendar_months(*, month: str, calendar_files: list[str] | None = None) -> CalendarResult:
    """The days of a month (2026-10, 2026年10月) or of every month of a year (2026) with their kind.

    A year the calendar does not know is a finding (FP501, exit code 1), never a guess.
    """
    m = re.fullmatch(r"\s*(\d{4})(?:[-/年](\d{1,2})月?)?\s*", month)
    if not m or not (2000 <= int(m.group(1)) <= 2100) or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        raise UsageError(f"无法识别月份“{month}”（可写 2026-10 或 2026）",
                         f"cannot read the month “{month}” (write 2026-10 or 2026)")
    cal, diags = load_calendar(calendar_files or [])
    out = CalendarResult(diagnostics=diags, calendar=cal, year=int(m.group(1)),
                         month_numbers=[int(m.group(2))] if m.group(2) else list(range(1, 13)))
    if out.errors:
        return out
    try:
        out.months = [cal.month(out.year, mo) for mo in out.month_numbers]
    except UnknownYear as e:
        out.diagnostics.append(e.diagnostic())
    return out
