"""Inputs are regular files: a FIFO, a device or a socket is refused before it is opened.

Opening a FIFO for reading waits for a writer that never comes, and ``/dev/zero`` never ends; both are
refused with FP015 (unusable input, exit 2) by every reader of input files::

    >>> not_regular("/dev/null").code
    'FP015'
    >>> not_regular(__file__) is None
    True
"""

from __future__ import annotations

import os
import stat

from ..diagnostics import Diagnostic, Text, diag

_KINDS = (
    (stat.S_ISFIFO, Text("命名管道", "a named pipe (FIFO)")),
    (stat.S_ISCHR, Text("字符设备", "a character device")),
    (stat.S_ISBLK, Text("块设备", "a block device")),
    (stat.S_ISSOCK, Text("套接字", "a socket")),
)


def not_regular(path: str, display: str | None = None) -> Diagnostic | None:
    """FP015 when ``path`` (symbolic links followed) exists and is neither a regular file nor a directory; None
    otherwise (a missing file or a directory is the caller's to report, as FP001 or FP002)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = next((k for test, k in _KINDS if test(mode)), Text("特殊文件", "a special file"))
    return diag("FP015", file=display or path, kind=kind)
