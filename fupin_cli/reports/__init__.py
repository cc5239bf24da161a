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


from ..lazy import lazy_exports

#: each public name and the submodule that defines it, imported on first use
_EXPORTS = {"matrix_table": "assign", "proposals_table": "assign", "responsibility_table": "assign",
            "task_sheet_table": "assign", "unit_load_table": "assign", "FOOTER": "base", "TOTAL": "base",
            "official": "base", "KIND_EN": "deadlines", "deadlines_table": "deadlines", "timeline_table":
            "deadlines", "donations_table": "donations", "large_gifts_table": "donations", "publicity_table":
            "donations", "REPORT_SCHEMA": "report", "REPORT_TABLES": "report", "activity_stats_table": "report",
            "build_report": "report", "report_document": "report", "briefing_table": "pairing", "compliance_table":
            "pairing", "pairing_coverage_table": "pairing", "Rollup": "rollup", "RollupInputError": "rollup",
            "collect_rollup": "rollup", "rollup_table": "rollup", "summary_from_json": "rollup", "unit_summary":
            "rollup"}
__getattr__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "FOOTER", "KIND_EN", "REPORT_SCHEMA", "REPORT_TABLES", "TOTAL", "Rollup", "RollupInputError",
    "activity_stats_table", "briefing_table", "build_report", "collect_rollup", "compliance_table",
    "deadlines_table", "donations_table", "large_gifts_table", "matrix_table", "official",
    "pairing_coverage_table", "proposals_table", "publicity_table", "report_document", "responsibility_table",
    "rollup_table", "summary_from_json", "task_sheet_table", "timeline_table", "unit_load_table", "unit_summary",
]
