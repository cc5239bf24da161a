"""The donation rules of a notice: voluntary giving, what follows a large gift (certificate, publication,
ceremony — by tiers), who gives as a unit, the 公示 period.

Nothing here has a default: a notice that states no threshold earns no certificate warning, and one that
states no 公示 period gets no 公示 deadline. An office's usual rules can be given in a rules file
(``fupin donations --donation-rules FILE``), which fills in what the plan leaves unsaid.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import BeforeValidator, model_validator
from typing_extensions import Annotated

from ..dates import normalize_text
from ..diagnostics import InputError
from ..money import format_amount
from .fields import Amount, PlanModel, TextList, UnitRefs, YesNo, field, value_error

#: what may follow a gift, by the words notices use -> the action
ACTIONS = {"证书": "certificate", "捐赠证书": "certificate", "颁发证书": "certificate", "颁发捐赠证书": "certificate",
           "上报": "report", "报告": "report", "登记": "register", "公示": "publish", "公开": "publish",
           "同意后公示": "publish_with_consent", "征得同意后公示": "publish_with_consent",
           "经本人同意后公示": "publish_with_consent", "经同意公示": "publish_with_consent",
           "仪式": "ceremony", "捐赠仪式": "ceremony", "举行捐赠仪式": "ceremony", "表彰": "commend"}
#: each action in the words the tables print
ACTION_ZH = {"certificate": "颁发捐赠证书", "report": "上报", "register": "登记", "publish": "公示",
             "publish_with_consent": "经本人同意后公示", "ceremony": "举行捐赠仪式", "commend": "表彰"}
ACTION_EN = {"certificate": "certificate", "report": "report upward", "register": "register",
             "publish": "publish", "publish_with_consent": "publish with consent", "ceremony": "ceremony",
             "commend": "commend"}
#: a tier's 对象 -> the donor types it covers
WHO = {"单位": ("unit",), "个人": ("person", "anonymous"), "全部": ("unit", "person", "anonymous"),
       "所有": ("unit", "person", "anonymous"), "单位和个人": ("unit", "person", "anonymous"),
       "单位或个人": ("unit", "person", "anonymous")}
_BOUND = re.compile(r"^(?:(超过|高于|大于|多于|达到|满)\s*)?(.+?)\s*((?:及|或)?以上|（含）以上|\(含\)以上|以上（含）|以上\(含\))?$")
_INCLUSIVE_WORDS = ("达到", "满")


def _action(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = normalize_text(value).replace(" ", "")
    if text in ACTIONS:
        return ACTIONS[text]
    if text in ACTION_ZH:
        return text
    raise value_error(InputError(f"“{value}”不是可识别的处理方式（可写：{'、'.join(dict.fromkeys(ACTION_ZH.values()))}、证书、仪式）",
                                 f"“{value}” is not a known action (证书, 上报, 登记, 公示, 同意后公示, 仪式, 表彰)"))


def _who(value: Any) -> Any:
    if isinstance(value, str) and normalize_text(value).replace(" ", "") in WHO:
        return normalize_text(value).replace(" ", "")
    if isinstance(value, str):
        raise value_error(InputError(f"对象应为 单位、个人 或 全部，实际是“{value}”",
                                     f"对象 is 单位, 个人 or 全部, not “{value}”"))
    return value


Action = Annotated[str, BeforeValidator(_action)]
Who = Annotated[str, BeforeValidator(_who)]


class GiftTier(PlanModel):
    """捐赠分级: what follows a single gift from 对象 of 标准 元 (以上 or 超过): 处理.

    以上 includes the figure, 超过 does not; 处理 is a certificate, reporting upward, publication (with consent),
    a ceremony …"""

    who: Who = field("对象", default="全部", description="对象：单位、个人 或 全部（默认 全部） — who")
    amount: Amount = field("标准", "金额", "起点", default=...,
                           description="标准：如 超过5万元、5000元以上、1万元（含）以上；或写金额另写界限 — amount")
    bound: Literal["以上", "超过"] = field("界限", default=..., description="界限：以上（含本数）或 超过（不含） — bound")
    actions: list[Action] = field("处理", "措施", default_factory=list,
                                  description="处理：证书、上报、登记、公示、同意后公示、仪式、表彰 — actions")

    @model_validator(mode="before")
    @classmethod
    def _bound_in_words(cls, data: Any) -> Any:
        """"超过5万元" and "5000元以上" carry the bound in the figure: split it into 标准 and 界限."""
        if not isinstance(data, dict):
            return data
        data = dict(data)  # (the loader has put the keys in English)
        text = data.get("amount")
        if isinstance(text, str):
            m = _BOUND.match(normalize_text(text).strip())
            if m and (m.group(1) or m.group(3)):
                bound = "超过" if m.group(1) and m.group(1) not in _INCLUSIVE_WORDS else "以上"
                stated = data.get("bound")
                if stated is not None and stated != bound:
                    raise value_error(InputError(f"“{text}”与 界限: {stated} 矛盾", f"“{text}” contradicts 界限: {stated}"))
                data["amount"], data["bound"] = m.group(2), bound
        if isinstance(data.get("actions"), str):
            data["actions"] = [a for a in re.split(r"[、，,；;/]+", data["actions"]) if a.strip()]
        return data

    def rule(self) -> "Tier":
        return Tier(WHO[self.who], self.amount, self.bound == "以上", tuple(dict.fromkeys(self.actions)), self.who)


@dataclass(frozen=True)
class Tier:
    """One applied tier, as the engines use it: plain data."""

    donor_types: tuple[str, ...]
    amount: Decimal
    inclusive: bool
    actions: tuple[str, ...]
    who: str = "全部"

    def applies(self, donor_type: str, amount: Decimal) -> bool:
        if donor_type not in self.donor_types:
            return False
        return amount >= self.amount if self.inclusive else amount > self.amount

    def text(self, lang: str = "zh") -> str:
        """单位单笔超过 50,000.00 元：颁发捐赠证书 / units over 50,000.00: certificate."""
        figure = format_amount(self.amount)
        if lang == "en":
            who = {"单位": "units", "个人": "persons"}.get(self.who, "any donor")
            bound = "from" if self.inclusive else "over"
            return f"{who} {bound} {figure}: {', '.join(ACTION_EN[a] for a in self.actions) or '(listed)'}"
        bound = f" {figure} 元以上（含本数）" if self.inclusive else f"超过 {figure} 元"
        who = self.who if self.who in ("单位", "个人") else ""
        return f"{who}单笔{bound}：{'、'.join(ACTION_ZH[a] for a in self.actions) or '登记'}"


class DonationPolicy(PlanModel):
    """捐赠规则: the donation rules of the notice. Only what the notice states: no field has a default."""

    voluntary: YesNo | None = field("自愿", description="自愿：捐赠自愿，不得硬性摊派（不写：未说明） — voluntary")
    tiers: list[GiftTier] = field("分级", "大额捐赠", "捐赠分级", default_factory=list,
                                  description="分级：单笔大额捐赠逐级的处理 — tiers")
    large_unit: Amount | None = field("单位大额标准", "单位大额捐赠",
                                      description="单位大额标准：单位单笔超过此数（元）颁发证书，分级的简写 — "
                                                  "large unit gift")
    large_person: Amount | None = field("个人大额标准", "个人大额捐赠",
                                        description="个人大额标准：个人单笔超过此数（元）颁发证书，分级的简写 — "
                                                    "large personal gift")
    publicity_working_days: int | None = field("公示期限", "公示工作日", ge=1,
                                               description="公示期限：捐赠结束后多少个工作日内公示（不写：无公示期限） — "
                                                           "publicity period")
    schools_may_organise: YesNo | None = field("学校组织捐赠", "中小学组织捐赠",
                                              description="学校组织捐赠：否 = 中小学原则上不组织捐赠 — schools may organise")
    expected_total: Amount | None = field("应到账金额", "预计总额", "到账总额",
                                          description="应到账金额（元）：与台账合计核对 — expected total")
    recipient: str | None = field("接收单位", "受赠单位", "捐赠账户", description="接收单位，如 区慈善会 — recipient")
    management: str | None = field("资金管理", "管理方式", description="资金管理，如 分级管理、各负其责 — management")
    anonymous_label: str | None = field("匿名称谓", "公示称谓",
                                        description="匿名称谓，如 爱心人士：未同意公示姓名的个人在公示中 "
                                                    "这样写 — anonymous label")
    donor_units: UnitRefs = field("捐赠单位", "单位捐赠人", default_factory=list,
                                  description="捐赠单位：方案单位名单之外的单位捐赠人（企业、协会 …） "
                                              "— donor units")
    donor_persons: UnitRefs = field("个人捐赠人", "捐赠个人", default_factory=list,
                                    description="个人捐赠人：名称像单位、实为个人的捐赠人 "
                                                "— donor persons")

    def rules(self) -> list[Tier]:
        """Every tier, the shorthands (单位大额标准, 个人大额标准: 超过, certificate) included."""
        out = [t.rule() for t in self.tiers]
        if self.large_unit is not None:
            out.append(Tier(WHO["单位"], self.large_unit, False, ("certificate",), "单位"))
        if self.large_person is not None:
            out.append(Tier(WHO["个人"], self.large_person, False, ("certificate",), "个人"))
        return out

    def merged(self, defaults: "DonationPolicy | None") -> "DonationPolicy":
        """The plan's rules, with what they leave unsaid taken from an office's ``defaults`` (a rules file).
        Tiers come whole from one or the other: the plan's when it states any."""
        if defaults is None:
            return self
        mine = self.model_dump(exclude_unset=True)
        if self.tiers or self.large_unit is not None or self.large_person is not None:
            theirs = defaults.model_dump(exclude_unset=True, exclude={"tiers", "large_unit", "large_person"})
        else:
            theirs = defaults.model_dump(exclude_unset=True)
        for k in ("donor_units", "donor_persons"):
            if k in theirs and k in mine:
                mine[k] = list(dict.fromkeys(theirs[k] + mine[k]))
        return DonationPolicy.model_validate({**theirs, **mine})


class DonationRulesFile(PlanModel):
    """捐赠规则文件: an office's usual donation rules, applied where a plan states none."""

    rules: DonationPolicy = field("捐赠规则", default_factory=DonationPolicy, description="捐赠规则")
