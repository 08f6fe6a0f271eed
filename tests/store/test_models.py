"""The register's models round-trip on both backends, with their constraints."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError

from ipoffice.core.rights import MarkKind, PriorRightKind, RightKind
from ipoffice.store.db import session_factory, transaction
from ipoffice.store.kinds import CaseKind, ClassificationScheme, FilingRoute, RecordalKind, UserRole
from ipoffice.store.models import (
    Case,
    CaseEvent,
    CaseParty,
    Classification,
    Event,
    Evidence,
    Fee,
    FileParty,
    IPFile,
    Party,
    Payment,
    PriorityClaim,
    Recordal,
    RecordalParty,
    User,
    fold_name,
)

from .conftest import new_file


def _register_a_mark(s) -> IPFile:
    owner = Party(name="Công ty TNHH Cà phê Đắk Lắk", country="VN", identifier="6000123456")
    agent = Party(name="Văn phòng Luật sư Sở hữu trí tuệ Hà Nội", agent_registration_number="123/SHCN")
    f = new_file(
        "4-2026-00001",
        mark_kind=MarkKind.COLLECTIVE,
        mark_text="BUÔN MA THUỘT",
        filing_route=FilingRoute.NATIONAL,
        regime_id="vn-2023",
        details={"colours": ["nâu"], "disclaimer": "CÀ PHÊ"},
    )
    f.parties += [
        FileParty(party=owner, role="applicant"),
        FileParty(party=agent, role="representative"),
    ]
    f.priority_claims.append(
        PriorityClaim(kind="paris", country="KH", number="KH/2025/1", priority_date=date(2025, 11, 3))
    )
    f.classifications += [
        Classification(
            scheme=ClassificationScheme.NICE, symbol="30", edition="NCL 12-2025", terms=["cà phê", "coffee"]
        ),
        Classification(scheme="vienna", symbol="05.07.02", edition="9", position=0),
    ]
    s.add(f)
    s.flush()
    s.add(
        Event(
            file_id=f.id,
            sequence=1,
            code="filed",
            event_date=f.filing_date,
            actor="clerk",
            legal_basis="Law on IP Art. 108",
        )
    )
    fee = Fee(file_id=f.id, fee_code="filing", amount_vnd=150_000, due_date=date(2026, 3, 2))
    fee.payments.append(
        Payment(
            file_id=f.id,
            amount_vnd=150_000,
            paid_date=date(2026, 3, 2),
            gateway="counter",
            idempotency_key="rcpt-1",
        )
    )
    s.add(fee)
    rec = Recordal(
        file_id=f.id, kind=RecordalKind.LICENCE, filed_date=date(2026, 6, 1), details={"exclusive": False}
    )
    rec.parties.append(RecordalParty(party=owner, role="licensor"))
    s.add(rec)
    opponent = Party(name="Trung Nguyên Group", kind="organisation")
    case = Case(
        kind=CaseKind.OPPOSITION,
        file=f,
        filed_date=date(2026, 7, 1),
        grounds=[{"article": "Law on IP Art. 74(2)(k)", "text": "similar to an earlier trade name"}],
        prior_rights=[{"kind": PriorRightKind.TRADE_NAME.value, "reference": "Trung Nguyên"}],
        suspensions=[{"start": "2026-08-01", "end": None, "reason": "mediation"}],
    )
    case.parties.append(CaseParty(party=opponent, role="requester"))
    case.evidence.append(Evidence(description="Business registration 1998", submitted_date=date(2026, 7, 1)))
    s.add(case)
    s.flush()
    s.add(
        CaseEvent(
            case_id=case.id,
            sequence=1,
            code="opposition_filed",
            event_date=date(2026, 7, 1),
            actor="clerk",
            due_date=date(2026, 9, 1),
        )
    )
    s.add(User(username="examiner1", display_name="Nguyễn Văn A", role=UserRole.EXAMINER))
    return f


def test_a_full_file_round_trips(engine):
    with transaction(engine, actor="clerk") as s:
        _register_a_mark(s)
    with session_factory(engine)() as s:
        f = s.query(IPFile).filter_by(application_number="4-2026-00001").one()
        assert f.right_kind is RightKind.TRADEMARK and f.mark_kind is MarkKind.COLLECTIVE
        assert f.details == {"colours": ["nâu"], "disclaimer": "CÀ PHÊ"}
        assert [(fp.role, fp.party.name) for fp in f.parties] == [
            ("applicant", "Công ty TNHH Cà phê Đắk Lắk"),
            ("representative", "Văn phòng Luật sư Sở hữu trí tuệ Hà Nội"),
        ]
        assert f.parties[1].party.agent_registration_number == "123/SHCN"
        assert [(c.scheme, c.symbol) for c in f.classifications] == [("nice", "30"), ("vienna", "05.07.02")]
        assert f.classifications[0].terms == ["cà phê", "coffee"]
        assert f.priority_claims[0].priority_date == date(2025, 11, 3)
        assert [e.code for e in f.events] == ["filed"]
        assert f.fees[0].payments[0].amount_vnd == 150_000
        assert f.recordals[0].parties[0].role == "licensor"
        case = f.cases[0]
        assert case.prior_rights[0]["kind"] == "trade_name"
        assert case.suspensions[0]["reason"] == "mediation"
        assert case.events[0].due_date == date(2026, 9, 1)
        assert case.evidence[0].description.startswith("Business")
        assert s.query(User).one().role is UserRole.EXAMINER


def test_names_are_folded_for_search():
    assert fold_name("  Công ty  TNHH Đắk Lắk ") == "dak lak"
    assert Party(name="ĐẠI HỌC Bách Khoa").name_folded == "dai hoc bach khoa"
    assert Party(name="Sữa Đà Lạt Co., Ltd.").name_folded == Party(name="CÔNG TY TNHH Sữa Đà Lạt").name_folded


def test_application_numbers_are_unique(engine):
    with transaction(engine, actor="clerk") as s:
        s.add(new_file("1-2026-00001", RightKind.INVENTION))
    with pytest.raises(IntegrityError), transaction(engine, actor="clerk") as s:
        s.add(new_file("1-2026-00001", RightKind.INVENTION))


def test_a_payment_notification_replayed_is_refused_by_its_idempotency_key(engine):
    with transaction(engine, actor="gateway") as s:
        s.add(Payment(amount_vnd=1, paid_date=date(2026, 1, 5), gateway="vnpay", idempotency_key="abc"))
    with pytest.raises(IntegrityError), transaction(engine, actor="gateway") as s:
        s.add(Payment(amount_vnd=1, paid_date=date(2026, 1, 5), gateway="vnpay", idempotency_key="abc"))


def test_an_event_cannot_be_edited_through_the_orm(engine):
    with transaction(engine, actor="clerk") as s:
        f = new_file("2-2026-00001", RightKind.UTILITY_SOLUTION)
        s.add(f)
        s.flush()
        s.add(Event(file_id=f.id, sequence=1, code="filed", event_date=date(2026, 3, 2), actor="clerk"))
    with pytest.raises(DBAPIError, match="append-only"), transaction(engine, actor="mallory") as s:
        s.query(Event).one().code = "granted"
