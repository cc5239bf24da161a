"""The output contract, held over every command, run the way a user runs it.

Each case runs ``python -m fupin_cli ...`` as a subprocess in a fresh working copy of the repository's plans,
examples, seed notices and broken plans (cwd = the copy, PYTHONPATH = this checkout, FUPIN_LANG unset,
NO_COLOR set), with fixed dates, and checks what a user would see:

- no ``Traceback`` on stderr, and the exit code is 0, 1 or 2 (never a crash, never a timeout);
- ``--format json`` to stdout prints exactly one JSON document, which validates against
  ``fupin schema --output CMD`` once that command exists;
- every input is unchanged (sha256 of the whole copy before and after), and nothing is created, modified or
  deleted outside the output folder;
- ``-o out/`` (a fresh folder, where the command takes -o) receives one output per plan, or per table for csv,
  no two with the same name (a second one would overwrite the first, so the count shows it), each named after
  its plan's file, none empty, every json file one document, no temporary file left behind, and stderr names
  each file written.

The matrix (every command × every format it offers × the plans folder and each shipped plan alone) and the
broken plans (validate, deadlines, assign, report on each file alone) are run ahead, in parallel, by one pool
of worker threads; each case is still its own test, with an id that reads like the command line, and its
failures are listed one a line, tagged with their cause ([traceback], [exit], [json], [schema], [input],
[stray], [outputs], [name], [empty], [temp], [stderr]).

The edge cases of the issue come first, each its own test: output over a plan, a ledger, the notice itself or a
hand-written file is refused (exit 2) unless --force; ``report -f xlsx plans/`` writes one workbook per plan;
``-o`` to a missing folder, a folder named without a slash or a read-only folder is a diagnostic, exit 2.

Run alone: ``python3 -m pytest -q tests/test_contract.py`` (about two minutes on 2 cores).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from glob import glob
from pathlib import Path
from typing import Callable

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
#: what the working copy holds, relative to the repository root (plus what the shipped plans reference)
COPIED = ("plans", "examples", "tests/data/seeds", "tests/plans_broken")
TIMEOUT = 120  # seconds per run; a run is about one second alone, a few under a loaded pool
WORKERS = max(2, os.cpu_count() or 2)
OUT = "out"  # the fresh output folder of the folder form: -o out/

AS_OF = ("--as-of", "2020-10-15")
PAIRS_AS_OF = ("--as-of", "2020-11-02")
SHIPPED = sorted(p.name for p in (ROOT / "plans").glob("*.yaml"))
SOURCES = ("plans/", *(f"plans/{name}" for name in SHIPPED))
SEEDS = sorted(p.name for p in (ROOT / "tests/data/seeds").glob("*.txt"))
BROKEN = sorted(p.name for p in (ROOT / "tests/plans_broken").glob("*.yaml"))
LEDGER = "examples/ledgers/2010-区教育局/一中.csv"

#: keys of a plan that name other files, relative to the plan's folder (Chinese and English spellings)
REFERENCE_KEYS = {"台账", "ledgers", "活动记录", "records", "走访记录", "visit_log", "visit_logs", "visits"}
PAIRING_KEYS = {"结对帮扶", "pairing"}
LEDGER_KEYS = {"台账", "ledgers"}


# --------------------------------------------------------------------------------------------- the shipped plans

def _load_plan(name: str) -> dict:
    try:
        data = yaml.safe_load((ROOT / "plans" / name).read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _walk(node, keys: set[str]):
    """Every value under one of ``keys``, anywhere in the document."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in keys:
                yield v
            yield from _walk(v, keys)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v, keys)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


PLAN_DATA = {name: _load_plan(name) for name in SHIPPED}
WITH_PAIRING = [n for n in SHIPPED if any(True for _ in _walk(PLAN_DATA[n], PAIRING_KEYS))]
WITH_LEDGERS = [n for n in SHIPPED if any(True for _ in _walk(PLAN_DATA[n], LEDGER_KEYS))]


def referenced_files() -> list[Path]:
    """The files the shipped plans reference by relative path (ledgers, records, visit logs), as found here."""
    found: set[Path] = set()
    for name, data in PLAN_DATA.items():
        for value in _walk(data, REFERENCE_KEYS):
            for pattern in _strings(value):
                for hit in glob(str((ROOT / "plans" / pattern)), recursive=True):
                    found.add(Path(os.path.normpath(hit)))
    return sorted(found)


# --------------------------------------------------------------------------------------------- one run

def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(root: Path, skip: str | None = None) -> dict[str, str]:
    """Every file and folder under ``root`` (relative path → sha256, or "dir"), ``skip`` and what is in it left out."""
    state: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = Path(dirpath).relative_to(root)
        if skip and rel_dir.parts[:1] == (skip,):
            continue
        for d in dirnames:
            rel = (rel_dir / d).as_posix()
            if not (skip and rel == skip):
                state[rel + "/"] = "dir"
        for f in filenames:
            p = Path(dirpath) / f
            state[(rel_dir / f).as_posix()] = "link" if p.is_symlink() else _sha(p)
    return state


def _env() -> dict[str, str]:
    drop = ("FUPIN_LANG", "FORCE_COLOR", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(PYTHONPATH=str(ROOT), NO_COLOR="1", COLUMNS="120")
    if TEMPLATE.pycache:  # compiled once for the session, outside the repository and the copies
        env["PYTHONPYCACHEPREFIX"] = str(TEMPLATE.pycache)
    return env


@dataclass
class Run:
    """What a user saw of one ``fupin`` call, and what it did to the working copy."""

    args: tuple[str, ...]
    rc: int | None  # None: timed out
    stdout: bytes
    stderr: str
    modified: list[str]  # inputs whose content changed
    created: dict[str, bytes]  # new files outside the output folder, with their content
    deleted: list[str]
    outputs: dict[str, bytes]  # files in the output folder (relative to it)
    seconds: float

    @property
    def line(self) -> str:
        return "fupin " + " ".join(a if a and " " not in a else repr(a) for a in self.args)

    def basics(self) -> list[str]:
        """The part of the contract every call keeps: no traceback, a known exit code, inputs untouched, no
        stray write."""
        problems = []
        if "Traceback" in self.stderr:
            problems.append(f"[traceback] {_tail(self.stderr)}")
        if self.rc is None:
            problems.append(f"[exit] timed out after {TIMEOUT}s")
        elif self.rc not in (0, 1, 2):
            problems.append(f"[exit] exit code {self.rc}, expected 0, 1 or 2; stderr: {_tail(self.stderr)}")
        for rel in self.modified:
            problems.append(f"[input] {rel} changed")
        for rel in self.deleted:
            problems.append(f"[input] {rel} deleted")
        for rel in self.created:
            problems.append(f"[stray] {rel} written outside the output folder")
        return problems


def _tail(text: str, lines: int = 3) -> str:
    return " | ".join(text.strip().splitlines()[-lines:])[-400:]


def execute(base: Path, args: tuple[str, ...], *, out: str | None = None,
            prepare: Callable[[Path], None] | None = None,
            finish: Callable[[Path], None] | None = None) -> Run:
    """Run ``fupin args`` in a fresh copy of the template under ``base``; ``out`` (a folder, created empty) holds
    the outputs, anything else the run writes is a stray write. ``prepare`` sets the copy up before the
    snapshot; ``finish`` undoes what cannot be removed (a read-only folder) after it."""
    work = base / "copy"
    shutil.copytree(TEMPLATE.path, work, symlinks=True)
    try:
        if out:
            (work / out).mkdir()
        if prepare:
            prepare(work)
        # the hashes of a fresh copy are the template's; a prepared copy is hashed anew
        before = snapshot(work, skip=out) if prepare else TEMPLATE.state
        started = time.monotonic()
        try:
            proc = subprocess.run([sys.executable, "-m", "fupin_cli", *args], cwd=work, env=_env(),
                                  stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
            rc, stdout, stderr = proc.returncode, proc.stdout, proc.stderr
        except subprocess.TimeoutExpired as e:
            rc, stdout, stderr = None, e.stdout or b"", e.stderr or b""
        seconds = time.monotonic() - started
        if finish:
            finish(work)
        after = snapshot(work, skip=out)
        modified = sorted(k for k in before if k in after and after[k] != before[k])
        deleted = sorted(k for k in before if k not in after)
        created = {k: (b"" if k.endswith("/") else (work / k).read_bytes())
                   for k in sorted(after) if k not in before}
        outputs: dict[str, bytes] = {}
        if out and (work / out).is_dir():
            for p in sorted((work / out).rglob("*")):
                if p.is_file():
                    outputs[p.relative_to(work / out).as_posix()] = p.read_bytes()
        return Run(args, rc, stdout, stderr.decode("utf-8", errors="replace"), modified, created, deleted,
                   outputs, seconds)
    finally:
        shutil.rmtree(base, ignore_errors=True)


class Template:
    """The working copy every run starts from: the repository's plans, examples, seeds and broken plans."""

    path: Path
    state: dict[str, str]  # its snapshot: what every fresh copy holds
    pycache: Path | None = None


TEMPLATE = Template()


def build_template(dest: Path) -> Path:
    for rel in COPIED:
        shutil.copytree(ROOT / rel, dest / rel)
    for f in referenced_files():  # normally all under examples/, already copied
        rel = f.relative_to(ROOT)
        if not (dest / rel).exists():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, dest / rel)
    return dest


# --------------------------------------------------------------------------------------------- the pool

class Pool:
    """Runs ahead: every selected case is submitted at once and run by ``WORKERS`` threads, one process each."""

    def __init__(self, base: Path):
        self.base = base
        self.executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="fupin")
        self.jobs: dict[tuple, Future] = {}
        self.lock = threading.Lock()
        self.memo: dict[tuple, list] = {}
        self.count = 0

    def _dir(self) -> Path:
        with self.lock:
            self.count += 1
            return self.base / f"{self.count:05d}"

    def submit(self, key: tuple, fn: Callable[[], object]) -> Future:
        with self.lock:
            if key not in self.jobs:
                self.jobs[key] = self.executor.submit(fn)
            return self.jobs[key]

    def run(self, args: tuple[str, ...], **kw) -> Run:
        """One run, here and now (in the calling thread)."""
        return execute(self._dir(), args, **kw)

    def once(self, args: tuple[str, ...]) -> Run:
        """One run without options, made once per session by whichever thread asks first (the others wait)."""
        with self.lock:
            entry = self.memo.setdefault(args, [threading.Lock(), None])
        with entry[0]:
            if entry[1] is None:
                entry[1] = self.run(args)
            return entry[1]

    def takes_output(self, command: str) -> bool:
        """Whether ``fupin COMMAND`` has -o/--output (from its --help; ``schema --output CMD`` names a command, not
        a path)."""
        run = self.once((command, "--help"))
        return command != "schema" and run.rc == 0 and "--output" in run.stdout.decode("utf-8", errors="replace")

    def schema(self, command: str) -> dict | None:
        """The JSON Schema of ``fupin COMMAND --format json``'s document, if ``fupin schema --output`` gives it."""
        run = self.once(("schema", "--output", command))
        if run.rc != 0:
            return None
        try:
            return json.loads(run.stdout)
        except ValueError:
            return {"__unreadable__": _tail(run.stdout.decode("utf-8", errors="replace"))}

    def case(self, case: "Case") -> Future:
        return self.submit(("case", case), lambda: run_case(self, case))

    def edge(self, edge: "Edge") -> Future:
        return self.submit(("edge", edge), lambda: self.run(edge.args, prepare=edge.prepare, finish=edge.finish))

    def close(self):
        self.executor.shutdown(wait=False, cancel_futures=True)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    TEMPLATE.path = build_template(tmp_path_factory.mktemp("template"))
    TEMPLATE.state = snapshot(TEMPLATE.path)
    TEMPLATE.pycache = tmp_path_factory.mktemp("pycache")
    return TEMPLATE.path


@pytest.fixture(scope="module")
def pool(request, template, tmp_path_factory):
    """The pool, with every case and edge selected in this session submitted up front, in test order."""
    p = Pool(tmp_path_factory.mktemp("runs"))
    params = [v for item in request.session.items if getattr(item, "module", None) is request.module and hasattr(item, "callspec")
              for v in item.callspec.params.values()]
    for e in params:  # in the order the tests come: the edges first
        if isinstance(e, Edge):
            p.edge(e)
        elif isinstance(e, Case):
            p.case(e)
    yield p
    p.close()


# --------------------------------------------------------------------------------------------- the cases

FILE_ONLY = {"xlsx", "html"}  # formats that are written to a file, never to stdout
#: how many outputs a call writes into -o DIR/: one per plan it covers, or one per call
PER_CALL = {"validate", "calendar", "schema"}


@dataclass(frozen=True)
class Case:
    command: str
    args: tuple[str, ...]  # after the command, without -o
    fmt: str | None
    plans: int  # outputs expected in -o DIR/ (csv: at least this many, a file per table); 0: not counted
    stdout: tuple[str, ...] | None = ()  # what sends the output to stdout (None: the format cannot)
    #: run to stdout as well as to -o out/ (only to stdout when the command has no -o); a single plan's text
    #: formats go to the folder only: the plans folder's runs send the same plan through the same renderer
    both: bool = True
    full: bool = True  # the whole contract (False: broken plans, the basics only)
    per_notice: bool = False  # import --all: one output per notice
    #: the file names (without .yaml) of the plans it writes for: in -o DIR/ each output is named after one
    stems: tuple[str, ...] = ()
    #: exit 2 is an answer here (a plan without 结对帮扶, a format not offered); elsewhere the shipped plans
    #: into a fresh folder or to stdout leave nothing to refuse
    may_refuse: bool = False

    @property
    def id(self) -> str:
        return " ".join((self.command, *self.args))


def _fmt(f: str | None) -> tuple[str, ...]:
    return ("-f", f) if f else ()


def _covered(source: str, only: list[str] | None = None) -> list[str]:
    names = SHIPPED if source == "plans/" else [source.removeprefix("plans/")]
    return [n for n in names if only is None or n in only]


def _plans(source: str, only: list[str] | None = None) -> int:
    return len(_covered(source, only))


def _stems(source: str, only: list[str] | None = None) -> tuple[str, ...]:
    return tuple(n.removesuffix(".yaml") for n in _covered(source, only))


def _both(source: str | None, f: str) -> bool:
    return source in ("plans/", None) or f == "json"


def matrix() -> list[Case]:
    cases: list[Case] = []
    for source in SOURCES:
        for f in ("text", "json"):
            cases.append(Case("validate", (source, *_fmt(f)), f, 1))
    for source in SOURCES:
        for f in ("table", "md", "csv", "json", "ics"):
            cases.append(Case("deadlines", (source, *_fmt(f), *AS_OF, "--all-years"), f, _plans(source),
                              both=_both(source, f), stems=_stems(source)))
    for plan in ((), *(("--plan", f"plans/{n}") for n in WITH_LEDGERS)):
        for mode in ((), ("--large",), ("--publicity",)):
            for f in ("table", "md", "csv", "json"):
                cases.append(Case("donations", (*plan, *mode, *_fmt(f)), f, 1, both=not plan or f == "json",
                                  stems=_stems(plan[-1] if plan else "plans/", WITH_LEDGERS)))
    cases.append(Case("donations", _fmt("ics"), "ics", 1, may_refuse=True))  # offered by --format's choices
    for source in SOURCES:
        for f in ("table", "md", "csv", "json", "xlsx", "html"):
            # several csv tables a plan need a folder (FP024 on stdout, tests/test_output.py): the folder form only
            cases.append(Case("assign", (source, *_fmt(f), *AS_OF), f, _plans(source),
                              None if f in FILE_ONLY else (), both=_both(source, f) and f != "csv",
                              stems=_stems(source)))
    for source in (*SOURCES, None):
        for f in ("xlsx", "csv", "md", "json", "html"):
            args = (source,) if source else ("--rollup", "examples/rollup/", "--issuer", "县教体局")
            cases.append(Case("report", (*args, *_fmt(f), *AS_OF), f, _plans(source) if source else 1,
                              None if f in FILE_ONLY else ("-o", "-"), both=_both(source, f),
                              stems=_stems(source) if source else ()))
    pairing_sources = ("plans/", *(f"plans/{n}" for n in WITH_PAIRING))
    for source in SOURCES:
        for briefing in ((), ("--briefing", "2020-10")):
            if briefing and source not in pairing_sources:
                continue
            # a plan without 结对帮扶 stops before any table is made: one text and one file format show it
            formats = ("table", "md", "csv", "json", "xlsx") if _plans(source, WITH_PAIRING) else ("json", "xlsx")
            for f in formats:
                cases.append(Case("pairs", (source, *briefing, *_fmt(f), *PAIRS_AS_OF), f,
                                  _plans(source, WITH_PAIRING), None if f in FILE_ONLY else (),
                                  both=_both(source, f) and f != "csv", stems=_stems(source, WITH_PAIRING),
                                  may_refuse=not _plans(source, WITH_PAIRING)))
    for seed in SEEDS:
        for every in ((), ("--all",)):
            for f in ("yaml", "json"):
                cases.append(Case("import", (f"tests/data/seeds/{seed}", *every, *_fmt(f)), f, 1,
                                  per_notice=bool(every)))
    for f in ("text", "json"):
        cases.append(Case("calendar", ("2020-10", *_fmt(f)), f, 1))
    cases.append(Case("schema", (), "json", 1))
    cases.append(Case("schema", ("--keys",), "md", 1))
    return cases


def broken() -> list[Case]:
    cases = []
    for name in BROKEN:
        path = f"tests/plans_broken/{name}"
        cases.append(Case("validate", (path,), None, 0, both=False, full=False))
        cases.append(Case("deadlines", (path, *_fmt("json"), *AS_OF, "--all-years"), "json", 0, both=False,
                          full=False))
        cases.append(Case("assign", (path, *_fmt("xlsx"), *AS_OF), "xlsx", 0, None, full=False))
        cases.append(Case("report", (path, *AS_OF), "xlsx", 0, None, full=False))
    return cases


MATRIX = matrix()
BROKEN_CASES = broken()


def run_case(pool: Pool, case: Case) -> list[Run]:
    """The case's runs: -o out/ where the command takes -o, and stdout where the format allows (one of the two
    when the case says so: -o out/ if the command takes it, else stdout)."""
    args = (case.command, *case.args)
    runs = []
    folder = pool.takes_output(case.command)
    if folder:
        runs.append(pool.run((*args, "-o", f"{OUT}/"), out=OUT))
    if case.stdout is not None and (case.both or not folder):
        runs.append(pool.run((*args, *case.stdout)))
    return runs


_NOTICE = re.compile(r"^第 (\d+) 篇", re.M)


def check(pool: Pool, case: Case, run: Run) -> list[str]:
    problems = run.basics()
    if not case.full:
        return problems
    if run.rc == 2 and not case.may_refuse and "Traceback" not in run.stderr:
        problems.append(f"[exit] exit 2 on the shipped plans: {_tail(run.stderr)}")
    to_folder = "-o" in run.args and run.args[run.args.index("-o") + 1] == f"{OUT}/"
    if case.fmt == "json" and not to_folder:
        problems += _check_json_stdout(pool, case, run)
    if to_folder:
        problems += _check_folder(case, run)
    return problems


def _check_json_stdout(pool: Pool, case: Case, run: Run) -> list[str]:
    usage = run.stderr.startswith(f"fupin {case.command}: ")
    if run.rc == 2 and not run.stdout and usage:
        return []  # a usage error (README, “json output”): the reason on stderr, no document
    try:
        document = json.loads(run.stdout.decode("utf-8"))
    except ValueError as e:
        head = run.stdout[:80].decode("utf-8", errors="replace").replace("\n", "⏎")
        return [f"[json] stdout is not one JSON document (exit {run.rc}, {len(run.stdout)} bytes, {e}): {head!r}"]
    schema = pool.schema(case.command)
    if schema is None:
        return []
    if "__unreadable__" in schema:
        return [f"[schema] fupin schema --output {case.command} exits 0 but prints no JSON: {schema['__unreadable__']}"]
    try:
        import jsonschema
    except ImportError:  # pragma: no cover - the test extras install it
        return []
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(document), key=lambda e: list(e.path))
    return [f"[schema] /{'/'.join(map(str, e.path))}: {e.message[:200]}" for e in errors[:5]]


def _check_folder(case: Case, run: Run) -> list[str]:
    problems = []
    names = sorted(run.outputs)
    if run.rc != 2 and "Traceback" not in run.stderr:  # a crash is reported once, as the crash
        expected = case.plans
        if case.per_notice:
            notices = set(_NOTICE.findall(run.stderr))
            expected = len(notices) or 1
        if expected:
            at_least = case.fmt == "csv" or (case.per_notice and not _NOTICE.search(run.stderr))
            if (len(names) < expected) if at_least else (len(names) != expected):
                what = "per table" if case.fmt == "csv" else "per notice" if case.per_notice else \
                    "per call" if case.command in PER_CALL else "per plan"
                problems.append(f"[outputs] {len(names)} file(s) in {OUT}/, expected "
                                f"{'at least ' if at_least else ''}{expected} (one {what}): {names}")
    if run.rc != 2 and "Traceback" not in run.stderr and case.stems and names:
        # default names come from the plan's file name: unique in a folder, and a reader sees whose file it is
        for name in names:
            if not name.rsplit("/", 1)[-1].startswith(case.stems):
                problems.append(f"[name] {OUT}/{name} is not named after its plan's file "
                                f"({', '.join(s + '.yaml' for s in case.stems[:3])}{', …' if len(case.stems) > 3 else ''})")
        for stem in case.stems:
            if not any(name.rsplit("/", 1)[-1].startswith(stem) for name in names):
                problems.append(f"[name] no output in {OUT}/ is named after plans/{stem}.yaml")
    for name in names:
        base = name.rsplit("/", 1)[-1]
        if base.startswith(".") or base.endswith((".tmp", "~", ".part")):
            problems.append(f"[temp] {OUT}/{name} left behind")
        elif not run.outputs[name]:
            problems.append(f"[empty] {OUT}/{name} is empty")
        elif name.endswith(".json"):
            try:
                json.loads(run.outputs[name].decode("utf-8"))
            except ValueError as e:
                problems.append(f"[json] {OUT}/{name} is not one JSON document: {e}")
        if base not in run.stderr:
            problems.append(f"[stderr] stderr does not say {OUT}/{name} was written")
    return problems


def _report(pool: Pool, case: Case, runs: list[Run]) -> str:
    lines = []
    for run in runs:
        for p in check(pool, case, run):
            lines.append(f"{run.line} (exit {run.rc}): {p}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def contract(pool) -> Pool:
    return pool


# --------------------------------------------------------------------------------------------- the edges

@dataclass(frozen=True)
class Edge:
    """One run of an edge case: its arguments, and how the copy is set up before (and undone after)."""

    args: tuple[str, ...]
    prepare: Callable[[Path], None] | None = None
    finish: Callable[[Path], None] | None = None
    label: str = ""

    @property
    def id(self) -> str:
        return " ".join(self.args) + (f" ({self.label})" if self.label else "")


def _edges(*edges: Edge):
    """Parametrize a test over edge runs, with ids that read like the command line."""
    return pytest.mark.parametrize("edge", edges, ids=[e.id for e in edges])


def _expect_refused(run: Run) -> list[str]:
    problems = run.basics()
    if run.rc != 2:
        problems.append(f"[exit] exit {run.rc}, expected 2 (refused); stderr: {_tail(run.stderr)}")
    if run.rc == 2 and not run.stderr.strip():
        problems.append("[stderr] refused without a word on stderr")
    return problems


def _fail(run: Run, problems: list[str]):
    assert not problems, f"{run.line} (exit {run.rc}):\n" + "\n".join(problems)


PLAN = f"plans/{SHIPPED[0]}"


@_edges(
    Edge(("deadlines", "plans/", "-f", "csv", *AS_OF, "--all-years", "-o", PLAN)),
    Edge(("deadlines", PLAN, "-f", "ics", *AS_OF, "--all-years", "-o", PLAN)),
    Edge(("assign", PLAN, "-f", "html", *AS_OF, "-o", PLAN)),
    Edge(("report", PLAN, "-f", "xlsx", *AS_OF, "-o", PLAN)),
)
def test_output_over_a_plan_is_refused(contract, edge):
    run = contract.edge(edge).result()
    _fail(run, _expect_refused(run))


@_edges(
    Edge(("donations", "-f", "csv", "-o", LEDGER)),
    Edge(("donations", "--rejects", LEDGER)),
    Edge(("donations", "--plan", PLAN, "-f", "json", "-o", LEDGER)),
)
def test_output_over_a_ledger_is_refused(contract, edge):
    run = contract.edge(edge).result()
    _fail(run, _expect_refused(run))


def _notice(work: Path):
    shutil.copy(work / "tests/data/seeds" / SEEDS[0], work / "n.txt")


HAND_WRITTEN = "# 手写的方案，不是 fupin 写的\n标题: 手写\n"


def _hand_written(work: Path):
    _notice(work)
    (work / "existing.yaml").write_text(HAND_WRITTEN, encoding="utf-8")


@_edges(Edge(("import", "n.txt", "-o", "n.txt"), _notice))
def test_import_over_its_own_notice_is_refused(contract, edge):
    run = contract.edge(edge).result()
    _fail(run, _expect_refused(run))


@_edges(Edge(("import", "n.txt", "-o", "existing.yaml"), _hand_written, label="written by hand"))
def test_import_over_a_hand_written_file_is_refused_without_force(contract, edge):
    run = contract.edge(edge).result()
    _fail(run, _expect_refused(run))


@_edges(Edge(("import", "n.txt", "-o", "existing.yaml", "--force"), _hand_written, label="written by hand"))
def test_import_over_a_hand_written_file_replaces_it_with_force(contract, edge):
    run = contract.edge(edge).result()
    problems = [p for p in run.basics() if not p.startswith("[input] existing.yaml changed")]
    if run.rc != 0:
        problems.append(f"[exit] exit {run.rc}, expected 0; stderr: {_tail(run.stderr)}")
    if "existing.yaml" not in run.modified:
        problems.append("[outputs] existing.yaml was not replaced")
    _fail(run, problems)


@_edges(Edge(("report", "-f", "xlsx", "plans/", *AS_OF)))
def test_report_xlsx_writes_one_workbook_per_shipped_plan(contract, edge):
    run = contract.edge(edge).result()
    problems = [p for p in run.basics() if not p.startswith("[stray]")]
    if run.rc != 0:
        problems.append(f"[exit] exit {run.rc}, expected 0; stderr: {_tail(run.stderr)}")
    books = {k: v for k, v in run.created.items() if k.endswith(".xlsx")}
    others = sorted(set(run.created) - set(books))
    if others:
        problems.append(f"[stray] besides the workbooks: {others}")
    if len(books) != len(SHIPPED) or len({k.rsplit('/', 1)[-1] for k in books}) != len(SHIPPED):
        problems.append(f"[outputs] {len(books)} workbook(s) for {len(SHIPPED)} plans: {sorted(books)}")
    for name, data in books.items():
        if not data.startswith(b"PK"):
            problems.append(f"[empty] {name} is not a workbook ({len(data)} bytes)")
    _fail(run, problems)


def _read_only(work: Path):
    ro = work / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    if os.access(ro, os.W_OK):  # root: the mode bits do not stop it, the immutable flag does
        subprocess.run(["chattr", "+i", str(ro)], capture_output=True)


def _writable_again(work: Path):
    subprocess.run(["chattr", "-i", str(work / "ro")], capture_output=True)
    (work / "ro").chmod(0o755)


def _can_make_read_only(tmp_path: Path) -> bool:
    _read_only(tmp_path)
    try:
        (tmp_path / "ro" / "x").write_bytes(b"")
    except OSError:
        return True
    finally:
        _writable_again(tmp_path)
    return False


UNUSABLE = {  # -o TARGET: how the copy is set up (and undone), what it is (-o DIR/ makes a missing DIR; a folder
    # named without the slash is a folder too: both are writable, so neither is here)
    "missing/x": (None, None, "a file in a missing folder"),
    "x" * 300: (None, None, "a name too long"),
    "ro/": (_read_only, _writable_again, "a read-only folder"),
}
WRITERS = [
    ("deadlines", "plans/", "-f", "csv", *AS_OF, "--all-years"),
    ("donations", "-f", "json"),
    ("assign", "plans/", "-f", "xlsx", *AS_OF),
    ("report", "plans/", "-f", "xlsx", *AS_OF),
    ("pairs", "plans/", "-f", "xlsx", *PAIRS_AS_OF),
    ("import", f"tests/data/seeds/{SEEDS[0]}"),
]


@_edges(*(Edge((*args, "-o", target), prepare, finish, label)
          for args in WRITERS for target, (prepare, finish, label) in UNUSABLE.items()))
def test_unusable_output_path_is_a_diagnostic(contract, edge, tmp_path):
    if edge.finish is _writable_again and not _can_make_read_only(tmp_path):
        pytest.skip("no way to make a folder read-only here (root, and chattr +i refused)")
    run = contract.edge(edge).result()
    problems = _expect_refused(run)
    name = edge.args[-1].rstrip("/")
    if run.rc == 2 and name not in run.stderr:
        problems.append(f"[stderr] the diagnostic does not name {edge.args[-1]}: {_tail(run.stderr)}")
    _fail(run, problems)


# --------------------------------------------------------------------------------------------- the matrix

@pytest.mark.parametrize("case", MATRIX, ids=[c.id for c in MATRIX])
def test_command_keeps_the_output_contract(contract, case):
    report = _report(contract, case, contract.case(case).result())
    assert not report, "\n" + report


@pytest.mark.parametrize("case", BROKEN_CASES, ids=[c.id for c in BROKEN_CASES])
def test_broken_plan_keeps_the_output_contract(contract, case):
    report = _report(contract, case, contract.case(case).result())
    assert not report, "\n" + report


def test_the_copy_holds_what_the_shipped_plans_reference(template):
    refs = referenced_files()
    assert refs, "the shipped plans reference ledgers, records and visit logs"
    missing = [str(f.relative_to(ROOT)) for f in refs if not (template / f.relative_to(ROOT)).is_file()]
    assert not missing
    assert WITH_LEDGERS and WITH_PAIRING
