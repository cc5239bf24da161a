"""The plan's JSON Schema says what ``fupin validate`` says about types, allowed values and keys: every shipped plan
and every test plan that validates passes it, written with Chinese keys or English ones; broken plans that fail
for a type, a value or an unknown key fail it too; hover texts are Chinese first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from fupin_cli import api
from fupin_cli.loading.plans import field_model, key_lookup
from fupin_cli.model import Plan, VisitPolicy, english_keys
from fupin_cli.model.pairing import PER_ALIASES, SCOPE_ALIASES
from fupin_cli.schema import plan_schema

from .conftest import BROKEN, PLANS, ROOT


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2): 2020-10-19 is text, not a date; no, yes, on and off
    are text (the key ``no`` is an activity's number), only true and false are booleans."""


EditorLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
for first in "tTfF":
    EditorLoader.yaml_implicit_resolvers.setdefault(first, []).insert(
        0, ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = plan_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def read(path: Path):
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    return yaml.load(text, Loader=EditorLoader)


def errors(validator, data) -> list[str]:
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message[:160]}" for e in validator.iter_errors(data)]


def in_english(model, value):
    """A plan's data with every key written in English, as the loader maps them (责任单位 by its neighbours)."""
    if isinstance(value, list):
        return [in_english(model, v) for v in value]
    if not isinstance(value, dict) or model is None:
        return value
    lookup, _ = key_lookup(model)
    eng = english_keys(model)
    present = {lookup.get(k) for k in value}
    out = {}
    for key, item in value.items():
        name = lookup[key]
        if name == "":
            alone, beside = model.CONTEXT_KEYS[key]
            name = beside if alone in present else alone
        sub, _ = field_model(model, name)
        out[eng.get(name, name)] = in_english(sub, item) if sub is not None else item
    return out


def valid_test_plans() -> list[Path]:
    """The plans under tests/ that fupin validate finds no error in (warnings allowed)."""
    found = []
    for path in sorted(ROOT.glob("tests/**/*.y*ml")):
        if "golden" in path.parts:
            continue
        report = api.validate(paths=[str(path)])
        if report.plans and report.plans[0].plan is not None and report.errors == 0:
            found.append(path)
    return found


SHIPPED = sorted(PLANS.glob("*.yaml"))


def test_there_are_plans_to_check():
    assert len(SHIPPED) == 7
    assert len(valid_test_plans()) >= 10


@pytest.mark.parametrize("path", SHIPPED + valid_test_plans(), ids=lambda p: p.name)
def test_every_valid_plan_passes_in_chinese_and_english_keys(validator, path):
    data = read(path)
    assert errors(validator, data) == []
    english = in_english(Plan, data)
    assert english != data or not re.search(r"[\u4e00-\u9fff]+:", path.read_text("utf-8", errors="replace"))
    assert errors(validator, english) == []


def test_english_drafts_of_a_notice_pass(validator, tmp_path):
    """fupin import --keys en writes plans in English keys: they pass as written."""
    drafts = api.import_notice(path=str(ROOT / "tests/data/seeds/001_dced67dc8fd97ea7.txt"), all=True,
                               default_year=2020, keys="en")
    assert drafts.drafts
    for d in drafts.drafts:
        data = yaml.load(d.text, Loader=EditorLoader)
        assert "title" in data
        assert errors(validator, data) == []


def test_the_pairing_plans_values_in_chinese(validator):
    data = read(PLANS / "2020-县教育局-结对帮扶.yaml")
    policy = data["结对帮扶"]["走访要求"]
    assert (policy["周期"], policy["考核"]) == ("周", "小组")
    assert errors(validator, data) == []


def test_every_alias_the_model_accepts_is_in_the_schema(validator):
    """周期 and 考核 take the words the model maps (and the model really maps them)."""
    base = {"标题": "x", "年度": 2020}
    for field, aliases in (("per", PER_ALIASES), ("scope", SCOPE_ALIASES)):
        key = {"per": "周期", "scope": "考核"}[field]
        for alias, value in aliases.items():
            assert getattr(VisitPolicy.model_validate({field: alias}), field) == value
            assert errors(validator, {**base, "结对帮扶": {"走访要求": {key: alias}}}) == []
        assert errors(validator, {**base, "结对帮扶": {"走访要求": {key: "每年"}}}) != []


@pytest.mark.parametrize("plan,ok", [
    ({"年度": "2020年"}, True),
    ({"年度": 1999}, False),
    ({"截止含当日": "否"}, True),
    ({"截止含当日": "也许"}, False),
    ({"活动日": "扶贫济困日"}, True),
    ({"活动日": "植树节"}, False),
    ({"单位": ["办公室", {"名称": "教育工会"}, {"编号": "政体股", "层级": "县"}]}, True),
    ({"单位": [{"编号": "政体股", "层级": "县里"}]}, False),
    ({"单位": [{"类型": "股室"}]}, False),
    ({"活动时间": "10月10日至10月20日"}, True),
    ({"阶段": [{"名称": "摸底", "起止时间": "4月11—20日"}]}, True),
    ({"阶段": [{"名称": "摸底", "开始": "4月11日"}]}, False),
    ({"活动": [{"序号": 1, "标题": "宣传", "责任单位": "办公室", "主办": "政教股"}]}, True),
    ({"报送": [{"材料": "总结", "截止": {"之后": "捐赠活动", "工作日": 30}}]}, True),
    ({"报送": [{"材料": "总结", "截止": {"之后": "捐赠活动", "之前": "x", "工作日": 30}}]}, False),
    ({"报送": [{"材料": "总结", "截止": {"之后": "捐赠活动"}}]}, False),
    ({"捐赠规则": {"分级": [{"对象": "单位", "标准": "超过5万元", "处理": "上报、证书"}]}}, True),
    ({"捐赠规则": {"分级": [{"对象": "个人", "标准": 5000, "界限": "以上", "处理": ["公示"]}]}}, True),
    ({"捐赠规则": {"分级": [{"对象": "个人", "标准": 5000}]}}, False),
    ({"捐赠规则": {"分级": [{"对象": "村民", "标准": "超过5万元"}]}}, False),
    ({"捐赠规则": {"分级": [{"对象": "单位", "标准": "超过5万元", "处理": "上报、发奖金"}]}}, False),
    ({"结对帮扶": {"帮扶方": ["第一小组"], "帮扶对象": [{"户主": "李大山", "人口": "3", "低保": "是"}]}}, True),
    ({"结对帮扶": {"帮扶对象": [{"户主": "李大山", "人口": "三口"}]}}, False),
    ({"备注": None, "来源": 2020}, True),
])
def test_value_forms(validator, plan, ok, tmp_path):
    """Each case is also what the loader says, so the schema and fupin validate agree."""
    data = {"标题": "县教育系统扶贫日活动方案", "年度": 2020, **plan}
    assert (errors(validator, data) == []) is ok, errors(validator, data)
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded = api.validate(paths=[str(path)])
    type_errors = [d for d in loaded.diagnostics if d.code in ("FP100", "FP101", "FP102", "FP106")]
    assert (type_errors == []) is ok, [d.format("en") for d in loaded.diagnostics]


@pytest.mark.parametrize("name", ["fp100_unknown_key.yaml", "fp101_missing_field.yaml", "fp102_bad_value.yaml",
                                  "fp106_mixed_kinds.yaml"])
def test_broken_plans_fail_where_a_schema_can_say_so(validator, name):
    """A type, an allowed value, a missing or unknown key (not a duplicate, a reference or a date: those are
    fupin validate's)."""
    assert errors(validator, read(BROKEN / name)) != []


def test_an_unknown_key_is_named(validator):
    data = read(BROKEN / "fp100_unknown_key.yaml")
    assert any("additional" in e.lower() for e in errors(validator, data))


def test_hover_texts_are_chinese_first():
    schema = plan_schema()
    for name, obj in [("Plan", schema), *schema["$defs"].items()]:
        for key, prop in obj["properties"].items():
            text = prop["description"]
            assert re.match(r"[\u4e00-\u9fff（《]", text), (name, key, text)
    per = schema["$defs"]["VisitPolicy"]["properties"]["周期"]["description"]
    assert per.startswith("周期：周（每周）或 月（每月）")
    assert per.endswith("周期 / per")
    assert schema["properties"]["year"]["description"] == schema["properties"]["年度"]["description"]


def test_readme_shows_the_editor_line_and_how_to_get_the_file():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=" in readme
    assert "fupin schema -o plan.schema.json" in readme
