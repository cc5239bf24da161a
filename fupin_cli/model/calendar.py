"""Calendar files (日历文件): holidays for years the built-in calendar does not know, and local arrangements."""

from datetime import date, timedelta
from typing import Any

from pydantic import model_validator

from ..diagnostics import InputError
from .fields import PlanDate, PlanModel, Year, YesNo, field, value_error


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
            raise value_error(InputError("写“日期”，或同时写“开始”和“结束”",
                                         "give either date, or both start and end"))
        if self.start and self.end and self.end < self.start:
            raise value_error(InputError(f"结束 {self.end} 早于开始 {self.start}",
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
