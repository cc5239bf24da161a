"""Findings are plain data: two identical diagnostics compare equal, hash alike, pickle and serialise to JSON the
same way everywhere; one policy decides exit codes, unreadable input and the "did you mean" hint."""

from __future__ import annotations

import json
import pickle

import pytest

from fupin_cli.diagnostics import (UNREADABLE, Diagnostic, Findings, FupinError, InputError, Text, UsageError, diag,
                                   did_you_mean)
from fupin_cli.engines.validate import validate_paths
from fupin_cli.safety import OutputError

from .conftest import BROKEN, PLANS


def test_identical_findings_are_equal_hashable_and_picklable():
    a = diag("FP103", file="p.yaml", line=3, column=5, unit="政体股", hint=did_you_mean("政体股", ["政教股"]))
    b = diag("FP103", file="p.yaml", line=3, column=5, unit="政体股", hint=did_you_mean("政体股", ["政教股"]))
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    c = pickle.loads(pickle.dumps(a))
    assert c == a and c.message("en") == "lead unit “政体股” is not defined; did you mean “政教股”?"
    assert json.loads(json.dumps(a.to_dict())) == c.to_dict()


def test_every_finding_of_every_broken_plan_is_data():
    report = validate_paths(paths=[str(BROKEN)])
    assert len(report.diagnostics) > 50
    for d in report.diagnostics:
        again = pickle.loads(pickle.dumps(d))
        assert again == d and hash(again) == hash(d)
        assert again.format("en") == d.format("en") and again.format() == d.format()
        json.dumps(d.to_dict("en"), ensure_ascii=False)


def test_a_function_as_message_argument_is_refused():
    with pytest.raises(TypeError):
        diag("FP002", file="x", reason=lambda lang: "no")


def test_text_renders_by_language():
    t = Text("是目录", "is a directory")
    assert (t("zh"), t("en"), str(t)) == ("是目录", "is a directory", "是目录")
    assert diag("FP002", file="x", reason=t).message("en") == "cannot read: is a directory"
    assert pickle.loads(pickle.dumps(t)) == t


def test_did_you_mean_is_one_policy():
    assert did_you_mean("政体股", ["政教股", "计财股"]) == Text("，是否应为“政教股”？", "; did you mean “政教股”?")
    assert did_you_mean("完全不同", ["政教股"]) == ""


def test_one_bilingual_error_class():
    for cls in (InputError, UsageError, OutputError):
        e = cls("输出文件就是输入文件", "the output is an input")
        assert isinstance(e, FupinError) and (e.zh, e.en) == ("输出文件就是输入文件", "the output is an input")
        again = pickle.loads(pickle.dumps(e))
        assert type(again) is cls and again.text == e.text


@pytest.mark.parametrize("codes, strict, expected", [
    ((), False, 0),
    (("FP204",), False, 0),          # a warning
    (("FP204",), True, 1),           # a warning, strict
    (("FP103",), False, 1),          # an error
    (("FP103", "FP001"), False, 2),  # unreadable wins
])
def test_exit_code_of_findings(codes, strict, expected):
    f = Findings(diagnostics=[diag(c, file="x", unit="u", title="t", ref="r") for c in codes])
    assert f.exit_code(strict) == expected


def test_unreadable_codes_are_one_list():
    assert {"FP001", "FP002", "FP003", "FP004", "FP006", "FP012"} <= UNREADABLE
    assert {c for c in UNREADABLE if c.startswith("FP02")} == {"FP020", "FP021", "FP022", "FP023", "FP024"}
    assert all(Diagnostic(c, "error").unreadable for c in UNREADABLE)


def test_a_shipped_plan_is_clean_even_strict():
    report = validate_paths(paths=[str(PLANS / "2010-区教育局-扶贫济困日.yaml")])
    assert report.exit_code(strict=True) == 0
