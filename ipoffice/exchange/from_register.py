"""A register file as a neutral :class:`Record` (what every export is built from)."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipoffice.core.errors import UserError
from ipoffice.core.numbering import to_st13
from ipoffice.core.rights import RightKind
from ipoffice.exchange.records import (
    CitationRecord,
    ClassRecord,
    EventRecord,
    PartyRecord,
    PriorityRecord,
    Record,
)
from ipoffice.store.models import IPFile

OFFICE = "VN"

# The register's derived status -> the neutral status of exchanged records.
NEUTRAL_STATUS = {
    "filed": "filed",
    "formality_deficient": "filed",
    "accepted": "filed",
    "published": "published",
    "under_examination": "published",
    "office_action": "published",
    "intended_grant": "published",
    "intended_refusal": "published",
    "suspended": "published",
    "granted": "granted",
    "refused": "refused",
    "withdrawn": "withdrawn",
    "deemed_withdrawn": "withdrawn",
    "lapsed": "lapsed",
    "expired": "expired",
    "surrendered": "surrendered",
    "invalidated": "invalidated",
}


def _status_date(file: IPFile) -> date | None:
    return file.events[-1].event_date if file.events else None


def record_from_file(file: IPFile) -> Record:
    """The neutral record of a register file (an imported file gives back its source office and number)."""
    imported: dict[str, Any] = file.details.get("import", {}) if isinstance(file.details, dict) else {}
    office = imported.get("office", OFFICE)
    number = imported.get("number", file.application_number)
    status = NEUTRAL_STATUS.get(file.status, "filed")
    if status == "published" and file.publication_date is None:
        status = "filed"
    reg = file.registration_number
    if reg and office != OFFICE and reg.startswith(f"{office}/"):
        reg = reg.split("/", 1)[1]
    publication = file.details.get("publication", {}) if isinstance(file.details, dict) else {}
    rec = Record(
        source_format="ipoffice-register",
        office=office,
        right=RightKind(file.right_kind),
        application_number=number,
        filing_date=file.filing_date,
        title=file.title,
        mark_text=file.mark_text,
        mark_kind=file.mark_kind.value if file.mark_kind else None,
        publication_number=publication.get("number"),
        publication_kind=publication.get("kind"),
        publication_date=file.publication_date,
        registration_number=reg,
        registration_date=file.registration_date,
        expiry_date=file.expiry_date,
        status=status,
        status_date=_status_date(file) if status in ("refused", "withdrawn", "lapsed", "expired") else None,
        route=file.filing_route.value if hasattr(file.filing_route, "value") else str(file.filing_route),
        international_number=file.international_number,
        language=file.language,
    )
    for fp in file.parties:
        p = fp.party
        rec.parties.append(
            PartyRecord(
                role=fp.role.value if hasattr(fp.role, "value") else str(fp.role),
                name=p.name,
                country=p.country,
                address=p.address,
                kind=p.kind.value if hasattr(p.kind, "value") else str(p.kind),
                identifier=p.agent_registration_number or p.identifier,
            )
        )
    for pc in file.priority_claims:
        kind = pc.kind.value if hasattr(pc.kind, "value") else str(pc.kind)
        rec.priorities.append(PriorityRecord(pc.country, pc.number, pc.priority_date, kind))
    for c in file.classifications:
        scheme = c.scheme.value if hasattr(c.scheme, "value") else str(c.scheme)
        rec.classes.append(ClassRecord(scheme, c.symbol, tuple(c.terms or ()), c.edition))
    for e in file.events:
        rec.events.append(EventRecord(e.event_date, e.code, e.legal_status_code))
    for c in file.details.get("citations", []) if isinstance(file.details, dict) else []:
        rec.citations.append(CitationRecord(**c))
    rec.extra["register_number"] = file.application_number
    if office == OFFICE:
        with contextlib.suppress(UserError):  # a malformed legacy number simply has no ST.13 form
            rec.extra["st13"] = file.st13 or to_st13(file.application_number)
    return rec


def files_by_number(session: Session, numbers: list[str]) -> list[IPFile]:
    from ipoffice.office.record import get_file

    return [get_file(session, n) for n in numbers]


def files_in_period(session: Session, start: date, end: date) -> list[IPFile]:
    """Files with any event in [start, end] (the bulk export of a period)."""
    from ipoffice.store.models import Event

    ids = select(Event.file_id).where(Event.event_date >= start, Event.event_date <= end).distinct()
    return list(session.scalars(select(IPFile).where(IPFile.id.in_(ids)).order_by(IPFile.application_number)))
