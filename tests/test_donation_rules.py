"""Donations a 公示 can be trusted with: who gave (person, unit, anonymous — decided openly), which rules apply
(tiers from the plan or an office's rules file, none by default), consent, and tables that agree."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fupin_cli.cli import app
from fupin_cli.commands.donations import donations
from fupin_cli.diagnostics import UsageError
from fupin_cli.engines.ledger import LedgerOptions, read_ledgers
from fupin_cli.engines.ledger.donors import DonorTypes, guess_type
from fupin_cli.loading.plans import load_plan_text
from fupin_cli.model import DonationPolicy
from fupin_cli.reports import publicity_table
from fupin_cli.reports.report import disagreements
from fupin_cli.table import Table

from .conftest import ROOT, json_document

SEED_TIERS = tuple(DonationPolicy(large_unit="5万元", large_person=5000).rules())


def write(tmp_path, name, text, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return str(p)


def plan(tmp_path, rules="", units="[县教体局]", ledger="捐款.csv"):
    text = ("标题: 扶贫日捐赠\n年度: 2020\n发文单位: 县教体局\n领导小组: {组长: 局长}\n"
            f"单位: {units}\n活动: [{{标题: 爱心捐赠, 主办: 县教体局, 类别: 捐赠, 日期: 10月17日}}]\n"
            f"台账: [{ledger}]\n{rules}")
    return write(tmp_path, "plan.yaml", text)


# --- 1. who gave ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["张会", "王科", "李行", "陈建校", "张伟", "欧阳修远", "司马光", "王老师",
                                  "张三（高一1班）", "李明华同学家长"])
def test_names_that_may_be_a_persons_are_persons(name):
    assert guess_type(name) == "person"


@pytest.mark.parametrize("name", ["县妇联", "城关一中", "大廊村", "广东某建设工程有限公司", "区教育局机关工会",
                                  "高一（1）班", "初三全体学生", "县慈善会", "某某村民委员会"])
def test_names_that_cannot_be_a_persons_are_units(name):
    assert guess_type(name) == "unit"


@pytest.mark.parametrize("name", ["匿名", "爱心人士", "无名氏", "热心人士"])
def test_anonymous_labels_are_their_own_type(name):
    assert guess_type(name) == "anonymous"


def test_the_ledger_and_the_plan_decide_before_the_name_does():
    decide = DonorTypes(units={"张会"}, persons={"县妇联"})
    assert decide("张会") == ("unit", "plan")
    assert decide("县妇联") == ("person", "plan")
    assert decide("县妇联", "单位") == ("unit", "column")
    assert decide("王五", "匿名") == ("anonymous", "column")
    assert decide("李行") == ("person", "guess")


def test_a_6000_yuan_gift_from_a_short_name_gets_its_certificate(tmp_path):
    path = write(tmp_path, "a.csv", "捐赠人,金额\n张会,6000\n陈建校,6000\n县妇联,6000\n")
    report = read_ledgers([path], LedgerOptions(tiers=SEED_TIERS))
    assert [(g.donor, g.donor_type, g.basis) for g in report.large] == [("张会", "person", "guess"),
                                                                       ("陈建校", "person", "guess")]
    # 县妇联 is a unit: 6,000 is below a unit's tier, and no person's name goes into the warning
    assert [d.code for d in report.diagnostics] == ["FP613", "FP613", "FP624"]
    fp613 = [d.message() for d in report.diagnostics if d.code == "FP613"]
    assert fp613[0] == "大额捐赠：张*（个人）6,000.00 元，按规则“个人单笔超过 5,000.00 元：颁发捐赠证书”办理"
    (guessed,) = [d for d in report.diagnostics if d.code == "FP624"]
    assert "县妇联" in guessed.message() and guessed.line == 4


def test_a_donor_type_column_wins_and_json_says_how_each_type_was_decided(tmp_path, runner):
    text = ("捐赠人,类型,金额,同意公示\n县妇联,个人,6000,\n张会,单位,60000,\n王五,匿名,7000,\n李行,,8000,\n"
            "大廊村,,100,否\n")
    path = write(tmp_path, "a.csv", text)
    rules = write(tmp_path, "rules.yaml", "捐赠规则:\n  个人大额标准: 5000\n  单位大额标准: 5万元\n")
    result = runner.invoke(app, ["donations", path, "--large", "--donation-rules", rules, "-f", "json"])
    doc = json_document(result, "donations")
    (table,) = doc["results"][0]["tables"]
    rows = sorted((r["donor"], r["donor_type"], r["type_basis"], r["amount"]) for r in table["rows"])
    # 县妇联 written 个人: masked, and judged by the person's tier; 张会 written 单位: by name, the unit's tier;
    # 王五 written 匿名: a person's tier, under the label; 李行 with no type: a person by the guess
    assert rows == sorted([("县**", "个人", "台账类型列", "6000.00"), ("张会", "单位", "台账类型列", "60000.00"),
                           ("匿名", "匿名", "台账类型列", "7000.00"), ("李*", "个人", "按名称推断", "8000.00")])
    by_donor = {r["donor"]: r for r in table["rows"]}
    assert by_donor["张会"]["donor_type"] == "单位" and by_donor["张会"]["type_basis"] == "台账类型列"
    assert by_donor["县**"]["donor_type"] == "个人"
    assert by_donor["李*"]["type_basis"] == "按名称推断"
    assert sum(1 for r in table["rows"] if r["donor_type"] == "匿名") == 1


def test_the_plan_units_and_its_donor_list_are_units(tmp_path):
    write(tmp_path, "捐款.csv", "捐赠人,金额\n县教体局,60000\n李行,60000\n张会,6000\n")
    path = plan(tmp_path, "捐赠规则:\n  个人大额标准: 5000\n  单位大额标准: 5万元\n  捐赠单位: [李行]\n")
    (job,) = donations(plan=path, view="large").jobs
    assert [(g.donor, g.donor_type, g.basis) for g in job.report.large] == [
        ("县教体局", "unit", "plan"), ("李行", "unit", "plan"), ("张会", "person", "guess")]
    assert not [d for d in job.report.diagnostics if d.code == "FP624"]


# --- 2. consent and anonymous labels -------------------------------------------------------------------

def test_consent_is_respected_for_units_and_anonymous_labels_are_kept_whole(tmp_path):
    text = ("捐赠人,金额,同意公示\n县妇联,500,否\n城关一中,400,\n匿名,300,\n爱心人士,200,\n张伟,100,是\n"
            "李强,50,\n王芳,20,否\n")
    report = read_ledgers([write(tmp_path, "a.csv", text)], LedgerOptions(publicity=True))
    names = [row[1] for row in publicity_table(report).rows]
    assert names == ["匿名单位", "城关一中", "匿名", "爱心人士", "张伟", "李*", "王*"]
    names = [row[1] for row in publicity_table(report, anonymous_label="爱心人士").rows]
    assert names == ["匿名单位", "城关一中", "匿名", "爱心人士", "张伟", "爱心人士", "爱心人士"]


# --- 3. rules per plan ---------------------------------------------------------------------------------

def test_a_plan_without_rules_gets_no_certificate_warning_and_no_large_list(tmp_path):
    write(tmp_path, "捐款.csv", "捐赠人,金额\n张三,60000\n某某有限公司,600000\n")
    (job,) = (result := donations(plan=plan(tmp_path), view="large")).jobs
    assert job.report.large == [] and "FP613" not in {d.code for d in result.diagnostics}
    assert job.table.rows == [] and "未规定大额捐赠标准" in job.table.notes[0]


@pytest.mark.parametrize("words,bound,amount", [
    ("超过5万元", "超过", "50000.00"), ("5万元以上", "以上", "50000.00"), ("1万元（含）以上", "以上", "10000.00"),
    ("5000元及以上", "以上", "5000.00"), ("达到10万元", "以上", "100000.00")])
def test_a_tier_reads_its_bound_from_the_words(words, bound, amount):
    lp = load_plan_text(f"标题: 甲\n年度: 2020\n捐赠规则:\n  分级:\n    - {{对象: 单位, 标准: {words}, 处理: 证书}}\n")
    assert lp.diagnostics == []
    (tier,) = lp.plan.donation_policy.tiers
    assert (tier.bound, tier.amount) == (bound, Decimal(amount))


def test_以上_includes_the_figure_and_超过_does_not(tmp_path):
    rules = ("捐赠规则:\n  分级:\n    - {对象: 个人, 标准: 超过5000元, 处理: 证书}\n"
             "    - {对象: 全部, 标准: 1万元以上, 处理: [仪式]}\n")
    write(tmp_path, "捐款.csv", "捐赠人,金额\n张三,5000\n李四,5000.01\n王五,10000\n某某有限公司,9999.99\n")
    (job,) = donations(plan=plan(tmp_path, rules), view="large").jobs
    assert [(g.donor, [a for t in g.tiers for a in t.actions]) for g in job.report.large] == [
        ("李四", ["certificate"]), ("王五", ["certificate", "ceremony"])]
    assert [row[8] for row in job.table.rows] == ["颁发捐赠证书、举行捐赠仪式", "颁发捐赠证书"]
    assert job.table.notes[0] == ("适用规则（方案“捐赠规则”）：个人单笔超过 5,000.00 元：颁发捐赠证书；"
                                  "单笔 10,000.00 元以上（含本数）：举行捐赠仪式。")


def test_a_tier_needs_its_bound_and_a_known_action(tmp_path):
    lp = load_plan_text("标题: 甲\n年度: 2020\n捐赠规则:\n  分级:\n    - 标准: 5000\n      处理: 证书\n"
                        "    - 标准: 超过5000\n      处理: 奖励\n    - 标准: 超过5000\n      界限: 以上\n")
    found = sorted((d.code, d.line) for d in lp.diagnostics)
    assert ("FP101", 5) in found and ("FP102", 8) in found and ("FP102", 9) in found


def test_publication_tiers_list_donors_from_the_amount_and_sum_the_rest(tmp_path):
    rules = "捐赠规则:\n  分级:\n    - {对象: 个人, 标准: 1万元以上, 处理: 同意后公示}\n"
    write(tmp_path, "捐款.csv", "捐赠人,金额,同意公示\n张三,10000,是\n李四,20000,\n王五,500,是\n赵六,300,\n"
                                "县妇联,800,\n")
    (job,) = donations(plan=plan(tmp_path, rules), view="publicity").jobs
    rows = [(r[1], r[6]) for r in job.table.rows]
    assert rows == [("县妇联", Decimal("800.00")), ("李*", Decimal("20000.00")), ("张三", Decimal("10000.00")),
                    ("其他个人捐赠（2 人）", Decimal("800.00"))]
    assert sum(r[6] for r in job.table.rows) == job.report.total.total == Decimal("31600.00")
    assert "经本人同意后公示" in job.table.notes[1]


def test_a_rules_file_fills_what_the_plan_leaves_unsaid_and_the_plan_wins(tmp_path):
    write(tmp_path, "捐款.csv", "捐赠人,金额\n张三,3000\n")
    office = write(tmp_path, "office.yaml", "捐赠规则:\n  个人大额标准: 1000\n  公示期限: 20\n  匿名称谓: 爱心人士\n")
    (job,) = donations(plan=plan(tmp_path), view="large", donation_rules=office).jobs
    assert [g.donor for g in job.report.large] == ["张三"]
    assert job.table.notes[0].startswith(f"适用规则（规则文件 {office}）：个人单笔超过 1,000.00 元")
    (job,) = donations(plan=plan(tmp_path, "捐赠规则:\n  个人大额标准: 5000\n"), view="large",
                       donation_rules=office).jobs
    assert job.report.large == []
    (job,) = donations(plan=plan(tmp_path), view="publicity", donation_rules=office).jobs
    assert [r[1] for r in job.table.rows] == ["爱心人士"]


def test_an_unreadable_rules_file_is_a_usage_error_with_its_findings(tmp_path, runner):
    bad = write(tmp_path, "bad.yaml", "捐赠规则:\n  分级:\n    - 标准: 5000\n")
    with pytest.raises(UsageError) as e:
        donations(ledgers=[write(tmp_path, "a.csv", "捐赠人,金额\n张三,1\n")], donation_rules=bad)
    assert [d.code for d in e.value.diagnostics] == ["FP101"]
    result = runner.invoke(app, ["deadlines", str(ROOT / "plans"), "--as-of", "2010-07-01",
                                 "--donation-rules", bad])
    assert result.exit_code == 2 and f"{bad}:3:7: error FP101" in result.stderr


# --- 5. tables that show the same money agree --------------------------------------------------------

def test_a_report_whose_tables_disagree_warns_with_both_figures(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["report", "plans/2010-区教育局-扶贫济困日.yaml", "--as-of", "2010-07-01",
                                 "-f", "json", "-o", "-"])
    doc = json_document(result, "report")
    found = [d["message"] for d in doc["diagnostics"] if d["code"] == "FP625"]
    assert found[0] == ("同一报表中两张表的捐赠合计不符：捐赠统计表 90,708.25 元，扶贫济困日活动情况统计表 91,308.25 元"
                        "（差 600.00）：请核对台账与活动记录")


def test_tables_that_agree_raise_no_warning():
    a = Table("donations", "捐赠统计表", [], [], figures={"donations": Decimal("10.00")})
    b = Table("activities", "扶贫日活动情况统计表", [], [], figures={"donations": Decimal("10.00")})
    assert disagreements([a, b]) == []
    b.figures["donations"] = Decimal("10.01")
    (d,) = disagreements([a, b], "p.yaml")
    assert (d.code, d.args["a_value"], d.args["b_value"]) == ("FP625", "10.00", "10.01")
