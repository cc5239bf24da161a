"""Every ``--format json`` prints one document, whatever the number of plans, and it validates against the schema
``fupin schema --output COMMAND`` prints (README, “json output”)."""

from __future__ import annotations

import json
import shutil

import pytest
from jsonschema import Draft202012Validator, ValidationError

from fupin_cli.cli import app
from fupin_cli.render.document import COMMANDS, ENVELOPE, OUTPUTS, document, schema_name

from .conftest import ROOT

SEED = "tests/data/seeds/001_dced67dc8fd97ea7.txt"
DISTRICT = "plans/2010-区教育局-扶贫济困日.yaml"

#: (arguments, how many results) — the shipped plans, with fixed dates; None: any number
CASES = [
    (["validate", "plans/", "-f", "json"], 7),
    (["validate", "tests/plans_broken", "-f", "json"], None),
    (["deadlines", "plans/", "--as-of", "2020-10-15", "-f", "json"], 1),
    (["deadlines", "plans/", "--as-of", "2020-10-15", "--all-years", "--status", "all", "-f", "json"], 1),
    (["donations", "--plan", DISTRICT, "-f", "json"], 1),
    (["donations", "--plan", DISTRICT, "--large", "-f", "json"], 1),
    (["donations", "--plan", DISTRICT, "--publicity", "-f", "json"], 1),
    (["assign", "plans/", "--as-of", "2020-10-15", "-f", "json"], 7),
    (["assign", DISTRICT, "--unit", "政体股", "--as-of", "2010-07-01", "-f", "json"], 1),
    (["pairs", "plans/", "--as-of", "2020-11-02", "-f", "json"], 1),
    (["pairs", "plans/", "--briefing", "2020-10", "--as-of", "2020-11-02", "-f", "json"], 1),
    (["report", "plans/", "--as-of", "2020-10-20", "-f", "json", "-o", "-"], 7),
    (["report", "--rollup", "examples/rollup", "--issuer", "县教体局", "--as-of", "2020-10-20", "-f", "json", "-o",
      "-"], 1),
    (["import", SEED, "--all", "-f", "json"], 6),
    (["import", SEED, "--pick", "2", "-f", "json", "-o", "-"], 1),
    (["calendar", "2020", "-f", "json"], 12),
    (["calendar", "2099-10", "-f", "json"], 0),  # a year the calendar does not know: exit 1, its diagnostic
    (["assign", "no-such-plan.yaml", "--as-of", "2020-10-15", "-f", "json"], 0),  # unreadable: exit 2
]


@pytest.fixture(scope="module")
def schemas():
    """Each output's schema, as ``fupin schema --output`` prints it."""
    from typer.testing import CliRunner

    out = {}
    for name in OUTPUTS:
        result = CliRunner().invoke(app, ["schema", "--output", name])
        assert result.exit_code == 0, result.output
        out[name] = json.loads(result.stdout)
        Draft202012Validator.check_schema(out[name])
    return out


def one_document(result, schemas) -> dict:
    doc = json.loads(result.stdout)  # a second document would be "Extra data"
    command = doc["command"]
    Draft202012Validator(schemas[command]).validate(doc)
    assert (doc["schema"], doc["exit_code"]) == (schema_name(command), result.exit_code)
    return doc


@pytest.mark.parametrize("args,results", CASES, ids=[" ".join(a[:3]) for a, _ in CASES])
def test_every_json_output_is_one_document_valid_against_its_schema(runner, schemas, monkeypatch, args, results):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, args)
    doc = one_document(result, schemas)
    assert doc["command"] == args[0]
    if results is not None:
        assert len(doc["results"]) == results
    for part in doc["results"] if args[0] == "report" else []:
        Draft202012Validator(schemas["report-document"]).validate(part["report"])


def test_donations_over_two_plans_with_ledgers_is_one_document(runner, schemas, tmp_path, monkeypatch):
    plans = tmp_path / "plans"
    plans.mkdir()
    for school in ("城关一中", "城关二中"):
        for f in (ROOT / "examples" / "rollup").glob(f"{school}*"):
            shutil.copy(f, plans / f.name)
    monkeypatch.chdir(tmp_path)
    doc = one_document(runner.invoke(app, ["donations", "-f", "json"]), schemas)
    assert [(part["plan"]["issuer"], len(part["ledgers"])) for part in doc["results"]] == [("城关一中", 1),
                                                                                          ("城关二中", 1)]
    assert [part["tables"][0]["table"] for part in doc["results"]] == ["donations", "donations"]


def test_json_to_a_file_is_the_same_document(runner, schemas, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    target = tmp_path / "d.json"
    args = ["deadlines", "plans/", "--as-of", "2020-10-15", "-f", "json"]
    assert runner.invoke(app, [*args, "-o", str(target)]).stdout == ""
    assert json.loads(target.read_text(encoding="utf-8")) == one_document(runner.invoke(app, args), schemas)


def test_the_schemas_catch_a_missing_or_unknown_key_and_a_wrong_command(runner, schemas, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["assign", "plans/", "--as-of", "2020-10-15", "-f", "json"])
    doc = one_document(result, schemas)
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout * 2)
    for broken in ({k: v for k, v in doc.items() if k != "diagnostics"}, {**doc, "extra": 1},
                   {**doc, "command": "pairs"}, {**doc, "results": [{**doc["results"][0], "tables": None}]},
                   {**doc, "results": [{k: v for k, v in doc["results"][0].items() if k != "ok"}]}):
        with pytest.raises(ValidationError):
            Draft202012Validator(schemas["assign"]).validate(broken)


def test_every_command_with_json_output_has_a_schema_that_requires_the_envelope(schemas):
    assert set(COMMANDS) <= set(OUTPUTS)
    for command in COMMANDS:
        schema = schemas[command]
        assert set(ENVELOPE) <= set(schema["required"]) and schema["additionalProperties"] is False
        assert schema["properties"]["schema"] == {"const": schema_name(command)}
        assert list(document(command, results=[], diagnostics=[], exit_code=0)) == list(ENVELOPE)
    with pytest.raises(ValueError):
        document("deadlines", results=[], diagnostics=[], exit_code=0, schema="fupin-report/1")
    with pytest.raises(ValueError):
        document("schema", results=[], diagnostics=[], exit_code=0)


def test_schema_command_keeps_the_plan_schema_and_refuses_an_unknown_output(runner):
    assert json.loads(runner.invoke(app, ["schema"]).stdout)["title"] == "Plan"
    assert runner.invoke(app, ["schema", "--keys"]).stdout.startswith("**Plan**")
    result = runner.invoke(app, ["schema", "--output", "report-document"])
    assert json.loads(result.stdout)["title"] == "fupin-report/1"
    assert runner.invoke(app, ["schema", "--output", "schema"]).exit_code == 2
    assert runner.invoke(app, ["schema", "--output", "pairs", "--keys"]).exit_code == 2


def test_the_schemas_ship_with_the_package():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'fupin_cli = ["schemas/*.json"]' in text and '"jsonschema' in text
    for name in OUTPUTS + ("common",):
        assert (ROOT / "fupin_cli" / "schemas" / f"{name}.json").is_file()
