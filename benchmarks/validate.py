"""Benchmark: start-up of `fupin --help`, `fupin validate plans/`, and one call validating 1,000 plans.

Run from the repository root:  python3 benchmarks/validate.py [--runs N]

Targets (2-core machine): `fupin --help` within 1.3x of a bare typer app with the same commands;
1,000 plans validated by one call in under 5 s. Each figure is the median wall time of whole processes.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COMMANDS = ["validate", "deadlines", "donations", "assign", "report", "pairs", "import", "calendar", "schema"]

BARE_APP = """
from typing import Annotated, Optional
from enum import Enum
import typer

class Fmt(str, Enum):
    text = "text"
    json = "json"

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
""" + "".join(f"""
@app.command("{name}")
def cmd_{i}(paths: Annotated[Optional[list[str]], typer.Argument()] = None,
            format: Annotated[Fmt, typer.Option("--format", "-f")] = Fmt.text,
            strict: Annotated[bool, typer.Option("--strict")] = False,
            output: Annotated[Optional[str], typer.Option("--output", "-o")] = None,
            lang: Annotated[Optional[str], typer.Option("--lang")] = None) -> None:
    \"\"\"The {name} command.\"\"\"
""" for i, name in enumerate(COMMANDS)) + """
app()
"""


def timed(cmd: list[str], runs: int, cwd: Path = ROOT) -> tuple[float, int]:
    times = []
    code = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
        code = proc.returncode
    return statistics.median(times), code


def make_plans(folder: Path, n: int) -> None:
    shipped = sorted((ROOT / "plans").glob("*.yaml"))
    for i in range(n):
        src = shipped[i % len(shipped)]
        text = src.read_text(encoding="utf-8")
        # vary every plan a little so nothing can be cached between files
        text = text.replace("标题: ", f"标题: 第{i}号 ", 1)
        # the copies live elsewhere: drop the ledger and record paths, which are relative to plans/
        text = re.sub(r"^(台账|活动记录):\n(?:  - .*\n)+", "", text, flags=re.M)
        text = re.sub(r"^  走访记录:\n(?:    - .*\n)+", "", text, flags=re.M)
        (folder / f"plan-{i:04d}.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--plans", type=int, default=1000)
    args = ap.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        bare = tmpdir / "bare_app.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        rows = []
        base, _ = timed([py, "-c", "pass"], args.runs)
        rows.append(("python -c pass", base, ""))
        bare_help, _ = timed([py, str(bare), "--help"], args.runs)
        rows.append(("bare typer app --help", bare_help, ""))
        help_t, _ = timed([py, "-m", "fupin_cli", "--help"], args.runs)
        rows.append(("fupin --help", help_t, f"{help_t / bare_help:.2f}x bare (target <= 1.30x)"))
        val_t, code = timed([py, "-m", "fupin_cli", "validate", "plans/"], args.runs)
        rows.append(("fupin validate plans/", val_t, f"exit {code}"))
        many = tmpdir / "many"
        many.mkdir()
        make_plans(many, args.plans)
        many_t, code = timed([py, "-m", "fupin_cli", "validate", "--quiet", str(many)], max(3, args.runs // 5))
        rows.append((f"fupin validate {args.plans} plans", many_t,
                     f"exit {code}; {many_t / args.plans * 1000:.2f} ms/plan (target < 5 s)"))
        shutil.rmtree(many)
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  median s  note")
    for name, t, note in rows:
        print(f"{name:<{width}}  {t:8.3f}  {note}")


if __name__ == "__main__":
    main()
