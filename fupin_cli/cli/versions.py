"""What fupin has put into calendars: for each event's UID, the digest of its content, its SEQUENCE and when it
last changed, in ``events.json`` beside ``written.json`` under ``$FUPIN_STATE_DIR``. ``render.ics`` reads and
updates it, so that an event whose content changed gets a higher SEQUENCE and a re-import updates it.

A missing or unreadable file is an empty record (every event starts again at SEQUENCE 0); a record that cannot
be saved costs only the next run's sequence numbers.
"""

from __future__ import annotations

import json
import os

from ..safety import write_atomic
from .output import state_file


def events_file() -> str:
    return os.path.join(os.path.dirname(state_file()), "events.json")


def load() -> dict:
    try:
        with open(events_file(), encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(versions: dict) -> None:
    try:
        os.makedirs(os.path.dirname(events_file()), exist_ok=True)
        write_atomic(events_file(), json.dumps(versions, ensure_ascii=False, indent=0, sort_keys=True).encode("utf-8"))
    except OSError:
        pass
