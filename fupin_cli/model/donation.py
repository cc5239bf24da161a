"""The donation rules of a notice: voluntary giving, the thresholds of a large gift, the 公示 period."""

from decimal import Decimal
from typing import ClassVar

from .fields import Amount, PlanModel, YesNo, field


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

