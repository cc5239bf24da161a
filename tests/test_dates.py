"""Dates as notices write them: a month, 上旬/中旬/下旬, 月底, spans across months, a time of day — read with
their first and last day and their text, shown as written in the 活动安排表 and the 报送时间表, and counted to the
last day."""

from __future__ import annotations

import copy
import csv
import io
import pickle
from datetime import date, time

import pytest

from fupin_cli import api
from fupin_cli.cli import app
from fupin_cli.dates import DateError, Day, parse_clock, parse_date, parse_span, parse_when
from fupin_cli.engines.calendar import WorkCalendar
from fupin_cli.engines.deadlines import plan_items
from fupin_cli.loading.plans import load_plan_text
from fupin_cli.render.text import render_markdown

from .conftest import ROOT, write


@pytest.mark.parametrize("text, first, last", [
    ("10月", date(2020, 10, 1), date(2020, 10, 31)),
    ("10月份", date(2020, 10, 1), date(2020, 10, 31)),
    ("2015年10月", date(2015, 10, 1), date(2015, 10, 31)),
    ("2月", date(2020, 2, 1), date(2020, 2, 29)),
    ("10月上旬", date(2020, 10, 1), date(2020, 10, 10)),
    ("10月中旬", date(2020, 10, 11), date(2020, 10, 20)),
    ("10月下旬", date(2020, 10, 21), date(2020, 10, 31)),
    ("2月下旬", date(2020, 2, 21), date(2020, 2, 29)),
    ("2021年2月下旬", date(2021, 2, 21), date(2021, 2, 28)),
    ("10月初", date(2020, 10, 1), date(2020, 10, 10)),
    ("10月底", date(2020, 10, 31), date(2020, 10, 31)),
    ("10月末", date(2020, 10, 31), date(2020, 10, 31)),
    ("10月底前", date(2020, 10, 31), date(2020, 10, 31)),
    ("9月底前", date(2020, 9, 30), date(2020, 9, 30)),
    ("9―10月", date(2020, 9, 1), date(2020, 10, 31)),
    ("9—10月", date(2020, 9, 1), date(2020, 10, 31)),
    ("9–10月", date(2020, 9, 1), date(2020, 10, 31)),
    ("9-10月", date(2020, 9, 1), date(2020, 10, 31)),
    ("9～10月", date(2020, 9, 1), date(2020, 10, 31)),
    ("9~10月", date(2020, 9, 1), date(2020, 10, 31)),
    ("9月至10月", date(2020, 9, 1), date(2020, 10, 31)),
    ("9月到10月", date(2020, 9, 1), date(2020, 10, 31)),
    ("9―10月底", date(2020, 9, 1), date(2020, 10, 31)),
    ("9月下旬至10月上旬", date(2020, 9, 21), date(2020, 10, 10)),
    ("9月中旬至下旬", date(2020, 9, 11), date(2020, 9, 30)),
    ("10月17-21日", date(2020, 10, 17), date(2020, 10, 21)),
    ("10月14日—17日期间", date(2020, 10, 14), date(2020, 10, 17)),
    ("9月3―30日", date(2020, 9, 3), date(2020, 9, 30)),
    ("10月10日至10月20日", date(2020, 10, 10), date(2020, 10, 20)),
    ("12月20日至1月10日", date(2020, 12, 20), date(2021, 1, 10)),
    ("2015年9月至2015年10月", date(2015, 9, 1), date(2015, 10, 31)),
    ("10月16日（星期五）至10月18日（星期日）", date(2020, 10, 16), date(2020, 10, 18)),
])
def test_forms_notices_write_with_their_first_and_last_day(text, first, last):
    d = parse_when(text, 2020)
    assert (d.first, d.last, d.text) == (first, last, text)
    assert d == first  # it compares and counts as its first day, as a date did
    assert d.span == (first != last)


@pytest.mark.parametrize("text, day, at", [
    ("10月19日17:00前", date(2020, 10, 19), time(17, 0)),
    ("10月19日17：00前", date(2020, 10, 19), time(17, 0)),
    ("2020年10月19日 9:30", date(2020, 10, 19), time(9, 30)),
    ("10月19日下午5点前", date(2020, 10, 19), time(17, 0)),
    ("10月19日下午5点半", date(2020, 10, 19), time(17, 30)),
    ("10月19日上午10时", date(2020, 10, 19), time(10, 0)),
    ("10月底17:00前", date(2020, 10, 31), time(17, 0)),
])
def test_a_time_of_day_is_kept(text, day, at):
    d = parse_when(text, 2020)
    assert (d.first, d.last, d.time) == (day, day, at)


@pytest.mark.parametrize("text", ["2020-10-19", "2020/10/19", "2020年10月19日", "10月19日", "10月19日前",
                                  "10月19日之前", "10-19", "１０月１９日", "10月17日当天", "10月16日（星期五）",
                                  "10月18日(周日)", "10月19日（含当日）前", "10月19日下午", "9-10"])
def test_every_form_read_before_reads_the_same_as_one_plain_day(text):
    d = parse_when(text, 2020)
    assert d == parse_date(text, 2020) and d.last == d.first and d.plain and d.time is None
    assert d.cell() == f"{d.isoformat()}（{'一二三四五六日'[d.weekday()]}）"


@pytest.mark.parametrize("text, start, end", [
    ("10月10日至10月20日", date(2020, 10, 10), date(2020, 10, 20)),
    ("4月11—20日", date(2020, 4, 11), date(2020, 4, 20)),
    ("2020-10-11~2020-10-17", date(2020, 10, 11), date(2020, 10, 17)),
    ("9月至11月", date(2020, 9, 1), date(2020, 11, 30)),
    ("10月", date(2020, 10, 1), date(2020, 10, 31)),
    ("10月中旬", date(2020, 10, 11), date(2020, 10, 20)),
])
def test_ranges_old_and_new(text, start, end):
    assert parse_span(text, 2020) == (start, end)


@pytest.mark.parametrize("text, says", [
    ("17:00前", "只有时刻"),               # the day belongs in the same value, or the time in 时刻
    ("10月前", "不明确"),                  # before October, or by its end?
    ("10月中旬前", "不明确"),
    ("13月", "不是有效日期"),
    ("2月30日", "不是有效日期"),
    ("10月20日至10月10日", "早于开始"),
    ("10月16日（星期四）至10月18日", "不是星期四"),
    ("10月17日前后", "无法识别"),
    ("10月19日25:00", "时刻无效"),
    ("2020年", "无法识别"),
    ("xx月", "无法识别"),
])
def test_what_cannot_be_read_says_why(text, says):
    with pytest.raises(DateError) as e:
        parse_when(text, 2020)
    assert says in e.value.zh


def test_a_date_without_a_year_needs_the_plans_year():
    with pytest.raises(DateError, match="no year"):
        parse_when("10月中旬", None)
    assert parse_when("2015年10月中旬", None).last == date(2015, 10, 20)


def test_a_day_keeps_what_it_carries_through_copies():
    d = parse_when("10月19日17:00前", 2020)
    for other in (pickle.loads(pickle.dumps(d)), copy.deepcopy(d)):
        assert (other, other.last, other.time, other.text) == (d, d.last, d.time, d.text)
    span = parse_when("9―10月", 2015)
    assert span.cell() == "2015-09-01～10-31（9―10月）"
    assert span.cell("en") == "2015-09-01 – 10-31 (9―10月)"
    assert parse_when("10月底前", 2020).cell() == "2020-10-31（六）（10月底前）"
    assert d.cell() == "2020-10-19（一）17:00"


@pytest.mark.parametrize("value, at", [("17:00", time(17)), ("17:00前", time(17)), ("下午5点", time(17)),
                                       (1020, time(17)), ("8:30", time(8, 30))])
def test_a_time_written_alone_for_the_key_时刻(value, at):
    assert parse_clock(value) == at  # 1020: YAML 1.1 reads 17:00 as 17*60


# --- in a plan -------------------------------------------------------------------------------------------

PLAN = """\
标题: 县教育系统扶贫日活动方案
发文单位: 县教体局
年度: 2020
活动时间: 9月至11月
单位:
  - {编号: 县教体局, 层级: 县}
  - {编号: 政教股}
  - {编号: 各学校, 类型: 群体, 层级: 学校}
  - {编号: 市教体局, 层级: 市}
领导小组:
  组长: 局长
活动:
  - 序号: （一）
    标题: 张贴扶贫日活动倡议书
    主办: 政教股
    日期: 9―10月
  - 序号: （二）
    标题: 集中走访
    子项:
      - 序号: "1"
        标题: 局机关党员干部走访慰问贫困户
        主办: 县教体局
        日期: 10月中旬
      - 序号: "2"
        标题: 召开扶贫座谈会
        主办: 县教体局
        日期: 10月
        截止: 10月底前
报送:
  - 材料: 扶贫日活动总结和统计表
    报送单位: 各学校
    接收单位: 县教体局
    截止: 10月19日17:00前
  - 材料: 全县汇总
    报送单位: 县教体局
    接收单位: 市教体局
    截止: 10月21日
    时刻: 下午5点
"""


def test_the_activity_table_shows_dates_as_written_and_keeps_its_headings(tmp_path):
    plan = write(tmp_path, "p.yaml", PLAN)
    out = api.report(paths=[str(plan)], as_of=date(2020, 10, 15), tables=["responsibility"])
    table = out.plans[0].tables[0]
    assert [row[:2] for row in table.rows] == [
        ["（一）", "张贴扶贫日活动倡议书"], ["（二）", "集中走访"],
        ["1", "局机关党员干部走访慰问贫困户"], ["2", "召开扶贫座谈会"]]
    when = {row[1]: (row[4], row[5]) for row in table.rows}
    assert when["张贴扶贫日活动倡议书"] == ("2020-09-01～10-31（9―10月）", None)
    assert when["集中走访"] == (None, None)  # the heading: no units, no dates of its own
    assert when["局机关党员干部走访慰问贫困户"] == ("2020-10-11～10-20（10月中旬）", None)
    assert when["召开扶贫座谈会"] == ("2020-10-01～10-31（10月）", "2020-10-31（六）（10月底前）")
    md = render_markdown(table)
    assert "| （二） | 集中走访" in md and "2020-10-11～10-20（10月中旬）" in md
    heading = table.rows[1]
    assert heading[2] == [] and heading[3] == []


def test_the_matrix_still_lists_the_work_not_the_headings(tmp_path):
    plan = write(tmp_path, "p.yaml", PLAN)
    out = api.assign(paths=[str(plan)], as_of=date(2020, 10, 15))
    matrix = out.plans[0].tables[0]
    assert [row[0] for row in matrix.rows] == ["（一）", "（二） 1", "（二） 2"]


def test_the_deadline_table_counts_to_the_last_day_and_shows_the_time(tmp_path, runner):
    plan = write(tmp_path, "p.yaml", PLAN)
    report = api.deadlines(paths=[str(plan)], as_of=date(2020, 10, 15), status="all")
    rows = {r.item.what: r for r in report.rows}
    talk = rows["召开扶贫座谈会"]
    assert (talk.item.kind, talk.item.date, talk.item.last_day) == ("activity_due", date(2020, 10, 31),
                                                                     date(2020, 10, 31))
    visit = [r for r in report.rows if r.item.what == "局机关党员干部走访慰问贫困户"][0]
    assert (visit.item.date, visit.item.end) == (date(2020, 10, 11), date(2020, 10, 20))
    assert visit.status.text() == "进行中（至 2020-10-20）"
    assert rows["扶贫日活动总结和统计表"].item.date.time == time(17, 0)
    assert rows["全县汇总"].item.date.time == time(17, 0)  # 时刻 beside 截止
    md = render_markdown(report.table)
    assert "2020-10-19（一）17:00" in md
    assert "2020-10-21（三）17:00" in md
    assert "2020-10-31（六）（10月底前）" in md
    assert "2020-10-11～10-20（10月中旬）" in md
    result = runner.invoke(app, ["deadlines", str(plan), "--as-of", "2020-10-15", "-f", "csv"])
    assert result.exit_code == 0, result.output
    records = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    first = next(r for r in records if r["事项"] == "扶贫日活动总结和统计表")
    assert (first["截止日期"], first["截止时刻"], first["原文日期"]) == ("2020-10-19", "17:00", "10月19日17:00前")


def test_a_deadline_written_by_a_part_of_a_month_is_not_late_before_its_last_day():
    lp = load_plan_text(PLAN.replace("截止: 10月21日\n", "截止: 10月中旬\n"))
    items, _ = plan_items(lp, WorkCalendar())
    whole = next(i for i in items if i.what == "全县汇总")
    assert (whole.date, whole.last_day, whole.date.text) == (date(2020, 10, 20), date(2020, 10, 20), "10月中旬")


ROLL = """\
标题: 县教育系统扶贫日活动方案
年度: {year}
单位: [{{编号: 县教体局}}, {{编号: 市教体局}}]
领导小组: {{组长: 局长}}
{setting}报送:
  - {{材料: 全年总结, 报送单位: 县教体局, 接收单位: 市教体局, 截止: {due}}}
"""


@pytest.mark.parametrize("year, due, setting, last, warned, moved", [
    # 2020-10-31 is a Saturday: stays as written and is warned about, unless the plan moves it
    (2020, "10月底前", "", date(2020, 10, 31), True, False),
    (2020, "10月底前", "截止遇休息日顺延: 是\n", date(2020, 11, 2), False, True),
    (2020, "10月底前", "截止遇休息日顺延: 否\n", date(2020, 10, 31), True, False),
    # 2020-01-31 is in the Spring Festival holiday (to 2 February, a Sunday): the next working day is 3 February
    (2020, "1月底前", "", date(2020, 1, 31), True, False),
    (2020, "1月底前", "截止遇休息日顺延: 是\n", date(2020, 2, 3), False, True),
    # 2026-10-31 is a Saturday, 2026-09-30 a working Wednesday before National Day
    (2026, "10月底前", "截止遇休息日顺延: 是\n", date(2026, 11, 2), False, True),
    (2026, "9月底前", "截止遇休息日顺延: 是\n", date(2026, 9, 30), False, False),
    (2026, "9月底前", "", date(2026, 9, 30), False, False),
])
def test_a_deadline_at_the_end_of_a_month_on_a_rest_day_moves_as_the_plan_says(tmp_path, year, due, setting,
                                                                              last, warned, moved):
    plan = write(tmp_path, "p.yaml", ROLL.format(year=year, due=due, setting=setting))
    checked = api.validate(paths=[str(plan)])
    assert [d.code for d in checked.diagnostics] == (["FP309"] if warned else [])
    report = api.deadlines(paths=[str(plan)], as_of=date(year, 1, 2), status="all")
    (row,) = report.rows
    assert row.item.last_day == last
    assert row.item.date == last and row.item.date.text == due
    assert ("顺延至下一个工作日" in (row.item.rule or "")) == moved
    shown = render_markdown(report.table)
    assert f"{last.isoformat()}（{'一二三四五六日'[last.weekday()]}）（{due}）" in shown


def test_bad_dates_in_a_plan_are_fp106_with_their_place_and_no_traceback(tmp_path, runner):
    text = PLAN.replace("日期: 9―10月", "日期: 10月前").replace("截止: 10月19日17:00前", "截止: 17:00前")
    plan = write(tmp_path, "bad.yaml", text)
    result = runner.invoke(app, ["validate", str(plan)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = [ln for ln in result.output.splitlines() if "FP106" in ln]
    assert [ln.split(": error")[0].rsplit(":", 2)[1:] for ln in lines] == [["16", "9"], ["33", "9"]]
    assert "“10月前”不明确" in lines[0] and "“17:00前”只有时刻" in lines[1]


def test_a_time_given_twice_must_agree():
    lp = load_plan_text(PLAN.replace("截止: 10月21日\n", "截止: 10月21日12:00前\n"))
    assert [d.code for d in lp.diagnostics if d.severity == "error"] == ["FP106"]
    assert "12:00" in lp.diagnostics[0].message("zh") and "17:00" in lp.diagnostics[0].message("zh")


def test_a_day_is_a_plain_date_where_one_day_is_written():
    lp = load_plan_text(PLAN)
    sub = lp.plan.submissions[0]
    assert isinstance(sub.due, Day) and sub.due == date(2020, 10, 19) and sub.due.time == time(17, 0)
    assert lp.plan.period.start == date(2020, 9, 1) and lp.plan.period.end == date(2020, 11, 30)


SEEDS = ROOT / "tests" / "data" / "seeds"


@pytest.mark.parametrize("seed, written, year, first, last", [
    ("002_3863cd7223370842.txt", "9―10月", 2015, date(2015, 9, 1), date(2015, 10, 31)),
    ("002_3863cd7223370842.txt", "9―10月底", 2015, date(2015, 9, 1), date(2015, 10, 31)),
    ("002_3863cd7223370842.txt", "10月17-21日", 2015, date(2015, 10, 17), date(2015, 10, 21)),
    ("002_3863cd7223370842.txt", "10月14日—17日", 2015, date(2015, 10, 14), date(2015, 10, 17)),
    ("002_3863cd7223370842.txt", "9月3―30日", 2015, date(2015, 9, 3), date(2015, 9, 30)),
    ("002_3863cd7223370842.txt", "10月初", 2015, date(2015, 10, 1), date(2015, 10, 10)),
    ("002_3863cd7223370842.txt", "3月10前", 2016, date(2016, 3, 10), date(2016, 3, 10)),
    ("001_dced67dc8fd97ea7.txt", "10月中旬", 2020, date(2020, 10, 11), date(2020, 10, 20)),
    ("001_dced67dc8fd97ea7.txt", "10月份", 2020, date(2020, 10, 1), date(2020, 10, 31)),
    ("001_dced67dc8fd97ea7.txt", "10月10日至10月20日", 2020, date(2020, 10, 10), date(2020, 10, 20)),
    ("000_1955899c45ce4d2f.txt", "6月28日（星期一）", 2010, date(2010, 6, 28), date(2010, 6, 28)),
])
def test_the_forms_the_seed_notices_use_each_read(seed, written, year, first, last):
    text = (SEEDS / seed).read_text(encoding="utf-8")
    assert written in text.replace("(", "（").replace(")", "）")
    d = parse_when(written, year)
    assert (d.first, d.last) == (first, last)


def test_on_paper_the_workbook_shows_dates_as_written_and_plain_days_as_dates(tmp_path):
    import openpyxl

    from fupin_cli.render.xlsx import render_xlsx

    plan = write(tmp_path, "p.yaml", PLAN)
    out = api.report(paths=[str(plan)], as_of=date(2020, 10, 15), tables=["responsibility", "deadlines"])
    path = tmp_path / "p.xlsx"
    path.write_bytes(render_xlsx(out.plans[0].tables))
    book = openpyxl.load_workbook(path)
    plan_rows = list(book["活动安排及责任分工表"].iter_rows(min_row=4, max_row=7, values_only=True))
    assert [r[4] for r in plan_rows] == ["2020-09-01～10-31（9―10月）", None, "2020-10-11～10-20（10月中旬）",
                                         "2020-10-01～10-31（10月）"]
    due = [r[0] for r in book["报送时间表"].iter_rows(min_row=4, values_only=True) if r[1] == "报送"]
    assert due == ["2020-10-19（一）17:00", "2020-10-21（三）17:00"]


def test_the_timeline_draws_a_month_span_to_its_last_day():
    from fupin_cli.engines.calendar import WorkCalendar
    from fupin_cli.engines.deadlines import plan_items
    from fupin_cli.engines.validate import validate_plan
    from fupin_cli.reports.deadlines import timeline_table

    lp = validate_plan("plans/2015-xx乡-扶贫日.yaml")  # 日期: 9―10月, 日期: 10月
    items, _ = plan_items(lp, WorkCalendar())
    rows = {r[1]: (r[2], r[3]) for r in timeline_table(lp, items, {}, date(2015, 10, 10)).rows if r[0] == "activity"}
    assert rows["乡领导集中走访活动"] == (date(2015, 9, 1), date(2015, 10, 31))
    assert rows["举行座谈会"] == (date(2015, 10, 1), date(2015, 10, 31))
