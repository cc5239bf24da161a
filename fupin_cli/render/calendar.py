"""A month of the working-day calendar: a grid with holidays (休) and make-up working days (班) marked."""

from __future__ import annotations

from typing import Any

from ..diagnostics import Text
from ..engines.calendar import HOLIDAY_EN, KIND_ZH, WorkCalendar

# every cell is four columns wide: " 1休", "12  ", " 一 " (a Chinese character is two columns)
HEAD_ZH = " ".join(f" {c} " for c in "一二三四五六日").rstrip()
HEAD_EN = " ".join(f" {c} " for c in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")).rstrip()
HEAD = Text(HEAD_ZH, HEAD_EN)
LEGEND = Text("休 = 放假  班 = 调休上班", "休 = day off (holiday)  班 = make-up working day")
#: a marked day's kind (the name of a run without one) and whether it is worked
KIND = {k: Text(KIND_ZH[k], k) for k in ("holiday", "makeup")}
WORKED = {"holiday": Text(KIND_ZH["holiday"], "off"), "makeup": Text(KIND_ZH["makeup"], "working")}


def month_grid(cal: WorkCalendar, year: int, month: int, lang: str = "zh") -> str:
    days = cal.month(year, month)
    lines = [Text(f"{year}年{month}月", f"{year}-{month:02d}")(lang), HEAD(lang)]
    cells = ["    "] * days[0][0].weekday()
    for d, k in days:
        mark = {"holiday": "休", "makeup": "班"}.get(k.kind, "  ")
        cells.append(f"{d.day:>2}{mark}")
    for i in range(0, len(cells), 7):
        lines.append(" ".join(cells[i:i + 7]).rstrip())
    lines.append(LEGEND(lang))
    for start, end, kind, name in _runs(days):
        span = start.isoformat() if start == end else f"{start.isoformat()}…{end.isoformat()}"
        label = Text(name, HOLIDAY_EN.get(name, name))(lang) if name else KIND[kind](lang)  # a local day as written
        lines.append(f"  {span}  {WORKED[kind](lang)}  {label}")
    return "\n".join(lines) + "\n"


def _runs(days: list) -> list[tuple]:
    runs: list[list] = []
    for d, k in days:
        if k.kind not in ("holiday", "makeup"):
            continue
        if runs and runs[-1][2] == k.kind and runs[-1][3] == k.name and (d - runs[-1][1]).days == 1:
            runs[-1][1] = d
        else:
            runs.append([d, d, k.kind, k.name])
    return [tuple(r) for r in runs]


def month_json(cal: WorkCalendar, year: int, month: int) -> dict[str, Any]:
    return {
        "month": f"{year}-{month:02d}",
        "days": [{"date": d.isoformat(), "working": k.working, "kind": k.kind, "name": k.name}
                 for d, k in cal.month(year, month)],
    }
