"""The pieces every plan model is made of: :func:`field` with its Chinese key names, the value parsers (dates
without a year, amounts, name lists, years, 是/否) as annotated types, and the :class:`PlanModel` base."""

from datetime import date, time
from decimal import Decimal
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from ..dates import DateError, normalize_text, parse_clock, parse_span, parse_when
from ..diagnostics import InputError
from ..money import AmountError, parse_amount


def _empty_list() -> list:
    return []


def field(*zh: str, default: Any = None, description: str = "", alias: str | None = None, **kw: Any) -> Any:
    """A model field with its accepted Chinese key names (the first is the preferred one)."""
    extra = {"zh": list(zh)}
    if kw.get("default_factory") is list:
        # the same empty list; pydantic reads a factory's signature when it builds a model, and reading the
        # builtin ``list``'s takes some 30 times as long as a function's (≈10 ms over the plan's 35 list fields)
        kw["default_factory"] = _empty_list
    if "default_factory" in kw:
        return Field(description=description, json_schema_extra=extra, alias=alias, **kw)
    return Field(default, description=description, json_schema_extra=extra, alias=alias, **kw)


# --- value parsers shared by the models --------------------------------------------------------------

def date_error(e: InputError) -> PydanticCustomError:
    """A pydantic error carrying both languages that the loader reports as FP106 (invalid date)."""
    return PydanticCustomError("fp_date", "{en}", {"zh": e.zh, "en": e.en})


def value_error(e: InputError) -> PydanticCustomError:
    """A pydantic error carrying both languages that the loader reports as FP102 (invalid value)."""
    return PydanticCustomError("fp_value", "{en}", {"zh": e.zh, "en": e.en})


def context_year(info: ValidationInfo) -> int | None:
    """The plan's year, for dates written without one (``10月19日``)."""
    ctx = info.context or {}
    year = ctx.get("year")
    return year if isinstance(year, int) else None


def _to_date(value: Any, info: ValidationInfo) -> Any:
    """A date as written (``10月19日``, ``10月中旬``, ``9―10月``, ``10月19日17:00前``): a ``Day`` that keeps the text,
    the last day and the time."""
    if value is None:
        return None
    try:
        return parse_when(value, context_year(info))
    except DateError as e:
        raise date_error(e) from None


def _to_clock(value: Any) -> Any:
    if value is None:
        return None
    try:
        return parse_clock(value)
    except DateError as e:
        raise date_error(e) from None


def range_fields(text: str, info: ValidationInfo) -> dict[str, date]:
    """"10月10日至10月20日" (or 9月至11月, 10月) -> ``{"start": …, "end": …}``, the fields of a date range."""
    try:
        start, end = parse_span(text, context_year(info))
    except DateError as e:
        raise date_error(e) from None
    return {"start": start, "end": end}


def _to_amount(value: Any) -> Any:
    if value is None:
        return None
    try:
        return parse_amount(value)
    except AmountError as e:
        raise value_error(e) from None


_SEPARATORS = "、，,；;／/"
_OPEN, _CLOSE = "（(〔[【《“", "）)〕]】》”"


def split_list(text: str) -> list[str]:
    """"办公室、教育工会、政体股" -> three names; a separator inside brackets does not split:
    "各县（市、区）教体局、市直学校" -> ["各县（市、区）教体局", "市直学校"]."""
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in text.strip():
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        if ch in _SEPARATORS and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def _to_names(value: Any) -> Any:
    """Unit lists: a YAML list, or one string "办公室、教育工会、政体股"."""
    if value is None:
        return []
    if isinstance(value, str):
        return split_list(value)
    return value


def _to_year(value: Any) -> Any:
    if isinstance(value, str) and value.strip().rstrip("年").strip().isdigit():
        return int(value.strip().rstrip("年"))
    return value


_YES = {"是", "对", "允许", "可以", "有", "含", "包含", "true", "yes", "y"}
_NO = {"否", "不", "不允许", "不可以", "无", "不含", "不包含", "false", "no", "n"}


def _to_bool(value: Any) -> Any:
    if isinstance(value, str):
        text = normalize_text(value).lower()
        if text in _YES:
            return True
        if text in _NO:
            return False
    return value


_TEXT_OR_LIST = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
PlanDate = Annotated[date, BeforeValidator(_to_date),
                     WithJsonSchema({"type": "string", "description": "2020-10-19 / 2020年10月19日 / 10月19日（前） / "
                                     "10月 / 10月中旬 / 10月底前 / 9―10月 / 10月19日17:00前"})]
Clock = Annotated[time, BeforeValidator(_to_clock),
                  WithJsonSchema({"type": "string", "description": "时刻: 17:00 / 17:00前 / 下午5点"})]
Amount = Annotated[Decimal, BeforeValidator(_to_amount),
                   WithJsonSchema({"type": ["number", "string"], "description": "元: 50000 / 5万元 / 1,234.50"})]
UnitRefs = Annotated[list[str], BeforeValidator(_to_names), WithJsonSchema(_TEXT_OR_LIST)]
TextList = Annotated[list[str], BeforeValidator(_to_names), WithJsonSchema(_TEXT_OR_LIST)]
Year = Annotated[int, BeforeValidator(_to_year)]
YesNo = Annotated[bool, BeforeValidator(_to_bool),
                  WithJsonSchema({"type": ["boolean", "string"], "description": "true / false / 是 / 否"})]


class PlanModel(BaseModel):
    """Base of every plan model: unknown keys are errors; positions are kept beside, not inside.

    Validators are built on first use (``defer_build``), not at import: validating a plan builds the one
    validator of ``Plan`` with every model inside it, instead of a validator and a serializer per model, and a
    command that reads no calendar or rule file never builds theirs."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True,
                              coerce_numbers_to_str=True, defer_build=True)

    #: Chinese key -> English key that depends on the other keys of the same mapping; see Activity.
    CONTEXT_KEYS: ClassVar[dict[str, tuple[str, str]]] = {}
    #: keys accepted on input that a "before" validator folds into real fields: key -> Chinese names
    INPUT_KEYS: ClassVar[dict[str, tuple[str, ...]]] = {}

    @model_validator(mode="before")
    @classmethod
    def _empty_is_absent(cls, data: Any) -> Any:
        """A key written with no value (``放假:`` followed only by comments) counts as not written."""
        if isinstance(data, dict) and any(v is None for v in data.values()):
            return {k: v for k, v in data.items() if v is not None}
        return data

