"""Grant and registration (Law on IP Art. 118): the certificate number, the owners, the term of protection.

After a notice of intended grant the applicant pays the grant, registration and publication fees; the office then
issues the protection title (electronic by default, Decree 65/2023), records it in the register and publishes it.
The applicants become the owners, through the ``granted`` event.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

import ipoffice.office.disputes  # noqa: F401  (registers the case messages)
from ipoffice.core.errors import Conflict
from ipoffice.core.legaltime import add_months
from ipoffice.core.rights import RightKind
from ipoffice.office.events import EventCode
from ipoffice.office.payments import pay_grant_fees, replaying_history, require_grant_fees_paid
from ipoffice.office.record import get_file, record_event, replay
from ipoffice.office.workflow import apply
from ipoffice.store.kinds import CaseKind, FilePartyRole
from ipoffice.store.models import Event, FileParty, IPFile
from ipoffice.store.numbering import allocate_certificate_number

# Law on IP Art. 93: terms counted from the filing date (GIs: indefinite, Art. 93(7)); used when the law
# module offers no term rule. Layout designs also end 15 years after creation (Art. 93(6)), not modelled here.
TERM_YEARS: dict[RightKind, int | None] = {
    RightKind.INVENTION: 20,
    RightKind.UTILITY_SOLUTION: 10,
    RightKind.DESIGN: 5,
    RightKind.LAYOUT_DESIGN: 10,
    RightKind.TRADEMARK: 10,
    RightKind.GI: None,
}


def term_end(file: IPFile) -> date | None:
    """The last day of the first term of protection (before any renewal): the law's ``term_expiry``.

    One source of truth: :func:`ipoffice.law.term_expiry` under the file's regime (Art. 93, layout designs capped
    by their creation and first-exploitation dates when the file records them). ``TERM_YEARS`` only when the
    law refuses the file's facts.
    """
    from ipoffice.core.errors import UserError
    from ipoffice.law import FileFacts, term_expiry

    d = file.details or {}
    try:
        return term_expiry(
            FileFacts(
                right=RightKind(file.right_kind),
                filing_date=file.filing_date,
                creation_date=_iso(d.get("creation_date")),
                first_exploitation_date=_iso(d.get("first_exploitation_date")),
            )
        )
    except UserError:
        years = TERM_YEARS[RightKind(file.right_kind)]
        return add_months(file.filing_date, 12 * years) if years else None


def _iso(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def check_grantable(file: Any, *, history: bool) -> None:
    """The grant's checks after the transition table: the grant fees are paid (Art. 118) unless replaying history,
    and no opposition is pending (Art. 112a). ``file``: an :class:`IPFile` or a row with the same attributes."""
    if not history:
        require_grant_fees_paid(file)
    pending = [c for c in file.cases if c.kind == CaseKind.OPPOSITION and c.status != "decided"]
    if pending:
        raise Conflict(
            "office.case.open_opposition",
            field="number",
            rule="Luật SHTT Art. 112a",
            number=file.application_number,
            case=pending[0].number,
        )


def granted_payload(certificate: str, history: bool) -> dict[str, Any]:
    return {"registration_number": certificate, **({"fees_settled_elsewhere": True} if history else {})}


def owners_to_add(file: Any) -> list[Any]:
    """The applicants' file-party rows to copy as owners (none when the file already names owners)."""
    if any(fp.role == FilePartyRole.OWNER for fp in file.parties):
        return []
    return [fp for fp in file.parties if fp.role == FilePartyRole.APPLICANT]


def grant(
    session: Session,
    number: str,
    *,
    on: date,
    actor: str,
    expected_version: int | None = None,
    today: date | None = None,
    pay_key: str | None = None,
    **kw: Any,
) -> Event:
    """Grant the title: checks the step and the grant fees, allocates the certificate number, makes the
    applicants the owners.

    The fees raised by the notice of intended grant must be paid (Art. 118): otherwise a ``Conflict`` naming the
    first unpaid fee. ``pay_key`` settles them at the counter on the grant date in the same transaction
    (idempotent by key), for an office that takes the payment and grants in one act.
    """
    file = get_file(session, number)
    right = RightKind(file.right_kind)
    apply(replay(file), EventCode.GRANTED, right, file.regime_id or "")  # refuse a grant out of order first
    history = replaying_history(session) and pay_key is None
    if pay_key is not None:
        pay_grant_fees(session, number, on=on, key=pay_key, actor=actor)
    check_grantable(file, history=history)
    certificate = allocate_certificate_number(session, right)
    event = record_event(
        session,
        file,
        EventCode.GRANTED,
        on=on,
        actor=actor,
        expected_version=expected_version,
        today=today,
        payload=granted_payload(certificate, history),
        **kw,
    )
    file.registration_number = certificate
    file.registration_date = on
    file.expiry_date = term_end(file)
    for fp in owners_to_add(file):
        file.parties.append(FileParty(party=fp.party, role=FilePartyRole.OWNER, position=fp.position))
    session.flush()
    return event
