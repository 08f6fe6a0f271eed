"""Filing many applications and recording their plain steps without a flush per step (demo loads, migrations).

The services (:func:`ipoffice.office.filing.file_application`, :func:`ipoffice.office.record.record_event`) flush
after every step so that each call stands alone: ~13 flushes and audit appends per demo file. Here the same rows
are built in the caller's session and written by the session's next flush (one per batch when no service step
intervenes), with the same checks and the same values:

* :func:`file_application` validates with :func:`ipoffice.office.filing.validate` (the same ``UserError``\\ s),
  takes the regime from the law, refuses an unknown regime, allocates the number with the store's gapless
  allocator in the same transaction, and builds the file, its parties, priorities, classes and fees exactly as
  the filing service does, with its ``filed`` event;
* :func:`record` appends one event through the pure transition table (:func:`ipoffice.office.workflow.apply`,
  a step out of order is refused with the same ``Conflict``), with the same chronology checks, legal basis,
  WIPO legal-status code and derived columns as :func:`ipoffice.office.record.record_event`.

The audit log is the session's own listener: every row inserted or updated is audited at the flush that writes it
(a file stepped several times between two flushes gets one ``update`` entry for all its steps, not one per step).
* :func:`grant` is :func:`ipoffice.office.grant.grant` (without ``pay_key``) without its lookup and flushes.

Steps with other side effects (fees paid, recordals, disputes) stay with their services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ipoffice.core.errors import Conflict
from ipoffice.core.rights import RightKind
from ipoffice.office.events import EventCode
from ipoffice.office.filing import FilingRequest, build_application
from ipoffice.office.record import append_event
from ipoffice.office.workflow import FileState, apply, fold
from ipoffice.store.kinds import CaseKind, FilePartyRole
from ipoffice.store.models import Event, FileParty, IPFile
from ipoffice.store.numbering import allocate_certificate_number


@dataclass
class Filed:
    """A file built by :func:`file_application` (its id is known after the next flush)."""

    application_number: str
    file: IPFile
    fees_vnd: int


def file_application(session: Session, req: FilingRequest, *, actor: str, today: date | None = None) -> Filed:
    """:func:`ipoffice.office.filing.file_application` without its flushes: validate, number, build, ``filed``."""
    built = build_application(session, req, today)
    checked, file, regime, fee_rows = built.checked, built.file, built.regime, built.fee_rows
    _ = file.cases  # a new file's empty collection: later steps need not query it
    filing, number = checked.filing_date, file.application_number
    record(
        session,
        file,
        EventCode.FILED,
        on=filing,
        actor=actor,
        today=today,
        payload={"regime": regime, "priorities": len(checked.priorities)},
    )
    return Filed(number, file, sum(row.amount for row in fee_rows))


def _state(file: IPFile, events: list[Event], right: RightKind, regime: str) -> FileState | None:
    return fold([e.code for e in events], right, regime) if events else None


# The services' event writer without its flush: the same checks, event and derived columns.
record = append_event


def grant(session: Session, file: IPFile, *, on: date, actor: str, today: date | None = None) -> Event:
    """:func:`ipoffice.office.grant.grant` without its flushes: the same order of checks (the transition table,
    the grant fees unless replaying history, no pending opposition, Art. 112a), certificate number, term and
    owners."""
    from ipoffice.office.grant import term_end
    from ipoffice.office.payments import replaying_history, require_grant_fees_paid

    right = RightKind(file.right_kind)
    apply(
        _state(file, list(file.events), right, file.regime_id or ""),
        EventCode.GRANTED,
        right,
        file.regime_id or "",
    )
    history = replaying_history(session)
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
    certificate = allocate_certificate_number(session, right)
    event = record(
        session,
        file,
        EventCode.GRANTED,
        on=on,
        actor=actor,
        today=today,
        payload={"registration_number": certificate, **({"fees_settled_elsewhere": True} if history else {})},
    )
    file.registration_number = certificate
    file.registration_date = on
    file.expiry_date = term_end(file)
    if not [fp for fp in file.parties if fp.role == FilePartyRole.OWNER]:
        for fp in [p for p in file.parties if p.role == FilePartyRole.APPLICANT]:
            file.parties.append(FileParty(party=fp.party, role=FilePartyRole.OWNER, position=fp.position))
    return event
