"""A module imported where it is named, but executed only when first used.

The command line names every command's library module at the top of its own module, so the import graph is
plain to read (and checked by ``tests/test_layers.py``), yet ``fupin --help`` does not pay for pydantic, the
plan model or any engine: the module runs on the first attribute looked up in it::

    >>> m = lazy_import("fupin_cli.commands.schema")
    >>> m.__name__
    'fupin_cli.commands.schema'
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType
from typing import Any, Callable


def lazy_import(name: str) -> ModuleType:
    """The module ``name``, to be executed on first use (at once if it is already imported)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


def lazy_exports(package: str, names: dict[str, str]) -> Callable[[str], Any]:
    """A package's ``__getattr__`` that imports each exported name from its submodule on first use.

    ``from fupin_cli.reports import deadlines_table`` then loads ``reports.deadlines`` alone, not every report
    and the engines behind them. ``names`` maps each name to the submodule that defines it (the layer test
    reads this mapping as the package's imports).
    """

    def __getattr__(name: str) -> Any:
        if name not in names:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{names[name]}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
