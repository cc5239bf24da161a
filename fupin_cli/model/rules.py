"""分工规则: which units an activity goes to by its kinds and words (``fupin assign``), in a plan or a file."""

from .fields import PlanModel, TextList, UnitRefs, field


class Rule(PlanModel):
    """分工规则: activities of these kinds, or whose title or content has one of these words, go to these units."""

    kinds: TextList = field("类别", "类型", default_factory=list, description="类别，如 捐赠 — kinds")
    keywords: TextList = field("关键词", default_factory=list, description="关键词：标题或内容中的词 — keywords")
    lead: UnitRefs = field("主办", "牵头单位", default_factory=list, description="主办：提出的主办单位 — proposed lead")
    support: UnitRefs = field("协办", default_factory=list, description="协办：提出的协办单位 — proposed support")


class RuleFile(PlanModel):
    """分工规则文件: a list of rules, tried in order; the first that matches proposes the lead."""

    rules: list[Rule] = field("规则", "分工规则", default_factory=list, description="规则")

