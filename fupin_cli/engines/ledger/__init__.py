"""Donation ledgers totalled to the fen, in one streaming pass, losing nothing.

Every record of every file is accepted, skipped (blank, title, header, 合计/小计 — each listed with its line) or
rejected (with ``file:line`` and the reason), and for each file ``rows read = accepted + skipped + rejected``.
Amounts are ``Decimal``. A 合计 row is never counted as a gift: it is checked against the rows above it.

Donors are identified by (collecting unit, name): two 张伟 in two schools are two donors. Memory grows with
the number of distinct donors, not with the number of rows.

Checks from the notices (each a diagnostic): large gifts over the plan's thresholds (the certificate list),
duplicate receipt numbers and exact duplicate rows, many identical amounts inside one unit (a sign of 硬性摊派),
donations organised by a school when the plan says schools organise none, the total against the plan's
expected total.

The modules: ``report`` (what a pass gives back, and its options), ``cells`` (what ledgers write: kinds,
donor types, 合计 words, dates; beginning a CSV file), ``read`` (the pass), ``chunk`` (ordinary rows at C
speed), ``rows`` (every other row), ``finish`` (the checks across files), ``fast`` (one big clean file by
DuckDB), ``plans`` (a plan's ledger files and options) and ``masking`` (what of a row may be shown: a person's
name and personal columns masked).
"""


from ...lazy import lazy_exports

#: each public name and the submodule that defines it, imported on first use
_EXPORTS = {"CASH_WORDS": "cells", "CONSENT": "cells", "DONOR_TYPE_ZH": "cells", "DONOR_TYPES": "cells", "KIND_ZH":
            "cells", "KINDS": "cells", "SUBTOTAL_WORDS": "cells", "TOTAL_WORDS": "cells", "DateReader": "cells",
            "begin_file": "cells", "donor_type_of": "cells", "record_lines": "cells", "options_for_plan": "plans",
            "plan_ledger_files": "plans", "plan_input_files": "plans", "CHUNK_ROWS": "read", "Progress": "read", "read_ledgers": "read",
            "GROUP_EN": "report", "GROUP_KEYS": "report", "GROUP_ZH": "report", "REJECT_CODES": "report", "Agg":
            "report", "FileSummary": "report", "Gift": "report", "LedgerOptions": "report", "LedgerReport":
            "report", "PublicityEntry": "report"}
__getattr__ = lazy_exports(__name__, _EXPORTS)

__all__ = ["CASH_WORDS", "CHUNK_ROWS", "CONSENT", "DONOR_TYPES", "DONOR_TYPE_ZH", "GROUP_EN", "GROUP_KEYS",
           "GROUP_ZH", "KINDS", "KIND_ZH", "REJECT_CODES", "SUBTOTAL_WORDS", "TOTAL_WORDS", "Agg", "DateReader",
           "FileSummary", "Gift", "LedgerOptions", "LedgerReport", "Progress", "PublicityEntry", "begin_file",
           "donor_type_of", "options_for_plan", "plan_input_files", "plan_ledger_files", "read_ledgers", "record_lines"]
