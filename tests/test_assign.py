"""Who does what: the matrix, a unit's task sheet, rule proposals and the write-back that keeps the file."""

from __future__ import annotations

import shutil
from datetime import date

from fupin_cli.cli import app
from fupin_cli.engines.assign import responsibility
from fupin_cli.engines.calendar import WorkCalendar
from fupin_cli.engines.validate import validate_plan
from fupin_cli.reports import matrix_table, task_sheet_table, unit_load_table

from .conftest import PLANS, ROOT, json_document

DISTRICT = PLANS / "2010-区教育局-扶贫济困日.yaml"
UNASSIGNED = ROOT / "tests" / "data" / "assign" / "2021-区教育局-待分工.yaml"
RULES = ROOT / "examples" / "rules.yaml"


def _resp(path, as_of=date(2010, 6, 25)):
    return responsibility(validate_plan(str(path)), as_of, WorkCalendar())


def test_matrix_marks_leads_and_supports():
    t = matrix_table(_resp(DISTRICT))
    heads = [c.title for c in t.columns]
    row = next(r for r in t.rows if "定点帮扶村" in r[1])
    marks = dict(zip(heads, row))
    assert (marks["人事股"], marks["计财股"], marks["教育工会"], marks["办公室"]) == ("●", "○", "○", "")
    assert row[0] == "（三） 3"
    assert not any("没有主办单位" in n for n in t.notes)


def test_unit_load_counts_and_next_deadline():
    t = unit_load_table(_resp(DISTRICT))
    rows = {r[0]: r for r in t.rows}
    assert rows["区教育局政体股"][1:3] == [3, 0]
    assert rows["区教育局计财股"][1:3] == [1, 1]
    # as of 2010-06-25 the schools' next deadline is their plan, due 06-28
    assert rows["区直各学校（全区中小学校、中等职业学校）"][3:] == [date(2010, 6, 28), "“扶贫济困日”活动实施方案"]


def test_task_sheet_of_one_unit_by_name_or_id():
    for name in ("计财股", "区教育局计财股"):
        t = task_sheet_table(_resp(DISTRICT), name)
        assert [(r[0], r[2], r[5]) for r in t.rows] == [("（三） 3", "协办", ["人事股"]), ("（三） 6", "主办", ["招生办"])]


def test_activities_without_lead_and_idle_units_are_called_out():
    t = matrix_table(_resp(UNASSIGNED, date(2021, 6, 1)))
    notes = "\n".join(t.notes)
    assert "没有主办单位的活动：一 向全区师生发出倡议书、二 开展一次捐赠活动、四 编印活动简报" in notes
    assert "没有分配任务的单位：办公室、计财股、教育工会、人事股" in notes


def test_rules_propose_leads_without_writing(runner, tmp_path):
    plan = tmp_path / "p.yaml"
    shutil.copy(UNASSIGNED, plan)
    before = plan.read_bytes()
    result = runner.invoke(app, ["assign", str(plan), "--rules", str(RULES), "--as-of", "2021-06-01", "-f", "json"])
    assert result.exit_code == 0
    (part,) = json_document(result, "assign")["results"]
    rows = part["tables"][0]["rows"]
    assert [(r["no"], r["lead"], r["rule"]) for r in rows] == [
        ("一", ["办公室"], "规则 2（关键词 宣传、倡议、报道）"), ("二", ["计财股"], "规则 1（类别 捐赠）")]
    assert plan.read_bytes() == before


def test_write_back_inserts_only_the_leads_and_keeps_comments(runner, tmp_path):
    plan = tmp_path / "p.yaml"
    shutil.copy(UNASSIGNED, plan)
    original = plan.read_text(encoding="utf-8").splitlines()
    result = runner.invoke(app, ["assign", str(plan), "--rules", str(RULES), "--write", "--as-of", "2021-06-01"])
    assert result.exit_code == 0
    written = plan.read_text(encoding="utf-8").splitlines()
    added = [line for line in written if line not in original]
    assert added == ["    主办: 办公室", "    主办: 计财股", "    协办: 教育工会"]
    assert [line for line in written if line in original] == original  # nothing else changed, comments kept
    lp = validate_plan(str(plan))
    assert [d.code for d in lp.diagnostics] == ["FP204"]  # 四 编印活动简报 matched no rule
    assert lp.plan.activities[1].support == ["教育工会"]


def test_assign_writes_the_matrix_to_xlsx(runner, tmp_path):
    out = tmp_path / "分工.xlsx"
    result = runner.invoke(app, ["assign", str(DISTRICT), "--as-of", "2010-06-25", "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0
    import openpyxl

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["责任分工矩阵", "各单位任务汇总"]
    ws = wb["责任分工矩阵"]
    assert ws["A1"].value == "2010年区教育局责任分工矩阵" and ws["A2"].value == "填报单位：区教育局"
    assert runner.invoke(app, ["assign", str(DISTRICT), "-f", "pdf"]).exit_code == 2


def test_rules_in_the_plan_itself(runner, tmp_path):
    plan = tmp_path / "p.yaml"
    text = UNASSIGNED.read_text(encoding="utf-8") + "分工规则:\n  - {类别: 捐赠, 主办: 计财股}\n  - {关键词: 简报, 主办: 办公室}\n"
    plan.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["assign", str(plan), "--as-of", "2021-06-01", "-f", "json"])
    (part,) = json_document(result, "assign")["results"]
    tables = {t["table"]: t for t in part["tables"]}
    assert set(tables) == {"matrix", "unit_load", "proposals"}
    assert [(r["no"], r["lead"]) for r in tables["proposals"]["rows"]] == [("二", ["计财股"]), ("四", ["办公室"])]
    assert runner.invoke(app, ["assign", str(plan), "--write", "--as-of", "2021-06-01"]).exit_code == 0
    from fupin_cli.engines.validate import validate_plan

    lp = validate_plan(str(plan))
    assert [a.lead for a in lp.plan.activities] == [[], ["计财股"], ["政体股"], ["办公室"]]


def test_write_without_any_rules_is_a_usage_error(runner):
    assert runner.invoke(app, ["assign", str(DISTRICT), "--write"]).exit_code == 2


def test_an_unknown_unit_is_a_usage_error_with_did_you_mean(runner):
    import pytest

    from fupin_cli.commands.assign import assign
    from fupin_cli.diagnostics import UsageError

    with pytest.raises(UsageError) as e:
        assign(paths=[str(DISTRICT)], as_of=date(2010, 6, 20), unit="各学校x")
    assert e.value.zh == "--unit：方案中没有单位“各学校x”，是否应为“各学校”？"
    result = runner.invoke(app, ["assign", str(DISTRICT), "--as-of", "2010-06-20", "--unit", "政体股x"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "fupin assign: --unit：方案中没有单位“政体股x”，是否应为“政体股”？\n"
    for unit in ("政体股", "区教育局政体股", "各学校"):
        assert runner.invoke(app, ["assign", str(DISTRICT), "--as-of", "2010-06-20", "--unit", unit]).exit_code == 0
