"""The year of a notice: written, counted from "第N个扶贫日", or found from a weekday beside a date."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from .draft import Found
from .text import NUMERALS


def year_of(text: str, explicit: int | None) -> Found:
    if explicit:
        return Found(explicit, None, None)
    years = re.findall(r"(20\d\d)年", text)
    if years:
        year, _ = Counter(years).most_common(1)[0]
        line = text[: text.find(year + "年")].count("\n") + 1
        return Found(int(year), line, None if len(set(years)) == 1 else f"原文出现多个年份 {sorted(set(years))}，取最常见的")
    m = re.search(rf"第([{NUMERALS}\d]+)个[“\"]?扶贫日", text)
    if m:
        n = _cn_int(m.group(1))
        if n:
            line = text[: m.start()].count("\n") + 1
            return Found(2013 + n, line, f"由“第{m.group(1)}个扶贫日”推算（扶贫日始于2014年）")
    wm = re.search(r"(\d{1,2})月(\d{1,2})日[（(]星期([一二三四五六日天])[)）]", text)
    if wm:
        first = 2010 if "扶贫济困日" in text else 2014 if "扶贫日" in text else 2000
        weekday = min("一二三四五六日天".index(wm.group(3)), 6)  # 星期日 and 星期天 are both 6
        fits = []
        for y in range(first, 2031):
            try:
                if date(y, int(wm.group(1)), int(wm.group(2))).weekday() == weekday:
                    fits.append(y)
            except ValueError:
                continue
        if fits:
            line = text[: wm.start()].count("\n") + 1
            return Found(fits[0], line, f"原文未写年份；“{wm.group(0)}”符合的年份有 {fits}，取最早的")
    if "20__" in text or "__年" in text:
        return Found(None, None, "原文年份为“20__”占位，未能确定")
    return Found(None, None, "原文没有写年份")


def _cn_int(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    table = {c: i + 1 for i, c in enumerate(NUMERALS[:9])}
    if s.startswith("十"):
        return 10 + table.get(s[1:], 0)
    if s.endswith("十"):
        return table.get(s[0], 0) * 10
    if "十" in s:
        a, b = s.split("十")
        return table.get(a, 0) * 10 + table.get(b, 0)
    return table.get(s)
