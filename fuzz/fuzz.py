"""Fuzzing fupin: mutated plans, ledgers, visit logs, roll-up json and notice text through every command.

Run from the repository root:

    python3 fuzz/fuzz.py --cases 100000 --seed 1        # the long run (about an hour on 2 cores)
    python3 fuzz/fuzz.py --cases 2000 --seed 0          # the slice CI runs (tests/test_fuzz.py)

Every case starts from an input that loads — a shipped plan, an example ledger or visit log, a json report, a seed
notice — and changes it the way real files go wrong: values of another type, dates and amounts that are odd or
huge, keys in the other language or misspelt, deeper nesting, a list for a mapping; for CSV, another encoding or
delimiter, quotes, blank and repeated rows, amounts and dates in every form; for a notice, lines cut, repeated or
mixed. Each case runs the library functions behind every command in-process and renders their tables. A case
fails on any exception but the library's own refusal (``FupinError``), on an exit code outside {0, 1, 2}, or on
taking longer than ``--timeout`` seconds. At the end the share of plan cases that reached the semantic checks
(a plan, whole or with parts set aside, was checked) is printed.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fupin_cli import api  # noqa: E402
from fupin_cli.diagnostics import FupinError  # noqa: E402
from fupin_cli.engines.validate import validate_text  # noqa: E402
from fupin_cli.render.flat import render_csv, render_json, render_rejects  # noqa: E402
from fupin_cli.render.text import render_markdown, render_text  # noqa: E402

KINDS = ("plan", "ledger", "visits", "rollup", "notice")
ODD_VALUES = [None, "", " ", 0, -1, 1.5, True, [], {}, "10月", "13月45日", "2020-02-30", "2020年10月17日（星期一）",
              "9" * 30, "1e30", ".nan", float("inf"), "¥-5", "壹佰万亿元整", "①", "\x00", "\u202e", "各学校",
              "=HYPERLINK(\"x\")", "<r>x&y</r>", "政教股、政体股", [1, [2, [3]]], {"之后": "活动", "工作日": 10 ** 12},
              "一" * 5000, "2020-10-17 至 2020-10-01", "10月19日前", date(2020, 10, 17), 10 ** 20, -10 ** 20]
ODD_CELLS = ["", " ", "约50", "-20", "0", "12.345", "1,234.50", "壹仟元整", "9" * 27, "1e30", "nan", "¥50", "①",
             "2020-06-31", "10月17日", "2020/6/30", "合计", "=1+1", "\"", "a\"b", "张三,李四", "\n", "x" * 300,
             "13800138000", "110101199003077777", "<r>x&y</r>", "\x00", "\ufeff"]


class Hang(Exception):
    pass


def _alarm(signum, frame):  # pragma: no cover - only on a hang
    raise Hang()


# --- mutations ------------------------------------------------------------------------------------------------

def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, path + (i,))


def mutate_data(rng: random.Random, data):
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = rng.choice(paths)
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1]
        op = rng.random()
        if op < 0.55:
            parent[key] = copy.deepcopy(rng.choice(ODD_VALUES))
        elif op < 0.65 and isinstance(parent, dict):
            del parent[key]
        elif op < 0.75 and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))  # a repeated entry
        elif op < 0.85:
            parent[key] = {"x": parent[key]} if rng.random() < 0.5 else [parent[key]]  # deeper
        elif isinstance(parent, dict) and isinstance(key, str):
            parent[key + rng.choice(["", "x", "s", "号"])] = parent.pop(key)  # a misspelt key
        else:
            parent[key] = str(parent[key])[::-1]
    return data


def mutate_text(rng: random.Random, text: str) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 4)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        op = rng.random()
        if op < 0.25:
            del lines[i]
        elif op < 0.45:
            lines.insert(i, lines[i])
        elif op < 0.7:
            cut = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:cut] + str(rng.choice(ODD_CELLS)) + lines[i][cut:]
        elif op < 0.85:
            lines[i] = lines[i].replace(",", rng.choice([";", "\t", "，", ",,"]))
        else:
            lines.insert(i, "")
    return "\n".join(lines) + ("\n" if rng.random() < 0.8 else "")


def encode(rng: random.Random, text: str) -> bytes:
    r = rng.random()
    if r < 0.6:
        return text.encode("utf-8")
    if r < 0.75:
        return "\ufeff".encode() + text.encode("utf-8")
    if r < 0.9:
        return text.encode("gb18030", errors="replace")
    half = len(text) // 2  # mixed encodings
    return text[:half].encode("utf-8") + text[half:].encode("gb18030", errors="replace")


# --- cases ----------------------------------------------------------------------------------------------------

class Fuzz:
    def __init__(self, seed: int, work: Path):
        self.seed = seed
        self.rng = random.Random(seed)
        self.work = work
        self.plans = [(p, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted((ROOT / "plans").glob("*.yaml"))]
        self.ledgers = [p.read_text(encoding="utf-8", errors="replace") if p.read_bytes()[:3] == b"\xef\xbb\xbf" or
                        _utf8(p) else p.read_bytes().decode("gb18030") for p in sorted((ROOT / "examples").rglob("*捐*.csv"))
                        + sorted((ROOT / "examples" / "ledgers").rglob("*.csv"))]
        self.visit_log = (ROOT / "examples" / "visits" / "2020-县教育局-走访记录.csv").read_text(encoding="utf-8")
        self.pairing_plan = (ROOT / "plans" / "2020-县教育局-结对帮扶.yaml").read_text(encoding="utf-8")
        self.notices = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))]
        self.report_json = None
        self.reached = self.plan_cases = 0

    def case(self, kind: str, n: int) -> None:
        getattr(self, kind)(n)

    def plan(self, n: int) -> None:
        source, data = self.rng.choice(self.plans)
        data = mutate_data(self.rng, _absolute_paths(data, source.parent))
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        path = self.work / f"plan-{n}.yaml"  # in the run's own folder: the shipped plans are never touched
        path.write_text(text, encoding="utf-8")
        try:
            self.plan_cases += 1
            lp = validate_text(text, str(path), base_dir=str(self.work))
            self.reached += lp.plan is not None
            as_of = date(2020, 10, 15)
            check(api.validate(paths=[str(path)]))
            r = api.deadlines(paths=[str(path)], as_of=as_of, all_years=True, status="all")
            check(r, [r.table])
            check(api.assign(paths=[str(path)], as_of=as_of))
            rep = api.report(paths=[str(path)], as_of=as_of, timeline=True)
            check(rep, [t for p in rep.plans for t in p.tables])
            try:
                check(api.pairs(paths=[str(path)], as_of=as_of))
            except FupinError:
                pass
        finally:
            path.unlink()

    def ledger(self, n: int) -> None:
        path = self.work / f"ledger-{n}.csv"
        path.write_bytes(encode(self.rng, mutate_text(self.rng, self.rng.choice(self.ledgers))))
        for view in ("totals", "large", "publicity"):
            r = api.donations(ledgers=[str(path)], view=view, by=self.rng.choice([("unit",), ("unit", "kind"), ("date",)]))
            check(r, [j.table for j in r.jobs])
            for j in r.jobs:
                render_rejects(j.report)

    def visits(self, n: int) -> None:
        folder = self.work / f"v{n}"
        (folder / "visits").mkdir(parents=True)
        (folder / "visits" / "log.csv").write_bytes(encode(self.rng, mutate_text(self.rng, self.visit_log)))
        plan = self.pairing_plan.replace("../examples/visits/2020-县教育局-走访记录.csv", "visits/log.csv")
        (folder / "p.yaml").write_text(plan, encoding="utf-8")
        for month in (None, "2020-10"):
            r = api.pairs(paths=[str(folder / "p.yaml")], as_of=date(2020, 11, 2), briefing_month=month)
            check(r, [t for p in r.plans for t in p.tables])

    def rollup(self, n: int) -> None:
        if self.report_json is None:
            rep = api.report(paths=[str(ROOT / "examples" / "rollup" / "城关一中.yaml")], as_of=date(2020, 10, 20))
            part = rep.plans[0]
            from fupin_cli.reports import report_document
            self.report_json = json.loads(json.dumps(report_document(part.meta, part.tables, date(2020, 10, 20),
                                                                     part.summary), default=str))
        path = self.work / f"r{n}.json"
        path.write_text(json.dumps(mutate_data(self.rng, self.report_json), ensure_ascii=False, default=str),
                        encoding="utf-8")
        try:
            check(api.rollup(inputs=[str(path)], as_of=date(2020, 10, 20), issuer="县教体局"))
        except FupinError:
            pass  # a file that is not a fupin report is refused: the answer

    def notice(self, n: int) -> None:
        text = mutate_text(self.rng, self.rng.choice(self.notices))
        every = self.rng.random() < 0.2  # a page of several notices: all of them (slower), else the first
        check(api.import_notice(text=text, all=every, default_year=2020))
        check(api.import_notice(text=text, all=every, default_year=2020, format="json"))


def _absolute_paths(data, folder: Path):
    """A plan whose ledger, record and visit-log paths point at the shipped files from anywhere."""
    data = copy.deepcopy(data)

    def fix(paths):
        return [str((folder / p).resolve()) if isinstance(p, str) else p for p in paths] if isinstance(paths, list) \
            else paths

    if isinstance(data, dict):
        for key in ("台账", "活动记录"):
            if key in data:
                data[key] = fix(data[key])
        pairing = data.get("结对帮扶")
        if isinstance(pairing, dict) and "走访记录" in pairing:
            pairing["走访记录"] = fix(pairing["走访记录"])
    return data


def _utf8(p: Path) -> bool:
    try:
        p.read_bytes().decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def check(result, tables=()) -> None:
    code = result.exit_code()
    if code not in (0, 1, 2):
        raise AssertionError(f"exit code {code}")
    for d in getattr(result, "diagnostics", []):
        d.format("zh"), d.format("en")
    for t in tables:
        render_text(t), render_markdown(t), render_csv(t), render_json(t)


def run(cases: int, seed: int, timeout: float = 20.0, kinds=KINDS, quiet: bool = False) -> dict:
    """Run ``cases`` cases; return the counts and the failures (kind, case number, what went wrong)."""
    failures: list[tuple[str, int, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        fuzz = Fuzz(seed, Path(tmp))
        signal.signal(signal.SIGALRM, _alarm)
        started = time.perf_counter()
        for n in range(cases):
            kind = kinds[n % len(kinds)]
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                fuzz.case(kind, n)
            except Hang:
                failures.append((kind, n, f"no answer in {timeout} s"))
            except FupinError:
                pass
            except BaseException as e:  # noqa: BLE001 - every other exception is what the fuzzer looks for
                if isinstance(e, KeyboardInterrupt):
                    raise
                failures.append((kind, n, "".join(traceback.format_exception_only(type(e), e)).strip()
                                 + "\n" + "".join(traceback.format_tb(e.__traceback__)[-3:])))
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if not quiet and (n + 1) % 1000 == 0:
                print(f"{n + 1} cases, {len(failures)} failures, {time.perf_counter() - started:.0f} s", flush=True)
    share = fuzz.reached / fuzz.plan_cases if fuzz.plan_cases else 0.0
    return {"cases": cases, "failures": failures, "plan_cases": fuzz.plan_cases, "reached_checks": fuzz.reached,
            "share_reached": share}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds a case may take")
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated: " + ", ".join(KINDS))
    args = ap.parse_args()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    out = run(args.cases, args.seed, args.timeout, tuple(k for k in args.kinds.split(",") if k))
    for kind, n, what in out["failures"][:50]:
        print(f"--- {kind} case {n} (seed {args.seed}):\n{what}")
    print(f"{out['cases']} cases, {len(out['failures'])} failures; plan cases that reached the semantic checks: "
          f"{out['reached_checks']}/{out['plan_cases']} ({out['share_reached']:.0%})")
    sys.exit(1 if out["failures"] else 0)


if __name__ == "__main__":
    main()
