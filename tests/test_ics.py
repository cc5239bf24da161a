"""The calendar (ics) as calendars import it: items over all their days, DTSTAMP the write time, SEQUENCE that
rises when an event changes, and a deadline's words as the plan has them (截止含当日)."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from fupin_cli import api
from fupin_cli.cli import app
from fupin_cli.render.ics import render_ics

from .conftest import ROOT

FIXTURE = ROOT / "tests" / "data" / "deadlines" / "2020-县教体局-扶贫日.yaml"
AS_OF = date(2020, 10, 15)
FIRST = datetime(2026, 11, 23, 2, 30, 5, tzinfo=timezone.utc)
LATER = datetime(2026, 11, 24, 9, 0, 0, tzinfo=timezone(timedelta(hours=8)))  # 01:00 UTC


def _plan(tmp_path, extra: str = "", *, replace: tuple[str, str] | None = None):
    text = FIXTURE.read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    path = tmp_path / "2020-县教体局-扶贫日.yaml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def _events(path, **kw) -> dict[str, object]:
    result = api.deadlines(paths=[str(path)], as_of=AS_OF, status="all")
    cal = Calendar.from_ical(render_ics(result.events(), **kw))
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def test_a_running_activity_is_one_event_over_its_days(tmp_path):
    events = _events(_plan(tmp_path), now=FIRST)
    (week,) = [e for s, e in events.items() if "扶贫日主题班会" in s]
    assert str(week["SUMMARY"]) == "【活动】扶贫日主题班会"  # the end is the event's, not words in its title
    assert week.decoded("DTSTART") == date(2020, 10, 19) and not isinstance(week.decoded("DTSTART"), datetime)
    assert week.decoded("DTEND") == date(2020, 10, 24)  # the day after the last: 10-19 … 10-23 inclusive
    assert "DTSTART;VALUE=DATE:20201019" in week.to_ical().decode()
    assert "时间：2020-10-19 至 2020-10-23" in str(week["DESCRIPTION"])
    # a one-day item stays one day
    (gift,) = [e for s, e in events.items() if "扶贫日捐赠活动" in s]
    assert (gift.decoded("DTSTART"), gift.decoded("DTEND")) == (date(2020, 10, 17), date(2020, 10, 18))


def test_dtstamp_is_the_write_time_in_utc_not_the_as_of_day(tmp_path):
    events = _events(_plan(tmp_path), now=LATER)
    stamps = {e.decoded("DTSTAMP") for e in events.values()}
    assert stamps == {datetime(2026, 11, 24, 1, 0, 0, tzinfo=timezone.utc)}
    raw = next(iter(events.values())).to_ical().decode()
    assert "DTSTAMP:20261124T010000Z" in raw
    assert all(e.decoded("LAST-MODIFIED") == datetime(2026, 11, 24, 1, 0, tzinfo=timezone.utc) for e in events.values())


def test_every_event_has_a_uid_and_a_sequence(tmp_path):
    events = _events(_plan(tmp_path), now=FIRST, versions={})
    uids = [str(e["UID"]) for e in events.values()]
    assert len(uids) == len(set(uids)) == 10 and all(u.endswith("@fupin") for u in uids)
    assert {int(e["SEQUENCE"]) for e in events.values()} == {0}


def test_writing_again_with_one_event_changed_raises_only_its_sequence(tmp_path):
    versions: dict = {}
    first = _events(_plan(tmp_path), now=FIRST, versions=versions)
    same = _events(_plan(tmp_path), now=LATER, versions=versions)
    assert {s: (str(e["UID"]), int(e["SEQUENCE"])) for s, e in same.items()} == \
        {s: (str(e["UID"]), 0) for s, e in first.items()}
    moved = _events(_plan(tmp_path, replace=("截止: 10月13日前", "截止: 10月14日前")), now=LATER, versions=versions)
    key = "【报送】照片资料（各学校 → 办公室）"
    assert str(moved[key]["UID"]) == str(first[key]["UID"])
    assert moved[key].decoded("DTSTART") == date(2020, 10, 14)
    assert (int(first[key]["SEQUENCE"]), int(moved[key]["SEQUENCE"])) == (0, 1)
    assert moved[key].decoded("LAST-MODIFIED") == LATER.astimezone(timezone.utc)
    for s, e in moved.items():
        if s != key:  # unchanged: same sequence, last modified at the first write
            assert (int(e["SEQUENCE"]), e.decoded("LAST-MODIFIED")) == (0, FIRST), s
    again = _events(_plan(tmp_path, replace=("截止: 10月13日前", "截止: 10月16日前")), now=LATER, versions=versions)
    assert int(again[key]["SEQUENCE"]) == 2


def test_the_deadline_words_follow_whether_the_plan_includes_the_day(tmp_path):
    included = _events(_plan(tmp_path), now=FIRST)
    key = "【报送】扶贫日活动总结和统计表（各学校 → 县教体局）"
    assert "截止：2020-10-19（含当日）前" in str(included[key]["DESCRIPTION"])
    (alarm,) = included[key].walk("VALARM")
    assert "2020-10-19（含当日）前截止" in str(alarm["DESCRIPTION"])
    assert alarm.decoded("TRIGGER") == timedelta(days=-1, hours=9)  # 09:00 on 10-18

    excluded = _events(_plan(tmp_path, "截止含当日: 否\n"), now=FIRST)
    text = str(excluded[key]["DESCRIPTION"])
    assert "截止：2020-10-19 前（不含当日，最迟 2020-10-18）" in text and "含当日）前" not in text
    (alarm,) = excluded[key].walk("VALARM")
    assert "（含当日）" not in str(alarm["DESCRIPTION"]) and "最迟 2020-10-18" in str(alarm["DESCRIPTION"])
    assert alarm.decoded("TRIGGER") == timedelta(days=-2, hours=9)  # a day before the last day, 10-18
    for e in excluded.values():
        assert "（含当日）前" not in e.to_ical().decode("utf-8").replace("\r\n ", "")


def _cli_ics(runner, plan, *extra) -> dict[str, object]:
    result = runner.invoke(app, ["deadlines", str(plan), "--as-of", "2020-10-15", "--status", "all", "-f", "ics",
                                 *extra])
    assert result.exit_code == 0, result.output
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(result.stdout_bytes).walk("VEVENT")}


def test_the_command_line_remembers_sequences_under_the_state_dir(runner, tmp_path):
    plan = _plan(tmp_path)
    first = _cli_ics(runner, plan)
    stamp = next(iter(first.values())).decoded("DTSTAMP")
    assert isinstance(stamp, datetime) and stamp.utcoffset() == timedelta(0)
    assert stamp != datetime(2020, 10, 15, tzinfo=timezone.utc)  # not the as-of day
    state = json.loads((Path(os.environ["FUPIN_STATE_DIR"]) / "events.json").read_text("utf-8"))
    assert sorted(state) == sorted(str(e["UID"]) for e in first.values())
    assert _plan(tmp_path, replace=("截止: 10月13日前", "截止: 10月14日前")) == plan
    second = _cli_ics(runner, plan)
    key = "【报送】照片资料（各学校 → 办公室）"
    assert str(second[key]["UID"]) == str(first[key]["UID"])
    assert int(second[key]["SEQUENCE"]) == int(first[key]["SEQUENCE"]) + 1
    assert all(int(second[s]["SEQUENCE"]) == int(first[s]["SEQUENCE"]) for s in first if s != key)
    # into a folder, one file per plan: the same UIDs, the same sequences
    folder = tmp_path / "out"
    result = runner.invoke(app, ["deadlines", str(plan), "--as-of", "2020-10-15", "--status", "all", "-f", "ics",
                                 "-o", f"{folder}/"])
    assert result.exit_code == 0, result.output
    (written,) = folder.glob("*.ics")
    again = {str(e["SUMMARY"]): e for e in Calendar.from_ical(written.read_bytes()).walk("VEVENT")}
    assert {s: int(e["SEQUENCE"]) for s, e in again.items()} == {s: int(e["SEQUENCE"]) for s, e in second.items()}


@pytest.mark.parametrize("junk", [b"{not json", b"[1, 2]", b'{"x@fupin": {"sequence": "a"}}'])
def test_an_unreadable_record_starts_the_sequences_again(runner, tmp_path, junk):
    state = Path(os.environ["FUPIN_STATE_DIR"])
    state.mkdir(parents=True, exist_ok=True)
    (state / "events.json").write_bytes(junk)
    events = _cli_ics(runner, _plan(tmp_path))
    assert {int(e["SEQUENCE"]) for e in events.values()} == {0}
