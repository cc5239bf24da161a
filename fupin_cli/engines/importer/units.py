"""Units named in a notice, and the brackets that give an item's lead and supporting units and its due date."""

from __future__ import annotations

import re

from ...model import split_list
from .text import DATE


def unit_names(text: str) -> list[str]:
    """Unit names out of "办公室、教育工会、政体股" or "各县（市、区）教体局及其所属学校"."""
    text = re.sub(r"[。.]?\s*\d{1,2}月\d{1,2}日前?完成.*$", "", text).strip("，。；、 ")
    names = []
    for part in split_list(text):
        part = re.sub(r"^(由|以)", "", part).strip()
        for piece in re.split(r"(?<=[局办委会股室处所站院校心府联队社])(?:和|及|以及|与)(?!其)", part):
            piece = piece.strip("，。 ")
            if piece and len(piece) <= 30:
                names.append(piece)
    return names


ANNOT = re.compile(r"[（(]((?:主办|协办|牵头|责任|配合|承办)[^（）()]*(?:[（(][^（）()]*[)）][^（）()]*)*)[)）]")


def annotation_roles(text: str) -> tuple[list[str] | None, list[str] | None, str | None]:
    """Lead, supporting units and a due date from the forms notices use."""
    lead = support = due = None
    for m in ANNOT.finditer(text):
        body = m.group(1)
        fields = re.split(r"[；;，,](?=\s*(?:主办|协办|牵头|责任|配合|承办))", body)
        parsed: dict[str, list[str]] = {}
        for f in fields:
            km = re.match(r"\s*(主办股室|主办单位|主办|协办股室|协办单位|协办|牵头单位|牵头|责任单位|责任股室|配合单位|配合|承办单位)"
                          r"\s*[:：]\s*(.+)$", f)
            if not km:
                continue
            key, value = km.group(1), km.group(2)
            dm = re.search(rf"({DATE})前?完成", value)
            if dm:
                due = dm.group(1)
            parsed[key] = unit_names(value)
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
        named = unit_names(m.group(1))
        if lead is None:
            lead = named
        elif support is None:
            # "由团县委、县直机关工委、县教育局牵头负责……（责任单位：…）": 责任单位 beside 牵头 are the supporters
            ours = [u for u in lead if any(n in u or u in n for n in named)]
            if ours and len(ours) < len(lead):
                lead, support = ours, [u for u in lead if u not in ours]
    return lead, support, due
