"""Viet Nam's working calendar for state agencies, loaded from dated data (``ipoffice/data/holidays/vn.csv``).

The table lists, per day: statutory holidays on weekdays, substitute and swapped days off, and make-up
Saturdays, 2010-2060 (see the folder's SOURCE.md). Years up to 2026 follow the government's announcements; later
years are projected from Labour Code 2019 Art. 112 and flagged (``HolidayCalendar.projected_from``) so that a
deadline in a projected year can be shown as provisional.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from ipoffice.core.legaltime import HolidayCalendar

KINDS = ("holiday", "day_off", "working_day")
STATUSES = ("statutory", "announced", "projected")


@dataclass(frozen=True)
class CalendarDay:
    """One row of the calendar table."""

    day: date
    kind: str
    name_vi: str
    name_en: str
    basis: str
    status: str

    def name(self, lang: str | None = "vi") -> str:
        return self.name_en if lang == "en" else self.name_vi


@cache
def calendar_days() -> tuple[CalendarDay, ...]:
    """All rows of ``vn.csv``, in date order."""
    text = resources.files("ipoffice.data").joinpath("holidays/vn.csv").read_text(encoding="utf-8")
    rows = []
    for rec in csv.DictReader(io.StringIO(text)):
        row = CalendarDay(
            day=date.fromisoformat(rec["date"]),
            kind=rec["kind"],
            name_vi=rec["name_vi"],
            name_en=rec["name_en"],
            basis=rec["basis"],
            status=rec["status"],
        )
        if row.kind not in KINDS or row.status not in STATUSES:
            raise ValueError(f"vn.csv: bad kind or status on {rec['date']}")
        rows.append(row)
    return tuple(sorted(rows, key=lambda r: r.day))


@cache
def _by_day() -> dict[date, CalendarDay]:
    return {r.day: r for r in calendar_days()}


@cache
def vietnam_calendar() -> HolidayCalendar:
    """The working calendar of Vietnamese state agencies (Monday-Friday, less holidays, plus make-up days)."""
    rows = calendar_days()
    years = [r.day.year for r in rows]
    projected = [r.day.year for r in rows if r.status == "projected"]
    return HolidayCalendar(
        name="VN",
        days_off=frozenset(r.day for r in rows if r.kind != "working_day"),
        working_days=frozenset(r.day for r in rows if r.kind == "working_day"),
        first_year=min(years),
        last_year=max(years),
        projected_from=min(projected) if projected else None,
        labels={r.day: r.name_vi for r in rows},
    )


def calendar_day(day: date) -> CalendarDay | None:
    """The table's row for ``day`` (None for an ordinary weekday or weekend)."""
    return _by_day().get(day)


def holiday_name(day: date, lang: str | None = "vi") -> str | None:
    """The name of the holiday, day off or make-up working day on ``day``, in ``lang`` (vi default, or en)."""
    row = _by_day().get(day)
    return row.name(lang) if row else None
