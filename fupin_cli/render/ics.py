"""iCalendar (RFC 5545) from the 报送时间表: all-day events that Outlook, phones and DingTalk import.

Each row becomes a VEVENT with a stable UID (re-importing updates the event instead of duplicating it), a
reminder ``remind_days`` before at 09:00, and the text escaped and folded by the ``icalendar`` package
(CRLF line ends, lines folded at 75 octets without splitting a character).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from ..table import Table


def render_ics(table: Table, *, remind_days: int = 1, stamp: date | None = None, name: str = "fupin 报送时间表") -> bytes:
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//fupin//deadlines//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    # DTSTAMP is required; taking it from the report's date keeps the output reproducible
    when = stamp or table.as_of or date.today()
    dtstamp = datetime(when.year, when.month, when.day, tzinfo=timezone.utc)
    for rec in table.records():
        day: date = rec["due"]
        ev = Event()
        ev.add("uid", rec["uid"])
        ev.add("dtstamp", dtstamp)
        ev.add("dtstart", day)
        ev.add("dtend", day + timedelta(days=1))
        route = rec.get("route") or ""
        ev.add("summary", f"【{rec['kind']}】{rec['what']}" + (f"（{route}）" if route else ""))
        details = [f"方案：{rec['plan']}"]
        if rec.get("units"):
            details.append(f"责任单位：{'、'.join(rec['units'])}")
        if rec.get("rule"):
            details.append(f"期限：{rec['rule']}")
        if rec.get("contact"):
            details.append(f"联系人：{rec['contact']}")
        if rec.get("deadline"):
            details.append(f"截止：{day.isoformat()}（含当日）前")
        ev.add("description", "\n".join(details))
        ev.add("categories", [rec["kind"]])
        ev.add("transp", "TRANSPARENT")
        if rec.get("deadline") and remind_days > 0:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{rec['what']}：{day.isoformat()} 截止")
            alarm.add("trigger", timedelta(days=-remind_days, hours=9))
            ev.add_component(alarm)
        cal.add_component(ev)
    return cal.to_ical()
