"""The html report as a clerk reads it on screen and on paper: a timeline whose labels show whole, whose axis
carries the year and stays within the plan's dates, with a legend; tables that never print one character per
line; page numbers when printed. The geometry is measured in Chromium itself."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from fupin_cli import api
from fupin_cli.cli import app
from fupin_cli.render.html import LABEL_R, LABEL_X, PLOT_L, WIDTH, render_html, text_width, wrap
from fupin_cli.table import Column, Table

from .conftest import PLANS

DISTRICT = PLANS / "2010-区教育局-扶贫济困日.yaml"
CITY = PLANS / "2020-市教体局-扶贫日.yaml"
PIAN5 = PLANS / "2020-市教体局-扶贫日活动-篇5.yaml"
PAIRING = PLANS / "2020-县教育局-结对帮扶.yaml"


def _page(runner, tmp_path: Path, plan: Path, as_of: str) -> Path:
    page = tmp_path / f"{plan.stem}-{as_of}.html"
    result = runner.invoke(app, ["report", str(plan), "--as-of", as_of, "-f", "html", "-o", str(page)])
    assert result.exit_code in (0, 1), result.output
    return page


def _svg(page: str) -> str:
    return page.split('<div class="timeline">', 1)[1].split("</svg>", 1)[0]


def _labels(page: str) -> list[str]:
    return [html.unescape("".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", m)))
            for m in re.findall(r'<text class="label"[^>]*>(.*?)</text>', _svg(page))]


def _timeline_labels(plan: Path, as_of: date) -> list[str]:
    result = api.report(paths=[str(plan)], as_of=as_of, timeline=True)
    (t,) = [t for t in result.plans[0].tables if t.name == "timeline"]
    return [r["label"] + (f"（{r['route']}）" if r["route"] else "") for r in t.records()]


# --- the page's text, without a browser -------------------------------------------------------------

def test_the_axis_of_an_old_plan_spans_its_own_dates_and_says_where_today_is(runner, tmp_path):
    page = _page(runner, tmp_path, DISTRICT, "2026-11-23").read_text(encoding="utf-8")
    ticks = re.findall(r'<text class="axis"[^>]*>([^<]*)</text>', _svg(page))
    assert len(ticks) >= 3
    days = [date.fromisoformat(t) for t in ticks]  # each tick label carries the year
    assert date(2010, 6, 20) <= min(days) and max(days) <= date(2010, 7, 10)
    assert "2026" not in "".join(ticks)
    marker = re.findall(r'<text class="today"[^>]*>([^<]*)</text>', _svg(page))
    assert marker == ["今天 2026-11-23（在时间轴之后）"]
    assert 'class="today" points=' in _svg(page)  # the arrow at the right edge


def test_today_inside_the_period_is_a_line_and_overdue_deadlines_are_red(runner, tmp_path):
    page = _page(runner, tmp_path, PIAN5, "2020-10-15").read_text(encoding="utf-8")
    assert re.findall(r'<text class="today"[^>]*>([^<]*)</text>', _svg(page)) == ["今天 2020-10-15"]
    assert '<line class="today"' in _svg(page)
    assert _svg(page).count('fill="#d32f2f"><title>') == 2  # 09-30 and 10-09


def test_the_legend_says_what_each_mark_means(runner, tmp_path):
    page = _page(runner, tmp_path, PIAN5, "2020-10-15").read_text(encoding="utf-8")
    legend = re.search(r'<ul class="legend">(.*?)</ul>', page).group(1)
    names = [html.unescape(n) for n in re.findall(r"</svg>([^<]*)</li>", legend)]
    assert names == ["活动时间", "活动", "截止：已逾期", "截止：未到期", "今天 2020-10-15"]
    assert legend.count('fill="#d32f2f"') == 1 and legend.count('fill="#1565c0"') == 1
    outside = _page(runner, tmp_path, DISTRICT, "2026-11-23").read_text(encoding="utf-8")
    assert "今天在时间轴之外" in outside


def test_two_deadlines_on_one_day_read_apart(runner, tmp_path):
    page = _page(runner, tmp_path, CITY, "2020-10-15").read_text(encoding="utf-8")
    labels = _labels(page)
    same_day = [label for label in labels if label.startswith("全市教育系统扶贫日活动方案")]
    assert len(same_day) == 2 and len(set(same_day)) == 2
    assert any(label.endswith("→ 省教育厅）") for label in same_day)
    assert labels == _timeline_labels(CITY, date(2020, 10, 15))  # every label whole, none cut


def test_wrapping_keeps_every_character_and_each_line_fits():
    text = "开展“扶贫济困、奉献爱心”主题教育活动（各县（市、区）教体局、__职业技术学院 → 市教体局），Poverty Alleviation Day"
    lines = wrap(text, 120, 12)
    assert "".join(lines) == text and len(lines) > 3
    assert all(text_width(line, 12) <= 120 for line in lines)
    assert not any(line[0] in "，、）”" for line in lines[1:])
    assert not any(line[-1] in "（“" for line in lines)
    assert all(any(word in line for line in lines) for word in ("Poverty", "Alleviation", "Day"))
    assert not any(re.search(r"[A-Za-z]$", a) and re.match(r"[A-Za-z]", b) for a, b in zip(lines, lines[1:]))


def test_print_css_numbers_the_pages_and_tables_keep_short_cells_whole(runner, tmp_path):
    page = _page(runner, tmp_path, DISTRICT, "2010-07-01").read_text(encoding="utf-8")
    assert "@page" in page and 'counter(page) " / " counter(pages)' in page
    assert re.search(r"th \{[^}]*white-space: nowrap", page)
    assert '<td class="date">2010-06-28（一）</td>' in page


def test_a_title_cannot_end_the_style_element():
    page = render_html([], '扶贫日</style><script>alert("x")</script>')
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "<" not in style and "<script" not in page.split("</style>", 1)[1].split("<h1>")[0]


# --- in a real browser ------------------------------------------------------------------------------

def _chromium() -> str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.fail("chromium is missing: .ci/run installs it")
    return browser


def _browser(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    return subprocess.run([_chromium(), *flags, *args], capture_output=True, timeout=180)


#: measures, in the page itself, every timeline text's box and every table cell's line count
MEASURE = """<script>
const out = {svgs: [], cells: []};
for (const svg of document.querySelectorAll('.timeline > svg')) {
  const vb = svg.viewBox.baseVal;
  out.svgs.push({width: vb.width, height: vb.height, texts: [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    return {cls: t.getAttribute('class'), text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height};
  })});
}
for (const cell of document.querySelectorAll('th, td')) {
  const text = cell.textContent.trim();
  if (!text) continue;
  const range = document.createRange();
  range.selectNodeContents(cell);
  const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
  out.cells.push({tag: cell.tagName, text, lines: tops.size});
}
const pre = document.createElement('pre');
pre.id = 'geometry';
pre.textContent = JSON.stringify(out);
document.body.appendChild(pre);
</script>"""


def _measure(tmp_path: Path, page: Path, width: int) -> dict:
    probe = page.with_name(f"probe-{width}-{page.name}")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    proc = _browser(tmp_path, f"--window-size={width},1200", "--dump-dom", probe.as_uri())
    dom = proc.stdout.decode("utf-8")
    found = re.search(r'<pre id="geometry">(.*?)</pre>', dom, re.S)
    assert found, proc.stderr.decode("utf-8", "replace")[-2000:]
    return json.loads(html.unescape(found.group(1)))


def _stress_page(tmp_path: Path) -> Path:
    """Long labels, same-day items, Latin words, and a wide table of Chinese text in narrow columns."""
    columns = [Column("kind", "类别", "Kind"), Column("label", "事项", "Item"), Column("start", "开始", "Start", "date"),
               Column("end", "结束", "End", "date"), Column("status", "状态", "Status"),
               Column("route", "报送", "From → to")]
    long = "开展“扶贫济困、奉献爱心”主题教育活动暨教育精准扶贫政策宣传和志愿者服务（含 Poverty Alleviation Day 宣传）"
    rows = [["period", "活动时间", date(2020, 10, 1), date(2020, 10, 31), "", ""],
            ["activity", long, date(2020, 10, 1), date(2020, 10, 31), "", ""],
            ["deadline", "扶贫日活动总结", date(2020, 10, 31), None, "overdue", "各县（市、区）教体局 → 市教体局"],
            ["deadline", "扶贫日活动总结", date(2020, 10, 31), None, "upcoming", "市教体局 → 省教育厅"],
            ["deadline", "扶" * 90, date(2020, 10, 1), None, "done", "各学校 → 县教体局"]]
    timeline = Table("timeline", "活动时间轴", columns, rows, title_en="Campaign timeline", as_of=date(2020, 10, 15))
    heads = ["序号", "活动内容", "主办（牵头）单位", "协办（配合）单位", "完成时限", "报送单位", "接收单位", "联系人及电话",
             "参与人数", "受益人数", "捐款金额（元）", "捐物折价（元）", "备注"]
    wide = Table("wide", "扶贫日活动安排及责任分工表", [Column(f"c{i}", h, h) for i, h in enumerate(heads)],
                 [["一", long, "县教体局办公室", "各乡镇中心学校、县直各学校", "2020-10-19（一）", "各学校", "县教体局",
                   "王老师 0566-1234567", "1200", "300", "12,000.00", "3,500.00", "按时报送，逾期不报的予以通报批评"]] * 3)
    page = tmp_path / "stress.html"
    page.write_text(render_html([timeline, wide], "压力测试（2020）"), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, tuple[Path, list[str]]]:
    from typer.testing import CliRunner

    tmp = tmp_path_factory.mktemp("html")
    runner = CliRunner()
    out = {}
    for plan, as_of in ((DISTRICT, "2026-11-23"), (CITY, "2020-10-15"), (PIAN5, "2020-10-15"),
                        (PAIRING, "2020-11-02")):
        out[plan.stem] = (_page(runner, tmp, plan, as_of), _timeline_labels(plan, date.fromisoformat(as_of)))
    out["stress"] = (_stress_page(tmp), None)
    return out


def _chinese_font() -> None:
    """Without a Chinese font Chromium draws narrow empty boxes, and a label too wide for a real font would pass."""
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout if shutil.which("fc-list") \
        else ""
    if not fonts.strip():
        pytest.fail("no Chinese font: .ci/run installs fonts-wqy-microhei")


@pytest.mark.parametrize("width", [1032, 760])  # A4 landscape inside its margins; a narrow window
def test_in_chromium_every_label_shows_whole_inside_the_timeline(pages, tmp_path, width):
    _chinese_font()
    for name, (page, expected) in pages.items():
        geometry = _measure(tmp_path, page, width)
        (svg,) = geometry["svgs"]
        labels = [t for t in svg["texts"] if t["cls"] == "label"]
        if expected is not None:
            assert [t["text"] for t in labels] == expected, name
        for t in svg["texts"]:  # nothing drawn outside the picture
            assert t["x"] >= 0 and t["y"] >= 0, (name, t)
            assert t["x"] + t["w"] <= svg["width"] and t["y"] + t["h"] <= svg["height"], (name, t)
        for t in labels:  # labels in their column, left of the axis
            assert LABEL_X - 1 <= t["x"] and t["x"] + t["w"] <= LABEL_R + 1 < PLOT_L, (name, t)
        for a, b in zip(labels, labels[1:]):  # one label a row: none drawn over the next
            assert a["y"] + a["h"] <= b["y"] + 1, (name, a, b)
        assert svg["width"] == WIDTH


@pytest.mark.parametrize("width", [1032, 760])
def test_in_chromium_no_cell_is_one_character_a_line(pages, tmp_path, width):
    for name, (page, _) in pages.items():
        cells = _measure(tmp_path, page, width)["cells"]
        assert cells, name
        for c in cells:
            if c["tag"] == "TH" or re.fullmatch(r"\d{4}-\d\d-\d\d（.）", c["text"]) or len(c["text"]) <= 6:
                assert c["lines"] == 1, (name, width, c)  # headings, dates and short cells stay whole
            else:
                assert len(c["text"]) / c["lines"] >= 4, (name, width, c)


def test_printed_from_chromium_every_page_is_numbered(pages, tmp_path):
    page, _ = pages["2010-区教育局-扶贫济困日"]
    pdf = tmp_path / "report.pdf"
    proc = _browser(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.exists(), proc.stderr.decode("utf-8", "replace")[-2000:]
    texts = _pdf_page_texts(pdf.read_bytes())
    assert len(texts) >= 3
    for n, text in enumerate(texts, 1):  # each glyph run is placed on its own: read across them
        assert f"{n}/{len(texts)}" in re.sub(r"\s", "", text), (n, text[-200:])


def _pdf_page_texts(data: bytes) -> list[str]:
    """The text of each page of a PDF as Chromium (Skia) writes it: uncompressed object table, Flate content
    streams, Type0 fonts with ToUnicode maps. Enough to read the page numbers back."""
    import zlib

    objects: dict[int, tuple[bytes, bytes | None]] = {}
    for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S):
        head, _, rest = m.group(2).partition(b"stream")
        stream = None
        if rest:
            raw = rest.lstrip(b"\r\n")
            raw = raw[: raw.rfind(b"endstream")]
            stream = zlib.decompress(raw) if b"FlateDecode" in head else raw
        objects[int(m.group(1))] = (head, stream)

    def ref(head: bytes, key: bytes) -> int | None:
        m = re.search(rb"/" + key + rb"\s+(\d+) 0 R", head)
        return int(m.group(1)) if m else None

    def to_unicode(num: int) -> dict[int, str]:
        text = (objects[num][1] or b"").decode("latin-1")
        out = {}
        for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for a, b in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                out[int(a, 16)] = bytes.fromhex(b).decode("utf-16-be")
        for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            for a, b, c in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                first = ord(bytes.fromhex(c).decode("utf-16-be"))
                for i, glyph in enumerate(range(int(a, 16), int(b, 16) + 1)):
                    out[glyph] = chr(first + i)
        return out

    pages = []
    for _, (head, _) in sorted(objects.items()):
        if not re.search(rb"/Type\s*/Page\b", head):
            continue
        fonts = {}
        block = re.search(rb"/Font\s*<<(.*?)>>", head, re.S)
        for name, num in re.findall(rb"/(\w+)\s+(\d+) 0 R", block.group(1) if block else b""):
            cmap = ref(objects[int(num)][0], b"ToUnicode")
            fonts[name.decode()] = to_unicode(cmap) if cmap else {}
        content = (objects[ref(head, b"Contents")][1] or b"").decode("latin-1")
        text, font = [], {}
        for tok in re.finditer(r"/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\bET\b", content):
            if tok.group(1):
                font = fonts.get(tok.group(1), {})
            elif tok.group(2) is not None:
                h = tok.group(2)
                text.append("".join(font.get(int(h[i:i + 4], 16), "") for i in range(0, len(h), 4)))
            else:
                text.append("\n")
        pages.append("".join(text))
    return pages
