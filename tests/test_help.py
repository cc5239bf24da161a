"""Help as a clerk reads it: Chinese by default, English with --lang en or FUPIN_LANG=en, placeholders in words;
every value help lists works and every value that works is listed; --version, completion, fupin alone; and with
--lang en no Chinese left in the program's own labels (the plan's data stays as written)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from fupin_cli.cli import app

from .conftest import PLANS, ROOT

COMMANDS = ["validate", "deadlines", "donations", "assign", "report", "pairs", "import", "calendar", "schema"]
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff01-\uff60]")
PAIRING = PLANS / "2020-县教育局-结对帮扶.yaml"
LEDGER_PLAN = PLANS / "2010-区教育局-扶贫济困日.yaml"


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(app, list(args), env=env, prog_name="fupin")


def help_text(command: str | None, *extra: str, env: dict | None = None) -> str:
    result = run(*([command] if command else []), "--help", *extra, env=env)
    assert result.exit_code == 0, result.output
    return result.output


def options(text: str) -> dict[str, str]:
    """Each option of a help screen -> its line and the lines of its description."""
    found: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        m = re.match(r"^  (?:-\w, )?(--[\w-]+)", line)
        if m:
            current = m.group(1)
            found[current] = line
        elif current and line.startswith("    "):
            found[current] += " " + line.strip()
        else:
            current = None
    return found


def listed_values(command: str, option: str) -> list[str]:
    """The values the Chinese help lists for an option: its choices <a|b>, else the words in ASCII its description
    lists after 可选： (up to the full stop; what is in brackets explains a value)."""
    entry = options(help_text(command))[option]
    choice = re.search(r"<([\w|-]+)>", entry)
    if choice:
        return choice.group(1).split("|")
    listed = re.search(r"可选：([^。]*)。", entry.replace(" ", ""))
    assert listed, entry
    return re.findall(r"[a-z][a-z_-]*", re.sub(r"（[^）]*）", "", listed.group(1)))


# --- language --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_chinese_by_default_and_english_with_lang_en(command):
    zh = help_text(command)
    assert zh.startswith(f"用法：fupin {command} [选项]")
    assert "选项:" in zh and "显示本帮助并退出。" in zh
    for en in (help_text(command, "--lang", "en"), help_text(command, env={"FUPIN_LANG": "en"}),
               help_text(command, "--lang=EN")):
        assert en.startswith(f"Usage: fupin {command} [OPTIONS]")
        assert "Options:" in en and "Show this message and exit." in en
        # in English, Chinese is left only where the help names a Chinese term (大写, 合计, 股室 …) or the example
        # plan's file name; no sentence is Chinese
        assert not re.search(r"[\u4e00-\u9fff]{2,}[，。；：]", en), en


def test_every_help_text_has_its_english():
    from fupin_cli.cli.app import Group  # noqa: F401 - the command line is loaded
    from fupin_cli.options import has_english
    from typer.main import get_command

    group = get_command(app)
    for command in [group, *group.commands.values()]:
        assert has_english(command.help), command.name
        for p in command.params:
            if p.name in ("install_completion", "show_completion"):
                continue
            assert p.help and has_english(p.help), (command.name, p.name)
            if p.metavar:
                assert has_english(p.metavar), (command.name, p.name, p.metavar)


@pytest.mark.parametrize("lang", [[], ["--lang", "en"]])
@pytest.mark.parametrize("command", COMMANDS + [None])
def test_placeholders_are_words_not_python_types(command, lang):
    text = help_text(command, *lang)
    assert not re.search(r"<(str|bool|int|list\[\w+\]|text|integer)>|\bTEXT\b|\bINTEGER\b", text), text
    if command == "deadlines":
        assert ("--as-of 日期" in text) if not lang else ("--as-of DATE" in text)
        assert ("--unit 单位" in text) if not lang else ("--unit UNIT" in text)
        assert ("--within 天数" in text) if not lang else ("--within DAYS" in text)
        assert ("--calendar 文件" in text) if not lang else ("--calendar FILE" in text)


def test_chinese_help_lines_fit_the_terminal():
    """A Chinese character takes two columns: help is wrapped by columns, and nothing is cut."""
    from fupin_cli.cli.app import _cells

    text = help_text("deadlines")
    assert max(_cells(line) for line in text.splitlines()) <= 80
    assert "只列这个股室或学校要交的（编号或名称）。" in text.replace("\n", "").replace(" ", "")


# --- version, completion, fupin alone ------------------------------------------------------------------------

def test_version_comes_from_the_package_metadata():
    from importlib import metadata

    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"fupin {metadata.version('fupin')}\n"


def test_fupin_alone_prints_the_short_help_and_exits_0():
    result = run()
    assert result.exit_code == 0
    assert result.output.startswith("用法：fupin [选项] 命令 [参数]...")
    for command in COMMANDS:
        assert f"  {command} " in result.output
    assert run("--lang", "en").output.startswith("Usage: fupin [OPTIONS] COMMAND [ARGS]...")


def test_shell_completion_is_on():
    text = help_text(None)
    assert "--install-completion" in text and "--show-completion" in text
    result = run(env={"_FUPIN_COMPLETE": "complete_bash", "COMP_WORDS": "fupin dea", "COMP_CWORD": "1"})
    assert result.exit_code == 0 and result.output.split() == ["deadlines"]
    result = run(env={"_FUPIN_COMPLETE": "complete_bash", "COMP_WORDS": "fupin donations --format ",
                      "COMP_CWORD": "3"})
    assert result.output.split() == ["table", "md", "csv", "json"]


def test_lang_before_the_command_is_the_commands_lang():
    result = run("--lang", "en", "calendar", "2020-10")
    assert result.exit_code == 0
    assert result.output.startswith("2020-10\n Mo   Tu")
    assert "off  National Day" in result.output and "国庆节" not in result.output


# --- every value listed works, every value that works is listed ---------------------------------------------

def _runs(command: str, option: str, value: str, tmp_path: Path) -> list[str]:
    """A run of ``command`` on the shipped plans with ``option value``, writing into ``tmp_path``."""
    out = str(tmp_path / "out") + "/"
    base = {
        "validate": ["validate", str(PLANS)],
        "deadlines": ["deadlines", str(PLANS), "--as-of", "2020-10-15", "-o", out],
        "donations": ["donations", "--plan", str(LEDGER_PLAN), "-o", out],
        "assign": ["assign", str(LEDGER_PLAN), "--as-of", "2010-06-20", "-o", out],
        "report": ["report", str(LEDGER_PLAN), str(PAIRING), "--as-of", "2020-11-02", "-o", out],
        "pairs": ["pairs", str(PAIRING), "--as-of", "2020-11-02", "-o", out],
        "import": ["import", str(ROOT / "tests/data/seeds/001_dced67dc8fd97ea7.txt"), "--year", "2020", "-o",
                   str(tmp_path / f"draft-{value}.out")],
        "calendar": ["calendar", "2020-10"],
        "schema": ["schema"],
    }[command]
    if command == "report" and option != "--format":
        base += ["-f", "md"]
    return base + [option, value]


VALUE_OPTIONS = [("validate", "--format"), ("deadlines", "--format"), ("deadlines", "--status"),
                 ("deadlines", "--fail-on"), ("donations", "--format"), ("donations", "--by"), ("assign", "--format"),
                 ("report", "--format"), ("report", "--table"), ("pairs", "--format"), ("import", "--format"),
                 ("import", "--keys"), ("calendar", "--format"), ("schema", "--output"), ("deadlines", "--lang")]


@pytest.mark.parametrize("command,option", VALUE_OPTIONS)
def test_every_listed_value_works(command, option, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    values = listed_values(command, option)
    assert len(values) >= 2, (command, option, values)
    for value in values:
        args = _runs(command, option, value, tmp_path)
        result = run(*args)
        assert result.exit_code in (0, 1), (args, result.output[-800:])


def test_donations_help_does_not_list_ics_and_refuses_it():
    assert "ics" not in listed_values("donations", "--format")
    assert "ics" not in options(help_text("donations"))["--format"]
    assert run("donations", "--plan", str(LEDGER_PLAN), "-f", "ics").exit_code == 2


def test_every_value_the_library_takes_is_listed():
    from fupin_cli.commands.donations import GROUP_KEYS
    from fupin_cli.options import DeadlineFormat, FailOn, StatusFilter
    from fupin_cli.render.document import OUTPUTS
    from fupin_cli.reports.report import REPORT_TABLES

    assert listed_values("donations", "--by") == list(GROUP_KEYS)
    assert listed_values("report", "--table") == list(REPORT_TABLES)
    assert listed_values("deadlines", "--format") == [f.value for f in DeadlineFormat]
    assert listed_values("deadlines", "--status") == [s.value for s in StatusFilter]
    assert listed_values("deadlines", "--fail-on") == [f.value for f in FailOn]
    assert sorted(listed_values("schema", "--output")) == sorted(OUTPUTS)
    # the formats a command renders, from the renderers it calls
    assert set(listed_values("report", "--format")) == {"xlsx", "csv", "md", "json", "html"}
    assert set(listed_values("assign", "--format")) == {"table", "md", "csv", "json", "xlsx", "html"}
    assert set(listed_values("pairs", "--format")) == {"table", "md", "csv", "json", "xlsx"}


def test_a_value_not_listed_is_refused():
    assert run("donations", "--plan", str(LEDGER_PLAN), "--by", "school").exit_code == 2
    assert run("report", str(LEDGER_PLAN), "--table", "budget", "--as-of", "2010-07-01").exit_code == 2
    assert run("assign", str(LEDGER_PLAN), "-f", "ics").exit_code == 2
    assert run("pairs", str(PAIRING), "-f", "html").exit_code == 2


# --- --lang en: the program's own labels in English -------------------------------------------------------------

def _data_strings() -> list[str]:
    """Every text the shipped plans and their ledgers, records and visit logs hold: data, kept as written."""
    found: set[str] = set()

    def walk(v) -> None:
        if isinstance(v, dict):
            for k, x in v.items():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, str):
            found.add(v.strip())
            found.update(p.strip() for p in re.split(r"[、，,；;/]", v))

    for plan in PLANS.glob("*.yaml"):
        walk(yaml.safe_load(plan.read_text(encoding="utf-8")))
        found.add(plan.stem)
    for table in (ROOT / "examples").rglob("*.csv"):
        raw = table.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030")
        for row in csv.reader(text.splitlines()):
            walk(row)
    return sorted((s for s in found if s), key=len, reverse=True)


def _program_labels(markdown: str) -> list[str]:
    """Of a markdown table output: the caption, the 填报单位 line, the headings, the status cells, the notes and
    the footer — what the program writes, as opposed to the rows' data."""
    labels = []
    lines = markdown.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("## "):
            labels.append(line)
            if i + 2 < len(lines) and lines[i + 2] and not lines[i + 2].startswith("|"):
                labels.append(lines[i + 2])  # the reporting unit / date line
        elif line.startswith("- ") or line.startswith("Prepared by"):
            labels.append(line)
    for block in re.findall(r"((?:^\|.*\n)+)", markdown, re.M):
        rows = [[c.strip() for c in r.strip().strip("|").split("|")] for r in block.splitlines()]
        labels.extend(rows[0])
        if "Status" in rows[0]:
            labels.extend(r[rows[0].index("Status")] for r in rows[2:])
    return labels


#: a total in 大写, which is Chinese in either language (会计基础工作规范)
CAPITALS = re.compile(r"(人民币)?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]{2,}")


def _without_data(label: str, data: list[str]) -> str:
    label = CAPITALS.sub("", label)
    for s in data:
        if s and s in label:
            label = label.replace(s, "")
    return label


@pytest.mark.parametrize("args", [
    ("deadlines", str(PLANS), "--as-of", "2020-10-15", "--all-years", "--status", "all"),
    ("donations",),
    ("donations", "--plan", str(LEDGER_PLAN), "--large", "--donation-rules", str(ROOT / "examples/donation-rules.yaml")),
    ("donations", "--plan", str(LEDGER_PLAN), "--publicity"),
    ("assign", str(PLANS), "--as-of", "2020-10-15"),
    ("pairs", str(PAIRING), "--as-of", "2020-11-02"),
    ("pairs", str(PAIRING), "--as-of", "2020-11-02", "--briefing", "2020-10"),
    ("report", str(PLANS), "--as-of", "2020-11-02", "-o", "-"),
], ids=lambda a: " ".join(a[:1] + a[-2:]))
def test_lang_en_leaves_no_chinese_in_the_programs_labels(args, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run(*args, "-f", "md", "--lang", "en")
    assert result.exit_code in (0, 1), result.output[-800:]
    out = result.stdout
    labels = _program_labels(out)
    assert any(label.startswith("## ") for label in labels)
    data = _data_strings()
    left = {label: _without_data(label, data) for label in labels}
    chinese = {label: rest for label, rest in left.items() if CJK.search(rest)}
    assert chinese == {}


def test_the_label_check_sees_chinese():
    """The check above fails on a Chinese label, and not on the plan's data inside an English one."""
    data = _data_strings()
    assert CJK.search(_without_data("填报单位：县教育局", data))
    assert CJK.search(_without_data("每周入户走访，落实“五送”（至 2020-11-20）", data))
    assert not CJK.search(_without_data("每周入户走访，落实“五送” (until 2020-11-20)", data))
    assert not CJK.search(_without_data("Reporting unit: 县教育局   Date: 2020-11-02", data))
    md = "## Deadlines\n\n填报日期：2020-10-15\n\n| Due | 状态 |\n|:--|:--|\n| x | y |\n"
    assert "填报日期：2020-10-15" in _program_labels(md) and "状态" in _program_labels(md)
