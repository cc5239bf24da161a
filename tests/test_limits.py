"""The range of values a plan or a table may hold: amounts, day counts, years, reminders. Out of range is a
finding, never a traceback."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fupin_cli.cli import app
from fupin_cli.engines.ledger import LedgerOptions, read_ledgers
from fupin_cli.engines.validate import validate_plan
from fupin_cli.money import MAX_AMOUNT, AmountError, read_amount, to_capital
from fupin_cli.table import total_in_words

from .conftest import ROOT

PLAN = ROOT / "plans" / "2015-xx乡-扶贫日.yaml"


def plan_with(tmp_path, old: str, new: str):
    text = PLAN.read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "plan.yaml"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return p


def line_of(text: str) -> int:
    """The line of the shipped plan that holds ``text`` (so a test does not break when the plan is edited)."""
    (line,) = [i for i, ln in enumerate(PLAN.read_text(encoding="utf-8").splitlines(), 1) if text in ln]
    return line


def findings(path):
    return [(d.code, d.line) for d in validate_plan(str(path)).diagnostics]


# --- amounts ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["1" * 27, "1" * 40, "1000000000000000", "-1000000000000000", "壹亿亿元",
                                  float("nan"), float("inf"), Decimal("NaN"), Decimal("-Infinity"), 10 ** 30])
def test_amounts_out_of_range_are_refused(text):
    with pytest.raises(AmountError):
        read_amount(text)


def test_the_largest_amount_is_read():
    assert read_amount("999999999999999.99") == MAX_AMOUNT - Decimal("0.01")


def test_ledger_row_of_27_digits_is_rejected_with_the_reason(tmp_path):
    p = tmp_path / "一中.csv"
    p.write_text("捐赠人,金额\n张三,100\n李四," + "9" * 27 + "\n王五,nan\n", encoding="utf-8")
    report = read_ledgers([str(p)], LedgerOptions())
    rejected = [(d.code, d.line) for d in report.diagnostics]
    assert rejected == [("FP601", 3), ("FP601", 4)]
    assert "超出金额范围" in report.diagnostics[0].message()
    assert "out of range" in report.diagnostics[0].message("en")
    assert report.total.cash == Decimal("100.00")


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1" * 30, "1.0e+30"])
def test_plan_amount_out_of_range_is_fp102(tmp_path, value):
    p = plan_with(tmp_path, "标准: 超过5万元", f"界限: 超过, 标准: {value}")
    assert findings(p) == [("FP102", line_of("标准: 超过5万元"))]


def test_visit_log_value_out_of_range_is_rejected(tmp_path):
    from fupin_cli.engines.pairing import read_visits
    from fupin_cli.engines.validate import validate_plan

    plan = validate_plan(str(ROOT / "plans" / "2020-县教育局-结对帮扶.yaml")).plan
    log = tmp_path / "visits.csv"
    log.write_text("日期,帮扶小组,帮扶对象,方式,价值（元）\n"
                   f"2020-09-11,第一帮扶小组,李大山,走访,{'9' * 30}\n2020-09-12,第一帮扶小组,李大山,走访,inf\n",
                   encoding="utf-8")
    found = read_visits([str(log)], plan.pairing, 2020)
    assert [(d.code, d.line) for d in found.diagnostics] == [("FP601", 2), ("FP601", 3)]


@pytest.mark.parametrize("total", [Decimal(10) ** 16, Decimal(10) ** 40, Decimal("NaN"), Decimal("-1")])
def test_total_in_words_never_fails(total):
    line = total_in_words(total)
    assert line.zh.startswith("合计（大写）：（") and "大写" in line.zh or "负数" in line.zh or "不是" in line.zh
    with pytest.raises(AmountError):
        to_capital(total)


def test_largest_total_in_words():
    assert to_capital(Decimal(10) ** 16 - Decimal("0.01")) == "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"


# --- day counts, years, reminders -------------------------------------------------------------------------

@pytest.mark.parametrize("count", ["工作日: 99999999999", "天: 99999999999", "工作日: 3661"])
def test_relative_deadline_of_too_many_days_is_fp102(tmp_path, count):
    p = plan_with(tmp_path, "工作日: 30}", count + "}")
    assert findings(p) == [("FP102", line_of("工作日: 30}"))]


def test_huge_year_is_fp102_not_a_traceback(tmp_path):
    p = plan_with(tmp_path, "年度: 2015", "年度: 1000000000000000000000000000000")
    found = findings(p)
    assert ("FP102", line_of("年度: 2015")) in found
    assert {c for c, _ in found} <= {"FP102", "FP106"}


def test_remind_is_bounded(runner):
    result = runner.invoke(app, ["deadlines", "--remind", "99999999999", str(PLAN)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- roll-up json -----------------------------------------------------------------------------------------

_SUMMARY = {"unit": "城关一中", "activities": 2, "participants": 1240, "beneficiaries": 15, "gifts": 5, "donors": 5,
            "cash": "215.50", "goods": "0.00", "total": "215.50"}


def _report(**changes):
    import json

    summary = {k: v for k, v in {**_SUMMARY, **changes}.items() if v is not None}
    return json.dumps({"schema": "fupin-report/1", "summary": summary}, allow_nan=True)


@pytest.mark.parametrize("text,field", [
    (_report(cash="abc"), "summary.cash"), (_report(cash="NaN"), "summary.cash"),
    (_report(cash="Infinity"), "summary.cash"), (_report(goods="-5"), "summary.goods"),
    (_report(total="1e30"), "summary.total"), (_report(cash=float("nan")), "summary.cash"),
    (_report(gifts="many"), "summary.gifts"), (_report(donors=-1), "summary.donors"),
    (_report(unit=["a"]), "summary.unit"), (_report(total=None), "total"),
    ('{"schema": "fupin-report/1", "summary": "城关一中"}', "summary"),
    ('{"schema": "fupin-report-output/1", "results": "abc"}', "results"),
    ('{"schema": "fupin-report/1", "summary": ' + "[" * 100000 + "]" * 100000 + "}", "嵌套"),
], ids=["abc", "NaN", "Infinity", "negative", "1e30", "nan-number", "count-text", "count-negative", "unit-list",
        "missing-key", "summary-text", "results-text", "deep-nesting"])
def test_rollup_refuses_a_bad_value_naming_the_file_and_the_field(runner, tmp_path, text, field):
    bad = tmp_path / "城关一中.json"
    bad.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["report", "--rollup", str(bad), "-f", "json", "-o", "-"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert str(bad) in result.output and field in result.output


def test_rollup_reads_a_good_report(runner, tmp_path):
    good = tmp_path / "城关一中.json"
    good.write_text(_report(), encoding="utf-8")
    result = runner.invoke(app, ["report", "--rollup", str(good), "-f", "csv", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert "215.50" in result.output


# --- an as-of year the calendar does not know -------------------------------------------------------------

def _pairing_plan_without_period(tmp_path):
    text = (ROOT / "plans" / "2020-县教育局-结对帮扶.yaml").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.startswith("活动时间:")]
    log = ROOT / "examples" / "visits" / "2020-县教育局-走访记录.csv"
    text = "\n".join(lines).replace("../examples/visits/2020-县教育局-走访记录.csv", str(log))
    p = tmp_path / "结对.yaml"
    p.write_text(text + "\n", encoding="utf-8")
    return p


@pytest.mark.parametrize("command", [["pairs"], ["report", "-f", "json", "-o", "-"]])
def test_as_of_in_an_unknown_year_is_fp501(runner, tmp_path, command):
    plan = _pairing_plan_without_period(tmp_path)
    result = runner.invoke(app, [*command, str(plan), "--as-of", "2035-10-15"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "FP501" in result.output
    assert result.exit_code == 1


def test_a_year_written_as_a_circled_digit_is_a_finding_not_a_crash():
    """Found by the long fuzz run: 年度: ① passed str.isdigit() and then failed int()."""
    from fupin_cli.engines.validate import validate_text

    lp = validate_text("标题: 方案\n年度: ①\n领导小组: {组长: 局长}\n", "p.yaml")
    assert [d.code for d in lp.diagnostics if d.severity == "error"] == ["FP102"]
