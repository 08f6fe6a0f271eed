"""The vectorised path (``deadlines_table``) gives exactly the due dates of ``deadlines``, file by file."""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import pytest
from law_helpers import TODAY

from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.law import FileFacts, deadlines, deadlines_table, default_calendar
from ipoffice.law.model import Route

# Month ends, 29 February, and days around Tết 2023-2026 (the roll-over crosses the whole holiday)
SPECIAL = [date(y, m, dd) for y in range(2016, 2027) for m, dd in ((1, 31), (3, 31), (5, 31), (8, 31), (10, 31),
                                                                    (4, 30), (6, 30), (11, 30))]
SPECIAL += [date(2016, 2, 29), date(2020, 2, 29), date(2024, 2, 29)]
SPECIAL += [date(2022, 7, 29) + timedelta(days=k) for k in range(12)]  # + 6 months -> Tết 2023
SPECIAL += [date(2024, 7, 25) + timedelta(days=k) for k in range(12)]  # + 6 months -> Tết 2025
SPECIAL += [date(2023, 8, 8) + timedelta(days=k) for k in range(10)]  # + 6 months -> Tết 2024


def _files(n: int, seed: int = 11) -> list[FileFacts]:
    rng = random.Random(seed)
    rights = list(RightKind)
    out: list[FileFacts] = []
    for i in range(n):
        right = rights[i % len(rights)]
        filing = rng.choice(SPECIAL) if i % 3 == 0 else date(2011, 1, 3) + timedelta(days=rng.randrange(5700))
        kw: dict[str, object] = {}
        if right in (RightKind.INVENTION, RightKind.UTILITY_SOLUTION, RightKind.DESIGN, RightKind.TRADEMARK) \
                and i % 4 == 1:
            kw["priority_date"] = filing - timedelta(days=rng.randrange(150))
        if i % 2:
            kw["publication_date"] = filing + timedelta(days=rng.randrange(20, 800))
        if i % 5 == 0:
            kw["acceptance_date"] = filing + timedelta(days=rng.randrange(5, 60))
        if right.is_patent and i % 3 == 1:
            kw["examination_request_date"] = filing + timedelta(days=rng.randrange(0, 1000))
        if i % 7 == 0:
            kw["grant_date"] = rng.choice(SPECIAL) if i % 14 == 0 else filing + timedelta(days=rng.randrange(300, 1600))
            if kw["grant_date"] < filing:  # type: ignore[operator]
                kw["grant_date"] = filing + timedelta(days=400)
        if i % 6 == 0:
            kw["office_action_date"] = filing + timedelta(days=rng.randrange(40, 700))
            kw["office_action_kind"] = rng.choice([None, "formality", "substantive"])
        if i % 9 == 0:
            kw["grant_notice_date"] = filing + timedelta(days=rng.randrange(200, 900))
        if i % 11 == 0:
            kw["decision_date"] = filing + timedelta(days=rng.randrange(100, 900))
        route_draw = rng.random()
        if right.is_patent and route_draw < 0.15:
            kw["route"] = Route.PCT
            kw["pct_international_filing_date"] = filing - timedelta(days=rng.randrange(300, 900))
            kw.pop("priority_date", None)
        elif right is RightKind.TRADEMARK and route_draw < 0.15:
            kw["route"] = Route.MADRID
            kw["international_notification_date"] = filing + timedelta(days=rng.randrange(0, 60))
        elif right is RightKind.DESIGN and route_draw < 0.15:
            kw["route"] = Route.HAGUE
        if right.is_patent and filing >= date(2026, 4, 1) and i % 2 == 0:
            kw["expedited"] = True
        if right is RightKind.LAYOUT_DESIGN and i % 4 == 2:
            kw["creation_date"] = filing - timedelta(days=rng.randrange(0, 3000))
        out.append(FileFacts(right, filing_date=filing, **kw))  # type: ignore[arg-type]
    return out


def test_every_due_date_equals_the_per_file_engine():
    files = _files(2400)
    cal = default_calendar()
    table = deadlines_table(files, cal=cal, today=TODAY)
    rows = 0
    for i, f in enumerate(files):
        expected = [(d.step, d.occurrence, d.due) for d in deadlines(f, cal=cal, today=TODAY).deadlines]
        assert table.rows_of(i) == expected, f
        rows += len(expected)
    assert len(table) == rows > 2400 * 8
    steps = {table.steps[int(s)] for s in np.unique(table.step)}
    assert {"opposition", "annuity", "renewal", "pct_national_phase", "madrid_refusal", "restoration"} <= steps


def test_the_object_form_is_built_on_demand_and_arrays_are_dates():
    files = _files(60, seed=2)
    table = deadlines_table(files, today=TODAY)
    assert table.due.dtype == np.dtype("datetime64[D]")
    sched = table.schedule(5)
    assert sched == deadlines(files[5], today=TODAY) and table.schedule(5) is sched
    firsts = table.due_of("formality_examination")
    assert firsts[5] == np.datetime64(sched.first("formality_examination").due)


def test_tet_2025_roll_over_in_the_table():
    # a mark priority of 29 Jul 2024: + 6 months = 29 Jan 2025, in Tết -> Mon 3 Feb 2025
    f = FileFacts(RightKind.TRADEMARK, filing_date=date(2024, 9, 2), priority_date=date(2024, 7, 29))
    table = deadlines_table([f], today=TODAY)
    assert ("paris_priority", None, date(2025, 2, 3)) in table.rows_of(0)


def test_bad_facts_raise_the_engines_error():
    good = _files(20)
    bad = FileFacts(RightKind.TRADEMARK, filing_date=date(2025, 2, 4), priority_date=date(2024, 7, 29))
    with pytest.raises(UserError) as err:
        deadlines_table([*good, bad], today=TODAY)
    assert err.value.code == "law.priority_expired" and err.value.field == "priority_date"
    with pytest.raises(UserError) as err:
        deadlines_table([FileFacts(RightKind.GI, filing_date=date(2008, 5, 5))], today=TODAY)
    assert err.value.code == "law.no_regime"
