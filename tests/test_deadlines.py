"""Deadlines: relative rules, statuses in a clerk's words, every output format, exit codes."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from fupin_cli.cli import app
from fupin_cli.engines.calendar import WorkCalendar
from fupin_cli.engines.deadlines import collect_deadlines, plan_items, status
from fupin_cli.loading.plans import load_plan_text

from .conftest import ROOT, json_document

FIXTURE = ROOT / "tests" / "data" / "deadlines"
CAL = WorkCalendar()

EXPECTED_TABLE = (
    "报送时间表（截至 2020-10-15）\n"
    "截止日期          类别      事项                             报送               责任单位    方案                  状态\n"
    "----------------  --------  -------------------------------  -----------------  ----------  --------------------  ----------------------\n"
    "2020-10-13（二）  报送      照片资料                         各学校 → 办公室    各学校      2020-县教体局-扶贫日  逾期2天\n"
    "2020-10-17（六）  活动      扶贫日捐赠活动                                      计财股      2020-县教体局-扶贫日  还有2天\n"
    "2020-10-17（六）  阶段结束  集中宣传                                                        2020-县教体局-扶贫日  还有2天\n"
    "2020-10-19（一）  报送      扶贫日活动总结和统计表           各学校 → 县教体局  各学校      2020-县教体局-扶贫日  还剩4天（2个工作日）\n"
    "2020-10-19（一）  活动      扶贫日主题班会（至 2020-10-23）                     各学校      2020-县教体局-扶贫日  还有4天\n"
    "2020-10-21（三）  报送      全县汇总                         办公室 → 市教体局  办公室      2020-县教体局-扶贫日  还剩6天（4个工作日）\n"
    "2020-10-21（三）  报送      宣传阶段小结                     办公室 → 县教体局  办公室      2020-县教体局-扶贫日  还剩6天（4个工作日）\n"
    "2020-11-27（五）  报送      捐赠者名单公示                   计财股             计财股      2020-县教体局-扶贫日  还剩43天（31个工作日）\n"
)


def test_exact_table_for_a_fixed_as_of(runner):
    result = runner.invoke(app, ["deadlines", str(FIXTURE), "--as-of", "2020-10-15"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.replace(str(FIXTURE) + "/", "") == EXPECTED_TABLE


def _rows(args):
    report = collect_deadlines(paths=[str(FIXTURE)], as_of=date(2020, 10, 15), **args)
    return [(r.item.what, r.status.code, r.status.text()) for r in report.rows]


def test_relative_deadlines_are_counted_on_the_working_day_calendar():
    rows = {what: text for what, _, text in _rows({"status_filter": "all"})}
    # the drive is on 10-17 (a Saturday); 30 working days later is 11-27; from 10-15 that is 31 working days
    assert rows["捐赠者名单公示"] == "还剩43天（31个工作日）"
    # the phase ends on 10-17; 4 calendar days later is Wednesday 10-21
    assert rows["宣传阶段小结"] == "还剩6天（4个工作日）"


def test_statuses_in_a_clerks_words():
    rows = {what: (code, text) for what, code, text in _rows({"status_filter": "all"})}
    assert rows["照片资料"] == ("overdue", "逾期2天")
    assert rows["学校活动方案"] == ("done", "已完成")
    assert rows["捐赠明细"] == ("done", "逾期完成（晚2天）")
    assert rows["扶贫日捐赠活动"] == ("upcoming", "还有2天")


def test_status_today_and_english_words():
    assert status(date(2020, 10, 19), date(2020, 10, 19), None, CAL).text() == "今天截止"
    assert status(date(2020, 10, 19), date(2020, 10, 22), None, CAL).text("en") == "3 days overdue"
    assert status(date(2020, 10, 21), date(2020, 10, 16), None, CAL).text("en") == "5 days left (3 working days)"
    assert status(date(2020, 10, 17), date(2020, 10, 17), None, CAL, deadline=False).text() == "今天"


def test_an_activity_under_way_is_not_past():
    rows = collect_deadlines(paths=[str(FIXTURE)], as_of=date(2020, 10, 21), status_filter="all").rows
    texts = {r.item.what: (r.status.code, r.status.text()) for r in rows}
    assert texts["扶贫日主题班会"] == ("upcoming", "进行中（至 2020-10-23）")
    rows = collect_deadlines(paths=[str(FIXTURE)], as_of=date(2020, 10, 24), status_filter="all").rows
    assert {r.item.what: r.status.text() for r in rows}["扶贫日主题班会"] == "已过"


def test_working_days_left_in_an_unknown_year_are_said_to_be_unknown_not_guessed():
    st = status(date(2099, 10, 19), date(2099, 10, 12), None, CAL)
    assert (st.text(), st.unknown_year) == ("还剩7天（工作日未知）", 2099)


def test_filters_status_within_and_unit():
    assert [w for w, _, _ in _rows({"status_filter": "overdue"})] == ["照片资料"]
    within = [w for w, _, _ in _rows({"within": 2})]
    assert within == ["照片资料", "扶贫日捐赠活动", "集中宣传"]
    owed = [w for w, _, _ in _rows({"unit": "计财股", "status_filter": "all"})]
    assert owed == ["扶贫日捐赠活动", "捐赠者名单公示"]


def test_the_named_day_is_included_unless_the_plan_says_otherwise():
    base = "标题: t\n年度: 2020\n报送:\n  - {材料: 总结, 截止: 10月19日前}\n"
    for extra, expected in (("", "今天截止"), ("截止含当日: 否\n", "逾期1天")):
        lp = load_plan_text(base + extra, "t.yaml")
        (item,), _ = plan_items(lp, CAL)
        assert status(item.last_day, date(2020, 10, 19), None, CAL).text() == expected


def test_relative_deadline_before_an_anchor_and_chained_relatives():
    text = """\
标题: t
年度: 2020
活动:
  - {编号: 启动仪式, 标题: 启动仪式, 日期: 10月17日}
报送:
  - {编号: 方案, 材料: 活动方案, 截止: {之前: 启动仪式, 工作日: 5}}
  - {编号: 名单, 材料: 参加人员名单, 截止: {之后: 方案, 天: 1}}
  - {材料: 新闻稿, 截止: {之后: 2020-10-17, 天: 1}}
"""
    lp = load_plan_text(text, "t.yaml")
    items, diags = plan_items(lp, CAL)
    assert diags == []
    dues = {i.what: i.date for i in items if i.deadline}
    # 5 working days before Saturday 10-17: 10-16, 15, 14, 13, 12 -> Monday 10-12
    assert dues["活动方案"] == date(2020, 10, 12)
    assert dues["参加人员名单"] == date(2020, 10, 13)
    # one calendar day after 10-17 is Sunday 10-18: the period ends on Monday 10-19
    assert dues["新闻稿"] == date(2020, 10, 19)
    assert [i.rule for i in items if i.what == "活动方案"] == ["启动仪式前5个工作日"]


def test_json_output_carries_typed_fields(runner):
    result = runner.invoke(app, ["deadlines", str(FIXTURE), "--as-of", "2020-10-15", "--format", "json"])
    doc = json_document(result, "deadlines")
    (data,) = doc["results"][0]["tables"]
    assert doc["as_of"] == data["as_of"] == "2020-10-15"
    first = data["rows"][0]
    assert (first["due"], first["what"], first["status_code"], first["days"]) == ("2020-10-13", "照片资料",
                                                                                   "overdue", -2)
    publicity = next(r for r in data["rows"] if r["what"] == "捐赠者名单公示")
    assert (publicity["due"], publicity["working_days"], publicity["rule"]) == ("2020-11-27", 31,
                                                                                "捐赠活动后30个工作日")


def test_csv_is_utf8_with_bom_for_excel(runner, tmp_path):
    out = tmp_path / "报送.csv"
    result = runner.invoke(app, ["deadlines", str(FIXTURE), "--as-of", "2020-10-15", "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:7] == ["截止日期", "类别", "事项", "报送", "责任单位", "方案", "状态"]
    assert rows[1][:3] == ["2020-10-13", "报送", "照片资料"]


@pytest.mark.parametrize("fail_on,code", [(None, 0), ("overdue", 1), ("due", 1)])
def test_fail_on_for_batch_jobs(runner, fail_on, code):
    args = ["deadlines", str(FIXTURE), "--as-of", "2020-10-15"] + (["--fail-on", fail_on] if fail_on else [])
    assert runner.invoke(app, args).exit_code == code


def test_fail_on_due_counts_today_but_not_tomorrow(runner):
    args = ["deadlines", str(FIXTURE), "--fail-on", "due"]
    assert runner.invoke(app, args + ["--as-of", "2020-10-11"]).exit_code == 0   # nothing late or due yet
    assert runner.invoke(app, args + ["--as-of", "2020-10-12"]).exit_code == 1   # 捐赠明细 due today
    assert runner.invoke(app, args[:-1] + ["overdue", "--as-of", "2020-10-12"]).exit_code == 0


def test_a_completion_after_the_as_of_date_is_not_yet_done():
    rows = collect_deadlines(paths=[str(FIXTURE)], as_of=date(2020, 10, 13), status_filter="all").rows
    texts = {r.item.what: r.status.text() for r in rows}
    assert texts["捐赠明细"] == "逾期1天"          # done on 10-14: on 10-13 it was still late
    assert texts["学校活动方案"] == "已完成"


def test_as_of_and_today_are_exclusive_and_dates_are_checked(runner):
    assert runner.invoke(app, ["deadlines", str(FIXTURE), "--today", "--as-of", "2020-10-15"]).exit_code == 2
    result = runner.invoke(app, ["deadlines", str(FIXTURE), "--as-of", "2020-13-45"])
    assert result.exit_code == 2 and "2020-13-45" in result.stderr


def test_broken_plan_is_reported_on_stderr_and_fails(runner):
    broken = ROOT / "tests" / "plans_broken" / "fp502_unknown_anchor.yaml"
    result = runner.invoke(app, ["deadlines", str(broken), "--as-of", "2020-10-15"])
    assert result.exit_code == 1
    assert "FP502" in result.stderr


def test_shipped_plans_as_of_15_october_2020(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["deadlines", "--as-of", "2020-10-15", "--format", "json"])
    assert result.exit_code == 0
    rows = json_document(result, "deadlines")["results"][0]["tables"][0]["rows"]
    assert all(r["file"].startswith("plans/") and "2020" in r["file"] for r in rows)
    by_what = {(r["what"], r["route"]): r for r in rows}
    city = by_what[("全市教育系统扶贫日活动方案、活动总结及活动情况统计表（汇总）", "市教体局 → 省教育厅")]
    assert (city["due"], city["status"]) == ("2020-10-25", "还剩10天（6个工作日）")
    lessons = next(r for r in rows if "送课下乡" in r["what"])
    assert (lessons["due"], lessons["status"]) == ("2020-10-17", "还剩2天（1个工作日）")
    late = next(r for r in rows if r["what"] == "教育精准扶贫展板图片资料")
    assert (late["due"], late["status"]) == ("2020-10-09", "逾期6天")
    assert [r["status_code"] for r in rows] == sorted((r["status_code"] for r in rows),
                                                      key=["overdue", "due", "upcoming"].index)


def _ics(runner, *extra):
    result = runner.invoke(app, ["deadlines", str(FIXTURE), "--as-of", "2020-10-15", "--status", "all",
                                 "--format", "ics", *extra])
    assert result.exit_code == 0
    return result.stdout_bytes


def test_ics_is_parsed_back_by_a_real_parser(runner):
    from icalendar import Calendar

    raw = _ics(runner)
    cal = Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    assert len(events) == 10
    ev = next(e for e in events if "扶贫日活动总结和统计表" in str(e["SUMMARY"]))
    assert str(ev["SUMMARY"]) == "【报送】扶贫日活动总结和统计表（各学校 → 县教体局）"
    assert ev.decoded("DTSTART") == date(2020, 10, 19)  # an all-day event: a DATE, not a DATE-TIME
    assert ev.decoded("DTEND") == date(2020, 10, 20)
    # commas and semicolons in the text are escaped on the wire and come back intact
    assert "王老师, 电话 0566-1234567; 邮箱 fp@example.cn" in str(ev["DESCRIPTION"])
    assert b"\\, \xe7\x94\xb5\xe8\xaf\x9d" in raw.replace(b"\r\n ", b"")
    (alarm,) = ev.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER").total_seconds() == -15 * 3600  # 09:00 the day before
    events_only = [e for e in events if str(e["CATEGORIES"].cats[0]) == "活动"]
    assert events_only and all(not e.walk("VALARM") for e in events_only)


def test_ics_lines_are_crlf_and_folded_at_75_octets(runner):
    raw = _ics(runner)
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long Chinese summaries were folded
    for line in lines:
        line.decode("utf-8")  # never folded inside a multi-byte character


def test_ics_uids_are_stable_and_reminder_is_configurable(runner):
    from icalendar import Calendar

    first = Calendar.from_ical(_ics(runner))
    again = Calendar.from_ical(_ics(runner, "--remind", "3"))
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["UID"]) for e in again.walk("VEVENT")]
    alarm = next(a for e in again.walk("VEVENT") for a in e.walk("VALARM"))
    assert alarm.decoded("TRIGGER").total_seconds() == (-3 * 24 + 9) * 3600


def test_a_school_sees_what_its_group_owes(tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text("""\
标题: 县教育系统扶贫日活动方案
年度: 2020
领导小组: {组长: 局长}
单位:
  - {编号: 县教体局, 层级: 县}
  - {编号: 计财股, 类型: 股室, 层级: 县, 上级: 县教体局}
  - {编号: 各学校, 类型: 群体, 层级: 学校, 上级: 县教体局}
  - {编号: 城关一中, 类型: 学校, 层级: 学校, 上级: 各学校}
活动: [{标题: 捐赠, 主办: 计财股}]
报送:
  - {材料: 活动总结, 报送单位: 各学校, 接收单位: 县教体局, 截止: 10月19日前}
  - {材料: 经费决算, 报送单位: 县教体局, 接收单位: 县教体局, 截止: 10月30日前}
""", encoding="utf-8")
    def owed(unit):
        return [r.item.what for r in collect_deadlines(paths=[str(plan)], as_of=date(2020, 10, 15), unit=unit).rows]
    assert owed("城关一中") == ["活动总结"]
    assert owed("计财股") == []  # a 股室 does not owe what its bureau owes
    assert owed("县教体局") == ["经费决算"]


# --- the plans in scope: the as-of year, and the units they have ---------------------------------------------

def test_no_plan_of_the_as_of_year_is_said_and_a_check_that_checked_nothing_fails():
    from fupin_cli.commands.deadlines import deadlines

    r = deadlines(paths=[str(ROOT / "plans")], as_of=date(2026, 11, 23), fail_on="overdue")
    assert (r.plans, r.rows) == (0, [])
    [d] = [d for d in r.diagnostics if d.code == "FP504"]
    assert d.severity == "warning"
    assert d.message() == ("没有 2026 年的方案，未检查任何期限：找到的方案是 2010、2015、2018、2020 年的；要查看它们，"
                           "请加 --all-years，或用 --as-of 给出那一年的日期")
    assert "plans found are of 2010, 2015, 2018, 2020; to see them add --all-years" in d.message("en")
    assert r.exit_code() == 2  # --fail-on with nothing checked must not pass
    assert deadlines(paths=[str(ROOT / "plans")], as_of=date(2026, 11, 23)).exit_code() == 0  # a warning only
    every = deadlines(paths=[str(ROOT / "plans")], as_of=date(2026, 11, 23), all_years=True, fail_on="overdue")
    assert every.plans == 7 and not any(d.code == "FP504" for d in every.diagnostics) and every.exit_code() == 1
    # plans of the year asked for: no FP504, and the exit code follows what is overdue
    year = deadlines(paths=[str(ROOT / "plans")], as_of=date(2020, 10, 15), fail_on="overdue")
    assert year.plans == 3 and not any(d.code == "FP504" for d in year.diagnostics) and year.exit_code() == 1


def test_no_plan_in_scope_on_the_command_line_and_in_an_empty_calendar(runner):
    plans = str(ROOT / "plans")
    result = runner.invoke(app, ["deadlines", plans, "--as-of", "2026-11-23", "--fail-on", "overdue"])
    assert result.exit_code == 2
    assert "warning FP504: 没有 2026 年的方案" in result.stderr and "--all-years" in result.stderr
    ics = runner.invoke(app, ["deadlines", plans, "--as-of", "2026-11-23", "--format", "ics"])
    assert ics.exit_code == 0 and "BEGIN:VCALENDAR" in ics.stdout and "BEGIN:VEVENT" not in ics.stdout
    assert "FP504" in ics.stderr  # the empty calendar says why


def test_an_unknown_unit_is_a_usage_error_with_did_you_mean(runner):
    from fupin_cli.commands.deadlines import deadlines
    from fupin_cli.diagnostics import UsageError

    plans = str(ROOT / "plans")
    with pytest.raises(UsageError) as e:
        deadlines(paths=[plans], as_of=date(2020, 10, 15), unit="县教育")
    assert e.value.zh == "--unit：2020 年的方案中没有单位“县教育”，是否应为“县教育局”？"
    # 政体股 is a unit of the 2010 plan only: the hint says how to ask for that year
    result = runner.invoke(app, ["deadlines", plans, "--as-of", "2020-10-15", "--unit", "政体股x"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == ("fupin deadlines: --unit：2020 年的方案中没有单位“政体股x”，是否应为“政体股”？"
                             "（其他年度的方案中有这个单位：加 --all-years，或用 --as-of 给出那一年的日期）\n")
    far = runner.invoke(app, ["deadlines", plans, "--as-of", "2020-10-15", "--unit", "zzz", "--lang", "en"])
    assert far.exit_code == 2 and far.stderr.startswith("fupin deadlines: --unit: no unit “zzz” in the plans of "
                                                        "2020 (their units: ")
    # a unit, its full name and a group (各学校) of the plans in scope are known
    for unit in ("县教体局", "各学校", "计财股"):
        assert runner.invoke(app, ["deadlines", str(FIXTURE), "--as-of", "2020-10-15", "--unit", unit]).exit_code == 0
    assert runner.invoke(app, ["deadlines", plans, "--as-of", "2010-06-25", "--unit", "政体股"]).exit_code == 0
    assert runner.invoke(app, ["deadlines", plans, "--as-of", "2020-10-15", "--all-years",
                               "--unit", "政体股"]).exit_code == 0
