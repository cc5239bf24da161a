"""Notice import: turn a notice's text (copied from a web page or a Word file) into a draft plan.

``clean`` normalises the text first — full-width letters and digits to half-width and ASCII punctuation beside
Chinese to Chinese punctuation, traditional to simplified (OpenCC), pinyin readings in brackets removed
(關(guān)於 → 关于), site boilerplate cut ("当前位置…", "相关内容", "推荐阅读"), a text printed twice kept once.
``split`` separates several notices in one file (篇1、篇2 …, 第一篇 …). ``extract`` reads one
notice into a ``Draft``: every value carries the source line it came from and, when it was inferred rather than
read plainly, a reason (``待核实``) that the YAML writer puts beside it as a comment::

    >>> d = extract(clean("关于开展扶贫日活动的通知\\n一、活动内容\\n（一）送课下乡（责任单位：市教体局。10月17日前完成）"),
    ...             year=2020)
    >>> d.activities[0].lead.value, d.activities[0].due.value
    (['市教体局'], '10月17日')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

CJK = "\u4e00-\u9fff"
_NUMERALS = "一二三四五六七八九十"


# --- clean-up -------------------------------------------------------------------------------------------

_PINYIN = re.compile(rf"(?<=[{CJK}])[（(][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{{1,7}}[)）]")
_BOILER_BEFORE = re.compile(r"^(当前位置|您的位置|首页\s*[>＞»]|位置[:：]|来源[:：].*浏览|发布时间[:：])")
_BOILER_AFTER = re.compile(r"^(相关内容|相关文章|推荐阅读|相关推荐|上一篇|下一篇|热门文章|猜你喜欢|本文链接|扫一扫|"
                           r"更多相关|延伸阅读|相关阅读)")


def _to_halfwidth_alnum(text: str) -> str:
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
            out.append(chr(code - 0xFEE0))
        elif ch == "\u3000":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


_PUNCT = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}


def _chinese_punctuation(line: str) -> str:
    """ASCII punctuation beside a Chinese character becomes Chinese punctuation (a web copy's 6月30日,下午)."""
    chars = list(line)
    for i, ch in enumerate(chars):
        if ch in _PUNCT:
            near = line[max(0, i - 1):i] + line[i + 1:i + 2]
            if re.search(rf"[{CJK}“”（）]", near) or (ch in "()" and re.search(rf"[{CJK}]", line[max(0, i - 8):i + 8])):
                chars[i] = _PUNCT[ch]
    return "".join(chars)


def clean(text: str, *, to_simplified: bool = True) -> str:
    """The text ready for extraction (see the module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = _to_halfwidth_alnum(text)
    text = text.replace("・", "·").replace("。。", "。")
    if to_simplified:
        import opencc

        text = opencc.OpenCC("t2s").convert(text)
    text = _PINYIN.sub("", text)
    lines = [_chinese_punctuation(ln.strip()) for ln in text.split("\n")]
    # boilerplate: drop site lines before the first real line, cut from a "related" marker to the end
    while lines and (not lines[0] or _BOILER_BEFORE.search(lines[0])):
        lines.pop(0)
    i = 0
    while i < len(lines):
        if _BOILER_AFTER.search(lines[i]):
            rest = lines[i + 1:]
            if sum(1 for ln in rest if _HEAD1.match(ln) or _HEAD2.match(ln)) < 3:
                lines = lines[:i]  # the end of the page: links to other pages
                break
            # a "推荐阅读" block between two notices of one page: drop it up to the next blank line
            j = i + 1
            while j < len(lines) and lines[j]:
                j += 1
            del lines[i:j]
            continue
        i += 1
    return "\n".join(lines).strip() + "\n"


def _drop_repeats(lines: list[str]) -> list[str]:
    """A notice printed twice on the page: the second run of identical lines (from a long paragraph on) goes."""
    first_seen: dict[str, int] = {}
    i = 0
    out = list(lines)
    while i < len(out):
        ln = out[i]
        if len(ln) > 30 and ln in first_seen:
            j = first_seen[ln]
            n = 0
            while i + n < len(out) and j + n < i and out[i + n] == out[j + n]:
                n += 1
            if n >= 3:
                del out[i:i + n]
                continue
        if len(ln) > 30:
            first_seen.setdefault(ln, i)
        i += 1
    return out


_PART = re.compile(r"^(?:.*?\s*篇\s*(\d+)|第([一二三四五六七八九十]+)篇.*)$")


_TITLE_LINE = re.compile(r"^[^，。；：:、（(一二三四五六七八九十\d][^，。；：:]{1,30}(?:方案|通知|实施意见|工作计划|活动安排|总结)"
                         r"(?:范文|两篇|[（(][^）)]*[)）])?$")


def split(text: str) -> list[tuple[int, str]]:
    """Several notices in one file -> [(first line number, text)], by 篇N / 第N篇 markers, else by title lines
    (a page of several plans, each under its own title)."""
    lines = text.split("\n")
    starts = [i for i, ln in enumerate(lines) if ln and len(ln) < 60 and _PART.match(ln)]
    if not starts:
        titles = [i for i, ln in enumerate(lines) if _TITLE_LINE.match(ln)]
        # a title line opens a notice when numbered headings follow it before the next title
        starts = [t for k, t in enumerate(titles)
                  if sum(1 for ln in lines[t + 1:(titles[k + 1] if k + 1 < len(titles) else len(lines))]
                         if _HEAD1.match(ln) or _HEAD2.match(ln) or _HEAD3.match(ln)) >= 2]
        if len(starts) < 2:
            return [(1, "\n".join(_drop_repeats(lines)).strip() + "\n")]
        starts[0] = 0 if all(not _HEAD1.match(ln) for ln in lines[:starts[0]]) else starts[0]
    parts = []
    for k, s in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        block = lines[s:end]
        block[0] = re.sub(r"\s*篇\s*\d+\s*$|^第[一二三四五六七八九十]+篇\s*", "", block[0]).strip()
        # a notice printed twice is repeated inside its own part; parts may share paragraphs, which stay
        parts.append((s + 1, "\n".join(_drop_repeats(block)).strip() + "\n"))
    return parts


# --- what was found -------------------------------------------------------------------------------------

@dataclass
class Found:
    """A value with its source line and, when inferred, why it should be checked (待核实)."""

    value: Any
    line: int | None = None
    check: str | None = None


@dataclass
class DraftActivity:
    no: str
    title: str
    line: int
    description: str = ""
    id: str | None = None
    #: the paragraphs under the heading, with their line numbers (unnumbered sub-items live here)
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    lead: Found | None = None
    support: Found | None = None
    due: Found | None = None
    date: Found | None = None
    children: list["DraftActivity"] = field(default_factory=list)


@dataclass
class DraftSubmission:
    what: str
    sender: list[str]
    to: str | None
    due: Found
    id: str | None = None
    collects: str | None = None
    relative: dict | None = None


@dataclass
class Draft:
    title: Found
    issuer: Found | None = None
    issued: Found | None = None
    year: Found | None = None
    campaign_day: Found | None = None
    theme: Found | None = None
    slogan: Found | None = None
    basis: list[Found] = field(default_factory=list)
    scope: Found | None = None
    period: Found | None = None
    phases: list[Found] = field(default_factory=list)
    weeks: list[Found] = field(default_factory=list)
    leadership: dict[str, Found] = field(default_factory=dict)
    activities: list[DraftActivity] = field(default_factory=list)
    submissions: list[DraftSubmission] = field(default_factory=list)
    donation: dict[str, Found] = field(default_factory=dict)
    units: list[str] = field(default_factory=list)

    def all_activities(self) -> list[DraftActivity]:
        out: list[DraftActivity] = []

        def walk(items: list[DraftActivity]) -> None:
            for a in items:
                out.append(a)
                walk(a.children)

        walk(self.activities)
        return out


# --- extraction ---------------------------------------------------------------------------------------------

_DATE = r"(?:(?:20\d\d|20__)年)?\d{1,2}月\d{1,2}日"
_HEAD1 = re.compile(rf"^([{_NUMERALS}]+)[、.．]\s*(.+)$")
_HEAD2 = re.compile(rf"^[（(]([{_NUMERALS}]+)[)）]\s*(.+)$")
_HEAD3 = re.compile(r"^(\d{1,2})[、.．]\s*(.+)$")
_HEAD4 = re.compile(r"^[（(](\d{1,2})[)）]\s*(.+)$")
_DOC_NO = re.compile(r"[" + CJK + r"]{1,12}[〔﹝\[【(（]\s*(?:19|20)(?:\d\d|__)\s*[〕﹞\]】)）]\s*(?:\d+|__)\s*号")
_ACTIVITY_SECTIONS = re.compile(r"活动|安排|内容|行动|措施|项目|工作重点|主要任务")
_NOT_ACTIVITY = re.compile(r"指导思想|基本原则|目标|组织|领导|保障|要求|范围|时间|主题|背景|意义|总体|总结|宣传报道")
_UNIT_WORDS = re.compile(r"(局|办|委|会|股|室|处|科|部|所|站|院|校|学校|中心|政府|团委|妇联|工会|小组|村|镇|乡|街道|厅|队|社|协会|中学|小学|单位)$")


def _title_of(lines: list[str]) -> Found:
    for i, ln in enumerate(lines[:8]):
        if ln and len(ln) <= 60 and re.search(r"(方案|通知|意见|安排|计划|总结)$", ln):
            return Found(ln, i + 1)
    first = next(((i, ln) for i, ln in enumerate(lines) if ln), (0, ""))
    return Found(first[1][:60], first[0] + 1, "首行不像标题，请确认")


def _units(text: str) -> list[str]:
    """Unit names out of "办公室、教育工会、政体股" or "各县（市、区）教体局及其所属学校"."""
    from ..model import split_list

    text = re.sub(r"[。.]?\s*\d{1,2}月\d{1,2}日前?完成.*$", "", text).strip("，。；、 ")
    names = []
    for part in split_list(text):
        part = re.sub(r"^(由|以)", "", part).strip()
        for piece in re.split(r"(?<=[局办委会股室处所站院校心府联队社])(?:和|及|以及|与)(?!其)", part):
            piece = piece.strip("，。 ")
            if piece and len(piece) <= 30:
                names.append(piece)
    return names


_ANNOT = re.compile(r"[（(]((?:主办|协办|牵头|责任|配合|承办)[^（）()]*(?:[（(][^（）()]*[)）][^（）()]*)*)[)）]")


def _annotations(text: str) -> tuple[list[str] | None, list[str] | None, str | None]:
    """Lead, supporting units and a due date from the forms notices use."""
    lead = support = due = None
    for m in _ANNOT.finditer(text):
        body = m.group(1)
        fields = re.split(r"[；;，,](?=\s*(?:主办|协办|牵头|责任|配合|承办))", body)
        parsed: dict[str, list[str]] = {}
        for f in fields:
            km = re.match(r"\s*(主办股室|主办单位|主办|协办股室|协办单位|协办|牵头单位|牵头|责任单位|责任股室|配合单位|配合|承办单位)"
                          r"\s*[:：]\s*(.+)$", f)
            if not km:
                continue
            key, value = km.group(1), km.group(2)
            dm = re.search(rf"({_DATE})前?完成", value)
            if dm:
                due = dm.group(1)
            parsed[key] = _units(value)
        leads = [v for k, v in parsed.items() if k.startswith(("主办", "牵头", "承办"))]
        supports = [v for k, v in parsed.items() if k.startswith(("协办", "配合"))]
        resp = [v for k, v in parsed.items() if k.startswith("责任")]
        if leads:
            lead = [u for v in leads for u in v]
            support = [u for v in supports + resp for u in v] or None
        elif resp:
            lead = [u for v in resp for u in v]
            support = [u for v in supports for u in v] or None
        elif supports:
            support = [u for v in supports for u in v]
    m = re.search(r"此项工作由(.+?)(?:承办|负责|牵头)", text) or re.search(r"由([^，。；]{2,40}?)牵头负责", text)
    if m:
        named = _units(m.group(1))
        if lead is None:
            lead = named
        elif support is None:
            # "由团县委、县直机关工委、县教育局牵头负责……（责任单位：…）": 责任单位 beside 牵头 are the supporters
            ours = [u for u in lead if any(n in u or u in n for n in named)]
            if ours and len(ours) < len(lead):
                lead, support = ours, [u for u in lead if u not in ours]
    return lead, support, due


def _outline(lines: list[str]) -> list[DraftActivity]:
    """The numbered tree (一、 (一) 1、 (1)) of the notice, every heading with the text under it."""
    levels = [_HEAD1, _HEAD2, _HEAD3, _HEAD4]
    roots: list[DraftActivity] = []
    stack: list[tuple[int, DraftActivity]] = []
    for i, ln in enumerate(lines):
        for depth, pat in enumerate(levels):
            m = pat.match(ln)
            if m:
                no, rest = m.group(1), m.group(2)
                title, _, body = _title_split(rest)
                node = DraftActivity(_no_label(depth, no), title, i + 1, body)
                while stack and stack[-1][0] >= depth:
                    stack.pop()
                (stack[-1][1].children if stack else roots).append(node)
                stack.append((depth, node))
                break
        else:
            if stack and ln:
                node = stack[-1][1]
                node.description = (node.description + ln) if node.description else ln
                node.paragraphs.append((i + 1, ln))
    return roots


def _title_split(rest: str) -> tuple[str, str, str]:
    """A heading line: "开展一次捐赠活动。尽最大努力……" -> title and the rest."""
    m = re.match(r"^(.{2,60}?)[。：:]\s*(.*)$", rest)
    if m and not re.search(r"[（(][^)）]*$", m.group(1)):
        return m.group(1).strip(), "", m.group(2)
    if len(rest) <= 60:
        return re.sub(r"[（(](主办|协办|牵头|责任|配合).*$", "", rest).strip(), "", rest
    return rest[:40].rstrip("，、") + "…", "", rest


def _no_label(depth: int, no: str) -> str:
    return [f"{no}", f"（{no}）", no, f"（{no}）"][depth]


def _year(text: str, explicit: int | None) -> Found:
    if explicit:
        return Found(explicit, None, None)
    m = re.search(rf"(20\d\d)年10月17日是我国第([{_NUMERALS}\d]+)个扶贫日", text)
    years = re.findall(r"(20\d\d)年", text)
    if years:
        from collections import Counter

        year, _ = Counter(years).most_common(1)[0]
        line = text[: text.find(year + "年")].count("\n") + 1
        return Found(int(year), line, None if len(set(years)) == 1 else f"原文出现多个年份 {sorted(set(years))}，取最常见的")
    m = re.search(rf"第([{_NUMERALS}\d]+)个[“\"]?扶贫日", text)
    if m and m.group(1) not in ("__",):
        n = _cn_int(m.group(1))
        if n:
            line = text[: m.start()].count("\n") + 1
            return Found(2013 + n, line, f"由“第{m.group(1)}个扶贫日”推算（扶贫日始于2014年）")
    wm = re.search(r"(\d{1,2})月(\d{1,2})日[（(]星期([一二三四五六日天])[)）]", text)
    if wm:
        from datetime import date as date_

        first = 2010 if "扶贫济困日" in text else 2014 if "扶贫日" in text else 2000
        weekday = "一二三四五六日天".index(wm.group(3)) % 7 if wm.group(3) != "天" else 6
        fits = []
        for y in range(first, 2031):
            try:
                if date_(y, int(wm.group(1)), int(wm.group(2))).weekday() == min(weekday, 6):
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
    table = {c: i + 1 for i, c in enumerate(_NUMERALS[:9])}
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + table.get(s[1:], 0)
    if s.endswith("十"):
        return table.get(s[0], 0) * 10
    if "十" in s:
        a, b = s.split("十")
        return table.get(a, 0) * 10 + table.get(b, 0)
    return table.get(s)


_SUBMIT = re.compile(rf"(?:于|在)?({_DATE})前?(?:将|把)?([^。；]*?)(?:报送|上报|报|提交至|提交到)(?:至|到)?"
                     rf"([^，。；、（(]{{2,20}}?)(?=[，。；（(]|$|和|及)")
_HAND_IN = re.compile(rf"(?:于|在)?({_DATE})前?向([^，。；、（(]{{2,20}}?)(?:提交|报送|上报)([^，。；]{{2,40}})")


def _submissions(lines: list[str], year: int | None) -> list[DraftSubmission]:
    out: list[DraftSubmission] = []
    for i, ln in enumerate(lines):
        prev_end = 0
        for m in _SUBMIT.finditer(ln):
            due, what, to = m.group(1), m.group(2), m.group(3).strip()
            sentence = ln[prev_end: m.start()].rsplit("。", 1)[-1]  # the sentence the deadline stands in
            segment = (sentence + "，" + what).strip("，")
            prev_end = m.end()
            sm = re.search(r"(各[^，。；]{1,40}?)(?:要|应|须)(?:将|把)?", segment) or \
                re.search(r"(各[^，。；]{1,40}?)(?:将|把)", segment)
            listed = None if sm else re.search(r"(各[^，。；《]*(?:学校|局|单位|部门|股室|乡镇|村))", segment)
            who = sm or listed
            sender = _units(re.sub(r"(?:和|及|与)", "、", who.group(1))) if who else []
            what = what.strip("，。；、 ")
            what = re.sub(r"^.*?(?:要|应|须)?(?:将|把)", "", what) if re.search(r"(?:将|把)", what) else what
            if listed and not what:
                what = segment[listed.end():].strip("于在，、 ")
            collected = "汇总" in ln[m.start(): m.end() + 2]
            what = what or "材料"
            to = re.sub(r"(汇总|后|。).*$", "", to)
            sub = DraftSubmission(what[:60], sender, to or None, Found(due, i + 1))
            if collected and not sender and out and out[-1].due.line == i + 1 and out[-1].to:
                sub.sender = [out[-1].to]  # "…报市教体局，市教体局…汇总报省教育厅": a chain up the hierarchy
                out[-1].id = out[-1].id or f"报送{len(out)}"
                sub.collects = out[-1].id
            elif not sender and out and out[-1].due.line == i + 1:
                sub.sender = list(out[-1].sender)  # the same subject goes on in the same paragraph
            if not sub.sender:
                sub.due.check = "报送单位未写明，请补上"
            out.append(sub)
        for m in _HAND_IN.finditer(ln):  # "于10月9日前向市教体局扶贫办提交展板图片资料"
            sentence = ln[: m.start()].rsplit("。", 1)[-1]
            who = re.search(r"(各[^，。；]{1,40}?)(?:要|应|须|按照|积极)", sentence)
            sub = DraftSubmission(m.group(3).strip("。"), _units(who.group(1)) if who else [], m.group(2),
                                  Found(m.group(1), i + 1))
            if not sub.sender:
                sub.due.check = "报送单位未写明，请补上"
            out.append(sub)
    m_rel = None
    for i, ln in enumerate(lines):
        m_rel = re.search(r"(捐赠活动|项目)结束(?:后)?(\d+)个工作日内[，,]?(?:要|须|应)?(?:在[^，。]*)?公示", ln)
        if m_rel:
            what = "捐赠者名单公示" if m_rel.group(1) == "捐赠活动" else "资金使用情况公示"
            out.append(DraftSubmission(what, [], None, Found(None, i + 1, f"相对期限：{m_rel.group(1)}结束后"
                                                                        f"{m_rel.group(2)}个工作日内；请指明“之后”的活动编号"),
                                       relative={"after": m_rel.group(1), "working_days": int(m_rel.group(2))}))
    return out


def extract(text: str, *, year: int | None = None) -> Draft:
    """Read one cleaned notice (see the module docstring)."""
    lines = text.split("\n")
    draft = Draft(title=_title_of(lines))
    joined = text
    draft.year = _year(joined, year)
    y = draft.year.value
    if "扶贫济困日" in joined:
        draft.campaign_day = Found("扶贫济困日", _line_of(lines, "扶贫济困日"))
    elif "扶贫日" in joined:
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
        m2 = re.search(r"(我(?:局|县|区|市|镇|乡|校))", joined)
        if m2:
            draft.issuer = Found(m2.group(1).replace("我", "本"), _line_of(lines, m2.group(1)), "原文只说“" + m2.group(1)
                                 + "”，请写明发文单位全称")
    mm = re.search(r"(?:^|\n)(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])?\s*活动主题\s*\n\s*([^\n]{2,40})", joined)
    if mm:
        draft.theme = Found(mm.group(1).strip("“”\" 。"), _line_of(lines, mm.group(1)[:6]))
    for key, pat in (("theme", r"(?:活动主题|主题)[为是：:]\s*[“\"]?([^”\"。\n]{2,40})[”\"]?"),
                     ("slogan", r"(?:行动口号|宣传口号|口号)[为是：:]\s*[“\"]?([^”\"。\n]{2,40})[”\"]?")):
        mm = re.search(pat, joined)
        if mm and getattr(draft, key) is None:
            setattr(draft, key, Found(mm.group(1).strip("“”\" "), _line_of(lines, mm.group(0)[:6])))
    for mm in re.finditer(r"《([^》]{4,80})》\s*[（(]?\s*(" + _DOC_NO.pattern + r")?", joined):
        doc = mm.group(2)
        draft.basis.append(Found({"title": f"《{mm.group(1)}》", "doc_no": doc}, _line_of(lines, mm.group(1)),
                                 "文号含“__”占位" if doc and "__" in doc else None))
    mm = re.search(r"(?:^|\n)(?:[一二三四五六七八九十]+、)?\s*(?:活动)?范围[：:]?\n?\s*([^\n]{2,40})", joined)
    if mm:
        draft.scope = Found(mm.group(1).strip("。"), _line_of(lines, mm.group(1)))
    mm = re.search(r"(?:活动时间|时间)[：:]?\s*\n?\s*((?:20\d\d|20__)?年?\d{1,2}月\d{1,2}日\s*(?:至|到|—|-|－|~)\s*"
                   r"(?:\d{1,2}月)?\d{1,2}日)", joined)
    if mm:
        draft.period = Found(re.sub(r"^(20\d\d|20__)?年", "", mm.group(1)), _line_of(lines, mm.group(1)[-6:]))
    for mm in re.finditer(rf"([{CJK}]{{2,8}}?)(?:阶段)?[（(：:]\s*(\d{{1,2}}月\d{{1,2}}日?\s*[—\-－至~]\s*"
                          rf"(?:\d{{1,2}}月)?\d{{1,2}}日)", joined):
        name = mm.group(1)
        if re.search(r"时间|活动周", name):
            continue
        draft.phases.append(Found({"name": name, "dates": mm.group(2)}, _line_of(lines, mm.group(0)[:6])))
    mm = re.search(r"确定(\d{1,2}月\d{1,2}日\s*(?:至|到|—)\s*\d{1,2}月\d{1,2}日)为[“\"]?([^”\"]+活动周)", joined)
    if mm:
        draft.weeks.append(Found({"name": mm.group(2), "dates": mm.group(1)}, _line_of(lines, mm.group(1))))
    for key, zh in (("leader", "组长"), ("deputies", "副组长"), ("members", "成员")):
        mm = re.search(rf"(?:^|\n|[。；])\s*{zh}[：:]\s*([^\n]+)", joined)
        if mm and not (key == "leader" and mm.group(0).lstrip("\n。；").startswith("副")):
            draft.leadership[key] = Found(mm.group(1).strip("。；"), _line_of(lines, mm.group(1)[:6]))
    # activities: the numbered items under the sections about activities, with units and dates
    outline = _outline(lines)
    sections = [n for n in outline if _ACTIVITY_SECTIONS.search(n.title) and not _NOT_ACTIVITY.search(n.title)]
    if not sections:  # plans numbered directly: 1、…(责任单位：…)
        def annotated(n: DraftActivity) -> bool:
            return any(_ANNOT.search(x.title + x.description) for x in _walk([n]))

        top = [n for n in outline if not _NOT_ACTIVITY.search(n.title)]
        if any(annotated(n) for n in outline):
            top = [n for n in top if annotated(n)]  # the annotated items are found wherever they stand below
        sections = [DraftActivity("", "活动", 0, "", children=top)] if top else []
    several = sum(1 for sec in sections if sec.children) > 1
    for sec in sections:
        if several and sec.children and sec.no:
            _annotate([sec], y)  # two sections of activities: each keeps its own numbering under its heading
            draft.activities.append(sec)
            continue
        # a section with nothing numbered under it is itself an activity: "（三）开展专项特色扶贫活动（牵头单位：…）"
        for node in _annotate(sec.children or [sec], y):
            draft.activities.append(node)
    # an item that names its units (主办/牵头/责任单位 …) is an activity wherever it stands in the outline
    taken = {id(n) for n in _walk(draft.activities)}
    for node in _walk(outline):
        if id(node) in taken or node in sections:
            continue
        if _ANNOT.search(node.title + node.description) or re.search(r"此项工作由|牵头负责", node.description):
            _annotate([node], y)
            draft.activities.append(node)
            taken |= {id(n) for n in _walk([node])}
    draft.submissions = _submissions(lines, y)
    # donation rules
    mm = re.search(r"超过?(\d+(?:\.\d+)?万?元)的单位和(\d+(?:\.\d+)?万?元)的个人", joined)
    if mm:
        draft.donation["large_unit"] = Found(mm.group(1), _line_of(lines, mm.group(0)[:6]))
        draft.donation["large_person"] = Found(mm.group(2), _line_of(lines, mm.group(0)[:6]))
    if re.search(r"自愿", joined) and re.search(r"捐", joined):
        draft.donation["voluntary"] = Found(True, _line_of(lines, "自愿"))
    mm = re.search(r"捐赠活动结束(?:后)?(\d+)个工作日内", joined)
    if mm:
        draft.donation["publicity_working_days"] = Found(int(mm.group(1)), _line_of(lines, mm.group(0)[:6]))
    if re.search(r"(?:中小学|学校)原则上不(?:组织|开展)(?:捐|募)", joined):
        draft.donation["schools_may_organise"] = Found(False, _line_of(lines, "原则上不"))
    for sub in draft.submissions:
        if sub.relative and sub.relative["after"] == "捐赠活动":
            drive = next((a for a in draft.all_activities() if "捐" in a.title), None)
            if drive is not None:
                drive.id = "捐赠活动"
            else:
                sub.relative["anchor_missing"] = True
    units: list[str] = []
    for a in draft.all_activities():
        for f in (a.lead, a.support):
            if f:
                units += [u for u in f.value if u not in units]
    for s in draft.submissions:
        units += [u for u in s.sender + ([s.to] if s.to else []) if u not in units]
    draft.units = units
    return draft


def _walk(nodes: list[DraftActivity]) -> list[DraftActivity]:
    out: list[DraftActivity] = []
    for n in nodes:
        out.append(n)
        out.extend(_walk(n.children))
    return out


def _unnumbered_items(n: DraftActivity) -> None:
    """Paragraphs under a heading that each name their units are its (unnumbered) sub-items:
    "组织动员镇机关……开展自愿捐赠活动。（牵头单位：镇党政办）" under "（四）开展自愿捐赠活动"."""
    if n.children:
        return
    annotated = [(line, p) for line, p in n.paragraphs if _ANNOT.search(p) or re.match(r"^[（(][^（）()]{2,20}[)）]。?$", p)]
    if len(annotated) < 2:
        return
    for k, (line, p) in enumerate(annotated, 1):
        title = re.split(r"[。；]", re.sub(r"[（(](?:主办|协办|牵头|责任|配合|承办)[^）)]*[)）]", "", p))[0].strip("。 ")
        bare = re.match(r"^[（(]([^（）()]{2,20})[)）]。?$", p)
        child = DraftActivity(str(k), title or p[:30], line, p)
        if bare:  # "（各村）": the unit alone, in brackets
            child.title, child.lead = f"第{k}项", Found(_units(bare.group(1)), line, "原文只括注单位")
        n.children.append(child)
    n.description = "".join(p for _, p in n.paragraphs if (_, p) not in annotated)


def _annotate(nodes: list[DraftActivity], year: int | None) -> list[DraftActivity]:
    for n in nodes:
        _unnumbered_items(n)
        text = f"{n.title}{n.description}"
        lead, support, due = _annotations(text)
        if lead:
            n.lead = Found(lead, n.line)
        if support:
            n.support = Found(support, n.line)
        if due:
            n.due = Found(due, n.line)
        n.title = re.sub(r"[（(](?:主办|协办|牵头|责任|配合|承办).*$", "", n.title).strip("。 ")
        n.description = _ANNOT.sub("", n.description).strip()
        if not n.due:
            dm = re.search(rf"({_DATE})前(?:完成|提交|报)", text)
            if dm:
                n.due = Found(dm.group(1), n.line, "从正文推断的完成时限")
        dm = re.search(rf"(?<![至到—])({_DATE})(?:(?:上午|下午|当天|晚上)|(?:在|举行|举办|开展|召开|组织|，))", text)
        if dm and not n.due:
            n.date = Found(dm.group(1), n.line, "从正文推断的活动日期")
        _annotate(n.children, year)
        if not n.lead and not n.children:
            n.lead = None
    return nodes


def _line_of(lines: list[str], needle: str) -> int | None:
    for i, ln in enumerate(lines):
        if needle and needle in ln:
            return i + 1
    return None


# --- writing the draft ------------------------------------------------------------------------------------

_KEYS = {
    "zh": {"title": "标题", "issuer": "发文单位", "issued": "发文日期", "year": "年度", "campaign_day": "活动日",
           "theme": "主题", "slogan": "口号", "basis": "依据", "doc_no": "文号", "scope": "范围", "period": "活动时间",
           "phases": "阶段", "weeks": "活动周", "name": "名称", "dates": "时间", "units": "单位", "id": "编号",
           "level": "层级", "kind": "类型", "leadership": "领导小组", "leader": "组长", "deputies": "副组长",
           "members": "成员", "note": "备注", "activities": "活动", "no": "序号", "description": "内容",
           "lead": "主办", "support": "协办", "date": "日期", "due": "截止", "children": "子项",
           "submissions": "报送", "what": "材料", "from": "报送单位", "to": "接收单位", "collects": "汇总自",
           "after": "之后", "working_days": "工作日", "donation_policy": "捐赠规则", "voluntary": "自愿",
           "large_unit": "单位大额标准", "large_person": "个人大额标准", "publicity_working_days": "公示期限",
           "schools_may_organise": "学校组织捐赠", "source": "来源"},
}


def _level_of(name: str) -> str | None:
    if re.search(r"(学校|中学|小学|学院|幼儿园|校)$", name):
        return "学校"
    if name.startswith("省") or "省" in name[:3] and name.endswith(("厅", "办")):
        return "省"
    if name.startswith("市") or re.match(r"^[__\w]{0,3}市", name) and not name.startswith(("县", "区")):
        return "市"
    if re.search(r"(村|村委会)$", name) or name in ("各村",):
        return "村"
    if re.search(r"(镇|乡|街道)", name[:4]) and not name.startswith(("县", "区", "市")):
        return "乡镇"
    if re.search(r"^(县|区|各县|各区)|县|区", name):
        return "县"
    if re.search(r"(股|室|办|工会)$", name):
        return "县"
    return None


def _date_text(text: str) -> tuple[str, str | None]:
    """A date as written, without a "20__年" placeholder (the plan's 年度 applies)."""
    if text.startswith("20__年"):
        return text[len("20__年"):], "原文年份为“20__”，按方案年度"
    return text, None


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text == "" or re.search(r"[:#\[\]{},&*!|>'\"%@`]|^[\s-]|\s$|^(?:是|否|yes|no|true|false|null|~)$", text) \
            or re.fullmatch(r"[\d.\-]+", text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


class _Writer:
    def __init__(self, keys: dict[str, str]):
        self.keys = keys
        self.lines: list[str] = []

    def key(self, k: str) -> str:
        return self.keys.get(k, k)

    def put(self, indent: int, key: str, value: Any, check: str | None = None, dash: bool = False) -> None:
        prefix = " " * indent + ("- " if dash else "")
        comment = f"  # 待核实：{check}" if check else ""
        if isinstance(value, list):
            if not value:
                return
            self.lines.append(f"{prefix}{self.key(key)}: [{', '.join(_scalar(v) for v in value)}]{comment}")
        else:
            self.lines.append(f"{prefix}{self.key(key)}: {_scalar(value)}{comment}")


def to_yaml(d: Draft, *, keys: str = "zh", source: str | None = None, default_year: int = 2000) -> str:
    """The draft as a plan file, every inferred value with a ``# 待核实: why`` comment."""
    w = _Writer(_KEYS["zh"] if keys == "zh" else {})
    L = w.lines
    L.append("# 由 fupin import 生成的方案草稿：请逐项核对，特别是标有“待核实”的内容。")
    w.put(0, "title", d.title.value, d.title.check)
    if d.issuer:
        w.put(0, "issuer", d.issuer.value, d.issuer.check)
    if d.issued:
        w.put(0, "issued", d.issued.value, d.issued.check)
    year = d.year.value if d.year and d.year.value else None
    note = (d.year.check if d.year else "原文没有写年份") if year else \
        f"{d.year.check if d.year else '原文没有写年份'}，暂填 {default_year} 年"
    w.put(0, "year", year if year else default_year, note)
    if d.campaign_day:
        w.put(0, "campaign_day", d.campaign_day.value, d.campaign_day.check)
    for k in ("theme", "slogan", "scope"):
        f = getattr(d, k)
        if f:
            w.put(0, k, f.value, f.check)
    if d.basis:
        L.append(f"{w.key('basis')}:")
        for b in d.basis:
            w.put(2, "title", b.value["title"], b.check, dash=True)
            if b.value.get("doc_no"):
                w.put(4, "doc_no", b.value["doc_no"])
    if d.period:
        w.put(0, "period", d.period.value, d.period.check)
    for key, items in (("phases", d.phases), ("weeks", d.weeks)):
        if items:
            L.append(f"{w.key(key)}:")
            for p in items:
                w.put(2, "name", p.value["name"], p.check, dash=True)
                w.put(4, "dates", p.value["dates"])
    if d.units:
        L.append(f"{w.key('units')}:")
        for u in d.units:
            level = _level_of(u)
            w.put(2, "id", u, None if level else "层级未能判断，请补上", dash=True)
            if level:
                w.put(4, "level", level, "按名称推断")
    L.append(f"{w.key('leadership')}:")
    if d.leadership:
        for k in ("leader", "deputies", "members"):
            if k in d.leadership:
                w.put(2, k, d.leadership[k].value, d.leadership[k].check)
    else:
        w.put(2, "note", "原文未列领导小组", "请补上组长、副组长和成员")
    if d.activities:
        L.append(f"{w.key('activities')}:")
        _write_activities(w, d.activities, 2)
    pending = [s for s in d.submissions if s.relative and s.relative.get("anchor_missing")]
    for s in pending:
        L.append(f"# 待核实：原文有“{s.relative['after']}结束后{s.relative['working_days']}个工作日内公示”，方案里没有找到"
                 f"对应的活动；请给该活动写上编号，再加一条报送：{s.what}，截止: {{之后: 编号, 工作日: "
                 f"{s.relative['working_days']}}}")
    subs = [s for s in d.submissions if s not in pending]
    if subs:
        L.append(f"{w.key('submissions')}:")
        for s in subs:
            first = True
            if s.id:
                w.put(2, "id", s.id, dash=True)
                first = False
            w.put(2 if first else 4, "what", s.what, None, dash=first)
            w.put(4, "from", s.sender)
            if s.to:
                w.put(4, "to", s.to)
            if s.relative:
                L.append(f"    {w.key('due')}: {{{w.key('after')}: {_scalar(s.relative['after'])}, "
                         f"{w.key('working_days')}: {s.relative['working_days']}}}  # 待核实：{s.due.check}")
            else:
                text, note = _date_text(s.due.value)
                w.put(4, "due", f"{text}前", s.due.check or note)
            if s.collects:
                w.put(4, "collects", s.collects, "由“汇总报”推断的逐级报送")
    if d.donation:
        L.append(f"{w.key('donation_policy')}:")
        for k, f in d.donation.items():
            w.put(2, k, f.value, f.check)
    if source:
        w.put(0, "source", source)
    return "\n".join(L) + "\n"


def _write_activities(w: _Writer, items: list[DraftActivity], indent: int) -> None:
    from .checks import normalize_no  # （1） and 1 number the same item, as validation sees it

    numbers: set[str] = set()
    for a in items:
        no = a.no if a.no and normalize_no(a.no) not in numbers else None
        if a.no and no is None:
            w.lines.append(" " * indent + f"# 待核实：原文序号“{a.no}”与前面的项目重复，已略去")
        if no:
            numbers.add(normalize_no(no))
            w.put(indent, "no", no, dash=True)
            w.put(indent + 2, "title", a.title)
        else:
            w.put(indent, "title", a.title, dash=True)
        if a.id:
            w.put(indent + 2, "id", a.id, "相对期限引用的活动")
        if a.lead:
            w.put(indent + 2, "lead", a.lead.value, a.lead.check)
        if a.support:
            w.put(indent + 2, "support", a.support.value, a.support.check)
        if a.date:
            text, note = _date_text(a.date.value)
            w.put(indent + 2, "date", text, a.date.check or note)
        if a.due:
            text, note = _date_text(a.due.value)
            w.put(indent + 2, "due", text + "前", a.due.check or note)
        if a.children:
            w.lines.append(" " * (indent + 2) + f"{w.key('children')}:")
            _write_activities(w, a.children, indent + 4)


def to_json(d: Draft) -> dict:
    """The extraction with the source line of each item (``fupin import --format json``)."""
    def f(x: Found | None) -> Any:
        return None if x is None else {"value": x.value, "line": x.line, "check": x.check}

    def act(a: DraftActivity) -> dict:
        return {"no": a.no, "title": a.title, "line": a.line, "lead": f(a.lead), "support": f(a.support),
                "date": f(a.date), "due": f(a.due), "children": [act(c) for c in a.children]}

    return {"title": f(d.title), "issuer": f(d.issuer), "issued": f(d.issued), "year": f(d.year),
            "campaign_day": f(d.campaign_day), "theme": f(d.theme), "slogan": f(d.slogan),
            "basis": [f(b) for b in d.basis], "scope": f(d.scope), "period": f(d.period),
            "phases": [f(p) for p in d.phases], "weeks": [f(p) for p in d.weeks],
            "leadership": {k: f(v) for k, v in d.leadership.items()},
            "activities": [act(a) for a in d.activities],
            "submissions": [{"what": s.what, "from": s.sender, "to": s.to, "due": f(s.due), "id": s.id,
                             "collects": s.collects, "relative": s.relative} for s in d.submissions],
            "donation_policy": {k: f(v) for k, v in d.donation.items()}, "units": d.units}
