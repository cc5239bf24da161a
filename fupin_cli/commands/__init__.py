"""The Python API: one keyword-only function per command, returning data (floor 5).

Each module here holds one command's function and its result type. A result is a ``Findings``
(``diagnostics``, ``errors``, ``warnings``, ``exit_code(strict)``) with the command's data beside it. A
request the command cannot do raises ``UsageError`` (exit code 2 on the command line). Nothing here prints,
writes a file or exits: ``fupin_cli.cli`` renders and writes. ``fupin_cli.api`` gathers every function.
"""
