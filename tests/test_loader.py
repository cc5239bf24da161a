"""The loader: Chinese keys, positions, dates, amounts, the 责任单位 rule."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fupin_cli.dates import DateError, parse_date, parse_range
from fupin_cli.loading.plans import load_plan_text
from fupin_cli.loading.yamlsrc import parse_yaml
from fupin_cli.money import parse_amount

CHINESE = """\
标题: 泾县教育系统扶贫日活动方案
发文单位: 县教体局
年度: 2020
活动日: 扶贫日
主题: 扶贫日
依据:
  - 标题: 《__省教育厅关于印发扶贫日活动方案的通知》
    文号: 教秘财〔2020〕5号
活动时间: 10月10日至10月20日
单位:
  - 编号: 县教体局
    层级: 县
  - 编号: 各学校
    层级: 学校
领导小组:
  组长: 局长
  成员: 各股室负责人、各学校校长
活动:
  - 序号: 一
    标题: 开展扶贫日宣传
    主办: 县教体局
    协办: 各学校
    日期: 10月17日
报送:
  - 材料: 扶贫日活动方案、活动总结和统计表
    报送单位: 各学校
    接收单位: 县教体局
    截止: 10月19日前
捐赠规则:
  单位大额标准: 5万元
  个人大额标准: 5000
  公示期限: 30
  学校组织捐赠: 否
"""

ENGLISH = """\
title: 泾县教育系统扶贫日活动方案
issuer: 县教体局
year: 2020
campaign_day: "10-17"
theme: 扶贫日
basis:
  - title: 《__省教育厅关于印发扶贫日活动方案的通知》
    doc_no: 教秘财〔2020〕5号
period: {start: 2020-10-10, end: 2020-10-20}
units:
  - {id: 县教体局, level: county}
  - {id: 各学校, level: school}
leadership:
  leader: [局长]
  members: [各股室负责人, 各学校校长]
activities:
  - no: 一
    title: 开展扶贫日宣传
    lead: [县教体局]
    support: [各学校]
    date: 2020-10-17
submissions:
  - what: 扶贫日活动方案、活动总结和统计表
    from: [各学校]
    to: 县教体局
    due: 2020-10-19
donation_policy:
  large_unit: 50000
  large_person: "5,000.00"
  publicity_working_days: 30
  schools_may_organise: false
"""


def test_chinese_and_english_keys_give_the_same_plan():
    zh = load_plan_text(CHINESE, "zh.yaml")
    en = load_plan_text(ENGLISH, "en.yaml")
    assert zh.diagnostics == [] and en.diagnostics == []
    assert zh.plan == en.plan
    assert zh.plan.donation_policy.large_unit == Decimal("50000.00")
    assert zh.plan.donation_policy.schools_may_organise is False
    assert zh.plan.submissions[0].due == date(2020, 10, 19)
    assert zh.plan.leadership.members == ["各股室负责人", "各学校校长"]


def test_positions_are_kept_under_english_paths_for_chinese_keys():
    lp = load_plan_text(CHINESE, "zh.yaml")
    assert lp.at(("activities", 0, "lead")) == (21, 9)
    assert lp.at(("submissions", 0, "due")) == (28, 9)
    assert lp.at(("submissions", 0, "due"), key=True) == (28, 5)
    # a path below a scalar falls back to the nearest node that has a position
    assert lp.at(("activities", 0, "support", 3)) == (22, 9)


def test_yaml_floats_become_exact_decimals():
    src = parse_yaml("金额: 1234.10\n比例: 0.1\n", "m.yaml")
    assert src.data == {"金额": Decimal("1234.10"), "比例": Decimal("0.1")}


def test_responsibility_unit_alone_is_the_lead_and_beside_lead_is_support():
    text = """\
标题: 柏隆镇扶贫日活动方案
年度: 2018
领导小组: {组长: 镇长}
单位: [镇扶贫办, 镇农业服务中心, 各村]
活动:
  - 标题: 扶贫政策宣传
    责任单位: 镇扶贫办
  - 标题: 产业扶贫
    牵头单位: 镇农业服务中心
    责任单位: 各村
"""
    lp = load_plan_text(text, "t.yaml")
    a, b = lp.plan.activities
    assert (a.lead, a.support) == (["镇扶贫办"], [])
    assert (b.lead, b.support) == (["镇农业服务中心"], ["各村"])


def test_unit_lists_may_be_one_string_with_enumeration_commas():
    text = "标题: t\n年度: 2010\n活动:\n  - 标题: 捐赠活动\n    主办: 办公室、教育工会、政体股\n"
    lp = load_plan_text(text, "t.yaml")
    assert lp.plan.activities[0].lead == ["办公室", "教育工会", "政体股"]


def test_units_may_be_plain_names_and_name_becomes_id():
    lp = load_plan_text("标题: t\n年度: 2020\n单位: [办公室, {名称: 计财股, 层级: 县级}]\n", "t.yaml")
    assert [(u.id, u.level) for u in lp.plan.units] == [("办公室", None), ("计财股", "county")]


def test_phase_written_as_one_range_like_the_notices():
    text = "标题: t\n年度: 2016\n阶段:\n  - 名称: 摸底建档\n    时间: 4月11—20日\n"
    lp = load_plan_text(text, "t.yaml")
    ph = lp.plan.phases[0]
    assert (ph.name, ph.start, ph.end) == ("摸底建档", date(2016, 4, 11), date(2016, 4, 20))


def test_year_written_with_nian_and_campaign_day_by_name():
    lp = load_plan_text("标题: t\n年度: 2021年\n活动日: 扶贫济困日\n截止含当日: 是\n", "t.yaml")
    assert (lp.plan.year, lp.plan.campaign_day, lp.plan.deadline_inclusive) == (2021, "06-30", True)


def test_unknown_campaign_day_is_fp102():
    lp = load_plan_text("标题: t\n年度: 2021\n活动日: 助残日\n", "t.yaml")
    assert [(d.code, d.line, d.column) for d in lp.diagnostics] == [("FP102", 3, 6)]
    assert "扶贫济困日" in lp.diagnostics[0].message()


@pytest.mark.parametrize("text,expected", [
    ("2020-10-19", date(2020, 10, 19)),
    ("2020/10/19", date(2020, 10, 19)),
    ("2020年10月19日", date(2020, 10, 19)),
    ("10月19日", date(2020, 10, 19)),
    ("10月19日前", date(2020, 10, 19)),
    ("10月19日之前", date(2020, 10, 19)),
    ("10-19", date(2020, 10, 19)),
    ("１０月１９日", date(2020, 10, 19)),
    ("10月17日当天", date(2020, 10, 17)),
    ("10月16日（星期五）", date(2020, 10, 16)),
    ("10月18日(周日)", date(2020, 10, 18)),
])
def test_dates_as_notices_write_them(text, expected):
    assert parse_date(text, 2020) == expected


@pytest.mark.parametrize("text", ["10月19日", "10-19"])
def test_yearless_date_without_a_year_is_an_error(text):
    with pytest.raises(DateError) as e:
        parse_date(text, None)
    assert "没有年份" in e.value.zh


def test_weekday_in_brackets_is_checked():
    # 000's notice: "6月28日（星期一）" — a Monday in 2010, a Tuesday in 2011
    assert parse_date("6月28日（星期一）", 2010) == date(2010, 6, 28)
    with pytest.raises(DateError):
        parse_date("6月28日（星期一）", 2011)


@pytest.mark.parametrize("text,start,end", [
    ("10月10日至10月20日", date(2020, 10, 10), date(2020, 10, 20)),
    ("10月10日—10月20日", date(2020, 10, 10), date(2020, 10, 20)),
    ("4月21日—5月10日", date(2020, 4, 21), date(2020, 5, 10)),
    ("4月11—20日", date(2020, 4, 11), date(2020, 4, 20)),
    ("2020-10-11~2020-10-17", date(2020, 10, 11), date(2020, 10, 17)),
])
def test_ranges(text, start, end):
    assert parse_range(text, 2020) == (start, end)


@pytest.mark.parametrize("text,amount", [
    ("5万元", "50000.00"), ("1.2万", "12000.00"), ("¥1234.5", "1234.50"), ("1,234.50", "1234.50"),
    ("1234.5元", "1234.50"), ("５０００", "5000.00"), ("人民币5000元整", "5000.00"), (5000, "5000.00"),
])
def test_thresholds_read_the_ways_people_write_amounts(text, amount):
    assert parse_amount(text) == Decimal(amount)


def test_named_day_of_a_deadline_is_included_unless_the_plan_says_otherwise():
    base = "标题: t\n年度: 2020\n报送:\n  - {材料: 总结, 截止: 10月19日前}\n"
    inclusive = load_plan_text(base, "a.yaml").plan
    exclusive = load_plan_text(base + "截止含当日: 否\n", "b.yaml").plan
    due = inclusive.submissions[0].due
    assert due == exclusive.submissions[0].due == date(2020, 10, 19)
    assert inclusive.last_day(due) == date(2020, 10, 19)
    assert exclusive.last_day(due) == date(2020, 10, 18)


def test_separators_inside_brackets_do_not_split_a_unit_name():
    text = "标题: t\n年度: 2020\n活动:\n  - 标题: 集中宣传\n    主办: 各县（市、区）教体局、市直学校\n"
    lp = load_plan_text(text, "t.yaml")
    assert lp.plan.activities[0].lead == ["各县（市、区）教体局", "市直学校"]
