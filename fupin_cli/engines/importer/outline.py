"""The numbered outline of a notice (一、 （一） 1、 （1）), which of its items are activities, and their units and dates."""

from __future__ import annotations

import re

from .draft import DraftActivity, Found, walk
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
                title, body = _title_split(rest)
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


def _title_split(rest: str) -> tuple[str, str]:
    """A heading line: "开展一次捐赠活动。尽最大努力……" -> title and the rest."""
    m = re.match(r"^(.{2,60}?)[。：:]\s*(.*)$", rest)
    if m and not re.search(r"[（(][^)）]*$", m.group(1)):
        return m.group(1).strip(), m.group(2)
    if len(rest) <= 60:
        return re.sub(r"[（(](主办|协办|牵头|责任|配合).*$", "", rest).strip(), rest
    return rest[:40].rstrip("，、") + "…", rest


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


def annotate(nodes: list[DraftActivity]) -> list[DraftActivity]:
    """Each item (and those below it) with its lead, supporting units, due date or date; the brackets that
    named them taken out of its title and text."""
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
        annotate(n.children)
    return nodes


_ACTIVITY_SECTIONS = re.compile(r"活动|安排|内容|行动|措施|项目|工作重点|主要任务")
_NOT_ACTIVITY = re.compile(r"指导思想|基本原则|目标|组织|领导|保障|要求|范围|时间|主题|背景|意义|总体|总结|宣传报道")


def activities(tree: list[DraftActivity]) -> list[DraftActivity]:
    """The activities of an outline: the numbered items under the sections about activities, and any item that
    names its units, each annotated."""
    found: list[DraftActivity] = []
    sections = [n for n in tree if _ACTIVITY_SECTIONS.search(n.title) and not _NOT_ACTIVITY.search(n.title)]
    if not sections:  # plans numbered directly: 1、…(责任单位：…)
        def annotated(n: DraftActivity) -> bool:
            return any(ANNOT.search(x.title + x.description) for x in walk([n]))

        top = [n for n in tree if not _NOT_ACTIVITY.search(n.title)]
        if any(annotated(n) for n in tree):
            top = [n for n in top if annotated(n)]  # the annotated items are found wherever they stand below
        sections = [DraftActivity("", "活动", 0, "", children=top)] if top else []
    several = sum(1 for sec in sections if sec.children) > 1
    for sec in sections:
        if several and sec.children and sec.no:
            annotate([sec])  # two sections of activities: each keeps its own numbering under its heading
            found.append(sec)
            continue
        # a section with nothing numbered under it is itself an activity: "（三）开展专项特色扶贫活动（牵头单位：…）"
        found.extend(annotate(sec.children or [sec]))
    # an item that names its units (主办/牵头/责任单位 …) is an activity wherever it stands in the outline
    taken = {id(n) for n in walk(found)}
    for node in walk(tree):
        if id(node) in taken or node in sections:
            continue
        if ANNOT.search(node.title + node.description) or re.search(r"此项工作由|牵头负责", node.description):
            annotate([node])
            found.append(node)
            taken |= {id(n) for n in walk([node])}
    return found
