"""The common case at C speed: a chunk of rows that are all ordinary cash gifts, totalled with ``map`` and
``Counter`` instead of row by row. Any row that needs a closer look sends the whole chunk to the row-by-row
pass (``rows.py``), which then gives exactly the same figures."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from itertools import compress, filterfalse
from operator import itemgetter, methodcaller
from typing import Any

from ...dates import DateError
from ...money import ZERO, quantize
from .cells import KINDS, SUBTOTAL_WORDS, TOTAL_WORDS
from .report import Agg
from .state import FileColumns, LedgerState

#: an amount this path takes as it is: digits with at most two decimals (anything else goes row by row)
PLAIN_AMOUNT = re.compile(r"\d{1,13}(?:\.\d{1,2})?").fullmatch


def _column(rows: list[list[str]], index: int) -> list[str]:
    """One column of a chunk, each cell stripped."""
    return list(map(str.strip, map(itemgetter(index), rows)))


def total_chunk(s: LedgerState, f: FileColumns, rows: list[list[str]], first_line: int) -> bool:
    """Total a chunk in which every row is an ordinary cash gift; False (nothing changed) when any row needs
    a closer look (a blank or 合计 row, an unusual amount or date, a duplicate, goods …)."""
    n = len(rows)
    if not all(map(f.ncols.__eq__, map(len, rows))):
        return False
    donors = _column(rows, f.i_donor)
    if not all(donors) or any(map(methodcaller("startswith", TOTAL_WORDS + SUBTOTAL_WORDS), donors)):
        return False
    texts = _column(rows, f.i_amount)
    if not all(map(PLAIN_AMOUNT, texts)):
        return False  # a written form (¥, 1,234, 万, 大写), more than two decimals, or not a number
    exact = list(map(Decimal, texts))
    if min(exact) <= ZERO:
        return False
    if f.i_kind is not None:
        kind_texts = set(_column(rows, f.i_kind))
        if not all(KINDS.get(k) == "cash" or k == "" for k in kind_texts):
            return False
    when: list[Any] = [None] * n
    if f.i_date is not None:
        date_texts = _column(rows, f.i_date)
        cache = s.dates.cache
        for t in set(date_texts) - cache.keys():
            if not t:
                continue
            try:
                cache[t] = s.dates(t)
            except DateError:
                return False
        when = list(map(cache.get, date_texts))
    if f.i_unit is not None:
        units = _column(rows, f.i_unit)
        if not all(units):
            units = [u or f.default_unit for u in units]
    else:
        units = [f.default_unit] * n
    row_hashes = list(map(hash, map(tuple, rows)))
    pair_hashes = list(map(hash, zip(units, donors)))
    donor_rows = s.donor_rows
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
    receipts = _column(rows, f.i_receipt) if f.i_receipt is not None else []
    given = [r for r in receipts if r]
    if len(set(given)) != len(given) or not s.receipts.keys().isdisjoint(given):
        return False
    # every row is accepted from here on
    for i, r in enumerate(receipts):
        if r:
            s.receipts[r] = (f.path, first_line + i)
    low = s.opts.low
    decided = None
    if not s.unit_only or (low is not None and max(exact) >= low):
        cells = _column(rows, f.i_type) if f.i_type is not None else [""] * n
        decided = list(map(s.donor_type, donors, cells))
    dtypes = [d.type for d in decided] if decided is not None else None
    if s.unit_only:
        keys: list[Any] = units
    else:
        cols = {"unit": units, "donor_type": dtypes, "kind": ["cash"] * n, "date": when,
                "dept": _column(rows, f.i_dept) if f.i_dept is not None else [""] * n,
                "purpose": _column(rows, f.i_purpose) if f.i_purpose is not None else [""] * n}
        keys = list(zip(*(cols[k] for k in s.opts.by)))
    groups = s.report.groups
    for u in set(units) - s.unit_first.keys():
        s.unit_first[u] = (f.path, first_line + units.index(u))
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
    if s.unit_only:
        owner = dict(zip(pair_hashes, units))
        # (never `keys() - big_set`: CPython walks the whole right-hand side for that)
        new = list(filterfalse(donor_rows.__contains__, owner))
        for key, count in Counter(map(owner.__getitem__, new)).items():
            groups[key].donors += count
    donor_rows.update(zip(pair_hashes, row_hashes))
    # every donor who gave before is in ``pending`` with the merged value, so it may overwrite
    donor_rows.update(pending)
    if not s.unit_only:
        owner = dict(zip(map(hash, zip(keys, units, donors)), keys))
        new = list(filterfalse(s.group_donors.__contains__, owner))
        for key, count in Counter(map(owner.__getitem__, new)).items():
            groups[key].donors += count
        s.group_donors.update(new)
    s.amount_counts.update(zip(units, texts))  # by text here (fast to hash); merged by value at the end
    if low is not None and decided is not None:
        for i in compress(range(n), map(low.__le__, exact)):
            # 120000 is 120000.00, as the rows path has it
            s.large(f, first_line + i, rows[i], donors[i], decided[i], "cash", quantize(exact[i]), units[i], when[i])
    total = sum(exact, ZERO)
    f.total += total
    f.accepted += n
    return True

