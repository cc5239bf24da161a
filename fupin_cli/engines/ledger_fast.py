"""A large, clean ledger totalled by DuckDB's CSV reader and SQL, with the same results as the row-by-row pass.

Used for one big UTF-8 file grouped by unit (the million-row export of a county): DuckDB reads and checks
every row in C++. The moment anything is unusual — a row that is not an ordinary cash gift (blank, 合计, a
written amount such as ¥ or 大写 or 万, more than two decimals, no donor, whitespace around a cell), a date the
row-by-row reader would not take, an exact duplicate, a repeated receipt, a line count that does not match —
the file goes back to the row-by-row pass, which reports each row with its line. So this path only ever
totals files on which both paths agree; ``tests/test_ledger.py`` checks that they do.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from decimal import Decimal
from typing import Any

from ..dates import DateError
from ..diagnostics import diag

#: below this size the row-by-row pass is as fast (no DuckDB start-up)
MIN_BYTES = 8 * 1024 * 1024
MEMORY_LIMIT = "80MB"

_CASH_WORDS = ("款", "现金", "捐款", "转账", "微信", "支付宝", "银行转账", "现金捐款", "资金", "cash", "money")
_TOTAL_PREFIXES = ("合计", "总计", "共计", "累计", "总额", "小计")


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


def total_file(state: Any, path: str) -> bool:
    """Total ``path`` into ``state`` (a ledger ``_State``) with DuckDB; False, with nothing changed, when the
    file is not one this path may take."""
    from ..loading.tables import TableError, open_table

    opts = state.opts
    if tuple(opts.by) != ("unit",) or opts.publicity or not os.path.isfile(path) \
            or os.path.getsize(path) < MIN_BYTES or not available():
        return False
    try:
        table = open_table(path, encoding=opts.encoding, mapping=opts.mapping)
    except TableError:
        return False
    cols = table.columns
    if table.mixed or table.encoding not in ("utf-8", "utf-8-sig") or "value" in cols or "item" in cols \
            or table.titles or table.blank_before or table.delimiter not in (",", "\t", ";"):
        return False
    header_line = table.header_line
    table.stream.close()
    import duckdb

    n = len(table.header)
    names = [f"c{i}" for i in range(n)]
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
        checks += [f"starts_with({col('donor')}, '{w}')" for w in _TOTAL_PREFIXES]
        if "kind" in cols:
            words = ", ".join(f"'{w}'" for w in _CASH_WORDS)
            checks.append(f"NOT ({col('kind')} = '' OR lower({col('kind')}) IN ({words}))")
        # no window function for the line numbers: a table's rowid follows the insertion (= file) order
        con.execute(f"CREATE TABLE t AS SELECT {col('donor')} AS d, "
                    f"CASE WHEN {col('unit')} = '' THEN ? ELSE {col('unit')} END AS u, "
                    f"try_cast({col('amount')} AS DECIMAL(18,2)) AS a, {col('date')} AS dt, "
                    f"{col('receipt')} AS rc, hash(concat_ws(chr(1), {', '.join(names)})) AS rh, "
                    f"({' OR '.join(checks)}) AS odd FROM {source}",
                    [os.path.splitext(os.path.basename(path))[0], path, table.delimiter])
        rows = con.execute("SELECT count(*) FROM t").fetchone()[0]
        if rows != _lines(path) - header_line:
            return False  # a blank line, a line break inside a cell: the row-by-row pass numbers lines itself
        if con.execute("SELECT count(*) FROM t WHERE odd").fetchone()[0]:
            return False
        if con.execute("SELECT count(*) FROM (SELECT rh FROM t GROUP BY rh HAVING count(*) > 1)").fetchone()[0]:
            return False  # exact duplicates: reported with their lines by the row-by-row pass
        if "receipt" in cols and con.execute(
                "SELECT count(*) FROM (SELECT rc FROM t WHERE rc <> '' GROUP BY rc HAVING count(*) > 1)").fetchone()[0]:
            return False
        if "receipt" in cols and state.receipts:
            return False  # receipts of earlier files would have to be compared row by row
        dates = {}
        if "date" in cols:
            for (text,) in con.execute("SELECT DISTINCT dt FROM t WHERE dt <> ''").fetchall():
                try:
                    dates[text] = state.dates(text)
                except DateError:
                    return False
        # every row is an ordinary accepted cash gift: take the figures
        groups = con.execute("SELECT u, count(*), count(DISTINCT d), sum(a), min(rowid) + 1 FROM t GROUP BY u").fetchall()
        quota = con.execute("SELECT u, a, count(*) FROM t GROUP BY 1, 2").fetchall()
        low = min(opts.large_person, opts.large_unit)
        large = con.execute("SELECT rowid + 1, d, u, a, dt, rc FROM t WHERE a > ? ORDER BY rowid", [low]).fetchall()
        pairs = con.execute("SELECT count(*) FROM (SELECT DISTINCT u, d FROM t)").fetchone()[0]
    except duckdb.Error:
        return False
    finally:
        con.close()
        shutil.rmtree(scratch, ignore_errors=True)
    if state.donor_rows or state.report.groups:
        return False  # other files came first: donors must be merged pair by pair, row by row
    from .ledger import Agg, FileSummary, Gift

    summary = FileSummary(path, encoding=table.encoding, header=table.header)
    state.report.files.append(summary)
    summary.skipped.append((header_line, "header"))
    if table.unknown_headers:
        state.report.diagnostics.append(diag("FP619", file=path, line=header_line,
                                             columns="、".join(table.unknown_headers)))
    total = Decimal("0.00")
    for unit, gifts, donors, cash, first in groups:
        agg = state.report.groups.setdefault(unit, Agg())
        agg.gifts += gifts
        agg.donors += donors
        agg.cash += cash
        total += cash
        state.unit_first.setdefault(unit, (path, header_line + first))
    for unit, amount, count in quota:
        state.amount_counts[(unit, str(amount))] += count
    for rn, donor, unit, amount, dt, receipt in large:
        dtype = state._donor_type(donor)
        value = Decimal(amount)
        if value > (opts.large_person if dtype == "person" else opts.large_unit):
            state.report.large.append(Gift(path, header_line + rn, donor, dtype, "cash", value, unit,
                                           dates.get(dt), receipt=receipt))
    state.fast_pairs += pairs
    summary.rows_read = rows + 1
    summary.accepted = rows
    summary.total = total
    return True
