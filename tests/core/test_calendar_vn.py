"""The Vietnamese working calendar as dated data (ipoffice/data/holidays/vn.csv)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipoffice.core.calendar_vn import calendar_days, holiday_name, vietnam_calendar
from ipoffice.core.legaltime import (
    CalendarNotCovered,
    Period,
    add_working_days,
    calendar_end,
    months,
    period_end,
)

# Tết (1st day of the 1st lunar month), as published on Vietnamese calendars: an independent check of the
# lunar conversion used by the build script.
TET = {
    2015: date(2015, 2, 19),
    2016: date(2016, 2, 8),
    2017: date(2017, 1, 28),
    2018: date(2018, 2, 16),
    2019: date(2019, 2, 5),
    2020: date(2020, 1, 25),
    2021: date(2021, 2, 12),
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
}


@pytest.fixture(scope="module")
def cal():
    return vietnam_calendar()


def test_table_covers_2010_to_2060_with_projection_flag(cal):
    assert (cal.first_year, cal.last_year) == (2010, 2060)
    assert cal.projected_from == 2027
    assert cal.is_projected(date(2030, 1, 1)) and not cal.is_projected(date(2026, 12, 31))
    statuses = {r.day.year: r.status for r in calendar_days() if r.kind == "holiday"}
    assert statuses[2012] == "statutory" and statuses[2020] == "announced" and statuses[2040] == "projected"
    with pytest.raises(CalendarNotCovered):
        cal.is_working_day(date(2061, 1, 3))


def test_rows_are_well_formed():
    rows = calendar_days()
    assert len({r.day for r in rows}) == len(rows)
    for r in rows:
        if r.kind == "working_day":
            assert r.day.weekday() >= 5, r
        else:
            assert r.day.weekday() < 5, r
        assert r.name_vi and r.name_en and r.basis


@pytest.mark.parametrize("year", sorted(TET))
def test_every_tet_is_off(cal, year):
    tet = TET[year]
    assert holiday_name(tet, "en") in (None, "Lunar New Year (Tết)")  # None when Tết falls on a weekend
    for offset in range(-1, 4):  # last day of the lunar year and the first four days of the new one
        d = tet + timedelta(days=offset)
        assert not cal.is_working_day(d), d
    tet_rows = [r for r in calendar_days() if r.day.year == year and r.name_en == "Lunar New Year (Tết)"]
    assert tet_rows and all(abs((r.day - tet).days) <= 4 for r in tet_rows)


def test_tet_2025_block_and_make_up_saturday(cal):
    # Notice 6150/TB-BLĐTBXH: off Sat 25 Jan - Sun 2 Feb 2025; Monday 27 Jan swapped for Saturday 8 Feb.
    for i in range(9):
        assert not cal.is_working_day(date(2025, 1, 25) + timedelta(days=i))
    assert cal.is_working_day(date(2025, 2, 3))
    assert cal.is_working_day(date(2025, 2, 8))  # a Saturday, worked
    assert holiday_name(date(2025, 2, 8), "vi") == "Làm bù cho ngày nghỉ 27/01/2025"
    assert "Notice 6150" in next(r.basis for r in calendar_days() if r.day == date(2025, 2, 8))


def test_period_ending_inside_tet_2025_rolls_to_first_working_day_after(cal):
    # one month from 28 Dec 2024 ends on 28 Jan 2025 (inside Tết) -> Monday 3 Feb 2025 (Art. 148(5))
    assert calendar_end(date(2024, 12, 28), months(1)) == date(2025, 1, 28)
    assert period_end(date(2024, 12, 28), months(1), cal) == date(2025, 2, 3)


def test_make_up_saturday_counts_as_working_day(cal):
    # 5 Feb 2025 (Wed) + 3 days = Sat 8 Feb: a make-up working day, so the period ends there
    assert period_end(date(2025, 2, 5), Period(days=3), cal) == date(2025, 2, 8)
    # and it counts when counting working days: Fri 7 Feb + 1 working day = Sat 8 Feb
    assert add_working_days(date(2025, 2, 7), 1, cal) == date(2025, 2, 8)


def test_month_end_cases(cal):
    # Art. 148(3): 31 Aug 2025 + 6 months -> 28 Feb 2026 (Saturday) -> Monday 2 March 2026
    assert period_end(date(2025, 8, 31), months(6), cal) == date(2026, 3, 2)
    # 29 Feb 2024 + 12 months -> 28 Feb 2025 (Friday, a working day)
    assert period_end(date(2024, 2, 29), months(12), cal) == date(2025, 2, 28)


def test_announced_swaps_and_adjacent_national_day(cal):
    assert not cal.is_working_day(date(2026, 1, 2)) and cal.is_working_day(date(2026, 1, 10))
    assert not cal.is_working_day(date(2024, 4, 29)) and cal.is_working_day(date(2024, 5, 4))
    assert not cal.is_working_day(date(2024, 9, 3))  # 2 Sep 2024 (Mon) + adjacent Tue
    assert cal.is_working_day(date(2020, 9, 3))  # before 2021 National Day was one day
    assert holiday_name(date(2026, 9, 1), "en") == "National Day (adjacent day)"
    assert holiday_name(date(2026, 9, 1)) == "Quốc khánh (ngày liền kề)"
    assert holiday_name(date(2026, 3, 3)) is None


def test_compare_with_holidays_package(cal):
    """The table against ``holidays`` 0.109 (VN, observed days, weekdays only), 2015-2026.

    Every difference is explained: the package lacks the 2026 New Year swap (Official Letter 12729/VPCP-KGVX)
    and adds Vietnam Culture Day 24 Nov 2026, which needs a Labour Code amendment not yet confirmed [verify].
    """
    holidays = pytest.importorskip("holidays")
    theirs: set[date] = set()
    for d in holidays.country_holidays("VN", years=range(2015, 2027)):
        if d.weekday() < 5:
            theirs.add(d)
    ours = {r.day for r in calendar_days() if r.kind != "working_day" and 2015 <= r.day.year <= 2026}
    assert ours - theirs == {date(2026, 1, 2)}
    assert theirs - ours == {date(2026, 11, 24)}


@settings(max_examples=300, deadline=None)
@given(
    event=st.dates(min_value=date(2010, 1, 1), max_value=date(2055, 12, 31)),
    n_months=st.integers(min_value=0, max_value=48),
    n_days=st.integers(min_value=0, max_value=120),
)
def test_period_end_is_a_working_day_never_before_calendar_end(event, n_months, n_days):
    cal = vietnam_calendar()
    period = Period(months=n_months, days=n_days)
    end = period_end(event, period, cal)
    assert cal.is_working_day(end)
    assert end >= calendar_end(event, period)
    # the roll-over never skips a working day
    d = calendar_end(event, period)
    while d < end:
        assert not cal.is_working_day(d)
        d += timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(
    event=st.dates(min_value=date(2010, 1, 1), max_value=date(2059, 6, 30)),
    n=st.integers(min_value=1, max_value=60),
)
def test_working_day_periods_land_on_working_days(event, n):
    cal = vietnam_calendar()
    end = period_end(event, Period(working_days=n), cal)
    assert cal.is_working_day(end) and end > event


@pytest.mark.parametrize(
    ("first", "last", "worked_saturdays"),
    [
        (date(2013, 2, 9), date(2013, 2, 17), [date(2013, 2, 23)]),  # Tết 2013: 4 statutory days + swap
        (date(2014, 1, 28), date(2014, 2, 5), [date(2014, 1, 25), date(2014, 2, 8)]),  # Tết 2014: two swaps
        (date(2015, 2, 15), date(2015, 2, 23), [date(2015, 2, 14)]),  # Tết 2015
        (date(2017, 1, 26), date(2017, 2, 1), []),  # Tết 2017: no swap
        (date(2026, 2, 14), date(2026, 2, 22), []),  # Tết 2026: 9 days, no swap
    ],
)
def test_announced_tet_blocks(cal, first, last, worked_saturdays):
    span = (last - first).days + 1
    assert not any(cal.is_working_day(first + timedelta(days=i)) for i in range(span))
    assert cal.is_working_day(first - timedelta(days=1))
    assert cal.is_working_day(last + timedelta(days=1))
    assert all(cal.is_working_day(d) and d.weekday() == 5 for d in worked_saturdays)
