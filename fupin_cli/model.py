"""The plan model (活动方案): what a campaign notice contains, as pydantic v2 models.

Every field has an English key and the Chinese names a clerk writes (``标题``, ``主办`` …); the loader
(:mod:`fupin_cli.loading.plans`) maps Chinese keys to English ones, keeping source positions, and then
validates with these models. Dates may be written without a year (``10月19日``): they take the plan's
``year`` from the validation context. Unknown keys are refused (``extra="forbid"``)::

    >>> plan = Plan.model_validate({"title": "扶贫日活动方案", "year": 2020,
    ...                             "activities": [{"title": "送课下乡", "due": "10月17日前"}]},
    ...                            context={"year": 2020})
    >>> plan.activities[0].due
    datetime.date(2020, 10, 17)

Later features extend these models; add a field with its Chinese names through :func:`field`.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Iterator, Literal, Union

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag, ValidationInfo, WithJsonSchema,
                      model_validator)
from pydantic_core import PydanticCustomError

from .diagnostics import InputError
from .dates import DateError, normalize_text, parse_date, parse_range
from .money import AmountError, parse_amount


def field(*zh: str, default: Any = None, description: str = "", alias: str | None = None, **kw: Any) -> Any:
    """A model field with its accepted Chinese key names (the first is the preferred one)."""
    extra = {"zh": list(zh)}
    if "default_factory" in kw:
        return Field(description=description, json_schema_extra=extra, alias=alias, **kw)
    return Field(default, description=description, json_schema_extra=extra, alias=alias, **kw)


# --- value parsers shared by the models --------------------------------------------------------------

def _custom(kind: str, e: InputError) -> PydanticCustomError:
    """A pydantic error carrying both languages; the loader turns ``fp_date`` into FP106, ``fp_value`` FP102."""
    return PydanticCustomError(kind, "{en}", {"zh": e.zh, "en": e.en})


def _context_year(info: ValidationInfo) -> int | None:
    ctx = info.context or {}
    year = ctx.get("year")
    return year if isinstance(year, int) else None


def _to_date(value: Any, info: ValidationInfo) -> Any:
    if value is None:
        return None
    try:
        return parse_date(value, _context_year(info))
    except DateError as e:
        raise _custom("fp_date", e) from None


def _to_amount(value: Any) -> Any:
    if value is None:
        return None
    try:
        return parse_amount(value)
    except AmountError as e:
        raise _custom("fp_value", e) from None


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


_to_text_list = _to_names


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
                     WithJsonSchema({"type": "string", "description": "2020-10-19 / 2020年10月19日 / 10月19日（前）"})]
Amount = Annotated[Decimal, BeforeValidator(_to_amount),
                   WithJsonSchema({"type": ["number", "string"], "description": "元: 50000 / 5万元 / 1,234.50"})]
UnitRefs = Annotated[list[str], BeforeValidator(_to_names), WithJsonSchema(_TEXT_OR_LIST)]
TextList = Annotated[list[str], BeforeValidator(_to_text_list), WithJsonSchema(_TEXT_OR_LIST)]
Year = Annotated[int, BeforeValidator(_to_year)]
YesNo = Annotated[bool, BeforeValidator(_to_bool),
                  WithJsonSchema({"type": ["boolean", "string"], "description": "true / false / 是 / 否"})]


class PlanModel(BaseModel):
    """Base of every plan model: unknown keys are errors; positions are kept beside, not inside."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True,
                              coerce_numbers_to_str=True)

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


# --- hierarchy ---------------------------------------------------------------------------------------

#: level name -> rank up the hierarchy (school → county → city → province)
LEVELS: dict[str, int] = {"village": 1, "township": 2, "school": 2, "county": 3, "city": 4, "province": 5,
                          "national": 6}
LEVEL_ZH: dict[str, str] = {"village": "村", "township": "乡镇", "school": "学校", "county": "县（区）",
                            "city": "市", "province": "省", "national": "国家"}
_LEVEL_ALIASES: dict[str, str] = {
    "村": "village", "村级": "village", "社区": "village",
    "乡": "township", "镇": "township", "乡镇": "township", "街道": "township", "乡镇级": "township",
    "学校": "school", "校": "school", "校级": "school",
    "县": "county", "区": "county", "县区": "county", "县级": "county", "区级": "county", "县（区）": "county",
    "县(区)": "county", "县市区": "county",
    "市": "city", "市级": "city", "地市": "city", "州": "city",
    "省": "province", "省级": "province", "自治区": "province",
    "国家": "national", "中央": "national", "全国": "national",
}


def _to_level(value: Any) -> Any:
    if isinstance(value, str):
        key = normalize_text(value)
        key = _LEVEL_ALIASES.get(key, key.lower())
        if key not in LEVELS:
            raise _custom("fp_value", InputError(
                f"层级“{value}”无效，可选：村、乡镇、学校、县、市、省、国家",
                f"level “{value}” is not one of village, township, school, county, city, province, national"))
        return key
    return value


Level = Annotated[Literal["village", "township", "school", "county", "city", "province", "national"],
                  BeforeValidator(_to_level),
                  WithJsonSchema({"type": "string", "enum": sorted(set(LEVELS) | set(_LEVEL_ALIASES))})]


class Unit(PlanModel):
    """单位: a 股室, school, 乡镇, department or group that leads, supports, sends or receives."""

    id: str = field("编号", "代码", "简称", default=..., description="编号 — short id used in references; defaults to the name")
    name: str | None = field("名称", "单位名称", "全称", description="名称 — full name")
    kind: str | None = field("类型", "类别", description="类型 — 股室, 学校, 乡镇, 部门, 村 …")
    level: Level | None = field("层级", "级别", description="层级 — 村, 乡镇, 学校, 县, 市, 省, 国家")
    parent: str | None = field("上级", "上级单位", "所属", description="上级 — the unit this one reports to")
    contact: str | None = field("联系人", description="联系人")
    phone: str | None = field("电话", "联系电话", description="联系电话")

    @model_validator(mode="before")
    @classmethod
    def _name_as_id(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"id": data}
        if isinstance(data, dict) and "id" not in data and data.get("name"):
            data = {**data, "id": data["name"]}
        return data

    @property
    def label(self) -> str:
        return self.name or self.id


class Basis(PlanModel):
    """依据文件: an upstream notice the plan answers to."""

    title: str = field("标题", "文件名称", "名称", default=..., description="文件名称, e.g. 《关于开展扶贫日活动的通知》")
    doc_no: str | None = field("文号", description="文号, e.g. 豫扶贫办明电〔2017〕27号")
    issuer: str | None = field("发文单位", description="发文单位")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"title": data} if isinstance(data, str) else data


class DateRange(PlanModel):
    """A start and end date; may be written as one string "10月10日至10月20日"."""

    start: PlanDate = field("开始", "开始日期", "起", default=..., description="开始日期")
    end: PlanDate = field("结束", "结束日期", "止", default=..., description="结束日期")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any, info: ValidationInfo) -> Any:
        if isinstance(data, str):
            try:
                start, end = parse_range(data, _context_year(info))
            except DateError as e:
                raise _custom("fp_date", e) from None
            return {"start": start, "end": end}
        return data


class Period(DateRange):
    """活动时间: the campaign period."""


class Phase(PlanModel):
    """阶段 / 活动周: a named date range inside the campaign."""

    id: str | None = field("编号", description="编号 — so that a relative deadline can refer to this phase")
    name: str = field("名称", "阶段", default=..., description="名称, e.g. 摸底建档 / 集中帮扶 / 总结")
    start: PlanDate = field("开始", "开始日期", default=..., description="开始日期")
    end: PlanDate = field("结束", "结束日期", default=..., description="结束日期")
    description: str | None = field("内容", "说明", "工作内容", description="内容")

    INPUT_KEYS: ClassVar[dict[str, tuple[str, ...]]] = {"dates": ("时间", "日期", "起止时间")}

    @model_validator(mode="before")
    @classmethod
    def _range_text(cls, data: Any, info: ValidationInfo) -> Any:
        # {名称: 摸底建档, 时间: 4月11—20日} is the way notices write phases
        if isinstance(data, dict) and isinstance(data.get("dates"), str):
            try:
                start, end = parse_range(data["dates"], _context_year(info))
            except DateError as e:
                raise _custom("fp_date", e) from None
            data = {k: v for k, v in data.items() if k != "dates"} | {"start": start, "end": end}
        return data


class Leadership(PlanModel):
    """领导小组: the campaign's leading group."""

    name: str | None = field("名称", description="名称, e.g. 扶贫日活动领导小组")
    leader: TextList = field("组长", default_factory=list, description="组长")
    deputies: TextList = field("副组长", default_factory=list, description="副组长")
    members: TextList = field("成员", default_factory=list, description="成员")
    office: str | None = field("办公室", "下设办公室", description="领导小组下设办公室, e.g. 设在局办公室")
    office_director: TextList = field("办公室主任", default_factory=list, description="办公室主任")
    note: str | None = field("备注", description="备注 — e.g. why the notice names no members")

    def is_empty(self) -> bool:
        return not (self.name or self.leader or self.deputies or self.members or self.note)


class RelativeDue(PlanModel):
    """相对期限: N days or N working days after (or before) a date or another item's end.

    ``{之后: 捐赠活动, 工作日: 30}`` — 30 working days after the activity with 编号 捐赠活动 ends (the anchor day is
    not counted); ``{之后: 10月17日, 天: 10}`` — 10 calendar days after 17 October, moved to the next working day
    when the last day is not one. The anchor is a date, or the 编号 of an activity (its end, date or due), a
    phase or activity week (its end), or a submission (its deadline)."""

    after: str | None = field("之后", "起", description="之后 — anchor: a date or an item's 编号; count forwards")
    before: str | None = field("之前", description="之前 — anchor: a date or an item's 编号; count backwards")
    days: int | None = field("天", "天数", "日", ge=0, description="天 — calendar days")
    working_days: int | None = field("工作日", "个工作日", ge=0, description="工作日 — working days")

    @model_validator(mode="before")
    @classmethod
    def _dates_as_text(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}
        return data

    @model_validator(mode="after")
    def _one_anchor_one_count(self) -> "RelativeDue":
        if (self.after is None) == (self.before is None):
            raise _custom("fp_value", InputError("相对期限要写“之后”或“之前”其中一个",
                                                 "a relative deadline needs exactly one of after / before"))
        if (self.days is None) == (self.working_days is None):
            raise _custom("fp_value", InputError("相对期限要写“天”或“工作日”其中一个",
                                                 "a relative deadline needs exactly one of days / working_days"))
        return self

    @property
    def anchor(self) -> str:
        return self.after if self.after is not None else self.before  # type: ignore[return-value]

    @property
    def sign(self) -> int:
        return 1 if self.after is not None else -1

    def describe(self, lang: str = "zh") -> str:
        n = self.working_days if self.working_days is not None else self.days
        if lang == "en":
            unit = "working days" if self.working_days is not None else "days"
            return f"{n} {unit} {'after' if self.sign > 0 else 'before'} {self.anchor}"
        unit = "个工作日" if self.working_days is not None else "天"
        return f"{self.anchor}{'后' if self.sign > 0 else '前'}{n}{unit}"


def _due_kind(value: Any) -> str:
    return "fp-relative" if isinstance(value, (dict, RelativeDue)) else "fp-date"


#: a deadline: a date, or a RelativeDue resolved on the working-day calendar
Due = Annotated[Union[Annotated[PlanDate, Tag("fp-date")], Annotated[RelativeDue, Tag("fp-relative")]],
                Discriminator(_due_kind)]


ACTIVITY_KINDS = ("宣传", "捐赠", "走访", "慰问", "培训", "会议", "教育", "帮扶", "资助", "就业", "消费扶贫",
                  "实践", "展览", "评选", "总结", "报送", "其他")


class Activity(PlanModel):
    """活动: one numbered item of the notice's 活动安排, with its sub-items."""

    no: str | None = field("序号", description="序号 as the notice writes it: 一 / （一） / 1 / （1）")
    id: str | None = field("编号", description="编号 — so that a relative deadline can refer to this activity")
    title: str = field("标题", "名称", "活动名称", default=..., description="标题")
    description: str | None = field("内容", "说明", "活动内容", "具体要求", description="内容")
    lead: UnitRefs = field("主办", "主办单位", "主办股室", "牵头", "牵头单位", "承办", "承办单位",
                           default_factory=list, description="主办 / 牵头单位 — who answers for it")
    support: UnitRefs = field("协办", "协办单位", "协办股室", "配合", "配合单位", "参与单位",
                              default_factory=list,
                              description="协办 / 配合单位 — who helps; 责任单位 beside 牵头单位 lands here")
    date: PlanDate | None = field("日期", "时间", "活动日期", description="日期 — a one-day activity")
    start: PlanDate | None = field("开始", "开始日期", description="开始日期")
    end: PlanDate | None = field("结束", "结束日期", description="结束日期")
    due: Due | None = field("截止", "截止日期", "完成时限", "完成时间", description="截止 — X日前完成, or relative")
    done: PlanDate | None = field("完成", "已完成", "完成日期", description="完成 — the day it was actually done")
    kinds: TextList = field("类别", "类型", "标签", default_factory=list,
                            description="类别 — 宣传, 捐赠, 走访, 培训, 会议 …")
    place: str | None = field("地点", description="地点")
    participants: str | None = field("参加人员", "参加对象", "对象", description="参加人员")
    note: str | None = field("备注", description="备注")
    children: list[Activity] = field("子项", "子活动", default_factory=list, description="子项 — numbered sub-items")

    # 责任单位 alone names the lead; beside 牵头单位/主办 it names the supporting units (DOMAIN.md).
    CONTEXT_KEYS: ClassVar[dict[str, tuple[str, str]]] = {"责任单位": ("lead", "support")}



class Submission(PlanModel):
    """报送: a document sent up a level by a deadline."""

    id: str | None = field("编号", description="编号 — so that a higher level's submission can say 汇总自")
    what: str = field("材料", "报送材料", "报送内容", "内容", default=..., description="材料 — what is sent")
    from_: UnitRefs = field("报送单位", "上报单位", default_factory=list, alias="from",
                            description="报送单位 — who sends it")
    to: str | None = field("接收单位", "报送至", "上报至", description="接收单位 — who receives it")
    due: Due = field("截止", "截止日期", "报送时间", "时限", default=..., description="截止 — X日前报送 (the day is included)")
    contact: str | None = field("联系人", description="联系人 (and how to reach them)")
    collects: TextList = field("汇总自", "汇总", default_factory=list,
                               description="汇总自 — ids of the lower-level submissions this one collects")
    done: PlanDate | None = field("完成", "已完成", "完成日期", description="完成 — the day it was actually sent")
    note: str | None = field("备注", description="备注")


class DonationPolicy(PlanModel):
    """捐赠规则: the donation rules of the notice."""

    voluntary: YesNo | None = field("自愿", description="自愿 — donations voluntary, no 硬性摊派 (empty: not stated)")
    large_unit: Amount | None = field("单位大额标准", "单位大额捐赠",
                                      description="单位大额标准 — a unit's single gift over this earns a certificate "
                                                  "(元; default 50,000)")
    large_person: Amount | None = field("个人大额标准", "个人大额捐赠",
                                        description="个人大额标准 — a person's single gift over this (元; default 5,000)")
    publicity_working_days: int | None = field("公示期限", "公示工作日", ge=1,
                                               description="公示期限 — working days after the drive ends (default 30)")
    schools_may_organise: YesNo | None = field("学校组织捐赠", "中小学组织捐赠",
                                              description="学校组织捐赠 — 否 where schools in principle organise none")
    expected_total: Amount | None = field("应到账金额", "预计总额", "到账总额",
                                          description="应到账金额 — the total to reconcile against (元)")
    recipient: str | None = field("接收单位", "受赠单位", "捐赠账户", description="接收单位 — e.g. 区慈善会")
    management: str | None = field("资金管理", "管理方式", description="资金管理 — e.g. 分级管理、各负其责")
    anonymous_label: str | None = field("匿名称谓", "公示称谓",
                                        description="匿名称谓 — e.g. 爱心人士: printed in the 公示 for persons "
                                                    "who did not consent to their name")

    # Defaults where the notice states no figure (one seed notice: over 5万元 from a unit, 5000元 from a person,
    # 公示 within 30 working days). A field left empty means "not stated", so reports can say which applies.
    DEFAULT_LARGE_UNIT: ClassVar[Decimal] = Decimal("50000.00")
    DEFAULT_LARGE_PERSON: ClassVar[Decimal] = Decimal("5000.00")
    DEFAULT_PUBLICITY_WORKING_DAYS: ClassVar[int] = 30

    @property
    def unit_threshold(self) -> Decimal:
        return self.large_unit if self.large_unit is not None else self.DEFAULT_LARGE_UNIT

    @property
    def person_threshold(self) -> Decimal:
        return self.large_person if self.large_person is not None else self.DEFAULT_LARGE_PERSON

    @property
    def publicity_days(self) -> int:
        return self.publicity_working_days or self.DEFAULT_PUBLICITY_WORKING_DAYS


# --- 结对帮扶: pairings, targets, visit policy --------------------------------------------------------------

HELP_KINDS_DEFAULT = ("送技能", "送劳力", "送物资", "送产业", "送健康")


class Helper(PlanModel):
    """帮扶方: a unit, a helper group with its members, or a person."""

    id: str = field("编号", "名称", default=..., description="编号 — how pairings and the visit log name it")
    name: str | None = field("全称", description="全称")
    kind: str | None = field("类型", description="类型 — 单位 / 帮扶小组 / 个人 (教师、志愿者、爱心妈妈 …)")
    leader: str | None = field("组长", "负责人", description="组长")
    members: TextList = field("成员", default_factory=list, description="成员")
    unit: str | None = field("所属单位", description="所属单位")
    capacity: int | None = field("帮扶上限", "最多帮扶", ge=1, description="帮扶上限 — most targets it can take")

    @model_validator(mode="before")
    @classmethod
    def _name_only(cls, data: Any) -> Any:
        return {"id": data} if isinstance(data, str) else data


class Target(PlanModel):
    """帮扶对象: a village, a household (贫困户), a school or a child."""

    id: str = field("编号", "户主", "名称", default=..., description="编号 — how pairings and the visit log name it")
    kind: str | None = field("类型", description="类型 — 户 / 村 / 学校 / 儿童")
    village: str | None = field("所在村", "村", description="所在村")
    people: int | None = field("人口", "家庭人口", ge=0, description="家庭人口")
    able_to_work: YesNo | None = field("劳动能力", "有劳动能力", description="有劳动能力 — 是 / 否")
    causes: TextList = field("致贫原因", default_factory=list,
                             description="致贫原因 — 因病、因残、因老、因灾、缺技术、缺资金、缺信息")
    dibao: YesNo | None = field("低保", description="低保 — 是 / 否")
    help_type: str | None = field("帮扶类型", description="帮扶类型 — 亲情帮扶 / 架桥帮扶")
    birthday: PlanDate | None = field("生日", description="生日 — for a child: a required visit on the day")
    note: str | None = field("备注", description="备注")


class Pair(PlanModel):
    """结对: a helper and its targets, with the mode and dates."""

    helper: str = field("帮扶方", "帮扶小组", "帮扶人", default=..., description="帮扶方 — a helper's 编号")
    targets: UnitRefs = field("帮扶对象", "对象", default_factory=list, description="帮扶对象 — targets' 编号")
    mode: str | None = field("方式", "结对方式", description="方式 — 一对一 / 多对一 / 一对多")
    start: PlanDate | None = field("开始", "结对日期", description="开始 — from when the pairing counts")
    end: PlanDate | None = field("结束", description="结束")


class Occasion(PlanModel):
    """必访时节: a visit required inside a window (春节, 六一), or on each child's 生日 (日期: 生日)."""

    name: str = field("名称", default=..., description="名称 — 春节 / 六一 / 生日")
    start: PlanDate | None = field("开始", description="开始")
    end: PlanDate | None = field("结束", description="结束")
    birthday: YesNo = field("生日", default=False, description="生日 — 是: on each target's birthday (± 3 days)")


class VisitPolicy(PlanModel):
    """走访要求: a minimum number of visits per week or per month, per pairing or per helper group."""

    per: Literal["week", "month"] = field("周期", default="week", description="周期 — week (每周) / month (每月)")
    minimum: int = field("最少次数", "至少", default=1, ge=1, description="最少次数")
    scope: Literal["pairing", "group"] = field("考核", default="group",
                                                description="考核 — group (每个帮扶小组) / pairing (每个结对户)")
    holiday_weeks_exempt: YesNo = field("节假日周免考", default=True,
                                        description="节假日周免考 — a week with two working days or fewer is not judged")
    occasions: list[Occasion] = field("必访时节", default_factory=list, description="必访时节")

    @model_validator(mode="before")
    @classmethod
    def _chinese_values(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            per, scope = data.get("per"), data.get("scope")
            if isinstance(per, str):
                data["per"] = {"周": "week", "每周": "week", "月": "month", "每月": "month"}.get(per, per)
            if isinstance(scope, str):
                data["scope"] = {"小组": "group", "帮扶小组": "group", "每个小组": "group", "结对": "pairing",
                                 "每户": "pairing", "每个结对": "pairing"}.get(scope, scope)
            return {k: v for k, v in data.items() if v is not None}
        return data


class Pairing(PlanModel):
    """结对帮扶: helpers, targets, pairings, the visit policy, help kinds, the aim and the visit logs."""

    helpers: list[Helper] = field("帮扶方", "帮扶小组", default_factory=list, description="帮扶方")
    targets: list[Target] = field("帮扶对象", default_factory=list, description="帮扶对象")
    pairs: list[Pair] = field("结对", "结对关系", default_factory=list, description="结对")
    policy: VisitPolicy | None = field("走访要求", description="走访要求")
    help_kinds: TextList = field("帮扶内容", default_factory=lambda: list(HELP_KINDS_DEFAULT),
                                 description="帮扶内容 — 送技能、送劳力、送物资、送产业、送健康 and others")
    aim: Amount | None = field("结对率目标", "目标结对率", description="结对率目标 — percent, e.g. 100")
    visit_logs: TextList = field("走访记录", default_factory=list,
                                 description="走访记录 — visit-log CSVs relative to the plan file; globs allowed")


class Rule(PlanModel):
    """分工规则: activities of these kinds, or whose title or content has one of these words, go to these units."""

    kinds: TextList = field("类别", "类型", default_factory=list, description="类别 — e.g. 捐赠")
    keywords: TextList = field("关键词", default_factory=list, description="关键词 — words in the title or content")
    lead: UnitRefs = field("主办", "牵头单位", default_factory=list, description="主办 — the proposed lead")
    support: UnitRefs = field("协办", default_factory=list, description="协办 — proposed supporting units")


class RuleFile(PlanModel):
    """分工规则文件: a list of rules, tried in order; the first that matches proposes the lead."""

    rules: list[Rule] = field("规则", "分工规则", default_factory=list, description="规则")


def _to_campaign_day(value: Any) -> Any:
    if isinstance(value, date):
        value = f"{value.month:02d}-{value.day:02d}"
    if isinstance(value, str):
        text = normalize_text(value)
        if text in _CAMPAIGN_DAYS:
            return _CAMPAIGN_DAYS[text]
        raise _custom("fp_value", InputError(f"活动日“{value}”无效，可写 扶贫日（10-17）或 扶贫济困日（06-30）",
                                             f"campaign day “{value}” is not 扶贫日 (10-17) or 扶贫济困日 (06-30)"))


_CAMPAIGN_DAYS = {"扶贫日": "10-17", "国家扶贫日": "10-17", "10-17": "10-17", "10月17日": "10-17", "10·17": "10-17",
                  "扶贫济困日": "06-30", "广东扶贫济困日": "06-30", "06-30": "06-30", "6-30": "06-30",
                  "6月30日": "06-30"}
CampaignDay = Annotated[Literal["10-17", "06-30"], BeforeValidator(_to_campaign_day),
                        WithJsonSchema({"type": "string", "enum": sorted(_CAMPAIGN_DAYS)})]


class Plan(PlanModel):
    """活动方案: one office's campaign plan for one year."""

    title: str = field("标题", "方案名称", "名称", default=..., description="标题 — 方案名称")
    issuer: str | None = field("发文单位", "制定单位", description="发文单位")
    doc_no: str | None = field("文号", description="文号")
    issued: PlanDate | None = field("发文日期", "成文日期", "印发日期", description="发文日期")
    year: Year = field("年度", "年份", default=..., ge=2000, le=2100, description="年度 — year-less dates take this year")
    campaign_day: CampaignDay | None = field("活动日", description="活动日 — 扶贫日 (10-17) or 扶贫济困日 (06-30)")
    theme: str | None = field("主题", "活动主题", description="活动主题")
    slogan: str | None = field("口号", "行动口号", "宣传口号", description="口号")
    basis: list[Basis] = field("依据", "依据文件", default_factory=list, description="依据文件 (title and 文号)")
    scope: str | None = field("范围", "活动范围", "实施范围", description="范围")
    guidance: str | None = field("指导思想", description="指导思想 — kept, not checked")
    principles: TextList = field("基本原则", "原则", default_factory=list, description="基本原则")
    goals: TextList = field("目标", "活动目标", "工作目标", default_factory=list, description="目标")
    period: Period | None = field("活动时间", "时间", description="活动时间 — start and end of the campaign")
    phases: list[Phase] = field("阶段", "工作阶段", "实施步骤", default_factory=list, description="阶段")
    weeks: list[Phase] = field("活动周", default_factory=list, description="活动周 — e.g. 扶贫日活动周")
    units: list[Unit] = field("单位", "单位名单", "责任单位名单", default_factory=list,
                              description="单位 — every unit named in activities and submissions")
    leadership: Leadership | None = field("领导小组", description="领导小组")
    activities: list[Activity] = field("活动", "活动内容", "活动安排", default_factory=list, description="活动")
    submissions: list[Submission] = field("报送", "报送要求", "上报", default_factory=list, description="报送")
    donation_policy: DonationPolicy | None = field("捐赠规则", "捐赠政策", description="捐赠规则")
    ledgers: TextList = field("台账", "捐赠台账", default_factory=list,
                              description="台账 — ledger CSV paths relative to the plan file; globs allowed")
    activity_records: TextList = field("活动记录", "活动情况", default_factory=list,
                                       description="活动记录 — activity-record CSVs (扶贫日活动情况统计表) units send in")
    pairing: Pairing | None = field("结对帮扶", description="结对帮扶 — pairings and visits")
    assignment_rules: list[Rule] = field("分工规则", default_factory=list,
                                         description="分工规则 — activity kinds and keywords → units (fupin assign)")
    ledger_columns: dict[str, str] = field("台账列名", "列名映射", default_factory=dict,
                                           description="台账列名 — field → the header a ledger uses, e.g. 金额: 捐款数")
    deadline_inclusive: YesNo = field("截止含当日", default=True,
                                     description="截止含当日 — “X日前” includes day X (the default)")
    source: str | None = field("来源", "出处", description="来源 — the notice this plan was transcribed from")
    note: str | None = field("备注", description="备注")


    def last_day(self, due: date) -> date:
        """The last day on which something "due X日前" may still be done: X itself unless the plan says
        “X日前” excludes X (截止含当日: 否)."""
        return due if self.deadline_inclusive else due - timedelta(days=1)


Activity.model_rebuild()


def walk_activities(plan: Plan) -> Iterator[tuple[Activity, tuple, tuple[Activity, ...]]]:
    """Every activity with its English-key path and its ancestors."""

    def rec(items: list[Activity], path: tuple, parents: tuple) -> Iterator:
        for i, a in enumerate(items):
            p = path + (i,)
            yield a, p, parents
            yield from rec(a.children, p + ("children",), parents + (a,))

    yield from rec(plan.activities, ("activities",), ())


@functools.lru_cache(maxsize=None)
def english_keys(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> the English key a plan writes (``from_`` is written ``from``)."""
    return {name: (info.alias or name) for name, info in model.model_fields.items()}


def chinese_keys(model: type[BaseModel], name: str) -> list[str]:
    extra = model.model_fields[name].json_schema_extra
    return list(extra.get("zh", [])) if isinstance(extra, dict) else []


# --- calendar files (日历文件): holidays for years the built-in calendar does not know, local arrangements ---

class DayEntry(PlanModel):
    """One day or a range of days, with a name: 2027-01-01, or {名称: 春节, 开始: 2027-02-06, 结束: 2027-02-12}."""

    name: str | None = field("名称", description="名称, e.g. 春节 / 春节调休")
    date: PlanDate | None = field("日期", description="日期 — one day")
    start: PlanDate | None = field("开始", description="开始 — first day of a range")
    end: PlanDate | None = field("结束", description="结束 — last day of a range")

    @model_validator(mode="before")
    @classmethod
    def _plain_date(cls, data: Any) -> Any:
        return {"date": data} if not isinstance(data, dict) else data

    @model_validator(mode="after")
    def _one_day_or_range(self) -> "DayEntry":
        if (self.date is None) == (self.start is None or self.end is None):
            raise _custom("fp_value", InputError("写“日期”，或同时写“开始”和“结束”",
                                                 "give either date, or both start and end"))
        if self.start and self.end and self.end < self.start:
            raise _custom("fp_value", InputError(f"结束 {self.end} 早于开始 {self.start}",
                                                 f"end {self.end} is before start {self.start}"))
        return self

    def days(self) -> list[date]:
        if self.date is not None:
            return [self.date]
        assert self.start is not None and self.end is not None
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]


class CalendarYear(PlanModel):
    """One year of holidays and make-up working days, as the State Council's notice lists them."""

    year: Year = field("年", "年份", "年度", default=..., description="年")
    complete: YesNo = field("完整", default=True,
                            description="完整 — this entry lists every holiday and make-up day of the year")
    source: str | None = field("依据", "来源", description="依据, e.g. 国务院办公厅关于2027年部分节假日安排的通知")
    holidays: list[DayEntry] = field("放假", "节假日", default_factory=list, description="放假")
    workdays: list[DayEntry] = field("上班", "调休上班", "调休", default_factory=list, description="调休上班")


class CalendarFile(PlanModel):
    """日历文件: whole years, extra holidays and extra working days (file entries win over the built-in data)."""

    years: list[CalendarYear] = field("年份", "年度", default_factory=list, description="年份 — whole years")
    holidays: list[DayEntry] = field("放假", "节假日", default_factory=list, description="放假 — extra days off")
    workdays: list[DayEntry] = field("上班", "调休上班", "调休", default_factory=list,
                                     description="上班 — extra working days")
    makeup_is_working: YesNo = field("调休上班算工作日", default=True,
                                     description="调休上班算工作日 — make-up Saturdays/Sundays count as working days")
