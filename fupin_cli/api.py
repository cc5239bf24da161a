"""fupin from Python: every command as one keyword-only function that returns data.

Each result is a ``Findings`` — ``diagnostics``, ``errors``, ``warnings``, ``exit_code(strict)`` — with the
command's data beside it (plans, rows, ``Table`` values to render with ``fupin_cli.render``). A request a
command cannot do raises ``UsageError``; nothing prints, writes a file or exits. The README's section “Using fupin
from Python” has a runnable example of each (checked by the tests)::

    >>> from fupin_cli import api
    >>> api.validate(paths=["plans/"]).exit_code(strict=True)
    0
"""

from __future__ import annotations

from .commands.assign import AssignResult, assign
from .commands.calendar import CalendarResult, calendar_months
from .commands.deadlines import DeadlinesResult, deadlines
from .commands.donations import DonationsResult, donations
from .commands.importer import ImportResult, import_notice
from .commands.pairs import PairsResult, pairs
from .commands.report import ReportResult, RollupResult, report, rollup
from .commands.schema import schema
from .commands.validate import validate
from .diagnostics import Diagnostic, Findings, FupinError, Text, UsageError
from .engines.validate import ValidationReport
from .table import Column, Table

#: the function behind each command of ``fupin``
COMMANDS = {"validate": validate, "deadlines": deadlines, "donations": donations, "assign": assign,
            "report": report, "pairs": pairs, "import": import_notice, "calendar": calendar_months,
            "schema": schema}

__all__ = ["AssignResult", "CalendarResult", "COMMANDS", "Column", "DeadlinesResult", "Diagnostic",
           "DonationsResult", "Findings", "FupinError", "ImportResult", "PairsResult", "ReportResult",
           "RollupResult", "Table", "Text", "UsageError", "ValidationReport", "assign", "calendar_months",
           "deadlines", "donations", "import_notice", "pairs", "report", "rollup", "schema", "validate"]
