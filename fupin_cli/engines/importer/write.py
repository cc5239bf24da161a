"""Writing a draft: as a plan file (YAML, every inferred value with a ``# 待核实`` comment) or as JSON."""

from __future__ import annotations

import re
from typing import Any

from ..checks import normalize_no
from .draft import Draft, DraftActivity, Found

_KEYS = {
    "zh": {"title": "标题", "issuer": "发文单位", "issued": "发文日期", "year": "年度", "campaign_day": "活动日",
           "theme": "主题", "slogan": "口号", "basis": "依据", "doc_no": "文号", "scope": "范围", "period": "活动时间",
           "phases": "阶段", "weeks": "活动周", "name": "名称", "dates": "时间", "units": "单位", "id": "编号",
           "level": "层级", "kind": "类型", "leadership": "领导小组", "leader": "组长", "deputies": "副组长",
           "members": "成员", "note": "备注", "activities": "活动", "no": "序号", "description": "内容",
           "lead": "主办", "support": "协办", "date": "日期", "due": "截止", "children": "子项",
           "submissions": "报送", "what": "材料", "from": "报送单位", "to": "接收单位", "collects": "汇总自",
           "after": "之后", "working_days": "工作日", "donation_policy": "捐赠规则", "voluntary": "自愿",
           "large_unit": "单位大额标准", "large_person": "个人大额标准", "publicity_working_days": "公示期限",
           "schools_may_organise": "学校组织捐赠", "source": "来源"},
}


def _level_of(name: str) -> str | None:
    if re.search(r"(学校|中学|小学|学院|幼儿园|校)$", name):
        return "学校"
    if name.startswith("省") or "省" in name[:3] and name.endswith(("厅", "办")):
        return "省"
    if name.startswith("市") or re.match(r"^[__\w]{0,3}市", name) and not name.startswith(("县", "区")):
        return "市"
    if re.search(r"(村|村委会)$", name) or name in ("各村",):
        return "村"
    if re.search(r"(镇|乡|街道)", name[:4]) and not name.startswith(("县", "区", "市")):
        return "乡镇"
    if re.search(r"^(县|区|各县|各区)|县|区", name):
        return "县"
    if re.search(r"(股|室|办|工会)$", name):
        return "县"
    return None


def _date_text(text: str) -> tuple[str, str | None]:
    """A date as written, without a "20__年" placeholder (the plan's 年度 applies)."""
    if text.startswith("20__年"):
        return text[len("20__年"):], "原文年份为“20__”，按方案年度"
    return text, None


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text == "" or re.search(r"[:#\[\]{},&*!|>'\"%@`]|^[\s-]|\s$|^(?:是|否|yes|no|true|false|null|~)$", text) \
            or re.fullmatch(r"[\d.\-]+", text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


class _Writer:
    def __init__(self, keys: dict[str, str]):
        self.keys = keys
        self.lines: list[str] = []

    def key(self, k: str) -> str:
        return self.keys.get(k, k)

    def put(self, indent: int, key: str, value: Any, check: str | None = None, dash: bool = False) -> None:
        prefix = " " * indent + ("- " if dash else "")
        comment = f"  # 待核实：{check}" if check else ""
        if isinstance(value, list):
            if not value:
                return
            self.lines.append(f"{prefix}{self.key(key)}: [{', '.join(_scalar(v) for v in value)}]{comment}")
        else:
            self.lines.append(f"{prefix}{self.key(key)}: {_scalar(value)}{comment}")


def to_yaml(d: Draft, *, keys: str = "zh", source: str | None = None, default_year: int = 2000) -> str:
    """The draft as a plan file, every inferred value with a ``# 待核实: why`` comment."""
    w = _Writer(_KEYS["zh"] if keys == "zh" else {})
    L = w.lines
    L.append("# 由 fupin import 生成的方案草稿：请逐项核对，特别是标有“待核实”的内容。")
    w.put(0, "title", d.title.value, d.title.check)
    if d.issuer:
        w.put(0, "issuer", d.issuer.value, d.issuer.check)
    if d.issued:
        w.put(0, "issued", d.issued.value, d.issued.check)
    year = d.year.value if d.year and d.year.value else None
    note = (d.year.check if d.year else "原文没有写年份") if year else \
        f"{d.year.check if d.year else '原文没有写年份'}，暂填 {default_year} 年"
    w.put(0, "year", year if year else default_year, note)
    if d.campaign_day:
        w.put(0, "campaign_day", d.campaign_day.value, d.campaign_day.check)
    for k in ("theme", "slogan", "scope"):
        f = getattr(d, k)
        if f:
            w.put(0, k, f.value, f.check)
    if d.basis:
        L.append(f"{w.key('basis')}:")
        for b in d.basis:
            w.put(2, "title", b.value["title"], b.check, dash=True)
            if b.value.get("doc_no"):
                w.put(4, "doc_no", b.value["doc_no"])
    if d.period:
        w.put(0, "period", d.period.value, d.period.check)
    for key, items in (("phases", d.phases), ("weeks", d.weeks)):
        if items:
            L.append(f"{w.key(key)}:")
            for p in items:
                w.put(2, "name", p.value["name"], p.check, dash=True)
                w.put(4, "dates", p.value["dates"])
    if d.units:
        L.append(f"{w.key('units')}:")
        for u in d.units:
            level = _level_of(u)
            w.put(2, "id", u, None if level else "层级未能判断，请补上", dash=True)
            if level:
                w.put(4, "level", level, "按名称推断")
    L.append(f"{w.key('leadership')}:")
    if d.leadership:
        for k in ("leader", "deputies", "members"):
            if k in d.leadership:
                w.put(2, k, d.leadership[k].value, d.leadership[k].check)
    else:
        w.put(2, "note", "原文未列领导小组", "请补上组长、副组长和成员")
    if d.activities:
        L.append(f"{w.key('activities')}:")
        _write_activities(w, d.activities, 2)
    pending = [s for s in d.submissions if s.relative and s.relative.get("anchor_missing")]
    for s in pending:
        L.append(f"# 待核实：原文有“{s.relative['after']}结束后{s.relative['working_days']}个工作日内公示”，方案里没有找到"
                 f"对应的活动；请给该活动写上编号，再加一条报送：{s.what}，截止: {{之后: 编号, 工作日: "
                 f"{s.relative['working_days']}}}")
    subs = [s for s in d.submissions if s not in pending]
    if subs:
        L.append(f"{w.key('submissions')}:")
        for s in subs:
            first = True
            if s.id:
                w.put(2, "id", s.id, dash=True)
                first = False
            w.put(2 if first else 4, "what", s.what, None, dash=first)
            w.put(4, "from", s.sender)
            if s.to:
                w.put(4, "to", s.to)
            if s.relative:
                L.append(f"    {w.key('due')}: {{{w.key('after')}: {_scalar(s.relative['after'])}, "
                         f"{w.key('working_days')}: {s.relative['working_days']}}}  # 待核实：{s.due.check}")
            else:
                text, note = _date_text(s.due.value)
                w.put(4, "due", f"{text}前", s.due.check or note)
            if s.collects:
                w.put(4, "collects", s.collects, "由“汇总报”推断的逐级报送")
    if d.donation:
        L.append(f"{w.key('donation_policy')}:")
        for k, f in d.donation.items():
            w.put(2, k, f.value, f.check)
    if source:
        w.put(0, "source", source)
    return "\n".join(L) + "\n"


def _write_activities(w: _Writer, items: list[DraftActivity], indent: int) -> None:
    numbers: set[str] = set()  # （1） and 1 number the same item, as validation sees it
    for a in items:
        no = a.no if a.no and normalize_no(a.no) not in numbers else None
        if a.no and no is None:
            w.lines.append(" " * indent + f"# 待核实：原文序号“{a.no}”与前面的项目重复，已略去")
        if no:
            numbers.add(normalize_no(no))
            w.put(indent, "no", no, dash=True)
            w.put(indent + 2, "title", a.title)
        else:
            w.put(indent, "title", a.title, dash=True)
        if a.id:
            w.put(indent + 2, "id", a.id, "相对期限引用的活动")
        if a.lead:
            w.put(indent + 2, "lead", a.lead.value, a.lead.check)
        if a.support:
            w.put(indent + 2, "support", a.support.value, a.support.check)
        if a.date:
            text, note = _date_text(a.date.value)
            w.put(indent + 2, "date", text, a.date.check or note)
        if a.due:
            text, note = _date_text(a.due.value)
            w.put(indent + 2, "due", text + "前", a.due.check or note)
        if a.children:
            w.lines.append(" " * (indent + 2) + f"{w.key('children')}:")
            _write_activities(w, a.children, indent + 4)


def to_json(d: Draft) -> dict:
    """The extraction with the source line of each item (``fupin import --format json``)."""
    def f(x: Found | None) -> Any:
        return None if x is None else {"value": x.value, "line": x.line, "check": x.check}

    def act(a: DraftActivity) -> dict:
        return {"no": a.no, "title": a.title, "line": a.line, "lead": f(a.lead), "support": f(a.support),
                "date": f(a.date), "due": f(a.due), "children": [act(c) for c in a.children]}

    return {"title": f(d.title), "issuer": f(d.issuer), "issued": f(d.issued), "year": f(d.year),
            "campaign_day": f(d.campaign_day), "theme": f(d.theme), "slogan": f(d.slogan),
            "basis": [f(b) for b in d.basis], "scope": f(d.scope), "period": f(d.period),
            "phases": [f(p) for p in d.phases], "weeks": [f(p) for p in d.weeks],
            "leadership": {k: f(v) for k, v in d.leadership.items()},
            "activities": [act(a) for a in d.activities],
            "submissions": [{"what": s.what, "from": s.sender, "to": s.to, "due": f(s.due), "id": s.id,
                             "collects": s.collects, "relative": s.relative} for s in d.submissions],
            "donation_policy": {k: f(v) for k, v in d.donation.items()}, "units": d.units}
