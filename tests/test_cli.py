"""The CLI through CliRunner: exact output and exit codes."""

from __future__ import annotations

import json

from fupin_cli.cli import app

from .conftest import BROKEN, PLANS, ROOT, json_document, write

LEAD = BROKEN / "fp103_undefined_lead.yaml"


def test_validate_text_output_is_exact(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["validate", "tests/plans_broken/fp103_undefined_lead.yaml"])
    assert result.exit_code == 1
    assert result.output == (
        "tests/plans_broken/fp103_undefined_lead.yaml:10:9: error FP103: 主办单位“政体股”未定义，是否应为“政教股”？\n"
        "检查方案 1 个：错误 1 个，警告 0 个\n"
    )


def test_validate_in_english_by_option_and_by_environment(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    expected = (
        "tests/plans_broken/fp103_undefined_lead.yaml:10:9: error FP103: lead unit “政体股” is not defined; "
        "did you mean “政教股”?\n"
        "1 plan checked: 1 error, 0 warnings\n"
    )
    result = runner.invoke(app, ["validate", "--lang", "en", "tests/plans_broken/fp103_undefined_lead.yaml"])
    assert (result.exit_code, result.output) == (1, expected)
    result = runner.invoke(app, ["validate", "tests/plans_broken/fp103_undefined_lead.yaml"],
                           env={"FUPIN_LANG": "en"})
    assert (result.exit_code, result.output) == (1, expected)


def test_validate_json_output(runner):
    result = runner.invoke(app, ["validate", "--format", "json", str(LEAD)])
    assert result.exit_code == 1
    data = json_document(result, "validate")
    assert (data["schema"], data["command"], data["exit_code"]) == ("fupin-validate-output/1", "validate", 1)
    assert data["results"] == [{"file": str(LEAD), "valid": False, "errors": 1, "warnings": 0}]
    assert data["summary"] == {"plans": 1, "errors": 1, "warnings": 0, "exit_code": 1}
    assert data["files"] == [{"file": str(LEAD), "valid": False}]
    assert data["diagnostics"] == [{
        "code": "FP103", "severity": "error", "message": "主办单位“政体股”未定义，是否应为“政教股”？",
        "file": str(LEAD), "line": 10, "column": 9,
    }]


def test_warnings_pass_unless_strict(runner):
    path = str(BROKEN / "fp205_no_leadership.yaml")
    result = runner.invoke(app, ["validate", path])
    assert result.exit_code == 0
    assert result.output.endswith("检查方案 1 个：错误 0 个，警告 1 个\n")
    assert runner.invoke(app, ["validate", "--strict", path]).exit_code == 1


def test_quiet_prints_only_errors(runner):
    warn = str(BROKEN / "fp205_no_leadership.yaml")
    result = runner.invoke(app, ["validate", "--quiet", warn])
    assert (result.exit_code, result.output) == (0, "")
    result = runner.invoke(app, ["validate", "-q", warn, str(LEAD)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "FP103" in result.output


def test_no_path_reads_plans_under_the_current_directory(runner, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["validate"])
    n = len(list(PLANS.glob("*.yaml")))
    assert (result.exit_code, result.output) == (0, f"检查方案 {n} 个：错误 0 个，警告 0 个\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 2
    assert "plans/" in result.output


def test_missing_file_exit_2_and_no_colour_when_not_a_terminal(runner, tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "缺.yaml")])
    assert result.exit_code == 2
    assert "\033[" not in result.output
    assert "error FP001: 文件不存在" in result.output


def test_usage_error_is_exit_2(runner):
    assert runner.invoke(app, ["validate", "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["validate", "--bogus"]).exit_code == 2
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2


def test_glob_argument(runner, tmp_path):
    plan = "标题: 方案\n年度: 2020\n领导小组: {组长: 局长}\n单位: [办公室]\n活动: [{标题: 宣传, 主办: 办公室}]\n"
    write(tmp_path, "一.yaml", plan)
    write(tmp_path, "二.yaml", plan.replace("主办: 办公室", "主办: 办工室"))
    result = runner.invoke(app, ["validate", str(tmp_path / "*.yaml")])
    assert result.exit_code == 1
    assert result.output.endswith("检查方案 2 个：错误 1 个，警告 0 个\n")
    assert "二.yaml:5:19: error FP103: 主办单位“办工室”未定义，是否应为“办公室”？" in result.output


def test_schema_is_json_schema_with_chinese_keys(runner):
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    props = schema["properties"]
    for key in ("title", "标题", "year", "年度", "activities", "活动", "submissions", "报送"):
        assert key in props
    assert schema["additionalProperties"] is False
    activity = schema["$defs"]["Activity"]["properties"]
    for key in ("主办", "协办", "牵头单位", "责任单位", "截止", "子项"):
        assert key in activity


def test_readme_lists_every_accepted_chinese_key(runner):
    table = runner.invoke(app, ["schema", "--keys"]).output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table in readme, "README's key table is stale: run python3 scripts/update_readme.py"


def test_readme_lists_every_diagnostic_code():
    from fupin_cli.diagnostics import CATALOGUE

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, (severity, zh, en) in CATALOGUE.items():
        assert f"| {code} | {severity} | {zh} | {en} |" in readme, "run python3 scripts/update_readme.py"


def test_readme_example_plan_validates_clean():
    from fupin_cli.engines.checks import check_plan
    from fupin_cli.loading.plans import load_plan_text

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    lp = load_plan_text(block, "README.md")
    assert lp.diagnostics == [] and check_plan(lp) == []
    assert [s.due.isoformat() for s in lp.plan.submissions] == ["2020-10-19", "2020-10-21"]
