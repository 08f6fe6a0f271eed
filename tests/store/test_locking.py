"""Optimistic locking: two examiners acting on one file at once cannot both land."""

from __future__ import annotations

import pytest

from ipoffice.core.errors import Conflict
from ipoffice.store.db import check_version, session_factory, transaction
from ipoffice.store.models import AuditEntry, IPFile

from .conftest import new_file


def test_the_second_of_two_concurrent_edits_raises_conflict_and_writes_nothing(engine):
    with transaction(engine, actor="clerk") as s:
        s.add(new_file("1-2026-00001", "invention", title="Pin mặt trời"))

    sessions = session_factory(engine, expire_on_commit=False)
    with sessions() as first, sessions() as second:
        first.info["actor"], second.info["actor"] = "examiner-a", "examiner-b"
        # both examiners open the file (each read ends its own transaction, as a web request does)
        a = first.get(IPFile, 1)
        first.commit()
        b = second.get(IPFile, 1)
        second.commit()
        assert a.version_id == b.version_id == 1

        a.title = "Tấm pin quang điện"
        a.status = "refused"
        b.title = "Pin mặt trời hai mặt"
        second.commit()  # b lands first
        with pytest.raises(Conflict) as err:
            first.commit()
        assert err.value.code == "store.conflict"
        assert "reload" in err.value.message("en")
        assert "tải lại" in err.value.message("vi")
        first.rollback()

    with session_factory(engine)() as s:
        f = s.get(IPFile, 1)
        assert (f.title, f.status, f.version_id) == ("Pin mặt trời hai mặt", "filed", 2)
        assert [e.actor for e in s.query(AuditEntry).order_by(AuditEntry.id)] == ["clerk", "examiner-b"]


def test_check_version_refuses_an_edit_of_an_old_version(engine):
    with transaction(engine, actor="clerk") as s:
        s.add(new_file("3-2026-00001", "design", title="Chai nước"))
    with transaction(engine, actor="clerk") as s:
        s.get(IPFile, 1).title = "Chai nước khoáng"
    with transaction(engine, actor="examiner") as s:
        f = s.get(IPFile, 1)
        check_version(f, 2)  # the version the form was rendered from: fine
        with pytest.raises(Conflict) as err:
            check_version(f, 1)
    assert err.value.field == "version_id"
    assert "version 2" in err.value.message("en")


def test_two_examiners_racing_on_one_file_never_lose_an_update(engine):
    """Two threads load the same file, pause, change it and commit. On PostgreSQL both load version 1 and the
    later commit raises Conflict; on SQLite BEGIN IMMEDIATE makes the second wait for the first and load
    version 2. Either way no update is lost: every landed commit had seen the version it replaced."""
    import threading

    with transaction(engine, actor="clerk") as s:
        s.add(new_file("1-2026-00002", "invention", title="v1"))
    loaded = threading.Event()
    outcomes: dict[str, tuple[str, int]] = {}

    def examiner(name: str, first: bool) -> None:
        with session_factory(engine)() as s:
            s.info["actor"] = name
            try:
                if not first:
                    loaded.wait(5)
                f = s.get(IPFile, 1)
                seen = f.version_id
                if first:
                    loaded.set()
                    threading.Event().wait(
                        0.3
                    )  # give the other examiner time to load (PostgreSQL) or queue (SQLite)
                f.title = f"edited by {name}"
                s.commit()
                outcomes[name] = ("landed", seen)
            except Conflict:
                s.rollback()
                outcomes[name] = ("conflict", seen)

    threads = [
        threading.Thread(target=examiner, args=("a", True)),
        threading.Thread(target=examiner, args=("b", False)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    landed = sorted(seen for result, seen in outcomes.values() if result == "landed")
    with session_factory(engine)() as s:
        f = s.get(IPFile, 1)
        assert f.version_id == 1 + len(landed)
        assert landed == list(
            range(1, len(landed) + 1)
        )  # each landed commit replaced the version it had seen
        updates = s.query(AuditEntry).filter_by(action="update").count()
    assert updates == len(landed)
    if engine.dialect.name == "postgresql":
        assert sorted(r for r, _ in outcomes.values()) == ["conflict", "landed"]
    else:
        assert outcomes == {"a": ("landed", 1), "b": ("landed", 2)}
