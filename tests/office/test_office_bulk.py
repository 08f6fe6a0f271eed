"""office.bulk: many filings and plain steps in one flush, with the filing service's checks, the transition table's
refusals, gapless numbers and an audit entry for every row."""

from __future__ import annotations

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
from ipoffice.office.record import get_file, record_event
from ipoffice.store.audit import verify_audit
from ipoffice.store.db import transaction
from ipoffice.store.models import AuditEntry, Event, IPFile

TODAY = date(2026, 11, 21)


def _error(fn: Any) -> UserError:
    with pytest.raises(UserError) as err:
        fn()
    return err.value


def test_many_files_with_their_steps_in_one_flush(engine) -> None:  # type: ignore[no-untyped-def]
    flushes: list[int] = []
    with transaction(engine, "clerk") as session:
        event.listen(session, "after_flush", lambda s, ctx: flushes.append(1))
        filed = []
        for day in range(1, 21):
            req = trademark_request(date(2025, 3, day)) if day % 2 else invention_request(date(2025, 3, day))
            f = bulk.file_application(session, req, actor="clerk", today=TODAY)
            bulk.record(
                session, f.file, E.FORMALITY_ACCEPTED, on=date(2025, 5, day), actor="clerk", today=TODAY
            )
            bulk.record(session, f.file, E.PUBLISHED, on=date(2025, 6, day), actor="clerk", today=TODAY)
            filed.append(f)
        assert flushes == []  # nothing written yet: one flush (at commit) writes it all
    assert len(flushes) == 1
    with transaction(engine, "reader") as session:
        numbers = session.scalars(select(IPFile.application_number).order_by(IPFile.application_number)).all()
        assert numbers == sorted(f.application_number for f in filed)
        assert sorted(n for n in numbers if n.startswith("4-")) == [f"4-2025-{i:05d}" for i in range(1, 11)]
        for f in session.scalars(select(IPFile)):
            codes = [e.code for e in f.events]
            assert codes == ["filed", "formality_accepted", "published"]
            folded = workflow.fold(codes, RightKind(f.right_kind), f.regime_id or "")
            assert f.status == folded.status.value and f.publication_date is not None
        assert session.scalar(select(func.count()).select_from(Event)) == 60
        inserted = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "insert", AuditEntry.entity == "events")
        )
        assert inserted == 60
        assert verify_audit(session).ok


def test_the_same_event_rows_as_the_services(engine) -> None:  # type: ignore[no-untyped-def]
    with transaction(engine, "clerk") as session:
        service = file_application(
            session, foreign_invention(date(2025, 3, 3), date(2024, 6, 1)), actor="clerk", today=TODAY
        )
        fast = bulk.file_application(
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
        bulk.record(session, fast.file, E.FORMALITY_ACCEPTED, on=date(2025, 4, 1), actor="clerk", today=TODAY)
        session.flush()
        a, b = get_file(session, service.application_number), fast.file
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
        assert [(x.fee_code, x.amount_vnd) for x in a.fees] == [(x.fee_code, x.amount_vnd) for x in b.fees]
        assert [(p.role, p.party.name) for p in a.parties] == [(p.role, p.party.name) for p in b.parties]
        assert fast.fees_vnd == service.fees_vnd


def test_a_faulty_request_is_refused_as_the_filing_service_refuses_it(engine) -> None:  # type: ignore[no-untyped-def]
    bad = dict(applicants=[PartyInput(name="NVIDIA Corporation", country="US")])  # foreign, no representative
    with transaction(engine, "clerk") as session:
        ours = _error(
            lambda: bulk.file_application(
                session, invention_request(date(2025, 3, 3), **bad), actor="clerk", today=TODAY
            )
        )
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
        future = _error(
            lambda: bulk.file_application(
                session, trademark_request(date(2027, 1, 1)), actor="clerk", today=TODAY
            )
        )
        assert future.code == "office.filing.future_date"
        assert not session.new  # nothing half-built


def test_a_step_out_of_order_or_out_of_time_is_refused(engine) -> None:  # type: ignore[no-untyped-def]
    with transaction(engine, "clerk") as session:
        f = bulk.file_application(session, trademark_request(date(2025, 3, 3)), actor="clerk", today=TODAY)
        with pytest.raises(Conflict) as ours:
            bulk.record(session, f.file, E.GRANTED, on=date(2025, 4, 1), actor="clerk", today=TODAY)
        session.flush()
        with pytest.raises(Conflict) as theirs:
            record_event(session, f.file, E.GRANTED, on=date(2025, 4, 1), actor="clerk", today=TODAY)
        assert ours.value.message("en") == theirs.value.message("en")
        early = _error(
            lambda: bulk.record(
                session, f.file, E.FORMALITY_ACCEPTED, on=date(2025, 3, 1), actor="clerk", today=TODAY
            )
        )
        assert early.code == "office.event_date_before_previous"
        late = _error(
            lambda: bulk.record(
                session, f.file, E.FORMALITY_ACCEPTED, on=date(2026, 12, 1), actor="clerk", today=TODAY
            )
        )
        assert late.code == "office.event_date_in_future"
        assert [e.code for e in f.file.events] == ["filed"] and f.file.status == "filed"


def _to_intended_grant(session: Any, number_day: int) -> bulk.Filed:
    from ipoffice.office.payments import raise_grant_fees

    f = bulk.file_application(
        session, trademark_request(date(2025, 3, number_day)), actor="clerk", today=TODAY
    )
    for code, on in ((E.FORMALITY_ACCEPTED, date(2025, 4, 1)), (E.PUBLISHED, date(2025, 5, 1))):
        bulk.record(session, f.file, code, on=on, actor="clerk", today=TODAY)
    bulk.record(session, f.file, E.INTENDED_GRANT_NOTIFIED, on=date(2026, 3, 2), actor="clerk", today=TODAY)
    raise_grant_fees(session, f.file, date(2026, 3, 2))
    return f


def test_a_grant_checks_what_the_grant_service_checks(engine) -> None:  # type: ignore[no-untyped-def]
    with transaction(engine, "clerk") as session:
        early = bulk.file_application(
            session, trademark_request(date(2025, 3, 3)), actor="clerk", today=TODAY
        )
        with pytest.raises(Conflict):  # out of order: no certificate number is taken
            bulk.grant(session, early.file, on=date(2025, 4, 1), actor="clerk", today=TODAY)
        f = _to_intended_grant(session, 4)
        unpaid = _error(lambda: bulk.grant(session, f.file, on=date(2026, 4, 1), actor="clerk", today=TODAY))
        assert unpaid.code == "office.fee.unpaid"  # Art. 118: the grant fees first
    with transaction(
        engine, "demo-loader", purpose="demo"
    ) as session:  # replaying history: fees paid elsewhere
        files = [_to_intended_grant(session, day) for day in (5, 6)]
        for f in files:
            ev = bulk.grant(session, f.file, on=date(2026, 4, 1), actor="demo-loader", today=TODAY)
            assert ev.payload["fees_settled_elsewhere"] is True
        assert [f.file.registration_number for f in files] == [
            ev.payload["registration_number"] for ev in (f.file.events[-1] for f in files)
        ]
        first, second = (int(f.file.registration_number.rsplit("-", 1)[-1]) for f in files)
        assert second == first + 1  # gapless: the refused grant above took no number
        for f in files:
            assert f.file.status == "granted" and f.file.registration_date == date(2026, 4, 1)
            assert f.file.expiry_date is not None and f.file.expiry_date.year == 2035
            owners = [(p.party.name, p.position) for p in f.file.parties if p.role == "owner"]
            applicants = [(p.party.name, p.position) for p in f.file.parties if p.role == "applicant"]
            assert owners == applicants and owners
    with transaction(engine, "auditor") as session:
        assert verify_audit(session).ok
