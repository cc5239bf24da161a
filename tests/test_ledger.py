"""Donation ledgers: every amount, date and encoding; every skip and rejection with its line; the checks."""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import re
import warnings
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fupin_cli.cli import app
from fupin_cli.commands.donations import donations
from fupin_cli.diagnostics import UsageError
from fupin_cli.engines.ledger import LedgerOptions, read_ledgers
from fupin_cli.engines.ledger import fast as duck
from fupin_cli.engines.records import read_records
from fupin_cli.loading.tables import open_table
from fupin_cli.model import DonationPolicy
from fupin_cli.money import parse_amount, parse_capital, read_amount, to_capital
from fupin_cli.privacy import mask_name, scrub
from fupin_cli.reports import publicity_table

from .conftest import ROOT, json_document

EXAMPLES = ROOT / "examples" / "ledgers" / "2010-区教育局"
PLAN = ROOT / "plans" / "2010-区教育局-扶贫济困日.yaml"


#: the rules of seed 002 (超过 5万元 from a unit, 超过 5000元 from a person: a certificate)
SEED_TIERS = tuple(DonationPolicy(large_unit="5万元", large_person=5000).rules())


def ledger(tmp_path, name, text, encoding="utf-8", bom=False):
    p = tmp_path / name
    p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return str(p)


def run(*files, **opts):
    report = read_ledgers(files, LedgerOptions(**opts))
    for f in report.files:  # the accounting identity holds for every file of every test
        assert f.balanced, (f.file, f.rows_read, f.accepted, f.skipped, f.rejected)
    return report


def codes(report):
    return sorted((d.code, d.line) for d in report.diagnostics)


# --- amounts -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("1,234.50", "1234.50"), ("¥1234.5", "1234.50"), ("￥1234.5", "1234.50"), ("1234.5元", "1234.50"),
    ("1.2万", "12000.00"), ("1.2万元", "12000.00"), ("１２３４．５", "1234.50"), ("50", "50.00"),
    ("壹仟贰佰叁拾肆元伍角", "1234.50"), ("伍仟元整", "5000.00"), ("伍仟元正", "5000.00"),
    ("人民币壹万陆仟叁佰零玖元零贰分", "16309.02"), ("伍角", "0.50"),
    ("壹拾元整", "10.00"), ("拾元", "10.00"), ("壹佰万零壹拾元整", "1000010.00"), ("人民币5000元整", "5000.00"),
])
def test_every_amount_form(text, value):
    assert parse_amount(text) == Decimal(value)


@pytest.mark.parametrize("value,capital", [
    ("1004.50", "壹仟零肆元伍角整"), ("1004.56", "壹仟零肆元伍角陆分"), ("16309.02", "壹万陆仟叁佰零玖元零贰分"),
    ("15", "壹拾伍元整"), ("100000", "壹拾万元整"), ("0.05", "伍分"), ("0.5", "伍角整"), ("0", "零元整"),
    ("100000001", "壹亿零壹元整"), ("10010", "壹万零壹拾元整"), ("90708.25", "玖万零柒佰零捌元贰角伍分"),
])
def test_capital_writing_rules(value, capital):
    assert to_capital(Decimal(value)) == capital


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=10**13))
def test_capital_round_trip(fen):
    amount = Decimal(fen).scaleb(-2)
    assert parse_capital(to_capital(amount)) == amount


@pytest.mark.parametrize("text", ["约50", "五十块", "1,23.4", "abc", "元", "壹贰元", "50元元", "--5"])
def test_unreadable_amounts(text):
    with pytest.raises(ValueError):
        read_amount(text)


# --- reading files -------------------------------------------------------------------------------------

def test_gbk_file_with_title_rows_and_a_total_row():
    t = open_table(str(EXAMPLES / "一中.csv"))
    assert (t.encoding, t.header_line, t.columns["amount"]) == ("gb18030", 3, 3)
    report = run(str(EXAMPLES / "一中.csv"), year=2010)
    f = report.files[0]
    assert (f.rows_read, f.accepted, len(f.skipped), len(f.rejected)) == (16, 11, 5, 0)
    assert sorted(reason for _, reason in f.skipped) == ["blank", "header", "title", "title", "total"]
    assert report.total.cash == Decimal("1595.40")
    assert codes(report) == [("FP617", 1)]  # the 合计 row agrees with the rows: no FP607


def test_utf8_bom_file_with_capital_amounts_and_goods():
    report = run(str(EXAMPLES / "机关.csv"), year=2010, tiers=SEED_TIERS)
    assert (report.total.cash, report.total.goods, report.total.gifts) == (Decimal("66350.50"), Decimal("22500.00"), 8)
    assert [g.donor for g in report.large] == ["广东某建设工程有限公司", "欧阳修远"]


def test_file_with_bad_rows_reports_each_with_its_line_and_reason():
    report = run(str(EXAMPLES / "二中.csv"), year=2010)
    rejected = [(line, d.code) for line, d, _ in report.files[0].rejected]
    assert rejected == [(3, "FP601"), (4, "FP602"), (5, "FP603"), (6, "FP604"), (7, "FP605"), (11, "FP602")]
    assert ("FP606", 8) in codes(report)                       # 12.345 rounded half up to 12.35
    assert ("FP609", 10) in codes(report)                      # 郭强 entered twice: counted, warned
    dup = next(d for d in report.diagnostics if d.code == "FP609")
    assert dup.message() == "与第 9 行完全相同（郭*，60.00 元）：是否重复录入？"   # a person's name masked
    assert report.total.cash == Decimal("262.35")
    assert report.total.donors == 4


@pytest.mark.parametrize("encoding,bom", [("utf-8", False), ("utf-8", True), ("gbk", False), ("gb18030", False)])
def test_every_encoding(tmp_path, encoding, bom):
    text = "捐赠人,金额\n张三,100\n刘䶮,50.5\n" if encoding == "gb18030" else "捐赠人,金额\n张三,100\n李四,50.5\n"
    report = run(ledger(tmp_path, "a.csv", text, encoding, bom))
    assert report.total.cash == Decimal("150.50")
    names = [e for e in report.groups]
    assert names == [("a",)]


def test_gb18030_only_character_is_read_not_mangled(tmp_path):
    path = ledger(tmp_path, "a.csv", "捐赠人,金额\n刘䶮,50\n", "gb18030")
    report = read_ledgers([path], LedgerOptions(publicity=True))
    assert [e.donor for e in report.publicity.values()] == ["刘䶮"]


def test_forced_encoding(tmp_path):
    path = ledger(tmp_path, "a.csv", "捐赠人,金额\n张三,100\n", "gbk")
    assert run(path, encoding="gbk").total.cash == Decimal("100.00")


def test_mixed_encodings_reject_only_the_lines_that_do_not_decode(tmp_path):
    p = tmp_path / "mixed.csv"
    p.write_bytes("捐赠人,金额\n张三,100\n".encode() + "李四,50\n".encode("gbk") + "王五,20\n".encode())
    report = run(str(p))
    assert report.total.cash == Decimal("120.00")
    assert [(line, d.code) for line, d, _ in report.files[0].rejected] == [(3, "FP618")]


@pytest.mark.parametrize("sep", [",", "\t", ";"])
def test_separators(tmp_path, sep):
    path = ledger(tmp_path, "a.csv", f"捐赠人{sep}金额{sep}日期\n张三{sep}100{sep}2020-10-17\n")
    assert run(path).total.cash == Decimal("100.00")


@pytest.mark.parametrize("text,expected", [
    ("2020-10-17", date(2020, 10, 17)), ("2020/10/17", date(2020, 10, 17)), ("2020年10月17日", date(2020, 10, 17)),
    ("10月17日", date(2020, 10, 17)), ("44121", date(2020, 10, 17)), ("2020-10-17 09:30:00", date(2020, 10, 17)),
])
def test_every_date_form(tmp_path, text, expected):
    path = ledger(tmp_path, "a.csv", f"捐赠人,金额,日期\n张三,100,{text}\n")
    report = run(path, year=2020, by=("date",))
    assert list(report.groups) == [(expected,)]


def test_yearless_date_without_a_year_is_rejected_with_the_reason(tmp_path):
    report = run(ledger(tmp_path, "a.csv", "捐赠人,金额,日期\n张三,100,10月17日\n"))
    (line, d, _), = report.files[0].rejected
    assert (line, d.code) == (2, "FP604") and "没有年份" in d.message()


def test_every_rejection_reason(tmp_path):
    text = ("捐赠人,类型,金额,估值,日期\n"
            "张三,款,abc,,2020-10-17\n"        # FP601 unreadable amount
            "李四,款,-5,,2020-10-17\n"         # FP602 negative
            ",款,5,,2020-10-17\n"              # FP603 no donor
            "王五,款,5,,2020-13-01\n"          # FP604 bad date
            "赵六,款,5\n"                      # FP605 too few columns
            "钱七,股票,5,,2020-10-17\n"        # FP615 unknown kind
            "孙八,物,,,2020-10-17\n"           # FP616 goods without value
            "周九,款,5,,2020-10-17\n")         # accepted
    report = run(ledger(tmp_path, "a.csv", text))
    rejected = [(line, d.code) for line, d, _ in report.files[0].rejected]
    assert rejected == [(2, "FP601"), (3, "FP602"), (4, "FP603"), (5, "FP604"), (6, "FP605"), (7, "FP615"),
                        (8, "FP616")]
    assert (report.accepted, report.total.cash) == (1, Decimal("5.00"))


def test_no_header_rejects_every_row_and_says_so(tmp_path):
    report = run(ledger(tmp_path, "a.csv", "张三,100\n李四,50\n"))
    assert [d.code for d in report.diagnostics] == ["FP614"] * 3  # the file, then each row
    assert (report.rows_read, report.rejected) == (2, 2)


def test_total_row_that_disagrees_and_subtotals(tmp_path):
    text = "捐赠人,金额\n张三,100\n李四,50\n小计,150\n王五,10\n合计,170\n"
    report = run(ledger(tmp_path, "a.csv", text))
    assert report.total.cash == Decimal("160.00")
    (d,) = [d for d in report.diagnostics if d.code == "FP607"]
    assert (d.line, d.message()) == (6, "合计行 170.00 与逐笔相加 160.00 不符（差 10.00）")
    assert sorted(r for _, r in report.files[0].skipped) == ["header", "subtotal", "total"]


def test_duplicate_receipts_quota_school_reconciliation(tmp_path):
    rows = "".join(f"学生{i:02d},50,R{i:03d}\n" for i in range(12)) + "学生99,100,R001\n"
    path = ledger(tmp_path, "城关小学.csv", "捐赠人,金额,票据号\n" + rows)
    report = run(path, schools_may_organise=False, expected_total=Decimal("700.00"))
    found = {d.code: d for d in report.diagnostics}
    assert found["FP608"].line == 14 and "R001" in found["FP608"].message()
    assert found["FP610"].message() == "城关小学：13 笔中有 12 笔金额均为 50.00 元（92%），可能存在硬性摊派"
    assert found["FP611"].message() == "方案规定中小学原则上不组织捐款，但城关小学组织了 13 笔捐赠"
    assert "FP612" not in found and report.total.total == Decimal("700.00")  # reconciles


def test_reconciliation_difference(tmp_path):
    report = run(ledger(tmp_path, "a.csv", "捐赠人,金额\n张三,100\n"), expected_total=Decimal("120"))
    (d,) = [d for d in report.diagnostics if d.code == "FP612"]
    assert d.message() == "捐赠总额 100.00 与方案应到账金额 120.00 不符（差 -20.00）"


def test_large_gift_thresholds_for_units_and_persons(tmp_path):
    text = "捐赠人,金额\n某某建材有限公司,50000\n某某建材有限公司,50000.01\n张三,5000\n李四,5000.01\n"
    report = run(ledger(tmp_path, "a.csv", text), tiers=SEED_TIERS)
    assert [(g.donor, g.amount) for g in report.large] == [("某某建材有限公司", Decimal("50000.01")),
                                                          ("李四", Decimal("5000.01"))]
    assert [d.line for d in report.diagnostics if d.code == "FP613"] == [3, 5]


def test_unknown_headers_are_named_and_a_mapping_fixes_them(tmp_path):
    path = ledger(tmp_path, "a.csv", "捐赠人,捐款数（元）,所在村\n张三,100,大廊村\n")
    report = run(path)
    assert report.accepted == 0 and [d.code for d in report.diagnostics][0] == "FP614"
    report = run(path, mapping={"amount": "捐款数（元）", "purpose": "所在村"}, by=("purpose",))
    assert list(report.groups) == [("大廊村",)]
    assert report.total.cash == Decimal("100.00")


# --- properties ----------------------------------------------------------------------------------------

ROWS = st.lists(st.tuples(st.sampled_from(["张三", "李四", "欧阳修远", "某某公司", "王五"]),
                          st.integers(min_value=1, max_value=10**8),
                          st.sampled_from(["一中", "二中", "机关"])), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(ROWS, st.integers(min_value=1, max_value=4), st.randoms(use_true_random=False))
def test_splitting_or_shuffling_a_ledger_gives_the_same_totals(tmp_path_factory, rows, k, rnd):
    tmp = tmp_path_factory.mktemp("split")
    lines = [f"{d},{Decimal(f).scaleb(-2)},{u}" for d, f, u in rows]
    whole = run(ledger(tmp, "all.csv", "捐赠人,金额,所属单位\n" + "\n".join(lines) + "\n"))
    shuffled = lines[:]
    rnd.shuffle(shuffled)
    parts = [shuffled[i::k] for i in range(k)]
    files = [ledger(tmp, f"p{i}.csv", "捐赠人,金额,所属单位\n" + "\n".join(p) + "\n") for i, p in enumerate(parts) if p]
    split = run(*files)
    assert split.total == whole.total
    assert split.groups == whole.groups
    assert whole.total.cash == sum((Decimal(f).scaleb(-2) for _, f, _ in rows), Decimal("0.00"))


# --- privacy -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,masked", [("张三", "张*"), ("王小明", "王**"), ("欧阳修远", "欧阳**"), ("欧阳修", "欧阳*"),
                                         ("诸葛亮", "诸葛*"), ("司马相如", "司马**"), ("欧阳", "欧*"), ("李", "李*")])
def test_masking_keeps_the_surname(name, masked):
    assert mask_name(name) == masked


def test_phone_and_id_numbers_never_appear(tmp_path, runner):
    text = ("捐赠人,金额,联系电话,身份证号,备注\n"
            "张三,100,13812341234,350102199001011234,电话13812341234\n"
            "李四13900001111,50,,,\n"
            "王五,abc,13700001111,350102199001015678,\n")
    path = ledger(tmp_path, "a.csv", text)
    rejects = tmp_path / "rejects.csv"
    outputs = []
    for args in (["--publicity"], ["--large"], [], ["--format", "json"], ["--format", "csv"]):
        result = runner.invoke(app, ["donations", path, "--rejects", str(rejects), *args])
        outputs.append(result.output + rejects.read_text(encoding="utf-8-sig"))
    everything = "".join(outputs)
    for secret in ("13812341234", "13900001111", "13700001111", "350102199001011234", "350102199001015678"):
        assert secret not in everything
    assert "王*,abc,***,***," in everything   # the rejected row: name masked, phone and ID columns not shown


def test_publicity_masks_persons_unless_they_consented_and_keeps_units():
    report = read_ledgers([str(EXAMPLES / "机关.csv")], LedgerOptions(publicity=True, year=2010))
    names = [row[1] for row in publicity_table(report).rows]
    assert names[:4] == ["广东某建设工程有限公司", "区人民医院", "区新华书店", "区教育局机关工会"]
    assert "欧阳**" in names and "司马光" in names and "黄**" in names and "林**" in names
    assert all(row[1] == "爱心人士" for row in publicity_table(report, anonymous_label="爱心人士").rows
               if row[2] == "个人" and row[1] != "司马光")


def test_scrub_masks_numbers_inside_text():
    assert scrub("电话：13812341234；证件 35010219900101123X") == "电话：138****1234；证件 35*************23X"


# --- the command ---------------------------------------------------------------------------------------

EXPECTED_PLAN_OUTPUT = (
    "教育局开展“扶贫济困日”活动实施方案 捐赠统计表（单位：元）\n"
    "单位      笔数    捐赠人数    现金（元）    物资折价（元）    合计（元）\n"
    "------  ------  ----------  ------------  ----------------  ------------\n"
    "一中        11          11      1,595.40              0.00      1,595.40\n"
    "二中         5           4        262.35              0.00        262.35\n"
    "机关         8           8     66,350.50         22,500.00     88,850.50\n"
    "------  ------  ----------  ------------  ----------------  ------------\n"
    "合计        24          23     68,208.25         22,500.00     90,708.25\n"
    "合计（大写）：玖万零柒佰零捌元贰角伍分\n"
    "读取 37 行 = 有效 24 + 跳过 7 + 拒收 6\n"
)


def test_exact_output_for_the_shipped_plan_and_example_ledgers(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["donations"])
    assert result.exit_code == 0
    assert result.stdout == EXPECTED_PLAN_OUTPUT
    # the 2010 notice sets no large-gift rule: no certificate warning (FP613)
    assert result.stderr.count("\n") == 9 and "FP613" not in result.stderr


def test_readme_states_the_example_totals(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    doc = json_document(runner.invoke(app, ["donations", "--plan", str(PLAN), "--format", "json"]), "donations")
    ((data,),) = [part["tables"] for part in doc["results"]]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert data["total"]["total"] == "90708.25" and "90,708.25" in readme
    assert "玖万零柒佰零捌元贰角伍分" in readme
    assert [(r["unit"], r["total"]) for r in data["rows"]] == [("一中", "1595.40"), ("二中", "262.35"),
                                                                ("机关", "88850.50")]


def test_strict_rejects_and_rejects_file(runner, tmp_path):
    out = tmp_path / "拒收.csv"
    args = ["donations", "--plan", str(PLAN), "--rejects", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    assert runner.invoke(app, args + ["--strict"]).exit_code == 1
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["文件", "行", "代码", "原因", "原始内容"]
    assert [(r[1], r[2]) for r in rows[1:]] == [("3", "FP601"), ("4", "FP602"), ("5", "FP603"), ("6", "FP604"),
                                                ("7", "FP605"), ("11", "FP602")]


def test_group_by_several_keys_and_csv_for_excel(runner, tmp_path):
    out = tmp_path / "统计.csv"
    result = runner.invoke(app, ["donations", "--plan", str(PLAN), "--by", "unit,kind", "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["单位", "款物", "笔数", "捐赠人数", "现金（元）", "物资折价（元）", "合计（元）"]
    assert rows[-2] == ["机关", "物", "3", "3", "0.00", "22500.00", "22500.00"]
    assert rows[-1] == ["合计", "", "24", "23", "68208.25", "22500.00", "90708.25"]


def test_bad_options_are_usage_errors(runner):
    assert runner.invoke(app, ["donations", "--plan", str(PLAN), "--by", "colour"]).exit_code == 2
    assert runner.invoke(app, ["donations", "--plan", str(PLAN), "--format", "ics"]).exit_code == 2
    assert runner.invoke(app, ["donations", "no-such-ledger.csv"]).exit_code == 2


def test_columns_mapping_file(runner, tmp_path):
    path = ledger(tmp_path, "a.csv", "捐赠人,捐款数\n张三,100\n")
    mapping = tmp_path / "cols.yaml"
    mapping.write_text("金额: 捐款数\n", encoding="utf-8")
    result = runner.invoke(app, ["donations", path, "--columns", str(mapping), "-f", "json"])
    (part,) = json_document(result, "donations")["results"]
    assert part["plan"] is None and part["ledgers"] == [path]
    assert part["tables"][0]["total"]["total"] == "100.00"


def test_publicity_deadline_only_where_a_period_is_stated(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    # the 2010 notice states no 公示 period: no 公示 deadline
    result = runner.invoke(app, ["deadlines", "--as-of", "2010-07-01", "--format", "json"])
    rows = json_document(result, "deadlines")["results"][0]["tables"][0]["rows"]
    assert [r for r in rows if r["kind"] == "公示"] == []
    # an office's rules file states one (公示期限: 30), and the deadline names where it came from
    result = runner.invoke(app, ["deadlines", "--as-of", "2010-07-01", "--format", "json",
                                 "--donation-rules", "examples/donation-rules.yaml"])
    rows = json_document(result, "deadlines")["results"][0]["tables"][0]["rows"]
    (pub,) = [r for r in rows if r["kind"] == "公示"]
    # the drive is on 2010-06-30; 30 working days later (no holiday in July 2010) is 08-11
    assert (pub["due"], pub["rule"], pub["status"]) == (
        "2010-08-11", "捐赠活动结束后30个工作日内（规则文件 examples/donation-rules.yaml）", "还剩41天（29个工作日）")


def test_a_plan_period_wins_over_the_rules_file(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    text = PLAN.read_text(encoding="utf-8").replace("  接收单位: 区慈善会", "  接收单位: 区慈善会\n  公示期限: 10")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace("../examples/", str(ROOT / "examples") + "/"), encoding="utf-8")
    result = runner.invoke(app, ["deadlines", str(plan), "--as-of", "2010-07-01", "--format", "json",
                                 "--donation-rules", "examples/donation-rules.yaml"])
    rows = json_document(result, "deadlines")["results"][0]["tables"][0]["rows"]
    (pub,) = [r for r in rows if r["kind"] == "公示"]
    assert (pub["due"], pub["rule"]) == ("2010-07-14", "捐赠活动结束后10个工作日内（方案捐赠规则）")



def test_unrecognised_header_columns_are_named(tmp_path):
    report = run(ledger(tmp_path, "a.csv", "捐赠人,金额,爱好\n张三,100,书法\n"))
    (d,) = [d for d in report.diagnostics if d.code == "FP619"]
    assert (d.line, "爱好" in d.message()) == (1, True)
    assert report.total.cash == Decimal("100.00")


def test_readme_table_of_example_ledgers_matches_each_file():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    report = read_ledgers(sorted(str(p) for p in EXAMPLES.glob("*.csv")), LedgerOptions(year=2010))
    for f in report.files:
        name = f.file.rsplit("/", 1)[-1]
        row = next(line for line in readme.splitlines() if line.startswith(f"| {name} |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert [int(c) for c in cells[2:6]] == [f.rows_read, f.accepted, len(f.skipped), len(f.rejected)]
        assert re.match(r"[\d,.]+", cells[6]).group(0) == f"{f.total:,.2f}"


def test_progress_hears_each_file_from_start_to_end(tmp_path):
    a = ledger(tmp_path, "a.csv", "捐赠人,金额\n张三,100\n")
    b = ledger(tmp_path, "b.csv", "捐赠人,金额\n李四,50\n王五,20\n")
    calls = []
    read_ledgers([a, b], LedgerOptions(), progress=lambda *call: calls.append(call))
    sa, sb = os.path.getsize(a), os.path.getsize(b)
    assert (calls[0], calls[-1]) == ((a, 0, sa), (b, sb, sb))
    assert (a, sa, sa) in calls and (b, 0, sb) in calls
    assert all(done <= total for _, done, total in calls)


def test_every_file_read_is_closed(tmp_path):
    dup = ledger(tmp_path, "dup.csv", "捐赠人,金额\n张三,100\n张三,100\n")
    headless = ledger(tmp_path, "headless.csv", "a,b\n1,2\n")
    records = sorted(str(p) for p in (ROOT / "examples" / "records").rglob("*.csv"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        run(str(EXAMPLES / "一中.csv"), dup, headless, year=2010)
        read_records(records, 2010)
        gc.collect()
    assert [str(w.message) for w in caught if w.category is ResourceWarning] == []


def test_donations_command_usage_errors_and_an_invalid_plan():
    with pytest.raises(UsageError) as e:
        donations(ledgers=[str(EXAMPLES / "一中.csv")], by="unit,nope")
    assert e.value.en.startswith("--by takes unit")
    result = donations(plan=str(ROOT / "tests" / "plans_broken" / "fp103_undefined_lead.yaml"))
    assert (result.jobs, result.invalid_plan is not None, result.exit_code()) == ([], True, 1)
    assert [d.code for d in result.diagnostics] == ["FP103"]


# --- the DuckDB path for one large clean file agrees with the row-by-row pass ----------------------------

def _both_ways(monkeypatch, path, **opts):
    used = []
    real = duck.total_file

    def spy(p, options):
        totals = real(p, options)
        used.append(totals is not None)
        return totals

    monkeypatch.setattr(duck, "MIN_BYTES", 0)
    monkeypatch.setattr(duck, "total_file", spy)
    opts = {"tiers": SEED_TIERS, **opts}
    fast = read_ledgers([path], LedgerOptions(**opts))
    monkeypatch.setattr(duck, "total_file", lambda p, options: None)
    slow = read_ledgers([path], LedgerOptions(**opts))
    return fast, slow, used[0]


def _same(fast, slow):
    assert fast.groups == slow.groups
    assert fast.total == slow.total
    assert [(g.line, g.donor, g.amount, g.donor_type) for g in fast.large] == \
        [(g.line, g.donor, g.amount, g.donor_type) for g in slow.large]
    assert sorted(d.format() for d in fast.diagnostics) == sorted(d.format() for d in slow.diagnostics)
    assert [(f.rows_read, f.accepted, len(f.skipped), len(f.rejected)) for f in fast.files] == \
        [(f.rows_read, f.accepted, len(f.skipped), len(f.rejected)) for f in slow.files]


CLEAN = ("序号,日期,捐赠人,所属单位,类型,金额\n" +
         "".join(f"{i},2020-10-{10 + i % 9},{'张王李赵'[i % 4]}{'伟芳'[i % 2]}{i % 7},第{i % 3}中学,款,{(i * 37) % 500 + 1}"
                 f"{'.5' if i % 5 == 0 else ''}\n" for i in range(1, 400)) +
         "400,2020-10-17,某某实业有限公司,第1中学,款,60000\n401,2020-10-17,欧阳修远,第2中学,现金,5000.01\n")


def test_large_clean_file_is_totalled_by_duckdb_with_the_same_results(tmp_path, monkeypatch):
    fast, slow, used = _both_ways(monkeypatch, ledger(tmp_path, "县.csv", CLEAN), year=2020)
    assert used is True
    _same(fast, slow)
    assert len(fast.large) == 2 and fast.total.gifts == 401


@pytest.mark.parametrize("change", [
    lambda t: t + "401,2020-10-17,欧阳修远,第2中学,现金,5000.01\n",          # an exact duplicate
    lambda t: t + "合计,,,,,999\n",                                        # a total row
    lambda t: t + "410,2020-10-17,陈十三,第1中学,款,叁元整\n",               # a 大写 amount
    lambda t: t + "402,2020-10-17,钱七 ,第1中学,款,5\n",                    # a space after a name
    lambda t: t + "411,2020-10-17,卫十四,第1中学,款,1.234\n",               # more than two decimals
    lambda t: t + "\n403,2020-10-17,孙八,第1中学,款,5\n",                   # a blank line
    lambda t: t + "404,2020-10-17,,第1中学,款,5\n",                         # no donor
    lambda t: t + "405,2020-10-32,周九,第1中学,款,5\n",                     # a bad date
    lambda t: t + "406,2020-10-17,吴十,第1中学,物资,5\n",                   # goods
    lambda t: t + "407,2020-10-17,郑十一,第1中学,款,5,多\n",                # an extra column
    lambda t: t + '408,2020-10-17,"王\n小二",第1中学,款,5\n',                # a line break inside a cell
    lambda t: t + "409,2020-10-17,冯十二,第1中学,款,0.00\n",                # zero
])
def test_anything_unusual_goes_row_by_row_and_both_agree(tmp_path, monkeypatch, change):
    fast, slow, used = _both_ways(monkeypatch, ledger(tmp_path, "县.csv", change(CLEAN)), year=2020)
    assert used is False
    _same(fast, slow)


_CELLS = st.one_of(st.sampled_from(["", "张三", "合计", "小计", "50", "-5", "壹仟元整", "1.2万", "¥1,000", "12.345", "款",
                                    "物", "2020-10-17", "10月17日", "44121", "abc", "  ", "=SUM(A1)", "NaN", "0.00"]),
                   st.text(max_size=5))


@settings(max_examples=120, deadline=None, derandomize=True)
@given(st.sampled_from([["捐赠人", "金额"], ["捐赠人", "类型", "金额", "估值", "日期", "票据号"],
                        ["序号", "捐款人", "班级", "金额（元）", "日期"]]),
       st.lists(st.lists(_CELLS, max_size=7), max_size=10), st.sampled_from(["utf-8", "gbk"]),
       st.sampled_from([",", "\t", ";"]), st.booleans())
def test_random_ledgers_never_raise_and_lose_no_row(tmp_path_factory, header, rows, encoding, sep, publicity):
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\n").writerows([header] + rows)
    path = tmp_path_factory.mktemp("fuzz") / "a.csv"
    try:
        path.write_bytes(buf.getvalue().encode(encoding))
    except UnicodeEncodeError:
        path.write_bytes(buf.getvalue().encode("utf-8"))
    run(str(path), by=("unit", "kind") if publicity else ("unit",), publicity=publicity, year=2020)
