"""Activity records (扶贫日活动情况统计表): what each unit did — activities held, participants, beneficiaries,
money and goods — read from the CSV units send in, with the same rules as ledgers: encodings, header aliases,
title and 合计 rows skipped, every row counted or rejected with ``file:line`` and the reason.

Columns (Chinese aliases in ``loading/tables.py`` ``RECORD_FIELDS``): 单位, 活动名称, 日期, 参与人数, 受益人数,
捐款金额, 捐物折价, 备注. A missing 单位 column means the file's name is the unit (``一中.csv`` → 一中).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable

from ..dates import DateError
from ..diagnostics import Findings, diag, reason
from ..loading.tables import RECORD_FIELDS
from ..money import ZERO, CashAndGoods, AmountError, parse_amount
from .ledger.cells import TOTAL_WORDS, DateReader, begin_file
from .ledger.report import FileSummary


@dataclass
class UnitStats(CashAndGoods):
    unit: str
    activities: int = 0
    participants: int = 0
    beneficiaries: int = 0
    cash: Decimal = ZERO
    goods: Decimal = ZERO

    def add(self, other: "UnitStats") -> None:
        self.activities += other.activities
        self.participants += other.participants
        self.beneficiaries += other.beneficiaries
        self.cash += other.cash
        self.goods += other.goods


@dataclass
class RecordsReport(Findings):
    files: list[FileSummary] = field(default_factory=list)
    units: dict[str, UnitStats] = field(default_factory=dict)
    #: some file has a 捐款 or 捐物折价 column (else the records say nothing of money, and show 0)
    money_columns: bool = False


_COUNT = re.compile(r"^(\d[\d,]*)\s*(?:人|人次|户|名|个)?$")


def _count(text: str) -> int | None:
    t = unicodedata.normalize("NFKC", text).strip()
    if not t:
        return 0
    m = _COUNT.match(t)
    return int(m.group(1).replace(",", "")) if m else None


def read_records(paths: Iterable[str], year: int | None = None) -> RecordsReport:
    report = RecordsReport()
    dates = DateReader(year)
    for path in paths:
        summary = FileSummary(path)
        report.files.append(summary)
        table = begin_file(path, summary, report.diagnostics, fields=RECORD_FIELDS, required=("activity",))
        if table is None:
            continue
        with table:
            cols = table.columns
            report.money_columns = report.money_columns or "cash" in cols or "goods" in cols
            default_unit = os.path.splitext(os.path.basename(path))[0]
            n = len(table.header)
            rows = 0

            def cell(row: list[str], name: str) -> str:
                i = cols.get(name)
                return row[i].strip() if i is not None and i < len(row) else ""

            for line, row in table.records():
                rows += 1

                def reject(code: str, **args) -> None:
                    summary.rejected.append((line, diag(code, file=path, line=line, **args), row))

                row = summary.screened(row, table, path, line, n)
                if row is None:  # blank (skipped) or rejected, with its reason
                    continue
                unit, activity = cell(row, "unit"), cell(row, "activity")
                if (unit or activity or row[0].strip()).startswith(TOTAL_WORDS):
                    summary.skipped.append((line, "total"))
                    continue
                if not activity:
                    reject("FP620")
                    continue
                counts = {}
                for name, zh, en in (("participants", "参与人数", "participants"),
                                     ("beneficiaries", "受益人数", "beneficiaries")):
                    value = _count(cell(row, name))
                    if value is None:
                        reject("FP621", what=zh, what_en=en, value=cell(row, name))
                        break
                    counts[name] = value
                else:
                    money = {}
                    for name in ("cash", "goods"):
                        text = cell(row, name)
                        try:
                            money[name] = parse_amount(text) if text else ZERO
                        except AmountError as e:
                            reject("FP601", value=text, reason=reason(e))
                            break
                        if money[name] < 0:
                            reject("FP602", value=text)
                            break
                    else:
                        dt = cell(row, "date")
                        if dt:
                            try:
                                dates(dt)
                            except DateError as e:
                                reject("FP604", value=dt, reason=reason(e))
                                continue
                        stats = report.units.setdefault(unit or default_unit, UnitStats(unit or default_unit))
                        stats.add(UnitStats("", 1, counts["participants"], counts["beneficiaries"], money["cash"],
                                            money["goods"]))
                        summary.accepted += 1
        summary.rows_read = rows + len(table.blank_before) + len(table.titles) + 1
    for f in report.files:
        report.diagnostics.extend(d for _, d, _ in f.rejected)
    return report
