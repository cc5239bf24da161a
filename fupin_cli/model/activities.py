"""What the plan asks for: activities with their sub-items, submissions sent up a level, the campaign's phases
and periods, and deadlines that are a date or relative to another item (:class:`RelativeDue`)."""

from datetime import date
from typing import Annotated, Any, ClassVar, Union

from pydantic import Discriminator, Tag, ValidationInfo, model_validator

from ..diagnostics import InputError
from .fields import Clock, PlanDate, PlanModel, TextList, UnitRefs, date_error, field, range_fields, value_error

#: the most days (or working days) a relative deadline counts: about ten years
MAX_DAYS = 3660


class DateRange(PlanModel):
    """A start and end date; may be written as one string "10月10日至10月20日"."""

    start: PlanDate = field("开始", "开始日期", "起", default=..., description="开始日期")
    end: PlanDate = field("结束", "结束日期", "止", default=..., description="结束日期")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any, info: ValidationInfo) -> Any:
        return range_fields(data, info) if isinstance(data, str) else data


class Period(DateRange):
    """活动时间: the campaign period."""


class Phase(PlanModel):
    """阶段 / 活动周: a named date range inside the campaign."""

    id: str | None = field("编号", description="编号：相对期限可引用本阶段 — id for relative deadlines")
    name: str = field("名称", "阶段", default=..., description="名称，如 摸底建档 / 集中帮扶 / 总结 — name")
    start: PlanDate = field("开始", "开始日期", default=..., description="开始日期")
    end: PlanDate = field("结束", "结束日期", default=..., description="结束日期")
    description: str | None = field("内容", "说明", "工作内容", description="内容")

    INPUT_KEYS: ClassVar[dict[str, tuple[str, ...]]] = {"dates": ("时间", "日期", "起止时间")}

    @model_validator(mode="before")
    @classmethod
    def _range_text(cls, data: Any, info: ValidationInfo) -> Any:
        # {名称: 摸底建档, 时间: 4月11—20日} is the way notices write phases
        if isinstance(data, dict) and isinstance(data.get("dates"), str):
            data = {k: v for k, v in data.items() if k != "dates"} | range_fields(data["dates"], info)
        return data


class RelativeDue(PlanModel):
    """相对期限: N days or N working days after (or before) a date or another item's end.

    ``{之后: 捐赠活动, 工作日: 30}`` — 30 working days after the activity with 编号 捐赠活动 ends (the anchor day is
    not counted); ``{之后: 10月17日, 天: 10}`` — 10 calendar days after 17 October, moved to the next working day
    when the last day is not one. The anchor is a date, or the 编号 of an activity (its end, date or due), a
    phase or activity week (its end), or a submission (its deadline)."""

    after: str | None = field("之后", "起", description="之后：从某日期或某事项（编号）起往后数 — anchor, counting forwards")
    before: str | None = field("之前", description="之前：从某日期或某事项（编号）起往前数 — anchor, counting backwards")
    days: int | None = field("天", "天数", "日", ge=0, le=MAX_DAYS,
                             description="天：自然日（最多 3660） — calendar days")
    working_days: int | None = field("工作日", "个工作日", ge=0, le=MAX_DAYS,
                                     description="工作日：工作日天数（最多 3660） — working days")

    @model_validator(mode="before")
    @classmethod
    def _dates_as_text(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}
        return data

    @model_validator(mode="after")
    def _one_anchor_one_count(self) -> "RelativeDue":
        if (self.after is None) == (self.before is None):
            raise value_error(InputError("相对期限要写“之后”或“之前”其中一个",
                                         "a relative deadline needs exactly one of after / before"))
        if (self.days is None) == (self.working_days is None):
            raise value_error(InputError("相对期限要写“天”或“工作日”其中一个",
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


def _check_time(due: Any, at: Any) -> None:
    """A time written twice (截止: 10月19日17:00前 and 时刻: 12:00) must agree."""
    written = getattr(due, "time", None)
    if at is not None and written is not None and written != at:
        raise date_error(InputError(f"截止写了时刻 {written:%H:%M}，“时刻”又写 {at:%H:%M}",
                                    f"截止 gives the time {written:%H:%M} and 时刻 gives {at:%H:%M}"))


def due_time(item: Any) -> Any:
    """The time of day of an item's deadline: written in 截止 (10月19日17:00前) or beside it (时刻: 17:00)."""
    return getattr(item.due, "time", None) or getattr(item, "time", None)


def _due_kind(value: Any) -> str:
    return "fp-relative" if isinstance(value, (dict, RelativeDue)) else "fp-date"


#: a deadline: a date, or a RelativeDue resolved on the working-day calendar
Due = Annotated[Union[Annotated[PlanDate, Tag("fp-date")], Annotated[RelativeDue, Tag("fp-relative")]],
                Discriminator(_due_kind)]


class Activity(PlanModel):
    """活动: one numbered item of the notice's 活动安排, with its sub-items."""

    no: str | None = field("序号", description="序号：照通知写，一 / （一） / 1 / （1） — number")
    id: str | None = field("编号", description="编号：相对期限可引用本活动 — id for relative deadlines")
    title: str = field("标题", "名称", "活动名称", default=..., description="标题")
    description: str | None = field("内容", "说明", "活动内容", "具体要求", description="内容")
    lead: UnitRefs = field("主办", "主办单位", "主办股室", "牵头", "牵头单位", "承办", "承办单位",
                           default_factory=list, description="主办 / 牵头单位：负责的单位 — lead")
    support: UnitRefs = field("协办", "协办单位", "协办股室", "配合", "配合单位", "参与单位",
                              default_factory=list,
                              description="协办 / 配合单位：配合的单位；与牵头单位同写的责任单位也在这里 — support")
    date: PlanDate | None = field("日期", "时间", "活动日期", description="日期：一天的活动 — date")
    start: PlanDate | None = field("开始", "开始日期", description="开始日期")
    end: PlanDate | None = field("结束", "结束日期", description="结束日期")
    due: Due | None = field("截止", "截止日期", "完成时限", "完成时间",
                            description="截止：X日前完成、10月底前、10月19日17:00前，或相对期限 {之后: 编号, 工作日: 5} — deadline")
    time: Clock | None = field("时刻", "截止时刻",
                               description="时刻：截止当天的时刻（17:00前），截止只写了日期时填写 — time of day of the deadline")
    done: PlanDate | None = field("完成", "已完成", "完成日期", description="完成：实际完成的日期 — done on")
    kinds: TextList = field("类别", "类型", "标签", default_factory=list,
                            description="类别：宣传、捐赠、走访、培训、会议 … — kinds")
    place: str | None = field("地点", description="地点")
    participants: str | None = field("参加人员", "参加对象", "对象", description="参加人员")
    note: str | None = field("备注", description="备注")
    children: list["Activity"] = field("子项", "子活动", default_factory=list, description="子项：带序号的下一级事项 — sub-items")

    @model_validator(mode="after")
    def _one_time(self) -> "Activity":
        if self.time is not None and self.due is None:
            raise date_error(InputError("“时刻”是截止的时刻，要与“截止”一起写",
                                        "时刻 is the time of day of 截止 and needs one"))
        _check_time(self.due, self.time)
        return self

    # 责任单位 alone names the lead; beside 牵头单位/主办 it names the supporting units (DOMAIN.md).
    CONTEXT_KEYS: ClassVar[dict[str, tuple[str, str]]] = {"责任单位": ("lead", "support")}


class Submission(PlanModel):
    """报送: a document sent up a level by a deadline."""

    id: str | None = field("编号", description="编号：上一级的报送可写 汇总自 — id")
    what: str = field("材料", "报送材料", "报送内容", "内容", default=..., description="材料：报送的内容 — what is sent")
    from_: UnitRefs = field("报送单位", "上报单位", default_factory=list, alias="from",
                            description="报送单位 — who sends it")
    to: str | None = field("接收单位", "报送至", "上报至", description="接收单位 — who receives it")
    due: Due = field("截止", "截止日期", "报送时间", "时限", default=...,
                     description="截止：X日前报送（含当日）、10月底前、10月19日17:00前，或相对期限 — deadline")
    time: Clock | None = field("时刻", "截止时刻",
                               description="时刻：截止当天的时刻（17:00前），截止只写了日期时填写 — time of day of the deadline")
    contact: str | None = field("联系人", description="联系人及联系方式 — contact")
    collects: TextList = field("汇总自", "汇总", default_factory=list,
                               description="汇总自：本项汇总的下级报送事项编号 — collects")
    done: PlanDate | None = field("完成", "已完成", "完成日期", description="完成：实际报送的日期 — sent on")
    note: str | None = field("备注", description="备注")

    @model_validator(mode="after")
    def _one_time(self) -> "Submission":
        _check_time(self.due, self.time)
        return self


