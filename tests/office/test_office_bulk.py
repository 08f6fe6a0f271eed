"""office.bulk: many files with their steps built in memory and written with one insert per table, with the
services' checks and values, gapless numbers, and an audit entry for every row in a chain that verifies."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest
from office_requests import foreign_invention, invention_request, trademark_request
from sqlalchemy import event, func, select

from ipoffice.core.errors import Conflict, UserError
from ipoffice.core.rights import RightKind
from ipoffice.office import bulk, workflow
from ipoffice.office.events import EventCode as E
from ipoffice.office.filing import PartyInput, file_application
from ipoffice.office.grant import grant as grant_service
from ipoffice.office.record import get_file, record_event
from ipoffice.store.audit import verify_audit
from ipoffice.store.db import transaction
from ipoffice.store.models import AuditEntry, Event, Fee, FileParty, IPFile, Party

TODAY = date(2026, 11, 21)


def _error(fn: Any) -> UserError:
    with pytest.raises(UserError) as err:
        fn()
    return err.value


def _inserts(engine: Any) -> Counter[str]:
    """INSERT statements by table (an ``executemany`` counts once)."""
    seen: Counter[str] = Counter()

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO"):
            seen[statement.split()[2].strip('"')] += 1

    event.listen(engine, "before_cursor_execute", count)
    return seen


def test_many_files_with_their_steps_in_one_insert_per_table(engine) -> None:  # type: ignore[no-untyped-def]
    inserts = _inserts(engine)
    with transaction(engine, "clerk") as session:
        w = bulk.BulkWriter(session, actor="clerk", today=TODAY)
        filed = []
        for day in range(1, 21):
            req = trademark_request(date(2025, 3, day)) if day % 2 else invention_request(date(2025, 3, day))
            f = w.file_application(req)
            w.record(f, E.FORMALITY_ACCEPTED, on=date(2025, 5, day))
            w.record(f, E.PUBLISHED, on=date(2025, 6, day), payload={"gazette": "demo"})
            filed.append(f)
        assert session.scalar(select(func.count()).select_from(IPFile)) == 0  # nothing written yet
        written = w.write()
        assert written == session.scalar(select(func.count()).select_from(AuditEntry))  # an entry per row
    for table in ("files", "parties", "file_parties", "classifications", "events", "fees"):
        assert inserts[table] == 1, table
    with transaction(engine, "reader") as session:
        numbers = session.scalars(select(IPFile.application_number).order_by(IPFile.application_number)).all()
        assert numbers == sorted(f.application_number for f in filed)
        assert sorted(n for n in numbers if n.startswith("4-")) == [f"4-2025-{i:05d}" for i in range(1, 11)]
        for f in session.scalars(select(IPFile)):
            codes = [e.code for e in f.events]
            assert codes == ["filed", "formality_accepted", "published"]
            folded = workflow.fold(codes, RightKind(f.right_kind), f.regime_id or "")
            assert f.status == folded.status.value and f.publication_date is not None
            assert f.version_id == 1 and f.created_at is not None
            assert all(fp.party.name_folded for fp in f.parties)
        assert session.scalar(select(func.count()).select_from(Event)) == 60
        by_entity = dict(
            session.execute(
                select(AuditEntry.entity, func.count())
                .where(AuditEntry.action == "insert")
                .group_by(AuditEntry.entity)
            ).all()
        )
        for model in (IPFile, Event, Fee, FileParty, Party):
            assert by_entity[model.__tablename__] == session.scalar(select(func.count()).select_from(model))
        assert verify_audit(session).ok
    with transaction(engine, "clerk") as session:  # a service's next number follows on, no gap
        later = file_application(session, trademark_request(date(2025, 3, 30)), actor="clerk", today=TODAY)
        assert later.application_number == "4-2025-00011"
    with transaction(engine, "reader") as session:
        assert verify_audit(session).ok


def test_the_same_rows_as_the_services(engine) -> None:  # type: ignore[no-untyped-def]
    with transaction(engine, "clerk") as session:
        service = file_application(
            session, foreign_invention(date(2025, 3, 3), date(2024, 6, 1)), actor="clerk", today=TODAY
        )
        record_event(
            session,
            get_file(session, service.application_number),
            E.FORMALITY_ACCEPTED,
            on=date(2025, 4, 1),
            actor="clerk",
            today=TODAY,
        )
        w = bulk.BulkWriter(session, actor="clerk", today=TODAY)
        fast = w.file_application(foreign_invention(date(2025, 3, 3), date(2024, 6, 1)))
        w.record(fast, E.FORMALITY_ACCEPTED, on=date(2025, 4, 1))
        w.write()
        a = get_file(session, service.application_number)
        b = get_file(session, fast.application_number)
        keys = (
            "code",
            "sequence",
            "event_date",
            "legal_basis",
            "legal_status_standard",
            "legal_status_code",
            "payload",
        )
        assert [[getattr(e, k) for k in keys] for e in a.events] == [
            [getattr(e, k) for k in keys] for e in b.events
        ]
        assert (a.status, a.legal_status_code) == (b.status, b.legal_status_code)
        assert [(x.fee_code, x.amount_vnd, x.description) for x in a.fees] == [
            (x.fee_code, x.amount_vnd, x.description) for x in b.fees
        ]
        assert [(p.role, p.party.name, p.party.name_folded) for p in a.parties] == [
            (p.role, p.party.name, p.party.name_folded) for p in b.parties
        ]
        assert [(c.country, c.number, c.priority_date) for c in a.priority_claims] == [
            (c.country, c.number, c.priority_date) for c in b.priority_claims
        ]


def test_a_faulty_request_is_refused_as_the_filing_service_refuses_it(engine) -> None:  # type: ignore[no-untyped-def]
    bad = dict(applicants=[PartyInput(name="NVIDIA Corporation", country="US")])  # foreign, no representative
    with transaction(engine, "clerk") as session:
        w = bulk.BulkWriter(session, actor="clerk", today=TODAY)
        ours = _error(lambda: w.file_application(invention_request(date(2025, 3, 3), **bad)))
        theirs = _error(
            lambda: file_application(
                session, invention_request(date(2025, 3, 3), **bad), actor="clerk", today=TODAY
            )
        )
        assert (
            (ours.code, ours.field, ours.rule)
            == (theirs.code, theirs.field, theirs.rule)
            == ("office.filing.foreign_needs_agent", "applicants[0]", "Luật SHTT Art. 89(2)")
        )
        future = _error(lambda: w.file_application(trademark_request(date(2027, 1, 1))))
        assert future.code == "office.filing.future_date"
        assert not any(w.rows.values())  # nothing half-built


def test_a_step_out_of_order_or_out_of_time_is_refused(engine) -> None:  # type: ignore[no-untyped-def]
    with transaction(engine, "clerk") as session:
        w = bulk.BulkWriter(session, actor="clerk", today=TODAY)
        f = w.file_application(trademark_request(date(2025, 3, 3)))
        with pytest.raises(Conflict) as ours:
            w.record(f, E.GRANTED, on=date(2025, 4, 1))
        theirs_file = get_file(
            session,
            file_application(
                session, trademark_request(date(2025, 3, 3)), actor="c", today=TODAY
            ).application_number,
        )
        with pytest.raises(Conflict) as theirs:
            record_event(session, theirs_file, E.GRANTED, on=date(2025, 4, 1), actor="clerk", today=TODAY)
        assert ours.value.message("en") == theirs.value.message("en")
        early = _error(lambda: w.record(f, E.FORMALITY_ACCEPTED, on=date(2025, 3, 1)))
        assert early.code == "office.event_date_before_previous"
        late = _error(lambda: w.record(f, E.FORMALITY_ACCEPTED, on=date(2026, 12, 1)))
        assert late.code == "office.event_date_in_future"
        assert [e.code for e in f.events] == ["filed"] and f.status == "filed"
        stranger = bulk.BulkWriter(session, actor="clerk", today=TODAY)
        assert _error(lambda: stranger.record(f, E.FORMALITY_ACCEPTED, on=date(2025, 4, 1))).code == (
            "office.bulk.foreign_file"
        )


def _to_intended_grant(w: bulk.BulkWriter, day: int) -> bulk.Row:
    f = w.file_application(trademark_request(date(2025, 3, day)))
    for code, on in ((E.FORMALITY_ACCEPTED, date(2025, 4, 1)), (E.PUBLISHED, date(2025, 5, 1))):
        w.record(f, code, on=on)
    w.notify_intended_grant(f, on=date(2026, 3, 2))
    return f


def test_a_grant_checks_what_the_grant_service_checks(engine) -> None:  # type: ignore[no-untyped-def]
    with transaction(engine, "clerk") as session:
        w = bulk.BulkWriter(session, actor="clerk", today=TODAY)
        early = w.file_application(trademark_request(date(2025, 3, 3)))
        with pytest.raises(Conflict):  # out of order: no certificate number is taken
            w.grant(early, on=date(2025, 4, 1))
        f = _to_intended_grant(w, 4)
        assert [x.description.split(" ")[0] for x in f.fees if x.description.startswith("grant:")]
        unpaid = _error(lambda: w.grant(f, on=date(2026, 4, 1)))
        assert unpaid.code == "office.fee.unpaid"  # Art. 118: the grant fees first
        w.write()
        service = _error(lambda: grant_service(session, f.application_number, on=date(2026, 4, 1), actor="c"))
        assert service.code == unpaid.code
    with transaction(
        engine, "demo-loader", purpose="demo"
    ) as session:  # replaying history: fees paid elsewhere
        w = bulk.BulkWriter(session, actor="demo-loader", today=TODAY)
        files = [_to_intended_grant(w, day) for day in (5, 6)]
        events = [w.grant(f, on=date(2026, 4, 1)) for f in files]
        assert all(ev.payload["fees_settled_elsewhere"] is True for ev in events)
        assert [f.registration_number for f in files] == [ev.payload["registration_number"] for ev in events]
        first, second = (int(f.registration_number.rsplit("-", 1)[-1]) for f in files)
        assert first == 1 and second == 2  # gapless: the refused grants above took no number
        for f in files:
            assert f.status == "granted" and f.registration_date == date(2026, 4, 1)
            assert f.expiry_date is not None and f.expiry_date.year == 2035
            owners = [(p.party_id, p.position) for p in f.parties if p.role == "owner"]
            applicants = [(p.party_id, p.position) for p in f.parties if p.role == "applicant"]
            assert owners == applicants and owners
        renewed_from = files[0].expiry_date
        w.renew(files[0], on=date(2026, 5, 1))
        assert files[0].expiry_date.year == renewed_from.year + 10
        w.write()
    with transaction(engine, "auditor") as session:
        assert verify_audit(session).ok
        granted = session.scalars(select(IPFile).where(IPFile.status == "granted")).all()
        assert len(granted) == 2 and all(g.registration_number for g in granted)


def test_annuities_are_recorded_as_history_only(engine) -> None:  # type: ignore[no-untyped-def]
    def granted_patent(w: bulk.BulkWriter) -> bulk.Row:
        f = w.file_application(invention_request(date(2019, 3, 4)))
        w.record(f, E.FORMALITY_ACCEPTED, on=date(2019, 4, 1))
        w.record(f, E.PUBLISHED, on=date(2020, 9, 1), payload={"gazette": "demo"})
        w.record(f, E.EXAMINATION_REQUESTED, on=date(2020, 10, 1))
        w.notify_intended_grant(f, on=date(2022, 3, 1))
        return f

    with transaction(engine, "clerk") as session:
        f = granted_patent(bulk.BulkWriter(session, actor="clerk", today=TODAY))
        w = bulk.BulkWriter(session, actor="clerk", today=TODAY)
        assert (
            _error(lambda: w.pay_annuity(f, on=date(2023, 1, 1), year=2)).code == "office.bulk.foreign_file"
        )
    with transaction(engine, "demo-loader", purpose="demo") as session:
        w = bulk.BulkWriter(session, actor="demo-loader", today=TODAY)
        f = granted_patent(w)
        w.grant(f, on=date(2022, 6, 1))
        ev = w.pay_annuity(f, on=date(2023, 5, 1), year=2)
        assert ev.payload["year"] == 2 and ev.payload["fees_settled_elsewhere"] is True
        assert w.pay_annuity(f, on=date(2023, 5, 1), year=2) is ev  # the same payment again: nothing new
        w.write()
    with transaction(engine, "clerk") as session:
        w = bulk.BulkWriter(session, actor="clerk", today=TODAY)
        f = w.file_application(invention_request(date(2019, 3, 5)))
        for code, on in (
            (E.FORMALITY_ACCEPTED, date(2019, 4, 1)),
            (E.PUBLISHED, date(2020, 9, 1)),
            (E.EXAMINATION_REQUESTED, date(2020, 10, 1)),
            (E.INTENDED_GRANT_NOTIFIED, date(2022, 3, 1)),
        ):
            w.record(f, code, on=on)
        # as if granted (outside history the writer's grant needs the fees paid): it takes no annuity payment
        f.status = "granted"
        f.state = workflow.fold([*(e.code for e in f.events), "granted"], RightKind.INVENTION, f.regime_id)
        assert (
            _error(lambda: w.pay_annuity(f, on=date(2023, 5, 1), year=2)).code == "office.bulk.history_only"
        )


def test_the_audit_entries_hold_what_the_listener_writes(engine) -> None:  # type: ignore[no-untyped-def]
    """A row written by the writer has the ``insert`` entry an ORM flush of it writes: every column, same values."""
    with transaction(engine, "clerk") as session:
        service = file_application(
            session, foreign_invention(date(2025, 3, 3), date(2024, 6, 1)), actor="clerk", today=TODAY
        )
        w = bulk.BulkWriter(session, actor="clerk", today=TODAY)
        fast = w.file_application(foreign_invention(date(2025, 3, 3), date(2024, 6, 1)))
        w.write()
        ids = {
            "service": get_file(session, service.application_number).id,
            "bulk": get_file(session, fast.application_number).id,
        }

    def entries(file_id: int, entity: str, fk: str) -> list[dict[str, Any]]:
        with transaction(engine, "reader") as session:
            rows = session.scalars(
                select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.action == "insert")
            ).all()
            out = [
                {
                    k: v
                    for k, v in (r.after or {}).items()
                    if k not in ("id", "created_at", "updated_at", "recorded_at")
                }
                for r in rows
                if (r.after or {}).get(fk) == file_id
            ]
        for row in out:
            row.pop(fk)
        return sorted(out, key=repr)

    for entity in ("fees", "classifications", "priority_claims", "events"):
        assert entries(ids["bulk"], entity, "file_id") == entries(ids["service"], entity, "file_id"), entity
        assert entries(ids["bulk"], entity, "file_id")
    with transaction(engine, "reader") as session:  # timestamps in the listener's form (UTC, microseconds, Z)
        stamps = session.scalars(select(AuditEntry.after).where(AuditEntry.entity == "events")).all()
        assert stamps and all(len(a["recorded_at"]) == 27 and a["recorded_at"].endswith("Z") for a in stamps)


def test_a_batch_built_elsewhere_is_written_only_where_the_register_still_stands(engine) -> None:  # type: ignore[no-untyped-def]
    """A writer without a session counts ids and numbers on from the register's counters (a worker process);
    write_built writes its batch only if those ids are still free and the series stand where it started."""
    from ipoffice.office.bulk_worker import can_build_ahead
    from ipoffice.store.numbering import allocate_number, application_series

    if engine.dialect.name != "sqlite":  # ids come from the sequences there, in the writing transaction
        assert not can_build_ahead(engine, 5)
        with pytest.raises(TypeError), transaction(engine, "clerk") as session:
            bulk.write_built(session, "clerk", bulk.BuiltBatch([], {}, {}))
        return

    def built(counters: bulk.Counters) -> bulk.BuiltBatch:
        w = bulk.BulkWriter(None, actor="clerk", today=TODAY, counters=counters, history=False)
        for day in (3, 4):
            f = w.file_application(trademark_request(date(2025, 3, day)))
            w.record(f, E.FORMALITY_ACCEPTED, on=date(2025, 5, day))
        return w.build()

    with engine.connect() as conn:
        counters = bulk.Counters.read(conn)
    first = built(counters)
    second = built(counters)  # counts on after the first
    with transaction(engine, "clerk") as session:
        assert bulk.write_built(session, "clerk", first) > 0
    with transaction(engine, "clerk") as session:  # someone takes the next trademark number, no row written
        allocate_number(session, application_series(RightKind.TRADEMARK), 2025)
    with pytest.raises(bulk.StaleBatch), transaction(engine, "clerk") as session:
        bulk.write_built(session, "clerk", second)
    with transaction(engine, "clerk") as session:
        numbers = session.scalars(select(IPFile.application_number).order_by(IPFile.id)).all()
        assert numbers == ["4-2025-00001", "4-2025-00002"]
        assert verify_audit(session).ok
        with pytest.raises(TypeError):
            bulk.BulkWriter(None, actor="clerk", today=TODAY)  # no counters: nothing to count from
