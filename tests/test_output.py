"""The one way out: outputs go where they are told, under names from the plan files, and nothing a clerk gave
fupin — nor a file somebody wrote — is written over (FP020–FP024, exit code 2, nothing written)."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from fupin_cli.cli import app

from .conftest import PLANS, ROOT

DISTRICT = PLANS / "2010-区教育局-扶贫济困日.yaml"
LEDGER = ROOT / "examples" / "ledgers" / "2010-区教育局" / "机关.csv"
NOTICE = ROOT / "tests" / "data" / "seeds" / "000_1955899c45ce4d2f.txt"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A copy of the shipped plans and examples (plans name their ledgers relative to themselves)."""
    shutil.copytree(PLANS, tmp_path / "plans")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_deadlines_output_over_its_plan_is_refused(runner, work):
    plan = work / "plans" / DISTRICT.name
    before = digest(plan)
    result = runner.invoke(app, ["deadlines", str(plan), "--as-of", "2010-06-20", "-o", str(plan)])
    assert result.exit_code == 2 and "FP020" in result.output
    assert digest(plan) == before


@pytest.mark.parametrize("option", ["-o", "--rejects"])
def test_donations_output_over_a_ledger_is_refused(runner, work, option):
    plan = work / "plans" / DISTRICT.name
    ledger = work / "examples" / "ledgers" / "2010-区教育局" / "机关.csv"
    before = digest(ledger)
    result = runner.invoke(app, ["donations", "--plan", str(plan), option, str(ledger)])
    assert result.exit_code == 2 and "FP020" in result.output
    assert digest(ledger) == before


def test_two_outputs_of_one_run_never_share_a_file(runner, work):
    plan = work / "plans" / DISTRICT.name
    result = runner.invoke(app, ["donations", "--plan", str(plan), "-f", "csv", "-o", "x.csv", "--rejects", "x.csv"])
    assert result.exit_code == 2 and "FP021" in result.output and not (work / "x.csv").exists()


def test_import_never_replaces_its_notice_or_a_hand_written_plan(runner, work):
    notice = work / "n.txt"
    shutil.copy(NOTICE, notice)
    before = digest(notice)
    result = runner.invoke(app, ["import", str(notice), "-o", str(notice)])
    assert result.exit_code == 2 and "FP020" in result.output and digest(notice) == before

    plan = work / "plans" / "草稿.yaml"
    plan.write_text("标题: 手写的方案\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(notice), "-o", str(plan)])
    assert result.exit_code == 2 and "FP022" in result.output
    assert plan.read_text(encoding="utf-8") == "标题: 手写的方案\n"
    # with --force it is replaced; a second run replaces what fupin wrote without asking
    assert runner.invoke(app, ["import", str(notice), "-o", str(plan), "--force"]).exit_code == 0
    assert plan.read_text(encoding="utf-8").startswith("# ")
    assert runner.invoke(app, ["import", str(notice), "-o", str(plan)]).exit_code == 0
    # edited by hand since: refused again
    plan.write_text(plan.read_text(encoding="utf-8") + "# 已核实\n", encoding="utf-8")
    assert runner.invoke(app, ["import", str(notice), "-o", str(plan)]).exit_code == 2


def test_every_shipped_plan_gets_its_own_workbook(runner, work):
    result = runner.invoke(app, ["report", "plans/", "-f", "xlsx", "-o", "out/", "--as-of", "2020-10-15"])
    assert result.exit_code == 0, result.output
    plans = sorted(p.stem for p in (work / "plans").glob("*.yaml"))
    assert sorted(p.stem for p in (work / "out").glob("*.xlsx")) == plans
    for stem in plans:  # stderr says what was written
        assert f"→ out/{stem}.xlsx" in result.output


def test_two_plans_with_one_file_name_in_two_folders_get_two_names(runner, work):
    (work / "a").mkdir()
    (work / "b").mkdir()
    for d in ("a", "b"):
        shutil.copy(work / "plans" / "2015-宣恩县-扶贫日.yaml", work / d / "x.yaml")
    result = runner.invoke(app, ["report", "a/x.yaml", "b/x.yaml", "-f", "md", "-o", "out/", "--as-of",
                                 "2015-10-15"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (work / "out").glob("*.md")) == ["b-x.md", "x.md"]


def test_one_file_for_several_plans_is_refused(runner, work):
    result = runner.invoke(app, ["assign", "plans/", "-f", "xlsx", "-o", "all.xlsx", "--as-of", "2020-10-15"])
    assert result.exit_code == 2 and "FP024" in result.output and not (work / "all.xlsx").exists()


def test_several_csv_tables_do_not_share_one_stream(runner, work):
    result = runner.invoke(app, ["assign", "plans/" + DISTRICT.name, "-f", "csv", "-o", "-", "--as-of",
                                 "2010-06-20"])
    assert result.exit_code == 2 and "FP024" in result.output and "\ufeff" not in result.stdout


@pytest.mark.parametrize("target, words", [("nope/x.md", "不存在"), ("x" * 300 + ".md", "过长")])
def test_an_unusable_path_is_a_diagnostic(runner, work, target, words):
    result = runner.invoke(app, ["deadlines", "plans/", "--as-of", "2020-10-15", "-f", "md", "-o", target])
    assert result.exit_code == 2 and "FP023" in result.output and words in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_folder_named_without_slash_is_a_folder(runner, work):
    (work / "out").mkdir()
    result = runner.invoke(app, ["deadlines", "plans/", "--as-of", "2020-10-15", "-f", "ics", "-o", "out"])
    assert result.exit_code == 0
    # into a folder, a calendar per plan of the as-of year, named after the plan file
    assert sorted(p.name for p in (work / "out").iterdir()) == sorted(
        f"{p.stem}-报送时间表.ics" for p in (work / "plans").glob("2020-*.yaml"))


def test_import_all_to_stdout_separates_the_drafts(runner):
    result = runner.invoke(app, ["import", str(ROOT / "tests" / "data" / "seeds" / "001_dced67dc8fd97ea7.txt"),
                                 "--all", "--year", "2020"])
    assert result.exit_code == 0
    assert result.stdout.count("\n---\n") == 5


def test_the_files_a_plan_names_are_inputs_too(runner, work):
    """deadlines reads a plan's ledgers (the 公示 deadline) and a roll-up its units' ledgers: never written over."""
    ledger = work / "examples" / "ledgers" / "2010-区教育局" / "机关.csv"
    before = digest(ledger)
    result = runner.invoke(app, ["deadlines", "plans/" + DISTRICT.name, "--as-of", "2010-06-20", "-f", "csv",
                                 "-o", str(ledger)])
    assert result.exit_code == 2 and "FP020" in result.output and digest(ledger) == before
    school = work / "examples" / "rollup" / "城关一中-捐款.csv"
    before = digest(school)
    result = runner.invoke(app, ["report", "--rollup", "examples/rollup/", "--as-of", "2020-10-20", "--issuer",
                                 "县教体局", "-f", "csv", "-o", str(school)])
    assert result.exit_code == 2 and "FP020" in result.output and digest(school) == before


def test_an_output_path_that_is_a_named_pipe_is_refused(runner, work):
    fifo = work / "out.csv"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["deadlines", "plans/", "--as-of", "2020-10-15", "-f", "csv", "-o", str(fifo)])
    assert result.exit_code == 2 and "FP023" in result.output and "不是普通文件" in result.output
