"""What of a ledger row may be shown outside the ledger (the rejects file, a diagnostic naming a donor).

A unit's name is shown as written; a person's is masked to the surname (``privacy.mask_name``). A donor is a
unit when the row's donor-type or 类型 cell says so (单位, 企业, 机关 …), or, when it says neither 单位 nor 个人,
when the name reads as one (``cells.donor_type_of``); anyone else is taken for a person. Cells of personal
columns (电话, 身份证, 住址, 微信, 银行卡 …) are never shown: ``***``. Every other cell has its phone and ID numbers
masked (``privacy.scrub``)::

    >>> masked_row(["捐赠人", "金额", "联系电话", "备注"], {}, ["王建国", "abc", "13812345678", "身份证350102199001011234"])
    ['王**', 'abc', '***', '身份证35*************234']
    >>> masked_row(["捐赠人", "捐赠人类型", "金额"], {}, ["张三丰", "单位", "100"])
    ['张三丰', '单位', '100']
    >>> masked_row(["捐赠人", "捐赠人类型", "金额"], {}, ["马建行", "个人", "100"]), shown_donor("马建行")  # a person either way
    (['马**', '个人', '100'], '马**')
"""

from __future__ import annotations

import re

from ...loading.tables import ledger_field
from ...privacy import mask_name, personal_header, scrub
from .cells import CONSENT, DONOR_TYPES, KINDS, SUBTOTAL_WORDS, TOTAL_WORDS, donor_type_of

#: the fields whose cells are personal data whatever their header says
PERSONAL_FIELDS = frozenset({"phone", "id_no"})
#: the cells of a donor's type: a 类型 column says 款/物 or, in some ledgers, 单位/个人
_TYPE_FIELDS = ("donor_type", "kind")
#: a cell of a row that does not line up with its header, which may be a person's name: it begins with a Han character
_HAN_FIRST = re.compile(r"\s*[\u3400-\u9fff]")
#: the words ledgers write in their own cells, never a name
_LEDGER_WORDS = frozenset(KINDS) | frozenset(DONOR_TYPES) | CONSENT | {"否", "不同意", "匿名"}


def type_said(type_cell: str) -> str | None:
    """What a 类型 or donor-type cell says of the donor: unit (单位, 企业, 机关 …), person (个人, 教师 …) or None."""
    t = type_cell.strip()
    return DONOR_TYPES.get(t) or DONOR_TYPES.get(t.lower())


def shown_donor(name: str, donor_type: str | None = None) -> str:
    """A donor's name as it may be shown: a unit's as written (numbers masked), a person's masked (王**), an
    anonymous label as written.
    ``donor_type`` is what the row says (its type cell) or what the pass found; without it, a name that reads as
    a unit's (``cells.donor_type_of``) is a unit's."""
    guessed = donor_type_of(name.strip())
    kind = donor_type or guessed
    if kind == "unit":
        return scrub(name)
    if kind == "anonymous":  # a label (爱心人士) as written; a named donor the ledger calls 匿名 under 匿名
        return scrub(name) if guessed == "anonymous" else "匿名"
    return mask_name(scrub(name))


def column_roles(header: list[str], columns: dict[str, int]) -> list[str | None]:
    """The ledger field of each column: from the columns the file was read with (a user's mapping included),
    else from the header's built-in aliases."""
    roles: list[str | None] = [ledger_field(h) for h in header]
    for fld, i in columns.items():
        if 0 <= i < len(roles):
            roles[i] = fld
    return roles


def masked_row(header: list[str], columns: dict[str, int], row: list[str]) -> list[str]:
    """A ledger row as the rejects file shows it (see the module's docstring).

    A row whose cells do not line up with the header (too many or too few) cannot say for sure which cell is the
    donor: there every cell that begins with a Han character and is not a word ledgers use (款, 单位, 是 …) or a
    unit's name is masked as a name, besides the donor's and the personal columns' cells."""
    roles = column_roles(header, columns)
    aligned = len(row) == len(header)
    said = [type_said(row[i]) for i, r in enumerate(roles) if r in _TYPE_FIELDS] if aligned else []
    donor_type = next((t for t in ("person", "anonymous", "unit") if t in said), None)
    out = []
    for i, cell in enumerate(row):
        role = roles[i] if i < len(roles) else None
        if role in PERSONAL_FIELDS or (i < len(header) and personal_header(header[i])):
            out.append("***" if cell.strip() else cell)
        elif (role == "donor" or not aligned and _may_be_a_name(cell)) and cell.strip():
            out.append(shown_donor(cell, donor_type))
        else:
            out.append(scrub(cell))
    return out


def _may_be_a_name(cell: str) -> bool:
    c = cell.strip()
    return bool(_HAN_FIRST.match(c)) and c not in _LEDGER_WORDS and not c.startswith(TOTAL_WORDS + SUBTOTAL_WORDS)
