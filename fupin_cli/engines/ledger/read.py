"""The pass over every ledger file: each file in chunks of rows, a chunk totalled at C speed when every row is
an ordinary cash gift (``chunk.py``) and row by row otherwise (``rows.py``); one big clean file by DuckDB when
it is installed (``fast.py``); then the checks that need every file (``finish.py``)."""

from __future__ import annotations

import gc
import os
from typing import Callable, Iterable

from ...diagnostics import diag
from ...loading.tables import read_chunk
from . import fast
from .cells import begin_file, record_lines
from .chunk import total_chunk
from .finish import finish
from .report import Agg, FileSummary, LedgerOptions, LedgerReport
from .rows import read_rows
from .state import FileColumns, LedgerState

#: ``progress(path, done_bytes, total_bytes)``: called with 0 when a file starts, after each chunk of rows, and
#: with ``done_bytes == total_bytes`` when the file is finished
Progress = Callable[[str, int, int], None]

CHUNK_ROWS = 20_000


def read_ledgers(paths: Iterable[str], options: LedgerOptions | None = None,
                 progress: Progress | None = None) -> LedgerReport:
    """Total every ledger file; see the package docstring. ``progress``, when given, hears how far each file
    read row by row has got."""
    opts = options or LedgerOptions()
    report = LedgerReport(tuple(opts.by))
    state = LedgerState(report, opts)
    # The pass allocates millions of short-lived lists and keeps no cycles: the cyclic collector would only
    # re-scan the growing sets again and again (a third of the time on a million rows).
    enabled = gc.isenabled()
    gc.disable()
    try:
        paths = list(paths)
        # one big clean file: DuckDB when installed, same results
        totals = fast.total_file(paths[0], opts) if len(paths) == 1 else None
        if totals is not None:
            _merge(state, totals)
        else:
            for path in paths:
                _read_file(state, path, progress)
        finish(state)
    finally:
        if enabled:
            gc.enable()
    return report


def _read_file(s: LedgerState, path: str, progress: Progress | None) -> None:
    summary = FileSummary(path)
    s.report.files.append(summary)
    opts, report = s.opts, s.report
    table = begin_file(path, summary, report.diagnostics, encoding=opts.encoding, mapping=opts.mapping)
    if table is None:
        return
    summary.columns = dict(table.columns)
    with table:
        if table.encoding == "gb18030":
            report.diagnostics.append(diag("FP617", file=path, line=1, encoding="GB18030", severity="warning"))
        if table.unknown_headers:
            report.diagnostics.append(diag("FP619", file=path, line=table.header_line,
                                           columns="、".join(table.unknown_headers)))
        f = FileColumns(path, table, summary)
        plain = not table.mixed and not opts.publicity and f.i_value is None and f.i_item is None
        size = os.path.getsize(path) if progress is not None else 0
        if progress is not None:
            progress(path, 0, size)
        reader = table.reader
        while True:
            first_line = reader.line_num + 1
            chunk = read_chunk(reader, CHUNK_ROWS)
            if not chunk:
                break
            f.rows += len(chunk)
            single_lines = reader.line_num - first_line + 1 == len(chunk)
            if not (plain and single_lines and total_chunk(s, f, chunk, first_line)):
                lines = list(range(first_line, first_line + len(chunk))) if single_lines else \
                    record_lines(chunk, first_line)
                read_rows(s, f, chunk, lines, table.mixed, table.encoding)
            if progress is not None:
                progress(path, min(table.position(), size), size)
        if progress is not None:
            progress(path, size, size)
    summary.rows_read = f.rows + len(table.blank_before) + len(table.titles) + 1
    summary.accepted = f.accepted
    summary.total = f.total


def _merge(s: LedgerState, totals: fast.FastTotals) -> None:
    """A file totalled by DuckDB into the pass (its only file: no donor of it was seen before)."""
    path, report = totals.summary.file, s.report
    report.files.append(totals.summary)
    report.diagnostics.extend(totals.diagnostics)
    for unit, agg in totals.groups.items():
        mine = report.groups.setdefault(unit, Agg())
        mine.gifts += agg.gifts
        mine.donors += agg.donors
        mine.cash += agg.cash
        s.unit_first.setdefault(unit, (path, totals.first_lines[unit]))
    s.amount_counts.update(totals.amounts)
    report.large.extend(totals.large)
    s.guessed_units.update(totals.guessed_units)
    s.extra_donors += totals.donors
