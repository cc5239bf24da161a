"""结对帮扶: coverage, weekly and monthly compliance across a holiday week, occasions, the briefing, bad log rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fupin_cli.cli import app
from fupin_cli.engines.calendar import WorkCalendar
from fupin_cli.engines.pairing import briefing, compliance, coverage, read_visits
from fupin_cli.engines.validate import validate_plan
from fupin_cli.loading.plans import load_plan_text

from .conftest import PLANS, ROOT

PLAN = PLANS / "2020-县教育局-结对帮扶.yaml"
LOG = ROOT / "examples" / "visits" / "2020-县教育局-走访记录.csv"
CAL = WorkCalendar()
AS_OF = date(2020, 11, 2)  # the first Monday of November


def _plan():
    lp = validate_plan(str(PLAN))
    assert lp.diagnostics == []
    return lp.plan


def _log(plan=None):
    plan = plan or _plan()
    log = read_visits([str(LOG)], plan.pairing, 2020)
    for f in log.files:
        assert f.balanced
    return log


def test_coverage_rate_and_the_unpaired_household():
    cov = coverage(_plan().pairing)
    assert (cov.paired, cov.targets, cov.rate, cov.aim) == (8, 9, Decimal("88.9"), Decimal("100.00"))
    assert [t.id for t in cov.unpaired] == ["陈老四"]
    assert cov.over_capacity == []


def test_weekly_compliance_with_the_national_day_week_exempt():
    plan = _plan()
    rows = {c.who: c for c in compliance(plan.pairing, _log(plan).visits, AS_OF, CAL, plan.period.start)}
    assert set(rows) == {"第一帮扶小组", "第二帮扶小组", "第三帮扶小组", "第四帮扶小组"}
    weeks = rows["第一帮扶小组"].periods
    assert [p.start for p in weeks] == [date(2020, 9, 14), date(2020, 9, 21), date(2020, 9, 28), date(2020, 10, 5),
                                        date(2020, 10, 12), date(2020, 10, 19), date(2020, 10, 26)]
    # 10-05 … 10-11: 10-01…10-08 off, only 10-09 (Friday) and 10-10 (make-up Saturday) are working days
    assert [p.exempt for p in weeks] == [False, False, False, True, False, False, False]
    # 09-28 … 10-04 has three working days (09-28, 29, 30): it is judged
    for group in ("第一帮扶小组", "第二帮扶小组", "第四帮扶小组"):
        assert rows[group].below == [] and rows[group].missed_occasions == []
    assert [(p.start, p.visits) for p in rows["第三帮扶小组"].below] == [(date(2020, 10, 12), 0),
                                                                          (date(2020, 10, 19), 0)]


def test_holiday_week_is_judged_when_the_plan_says_so():
    plan = _plan()
    plan.pairing.policy.holiday_weeks_exempt = False
    rows = compliance(plan.pairing, _log(plan).visits, AS_OF, CAL, plan.period.start)
    assert all(any(p.start == date(2020, 10, 5) for p in c.below) for c in rows)


def test_monthly_compliance_judges_finished_months_only():
    plan = _plan()
    plan.pairing.policy.per = "month"
    plan.pairing.policy.minimum = 3
    rows = {c.who: c for c in compliance(plan.pairing, _log(plan).visits, AS_OF, CAL, plan.period.start)}
    # pairs start on 09-11, so October is the first whole month; November has not ended on 11-02
    assert [(p.start, p.end) for p in rows["第一帮扶小组"].periods] == [(date(2020, 10, 1), date(2020, 10, 31))]
    assert [(c, rows[c].periods[0].visits, bool(rows[c].below)) for c in sorted(rows)] == [
        ("第一帮扶小组", 3, False), ("第三帮扶小组", 2, True), ("第二帮扶小组", 3, False), ("第四帮扶小组", 3, False)]


def test_weeks_are_judged_only_inside_the_campaign_period():
    # 活动时间 9月1日至11月30日: judged long after the campaign, only its own weeks count, not every week up to as_of
    plan = _plan()
    visits = _log(plan).visits
    for as_of in (date(2020, 12, 1), date(2026, 11, 23)):
        rows = {c.who: c for c in compliance(plan.pairing, visits, as_of, CAL, plan.period.start, plan.period)}
        weeks = rows["第一帮扶小组"].periods
        assert (weeks[0].start, weeks[-1].start, weeks[-1].end, len(weeks)) == (
            date(2020, 9, 14), date(2020, 11, 23), date(2020, 11, 29), 11)
        assert [p.start for p in rows["第一帮扶小组"].below] == [date(2020, 11, 2), date(2020, 11, 9),
                                                                  date(2020, 11, 16), date(2020, 11, 23)]
    # the week 11-30 … 12-06 runs past the campaign's last day: it is not judged even once it has ended
    last = compliance(plan.pairing, visits, date(2020, 12, 7), CAL, plan.period.start, plan.period)[0].periods[-1]
    assert last.start == date(2020, 11, 23)
    # inside the campaign, the as-of day still bounds what is judged
    assert compliance(plan.pairing, visits, AS_OF, CAL, plan.period.start, plan.period)[0].periods[-1].start == \
        date(2020, 10, 26)


def test_months_are_judged_only_inside_the_campaign_period():
    plan = _plan()
    plan.pairing.policy.per = "month"
    rows = compliance(plan.pairing, _log(plan).visits, date(2026, 11, 23), CAL, plan.period.start, plan.period)
    assert [(p.start, p.end) for p in rows[0].periods] == [(date(2020, 10, 1), date(2020, 10, 31)),
                                                           (date(2020, 11, 1), date(2020, 11, 30))]


def test_a_pairing_that_starts_before_the_campaign_is_judged_from_the_campaign(tmp_path):
    plan = _plan()
    plan.pairing.pairs[0].start = date(2019, 3, 1)
    weeks = compliance(plan.pairing, _log(plan).visits, AS_OF, CAL, plan.period.start, plan.period)[0].periods
    assert weeks[0].start == date(2020, 9, 7)  # the first whole week from 09-01 (a Tuesday)


def test_pairs_years_later_judges_the_campaign_and_labels_carry_the_year(runner):
    result = runner.invoke(app, ["pairs", str(PLAN), "--as-of", "2026-11-23"])
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if line.startswith("第三帮扶小组") and "周" in line)
    assert row.split()[2:5] == ["10", "4", "6"]  # weeks judged, met, below: the campaign's, not 311 up to 2026
    assert ("2020-10-12 周（0次）、2020-10-19 周（0次）、2020-11-02 周（0次）、2020-11-09 周（0次）、"
            "2020-11-16 周（0次）、2020-11-23 周（0次）") in row
    en = runner.invoke(app, ["pairs", str(PLAN), "--as-of", "2026-11-23", "--lang", "en"]).stdout
    assert "2020-11-23–2020-11-29 (0)" in en and "2020-11-30" not in en


def test_report_compliance_judges_the_campaign_only():
    from fupin_cli.reports import build_report

    tables, _ = build_report(validate_plan(str(PLAN)), as_of=date(2026, 11, 23), cal=CAL)
    table = next(t for t in tables if t.name == "compliance")
    assert [row[2] for row in table.rows] == [10, 10, 10, 10]
    assert table.rows[0][5] == ["2020-11-02 周（0次）", "2020-11-09 周（0次）", "2020-11-16 周（0次）",
                                "2020-11-23 周（0次）"]


def test_required_occasions_by_window_and_by_birthday(tmp_path):
    text = """\
标题: 教师结对留守儿童
年度: 2020
领导小组: {组长: 校长}
单位: [政教处]
活动: [{标题: 结对关爱, 主办: 政教处}]
结对帮扶:
  帮扶方: [{编号: 王老师, 类型: 个人}]
  帮扶对象:
    - {编号: 小明, 类型: 儿童, 生日: 2012-06-10}
    - {编号: 小红, 类型: 儿童, 生日: 2013-09-02}
  结对: [{帮扶方: 王老师, 帮扶对象: [小明, 小红], 方式: 一对多, 开始: 5月1日}]
  走访要求:
    周期: 月
    考核: 结对
    必访时节:
      - {名称: 六一, 开始: 5月30日, 结束: 6月1日}
      - {名称: 生日, 生日: 是}
"""
    log = tmp_path / "visits.csv"
    log.write_text("日期,帮扶人,帮扶对象,方式\n2020-05-31,王老师,小明,家访\n2020-06-11,王老师,小明,家访\n"
                   "2020-06-20,王老师,小红,电话\n", encoding="utf-8")
    lp = load_plan_text(text, str(tmp_path / "p.yaml"))
    plan = lp.plan
    visits = read_visits([str(log)], plan.pairing, 2020).visits
    rows = {c.who: c for c in compliance(plan.pairing, visits, date(2020, 10, 1), CAL, date(2020, 5, 1))}
    assert rows["王老师 → 小明"].missed_occasions == []  # 六一 on 05-31, birthday 06-10 visited on 06-11 (± 3 days)
    assert [(n, t) for n, t, _, _ in rows["王老师 → 小红"].missed_occasions] == [("六一", "小红"), ("生日", "小红")]


def test_briefing_for_october():
    plan = _plan()
    rows = {r.helper: r for r in briefing(plan.pairing, _log(plan).visits, date(2020, 10, 1))}
    assert [(h, r.visits, r.previous, r.change, r.value) for h, r in rows.items()] == [
        ("第一帮扶小组", 3, 5, -2, Decimal("700.00")), ("第二帮扶小组", 3, 5, -2, Decimal("200.00")),
        ("第三帮扶小组", 2, 4, -2, Decimal("500.00")), ("第四帮扶小组", 3, 5, -2, Decimal("0.00"))]
    assert dict(rows["第一帮扶小组"].kinds) == {"送产业": 1, "送劳力": 1, "送物资": 1}


def test_bad_log_rows_are_located_and_none_is_lost(tmp_path):
    log = tmp_path / "visits.csv"
    log.write_text("日期,帮扶小组,帮扶对象,方式,价值\n"
                   "2020-10-13,第一帮扶小组,李大山,走访,\n"      # accepted
                   "2020-10-13,第一帮扶组,李大山,走访,\n"        # unknown helper (a typo)
                   "2020-10-13,第一帮扶小组,李大三,走访,\n"      # unknown target
                   ",第一帮扶小组,李大山,走访,\n"                # no date
                   "2020-10-32,第一帮扶小组,李大山,走访,\n"      # bad date
                   "2020-10-14,第一帮扶小组,,走访,\n"            # no target
                   "2020-10-15,第一帮扶小组,李大山,走访,很多\n"   # bad value
                   "\n", encoding="utf-8")
    log_ = read_visits([str(log)], _plan().pairing, 2020)
    f = log_.files[0]
    assert (f.rows_read, f.accepted, len(f.skipped), len(f.rejected)) == (9, 1, 2, 6)
    assert [(line, d.code) for line, d, _ in f.rejected] == [(3, "FP705"), (4, "FP706"), (5, "FP707"), (6, "FP604"),
                                                             (7, "FP707"), (8, "FP601")]
    assert "是否应为“第一帮扶小组”" in f.rejected[0][1].message()
    assert "是否应为“李大山”" in f.rejected[1][1].message()


EXPECTED_BRIEFING = (
    "2020年10月县教育局结对帮扶走访情况通报（单位：元）\n"
    "帮扶小组      帮扶对象          10月走访次数    9月走访次数    增减  帮扶内容                           价值（元）\n"
    "------------  --------------  --------------  -------------  ------  -------------------------------  ------------\n"
    "第一帮扶小组  李大山、王秀英               3              5      -2  送产业1次、送劳力1次、送物资1次        700.00\n"
    "第二帮扶小组  张老五、刘桂兰               3              5      -2  送劳力1次、送技能1次、送物资1次        200.00\n"
    "第三帮扶小组  陈有福、赵金花               2              4      -2  送产业1次                              500.00\n"
    "第四帮扶小组  孙德胜、周玉梅               3              5      -2  送健康1次、送技能1次                     0.00\n"
    "------------  --------------  --------------  -------------  ------  -------------------------------  ------------\n"
    "合计                                      11             19      -8                                       1,400.00\n"
)


def test_exact_briefing_output(runner):
    result = runner.invoke(app, ["pairs", str(PLAN), "--as-of", "2020-11-02", "--briefing", "2020-10"])
    assert result.exit_code == 0
    assert result.stdout == EXPECTED_BRIEFING
    assert "FP705" in result.stderr  # the example log has one row naming a group that does not exist


def test_coverage_and_compliance_output_and_strict(runner):
    result = runner.invoke(app, ["pairs", str(PLAN), "--as-of", "2020-11-02"])
    assert result.exit_code == 0
    assert "结对率：8/9 = 88.9%（目标 100%）" in result.stdout
    assert "尚未结对：陈老四（大廊村，因老，低保）" in result.stdout
    assert "2020-10-12 周（0次）、2020-10-19 周（0次）" in result.stdout
    assert runner.invoke(app, ["pairs", str(PLAN), "--as-of", "2020-11-02", "--strict"]).exit_code == 1
    assert runner.invoke(app, ["pairs", str(PLAN), "--briefing", "2020-13"]).exit_code == 2


def test_pairs_on_a_plan_with_a_syntax_error_reports_it_and_exits_1(tmp_path, runner):
    from fupin_cli.cli import app
    plan = tmp_path / "坏.yaml"
    plan.write_text("标题: 结对帮扶\n年度: [2020\n", encoding="utf-8")
    result = runner.invoke(app, ["pairs", str(plan), "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "FP008" in result.output
    assert "结对帮扶 section" not in result.output


def _without_period_and_log(tmp_path, log_text: str | None):
    """The shipped pairing plan with no 活动时间, and its visit log replaced by ``log_text`` (None: no log named)."""
    text = PLAN.read_text(encoding="utf-8").replace("活动时间: 9月1日至11月30日\n", "")
    text = text.replace(", 方式: 多对一, 开始: 9月11日}", ", 方式: 多对一}")  # pairs that name no start of their own
    log = tmp_path / "走访.csv"
    if log_text is not None:
        log.write_text(log_text, encoding="utf-8")
    text = text.replace("../examples/visits/2020-县教育局-走访记录.csv", str(log))
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    return plan


def test_strict_fails_when_no_period_could_be_judged(tmp_path, runner):
    # no 活动时间 and an empty visit log: no week to judge, which --strict must not pass
    plan = _without_period_and_log(tmp_path, "日期,帮扶小组,帮扶对象,方式\n")
    result = runner.invoke(app, ["pairs", str(plan), "--as-of", "2020-11-02", "--strict"])
    assert result.exit_code == 1
    assert "FP709" in result.stderr and "没有写活动时间" in result.stderr
    # without --strict it is a warning: exit 0 unless something else is wrong (陈老四 is unpaired: strict only)
    assert runner.invoke(app, ["pairs", str(plan), "--as-of", "2020-11-02"]).exit_code == 0


def test_no_whole_week_yet_is_said_and_fails_strict(tmp_path, runner):
    plan = _without_period_and_log(tmp_path, "日期,帮扶小组,帮扶对象,方式\n2020-10-28,第一帮扶小组,李大山,走访\n")
    result = runner.invoke(app, ["pairs", str(plan), "--as-of", "2020-11-01", "--strict"])
    assert result.exit_code == 1 and "从 2020-10-28 到 2020-11-01 没有一个完整的周期" in result.stderr


def test_a_judged_plan_has_no_fp709(runner):
    result = runner.invoke(app, ["pairs", str(PLAN), "--as-of", "2020-11-02"])
    assert "FP709" not in result.stderr


def test_the_defaults_the_engine_applies_are_printed_under_the_compliance_table(tmp_path, runner):
    # the holiday-week exemption (a default) and the ±3-day birthday window are said under the table
    text = PLAN.read_text(encoding="utf-8").replace("      - {名称: 国庆节前慰问, 开始: 9月25日, 结束: 9月30日}",
                                                    "      - {名称: 国庆节前慰问, 开始: 9月25日, 结束: 9月30日}\n"
                                                    "      - {名称: 生日, 生日: 是}")
    text = text.replace("../examples/", str(ROOT / "examples") + "/")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    out = runner.invoke(app, ["pairs", str(plan), "--as-of", "2020-11-02"]).stdout
    assert "节假日周（工作日不超过 2 天）免考（方案可写 节假日周免考: 否）" in out
    assert "生日前后 3 天内（含）的走访算作按时" in out
    out = runner.invoke(app, ["pairs", str(PLAN), "--as-of", "2020-11-02"]).stdout
    assert "生日前后" not in out  # no birthday occasion, no such note


def test_only_the_contact_kinds_the_plan_lists_count_as_visits(tmp_path, runner):
    # 每周入户走访: a phone call is not a visit. Counted in person only (走访, 家访), 第三帮扶小组 misses 4 weeks, not 2
    text = PLAN.read_text(encoding="utf-8").replace("    考核: 小组\n", "    考核: 小组\n    计入方式: [走访, 家访]\n")
    text = text.replace("../examples/", str(ROOT / "examples") + "/")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    lp = validate_plan(str(plan))
    log = read_visits([str(LOG)], lp.plan.pairing, 2020)
    rows = {r.who: r for r in compliance(lp.plan.pairing, log.visits, date(2020, 11, 2), WorkCalendar(),
                                          date(2020, 9, 1), lp.plan.period)}
    assert len(rows["第三帮扶小组"].below) == 4
    lp_all = validate_plan(str(PLAN))
    every = {r.who: r for r in compliance(lp_all.plan.pairing, log.visits, date(2020, 11, 2), WorkCalendar(),
                                           date(2020, 9, 1), lp_all.plan.period)}
    assert len(every["第三帮扶小组"].below) == 2  # every contact counts where the plan lists none
    out = runner.invoke(app, ["pairs", str(plan), "--as-of", "2020-11-02"]).stdout
    assert "计入方式：只计走访、家访。" in out
    assert "每种联系方式（走访、电话等）都计入" in runner.invoke(app, ["pairs", str(PLAN), "--as-of", "2020-11-02"]).stdout
