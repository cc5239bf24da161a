"""fupin: campaign plans, deadlines, donation ledgers and official tables for 扶贫日 / 扶贫济困日 / 结对帮扶 work.

The library is usable without the command line: ``fupin_cli.engines.validate.validate_paths``,
``fupin_cli.loading.plans.load_plan``, ``fupin_cli.model.Plan``.
"""

__version__ = "0.1.0"
