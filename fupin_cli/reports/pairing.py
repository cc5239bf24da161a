"""结对帮扶: the pairing table (结对情况表), visit compliance (走访达标情况) and the monthly briefing (月度通报)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from ..diagnostics import Text
from ..table import Column, Table
from .base import TOTAL

HOLIDAY_WEEKS_EXEMPT = Text("；节假日周（工作日不超过 2 天）免考（方案可写 节假日周免考: 否）",
                            "; a holiday week (two working days or fewer) is exempt (the plan may say holiday_weeks_exempt: false)")
#: the window a birthday visit counts in, which the engine applies (engines/pairing.py ``_window``)
BIRTHDAY_WINDOW = Text("生日走访：生日前后 3 天内（含）的走访算作按时。", "A birthday visit counts within 3 days either side.")


def pairing_coverage_table(pairing, cov, lang: str = "zh") -> Table:
    """结对情况表: who is paired with whom, the pairing rate against the aim, the unpaired, helpers over capacity."""
    columns = [Column("helper", "帮扶方", "Helper"), Column("kind", "类型", "Kind"), Column("leader", "组长", "Leader"),
               Column("members", "成员", "Members"), Column("targets", "帮扶对象", "Targets"),
               Column("mode", "方式", "Mode"), Column("start", "结对日期", "Since", "date")]
    helpers = {h.id: h for h in pairing.helpers}
    rows = []
    for p in pairing.pairs:
        h = helpers.get(p.helper)
        rows.append([p.helper, h.kind if h else "", h.leader if h else "", h.members if h else [], p.targets,
                     p.mode or "", p.start])
    rate = f"{cov.paired}/{cov.targets} = {cov.rate}%"
    aim = f"{cov.aim.normalize():f}" if cov.aim is not None else None
    notes = [Text(f"结对率：{rate}" + (f"（目标 {aim}%）" if aim is not None else ""),
                  f"Pairing rate: {rate}" + (f" (aim {aim}%)" if aim is not None else ""))(lang)]
    if cov.unpaired:
        open_, comma, close = Text("（", " (")(lang), Text("，", ", ")(lang), Text("）", ")")(lang)
        who = Text("、", ", ")(lang).join(
            f"{t.id}{open_}{comma.join(x for x in [t.village, '、'.join(t.causes), Text('低保', 'dibao')(lang) if t.dibao else ''] if x)}{close}"
            for t in cov.unpaired)
        notes.append(Text(f"尚未结对：{who}", f"Not yet paired: {who}")(lang))
    for helper, count, cap in cov.over_capacity:
        notes.append(Text(f"超出帮扶上限：{helper} 结对 {count} 个，上限 {cap}",
                          f"Over capacity: {helper} has {count}, capacity {cap}")(lang))
    return Table("pairing", "结对情况表", columns, rows, title_en="Pairings", notes=notes, label="结对情况表")


def compliance_table(rows, policy, lang: str = "zh") -> Table:
    """走访达标情况: for each group (or pairing), periods judged, met, below (which), exempt, occasions missed."""
    unit = Text("周" if policy.per == "week" else "月", policy.per)
    columns = [Column("who", "帮扶方", "Helper"), Column("targets", "帮扶对象", "Targets"),
               Column("judged", f"考核{unit.zh}数", f"{unit.en}s judged", "int"), Column("met", "达标", "Met", "int"),
               Column("below", "未达标", "Below", "int"),
               Column("which", f"未达标的{unit.zh}", f"Which {unit.en}s"),
               Column("exempt", "免考", "Exempt", "int"), Column("occasions", "漏访时节", "Occasions missed")]
    out, styles = [], []
    for c in rows:
        judged = [p for p in c.periods if not p.exempt]
        below = c.below
        which = [period_label(p, policy.per, lang) for p in below]
        missed = [f"{name}：{t}" for name, t, _, _ in c.missed_occasions]
        out.append([c.who, c.targets, len(judged), len(judged) - len(below), len(below), which,
                    len(c.periods) - len(judged), missed])
        styles.append("overdue" if below or missed else None)
    scope = Text("按帮扶小组考核" if policy.scope == "group" else "按结对户考核", f"per {policy.scope}")
    exempt = HOLIDAY_WEEKS_EXEMPT if policy.per == "week" and policy.holiday_weeks_exempt else Text("", "")
    notes = [Text(f"走访要求：每{unit.zh}至少 {policy.minimum} 次，{scope.zh}；只考核已结束的{unit.zh}{exempt.zh}",
                  f"Policy: at least {policy.minimum} a {unit.en}, {scope.en}; only finished {unit.en}s are judged"
                  f"{exempt.en}")(lang)]
    if policy.counts:
        kinds = "、".join(policy.counts)
        notes.append(Text(f"计入方式：只计{kinds}。", f"Only these contacts count as visits: {', '.join(policy.counts)}.")(lang))
    else:
        notes.append(Text("计入方式：走访记录中的每种联系方式（走访、电话等）都计入（方案可写 计入方式）。",
                          "Every kind of contact in the visit log counts as a visit (the plan may list counts).")(lang))
    if any(o.birthday for o in policy.occasions):
        notes.append(BIRTHDAY_WINDOW(lang))
    return Table("compliance", "走访达标情况", columns, out, title_en="Visit compliance", styles=styles, notes=notes,
                 label="走访达标情况")


def period_label(p, per: str, lang: str = "zh") -> str:
    """A judged week or month with its year and the visits in it: 2020-10-12 周（0次）, 2020年10月（2次）; in
    English 2020-10-12–2020-10-18 (0), 2020-10 (2). A campaign may run across the new year, and a table read
    later must not leave the year to be guessed."""
    if per == "week":
        return Text(f"{p.start.isoformat()} 周（{p.visits}次）",
                    f"{p.start.isoformat()}–{p.end.isoformat()} ({p.visits})")(lang)
    return Text(f"{p.start.year}年{p.start.month}月（{p.visits}次）", f"{p.start:%Y-%m} ({p.visits})")(lang)


def briefing_table(rows, month: date, lang: str = "zh") -> Table:
    """月度通报: per group, visits to its households this month and last, help given by kind, value."""
    prev = month.replace(day=1) - timedelta(days=1)
    columns = [Column("helper", "帮扶小组", "Group"), Column("targets", "帮扶对象", "Households"),
               Column("visits", f"{month.month}月走访次数", f"Visits in {month:%Y-%m}", "int"),
               Column("previous", f"{prev.month}月走访次数", f"Visits in {prev:%Y-%m}", "int"),
               Column("change", "增减", "Change", "int"), Column("kinds", "帮扶内容", "Help given"),
               Column("value", "价值（元）", "Value", "money")]
    out = []
    for r in rows:
        kinds = "、".join(Text(f"{k}{n}次", f"{k} ×{n}")(lang) for k, n in sorted(r.kinds.items()))
        out.append([r.helper, r.targets, r.visits, r.previous, r.change, kinds, r.value])
    total_value = sum((r.value for r in rows), Decimal("0.00"))
    v, pv = sum(r.visits for r in rows), sum(r.previous for r in rows)
    total = [TOTAL(lang), "", v, pv, v - pv, "", total_value]
    title = f"{month.year}年{month.month}月结对帮扶走访情况通报"
    return Table("briefing", title, columns, out, title_en=f"Pairing visits, {month:%Y-%m}", total=total,
                 unit_of_measure="元", label="月度通报")
