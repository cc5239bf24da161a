"""Evaluate `fupin import` against expected extractions written by reading the seed notices.

Run from the repository root:  python3 benchmarks/import_eval.py [--json]

For each file in tests/import_expected/ the importer reads the named seed notice (one part, or a range of lines)
with no year given, and its extraction is compared with what a reader found, per field:
- year, theme: exact;
- activities: titles matched one to one (similarity ≥ 0.6);
- lead and support: (activity, unit) pairs over the matched activities;
- deadlines: (month-day, receiving unit) pairs.
It prints precision and recall per field and in total.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT / "tests" / "data" / "seeds"  # copies of the seed notices, shipped so that tests read no outside file

from fupin_cli.engines.importer import clean, extract, split  # noqa: E402


def draft_for(case: dict):
    text = (SEEDS / case["seed"]).read_text(encoding="utf-8")
    if "lines" in case:
        a, b = case["lines"]
        text = "\n".join(text.split("\n")[a - 1:b])
        body = split(clean(text))[0][1]
    else:
        body = split(clean(text))[case["pick"] - 1][1]
    return extract(body, year=None)


def _match(expected: list[str], found: list[str]) -> dict[int, int]:
    pairs = sorted(((difflib.SequenceMatcher(None, e, f).ratio(), i, j) for i, e in enumerate(expected)
                    for j, f in enumerate(found)), reverse=True)
    out: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in pairs:
        if score < 0.6:
            break
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def score(case: dict, draft) -> dict[str, tuple[int, int, int]]:
    """field -> (true positives, found, expected)."""
    acts = draft.all_activities()
    leaves = [a for a in acts if a.lead or not a.children]
    found_titles = [a.title for a in leaves]
    exp = case.get("activities", [])
    match = _match([a["title"] for a in exp], found_titles)
    out = {"activities": (len(match), len(found_titles), len(exp))}
    for key in ("lead", "support"):
        want = {(i, u) for i, a in enumerate(exp) for u in a.get(key) or []}
        got = set()
        inv = {j: i for i, j in match.items()}
        for j, a in enumerate(leaves):
            f = getattr(a, key)
            for u in (f.value if f else []):
                got.add((inv.get(j, -1 - j), u))
        out[key] = (len(want & got), len(got), len(want))
    want_dl = {(d["due"], d["to"]) for d in case.get("deadlines", [])}
    got_dl = set()
    for s in draft.submissions:
        if s.due.value:
            import re

            m = re.search(r"(\d{1,2})月(\d{1,2})日", s.due.value)
            if m:
                got_dl.add((f"{int(m.group(1)):02d}-{int(m.group(2)):02d}", (s.to or "").replace("__", "")))
    want_dl = {(d, (t or "").replace("__", "")) for d, t in want_dl}
    # the same receiving unit, written in full or short (区教育局办公室 / 办公室)
    hits = {w for w in want_dl for g in got_dl if w[0] == g[0] and (w[1].endswith(g[1]) or g[1].endswith(w[1]))}
    out["deadlines"] = (len(hits), len(got_dl), len(want_dl))
    year = draft.year.value if draft.year else None
    out["year"] = (int(year == case.get("year")), 1, 1)
    if "theme" in case:
        got_theme = draft.theme.value if draft.theme else None
        def norm(t: str) -> str:
            return t.replace("・", "·").replace(",", "，").strip("。“”")

        ok = bool(got_theme) and norm(got_theme) == norm(case["theme"])
        out["theme"] = (int(ok), int(got_theme is not None), 1)
    return out


def evaluate() -> tuple[dict, dict]:
    per_case = {}
    totals: dict[str, list[int]] = {}
    import yaml

    for path in sorted((ROOT / "tests" / "import_expected").glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        s = score(case, draft_for(case))
        per_case[path.stem] = s
        for k, (tp, f, e) in s.items():
            t = totals.setdefault(k, [0, 0, 0])
            t[0] += tp
            t[1] += f
            t[2] += e
    return per_case, totals


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    per_case, totals = evaluate()
    if args.json:
        print(json.dumps({"cases": per_case, "totals": totals}, ensure_ascii=False, indent=2))
        return
    print(f"{'field':<12} {'precision':>9} {'recall':>7}   (true positives / found / expected)")
    for k, (tp, f, e) in totals.items():
        p = tp / f if f else 1.0
        r = tp / e if e else 1.0
        print(f"{k:<12} {p:9.2f} {r:7.2f}   ({tp} / {f} / {e})")
    for name, s in per_case.items():
        print(f"  {name}: " + ", ".join(f"{k} {tp}/{f}/{e}" for k, (tp, f, e) in s.items()))


if __name__ == "__main__":
    main()
