"""The placement plan: deterministic, lawful step orders, dates inside the limits, every step of both regimes."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

from ipoffice.core.legaltime import add_months
from ipoffice.core.rights import RightKind
from ipoffice.demo import dataset
from ipoffice.demo.placement import (
    PATENT_SCENARIOS,
    TRADEMARK_SCENARIOS,
    Placement,
    allocate,
    applicants_of,
    earliest_filing,
    normalized_mark,
    plan,
    regime_for,
)
from ipoffice.office import workflow
from ipoffice.office.events import EventCode as E

TODAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def demo() -> dataset.DemoSet:
    return dataset.load_demo_set()


@pytest.fixture(scope="module")
def full_plan(demo: dataset.DemoSet) -> list[Placement]:
    return plan(demo.patents, demo.trademarks, TODAY)


def _status(p: Placement) -> str:
    return workflow.fold(p.events, p.right_kind, p.regime).status.value


def test_every_record_is_placed_once(demo: dataset.DemoSet, full_plan: list[Placement]) -> None:
    assert len(full_plan) == len(demo)
    assert len({p.key for p in full_plan}) == len(demo)


def test_the_plan_is_deterministic(demo: dataset.DemoSet) -> None:
    a = plan(demo.patents, demo.trademarks, TODAY, limit=1500)
    b = plan(demo.patents, demo.trademarks, TODAY, limit=1500)
    assert a == b
    assert plan(demo.patents, demo.trademarks, date(2027, 1, 5), limit=1500) != a


def test_every_file_follows_the_workflow(full_plan: list[Placement]) -> None:
    for p in full_plan:
        assert p.steps[0].event is E.FILED
        workflow.fold(p.events, p.right_kind, p.regime)  # raises Conflict on a step out of order


def test_dates_are_ordered_in_the_past_and_inside_the_priority_limits(full_plan: list[Placement]) -> None:
    for p in full_plan:
        days = [s.on for s in p.steps]
        assert days == sorted(days), p.key
        assert days[-1] <= TODAY
        assert days[0] == p.received_on >= p.filing_date
        assert earliest_filing() <= p.filing_date
        if p.priority is not None:
            assert p.priority.date <= p.filing_date
            months = 6 if p.right_kind in (RightKind.TRADEMARK, RightKind.DESIGN) else 12
            assert p.filing_date <= add_months(p.priority.date, months), p.key
        if p.route == "pct":
            assert p.priority is not None and p.received_on <= add_months(p.priority.date, 31)
            assert p.international_number and p.international_number.endswith(p.record.id)
        assert p.regime == regime_for(p.filing_date)


def test_files_stand_at_every_step(full_plan: list[Placement]) -> None:
    by_right: dict[RightKind, set[str]] = {}
    for p in full_plan:
        by_right.setdefault(p.right_kind, set()).add(_status(p))
    assert by_right[RightKind.INVENTION] >= {
        "filed", "formality_deficient", "accepted", "published", "under_examination", "office_action",
        "intended_grant", "intended_refusal", "granted", "lapsed", "refused", "deemed_withdrawn", "withdrawn",
    }  # fmt: skip
    assert by_right[RightKind.TRADEMARK] >= {
        "filed", "formality_deficient", "accepted", "under_examination", "office_action", "intended_grant",
        "intended_refusal", "granted", "refused", "withdrawn",
    }  # fmt: skip
    if add_months(earliest_filing(), 12 * 10 + 7) < TODAY:  # a mark can have outlived its term and grace
        assert "expired" in by_right[RightKind.TRADEMARK]
    assert {"granted", "under_examination"} <= by_right[RightKind.UTILITY_SOLUTION]
    assert "granted" in by_right[RightKind.DESIGN]


def test_pending_steps_exist_under_both_regimes(full_plan: list[Placement]) -> None:
    seen = Counter((p.right_kind, p.regime, _status(p)) for p in full_plan)
    for right, statuses in (
        # a vn-2026 invention (filed from 1 Apr 2026) cannot yet be published in the 19th month from priority
        (RightKind.INVENTION, ("filed", "formality_deficient")),
        (RightKind.TRADEMARK, ("filed", "under_examination", "office_action", "intended_grant")),
    ):
        for status in statuses:
            for regime in ("vn-2023", "vn-2026"):
                assert seen[(right, regime, status)] > 0, (right, regime, status)
    assert seen[(RightKind.INVENTION, "vn-2023", "accepted")] > 0  # no acceptance decision exists in vn-2026
    assert all(E.FORMALITY_ACCEPTED not in p.events for p in full_plan if p.regime == "vn-2026")


def test_a_realistic_trademark_backlog(full_plan: list[Placement]) -> None:
    waiting = [
        p for p in full_plan if p.right_kind is RightKind.TRADEMARK and _status(p) == "under_examination"
    ]
    published = [next(s.on for s in p.steps if s.event is E.PUBLISHED) for p in waiting]
    overdue = [d for d in published if add_months(d, 9) < TODAY]
    assert len(waiting) > 5000
    assert (
        0.4 < len(overdue) / len(waiting) < 0.9
    )  # research §3.6: examination 2-3 times slower than 9 months


def test_maintenance_and_recordals(full_plan: list[Placement]) -> None:
    events = Counter(e for p in full_plan for e in p.events)
    for ev in (E.ANNUITY_PAID, E.RENEWED, E.LAPSED, E.ASSIGNMENT_RECORDED, E.LICENCE_RECORDED):
        assert events[ev] > 50, ev
    for p in full_plan:
        for s in p.steps:
            if s.event in (E.ASSIGNMENT_RECORDED, E.LICENCE_RECORDED):
                party = s.detail.get("assignee") or s.detail.get("licensee")
                assert party is not None and s.detail["generated"] is True
                assert party.name not in {a.name for a in applicants_of(p.record)}


def test_mark_oppositions_rely_on_real_earlier_marks(full_plan: list[Placement]) -> None:
    opposed = [p for p in full_plan if p.right_kind is RightKind.TRADEMARK and E.OPPOSITION_FILED in p.events]
    assert len(opposed) > 300
    real = 0
    keys = {p.key: p for p in full_plan}
    for p in opposed:
        step = next(s for s in p.steps if s.event is E.OPPOSITION_FILED)
        earlier = keys.get(step.detail.get("earlier_file", ""))
        if earlier is not None and not step.detail.get("generated"):
            real += 1
            assert normalized_mark(earlier.record.mark_text) == normalized_mark(p.record.mark_text)
            assert earlier.filing_date <= p.filing_date
    assert real > 150  # every later mark whose word element an earlier demo mark shares (167 in the set)


def test_routes_and_rights(full_plan: list[Placement]) -> None:
    routes = Counter((p.right_kind, p.route) for p in full_plan)
    inventions = routes[(RightKind.INVENTION, "pct")] + routes[(RightKind.INVENTION, "national")]
    assert 0.5 < routes[(RightKind.INVENTION, "pct")] / inventions < 0.7
    assert routes[(RightKind.TRADEMARK, "madrid")] > 2000
    madrid = [p for p in full_plan if p.route == "madrid"]
    assert all(re.fullmatch(r"[1-9]\d+[A-Z]?", p.international_number or "") for p in madrid)
    ultrabook = next(p for p in full_plan if p.record.id == "85334015")
    assert ultrabook.priority is not None and ultrabook.priority.number == "RM2011C00315"


def test_a_small_limit_keeps_every_scenario(demo: dataset.DemoSet) -> None:
    small = plan(demo.patents, demo.trademarks, TODAY, limit=400)
    assert len(small) == 400
    scen = Counter((p.right_kind is RightKind.TRADEMARK, p.scenario) for p in small)
    assert {s for (mark, s) in scen if mark} == {name for name, _ in TRADEMARK_SCENARIOS}
    patent_scenarios = {s for (mark, s) in scen if not mark}
    assert {name for name, _ in PATENT_SCENARIOS} <= patent_scenarios


def test_allocate() -> None:
    out = allocate(100, TRADEMARK_SCENARIOS)
    assert len(out) == 100 and set(out) == {n for n, _ in TRADEMARK_SCENARIOS}
    assert Counter(out)["under_examination"] == 30
    assert allocate(0, TRADEMARK_SCENARIOS) == []
    assert len(allocate(5, TRADEMARK_SCENARIOS)) == 5


def test_no_file_is_older_than_the_law_can_charge() -> None:
    from ipoffice import law

    assert law.tariff_on(earliest_filing()) is not None
    assert regime_for(earliest_filing()) == "vn-2010"


def test_regime_for_follows_the_law() -> None:
    from ipoffice.law.vn.transitional import regime_on

    for day in (date(2010, 1, 1), date(2022, 12, 31), date(2023, 1, 1), date(2026, 3, 31), date(2026, 4, 1)):
        assert regime_for(day) == regime_on(day, today=TODAY).regime.id
    assert regime_for(date(2022, 12, 31)) == "vn-2010"
    assert regime_for(date(2023, 1, 1)) == "vn-2023"
    assert regime_for(date(2026, 3, 31)) == "vn-2023"
    assert regime_for(date(2026, 4, 1)) == "vn-2026"


@pytest.mark.parametrize("today", [date(2026, 11, 21), date(2026, 11, 22), date(2026, 11, 23)], ids=str)
def test_a_weekend_today_dates_nothing_in_the_future(demo: dataset.DemoSet, today: date) -> None:
    """Built on a Saturday or a Sunday, a file whose filing rolls to the next working day is dated on the last
    working day instead: on Sunday 2026-11-22 24 files were dated Monday, the office refused them as filed in the
    future, and each refusal sent its whole batch through the slow services path."""
    placements = plan(demo.patents, demo.trademarks, today)
    for p in placements:
        assert p.filing_date <= today and p.received_on <= today, p.key
        assert all(s.on <= today for s in p.steps), p.key
        assert p.received_on.weekday() < 5, p.key
        if p.priority is not None:
            assert p.priority.date <= p.filing_date, p.key
