"""Every command example in the README's “Using it” block works as written, in a copy of the repository's plans
and examples: no traceback and exit code 0 or 1 (1 is a finding such as a late deadline, never a usage error).
An example that names a file or folder the repository does not ship (notice.txt, 各校/) is left out, and said so
in the count below."""

from __future__ import annotations

import re
import shlex
import shutil

import pytest

from fupin_cli.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
OUTPUT_OPTIONS = {"-o", "--output", "--rejects"}


def examples() -> list[str]:
    block = re.search(r"^## Using it\n+```sh\n(.*?)^```", README, re.S | re.M).group(1)
    lines = []
    for line in block.splitlines():
        line = re.sub(r"\s#\s.*$", "", line).strip()
        line = re.sub(r"\s*\[[^\]]*\]", "", line)  # an optional part, shown in brackets
        if line.startswith("fupin "):
            lines.append(line)
    return lines


def needs_missing_file(args: list[str]) -> bool:
    for i, a in enumerate(args):
        if a.startswith("-") or (i and args[i - 1] in OUTPUT_OPTIONS) or a == ">":
            continue
        if ("/" in a or re.search(r"\.\w+$", a)) and not (ROOT / a.rstrip("/")).exists() and "*" not in a:
            return True
    return False


EXAMPLES = examples()
RUNNABLE = [e for e in EXAMPLES if not needs_missing_file(shlex.split(e.split(">")[0])[1:])]


def test_the_readme_has_examples_and_most_run():
    assert len(EXAMPLES) >= 25
    assert len(RUNNABLE) >= len(EXAMPLES) - 4  # notice.txt, 各校/, other/ … are not shipped


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    work = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "plans", work / "plans")
    shutil.copytree(ROOT / "examples", work / "examples")
    return work


@pytest.mark.parametrize("example", RUNNABLE)
def test_readme_example_runs_as_written(example, copy, runner, monkeypatch):
    monkeypatch.chdir(copy)
    command, _, redirect = example.partition(">")
    args = shlex.split(command)[1:]
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), f"{example}\n{result.output[-2000:]}"
    if redirect.strip():
        (copy / redirect.strip()).write_text(result.stdout, encoding="utf-8")
