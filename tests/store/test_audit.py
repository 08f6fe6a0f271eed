from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ipoffice.core.errors import UserError
from ipoffice.store.audit import GENESIS_HASH, entry_hash, hashed_fields, verify_audit
from ipoffice.store.db import session_factory, transaction
from ipoffice.store.models import AuditEntry, Event, FileParty, IPFile, Party

from .conftest import drop_append_only_triggers, new_file


def _fill(engine) -> None:
    """Three transactions by two actors: insert a file with a party, update it, remove the party link."""
    with transaction(engine, actor="alice") as s:
        f = new_file("4-2026-00001", title="Sen Vàng")
        f.parties.append(FileParty(party=Party(name="Công ty Đông Á"), role="applicant"))
        s.add(f)
    with transaction(engine, actor="bob") as s:
        f = s.get(IPFile, 1)
        f.title = "Sen Vàng Gold"
        f.details = {"colours": ["vàng", "đỏ"]}
    with transaction(engine, actor="bob") as s:
        s.delete(s.get(FileParty, 1))


def test_every_change_is_logged_with_who_what_before_and_after(engine):
    _fill(engine)
    with session_factory(engine)() as s:
        entries = s.query(AuditEntry).order_by(AuditEntry.id).all()
        assert [e.id for e in entries] == [1, 2, 3, 4, 5]
        assert [(e.actor, e.action, e.entity) for e in entries] == [
            ("alice", "insert", "files"),
            ("alice", "insert", "parties"),
            ("alice", "insert", "file_parties"),
            ("bob", "update", "files"),
            ("bob", "delete", "file_parties"),
        ]
        first_file = next(e for e in entries if e.entity == "files")
        assert first_file.before is None
        assert first_file.after["application_number"] == "4-2026-00001"
        assert first_file.after["filing_date"] == "2026-03-02"
        assert first_file.after["mark_text"] is None
        update = entries[3]
        assert update.entity_id == "1"
        assert update.before == {"title": "Sen Vàng", "details": {}, "version_id": 1}
        assert update.after == {
            "title": "Sen Vàng Gold",
            "details": {"colours": ["vàng", "đỏ"]},
            "version_id": 2,
        }
        delete = entries[4]
        assert delete.after is None and delete.before["role"] == "applicant"
        assert entries[0].prev_hash == GENESIS_HASH
        assert all(b.prev_hash == a.hash for a, b in zip(entries, entries[1:], strict=False))
        report = verify_audit(s)
    assert report.ok and report.entries_checked == 5 and report.head_hash == entries[-1].hash
    assert report.head == f"5:{entries[-1].hash}"


def test_a_write_without_an_actor_is_refused_and_nothing_is_written(engine):
    with session_factory(engine)() as s:
        s.add(new_file("4-2026-00009"))
        with pytest.raises(UserError) as err:
            s.commit()
        assert err.value.code == "store.no_actor"
        s.rollback()
        assert s.query(IPFile).count() == 0
        assert s.query(AuditEntry).count() == 0


def test_a_rolled_back_change_leaves_no_entry(engine):
    _fill(engine)
    with pytest.raises(RuntimeError), transaction(engine, actor="mallory") as s:
        s.get(IPFile, 1).title = "hijacked"
        s.flush()
        raise RuntimeError("abort")
    with session_factory(engine)() as s:
        assert s.query(AuditEntry).count() == 5
        assert s.get(IPFile, 1).title == "Sen Vàng Gold"


@pytest.mark.parametrize("table", ["audit_log", "events"])
@pytest.mark.parametrize("statement", ["UPDATE {t} SET actor = 'mallory'", "DELETE FROM {t}"])
def test_database_refuses_update_and_delete_of_append_only_tables(engine, table, statement):
    _fill(engine)
    with transaction(engine, actor="examiner") as s:
        s.add(Event(file_id=1, sequence=1, code="filed", event_date=date(2026, 3, 2), actor="examiner"))
    with engine.connect() as conn, pytest.raises(DBAPIError, match="append-only"):
        conn.execute(text(statement.format(t=table)))


def _tamper_and_verify(engine, *statements: str, anchor: str | None = None):
    """Drop the guard, tamper, verify - all in one transaction that is then rolled back (the database is unharmed)."""
    with engine.connect() as conn:
        trans = conn.begin()
        try:
            drop_append_only_triggers(conn, "audit_log")
            for sql in statements:
                conn.execute(text(sql))
            return verify_audit(Session(bind=conn), anchor=anchor)
        finally:
            trans.rollback()


def test_an_edited_entry_is_detected_with_its_id(engine):
    _fill(engine)
    report = _tamper_and_verify(engine, "UPDATE audit_log SET actor = 'mallory' WHERE id = 4")
    assert not report.ok
    assert report.broken_entry_id == 4 and report.entries_checked == 3
    assert "altered" in report.reason
    assert "4" in report.summary("en") and "4" in report.summary("vi")


def test_an_edited_entry_with_a_recomputed_hash_breaks_the_next_link(engine):
    _fill(engine)
    with session_factory(engine)() as s:
        entry = s.get(AuditEntry, 2)
        fields = hashed_fields(entry) | {"actor": "mallory"}
        forged = entry_hash(entry.prev_hash, fields)
    report = _tamper_and_verify(
        engine, f"UPDATE audit_log SET actor = 'mallory', hash = '{forged}' WHERE id = 2"
    )
    assert report.broken_entry_id == 3 and "prev_hash" in report.reason


def test_a_replaced_hash_is_detected(engine):
    _fill(engine)
    report = _tamper_and_verify(engine, f"UPDATE audit_log SET hash = '{'ab' * 32}' WHERE id = 2")
    assert report.broken_entry_id == 2


def test_a_deleted_entry_is_detected(engine):
    _fill(engine)
    report = _tamper_and_verify(engine, "DELETE FROM audit_log WHERE id = 3")
    assert not report.ok
    assert report.broken_entry_id == 3 and "missing" in report.reason


def test_tampering_is_rolled_back_and_the_log_verifies_again(engine):
    _fill(engine)
    assert not _tamper_and_verify(engine, "DELETE FROM audit_log WHERE id = 1").ok
    with session_factory(engine)() as s:
        assert verify_audit(s).ok


def test_a_cut_off_tail_is_detected_against_an_anchor(engine):
    _fill(engine)
    with session_factory(engine)() as s:
        head = verify_audit(s).head
        assert verify_audit(s, anchor=head).ok
    cut = "DELETE FROM audit_log WHERE id >= 4"
    assert _tamper_and_verify(engine, cut).ok  # without an anchor the shorter chain looks whole
    report = _tamper_and_verify(engine, cut, anchor=head)
    assert report.broken_entry_id == 5 and "truncated" in report.reason


def test_a_rewritten_chain_is_detected_against_an_anchor(engine):
    _fill(engine)
    with session_factory(engine)() as s:
        head = verify_audit(s).head
        rows = s.query(AuditEntry).order_by(AuditEntry.id).all()
        forged, prev = [], GENESIS_HASH  # mallory rewrites entry 4 and re-hashes the rest of the chain
        for row in rows:
            fields = hashed_fields(row) | ({"actor": "mallory"} if row.id == 4 else {})
            digest = entry_hash(prev, fields)
            forged.append(
                f"UPDATE audit_log SET actor = '{fields['actor']}', prev_hash = '{prev}', hash = '{digest}' "
                f"WHERE id = {row.id}"
            )
            prev = digest
    assert _tamper_and_verify(engine, *forged).ok  # internally consistent
    report = _tamper_and_verify(engine, *forged, anchor=head)
    assert report.broken_entry_id == 5 and "rewritten" in report.reason


def test_a_malformed_anchor_is_a_user_error(engine):
    with session_factory(engine)() as s, pytest.raises(UserError) as err:
        verify_audit(s, anchor="yesterday")
    assert err.value.code == "audit.bad_anchor" and err.value.field == "anchor"
