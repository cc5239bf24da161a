"""Dates as notices write them.

Accepted: YAML dates, ``2020-10-19``, ``2020/10/19``, ``2020年10月19日``, and year-less ``10月19日``,
``10-19``, ``10/19`` resolved against the plan's year. A trailing ``前``/``之前``/``以前`` (a deadline
written "10月19日前") and a weekday in brackets (``6月28日（星期一）``) are accepted; the weekday is
checked against the date. Ranges: ``10月10日至10月20日``, ``4月11—20日``, ``2020-10-10~2020-10-20``::

    >>> parse_date("10月19日前", year=2020)
    datetime.date(2020, 10, 19)
    >>> parse_range("4月11—20日", year=2020)
    (datetime.date(2020, 4, 11), datetime.date(2020, 4, 20))

A plan's dates are read by :func:`parse_when`, which also takes what notices write for a stretch of time — a
month (``10月``, ``2015年10月``, ``10月份``), a part of one (``10月上旬`` 1–10, ``中旬`` 11–20, ``下旬`` 21 to
the end, ``10月初`` as 上旬, ``10月底``/``10月末`` the last day), a span (``9―10月``, ``9月至10月``,
``9月下旬至10月上旬``, ``10月17-21日``; dashes ―—–-~ and 至/到) — and a time of day (``10月19日17:00前``,
``下午5点``). It returns a :class:`Day`: a ``date`` (the first day, so it compares and counts as before) that
keeps the text as written, the last day and the time::

    >>> d = parse_when("9―10月", year=2015)
    >>> d, d.last, d.text
    (Day(2015, 9, 1), datetime.date(2015, 10, 31), '9―10月')
    >>> d.cell()
    '2015-09-01～10-31（9―10月）'
    >>> parse_when("10月19日17:00前", year=2020).time
    datetime.time(17, 0)
"""

from __future__ import annotations

import re
import unicodedata
import calendar
from datetime import MAXYEAR, MINYEAR, date, datetime, time
from typing import Any

from .diagnostics import InputError

WEEKDAYS_ZH = "一二三四五六日"
_WEEKDAY = re.compile(r"[（(]\s*(?:星期|周|礼拜)([一二三四五六日天])\s*[)）]")
_BEFORE = re.compile(r"(?:（含当日）|\(含当日\))?\s*(?:之前|以前|前)\s*$")
_FULL = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
_SHORT = re.compile(r"^(\d{1,2})\s*(?:月\s*(\d{1,2})\s*[日号]?|[-/.]\s*(\d{1,2}))$")
_RANGE_SEP = re.compile(r"\s*(?:至|到|—|–|－|~|～|－－|——)\s*")


class DateError(InputError):
    """A date that cannot be read; ``zh`` and ``en`` say why."""


def normalize_text(text: str) -> str:
    """Full-width digits and punctuation to their plain forms (NFKC), keeping Chinese brackets readable."""
    return unicodedata.normalize("NFKC", text).strip()


def weekday_zh(d: date) -> str:
    return "星期" + WEEKDAYS_ZH[d.weekday()]


def _make(y: int, m: int, d: int, raw: str) -> date:
    if not MINYEAR <= y <= MAXYEAR:
        raise DateError(f"“{raw}”的年份 {y} 超出范围", f"“{raw}”: the year {y} is out of range")
    try:
        return date(y, m, d)
    except (ValueError, OverflowError):  # OverflowError: a year of more digits than a C long holds
        raise DateError(f"“{raw}”不是有效日期", f"“{raw}” is not a valid date") from None


def parse_date(value: object, year: int | None = None) -> date:
    """Read one date; year-less forms take ``year``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise DateError(f"应为日期，实际是 {value!r}", f"expected a date, got {value!r}")
    raw = value.strip()
    text = normalize_text(raw)
    weekday = None
    m = _WEEKDAY.search(text)
    if m:
        weekday = min("一二三四五六日天".index(m.group(1)), 6)
        text = (text[: m.start()] + text[m.end():]).strip()
    text = _BEFORE.sub("", text).strip()
    text = re.sub(r"(上午|下午|晚上|当天)$", "", text).strip()
    if m := _FULL.match(text):
        result = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), raw)
    elif m := _SHORT.match(text):
        if year is None:
            raise DateError(f"“{raw}”没有年份，且方案未写年度", f"“{raw}” has no year and the plan gives none")
        day = m.group(2) or m.group(3)
        result = _make(year, int(m.group(1)), int(day), raw)
    else:
        raise DateError(f"无法识别日期“{raw}”（可写 2020-10-19、2020年10月19日 或 10月19日）",
                        f"cannot read the date “{raw}” (write 2020-10-19, 2020年10月19日 or 10月19日)")
    if weekday is not None and result.weekday() != weekday:
        raise DateError(f"“{raw}”：{result.isoformat()} 是{weekday_zh(result)}，不是星期{WEEKDAYS_ZH[weekday]}",
                        f"“{raw}”: {result.isoformat()} is a {result.strftime('%A')}, not the weekday written")
    return result


def parse_range(value: str, year: int | None = None) -> tuple[date, date]:
    """Read a range "A至B"; B may omit the month or year that A gives (4月11—20日)."""
    text = normalize_text(value)
    parts = _RANGE_SEP.split(text)
    if len(parts) == 1:  # 10月10日-10月20日 (a full-width dash became "-")
        parts = re.split(r"(?<=[日号])\s*-\s*", text)
    if len(parts) != 2 or not all(parts):
        raise DateError(f"无法识别日期范围“{value}”（可写 10月10日至10月20日）",
                        f"cannot read the date range “{value}” (write 10月10日至10月20日)")
    start = parse_date(parts[0], year)
    second = parts[1]
    if re.fullmatch(r"\d{1,2}\s*[日号]?", second):  # 4月11—20日
        second = f"{start.month}月{second.rstrip('日号')}日"
        return start, parse_date(second, start.year)
    return start, parse_date(second, start.year if year is None else year)


# --- dates as a plan writes them: a day, a month, a part of a month, a span, a time of day -------------------

class Day(date):
    """A date as written: the first day (the ``date`` itself), the last day, the time of day and the text.

    It compares, hashes and counts as its first day, so code that wants one day keeps working; a deadline
    counts to ``last``. ``plain`` says it was written as one day (``10月19日``, ``2020-10-19``, with or without
    a time), so a table may show it as a date; otherwise ``cell`` shows the span and the text as written."""

    text: str | None
    last: date
    time: time | None
    plain: bool

    def __new__(cls, year: int, month: int, day: int, *, last: date | None = None, text: str | None = None,
                at: time | None = None, plain: bool = True) -> "Day":
        self = super().__new__(cls, year, month, day)
        self.last = date(year, month, day) if last is None else date(last.year, last.month, last.day)
        self.text, self.time, self.plain = text, at, plain
        return self

    @classmethod
    def of(cls, first: date, last: date | None = None, *, text: str | None = None, at: time | None = None,
           plain: bool = True) -> "Day":
        return cls(first.year, first.month, first.day, last=last, text=text, at=at, plain=plain)

    def __reduce__(self) -> tuple:
        return (_restore, (self.toordinal(), self.last.toordinal(), self.text, self.time, self.plain))

    def __repr__(self) -> str:
        return f"Day({self.year}, {self.month}, {self.day})"

    @property
    def first(self) -> date:
        return date(self.year, self.month, self.day)

    @property
    def span(self) -> bool:
        """More than one day."""
        return self.last != self.first

    @property
    def exact(self) -> bool:
        """One day written as one day, without a time: a table may show it as a bare date."""
        return self.plain and not self.span and self.time is None

    def at_last(self) -> "Day":
        """The last day alone, keeping the text and the time: what a deadline counts to."""
        return Day.of(self.last, text=self.text, at=self.time, plain=self.plain)

    def with_time(self, at: time | None) -> "Day":
        return Day.of(self.first, self.last, text=self.text, at=at, plain=self.plain)

    def clock(self) -> str | None:
        """The time of day as ``17:00``, or None."""
        return None if self.time is None else self.time.strftime("%H:%M")

    def cell(self, lang: str = "zh") -> str:
        """How a table shows it: ``2020-10-19（一）17:00``; ``2020-10-31（六）（10月底前）``; a span as
        ``2015-09-01～10-31（9―10月）`` (the text written beside the dates it means).

        >>> Day(2020, 10, 19, at=time(17, 0)).cell()
        '2020-10-19（一）17:00'
        """
        if self.span:
            last = self.last.isoformat() if self.last.year != self.year else self.last.isoformat()[5:]
            shown = f"{self.isoformat()}～{last}" if lang != "en" else f"{self.isoformat()} – {last}"
        else:
            day = self.isoformat()
            shown = f"{day}（{WEEKDAYS_ZH[self.weekday()]}）" if lang != "en" else f"{day} {self.strftime('%a')}"
        if self.time is not None:
            shown += self.clock() if lang != "en" else f" {self.clock()}"
        if not self.plain and self.text:
            shown += f"（{self.text}）" if lang != "en" else f" ({self.text})"
        return shown


def _restore(first: int, last: int, text: str | None, at: time | None, plain: bool) -> Day:
    return Day.of(date.fromordinal(first), date.fromordinal(last), text=text, at=at, plain=plain)


def shown(d: date | None, lang: str = "zh") -> date | str | None:
    """A table cell for a date: the date itself when it was written as one day without a time (a renderer shows
    it as a date), else the text a table shows for it (:meth:`Day.cell`)."""
    if isinstance(d, Day) and not d.exact:
        return d.cell(lang)
    return d


def first_of(d: date | None) -> date | None:
    """The first day as a plain ``date`` (for machine formats: ISO text, nothing more)."""
    return d.first if isinstance(d, Day) else d


def last_of(d: date) -> date:
    """The last day a date stands for: a :class:`Day`'s ``last`` (a plain ``date``), any other date itself."""
    return d.last if isinstance(d, Day) else d


_SPAN_SEP = re.compile(r"\s*(?:至|到|—+|–|―+|-+|~|〜)\s*")
_POINT = re.compile(
    r"^(?:(?P<y>\d{4})\s*(?:年|[-/.](?=\s*\d)))?\s*"
    r"(?:(?P<m>\d{1,2})\s*(?P<mu>月份|月|[-/.](?=\s*\d)))?\s*"
    r"(?:(?P<d>\d{1,2})\s*(?P<du>[日号])?|(?P<part>上旬|中旬|下旬|初|底|末))?\s*"
    r"(?:(?P<ap>上午|下午|晚上|中午)?\s*(?P<hh>\d{1,2})\s*"
    r"(?::\s*(?P<mi>\d{2})|[点时]\s*(?:(?P<mi2>\d{1,2})\s*分|(?P<half>半))?))?$")
_PARTS = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "下旬": (21, 31), "底": (31, 31), "末": (31, 31)}
_TIME_ONLY = re.compile(r"^(?:上午|下午|晚上|中午)?\s*\d{1,2}\s*(?::\s*\d{2}|[点时]).*$")
_LEAD_WORDS = re.compile(r"^(?:于|在|截至|截止到?)\s*")
_TAIL_WORDS = re.compile(r"\s*(?:期间|当天|全天)$")
_HALF_DAY = re.compile(r"\s*(?:上午|下午|晚上|中午)$")


class _Point:
    """One end of a span as written, before the year and month it leaves out are filled in."""

    def __init__(self, m: re.Match, weekday: int | None):
        g = m.groupdict()
        self.y = int(g["y"]) if g["y"] else None
        self.m = int(g["m"]) if g["m"] else None
        self.month_unit = (g["mu"] or "").startswith("月")
        self.d = int(g["d"]) if g["d"] else None
        self.day_unit = bool(g["du"])
        self.part = g["part"]
        self.weekday = weekday
        self.time: time | None = None
        if g["hh"] is not None:
            hh, mi = int(g["hh"]), int(g["mi"] or g["mi2"] or (30 if g["half"] else 0))
            if g["ap"] in ("下午", "晚上") and hh < 12:
                hh += 12
            self.time = time(hh, mi) if hh < 24 and mi < 60 else None
            self.bad_time = self.time is None
        else:
            self.bad_time = False

    @property
    def bare(self) -> bool:
        """A number alone (the 9 of 9―10月): a month or a day, as the other end says."""
        return self.m is None and self.d is not None and not self.day_unit and self.part is None

    @property
    def month_level(self) -> bool:
        return self.m is not None and self.d is None


def _point(text: str, raw: str) -> _Point | None:
    weekday = None
    if m := _WEEKDAY.search(text):
        weekday = min("一二三四五六日天".index(m.group(1)), 6)
        text = (text[: m.start()] + text[m.end():]).strip()
    text = _HALF_DAY.sub("", _TAIL_WORDS.sub("", text)).strip()
    m = _POINT.match(text)
    if not m or not text:
        return None
    p = _Point(m, weekday)
    if p.bad_time:
        raise DateError(f"“{raw}”的时刻无效", f"“{raw}”: the time of day is not valid")
    if p.y is not None and p.m is None:
        return None  # 2020年 alone, or 2020-17
    if p.part is not None and not (p.m is not None and p.month_unit) and p.m is not None:
        return None  # 10-底
    if p.m is None and p.d is None and p.part is None:
        return None
    return p


def _bounds(p: _Point, year: int, month: int | None, raw: str) -> tuple[date, date]:
    """First and last day of one end, its missing month taken from ``month``."""
    m = p.m if p.m is not None else month
    if m is None:
        raise _unreadable(raw)
    if not 1 <= m <= 12:
        raise DateError(f"“{raw}”不是有效日期", f"“{raw}” is not a valid date")
    _make(year, m, 1, raw)  # the year's range
    end = calendar.monthrange(year, m)[1]
    if p.d is not None:
        day = _make(year, m, p.d, raw)
        return day, day
    if p.part is not None:
        lo, hi = _PARTS[p.part]
        return date(year, m, min(lo, end) if p.part not in ("底", "末") else end), date(year, m, min(hi, end))
    return date(year, m, 1), date(year, m, end)


def _unreadable(raw: str) -> DateError:
    return DateError(f"无法识别日期“{raw}”（可写 2020-10-19、10月19日、10月、10月中旬、10月底、9―10月 或 "
                     f"10月19日17:00前）",
                     f"cannot read the date “{raw}” (write 2020-10-19, 10月19日, 10月, 10月中旬, 10月底, 9―10月 "
                     f"or 10月19日17:00前)")


def _check_weekday(p: _Point, d: date, raw: str) -> None:
    if p.weekday is None:
        return
    if p.d is None:
        raise DateError(f"“{raw}”：星期只能写在某一天之后", f"“{raw}”: a weekday belongs after a single day")
    if d.weekday() != p.weekday:
        raise DateError(f"“{raw}”：{d.isoformat()} 是{weekday_zh(d)}，不是星期{WEEKDAYS_ZH[p.weekday]}",
                        f"“{raw}”: {d.isoformat()} is a {d.strftime('%A')}, not the weekday written")


def parse_when(value: object, year: int | None = None) -> Day:
    """Read a plan's date as written — one day, a month, a part of a month, a span, with a time of day — into a
    :class:`Day`. Every form :func:`parse_date` reads is read the same (one plain day).

    A trailing 前 (a deadline) is taken after a form that ends on a definite day: ``10月19日前``, ``10月底前``,
    ``10月19日17:00前``. After a month or a part of one (``10月前``, ``10月中旬前``) it is refused: a notice's
    "10月前" may mean before October or by its end. A time alone (``17:00前``) is refused here: the day belongs in
    the same value (``10月19日17:00前``), or the time in the item's ``时刻``."""
    if isinstance(value, Day):
        return value
    if isinstance(value, (date, datetime)) or not isinstance(value, str):
        d = parse_date(value, year)
        at = value.time() if isinstance(value, datetime) and value.time() != time(0) else None
        return Day.of(d, at=at)
    raw = value.strip()
    try:
        return Day.of(parse_date(raw, year), text=raw)
    except DateError as first_error:
        error = first_error
    if len(raw) > 80:  # no date is written this long; reading it as a span would try every dash in it
        raise error
    text = _LEAD_WORDS.sub("", normalize_text(raw))
    stripped = _BEFORE.sub("", text).strip()
    before = stripped != text
    text = stripped
    if _TIME_ONLY.match(text):
        raise DateError(f"“{raw}”只有时刻，没有日期：写成 10月19日17:00前，或把时刻写在“时刻”里、日期写在“截止”里",
                        f"“{raw}” is a time without a day: write 10月19日17:00前, or put the time under 时刻 and "
                        f"the day under 截止")
    ends = _split(text, raw)
    if ends is None:
        if "年" not in text and "月" not in text and not re.search(r"\d[-/.]\d", text):
            raise error
        raise _unreadable(raw)
    if len(ends) == 1:
        p = ends[0]
        if p.m is None:
            if year is None and p.y is None:
                raise DateError(f"“{raw}”没有年份，且方案未写年度", f"“{raw}” has no year and the plan gives none")
            raise _unreadable(raw)
        a = b = p
    else:
        a, b = ends
    ya = a.y if a.y is not None else (b.y if b.y is not None and a is not b else year)
    if ya is None:
        raise DateError(f"“{raw}”没有年份，且方案未写年度", f"“{raw}” has no year and the plan gives none")
    if a is not b and a.bare:  # 9―10月: a month; 17―10月21日: a day of that month
        if b.m is None:
            raise _unreadable(raw)
        if b.month_level or b.part is not None:
            a.m, a.d = a.d, None
        else:
            a.m = b.m
    first, a_last = _bounds(a, ya, None, raw)
    _check_weekday(a, first, raw)
    if a is b:
        last, b_first = a_last, first
    else:
        yb = b.y if b.y is not None else ya
        if b.y is None and b.m is not None and a.m is not None and b.m < a.m:
            yb += 1  # 12月20日至1月10日: into the next year
        b_first, last = _bounds(b, yb, a.m, raw)
        _check_weekday(b, b_first, raw)
        if a.time is not None:
            raise _unreadable(raw)
        if last < first:
            raise DateError(f"“{raw}”的结束日期早于开始日期", f"“{raw}”: the end is before the start")
    end_point = b
    if before and end_point.d is None and end_point.part not in ("底", "末"):
        raise DateError(f"“{raw}”不明确：“前”要跟在某一天之后，写 10月底前 或 9月30日前",
                        f"“{raw}” is ambiguous: 前 belongs after a day; write 10月底前 or 9月30日前")
    plain = a is b and a.d is not None
    return Day.of(first, last, text=raw, at=end_point.time, plain=plain)


def _split(text: str, raw: str) -> list[_Point] | None:
    """One end, or two at the first separator that leaves two readable ends."""
    one = _point(text, raw)
    if one is not None:
        return [one]
    for m in _SPAN_SEP.finditer(text):
        left, right = text[: m.start()], text[m.end():]
        if not left or not right:
            continue
        a, b = _point(left, raw), _point(right, raw)
        if a is not None and b is not None:
            return [a, b]
    return None


def parse_span(value: object, year: int | None = None) -> tuple[date, date]:
    """A range written any way :func:`parse_when` reads (``10月10日至10月20日``, ``9月至11月``, ``10月``): its first
    and last day. Every range :func:`parse_range` read before is read the same."""
    if isinstance(value, str):
        try:
            return parse_range(value, year)
        except DateError as e:
            error = e
        try:
            d = parse_when(value, year)
        except DateError:
            raise error from None
        return d.first, d.last
    d = parse_when(value, year)
    return d.first, d.last


_CLOCK = re.compile(r"^(?:(?P<ap>上午|下午|晚上|中午)\s*)?(?P<hh>\d{1,2})\s*(?::\s*(?P<mi>\d{2})|[点时]\s*(?:(?P<mi2>\d{1,2})\s*分?"
                    r"|(?P<half>半))?)$")


def parse_clock(value: object) -> time:
    """A time of day written alone, for an item's 时刻 beside its date: ``17:00``, ``17:00前``, ``下午5点``.

    >>> parse_clock("下午5点前")
    datetime.time(17, 0)
    """
    if isinstance(value, time):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value >= 60:
        value = f"{value // 60}:{value % 60:02d}"  # YAML 1.1 reads 17:00 as 1020 (sexagesimal)
    if not isinstance(value, str):
        raise DateError(f"应为时刻，实际是 {value!r}", f"expected a time of day, got {value!r}")
    text = _BEFORE.sub("", normalize_text(value)).strip()
    m = _CLOCK.match(text)
    if m:
        hh, mi = int(m.group("hh")), int(m.group("mi") or m.group("mi2") or (30 if m.group("half") else 0))
        if m.group("ap") in ("下午", "晚上") and hh < 12:
            hh += 12
        if hh < 24 and mi < 60:
            return time(hh, mi)
    raise DateError(f"无法识别时刻“{value}”（可写 17:00 或 下午5点）",
                    f"cannot read the time of day “{value}” (write 17:00 or 下午5点)")
