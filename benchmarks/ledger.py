"""Benchmark: `fupin donations --by unit` on a generated ledger, beside DuckDB on the same file.

Run from the repository root:  python3 benchmarks/ledger.py [--rows 1000000] [--runs 3]
(DuckDB is optional: `python3 -m pip install duckdb`; without it that column is skipped.)

The ledger looks like a county's: 200 schools, classes, realistic names (surname + given name, so names repeat
across schools), amounts as people type them (50, 20.5, 100.00), dates in October, UTF-8, comma separated.
Figures: median wall time of the whole command (start-up included), rows per second, and the peak resident
memory of the child process (ru_maxrss).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红燕鹏辉建国志宏海波宇浩然子涵梓轩欣怡佳琪"
AMOUNTS = ["10", "20", "50", "100", "200", "20.5", "35.50", "100.00", "8", "15", "30", "500", "1000", "12.8"]


def generate(path: Path, rows: int, seed: int = 17) -> None:
    rnd = random.Random(seed)
    schools = [f"第{i}中学" if i % 3 else f"第{i}小学" for i in range(1, 201)]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("序号,日期,捐赠人,所属单位,班级,类型,金额\n")
        for i in range(1, rows + 1):
            name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2))))
            fh.write(f"{i},2020-10-{rnd.randint(10, 20)},{name},{rnd.choice(schools)},{rnd.randint(1, 6)}班,款,"
                     f"{rnd.choice(AMOUNTS)}\n")


_MEASURE = """
import resource, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
elapsed = time.perf_counter() - t0
sys.stdout.buffer.write(proc.stdout)
sys.stderr.write(f"{elapsed} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n")
"""


def timed(cmd: list[str], runs: int) -> tuple[float, int, bytes]:
    """Median wall time, the largest peak RSS (KB) of the measured process itself, and its output."""
    times, peaks, out = [], [], b""
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], cwd=ROOT, capture_output=True)
        elapsed, peak = proc.stderr.decode().split()[-2:]
        times.append(float(elapsed))
        peaks.append(int(peak))
        out = proc.stdout
    return statistics.median(times), max(peaks), out


DUCKDB = """
import sys, duckdb
con = duckdb.connect()
rows = con.execute("SELECT 所属单位, sum(金额), count(*) FROM read_csv(?, header=true, "
                   "columns={'序号':'VARCHAR','日期':'VARCHAR','捐赠人':'VARCHAR','所属单位':'VARCHAR','班级':'VARCHAR',"
                   "'类型':'VARCHAR','金额':'DECIMAL(18,2)'}) GROUP BY 1 ORDER BY 1", [sys.argv[1]]).fetchall()
print(len(rows), sum(r[1] for r in rows))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    # compile once, so that no run pays for compiling the package (PYTHONDONTWRITEBYTECODE may be set)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "fupin_cli")], check=False)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "县捐款台账.csv"
        t0 = time.perf_counter()
        generate(path, args.rows)
        size = os.path.getsize(path) / 1e6
        print(f"generated {args.rows:,} rows ({size:.0f} MB) in {time.perf_counter() - t0:.1f} s")
        t, peak, out = timed([sys.executable, "-m", "fupin_cli", "donations", str(path), "--by", "unit",
                              "--format", "json"], args.runs)
        import json

        total = json.loads(out)["total"]["total"] if out else "?"
        print(f"fupin donations --by unit: {t:.2f} s, {args.rows / t:,.0f} rows/s, peak {peak / 1024:.0f} MB, "
              f"total {total}")
        try:
            import duckdb  # noqa: F401
        except ImportError:
            print("duckdb not installed: python3 -m pip install duckdb")
            return
        script = Path(tmp) / "duck.py"
        script.write_text(DUCKDB, encoding="utf-8")
        dt, dpeak, dout = timed([sys.executable, str(script), str(path)], args.runs)
        print(f"DuckDB GROUP BY:           {dt:.2f} s, {args.rows / dt:,.0f} rows/s, peak {dpeak / 1024:.0f} MB, "
              f"groups/total {dout.decode().strip()}")
        print(f"ratio fupin / DuckDB: {t / dt:.1f}x")


if __name__ == "__main__":
    main()
