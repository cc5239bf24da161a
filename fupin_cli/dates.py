"""Dates as notices write them.

Accepted: YAML dates, ``2020-10-19``, ``2020/10/19``, ``2020年10月19日``, and year-less ``10月19日``,
``10-19``, ``10/19`` resolved against the plan's year. A trailing ``前``/``之前``/``以前`` (a deadline
written "10月19日前") and a weekday in brackets (``6月28日（星期一）``) are accepted; the weekday is
checked against the date. Ranges: ``10月10日至10月20日``, ``4月11—20日``, ``2020-10-10~2020-10-20``::

    >>> parse_date("10月19日前", year=2020)
    datetime.date(2020, 10, 19)
    >>> parse_range("4月11—20日", year=2020)
    (datetime.date(2020, 4, 11), datetime.date(2020, 4, 20))
"""

from __future__ import annotations

import re
import unicodedata
from datetime import MAXYEAR, MINYEAR, date, datetime

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
