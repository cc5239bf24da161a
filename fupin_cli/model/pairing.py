"""结对帮扶: helpers paired with targets (households, villages, children), and the visits the policy requires."""

from typing import Any, Literal

from pydantic import model_validator

from .fields import Amount, PlanDate, PlanModel, TextList, UnitRefs, YesNo, field


HELP_KINDS_DEFAULT = ("送技能", "送劳力", "送物资", "送产业", "送健康")
#: 走访要求 → 周期 and 考核 as plans write them -> the value
PER_ALIASES = {"周": "week", "每周": "week", "月": "month", "每月": "month"}
SCOPE_ALIASES = {"小组": "group", "帮扶小组": "group", "每个小组": "group", "结对": "pairing", "每户": "pairing",
                 "每个结对": "pairing"}


class Helper(PlanModel):
    """帮扶方: a unit, a helper group with its members, or a person."""

    id: str = field("编号", "名称", default=..., description="编号：结对和走访记录用它称呼 — id")
    name: str | None = field("全称", description="全称")
    kind: str | None = field("类型", description="类型：单位 / 帮扶小组 / 个人（教师、志愿者、爱心妈妈 …） — kind")
    leader: str | None = field("组长", "负责人", description="组长")
    members: TextList = field("成员", default_factory=list, description="成员")
    unit: str | None = field("所属单位", description="所属单位")
    capacity: int | None = field("帮扶上限", "最多帮扶", ge=1, description="帮扶上限：最多帮扶几个对象 — capacity")

    @model_validator(mode="before")
    @classmethod
    def _name_only(cls, data: Any) -> Any:
        return {"id": data} if isinstance(data, str) else data


class Target(PlanModel):
    """帮扶对象: a village, a household (贫困户), a school or a child."""

    id: str = field("编号", "户主", "名称", default=..., description="编号：结对和走访记录用它称呼 — id")
    kind: str | None = field("类型", description="类型：户 / 村 / 学校 / 儿童 — kind")
    village: str | None = field("所在村", "村", description="所在村")
    people: int | None = field("人口", "家庭人口", ge=0, description="家庭人口")
    able_to_work: YesNo | None = field("劳动能力", "有劳动能力", description="有劳动能力：是 / 否 — able to work")
    causes: TextList = field("致贫原因", default_factory=list,
                             description="致贫原因：因病、因残、因老、因灾、缺技术、缺资金、缺信息 — causes")
    dibao: YesNo | None = field("低保", description="低保：是 / 否 — dibao")
    help_type: str | None = field("帮扶类型", description="帮扶类型：亲情帮扶 / 架桥帮扶 — help type")
    birthday: PlanDate | None = field("生日", description="生日：儿童生日当天须走访 — birthday")
    note: str | None = field("备注", description="备注")


class Pair(PlanModel):
    """结对: a helper and its targets, with the mode and dates."""

    helper: str = field("帮扶方", "帮扶小组", "帮扶人", default=..., description="帮扶方：帮扶方的编号 — helper")
    targets: UnitRefs = field("帮扶对象", "对象", default_factory=list, description="帮扶对象：帮扶对象的编号 — targets")
    mode: str | None = field("方式", "结对方式", description="方式：一对一 / 多对一 / 一对多 — mode")
    start: PlanDate | None = field("开始", "结对日期", description="开始：结对从哪天算起 — start")
    end: PlanDate | None = field("结束", description="结束")


class Occasion(PlanModel):
    """必访时节: a visit required inside a window (春节, 六一), or on each child's 生日 (日期: 生日)."""

    name: str = field("名称", default=..., description="名称：春节 / 六一 / 生日 — name")
    start: PlanDate | None = field("开始", description="开始")
    end: PlanDate | None = field("结束", description="结束")
    birthday: YesNo = field("生日", default=False, description="生日：是 = 每个对象生日前后 3 天内走访 — on each birthday")


class VisitPolicy(PlanModel):
    """走访要求: a minimum number of visits per week or per month, per pairing or per helper group."""

    per: Literal["week", "month"] = field("周期", default="week", description="周期：周（每周）或 月（每月） — per week or month")
    minimum: int = field("最少次数", "至少", default=1, ge=1, description="最少次数")
    scope: Literal["pairing", "group"] = field("考核", default="group",
                                                description="考核：小组（每个帮扶小组）或 结对（每个结对户） — per group or pairing")
    holiday_weeks_exempt: YesNo = field("节假日周免考", default=True,
                                        description="节假日周免考：工作日不超过两天的周不考核（默认：是） — holiday weeks exempt")
    occasions: list[Occasion] = field("必访时节", default_factory=list, description="必访时节")
    counts: TextList = field("计入方式", "走访方式", default_factory=list,
                             description="计入方式：只有这些联系方式算作走访，如 走访、家访（不写：走访记录中的每种方式都计入）"
                                         " — contact kinds that count as a visit")

    @model_validator(mode="before")
    @classmethod
    def _chinese_values(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            per, scope = data.get("per"), data.get("scope")
            if isinstance(per, str):
                data["per"] = PER_ALIASES.get(per, per)
            if isinstance(scope, str):
                data["scope"] = SCOPE_ALIASES.get(scope, scope)
            return {k: v for k, v in data.items() if v is not None}
        return data


class Pairing(PlanModel):
    """结对帮扶: helpers, targets, pairings, the visit policy, help kinds, the aim and the visit logs."""

    helpers: list[Helper] = field("帮扶方", "帮扶小组", default_factory=list, description="帮扶方")
    targets: list[Target] = field("帮扶对象", default_factory=list, description="帮扶对象")
    pairs: list[Pair] = field("结对", "结对关系", default_factory=list, description="结对")
    policy: VisitPolicy | None = field("走访要求", description="走访要求")
    help_kinds: TextList = field("帮扶内容", default_factory=lambda: list(HELP_KINDS_DEFAULT),
                                 description="帮扶内容：送技能、送劳力、送物资、送产业、送健康 等 — help kinds")
    aim: Amount | None = field("结对率目标", "目标结对率", description="结对率目标：百分数，如 100 — aim, percent")
    visit_logs: TextList = field("走访记录", default_factory=list,
                                 description="走访记录：走访记录 CSV 的路径，相对于方案文件，可用通配符 — visit logs")

