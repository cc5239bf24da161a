"""``validate``: check plans the way a compiler checks code.

    >>> report = validate(paths=["plans/2010-区教育局-扶贫济困日.yaml"])
    >>> len(report.plans), report.errors, report.exit_code(strict=True)
    (1, 0, 0)
    >>> bad = validate(paths=["tests/plans_broken/fp103_undefined_lead.yaml"])
    >>> bad.exit_code(), bad.diagnostics[0].code
    (1, 'FP103')
"""

from __future__ import annotations

from ..engines.validate import ValidationReport, validate_paths


def validate(*, paths: list[str], calendar_files: list[str] | None = None) -> ValidationReport:
    """Load every plan under ``paths`` (files, folders, globs) and run every check; calendar files add years.

    The report holds the plans, every diagnostic (sorted by file and position) and ``exit_code(strict)``.
    """
    return validate_paths(paths=paths, calendar_files=calendar_files)
