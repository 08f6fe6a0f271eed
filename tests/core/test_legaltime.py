from datetime import date

import pytest

from ipoffice.core.legaltime import (
    WEEKENDS_ONLY,
    CalendarNotCovered,
    HolidayCalendar,
    Period,
    add_months,
    add_working_days,
    calendar_end,
    count_working_days,
    days,
    months,
    period_end,
    period_start_before,
    years,
)


def test_month_end_without_corresponding_day_ends_on_last_day_of_month():
    # Civil Code Art. 148(3): 31 Aug + 6 months -> 28 Feb (no 31 Feb)
    assert calendar_end(date(2025, 8, 31), months(6)) == date(2026, 2, 28)
    assert calendar_end(date(2023, 8, 31), months(6)) == date(2024, 2, 29)  # leap year


def test_period_ending_on_weekend_rolls_to_next_working_day():
    # 28 Feb 2026 is a Saturday -> Monday 2 March 2026 (Art. 148(5))
    assert period_end(date(2025, 8, 31), months(6)) == date(2026, 3, 2)


def test_day_period_starts_the_day_after_the_event():
    # Art. 147(1): 30 days from Wednesday 1 Jan 2025 -> Friday 31 Jan 2025
    assert period_end(date(2025, 1, 1), days(30)) == date(2025, 1, 31)


def test_years_are_twelve_months_and_29_feb_maps_to_28_feb():
    assert calendar_end(date(2024, 2, 29), years(1)) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), -12) == date(2023, 2, 28)


def test_holiday_calendar_rolls_over_holidays_and_honours_make_up_saturdays():
    cal = HolidayCalendar(
        name="t",
        days_off=frozenset({date(2025, 1, 27), date(2025, 1, 28)}),
        working_days=frozenset({date(2025, 2, 8)}),
        first_year=2024,
        last_year=2026,
    )
    # 26 Jan 2025 (Sunday) + holidays 27-28 -> Wednesday 29 Jan
    assert period_end(date(2024, 12, 26), Period(months=1), cal) == date(2025, 1, 29)
    assert cal.is_working_day(date(2025, 2, 8))  # a make-up Saturday is worked
    assert add_working_days(date(2025, 1, 24), 1, cal) == date(2025, 1, 29)
    assert count_working_days(date(2025, 1, 24), date(2025, 1, 29), cal) == 1
    with pytest.raises(CalendarNotCovered):
        cal.is_working_day(date(2030, 1, 1))


def test_window_before_expiry():
    assert period_start_before(date(2036, 3, 31), months(6)) == date(2035, 9, 30)


def test_invalid_periods_are_refused():
    with pytest.raises(ValueError):
        Period(months=-1)
    with pytest.raises(ValueError):
        Period(months=1, working_days=2)
    with pytest.raises(ValueError):
        calendar_end(date(2025, 1, 1), Period(working_days=3))
    assert WEEKENDS_ONLY.is_working_day(date(2025, 1, 27))
