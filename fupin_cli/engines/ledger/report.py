"""What a ledger pass gives back: the groups' aggregates, each file's account of its rows, the large gifts,
the publicity list, and the options it ran with."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from ...diagnostics import Diagnostic, Findings, diag
from ...loading.tables import screen_row
from ...money import ZERO, CashAndGoods

GROUP_KEYS = ("unit", "dept", "donor_type", "kind", "purpose", "date")
GROUP_ZH = {"unit": "单位", "dept": "班级/部门", "donor_type": "捐赠人类型", "kind": "款物", "purpose": "指定用途",
            "date": "日期"}
GROUP_EN = {"unit": "Unit", "dept": "Class/section", "donor_type": "Donor type", "kind": "Kind", "purpose": "Purpose",
            "date": "Date"}

#: codes that reject a row (the row is not counted); everything else about a row is a warning
REJECT_CODES = frozenset({"FP601", "FP602", "FP603", "FP604", "FP605", "FP615", "FP616", "FP618", "FP622"})


@dataclass(slots=True)
class Agg(CashAndGoods):
    gifts: int = 0
    donors: int = 0
    cash: Decimal = ZERO
    goods: Decimal = ZERO


@dataclass
class Gift:
    file: str
    line: int
    donor: str
    donor_type: str
    kind: str
    amount: Decimal
    unit: str
    date: date | None = None
    purpose: str = ""
    receipt: str = ""
    item: str = ""
    #: how ``donor_type`` was decided: column | plan | label | guess (``donors.py``)
    basis: str = "guess"
    #: the rules (``model.donation.Tier``) the gift meets
    tiers: tuple = ()


@dataclass
class FileSummary:
    file: str
    encoding: str = ""
    rows_read: int = 0
    accepted: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    rejected: list[tuple[int, Diagnostic, list[str]]] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    #: the column of each field, as the file was read (aliases and the user's mapping applied)
    columns: dict[str, int] = field(default_factory=dict)
    total: Decimal = ZERO

    @property
    def balanced(self) -> bool:
        return self.rows_read == self.accepted + len(self.skipped) + len(self.rejected)

    def screened(self, row: list[str], table: Any, path: str, line: int, width: int) -> list[str] | None:
        """The row once it passes ``screen_row`` (oversize cell, mixed encodings, blank, column count); None when
        it was skipped (blank) or rejected, which is recorded here with its reason."""
        row, problem, args = screen_row(row, table, width)
        if problem == "blank":
            self.skipped.append((line, "blank"))
            return None
        if problem:
            self.rejected.append((line, diag(problem, file=path, line=line, **args), row))
            return None
        return row


@dataclass
class PublicityEntry:
    donor: str
    donor_type: str
    unit: str
    cash: Decimal = ZERO
    goods: Decimal = ZERO
    #: 同意公示 as the ledger says it: True, False, or None where it says nothing
    consent: bool | None = None
    first: tuple[str, int] = ("", 0)
    basis: str = "guess"


@dataclass
class LedgerReport(Findings):
    """Totals and every finding. Rejected rows (``REJECT_CODES``) fail the run only with ``strict``."""

    lenient: ClassVar[frozenset[str]] = REJECT_CODES
    strict_warnings: ClassVar[bool] = False

    by: tuple[str, ...]
    files: list[FileSummary] = field(default_factory=list)
    groups: dict[tuple, Agg] = field(default_factory=dict)
    total: Agg = field(default_factory=Agg)
    large: list[Gift] = field(default_factory=list)
    publicity: dict[tuple[str, str], PublicityEntry] = field(default_factory=dict)
    #: the donation rules applied (``model.donation.Tier``) and where they came from (empty: no rules)
    tiers: tuple = ()
    rules_source: str = ""

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    @property
    def accepted(self) -> int:
        return sum(f.accepted for f in self.files)

    @property
    def skipped(self) -> int:
        return sum(len(f.skipped) for f in self.files)

    @property
    def rejected(self) -> int:
        return sum(len(f.rejected) for f in self.files)


@dataclass
class LedgerOptions:
    by: tuple[str, ...] = ("unit",)
    year: int | None = None
    encoding: str | None = None
    mapping: dict[str, str] | None = None
    #: what follows a large gift (``model.donation.Tier``): none unless a plan or a rules file states them
    tiers: tuple = ()
    #: where the tiers came from, for the tables' notes: 方案, or a rules file's path
    rules_source: str = ""
    #: donors known to be units or persons (the plan's units, its 捐赠单位 and 个人捐赠人)
    donor_units: frozenset[str] = frozenset()
    donor_persons: frozenset[str] = frozenset()
    schools_may_organise: bool | None = None
    expected_total: Decimal | None = None
    #: collect per-donor sums for the publicity list (memory grows with donors)
    publicity: bool = False
    #: unit names the plan knows as schools (level school)
    school_units: frozenset[str] = frozenset()

    @property
    def low(self) -> Decimal | None:
        """The smallest amount any tier looks at (None: no tiers)."""
        return min((t.amount for t in self.tiers), default=None)

    def tiers_for(self, donor_type: str, amount: Decimal) -> tuple:
        """The tiers a single gift of ``amount`` from a donor of ``donor_type`` meets."""
        return tuple(t for t in self.tiers if t.applies(donor_type, amount))
