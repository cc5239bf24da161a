"""The numbered outline of a notice (一、 （一） 1、 （1）) and the units, due dates and dates of its items."""

from __future__ import annotations

import re

from .draft import DraftActivity, Found
from .text import DATE, HEAD1, HEAD2, HEAD3, HEAD4
from .units import ANNOT, annotation_roles, unit_names


def outline(lines: list[str]) -> list[DraftActivity]:
    """The numbered tree (一、 (一) 1、 (1)) of the notice, every heading with the text under it."""
    levels = [HEAD1, HEAD2, HEAD3, HEAD4]
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


def _unnumbered_items(n: DraftActivity) -> None:
    """Paragraphs under a heading that each name their units are its (unnumbered) sub-items:
    "组织动员镇机关……开展自愿捐赠活动。（牵头单位：镇党政办）" under "（四）开展自愿捐赠活动"."""
    if n.children:
        return
    annotated = [(line, p) for line, p in n.paragraphs if ANNOT.search(p) or re.match(r"^[（(][^（）()]{2,20}[)）]。?$", p)]
    if len(annotated) < 2:
        return
    for k, (line, p) in enumerate(annotated, 1):
        title = re.split(r"[。；]", re.sub(r"[（(](?:主办|协办|牵头|责任|配合|承办)[^）)]*[)）]", "", p))[0].strip("。 ")
        bare = re.match(r"^[（(]([^（）()]{2,20})[)）]。?$", p)
        child = DraftActivity(str(k), title or p[:30], line, p)
        if bare:  # "（各村）": the unit alone, in brackets
            child.title, child.lead = f"第{k}项", Found(unit_names(bare.group(1)), line, "原文只括注单位")
        n.children.append(child)
    n.description = "".join(p for _, p in n.paragraphs if (_, p) not in annotated)


def annotate(nodes: list[DraftActivity], year: int | None) -> list[DraftActivity]:
    for n in nodes:
        _unnumbered_items(n)
        text = f"{n.title}{n.description}"
        lead, support, due = annotation_roles(text)
        if lead:
            n.lead = Found(lead, n.line)
        if support:
            n.support = Found(support, n.line)
        if due:
            n.due = Found(due, n.line)
        n.title = re.sub(r"[（(](?:主办|协办|牵头|责任|配合|承办).*$", "", n.title).strip("。 ")
        n.description = ANNOT.sub("", n.description).strip()
        if not n.due:
            dm = re.search(rf"({DATE})前(?:完成|提交|报)", text)
            if dm:
                n.due = Found(dm.group(1), n.line, "从正文推断的完成时限")
        dm = re.search(rf"(?<![至到—])({DATE})(?:(?:上午|下午|当天|晚上)|(?:在|举行|举办|开展|召开|组织|，))", text)
        if dm and not n.due:
            n.date = Found(dm.group(1), n.line, "从正文推断的活动日期")
        annotate(n.children, year)
        if not n.lead and not n.children:
            n.lead = None
    return nodes
