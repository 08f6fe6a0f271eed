"""Dispute cases: windows, parties, deadlines suspended by mediation, decisions that write the file's event."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from office_requests import trademark_request

from ipoffice.core.errors import Conflict, UserError
from ipoffice.office import disputes as dp
from ipoffice.office import examination as ex
from ipoffice.office import grant as gr
from ipoffice.office import publication as pub
from ipoffice.office.disputes import Ground, Suspension, effective_due
from ipoffice.office.filing import PartyInput, file_application
from ipoffice.office.record import get_file
from ipoffice.store.db import transaction

OPPONENT = PartyInput(name="Trung Nguyên Group", country="VN")
GROUNDS = [Ground("Luật SHTT Art. 74(2)(e)", "confusingly similar to an earlier mark")]


def test_effective_due_gives_back_the_suspended_days():
    due, issued = date(2026, 6, 30), date(2026, 6, 1)
    assert effective_due(due, issued, []) == due
    # 20 days were left on 10 June; resumed on 25 June -> 15 July
    assert effective_due(due, issued, [Suspension(date(2026, 6, 10), date(2026, 6, 25))]) == date(2026, 7, 15)
    assert effective_due(due, issued, [Suspension(date(2026, 6, 10))]) is None  # still suspended
    assert (
        effective_due(due, issued, [Suspension(date(2026, 5, 1), date(2026, 5, 20))]) == due
    )  # before issue
    assert effective_due(due, issued, [Suspension(date(2026, 7, 5), date(2026, 7, 9))]) == due  # after due
    two = [Suspension(date(2026, 6, 10), date(2026, 6, 20)), Suspension(date(2026, 7, 5), date(2026, 7, 10))]
    assert effective_due(due, issued, two) == date(
        2026, 7, 15
    )  # 10 + 5 days; the second began before 10 July
    # a shifted due date on a Saturday rolls to Monday (Civil Code Art. 148(5))
    assert effective_due(due, issued, [Suspension(date(2026, 6, 10), date(2026, 6, 28))]) == date(2026, 7, 20)


def _published_mark(act: Any) -> str:
    n = act(file_application, trademark_request(date(2024, 3, 1))).application_number
    act(ex.accept_formality, n, on=date(2024, 3, 20))
    act(pub.publish, n, on=date(2024, 3, 25))
    return str(n)


def _case_view(engine: Any, case_number: str, today: date) -> tuple[str, list[dp.CaseDeadline], list[str]]:
    with transaction(engine, actor="reader") as s:
        case = dp.get_case(s, case_number)
        roles = sorted(cp.role for cp in case.parties)
        return case.status, dp.case_deadlines(case, today), roles


def test_opposition_with_mediation_then_upheld_refuses_the_application(engine, act):
    n = _published_mark(act)
    with pytest.raises(UserError) as late:  # Art. 112a(1)(c): 5 months from 25 Mar 2024 -> 26 Aug (Monday)
        act(dp.open_opposition, n, OPPONENT, GROUNDS, on=date(2024, 8, 27))
    assert "112a" in (late.value.rule or "") and "2024-08-26" in late.value.message("en")
    act(dp.open_opposition, n, OPPONENT, GROUNDS, on=date(2024, 5, 1))
    with transaction(engine, actor="reader") as s:
        f = get_file(s, n)
        case_number = f.cases[0].number
        assert [e.code for e in f.events][-1] == "opposition_filed"
        assert f.events[-1].legal_status_code == "E11"
    status, deadlines, roles = _case_view(engine, case_number, date(2024, 5, 2))
    assert roles == ["holder", "requester"] and deadlines[0].due == date(2024, 7, 1)

    act(
        dp.refer_to_mediation,
        case_number,
        on=date(2024, 5, 10),
        mediator=PartyInput(name="WIPO AMC", country="CH"),
    )
    status, deadlines, roles = _case_view(engine, case_number, date(2024, 5, 20))
    assert status == "mediation" and deadlines[0].suspended and deadlines[0].due is None
    assert deadlines[0].days_left == (date(2024, 7, 1) - date(2024, 5, 10)).days  # 52 days were left
    with pytest.raises(Conflict):
        act(dp.refer_to_mediation, case_number, on=date(2024, 5, 11))
    act(dp.resume_case, case_number, on=date(2024, 6, 10))
    status, deadlines, _ = _case_view(engine, case_number, date(2024, 6, 10))
    assert status == "open" and deadlines[0].due == date(2024, 8, 1)  # 10 June + 52 days
    assert deadlines[0].days_left == 52

    act(ex.notify_intended_grant, n, on=date(2024, 6, 12))
    with pytest.raises(Conflict):  # no grant while the opposition is undecided
        act(gr.grant, n, on=date(2024, 6, 20))
    act(
        dp.add_evidence,
        case_number,
        "Registration certificate No. 12345 of the earlier mark",
        on=date(2024, 6, 15),
    )
    act(dp.decide_case, case_number, "upheld", on=date(2024, 7, 1), reasons="Similar marks, identical goods")
    with transaction(engine, actor="reader") as s:
        f = get_file(s, n)
        assert f.status == "refused"
        assert (f.events[-1].code, f.events[-1].legal_status_code) == ("opposition_upheld", "B17")
        assert "74(2)(e)" in (f.events[-1].legal_basis or "")
        case_row = dp.get_case(s, case_number)
        assert case_row.decision == "upheld" and len(case_row.evidence) == 1
    with pytest.raises(Conflict):  # a decided case is closed
        act(dp.decide_case, case_number, "rejected", on=date(2024, 7, 2))


def test_opposition_before_publication_is_refused(act):
    n = act(file_application, trademark_request(date(2024, 3, 1))).application_number
    with pytest.raises(UserError) as exc:
        act(dp.open_opposition, n, OPPONENT, GROUNDS, on=date(2024, 3, 10))
    assert exc.value.field == "number" and "112a" in (exc.value.rule or "")
    with pytest.raises(UserError):
        act(dp.open_opposition, n, OPPONENT, [], on=date(2024, 3, 10))


def test_complaint_window_and_revival(engine, act):
    n = _published_mark(act)
    act(ex.notify_intended_refusal, n, on=date(2024, 6, 1))
    act(ex.refuse, n, on=date(2024, 9, 2))
    with pytest.raises(UserError) as late:  # Law on Complaints 2011 Art. 9: 90 days from receipt
        act(
            dp.open_complaint,
            n,
            PartyInput(name="Applicant"),
            GROUNDS,
            on=date(2024, 12, 15),
            received_on=date(2024, 9, 5),
        )
    assert "Art. 9" in (late.value.rule or "")
    case = act(
        dp.open_complaint,
        n,
        PartyInput(name="Applicant"),
        GROUNDS,
        on=date(2024, 11, 1),
        received_on=date(2024, 9, 5),
    )
    act(dp.decide_case, case.number, "upheld", on=date(2024, 11, 20))
    with transaction(engine, actor="reader") as s:
        f = get_file(s, n)
        assert f.status == "under_examination" and f.events[-1].code == "revived"


def test_invalidation_of_a_registered_mark(engine, act):
    n = _published_mark(act)
    act(ex.notify_intended_grant, n, on=date(2024, 6, 1))
    act(gr.grant, n, on=date(2024, 6, 20), pay_key="receipt-1")
    case = act(
        dp.open_invalidation,
        n,
        OPPONENT,
        [Ground("Luật SHTT Art. 96(1)(a)", "bad faith")],
        on=date(2025, 1, 6),
    )
    act(dp.decide_case, case.number, "upheld", on=date(2025, 3, 3))
    with transaction(engine, actor="reader") as s:
        f = get_file(s, n)
        assert f.status == "invalidated"
        assert [e.legal_status_code for e in f.events][-2:] == ["L15", "H12"]


def test_show_lists_the_case_and_its_suspended_deadline(engine, act, monkeypatch):
    import json

    from typer.testing import CliRunner

    from ipoffice.cli import app

    n = _published_mark(act)
    case = act(dp.open_opposition, n, OPPONENT, GROUNDS, on=date(2024, 5, 1))
    act(dp.refer_to_mediation, case.number, on=date(2024, 5, 10))
    monkeypatch.setenv("IPOFFICE_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    res = CliRunner().invoke(app, ["show", n, "--json", "--today", "2024-05-20"])
    assert res.exit_code == 0, res.output
    (c,) = json.loads(res.output)["cases"]
    assert c["kind"] == "opposition" and c["status"] == "mediation"
    assert c["deadlines"][0]["suspended"] and c["deadlines"][0]["days_left"] == 52


def test_second_complaint_needs_a_decided_first_one_within_30_days(engine, act):
    n = _published_mark(act)
    act(ex.receive_third_party_opinion, n, on=date(2024, 4, 2), summary="descriptive for coffee")
    act(ex.notify_intended_refusal, n, on=date(2024, 6, 1))
    act(ex.refuse, n, on=date(2024, 9, 2))
    first = act(
        dp.open_complaint,
        n,
        PartyInput(name="Applicant"),
        GROUNDS,
        on=date(2024, 10, 1),
        received_on=date(2024, 9, 5),
    )
    with pytest.raises(UserError):  # the first complaint is not decided yet
        act(
            dp.open_complaint,
            n,
            PartyInput(name="Applicant"),
            GROUNDS,
            on=date(2024, 10, 2),
            received_on=date(2024, 10, 2),
            first_case=first.number,
        )
    act(dp.decide_case, first.number, "rejected", on=date(2024, 11, 1))
    with pytest.raises(UserError) as late:  # Art. 33: 30 days from receiving the first decision
        act(
            dp.open_complaint,
            n,
            PartyInput(name="Applicant"),
            GROUNDS,
            on=date(2024, 12, 10),
            received_on=date(2024, 11, 4),
            first_case=first.number,
        )
    assert "Art. 33" in (late.value.rule or "")
    second = act(
        dp.open_complaint,
        n,
        PartyInput(name="Applicant"),
        GROUNDS,
        on=date(2024, 11, 20),
        received_on=date(2024, 11, 4),
        first_case=first.number,
    )
    with transaction(engine, actor="reader") as s:
        case = dp.get_case(s, second.number)
        assert case.kind == "complaint_second" and case.parent_case_id is not None
        f = get_file(s, n)
        assert f.status == "refused"
        codes = [(e.code, e.legal_status_code) for e in f.events]
        assert ("third_party_opinion_received", "E14") in codes and codes.count(
            ("complaint_filed", "V11")
        ) == 2


def test_complaint_reply_step(engine, act):
    n = _published_mark(act)
    act(ex.notify_intended_refusal, n, on=date(2024, 6, 1))
    act(ex.refuse, n, on=date(2024, 9, 2))
    case = act(dp.open_complaint, n, PartyInput(name="Applicant"), GROUNDS, on=date(2024, 11, 1),
               received_on=date(2024, 9, 5))
    with pytest.raises(Conflict) as err:  # nothing asked yet
        act(dp.receive_complaint_reply, case.number, on=date(2024, 11, 2))
    assert err.value.code == "office.case.no_reply_requested"
    act(dp.request_complaint_reply, case.number, on=date(2024, 11, 4))
    with pytest.raises(Conflict):  # one request at a time
        act(dp.request_complaint_reply, case.number, on=date(2024, 11, 5))
    with pytest.raises(Conflict) as err:  # the other side is heard before the decision
        act(dp.decide_case, case.number, "upheld", on=date(2024, 11, 20))
    # 4 Nov 2024 + 2 months = 4 Jan 2025, a Saturday -> Monday 6 Jan 2025 (Civil Code Art. 148(5))
    assert err.value.code == "office.case.reply_pending" and "2025-01-06" in err.value.message("en")
    with pytest.raises(UserError) as late:
        act(dp.receive_complaint_reply, case.number, on=date(2025, 1, 7))
    assert late.value.code == "office.case.reply_late"
    act(dp.receive_complaint_reply, case.number, on=date(2025, 1, 6), summary="the refusal was right")
    with transaction(engine, actor="reader") as s:
        c = dp.get_case(s, case.number)
        assert dp.pending_reply(c, date(2025, 1, 6)) is None
        assert [e.code for e in c.events][-2:] == ["respondent_reply", "respondent_replied"]
    act(dp.decide_case, case.number, "upheld", on=date(2025, 1, 8))
    with transaction(engine, actor="reader") as s:
        assert get_file(s, n).events[-1].code == "revived"
