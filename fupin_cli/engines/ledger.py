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
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Callable, Iterable

from ..dates import DateError, parse_date
from ..diagnostics import Diagnostic, diag
from ..loading.tables import TableError, open_table
from ..money import FEN, ZERO, AmountError, format_amount, read_amount

GROUP_KEYS = ("unit", "dept", "donor_type", "kind", "purpose", "date")
GROUP_ZH = {"unit": "单位", "dept": "班级/部门", "donor_type": "捐赠人类型", "kind": "款物", "purpose": "指定用途",
            "date": "日期"}
GROUP_EN = {"unit": "Unit", "dept": "Class/section", "donor_type": "Donor type", "kind": "Kind", "purpose": "Purpose",
            "date": "Date"}

#: codes that reject a row (the row is not counted); everything else about a row is a warning
REJECT_CODES = frozenset({"FP601", "FP602", "FP603", "FP604", "FP605", "FP615", "FP616", "FP618"})

SKIP_REASONS = {"blank": ("空行", "blank"), "title": ("标题行", "title row"), "header": ("表头", "header"),
                "total": ("合计行", "total row"), "subtotal": ("小计行", "subtotal row")}

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
_QUOTA_MIN_GIFTS = 10
_QUOTA_SHARE = Decimal("0.8")
_SCHOOL = re.compile(r"(小学|中学|初中|高中|完小|学校|一中|二中|三中|实验学校|九年一贯|附中)$")


def donor_type_of(name: str) -> str:
    """单位 when the name ends like an organisation's (…公司, …局, …学校), else 个人."""
    return "unit" if name.endswith(_UNIT_SUFFIXES) else "person"


@dataclass
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
class LedgerReport:
    by: tuple[str, ...]
    files: list[FileSummary] = field(default_factory=list)
    groups: dict[tuple, Agg] = field(default_factory=dict)
    total: Agg = field(default_factory=Agg)
    large: list[Gift] = field(default_factory=list)
    publicity: dict[tuple[str, str], PublicityEntry] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

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

    @property
    def unreadable(self) -> bool:
        return any(d.code in ("FP001", "FP002", "FP003", "FP006") for d in self.diagnostics)


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
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            bar = Progress(TextColumn(os.path.basename(path)), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                           TimeRemainingColumn(), transient=True, console=None)
            bar.start()
            state["bar"], state["task"] = bar, bar.add_task("", total=size)
        state["bar"].update(state["task"], completed=pos)
        if done:
            state["bar"].stop()

    return update


def read_ledgers(paths: Iterable[str], options: LedgerOptions | None = None) -> LedgerReport:
    """Total every ledger file; see the module docstring."""
    opts = options or LedgerOptions()
    report = LedgerReport(tuple(opts.by))
    state = _State(report, opts)
    for path in paths:
        state.read_file(path)
    state.finish()
    return report


class _State:
    def __init__(self, report: LedgerReport, opts: LedgerOptions):
        self.report, self.opts = report, opts
        self.dates = _DateReader(opts.year)
        # (unit, donor) -> row hash of its first gift, or a set of row hashes once it gives again
        self.donor_rows: dict[tuple[str, str], Any] = {}
        # (group key, unit, donor) seen, when the groups are not just the units
        self.group_donors: set[int] | None = None if tuple(opts.by) == ("unit",) else set()
        self.receipts: dict[str, tuple[str, int]] = {}
        self.amount_counts: dict[str, dict[Decimal, int]] = {}
        self.unit_gifts: dict[str, int] = {}
        self.duplicates: list[tuple[str, int, int, str, Decimal]] = []
        self.unit_first: dict[str, tuple[str, int]] = {}

    # --- one file ------------------------------------------------------------------------------------

    def read_file(self, path: str) -> None:
        summary = FileSummary(path)
        self.report.files.append(summary)
        self._read(path, summary)

    def _read(self, path: str, summary: FileSummary) -> None:
        opts, report = self.opts, self.report
        try:
            table = open_table(path, encoding=opts.encoding, mapping=opts.mapping)
        except TableError as e:
            report.diagnostics.append(e.diagnostic)
            summary.rows_read = len(e.lines)
            if e.diagnostic.code == "FP614":
                summary.rejected = [(ln, e.diagnostic, []) for ln in e.lines]
            return
        summary.encoding = table.encoding
        summary.header = table.header
        if table.encoding == "gb18030":
            report.diagnostics.append(diag("FP617", file=path, line=1, encoding="GB18030", severity="warning"))
        if table.unknown_headers:
            report.diagnostics.append(diag("FP619", file=path, line=table.header_line,
                                           columns="、".join(table.unknown_headers)))
        skipped = summary.skipped
        skipped.extend((ln, "blank") for ln in table.blank_before)
        skipped.extend((ln, "title") for ln, _ in table.titles)
        skipped.append((table.header_line, "header"))
        cols = table.columns
        ncols = len(table.header)
        i_donor, i_amount = cols["donor"], cols["amount"]
        i_date, i_kind, i_unit = cols.get("date"), cols.get("kind"), cols.get("unit")
        i_purpose, i_receipt, i_value = cols.get("purpose"), cols.get("receipt"), cols.get("value")
        i_type, i_consent, i_item = cols.get("donor_type"), cols.get("consent"), cols.get("item")
        i_dept = cols.get("dept")
        default_unit = os.path.splitext(os.path.basename(path))[0]
        by = opts.by
        unit_only = by == ("unit",)
        groups = report.groups
        donor_rows = self.donor_rows
        group_donors = self.group_donors
        amount_counts = self.amount_counts
        large_unit, large_person = opts.large_unit, opts.large_person
        rejected = summary.rejected
        check_surrogates = table.mixed
        unit_first = self.unit_first
        file_total = ZERO
        rows = 0
        accepted = 0
        progress = _progress(path)

        def reject(line: int, code: str, row: list[str], **args: Any) -> None:
            d = diag(code, file=path, line=line, **args)
            rejected.append((line, d, row))

        for line, row in table.records():
            rows += 1
            if progress is not None and rows % 50000 == 0:
                progress(table.position())
            n = len(row)
            if n != ncols:
                if not any(c.strip() for c in row):
                    skipped.append((line, "blank"))
                    continue
                if n > ncols and not any(c.strip() for c in row[ncols:]):
                    row = row[:ncols]
                else:
                    reject(line, "FP605", row, expected=ncols, found=n)
                    continue
            if check_surrogates and any("\udc80" <= ch <= "\udcff" for c in row for ch in c):
                reject(line, "FP618", [c.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for c in row])
                continue
            donor = row[i_donor].strip()
            amount_text = row[i_amount].strip()
            first = donor or row[0].strip()
            if first.startswith(_TOTAL_WORDS) or first.startswith(_SUBTOTAL_WORDS) or \
                    (not donor and any(c.strip().startswith(_TOTAL_WORDS) for c in row)):
                if first.startswith(_SUBTOTAL_WORDS):
                    skipped.append((line, "subtotal"))
                    continue
                skipped.append((line, "total"))
                self._check_total(path, line, amount_text, file_total)
                continue
            if not donor and not amount_text and not any(c.strip() for c in row):
                skipped.append((line, "blank"))
                continue
            # kind of gift
            if i_kind is not None and (k := row[i_kind].strip()):
                kind = _KINDS.get(k) or _KINDS.get(k.lower())
                if kind is None:
                    reject(line, "FP615", row, value=k)
                    continue
            else:
                kind = "goods" if ((i_value is not None and row[i_value].strip()) or
                                   (i_item is not None and row[i_item].strip())) else "cash"
            if kind == "goods" and i_value is not None and row[i_value].strip():
                amount_text = row[i_value].strip()
            if not amount_text:
                if kind == "goods":
                    reject(line, "FP616", row)
                else:
                    reject(line, "FP601", row, value="")
                continue
            try:
                amount = Decimal(amount_text)
                if not amount.is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                try:
                    amount = read_amount(amount_text)
                except AmountError:
                    reject(line, "FP601", row, value=amount_text)
                    continue
            if amount.as_tuple().exponent < -2:
                rounded = amount.quantize(FEN, rounding=ROUND_HALF_UP)
                self.report.diagnostics.append(diag("FP606", file=path, line=line, value=amount_text,
                                                    rounded=format_amount(rounded)))
                amount = rounded
            if amount <= 0:
                reject(line, "FP602", row, value=amount_text)
                continue
            if not donor:
                reject(line, "FP603", row)
                continue
            when = None
            if i_date is not None and (dt := row[i_date].strip()):
                try:
                    when = self.dates(dt)
                except DateError as e:
                    reject(line, "FP604", row, value=dt,
                           reason=lambda lang, e=e: f" ({e.en})" if lang == "en" else f"（{e.zh}）")
                    continue
            unit = (row[i_unit].strip() if i_unit is not None else "") or default_unit
            if i_type is not None and (t := row[i_type].strip()):
                dtype = _DONOR_TYPES.get(t, donor_type_of(donor))
            else:
                dtype = donor_type_of(donor)
            # accepted: every check below only warns
            accepted += 1
            file_total += amount
            if unit_only:
                key: tuple = (unit,)
            else:
                values = {"unit": unit, "dept": row[i_dept].strip() if i_dept is not None else "",
                          "donor_type": dtype, "kind": kind,
                          "purpose": row[i_purpose].strip() if i_purpose is not None else "", "date": when}
                key = tuple(values[k] for k in by)
            agg = groups.get(key)
            if agg is None:
                agg = groups[key] = Agg()
            agg.gifts += 1
            if kind == "cash":
                agg.cash += amount
            else:
                agg.goods += amount
            # donors and exact duplicates
            pair = (unit, donor)
            row_hash = hash(tuple(row))
            seen = donor_rows.get(pair)
            if seen is None:
                donor_rows[pair] = row_hash
                if unit_only:
                    agg.donors += 1
            else:
                if seen == row_hash or (isinstance(seen, set) and row_hash in seen):
                    self.duplicates.append((path, line, row_hash, donor, amount))
                elif isinstance(seen, set):
                    seen.add(row_hash)
                else:
                    donor_rows[pair] = {seen, row_hash}
            if group_donors is not None:
                gd = hash((key, unit, donor))
                if gd not in group_donors:
                    group_donors.add(gd)
                    agg.donors += 1
            if i_receipt is not None and (receipt := row[i_receipt].strip()):
                first_seen = self.receipts.get(receipt)
                if first_seen is None:
                    self.receipts[receipt] = (path, line)
                else:
                    self.report.diagnostics.append(diag("FP608", file=path, line=line, receipt=receipt,
                                                        first=first_seen[1] if first_seen[0] == path
                                                        else f"{first_seen[0]}:{first_seen[1]}"))
            counts = amount_counts.get(unit)
            if counts is None:
                counts = amount_counts[unit] = {}
                unit_first[unit] = (path, line)
            counts[amount] = counts.get(amount, 0) + 1
            if amount > (large_unit if dtype == "unit" else large_person):
                self.report.large.append(Gift(path, line, donor, dtype, kind, amount, unit, when,
                                              row[i_purpose].strip() if i_purpose is not None else "",
                                              row[i_receipt].strip() if i_receipt is not None else "",
                                              row[i_item].strip() if i_item is not None else ""))
            if opts.publicity:
                entry = self.report.publicity.get(pair)
                if entry is None:
                    consent = i_consent is not None and row[i_consent].strip() in ("是", "同意", "公开", "Y", "y",
                                                                                    "yes", "√", "1")
                    entry = self.report.publicity[pair] = PublicityEntry(donor, dtype, unit, consent=consent,
                                                                         first=(path, line))
                if kind == "cash":
                    entry.cash += amount
                else:
                    entry.goods += amount
        if progress is not None:
            progress(table.position(), True)
        summary.rows_read = rows + len(table.blank_before) + len(table.titles) + 1
        summary.accepted = accepted
        summary.total = file_total

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
        total = report.total
        for agg in report.groups.values():
            total.gifts += agg.gifts
            total.cash += agg.cash
            total.goods += agg.goods
        total.donors = len(self.donor_rows)
        self._report_duplicates()
        for unit, counts in sorted(self.amount_counts.items()):
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
