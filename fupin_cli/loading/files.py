"""Inputs are regular files: a FIFO, a device or a socket is refused before it is opened.

Opening a FIFO for reading waits for a writer that never comes, and ``/dev/zero`` never ends; both are
refused with FP015 (unusable input, exit 2) by every reader of input files::

    >>> not_regular("/dev/null").code
    'FP015'
    >>> not_regular(__file__) is None
    True
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
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


def _matches(segments: list[str], parts: list[str]) -> bool:
    """glob's rules, one path component at a time: ``**`` is any number of components, and a component that
    begins with a dot is matched only by a segment that does too."""
    if not segments:
        return not parts
    seg, rest = segments[0], segments[1:]
    if seg == "**":
        return any(_matches(rest, parts[i:]) for i in range(len(parts) + 1)
                   if all(not p.startswith(".") for p in parts[:i]))
    if not parts or (parts[0].startswith(".") and not seg.startswith(".")):
        return False
    return fnmatch.fnmatchcase(parts[0], seg) and _matches(rest, parts[1:])


def expand_glob(pattern: str) -> list[str]:
    """The paths a glob matches (``**`` recursive), sorted, each file once by its real path. Unlike
    ``glob.glob`` a symbolic link that leads back into a folder already searched is never followed: a link loop
    neither repeats a file (``loop/loop/…/plan.yaml``) nor multiplies the search."""
    if "**" not in pattern:
        found = sorted(glob.glob(pattern))
    else:
        parts = re.split(r"[/\\]" if os.sep == "\\" else "/", pattern)
        fixed: list[str] = []
        while parts and not glob.has_magic(parts[0]):
            fixed.append(parts.pop(0))
        root = "/".join(fixed) if fixed != [""] else "/"
        found = []
        seen: set[str] = set()
        top = root or "."
        for here, dirs, files in os.walk(top, followlinks=True):
            real = os.path.realpath(here)
            if real in seen:
                dirs[:] = []
                continue
            seen.add(real)
            dirs[:] = [d for d in dirs if os.path.realpath(os.path.join(here, d)) not in seen]
            rel = os.path.relpath(here, top)
            rel_parts = [] if rel == "." else rel.split(os.sep)
            for name in dirs + files:
                if _matches(parts, rel_parts + [name]):
                    found.append(os.path.join(root, *rel_parts, name) if root else os.path.join(*rel_parts, name))
            if _matches(parts, rel_parts) and rel_parts:
                found.append(os.path.join(root, *rel_parts) if root else os.path.join(*rel_parts))
        found.sort()
    out: dict[str, str] = {}
    for f in found:
        out.setdefault(os.path.realpath(f), f)
    return sorted(out.values())
