"""What a ledger pass keeps across rows and files, and what the rows of one file need."""

from __future__ import annotations

import os
from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from ...loading.tables import TableFile
from ...money import ZERO
from .cells import DateReader
from .donors import Decided, DonorTypes
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
        self.types = DonorTypes(opts.donor_units, opts.donor_persons)
        #: (unit, donor) -> (file, line, amount) of a donor taken for a unit by a guess whose gift a person's
        #: tier would have met (FP624)
        self.guessed_units: dict[tuple[str, str], tuple[str, int, Decimal]] = {}
        #: donors counted without an entry in ``donor_rows`` (a file totalled by DuckDB)
        self.extra_donors = 0

    def donor_type(self, donor: str, cell: str = "") -> Decided:
        """The donor's type and how it was decided (``cell``: the row's donor-type cell, if any)."""
        return self.types(donor, cell)

    def large(self, f: FileColumns, line: int, row: list[str], donor: str, decided: Decided, kind: str,
              amount: Decimal, unit: str, when: date | None) -> None:
        """Keep a gift that meets a tier of the rules (the certificate list); note a guessed unit whose gift
        would meet a person's tier."""
        tiers = self.opts.tiers_for(decided.type, amount)
        if tiers:
            self.report.large.append(Gift(f.path, line, donor, decided.type, kind, amount, unit, when,
                                          f.cell(row, f.i_purpose), f.cell(row, f.i_receipt), f.cell(row, f.i_item),
                                          decided.basis, tiers))
        if decided.basis == "guess" and decided.type == "unit" and self.opts.tiers_for("person", amount):
            self.guessed_units.setdefault((unit, donor), (f.path, line, amount))
