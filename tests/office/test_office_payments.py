"""Grant fees and payments, annuities against the law's schedule, lapse and restoration, term and priority from
the law module (one source of truth)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from office_requests import invention_request, trademark_request
from sqlalchemy import func, select

from ipoffice.core.errors import Conflict, UserError
from ipoffice.law import FileFacts, paris_priority_end, restoration_end, term_expiry
from ipoffice.office import examination as ex
from ipoffice.office import grant as gr
from ipoffice.office import maintenance as mt
from ipoffice.office import payments as pay
from ipoffice.office import publication as pub
from ipoffice.office.filing import PriorityInput, file_application
from ipoffice.office.record import get_file
from ipoffice.office.sweep import sweep
from ipoffice.store.db import transaction
from ipoffice.store.models import Payment


def _state(engine: Any, number: str) -> dict[str, Any]:
    with transaction(engine, actor="reader") as s:
        f = get_file(s, number)
        return {
            "status": f.status,
            "codes": [e.code for e in f.events],
            "payloads": [dict(e.payload or {}) for e in f.events],
            "fees": {(x.fee_code, x.status) for x in f.fees},
            "expiry": f.expiry_date,
            "payments": s.scalar(select(func.count()).select_from(Payment)),
        }


def _to_intended_grant(act: Any, req: Any, accept: date, publish: date, notice: date) -> str:
    n = act(file_application, req).application_number
    act(ex.accept_formality, n, on=accept)
    act(pub.publish, n, on=publish)
    if req.right == "invention":
        act(ex.request_examination, n, on=publish)
    act(ex.notify_intended_grant, n, on=notice)
    return n


def test_grant_needs_the_grant_fees_paid_and_payments_are_idempotent(engine, act):
    n = _to_intended_grant(act, trademark_request(date(2024, 3, 1)), date(2024, 3, 20), date(2024, 3, 25),
                           date(2024, 6, 3))
    before = _state(engine, n)
    assert ("grant", "due") in before["fees"] and ("grant_tm_classes", "due") in before["fees"]  # 2 classes
    with pytest.raises(Conflict) as err:
        act(gr.grant, n, on=date(2024, 6, 20))
    assert err.value.code == "office.fee.unpaid" and "Art. 118" in (err.value.rule or "")
    assert "grant" in err.value.message("en") and err.value.field == "fees"
    after = _state(engine, n)
    assert after["status"] == "intended_grant" and after["codes"] == before["codes"]  # nothing written
    grant_fee = act(pay.pay_fee, n, "grant", on=date(2024, 6, 5), key="counter-9")
    assert grant_fee.amount == 120_000 and not grant_fee.replayed
    with pytest.raises(Conflict) as err:  # one key cannot pay another fee
        act(pay.pay_fee, n, "grant_registration", on=date(2024, 6, 5), key="counter-9")
    assert err.value.code == "office.payment.key_reused"
    with pytest.raises(Conflict):  # still unpaid: registration, publication, the second class
        act(gr.grant, n, on=date(2024, 6, 20))
    first = act(pay.pay_grant_fees, n, on=date(2024, 6, 10), key="vnpay-778")
    again = act(pay.pay_grant_fees, n, on=date(2024, 6, 11), key="vnpay-778")  # the gateway calls twice
    assert "grant" not in {p.fee_code for p in first}  # already paid at the counter
    assert all(not p.replayed for p in first) and all(p.replayed for p in again)
    assert [p.amount for p in first] == [p.amount for p in again]
    assert _state(engine, n)["payments"] == len(first) + 1  # no second payment row
    act(gr.grant, n, on=date(2024, 6, 20))
    done = _state(engine, n)
    assert done["status"] == "granted"
    assert all(status == "paid" for code, status in done["fees"] if code.startswith("grant"))


def test_grant_can_take_the_payment_at_the_counter(engine, act):
    n = _to_intended_grant(act, invention_request(date(2021, 3, 1)), date(2021, 3, 25), date(2021, 5, 4),
                           date(2022, 7, 15))
    fees = _state(engine, n)["fees"]
    assert ("annuity_use_1_2", "due") in fees  # the first annuity is raised with the grant fees
    act(gr.grant, n, on=date(2022, 8, 3), pay_key="counter-1")
    st = _state(engine, n)
    assert st["status"] == "granted" and ("annuity_use_1_2", "paid") in st["fees"]
    assert st["expiry"] == term_expiry(FileFacts("invention", filing_date=date(2021, 3, 1))) == date(2041, 3, 1)


@pytest.fixture
def granted_patent(engine, act) -> str:  # type: ignore[no-untyped-def]
    n = _to_intended_grant(act, invention_request(date(2021, 3, 1)), date(2021, 3, 25), date(2021, 5, 4),
                           date(2022, 7, 15))
    act(gr.grant, n, on=date(2022, 8, 3), pay_key="counter-1")
    return n


def test_annuities_follow_the_schedule_from_the_grant_date(engine, act, granted_patent):
    n = granted_patent
    # validity year 2 starts 3 Aug 2023 (Thu); payable from 3 Feb 2023, late until 3 Feb 2024 with surcharge
    with pytest.raises(Conflict) as err:
        act(mt.pay_annuity, n, on=date(2023, 2, 2), year=2, today=date(2023, 2, 2))
    assert err.value.code == "office.annuity.too_early" and "2023-02-03" in err.value.message("en")
    with pytest.raises(Conflict) as err:
        act(mt.pay_annuity, n, on=date(2022, 9, 1), year=1)
    assert err.value.code == "office.annuity.with_grant"
    with pytest.raises(Conflict) as err:
        act(mt.pay_annuity, n, on=date(2023, 3, 1), year=3, today=date(2023, 3, 1))
    assert err.value.code == "office.annuity.earlier_unpaid"
    ev = act(mt.pay_annuity, n, on=date(2023, 3, 1), year=2, today=date(2023, 3, 1))
    on_time = _state(engine, n)["payloads"][-1]
    assert on_time["year"] == 2 and on_time["late"] is False and on_time["amount_vnd"] > 0
    act(mt.pay_annuity, n, on=date(2023, 3, 1), year=2, today=date(2023, 3, 1))  # same key: nothing new
    assert _state(engine, n)["codes"].count("annuity_paid") == 1 and ev is not None
    with pytest.raises(Conflict) as err:
        act(mt.pay_annuity, n, on=date(2023, 3, 2), year=2, key="other", today=date(2023, 3, 2))
    assert err.value.code == "office.annuity.already_paid"
    with pytest.raises(UserError) as err:
        act(mt.pay_annuity, n, on=date(2023, 3, 2), year=21, today=date(2023, 3, 2))
    assert err.value.code == "office.annuity.no_such_year"
    # year 3 starts 3 Aug 2024 (Sat) -> due Mon 5 Aug; paid 10 Sep 2024: 2 begun late months
    act(mt.pay_annuity, n, on=date(2024, 9, 10), year=3, today=date(2024, 9, 10))
    late = _state(engine, n)["payloads"][-1]
    assert late["late"] is True and late["due"] == "2024-08-05"
    # year 3 costs more than year 2 (480,000 vs 300,000 per claim) plus 2 x 10% of the 100,000 charge
    assert late["amount_vnd"] == on_time["amount_vnd"] + 180_000 + 20_000


def test_no_payment_after_the_grace_the_sweep_lapses_and_restoration_revives(engine, act, granted_patent):
    n = granted_patent
    act(mt.pay_annuity, n, on=date(2023, 3, 1), year=2, today=date(2023, 3, 1))
    # year 3 due Mon 5 Aug 2024; grace: 3 Aug 2024 + 6 months = 3 Feb 2025 (Mon, after Tết)
    with pytest.raises(Conflict) as err:
        act(mt.pay_annuity, n, on=date(2025, 2, 4), year=3, today=date(2025, 2, 4))
    assert err.value.code == "office.annuity.after_grace" and "2025-02-03" in err.value.message("en")
    with transaction(engine, actor="system") as s:
        assert n not in {a.number for a in sweep(s, date(2025, 2, 3))}  # the last day of the grace
        listed = {a.number: a for a in sweep(s, date(2025, 2, 4))}
    assert listed[n].event == "lapsed" and listed[n].deadline == date(2025, 2, 3)
    with transaction(engine, actor="system") as s:
        sweep(s, date(2025, 2, 4), apply=True)
    assert _state(engine, n)["status"] == "lapsed"
    window = restoration_end(FileFacts("invention", filing_date=date(2021, 3, 1), grant_date=date(2022, 8, 3)), 3)
    assert window is not None and window.verify and window.due == date(2025, 5, 5)  # 3 May 2025 is a Saturday
    with pytest.raises(Conflict) as err:
        act(mt.restore, n, on=date(2025, 5, 6), today=date(2025, 5, 6))
    assert err.value.code == "office.restore.too_late"
    act(mt.restore, n, on=date(2025, 4, 1), today=date(2025, 4, 1))
    st = _state(engine, n)
    assert st["status"] == "granted" and st["payloads"][-1]["year"] == 3
    assert st["payloads"][-1]["amount_vnd"] > 0  # the missed annuity with the full 6-month surcharge
    act(mt.pay_annuity, n, on=date(2025, 4, 2), year=4, today=date(2025, 4, 2))  # year 3 counts as paid


def test_priority_period_rolls_over_a_day_off_like_the_law_module(engine, act):
    # 29 Jul 2024 + 6 months = 29 Jan 2025, in the Tết holiday -> the next working day, Mon 3 Feb 2025
    assert paris_priority_end("trademark", date(2024, 7, 29), date(2025, 2, 3)) == date(2025, 2, 3)
    prio = [PriorityInput(country="US", number="98/123,456", date=date(2024, 7, 29))]
    ok = act(file_application, trademark_request(date(2025, 2, 3), priorities=prio))
    assert ok.application_number
    with pytest.raises(UserError) as err:
        act(file_application, trademark_request(date(2025, 2, 4), priorities=prio))
    assert err.value.code == "office.filing.priority_too_old" and err.value.field == "priorities[0].date"


def test_a_register_migration_replays_grants_and_annuities_paid_elsewhere(engine, act):
    n = _to_intended_grant(act, invention_request(date(2021, 3, 1)), date(2021, 3, 25), date(2021, 5, 4),
                           date(2022, 7, 15))
    with pytest.raises(Conflict):  # an ordinary transaction is checked
        act(gr.grant, n, on=date(2022, 8, 3))
    with transaction(engine, actor="migration", purpose="import") as s:
        gr.grant(s, n, on=date(2022, 8, 3), actor="migration")
        mt.pay_annuity(s, n, on=date(2023, 3, 1), year=2, actor="migration", today=date(2023, 3, 1))
        # the old register counted years from the filing anniversary: the register keeps the law's count
        mt.pay_annuity(s, n, on=date(2024, 1, 10), year=4, actor="migration", today=date(2024, 1, 10))
    st = _state(engine, n)
    assert st["status"] == "granted" and st["payments"] == 0
    assert all(p["fees_settled_elsewhere"] for p in st["payloads"][-3:])
    assert st["payloads"][-1]["year"] == 3 and st["payloads"][-1]["year_as_given"] == 4
    with transaction(engine, actor="system") as s:
        assert n not in {a.number for a in sweep(s, date(2024, 9, 1))}  # years 1-3 paid: nothing lapses


def test_the_clock_shows_the_first_unpaid_annuity(engine, act, granted_patent):
    from ipoffice.office.clock import file_clock

    n = granted_patent
    with transaction(engine, actor="reader") as s:
        (entry,) = [e for e in file_clock(get_file(s, n), date(2023, 3, 1)).entries if e.step == "annuity"]
    assert entry.occurrence == 2 and entry.due == date(2023, 8, 3)
    act(mt.pay_annuity, n, on=date(2023, 3, 1), year=2, today=date(2023, 3, 1))
    with transaction(engine, actor="reader") as s:
        (entry,) = [e for e in file_clock(get_file(s, n), date(2023, 3, 1)).entries if e.step == "annuity"]
    assert entry.occurrence == 3 and entry.due == date(2024, 8, 5)  # 3 Aug 2024 is a Saturday
