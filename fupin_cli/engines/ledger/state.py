"""What a ledger pass keeps across rows and files, and what the rows of one file need."""

from __future__ import annotations

import os
from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from ...loading.tables import TableFile
from ...money import ZERO
from .cells import DateReader, donor_type_of
from .report import FileSummary, Gift, LedgerOptions, LedgerReport


class FileColumns:
    """What the rows of one file need: column positions, the default unit, running totals."""

    def __init__(self, path: str, table: TableFile, summary: FileSummary):
        self.path, self.summary = path, summary
        cols = table.columns
        self.ncols = len(table.header)
        self.i_donor, self.i_amount = cols["donor"], cols["amount"]
        self.i_date, self.i_kind, self.i_unit = cols.get("date"), cols.get("kind"), cols.get("unit")
        self.i_purpose, self.i_receipt, self.i_value = cols.get("purpose"), cols.get("receipt"), cols.get("value")
        self.i_type, self.i_consent, self.i_item = cols.get("donor_type"), cols.get("consent"), cols.get("item")
        self.i_dept = cols.get("dept")
        self.default_unit = os.path.splitext(os.path.basename(path))[0]
        self.total = ZERO
        self.rows = 0
        self.accepted = 0

    def cell(self, row: list[str], index: int | None) -> str:
        return row[index].strip() if index is not None else ""


class LedgerState:
    """Everything the pass keeps across rows and files. Memory grows with distinct donors and rows' hashes
    (for the duplicate check), never with the rows themselves."""

    def __init__(self, report: LedgerReport, opts: LedgerOptions):
        self.report, self.opts = report, opts
        self.dates = DateReader(opts.year)
        self.unit_only = tuple(opts.by) == ("unit",)
        #: hash((unit, donor)) of every donor -> hash of the row of their first gift (a set of row hashes once they
        #: give again): the donor count and the exact-duplicate check in one structure (64-bit hashes: a collision
        #: is vanishingly rare)
        self.donor_rows: dict[int, Any] = {}
        #: hash((key, unit, donor)) per group, when the groups are not just the units
        self.group_donors: set[int] = set()
        self.receipts: dict[str, tuple[str, int]] = {}
        #: (unit, amount as written) -> gifts, for the quota check
        self.amount_counts: Counter = Counter()
        self.duplicates: list[tuple[str, int, int, str, Decimal]] = []
        self.unit_first: dict[str, tuple[str, int]] = {}
        self.type_cache: dict[str, str] = {}
        #: donors counted without an entry in ``donor_rows`` (a file totalled by DuckDB)
        self.extra_donors = 0

    def donor_type(self, donor: str) -> str:
        t = self.type_cache.get(donor)
        if t is None:
            t = self.type_cache[donor] = donor_type_of(donor)
        return t

    def large(self, f: FileColumns, line: int, row: list[str], donor: str, dtype: str, kind: str, amount: Decimal,
              unit: str, when: date | None) -> None:
        """Keep a gift over its donor type's threshold (the certificate list)."""
        if amount > self.opts.threshold(dtype):
            self.report.large.append(Gift(f.path, line, donor, dtype, kind, amount, unit, when,
                                          f.cell(row, f.i_purpose), f.cell(row, f.i_receipt), f.cell(row, f.i_item)))
