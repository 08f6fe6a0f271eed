"""Keeping a right alive or ending it, and the applicant's own moves on an application.

Annuities for patents and renewals for marks and designs (Law on IP Art. 94), lapse for non-payment and
restoration (Art. 95), expiry (Art. 93), surrender (Art. 95(1)(b)); withdrawal (Art. 116), deemed withdrawal
(Art. 113(4), 118(2)), amendment and division (Art. 115).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ipoffice.core.legaltime import add_months
from ipoffice.core.rights import RightKind
from ipoffice.office.events import EventCode as E
from ipoffice.office.lawlink import regime_id_for
from ipoffice.office.record import get_file, record_event, step
from ipoffice.store.models import Event, FileParty, IPFile, PriorityClaim
from ipoffice.store.numbering import allocate_application_number

# Art. 93(3)-(4): a design is renewed for 5 years at a time, a mark for 10 years.
RENEWAL_YEARS: dict[RightKind, int] = {RightKind.DESIGN: 5, RightKind.TRADEMARK: 10}


def pay_annuity(session: Session, number: str, *, on: date, actor: str, year: int, **kw: Any) -> Event:
    return step(session, number, E.ANNUITY_PAID, on=on, actor=actor, payload={"year": year}, **kw)


def renew(session: Session, number: str, *, on: date, actor: str, **kw: Any) -> Event:
    """Renew a mark or design: the expiry date moves on by one renewal period."""
    file = get_file(session, number)
    event = record_event(session, file, E.RENEWED, on=on, actor=actor, **kw)
    years = RENEWAL_YEARS.get(RightKind(file.right_kind))
    if years and file.expiry_date:
        file.expiry_date = add_months(file.expiry_date, 12 * years)
        session.flush()
    return event


def lapse(session: Session, number: str, *, on: date, actor: str, **kw: Any) -> Event:
    return step(session, number, E.LAPSED, on=on, actor=actor, **kw)


def restore(session: Session, number: str, *, on: date, actor: str, **kw: Any) -> Event:
    return step(session, number, E.RESTORED, on=on, actor=actor, **kw)


def expire(session: Session, number: str, *, on: date, actor: str, **kw: Any) -> Event:
    return step(session, number, E.EXPIRED, on=on, actor=actor, **kw)


def surrender(session: Session, number: str, *, on: date, actor: str, **kw: Any) -> Event:
    return step(session, number, E.SURRENDERED, on=on, actor=actor, **kw)


def withdraw(session: Session, number: str, *, on: date, actor: str, **kw: Any) -> Event:
    return step(session, number, E.WITHDRAWN, on=on, actor=actor, **kw)


def deem_withdrawn(
    session: Session, number: str, *, on: date, actor: str, reason: str = "", **kw: Any
) -> Event:
    return step(session, number, E.DEEMED_WITHDRAWN, on=on, actor=actor, payload={"reason": reason}, **kw)


def amend(
    session: Session, number: str, *, on: date, actor: str, changes: dict[str, Any] | None = None, **kw: Any
) -> Event:
    return step(
        session, number, E.AMENDED, on=on, actor=actor, payload={"changes": dict(changes or {})}, **kw
    )


def divide(
    session: Session,
    number: str,
    *,
    on: date,
    actor: str,
    title: str | None = None,
    today: date | None = None,
    expected_version: int | None = None,
) -> tuple[Event, IPFile]:
    """Divide an application (Art. 115(1)): a new file keeps the parent's filing and priority dates."""
    parent = get_file(session, number)
    event = record_event(
        session, parent, E.DIVIDED, on=on, actor=actor, today=today, expected_version=expected_version
    )
    right = RightKind(parent.right_kind)
    child = IPFile(
        application_number=allocate_application_number(session, right, on.year),
        right_kind=right,
        mark_kind=parent.mark_kind,
        title=title or parent.title,
        mark_text=parent.mark_text,
        filing_date=parent.filing_date,
        filing_route=parent.filing_route,
        regime_id=parent.regime_id or regime_id_for(right, parent.filing_date),
        parent_id=parent.id,
        details={"divided_from": parent.application_number, "division_date": on.isoformat()},
    )
    session.add(child)
    for fp in parent.parties:
        child.parties.append(FileParty(party=fp.party, role=fp.role, position=fp.position))
    for pc in parent.priority_claims:
        child.priority_claims.append(
            PriorityClaim(
                kind=pc.kind,
                country=pc.country,
                number=pc.number,
                priority_date=pc.priority_date,
                position=pc.position,
            )
        )
    session.flush()
    record_event(
        session,
        child,
        E.FILED,
        on=on,
        actor=actor,
        today=today,
        payload={"divided_from": parent.application_number},
    )
    return event, child
