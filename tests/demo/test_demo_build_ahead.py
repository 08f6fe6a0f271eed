"""The demo load with a worker building the next batch (:mod:`ipoffice.office.bulk_worker`) writes the register of
the one-process bulk load, ids, numbers and audit entries included; a batch the worker cannot build, and a
register that moved on under it, are loaded by the caller with nothing lost or numbered twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import DateTime, select
from sqlalchemy.engine import Engine

from ipoffice.core.rights import RightKind
from ipoffice.demo import dataset, loader
from ipoffice.demo.loader import build_demo_office
from ipoffice.demo.placement import Placement, plan
from ipoffice.office.bulk_worker import BuildAhead
from ipoffice.office.filing import FilingRequest, NiceClassInput, PartyInput, file_application
from ipoffice.store.audit import verify_audit
from ipoffice.store.db import make_engine, session_factory, transaction
from ipoffice.store.models import AuditEntry, Base, IPFile

TODAY = date(2026, 11, 21)
RECORDS = 120
BATCH = 30


@pytest.fixture(scope="module")
def placements() -> list[Placement]:
    demo = dataset.load_demo_set()
    return plan(demo.patents, demo.trademarks, TODAY, limit=RECORDS)


@pytest.fixture
def worker_batches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The indexes of the batches the worker built and this process wrote (proof the worker was used)."""
    seen: list[int] = []

    class Counted(BuildAhead[Placement]):
        def __iter__(self):  # type: ignore[no-untyped-def]
            for index, built in super().__iter__():
                seen.append(index)
                yield index, built

    monkeypatch.setattr(loader, "BuildAhead", Counted)
    return seen


def _tables(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows in id order, wall-clock timestamps aside (the audit log: its entries' entity, id and
    snapshot without the timestamps)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for t in Base.metadata.sorted_tables:
            if t.name == "alembic_version":
                continue
            cols = [c for c in t.columns if not isinstance(c.type, DateTime)]
            if t.name == AuditEntry.__table__.name:
                cols = [t.c.id, t.c.action, t.c.entity, t.c.entity_id]
            out[t.name] = [tuple(r) for r in conn.execute(select(*cols).order_by(*t.primary_key.columns))]
    return out


def _load(url: str, placements: list[Placement], **kw: Any) -> loader.LoadReport:
    return build_demo_office(url, today=TODAY, progress=False, placements=placements, batch_size=BATCH, **kw)


def _register(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = make_engine(url)
    try:
        with session_factory(engine)() as session:
            assert verify_audit(session).ok
        return _tables(engine)
    finally:
        engine.dispose()


def _assert_gapless(url: str, count: int) -> list[str]:
    """``count`` files, their application numbers unique and gapless per type and year; the numbers."""
    engine = make_engine(url)
    try:
        with session_factory(engine)() as session:
            numbers = list(session.scalars(select(IPFile.application_number)))
    finally:
        engine.dispose()
    assert len(numbers) == len(set(numbers)) == count
    for series in {n.rsplit("-", 1)[0] for n in numbers}:
        serials = sorted(int(n.rsplit("-", 1)[1]) for n in numbers if n.startswith(series + "-"))
        assert serials == list(range(1, len(serials) + 1)), series
    return numbers


@pytest.fixture(scope="module")
def one_process(placements: list[Placement], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    url = f"sqlite:///{tmp_path_factory.mktemp('one') / 'one.db'}"
    report = _load(url, placements, build_ahead=False)
    assert report.failures == [] and report.loaded == RECORDS
    return _register(url)


@pytest.mark.slow
def test_building_ahead_writes_the_register_of_one_process(
    placements: list[Placement], one_process: dict[str, Any], worker_batches: list[int], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'ahead.db'}"
    report = _load(url, placements, build_ahead=True)
    assert worker_batches == [0, 1, 2, 3]
    assert report.failures == [] and report.loaded == RECORDS
    assert report.events == sum(len(p.steps) for p in placements)
    ahead = _register(url)
    assert ahead.keys() == one_process.keys()
    for name, rows in one_process.items():
        assert ahead[name] == rows, name
    assert len(ahead["files"]) == RECORDS and len(ahead["audit_log"]) > RECORDS


@pytest.mark.slow
def test_a_batch_the_worker_cannot_build_is_loaded_here_and_the_file_named(
    placements: list[Placement], worker_batches: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = placements[BATCH * 2 + 5].key  # in the third batch
    real = loader.filing_request

    def request(p: Placement, today: date) -> FilingRequest:
        req = real(p, today)
        if p.key == bad:
            req.applicants[0].name = " "  # refused by the filing checks (Art. 100(1))
        return req

    monkeypatch.setattr(loader, "filing_request", request)  # before the fork: the worker refuses it too
    url = f"sqlite:///{tmp_path / 'refused.db'}"
    report = _load(url, placements, build_ahead=True)
    assert worker_batches == [0, 1]  # the worker stopped at the third batch; this process loaded the rest
    assert [key for key, _ in report.failures] == [bad] and "applicants[0].name" in report.failures[0][1]
    assert report.loaded == RECORDS - 1
    _register(url)  # the audit chain verifies
    _assert_gapless(url, RECORDS - 1)


@pytest.mark.slow
def test_a_register_that_moved_on_is_not_overwritten(
    placements: list[Placement], worker_batches: list[int], tmp_path: Path
) -> None:
    """Another clerk files a trademark between two batches: the next built batch would reuse its ids and number,
    so it is refused and this process loads it (and the rest) with fresh ids and the next numbers."""
    url = f"sqlite:///{tmp_path / 'moved.db'}"
    engine = make_engine(url)
    clerk_files: list[str] = []

    def another_clerk(done: int) -> None:
        if done == BATCH:
            with transaction(engine, "clerk") as session:
                req = FilingRequest(
                    right=RightKind.TRADEMARK,
                    filing_date=date(2026, 11, 2),
                    applicants=[PartyInput("Công ty TNHH Ví Dụ", country="VN")],
                    mark_text="VIDU",
                    nice=[NiceClassInput(30, ["cà phê"])],
                )
                clerk_files.append(
                    file_application(session, req, actor="clerk", today=TODAY).application_number
                )

    try:
        report = _load(url, placements, build_ahead=True, after_batch=another_clerk)
        assert report.failures == [] and report.loaded == RECORDS
        assert worker_batches == [0, 1]  # batch 1 was built before the clerk filed, and is refused
        _register(url)  # the audit chain verifies
        assert clerk_files[0] in _assert_gapless(url, RECORDS + 1)
    finally:
        engine.dispose()
