"""Regenerate the golden files of `fupin report` (md, csv and json of each table of each shipped plan).

Run from the repository root after an intended change in a table, then read the diff before committing:

    python3 tests/golden/regenerate.py && git diff tests/golden

tests/test_report.py compares the same renderings with these files byte for byte.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from fupin_cli.engines.calendar import WorkCalendar  # noqa: E402
from fupin_cli.engines.validate import validate_plan  # noqa: E402
from fupin_cli.render.flat import render_csv, table_dict  # noqa: E402
from fupin_cli.render.text import render_markdown  # noqa: E402
from fupin_cli.reports import build_report  # noqa: E402

GOLDEN = Path(__file__).resolve().parent


def as_of(plan) -> date:
    """A fixed day in each plan's campaign: the week before its campaign day."""
    return date(plan.year, 6, 25) if plan.campaign_day == "06-30" else date(plan.year, 10, 15)


def renderings():
    """(relative path, bytes) for every table of every shipped plan."""
    cal = WorkCalendar()
    for plan_file in sorted((ROOT / "plans").glob("*.yaml")):
        lp = validate_plan(str(plan_file.relative_to(ROOT)))
        tables, _ = build_report(lp, as_of=as_of(lp.plan), cal=cal)
        for t in tables:
            base = f"{plan_file.stem}/{t.name}"
            yield f"{base}.md", render_markdown(t).encode("utf-8")
            yield f"{base}.csv", render_csv(t)
            yield f"{base}.json", (json.dumps(table_dict(t), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def main() -> None:
    import os

    os.chdir(ROOT)
    count = 0
    for rel, data in renderings():
        path = GOLDEN / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        count += 1
    print(f"wrote {count} golden files under {GOLDEN.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
