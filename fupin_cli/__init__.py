"""fupin: campaign plans, deadlines, donation ledgers and official tables for 扶贫日 / 扶贫济困日 / 结对帮扶 work.

The library is usable without the command line: ``fupin_cli.api`` has every command as a keyword-only function
returning data (``api.validate``, ``api.deadlines``, ``api.donations`` …); ``fupin_cli.model.Plan`` is the plan.
"""

__version__ = "0.1.0"
