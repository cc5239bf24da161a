"""fupin import: clean-up, splitting, extraction from the seed notices, the draft plan, the evaluation."""

from __future__ import annotations

import json

import pytest

from benchmarks.import_eval import evaluate
from fupin_cli.cli import app
from fupin_cli.commands.importer import import_notice
from fupin_cli.diagnostics import UsageError
from fupin_cli.engines.importer import clean, extract, split
from fupin_cli.engines.validate import validate_plan
from fupin_cli.loading.plans import load_plan_text

from .conftest import ROOT, json_document

SEEDS = ROOT / "tests" / "data" / "seeds"
S000 = SEEDS / "000_1955899c45ce4d2f.txt"
S001 = SEEDS / "001_dced67dc8fd97ea7.txt"


def _parts(path):
    return split(clean(path.read_text(encoding="utf-8")))


def test_clean_traditional_pinyin_fullwidth_and_punctuation():
    text = "關(guān)於(yú)開(kāi)展扶貧日活動的通知\n２０２０年１０月１９日前,報縣教體局(聯系人:王)"
    out = clean(text)
    assert out.splitlines()[0] == "关于开展扶贫日活动的通知"
    assert out.splitlines()[1] == "2020年10月19日前，报县教体局（联系人：王）"


def test_clean_cuts_site_boilerplate_and_a_second_copy():
    text = ("当前位置：首页 > 方案\n扶贫日活动方案\n" + "这是一段足够长的正文，用来检查重复出现的整段文字只保留第一份。\n" * 1
            + "一、活动内容\n（一）宣传（主办股室：办公室）\n"
            + "这是一段足够长的正文，用来检查重复出现的整段文字只保留第一份。\n一、活动内容\n（一）宣传（主办股室：办公室）\n"
            + "相关内容\n其他方案链接\n")
    (first, body), = split(clean(text))
    assert body.splitlines() == ["扶贫日活动方案", "这是一段足够长的正文，用来检查重复出现的整段文字只保留第一份。", "一、活动内容",
                                 "（一）宣传（主办股室：办公室）"]


def test_split_finds_the_six_notices_of_seed_001():
    parts = _parts(S001)
    assert len(parts) == 6
    assert all(body.splitlines()[0] == "教育系统组织开展扶贫日活动方案" for _, body in parts[:5])


def test_seed_000_six_activities_with_sections_and_the_year_from_the_weekday():
    (_, body), = _parts(S000)
    d = extract(body)
    assert d.year.value == 2010 and "6月28日（星期一）" in d.year.check
    six = next(a for a in d.activities if "六个一次" in a.title)
    roles = [(a.no, a.lead.value, a.support.value if a.support else None) for a in six.children]
    assert roles == [("1", ["办公室", "教育工会", "政体股"], None), ("2", ["人事股"], None),
                     ("3", ["人事股"], ["计财股", "教育工会"]), ("4", ["职成办"], None), ("5", ["职成办"], None),
                     ("6", ["计财股"], ["招生办"])]
    assert [(s.what, s.sender, s.due.value) for s in d.submissions] == [
        ("“扶贫济困日”活动实施方案", ["各学校"], "6月28日"), ("活动情况", ["各学校"], "7月1日")]


def test_seed_001_part2_reporting_chain_city_to_province():
    d = extract(_parts(S001)[1][1])
    first, second = d.submissions[:2]
    assert (first.sender, first.to, first.due.value) == (["各县市区教体局", "__职业技术学院", "市直学校"], "市教体局", "10月21日")
    assert (second.sender, second.to, second.due.value, second.collects) == (["市教体局"], "省教育厅", "10月25日", first.id)
    assert d.year.value is None and "20__" in d.year.check
    assert d.donation["schools_may_organise"].value is False


def test_seed_001_part5_responsible_units_and_due_dates():
    d = extract(_parts(S001)[4][1], year=2020)
    lessons = d.activities[0]
    assert ("送课下乡" in lessons.title, lessons.lead.value, lessons.due.value) == (True, ["市教体局"], "10月17日")
    assert d.period.value == "10月10日至10月20日" and d.scope.value == "全市教体系统"
    assert {(s.due.value, s.to) for s in d.submissions} >= {("9月30日", "__市教体局"), ("10月21日", "__市教体局")}


def test_draft_validates_and_marks_what_was_inferred(runner, tmp_path):
    out = tmp_path / "draft.yaml"
    result = runner.invoke(app, ["import", str(S001), "--pick", "5", "--year", "2020", "-o", str(out)])
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "# 待核实：" in text and "年度: 2020" in text
    lp = load_plan_text(text, str(out))
    assert lp.plan is not None and [d for d in lp.diagnostics if d.severity == "error"] == []
    assert "第 5 篇：活动 6 项" in result.stderr


def test_a_page_of_fourteen_plans_under_their_own_titles_is_split():
    parts = _parts(SEEDS / "002_3863cd7223370842.txt")
    assert len(parts) == 14
    assert parts[9][1].splitlines()[0] == "扶贫活动方案"  # the 宣恩县 plan
    assert "推荐阅读" not in "".join(body for _, body in parts)


def test_every_seed_notice_gives_a_draft_without_errors(runner, tmp_path):
    for seed in (S000, S001, SEEDS / "002_3863cd7223370842.txt"):
        result = runner.invoke(app, ["import", str(seed), "--all", "--year", "2020", "-o", str(tmp_path / seed.stem)])
        assert result.exit_code == 0, result.stderr
        assert "校验错误 0 个" in result.stderr and "校验错误 1" not in result.stderr


def test_english_keys_and_json_with_source_lines(runner, tmp_path):
    out = tmp_path / "d.yaml"
    runner.invoke(app, ["import", str(S000), "--keys", "en", "-o", str(out)])
    text = out.read_text(encoding="utf-8")
    assert "title: " in text and "activities:" in text and "标题:" not in text
    result = runner.invoke(app, ["import", str(S000), "-f", "json", "-o", "-"])
    (draft,) = json_document(result, "import")["results"]
    data = draft["extraction"]
    assert data["year"]["value"] == 2010
    assert data["submissions"][0]["due"]["line"] == 37


def test_evaluation_runs_and_holds_its_measured_level():
    per_case, totals = evaluate()
    assert len(per_case) == 5
    recall = {k: tp / e for k, (tp, f, e) in totals.items()}
    precision = {k: tp / f for k, (tp, f, e) in totals.items() if f}
    assert recall["year"] == 1.0 and recall["theme"] == 1.0
    # the levels measured when the importer was written (benchmarks/import_eval.py): a drop is a regression
    assert recall["activities"] >= 0.9 and precision["activities"] >= 0.9
    assert recall["lead"] >= 0.85 and precision["lead"] >= 0.85
    assert recall["support"] >= 0.9 and precision["support"] >= 0.9
    assert recall["deadlines"] >= 0.85 and precision["deadlines"] == 1.0
    assert per_case["000_扶贫济困日"]["lead"] == (11, 11, 11)


def test_the_python_api_returns_the_drafts_and_what_validation_finds(tmp_path):
    result = import_notice(path=str(S001), all=True, year=2020, default_year=2020)
    assert result.notices == 6 and [d.number for d in result.drafts] == [1, 2, 3, 4, 5, 6]
    fifth = result.drafts[4]
    assert (fifth.activities, fifth.errors, result.exit_code()) == (6, 0, 0)
    assert "来源: 001_dced67dc8fd97ea7.txt（第 " in fifth.text
    backwards = "关于开展扶贫日活动的通知\n活动时间：2020年10月20日至10月10日\n"
    backwards_result = import_notice(text=backwards, default_year=2020)
    (draft,) = backwards_result.drafts
    assert backwards_result.exit_code() == 1
    out = tmp_path / "draft.yaml"
    out.write_text(draft.text, encoding="utf-8")
    assert draft.errors == sum(1 for d in validate_plan(str(out)).diagnostics if d.severity == "error") > 0
    assert import_notice(path=str(tmp_path / "missing.txt"), default_year=2020).exit_code() == 2
    for bad in ({"pick": 7}, {"keys": "fr"}, {"format": "xml"}):
        with pytest.raises(UsageError):
            import_notice(path=str(S001), default_year=2020, **bad)


def test_the_draft_is_checked_with_the_calendar_files_given(runner, tmp_path):
    """import takes --calendar as validate does: a broken calendar file is a finding (exit 1), a missing one
    makes the input unreadable (exit 2), the shipped 2027 calendar is accepted."""
    notice = str(ROOT / "tests" / "data" / "seeds" / "000_1955899c45ce4d2f.txt")
    bad = tmp_path / "cal.yaml"
    bad.write_text("年份:\n  - 年: 2027\n    放假: 10月32日\n", encoding="utf-8")
    out = tmp_path / "draft.yaml"
    result = runner.invoke(app, ["import", notice, "--calendar", str(bad), "-o", str(out)])
    assert result.exit_code == 1 and f"{bad}:3:9: error FP102" in result.output
    result = runner.invoke(app, ["import", notice, "--calendar", str(tmp_path / "none.yaml"), "-o", str(out)])
    assert result.exit_code == 2 and "FP001" in result.output
    result = runner.invoke(app, ["import", notice, "--calendar", str(ROOT / "examples" / "calendar-2027.yaml"),
                                 "-o", str(out)])
    assert result.exit_code == 0 and "校验错误 0 个" in result.output
