"""Nothing personal leaks: every command, in every format it offers, over a plan whose ledgers, activity records
and visit log are full of names, phone numbers and ID numbers in every form offices write them
(``tests/data/privacy/``: the ledger in UTF-8 and a GBK copy).

Each command runs as a subprocess; its stdout, its stderr and every file it writes (each XML part of an xlsx) are
searched for every phone and ID number of the fixture, compared on digits alone (NFKC, spaces, dashes and
brackets removed, so that a number written another way is still found), and for the full name of every person.
A person who consented (同意公示: 是) may appear in the 公示 list, nowhere else.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from fupin_cli.privacy import mask_name, scrub

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "privacy"
PLAN = FIXTURE / "隐私-扶贫日.yaml"
AS_OF = "2020-10-25"

#: every phone and ID number the fixture writes (in some form: spaced, dashed, +86, full-width …), as digits
NUMBERS = (
    # mobiles
    "13812345678", "13912345670", "15012345671", "15123456782", "15212345673", "15312345674", "15512345675",
    "13912345676", "15812345677", "15912345678", "13712345679", "18812345670", "18912345671", "17712345672",
    "14712345673", "13612345670", "13512345671", "15012340000", "13412345672", "13312345673", "13212345674",
    # landlines with their area codes
    "059187654321", "059187654322", "02012345673", "02012345674", "07558765435", "059187654326", "059187654327",
    # ID numbers, 18 and 15 characters
    "350102199001011234", "350102199001021235", "350102199001031236", "35010219900104123x", "350102900105127",
    "350102199001061238", "350102199001071239", "350102199001081230", "350102199001091231", "350102199001101232",
    "350102199001111233", "350102199001141236", "350102199001121234", "350102199001131235",
)
#: the persons of the ledgers, none of whom may appear by full name
PERSONS = ("王建国", "李秀英", "欧阳修远", "张伟", "陈小红", "周志明", "黄丽", "孙悦", "吴刚",
           # short names that end like a unit's (会, 科, 行, 校) and whose rows do not say 个人
           "张会", "王科", "李行", "陈建校")
#: a person who consented to publication (同意公示: 是): in the 公示 list only
CONSENTED = "赵敏"
#: a person whose name reads as a unit's (…行) and whose row does not say 个人
GUESSED = "马建行"

_NOT_DIGITS = re.compile(r"[\s\-()（）+]")


def digits_form(text: str) -> str:
    """``text`` as the search compares it: NFKC, lower case, without spaces, dashes, brackets and +."""
    return _NOT_DIGITS.sub("", unicodedata.normalize("NFKC", text).lower())


def number_leaks(blobs: dict[str, str]) -> list[tuple[str, str]]:
    """(where, number) for every fixture number found in the outputs."""
    found = []
    for where, text in blobs.items():
        flat = digits_form(text)
        found.extend((where, n) for n in NUMBERS if n.lower() in flat)
    return found


def name_leaks(blobs: dict[str, str], names: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(where, name) for where, text in blobs.items() for name in names
            if name in unicodedata.normalize("NFKC", text)]


# --- the runs ---------------------------------------------------------------------------------------------

def _runs() -> list[tuple[str, list[str], bool]]:
    """(label, arguments, whether its output is the 公示 list) for every command and format over the plan."""
    plan = str(PLAN)
    runs: list[tuple[str, list[str], bool]] = []
    for fmt in ("text", "json"):
        runs.append((f"validate-{fmt}", ["validate", plan, "-f", fmt], False))
    for fmt in ("table", "md", "csv", "json", "ics"):
        runs.append((f"deadlines-{fmt}", ["deadlines", plan, "--as-of", AS_OF, "--status", "all", "-f", fmt],
                     False))
    for view, extra in (("totals", []), ("large", ["--large"]), ("publicity", ["--publicity"]),
                        ("donor_type", ["--by", "donor_type"])):
        for fmt in ("table", "md", "csv", "json"):
            label = f"donations-{view}-{fmt}"
            runs.append((label, ["donations", "--plan", plan, *extra, "-f", fmt, "--rejects", f"OUT/{label}.rejects.csv"],
                         view == "publicity"))
    runs.append(("donations-en", ["donations", "--plan", plan, "--lang", "en", "--rejects", "OUT/en.rejects.csv"],
                 False))
    ledger = str(FIXTURE / "台账-gbk.csv")
    runs.append(("donations-gbk-file", ["donations", ledger, "-f", "json", "--rejects", "OUT/gbk.rejects.csv"], False))
    for fmt in ("table", "md", "csv", "json", "xlsx", "html"):
        runs.append((f"assign-{fmt}", ["assign", plan, "--as-of", AS_OF, "-f", fmt, "-o", f"OUT/assign-{fmt}/"], False))
    others = [a for t in ("responsibility", "deadlines", "donations", "large", "activities", "pairing", "compliance")
              for a in ("-t", t)]
    for fmt in ("xlsx", "csv", "md", "json", "html"):
        runs.append((f"report-{fmt}", ["report", plan, "--as-of", AS_OF, *others, "-f", fmt,
                                       "-o", f"OUT/report-{fmt}/"], False))
        runs.append((f"report-publicity-{fmt}", ["report", plan, "--as-of", AS_OF, "-t", "publicity", "-f", fmt,
                                                 "-o", f"OUT/report-publicity-{fmt}/"], True))
    for fmt in ("table", "md", "csv", "json", "xlsx"):
        runs.append((f"pairs-{fmt}", ["pairs", plan, "--as-of", AS_OF, "-f", fmt, "-o", f"OUT/pairs-{fmt}/"], False))
    runs.append(("pairs-briefing", ["pairs", plan, "--as-of", "2020-11-02", "--briefing", "2020-10", "-f", "json"],
                 False))
    for fmt in ("text", "json"):
        runs.append((f"calendar-{fmt}", ["calendar", "2020-10", "-f", fmt], False))
    return runs


def _read(path: Path) -> str:
    data = path.read_bytes()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            return "\n".join(f"[{name}]\n" + z.read(name).decode("utf-8", "replace") for name in z.namelist())
    return data.decode("utf-8", "replace")


def _run(tmp: Path, i: int, label: str, args: list[str]) -> dict[str, str]:
    out = tmp / "out"
    args = [a.replace("OUT/", f"{out}/") for a in args]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FUPIN_STATE_DIR": str(tmp / "state" / str(i)), "NO_COLOR": "1",
           "COLUMNS": "200"}
    env.pop("FUPIN_LANG", None)
    cwd = tmp / "cwd" / str(i)
    cwd.mkdir(parents=True)
    p = subprocess.run([sys.executable, "-m", "fupin_cli", *args], cwd=cwd, env=env, capture_output=True,
                       timeout=120)
    assert p.returncode in (0, 1), (label, p.returncode, p.stderr.decode("utf-8", "replace"))
    return {f"{label}: stdout": p.stdout.decode("utf-8", "replace"),
            f"{label}: stderr": p.stderr.decode("utf-8", "replace"),
            **{f"{label}: {f.name}": _read(f) for f in sorted(cwd.rglob("*")) if f.is_file()}}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> tuple[dict[str, str], set[str]]:
    """Every output of every run, by where it came from; and which of them are the 公示 list."""
    tmp = tmp_path_factory.mktemp("privacy")
    (tmp / "out").mkdir()
    runs = _runs()
    blobs: dict[str, str] = {}
    with ThreadPoolExecutor(max_workers=3) as pool:
        for got in pool.map(lambda r: _run(tmp, r[0], r[1][0], r[1][1]), enumerate(runs)):
            blobs.update(got)
    publicity = {label for label, _, pub in runs if pub}
    for f in sorted((tmp / "out").rglob("*")):
        if f.is_file():
            rel = f.relative_to(tmp / "out").as_posix()
            label = rel.split("/")[0].removesuffix(".rejects.csv")
            blobs[f"{label}: {rel}"] = _read(f)
    # outputs that are the 公示 list: what the publicity runs printed or wrote, not their stderr or rejects
    shown = {k for k in blobs if k.split(": ")[0] in publicity and not k.endswith(("stderr", ".rejects.csv"))}
    return blobs, shown


# --- the fixture is what it claims ------------------------------------------------------------------------

def test_the_fixture_writes_every_number_and_name():
    text = "".join((FIXTURE / n).read_text(encoding="utf-8")
                   for n in ("台账.csv", "活动记录.csv", "走访记录.csv"))
    gbk = (FIXTURE / "台账-gbk.csv").read_bytes().decode("gbk")
    assert gbk == (FIXTURE / "台账.csv").read_text(encoding="utf-8")
    assert {n for n in NUMBERS if n.lower() not in digits_form(text)} == set()
    assert all(name in text for name in PERSONS + (CONSENTED, GUESSED))
    # the forms the search must see through are there as written
    for form in ("138 1234 5678", "139-1234-5670", "+8615012345671", "+86 151 2345 6782", "86-15212345673",
                 "008615312345674", "１５５１２３４５６７５", "350102 19900101 1234", "3501 0219 9001 0212 35",
                 "ID350102199001031236", "身份证350102199001071239x", "0591-87654321", "(0591)87654322",
                 "（020）12345673", "020 1234 5674", "0755-8765435", "-801", "350102900105127"):
        assert form in text, form


def test_the_search_finds_a_planted_leak(outputs):
    blobs, _ = outputs
    planted = {**blobs, "planted": "联系人：王建国，电话 １３８-１２３４ ５６７８，身份证 3501 0219 9001 0212 35"}
    assert ("planted", "13812345678") in number_leaks(planted)
    assert ("planted", "350102199001021235") in number_leaks(planted)
    assert ("planted", "王建国") in name_leaks(planted, PERSONS)
    assert number_leaks({"masked": "138****5678 35*************235"}) == []


# --- what the runs printed and wrote ----------------------------------------------------------------------

def test_every_run_wrote_something(outputs):
    blobs, shown = outputs
    assert len(blobs) > 60
    assert any(k.endswith(".xlsx") for k in blobs) and any(k.endswith(".html") for k in blobs)
    assert any(k.endswith(".rejects.csv") for k in blobs) and shown
    everything = "\n".join(blobs.values())
    # masked forms are there (so the numbers were read, and masked), and so are amounts, dates and receipts
    for masked in ("137****5679", "139****5676", "158****5677", "189****5671", "王**", "欧阳**", "张*",
                   "***", "1,234.50", "12000.00", "2020-10-17", "20201017", "NO.2020-0009"):
        assert masked in everything, masked


def test_no_phone_or_id_number_anywhere(outputs):
    blobs, _ = outputs
    assert number_leaks(blobs) == []


def test_no_full_name_of_a_person(outputs):
    blobs, shown = outputs
    assert name_leaks(blobs, PERSONS) == []
    assert [where for where, _ in name_leaks(blobs, (CONSENTED,)) if where not in shown] == []
    assert name_leaks({k: blobs[k] for k in shown}, (CONSENTED,))  # consent: by name in the 公示 list


def test_no_full_name_of_a_person_whose_name_could_read_as_a_units(outputs):
    # 马建行 ends like a bank's name, but a person may be called so: the guess fails safe (a person, masked)
    blobs, _ = outputs
    assert name_leaks(blobs, (GUESSED,)) == []


# --- scrub, case by case ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,masked", [
    ("13812345678", "138****5678"),
    ("138 1234 5678", "138****5678"),
    ("138-1234-5678", "138****5678"),
    ("+8613812345678", "+86 138****5678"),
    ("+86 138 1234 5678", "+86 138****5678"),
    ("86-13812345678", "86 138****5678"),
    ("0086 13812345678", "0086 138****5678"),
    ("１３８１２３４５６７８", "138****5678"),
    ("电话：１３８－１２３４－５６７８。", "电话：138****5678。"),
    ("350102199001011234", "35*************234"),
    ("35010219900101123X", "35*************23X"),
    ("350102 19900101 1234", "35*************234"),
    ("3501 0219 9001 0112 34", "35*************234"),
    ("ID350102199001011234", "ID35*************234"),
    ("身份证350102199001011234x", "身份证35*************234x"),
    ("３５０１０２１９９００１０１１２３４", "35*************234"),
    ("350102900101123", "35**********123"),
    ("0591-87654321", "0591-****4321"),
    ("(0591)87654321", "0591-****4321"),
    ("（020）12345678", "020-****5678"),
    ("020 1234 5678", "020-****5678"),
    ("0755-8765432", "0755-****5432"),
    ("0591-87654321-801", "0591-****4321-***"),
    ("059187654321", "0591-****4321"),
    ("2020-10-17 13812345678", "2020-10-17 138****5678"),
    ("100 13812345678", "100 138****5678"),
    ("13812345678,13900001111", "138****5678,139****1111"),
])
def test_scrub_masks_every_form(text, masked):
    assert scrub(text) == masked
    assert number_leaks({"scrubbed": scrub(text)}) == []


@pytest.mark.parametrize("text", ["1,234.50", "12000.00", "2020-10-17", "20201017", "NO.2020-0015", "¥1234.5",
                                  "1.2万", "40359", "12.345", "2010-06-31", "CS2010-0001", "高一（1）班",
                                  "87654321", "99999999999", "1" * 27, "壹仟贰佰叁拾肆元伍角"])
def test_scrub_leaves_amounts_dates_and_receipt_numbers(text):
    # a plain 8-digit number alone (87654321) is not masked: as likely an amount, a date or a receipt number
    assert scrub(text) == text


def test_masked_names_keep_the_surname_only():
    assert [mask_name(n) for n in PERSONS[:3]] == ["王**", "李**", "欧阳**"]


def test_the_publicity_list_names_units_and_keeps_anonymous_labels(outputs):
    blobs, shown = outputs
    listed = "\n".join(blobs[k] for k in shown)
    # units by name (the guess knows 县妇联, 城关一中, 大廊村 cannot be persons), labels as written
    for name in ("县妇联", "城关一中", "大廊村", "福州某某科技有限公司", "爱心人士", "匿名"):
        assert name in listed, name
    assert "匿*" not in listed and "爱***" not in listed
