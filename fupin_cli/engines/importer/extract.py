"""Extraction: one cleaned notice into a ``Draft`` (title, issuer, year, theme, activities, submissions, donation)."""

from __future__ import annotations

import re

from .dates import year_of
from .draft import Draft, Found
from .outline import activities, outline
from .submissions import submissions
from .text import CJK

_DOC_NO = re.compile(r"[" + CJK + r"]{1,12}[〔﹝\[【(（]\s*(?:19|20)(?:\d\d|__)\s*[〕﹞\]】)）]\s*(?:\d+|__)\s*号")
_UNIT_WORDS = re.compile(r"(局|办|委|会|股|室|处|科|部|所|站|院|校|学校|中心|政府|团委|妇联|工会|小组|村|镇|乡|街道|厅|队|社|协会|中学|小学|单位)$")


def _title_of(lines: list[str]) -> Found:
    for i, ln in enumerate(lines[:8]):
        if ln and len(ln) <= 60 and re.search(r"(方案|通知|意见|安排|计划|总结)$", ln):
            return Found(ln, i + 1)
    first = next(((i, ln) for i, ln in enumerate(lines) if ln), (0, ""))
    return Found(first[1][:60], first[0] + 1, "首行不像标题，请确认")


def extract(text: str, *, year: int | None = None) -> Draft:
    """Read one cleaned notice (see the module docstring)."""
    lines = text.split("\n")
    draft = Draft(title=_title_of(lines))
    draft.year = year_of(text, year)
    _header(draft, text, lines)
    draft.activities = activities(outline(lines))
    draft.submissions = submissions(lines)
    draft.donation = _donation_rules(text, lines)
    _anchor_relative_deadlines(draft)
    draft.units = _units_named(draft)
    return draft


def _header(draft: Draft, text: str, lines: list[str]) -> None:
    """Campaign day, issuer and date, theme and slogan, basis, scope, period, phases, weeks, leading group."""
    if "扶贫济困日" in text:
        draft.campaign_day = Found("扶贫济困日", _line_of(lines, "扶贫济困日"))
    elif "扶贫日" in text:
        draft.campaign_day = Found("扶贫日", _line_of(lines, "扶贫日"))
    # issuer: "XX关于…的通知", else a signature line near the end
    m = re.match(rf"^([{CJK}（）()、]{{2,20}}?(?:局|委|办|政府|学校|中心|厅|会))(?:关于|开展)", draft.title.value)
    if m:
        draft.issuer = Found(m.group(1), draft.title.line)
    for i in range(len(lines) - 1, max(len(lines) - 6, -1), -1):
        if re.fullmatch(r"(?:20\d\d)年\d{1,2}月\d{1,2}日", lines[i]):
            draft.issued = Found(lines[i], i + 1)
            if i > 0 and _UNIT_WORDS.search(lines[i - 1]) and len(lines[i - 1]) <= 30 and draft.issuer is None:
                draft.issuer = Found(lines[i - 1], i)
            break
    if draft.issuer is None:
        m2 = re.search(r"(我(?:局|县|区|市|镇|乡|校))", text)
        if m2:
            draft.issuer = Found(m2.group(1).replace("我", "本"), _line_of(lines, m2.group(1)), "原文只说“" + m2.group(1)
                                 + "”，请写明发文单位全称")
    mm = re.search(r"(?:^|\n)(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])?\s*活动主题\s*\n\s*([^\n]{2,40})", text)
    if mm:
        draft.theme = Found(mm.group(1).strip("“”\" 。"), _line_of(lines, mm.group(1)[:6]))
    for key, pat in (("theme", r"(?:活动主题|主题)[为是：:]\s*[“\"]?([^”\"。\n]{2,40})[”\"]?"),
                     ("slogan", r"(?:行动口号|宣传口号|口号)[为是：:]\s*[“\"]?([^”\"。\n]{2,40})[”\"]?")):
        mm = re.search(pat, text)
        if mm and getattr(draft, key) is None:
            setattr(draft, key, Found(mm.group(1).strip("“”\" "), _line_of(lines, mm.group(0)[:6])))
    for mm in re.finditer(r"《([^》]{4,80})》\s*[（(]?\s*(" + _DOC_NO.pattern + r")?", text):
        doc = mm.group(2)
        draft.basis.append(Found({"title": f"《{mm.group(1)}》", "doc_no": doc}, _line_of(lines, mm.group(1)),
                                 "文号含“__”占位" if doc and "__" in doc else None))
    mm = re.search(r"(?:^|\n)(?:[一二三四五六七八九十]+、)?\s*(?:活动)?范围[：:]?\n?\s*([^\n]{2,40})", text)
    if mm:
        draft.scope = Found(mm.group(1).strip("。"), _line_of(lines, mm.group(1)))
    mm = re.search(r"(?:活动时间|时间)[：:]?\s*\n?\s*((?:20\d\d|20__)?年?\d{1,2}月\d{1,2}日\s*(?:至|到|—|-|－|~)\s*"
                   r"(?:\d{1,2}月)?\d{1,2}日)", text)
    if mm:
        draft.period = Found(re.sub(r"^(20\d\d|20__)?年", "", mm.group(1)), _line_of(lines, mm.group(1)[-6:]))
    for mm in re.finditer(rf"([{CJK}]{{2,8}}?)(?:阶段)?[（(：:]\s*(\d{{1,2}}月\d{{1,2}}日?\s*[—\-－至~]\s*"
                          rf"(?:\d{{1,2}}月)?\d{{1,2}}日)", text):
        name = mm.group(1)
        if re.search(r"时间|活动周", name):
            continue
        draft.phases.append(Found({"name": name, "dates": mm.group(2)}, _line_of(lines, mm.group(0)[:6])))
    mm = re.search(r"确定(\d{1,2}月\d{1,2}日\s*(?:至|到|—)\s*\d{1,2}月\d{1,2}日)为[“\"]?([^”\"]+活动周)", text)
    if mm:
        draft.weeks.append(Found({"name": mm.group(2), "dates": mm.group(1)}, _line_of(lines, mm.group(1))))
    for key, zh in (("leader", "组长"), ("deputies", "副组长"), ("members", "成员")):
        mm = re.search(rf"(?:^|\n|[。；])\s*{zh}[：:]\s*([^\n]+)", text)
        if mm and not (key == "leader" and mm.group(0).lstrip("\n。；").startswith("副")):
            draft.leadership[key] = Found(mm.group(1).strip("。；"), _line_of(lines, mm.group(1)[:6]))


def _donation_rules(text: str, lines: list[str]) -> dict[str, Found]:
    """Large-gift thresholds, voluntary giving, the publicity period, whether schools may organise giving."""
    rules: dict[str, Found] = {}
    mm = re.search(r"超过?(\d+(?:\.\d+)?万?元)的单位和(\d+(?:\.\d+)?万?元)的个人", text)
    if mm:
        rules["large_unit"] = Found(mm.group(1), _line_of(lines, mm.group(0)[:6]))
        rules["large_person"] = Found(mm.group(2), _line_of(lines, mm.group(0)[:6]))
    if re.search(r"自愿", text) and re.search(r"捐", text):
        rules["voluntary"] = Found(True, _line_of(lines, "自愿"))
    mm = re.search(r"捐赠活动结束(?:后)?(\d+)个工作日内", text)
    if mm:
        rules["publicity_working_days"] = Found(int(mm.group(1)), _line_of(lines, mm.group(0)[:6]))
    if re.search(r"(?:中小学|学校)原则上不(?:组织|开展)(?:捐|募)", text):
        rules["schools_may_organise"] = Found(False, _line_of(lines, "原则上不"))
    return rules


def _anchor_relative_deadlines(draft: Draft) -> None:
    """A deadline counted from the end of the donation drive: the drive gets the id it is referred to by."""
    for sub in draft.submissions:
        if sub.relative and sub.relative["after"] == "捐赠活动":
            drive = next((a for a in draft.all_activities() if "捐" in a.title), None)
            if drive is not None:
                drive.id = "捐赠活动"
            else:
                sub.relative["anchor_missing"] = True


def _units_named(draft: Draft) -> list[str]:
    """Every unit the activities and submissions name, in the order first named."""
    units: list[str] = []
    for a in draft.all_activities():
        for f in (a.lead, a.support):
            if f:
                units += [u for u in f.value if u not in units]
    for s in draft.submissions:
        units += [u for u in s.sender + ([s.to] if s.to else []) if u not in units]
    return units


def _line_of(lines: list[str], needle: str) -> int | None:
    for i, ln in enumerate(lines):
        if needle and needle in ln:
            return i + 1
    return None
