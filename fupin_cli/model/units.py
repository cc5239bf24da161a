"""Who does the work: units (股室, schools, 乡镇 …) on the administrative hierarchy, and the leading group."""

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, WithJsonSchema, model_validator

from ..dates import normalize_text
from ..diagnostics import InputError
from .fields import PlanModel, TextList, field, value_error


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
            raise value_error(InputError(
                f"层级“{value}”无效，可选：村、乡镇、学校、县、市、省、国家",
                f"level “{value}” is not one of village, township, school, county, city, province, national"))
        return key
    return value


Level = Annotated[Literal["village", "township", "school", "county", "city", "province", "national"],
                  BeforeValidator(_to_level),
                  WithJsonSchema({"type": "string", "enum": sorted(set(LEVELS) | set(_LEVEL_ALIASES))})]


class Unit(PlanModel):
    """单位: a 股室, school, 乡镇, department or group that leads, supports, sends or receives."""

    id: str = field("编号", "代码", "简称", default=..., description="编号：引用时用的简称，不写则同名称 — id used in references")
    name: str | None = field("名称", "单位名称", "全称", description="名称：单位全称 — full name")
    kind: str | None = field("类型", "类别", description="类型：股室、学校、乡镇、部门、村 … — kind")
    level: Level | None = field("层级", "级别", description="层级：村、乡镇、学校、县、市、省、国家 — level")
    parent: str | None = field("上级", "上级单位", "所属", description="上级：向谁报送 — the unit this one reports to")
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


class Leadership(PlanModel):
    """领导小组: the campaign's leading group."""

    name: str | None = field("名称", description="名称，如 扶贫日活动领导小组 — name")
    leader: TextList = field("组长", default_factory=list, description="组长")
    deputies: TextList = field("副组长", default_factory=list, description="副组长")
    members: TextList = field("成员", default_factory=list, description="成员")
    office: str | None = field("办公室", "下设办公室", description="领导小组下设办公室，如 设在局办公室 — office")
    office_director: TextList = field("办公室主任", default_factory=list, description="办公室主任")
    note: str | None = field("备注", description="备注，如 通知为何未列成员 — note")

    def is_empty(self) -> bool:
        return not (self.name or self.leader or self.deputies or self.members or self.note)

