"""Formality and substantive examination (Law on IP Art. 109, 113-117; Decree 65/2023).

Each function records one event on the file through :func:`ipoffice.office.record.step`; the transition table
refuses a step out of order. Office actions carry their kind (``formality`` or ``substantive``) in the payload:
the clock counts the applicant's response period from the action's date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ipoffice.office.events import EventCode as E
from ipoffice.office.record import step
from ipoffice.store.models import Event


def accept_formality(session: Session, number: str, *, on: date, actor: str, **kw: Any) -> Event:
    """Decision on acceptance of a valid application (Art. 109(2)); not an event of regime vn-2026."""
    return step(session, number, E.FORMALITY_ACCEPTED, on=on, actor=actor, **kw)


def notify_formality_deficiency(
    session: Session, number: str, *, on: date, actor: str, defects: list[str] | None = None, **kw: Any
) -> Event:
    payload = {"kind": "formality", "defects": list(defects or [])}
    return step(session, number, E.FORMALITY_DEFICIENCY_NOTIFIED, on=on, actor=actor, payload=payload, **kw)


def refuse_formality(
    session: Session, number: str, *, on: date, actor: str, reason: str = "", **kw: Any
) -> Event:
    return step(session, number, E.FORMALITY_REFUSED, on=on, actor=actor, payload={"reason": reason}, **kw)


def request_examination(session: Session, number: str, *, on: date, actor: str, **kw: Any) -> Event:
    """Request for substantive examination of an invention or utility solution (Art. 113)."""
    return step(session, number, E.EXAMINATION_REQUESTED, on=on, actor=actor, **kw)


def issue_office_action(
    session: Session, number: str, *, on: date, actor: str, grounds: list[str] | None = None, **kw: Any
) -> Event:
    payload = {"kind": "substantive", "grounds": list(grounds or [])}
    return step(session, number, E.OFFICE_ACTION_ISSUED, on=on, actor=actor, payload=payload, **kw)


def receive_response(session: Session, number: str, *, on: date, actor: str, **kw: Any) -> Event:
    return step(session, number, E.RESPONSE_RECEIVED, on=on, actor=actor, **kw)


def notify_intended_grant(session: Session, number: str, *, on: date, actor: str, **kw: Any) -> Event:
    """Notice of intended grant (Art. 118(1)): raises the grant fees (and a patent's first annuity), due on the
    law's ``grant_fee_payment`` deadline; ``grant`` is refused until they are paid."""
    from ipoffice.office.payments import raise_grant_fees

    event = step(session, number, E.INTENDED_GRANT_NOTIFIED, on=on, actor=actor, **kw)
    raise_grant_fees(session, event.file, on)
    return event


def notify_intended_refusal(
    session: Session, number: str, *, on: date, actor: str, grounds: list[str] | None = None, **kw: Any
) -> Event:
    payload = {"grounds": list(grounds or [])}
    return step(session, number, E.INTENDED_REFUSAL_NOTIFIED, on=on, actor=actor, payload=payload, **kw)


def refuse(
    session: Session, number: str, *, on: date, actor: str, grounds: list[str] | None = None, **kw: Any
) -> Event:
    return step(
        session, number, E.REFUSED, on=on, actor=actor, payload={"grounds": list(grounds or [])}, **kw
    )


def receive_third_party_opinion(
    session: Session, number: str, *, on: date, actor: str, summary: str = "", **kw: Any
) -> Event:
    """A third party's opinion (Art. 112): a reference source for the examiner, not a dispute case."""
    return step(
        session,
        number,
        E.THIRD_PARTY_OPINION_RECEIVED,
        on=on,
        actor=actor,
        payload={"summary": summary},
        **kw,
    )
