"""Every diagnostic code has a broken plan under tests/plans_broken that triggers it, at a stated place.

Each broken plan begins with ``# expect: LINE:COL severity CODE`` lines (several items on one line are
separated by ";"). The test compares those, exactly, with what validation finds: nothing missing, nothing
extra.
"""

from __future__ import annotations

import re

import pytest

from fupin_cli.diagnostics import CATALOGUE
from fupin_cli.cli import app
from fupin_cli.engines.validate import validate_paths, validate_text

from .conftest import BROKEN

_EXPECT = re.compile(r"^# expect: (.*)$", re.M)
#: codes whose input cannot be a shipped plan file (a missing file, a directory, a huge file: test_inputs.py)
#: and the ledger codes FP6xx, which are about CSV rows (test_ledger.py covers each of them)
#: and the visit-log codes FP705–FP707 (test_pairing.py), FP504, about the plans fupin deadlines reads, not
#: about one plan (test_deadlines.py), FP801, a unit twice in a roll-up (test_report.py)
TESTED_ELSEWHERE = ({"FP001", "FP002", "FP004", "FP012", "FP504", "FP705", "FP706", "FP707", "FP801"}
                    | {"FP709"}  # nothing of a visit policy could be judged: tests/test_pairing.py
                    | {"FP015", "FP016"}  # a FIFO or device; a file of 200,000 nodes: tests/test_hostile_inputs.py
                    | {"FP020", "FP021", "FP022", "FP023", "FP024"}  # writing outputs: tests/test_output.py
                    | {"FP025"}  # an amount an Excel number cannot hold, written as text: tests/test_money.py
                    | {"FP622", "FP623"}  # oversize cells, an encoding that does not decode: tests/test_csv_limits.py
                    | {c for c in CATALOGUE if c.startswith("FP6")})


def _expected(path) -> set[str]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")
    items: set[str] = set()
    for line in _EXPECT.findall(text):
        items.update(i.strip() for i in line.split(";"))
    return items


def _found(path) -> set[str]:
    report = validate_paths(paths=[str(path)])
    out = set()
    for d in report.diagnostics:
        where = f"{d.line}:{d.column} " if d.line is not None else ""
        out.add(f"{where}{d.severity} {d.code}")
    return out


CASES = sorted(p for p in BROKEN.glob("*.yaml"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_broken_plan_gives_exactly_its_expected_diagnostics(path):
    expected = _expected(path)
    if not expected:  # binary and undecodable files cannot carry a comment: their code is in the name
        code = path.stem.split("_")[0].upper()
        expected = {f"{CATALOGUE[code][0]} {code}"}
    assert _found(path) == expected


def test_every_diagnostic_code_has_a_broken_plan():
    covered = {p.stem.split("_")[0].upper() for p in CASES}
    assert set(CATALOGUE) - covered == TESTED_ELSEWHERE
    for p in CASES:
        assert p.stem.split("_")[0].upper() in CATALOGUE, p.name


def test_broken_plans_directory_fails_with_exit_code_2_because_of_unreadable_files():
    report = validate_paths(paths=[str(BROKEN)])
    assert report.exit_code() == 2  # the binary and undecodable plans are unreadable input
    readable = [p for p in CASES if p.stem not in ("fp003_binary", "fp006_undecodable")]
    report = validate_paths(paths=[str(p) for p in readable])
    assert report.exit_code() == 1


def test_one_pass_reports_every_kind_of_error_in_a_plan(runner):
    """An invalid date and a misspelt key set their activities aside; the rest of the plan is still checked, so
    the undefined unit and the reporting chain that goes down are found in the same run, each at its own line."""
    path = BROKEN / "fp106_mixed_kinds.yaml"
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.output == (
        f"{path}:11:9: error FP106: 日期无效：“10月前”不明确：“前”要跟在某一天之后，写 10月底前 或 9月30日前\n"
        f"{path}:13:5: error FP100: 未知字段“标体”\n"
        f"{path}:13:5: error FP101: 缺少必填字段“标题”\n"
        f"{path}:15:9: error FP103: 主办单位“政教科”未定义\n"
        f"{path}:27:9: error FP305: 逐级报送的截止日期没有递增：各学校→县教体局（2020-10-20）之后，"
        "县教体局→市教体局（2020-10-19）应更晚\n"
        "检查方案 1 个：错误 5 个，警告 0 个\n")


def test_a_unit_set_aside_is_not_reported_again_as_undefined():
    """A unit whose entry is invalid is set aside, and the activities it leads are not told it is undefined."""
    text = ("标题: 单位写错\n年度: 2020\n领导小组: {组长: 局长}\n单位:\n  - {编号: 县教体局, 层级: 县}\n"
            "  - {编号: 政教股, 层级: 不存在的层级}\n活动:\n  - {标题: 宣传, 主办: 政教股, 日期: 10月17日}\n"
            "  - {标题: 走访, 主办: 未定义股, 日期: 10月18日}\n")
    lp = validate_text(text, "p.yaml")
    found = [(d.line, d.code) for d in lp.diagnostics if d.severity == "error"]
    assert found == [(6, "FP102"), (9, "FP103")]
    assert lp.set_aside == {"政教股"}
