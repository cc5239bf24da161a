"""Publicity and privacy (个人信息保护法 第二十五条): what may be printed about a donor.

Units are published by name. A person's given name is masked unless the ledger records consent, keeping the
surname (two-character compound surnames included); phone and ID numbers never appear in full::

    >>> mask_name("张三"), mask_name("欧阳修远"), mask_name("司马光")
    ('张*', '欧阳**', '司马*')
    >>> scrub("联系电话13812341234，身份证350102199001011234")
    '联系电话138****1234，身份证35*************234'
    >>> scrub("+86 138 1234 5678；（０５９１）８７６５４３２１-801；ID 3501 0219 9001 0112 3X")
    '+86 138****5678；0591-****4321-***；ID 35*************23X'
    >>> scrub("1,234.50 元，2020-10-17，20201017，NO.2020-0015，12000.00")
    '1,234.50 元，2020-10-17，20201017，NO.2020-0015，12000.00'

What ``scrub`` masks, wherever it stands in a text (full-width digits, spaces and dashes between the groups of
digits, a letter or a word directly before, and a country code 86 / +86 / 0086 are all allowed for):

- a mobile number (11 digits, 1[3-9]…) as ``138****5678``, after ``+86 `` when it had a country code;
- an ID number of 18 characters (the last may be X) as ``35*************23X``, an old one of 15 digits as
  ``35**********123`` (first two and last three kept);
- a landline with its area code (``0591-87654321``, ``(0591)87654321``, ``020 1234 5678``, a contiguous
  ``059187654321``) as ``0591-****4321``; an extension after it is masked too (``-***``).

A plain number of 7 or 8 digits alone is not masked: it is as likely an amount (12000000), a date (20201017)
or a receipt number as a local phone number without its area code. Where a column is known to hold phone numbers
(``personal_header``) its cells are masked whole instead. The masked digits are written as ASCII digits, so
nothing of a full-width original is left either.
"""

from __future__ import annotations

import re
import unicodedata

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 令狐 轩辕 端木 独孤 南宫 西门 百里 "
    "呼延 万俟 闻人 澹台 公羊 赫连 申屠 太史 濮阳 钟离 第五 公冶 仲孙 单于 拓跋 完颜 亓官 左丘 东郭 南门 梁丘 "
    "鲜于 闾丘 谷梁 巫马 羊舌 微生 公良 漆雕 乐正 壤驷 宰父 夹谷 段干 百里 呼延 东门 西门 公西 颛孙".split())

#: words in a column's header that mark a column of personal data: its cells are never shown, only ``***``
PERSONAL_HEADER_WORDS = ("电话", "手机", "联系方式", "身份证", "证件", "住址", "地址", "微信", "银行卡", "卡号", "账号",
                         "帐号", "开户", "邮箱", "qq", "联系人", "经办人", "phone", "mobile", "tel", "id_no",
                         "address", "account", "email", "wechat")

#: a run of digits: groups separated by one space or dash, perhaps after + or an area code in brackets, perhaps
#: ending in the X of an ID number (matched on a copy with full-width digits and punctuation made ASCII)
_RUN = re.compile(r"(?P<plus>\+)?(?:\((?P<area>\d{2,4})\) ?)?(?P<body>\d+(?:[ \-]\d+)*)(?P<x>[Xx])?")
_GROUP = re.compile(r"\d+")
#: any decimal digit, ASCII, full-width or another script's: a text without one is returned at once
_DIGIT = re.compile(r"\d")
_MOBILE = re.compile(r"1[3-9]\d{9}")
#: the longest run of digits that can be one number we mask: 0086, a mobile, and slack for an extension
_LONGEST = 20
#: full-width and other look-alike punctuation, one character for one so that positions agree
_ASCII = str.maketrans({"（": "(", "）": ")", "＋": "+", "－": "-", "\u3000": " ", "\u00a0": " ", "‐": "-", "‑": "-",
                        "‒": "-", "–": "-", "—": "-", "―": "-", "Ｘ": "X", "ｘ": "x"})


def mask_name(name: str) -> str:
    """张三 -> 张*, 欧阳修远 -> 欧阳**; a one-character name stays as written plus one *."""
    name = name.strip()
    if len(name) <= 1:
        return name + "*"
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[0]
    return surname + "*" * (len(name) - len(surname))


def personal_header(header: str) -> bool:
    """Whether a column's header names personal data (电话, 手机, 身份证, 住址, 微信, 银行卡, 账号 …).

    >>> personal_header("联系电话"), personal_header("身份证号码"), personal_header("家庭住址"), personal_header("金额")
    (True, True, True, False)
    """
    h = unicodedata.normalize("NFKC", header).replace(" ", "").lower()
    return any(w in h for w in PERSONAL_HEADER_WORDS)


def _ascii_digits(text: str) -> str:
    """``text`` with every decimal digit as an ASCII digit and look-alike punctuation as ASCII, same length."""
    text = text.translate(_ASCII)
    if text.isascii():
        return text
    return "".join(str(d) if ch.isdigit() and not ch.isascii() and (d := unicodedata.decimal(ch, None)) is not None
                   else ch for ch in text)


def _mask(groups: list[str], plus: bool) -> str | None:
    """The masked form of a number written in these groups of digits (the last may end in X), or None when
    they are not a number we mask."""
    if len(groups) > 1 and (len(groups[0]) < 2 or len(groups[-1]) < 2 or any(len(g) < 3 for g in groups[1:-1])):
        return None  # 2020-10-17 13812345678 is a date and a phone number, not an ID of 15 digits
    digits = "".join(groups)
    n = len(digits)
    if digits[-1] in "Xx":
        if n == 18 and digits[:17].isdigit():
            return digits[:2] + "*" * 13 + digits[15:]
        return None
    if n == 11 and _MOBILE.fullmatch(digits):
        return f"{digits[:3]}****{digits[-4:]}"
    for cc in ("86", "0086"):
        if n == len(cc) + 11 and digits.startswith(cc) and _MOBILE.fullmatch(digits[len(cc):]):
            m = digits[len(cc):]
            return f"{'+' if plus else ''}{cc} {m[:3]}****{m[-4:]}"
    if n == 18:
        return digits[:2] + "*" * 13 + digits[-3:]
    if digits[0] == "0":
        return _landline(groups)
    if n == 15:
        return digits[:2] + "*" * 10 + digits[-3:]
    return None


def _landline(groups: list[str]) -> str | None:
    """0591-87654321, 020 1234 5678, 059187654321, 0755-8765432-801 as 0591-****4321 (extension masked)."""
    if len(groups) == 1:
        d = groups[0]
        if not 10 <= len(d) <= 12:
            return None
        area = d[:3] if d[1] in "12" else d[:4]
        local, ext = d[len(area):], ""
    else:
        area, local, rest = groups[0], "", groups[1:]
        while rest and len(local) < 7:
            local += rest.pop(0)
        ext = "".join(rest)
    if not (3 <= len(area) <= 4 and 7 <= len(local) <= 8 and len(ext) <= 6):
        return None
    return f"{area}-****{local[-4:]}" + (f"-{'*' * len(ext)}" if ext else "")


def _scrub_run(t: str, m: re.Match, found: list[tuple[int, int, str]]) -> None:
    """The numbers in one run of digits ``m`` of ``t``, each as (start, end, masked form) in ``found``: from left
    to right, the longest stretch of the run's groups that is one number we mask."""
    body = m.start("body")
    spans = [(g.start() + body, g.end() + body) for g in _GROUP.finditer(m.group("body"))]
    if m.group("area"):
        spans.insert(0, (m.start("area"), m.end("area")))
    if m.group("x"):
        spans[-1] = (spans[-1][0], m.end("x"))
    plus = bool(m.group("plus"))
    i = 0
    while i < len(spans):
        j, size = i, 0
        while j < len(spans) and size + spans[j][1] - spans[j][0] <= _LONGEST:
            size += spans[j][1] - spans[j][0]
            j += 1
        for k in range(j - 1, i - 1, -1):
            groups = [t[a:b] for a, b in spans[i:k + 1]]
            end = spans[k][1]
            masked = _mask(groups, plus and i == 0)
            if masked is None and groups[-1][-1] in "Xx" and len(groups[-1]) > 1:
                # the X was a letter after the number, not its check character: it stays as written
                groups[-1] = groups[-1][:-1]
                end -= 1
                masked = _mask(groups, plus and i == 0)
            if masked is not None:
                found.append((m.start() if i == 0 else spans[i][0], end, masked))
                i = k + 1
                break
        else:
            i += 1


def scrub(text: str) -> str:
    """Phone numbers as 138****1234, ID numbers as 35*************123 and landlines as 0591-****4321, wherever
    they stand in a text; everything else as written (see the module's docstring)."""
    if not text or _DIGIT.search(text) is None:
        return text
    t = _ascii_digits(text)
    found: list[tuple[int, int, str]] = []
    for m in _RUN.finditer(t):
        _scrub_run(t, m, found)
    if not found:
        return text
    parts, resume = [], 0
    for start, end, masked in found:
        parts.append(text[resume:start])
        parts.append(masked)
        resume = end
    parts.append(text[resume:])
    return "".join(parts)
