"""Every shipped plan validates clean, and says what its notice says."""

from __future__ import annotations

from datetime import date

import pytest

from fupin_cli.engines.validate import validate_plan
from fupin_cli.model import walk_activities

from .conftest import PLANS

SHIPPED = sorted(PLANS.glob("*.yaml"))


def _plan(name: str):
    lp = validate_plan(str(PLANS / name))
    assert lp.diagnostics == []
    return lp.plan


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_plan_validates_clean(path):
    lp = validate_plan(str(path))
    assert [d.format() for d in lp.diagnostics] == []
    assert lp.plan is not None


def test_the_shipped_plans_cover_the_seed_notices():
    assert len(SHIPPED) >= 5
    days = {_plan(p.name).campaign_day for p in SHIPPED} - {None}  # the 结对帮扶 plan has no campaign day
    assert days == {"10-17", "06-30"}


def test_000_district_bureau_six_activities_with_lead_and_support_sections():
    plan = _plan("2010-区教育局-扶贫济困日.yaml")
    assert (plan.year, plan.campaign_day) == (2010, "06-30")
    launch, education, six = plan.activities
    assert (launch.lead, launch.date) == (["办公室"], date(2010, 6, 30))
    assert len(six.children) == 6 and "六个一次" in six.title
    roles = [(a.lead, a.support) for a in six.children]
    assert roles == [
        (["办公室", "教育工会", "政体股"], []),
        (["人事股"], []),
        (["人事股"], ["计财股", "教育工会"]),
        (["职成办"], []),
        (["职成办"], []),
        (["计财股"], ["招生办"]),
    ]
    # 6月28日（星期一）: the weekday written in the notice holds in the plan's year
    assert education.children[0].start == date(2010, 6, 28)
    assert [s.due for s in plan.submissions] == [date(2010, 6, 28), date(2010, 7, 1)]
    assert plan.donation_policy.recipient == "区慈善会"


def test_001_city_collects_by_21_october_and_reports_to_the_province_by_25_october():
    plan = _plan("2020-市教体局-扶贫日.yaml")
    by_id = {s.id: s for s in plan.submissions}
    to_province = next(s for s in plan.submissions if s.to == "省教育厅")
    lower = by_id[to_province.collects[0]]
    assert (lower.to, lower.due) == ("市教体局", date(2020, 10, 21))
    assert (to_province.from_, to_province.due) == (["市教体局"], date(2020, 10, 25))
    assert plan.donation_policy.schools_may_organise is False  # 中小学原则上不组织捐款


def test_001_part5_activity_window_and_responsible_units():
    plan = _plan("2020-市教体局-扶贫日活动-篇5.yaml")
    assert (plan.period.start, plan.period.end) == (date(2020, 10, 10), date(2020, 10, 20))
    send_lessons = plan.activities[0]
    assert "送课下乡" in send_lessons.title
    assert (send_lessons.lead, send_lessons.due) == (["市教体局"], date(2020, 10, 17))
    assert sorted(s.due for s in plan.submissions) == [date(2020, 9, 30), date(2020, 10, 9), date(2020, 10, 21)]


def test_002_xuanen_county_nine_activities_each_with_a_responsible_unit():
    plan = _plan("2015-宣恩县-扶贫日.yaml")
    assert len(plan.activities) == 9
    assert all(a.lead for a in plan.activities)
    assert [s.due for s in plan.submissions] == [date(2015, 10, 25)]


def test_002_township_plan_with_lead_and_responsible_units():
    plan = _plan("2018-柏隆镇-扶贫日.yaml")
    with_support = [a for a, _, _ in walk_activities(plan) if a.support]
    assert with_support, "牵头单位 beside 责任单位 must give supporting units"
    assert with_support[0].lead == ["镇党政办"] and with_support[0].support == ["各村"]
    assert all(a.lead for a, _, _ in walk_activities(plan) if not a.children)


def test_002_township_donor_publicity_30_working_days_after_the_drive():
    from fupin_cli.engines.calendar import WorkCalendar
    from fupin_cli.engines.deadlines import plan_items

    lp = validate_plan(str(PLANS / "2015-xx乡-扶贫日.yaml"))
    policy = lp.plan.donation_policy
    assert policy.publicity_working_days == 30
    # the notice's words: “超过5万元的单位和5000元的个人将上报县人民政府，由县政府颁发捐赠证书”
    assert [t.text() for t in policy.rules()] == ["单位单笔超过 50,000.00 元：上报、颁发捐赠证书",
                                                  "个人单笔超过 5,000.00 元：上报、颁发捐赠证书"]
    items, diags = plan_items(lp, WorkCalendar())
    assert diags == []
    (publicity,) = [i for i in items if i.kind == "submission"]
    # the drive ends Saturday 2015-10-17; 30 working days later (six full weeks) is Friday 11-27
    assert (publicity.date, publicity.rule) == (date(2015, 11, 27), "捐赠活动后30个工作日")
