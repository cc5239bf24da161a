"""A progress bar on stderr for the ledger pass: drawn for a file that takes more than a second, only on a
terminal. The engine only reports how far it has got (``engines.ledger.Progress``); this draws it."""

import os
import sys
import time
from typing import Any, Callable


def ledger_progress() -> Callable[[str, int, int], None] | None:
    """A ``progress(path, done_bytes, total_bytes)`` callback drawing a transient bar per file (name, bar,
    percentage, time left) once the file has taken a second; None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None
    state: dict[str, Any] = {}

    def update(path: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done == 0 or state.get("path") != path:  # a new file
            state.clear()
            state.update(path=path, start=now)
        if state.get("finished"):
            return
        finished = done >= total
        if "bar" not in state:
            if now - state["start"] < 1.0 or finished:
                state["finished"] = finished
                return
            # rich is loaded only when a bar is drawn, so that a quick run does not pay for it
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            bar = Progress(TextColumn(os.path.basename(path)), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                           TimeRemainingColumn(), transient=True, console=Console(stderr=True))
            bar.start()
            state["bar"], state["task"] = bar, bar.add_task("", total=total or 1)
        state["bar"].update(state["task"], completed=done)
        if finished:
            state["bar"].stop()
            state["finished"] = True

    return update
