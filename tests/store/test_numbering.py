from __future__ import annotations

import threading
from datetime import date

import pytest

from ipoffice.core.rights import RightKind
from ipoffice.store.audit import verify_audit
from ipoffice.store.db import session_factory, transaction
from ipoffice.store.models import IPFile, NumberSequence
from ipoffice.store.numbering import (
    allocate_application_number,
    allocate_certificate_number,
    allocate_number,
    format_application_number,
)

THREADS, PER_THREAD = 16, 10


def test_concurrent_filings_get_every_number_once(engine):
    """16 threads x 10 filings, each number allocated in the filing's own transaction: exactly 1..160."""
    numbers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def worker(i: int) -> None:
        try:
            start.wait()
            for _ in range(PER_THREAD):
                with transaction(engine, actor=f"clerk-{i}") as s:
                    number = allocate_application_number(s, RightKind.TRADEMARK, 2026)
                    s.add(
                        IPFile(
                            application_number=number,
                            right_kind=RightKind.TRADEMARK,
                            filing_date=date(2026, 5, 4),
                        )
                    )
                with lock:
                    numbers.append(number)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    expected = [
        format_application_number(RightKind.TRADEMARK, 2026, n) for n in range(1, THREADS * PER_THREAD + 1)
    ]
    assert sorted(numbers) == expected
    with session_factory(engine)() as s:
        stored = sorted(s.scalars(IPFile.__table__.select().with_only_columns(IPFile.application_number)))
        assert stored == expected
        assert s.get(NumberSequence, 1).last_value == THREADS * PER_THREAD
        report = verify_audit(s)
        assert report.ok and report.entries_checked == THREADS * PER_THREAD


def test_rolled_back_filing_gives_its_number_back(engine):
    with transaction(engine, actor="clerk") as s:
        assert allocate_number(s, "application:4", 2026) == 1
    with pytest.raises(RuntimeError), transaction(engine, actor="clerk") as s:
        assert allocate_number(s, "application:4", 2026) == 2
        raise RuntimeError("the filing failed")
    with transaction(engine, actor="clerk") as s:
        assert allocate_number(s, "application:4", 2026) == 2


def test_series_and_years_are_independent(engine):
    with transaction(engine, actor="clerk") as s:
        assert allocate_application_number(s, RightKind.INVENTION, 2026) == "1-2026-00001"
        assert allocate_application_number(s, RightKind.INVENTION, 2026) == "1-2026-00002"
        assert allocate_application_number(s, RightKind.INVENTION, 2027) == "1-2027-00001"
        assert allocate_application_number(s, RightKind.TRADEMARK, 2026) == "4-2026-00001"
        assert allocate_application_number(s, RightKind.DESIGN, 2026) == "3-2026-00001"
        assert allocate_certificate_number(s, RightKind.TRADEMARK) == "4-0000001"
        assert allocate_certificate_number(s, RightKind.TRADEMARK) == "4-0000002"
        assert allocate_certificate_number(s, RightKind.INVENTION) == "1-0000001"
        assert allocate_certificate_number(s, RightKind.GI) == "00001"


def test_number_format_matches_the_published_example():
    # 4-2020-37528: a trademark application quoted in a public complaint (research notes, section 3.5)
    assert format_application_number(RightKind.TRADEMARK, 2020, 37528) == "4-2020-37528"
    assert format_application_number(RightKind.UTILITY_SOLUTION, 2026, 7) == "2-2026-00007"
