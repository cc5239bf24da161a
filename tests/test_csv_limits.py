"""CSV files that once made the readers fail: a cell over the csv module's size limit, lines in two encodings,
an encoding forced on a file it does not decode, a date written with a circled digit. Each is a located
finding, every row still counted. And cell text that once made a workbook no spreadsheet program opens."""

from __future__ import annotations

import csv
from decimal import Decimal

from fupin_cli.cli import app
from fupin_cli.engines.ledger import LedgerOptions, read_ledgers
from fupin_cli.engines.pairing import read_visits
from fupin_cli.engines.records import read_records
from fupin_cli.engines.validate import validate_plan

from .conftest import PLANS

#: a 备注 longer than csv.field_size_limit() (131072 characters): a whole letter pasted into one cell
LETTER = "感谢各位爱心人士对贫困群众的关心和支持。" * 7000
assert len(LETTER) > csv.field_size_limit()


def _balanced(report):
    for f in report.files:
        assert f.balanced, (f.file, f.rows_read, f.accepted, f.skipped, f.rejected)
    return report


def _ledger(tmp_path, data: bytes, name="一中.csv"):
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


def test_a_cell_over_the_csv_limit_rejects_its_row_with_the_limit_named(tmp_path):
    path = _ledger(tmp_path, ("捐赠人,金额,日期,备注\n"
                              "张三,100,2010-06-30,\n"
                              f"李四,200,2010-06-30,{LETTER}\n"
                              "王五,50,2010-06-30,\n").encode())
    report = _balanced(read_ledgers([path], LedgerOptions(year=2010)))
    f = report.files[0]
    assert (f.rows_read, f.accepted, len(f.rejected)) == (4, 2, 1)
    assert report.total.cash == Decimal("150.00")
    line, d, _ = f.rejected[0]
    assert (line, d.code, d.file, d.line) == (3, "FP622", path, 3)
    assert "131072" in d.message("zh") and "131072" in d.message("en")


def test_an_oversize_quoted_cell_spanning_lines_loses_no_row(tmp_path):
    path = _ledger(tmp_path, ("捐赠人,金额,备注\n"
                              "张三,100,\n"
                              f'李四,200,"{LETTER}\n第二段"\n'
                              "王五,50,\n").encode())
    report = _balanced(read_ledgers([path], LedgerOptions(year=2010)))
    assert report.total.cash == Decimal("150.00")
    assert [d.code for _, d, _ in report.files[0].rejected][0] == "FP622"


def test_oversize_cells_in_activity_records_and_visit_logs(tmp_path):
    rec = _ledger(tmp_path, ("单位,活动名称,日期,参与人数,受益人数,捐款金额,捐物折价,备注\n"
                             "一中,主题班会,2010-06-28,1200,0,,,全校36个班\n"
                             f"二中,爱心义卖,2010-06-29,300,20,1500,,{LETTER}\n").encode(), "活动情况.csv")
    report = _balanced(read_records([rec], 2010))
    assert [(line, d.code) for line, d, _ in report.files[0].rejected] == [(3, "FP622")]
    log = _ledger(tmp_path, ("日期,帮扶小组,帮扶对象,方式,价值,备注\n"
                             "2020-10-13,第一帮扶小组,李大山,走访,,\n"
                             f"2020-10-14,第一帮扶小组,李大山,走访,,{LETTER}\n").encode(), "走访记录.csv")
    plan = validate_plan(str(PLANS / "2020-县教育局-结对帮扶.yaml")).plan
    visits = _balanced(read_visits([log], plan.pairing, 2020))
    assert [(line, d.code) for line, d, _ in visits.files[0].rejected] == [(3, "FP622")]
    assert len(visits.visits) == 1


def test_the_donations_command_reports_an_oversize_cell_without_a_traceback(runner, tmp_path):
    path = _ledger(tmp_path, f"捐赠人,金额,备注\n张三,100,\n李四,200,{LETTER}\n".encode())
    rejects = tmp_path / "拒收.csv"
    result = runner.invoke(app, ["donations", path, "--rejects", str(rejects)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0
    assert "FP622" in rejects.read_text(encoding="utf-8-sig")


def test_mixed_encodings_with_rejects_writes_the_rejects_file(runner, tmp_path):
    # most lines UTF-8; one pasted from a GBK spreadsheet, and with an extra cell (it would be FP605 too)
    path = _ledger(tmp_path, "捐赠人,金额,日期\n张三,100,2010-06-30\n".encode()
                   + "李四,200,2010-06-30,转账\n".encode("gbk") + "王五,50,2010-06-30\n".encode())
    rejects = tmp_path / "拒收.csv"
    result = runner.invoke(app, ["donations", path, "--rejects", str(rejects)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0
    rows = list(csv.reader(rejects.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1][:3] == [path, "3", "FP618"]
    assert rows[1][4:] == ["李*", "200", "2010-06-30", "转账"]  # the GBK bytes read as GBK, the name masked


def test_mixed_encodings_in_a_visit_log_reject_the_line_readably(tmp_path):
    log = _ledger(tmp_path, "日期,帮扶小组,帮扶对象,方式,价值\n2020-10-13,第一帮扶小组,李大山,走访,\n".encode()
                  + "2020-10-14,第一帮扶小组,李大山,走访,\n".encode("gbk"), "走访记录.csv")
    plan = validate_plan(str(PLANS / "2020-县教育局-结对帮扶.yaml")).plan
    visits = _balanced(read_visits([log], plan.pairing, 2020))
    [(line, d, row)] = visits.files[0].rejected
    assert (line, d.code, row[1]) == (3, "FP618", "第一帮扶小组")
    for d in visits.diagnostics:
        d.message("zh").encode("utf-8")  # printable: no undecoded byte left in a message


def test_mixed_encodings_in_activity_records_reject_the_line(tmp_path):
    rec = _ledger(tmp_path, "单位,活动名称,日期,参与人数\n一中,主题班会,2010-06-28,1200\n".encode()
                  + "二中,爱心义卖,2010-06-29,300\n".encode("gbk"), "活动情况.csv")
    report = _balanced(read_records([rec], 2010))
    assert [(line, d.code, row[1]) for line, d, row in report.files[0].rejected] == [(3, "FP618", "爱心义卖")]


def test_an_encoding_that_does_not_decode_the_file_is_a_finding_exit_2(runner, tmp_path):
    # UTF-16 without a byte-order mark: Python's utf-16 codec refuses it as a whole
    path = _ledger(tmp_path, "捐赠人,金额\n张三,100\n".encode("utf-16-le"))
    result = runner.invoke(app, ["donations", "--encoding", "utf-16", path])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2
    assert "FP623" in result.output and "utf-16" in result.output and f"{path}:1" in result.output


def test_a_forced_utf16_file_with_its_bom_is_read(tmp_path):
    path = _ledger(tmp_path, "捐赠人,金额\n张三,100\n".encode("utf-16"))
    report = _balanced(read_ledgers([path], LedgerOptions(encoding="utf-16")))
    assert report.total.cash == Decimal("100.00")


def test_a_circled_digit_is_an_unreadable_date(tmp_path):
    path = _ledger(tmp_path, "捐赠人,金额,日期\n张三,100,①\n李四,20,2010-06-30\n王五,30,²\n".encode())
    report = _balanced(read_ledgers([path], LedgerOptions(year=2010)))
    assert [(line, d.code) for line, d, _ in report.files[0].rejected] == [(2, "FP604"), (4, "FP604")]
    assert report.total.cash == Decimal("20.00")


def test_markup_like_text_and_control_characters_make_a_valid_workbook(tmp_path):
    import shutil
    import subprocess

    import openpyxl

    from fupin_cli.render.xlsx import render_xlsx
    from fupin_cli.reports import donations_table, publicity_table

    path = _ledger(tmp_path, ("捐赠人,金额,日期,所属单位,同意公示\n"
                              "<r>x&y</r>,100,2010-06-30,<r>一中&二中</r>,是\n"
                              "张\x01三\x0b,20,2010-06-30,二\x02中,是\n"
                              "李四,30,2010-06-30,三中,是\n").encode())
    report = _balanced(read_ledgers([path], LedgerOptions(year=2010, publicity=True)))
    out = tmp_path / "捐赠.xlsx"
    out.write_bytes(render_xlsx([donations_table(report), publicity_table(report)]))
    wb = openpyxl.load_workbook(out)
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "<r>一中&二中</r>" in texts and "二中" in texts
    assert any(t.startswith("<r>") and "&" in t for t in texts if t != "<r>一中&二中</r>")  # the donor, masked
    assert not any(ch in t for t in texts for ch in "\x01\x02\x0b")
    if shutil.which("soffice") is None:
        return
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                             "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(out)], capture_output=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert "<r>一中&二中</r>" in (tmp_path / "捐赠.csv").read_text(encoding="utf-8")  # 76: export as UTF-8


def test_a_big_file_with_an_oversize_cell_gives_the_same_figures_with_duckdb(tmp_path):
    import pytest

    from fupin_cli.engines.ledger import fast

    if not fast.available():
        pytest.skip("DuckDB is not installed")
    note = "家长委员会代表全班同学向贫困山区孩子捐款，" * 12
    rows = [f"家长{i},10,2010-06-30,{note}\n" for i in range(fast.MIN_BYTES // len(note.encode()) + 1)]
    rows[5] = f"李四,200,2010-06-30,{LETTER}\n"
    path = _ledger(tmp_path, ("捐赠人,金额,日期,备注\n" + "".join(rows)).encode())
    report = _balanced(read_ledgers([path], LedgerOptions(year=2010)))
    assert [(line, d.code) for line, d, _ in report.files[0].rejected] == [(7, "FP622")]
    assert report.total.cash == Decimal(10 * (len(rows) - 1))


def test_a_header_cell_in_another_encoding_is_shown_readably(runner, tmp_path):
    path = _ledger(tmp_path, "捐赠人,金额,".encode() + "备注".encode("gbk") + "\n张三,100,好\n李四,20,\n".encode()
                   + "王五,30,多\n".encode("gbk"))
    report = _balanced(read_ledgers([path], LedgerOptions()))
    assert report.files[0].header == ["捐赠人", "金额", "备注"]
    result = runner.invoke(app, ["donations", path, "-f", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0 and "FP618" in result.output
