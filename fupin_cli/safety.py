"""Writing files safely: atomically, never over an input, and with spreadsheet formulas neutralised.

A cell that begins with = + - @ (or a tab or carriage return) is a formula to Excel and WPS: a donor named
``=HYPERLINK(…)`` must not become one. ``neutralise`` prefixes such text with a
single quote, as OWASP recommends against CSV injection::

    >>> neutralise("=1+1"), neutralise("-50"), neutralise("张三")
    ("'=1+1", "'-50", '张三')
"""

from __future__ import annotations

import os
import tempfile

from .diagnostics import FupinError

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text that a spreadsheet would read as a formula, made plain text."""
    return "'" + text if text.startswith(_FORMULA_START) else text


class OutputError(FupinError):
    """An output path that would overwrite an input."""


def check_output(output: str, inputs: list[str]) -> None:
    """Refuse to write over an input file."""
    if output == "-":
        return
    target = os.path.realpath(output)
    for path in inputs:
        if os.path.exists(path) and os.path.realpath(path) == target:
            raise OutputError(f"输出文件 {output} 就是输入文件，拒绝覆盖", f"the output {output} is one of the inputs")


def write_atomic(path: str, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename: a reader never sees half a file."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".fupin-", suffix=os.path.splitext(path)[1], dir=folder)
    try:
        if os.path.exists(path):
            mode = os.stat(path).st_mode & 0o7777
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.fchmod(fd, mode)  # as an ordinary open() would have created it, not mkstemp's 0600
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
