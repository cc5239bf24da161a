"""The one way out: where every command's output goes, under which name, and what is refused.

A command asks for its outputs (``Output.add``), then ``Output.finish`` checks them all before writing any:

- the target is stdout (``-o -``, or no ``-o`` for text formats), one file (``-o FILE``), or a folder (``-o DIR/``
  with the trailing slash, or an existing folder) that takes one file per plan or table under default names;
- default names come from the plan's file name (not its title), so two plans never share one; they are valid on
  Windows (no ``/ : * ? " < > |``) and at most 120 bytes;
- refused, with a diagnostic and exit code 2 and nothing written: a path that is an input of the run (plans,
  ledgers, records, visit logs, notices, rules, calendars), a path two outputs of the run share, an existing file
  that fupin did not write (or that was edited since) unless ``--force``, several outputs for one ``-o FILE``, and
  a path that cannot be written (a missing folder, a directory, no permission, a name too long);
- every file is replaced atomically; stderr says what was written.

fupin remembers what it wrote — each file's path and checksum — in ``written.json`` under ``$FUPIN_STATE_DIR``
(default ``$XDG_STATE_HOME/fupin``, else ``~/.local/state/fupin``), so that it replaces its own outputs on the
next run but never a file somebody wrote or edited.
"""

import hashlib
import json
import os
import stat
import sys
from dataclasses import dataclass, field

import typer

from ..diagnostics import Diagnostic, Text, diag, sort_key
from ..lazy import lazy_import
from ..safety import write_atomic

base = lazy_import("fupin_cli.commands.base")

_BAD_CHARS = str.maketrans({c: "_" for c in '/\\:*?"<>|' + "".join(map(chr, range(32)))})
MAX_NAME_BYTES = 120


def safe_name(name: str, limit: int = MAX_NAME_BYTES) -> str:
    """A file name valid on Windows and at most ``limit`` bytes (UTF-8), its extension kept.

    >>> safe_name('2020/市教体局:扶贫日?.xlsx')
    '2020_市教体局_扶贫日_.xlsx'
    >>> name = safe_name("扶" * 100 + ".csv")
    >>> len(name.encode()) <= 120, name.endswith("扶.csv")
    (True, True)
    """
    stem, ext = os.path.splitext(name.translate(_BAD_CHARS).strip(" ."))
    room = limit - len(ext.encode("utf-8"))
    stem = stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(" .")
    return (stem or "fupin") + ext


def plan_stem(plan_file: str) -> str:
    """The stem that names a plan's outputs: its file name without the extension."""
    return os.path.splitext(os.path.basename(plan_file))[0]


def state_file() -> str:
    base = os.environ.get("FUPIN_STATE_DIR")
    if not base:
        xdg = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
        base = os.path.join(xdg, "fupin")
    return os.path.join(base, "written.json")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return _digest(fh.read())
    except OSError:
        return None


@dataclass
class Planned:
    path: str | None  # None: stdout
    data: bytes
    source: str = ""
    #: say on stderr what was written (off where the command says it in its own words)
    announce: bool = True
    #: the path was named outright for this output (--rejects FILE), not by -o
    named: bool = False


@dataclass
class Output:
    """The outputs of one run of a command."""

    command: str
    lang: str
    #: -o as given: None (the command's default), "-" (stdout), a file, or a folder (trailing slash or existing)
    target: str | None = None
    force: bool = False
    inputs: set[str] = field(default_factory=set)
    planned: list[Planned] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def to_stdout(self) -> bool:
        return self.target == "-"

    @property
    def to_folder(self) -> bool:
        t = self.target
        return bool(t) and t != "-" and (t.endswith(("/", os.sep)) or os.path.isdir(t))

    def protect(self, *paths: str | None) -> None:
        """Files the run reads: never written over."""
        for p in paths:
            if p and p != "-" and os.path.exists(p):
                self.inputs.add(os.path.realpath(p))

    def protect_plans(self, paths: list[str]) -> None:
        """The plan files under ``paths`` (files, folders, globs): never written over."""
        self.protect(*base.plan_files(paths)[0])

    def path_for(self, default_name: str, *, stdout_default: bool = False) -> str | None:
        """Where an output goes: None for stdout, else a path (the folder's, ``-o FILE``, or the default name)."""
        if self.to_stdout or (self.target is None and stdout_default):
            return None
        if self.to_folder:
            return os.path.join(self.target, safe_name(default_name))
        if self.target:
            return self.target
        return safe_name(default_name)

    def add(self, data: bytes, default_name: str, *, source: str = "", stdout_default: bool = False,
            announce: bool = True) -> str | None:
        """An output of the run, to ``path_for(default_name)`` (returned; None for stdout); written by ``finish``."""
        path = self.path_for(default_name, stdout_default=stdout_default)
        if path is not None and (self.to_folder or self.target is None):
            path = self._unique(path, source)
        self.planned.append(Planned(path, data, source, announce))
        return path

    def _unique(self, path: str, source: str) -> str:
        """A default name another output of the run already took (two plans ``a/x.yaml`` and ``b/x.yaml``)
        gets the source's folder name in front, then a number."""
        taken = {os.path.realpath(p.path) for p in self.planned if p.path is not None}
        if os.path.realpath(path) not in taken:
            return path
        folder, name = os.path.split(path)
        parent = os.path.basename(os.path.dirname(os.path.abspath(source))) if source else ""
        candidates = ([safe_name(f"{parent}-{name}")] if parent else []) + \
            [safe_name(f"{os.path.splitext(name)[0]}-{n}{os.path.splitext(name)[1]}") for n in range(2, 1000)]
        for candidate in candidates:
            if os.path.realpath(os.path.join(folder, candidate)) not in taken:
                return os.path.join(folder, candidate)
        return path  # refused by finish as a shared path

    def refuse(self, code: str, **args: object) -> None:
        """An output the command cannot make as asked: a diagnostic, and nothing is written."""
        self.diagnostics.append(diag(code, **args))

    def add_to(self, path: str, data: bytes, source: str = "") -> None:
        """An output whose path the user named outright (``--rejects FILE``)."""
        self.planned.append(Planned(path, data, source, named=True))

    def _check(self) -> None:
        files = [p for p in self.planned if p.path is not None]
        explicit_file = self.target not in (None, "-") and not self.to_folder
        by_o = [p for p in files if p.path == self.target and not p.named]
        if explicit_file and len(by_o) > 1:
            n = len(by_o)
            self.diagnostics.append(diag("FP024", count=n, what="-o 只能写一个文件",
                                         what_en="-o names one file", file=self.target))
            return
        seen: dict[str, Planned] = {}
        record = self._record()
        for p in files:
            real = os.path.realpath(p.path)
            if real in self.inputs:
                self.diagnostics.append(diag("FP020", file=p.path, path=p.path))
            elif real in seen:
                self.diagnostics.append(diag("FP021", file=p.path, path=p.path, other=seen[real].source or p.path))
            elif problem := self._unusable(p.path):
                self.diagnostics.append(diag("FP023", file=p.path, path=p.path, reason=problem))
            elif os.path.exists(p.path) and not self.force and record.get(real) != _file_digest(p.path):
                self.diagnostics.append(diag("FP022", file=p.path, path=p.path))
            seen.setdefault(real, p)

    @staticmethod
    def _unusable(path: str) -> Text | None:
        if "\x00" in path:
            return Text("路径中含有 NUL 字符", "the path holds a NUL character")
        if os.path.isdir(path):
            return Text("这是一个文件夹（写入文件夹请以 / 结尾）", "it is a directory (end -o with / to write into it)")
        if os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode):
            return Text("不是普通文件（命名管道、设备或套接字）", "not a regular file (a named pipe, a device or a socket)")
        if any(len(part.encode("utf-8", "surrogateescape")) > 255 for part in path.split(os.sep)):
            return Text("文件名过长", "the file name is too long")
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            return Text(f"文件夹 {os.path.dirname(path) or '.'} 不存在", f"the folder {os.path.dirname(path) or '.'} "
                        "does not exist")
        if not os.access(folder, os.W_OK):
            return Text("文件夹不可写", "the folder is not writable")
        return None

    def _record(self) -> dict[str, str]:
        try:
            with open(state_file(), encoding="utf-8") as fh:
                data = json.load(fh)
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _remember(self, written: list[tuple[str, bytes]]) -> None:
        record = self._record()
        for path, data in written:
            record[os.path.realpath(path)] = _digest(data)
        try:
            os.makedirs(os.path.dirname(state_file()), exist_ok=True)
            write_atomic(state_file(), json.dumps(record, ensure_ascii=False, indent=0).encode("utf-8"))
        except OSError:
            pass  # only the next run's check is weaker: it will ask for --force

    def finish(self) -> int:
        """Check every output, then write them all (or none): 0 when written, 2 when refused (diagnostics
        printed on stderr)."""
        if self.to_folder and self.target and not os.path.isdir(self.target):
            try:
                os.makedirs(self.target, exist_ok=True)
            except OSError as e:
                self.diagnostics.append(diag("FP023", file=self.target, path=self.target,
                                             reason=e.strerror or str(e)))
        explicit_file = self.target not in (None, "-") and not self.to_folder
        if explicit_file and os.path.realpath(self.target) in self.inputs:
            # even when nothing came to be written
            self.diagnostics.append(diag("FP020", file=self.target, path=self.target))
        if not self.diagnostics:
            self._check()
        if self.diagnostics:
            for d in sorted(self.diagnostics, key=sort_key):
                typer.echo(d.format(self.lang), err=True)
            return 2
        written: list[tuple[str, bytes]] = []
        code = 0
        for p in self.planned:
            if p.path is None:
                sys.stdout.buffer.write(p.data)
                sys.stdout.flush()
                continue
            try:
                write_atomic(p.path, p.data)
            except OSError as e:
                problem = diag("FP023", file=p.path, path=p.path, reason=e.strerror or str(e))
                typer.echo(problem.format(self.lang), err=True)
                code = 2
                continue
            written.append((p.path, p.data))
            if p.announce:
                typer.echo(f"{p.source} → {p.path}" if p.source else f"→ {p.path}", err=True)
        if written:
            self._remember(written)
        return code
