"""Hostile inputs: files no one writes by hand (nesting thousands deep, FIFOs, devices, symlink loops) end in
a located diagnostic and an exit code, never in a crash or a hang. The commands run in a child process with a
time limit, so a segmentation fault or a hang fails the test instead of stopping the run."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from fupin_cli.engines.validate import validate_paths
from fupin_cli.loading.yamlsrc import MAX_DEPTH, parse_yaml

from .conftest import ROOT, write


def run(*args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("FUPIN_LANG", "NO_COLOR")}
    env["PYTHONPATH"] = str(ROOT)
    env["FUPIN_LANG"] = "en"
    try:
        return subprocess.run([sys.executable, "-m", "fupin_cli", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"fupin {' '.join(args)} hung")


def codes(report):
    return [d.code for d in report.diagnostics]


DEEP = {
    "flow": "[" * 30000,
    "flow-mapping": "{a: " * 30000,
    "block": "- " * 30000 + "x\n",
    "block-mapping": "".join(" " * i + "a:\n" for i in range(1000)),
}


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_yaml_nested_thousands_deep_is_fp014_not_a_crash(tmp_path, kind):
    plan = write(tmp_path, "deep.yaml", DEEP[kind])
    result = run("validate", str(plan))
    assert result.returncode == 1, result.stderr[-2000:]
    assert "FP014" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_fp014_is_placed_where_the_limit_is_passed():
    src = parse_yaml("a: " + "[" * 30000, "deep.yaml")
    assert [(d.code, d.line, d.column) for d in src.diagnostics] == [("FP014", 1, 3 + MAX_DEPTH)]


def test_deep_calendar_rules_and_column_files_are_fp014(tmp_path):
    deep = write(tmp_path, "deep.yaml", "[" * 30000)
    plan = ROOT / "plans" / sorted(os.listdir(ROOT / "plans"))[0]
    for args in (("validate", "--calendar", str(deep), str(plan)),
                 ("assign", str(plan), "--rules", str(deep))):
        result = run(*args)
        assert result.returncode in (1, 2), (args, result.stderr[-2000:])
        assert "FP014" in result.stdout + result.stderr, args


def test_a_huge_flat_list_stops_early_at_the_node_budget_and_speaks_of_nodes(tmp_path):
    plan = write(tmp_path, "big.yaml", "a: [" + "0," * 2_400_000 + "]\n")
    report = validate_paths(paths=[str(plan)])
    assert codes(report) == ["FP016"]
    d = report.diagnostics[0]
    assert d.line == 1 and d.column > 1
    assert "alias" not in d.format(lang="en")
    assert report.exit_code() == 1


def test_unclosed_bracket_is_placed_where_it_opened(tmp_path):
    plan = write(tmp_path, "open.yaml", "标题: t\n单位: [办公室, 教务处\n年度: 2020\n活动: []\n")
    report = validate_paths(paths=[str(plan)])
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == [("FP008", 2, 5)]


def test_unclosed_brace_is_placed_where_it_opened(tmp_path):
    plan = write(tmp_path, "open.yaml", "标题: t\n领导小组: {组长: 局长\n\n年度: 2020\n")
    report = validate_paths(paths=[str(plan)])
    assert [(d.code, d.line, d.column) for d in report.diagnostics] == [("FP008", 2, 7)]


PLAN = ROOT / "plans" / "2020-市教体局-扶贫日.yaml"
PAIRING = ROOT / "plans" / "2020-县教育局-结对帮扶.yaml"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def _fifo(tmp_path, name):
    path = tmp_path / name
    os.mkfifo(path)
    return str(path)


def _refused(result) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout[-1500:], result.stderr[-1500:])
    assert "FP015" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@needs_fifo
@pytest.mark.parametrize("what", ["plan", "ledger", "columns", "notice", "calendar", "rules", "rollup-json",
                                  "rollup-folder"])
def test_a_fifo_is_refused_not_waited_on(tmp_path, what):
    fifo = _fifo(tmp_path, "in.json" if what.startswith("rollup") else "in.yaml")
    ledger = write(tmp_path, "台账.csv", "捐赠人,金额\n张三,100\n")
    args = {
        "plan": ("validate", fifo),
        "ledger": ("donations", fifo),
        "columns": ("donations", str(ledger), "--columns", fifo),
        "notice": ("import", fifo, "-o", "-"),
        "calendar": ("validate", "--calendar", fifo, str(PLAN)),
        "rules": ("assign", str(PLAN), "--rules", fifo),
        "rollup-json": ("report", "--rollup", fifo),
        "rollup-folder": ("report", "--rollup", str(tmp_path)),
    }[what]
    _refused(run(*args, timeout=20))


@needs_fifo
def test_a_fifo_as_visit_log_is_refused_not_waited_on(tmp_path):
    text = PAIRING.read_text(encoding="utf-8").replace("../examples/visits/2020-县教育局-走访记录.csv", "visits.csv")
    plan = write(tmp_path, "plan.yaml", text)
    _fifo(tmp_path, "visits.csv")
    result = run("pairs", str(plan), timeout=20)
    assert "FP015" in result.stdout + result.stderr, (result.stdout[-1500:], result.stderr[-1500:])
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
@pytest.mark.parametrize("args", [("validate", "/dev/zero"), ("donations", "/dev/zero"),
                                  ("report", "--rollup", "/dev/zero")])
def test_dev_zero_is_refused(args):
    _refused(run(*args, timeout=20))


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_glob_through_symlink_loops_finds_each_plan_once(tmp_path):
    from fupin_cli.loading.plans import expand_paths

    (tmp_path / "p" / "sub").mkdir(parents=True)
    (tmp_path / "p" / "a.yaml").write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "p" / "sub" / "b.yml").write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    os.symlink("..", tmp_path / "p" / "sub" / "up")  # two loops: glob.glob would search 2**40 folders
    os.symlink(".", tmp_path / "p" / "here")
    files, problems = expand_paths([str(tmp_path / "p" / "**" / "*.y*ml"), str(tmp_path / "p" / "a.yaml")])
    assert problems == []
    assert sorted(os.path.relpath(f, tmp_path) for f in files) == ["p/a.yaml", "p/sub/b.yml"]
    result = run("validate", str(tmp_path / "p" / "**" / "*.yaml"), timeout=30)
    assert "Traceback" not in result.stderr
    assert result.stdout.count("a.yaml") <= 1


def test_a_roll_up_json_over_the_size_cap_is_refused_unread(tmp_path, monkeypatch):
    import fupin_cli.reports.rollup as rollup_mod

    big = write(tmp_path, "big.json", '{"schema": "' + "x" * 200 + '"}')
    monkeypatch.setattr(rollup_mod, "MAX_JSON_BYTES", 100)
    with pytest.raises(rollup_mod.RollupInputError) as e:
        rollup_mod._json_summaries(str(big))
    assert "larger than" in str(e.value.args) + str(e.value)
