from __future__ import annotations

import threading

import pytest
from sqlalchemy import text

from ipoffice.store.config import DEFAULT_DATABASE_URL, database_url
from ipoffice.store.db import make_engine, normalise_url, session_factory, transaction
from ipoffice.store.models import IPFile, Party

from .conftest import new_file


def test_database_url_from_environment(monkeypatch):
    monkeypatch.delenv("IPOFFICE_DATABASE_URL", raising=False)
    assert database_url() == DEFAULT_DATABASE_URL == "sqlite:///./ipoffice.db"
    monkeypatch.setenv("IPOFFICE_DATABASE_URL", "postgresql://office@db/ipoffice")
    assert database_url() == "postgresql://office@db/ipoffice"
    assert normalise_url(database_url()).drivername == "postgresql+psycopg"


def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'office.db'}")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 10_000
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(engine):
    from sqlalchemy.exc import IntegrityError

    from ipoffice.store.models import FileParty

    with pytest.raises(IntegrityError), transaction(engine, actor="clerk") as s:
        s.add(FileParty(file_id=999, party_id=999, role="applicant"))


def test_a_failed_transaction_leaves_nothing_half_written(engine):
    with pytest.raises(RuntimeError), transaction(engine, actor="loader") as s:
        s.add(new_file("4-2026-00001"))
        s.add(Party(name="Hợp tác xã Nông nghiệp"))
        s.flush()
        raise RuntimeError("crash in the middle of the load")
    with session_factory(engine)() as s:
        assert s.query(IPFile).count() == 0 and s.query(Party).count() == 0


def test_concurrent_read_modify_write_transactions_serialise(engine):
    """8 threads each read a counter and write it back +1, 5 times: with SQLite's BEGIN IMMEDIATE (and row
    locks via SELECT ... FOR UPDATE on PostgreSQL) no update is lost and no writer fails."""
    with transaction(engine, actor="clerk") as s:
        s.add(new_file("4-2026-00001", details={"counter": 0}))
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(5):
                with transaction(engine, actor="clerk") as s:
                    f = s.query(IPFile).with_for_update().one()
                    f.details = {"counter": f.details["counter"] + 1}
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with session_factory(engine)() as s:
        f = s.query(IPFile).one()
        assert f.details["counter"] == 40 and f.version_id == 41
