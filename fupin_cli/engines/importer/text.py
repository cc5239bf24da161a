"""Clean-up and splitting: a notice's text as copied from a web page or a Word file, ready for extraction.

Also the patterns every later step reads: numbered headings (一、 （一） 1、 （1）) and dates (10月17日).
"""

from __future__ import annotations

import re

CJK = "\u4e00-\u9fff"
NUMERALS = "一二三四五六七八九十"

DATE = r"(?:(?:20\d\d|20__)年)?\d{1,2}月\d{1,2}日"
HEAD1 = re.compile(rf"^([{NUMERALS}]+)[、.．]\s*(.+)$")
HEAD2 = re.compile(rf"^[（(]([{NUMERALS}]+)[)）]\s*(.+)$")
HEAD3 = re.compile(r"^(\d{1,2})[、.．]\s*(.+)$")
HEAD4 = re.compile(r"^[（(](\d{1,2})[)）]\s*(.+)$")


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
            if sum(1 for ln in rest if HEAD1.match(ln) or HEAD2.match(ln)) < 3:
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
                         if HEAD1.match(ln) or HEAD2.match(ln) or HEAD3.match(ln)) >= 2]
        if len(starts) < 2:
            return [(1, "\n".join(_drop_repeats(lines)).strip() + "\n")]
        starts[0] = 0 if all(not HEAD1.match(ln) for ln in lines[:starts[0]]) else starts[0]
    parts = []
    for k, s in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        block = lines[s:end]
        block[0] = re.sub(r"\s*篇\s*\d+\s*$|^第[一二三四五六七八九十]+篇\s*", "", block[0]).strip()
        # a notice printed twice is repeated inside its own part; parts may share paragraphs, which stay
        parts.append((s + 1, "\n".join(_drop_repeats(block)).strip() + "\n"))
    return parts
