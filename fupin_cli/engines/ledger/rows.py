"""Every row that is not part of an ordinary chunk, one by one: blank, 合计 and 小计 rows skipped (a 合计
checked against the rows above it), each rejected row with its line and reason, goods, written amounts,
publicity entries, receipts and exact duplicates."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from typing import Any

from ...dates import DateError
from ...diagnostics import diag, reason
from ...loading.tables import has_undecoded, readable, too_big
from ...money import ZERO, AmountError, format_amount, quantize, read_amount
from .cells import CONSENT, DONOR_TYPES, KINDS, NO_CONSENT, SUBTOTAL_WORDS, TOTAL_WORDS
from .donors import Decided
from .report import Agg, PublicityEntry
from .state import FileColumns, LedgerState


def read_rows(s: LedgerState, f: FileColumns, rows: list[list[str]], lines: list[int], mixed: bool,
              encoding: str = "utf-8") -> None:
    """Accept, skip or reject each row (``lines``: the first line of each); ``mixed``: cells may hold bytes
    that did not decode (from a file read as ``encoding``)."""
    path, summary = f.path, f.summary
    skipped, rejected, diagnostics = summary.skipped, summary.rejected, s.report.diagnostics
    ncols = f.ncols

    def reject(line: int, code: str, row: list[str], **args: Any) -> None:
        rejected.append((line, diag(code, file=path, line=line, **args), row))

    for line, row in zip(lines, rows):
        if too_big(row):
            reject(line, "FP622", row, limit=csv.field_size_limit())
            continue
        if mixed and has_undecoded(row):
            reject(line, "FP618", readable(row, encoding))
            continue
        if len(row) != ncols:
            if not any(c.strip() for c in row):
                skipped.append((line, "blank"))
                continue
            if len(row) > ncols and not any(c.strip() for c in row[ncols:]):
                row = row[:ncols]
            else:
                reject(line, "FP605", row, expected=ncols, found=len(row))
                continue
        donor = row[f.i_donor].strip()
        amount_text = row[f.i_amount].strip()
        first = donor or row[0].strip()
        if first.startswith(SUBTOTAL_WORDS):
            skipped.append((line, "subtotal"))
            continue
        if first.startswith(TOTAL_WORDS) or (not donor and any(c.strip().startswith(TOTAL_WORDS) for c in row)):
            skipped.append((line, "total"))
            _check_total(s, path, line, amount_text, f.total)
            continue
        if not any(c.strip() for c in row):
            skipped.append((line, "blank"))
            continue
        # kind of gift: a 类型 column, else goods when a value or an item is given
        k = f.cell(row, f.i_kind)
        type_cell = f.cell(row, f.i_type)
        if k and not type_cell and (k in DONOR_TYPES or k.lower() in DONOR_TYPES):
            type_cell, k = k, ""  # a 类型 column that says who gave (个人/单位/匿名), not what
        if k:
            kind = KINDS.get(k) or KINDS.get(k.lower())
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
        except AmountError as e:
            reject(line, "FP601", row, value=amount_text, reason=reason(e))
            continue
        rounded = quantize(amount)
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
                when = s.dates(dt)
            except DateError as e:
                reject(line, "FP604", row, value=dt, reason=reason(e))
                continue
        unit = f.cell(row, f.i_unit) or f.default_unit
        _accept(s, f, line, row, donor, s.donor_type(donor, type_cell), kind, amount, unit, when)


def _accept(s: LedgerState, f: FileColumns, line: int, row: list[str], donor: str, decided: Decided, kind: str,
            amount: Decimal, unit: str, when: date | None) -> None:
    dtype = decided.type
    f.accepted += 1
    f.total += amount
    if s.unit_only:
        key: Any = unit
    else:
        values = {"unit": unit, "dept": f.cell(row, f.i_dept), "donor_type": dtype, "kind": kind,
                  "purpose": f.cell(row, f.i_purpose), "date": when}
        key = tuple(values[k] for k in s.opts.by)
    agg = s.report.groups.get(key)
    if agg is None:
        agg = s.report.groups[key] = Agg()
    s.unit_first.setdefault(unit, (f.path, line))
    agg.gifts += 1
    if kind == "cash":
        agg.cash += amount
    else:
        agg.goods += amount
    pair, row_hash = hash((unit, donor)), hash(tuple(row))
    v = s.donor_rows.get(pair)
    if v is None:
        s.donor_rows[pair] = row_hash
        if s.unit_only:
            agg.donors += 1
    elif v == row_hash or (v.__class__ is set and row_hash in v):
        s.duplicates.append((f.path, line, row_hash, donor, amount))
    elif v.__class__ is set:
        v.add(row_hash)
    else:
        s.donor_rows[pair] = {v, row_hash}
    if not s.unit_only:
        gd = hash((key, unit, donor))
        if gd not in s.group_donors:
            s.group_donors.add(gd)
            agg.donors += 1
    receipt = f.cell(row, f.i_receipt)
    if receipt:
        first_seen = s.receipts.get(receipt)
        if first_seen is None:
            s.receipts[receipt] = (f.path, line)
        else:
            s.report.diagnostics.append(diag("FP608", file=f.path, line=line, receipt=receipt,
                                             first=first_seen[1] if first_seen[0] == f.path
                                             else f"{first_seen[0]}:{first_seen[1]}"))
    s.amount_counts[(unit, str(amount))] += 1
    if s.opts.tiers:
        s.large(f, line, row, donor, decided, kind, amount, unit, when)
    if s.opts.publicity:
        pub = s.report.publicity
        entry = pub.get((unit, donor))
        if entry is None:
            said = f.cell(row, f.i_consent)
            consent = True if said in CONSENT else False if said in NO_CONSENT else None
            entry = pub[(unit, donor)] = PublicityEntry(donor, dtype, unit, consent=consent, first=(f.path, line),
                                                        basis=decided.basis)
        if kind == "cash":
            entry.cash += amount
        else:
            entry.goods += amount


def _check_total(s: LedgerState, path: str, line: int, text: str, computed: Decimal) -> None:
    """A 合计 row against the rows above it."""
    if not text:
        return
    try:
        stated = read_amount(text)
    except AmountError as e:
        s.report.diagnostics.append(diag("FP601", file=path, line=line, value=text, reason=reason(e),
                                         severity="warning"))
        return
    if stated != computed:
        s.report.diagnostics.append(diag("FP607", file=path, line=line, stated=format_amount(stated),
                                         computed=format_amount(computed), diff=format_amount(stated - computed)))
