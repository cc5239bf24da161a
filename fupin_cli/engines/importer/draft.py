"""What extraction found: every value with the source line it came from and, when inferred, why to check it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Found:
    """A value with its source line and, when inferred, why it should be checked (待核实)."""

    value: Any
    line: int | None = None
    check: str | None = None


@dataclass
class DraftActivity:
    no: str
    title: str
    line: int
    description: str = ""
    id: str | None = None
    #: the paragraphs under the heading, with their line numbers (unnumbered sub-items live here)
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    lead: Found | None = None
    support: Found | None = None
    due: Found | None = None
    date: Found | None = None
    children: list["DraftActivity"] = field(default_factory=list)


@dataclass
class DraftSubmission:
    what: str
    sender: list[str]
    to: str | None
    due: Found
    id: str | None = None
    collects: str | None = None
    relative: dict | None = None


@dataclass
class Draft:
    title: Found
    issuer: Found | None = None
    issued: Found | None = None
    year: Found | None = None
    campaign_day: Found | None = None
    theme: Found | None = None
    slogan: Found | None = None
    basis: list[Found] = field(default_factory=list)
    scope: Found | None = None
    period: Found | None = None
    phases: list[Found] = field(default_factory=list)
    weeks: list[Found] = field(default_factory=list)
    leadership: dict[str, Found] = field(default_factory=dict)
    activities: list[DraftActivity] = field(default_factory=list)
    submissions: list[DraftSubmission] = field(default_factory=list)
    donation: dict[str, Found] = field(default_factory=dict)
    units: list[str] = field(default_factory=list)

    def all_activities(self) -> list[DraftActivity]:
        """Every activity, each followed by those below it."""
        return walk(self.activities)


def walk(nodes: list[DraftActivity]) -> list[DraftActivity]:
    """The items and, after each, those below it (depth first, in the notice's order)."""
    out: list[DraftActivity] = []
    for n in nodes:
        out.append(n)
        out.extend(walk(n.children))
    return out
