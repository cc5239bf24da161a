"""汇总上报: a row per unit, from the units' plans (with their ledgers and activity records) or from the json
reports they sent (a json report each, or the one document of ``fupin report -f json -o -`` over several plans),
and a 合计 row."""

from __future__ import annotations

import glob
import json
import os
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import ClassVar

from ..diagnostics import Findings, FupinError, Text, diag
from ..engines.ledger.plans import plan_input_files
from ..engines.ledger.report import REJECT_CODES
from ..engines.validate import validate_plan
from ..loading.files import not_regular
from ..money import MAX_AMOUNT, ZERO, quantize
from ..render.document import schema_name
from ..table import Column, Table, total_in_words
from .base import TOTAL, official
from .report import REPORT_SCHEMA, activity_columns, build_report

#: the figures of a unit's summary row: counts, and amounts in 元
_COUNTS = ("activities", "participants", "beneficiaries", "gifts", "donors")
_AMOUNTS = ("cash", "goods", "total")
#: a json report is read whole: one larger than this is refused (a report of every plan of a county is far less)
MAX_JSON_BYTES = 50 * 1024 * 1024


def unit_summary(unit: str, tables: list[Table]) -> dict:
    """One unit's figures for the level above, taken from its own tables (nothing is recomputed): donations from
    the 捐赠统计表, activities from the 扶贫日活动情况统计表 (whose money counts only where there is no ledger)."""
    out: dict = {"unit": unit, **{k: 0 for k in _COUNTS}, **{k: ZERO for k in _AMOUNTS}}
    by_name = {t.name: t for t in tables}
    for name, keys in (("activities", ("activities", "participants", "beneficiaries") + _AMOUNTS),
                       ("donations", ("gifts", "donors") + _AMOUNTS)):
        table = by_name.get(name)
        if table is not None and table.total:
            rec = dict(zip((c.key for c in table.columns), table.total))
            out.update((k, rec[k]) for k in keys)
    return out


def rollup_table(summaries: list[dict], issuer: str | None, as_of: date, lang: str = "zh",
                 rmb: bool = False) -> Table:
    """扶贫日活动情况汇总表: a row per unit and a 合计 row, from units' plans or the json reports they sent
    (``rmb``: 人民币 before the total in 大写)."""
    columns = activity_columns(Column("gifts", "捐赠笔数", "Gifts", "int"), Column("donors", "捐赠人数", "Donors", "int"))
    rows = [[s[c.key] for c in columns] for s in summaries]
    total = [TOTAL(lang)] + [quantize(sum((r[i] for r in rows), ZERO)) if c.kind == "money" else
                             sum(r[i] for r in rows) for i, c in enumerate(columns) if i]
    notes = [total_in_words(total[-1], rmb)(lang), Text(f"汇总单位 {len(rows)} 个", f"{len(rows)} units")(lang)]
    return official(Table("rollup", "扶贫日活动情况汇总表", columns, rows, title_en="Roll-up by unit",
                          unit_of_measure="元", total=total, notes=notes), issuer, as_of, lang)


#: the largest count a summary row may carry (participants, gifts …)
MAX_COUNT = 10 ** 12


def _bad_field(key: str, value: object, why_zh: str, why_en: str) -> ValueError:
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
    return ValueError(Text(f"summary.{key} 的值 {shown} {why_zh}", f"summary.{key} = {shown} {why_en}"))


def summary_from_json(doc: dict) -> dict:
    """A json report's summary row (amounts back to Decimal). Raises ValueError (its argument a ``Text``) naming
    the field when the row is not one a report writes: a unit name, whole counts from 0, amounts as numbers from
    0 and below 10^15 元."""
    if not isinstance(doc, dict) or not isinstance(doc.get("summary"), dict):
        raise ValueError(Text("缺少 summary 对象", "no summary object"))
    s = dict(doc["summary"])
    for key in ("unit",) + _COUNTS + _AMOUNTS:
        if key not in s:
            raise ValueError(Text(f"summary 缺少字段 {key}", f"summary has no field {key}"))
    if not isinstance(s["unit"], str) or not s["unit"].strip():
        raise _bad_field("unit", s["unit"], "不是单位名称", "is not a unit name")
    for k in _COUNTS:
        v = s[k]
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v < MAX_COUNT:
            raise _bad_field(k, v, f"不是 0 到 {MAX_COUNT} 之间的整数", f"is not a whole number from 0 below {MAX_COUNT}")
    for k in _AMOUNTS:
        v = s[k]
        try:
            if isinstance(v, bool) or not isinstance(v, (str, int)):
                raise InvalidOperation
            amount = Decimal(v)
        except (InvalidOperation, ValueError):
            raise _bad_field(k, v, "不是金额", "is not an amount") from None
        if not amount.is_finite() or not ZERO <= amount < MAX_AMOUNT:
            raise _bad_field(k, v, "不在 0 到 10^15 元之间", "is not an amount from 0 below 10^15 yuan")
        s[k] = amount
    return s


class RollupInputError(FupinError):
    """A roll-up input that is not a fupin json report."""


@dataclass
class Rollup(Findings):
    """Units' summary rows; a plan that does not check fails the roll-up, a ledger's rejected rows do not."""

    lenient: ClassVar[frozenset[str]] = REJECT_CODES

    files: list[str] = field(default_factory=list)
    summaries: list[dict] = field(default_factory=list)
    missing: bool = False
    #: a unit came twice (its plan and its json report, one file given twice, two files of one unit): FP801
    duplicated: bool = False
    #: every file read: the inputs given, and the ledgers and records the plans among them name
    inputs: list[str] = field(default_factory=list)


def _json_summaries(path: str) -> list[dict]:
    """The summary rows of a json file: a json report (one), or the document ``fupin report -f json -o -``
    prints (one per plan in it; a plan there without a report, one that did not check, fails the roll-up)."""
    try:
        if os.path.getsize(path) > MAX_JSON_BYTES:
            raise ValueError(f"larger than {MAX_JSON_BYTES // 1024 // 1024} MB")
        with open(path, "rb") as fh:
            raw = fh.read(MAX_JSON_BYTES + 1)
        if len(raw) > MAX_JSON_BYTES:
            raise ValueError(f"larger than {MAX_JSON_BYTES // 1024 // 1024} MB")
        doc = json.loads(raw.decode("utf-8-sig"))
        if doc.get("schema") == schema_name("report"):
            results = doc.get("results")
            if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
                raise ValueError(Text("results 应为报表对象的列表", "results is not a list of reports"))
            docs = [r["report"] for r in results]
            if any(d is None for d in docs):
                failed = ", ".join(str(r["file"]) for r in doc["results"] if r["report"] is None)
                raise ValueError(f"no report for {failed}")
        elif doc.get("schema") == REPORT_SCHEMA:
            docs = [doc]
        else:
            raise ValueError(f"schema is neither {REPORT_SCHEMA} nor {schema_name('report')}")
        return [summary_from_json(d) for d in docs]
    except RecursionError:  # nesting deeper than a report ever writes
        raise RollupInputError(f"{path} 不是 fupin 的 json 报表：嵌套层数过多",
                               f"{path} is not a fupin json report: nested too deeply") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        why = e.args[0] if e.args and isinstance(e.args[0], Text) else Text(str(e))
        raise RollupInputError(f"{path} 不是 fupin 的 json 报表：{why.zh}",
                               f"{path} is not a fupin json report: {why.en}") from None


def collect_rollup(inputs: list[str], *, as_of: date, cal, lang: str = "zh") -> Rollup:
    """The units' summary rows, from their plans (folders: *.yaml, *.yml) or their json reports (*.json).

    A unit seen twice — a folder holding both its plan and its json report, one file given twice, two files of
    one unit — is FP801 (an error naming both files) and ``duplicated``: a roll-up must not count a unit twice."""
    out = Rollup()
    for p in inputs:
        if os.path.isdir(p):
            out.files += sorted(f for ext in ("yaml", "yml", "json") for f in glob.glob(os.path.join(p, f"*.{ext}")))
        elif os.path.exists(p):
            out.files.append(p)
        else:
            out.diagnostics.append(diag("FP001", file=p))
            out.missing = True
    for f in out.files:  # a FIFO or a device (x.json in a folder too) is never opened: it would hang or never end
        if (special := not_regular(f)) is not None:
            out.diagnostics.append(special)
            out.missing = True
    if out.missing:
        return out
    sources: dict[str, str] = {}  # unit -> the file its row came from
    for f in out.files:
        if f.endswith(".json"):
            summaries = _json_summaries(f)
        else:
            lp = validate_plan(f, cal)
            out.inputs += plan_input_files(lp.file, lp.plan)
            errors = [d for d in lp.diagnostics if d.severity == "error"]
            if lp.plan is None or errors:
                out.diagnostics += errors
                continue
            tables, diags = build_report(lp, as_of=as_of, cal=cal, names=["donations", "activities"], lang=lang)
            out.diagnostics += diags
            summaries = [unit_summary(lp.plan.issuer or lp.plan.title, tables)]
        for summary in summaries:
            unit = str(summary["unit"])
            if unit in sources:  # counted once only: the roll-up stops (no table), naming both sources
                out.diagnostics.append(diag("FP801", file=f, unit=unit, first=sources[unit], second=f))
                out.duplicated = True
                continue
            sources[unit] = f
            out.summaries.append(summary)
    return out
