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


def test_html_timeline_cuts_a_long_label_before_escaping_it():
    """A label is cut to 40 characters and then escaped, so an & near the cut stays a whole &amp;."""
    label = "扶" * 38 + "&<活动>"  # the & is the 39th character: escaping first, then cutting, left “&a”
    page = render_html([_timeline(label)], "扶贫日")
    texts = re.findall(r'text-anchor="end" fill="#222">([^<]*)</text>', page)
    assert texts == ["扶" * 38 + "&amp;&lt;"]
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;)", page.split("<body>", 1)[1])

    seen: list[str] = []

    class Labels(HTMLParser):
        def handle_data(self, data: str) -> None:
            seen.append(data)

    Labels().feed(page)
    assert "扶" * 38 + "&<" in seen
