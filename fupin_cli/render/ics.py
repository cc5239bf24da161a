"""iCalendar (RFC 5545) from the 日程 table (``reports.events_table``): all-day events that Outlook, phones and
DingTalk import, and update on a re-import.

- An item of one day is an event on that day; an item that runs over several days (an activity from 10-10 to
  10-20, an activity week) is one event over all of them: DTSTART the first day, DTEND the day after the last
  (DTEND is exclusive for all-day events).
- UID: the item's own (stable across runs and edits elsewhere in the plan).
- DTSTAMP: the moment the file is written, in UTC (``now``).
- SEQUENCE and LAST-MODIFIED: an event's content (everything but those two and DTSTAMP) is hashed; ``versions``
  (UID → digest, sequence, last change) says what was written before. An event seen for the first time gets
  SEQUENCE 0; one whose content changed gets the next SEQUENCE and LAST-MODIFIED ``now``; one that did not change
  keeps both — so a calendar that already holds the event takes a changed one as an update and leaves an
  unchanged one alone. The command line keeps ``versions`` under ``$FUPIN_STATE_DIR``.
- A deadline says in words whether the named day is included (截止含当日): “2020-10-19（含当日）前”, or
  “2020-10-19 前（不含当日，最迟 2020-10-18）”; its reminder comes ``remind_days`` before the last day on which it may
  still be done, at 09:00.
- Text is escaped and folded by the ``icalendar`` package (CRLF line ends, lines folded at 75 octets without
  splitting a character).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone

from ..table import Table


def deadline_words(due: date, last_day: date | None) -> str:
    """How a deadline reads: “2020-10-19（含当日）前” when the named day is included, else
    “2020-10-19 前（不含当日，最迟 2020-10-18）”.

    >>> deadline_words(date(2020, 10, 19), date(2020, 10, 19))
    '2020-10-19（含当日）前'
    >>> deadline_words(date(2020, 10, 19), date(2020, 10, 18))
    '2020-10-19 前（不含当日，最迟 2020-10-18）'
    """
    if last_day is None or last_day >= due:
        return f"{due.isoformat()}（含当日）前"
    return f"{due.isoformat()} 前（不含当日，最迟 {last_day.isoformat()}）"


def render_ics(table: Table, *, remind_days: int = 1, now: datetime | None = None, versions: dict | None = None,
               name: str = "fupin 报送时间表") -> bytes:
    """The calendar of ``table`` (an ``events_table``). ``now``: when the file is written (default: the clock),
    DTSTAMP in UTC; ``versions``: what earlier writes gave each UID, updated in place (see the module)."""
    from icalendar import Alarm, Calendar, Event

    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//fupin//deadlines//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for rec in table.records():
        day: date = rec["start"]
        last: date = rec.get("end") or day
        ev = Event()
        ev.add("uid", rec["uid"])
        ev.add("dtstart", day)
        ev.add("dtend", last + timedelta(days=1))
        route = rec.get("route") or ""
        ev.add("summary", f"【{rec['kind']}】{rec['what']}" + (f"（{route}）" if route else ""))
        details = [f"方案：{rec['plan']}"]
        if rec.get("units"):
            details.append(f"责任单位：{'、'.join(rec['units'])}")
        if last != day:
            details.append(f"时间：{day.isoformat()} 至 {last.isoformat()}")
        if rec.get("rule"):
            details.append(f"期限：{rec['rule']}")
        if rec.get("contact"):
            details.append(f"联系人：{rec['contact']}")
        if rec.get("deadline"):
            details.append(f"截止：{deadline_words(day, rec.get('last_day'))}")
        ev.add("description", "\n".join(details))
        ev.add("categories", [rec["kind"]])
        ev.add("transp", "TRANSPARENT")
        if rec.get("deadline") and remind_days > 0:
            before = (day - (rec.get("last_day") or day)).days + remind_days
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{rec['what']}：{deadline_words(day, rec.get('last_day'))}截止")
            alarm.add("trigger", timedelta(days=-before, hours=9))
            ev.add_component(alarm)
        sequence, modified = _version(versions, rec["uid"], hashlib.sha256(ev.to_ical()).hexdigest(), stamp)
        ev.add("dtstamp", stamp)
        ev.add("last-modified", modified)
        ev.add("sequence", sequence)
        cal.add_component(ev)
    return cal.to_ical()


def _version(versions: dict | None, uid: str, digest: str, now: datetime) -> tuple[int, datetime]:
    """An event's SEQUENCE and LAST-MODIFIED: kept while its content is unchanged, the next one (and ``now``)
    when it changed; ``versions`` is updated."""
    if versions is None:
        return 0, now
    seen = versions.get(uid)
    if isinstance(seen, dict) and seen.get("digest") == digest:
        try:
            return int(seen["sequence"]), datetime.fromisoformat(seen["modified"]).astimezone(timezone.utc)
        except (KeyError, TypeError, ValueError):
            pass
    sequence = 0
    if isinstance(seen, dict):
        try:
            sequence = max(int(seen.get("sequence", -1)) + 1, 0)
        except (TypeError, ValueError):
            sequence = 0
    versions[uid] = {"digest": digest, "sequence": sequence, "modified": now.isoformat()}
    return sequence, now
