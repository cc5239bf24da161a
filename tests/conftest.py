"""Shared fixtures: paths to the shipped plans and broken plans, and a CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
BROKEN = Path(__file__).resolve().parent / "plans_broken"


@pytest.fixture(autouse=True)
def _no_env_language(monkeypatch):
    """Tests never depend on the machine's environment: messages default to Chinese, and tables are not fitted to
    the terminal the tests run in (no COLUMNS: every row whole; a test that wants a width sets COLUMNS)."""
    monkeypatch.delenv("FUPIN_LANG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture(autouse=True)
def _own_state_dir(monkeypatch, tmp_path_factory):
    """What fupin remembers having written lives in a folder of each test's own, not the user's."""
    monkeypatch.setenv("FUPIN_STATE_DIR", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def json_document(result, command: str) -> dict:
    """The one json document a command printed on stdout (``json.loads`` fails on a second one), checked
    against the schema ``fupin schema --output COMMAND`` prints; ``report-document`` checks a json report."""
    from jsonschema import Draft202012Validator

    from fupin_cli.render.document import output_schema

    doc = json.loads(result.stdout) if hasattr(result, "stdout") else result
    Draft202012Validator(output_schema(command)).validate(doc)
    return doc
