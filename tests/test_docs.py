"""The README's examples run: the section “Using fupin from Python” as doctests, from the repository root, and
every command of ``fupin`` is shown there and in the command list."""

from __future__ import annotations

import doctest
import re

from fupin_cli import api
from fupin_cli.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def python_section() -> str:
    m = re.search(r"^## Using fupin from Python\n(.*?)^## ", README, re.S | re.M)
    assert m, "the README has no section “Using fupin from Python”"
    return m.group(1)


def test_python_section_runs_as_doctests(monkeypatch):
    monkeypatch.chdir(ROOT)
    text = re.sub(r"^```.*$", "", python_section(), flags=re.M)  # a fence line is not expected output
    test = doctest.DocTestParser().get_doctest(text, {}, "README.md", str(ROOT / "README.md"), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0 and runner.tries >= 20


def test_every_command_has_a_python_example():
    section = python_section()
    for name, function in api.COMMANDS.items():
        assert f"api.{function.__name__}(" in section, name
    assert "api.rollup(" in section


def test_every_command_is_in_the_readme_and_has_a_function():
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert names == set(api.COMMANDS)
    for name in names:
        assert f"fupin {name}" in README, name
