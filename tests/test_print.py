"""Every workbook fupin writes, printed: LibreOffice turns each into a PDF, and the PDF's text positions show what
a clerk would see on paper — rows that keep to their own lines, nothing off the page, the pages of each sheet
numbered from 1, the chart above the signature lines, narrow tables centred.

One LibreOffice call converts every workbook (about 20 s here). A control workbook, the same tables written with
every row left at the default height, must fail the row check: the check can see what it looks for.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest

from fupin_cli.cli import app

from .conftest import PLANS, ROOT
from .golden.regenerate import as_of

XUANEN = PLANS / "2015-宣恩县-扶贫日.yaml"
DISTRICT = PLANS / "2010-区教育局-扶贫济困日.yaml"
PAIRING = PLANS / "2020-县教育局-结对帮扶.yaml"
#: how far (points) a glyph's box may reach past a rule or another glyph's box before it counts as crossing it
SLACK = 1.0


def _tools() -> None:
    """LibreOffice, a Chinese font and pdfplumber, or a failure that says where they come from."""
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is missing: .ci/run installs it (Debian package libreoffice-calc)")
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=60) \
        if shutil.which("fc-list") else None
    if fonts is None or not fonts.stdout.strip():
        pytest.fail("no Chinese font for LibreOffice to print with: .ci/run installs one (fonts-wqy-microhei)")
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        pytest.fail("pdfplumber is missing: pip install -e '.[test]' (bash .ci/run does)")


def _invoke(runner, *args: str) -> None:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output


def _long_ledger(folder: Path) -> Path:
    """A school's plan whose ledger has 90 donors: a 捐赠公示名单 that takes several printed pages."""
    folder.mkdir()
    for name in ("城关一中.yaml", "城关一中-活动.csv"):
        shutil.copy(ROOT / "examples" / "rollup" / name, folder / name)
    surnames, given = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗", "明芳伟娜秀英敏静丽强磊军洋勇艳杰娟涛"
    lines = ["捐赠人,金额,日期"] + [f"{surnames[i % 20]}{given[i * 7 % 18]}{given[i % 17]},{50 + i * 5},10月16日"
                                   for i in range(90)]
    (folder / "城关一中-捐款.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "城关一中.yaml"


def _control(path: Path) -> None:
    """The 宣恩县 tables written with every row at the default height: a workbook whose wrapped cells print over
    the rows above and below them."""
    from fupin_cli import api
    from fupin_cli.render import xlsx

    tables = api.report(paths=[str(XUANEN)], as_of=date(2015, 10, 15)).plans[0].tables
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(xlsx._Heights, "apply", lambda self, ws, widths: {})
        path.write_bytes(xlsx.render_xlsx(tables))


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    """Every kind of workbook fupin writes, each printed to PDF: {workbook name: pdf}."""
    _tools()
    from typer.testing import CliRunner

    base = tmp_path_factory.mktemp("print")
    books = base / "xlsx"
    books.mkdir()
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FUPIN_STATE_DIR", str(base / "state"))
        mp.delenv("FUPIN_LANG", raising=False)
        mp.chdir(ROOT)
        from fupin_cli.engines.validate import validate_plan

        for plan in sorted(PLANS.glob("*.yaml")):
            day = as_of(validate_plan(str(plan.relative_to(ROOT))).plan).isoformat()
            _invoke(runner, "report", str(plan), "--as-of", day, "-f", "xlsx",
                    "-o", str(books / f"report-{plan.stem}.xlsx"))
        _invoke(runner, "report", str(DISTRICT), "--as-of", "2010-07-01", "--donation-rules",
                "examples/donation-rules.yaml", "-f", "xlsx", "-o", str(books / "report-large-gifts.xlsx"))
        _invoke(runner, "assign", "plans/", "--as-of", "2020-10-15", "-f", "xlsx", "-o", str(books / "assign") + "/")
        for f in (books / "assign").iterdir():
            f.rename(books / f"assign-{f.name}")
        _invoke(runner, "pairs", str(PAIRING), "--as-of", "2020-11-02", "-f", "xlsx", "-o", str(books / "pairs.xlsx"))
        _invoke(runner, "pairs", str(PAIRING), "--as-of", "2020-11-02", "--briefing", "2020-10", "-f", "xlsx",
                "-o", str(books / "pairs-briefing.xlsx"))
        _invoke(runner, "report", "--rollup", "examples/rollup", "--as-of", "2020-11-01", "--issuer", "县教体局",
                "-f", "xlsx", "-o", str(books / "rollup.xlsx"))
        _invoke(runner, "report", str(_long_ledger(base / "school")), "--table", "publicity", "--as-of", "2020-10-20",
                "-f", "xlsx", "-o", str(books / "report-long-list.xlsx"))
        _control(books / "control.xlsx")
    xlsx = sorted(books.glob("*.xlsx"))
    assert len(xlsx) >= 7 + 1 + 7 + 3 + 1
    pdfs = base / "pdf"
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{base}/lo", "--convert-to", "pdf",
                           "--outdir", str(pdfs), *map(str, xlsx)], capture_output=True, timeout=240)
    assert done.returncode == 0, done.stderr
    out = {x.stem: pdfs / f"{x.stem}.pdf" for x in xlsx}
    missing = [name for name, pdf in out.items() if not pdf.exists()]
    assert not missing, f"LibreOffice printed no PDF for {missing}: {done.stderr!r}"
    return out


def _pages(pdf: Path):
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            yield page


def _where(page, what: str) -> str:
    return f"page {page.page_number}: {what}"


def crossings(page) -> list[str]:
    """Text printed across a horizontal rule of the table: a row spilling over the row above or below it."""
    rules = [e for e in page.edges if e["orientation"] == "h"]
    out = []
    for ch in page.chars:
        if not ch["text"].strip():
            continue
        for e in rules:
            if (e["x0"] < ch["x1"] - SLACK and e["x1"] > ch["x0"] + SLACK
                    and ch["top"] + SLACK < e["top"] < ch["bottom"] - SLACK):
                out.append(_where(page, f"“{ch['text']}” crosses the rule at y={e['top']:.1f}"))
                break
    return out


def overlaps(page) -> list[str]:
    """Words printed over each other (text outside the ruled table too: notes, signature lines)."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    out = []
    for a, b in combinations(words, 2):
        dx = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
        dy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
        if dx > SLACK and dy > SLACK:
            out.append(_where(page, f"“{a['text']}” and “{b['text']}” overlap"))
    return out


def off_page(page) -> list[str]:
    """Glyphs and graphics that reach past the edge of the paper."""
    out = []
    for kind, objs in (("text", page.chars), ("rule", page.edges), ("rect", page.rects), ("curve", page.curves),
                       ("image", page.images)):
        for o in objs:
            if o["x0"] < -0.5 or o["top"] < -0.5 or o["x1"] > page.width + 0.5 or o["bottom"] > page.height + 0.5:
                out.append(_where(page, f"{kind} {o.get('text', '')} at ({o['x0']:.0f}, {o['top']:.0f})"))
    return out


#: the page footer: the sheet's name and its page number
FOOTER = re.compile(r"^(\S+)\s+第\s*(\d+)\s*页$")


def page_numbers(pdf: Path) -> list[tuple[str, int]]:
    """(sheet, page number) of each printed page, read from its footer."""
    out = []
    for page in _pages(pdf):
        last = page.extract_text().splitlines()[-1].strip()
        m = FOOTER.match(last)
        assert m, f"{pdf.name} page {page.page_number} has no page number in its footer: {last!r}"
        out.append((m.group(1), int(m.group(2))))
    return out


def _shipped(printed: dict[str, Path]) -> dict[str, Path]:
    return {k: v for k, v in printed.items() if k != "control"}


def test_every_shipped_workbook_kind_is_printed(printed):
    names = set(printed)
    assert {f"report-{p.stem}" for p in PLANS.glob("*.yaml")} <= names
    assert {"pairs", "pairs-briefing", "rollup", "report-large-gifts", "report-long-list", "control"} <= names
    assert sum(n.startswith("assign-") for n in names) == len(list(PLANS.glob("*.yaml")))


def test_no_row_prints_over_another(printed):
    problems = []
    for name, pdf in _shipped(printed).items():
        for page in _pages(pdf):
            problems += [f"{name} {p}" for p in crossings(page) + overlaps(page)]
    assert problems == []


def test_the_row_check_sees_rows_left_at_the_default_height(printed):
    """The control workbook's wrapped cells (宣恩县 活动安排表, rows 1, 7 and 8) spill over their neighbours."""
    problems = [p for page in _pages(printed["control"]) for p in crossings(page)]
    assert len(problems) >= 3, problems


def test_nothing_falls_off_the_page(printed):
    problems = []
    for name, pdf in _shipped(printed).items():
        for page in _pages(pdf):
            problems += [f"{name} {p}" for p in off_page(page)]
    assert problems == []


def test_each_sheet_numbers_its_own_pages_from_one(printed):
    import openpyxl

    for name, pdf in _shipped(printed).items():
        numbers = page_numbers(pdf)
        sheets = openpyxl.load_workbook(pdf.parent.parent / "xlsx" / f"{name}.xlsx").sheetnames
        runs: list[list] = []
        for sheet, n in numbers:
            if runs and runs[-1][0] == sheet:
                runs[-1][1].append(n)
            else:
                runs.append([sheet, [n]])
        assert [sheet for sheet, _ in runs] == sheets, name
        for sheet, seen in runs:
            assert seen == list(range(1, len(seen) + 1)), f"{name} {sheet}: pages numbered {seen}"


def test_a_table_longer_than_a_page_goes_on_numbered_from_one(printed):
    """A 捐赠公示名单 of 90 donors takes several pages, numbered 第 1 页, 第 2 页 … of that sheet, each with the
    title and header repeated; the signatures come once, on the last."""
    numbers = page_numbers(printed["report-long-list"])
    assert len(numbers) >= 3 and numbers == [("捐赠公示名单", n) for n in range(1, len(numbers) + 1)]
    texts = [p.extract_text() for p in _pages(printed["report-long-list"])]
    assert all("2020年城关一中捐赠公示名单" in t and "捐赠人" in t for t in texts)
    assert ["制表人" in t for t in texts] == [False] * (len(texts) - 1) + [True]


def test_signature_lines_come_last_below_the_table_and_the_chart(printed):
    pages_with_chart = 0
    for name, pdf in _shipped(printed).items():
        for page in _pages(pdf):
            words = page.extract_words()
            signs = [w for w in words if w["text"].startswith("制表人")]
            if not signs:
                continue
            top = min(w["top"] for w in signs)
            graphics = page.edges + page.rects + page.curves
            assert all(g["bottom"] <= top + SLACK for g in graphics), f"{name} page {page.page_number}"
            below = [w["text"] for w in words if w["top"] >= top - SLACK]
            for label in ("联系电话：", "（盖章）"):  # on the page of the other signatures, never left behind
                assert any(label in w for w in below), (name, page.page_number, label, below)
            pages_with_chart += any(w["text"] == "各单位捐赠合计" for w in words)
    assert pages_with_chart >= 2  # the 2010 捐赠统计表, with and without the office's donation rules


def test_narrow_tables_are_centred_on_the_page(printed):
    for name, pdf in _shipped(printed).items():
        for page in _pages(pdf):
            rules = [e for e in page.edges if e["orientation"] == "h"]
            if not rules:
                continue
            left = min(e["x0"] for e in page.edges + page.rects)
            right = page.width - max(e["x1"] for e in page.edges + page.rects)
            assert abs(left - right) < 3, f"{name} page {page.page_number}: margins {left:.0f} and {right:.0f}"


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in _pages(pdf))


def test_what_the_printed_tables_say(printed):
    district = _text(printed["report-2010-区教育局-扶贫济困日"])
    assert "2010年区教育局扶贫济困日活动情况统计表" in district and "2010年区教育局捐赠统计表" in district
    assert "扶贫日活动情况统计表" not in district.replace("扶贫济困日活动情况统计表", "")
    # an empty table says so under its header: the plan sets no large-gift rules
    large = [p.extract_text() for p in _pages(printed["report-2010-区教育局-扶贫济困日"])
             if "大额捐赠登记表" in p.extract_text()]
    assert len(large) == 1 and "（无）" in large[0] and "方案未规定大额捐赠标准" in large[0]
    gifts = [p.extract_text() for p in _pages(printed["report-large-gifts"]) if "大额捐赠登记表" in p.extract_text()]
    assert len(gifts) == 1
    assert "证书编号" in gifts[0] and re.search(r"合计\s+2 笔\s+61,000.00", gifts[0])
    assert "台账位置" not in gifts[0] and ".csv:" not in gifts[0]  # the hidden column stays hidden
    assert "2020年县教体局扶贫日活动情况汇总表" in _text(printed["rollup"])
    assert "2020年10月县教育局结对帮扶走访情况通报" in _text(printed["pairs-briefing"])


def test_the_city_deadlines_sheet_keeps_its_first_row_below_the_header(printed):
    """The 2020 city 报送时间表: its first row wraps (事项 over two lines) and stays under the header."""
    page = next(p for p in _pages(printed["report-2020-市教体局-扶贫日"]) if "报送时间表" in p.extract_text())
    words = page.extract_words()
    header = next(w for w in words if w["text"] == "截止日期")
    first = next(w for w in words if w["text"].startswith("扶贫日活动方案、活动总结"))
    assert first["top"] > header["bottom"] and crossings(page) == []
