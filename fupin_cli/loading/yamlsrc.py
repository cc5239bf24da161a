"""YAML with source positions, loaded safely.

``read_text`` turns a path into text (refusing missing, binary, huge and undecodable files with a
diagnostic); ``parse_yaml`` composes the YAML node tree with the safe loader (no arbitrary objects) and
builds plain Python data beside a map ``path -> (line, column)`` (1-based), where a path is a tuple of
mapping keys and list indices. Aliases are expanded under a node budget, so an alias bomb is a
diagnostic, not a hang. Floats become ``Decimal`` from their source text, never binary floats::

    >>> doc = parse_yaml("标题: 扶贫日\\n活动:\\n  - 标题: 送课下乡\\n", "x.yaml")
    >>> doc.data["活动"][0]["标题"], doc.at(("活动", 0, "标题"))
    ('送课下乡', (3, 9))
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from ..diagnostics import Diagnostic, Text, diag
from .files import not_regular

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
#: nesting deeper than this is refused before composing: the C composer recurses once per level and a file of
#: "[[[[…" some 30,000 levels deep overflows the C stack (a segmentation fault, not an exception)
MAX_DEPTH = 200


@dataclass
class Positions:
    """Where each value and each mapping key of a document stands: path -> (line, column), both 1-based."""

    values: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    keys: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def at(self, path: tuple, key: bool = False) -> tuple[int | None, int | None]:
        """Position of the value (or key) at ``path``, falling back to the nearest enclosing node."""
        table = self.keys if key else self.values
        p = tuple(path)
        while True:
            if p in table:
                return table[p]
            if key and p in self.values:
                return self.values[p]
            if not p:
                return (None, None)
            p = p[:-1]


@dataclass
class Source:
    """Data read from a YAML file, with where each value and key stands."""

    file: str
    data: Any = None
    positions: Positions = field(default_factory=Positions)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: line -> codes silenced there by a comment "# fupin: ignore FP309" (the finding is known and accepted)
    ignored: dict[int, set[str]] = field(default_factory=dict)

    def at(self, path: tuple, key: bool = False) -> tuple[int | None, int | None]:
        return self.positions.at(path, key)


_IGNORE = re.compile(r"#.*?fupin:\s*(?:ignore|忽略)\s+((?:FP\d{3}[\s,，、]*)+)")


def ignored_codes(text: str) -> dict[int, set[str]]:
    """Lines that carry "# fupin: ignore FP309[, FP310]": a known, accepted finding is not reported there."""
    out: dict[int, set[str]] = {}
    if "fupin:" not in text:
        return out
    for n, line in enumerate(text.splitlines(), start=1):
        m = _IGNORE.search(line)
        if m:
            out[n] = set(re.findall(r"FP\d{3}", m.group(1)))
    return out


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def read_text(path: str, display: str | None = None) -> tuple[str | None, list[Diagnostic]]:
    """Read a text file as UTF-8 (BOM stripped), falling back to GB18030 with a warning."""
    name = display or path
    if not os.path.exists(path):
        return None, [diag("FP001", file=name)]
    if os.path.isdir(path):
        return None, [diag("FP002", file=name, reason=Text("是目录", "is a directory"))]
    if (special := not_regular(path, name)) is not None:
        return None, [special]
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            return None, [diag("FP004", file=name, size=_size(size), limit=_size(MAX_BYTES))]
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as e:
        return None, [diag("FP002", file=name, reason=e.strerror or str(e))]
    if b"\x00" in raw:
        return None, [diag("FP003", file=name)]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None, [diag("FP006", file=name)]
    return text, [diag("FP005", file=name, line=1, column=1, encoding="GB18030")]


class _Budget(Exception):
    pass


class _PreScan(Exception):
    def __init__(self, code: str, mark: Any, **args: Any):
        self.code, self.mark, self.args_ = code, mark, args


_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_NODE = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


def _prescan(text: str, loader_cls: Any) -> None:
    """Walk the event stream (the parser keeps its own stack and does not recurse) before anything is composed:
    too deep a nesting (FP014) or too many nodes (FP016) stops here, early and cheaply, where it is passed."""
    depth = nodes = 0
    for ev in yaml.parse(text, Loader=loader_cls):
        if isinstance(ev, _NODE):
            nodes += 1
            if nodes > MAX_NODES:
                raise _PreScan("FP016", ev.start_mark, limit=f"{MAX_NODES:,}")
        if isinstance(ev, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                raise _PreScan("FP014", ev.start_mark, limit=MAX_DEPTH)
        elif isinstance(ev, _CLOSE):
            depth -= 1


def _syntax_mark(e: Any) -> Any:
    """Where a syntax error is placed: where the unclosed bracket, brace or quote opened when the parser ran on
    past it (its context), else where the parser gave up."""
    context = e.context or ""
    if e.context_mark and ("flow" in context or "quoted" in context or "end of stream" in (e.problem or "")):
        return e.context_mark
    return e.problem_mark or e.context_mark


class _BadTag(Exception):
    def __init__(self, tag: str, mark: Any):
        self.tag, self.mark = tag, mark


_STR = "tag:yaml.org,2002:str"
_SAFE_SCALARS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


def parse_yaml(text: str, file: str) -> Source:
    """Compose ``text`` and build data with positions; problems become diagnostics on the Source."""
    src = Source(file, ignored=ignored_codes(text))
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        src.diagnostics.append(diag("FP007", file=file))
        return src
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        _prescan(text, loader_cls)
        node = yaml.compose(text, Loader=loader_cls)
    except _PreScan as e:
        src.diagnostics.append(diag(e.code, file=file, line=e.mark.line + 1, column=e.mark.column + 1, **e.args_))
        return src
    except yaml.MarkedYAMLError as e:
        mark = _syntax_mark(e)
        problem = " ".join(p for p in (e.context, e.problem) if p) or str(e)
        if mark is e.context_mark and e.problem_mark and e.problem_mark is not mark:
            problem += f" (line {e.problem_mark.line + 1}, column {e.problem_mark.column + 1})"
        src.diagnostics.append(diag("FP008", file=file, line=mark.line + 1 if mark else None,
                                    column=mark.column + 1 if mark else None, problem=problem))
        return src
    except (yaml.YAMLError, RecursionError, ValueError) as e:
        src.diagnostics.append(diag("FP008", file=file, problem=str(e).splitlines()[0] if str(e) else type(e).__name__))
        return src
    if node is None:
        src.diagnostics.append(diag("FP007", file=file))
        return src
    constructor = yaml.constructor.SafeConstructor()
    budget = [0]

    def build(n: Any, path: tuple) -> Any:
        budget[0] += 1
        if budget[0] > MAX_NODES:
            raise _Budget
        src.positions.values[path] = (n.start_mark.line + 1, n.start_mark.column + 1)
        if isinstance(n, yaml.MappingNode):
            if n.tag != "tag:yaml.org,2002:map":
                raise _BadTag(n.tag.replace("tag:yaml.org,2002:", "!!"), n.start_mark)
            out: dict[str, Any] = {}
            first_line: dict[str, int] = {}
            for k, v in n.value:
                if not isinstance(k, yaml.ScalarNode):
                    src.diagnostics.append(diag("FP102", file=file, line=k.start_mark.line + 1,
                                                column=k.start_mark.column + 1, key="?",
                                                reason=Text("键必须是文字", "a key must be plain text")))
                    continue
                key = k.value  # keys are text as written: `no:` is the key "no", not YAML 1.1's False
                kpos = (k.start_mark.line + 1, k.start_mark.column + 1)
                if key in out:
                    src.diagnostics.append(diag("FP011", file=file, line=kpos[0], column=kpos[1], key=key,
                                                first=first_line[key]))
                    continue
                first_line[key] = kpos[0]
                src.positions.keys[path + (key,)] = kpos
                out[key] = build(v, path + (key,))
            return out
        if isinstance(n, yaml.SequenceNode):
            if n.tag != "tag:yaml.org,2002:seq":
                raise _BadTag(n.tag.replace("tag:yaml.org,2002:", "!!"), n.start_mark)
            return [build(v, path + (i,)) for i, v in enumerate(n.value)]
        return scalar(n)

    def scalar(n: Any) -> Any:
        if n.tag not in _SAFE_SCALARS:
            raise _BadTag(n.tag.replace("tag:yaml.org,2002:", "!!"), n.start_mark)
        if n.tag == "tag:yaml.org,2002:float":
            try:
                return Decimal(n.value.replace("_", ""))
            except InvalidOperation:
                return constructor.construct_object(n)
        if n.tag == _STR:
            return n.value
        try:
            return constructor.construct_object(n)
        except ValueError:  # a timestamp such as 2020-02-30: left as text for the date check to locate
            return n.value

    try:
        src.data = build(node, ())
    except _Budget:
        src.data = None
        src.diagnostics.append(diag("FP009", file=file, line=1, column=1, limit=f"{MAX_NODES:,}"))
    except _BadTag as e:
        src.data = None
        src.diagnostics.append(diag("FP013", file=file, line=e.mark.line + 1, column=e.mark.column + 1, tag=e.tag))
    except RecursionError:
        src.data = None
        src.diagnostics.append(diag("FP009", file=file, line=1, column=1, limit=f"{MAX_NODES:,}"))
    except (ValueError, yaml.YAMLError) as e:  # e.g. a timestamp 2020-02-30
        src.data = None
        src.diagnostics.append(diag("FP106", file=file, reason=str(e)))
    return src
