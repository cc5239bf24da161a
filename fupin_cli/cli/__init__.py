"""The ``fupin`` command: one module per command, each parsing its options, calling the library and rendering.

Exit codes: 0 fine, 1 problems found, 2 usage error or unreadable input. Heavy modules (pydantic models, YAML,
DuckDB, the calendar, OpenCC, xlsx writers) are imported inside the commands, so ``fupin --help`` stays fast.
"""

# registration order is the order of `fupin --help`
from . import validate, deadlines, donations, assign, report, pairs, importer, calendar, schema  # noqa: F401, I001
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
