"""Donation ledgers totalled to the fen, in one streaming pass, losing nothing.

Every record of every file is accepted, skipped (blank, title, header, 合计/小计 — each listed with its line) or
rejected (with ``file:line`` and the reason), and for each file ``rows read = accepted + skipped + rejected``.
Amounts are ``Decimal``. A 合计 row is never counted as a gift: it is checked against the rows above it.

Donors are identified by (collecting unit, name): two 张伟 in two schools are two donors. Memory grows with
the number of distinct donors, not with the number of rows.

Checks from the notices (each a diagnostic): large gifts over the plan's thresholds (the certificate list),
duplicate receipt numbers and exact duplicate rows, many identical amounts inside one unit (a sign of 硬性摊派),
donations organised by a school when the plan says schools organise none, the total against the plan's
expected total.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from itertools import compress, filterfalse, islice
from operator import itemgetter, methodcaller
from typing import Any, Callable, ClassVar, Iterable

from ..dates import DateError, parse_date
from ..diagnostics import Diagnostic, Findings, diag, reason
from ..loading.tables import TableError, open_table
from ..money import FEN, ZERO, AmountError, format_amount, read_amount

GROUP_KEYS = ("unit", "dept", "donor_type", "kind", "purpose", "date")
GROUP_ZH = {"unit": "单位", "dept": "班级/部门", "donor_type": "捐赠人类型", "kind": "款物", "purpose": "指定用途",
            "date": "日期"}
GROUP_EN = {"unit": "Unit", "dept": "Class/section", "donor_type": "Donor type", "kind": "Kind", "purpose": "Purpose",
            "date": "Date"}

#: codes that reject a row (the row is not counted); everything else about a row is a warning
REJECT_CODES = frozenset({"FP601", "FP602", "FP603", "FP604", "FP605", "FP615", "FP616", "FP618"})

_KINDS = {"款": "cash", "现金": "cash", "捐款": "cash", "转账": "cash", "微信": "cash", "支付宝": "cash",
          "银行转账": "cash", "现金捐款": "cash", "资金": "cash", "cash": "cash", "money": "cash",
          "物": "goods", "物资": "goods", "实物": "goods", "捐物": "goods", "物品": "goods", "goods": "goods",
          "in-kind": "goods"}
KIND_ZH = {"cash": "款", "goods": "物"}
_DONOR_TYPES = {"单位": "unit", "企业": "unit", "机关": "unit", "团体": "unit", "组织": "unit", "unit": "unit",
                "个人": "person", "person": "person", "教师": "person", "学生": "person", "职工": "person"}
DONOR_TYPE_ZH = {"unit": "单位", "person": "个人"}
_UNIT_SUFFIXES = ("公司", "局", "学校", "小学", "中学", "大学", "学院", "幼儿园", "中心", "委员会", "委", "协会", "商会",
                  "集团", "银行", "医院", "厂", "店", "所", "办", "办公室", "队", "会", "院", "社", "站", "村委会",
                  "政府", "支部", "工会", "股", "处", "科", "部", "馆", "校", "班", "合作社", "有限", "超市", "行",
                  "全体", "师生", "教职工", "全体党员", "党支部", "团支部", "少先队")
_TOTAL_WORDS = ("合计", "总计", "共计", "累计", "总额")
_SUBTOTAL_WORDS = ("小计",)
_CONSENT = frozenset({"是", "同意", "公开", "Y", "y", "yes", "√", "1"})
_QUOTA_MIN_GIFTS = 10
_QUOTA_SHARE = Decimal("0.8")
_SCHOOL = re.compile(r"(小学|中学|初中|高中|完小|学校|一中|二中|三中|实验学校|九年一贯|附中)$")


def donor_type_of(name: str) -> str:
    """单位 when the name ends like an organisation's (…公司, …局, …学校), else 个人."""
    return "unit" if name.endswith(_UNIT_SUFFIXES) else "person"


@dataclass(slots=True)
class Agg:
    gifts: int = 0
    donors: int = 0
    cash: Decimal = ZERO
    goods: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.cash + self.goods


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


@dataclass
class FileSummary:
    file: str
    encoding: str = ""
    rows_read: int = 0
    accepted: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    rejected: list[tuple[int, Diagnostic, list[str]]] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    total: Decimal = ZERO

    @property
    def balanced(self) -> bool:
        return self.rows_read == self.accepted + len(self.skipped) + len(self.rejected)


def begin_file(path: str, summary: FileSummary, diagnostics: list[Diagnostic], **open_args: Any) -> Any:
    """Open a CSV for a pass: the header found (title, blank and header rows listed as skipped), or None with
    the file's diagnostic recorded (and, where no header was found, every record listed as rejected)."""
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


@dataclass
class PublicityEntry:
    donor: str
    donor_type: str
    unit: str
    cash: Decimal = ZERO
    goods: Decimal = ZERO
    consent: bool = False
    first: tuple[str, int] = ("", 0)


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
    large_unit: Decimal = Decimal("50000.00")
    large_person: Decimal = Decimal("5000.00")
    schools_may_organise: bool | None = None
    expected_total: Decimal | None = None
    #: collect per-donor sums for the publicity list (memory grows with donors)
    publicity: bool = False
    #: unit names the plan knows as schools (level school)
    school_units: frozenset[str] = frozenset()


class _DateReader:
    """Dates as ledgers write them, cached (a ledger has few distinct dates)."""

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
        if t.isdigit() and 20000 <= int(t) <= 80000:  # an Excel serial date
            return date(1899, 12, 30) + timedelta(days=int(t))
        return parse_date(t.split(" ")[0] if re.match(r"^\d{4}-\d{1,2}-\d{1,2} \d", t) else t, self.year)


def _record_lines(rows: list[list[str]], first_line: int) -> list[int]:
    """First line of each record when some records span several lines (a quoted cell with a line break)."""
    lines, line = [], first_line
    for row in rows:
        lines.append(line)
        line += 1 + sum(c.count("\n") for c in row)
    return lines


def _progress(path: str) -> Callable[[int], None] | None:
    """A progress bar on stderr for a file that takes more than a second, only on a terminal."""
    import sys

    if not sys.stderr.isatty():
        return None
    size = os.path.getsize(path) or 1
    start = time.monotonic()
    state: dict[str, Any] = {}

    def update(pos: int, done: bool = False) -> None:
        now = time.monotonic()
        if "bar" not in state:
            if now - start < 1.0 or done:
                return
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            bar = Progress(TextColumn(os.path.basename(path)), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                           TimeRemainingColumn(), transient=True, console=Console(stderr=True))
            bar.start()
            state["bar"], state["task"] = bar, bar.add_task("", total=size)
        state["bar"].update(state["task"], completed=pos)
        if done:
            state["bar"].stop()

    return update


def read_ledgers(paths: Iterable[str], options: LedgerOptions | None = None) -> LedgerReport:
    """Total every ledger file; see the module docstring."""
    import gc

    opts = options or LedgerOptions()
    report = LedgerReport(tuple(opts.by))
    state = _State(report, opts)
    # The pass allocates millions of short-lived lists and keeps no cycles: the cyclic collector would only
    # re-scan the growing sets again and again (a third of the time on a million rows).
    enabled = gc.isenabled()
    gc.disable()
    try:
        paths = list(paths)
        if len(paths) == 1:
            from . import ledger_fast  # one big clean file: DuckDB when installed, same results

            if not ledger_fast.total_file(state, paths[0]):
                state.read_file(paths[0])
        else:
            for path in paths:
                state.read_file(path)
        state.finish()
    finally:
        if enabled:
            gc.enable()
    return report


CHUNK_ROWS = 20_000
#: an amount the fast path takes as it is: digits with at most two decimals (anything else goes row by row)
_PLAIN_AMOUNT = re.compile(r"\d{1,13}(?:\.\d{1,2})?").fullmatch


class _File:
    """What the rows of one file need: column positions, the default unit, running totals."""

    def __init__(self, path: str, table: Any, summary: FileSummary):
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


class _State:
    """Everything the pass keeps across rows and files. Memory grows with distinct donors and rows' hashes
    (for the duplicate check), never with the rows themselves."""

    def __init__(self, report: LedgerReport, opts: LedgerOptions):
        self.report, self.opts = report, opts
        self.dates = _DateReader(opts.year)
        self.unit_only = tuple(opts.by) == ("unit",)
        #: hash((unit, donor)) of every donor -> hash of the row of their first gift (a set of row hashes once they
        #: give again): the donor count and the exact-duplicate check in one structure (64-bit hashes: a collision
        #: is vanishingly rare)
        self.donor_rows: dict[int, Any] = {}
        #: hash((key, unit, donor)) per group, when the groups are not just the units
        self.group_donors: set[int] = set()
        self.receipts: dict[str, tuple[str, int]] = {}
        self.amount_counts: Counter = Counter()
        self.duplicates: list[tuple[str, int, int, str, Decimal]] = []
        self.unit_first: dict[str, tuple[str, int]] = {}
        self.type_cache: dict[str, str] = {}
        #: donors counted by the DuckDB path (engines/ledger_fast.py)
        self.fast_pairs = 0

    # --- one file ------------------------------------------------------------------------------------

    def read_file(self, path: str) -> None:
        summary = FileSummary(path)
        self.report.files.append(summary)
        opts, report = self.opts, self.report
        table = begin_file(path, summary, report.diagnostics, encoding=opts.encoding, mapping=opts.mapping)
        if table is None:
            return
        if table.encoding == "gb18030":
            report.diagnostics.append(diag("FP617", file=path, line=1, encoding="GB18030", severity="warning"))
        if table.unknown_headers:
            report.diagnostics.append(diag("FP619", file=path, line=table.header_line,
                                           columns="、".join(table.unknown_headers)))
        f = _File(path, table, summary)
        fast = not table.mixed and not opts.publicity and f.i_value is None and f.i_item is None
        progress = _progress(path)
        reader = table.reader
        while True:
            first_line = reader.line_num + 1
            chunk = list(islice(reader, CHUNK_ROWS))
            if not chunk:
                break
            f.rows += len(chunk)
            single_lines = reader.line_num - first_line + 1 == len(chunk)
            if not (fast and single_lines and self._fast_chunk(f, chunk, first_line)):
                lines = list(range(first_line, first_line + len(chunk))) if single_lines else \
                    _record_lines(chunk, first_line)
                self._slow_rows(f, chunk, lines, table.mixed)
            if progress is not None:
                progress(table.position())
        if progress is not None:
            progress(table.position(), True)
        summary.rows_read = f.rows + len(table.blank_before) + len(table.titles) + 1
        summary.accepted = f.accepted
        summary.total = f.total

    # --- the common case, a chunk at C speed -----------------------------------------------------------

    def _fast_chunk(self, f: _File, rows: list[list[str]], first_line: int) -> bool:
        """Total a chunk in which every row is an ordinary cash gift; False (nothing changed) when any row needs
        a closer look (a blank or 合计 row, an unusual amount or date, a duplicate, goods …)."""
        n = len(rows)
        if not all(map(f.ncols.__eq__, map(len, rows))):
            return False
        donors = list(map(str.strip, map(itemgetter(f.i_donor), rows)))
        if not all(donors) or any(map(methodcaller("startswith", _TOTAL_WORDS + _SUBTOTAL_WORDS), donors)):
            return False
        texts = list(map(str.strip, map(itemgetter(f.i_amount), rows)))
        if not all(map(_PLAIN_AMOUNT, texts)):
            return False  # a written form (¥, 1,234, 万, 大写), more than two decimals, or not a number
        exact = list(map(Decimal, texts))
        if min(exact) <= ZERO:
            return False
        if f.i_kind is not None:
            kind_texts = set(map(str.strip, map(itemgetter(f.i_kind), rows)))
            if not all(_KINDS.get(k) == "cash" or k == "" for k in kind_texts):
                return False
        when: list[Any] = [None] * n
        if f.i_date is not None:
            date_texts = list(map(str.strip, map(itemgetter(f.i_date), rows)))
            cache = self.dates.cache
            for t in set(date_texts) - cache.keys():
                if not t:
                    continue
                try:
                    cache[t] = self.dates(t)
                except DateError:
                    return False
            when = list(map(cache.get, date_texts))
        if f.i_unit is not None:
            units = list(map(str.strip, map(itemgetter(f.i_unit), rows)))
            if not all(units):
                units = [u or f.default_unit for u in units]
        else:
            units = [f.default_unit] * n
        row_hashes = list(map(hash, map(tuple, rows)))
        pair_hashes = list(map(hash, zip(units, donors)))
        donor_rows = self.donor_rows
        # donors who gave before (in an earlier chunk or earlier in this one): look for exact duplicates
        again = list(compress(range(n), map(donor_rows.__contains__, pair_hashes)))
        if len(set(pair_hashes)) != n:
            repeated = {h for h, c in Counter(pair_hashes).items() if c > 1}
            again = sorted(set(again) | {i for i, h in enumerate(pair_hashes) if h in repeated})
        pending: dict[int, Any] = {}
        for i in again:
            h, r = pair_hashes[i], row_hashes[i]
            v = pending.get(h, donor_rows.get(h))
            if v is None:
                pending[h] = r
            elif v == r or (v.__class__ is set and r in v):
                return False  # an exact duplicate: the row-by-row path reports it with its lines
            else:
                pending[h] = (v | {r}) if v.__class__ is set else {v, r}
        receipts: list[str] = []
        if f.i_receipt is not None:
            receipts = [r for r in map(str.strip, map(itemgetter(f.i_receipt), rows)) if r]
            if len(set(receipts)) != len(receipts) or not self.receipts.keys().isdisjoint(receipts):
                return False
        # every row is accepted from here on
        for i, r in enumerate(map(str.strip, map(itemgetter(f.i_receipt), rows)) if f.i_receipt is not None
                              else ()):
            if r:
                self.receipts[r] = (f.path, first_line + i)
        dtypes = list(map(self._donor_type, donors)) if not self.unit_only or \
            max(exact) > min(self.opts.large_person, self.opts.large_unit) else None
        if self.unit_only:
            keys: list[Any] = units
        else:
            cols = {"unit": units, "donor_type": dtypes, "kind": ["cash"] * n, "date": when,
                    "dept": list(map(str.strip, map(itemgetter(f.i_dept), rows))) if f.i_dept is not None else [""] * n,
                    "purpose": list(map(str.strip, map(itemgetter(f.i_purpose), rows))) if f.i_purpose is not None
                    else [""] * n}
            keys = list(zip(*(cols[k] for k in self.opts.by)))
        groups = self.report.groups
        for u in set(units) - self.unit_first.keys():
            self.unit_first[u] = (f.path, first_line + units.index(u))
        sums: dict[Any, Decimal] = {}
        get = sums.get
        for key, amount in zip(keys, exact):
            sums[key] = get(key, ZERO) + amount
        for key, gifts in Counter(keys).items():
            agg = groups.get(key)
            if agg is None:
                agg = groups[key] = Agg()
            agg.gifts += gifts
            agg.cash += sums[key]
        if self.unit_only:
            owner = dict(zip(pair_hashes, units))
            # (never `keys() - big_set`: CPython walks the whole right-hand side for that)
            new = list(filterfalse(donor_rows.__contains__, owner))
            for key, count in Counter(map(owner.__getitem__, new)).items():
                groups[key].donors += count
        if again:
            # every donor who gave before is in ``pending`` with the merged value, so it may overwrite
            donor_rows.update(zip(pair_hashes, row_hashes))
            donor_rows.update(pending)
        else:
            donor_rows.update(zip(pair_hashes, row_hashes))
        if not self.unit_only:
            owner = dict(zip(map(hash, zip(keys, units, donors)), keys))
            new = list(filterfalse(self.group_donors.__contains__, owner))
            for key, count in Counter(map(owner.__getitem__, new)).items():
                groups[key].donors += count
            self.group_donors.update(new)
        self.amount_counts.update(zip(units, texts))  # by text here (fast to hash); merged by value at the end
        low = min(self.opts.large_person, self.opts.large_unit)
        for i in compress(range(n), map(low.__lt__, exact)):
            self._large(f, first_line + i, rows[i], donors[i], dtypes[i] if dtypes else self._donor_type(donors[i]),
                        "cash", exact[i], units[i], when[i])
        total = sum(exact, ZERO)
        f.total += total
        f.accepted += n
        return True

    def _donor_type(self, donor: str) -> str:
        t = self.type_cache.get(donor)
        if t is None:
            t = self.type_cache[donor] = donor_type_of(donor)
        return t

    def _large(self, f: _File, line: int, row: list[str], donor: str, dtype: str, kind: str, amount: Decimal,
               unit: str, when: date | None) -> None:
        if amount > (self.opts.large_person if dtype == "person" else self.opts.large_unit):
            self.report.large.append(Gift(f.path, line, donor, dtype, kind, amount, unit, when,
                                          f.cell(row, f.i_purpose), f.cell(row, f.i_receipt), f.cell(row, f.i_item)))

    # --- every other row, one by one -----------------------------------------------------------------------

    def _slow_rows(self, f: _File, rows: list[list[str]], lines: list[int], mixed: bool) -> None:
        path, summary = f.path, f.summary
        skipped, rejected, diagnostics = summary.skipped, summary.rejected, self.report.diagnostics
        ncols = f.ncols

        def reject(line: int, code: str, row: list[str], **args: Any) -> None:
            rejected.append((line, diag(code, file=path, line=line, **args), row))

        for line, row in zip(lines, rows):
            if len(row) != ncols:
                if not any(c.strip() for c in row):
                    skipped.append((line, "blank"))
                    continue
                if len(row) > ncols and not any(c.strip() for c in row[ncols:]):
                    row = row[:ncols]
                else:
                    reject(line, "FP605", row, expected=ncols, found=len(row))
                    continue
            if mixed and any("\udc80" <= ch <= "\udcff" for c in row for ch in c):
                reject(line, "FP618", [c.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for c in row])
                continue
            donor = row[f.i_donor].strip()
            amount_text = row[f.i_amount].strip()
            first = donor or row[0].strip()
            if first.startswith(_SUBTOTAL_WORDS):
                skipped.append((line, "subtotal"))
                continue
            if first.startswith(_TOTAL_WORDS) or (not donor and any(c.strip().startswith(_TOTAL_WORDS) for c in row)):
                skipped.append((line, "total"))
                self._check_total(path, line, amount_text, f.total)
                continue
            if not any(c.strip() for c in row):
                skipped.append((line, "blank"))
                continue
            # kind of gift: a 类型 column, else goods when a value or an item is given
            k = f.cell(row, f.i_kind)
            if k:
                kind = _KINDS.get(k) or _KINDS.get(k.lower())
                if kind is None:
                    reject(line, "FP615", row, value=k)
                    continue
            else:
                kind = "goods" if (f.cell(row, f.i_value) or f.cell(row, f.i_item)) else "cash"
            if kind == "goods" and f.cell(row, f.i_value):
                amount_text = f.cell(row, f.i_value)
            if not amount_text:
                if kind == "goods":
                    reject(line, "FP616", row)
                else:
                    reject(line, "FP601", row, value="")
                continue
            try:
                amount = read_amount(amount_text)
            except AmountError:
                reject(line, "FP601", row, value=amount_text)
                continue
            rounded = amount.quantize(FEN, rounding=ROUND_HALF_UP)
            if rounded != amount:
                diagnostics.append(diag("FP606", file=path, line=line, value=amount_text,
                                        rounded=format_amount(rounded)))
            amount = rounded
            if amount <= ZERO:
                reject(line, "FP602", row, value=amount_text)
                continue
            if not donor:
                reject(line, "FP603", row)
                continue
            when = None
            dt = f.cell(row, f.i_date)
            if dt:
                try:
                    when = self.dates(dt)
                except DateError as e:
                    reject(line, "FP604", row, value=dt,
                           reason=reason(e))
                    continue
            unit = f.cell(row, f.i_unit) or f.default_unit
            t = f.cell(row, f.i_type)
            dtype = (_DONOR_TYPES.get(t) if t else None) or self._donor_type(donor)
            self._accept(f, line, row, donor, dtype, kind, amount, unit, when)

    def _accept(self, f: _File, line: int, row: list[str], donor: str, dtype: str, kind: str, amount: Decimal,
                unit: str, when: date | None) -> None:
        f.accepted += 1
        f.total += amount
        if self.unit_only:
            key: Any = unit
        else:
            values = {"unit": unit, "dept": f.cell(row, f.i_dept), "donor_type": dtype, "kind": kind,
                      "purpose": f.cell(row, f.i_purpose), "date": when}
            key = tuple(values[k] for k in self.opts.by)
        agg = self.report.groups.get(key)
        if agg is None:
            agg = self.report.groups[key] = Agg()
        self.unit_first.setdefault(unit, (f.path, line))
        agg.gifts += 1
        if kind == "cash":
            agg.cash += amount
        else:
            agg.goods += amount
        pair, row_hash = hash((unit, donor)), hash(tuple(row))
        v = self.donor_rows.get(pair)
        if v is None:
            self.donor_rows[pair] = row_hash
            if self.unit_only:
                agg.donors += 1
        elif v == row_hash or (v.__class__ is set and row_hash in v):
            self.duplicates.append((f.path, line, row_hash, donor, amount))
        elif v.__class__ is set:
            v.add(row_hash)
        else:
            self.donor_rows[pair] = {v, row_hash}
        if not self.unit_only:
            gd = hash((key, unit, donor))
            if gd not in self.group_donors:
                self.group_donors.add(gd)
                agg.donors += 1
        receipt = f.cell(row, f.i_receipt)
        if receipt:
            first_seen = self.receipts.get(receipt)
            if first_seen is None:
                self.receipts[receipt] = (f.path, line)
            else:
                self.report.diagnostics.append(diag("FP608", file=f.path, line=line, receipt=receipt,
                                                    first=first_seen[1] if first_seen[0] == f.path
                                                    else f"{first_seen[0]}:{first_seen[1]}"))
        self.amount_counts[(unit, str(amount))] += 1
        self._large(f, line, row, donor, dtype, kind, amount, unit, when)
        if self.opts.publicity:
            pub = self.report.publicity
            entry = pub.get((unit, donor))
            if entry is None:
                consent = f.cell(row, f.i_consent) in _CONSENT
                entry = pub[(unit, donor)] = PublicityEntry(donor, dtype, unit, consent=consent, first=(f.path, line))
            if kind == "cash":
                entry.cash += amount
            else:
                entry.goods += amount

    def _check_total(self, path: str, line: int, text: str, computed: Decimal) -> None:
        if not text:
            return
        try:
            stated = read_amount(text)
        except AmountError:
            self.report.diagnostics.append(diag("FP601", file=path, line=line, value=text, severity="warning"))
            return
        if stated != computed:
            self.report.diagnostics.append(diag("FP607", file=path, line=line, stated=format_amount(stated),
                                                computed=format_amount(computed),
                                                diff=format_amount(stated - computed)))

    # --- after every file ----------------------------------------------------------------------------

    def finish(self) -> None:
        report, opts = self.report, self.opts
        if tuple(opts.by) == ("unit",):  # the loop keys groups by the plain unit name
            report.groups = {(k,): v for k, v in report.groups.items()}
        total = report.total
        for agg in report.groups.values():
            total.gifts += agg.gifts
            total.cash += agg.cash
            total.goods += agg.goods
        total.donors = len(self.donor_rows) + self.fast_pairs
        self._report_duplicates()
        per_unit: dict[str, dict[Decimal, int]] = {}
        for (unit, text), n in self.amount_counts.items():
            counts = per_unit.setdefault(unit, {})
            amount = read_amount(text).quantize(FEN, rounding=ROUND_HALF_UP)
            counts[amount] = counts.get(amount, 0) + n
        for unit, counts in sorted(per_unit.items()):
            gifts = sum(counts.values())
            amount, same = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
            if gifts >= _QUOTA_MIN_GIFTS and Decimal(same) / gifts >= _QUOTA_SHARE:
                f, line = self._first_line(unit)
                report.diagnostics.append(diag("FP610", file=f, line=line, unit=unit, count=gifts, same=same,
                                               amount=format_amount(amount), share=f"{same * 100 // gifts}%"))
            if opts.schools_may_organise is False and (unit in opts.school_units or _SCHOOL.search(unit)):
                f, line = self._first_line(unit)
                report.diagnostics.append(diag("FP611", file=f, line=line, unit=unit, count=gifts))
        for g in report.large:
            threshold = opts.large_unit if g.donor_type == "unit" else opts.large_person
            report.diagnostics.append(diag("FP613", file=g.file, line=g.line, donor=g.donor,
                                           kind=DONOR_TYPE_ZH[g.donor_type], amount=format_amount(g.amount),
                                           threshold=format_amount(threshold)))
        if opts.expected_total is not None and total.total != opts.expected_total:
            report.diagnostics.append(diag("FP612", computed=format_amount(total.total),
                                           expected=format_amount(opts.expected_total),
                                           diff=format_amount(total.total - opts.expected_total)))
        for f in report.files:
            report.diagnostics.extend(d for _, d, _ in f.rejected)

    def _first_line(self, unit: str) -> tuple[str | None, int | None]:
        return self.unit_first.get(unit, (None, None))

    def _report_duplicates(self) -> None:
        """Exact duplicate rows, with the line of the first copy (found by reading those files again)."""
        if not self.duplicates:
            return
        wanted: dict[str, set[int]] = {}
        for path, _, h, _, _ in self.duplicates:
            wanted.setdefault(path, set()).add(h)
        first: dict[tuple[str, int], int] = {}
        for path, hashes in wanted.items():
            table = open_table(path, encoding=self.opts.encoding, mapping=self.opts.mapping, errors="replace")
            for line, row in table.records():
                n = len(table.header)
                if len(row) > n and not any(c.strip() for c in row[n:]):
                    row = row[:n]
                h = hash(tuple(row))
                if h in hashes and (path, h) not in first:
                    first[(path, h)] = line
        for path, line, h, donor, amount in self.duplicates:
            self.report.diagnostics.append(diag("FP609", file=path, line=line, first=first.get((path, h), "?"),
                                                donor=donor, amount=format_amount(amount)))



# --- ledgers of a plan ---------------------------------------------------------------------------------

def plan_ledger_files(plan_file: str, patterns: list[str]) -> list[str]:
    """The plan's ledger paths (relative to the plan file, globs allowed), sorted, existing files only."""
    import glob

    base = os.path.dirname(plan_file) or "."
    files: list[str] = []
    for pattern in patterns:
        full = os.path.normpath(os.path.join(base, pattern))
        files.extend(sorted(glob.glob(full, recursive=True)) if glob.has_magic(pattern) else [full])
    return list(dict.fromkeys(files))


def options_for_plan(plan: Any, **overrides: Any) -> LedgerOptions:
    """Ledger options from a plan: its year, thresholds, the schools rule, the expected total, column names."""
    from ..loading.tables import LEDGER_FIELDS, norm_header

    opts = LedgerOptions(year=plan.year)
    policy = plan.donation_policy
    if policy is not None:
        opts.large_unit = policy.unit_threshold
        opts.large_person = policy.person_threshold
        opts.schools_may_organise = policy.schools_may_organise
        opts.expected_total = policy.expected_total
    opts.school_units = frozenset(
        name for u in plan.units if u.level == "school" for name in (u.id, u.name) if name)
    if plan.ledger_columns:
        reverse = {norm_header(a): f for f, names in LEDGER_FIELDS.items() for a in names + (f,)}
        opts.mapping = {reverse.get(norm_header(k), k): v for k, v in plan.ledger_columns.items()}
    for k, v in overrides.items():
        if v is not None:
            setattr(opts, k, v)
    return opts
