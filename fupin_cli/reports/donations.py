"""捐赠统计表, 大额捐赠登记表 and 捐赠公示名单, from a ledger report."""

from __future__ import annotations

from datetime import date

from ..diagnostics import Text, render
from ..engines.ledger.cells import DONOR_TYPE_ZH, KIND_ZH
from ..engines.ledger.donors import BASIS_EN, BASIS_ZH, guess_type
from ..model.donation import ACTION_EN, ACTION_ZH
from ..money import ZERO
from ..engines.ledger.report import GROUP_EN, GROUP_ZH
from ..privacy import mask_name, scrub
from ..table import Column, Table, total_in_words
from .base import TOTAL, rows_note

#: a gift's kind and a donor's type: Chinese words, English codes
GIFT_KIND = {k: Text(zh, k) for k, zh in KIND_ZH.items()}
DONOR_TYPE = {k: Text(zh, k) for k, zh in DONOR_TYPE_ZH.items()}
_GROUP_LABELS = {"kind": GIFT_KIND, "donor_type": DONOR_TYPE}

PUBLICITY_NOTE = Text("个人姓名除本人同意公开者外只显示姓氏（个人信息保护法 第二十五条）；不同意公示的单位不显示名称；"
                      "匿名捐赠按原称谓公示；不公示电话、身份证号。",
                      "Persons' given names are masked unless they consented; a unit that refused is not named; "
                      "anonymous gifts are shown under their label; no phone or ID numbers.")
#: how a donor's type was decided, in either language
BASIS = {k: Text(zh, BASIS_EN[k]) for k, zh in BASIS_ZH.items()}
NO_RULES = Text("方案未规定大额捐赠标准，未列任何捐赠：可在方案“捐赠规则”中写“分级”，或用 --donation-rules 指定本单位的规则文件。",
                "The plan sets no large-gift rules, so no gift is listed: write tiers under the plan's donation_policy, "
                "or give an office's rules file with --donation-rules.")
#: the actions that publish a donor
PUBLISH = frozenset({"publish", "publish_with_consent"})


def rules_note(report, tiers=None) -> Text:
    """适用规则（来源）：单位超过 50,000.00 元：颁发捐赠证书；… — the rules a table applied, and where they came from."""
    tiers = report.tiers if tiers is None else tiers
    source = report.rules_source or "方案"
    zh = "；".join(t.text("zh") for t in tiers)
    en = "; ".join(t.text("en") for t in tiers)
    where_zh = "方案“捐赠规则”" if source == "方案" else f"规则文件 {source}"
    where_en = "the plan's 捐赠规则" if source == "方案" else f"rules file {source}"
    return Text(f"适用规则（{where_zh}）：{zh}。", f"Rules applied ({where_en}): {en}.")



def _donor_columns() -> list[Column]:
    """序号, 捐赠人, 类型, 所属单位: how the gift lists begin."""
    return [Column("no", "序号", "No.", "int"), Column("donor", "捐赠人", "Donor"),
            Column("donor_type", "类型", "Type"), Column("unit", "所属单位", "Unit")]


def _money_columns() -> list[Column]:
    """现金, 物资折价, 合计: how the donation tables end."""
    return [Column("cash", "现金（元）", "Cash", "money"), Column("goods", "物资折价（元）", "Goods at value", "money"),
            Column("total", "合计（元）", "Total", "money")]


def donations_table(report, lang: str = "zh", issuer: str | None = None, as_of: date | None = None,
                    rmb: bool = False) -> Table:
    """捐赠统计表: per group, gifts, donors, cash, goods at value, total; a 合计 row; the total in 大写 (``rmb``:
    人民币 before it)."""
    columns = [Column(k, GROUP_ZH[k], GROUP_EN[k], "date" if k == "date" else "text") for k in report.by]
    columns += [Column("gifts", "笔数", "Gifts", "int"), Column("donors", "捐赠人数", "Donors", "int"),
                *_money_columns()]

    def label(k: str, v):
        return render(_GROUP_LABELS[k].get(v, v), lang) if k in _GROUP_LABELS else v

    rows = []
    for key in sorted(report.groups, key=lambda t: tuple("" if x is None else str(x) for x in t)):
        agg = report.groups[key]
        rows.append([label(k, v) for k, v in zip(report.by, key)] +
                    [agg.gifts, agg.donors, agg.cash, agg.goods, agg.total])
    t = report.total
    total = [TOTAL(lang)] + [""] * (len(report.by) - 1) + [t.gifts, t.donors, t.cash, t.goods, t.total]
    notes = [total_in_words(t.total, rmb)(lang),
             rows_note(report.rows_read, report.accepted, report.skipped, report.rejected)(lang)]
    return Table("donations", "捐赠统计表", columns, rows, title_en="Donations", issuer=issuer, as_of=as_of,
                 unit_of_measure="元", total=total, notes=notes,
                 figures={"donations": t.total, "cash": t.cash, "goods": t.goods})


def large_gifts_table(report, lang: str = "zh", full_names: bool = False) -> Table:
    """大额捐赠登记表: the single gifts that meet a tier of the rules (certificate, ceremony …), with what each
    asks for. A person's name is masked unless ``full_names`` (for the office's own certificate work)."""
    columns = [*_donor_columns(), Column("kind", "款物", "Kind"),
               Column("amount", "金额（元）", "Amount", "money"), Column("date", "日期", "Date", "date"),
               Column("receipt", "票据号", "Receipt"), Column("actions", "办理事项", "To do"),
               Column("certificate", "证书编号", "Certificate no."),
               Column("type_basis", "类型依据", "Type decided by", visible=False),
               Column("source", "台账位置", "Ledger line", visible=False)]
    gifts = sorted(report.large, key=lambda g: (-g.amount, g.file, g.line))
    rows = [[i, scrub(g.donor) if full_names else _name(g.donor, g.donor_type, None, None),
             DONOR_TYPE[g.donor_type](lang), g.unit, GIFT_KIND[g.kind](lang), g.amount, g.date,
             g.receipt, _actions(g.tiers, lang), "", BASIS[g.basis](lang), f"{g.file}:{g.line}"]
            for i, g in enumerate(gifts, 1)]
    total = [TOTAL(lang), f"{len(rows)} 笔" if lang != "en" else f"{len(rows)} gifts", "", "", "",
             sum((g.amount for g in gifts), ZERO), "", "", "", "", "", ""]
    notes = [rules_note(report)(lang)] if report.tiers else [NO_RULES(lang)]
    if any(g.basis == "guess" for g in gifts):
        notes.append(Text("类型依据为“按名称推断”的，请核对后再办理。", "Check the donors whose type was guessed "
                          "from the name before acting.")(lang))
    return Table("large", "大额捐赠登记表", columns, rows, title_en="Large donations (certificates)",
                 unit_of_measure="元", total=total if rows else None, notes=notes)


def _actions(tiers, lang: str) -> str:
    """颁发捐赠证书、上报: what the rules a gift meets ask for."""
    seen = dict.fromkeys(a for t in tiers for a in t.actions)
    if lang == "en":
        return ", ".join(ACTION_EN[a] for a in seen)
    return "、".join(ACTION_ZH[a] for a in seen)


def _name(donor: str, donor_type: str, consent: bool | None, anonymous_label: str | None) -> str:
    """A donor's name as a table prints it: a unit by name unless it refused (同意公示: 否); a person by name only
    with consent, else masked (or the plan's label, e.g. 爱心人士); an anonymous label as written, and a donor
    the ledger calls 匿名 under the label."""
    if donor_type == "anonymous":
        return scrub(donor) if guess_type(donor) == "anonymous" else (anonymous_label or "匿名")
    if donor_type == "unit":
        return scrub(donor) if consent is not False else "匿名单位"
    return scrub(donor) if consent else (anonymous_label or mask_name(donor))


def shown_name(e, anonymous_label: str | None) -> str:
    """A 公示 entry's name (see ``_name``)."""
    return _name(e.donor, e.donor_type, e.consent, anonymous_label)


def publicity_table(report, lang: str = "zh", anonymous_label: str | None = None) -> Table:
    """捐赠公示名单: each donor by ``shown_name``. Where the rules publish a type of donor only from an amount
    (公示 / 同意后公示 tiers), the donors of that type below it are one line (其他个人捐赠, N 人) — the totals
    still add up."""
    columns = _donor_columns() + _money_columns() + [Column("type_basis", "类型依据", "Type decided by",
                                                            visible=False)]
    publishing = [t for t in report.tiers if PUBLISH & set(t.actions)]
    listed, others = [], {}
    for e in sorted(report.publicity.values(), key=lambda e: (e.donor_type != "unit", -(e.cash + e.goods), e.first)):
        mine = [t for t in publishing if e.donor_type in t.donor_types]
        if not mine or any(t.applies(e.donor_type, e.cash + e.goods) for t in mine):
            listed.append(e)
        else:
            others.setdefault(e.donor_type, []).append(e)
    rows = [[i, shown_name(e, anonymous_label), DONOR_TYPE[e.donor_type](lang), e.unit, e.cash, e.goods,
             e.cash + e.goods, BASIS[e.basis](lang)] for i, e in enumerate(listed, 1)]
    for dtype, group in others.items():
        cash, goods = sum((e.cash for e in group), ZERO), sum((e.goods for e in group), ZERO)
        label = Text(f"其他{DONOR_TYPE_ZH[dtype]}捐赠（{len(group)} 人）" if dtype != "unit" else
                     f"其他单位捐赠（{len(group)} 个）", f"other {dtype} donors ({len(group)})")(lang)
        rows.append([len(rows) + 1, label, DONOR_TYPE[dtype](lang), "", cash, goods, cash + goods, ""])
    t = report.total
    total = [TOTAL(lang), "", "", "", t.cash, t.goods, t.total, ""]
    notes = [PUBLICITY_NOTE(lang)]
    if publishing:
        notes.append(rules_note(report, publishing)(lang) +
                     Text("未达公示标准的捐赠合并为一行。", " Donors below it are summed on one line.")(lang))
    return Table("publicity", "捐赠公示名单", columns, rows, title_en="Publicity list", unit_of_measure="元",
                 total=total, notes=notes)
