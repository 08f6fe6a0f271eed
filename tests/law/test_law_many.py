"""``deadlines_many`` gives exactly the per-file results while sharing its caches across files."""

from __future__ import annotations

import random
from datetime import date, timedelta

from law_helpers import TODAY

from ipoffice.core.legaltime import WEEKENDS_ONLY
from ipoffice.core.rights import RightKind
from ipoffice.law import FileFacts, deadlines, deadlines_many


def _files(n: int) -> list[FileFacts]:
    rng = random.Random(3)
    out = []
    for i in range(n):
        right = list(RightKind)[i % 6]
        filing = date(2012, 1, 2) + timedelta(days=rng.randrange(5300))
        kw = {}
        if right in (RightKind.TRADEMARK, RightKind.INVENTION) and i % 3 == 0:
            kw["priority_date"] = filing - timedelta(days=rng.randrange(150))
        if i % 2:
            kw["publication_date"] = filing + timedelta(days=rng.randrange(30, 700))
        if i % 5 == 0:
            kw["grant_date"] = filing + timedelta(days=900)
        out.append(FileFacts(right, filing_date=filing, **kw))
    # duplicates, so that the shared caches are actually hit
    return out + out[: n // 2]


def test_many_equals_one_by_one():
    files = _files(300)
    many = deadlines_many(files, cal=WEEKENDS_ONLY, today=TODAY)
    assert many == [deadlines(f, cal=WEEKENDS_ONLY, today=TODAY) for f in files]
    assert sum(len(s.deadlines) for s in many) > 300 * 5


def test_fast_month_arithmetic_and_roll_table_agree_with_core():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from ipoffice.core.legaltime import Period, calendar_end
    from ipoffice.law import default_calendar
    from ipoffice.law.engine import Roller, fast_calendar_end

    table, scan = Roller(default_calendar(), memo=True), Roller(default_calendar(), memo=False)

    @settings(max_examples=300, deadline=None)
    @given(st.dates(date(2009, 1, 1), date(2070, 12, 31)), st.integers(0, 3), st.integers(0, 40),
           st.integers(0, 120))
    def check(day: date, y: int, m: int, dd: int) -> None:
        p = Period(years=y, months=m, days=dd)
        assert fast_calendar_end(day, p) == calendar_end(day, p)
        assert table.roll(day) == scan.roll(day)

    check()
