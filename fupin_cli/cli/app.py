"""The typer application every command registers on."""

import typer

app = typer.Typer(
    name="fupin",
    help="扶贫日 / 扶贫济困日 / 结对帮扶: campaign plans checked, deadlines on China's working-day calendar, "
    "donation ledgers totalled to the fen, official tables ready to print.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
