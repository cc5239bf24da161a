"""Money as offices write it: Chinese numerals read by their grammar (ill-formed ones refused with the reason),
the common ledger forms, 大写 written right over the whole range, 人民币 on request (--rmb), amounts in xlsx that a
float cannot hold, and every money cell of json and csv to the fen."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fupin_cli import api
from fupin_cli.cli import app
from fupin_cli.engines.ledger import LedgerOptions, read_ledgers
from fupin_cli.money import CAPITAL_LIMIT, AmountError, parse_amount, parse_capital, read_amount, to_capital
from fupin_cli.render.xlsx import fits_a_number
from fupin_cli.table import total_in_words

from .conftest import ROOT

DISTRICT = ROOT / "plans" / "2010-区教育局-扶贫济困日.yaml"
TWO_DECIMALS = re.compile(r"^\d+\.\d\d$")

# --- reading: ill-formed numerals are refused, and say why ------------------------------------------------

MALFORMED = [
    ("138 1234 5678", "数字中间有空格", "spaces between its digits"),  # a phone number in the amount column
    ("1 234.50", "数字中间有空格", "spaces between its digits"),
    ("一〇二元", "之间缺少单位", "no unit between the digits"),
    # in 大写 every place is written: 叁佰玖 is 309 with its 零 left out, or 390 as said — not sure, so refused
    ("壹万陆仟叁佰玖元贰分", "“佰玖”缺少“零”或单位", "佰玖 lacks a 零 or a unit"),
    ("壹仟伍元", "“仟伍”缺少“零”或单位", "仟伍 lacks a 零 or a unit"),
    ("壹亿伍元", "“亿伍”缺少“零”或单位", "亿伍 lacks a 零 or a unit"),
    ("五〇五元", "之间缺少单位", "no unit between the digits"),
    ("壹零伍元", "之间缺少单位", "no unit between the digits"),
    ("壹贰元", "之间缺少单位", "no unit between the digits"),
    ("壹亿亿元", "“亿”出现了两次", "亿 comes twice"),
    ("壹亿贰亿元", "“亿”出现了两次", "亿 comes twice"),
    ("壹万贰万元", "“万”出现了两次", "万 comes twice"),
    ("壹万亿贰万叁万元", "“万”在亿以下出现了两次", "万 comes twice below 亿"),
    ("五百三千", "单位顺序不对", "units out of order"),
    ("壹拾伍佰元", "单位顺序不对", "units out of order"),
    ("十十", "单位“十”重复", "the unit 十 is repeated"),
    ("壹佰伍佰元", "单位“佰”重复", "the unit 佰 is repeated"),
    ("百五", "单位“百”前面缺少数字", "the unit 百 has no digit before it"),
    ("万元", "“万”前面缺少数字", "万 has no digits before it"),
    ("亿元", "“亿”前面缺少数字", "亿 has no digits before it"),
    ("壹万零伍仟元", "不代表任何空位", "stands for no missing place"),
    ("一千零五百", "不代表任何空位", "stands for no missing place"),
    ("壹仟零零伍元", "两个“零”相连", "two 零 in a row"),
    ("零壹元", "“零”不能写在最前面", "a 零 cannot come first"),
    ("壹佰零元", "“零”后面缺少数字", "a 零 has no digit after it"),
    ("壹拾零万元", "“零”后面缺少数字", "a 零 has no digit after it"),
    ("伍角零贰分", "角与分之间没有空位", "no 零 between 角 and 分"),
    ("元伍角", "“元”前面缺少数字", "元 has no number before it"),
]


@pytest.mark.parametrize("text,zh,en", MALFORMED)
def test_ill_formed_numerals_are_refused_with_the_reason(text, zh, en):
    with pytest.raises(AmountError) as caught:
        read_amount(text)
    assert zh in caught.value.zh and text in caught.value.zh
    assert en in caught.value.en and text in caught.value.en


def test_a_ledger_row_with_an_ill_formed_numeral_is_rejected_with_the_reason(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("捐赠人,金额\n张三,一〇二元\n李四,一千五元\n", encoding="utf-8")
    report = read_ledgers([str(p)], LedgerOptions())
    assert [(d.code, d.line) for d in report.diagnostics] == [("FP601", 2)]
    assert "缺少单位" in report.diagnostics[0].message()
    assert "no unit between" in report.diagnostics[0].message("en")
    assert report.total.cash == Decimal("1500.00")


# --- reading: the forms offices write ---------------------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("500元（现金）", "500"), ("500元(现金)", "500"), ("1,200.50元（转账）", "1200.50"), ("5千元", "5000"),
    ("5千", "5000"), ("3百元", "300"), ("1.2万", "12000"), ("1.2万元", "12000"), ("1.5亿元", "150000000"),
    ("3千万", "30000000"), ("人民币伍佰元整", "500"), ("一千五", "1500"), ("一千五元", "1500"),
    ("一千五百元", "1500"), ("一千零五", "1005"), ("一千零五元", "1005"), ("三百五", "350"), ("一万五", "15000"),
    ("两万三", "23000"), ("一亿五", "150000000"), ("一千五万", "15000000"), ("一亿五万", "100050000"),
    ("十五", "15"), ("一十五", "15"), ("拾伍元", "15"), ("一千零十", "1010"), ("二十万零五百", "200500"),
    ("壹万贰仟亿元", "1200000000000"), ("壹万亿零壹元", "1000000000001"), ("壹拾万零伍仟元", "105000"),
    ("壹拾万伍仟元", "105000"), ("壹仟陆佰捌拾元零叁角贰分", "1680.32"), ("壹仟陆佰捌拾元叁角贰分", "1680.32"),
    ("叁佰贰拾伍元零肆分", "325.04"), ("零元整", "0"), ("伍角", "0.5"), 
    ("壹萬貳仟參佰圓整", "12300"),
])
def test_common_forms(text, value):
    assert parse_amount(text) == Decimal(value).quantize(Decimal("0.01"))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="零〇壹贰叁伍一二三五两十拾百佰千仟万亿元角分整", max_size=14))
def test_any_string_of_numeral_characters_is_read_or_refused_never_a_crash(text):
    try:
        value = parse_amount(text)
    except AmountError as e:
        assert e.zh and e.en
    else:
        assert value >= 0


# --- writing 大写 ------------------------------------------------------------------------------------------

#: hand-checked, across every magnitude and every boundary a 零 may cross
CAPITALS = [
    ("0", "零元整"), ("0.05", "伍分"), ("0.5", "伍角整"), ("10", "壹拾元整"), ("15", "壹拾伍元整"),
    ("325.04", "叁佰贰拾伍元零肆分"), ("1409.50", "壹仟肆佰零玖元伍角整"), ("6007.14", "陆仟零柒元壹角肆分"),
    ("10000", "壹万元整"), ("10010", "壹万零壹拾元整"), ("105000", "壹拾万伍仟元整"),
    ("107000.53", "壹拾万柒仟元伍角叁分"), ("10001000", "壹仟万壹仟元整"), ("100000000", "壹亿元整"),
    ("100000001", "壹亿零壹元整"), ("110000000", "壹亿壹仟万元整"), ("1000010000", "壹拾亿零壹万元整"),
    ("100001000000", "壹仟亿零壹佰万元整"), ("120000000000", "壹仟贰佰亿元整"),
    ("1000000000000", "壹万亿元整"), ("1000000000001", "壹万亿零壹元整"), ("1000010000000", "壹万亿零壹仟万元整"),
    ("1500010000000", "壹万伍仟亿壹仟万元整"),
    ("1000000001000", "壹万亿零壹仟元整"), ("1000100000000", "壹万零壹亿元整"),
    ("1234500000000", "壹万贰仟叁佰肆拾伍亿元整"), ("1200000000000", "壹万贰仟亿元整"),
    ("10000000000000.01", "壹拾万亿元零壹分"), ("100000000000000", "壹佰万亿元整"),
    ("999999999999999.99", "玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ("9999999999999999.99", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
]


@pytest.mark.parametrize("value,capital", CAPITALS)
def test_capital_by_hand(value, capital):
    assert to_capital(Decimal(value)) == capital
    assert parse_capital(capital) == Decimal(value)


def test_capital_prefix_and_total_in_words():
    assert to_capital(Decimal("1234500000000"), prefix=True) == "人民币壹万贰仟叁佰肆拾伍亿元整"
    assert total_in_words(Decimal("90708.25"), prefix=True).zh == "合计（大写）：人民币玖万零柒佰零捌元贰角伍分"
    assert total_in_words(Decimal("90708.25")).zh == "合计（大写）：玖万零柒佰零捌元贰角伍分"
    assert "人民币" not in total_in_words(CAPITAL_LIMIT, prefix=True).zh  # out of range: the reason, no prefix


@pytest.mark.parametrize("value", [CAPITAL_LIMIT, Decimal("9999999999999999.995"), Decimal("-0.01"),
                                   Decimal("NaN")])
def test_capital_refuses_what_it_cannot_write(value):
    with pytest.raises(AmountError):
        to_capital(value)


_LOWER = str.maketrans("零壹贰叁肆伍陆柒捌玖拾佰仟", "〇一二三四五六七八九十百千")
_NAMES = {0: "", 1: "拾", 2: "佰", 3: "仟"}


def reference_capital(amount: Decimal) -> str:
    """大写 built another way, digit by digit over a 16-place string: a digit and its place name; 万 / 亿 after a
    group of four that holds a digit (亿 also after 万亿); one 零 before a digit when places were skipped, except
    for the top place of a group right below the last one written (万位 or 亿位 zero, which the rule leaves
    optional)."""
    fen = int(amount * 100)
    digits = f"{fen // 100:016d}"
    out, last = [], None
    for i, ch in enumerate(digits):
        p = 15 - i
        d = int(ch)
        if d:
            if last is not None and last - p >= 2 and not (p % 4 == 3 and last // 4 == p // 4 + 1):
                out.append("零")
            out.append("零壹贰叁肆伍陆柒捌玖"[d] + _NAMES[p % 4])
            last = p
        if p == 12 and digits[0:4] != "0000":
            out.append("万")
        if p == 8 and digits[0:8] != "00000000":
            out.append("亿")
        if p == 4 and digits[8:12] != "0000":
            out.append("万")
    text = "".join(out)
    jiao, f = fen // 10 % 10, fen % 10
    if text:
        text += "元"
    if not jiao and not f:
        return (text or "零元") + "整"
    if jiao:
        text += "零壹贰叁肆伍陆柒捌玖"[jiao] + "角"
    elif text:
        text += "零"
    return text + ("零壹贰叁肆伍陆柒捌玖"[f] + "分" if f else "整")


def test_the_reference_agrees_with_the_hand_checked_table():
    for value, capital in CAPITALS:
        assert reference_capital(Decimal(value)) == capital, value


# amounts of every size: fen from 0 below 10^18 (10^16 元), with runs of zeros that cross the 万 and 亿 boundaries
_FEN = st.one_of(
    st.integers(min_value=0, max_value=10 ** 18 - 1),
    st.lists(st.sampled_from("0000000123456789"), min_size=1, max_size=18).map(lambda ds: int("".join(ds))),
    st.builds(lambda a, k, b: a * 10 ** k + b, st.integers(1, 9999), st.integers(2, 14), st.integers(0, 99)),
)


@settings(max_examples=1500, deadline=None)
@given(_FEN)
def test_capital_round_trip_over_the_whole_range(fen):
    amount = Decimal(fen).scaleb(-2)
    capital = to_capital(amount)
    assert parse_capital(capital) == amount
    assert parse_capital(to_capital(amount, prefix=True)) == amount
    assert parse_capital(capital.translate(_LOWER)) == amount  # the same in 小写 (一万零五 …) reads the same


@settings(max_examples=1500, deadline=None)
@given(_FEN)
def test_capital_agrees_with_the_reference(fen):
    amount = Decimal(fen).scaleb(-2)
    assert to_capital(amount) == reference_capital(amount)


@settings(max_examples=1500, deadline=None)
@given(_FEN)
def test_capital_obeys_the_writing_rules(fen):
    amount = Decimal(fen).scaleb(-2)
    text = to_capital(amount)
    yuan, jiao, f = fen // 100, fen // 10 % 10, fen % 10
    assert "零零" not in text
    assert not text.endswith("零")
    assert not re.search("零[拾佰仟万亿元角分整]", text) or text == "零元整"
    assert text.count("整") <= 1 and ("整" not in text or text.endswith(("元整", "角整")))
    assert text.endswith("整") == (f == 0)  # 整 after 元 or 角, none after 分
    assert re.fullmatch(r"(?:[壹贰叁肆伍陆柒捌玖][拾佰仟]?|零|万|亿|元|[壹贰叁肆伍陆柒捌玖]角|[壹贰叁肆伍陆柒捌玖]分|整)+", text) \
        or text == "零元整"
    assert text.count("亿") <= 1 and text.count("万") <= 2
    if "亿" in text:
        assert text.split("亿")[1].count("万") <= 1
    if 10 <= yuan % 100 <= 19 and yuan < 100 or 10 * 10 ** 4 <= yuan < 20 * 10 ** 4:
        assert text.startswith("壹拾")  # 10–19 at the start written 壹拾…
    assert not text.startswith("拾")
    # 零 after 元 exactly when 角 is 0 and 分 is not (and there are 元)
    assert ("元零" in text) == (yuan > 0 and jiao == 0 and f > 0)


# --- --rmb -------------------------------------------------------------------------------------------------

def test_donations_rmb_writes_renminbi_before_the_total_in_words(runner):
    plain = runner.invoke(app, ["donations", "--plan", str(DISTRICT)])
    with_rmb = runner.invoke(app, ["donations", "--plan", str(DISTRICT), "--rmb"])
    assert "合计（大写）：玖万零柒佰零捌元贰角伍分" in plain.stdout and "人民币" not in plain.stdout
    assert "合计（大写）：人民币玖万零柒佰零捌元贰角伍分" in with_rmb.stdout
    english = runner.invoke(app, ["donations", "--plan", str(DISTRICT), "--rmb", "--lang", "en"])
    assert "Total in words: 人民币玖万零柒佰零捌元贰角伍分" in english.stdout


def test_donations_rmb_from_python():
    result = api.donations(plan=str(DISTRICT), rmb=True)
    assert "合计（大写）：人民币玖万零柒佰零捌元贰角伍分" in result.jobs[0].table.notes


def test_report_rmb_in_every_total_in_words_of_the_workbook(runner, tmp_path):
    import openpyxl

    def words(*extra):
        out = tmp_path / f"r{len(extra)}.xlsx"
        result = runner.invoke(app, ["report", str(DISTRICT), "--as-of", "2010-07-01", "-o", str(out), *extra])
        assert result.exit_code == 0, result.output
        wb = openpyxl.load_workbook(out)
        return {ws.title: v for ws in wb for row in ws.iter_rows(values_only=True) for v in row
                if isinstance(v, str) and v.startswith("合计（大写）")}

    with_rmb, plain = words("--rmb"), words()
    assert set(with_rmb) == set(plain) == {"捐赠统计表", "捐赠公示名单", "扶贫济困日活动情况统计表"}
    assert with_rmb["捐赠统计表"] == "合计（大写）：人民币玖万零柒佰零捌元贰角伍分"
    for sheet, line in with_rmb.items():
        assert line == plain[sheet].replace("：", "：人民币", 1)
    md = runner.invoke(app, ["report", str(DISTRICT), "--as-of", "2010-07-01", "-f", "md", "-o", "-", "--rmb"])
    assert "合计（大写）：人民币玖万零柒佰零捌元贰角伍分" in md.stdout


# --- xlsx: an amount a float cannot hold ------------------------------------------------------------------

def test_fits_a_number():
    assert fits_a_number(Decimal("9999999999999.99")) and fits_a_number(Decimal("123456789012345"))
    assert not fits_a_number(Decimal("10000000000000.01")) and not fits_a_number(Decimal("999999999999999.99"))
    assert fits_a_number(Decimal("120000000000000000"))  # trailing zeros are not significant


def _big_plan(tmp_path):
    (tmp_path / "捐款.csv").write_text("捐赠人,金额,所属单位\n某集团,9000000000000,甲\n某基金会,1000000000000.01,乙\n",
                                     encoding="utf-8")
    plan = tmp_path / "p.yaml"
    plan.write_text("标题: 大额测试\n年度: 2020\n发文单位: 县教体局\n领导小组: {组长: 局长}\n单位: [县教体局]\n"
                    "活动: [{标题: 捐赠, 主办: 县教体局, 类别: 捐赠, 日期: 10月17日}]\n台账: [捐款.csv]\n", encoding="utf-8")
    return plan


def test_xlsx_total_of_16_significant_digits_is_text_and_the_run_warns(runner, tmp_path):
    import openpyxl

    out = tmp_path / "r.xlsx"
    result = runner.invoke(app, ["report", str(_big_plan(tmp_path)), "--as-of", "2020-10-15", "-t", "donations",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "FP025" in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"{out}: warning FP025: 工作表“捐赠统计表”")
    assert "中有 2 个金额" in warnings[0] and "如 D6 的 10,000,000,000,000.01" in warnings[0]
    ws = openpyxl.load_workbook(out)["捐赠统计表"]
    assert [ws.cell(r, 1).value for r in (4, 5, 6)] == ["乙", "甲", "合计"]
    total = 6
    # the rows fit a float: numbers, exact to the fen
    assert ws["D4"].data_type == ws["D5"].data_type == "n"
    assert (Decimal(str(ws["D4"].value)), Decimal(str(ws["D5"].value))) == (Decimal("1000000000000.01"), Decimal("9e12"))
    # the total has 16 significant digits: text, as it is written, right-aligned
    for col in (4, 6):
        cell = ws.cell(total, col)
        assert cell.data_type == "s" and cell.value == "10,000,000,000,000.01"
        assert cell.alignment.horizontal == "right"
    assert ws.cell(total + 1, 1).value == "合计（大写）：壹拾万亿元零壹分"


def test_xlsx_amounts_that_fit_raise_no_warning(runner, tmp_path):
    out = tmp_path / "r.xlsx"
    result = runner.invoke(app, ["report", str(DISTRICT), "--as-of", "2010-07-01", "-o", str(out)])
    assert result.exit_code == 0 and "FP025" not in result.output


def test_fp025_in_english():
    from fupin_cli.diagnostics import diag

    d = diag("FP025", sheet="捐赠统计表", count=2, cell="F5", amount="10,000,000,000,000.01")
    assert d.severity == "warning"
    assert d.message("en") == ("sheet “捐赠统计表” has 2 amounts of more than 15 significant digits (such as "
                               "10,000,000,000,000.01 in F5), more than an Excel number holds; they are written as text")


# --- json and csv: money to the fen ------------------------------------------------------------------------

def _money_cells(doc):
    """Every money cell of every table in a json document: (table, key, value)."""
    def tables(node):
        if isinstance(node, dict):
            if "columns" in node and "rows" in node:
                yield node
            for v in node.values():
                yield from tables(v)
        elif isinstance(node, list):
            for v in node:
                yield from tables(v)

    for t in tables(doc):
        keys = {c["key"] for c in t["columns"]} & {"cash", "goods", "total", "amount", "value"}
        for record in t["rows"] + ([t["total"]] if "total" in t else []):
            for k in keys:
                yield t["table"], k, record[k]


#: an office's rules: the plan states no large-gift tier, and the large-gift list needs one
RULES = str(ROOT / "examples" / "donation-rules.yaml")


def _clean_ledger(tmp_path):
    """A ledger of plain amounts (the fast path takes it): 120000 written without decimals."""
    p = tmp_path / "机关.csv"
    p.write_text("捐赠人,金额\n某建设公司,120000\n张三,6000.5\n李四,50\n", encoding="utf-8")
    return str(p)


def test_large_gifts_json_writes_every_amount_with_two_decimals(runner, tmp_path):
    result = runner.invoke(app, ["donations", _clean_ledger(tmp_path), "--plan", str(DISTRICT), "--large",
                                 "--donation-rules", RULES, "-f", "json", "-o", "-"])
    doc = json.loads(result.stdout)
    cells = list(_money_cells(doc))
    assert [v for _, _, v in cells] == ["120000.00", "6000.50", "126000.50"]  # and the 合计


@pytest.mark.parametrize("view", [[], ["--large"], ["--publicity"], ["--by", "unit,kind"]])
def test_every_money_cell_of_donations_json_and_csv_has_two_decimals(runner, tmp_path, view):
    ledger = _clean_ledger(tmp_path)
    result = runner.invoke(app, ["donations", ledger, "--plan", str(DISTRICT), *view, "--donation-rules", RULES,
                                 "-f", "json", "-o", "-"])
    cells = list(_money_cells(json.loads(result.stdout)))
    assert cells and all(TWO_DECIMALS.match(v) for _, _, v in cells), cells
    result = runner.invoke(app, ["donations", ledger, "--plan", str(DISTRICT), *view, "-f", "csv", "-o", "-"])
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    money = [i for i, h in enumerate(rows[0]) if "（元）" in h]
    assert money and all(TWO_DECIMALS.match(r[i]) for r in rows[1:] for i in money if r[i]), rows


def test_every_money_cell_of_a_json_report_has_two_decimals(runner, tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text(DISTRICT.read_text(encoding="utf-8").split("\n台账:")[0] + "\n台账: [机关.csv]\n", encoding="utf-8")
    _clean_ledger(tmp_path)
    result = runner.invoke(app, ["report", str(plan), "--as-of", "2010-07-01", "--donation-rules", RULES,
                                 "-f", "json", "-o", "-"])
    doc = json.loads(result.stdout)
    cells = list(_money_cells(doc))
    assert {t for t, _, _ in cells} >= {"donations", "large", "publicity"}
    assert all(TWO_DECIMALS.match(v) for _, _, v in cells), cells
    summary = doc["results"][0]["report"]["summary"]
    assert all(TWO_DECIMALS.match(summary[k]) for k in ("cash", "goods", "total")), summary
