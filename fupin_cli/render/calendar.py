"""A month of the working-day calendar: a grid with holidays (休) and make-up working days (班) marked."""

from __future__ import annotations

from typing import Any

from ..engines.calendar import KIND_ZH, WorkCalendar

# every cell is four columns wide: " 1休", "12  ", " 一 " (a Chinese character is two columns)
HEAD_ZH = " ".join(f" {c} " for c in "一二三四五六日").rstrip()
HEAD_EN = " ".join(f" {c} " for c in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")).rstrip()


def month_grid(cal: WorkCalendar, year: int, month: int, lang: str = "zh") -> str:
    days = cal.month(year, month)
    en = lang == "en"
    lines = [f"{year}-{month:02d}" if en else f"{year}年{month}月", HEAD_EN if en else HEAD_ZH]
    cells = ["    "] * days[0][0].weekday()
    for d, k in days:
        mark = {"holiday": "休", "makeup": "班"}.get(k.kind, "  ")
        cells.append(f"{d.day:>2}{mark}")
    for i in range(0, len(cells), 7):
        lines.append(" ".join(cells[i:i + 7]).rstrip())
    lines.append("休 = day off (holiday)  班 = make-up working day" if en else "休 = 放假  班 = 调休上班")
    named = _runs(days)
    for start, end, kind, name in named:
        span = start.isoformat() if start == end else f"{start.isoformat()}…{end.isoformat()}"
        label = name or (kind if en else KIND_ZH[kind])
        lines.append(f"  {span}  {('off' if kind == 'holiday' else 'working') if en else KIND_ZH[kind]}  {label}")
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
