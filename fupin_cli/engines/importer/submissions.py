"""Submissions: what is to be reported, by whom, to whom and by when (报送、上报、提交)."""

from __future__ import annotations

import re

from .draft import DraftSubmission, Found
from .text import DATE
from .units import unit_names


_SUBMIT = re.compile(rf"(?:于|在)?({DATE})前?(?:将|把)?([^。；]*?)(?:报送|上报|报|提交至|提交到)(?:至|到)?"
                     rf"([^，。；、（(]{{2,20}}?)(?=[，。；（(]|$|和|及)")
_HAND_IN = re.compile(rf"(?:于|在)?({DATE})前?向([^，。；、（(]{{2,20}}?)(?:提交|报送|上报)([^，。；]{{2,40}})")


def submissions(lines: list[str]) -> list[DraftSubmission]:
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
            sender = unit_names(re.sub(r"(?:和|及|与)", "、", who.group(1))) if who else []
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
            sub = DraftSubmission(m.group(3).strip("。"), unit_names(who.group(1)) if who else [], m.group(2),
                                  Found(m.group(1), i + 1))
            if not sub.sender:
                sub.due.check = "报送单位未写明，请补上"
            out.append(sub)
    for i, ln in enumerate(lines):
        m_rel = re.search(r"(捐赠活动|项目)结束(?:后)?(\d+)个工作日内[，,]?(?:要|须|应)?(?:在[^，。]*)?公示", ln)
        if m_rel:
            what = "捐赠者名单公示" if m_rel.group(1) == "捐赠活动" else "资金使用情况公示"
            out.append(DraftSubmission(what, [], None, Found(None, i + 1, f"相对期限：{m_rel.group(1)}结束后"
                                                                        f"{m_rel.group(2)}个工作日内；请指明“之后”的活动编号"),
                                       relative={"after": m_rel.group(1), "working_days": int(m_rel.group(2))}))
    return out
