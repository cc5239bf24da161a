"""The plan's JSON Schema (for editors) and its table of keys (for the README), both from the model.

Every object accepts every key the loader accepts — the English key, its Chinese names, input-only keys such as
a phase's 起止时间 — and every value form the model's validators accept (``周期: 周``, ``年度: 2020年``,
``截止含当日: 否``, a unit written as its name alone), so an editor marks exactly what ``fupin validate`` would
refuse for its type, its allowed values or an unknown key. Hover texts are Chinese first. Point VS Code's YAML
extension at the schema with a first line in the plan::

    # yaml-language-server: $schema=plan.schema.json

    >>> schema = plan_schema()
    >>> schema["$defs"]["VisitPolicy"]["properties"]["周期"]["anyOf"][0]["enum"][:3]
    ['week', 'month', '周']
"""

from __future__ import annotations

import re
import types
import typing
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, TypeAdapter, WithJsonSchema
from pydantic.fields import FieldInfo

from .loading.plans import inner_model
from .model import (Amount, Basis, DateRange, Helper, Phase, Plan, PlanDate, PlanModel, RelativeDue, TextList, Unit,
                    UnitRefs, VisitPolicy, Year, YesNo, chinese_keys, english_keys)
from .model.donation import ACTION_ZH, ACTIONS, WHO, Action, GiftTier, Who
from .model.fields import _NO, _YES
from .model.pairing import PER_ALIASES, SCOPE_ALIASES

DRAFT = "https://json-schema.org/draft/2020-12/schema"

#: models a plan may write as one string: a unit or helper by its name, a basis by its title, a range as text
_STRING_FORMS = {Unit: "单位名称", Helper: "帮扶方名称", Basis: "文件名称", DateRange: "10月10日至10月20日"}
#: values a model validator maps before the field's own type is checked: (model, field) -> accepted aliases
_VALUE_ALIASES = {(VisitPolicy, "per"): PER_ALIASES, (VisitPolicy, "scope"): SCOPE_ALIASES}
_SEPARATORS = "、，,；;／/"
#: 标准 written with its bound (超过5万元, 5000元以上): 界限 is then implied
_BOUND_IN_WORDS = r"^\s*(超过|高于|大于|多于|达到|满)|以上\s*((（含）|\(含\))\s*)?$|(（含）|\(含\))\s*以上\s*$"
_INTEGER_TEXT = r"^\s*[+-]?[0-9][0-9_]*(\.0*)?\s*$"


def _models(root: type[BaseModel]) -> dict[str, type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}
    todo = [root]
    while todo:
        m = todo.pop()
        if m.__name__ in found:
            continue
        found[m.__name__] = m
        for f in m.model_fields.values():
            sub, _ = inner_model(f.annotation)
            if sub is not None:
                todo.append(sub)
    return found


def _any_case(words: typing.Iterable[str]) -> str:
    """A pattern matching any of ``words`` in any case, with spaces around (JSON Schema patterns have no flags)."""
    def one(w: str) -> str:
        return "".join(f"[{c.lower()}{c.upper()}]" if c.isascii() and c.isalpha() else re.escape(c) for c in w)
    return r"^\s*(" + "|".join(one(w) for w in sorted(words, key=lambda w: (-len(w), w))) + r")\s*$"


def _one_of_words(words: typing.Iterable[str]) -> str:
    """A pattern for one or more of ``words`` separated as a list is written (上报、证书)."""
    alt = "(" + "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + ")"
    sep = f"[{re.escape(_SEPARATORS)}\\s]+"
    return rf"^\s*{alt}\s*({sep}{alt}\s*)*[{re.escape(_SEPARATORS)}]?\s*$"


_TEXT = {"type": ["string", "number"]}  # str fields take numbers too (文号: 2020 is the text "2020")
_NAMES = {"anyOf": [{"type": "string", "description": "办公室、教育工会"}, {"type": "array", "items": _TEXT}]}
_YES_NO = {"anyOf": [{"type": "boolean"}, {"enum": [0, 1]},
                     {"type": "string", "pattern": _any_case(_YES | _NO | {"on", "off", "t", "f", "1", "0"}),
                      "description": "是 / 否"}]}
_KNOWN: dict[Any, dict[str, Any]] = {
    PlanDate: {"type": "string", "description": "2020-10-19 / 2020年10月19日 / 10月19日（前）"},
    Amount: {"anyOf": [{"type": "number"}, {"type": "string", "description": "50000 / 5万元 / 1,234.50 / ¥5000"}]},
    UnitRefs: _NAMES,
    TextList: _NAMES,
    YesNo: _YES_NO,
    Year: {"anyOf": [{"type": "integer", "minimum": 2000, "maximum": 2100},
                     {"type": "string", "pattern": r"^\s*[0-9]{4}\s*年?\s*$"}]},
    Who: {"type": "string", "enum": list(WHO)},
    Action: {"type": "string", "enum": list(dict.fromkeys([*ACTIONS, *ACTION_ZH]))},
    str: _TEXT,
    bool: {"type": "boolean"},
    Decimal: {"type": ["number", "string"]},
    date: {"type": "string"},
}


def _bounds(info: FieldInfo | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for m in (info.metadata if info else []):
        for attr, key in (("ge", "minimum"), ("le", "maximum"), ("gt", "exclusiveMinimum"), ("lt", "exclusiveMaximum")):
            if getattr(m, attr, None) is not None:
                out[key] = getattr(m, attr)
    return out


def _is(annotation: Any, known: Any) -> bool:
    """Whether ``annotation`` is the annotated type ``known``, perhaps with constraints added (``Year`` ≥ 2000)."""
    if typing.get_origin(annotation) is not typing.Annotated or typing.get_origin(known) is not typing.Annotated:
        return False
    base, *meta = typing.get_args(annotation)
    kbase, *kmeta = typing.get_args(known)
    return base == kbase and all(m in meta for m in kmeta)


def _field_type(info: FieldInfo) -> Any:
    """A field's type with the validators pydantic keeps beside it (``UnitRefs``, not ``list[str]``)."""
    return typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def _value(annotation: Any, info: FieldInfo | None = None, aliases: dict | None = None) -> dict[str, Any]:
    """The JSON Schema of every value form a field of this type accepts."""
    for known, schema in _KNOWN.items():
        if annotation is known or _is(annotation, known):
            return dict(schema)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        for m in meta:
            if isinstance(m, WithJsonSchema) and m.json_schema is not None:
                return dict(m.json_schema)
        return _value(base, info, aliases)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        parts = [_value(a, info, aliases) for a in args]
        if type(None) in typing.get_args(annotation):
            parts.append({"type": "null"})
        return parts[0] if len(parts) == 1 else {"anyOf": parts}
    if origin is typing.Literal:
        values = list(typing.get_args(annotation))
        return {"enum": values + [a for a in (aliases or {}) if a not in values]}
    if origin is list:
        return {"type": "array", "items": _value(typing.get_args(annotation)[0])}
    if origin is dict:
        return {"type": "object", "additionalProperties": _value(typing.get_args(annotation)[1])}
    if isinstance(annotation, typing.ForwardRef) or isinstance(annotation, str):
        name = annotation.__forward_arg__ if isinstance(annotation, typing.ForwardRef) else annotation
        return {"$ref": f"#/$defs/{name}"}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        ref = {"$ref": f"#/$defs/{annotation.__name__}"}
        text = next((t for m, t in _STRING_FORMS.items() if issubclass(annotation, m)), None)
        return {"anyOf": [{"type": "string", "description": text}, ref]} if text else ref
    if annotation is int:
        return {"anyOf": [{"type": "integer", **_bounds(info)}, {"type": "string", "pattern": _INTEGER_TEXT}]}
    return TypeAdapter(annotation).json_schema()


def _hover(model: type[BaseModel], name: str) -> str:
    """A key's hover text: the field's description (Chinese first), then every name it may be written under."""
    info = model.model_fields[name]
    names = [*chinese_keys(model, name), english_keys(model)[name]]
    return f"{info.description or names[0]}\n\n{' / '.join(names)}"


def _keys(model: type[BaseModel], name: str) -> list[str]:
    """Every key the loader reads as this field: its Chinese names, its English key, the field's own name."""
    return list(dict.fromkeys([*chinese_keys(model, name), english_keys(model)[name], name]))


def _one_of_keys(keys: list[str]) -> dict[str, Any]:
    return {"anyOf": [{"required": [k]} for k in keys]}


def _object(model: type[BaseModel]) -> dict[str, Any]:
    props: dict[str, Any] = {}
    required: list[dict[str, Any]] = []
    for name, info in model.model_fields.items():
        value = _value(_field_type(info), info, _VALUE_ALIASES.get((model, name)))
        if not info.is_required():  # a key written without a value counts as not written
            if not _takes_null(value):
                value = ({"anyOf": [*value["anyOf"], {"type": "null"}]} if list(value) == ["anyOf"]
                         else {"anyOf": [value, {"type": "null"}]})
            if info.default is not None and isinstance(info.default, (str, int, bool)):
                value = {**value, "default": info.default}
        hover = _hover(model, name)
        for key in _keys(model, name):
            props[key] = {**value, "description": hover}
        if info.is_required():
            required.append(_one_of_keys(_keys(model, name)))
    if issubclass(model, PlanModel):
        for key, zhs in model.INPUT_KEYS.items():
            for k in (*zhs, key):
                props[k] = {"type": "string", "description": f"起止时间，如 4月11—20日（写了就不必写开始、结束）\n\n"
                                                             f"{' / '.join((*zhs, key))}"}
        for zh, (alone, beside) in model.CONTEXT_KEYS.items():
            props[zh] = {**props[english_keys(model)[alone]],
                         "description": f"责任单位：单独写时是主办（{alone}），与牵头单位、主办同写时是协办（{beside}）"}
    schema: dict[str, Any] = {"type": "object", "description": (model.__doc__ or "").strip().split("\n\n")[0],
                              "properties": props, "additionalProperties": False}
    _special(model, schema, required)
    if required:
        schema["allOf"] = required
    return schema


def _takes_null(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "null" or any(s.get("type") == "null" for s in schema.get("anyOf", []))


def _special(model: type[BaseModel], schema: dict[str, Any], required: list[dict[str, Any]]) -> None:
    """What a model validator adds to the fields' own rules: a key implied by another, one of two keys."""
    if model is Unit:  # 编号 defaults to the name
        required[:] = [_one_of_keys(_keys(Unit, "id") + _keys(Unit, "name"))]
    elif model is GiftTier:  # 标准: 超过5万元 says its 界限
        bound = _one_of_keys(_keys(GiftTier, "bound"))
        worded = [{"required": [k], "properties": {k: {"type": "string", "pattern": _BOUND_IN_WORDS}}}
                  for k in _keys(GiftTier, "amount")]
        required[:] = [r for r in required if r != bound] + [{"anyOf": bound["anyOf"] + worded}]
        for k in _keys(GiftTier, "actions"):
            schema["properties"][k]["anyOf"] = [
                {"type": "string", "pattern": _one_of_words([*ACTIONS, *ACTION_ZH]), "description": "上报、证书"},
                *schema["properties"][k]["anyOf"]]
    elif model is Phase:  # 起止时间 instead of 开始 and 结束
        dates = [k for key, zhs in Phase.INPUT_KEYS.items() for k in (*zhs, key)]
        for name in ("start", "end"):
            r = _one_of_keys(_keys(Phase, name))
            required[:] = [x for x in required if x != r] + [{"anyOf": r["anyOf"] + [{"required": [k]} for k in dates]}]
    elif model is RelativeDue:  # exactly one anchor and one count
        for first, second in (("after", "before"), ("days", "working_days")):
            required.append({"oneOf": [_one_of_keys(_keys(RelativeDue, first)),
                                       _one_of_keys(_keys(RelativeDue, second))]})


def plan_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan, for editors: every key and value form the loader accepts."""
    models = _models(Plan)
    defs = {name: _object(m) for name, m in sorted(models.items()) if m is not Plan}
    root = _object(Plan)
    root["description"] = "活动方案（扶贫日 / 扶贫济困日 / 结对帮扶）：中文键名或英文键名均可。fupin validate 检查方案。"
    return {"$schema": DRAFT, "title": "Plan", **root, "$defs": defs}


def key_table() -> str:
    """Markdown: every object, its English keys and the Chinese names accepted for each."""
    lines: list[str] = []
    for name, model in _models(Plan).items():
        if name == "Period":
            continue
        lines.append(f"**{name}** — {(model.__doc__ or '').strip().splitlines()[0]}")
        lines.append("")
        lines.append("| key | 中文键名 | |")
        lines.append("|---|---|---|")
        for fname, eng in english_keys(model).items():
            f = model.model_fields[fname]
            zh = " / ".join(chinese_keys(model, fname))
            req = "必填 required" if f.is_required() else ""
            lines.append(f"| `{eng}` | {zh} | {req} |")
        for key, zhs in getattr(model, "INPUT_KEYS", {}).items():
            lines.append(f"| `{key}` | {' / '.join(zhs)} | 起止时间 → start/end |")
        for zh, (alone, beside) in getattr(model, "CONTEXT_KEYS", {}).items():
            lines.append(f"| `{alone}` / `{beside}` | {zh} | alone → {alone}; beside a {alone} key → {beside} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
