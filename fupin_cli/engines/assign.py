"""Who does what (责任分工): the responsibility matrix, one unit's task sheet, and lead proposals from rules.

``responsibility`` lists every activity with its lead (主办 ●) and supporting (协办 ○) units, counts per unit what
it leads and supports and finds its next deadline; activities without a lead and units with nothing to do are
called out. ``propose_leads`` applies assignment rules (activity kinds and keywords → units) to the activities
that have no lead; ``write_leads`` writes accepted proposals into the plan file with a round-trip YAML library,
keeping its comments, key order and layout.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..dates import Day, last_of
from ..loading.plans import Loaded, key_lookup
from ..model import Activity, Plan, Rule, walk_activities
from ..safety import write_atomic
from .deadlines import plan_items


def activity_when(a: Activity) -> date | None:
    """When an activity takes place as the 时间安排 column shows it: its 日期 as written (10月17日, 9―10月,
    10月中旬), or 开始 to 结束 as one span."""
    if a.date is not None:
        return a.date
    if a.start is not None and a.end is not None and last_of(a.end) != a.start:
        return Day.of(a.start, last_of(a.end))
    return a.start


def activity_label(a: Activity, parents: tuple[Activity, ...]) -> str:
    """The number as a notice writes it, with its parents': （三）1."""
    parts = [p.no for p in parents if p.no] + ([a.no] if a.no else [])
    return " ".join(parts)


@dataclass
class Row:
    label: str
    title: str
    lead: list[str]
    support: list[str]
    when: date | None
    due: date | None
    path: tuple
    #: a heading (（二）) whose sub-items carry the work: shown above them in the 活动安排表, counted nowhere
    heading: bool = False
    #: the activity's own number as written (1 under （二）); ``label`` has its parents' too: （二） 1
    no: str = ""


@dataclass
class UnitLoad:
    unit: str
    name: str
    leads: int = 0
    supports: int = 0
    next_due: date | None = None
    next_what: str = ""


@dataclass
class Responsibility:
    plan: Plan
    rows: list[Row] = field(default_factory=list)
    #: every activity in the plan's order, headings included (the 活动安排及责任分工表)
    outline: list[Row] = field(default_factory=list)
    units: list[UnitLoad] = field(default_factory=list)
    no_lead: list[Row] = field(default_factory=list)
    idle: list[UnitLoad] = field(default_factory=list)


def responsibility(lp: Loaded, as_of: date, cal: Any) -> Responsibility:
    """The matrix of one plan, with each unit's next open deadline on ``as_of``."""
    plan: Plan = lp.plan  # type: ignore[assignment]
    out = Responsibility(plan)
    for a, path, parents in walk_activities(plan):
        if a.children and not a.lead and not a.support:  # a heading whose sub-items carry the work
            out.outline.append(Row(activity_label(a, parents), a.title, [], [], activity_when(a), None, path,
                                   heading=True, no=a.no or ""))
            continue
        lead = a.lead or next((p.lead for p in reversed(parents) if p.lead), [])
        row = Row(activity_label(a, parents), a.title, list(lead), list(a.support), activity_when(a),
                  None, path, no=a.no or "")
        out.rows.append(row)
        out.outline.append(row)
        if not lead:
            out.no_lead.append(row)
    items, _ = plan_items(lp, cal)
    dues = {i.path: i.date for i in items if i.kind == "activity_due"}
    for row in out.outline:
        row.due = dues.get(row.path)
    names = {u.id: (u.name or u.id) for u in plan.units}
    order = [u.id for u in plan.units]
    for row in out.rows:
        for ref in row.lead + row.support:
            if ref not in names:
                names[ref] = ref
                order.append(ref)
    loads = {uid: UnitLoad(uid, names[uid]) for uid in order}
    for row in out.rows:
        for ref in row.lead:
            loads[ref].leads += 1
        for ref in row.support:
            loads[ref].supports += 1
    for it in sorted(items, key=lambda i: i.date):
        if not it.deadline or it.date < as_of or (it.done is not None and it.done <= as_of):
            continue
        for ref in it.units:
            load = loads.get(ref)
            if load is not None and load.next_due is None:
                load.next_due, load.next_what = it.date, it.what
    out.units = list(loads.values())
    senders = {ref for s in plan.submissions for ref in s.from_} | {s.to for s in plan.submissions if s.to}
    senders |= {u.parent for u in plan.units if u.parent}  # a bureau whose sections do the work
    if plan.donation_policy and plan.donation_policy.recipient:
        senders.add(plan.donation_policy.recipient)
    out.idle = [u for u in out.units if not u.leads and not u.supports and u.unit not in senders]
    return out


# --- rules ------------------------------------------------------------------------------------------------

@dataclass
class Proposal:
    row: Row
    rule_index: int
    rule: Rule

    def describe(self) -> str:
        what = "、".join(self.rule.kinds) if self.rule.kinds else ""
        words = "、".join(self.rule.keywords) if self.rule.keywords else ""
        parts = ([f"类别 {what}"] if what else []) + ([f"关键词 {words}"] if words else [])
        return f"规则 {self.rule_index + 1}（{'；'.join(parts)}）"


def propose_leads(lp: Loaded, resp: Responsibility, rules: list[Rule]) -> list[Proposal]:
    """A proposal for every activity without a lead, from the first rule that matches it."""
    acts = {path: a for a, path, _ in walk_activities(lp.plan)}  # type: ignore[arg-type]
    out = []
    for row in resp.no_lead:
        a = acts[row.path]
        text = a.title + (a.description or "")
        for i, rule in enumerate(rules):
            if (rule.kinds and set(rule.kinds) & set(a.kinds)) or any(w in text for w in rule.keywords):
                if rule.lead:
                    out.append(Proposal(row, i, rule))
                    break
    return out


def write_leads(path: str, proposals: list[Proposal]) -> int:
    """Write the proposed leads into the plan file, changing nothing else (comments, order, layout kept)."""
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096
    with open(path, encoding="utf-8-sig") as fh:
        text = fh.read()
    yaml.indent(mapping=2, sequence=_sequence_indent(text), offset=_sequence_indent(text) - 2)
    doc = yaml.load(text)
    written = 0
    for p in proposals:
        node = _find(doc, p.row.path)
        if node is None:
            continue
        chinese = any(not str(k).isascii() for k in node)
        key = "主办" if chinese else "lead"
        value = list(p.rule.lead)
        _insert_after_title(node, key, value if len(value) > 1 else value[0])
        if p.rule.support and not any(key_lookup(Activity)[0].get(str(k)) == "support" for k in node):
            _insert_after_title(node, "协办" if chinese else "support",
                                list(p.rule.support) if len(p.rule.support) > 1 else p.rule.support[0], after=key)
        written += 1
    if written:
        buf = io.StringIO()
        yaml.dump(doc, buf)
        write_atomic(path, buf.getvalue().encode("utf-8"))
    return written


def _sequence_indent(text: str) -> int:
    """4 when list items are indented under their key ("活动:\n  - 标题"), 2 when not ("活动:\n- 标题")."""
    m = re.search(r"^([^\s#][^\n]*:)[ \t]*\n(?:[ \t]*#[^\n]*\n)*( *)- ", text, re.M)
    return 4 if m and len(m.group(2)) >= 2 else 2


def _find(doc: Any, path: tuple) -> Any:
    """The round-trip mapping at an English-key path, whatever language the file's keys are in."""
    node, model = doc, Plan
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return None
            node = node[part]
            model = Activity
            continue
        lookup, _ = key_lookup(model)
        raw = next((k for k in node if lookup.get(str(k)) == part), None)
        if raw is None:
            return None
        node = node[raw]
    return node


def _insert_after_title(node: Any, key: str, value: Any, after: str | None = None) -> None:
    keys = list(node.keys())
    lookup, _ = key_lookup(Activity)
    anchor = after if after in keys else next((k for k in keys if lookup.get(str(k)) == "title"), None)
    pos = keys.index(anchor) + 1 if anchor is not None else len(keys)
    node.insert(pos, key, value)
