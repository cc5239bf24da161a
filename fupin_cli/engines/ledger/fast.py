"""A large, clean ledger totalled by DuckDB's CSV reader and SQL, with the same results as the row-by-row pass.

Used for one big UTF-8 file grouped by unit (the million-row export of a county): DuckDB reads and checks
every row in C++. The moment anything is unusual — a row that is not an ordinary cash gift (blank, 合计, a
written amount such as ¥ or 大写 or 万, more than two decimals, no donor, whitespace around a cell), a date the
row-by-row reader would not take, an exact duplicate, a repeated receipt, a line count that does not match —
``total_file`` gives None and the file goes to the row-by-row pass, which reports each row with its line. So
this path only ever totals files on which both paths agree; ``tests/test_ledger.py`` checks that they do.

It reads nothing of the pass and writes nothing into it: it returns ``FastTotals``, which the pass merges.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ...dates import DateError
from ...diagnostics import Diagnostic, diag
from ...loading.tables import TableError, open_table
from .cells import CASH_WORDS, SUBTOTAL_WORDS, TOTAL_WORDS, DateReader
from .donors import DonorTypes
from .report import Agg, FileSummary, Gift, LedgerOptions

#: below this size the row-by-row pass is as fast (no DuckDB start-up)
MIN_BYTES = 8 * 1024 * 1024
MEMORY_LIMIT = "80MB"


@dataclass
class FastTotals:
    """One file's figures, every row an accepted cash gift."""

    summary: FileSummary
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: unit -> its aggregate (donors: distinct names in the unit)
    groups: dict[str, Agg] = field(default_factory=dict)
    #: unit -> line of its first gift
    first_lines: dict[str, int] = field(default_factory=dict)
    #: (unit, amount as text) -> gifts, for the quota check
    amounts: dict[tuple[str, str], int] = field(default_factory=dict)
    large: list[Gift] = field(default_factory=list)
    #: donors taken for units by a guess whose gift a person's tier would have met (FP624)
    guessed_units: dict[tuple[str, str], tuple[str, int, Decimal]] = field(default_factory=dict)
    #: distinct (unit, donor) pairs
    donors: int = 0


def available() -> bool:
    try:
        import duckdb  # noqa: F401
    except ImportError:
        return False
    return True


def _lines(path: str) -> int:
    n = 0
    last = b"\n"
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 22):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")


def total_file(path: str, opts: LedgerOptions) -> FastTotals | None:
    """The figures of ``path``, the only file of a pass, by DuckDB; None when the file is not one this path may
    take (the row-by-row pass then reads it)."""
    if tuple(opts.by) != ("unit",) or opts.publicity or not os.path.isfile(path) \
            or os.path.getsize(path) < MIN_BYTES or not available():
        return None
    try:
        with open_table(path, encoding=opts.encoding, mapping=opts.mapping) as table:
            pass
    except TableError:
        return None
    cols = table.columns
    if table.mixed or table.encoding not in ("utf-8", "utf-8-sig") or "value" in cols or "item" in cols \
            or table.titles or table.blank_before or table.delimiter not in (",", "\t", ";"):
        return None
    import duckdb

    header_line = table.header_line
    names = [f"c{i}" for i in range(len(table.header))]
    # an on-disk scratch database, so that a table larger than the memory limit spills instead of failing
    scratch = tempfile.mkdtemp(prefix="fupin-")
    con = duckdb.connect(os.path.join(scratch, "ledger.duckdb"))
    try:
        con.execute("SET preserve_insertion_order = true")
        # bounded memory: DuckDB spills to the system's temporary folder beyond this (never into the cwd)
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        con.execute("SET temp_directory = ?", [scratch])
        spec = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in names) + "}"
        source = (f"read_csv(?, header=false, skip={header_line}, delim=?, quote='\"', escape='\"', "
                  f"columns={spec}, auto_detect=false, strict_mode=true, null_padding=false, "
                  f"ignore_errors=false, encoding='utf-8')")

        def col(field: str) -> str:
            return f"coalesce(c{cols[field]}, '')" if field in cols else "''"

        # one regular expression a row: whitespace around any cell the totals read (Python's strip() would
        # remove it), then the amount's form; the rest are cheap comparisons
        fields = [col(f) for f in ("donor", "amount", "unit", "date", "kind", "receipt") if f in cols]
        edge = ("regexp_matches(concat_ws(chr(1), " + ", ".join(fields) +
                "), '(^|\\x01)[\\s\\p{Z}]|[\\s\\p{Z}]($|\\x01)')")
        checks = [f"{col('donor')} = ''", edge,
                  f"NOT regexp_full_match({col('amount')}, '\\d{{1,13}}(\\.\\d{{1,2}})?')",
                  f"try_cast({col('amount')} AS DECIMAL(18,2)) <= 0"]
        checks += [f"starts_with({col('donor')}, '{w}')" for w in TOTAL_WORDS + SUBTOTAL_WORDS]
        # a cell over the csv module's limit: the row-by-row pass rejects its row (FP622)
        checks.append("greatest(" + ", ".join(f"length(coalesce({c}, ''))" for c in names) +
                      f") > {csv.field_size_limit()}")
        if "kind" in cols:
            words = ", ".join(f"'{w}'" for w in CASH_WORDS)
            checks.append(f"NOT ({col('kind')} = '' OR lower({col('kind')}) IN ({words}))")
        # no window function for the line numbers: a table's rowid follows the insertion (= file) order
        con.execute(f"CREATE TABLE t AS SELECT {col('donor')} AS d, "
                    f"CASE WHEN {col('unit')} = '' THEN ? ELSE {col('unit')} END AS u, "
                    f"try_cast({col('amount')} AS DECIMAL(18,2)) AS a, {col('date')} AS dt, "
                    f"{col('receipt')} AS rc, {col('donor_type')} AS ty, hash(concat_ws(chr(1), {', '.join(names)})) AS rh, "
                    f"({' OR '.join(checks)}) AS odd FROM {source}",
                    [os.path.splitext(os.path.basename(path))[0], path, table.delimiter])
        rows = con.execute("SELECT count(*) FROM t").fetchone()[0]
        if rows != _lines(path) - header_line:
            return None  # a blank line, a line break inside a cell: the row-by-row pass numbers lines itself
        if con.execute("SELECT count(*) FROM t WHERE odd").fetchone()[0]:
            return None
        if con.execute("SELECT count(*) FROM (SELECT rh FROM t GROUP BY rh HAVING count(*) > 1)").fetchone()[0]:
            return None  # exact duplicates: reported with their lines by the row-by-row pass
        if "receipt" in cols and con.execute(
                "SELECT count(*) FROM (SELECT rc FROM t WHERE rc <> '' GROUP BY rc HAVING count(*) > 1)").fetchone()[0]:
            return None
        dates: dict[str, date] = {}
        if "date" in cols:
            read_date = DateReader(opts.year)
            for (text,) in con.execute("SELECT DISTINCT dt FROM t WHERE dt <> ''").fetchall():
                try:
                    dates[text] = read_date(text)
                except DateError:
                    return None
        # every row is an ordinary accepted cash gift: take the figures
        groups = con.execute("SELECT u, count(*), count(DISTINCT d), sum(a), min(rowid) + 1 FROM t "
                             "GROUP BY u").fetchall()
        quota = con.execute("SELECT u, a, count(*) FROM t GROUP BY 1, 2").fetchall()
        low = opts.low
        large = [] if low is None else con.execute(
            "SELECT rowid + 1, d, u, a, dt, rc, ty FROM t WHERE a >= ? ORDER BY rowid", [low]).fetchall()
        pairs = con.execute("SELECT count(*) FROM (SELECT DISTINCT u, d FROM t)").fetchone()[0]
    except duckdb.Error:
        return None
    finally:
        con.close()
        shutil.rmtree(scratch, ignore_errors=True)
    summary = FileSummary(path, encoding=table.encoding, header=table.header, rows_read=rows + 1, accepted=rows)
    summary.skipped.append((header_line, "header"))
    out = FastTotals(summary, donors=pairs)
    if table.unknown_headers:
        out.diagnostics.append(diag("FP619", file=path, line=header_line, columns="、".join(table.unknown_headers)))
    for unit, gifts, donors, cash, first in groups:
        out.groups[unit] = Agg(gifts, donors, cash)
        out.first_lines[unit] = header_line + first
        summary.total += cash
    for unit, amount, count in quota:
        out.amounts[(unit, str(amount))] = count
    decide = DonorTypes(opts.donor_units, opts.donor_persons)
    for rn, donor, unit, amount, dt, receipt, type_cell in large:
        decided = decide(donor, type_cell)
        value = Decimal(amount)
        tiers = opts.tiers_for(decided.type, value)
        if tiers:
            out.large.append(Gift(path, header_line + rn, donor, decided.type, "cash", value, unit, dates.get(dt),
                                  receipt=receipt, basis=decided.basis, tiers=tiers))
        if decided.basis == "guess" and decided.type == "unit" and opts.tiers_for("person", value):
            out.guessed_units.setdefault((unit, donor), (path, header_line + rn, value))
    return out
