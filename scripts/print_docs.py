"""Regenerate the pictures of printed tables in docs/print/: one page of each kind of table, as LibreOffice prints
the workbook fupin writes.

Run from the repository root (needs LibreOffice, a Chinese font and pdfplumber — `bash .ci/run` installs them):

    python3 scripts/print_docs.py && git status docs/print

Each workbook below is written by the command line into a temporary folder, all are printed to PDF in one
LibreOffice call, and the first page of each sheet becomes docs/print/<table>.png.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "print"
#: the workbooks printed: a name, then the command's arguments (xlsx into <name>.xlsx)
JOBS = [
    ("xuanen", ["report", "plans/2015-宣恩县-扶贫日.yaml", "--as-of", "2015-10-15"]),
    ("district", ["report", "plans/2010-区教育局-扶贫济困日.yaml", "--as-of", "2010-07-01",
                  "--donation-rules", "examples/donation-rules.yaml"]),
    ("assign", ["assign", "plans/2010-区教育局-扶贫济困日.yaml", "--as-of", "2010-06-25"]),
    ("pairs", ["pairs", "plans/2020-县教育局-结对帮扶.yaml", "--as-of", "2020-11-02"]),
    ("briefing", ["pairs", "plans/2020-县教育局-结对帮扶.yaml", "--as-of", "2020-11-02", "--briefing", "2020-10"]),
    ("rollup", ["report", "--rollup", "examples/rollup", "--as-of", "2020-11-01", "--issuer", "县教体局"]),
]
#: a sheet's name → the picture's file name (the first sheet of that name wins)
PICTURES = {"活动安排及责任分工表": "responsibility", "报送时间表": "deadlines", "捐赠统计表": "donations",
            "大额捐赠登记表": "large", "捐赠公示名单": "publicity", "扶贫济困日活动情况统计表": "activities",
            "责任分工矩阵": "matrix", "各单位任务汇总": "unit-load", "结对情况表": "pairing", "走访达标情况": "compliance",
            "月度通报": "briefing", "扶贫日活动情况汇总表": "rollup"}
FOOTER = re.compile(r"^(\S+)\s+第\s*(\d+)\s*页$")
#: pixels per inch of the pictures (an A4 page is 11.7 inches wide)
RESOLUTION = 100


def main() -> int:
    if shutil.which("soffice") is None:
        sys.exit("LibreOffice (soffice) is missing: bash .ci/run installs it")
    import pdfplumber

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "FUPIN_STATE_DIR": str(work / "state"), "FUPIN_LANG": "zh"}
        books = []
        for name, args in JOBS:
            book = work / f"{name}.xlsx"
            done = subprocess.run([sys.executable, "-m", "fupin_cli", *args, "-f", "xlsx", "-o", str(book)],
                                  cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
            if done.returncode not in (0, 1) or not book.exists():
                sys.exit(f"fupin {' '.join(args)} failed:\n{done.stderr}")
            books.append(book)
        done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work}/lo", "--convert-to",
                               "pdf", "--outdir", str(work), *map(str, books)], capture_output=True, timeout=300)
        if done.returncode != 0:
            sys.exit(f"LibreOffice failed: {done.stderr.decode(errors='replace')}")
        OUT.mkdir(parents=True, exist_ok=True)
        written = []
        for book in books:
            with pdfplumber.open(work / f"{book.stem}.pdf") as pdf:
                for page in pdf.pages:
                    m = FOOTER.match(page.extract_text().splitlines()[-1].strip())
                    if not m or m.group(2) != "1" or m.group(1) not in PICTURES:
                        continue
                    target = OUT / f"{PICTURES[m.group(1)]}.png"
                    if target in written:
                        continue
                    page.to_image(resolution=RESOLUTION).save(target)
                    written.append(target)
        missing = sorted(set(PICTURES.values()) - {p.stem for p in written})
        for p in written:
            print(f"wrote {p.relative_to(ROOT)}")
        if missing:
            sys.exit(f"no printed page for {', '.join(missing)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
