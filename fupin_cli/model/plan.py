"""活动方案: the plan itself, with the notices it answers to (依据) and its campaign day; walking its activities."""

from datetime import date, timedelta
from typing import Annotated, Any, Iterator, Literal

from pydantic import BeforeValidator, WithJsonSchema, model_validator

from ..dates import normalize_text
from ..diagnostics import InputError
from .activities import Activity, Period, Phase, Submission
from .donation import DonationPolicy
from .fields import PlanDate, PlanModel, TextList, Year, YesNo, field, value_error
from .pairing import Pairing
from .rules import Rule
from .units import Leadership, Unit


class Basis(PlanModel):
    """依据文件: an upstream notice the plan answers to."""

    title: str = field("标题", "文件名称", "名称", default=..., description="文件名称，如《关于开展扶贫日活动的通知》 — title of the notice")
    doc_no: str | None = field("文号", description="文号，如 豫扶贫办明电〔2017〕27号 — document number")
    issuer: str | None = field("发文单位", description="发文单位")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"title": data} if isinstance(data, str) else data


def _to_campaign_day(value: Any) -> Any:
    if isinstance(value, date):
        value = f"{value.month:02d}-{value.day:02d}"
    if isinstance(value, str):
        text = normalize_text(value)
        if text in _CAMPAIGN_DAYS:
            return _CAMPAIGN_DAYS[text]
        raise value_error(InputError(f"活动日“{value}”无效，可写 扶贫日（10-17）或 扶贫济困日（06-30）",
                                     f"campaign day “{value}” is not 扶贫日 (10-17) or 扶贫济困日 (06-30)"))


_CAMPAIGN_DAYS = {"扶贫日": "10-17", "国家扶贫日": "10-17", "10-17": "10-17", "10月17日": "10-17", "10·17": "10-17",
                  "扶贫济困日": "06-30", "广东扶贫济困日": "06-30", "06-30": "06-30", "6-30": "06-30",
                  "6月30日": "06-30"}
CampaignDay = Annotated[Literal["10-17", "06-30"], BeforeValidator(_to_campaign_day),
                        WithJsonSchema({"type": "string", "enum": sorted(_CAMPAIGN_DAYS)})]


class Plan(PlanModel):
    """活动方案: one office's campaign plan for one year."""

    title: str = field("标题", "方案名称", "名称", default=..., description="方案名称 — the plan's title")
    issuer: str | None = field("发文单位", "制定单位", description="发文单位")
    doc_no: str | None = field("文号", description="文号")
    issued: PlanDate | None = field("发文日期", "成文日期", "印发日期", description="发文日期")
    year: Year = field("年度", "年份", default=..., ge=2000, le=2100, description="年度：不写年份的日期（10月19日）取这一年 — year; year-less dates take it")
    campaign_day: CampaignDay | None = field("活动日", description="活动日：扶贫日（10-17）或 扶贫济困日（06-30） — campaign day")
    theme: str | None = field("主题", "活动主题", description="活动主题")
    slogan: str | None = field("口号", "行动口号", "宣传口号", description="口号")
    basis: list[Basis] = field("依据", "依据文件", default_factory=list, description="依据文件：文件名称和文号 — the notices the plan answers to")
    scope: str | None = field("范围", "活动范围", "实施范围", description="范围")
    guidance: str | None = field("指导思想", description="指导思想：照录，不检查 — kept, not checked")
    principles: TextList = field("基本原则", "原则", default_factory=list, description="基本原则")
    goals: TextList = field("目标", "活动目标", "工作目标", default_factory=list, description="目标")
    period: Period | None = field("活动时间", "时间", description="活动时间：开始和结束日期，如 10月10日至10月20日 — campaign period")
    phases: list[Phase] = field("阶段", "工作阶段", "实施步骤", default_factory=list, description="阶段")
    weeks: list[Phase] = field("活动周", default_factory=list, description="活动周，如 扶贫日活动周 — activity weeks")
    units: list[Unit] = field("单位", "单位名单", "责任单位名单", default_factory=list,
                              description="单位：活动和报送中提到的每个单位 — every unit named in activities and submissions")
    leadership: Leadership | None = field("领导小组", description="领导小组")
    activities: list[Activity] = field("活动", "活动内容", "活动安排", default_factory=list, description="活动")
    submissions: list[Submission] = field("报送", "报送要求", "上报", default_factory=list, description="报送")
    donation_policy: DonationPolicy | None = field("捐赠规则", "捐赠政策", description="捐赠规则")
    ledgers: TextList = field("台账", "捐赠台账", default_factory=list,
                              description="台账：捐赠台账 CSV 的路径，相对于方案文件，可用通配符 — ledger CSVs")
    activity_records: TextList = field("活动记录", "活动情况", default_factory=list,
                                       description="活动记录：各单位报来的活动情况 CSV（扶贫日活动情况统计表） — activity records")
    pairing: Pairing | None = field("结对帮扶", description="结对帮扶：帮扶方、帮扶对象、结对和走访 — pairings and visits")
    assignment_rules: list[Rule] = field("分工规则", default_factory=list,
                                         description="分工规则：按活动类别和关键词提出主办单位（fupin assign） — assignment rules")
    ledger_columns: dict[str, str] = field("台账列名", "列名映射", default_factory=dict,
                                           description="台账列名：字段 → 台账的列名，如 金额: 捐款数 — ledger column names")
    deadline_inclusive: YesNo = field("截止含当日", default=True,
                                     description="截止含当日：“X日前”含X日当天（默认：是） — whether a deadline includes its day")
    deadline_roll: YesNo = field("截止遇休息日顺延", "截止顺延", default=False,
                                 description="截止遇休息日顺延：截止日是周末或节假日时顺延到下一个工作日（默认：否，不顺延，"
                                             "报 FP309） — move a deadline off a rest day")
    source: str | None = field("来源", "出处", description="来源：方案据以整理的通知 — source notice")
    note: str | None = field("备注", description="备注")


    def last_day(self, due: date) -> date:
        """The last day on which something "due X日前" may still be done: X itself unless the plan says
        “X日前” excludes X (截止含当日: 否)."""
        return due if self.deadline_inclusive else due - timedelta(days=1)


def walk_activities(plan: Plan) -> Iterator[tuple[Activity, tuple, tuple[Activity, ...]]]:
    """Every activity with its English-key path and its ancestors."""

    def rec(items: list[Activity], path: tuple, parents: tuple) -> Iterator:
        for i, a in enumerate(items):
            p = path + (i,)
            yield a, p, parents
            yield from rec(a.children, p + ("children",), parents + (a,))

    yield from rec(plan.activities, ("activities",), ())

