"""Benchmark: `fupin deadlines` over 1,000 plans in one call (and the library call alone).

Run from the repository root:  python3 benchmarks/deadlines.py [--plans N] [--runs N]

The plans are the shipped ones copied N times (titles varied), every deadline resolved on the working-day
calendar with its status as of 2020-10-15. Figures are median wall times.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.validate import make_plans  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--plans", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_plans(folder, args.plans)
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "fupin_cli", "deadlines", str(folder), "--as-of",
                                   "2020-10-15", "--all-years", "--status", "all", "--format", "json"],
                                  cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - t0)
        rows = len(json.loads(proc.stdout)["rows"])
        from fupin_cli.engines.deadlines import collect_deadlines

        lib = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            report = collect_deadlines(paths=[str(folder)], as_of=date(2020, 10, 15), status_filter="all")
            lib.append(time.perf_counter() - t0)
    cli_t, lib_t = statistics.median(times), statistics.median(lib)
    print(f"fupin deadlines, {args.plans} plans, one call: {cli_t:.3f} s "
          f"({rows} rows, exit {proc.returncode}, {cli_t / args.plans * 1000:.2f} ms/plan)")
    print(f"collect_deadlines() alone:               {lib_t:.3f} s ({len(report.rows)} rows)")


if __name__ == "__main__":
    main()
