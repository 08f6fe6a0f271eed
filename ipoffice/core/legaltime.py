"""Legal time arithmetic under the Civil Code 2015 (Law 91/2015/QH13), Articles 144-148.

- Art. 144-145: periods are counted in the solar calendar, in years, months, weeks, days (or hours).
- Art. 147(1): when a period is fixed in days, weeks, months or years from an event, the day of the event is not
  counted: the period starts on the following day.
- Art. 148(1): a period in days ends at the end of its last day.
- Art. 148(3): a period in months ends at the end of the corresponding day of the last month; when that month
  has no corresponding day, the period ends on the last day of that month. Years are counted as 12 months.
- Art. 148(5): when the last day of a period is a weekly day off or a public holiday, the period ends at the
  end of the next working day.

Working days are the days a public office works: Monday to Friday (Saturday and Sunday are weekly days off for
state agencies, Decision 188/1999/QD-TTg and Decree 101/2005), less public holidays and the government's
announced days off, plus the announced make-up Saturdays. The calendar is data (see ``ipoffice.core.calendar_vn``).
"""

from __future__ import annotations

import calendar as _cal
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol


class WorkingCalendar(Protocol):
    """Anything that can tell a working day from a day off."""

    def is_working_day(self, day: date) -> bool: ...


class CalendarNotCovered(ValueError):
    """Raised when a calendar is asked about a day outside the years it has data for."""


@dataclass(frozen=True)
class HolidayCalendar:
    """A working calendar built from dated data: weekly days off, holidays and make-up working days.

    ``days_off`` are dates that are not worked although they fall on a weekday (public holidays, bridge days);
    ``working_days`` are dates that are worked although they fall on a weekly day off (make-up Saturdays).
    ``first_year``..``last_year`` bound the data; asking outside it raises :class:`CalendarNotCovered` so that a
    deadline is never computed on a guess. ``projected_from`` marks the first year whose rows are projected from
    the statutory rule rather than taken from the government's announcement.
    """

    name: str
    days_off: frozenset[date]
    working_days: frozenset[date] = frozenset()
    weekly_days_off: frozenset[int] = frozenset({5, 6})  # Saturday, Sunday (date.weekday())
    first_year: int = 1900
    last_year: int = 2200
    projected_from: int | None = None
    labels: dict[date, str] = field(default_factory=dict, compare=False, hash=False)

    def covers(self, day: date) -> bool:
        return self.first_year <= day.year <= self.last_year

    def is_working_day(self, day: date) -> bool:
        if not self.covers(day):
            raise CalendarNotCovered(
                f"calendar {self.name!r} has no data for {day.isoformat()} "
                f"(covers {self.first_year}-{self.last_year})"
            )
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        return day.weekday() not in self.weekly_days_off

    def is_projected(self, day: date) -> bool:
        return self.projected_from is not None and day.year >= self.projected_from


class _Weekends:
    """Weekends only: for tests and for offices that have loaded no holidays."""

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5


WEEKENDS_ONLY: WorkingCalendar = _Weekends()


@dataclass(frozen=True, order=True)
class Period:
    """A legal period: years and months (Art. 148(3)), then calendar days, or a number of working days."""

    years: int = 0
    months: int = 0
    days: int = 0
    working_days: int = 0

    def __post_init__(self) -> None:
        if min(self.years, self.months, self.days, self.working_days) < 0:
            raise ValueError("a period cannot be negative")
        if self.working_days and (self.years or self.months or self.days):
            raise ValueError("a period counts working days alone, or years/months/days")

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    def describe(self, lang: str = "en") -> str:
        parts: list[str] = []
        units = (
            (self.years, "year", "năm"),
            (self.months, "month", "tháng"),
            (self.days, "day", "ngày"),
            (self.working_days, "working day", "ngày làm việc"),
        )
        for n, en, vi in units:
            if n:
                parts.append(f"{n} {vi}" if lang == "vi" else f"{n} {en}{'s' if n != 1 else ''}")
        return " ".join(parts) or ("0 ngày" if lang == "vi" else "0 days")


def months(n: int) -> Period:
    return Period(months=n)


def years(n: int) -> Period:
    return Period(years=n)


def days(n: int) -> Period:
    return Period(days=n)


def working_days(n: int) -> Period:
    return Period(working_days=n)


def add_months(start: date, n: int) -> date:
    """The corresponding day ``n`` months later (or earlier, for negative ``n``), or that month's last day."""
    month_index = start.year * 12 + (start.month - 1) + n
    year, month0 = divmod(month_index, 12)
    last = _cal.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(start.day, last))


def next_working_day(day: date, cal: WorkingCalendar) -> date:
    """``day`` itself when it is a working day, otherwise the next working day (Art. 148(5))."""
    while not cal.is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(event: date, n: int, cal: WorkingCalendar) -> date:
    """The ``n``-th working day after ``event`` (the event day itself is not counted, Art. 147(1))."""
    day = event
    counted = 0
    while counted < n:
        day += timedelta(days=1)
        if cal.is_working_day(day):
            counted += 1
    return day


def calendar_end(event: date, period: Period) -> date:
    """The plain calendar end of ``period`` counted from ``event``, before any roll-over for days off."""
    if period.working_days:
        raise ValueError("a working-day period has no plain calendar end; use period_end with a calendar")
    end = add_months(event, period.total_months) if period.total_months else event
    return end + timedelta(days=period.days)


def period_end(event: date, period: Period, cal: WorkingCalendar = WEEKENDS_ONLY) -> date:
    """The last day of a period counted from ``event`` under Civil Code 2015 Art. 147-148.

    >>> period_end(date(2025, 8, 31), months(6))   # 28 Feb 2026 is a Saturday -> Monday 2 March
    datetime.date(2026, 3, 2)
    """
    if period.working_days:
        return add_working_days(event, period.working_days, cal)
    return next_working_day(calendar_end(event, period), cal)


def period_start_before(end: date, period: Period) -> date:
    """The first day of a window of ``period`` that ends on ``end`` (e.g. renewal within 6 months before expiry)."""
    if period.working_days:
        raise ValueError("windows before an event are counted in calendar units")
    start = add_months(end, -period.total_months) if period.total_months else end
    return start - timedelta(days=period.days)


def count_working_days(start: date, end: date, cal: WorkingCalendar) -> int:
    """Working days in the half-open interval (start, end]: the elapsed working time of a step."""
    if end <= start:
        return 0
    return sum(1 for i in range(1, (end - start).days + 1) if cal.is_working_day(start + timedelta(days=i)))


def days_off_between(start: date, end: date, cal: WorkingCalendar) -> Iterable[date]:
    """Days off in the closed interval [start, end]."""
    day = start
    while day <= end:
        if not cal.is_working_day(day):
            yield day
        day += timedelta(days=1)
