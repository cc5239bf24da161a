"""Benchmark: start-up of fupin's one-plan commands beside a bare typer app with the same commands.

Run from the repository root:  python3 benchmarks/startup.py [--runs N]

Each figure is the median wall time (and CPU time) of whole processes (``python -m fupin_cli …``), output
discarded, after one warm-up run, the commands taking turns round by round, with bytecode cached as for an
installed program (PYTHONDONTWRITEBYTECODE is dropped). The bare app is the app of ``benchmarks/validate.py`` (nine commands with the same options); "bare, one command" runs
one of its commands, which makes typer load pydantic as every real command does. Target: every one-plan
command under 0.35 s on a machine where ``python -c pass`` takes about 15 ms; on a slower machine compare the
ratio to the bare app instead.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validate import BARE_APP  # noqa: E402  (the same bare app as the validate benchmark)

ROOT = Path(__file__).resolve().parent.parent
PLAN = "plans/2010-区教育局-扶贫济困日.yaml"
NOTICE = "tests/data/seeds/000_1955899c45ce4d2f.txt"


# as an installed program runs: with its bytecode cached (a machine may set PYTHONDONTWRITEBYTECODE)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(cmd: list[str]) -> tuple[float, float, int]:
    """Wall time and CPU time (user + system) of one run, and its exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    code = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV).returncode
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, code


def timed(commands: list[list[str]], runs: int) -> list[tuple[float, float, int]]:
    """Median wall and CPU time of each command over ``runs`` rounds; a round runs every command once, so a
    slow spell of the machine falls on all of them alike."""
    for cmd in commands:
        run_once(cmd)  # warm-up: bytecode written, files in the page cache
    samples: list[list[tuple[float, float, int]]] = [[] for _ in commands]
    for _ in range(runs):
        for i, cmd in enumerate(commands):
            samples[i].append(run_once(cmd))
    return [(statistics.median(s[0] for s in runs_), statistics.median(s[1] for s in runs_), runs_[-1][2])
            for runs_ in samples]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    py = sys.executable
    fupin = [py, "-m", "fupin_cli"]
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_app.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        rows = [("python -c pass", [py, "-c", "pass"]),
                ("bare typer app --help", [py, str(bare), "--help"]),
                ("bare typer app, one command", [py, str(bare), "validate", "x"]),
                ("fupin --help", fupin + ["--help"]),
                ("fupin validate <one plan>", fupin + ["validate", PLAN]),
                ("fupin deadlines <one plan>", fupin + ["deadlines", PLAN, "--as-of", "2010-06-20"]),
                ("fupin import <one notice>", fupin + ["import", NOTICE, "--year", "2020"])]
        results = [(name, *figures) for (name, _), figures in zip(rows, timed([cmd for _, cmd in rows], args.runs))]
    bare_wall, bare_cpu = results[2][1], results[2][2]
    width = max(len(r[0]) for r in results)
    print(f"{'what':<{width}}  wall s  ×bare command  cpu s  ×bare command  exit")
    for name, wall, cpu, code in results:
        print(f"{name:<{width}}  {wall:6.3f}  {wall / bare_wall:13.2f}  {cpu:5.3f}  {cpu / bare_cpu:13.2f}  {code}")


if __name__ == "__main__":
    main()
