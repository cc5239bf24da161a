"""The working-day calendar: real holiday weeks, counting rules, unknown years, calendar files."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fupin_cli.engines.calendar import UnknownYear, WorkCalendar, load_calendar

from .conftest import ROOT, json_document

CAL = WorkCalendar()
DATA = ROOT / "tests" / "data"


def test_national_day_2020_days_off_and_make_up_days():
    off = [date(2020, 10, d) for d in range(1, 9)]
    assert all(not CAL.is_working_day(d) for d in off)
    assert CAL.kind(date(2020, 10, 1)).name == "国庆节"
    # Sunday 09-27 and Saturday 10-10 are make-up working days
    assert CAL.kind(date(2020, 9, 27)) == (True, "makeup", "国庆节")
    assert CAL.kind(date(2020, 10, 10)) == (True, "makeup", "国庆节")
    assert CAL.kind(date(2020, 10, 11)) == (False, "weekend", None)
    assert CAL.kind(date(2020, 10, 9)) == (True, "workday", None)


def test_first_working_day_after_national_day_2020():
    assert CAL.add_working_days(date(2020, 9, 30), 1) == date(2020, 10, 9)
    assert CAL.add_working_days(date(2020, 10, 9), 1) == date(2020, 10, 10)  # the make-up Saturday counts


def test_thirty_working_days_across_national_day_2020():
    # a donation drive ending on 扶贫日 2020-09-25: 30 working days, anchor not counted, 10-01..08 skipped
    # 09-27 (Sun, make-up) 1 … 09-30 4; 10-09 5; 10-10 (Sat, make-up) 6; then 24 more weekdays
    assert CAL.add_working_days(date(2020, 9, 25), 30) == date(2020, 11, 12)
    assert CAL.working_days_between(date(2020, 9, 25), date(2020, 11, 12)) == 30
    # 扶贫日 2020-10-17 (a Saturday): 30 working days later
    assert CAL.add_working_days(date(2020, 10, 17), 30) == date(2020, 11, 27)


def test_spring_festival_2021():
    # 2021: 02-11..02-17 off; Sunday 02-07 and Saturday 02-20 working
    assert not any(CAL.is_working_day(date(2021, 2, d)) for d in range(11, 18))
    assert CAL.kind(date(2021, 2, 7)).kind == "makeup"
    assert CAL.kind(date(2021, 2, 12)).name == "春节"
    assert CAL.add_working_days(date(2021, 2, 10), 1) == date(2021, 2, 18)
    # 02-07 (Sun, make-up), 02-08..10, 02-18, 02-19, 02-20 (Sat, make-up), 02-22
    assert CAL.working_days_between(date(2021, 2, 5), date(2021, 2, 22)) == 8


def test_year_boundary_new_year_2021():
    # 2020-12-31 (Thursday) → 2021-01-01 (元旦, off), 01-02/03 weekend → 01-04
    assert CAL.add_working_days(date(2020, 12, 31), 1) == date(2021, 1, 4)
    assert CAL.working_days_between(date(2020, 12, 30), date(2021, 1, 5)) == 3
    assert CAL.add_working_days(date(2021, 1, 4), -1) == date(2020, 12, 31)


def test_calendar_days_period_ending_on_a_holiday_moves_to_the_next_working_day():
    # 10 days after 2020-09-24 is 10-04 (National Day): the period ends on 10-09
    assert CAL.add_days(date(2020, 9, 24), 10) == date(2020, 10, 9)
    # ending on a make-up Saturday: it is a working day, nothing moves
    assert CAL.add_days(date(2020, 10, 1), 9) == date(2020, 10, 10)
    # an ordinary Sunday moves to Monday
    assert CAL.add_days(date(2020, 10, 11), 7) == date(2020, 10, 19)
    # counting back lands on the previous working day
    assert CAL.add_days(date(2020, 10, 12), -5) == date(2020, 9, 30)


def test_unknown_year_is_an_error_naming_the_year_and_the_fix():
    with pytest.raises(UnknownYear) as e:
        CAL.is_working_day(date(2099, 10, 19))
    d = e.value.diagnostic()
    assert d.code == "FP501"
    assert "2099" in d.message() and "--calendar" in d.message()
    assert "2099" in d.message("en") and "State Council" in d.message("en")
    with pytest.raises(UnknownYear):  # counting into an unknown year never guesses weekends only
        CAL.add_working_days(date(2026, 12, 30), 5)


def test_calendar_file_supplies_an_unknown_year():
    cal, diags = load_calendar([str(DATA / "calendar-2099.yaml")])
    assert diags == []
    assert cal.kind(date(2099, 10, 1)) == (False, "holiday", "国庆节")
    assert cal.kind(date(2099, 10, 10)) == (True, "makeup", "国庆节调休")  # a Saturday
    assert cal.is_working_day(date(2099, 10, 12))
    assert cal.add_working_days(date(2099, 9, 30), 1) == date(2099, 10, 8)


def test_calendar_file_overrides_the_package():
    cal, _ = load_calendar([str(DATA / "calendar-2099.yaml")])
    assert CAL.is_working_day(date(2020, 10, 16)) and not cal.is_working_day(date(2020, 10, 16))
    assert not CAL.is_working_day(date(2020, 10, 18)) and cal.is_working_day(date(2020, 10, 18))
    assert cal.kind(date(2020, 10, 16)).name == "本地补休"
    # the package still answers for the days the file does not mention
    assert cal.kind(date(2020, 10, 1)).name == "国庆节"


def test_make_up_days_can_be_excluded_by_setting(tmp_path):
    f = tmp_path / "cal.yaml"
    f.write_text("调休上班算工作日: 否\n", encoding="utf-8")
    cal, diags = load_calendar([str(f)])
    assert diags == []
    assert cal.kind(date(2020, 10, 10)) == (False, "makeup", "国庆节")
    assert cal.add_working_days(date(2020, 10, 9), 1) == date(2020, 10, 12)


def test_broken_calendar_file_is_located(tmp_path):
    f = tmp_path / "cal.yaml"
    f.write_text("年份:\n  - 年: 2027\n    放假:\n      - {名称: 春节, 开始: 2027-02-12, 结束: 2027-02-06}\n",
                 encoding="utf-8")
    _, diags = load_calendar([str(f)])
    assert [(d.code, d.line, d.column) for d in diags] == [("FP102", 4, 9)]


def test_the_shipped_template_is_not_complete_so_2027_stays_unknown():
    cal, diags = load_calendar([str(ROOT / "examples" / "calendar-2027.yaml")])
    assert diags == []
    with pytest.raises(UnknownYear):
        cal.is_working_day(date(2027, 3, 1))


KNOWN = st.dates(min_value=date(2005, 1, 1), max_value=date(2025, 12, 1))


@settings(max_examples=200, deadline=None)
@given(KNOWN, st.integers(min_value=-60, max_value=60))
def test_working_days_between_inverts_add_working_days(start, n):
    assert CAL.working_days_between(start, CAL.add_working_days(start, n)) == n


@settings(max_examples=200, deadline=None)
@given(KNOWN, st.integers(min_value=-90, max_value=90))
def test_add_working_days_inverts_working_days_between_on_working_days(start, offset):
    end = CAL.next_working_day(start + timedelta(days=offset))
    assert CAL.add_working_days(start, CAL.working_days_between(start, end)) == end


@settings(max_examples=100, deadline=None)
@given(KNOWN, st.integers(min_value=1, max_value=60))
def test_add_working_days_always_lands_on_a_working_day(start, n):
    assert CAL.is_working_day(CAL.add_working_days(start, n))
    assert CAL.is_working_day(CAL.add_working_days(start, -n))


CALENDAR_2020_10 = (
    "2020年10月\n"
    " 一   二   三   四   五   六   日\n"
    "                1休  2休  3休  4休\n"
    " 5休  6休  7休  8休  9   10班 11\n"
    "12   13   14   15   16   17   18\n"
    "19   20   21   22   23   24   25\n"
    "26   27   28   29   30   31\n"
    "休 = 放假  班 = 调休上班\n"
    "  2020-10-01…2020-10-08  节假日  国庆节\n"
    "  2020-10-10  调休上班  国庆节\n"
)


def test_calendar_command_prints_a_month_with_holidays_and_make_up_days(runner):
    from fupin_cli.cli import app

    result = runner.invoke(app, ["calendar", "2020-10"])
    assert (result.exit_code, result.stdout) == (0, CALENDAR_2020_10)


def test_calendar_command_unknown_year_bad_month_and_calendar_file(runner):
    from fupin_cli.cli import app

    result = runner.invoke(app, ["calendar", "2099-10"])
    assert result.exit_code == 1 and "FP501" in result.stderr and "2099" in result.stderr
    assert runner.invoke(app, ["calendar", "2020-13"]).exit_code == 2
    assert runner.invoke(app, ["calendar", "十月"]).exit_code == 2
    result = runner.invoke(app, ["calendar", "2099-10", "--calendar", str(DATA / "calendar-2099.yaml")])
    assert result.exit_code == 0
    assert " 1休" in result.stdout and "10班" in result.stdout and "国庆节调休" in result.stdout
    result = runner.invoke(app, ["calendar", "2020", "--format", "json"])
    months = json_document(result, "calendar")["results"]
    assert [m["month"] for m in months] == [f"2020-{i:02d}" for i in range(1, 13)]
    october = {d["date"]: d for d in months[9]["days"]}
    assert october["2020-10-10"] == {"date": "2020-10-10", "working": True, "kind": "makeup", "name": "国庆节"}
    assert october["2020-10-08"]["kind"] == "holiday" and not october["2020-10-08"]["working"]
