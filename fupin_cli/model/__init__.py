"""The plan model (活动方案): what a campaign notice contains, as pydantic v2 models.

Every field has an English key and the Chinese names a clerk writes (``标题``, ``主办`` …); the loader
(:mod:`fupin_cli.loading.plans`) maps Chinese keys to English ones, keeping source positions, and then
validates with these models. Dates may be written without a year (``10月19日``): they take the plan's
``year`` from the validation context. Unknown keys are refused (``extra="forbid"``)::

    >>> plan = Plan.model_validate({"title": "扶贫日活动方案", "year": 2020,
    ...                             "activities": [{"title": "送课下乡", "due": "10月17日前"}]},
    ...                            context={"year": 2020})
    >>> due = plan.activities[0].due
    >>> due, due.last, due.text
    (Day(2020, 10, 17), datetime.date(2020, 10, 17), '10月17日前')

Later features extend these models; add a field with its Chinese names through :func:`field`.

The modules, each importing only those above it: ``fields`` (:func:`field`, value parsers, ``PlanModel``),
``keys`` (English and Chinese key names), ``units``, ``activities``, ``donation``, ``pairing``, ``rules``,
``calendar`` (calendar files) and ``plan`` (``Plan``, ``walk_activities``).
"""

from .activities import Activity, DateRange, Due, Period, Phase, RelativeDue, Submission
from .calendar import CalendarFile, CalendarYear, DayEntry
from .donation import DonationPolicy
from .fields import (Amount, PlanDate, PlanModel, TextList, UnitRefs, Year, YesNo, context_year, date_error, field,
                     range_fields, split_list, value_error)
from .keys import chinese_keys, english_keys
from .pairing import HELP_KINDS_DEFAULT, Helper, Occasion, Pair, Pairing, Target, VisitPolicy
from .plan import Basis, CampaignDay, Plan, walk_activities
from .rules import Rule, RuleFile
from .units import LEVEL_ZH, LEVELS, Leadership, Level, Unit

__all__ = [
    "Activity", "Amount", "Basis", "CalendarFile", "CalendarYear", "CampaignDay", "DateRange", "DayEntry",
    "DonationPolicy", "Due", "HELP_KINDS_DEFAULT", "Helper", "LEVELS", "LEVEL_ZH", "Leadership", "Level", "Occasion",
    "Pair", "Pairing", "Period", "Phase", "Plan", "PlanDate", "PlanModel", "RelativeDue", "Rule", "RuleFile",
    "Submission", "Target", "TextList", "Unit", "UnitRefs", "VisitPolicy", "Year", "YesNo", "chinese_keys",
    "context_year", "date_error", "english_keys", "field", "range_fields", "split_list", "value_error",
    "walk_activities",
]
