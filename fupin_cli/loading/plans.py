"""Loading plans: YAML file -> Chinese keys mapped to English -> pydantic ``Plan`` + located diagnostics.

The key mapping is done here, not by pydantic, so that an unknown key gets a "did you mean" from both
the English and the Chinese names, a key given twice under two names is caught, and every value keeps
its ``file:line:column``. Validation errors come back from pydantic as paths of English keys and are
located through the same map::

    >>> lp = load_plan_text("标题: 扶贫日活动方案\\n年度: 2020\\n活动:\\n  - 标题: 送课下乡\\n    主办: 政体股\\n",
    ...                     "x.yaml")
    >>> lp.plan.activities[0].lead
    ['政体股']
"""

from __future__ import annotations

import copy
import functools
import glob
import os
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, Findings, Text, diag, did_you_mean
from ..model import Plan, PlanModel, chinese_keys, english_keys
from .files import expand_glob
from .yamlsrc import Positions, Source, parse_yaml, read_text

PLAN_SUFFIXES = (".yaml", ".yml")


@dataclass
class Loaded(Findings):
    """A YAML file after loading: the model (when valid), positions by English-key path, diagnostics."""

    file: str
    value: Any = None
    positions: Positions = field(default_factory=Positions)
    ignored: dict[int, set[str]] = field(default_factory=dict)
    #: names and ids of the parts set aside because they are invalid (the rest of the plan is still checked;
    #: a finding about one of these names exists only because its part was set aside, and is not reported)
    set_aside: set[str] = field(default_factory=set)

    @property
    def plan(self) -> Plan | None:
        return self.value

    def at(self, path: tuple, key: bool = False) -> tuple[int | None, int | None]:
        return self.positions.at(path, key)

    def drop_ignored(self, diags: list[Diagnostic]) -> list[Diagnostic]:
        """Remove the findings silenced by a "# fupin: ignore CODE" comment on their line."""
        return [d for d in diags if d.code not in self.ignored.get(d.line or 0, ())]

    def diag(self, code: str, where: tuple, /, *, key: bool = False, **args: Any) -> Diagnostic:
        """A diagnostic located at the value (or key) at English-key path ``where``."""
        line, col = self.at(where, key)
        return diag(code, file=self.file, line=line, column=col, **args)




# --- which model sits under which field --------------------------------------------------------------

def inner_model(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The BaseModel a field holds (directly, optionally or as a list) and whether it is a list."""
    is_list = False
    for _ in range(6):
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            args = [typing.get_args(a)[0] if typing.get_origin(a) is typing.Annotated else a for a in args]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            if len(args) == 1:
                annotation = args[0]
            elif len(models) == 1:  # a date or a RelativeDue: keys are mapped when the value is a mapping
                annotation = models[0]
            else:
                return None, False
        elif origin is list:
            is_list = True
            annotation = typing.get_args(annotation)[0]
        else:
            break
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, is_list
    return None, False


@functools.lru_cache(maxsize=None)
def field_model(model: type[BaseModel], name: str) -> tuple[type[BaseModel] | None, bool]:
    """The model under one field (cached: the normaliser asks this for every key of every plan)."""
    if name not in model.model_fields:
        return None, False
    return inner_model(model.model_fields[name].annotation)


_LOOKUP_CACHE: dict[type, tuple[dict[str, str], list[str]]] = {}


def key_lookup(model: type[BaseModel]) -> tuple[dict[str, str], list[str]]:
    """Every accepted key (English and Chinese) -> field name, and the list of names for suggestions."""
    if model not in _LOOKUP_CACHE:
        lookup: dict[str, str] = {}
        for name, eng in english_keys(model).items():
            lookup[eng] = name
            lookup[name] = name
            for zh in chinese_keys(model, name):
                lookup[zh] = name
        if issubclass(model, PlanModel):
            for key, zhs in model.INPUT_KEYS.items():
                lookup[key] = key
                for zh in zhs:
                    lookup[zh] = key
            for zh in model.CONTEXT_KEYS:
                lookup.setdefault(zh, "")
        _LOOKUP_CACHE[model] = (lookup, sorted(lookup))
    return _LOOKUP_CACHE[model]


def key_label(model: type[BaseModel] | None, name: str) -> Text | str:
    """A field's name for messages: its preferred Chinese key in Chinese, its English key in English."""
    if model is None or name not in model.model_fields:
        return name
    eng = english_keys(model)[name]
    zh = chinese_keys(model, name)
    return Text(zh[0] if zh else eng, eng)


class _Normalizer:
    def __init__(self, src: Source, out: Loaded):
        self.src, self.out = src, out

    def place(self, raw: tuple, canon: tuple) -> None:
        """The value (and key) at source path ``raw`` stand at English-key path ``canon``."""
        src, out = self.src.positions, self.out.positions
        if raw in src.values:
            out.values[canon] = src.values[raw]
        if raw in src.keys:
            out.keys[canon] = src.keys[raw]

    def copy(self, value: Any, raw: tuple, canon: tuple) -> None:
        self.place(raw, canon)
        if isinstance(value, dict):
            for k, v in value.items():
                self.copy(v, raw + (k,), canon + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                self.copy(v, raw + (i,), canon + (i,))

    def mapping(self, model: type[BaseModel], value: dict, raw: tuple, canon: tuple) -> dict:
        lookup, names = key_lookup(model)
        eng = english_keys(model)
        self.place(raw, canon)
        present = {lookup.get(k) for k in value if lookup.get(k)}
        result: dict[str, Any] = {}
        written: dict[str, str] = {}
        for key, item in value.items():
            name = lookup.get(key)
            if name == "" and issubclass(model, PlanModel):  # a key whose meaning depends on its neighbours
                alone, beside = model.CONTEXT_KEYS[key]
                name = beside if alone in present else alone
            if name is None:
                line, col = self.src.at(raw + (key,), key=True)
                self.out.diagnostics.append(diag("FP100", file=self.out.file, line=line, column=col, key=key,
                                                 hint=did_you_mean(key, names, cutoff=0.6)))
                continue
            ckey = eng.get(name, name)
            if ckey in written:
                line, col = self.src.at(raw + (key,), key=True)
                self.out.diagnostics.append(diag("FP107", file=self.out.file, line=line, column=col, key=key,
                                                 other=written[ckey]))
                continue
            written[ckey] = key
            sub, is_list = field_model(model, name)
            rpath, cpath = raw + (key,), canon + (ckey,)
            if sub is not None and is_list and isinstance(item, list):
                self.place(rpath, cpath)
                result[ckey] = [self.mapping(sub, v, rpath + (i,), cpath + (i,)) if isinstance(v, dict)
                                else self._plain(v, rpath + (i,), cpath + (i,)) for i, v in enumerate(item)]
            elif sub is not None and not is_list and isinstance(item, dict):
                result[ckey] = self.mapping(sub, item, rpath, cpath)
            else:
                self.copy(item, rpath, cpath)
                result[ckey] = item
        return result

    def _plain(self, v: Any, raw: tuple, canon: tuple) -> Any:
        self.copy(v, raw, canon)
        return v


def model_at(path: tuple, root: type[BaseModel] = Plan) -> tuple[type[BaseModel] | None, str | None]:
    """The model and field name that an English-key path ends in."""
    model: type[BaseModel] = root
    named = [p for p in path if isinstance(p, str)]
    name: str | None = None
    for i, part in enumerate(named):
        lookup, _ = key_lookup(model)
        name = lookup.get(part)
        if name is None or name not in model.model_fields:
            return model, part
        if i == len(named) - 1:
            break
        sub, _ = inner_model(model.model_fields[name].annotation)
        if sub is None:
            break
        model = sub
    return model, name


_REASONS = {
    "int_parsing": ("应为整数", "must be a whole number"),
    "int_type": ("应为整数", "must be a whole number"),
    "int_from_float": ("应为整数", "must be a whole number"),
    "bool_parsing": ("应为 是/否（true/false）", "must be true or false"),
    "bool_type": ("应为 是/否（true/false）", "must be true or false"),
    "string_type": ("应为文字", "must be text"),
    "list_type": ("应为列表（每项以“- ”开头）", "must be a list (items starting with “- ”)"),
    "model_type": ("应为键值映射（键: 值）", "must be a mapping (key: value)"),
    "model_attributes_type": ("应为键值映射（键: 值）", "must be a mapping (key: value)"),
    "dict_type": ("应为键值映射（键: 值）", "must be a mapping (key: value)"),
    "date_type": ("应为日期", "must be a date"),
    "decimal_parsing": ("应为金额", "must be an amount"),
    "decimal_type": ("应为金额", "must be an amount"),
}


def _reason(err: dict) -> Text:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind in ("fp_date", "fp_value"):
        return Text(ctx["zh"], ctx["en"])
    if kind in _REASONS:
        zh, en = _REASONS[kind]
        return Text(zh, en)
    if kind == "literal_error":
        return Text(f"应为以下之一：{ctx.get('expected')}", f"must be one of {ctx.get('expected')}")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "")
        zh = {"greater_than_equal": "不小于", "less_than_equal": "不大于", "greater_than": "大于",
              "less_than": "小于"}[kind]
        return Text(f"应{zh} {bound}", err["msg"])
    return Text(err["msg"], err["msg"])


def _errors_to_diagnostics(exc: ValidationError, lp: Loaded, root: type[BaseModel]) -> None:
    seen: set[tuple] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
        # pydantic adds a union member or validator name to some locations; keep the data path
        loc = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith(("function-", "fp-")))))
        if (loc, err["type"]) in seen:
            continue
        seen.add((loc, err["type"]))
        if err["type"] == "missing":
            model, name = model_at(loc, root)
            line, col = lp.at(loc[:-1])
            lp.diagnostics.append(diag("FP101", file=lp.file, line=line, column=col,
                                       key=key_label(model, name or str(loc[-1]))))
            continue
        if err["type"] == "extra_forbidden":
            line, col = lp.at(loc, key=True)
            lp.diagnostics.append(diag("FP100", file=lp.file, line=line, column=col, key=str(loc[-1]), hint=""))
            continue
        line, col = lp.at(loc)
        if err["type"] == "fp_date":
            lp.diagnostics.append(diag("FP106", file=lp.file, line=line, column=col, reason=_reason(err)))
            continue
        named = [p for p in loc if isinstance(p, str)]
        model, name = model_at(loc, root) if named else (root, None)
        label = key_label(model, name) if name else (named[-1] if named else "plan")
        lp.diagnostics.append(diag("FP102", file=lp.file, line=line, column=col, key=label, reason=_reason(err)))


def _year_of(data: dict) -> int | None:
    for key in ("year", "年度", "年份"):
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = value.strip().rstrip("年") if isinstance(value, str) else ""
        if text.isascii() and text.isdigit():  # not ①, which str.isdigit() also takes
            return int(text)
    return None


def load_source(src: Source, model: type[BaseModel] = Plan) -> Loaded:
    """Validate already-parsed YAML data as ``model`` (a plan unless said otherwise)."""
    lp = Loaded(src.file, diagnostics=list(src.diagnostics), ignored=src.ignored)
    if src.data is None:
        return lp
    if not isinstance(src.data, dict):
        found = type(src.data).__name__
        found_zh = {"list": "列表", "str": "一段文字", "int": "数字"}.get(found, found)
        lp.diagnostics.append(diag("FP010", file=src.file, line=1, column=1,
                                   found=Text(found_zh, found)))
        return lp
    data = _Normalizer(src, lp).mapping(model, src.data, (), ())
    context = {"year": _year_of(data)}
    try:
        lp.value = model.model_validate(data, context=context)
    except ValidationError as exc:
        _errors_to_diagnostics(exc, lp, model)
        _set_aside_and_check_the_rest(lp, data, exc, model, context)
    return lp


#: how many times invalid parts are set aside before the plan is given up
SALVAGE_ROUNDS = 6
_NAME_KEYS = ("id", "name", "title", "no", "full_name")


def _error_path(err: dict) -> tuple:
    loc = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
    return tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith(("function-", "fp-")))))


def _part_of(path: tuple, model: type[BaseModel]) -> tuple | None:
    """The part an error at ``path`` sets aside: the innermost list item holding it, else an optional top-level
    field; None when the error is in a required top-level field (nothing can be checked without it)."""
    items = [i for i, p in enumerate(path) if isinstance(p, int)]
    if items:
        return path[:items[-1] + 1]
    if path and isinstance(path[0], str):
        info = model.model_fields.get(path[0])
        if info is not None and not info.is_required():
            return path[:1]
    return None


def _names_in(part: Any) -> set[str]:
    if isinstance(part, dict):
        return {str(part[k]) for k in _NAME_KEYS if isinstance(part.get(k), (str, int))}
    return {str(part)} if isinstance(part, (str, int)) else set()


def _shift(table: dict[tuple, Any], list_path: tuple, index: int) -> dict[tuple, Any]:
    """Positions after item ``index`` of the list at ``list_path`` is taken out: its own are dropped, later
    items move up by one."""
    n = len(list_path)
    out = {}
    for path, pos in table.items():
        if path[:n] == list_path and len(path) > n and isinstance(path[n], int):
            if path[n] == index:
                continue
            if path[n] > index:
                path = path[:n] + (path[n] - 1,) + path[n + 1:]
        out[path] = pos
    return out


def _set_aside_and_check_the_rest(lp: Loaded, data: dict, exc: ValidationError, model: type[BaseModel],
                                  context: dict) -> None:
    """One pass, every finding: set the invalid parts (an activity, a unit, a submission, an optional section)
    aside and validate the rest, so that the semantic checks still run on it. The findings already made stay;
    ``lp.set_aside`` names what was set aside."""
    if model is not Plan:
        return
    data = copy.deepcopy(data)
    positions = Positions(dict(lp.positions.values), dict(lp.positions.keys))
    names: set[str] = set()
    for _ in range(SALVAGE_ROUNDS):
        parts = set()
        for err in exc.errors(include_url=False):
            part = _part_of(_error_path(err), model)
            if part is None:
                return
            parts.add(part)
        for part in sorted(parts, key=lambda p: (len(p), p[-1] if isinstance(p[-1], int) else -1), reverse=True):
            parent: Any = data
            for step in part[:-1]:
                parent = parent[step] if isinstance(parent, (dict, list)) and (
                    step in parent if isinstance(parent, dict) else step < len(parent)) else None
                if parent is None:
                    break
            last = part[-1]
            if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
                names |= _names_in(parent.pop(last))
                positions = Positions(_shift(positions.values, part[:-1], last), _shift(positions.keys, part[:-1], last))
            elif isinstance(parent, dict) and last in parent:
                names |= _names_in(parent.pop(last))
        try:
            lp.value = model.model_validate(data, context=context)
        except ValidationError as again:
            exc = again
            continue
        lp.positions = positions
        lp.set_aside = names
        return


def load_plan_text(text: str, file: str = "<input>") -> Loaded:
    return load_source(parse_yaml(text, file))


def load_yaml_model(path: str, model: type[BaseModel] = Plan, display: str | None = None) -> Loaded:
    """Read, parse and validate one YAML file as ``model``. Never raises for bad input."""
    name = display or path
    text, diags = read_text(path, name)
    if text is None:
        return Loaded(name, diagnostics=diags)
    src = parse_yaml(text, name)
    src.diagnostics[:0] = diags
    return load_source(src, model)


def load_plan(path: str, display: str | None = None) -> Loaded:
    """Read, parse and validate one plan file. Never raises for bad input."""
    return load_yaml_model(path, Plan, display)


def expand_paths(paths: list[str]) -> tuple[list[str], list[Diagnostic]]:
    """Files, directories (recursively, *.yaml/*.yml) and globs -> sorted plan files, de-duplicated."""
    files: list[str] = []
    problems: list[Diagnostic] = []
    for p in paths:
        if os.path.isdir(p):
            found = sorted(
                os.path.join(root, f)
                for root, dirs, names in os.walk(p)
                for f in names
                if f.lower().endswith(PLAN_SUFFIXES) and not f.startswith(".")
            )
            if not found:
                problems.append(diag("FP012", file=p, path=p))
            files.extend(found)
        elif os.path.exists(p):
            files.append(p)
        elif glob.has_magic(p):
            found = [f for f in expand_glob(p) if os.path.isfile(f)]
            if not found:
                problems.append(diag("FP012", file=p, path=p))
            files.extend(found)
        else:
            problems.append(diag("FP001", file=p))
    unique: dict[str, str] = {}  # one file reached twice (a symbolic link, a folder and a glob) is one plan
    for f in files:
        unique.setdefault(os.path.realpath(f), os.path.normpath(f))
    return list(unique.values()), problems
