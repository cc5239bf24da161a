"""Reports: each named ``Table`` built once from the engines' results, for every renderer to show.

One module a section, each importing only the floors below it (engines, loading, table, render.flat):

- ``deadlines``: 报送时间表 and 活动时间轴
- ``donations``: 捐赠统计表, 大额捐赠登记表, 捐赠公示名单
- ``assign``: who does what (责任分工矩阵, task sheets, 活动安排及责任分工表, proposed leads)
- ``pairing``: 结对帮扶 (结对情况表, 走访达标情况, 月度通报)
- ``report``: 扶贫日活动情况统计表, ``build_report`` (every table of a plan) and the json ``report_document``
- ``rollup``: 汇总上报 (``collect_rollup``, ``rollup_table``)

Labels are ``Text(zh, en)`` values rendered in the language asked for; ``base`` holds those every table shares.
"""

from .assign import matrix_table, proposals_table, responsibility_table, task_sheet_table, unit_load_table
from .base import FOOTER, TOTAL, official
from .deadlines import KIND_EN, deadlines_table, timeline_table
from .donations import donations_table, large_gifts_table, publicity_table
from .report import REPORT_SCHEMA, REPORT_TABLES, activity_stats_table, build_report, report_document
from .pairing import briefing_table, compliance_table, pairing_coverage_table
from .rollup import Rollup, RollupInputError, collect_rollup, rollup_table, summary_from_json, unit_summary

__all__ = [
    "FOOTER", "KIND_EN", "REPORT_SCHEMA", "REPORT_TABLES", "TOTAL", "Rollup", "RollupInputError",
    "activity_stats_table", "briefing_table", "build_report", "collect_rollup", "compliance_table",
    "deadlines_table", "donations_table", "large_gifts_table", "matrix_table", "official",
    "pairing_coverage_table", "proposals_table", "publicity_table", "report_document", "responsibility_table",
    "rollup_table", "summary_from_json", "task_sheet_table", "timeline_table", "unit_load_table", "unit_summary",
]
