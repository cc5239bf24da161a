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
