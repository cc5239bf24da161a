"""fupin report: golden renderings, the xlsx read back cell by cell, html in a real browser, safety."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest

from fupin_cli.cli import app
from fupin_cli.safety import write_atomic

from .conftest import PLANS, ROOT, json_document
from .golden.regenerate import GOLDEN, renderings

DISTRICT = PLANS / "2010-区教育局-扶贫济困日.yaml"


def test_golden_md_csv_json_of_every_table_of_every_shipped_plan(monkeypatch):
    monkeypatch.chdir(ROOT)
    produced = dict(renderings())
    on_disk = {str(p.relative_to(GOLDEN)): p.read_bytes() for p in GOLDEN.rglob("*")
               if p.is_file() and p.suffix in (".md", ".csv", ".json")}
    assert sorted(produced) == sorted(on_disk), "run python3 tests/golden/regenerate.py"
    for rel, data in produced.items():
        assert data == on_disk[rel], f"{rel} differs: run python3 tests/golden/regenerate.py and read the diff"


def _xlsx(runner, tmp_path, *extra):
    out = tmp_path / "报表.xlsx"
    result = runner.invoke(app, ["report", str(DISTRICT), "--as-of", "2010-07-01", "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    import openpyxl

    return openpyxl.load_workbook(out), out


def test_xlsx_has_one_sheet_per_table_with_chinese_names(runner, tmp_path):
    wb, _ = _xlsx(runner, tmp_path)
    assert wb.sheetnames == ["活动安排及责任分工表", "报送时间表", "捐赠统计表", "大额捐赠登记表", "捐赠公示名单",
                             "扶贫济困日活动情况统计表"]


def test_xlsx_donation_sheet_cell_by_cell(runner, tmp_path):
    wb, _ = _xlsx(runner, tmp_path)
    ws = wb["捐赠统计表"]
    values = [list(r) for r in ws.iter_rows(min_row=1, max_row=11, max_col=6, values_only=True)]
    assert values[0][0] == "2010年区教育局捐赠统计表"
    assert values[1][0] == "填报单位：区教育局" and values[1][3] == "填报日期：2010-07-01    单位：元"
    assert values[2] == ["单位", "笔数", "捐赠人数", "现金（元）", "物资折价（元）", "合计（元）"]
    assert values[3] == ["一中", 11, 11, 1595.4, 0, 1595.4]
    assert values[4] == ["二中", 5, 4, 262.35, 0, 262.35]
    assert values[5] == ["机关", 8, 8, 66350.5, 22500, 88850.5]
    assert values[6] == ["合计", 24, 23, 68208.25, 22500, 90708.25]
    assert values[7][0] == "合计（大写）：玖万零柒佰零捌元贰角伍分"
    assert values[8][0] == "读取 37 行 = 有效 24 + 跳过 7 + 拒收 6"
    # the signature line comes last, under the chart: 制表人 / 审核人 / 负责人 / 联系电话 / （盖章）
    signs = [w for c in ws[ws.max_row] if c.value for w in c.value.split()]
    assert signs == ["制表人：", "审核人：", "负责人：", "联系电话：", "（盖章）"]
    assert ws._charts[0].anchor._from.row < ws.max_row - 1
    # amounts are numbers with the accounting format, not text
    for cell in ("D4", "E6", "F7"):
        assert ws[cell].data_type == "n" and ws[cell].number_format == "#,##0.00"
    assert Decimal(str(ws["F7"].value)) == Decimal("90708.25")
    assert ws["A3"].font.b and ws["A3"].border.left.style == "thin"
    assert {str(r) for r in ws.merged_cells.ranges} >= {"A1:F1", "A2:C2", "D2:F2", "A8:F8"}


def test_xlsx_print_setup_frozen_header_and_chart(runner, tmp_path):
    wb, _ = _xlsx(runner, tmp_path)
    for ws in wb.worksheets:
        assert ws.print_title_rows == "$1:$3"
        assert ws.freeze_panes == "A4"
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == "9"  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.page_setup.fitToHeight == 0
    assert len(wb["捐赠统计表"]._charts) == 1
    assert all(len(ws._charts) == 0 for ws in wb.worksheets if ws.title != "捐赠统计表")
    widths = wb["捐赠公示名单"].column_dimensions
    assert widths["B"].width >= 22  # 广东某建设工程有限公司: eleven Chinese characters fit


def test_libreoffice_converts_the_workbook_without_complaint(runner, tmp_path):
    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing: .ci/run installs it")
        pytest.skip("LibreOffice is not installed here (.ci/run installs it for CI)")
    _, out = _xlsx(runner, tmp_path)
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                             "pdf", "--outdir", str(tmp_path), str(out)], capture_output=True, timeout=180)
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "报表.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    assert pdf.read_bytes().count(b"/Type /Page") >= 6 or pdf.read_bytes().count(b"/Type/Page") >= 6


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def test_html_loads_in_a_real_browser_without_console_errors_and_is_not_blank(runner, tmp_path):
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it")
        pytest.skip("chromium is not installed here (.ci/run installs it for CI)")
    page = tmp_path / "报表.html"
    result = runner.invoke(app, ["report", str(DISTRICT), "--as-of", "2010-07-01", "-f", "html", "-o", str(page)])
    assert result.exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "<svg" in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "<script" not in html and "<link" not in html
    shot = tmp_path / "shot.png"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
             "--window-size=1300,1800"]
    proc = subprocess.run([browser, *flags, f"--screenshot={shot}", page.as_uri()], capture_output=True,
                          timeout=120, text=True)
    assert shot.exists(), proc.stderr
    console = [line for line in proc.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == []
    assert _distinct_colours(shot.read_bytes()) > 8  # not a blank page


def _distinct_colours(png: bytes) -> int:
    """How many different byte values the decompressed pixel data holds (a blank page has two or three)."""
    import struct
    import zlib

    pos, idat = 8, b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        if kind == b"IDAT":
            idat += png[pos + 8:pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(idat)))


def test_html_timeline_marks_today_and_overdue(runner, tmp_path):
    page = tmp_path / "r.html"
    runner.invoke(app, ["report", str(PLANS / "2020-市教体局-扶贫日活动-篇5.yaml"), "--as-of", "2020-10-15",
                        "-f", "html", "-o", str(page)])
    html = page.read_text(encoding="utf-8")
    assert "今天 2020-10-15" in html
    assert html.count('fill="#d32f2f"><title>') == 2  # 09-30 and 10-09 are overdue on 10-15


def test_json_report_schema(runner, tmp_path):
    result = runner.invoke(app, ["report", str(DISTRICT), "--as-of", "2010-07-01", "-f", "json", "-o", "-"])
    envelope = json_document(result, "report")
    assert (envelope["schema"], envelope["as_of"], envelope["exit_code"]) == ("fupin-report-output/1", "2010-07-01", 0)
    (part,) = envelope["results"]
    assert (part["file"], part["ok"]) == (str(DISTRICT), True)
    doc = json_document(part["report"], "report-document")
    assert doc["schema"] == "fupin-report/1"
    assert doc["plan"] == {"title": "教育局开展“扶贫济困日”活动实施方案", "issuer": "区教育局", "year": 2010,
                           "file": str(DISTRICT)}
    tables = {t["table"]: t for t in doc["tables"]}
    assert tables["donations"]["total"]["total"] == "90708.25"
    assert tables["activities"]["total"]["participants"] == 3755


def test_table_option_and_output_to_stdout(runner):
    result = runner.invoke(app, ["report", str(DISTRICT), "--as-of", "2010-07-01", "-t", "大额捐赠登记表", "-f", "md",
                                 "--donation-rules", str(ROOT / "examples" / "donation-rules.yaml"), "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("## 2010年区教育局大额捐赠登记表")
    assert "广东某建设工程有限公司" in result.stdout and "欧阳**" in result.stdout and "欧阳修远" not in result.stdout
    assert runner.invoke(app, ["report", str(DISTRICT), "-t", "no-such-table"]).exit_code == 2


def test_csv_one_file_per_table(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["report", str(DISTRICT), "--as-of", "2010-07-01", "-f", "csv", "-o", f"{out}/"])
    assert result.exit_code == 0
    names = sorted(p.name for p in out.glob("*.csv"))
    stem = DISTRICT.stem
    assert names == sorted(f"{stem}-{n}.csv" for n in ["活动安排及责任分工表", "报送时间表", "捐赠统计表",
                                                        "大额捐赠登记表", "捐赠公示名单", "扶贫济困日活动情况统计表"])
    assert all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in out.glob("*.csv"))
    # several tables and one file named: refused, nothing written
    one = tmp_path / "r.csv"
    result = runner.invoke(app, ["report", str(DISTRICT), "--as-of", "2010-07-01", "-f", "csv", "-o", str(one)])
    assert result.exit_code == 2 and "FP024" in result.output and not one.exists()


def test_output_equal_to_an_input_is_refused(runner, tmp_path):
    plan = tmp_path / "p.yaml"
    shutil.copy(DISTRICT, plan)
    before = plan.read_bytes()
    result = runner.invoke(app, ["report", str(plan), "-f", "md", "-o", str(plan)])
    assert result.exit_code == 2
    assert plan.read_bytes() == before


def test_formula_injection_is_neutralised_in_csv_and_xlsx(runner, tmp_path):
    ledger = tmp_path / "捐款.csv"
    # a name that reads as a unit's (…有限公司), so that the large-gift list shows it as written
    ledger.write_text('捐赠人,金额\n"=HYPERLINK(""http://x"",""点我"")有限公司",60000\n@SUM(A1),10\n', encoding="utf-8")
    plan = tmp_path / "p.yaml"
    plan.write_text("标题: 注入测试\n年度: 2020\n发文单位: 县教体局\n领导小组: {组长: 局长}\n单位: [县教体局]\n"
                    "活动: [{标题: 捐赠, 主办: 县教体局, 类别: 捐赠, 日期: 10月17日}]\n台账: [捐款.csv]\n"
                    "捐赠规则: {单位大额标准: 5万元}\n", encoding="utf-8")
    out = tmp_path / "r.csv"
    runner.invoke(app, ["report", str(plan), "--as-of", "2020-10-15", "-t", "large", "-f", "csv", "-o", str(out)])
    text = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    xl = tmp_path / "r.xlsx"
    runner.invoke(app, ["report", str(plan), "--as-of", "2020-10-15", "-o", str(xl)])
    import openpyxl

    wb = openpyxl.load_workbook(xl)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)
             and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)  # text, never a formula


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "报表.md"
    target.write_bytes(b"old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(str(target), b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["报表.md"]  # no temporary file left behind


def test_default_output_name_from_the_plan_file(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", str(DISTRICT), "--as-of", "2010-07-01", "-f", "md"])
    assert result.exit_code == 0
    assert [p.name for p in tmp_path.glob("*.md")] == ["2010-区教育局-扶贫济困日.md"]



# --- roll-up --------------------------------------------------------------------------------------------

ROLLUP = ROOT / "examples" / "rollup"


def _json(runner, *args):
    """The json report (fupin-report/1) of one plan or of a roll-up, from the one document printed on stdout."""
    result = runner.invoke(app, ["report", *args, "--as-of", "2020-10-20", "-f", "json", "-o", "-"])
    assert result.exit_code == 0, result.output
    (part,) = json_document(result, "report")["results"]
    return json_document(part["report"], "report-document")


def test_rollup_from_plans_equals_rollup_from_the_json_reports_units_sent(runner, tmp_path):
    direct = _json(runner, "--rollup", str(ROLLUP), "--issuer", "县教体局")
    sent = tmp_path / "sent"
    sent.mkdir()
    for plan in sorted(ROLLUP.glob("*.yaml")):  # each school writes its json report (a fupin-report/1 file)
        target = sent / f"{plan.stem}.json"
        result = runner.invoke(app, ["report", str(plan), "--as-of", "2020-10-20", "-f", "json", "-o", str(target)])
        assert result.exit_code == 0 and result.stdout == ""
        assert json_document(json.loads(target.read_text(encoding="utf-8")), "report-document") == _json(runner,
                                                                                                       str(plan))
    via_json = _json(runner, "--rollup", str(sent), "--issuer", "县教体局")
    assert direct["tables"][0]["rows"] == via_json["tables"][0]["rows"]
    assert direct["summary"] == via_json["summary"]
    assert direct["summary"] == {"unit": "县教体局", "activities": 5, "participants": 3570, "beneficiaries": 135,
                                 "gifts": 12, "donors": 12, "cash": "2539.00", "goods": "0.00", "total": "2539.00"}
    # each unit's row is exactly that unit's own report
    for row in direct["tables"][0]["rows"]:
        own = _json(runner, str(ROLLUP / f"{row['unit']}.yaml"))["summary"]
        assert {k: row[k] for k in own if k != "unit"} == {k: v for k, v in own.items() if k != "unit"}


def test_a_city_rolls_up_counties_json_the_same_way(runner, tmp_path):
    county = _json(runner, "--rollup", str(ROLLUP), "--issuer", "县教体局")
    other = json.loads(json.dumps(county))
    other["summary"]["unit"] = "另一县教体局"
    (tmp_path / "a.json").write_text(json.dumps(county, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    city = _json(runner, "--rollup", str(tmp_path), "--issuer", "市教体局")
    assert [r["unit"] for r in city["tables"][0]["rows"]] == ["县教体局", "另一县教体局"]
    assert city["summary"]["total"] == "5078.00" and city["summary"]["participants"] == 7140


def test_a_unit_seen_twice_stops_the_rollup_naming_both_files(runner, tmp_path, monkeypatch):
    from fupin_cli.commands.report import rollup

    unit = tmp_path / "units"
    shutil.copytree(ROLLUP, unit)
    sent = unit / "城关一中.json"  # the school's json report, beside its plan
    made = runner.invoke(app, ["report", str(unit / "城关一中.yaml"), "--as-of", "2020-10-20", "-f", "json",
                               "-o", str(sent)])
    assert made.exit_code == 0, made.output
    copy = tmp_path / "城关一中-副本.json"
    copy.write_bytes(sent.read_bytes())
    monkeypatch.chdir(tmp_path)
    cases = {"plan and json in one folder": ([str(unit)], str(sent), str(unit / "城关一中.yaml")),
             "one json given twice": ([str(sent), str(sent)], str(sent), str(sent)),
             "two files of one unit": ([str(sent), str(copy)], str(sent), str(copy))}
    for name, (inputs, first, second) in cases.items():
        result = runner.invoke(app, ["report", "--rollup", *inputs, "--as-of", "2020-10-20", "--issuer", "县教体局",
                                     "-f", "md"])
        assert result.exit_code == 1, name
        assert result.stdout == "", name
        assert (f"{second}: error FP801: 单位“城关一中”在汇总中出现两次：{first} 与 {second}；"
                "每个单位只能汇总一次（方案或 json 报表，只给一个）") in result.stderr, name
        assert not list(tmp_path.glob("汇总-*")), name  # nothing is written
        roll = rollup(inputs=inputs, as_of=date(2020, 10, 20), issuer="县教体局")
        assert (roll.table, roll.duplicated, roll.exit_code()) == (None, True, 1), name
        assert [d.code for d in roll.diagnostics] == ["FP801"], name
    # the roll-up of the folder without the json report still works
    sent.unlink()
    assert runner.invoke(app, ["report", "--rollup", str(unit), "--as-of", "2020-10-20", "--issuer", "县教体局",
                               "-f", "md"]).exit_code == 0
    assert [p.name for p in tmp_path.glob("汇总-*")] == ["汇总-县教体局.md"]


def test_rollup_reads_the_document_of_several_plans_and_refuses_one_with_a_plan_without_report(runner, tmp_path):
    result = runner.invoke(app, ["report", str(ROLLUP), "--as-of", "2020-10-20", "-f", "json", "-o", "-"])
    envelope = json_document(result, "report")
    assert [(part["ok"], part["report"]["schema"]) for part in envelope["results"]] == [(True, "fupin-report/1")] * 3
    county = tmp_path / "county.json"
    county.write_text(result.stdout, encoding="utf-8")
    direct = _json(runner, "--rollup", str(ROLLUP), "--issuer", "县教体局")
    via_envelope = _json(runner, "--rollup", str(county), "--issuer", "县教体局")
    assert via_envelope["tables"][0]["rows"] == direct["tables"][0]["rows"]
    assert via_envelope["summary"] == direct["summary"]
    envelope["results"][1].update(ok=False, report=None)
    county.write_text(json.dumps(envelope, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["report", "--rollup", str(county), "-f", "json", "-o", "-"])
    assert result.exit_code == 2 and result.stdout == "" and "城关二中.yaml" in result.stderr


def test_rollup_refuses_a_file_that_is_not_a_fupin_report(runner, tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    result = runner.invoke(app, ["report", "--rollup", str(bad), "-f", "json", "-o", "-"])
    assert result.exit_code == 2 and "fupin" in result.output


def test_rollup_rounds_money_half_up_to_the_fen():
    """四舍五入: a json report with a third decimal (0.125) rolls up to 0.13, not to the even 0.12."""
    from datetime import date

    from fupin_cli.reports import rollup_table, summary_from_json

    doc = {"summary": {"unit": "城关一中", "activities": 1, "participants": 2, "beneficiaries": 3, "gifts": 1,
                       "donors": 1, "cash": "0.125", "goods": "0", "total": "0.125"}}
    table = rollup_table([summary_from_json(doc)], "县教体局", date(2020, 10, 20))
    total = dict(zip((c.key for c in table.columns), table.total))
    assert total["cash"] == Decimal("0.13") and total["total"] == Decimal("0.13")
    assert table.notes[0] == "合计（大写）：壹角叁分"
