"""No input produces a traceback: every failure is a located diagnostic and the right exit code."""

from __future__ import annotations

import os

from fupin_cli.cli import app
from fupin_cli.engines.validate import validate_paths
from fupin_cli.loading.plans import load_plan

from .conftest import BROKEN, write


def codes(report):
    return [d.code for d in report.diagnostics]


def test_missing_file_is_fp001_and_exit_2(tmp_path):
    report = validate_paths(paths=[str(tmp_path / "没有这个方案.yaml")])
    assert codes(report) == ["FP001"]
    assert report.exit_code() == 2


def test_directory_given_to_the_loader_is_fp002(tmp_path):
    lp = load_plan(str(tmp_path))
    assert [d.code for d in lp.diagnostics] == ["FP002"]
    assert lp.unreadable


def test_directory_with_no_plans_is_fp012_and_exit_2(tmp_path):
    (tmp_path / "说明.txt").write_text("不是方案", encoding="utf-8")
    report = validate_paths(paths=[str(tmp_path)])
    assert codes(report) == ["FP012"]
    assert report.exit_code() == 2


def test_glob_matching_nothing_is_fp012(tmp_path):
    report = validate_paths(paths=[str(tmp_path / "*.yaml")])
    assert codes(report) == ["FP012"]


def test_directories_are_searched_recursively_for_yaml_and_yml(tmp_path):
    plan = "标题: 方案\n年度: 2020\n领导小组: {组长: 局长}\n单位: [办公室]\n活动: [{标题: 宣传, 主办: 办公室}]\n"
    write(tmp_path, "a.yaml", plan)
    (tmp_path / "县" / "乡镇").mkdir(parents=True)
    write(tmp_path / "县" / "乡镇", "b.yml", plan)
    write(tmp_path, "c.txt", "不是方案")
    report = validate_paths(paths=[str(tmp_path)])
    assert sorted(os.path.basename(lp.file) for lp in report.plans) == ["a.yaml", "b.yml"]
    assert report.exit_code() == 0


def test_fifty_megabyte_file_is_refused_quickly_without_reading_it_all(tmp_path):
    big = tmp_path / "巨大.yaml"
    with open(big, "wb") as fh:
        fh.write(("标题: 扶贫日\n" + "# 填充\n" * 10).encode("utf-8"))
        fh.truncate(50 * 1024 * 1024)
    report = validate_paths(paths=[str(big)])
    assert codes(report) == ["FP004"]
    assert "50.0 MB" in report.diagnostics[0].message()
    assert report.exit_code() == 2


def test_binary_file_is_fp003():
    report = validate_paths(paths=[str(BROKEN / "fp003_binary.yaml")])
    assert codes(report) == ["FP003"]
    assert report.exit_code() == 2


def test_gbk_plan_is_read_and_warned_about():
    lp = load_plan(str(BROKEN / "fp005_gbk.yaml"))
    assert lp.plan is not None
    assert lp.plan.title == "用GBK编码保存的方案"
    assert [d.code for d in lp.diagnostics] == ["FP005"]


def test_utf8_with_bom_is_read_silently(tmp_path):
    p = tmp_path / "bom.yaml"
    p.write_bytes("\ufeff标题: 带BOM的方案\n年度: 2020\n".encode("utf-8"))
    lp = load_plan(str(p))
    assert lp.plan.title == "带BOM的方案"
    assert lp.diagnostics == []


def test_empty_file_and_whitespace_file_are_fp007(tmp_path):
    for name, text in (("空.yaml", ""), ("空白.yaml", "\n   \n\t\n")):
        report = validate_paths(paths=[str(write(tmp_path, name, text))])
        assert codes(report) == ["FP007"]
        assert report.exit_code() == 1


def test_alias_bomb_stops_at_the_node_budget():
    report = validate_paths(paths=[str(BROKEN / "fp009_alias_bomb.yaml")])
    assert codes(report) == ["FP009"]


def test_recursive_alias_does_not_hang(tmp_path):
    report = validate_paths(paths=[str(write(tmp_path, "r.yaml", "a: &a [1, *a]\n"))])
    assert codes(report) == ["FP009"]


def test_python_object_tag_is_never_constructed(tmp_path):
    marker = tmp_path / "executed"
    text = f"标题: x\n年度: !!python/object/apply:os.system ['touch {marker}']\n"
    report = validate_paths(paths=[str(write(tmp_path, "evil.yaml", text))])
    assert codes(report) == ["FP013"]
    assert not marker.exists()


def test_multiple_documents_in_one_file_is_a_syntax_error(tmp_path):
    report = validate_paths(paths=[str(write(tmp_path, "two.yaml", "标题: a\n---\n标题: b\n"))])
    assert codes(report) == ["FP008"]
    assert (report.diagnostics[0].line, report.diagnostics[0].column) == (2, 1)


def test_scalar_top_level_is_fp010(tmp_path):
    report = validate_paths(paths=[str(write(tmp_path, "s.yaml", "扶贫日活动方案\n"))])
    assert codes(report) == ["FP010"]


def test_non_text_keys_and_odd_values_do_not_crash(tmp_path):
    text = "? [复杂, 键]\n: 值\n标题: [列表, 标题]\n年度: 2020.5\n活动: {标题: 不是列表}\n报送: 17\n"
    report = validate_paths(paths=[str(write(tmp_path, "odd.yaml", text))])
    assert report.exit_code() == 1
    assert set(codes(report)) == {"FP102"}


def test_cli_never_prints_a_traceback_for_any_broken_plan(runner):
    for path in sorted(BROKEN.glob("*.yaml")):
        result = runner.invoke(app, ["validate", "--strict", str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit), path
        assert "Traceback" not in result.output
        assert result.exit_code in (1, 2)


def test_every_command_turns_unreadable_input_into_exit_2_without_a_traceback(runner, tmp_path):
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\x00\x01\x02binary")
    missing = str(tmp_path / "缺少.yaml")
    commands = [["validate"], ["deadlines", "--as-of", "2020-10-15"], ["assign"], ["report", "-f", "md", "-o", "-"],
                ["pairs"], ["import"], ["donations"]]
    for cmd in commands:
        for path in (str(binary), missing):
            result = runner.invoke(app, cmd + [path])
            assert result.exit_code == 2, (cmd, path, result.output)
            assert result.exception is None or isinstance(result.exception, SystemExit), (cmd, path)
    result = runner.invoke(app, ["calendar", "2020-10", "--calendar", str(binary)])
    assert result.exit_code == 2


# --- mutated real plans: whatever a clerk breaks, the answer is diagnostics, never an exception ------------

def _paths(x, path=()):
    yield path
    if isinstance(x, dict):
        for k, v in x.items():
            yield from _paths(v, path + (k,))
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from _paths(v, path + (i,))


_REPLACEMENTS = [None, True, 0, -1, 99999, "", "x", "10月32日", "2020-02-30", "10月19日", [], {}, ["a"],
                 {"之后": "x", "工作日": 3}, {"之前": "捐赠活动", "天": 2}, "5万元", "周", {"名称": "a"},
                 [{"帮扶方": "zz", "帮扶对象": ["q"]}], {"a": [1, {"b": None}]}]


def test_mutated_shipped_plans_never_raise():
    import copy
    from datetime import date

    import yaml
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from fupin_cli.engines.calendar import WorkCalendar
    from fupin_cli.engines.checks import check_plan
    from fupin_cli.loading.plans import load_plan_text
    from fupin_cli.reports import build_report

    from .conftest import PLANS

    bases = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(PLANS.glob("*.yaml"))]
    cal = WorkCalendar()

    @settings(max_examples=150, deadline=None, derandomize=True)
    @given(st.integers(0, len(bases) - 1), st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(_REPLACEMENTS)),
                                                     min_size=1, max_size=3))
    def run(which, edits):
        data = copy.deepcopy(bases[which])
        for pick, value in edits:
            paths = [p for p in _paths(data) if p]
            target = data
            path = paths[pick % len(paths)]
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = copy.deepcopy(value)
        lp = load_plan_text(yaml.safe_dump(data, allow_unicode=True), str(PLANS / "mutated.yaml"))
        check_plan(lp, calendar=cal)
        if lp.plan is not None:
            build_report(lp, as_of=date(2020, 10, 15), cal=cal)

    run()
