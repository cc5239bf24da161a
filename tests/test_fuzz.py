"""A derandomised slice of the fuzzer (``fuzz/fuzz.py``): mutated plans, ledgers, visit logs, roll-up json and
notices through every command in-process — no exception but the library's own refusals, no hang, exit codes in
{0, 1, 2}, and most plan cases reach the semantic checks. The long run is ``python3 fuzz/fuzz.py --cases 100000``."""

from __future__ import annotations

import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "fuzz"))
import fuzz  # noqa: E402


def test_a_slice_of_the_fuzzer_finds_no_crash_and_mostly_reaches_the_checks():
    out = fuzz.run(2000, seed=0, timeout=20.0, quiet=True)
    assert [f"{kind} case {n}: {what}" for kind, n, what in out["failures"]] == []
    assert out["plan_cases"] == 400 and out["share_reached"] >= 0.5


def test_the_fuzzer_sees_a_crash():
    """The harness itself fails on an exception that is not the library's refusal (it cannot pass blindly)."""
    class Broken(fuzz.Fuzz):
        def notice(self, n):
            raise ZeroDivisionError("a crash")

    original = fuzz.Fuzz
    fuzz.Fuzz = Broken
    try:
        out = fuzz.run(5, seed=0, quiet=True, kinds=("notice",))
    finally:
        fuzz.Fuzz = original
    assert len(out["failures"]) == 5 and "ZeroDivisionError" in out["failures"][0][2]
