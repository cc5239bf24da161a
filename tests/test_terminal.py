"""Terminal tables fit the width they are given: COLUMNS, else the terminal's; every row whole in a pipe or a file.

Every command that prints a text table runs at 80 and 120 columns on the shipped plans and example ledgers: no
line is wider than that (a Chinese character is two columns), every money, date and number cell is still there,
whole, as often as the table has it, and nothing was shortened. The fitter itself runs on tables built here (a
long title, a path, Chinese text, money) at 40, 80 and 120 columns, and what it printed is read back, cell by
cell, row by row, in both the wrapped layout and the cards.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fupin_cli import api
from fupin_cli.cli import app
from fupin_cli.money import to_capital
from fupin_cli.render.text import COLOURS, display_width, render_text, shorten, wrap
from fupin_cli.table import WORDS, Column, Table, format_cell

from .conftest import ROOT

FIXED = ("money", "int", "date")
RULE = re.compile(r"-+(  -+)+")  # the rule under a table's headings (a card's 合计 is under one run)
ANSI = re.compile(r"\033\[[0-9;]*m")

PLAN_2010 = "plans/2010-区教育局-扶贫济困日.yaml"
PAIRS_2020 = "plans/2020-县教育局-结对帮扶.yaml"


def _deadlines(as_of: date, **kw):
    return lambda: [api.deadlines(paths=["plans/"], as_of=as_of, **kw).table]


def _jobs(**kw):
    return lambda: [job.table for job in api.donations(**kw).jobs]


def _plans(fn, **kw):
    return lambda: [t for part in fn(**kw).plans if part.ok for t in part.tables]


#: every command that prints a text table, on the shipped plans and example ledgers, and the tables it prints
COMMANDS = {
    "deadlines": (["deadlines", "plans/", "--as-of", "2020-10-15"], _deadlines(date(2020, 10, 15))),
    "deadlines-2010-all": (["deadlines", "plans/", "--as-of", "2010-06-25", "--status", "all"],
                           _deadlines(date(2010, 6, 25), status="all")),
    "deadlines-en": (["deadlines", "plans/", "--as-of", "2020-10-15", "--lang", "en"],
                     _deadlines(date(2020, 10, 15), lang="en")),
    "deadlines-all-years": (["deadlines", "plans/", "--as-of", "2020-10-15", "--all-years", "--status", "all"],
                            _deadlines(date(2020, 10, 15), all_years=True, status="all")),
    "donations": (["donations"], _jobs()),
    "donations-by": (["donations", "--plan", PLAN_2010, "--by", "unit,kind"],
                     _jobs(plan=PLAN_2010, by=["unit", "kind"])),
    "donations-large": (["donations", "--large", "--donation-rules", "examples/donation-rules.yaml"],
                        _jobs(view="large", donation_rules="examples/donation-rules.yaml")),
    "donations-publicity": (["donations", "--publicity"], _jobs(view="publicity")),
    "assign": (["assign", "plans/", "--as-of", "2020-10-15"],
               _plans(api.assign, paths=["plans/"], as_of=date(2020, 10, 15))),
    "assign-unit": (["assign", PLAN_2010, "--unit", "政体股", "--as-of", "2010-06-20"],
                    _plans(api.assign, paths=[PLAN_2010], as_of=date(2010, 6, 20), unit="政体股")),
    "assign-rules": (["assign", "plans/", "--rules", "examples/rules.yaml", "--as-of", "2010-06-20"],
                     _plans(api.assign, paths=["plans/"], as_of=date(2010, 6, 20), rules="examples/rules.yaml")),
    "pairs": (["pairs", PAIRS_2020, "--as-of", "2020-11-02"],
              _plans(api.pairs, paths=[PAIRS_2020], as_of=date(2020, 11, 2))),
    "pairs-briefing": (["pairs", PAIRS_2020, "--briefing", "2020-10", "--as-of", "2020-11-02"],
                       _plans(api.pairs, paths=[PAIRS_2020], as_of=date(2020, 11, 2), briefing_month="2020-10")),
    "calendar": (["calendar", "2020-10"], lambda: []),
    "calendar-year": (["calendar", "2026"], lambda: []),
}


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def _run(runner, args: list[str], columns: int | str | None) -> str:
    env = {"COLUMNS": str(columns)} if columns is not None else {}
    result = runner.invoke(app, args, env=env)
    assert result.exit_code in (0, 1), (args, result.exit_code, result.output[-2000:])
    assert "Traceback" not in result.output
    return result.stdout


def _fixed_cells(table: Table, lang: str) -> Counter:
    """Each money, date and number cell as printed, and how often the table has it."""
    cells: Counter = Counter()
    for row in table.rows + ([table.total] if table.total else []):
        for col, value in zip(table.columns, row):
            if col.visible and col.kind in FIXED and value is not None and value != "":
                cells[format_cell(value, col.kind, lang)] += 1
    return cells


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_text_table_fits_and_keeps_its_figures(name, columns, runner, at_root):
    args, tables = COMMANDS[name]
    out = _run(runner, args, columns)
    whole = _run(runner, args, None)
    lines = out.splitlines()
    assert lines, name
    too_wide = [(display_width(line), line) for line in lines if display_width(line) > columns]
    assert too_wide == [], name
    lang = "en" if "--lang" in args else "zh"
    for table in tables():
        for text, count in _fixed_cells(table, lang).items():
            assert sum(line.count(text) for line in lines) >= count, (name, text)
        for note in table.notes:  # the total in 大写, whole on one line
            if note.startswith((WORDS.zh, WORDS.en)):
                capital = note.split("：" if lang == "zh" else ": ", 1)[1]
                assert any(capital in line for line in lines), (name, capital)
    # nothing in the shipped data is a path or a word wider than a column: nothing was shortened
    assert out.count("…") == whole.count("…"), name


def test_the_shipped_tables_need_fitting_at_80_and_120(runner, at_root):
    """The runs above are not trivial: printed whole, these tables are wider than 120 columns."""
    for name in ("deadlines", "deadlines-en", "assign", "donations-large"):
        whole = _run(runner, COMMANDS[name][0], None)
        assert max(display_width(line) for line in whole.splitlines()) > 120, name


def _read_grid(lines: list[str]) -> tuple[list[str], list[list[str]], list[str] | None]:
    """A wrapped table read back: its headings and each row's cells (a cell's lines joined, spaces dropped),
    and the 合计 row, from the columns the rule under the headings marks."""
    first = next(i for i, line in enumerate(lines) if RULE.fullmatch(line))
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", lines[first])]

    def cut(line: str) -> list[str]:
        cells = [""] * len(spans)
        col = 0
        for ch in line:
            for k, (a, b) in enumerate(spans):
                if a <= col < b:
                    cells[k] += ch
            col += display_width(ch)
        return cells

    def join(block: list[str]) -> list[str]:
        return ["".join(parts).replace(" ", "") for parts in zip(*(cut(line) for line in block))]

    body = lines[first + 1:]
    total = None
    if any(RULE.fullmatch(line) for line in body):
        end = next(i for i, line in enumerate(body) if RULE.fullmatch(line))
        body, total = body[:end], join(body[end + 1:])
    if "" in body:
        blocks, block = [], []
        for line in body + [""]:
            if line:
                block.append(line)
            elif block:
                blocks.append(block)
                block = []
    else:
        blocks = [[line] for line in body]
    return join(lines[:first]), [join(b) for b in blocks], total


def _read_cards(lines: list[str], headings: list[str], colon: str = "：") -> list[dict[str, str]]:
    """Cards read back: each card's values by heading (a value's lines joined, spaces dropped)."""
    cards: list[dict[str, str]] = [{}]
    key = None
    for line in lines:
        if not line or set(line) == {"-"}:
            cards.append({})
            continue
        label = next((h for h in headings if line.startswith(h + colon)), None)
        if label is not None:
            key = label
            cards[-1][key] = line[len(label + colon):]
        else:
            assert line.startswith("  ") and key is not None, line
            cards[-1][key] += line
    return [{k: v.replace(" ", "") for k, v in card.items()} for card in cards if card]


def _expected(table: Table, lang: str = "zh") -> list[list[str]]:
    cols = [i for i, c in enumerate(table.columns) if c.visible]
    return [[format_cell(row[i], table.columns[i].kind, lang).replace(" ", "") for i in cols] for row in table.rows]


def test_deadlines_at_120_read_back_row_by_row(runner, at_root):
    """At 120 columns the deadlines wrap inside their columns; read back, every row is whole and in order: no cell
    of one row ran into another's."""
    table = COMMANDS["deadlines"][1]()[0]
    lines = _run(runner, COMMANDS["deadlines"][0], 120).splitlines()[1:]
    assert "" in lines  # rows of several lines, a blank line between them
    headings, rows, total = _read_grid(lines)
    assert headings == table.headings(visible_only=True)
    assert rows == _expected(table) and total is None


def test_deadlines_at_80_are_cards(runner, at_root):
    table = COMMANDS["deadlines"][1]()[0]
    lines = _run(runner, COMMANDS["deadlines"][0], 80).splitlines()[1:]
    assert not any(RULE.fullmatch(line) for line in lines)
    headings = table.headings(visible_only=True)
    cards = _read_cards(lines, headings)
    assert cards == [{h: v for h, v in zip(headings, row) if v} for row in _expected(table)]
    assert lines[0] == "截止日期：2020-09-30（三）"


def test_a_pipe_or_a_file_gets_whole_rows(tmp_path):
    """No COLUMNS and no terminal: every row on one line, as before; -o FILE likewise even with COLUMNS; md, csv and
    json never fitted."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FUPIN_LANG")}
    env.update(PYTHONPATH=str(ROOT), FUPIN_STATE_DIR=str(tmp_path / "state"))
    args = [sys.executable, "-m", "fupin_cli", "deadlines", "plans/", "--as-of", "2020-10-15"]
    piped = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    assert max(display_width(line) for line in piped.stdout.splitlines()) > 200
    out = tmp_path / "报送.txt"
    subprocess.run(args + ["-o", str(out)], cwd=ROOT, env={**env, "COLUMNS": "80"}, check=False)
    assert out.read_text(encoding="utf-8") == piped.stdout
    for fmt in ("md", "csv", "json"):
        plain = subprocess.run(args + ["-f", fmt], cwd=ROOT, env=env, capture_output=True)
        narrow = subprocess.run(args + ["-f", fmt], cwd=ROOT, env={**env, "COLUMNS": "80"}, capture_output=True)
        assert narrow.stdout == plain.stdout and plain.stdout, fmt


@pytest.mark.parametrize("columns", ["", "0", "-3", "wide", "80px"])
def test_a_columns_that_is_no_width_is_not_one(columns, runner, at_root):
    args = COMMANDS["deadlines"][0]
    assert _run(runner, args, columns) == _run(runner, args, None)


def test_a_width_under_20_counts_as_20(runner, at_root):
    args = COMMANDS["donations-large"][0]
    out = _run(runner, args, 5)
    assert out == _run(runner, args, 20) and max(display_width(line) for line in out.splitlines()) <= 20
    assert "  55,000.00" in out.splitlines()  # under its label, whole


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a pseudo-terminal of a set size")
def test_a_terminal_without_columns_gets_its_own_width(tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FUPIN_LANG", "NO_COLOR")}
    env.update(PYTHONPATH=str(ROOT), FUPIN_STATE_DIR=str(tmp_path / "state"))
    p = subprocess.Popen([sys.executable, "-m", "fupin_cli", "deadlines", "plans/", "--as-of", "2020-10-15"],
                         cwd=ROOT, env=env, stdout=child, stderr=subprocess.DEVNULL)
    os.close(child)
    data = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        data += chunk
    p.wait(timeout=60)
    os.close(main)
    text = ANSI.sub("", data.decode("utf-8"))
    lines = text.replace("\r\n", "\n").splitlines()
    assert len(lines) > 20 and "2020-10-25（日）" in text
    assert max(display_width(line) for line in lines) <= 100
    assert "\033[31m" in data.decode("utf-8")  # a terminal gets colour (overdue in red), fitted all the same


# --- the fitter on tables built here ----------------------------------------------------------------------

LONG_TITLE = ("县教育系统2020年扶贫日暨全国扶贫日系列活动方案、活动总结及活动情况统计表（汇总上报市教体局、市扶贫办、"
              "省教育厅，含各乡镇中心学校和县直学校）")
PATH = "examples/ledgers/2020-县教育局/城关镇中心学校/捐赠台账（第二批）.csv"


def _synthetic() -> Table:
    columns = [Column("no", "序号", "No.", "int"), Column("what", "事项", "What"),
               Column("file", "台账文件", "Ledger file"), Column("units", "责任单位", "Responsible"),
               Column("due", "截止日期", "Due", "date"), Column("amount", "金额（元）", "Amount", "money")]
    rows = [[1, "全市教育系统扶贫日活动方案、活动总结及活动情况统计表（汇总）", PATH,
             ["各县（市、区）教体局", "市直学校", "__职业技术学院"], date(2020, 10, 21), Decimal("1234567.89")],
            [2, "扶贫日活动总结和活动照片资料", "台账.csv", "市教体局", date(2020, 10, 25), Decimal("0.50")],
            [3, "开展“扶贫济困、奉献爱心”主题教育活动 and the volunteers' week", "ledgers/一中.csv", None,
             date(2020, 10, 9), Decimal("88850.50")]]
    return Table("demo", LONG_TITLE, columns, rows, unit_of_measure="元", styles=["overdue", None, "done"],
                 total=[None, "合计", None, None, None, Decimal("1323418.89")], notes=["合计（大写）：" +
                                                                                   to_capital(Decimal("1323418.89"))])


@pytest.mark.parametrize("width", [40, 80, 120])
def test_the_fitter_keeps_every_line_within_the_width(width):
    table = _synthetic()
    for colour in (False, True):
        text = render_text(table, colour=colour, width=width)
        lines = text.splitlines()
        assert max(display_width(line) for line in lines) <= width
        for money in ("1,234,567.89", "0.50", "88,850.50", "1,323,418.89", "2020-10-21（三）", "2020-10-09（五）"):
            assert any(money in ANSI.sub("", line) for line in lines), (width, money)
        assert any(to_capital(Decimal("1323418.89")) in line for line in lines)
        # the title, wrapped, is all there
        title = LONG_TITLE + "（单位：元）"
        assert "".join(lines[:len(wrap(title, width))]) == title
    assert "\033[31m" in render_text(table, colour=True, width=width)


def test_the_fitter_wraps_at_80_and_shortens_only_the_path():
    table = _synthetic()
    lines = render_text(table, width=80).splitlines()
    title_lines = len(wrap(LONG_TITLE + "（单位：元）", 80))
    headings, rows, total = _read_grid(lines[title_lines:-1])
    assert headings == ["序号", "事项", "台账文件", "责任单位", "截止日期", "金额（元）"]
    expected = _expected(table)
    for got, want in zip(rows, expected):
        assert got[:2] + got[3:] == want[:2] + want[3:]  # every cell whole, in its own row
        if got[2] != want[2]:  # the path: shortened in its middle, its start and its file name kept
            assert "…" in got[2] and want[2].endswith(got[2].split("…")[1]) and want[2].startswith(
                got[2].split("…")[0])
    assert rows[0][2] != expected[0][2] and rows[1][2] == "台账.csv" and len(rows) == 3
    assert total == ["", "合计", "", "", "", "1,323,418.89"]
    assert "" in lines  # rows of several lines stand apart


def test_the_fitter_gives_cards_at_40():
    table = _synthetic()
    lines = render_text(table, width=40).splitlines()
    assert not any(RULE.fullmatch(line) for line in lines)
    body = lines[len(wrap(LONG_TITLE + "（单位：元）", 40)):lines.index("合计（大写）：")]
    cards = _read_cards(body, table.headings(visible_only=True))
    expected = [{h: v for h, v in zip(table.headings(visible_only=True), row) if v} for row in _expected(table)]
    assert len(cards) == 4  # three rows and the 合计
    for got, want in zip(cards, expected):
        assert got.keys() == want.keys()
        assert {k: v for k, v in got.items() if k != "台账文件"} == {k: v for k, v in want.items() if k != "台账文件"}
    assert cards[0]["台账文件"].startswith("exam") and cards[0]["台账文件"].endswith("（第二批）.csv")
    assert cards[3] == {"事项": "合计", "金额（元）": "1,323,418.89"}
    assert "金额（元）：1,234,567.89" in lines


@pytest.mark.parametrize("width", [120, 200])
def test_the_fitter_wraps_only_what_is_too_long(width):
    table = _synthetic()
    lines = render_text(table, width=width).splitlines()
    headings, rows, total = _read_grid(lines[len(wrap(LONG_TITLE + "（单位：元）", width)):-1])
    expected = _expected(table)
    assert [r[:2] + r[3:] for r in rows] == [r[:2] + r[3:] for r in expected]
    # the path, 64 columns, shortened (its start and its file name kept) where the columns share out less
    assert "…" in rows[0][2] and rows[0][2].startswith("examples") and rows[0][2].endswith("（第二批）.csv")
    assert rows[1][2] == "台账.csv" and rows[2][2] == "ledgers/一中.csv"
    assert total[-1] == "1,323,418.89"
    assert lines[-1] == "合计（大写）：壹佰叁拾贰万叁仟肆佰壹拾捌元捌角玖分"


def test_a_table_that_fits_is_printed_as_without_a_width():
    table = _synthetic()
    table.title, table.unit_of_measure = "捐赠统计", None
    table.rows = [row[:2] + ["台账.csv", "市教体局"] + row[4:] for row in table.rows[1:]]
    assert render_text(table, width=200) == render_text(table)
    assert render_text(table, colour=True, width=200) == render_text(table, colour=True)
    assert max(display_width(line) for line in render_text(table).splitlines()) < 200


def test_english_cards_use_a_colon_and_words_wrap_at_spaces():
    columns = [Column("what", "事项", "What"), Column("due", "截止日期", "Due", "date"),
               Column("amount", "金额（元）", "Amount", "money")]
    rows = [["Summary of the Poverty Alleviation Day activities and the statistics table", date(2020, 10, 21),
             Decimal("1595.40")]]
    lines = render_text(Table("demo", "报送时间表", columns, rows, title_en="Deadlines"), lang="en",
                        width=30).splitlines()
    assert lines[0] == "Deadlines"
    assert "Due:    2020-10-21 Wed" in lines and "Amount: 1,595.40" in lines
    what = [line for line in lines if line.startswith(("What:", "   "))]
    assert " ".join(line[8:].strip() for line in what) == rows[0][0]
    assert max(display_width(line) for line in lines) <= 40


def test_wrap_keeps_numbers_and_names_whole_and_brackets_with_their_text():
    assert wrap("每周入户走访，落实“五送”（至 2020-11-20）", 14) == ["每周入户走访，", "落实“五送”（至", "2020-11-20）"]
    assert wrap("张建国、林晓燕、黄志强", 16) == ["张建国、林晓燕、", "黄志强"]
    assert wrap("还剩10天（6个工作日）", 8) == ["还剩10天", "（6个工", "作日）"]
    assert wrap("单笔超过 50,000.00 元", 8) == ["单笔超过", "50,000.00", "元"]  # a number wider than the line
    assert wrap("人民币玖万零柒佰零捌元贰角伍分", 10) == ["人民币", "玖万零柒佰零捌元贰角伍分"]
    assert wrap(PATH, 30) == [shorten(PATH, 30)] and display_width(shorten(PATH, 30)) <= 30
    assert wrap("x" * 50, 20) == [shorten("x" * 50, 20)]
    assert all(display_width(line) <= 12 for line in wrap("各县（市、区）教体局、市直学校 → 市教体局", 12))


def test_display_width_counts_a_chinese_character_as_two():
    assert display_width("扶贫日") == 6 and display_width("2020-10-21（三）") == 16
    assert display_width(f"{COLOURS['overdue']}逾期3天\033[0m") == 7


_CJK = st.text(alphabet="扶贫日活动方案总结报送教体局市县、，（）“”", min_size=0, max_size=40)
_LATIN = st.text(alphabet="abcdefghij -/._0123456789", min_size=0, max_size=30)


@settings(max_examples=60, deadline=None)
@given(cells=st.lists(st.tuples(_CJK, _LATIN, st.integers(0, 10**9)), min_size=1, max_size=5),
       width=st.integers(36, 160))
def test_any_table_fits_and_keeps_its_amounts(cells, width):
    columns = [Column("a", "事项", "What"), Column("b", "备注说明", "Notes"),
               Column("m", "金额（元）", "Amount", "money"), Column("d", "日期", "Date", "date")]
    rows = [[a, b, Decimal(m) / 100, date(2020, 10, 1 + i)] for i, (a, b, m) in enumerate(cells)]
    text = render_text(Table("t", "表", columns, rows), width=width)
    lines = text.splitlines()
    assert max(display_width(line) for line in lines) <= width
    for row in rows:
        assert any(format_cell(row[2], "money") in line for line in lines)
        assert any(format_cell(row[3], "date") in line for line in lines)


def test_a_line_break_inside_a_cell_does_not_break_the_rows_apart():
    columns = [Column("what", "事项", "What"), Column("units", "责任单位", "Responsible"),
               Column("due", "截止日期", "Due", "date")]
    rows = [["开展扶贫日宣传\n（悬挂横幅、发放资料）", "县教体局", date(2020, 10, 17)],
            ["报送总结", "各学校\t县直学校", date(2020, 10, 19)]]
    lines = render_text(Table("demo", "活动", columns, rows), width=40).splitlines()
    headings, got, total = _read_grid(lines[1:])
    assert got == [["开展扶贫日宣传（悬挂横幅、发放资料）", "县教体局", "2020-10-17（六）"],
                   ["报送总结", "各学校县直学校", "2020-10-19（一）"]]
    assert max(display_width(line) for line in lines) <= 40
