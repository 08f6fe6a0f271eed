"""Files walked through the procedures on SQLite and PostgreSQL: statuses, events and legal-status codes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from office_requests import foreign_invention, invention_request, trademark_request
from sqlalchemy import func, select

from ipoffice.core.errors import Conflict, NotFound, UserError
from ipoffice.office import examination as ex
from ipoffice.office import grant as gr
from ipoffice.office import maintenance as mt
from ipoffice.office import publication as pub
from ipoffice.office import recordals as rec
from ipoffice.office.filing import FilingRequest, NiceClassInput, PartyInput, PriorityInput, file_application
from ipoffice.office.record import get_file
from ipoffice.store.db import transaction
from ipoffice.store.models import Case, Event, IPFile, Party, PriorityClaim


def snapshot(engine: Any, number: str) -> dict[str, Any]:
    with transaction(engine, actor="reader") as s:
        f = get_file(s, number)
        return {
            "status": f.status,
            "version": f.version_id,
            "codes": [e.code for e in f.events],
            "ls": [(e.legal_status_standard, e.legal_status_code) for e in f.events],
            "registration_number": f.registration_number,
            "expiry": f.expiry_date,
            "publication_date": f.publication_date,
            "owners": [fp.party.name for fp in f.parties if fp.role == "owner"],
            "applicants": [fp.party.name for fp in f.parties if fp.role == "applicant"],
            "regime": f.regime_id,
            "details": dict(f.details),
        }


def counts(engine: Any) -> tuple[int, ...]:
    with transaction(engine, actor="reader") as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) or 0 for m in (IPFile, Event, Party, Case))


@pytest.mark.parametrize(
    ("filing", "regime"),
    [(date(2021, 3, 1), "vn-2010"), (date(2024, 3, 1), "vn-2023"), (date(2026, 4, 6), "vn-2026")],
)
def test_trademark_from_filing_to_registration(engine, act, filing, regime):
    res = act(file_application, trademark_request(filing))
    n = res.application_number
    assert n.startswith(f"4-{filing.year}-") and res.regime == regime
    d = date(filing.year, filing.month + 1, 2)
    if regime != "vn-2026":
        act(ex.accept_formality, n, on=d)
    else:  # Law 131/2025: no acceptance decision; the valid file moves on to publication
        with pytest.raises(Conflict):
            act(ex.accept_formality, n, on=d)
    act(pub.publish, n, on=date(filing.year, filing.month + 2, 3), gazette="A-123")
    assert snapshot(engine, n)["status"] == "under_examination"
    act(ex.issue_office_action, n, on=date(filing.year, filing.month + 3, 4), grounds=["Art. 74(2)(e)"])
    act(ex.receive_response, n, on=date(filing.year, filing.month + 4, 5))
    act(ex.notify_intended_grant, n, on=date(filing.year, filing.month + 5, 6))
    act(gr.grant, n, on=date(filing.year, filing.month + 6, 8), pay_key="receipt-1")
    snap = snapshot(engine, n)
    expected = (
        ["filed"]
        + (["formality_accepted"] if regime != "vn-2026" else [])
        + ["published", "office_action_issued", "response_received", "intended_grant_notified", "granted"]
    )
    assert snap["codes"] == expected
    assert snap["status"] == "granted"
    assert all(std == "ST.61" for std, _ in snap["ls"])
    assert snap["ls"][0][1] == "A12" and snap["ls"][-1][1] == "F11"
    assert snap["registration_number"] and snap["expiry"] == date(filing.year + 10, filing.month, filing.day)
    assert snap["owners"] == ["Công ty TNHH Cà phê Sơn La"]


@pytest.mark.parametrize(
    ("filing", "regime"),
    [(date(2021, 3, 1), "vn-2010"), (date(2024, 3, 1), "vn-2023"), (date(2026, 4, 6), "vn-2026")],
)
def test_invention_from_filing_to_grant_with_st27_codes(engine, act, filing, regime):
    res = act(file_application, foreign_invention(filing, priority=date(filing.year - 1, 6, 1)))
    n = res.application_number
    assert n.startswith(f"1-{filing.year}-") and res.regime == regime
    y = filing.year
    if regime != "vn-2026":
        act(ex.accept_formality, n, on=date(y, 3, 25))
    act(pub.publish, n, on=date(y, 5, 4))
    assert snapshot(engine, n)["status"] == "published"  # waits for the request for examination (Art. 113)
    with pytest.raises(Conflict):
        act(ex.notify_intended_grant, n, on=date(y, 5, 5))
    act(ex.request_examination, n, on=date(y, 5, 6))
    assert snapshot(engine, n)["status"] == "under_examination"
    act(ex.notify_intended_refusal, n, on=date(y, 6, 1), grounds=["Art. 60 novelty"])
    act(ex.receive_response, n, on=date(y, 7, 1))
    act(ex.notify_intended_grant, n, on=date(y, 7, 15))
    act(gr.grant, n, on=date(y, 8, 3), pay_key="receipt-1")
    act(mt.pay_annuity, n, on=date(y + 1, 3, 1), year=2, today=date(y + 1, 3, 1))  # year 1 came with the grant
    snap = snapshot(engine, n)
    assert snap["status"] == "granted"
    codes = [c for _, c in snap["ls"]]
    assert codes[0] == "A12" and "Q12" in codes and "D11" in codes and "D21" in codes and "D22" in codes
    assert codes[-2:] == ["F11", "U11"] and {s for s, _ in snap["ls"]} == {"ST.27"}
    assert snap["expiry"] == date(y + 20, filing.month, filing.day)


def test_bad_inputs_write_nothing(engine, act):
    before = counts(engine)
    bad: list[tuple[FilingRequest, str]] = [
        (trademark_request("2024-02-30"), "filing_date"),
        (trademark_request(date(2024, 3, 1), nice=[NiceClassInput(46, ["x"])]), "nice[0].class_number"),
        (trademark_request(date(2024, 3, 1), nice=[NiceClassInput(30, [" "])]), "nice[0].terms"),
        (trademark_request(date(2024, 3, 1), nice=[]), "nice"),
        (invention_request(date(2024, 3, 1), ipc=["Z99Z 1/00"]), "ipc[0]"),
        (invention_request(date(2024, 3, 1), title=""), "title"),
        (
            invention_request(
                date(2024, 3, 1),
                priorities=[PriorityInput(country="US", number="1", date=date(2024, 4, 1))],
            ),
            "priorities[0].date",
        ),
        (
            invention_request(
                date(2024, 3, 1),
                priorities=[PriorityInput(country="US", number="1", date=date(2022, 12, 1))],
            ),
            "priorities[0].date",
        ),
        (
            invention_request(date(2024, 3, 1), applicants=[PartyInput(name="ACME Inc", country="US")]),
            "applicants[0]",
        ),
        (
            invention_request(
                date(2024, 3, 1), representative=PartyInput(name="Agent", agent_registration_number="?")
            ),
            "representative.agent_registration_number",
        ),
        (trademark_request(date(2099, 1, 1)), "filing_date"),
    ]
    for req, field in bad:
        with pytest.raises(UserError) as exc:
            act(file_application, req)
        assert exc.value.field == field, (field, exc.value.message("en"))
        assert exc.value.rule and exc.value.message("vi") and exc.value.message("en")
    assert counts(engine) == before


def test_steps_out_of_order_and_unknown_numbers_write_nothing(engine, act):
    n = act(file_application, invention_request(date(2024, 3, 1))).application_number
    act(ex.accept_formality, n, on=date(2024, 3, 20))
    before = snapshot(engine, n)
    with pytest.raises(Conflict) as exc:  # grant before substantive examination
        act(gr.grant, n, on=date(2024, 4, 1))
    assert "granted" in exc.value.message("en") and "Art. 118" in (exc.value.rule or "")
    with pytest.raises(UserError) as exc2:  # a date before the file's previous step
        act(pub.publish, n, on=date(2024, 3, 1))
    assert exc2.value.field == "event_date"
    with pytest.raises(NotFound) as exc3:
        act(pub.publish, "1-2024-99999", on=date(2024, 4, 1))
    assert "1-2024-99999" in exc3.value.message("en")
    assert snapshot(engine, n) == before


def test_two_examiners_on_one_file_only_one_lands(engine, act):
    n = act(file_application, trademark_request(date(2024, 3, 1))).application_number
    seen = snapshot(engine, n)["version"]  # both examiners opened version `seen`
    act(ex.accept_formality, n, on=date(2024, 3, 20), expected_version=seen, actor="examiner.a")
    with pytest.raises(Conflict):
        act(ex.refuse_formality, n, on=date(2024, 3, 21), expected_version=seen, actor="examiner.b")
    snap = snapshot(engine, n)
    assert snap["codes"] == ["filed", "formality_accepted"] and snap["status"] == "accepted"


def test_two_open_sessions_race_and_one_gets_conflict(engine):
    """Both sessions load the file and write; the second flush finds the version moved on."""
    from ipoffice.office.record import record_event
    from ipoffice.store.db import session_factory

    with transaction(engine, actor="filer") as s:
        from ipoffice.office.filing import file_application as fa

        n = fa(s, trademark_request(date(2024, 3, 1)), actor="filer").application_number
    factory = session_factory(engine)
    a, b = factory(), factory()
    a.info["actor"], b.info["actor"] = "examiner.a", "examiner.b"
    try:
        fa_ = get_file(a, n)
        version = fa_.version_id
        record_event(a, fa_, "formality_accepted", on=date(2024, 3, 20), actor="examiner.a")
        a.commit()
        fb = get_file(b, n)
        with pytest.raises(Conflict):
            record_event(
                b, fb, "formality_refused", on=date(2024, 3, 21), actor="examiner.b", expected_version=version
            )
        b.rollback()
    finally:
        a.close()
        b.close()
    assert snapshot(engine, n)["codes"] == ["filed", "formality_accepted"]


def test_recordals_change_the_register_through_events(engine, act):
    n = act(file_application, trademark_request(date(2024, 3, 1))).application_number
    for fn, day in ((ex.accept_formality, 20), (pub.publish, 25), (ex.notify_intended_grant, 28)):
        act(fn, n, on=date(2024, 3, day))
    act(gr.grant, n, on=date(2024, 4, 2), pay_key="receipt-1")
    act(
        rec.record_assignment,
        n,
        PartyInput(name="Tập đoàn Cà phê Tây Bắc", country="VN"),
        on=date(2024, 5, 1),
    )
    act(
        rec.record_licence,
        n,
        PartyInput(name="Quán Cà phê Phố Cổ"),
        on=date(2024, 5, 2),
        exclusive=True,
        territory="VN-HN",
        end=date(2027, 5, 1),
    )
    with pytest.raises(UserError):  # a second exclusive licence for the same territory and time
        act(
            rec.record_licence,
            n,
            PartyInput(name="Other"),
            on=date(2024, 5, 3),
            exclusive=True,
            territory="VN-HN",
            end=date(2026, 1, 1),
        )
    pledge = act(
        rec.record_pledge,
        n,
        PartyInput(name="Ngân hàng TMCP Ngoại thương"),
        on=date(2024, 6, 1),
        secured_amount_vnd=2_000_000_000,
    )
    act(rec.release_pledge, n, pledge.recordal_id, on=date(2025, 6, 1))
    act(rec.record_change, n, on=date(2025, 7, 1), new_address="Hà Nội")
    snap = snapshot(engine, n)
    assert snap["owners"] == ["Tập đoàn Cà phê Tây Bắc"]
    assert snap["codes"][-5:] == [
        "assignment_recorded",
        "licence_recorded",
        "pledge_recorded",
        "pledge_released",
        "address_changed",
    ]
    assert [c for _, c in snap["ls"]][-5:] == ["R14", "S14", "S20", "S22", "R18"]


def test_division_keeps_dates_and_priorities(engine, act):
    n = act(
        file_application, foreign_invention(date(2024, 3, 1), priority=date(2023, 6, 1))
    ).application_number
    with transaction(engine, actor="examiner") as s:
        _, child = mt.divide(s, n, on=date(2024, 4, 1), actor="examiner", title="Phần tách")
        child_number = child.application_number
    with transaction(engine, actor="reader") as s:
        c = get_file(s, child_number)
        assert c.filing_date == date(2024, 3, 1) and c.parent_id is not None
        assert [
            p.priority_date for p in s.scalars(select(PriorityClaim).where(PriorityClaim.file_id == c.id))
        ] == [date(2023, 6, 1)]
        assert [e.code for e in c.events] == ["filed"]
    assert snapshot(engine, n)["codes"] == ["filed", "divided"]


def test_free_text_goods_terms_are_flagged_for_the_examiner(engine, act):
    n = act(file_application, trademark_request(date(2024, 3, 1))).application_number
    flagged = snapshot(engine, n)["details"].get("free_text_terms", {})
    assert "cà phê rang xay" in flagged.get("30", []) and "coffee" not in flagged.get("30", [])


def test_filing_fees_come_from_the_tariff_and_grow_with_classes(engine, act):
    from ipoffice.store.models import Fee

    one = act(file_application, trademark_request(date(2024, 3, 1), nice=[NiceClassInput(30, ["coffee"])]))
    two = act(file_application, trademark_request(date(2024, 3, 1)))
    assert 0 < one.fees_vnd < two.fees_vnd
    with transaction(engine, actor="reader") as s:
        rows = s.scalars(
            select(Fee).join(IPFile).where(IPFile.application_number == two.application_number)
        ).all()
        assert sum(r.amount_vnd for r in rows) == two.fees_vnd and all(
            r.due_date == date(2024, 3, 1) for r in rows
        )
        assert {r.fee_code for r in rows} == {code for code, _ in two.fee_lines}
