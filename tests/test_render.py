"""Renderers on tables built by hand: what a renderer does with text it did not compute."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

from fupin_cli.render.html import render_html
from fupin_cli.table import Column, Table


def _timeline(label: str) -> Table:
    columns = [Column("kind", "类别", "Kind"), Column("label", "事项", "Item"), Column("start", "开始", "Start", "date"),
               Column("end", "结束", "End", "date"), Column("status", "状态", "Status")]
    rows = [["activity", label, date(2020, 10, 12), date(2020, 10, 16), ""]]
    return Table("timeline", "活动时间轴", columns, rows, title_en="Campaign timeline", as_of=date(2020, 10, 15))


def test_html_timeline_wraps_a_long_label_whole_and_escapes_each_line():
    """A label is never cut: it is wrapped into lines, each escaped on its own, so an & at a line's end stays a
    whole &amp; and the parsed lines give back the label."""
    label = "扶" * 22 + "&<活动>" + "扶" * 30 + "&"
    page = render_html([_timeline(label)], "扶贫日")
    svg = page.split('<div class="timeline">', 1)[1].split("</svg>", 1)[0]
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;)", page.split("<body>", 1)[1])

    lines: list[str] = []

    class Labels(HTMLParser):
        inside = False

        def handle_starttag(self, tag: str, attrs) -> None:
            self.inside = tag == "tspan"

        def handle_endtag(self, tag: str) -> None:
            self.inside = False

        def handle_data(self, data: str) -> None:
            if self.inside:
                lines.append(data)

    Labels().feed(svg)
    assert len(lines) >= 3 and "".join(lines) == label


# --- workbooks as they print -------------------------------------------------------------------------------

def _sheet(tables, name=None):
    """The first sheet (or the sheet ``name``) of the workbook ``render_xlsx`` writes, read back."""
    import io

    import openpyxl

    from fupin_cli.render.xlsx import render_xlsx

    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(tables)))
    return wb[name] if name else wb.worksheets[0]


def _activities(*titles: str) -> Table:
    from fupin_cli.reports.base import official

    columns = [Column("no", "序号", "No.", "int"), Column("title", "活动内容", "Activity"),
               Column("lead", "主办单位", "Lead")]
    rows = [[i, t, "县扶贫办"] for i, t in enumerate(titles, 1)]
    return official(Table("responsibility", "活动安排及责任分工表", columns, rows), "宣恩县", date(2015, 10, 15),
                    year=2015)


def test_a_row_is_as_tall_as_its_longest_wrapped_cell_by_the_column_width_rule():
    from fupin_cli.render.xlsx import MAX_WIDTH, row_height, wrapped_lines

    long = "协助开展好“最美扶贫民营企业”“最美扶贫社会组织”“最美扶贫社会人士”的评选推荐活动" * 2
    ws = _sheet([_activities("制作一批户外广告", long, "第一行\n第二行\n第三行")])
    assert abs(ws.column_dimensions["B"].width - MAX_WIDTH) < 1  # the long title reaches the widest column
    lines = wrapped_lines(long, MAX_WIDTH)
    assert lines == 4  # 84 characters two units wide, 48 units to a line
    assert ws.row_dimensions[4].height is None  # one line: the default height
    assert ws.row_dimensions[5].height == row_height(4) > 4 * 11
    assert ws.row_dimensions[6].height == row_height(3)  # the cell's own line breaks count too


def test_wrapped_lines_follow_chinese_width_words_and_spaces():
    from fupin_cli.render.xlsx import wrapped_lines

    assert wrapped_lines("一二三四五", 12) == 1 and wrapped_lines("一二三四五六", 12) == 2
    assert wrapped_lines("Poverty Alleviation Day", 12) == 3  # broken at the spaces, never inside a word
    assert wrapped_lines("x" * 25, 12) == 3  # a word longer than a line is broken where it passes the width
    assert wrapped_lines("", 12) == 1


def test_an_empty_table_prints_none_under_its_header_and_keeps_its_note():
    t = Table("large", "大额捐赠登记表", [Column("no", "序号", "No.", "int"), Column("donor", "捐赠人", "Donor")], [],
              notes=["方案未规定大额捐赠标准，未列任何捐赠。"])
    ws = _sheet([t])
    assert [ws.cell(4, 1).value, ws.cell(5, 1).value] == ["（无）", "方案未规定大额捐赠标准，未列任何捐赠。"]
    assert "A4:B4" in {str(r) for r in ws.merged_cells.ranges}


def test_the_footer_has_contact_number_and_seal_on_one_line_and_pages_restart_per_sheet():
    ws = _sheet([_activities("制作一批户外广告", "组织一次募捐活动")])
    last = ws.max_row
    signs = [item for c in ws[last] if c.value for item in c.value.split()]  # a cell each, or spaced in one
    assert signs == ["制表人：", "审核人：", "负责人：", "联系电话：", "（盖章）"]
    assert ws.print_options.horizontalCentered is True
    # each sheet numbers its pages from 1 (firstPageNumber, when absent, is 1)
    assert ws.page_setup.useFirstPageNumber is True and ws.page_setup.firstPageNumber in (None, 1)
    assert "&A" in ws.oddFooter.center.text and "&N" not in ws.oddFooter.center.text
    assert ws.cell(1, 1).value == "2015年宣恩县活动安排及责任分工表" and ws.title == "活动安排及责任分工表"


def test_official_titles_carry_year_issuer_and_the_plans_campaign_day():
    from fupin_cli import api

    district = api.report(paths=["plans/2010-区教育局-扶贫济困日.yaml"], as_of=date(2010, 7, 1)).plans[0].tables
    titles = {t.name: t.title for t in district}
    assert titles["activities"] == "2010年区教育局扶贫济困日活动情况统计表"
    assert titles["donations"] == "2010年区教育局捐赠统计表"
    assert titles["deadlines"] == "2010年区教育局报送时间表（截至 2010-07-01）"
    assert {t.label for t in district} >= {"扶贫济困日活动情况统计表", "捐赠统计表", "报送时间表"}
    school = api.report(paths=["examples/rollup/城关一中.yaml"], as_of=date(2020, 10, 15)).plans[0].tables
    assert [t.title for t in school if t.name == "activities"] == ["2020年城关一中扶贫日活动情况统计表"]
    rollup = api.rollup(inputs=["examples/rollup/"], as_of=date(2020, 11, 1), issuer="县教体局")
    assert rollup.table.title == "2020年县教体局扶贫日活动情况汇总表"


def test_the_deadlines_table_sent_upward_reads_by_date_the_terminal_view_by_urgency():
    from fupin_cli import api

    day = date(2010, 7, 1)
    official = api.report(paths=["plans/2010-区教育局-扶贫济困日.yaml"], as_of=day, tables=["deadlines"])
    rows = official.plans[0].tables[0].rows
    assert [(r[0].isoformat(), r[1]) for r in rows] == [
        ("2010-06-28", "报送"), ("2010-06-28", "活动"), ("2010-06-30", "活动"), ("2010-06-30", "活动"),
        ("2010-07-01", "报送")]
    terminal = api.deadlines(paths=["plans/2010-区教育局-扶贫济困日.yaml"], as_of=day, status="all")
    assert [(r.item.date.isoformat(), r.status.code) for r in terminal.rows][:2] == [
        ("2010-06-28", "overdue"), ("2010-07-01", "due")]  # most urgent first


def test_large_gifts_sheet_hides_the_ledger_column_and_prints_its_total():
    from fupin_cli import api

    report = api.report(paths=["plans/2010-区教育局-扶贫济困日.yaml"], as_of=date(2010, 7, 1), tables=["large"],
                        donation_rules="examples/donation-rules.yaml")
    ws = _sheet(report.plans[0].tables)
    assert [c.value for c in ws[3]] == ["序号", "捐赠人", "类型", "所属单位", "款物", "金额（元）", "日期", "票据号",
                                        "办理事项", "证书编号"]
    total = [c.value for c in ws[6]]
    assert total[:2] == ["合计", "2 笔"] and total[5] == 61000
    assert not any(".csv:" in str(c.value) for row in ws.iter_rows() for c in row)


def test_briefing_change_is_a_number_in_xlsx_and_a_plain_integer_in_csv():
    from fupin_cli import api
    from fupin_cli.render.flat import render_csv

    briefing = api.pairs(paths=["plans/2020-县教育局-结对帮扶.yaml"], as_of=date(2020, 11, 2),
                         briefing_month="2020-10").plans[0].tables[0]
    ws = _sheet([briefing])
    assert ws["E3"].value == "增减" and ws["E4"].value == -2 and ws["E4"].data_type == "n"
    assert ws["E8"].value == -8  # the 合计 row: 11 visits against 19
    lines = render_csv(briefing).decode("utf-8-sig").splitlines()
    assert lines[1].split(",")[4] == "-2" and lines[-1].split(",")[4] == "-8"
    assert "'-" not in render_csv(briefing).decode("utf-8-sig")


def test_csv_writes_yes_and_no_as_a_clerk_reads_them():
    from fupin_cli.render.flat import render_csv

    t = Table("deadlines", "报送时间表", [Column("what", "事项", "What"), Column("deadline", "是否截止", "Deadline")],
              [["活动总结", True], ["启动仪式", False]])
    assert render_csv(t).decode("utf-8-sig").splitlines()[1:] == ["活动总结,是", "启动仪式,否"]
    assert render_csv(t, "en").decode("utf-8-sig").splitlines()[1:] == ["活动总结,yes", "启动仪式,no"]
