"""捐赠统计表, 大额捐赠登记表 and 捐赠公示名单, from a ledger report."""

from __future__ import annotations

from datetime import date

from ..diagnostics import Text, render
from ..engines.ledger.cells import DONOR_TYPE_ZH, KIND_ZH
from ..engines.ledger.masking import shown_donor
from ..engines.ledger.report import GROUP_EN, GROUP_ZH
from ..privacy import mask_name, scrub
from ..table import Column, Table, total_in_words
from .base import TOTAL, rows_note

#: a gift's kind and a donor's type: Chinese words, English codes
GIFT_KIND = {k: Text(zh, k) for k, zh in KIND_ZH.items()}
DONOR_TYPE = {k: Text(zh, k) for k, zh in DONOR_TYPE_ZH.items()}
_GROUP_LABELS = {"kind": GIFT_KIND, "donor_type": DONOR_TYPE}

PUBLICITY_NOTE = Text("个人姓名除本人同意公开者外只显示姓氏（个人信息保护法 第二十五条）；不公示电话、身份证号。",
                      "Persons' given names are masked unless they consented; no phone or ID numbers.")



def _donor_columns() -> list[Column]:
    """序号, 捐赠人, 类型, 所属单位: how the gift lists begin."""
    return [Column("no", "序号", "No.", "int"), Column("donor", "捐赠人", "Donor"),
            Column("donor_type", "类型", "Type"), Column("unit", "所属单位", "Unit")]


def _money_columns() -> list[Column]:
    """现金, 物资折价, 合计: how the donation tables end."""
    return [Column("cash", "现金（元）", "Cash", "money"), Column("goods", "物资折价（元）", "Goods at value", "money"),
            Column("total", "合计（元）", "Total", "money")]


def donations_table(report, lang: str = "zh", issuer: str | None = None, as_of: date | None = None) -> Table:
    """捐赠统计表: per group, gifts, donors, cash, goods at value, total; a 合计 row; the total in 大写."""
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
    notes = [total_in_words(t.total)(lang),
             rows_note(report.rows_read, report.accepted, report.skipped, report.rejected)(lang)]
    return Table("donations", "捐赠统计表", columns, rows, title_en="Donations", issuer=issuer, as_of=as_of,
                 unit_of_measure="元", total=total, notes=notes)


def large_gifts_table(report, lang: str = "zh") -> Table:
    """大额捐赠登记表: the single gifts over the thresholds, which earn a certificate."""
    columns = [*_donor_columns(), Column("kind", "款物", "Kind"),
               Column("amount", "金额（元）", "Amount", "money"), Column("date", "日期", "Date", "date"),
               Column("receipt", "票据号", "Receipt"), Column("source", "台账位置", "Ledger line")]
    rows = [[i, shown_donor(g.donor, g.donor_type), DONOR_TYPE[g.donor_type](lang), g.unit,
             GIFT_KIND[g.kind](lang), g.amount, g.date, g.receipt, f"{g.file}:{g.line}"]
            for i, g in enumerate(sorted(report.large, key=lambda g: (-g.amount, g.file, g.line)), 1)]
    return Table("large", "大额捐赠登记表", columns, rows, title_en="Large donations (certificates)",
                 unit_of_measure="元")


def publicity_table(report, lang: str = "zh", anonymous_label: str | None = None) -> Table:
    """捐赠公示名单: units by name; persons masked unless they consented (or the plan's label, e.g. 爱心人士)."""
    columns = _donor_columns() + _money_columns()
    entries = sorted(report.publicity.values(),
                     key=lambda e: (e.donor_type != "unit", -(e.cash + e.goods), e.first))
    rows = []
    for i, e in enumerate(entries, 1):
        if e.donor_type == "unit" or e.consent:
            name = scrub(e.donor)
        else:
            name = anonymous_label or mask_name(e.donor)
        rows.append([i, name, DONOR_TYPE[e.donor_type](lang), e.unit, e.cash, e.goods, e.cash + e.goods])
    t = report.total
    total = [TOTAL(lang), "", "", "", t.cash, t.goods, t.total]
    return Table("publicity", "捐赠公示名单", columns, rows, title_en="Publicity list", unit_of_measure="元",
                 total=total, notes=[PUBLICITY_NOTE(lang)])
