"""Deadlines that end in Tết 2025, the default calendar, and facts no file can have."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from law_helpers import TODAY, d
from law_helpers import compute as sched

from ipoffice.core.errors import UserError
from ipoffice.core.legaltime import HolidayCalendar
from ipoffice.core.rights import RightKind
from ipoffice.law import FileFacts, deadlines, default_calendar

# The days off announced for Tết At Ty 2025: Sat 25 Jan - Sun 2 Feb; Mon 27 Jan swapped for Saturday 8 Feb.
TET_2025 = HolidayCalendar(
    name="tet-2025-test",
    days_off=frozenset(date(2025, 1, 25) + timedelta(days=i) for i in range(9)),
    working_days=frozenset({date(2025, 2, 8)}),
    first_year=2024,
    last_year=2027,
)


def test_opposition_ending_in_tet_2025_moves_to_the_first_working_day_after():
    # mark published Fri 29 Aug 2024: + 5 months = Wed 29 Jan 2025 (Tết) -> Mon 3 Feb 2025
    s = sched("trademark", cal=TET_2025, filing_date="2024-05-06", publication_date="2024-08-29")
    assert s.first("opposition").due == d("2025-02-03")
    # the weekends-only calendar would have kept Wednesday 29 January
    assert sched("trademark", filing_date="2024-05-06", publication_date="2024-08-29").first("opposition").due == d(
        "2025-01-29")


def test_deadline_on_the_make_up_saturday_stays_on_it():
    # Paris priority for a mark: 8 Aug 2024 + 6 months = Sat 8 Feb 2025, a make-up working day
    s = sched("trademark", cal=TET_2025, filing_date="2024-12-02", priority_date="2024-08-08")
    assert s.first("paris_priority").due == d("2025-02-08")
    # weekends only: Monday 10 Feb
    s2 = sched("trademark", filing_date="2024-12-02", priority_date="2024-08-08")
    assert s2.first("paris_priority").due == d("2025-02-10")


def test_vietnam_calendar_is_the_default_and_agrees_on_tet_2025():
    cal = default_calendar()
    assert not cal.is_working_day(date(2025, 1, 29)) and cal.is_working_day(date(2025, 2, 8))
    s = deadlines(FileFacts(RightKind.TRADEMARK, filing_date=d("2024-05-06"), publication_date=d("2024-08-29")),
                  today=TODAY)
    opp = s.first("opposition")
    assert opp.due == d("2025-02-03") and not opp.calendar_projected


def test_deadlines_in_projected_calendar_years_are_flagged():
    s = deadlines(FileFacts(RightKind.TRADEMARK, filing_date=d("2026-08-31")), today=TODAY)
    assert s.first("formality_examination").calendar_projected is False  # 2026 announced
    assert s.first("opposition").calendar_projected is True  # 2027 projected from the Labour Code rule
    assert any(t.calendar_projected for t in s.by_step("renewal"))


def test_priority_after_filing_is_refused_naming_the_field():
    with pytest.raises(UserError) as err:
        sched("invention", filing_date="2024-01-10", priority_date="2024-02-01")
    assert err.value.field == "priority_date" and "Art. 91" in (err.value.rule or "")


def test_priority_claim_outside_the_paris_window_is_refused():
    # mark: 10 Jan 2025 + 6 months = Thu 10 Jul 2025; filing on 11 Jul is one day late
    with pytest.raises(UserError) as err:
        sched("trademark", filing_date="2025-07-11", priority_date="2025-01-10")
    assert err.value.code == "law.priority_expired" and err.value.field == "priority_date"
    assert "2025-07-10" in err.value.message("en")
    # invention: 12 months; filing on the last day is fine
    assert sched("invention", filing_date="2025-01-10", priority_date="2024-01-10").regime == "vn-2023"


def test_priority_not_available_for_gi_and_layout_designs():
    for right in ("gi", "layout_design"):
        with pytest.raises(UserError) as err:
            sched(right, filing_date="2025-01-10", priority_date="2024-12-01")
        assert err.value.field == "priority_date"


def test_publication_before_filing_is_refused():
    with pytest.raises(UserError) as err:
        sched("trademark", filing_date="2025-01-10", publication_date="2025-01-09")
    assert err.value.field == "publication_date"


def test_no_date_and_unknown_choices_are_refused():
    with pytest.raises(UserError) as err:
        sched("trademark")
    assert err.value.code == "law.no_date" and err.value.field == "filing_date"
    with pytest.raises(UserError) as err:
        sched("trademark", filing_date="2025-01-10", route="telepathy")
    assert err.value.field == "route"
    with pytest.raises(UserError):
        FileFacts("patent")  # type: ignore[arg-type]


def test_messages_exist_in_both_languages():
    with pytest.raises(UserError) as err:
        sched("invention", filing_date="2024-01-10", priority_date="2024-02-01")
    vi, en = err.value.message("vi"), err.value.message("en")
    assert vi != en and "ưu tiên" in vi and "priority" in en
