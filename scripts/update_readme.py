"""Regenerate the generated parts of README.md: the diagnostics table and the table of keys.

Run from the repository root after changing the model or the catalogue:  python3 scripts/update_readme.py
(tests/test_cli.py fails while README.md is stale).
"""

from __future__ import annotations

import re
from pathlib import Path

from fupin_cli.diagnostics import CATALOGUE
from fupin_cli.schema import key_table

README = Path(__file__).resolve().parent.parent / "README.md"


def codes_table() -> str:
    rows = ["| code | severity | 中文 | English |", "|---|---|---|---|"]
    for code, (severity, zh, en) in CATALOGUE.items():
        rows.append(f"| {code} | {severity} | {zh} | {en} |")
    return "\n".join(rows) + "\n"


def replace(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"README.md has no <!-- {name}:start --> … <!-- {name}:end --> section")
    return pattern.sub(lambda m: m.group(1) + body + m.group(2), text)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    text = replace(text, "codes", codes_table())
    text = replace(text, "keys", key_table())
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
