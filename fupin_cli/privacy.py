"""Publicity and privacy (个人信息保护法 第二十五条): what may be printed about a donor.

Units are published by name. A person's given name is masked unless the ledger records consent, keeping the
surname (two-character compound surnames included); phone and ID numbers never appear in full::

    >>> mask_name("张三"), mask_name("欧阳修远"), mask_name("司马光")
    ('张*', '欧阳**', '司马*')
    >>> scrub("联系电话13812341234，身份证350102199001011234")
    '联系电话138****1234，身份证35*************234'
"""

from __future__ import annotations

import re

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 令狐 轩辕 端木 独孤 南宫 西门 百里 "
    "呼延 万俟 闻人 澹台 公羊 赫连 申屠 太史 濮阳 钟离 第五 公冶 仲孙 单于 拓跋 完颜 亓官 左丘 东郭 南门 梁丘 "
    "鲜于 闾丘 谷梁 巫马 羊舌 微生 公良 漆雕 乐正 壤驷 宰父 夹谷 段干 百里 呼延 东门 西门 公西 颛孙".split())

_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_ID = re.compile(r"(?<![\dA-Za-z])(\d{2})(\d{13})(\d{2}[\dXx])(?![\dA-Za-z])")
_ID15 = re.compile(r"(?<!\d)(\d{2})(\d{10})(\d{3})(?!\d)")


def mask_name(name: str) -> str:
    """张三 -> 张*, 欧阳修远 -> 欧阳**; a one-character name stays as written plus one *."""
    name = name.strip()
    if len(name) <= 1:
        return name + "*"
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[0]
    return surname + "*" * (len(name) - len(surname))


def scrub(text: str) -> str:
    """Phone numbers as 138****1234 and ID numbers as 35*************123, wherever they stand in a text."""
    if not text or not any(ch.isdigit() for ch in text):
        return text
    text = _ID.sub(lambda m: m.group(1) + "*" * 13 + m.group(3)[-3:], text)
    text = _PHONE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    return _ID15.sub(lambda m: m.group(1) + "*" * 10 + m.group(3), text)
