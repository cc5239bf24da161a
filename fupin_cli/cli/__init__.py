"""The ``fupin`` command: one module per command, each parsing its options, calling the library and rendering.

Exit codes: 0 fine, 1 problems found, 2 usage error or unreadable input. Each command module names its library
module with ``lazy_import``: pydantic, the plan model, YAML, DuckDB, the calendar, OpenCC and the xlsx writers
load only when a command runs, so ``fupin --help`` stays fast.
"""

import os

# registration order is the order of `fupin --help`
from . import validate, deadlines, donations, assign, report, pairs, importer, calendar, schema  # noqa: F401, I001
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    # fupin uses no pydantic plugins: skip pydantic's scan of every installed package's entry points (~10 ms at
    # each start). A value the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app()
