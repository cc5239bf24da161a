"""What ledgers write in their cells — kinds of gift, donor types, 合计 rows, consent, dates — and how a CSV
file is begun (its title, blank and header rows accounted for). Shared by the ledger, activity records and
visit logs."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from ...dates import parse_date
from ...diagnostics import Diagnostic
from ...loading.tables import TableError, TableFile, open_table
from .donors import TYPE_WORDS, TYPE_ZH, guess_type
from .report import FileSummary

KINDS = {"款": "cash", "现金": "cash", "捐款": "cash", "转账": "cash", "微信": "cash", "支付宝": "cash",
         "银行转账": "cash", "现金捐款": "cash", "资金": "cash", "cash": "cash", "money": "cash",
         "物": "goods", "物资": "goods", "实物": "goods", "捐物": "goods", "物品": "goods", "goods": "goods",
         "in-kind": "goods"}
KIND_ZH = {"cash": "款", "goods": "物"}
#: the words of a cash gift, as written in a 类型 column
CASH_WORDS = tuple(k for k, v in KINDS.items() if v == "cash")
#: the words of a donor-type cell (个人, 单位, 匿名 …) and each type's Chinese name
DONOR_TYPES = TYPE_WORDS
DONOR_TYPE_ZH = TYPE_ZH
#: the first words of a 合计 row (checked against the rows above it, never counted as a gift)
TOTAL_WORDS = ("合计", "总计", "共计", "累计", "总额")
SUBTOTAL_WORDS = ("小计",)
CONSENT = frozenset({"是", "同意", "公开", "同意公示", "Y", "y", "yes", "√", "1"})
#: the words of a refusal in a 同意公示 column (an empty cell says nothing)
NO_CONSENT = frozenset({"否", "不同意", "不公开", "不公示", "N", "n", "no", "×", "0"})
SCHOOL = re.compile(r"(小学|中学|初中|高中|完小|学校|一中|二中|三中|实验学校|九年一贯|附中)$")
_DATE_TIME = re.compile(r"^\d{4}-\d{1,2}-\d{1,2} \d")


def donor_type_of(name: str) -> str:
    """A donor's type from the name alone (``donors.guess_type``: unit, person or anonymous; a person when
    unsure)."""
    return guess_type(name)


class DateReader:
    """Dates as ledgers write them, cached (a ledger has few distinct dates); raises ``DateError``.

    >>> read = DateReader(2010)
    >>> read("10月17日"), read("40468"), read("2010-10-17 09:30")
    (datetime.date(2010, 10, 17), datetime.date(2010, 10, 17), datetime.date(2010, 10, 17))
    """

    def __init__(self, year: int | None):
        self.year = year
        self.cache: dict[str, date] = {}

    def __call__(self, text: str) -> date:
        d = self.cache.get(text)
        if d is None:
            d = self._parse(text)
            self.cache[text] = d
        return d

    def _parse(self, text: str) -> date:
        t = text.strip()
        # an Excel serial date (ASCII digits only: ① or ² is a digit to str.isdigit, but not to int)
        if t.isascii() and t.isdigit() and 20000 <= int(t) <= 80000:
            return date(1899, 12, 30) + timedelta(days=int(t))
        return parse_date(t.split(" ")[0] if _DATE_TIME.match(t) else t, self.year)


def record_lines(rows: list[list[str]], first_line: int) -> list[int]:
    """First line of each record when some records span several lines (a quoted cell with a line break)."""
    lines, line = [], first_line
    for row in rows:
        lines.append(line)
        line += 1 + sum(c.count("\n") for c in row)
    return lines


def begin_file(path: str, summary: FileSummary, diagnostics: list[Diagnostic], **open_args: Any) -> TableFile | None:
    """Open a CSV for a pass: the header found (title, blank and header rows listed as skipped), or None with
    the file's diagnostic recorded (and, where no header was found, every record listed as rejected). The
    table is the caller's to close (``with table: …``)."""
    try:
        table = open_table(path, **open_args)
    except TableError as e:
        diagnostics.append(e.diagnostic)
        summary.rows_read = len(e.lines)
        if e.diagnostic.code == "FP614":
            summary.rejected = [(ln, e.diagnostic, []) for ln in e.lines]
        return None
    summary.encoding = table.encoding
    summary.header = table.header
    summary.skipped.extend((ln, "blank") for ln in table.blank_before)
    summary.skipped.extend((ln, "title") for ln, _ in table.titles)
    summary.skipped.append((table.header_line, "header"))
    return table
