"""The plan's JSON Schema (for editors) and its table of keys (for the README), both from the model.

Every object accepts its English keys and their Chinese names, so VS Code's YAML extension completes and
checks a plan written in either language. Point it at the schema with a first line in the plan::

    # yaml-language-server: $schema=plan.schema.json
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .loading.plans import inner_model
from .model import Plan, chinese_keys, english_keys


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


def _add_aliases(model: type[BaseModel], schema: dict[str, Any]) -> None:
    props = schema.get("properties", {})
    for name, eng in english_keys(model).items():
        if eng not in props:
            continue
        for zh in chinese_keys(model, name):
            props.setdefault(zh, {**props[eng], "description": f"= {eng}. {props[eng].get('description', '')}".strip()})
    for key, zhs in getattr(model, "INPUT_KEYS", {}).items():
        props[key] = {"type": "string", "description": "起止时间, e.g. 4月11—20日"}
        for zh in zhs:
            props[zh] = props[key]
    for zh, (alone, _) in getattr(model, "CONTEXT_KEYS", {}).items():
        if alone in props:
            props[zh] = {**props[alone], "description": "责任单位: alone = lead (主办); beside 牵头单位 = support (协办)"}
    schema.pop("required", None)  # a required field may be written under any of its names
    if "properties" in schema:
        required = [n for n, f in model.model_fields.items() if f.is_required()]
        if required:
            schema["allOf"] = [{"anyOf": [{"required": [k]} for k in [english_keys(model)[n], *chinese_keys(model, n)]]}
                               for n in required]


def plan_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema(mode="validation", by_alias=True)
    models = _models(Plan)
    for name, sub in schema.get("$defs", {}).items():
        if name in models:
            _add_aliases(models[name], sub)
    _add_aliases(Plan, schema)
    period = schema["properties"].get("period")
    if period:
        wrapped = {"anyOf": [{"type": "string", "description": "10月10日至10月20日"},
                             {k: v for k, v in period.items() if k != "description"}],
                   "description": period.get("description", "")}
        for key in ["period"] + chinese_keys(Plan, "period"):
            schema["properties"][key] = wrapped
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


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

