"""A neutral record into the register: one file with its parties, classes, priorities and events.

All-or-nothing per document (the caller's transaction), idempotent (the same document imported twice changes
nothing: the second time is reported ``unchanged``), and every event goes through the office's one event writer
(:func:`ipoffice.office.record.append_event`, the checks of ``record_event`` without a flush per event: the
document's rows are written by one flush at the end), so the file's status and WIPO legal-status codes are derived
exactly as for a file examined here.

The source usually states only some dates (filing, publication, registration, the current status). The steps the
procedure needs in between (formality acceptance, examination request, notice of intended grant) are written
with ``payload["inferred"] = True`` on the date of the next stated step: they are derived, never presented as
facts of the source. A record from another office keeps that office's numbers, prefixed with its ST.3 code
(``US/13797521``); a record of this office (VN) keeps its national number, and the office's number series are
moved past it so that a later filing never collides with it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipoffice.core import i18n
from ipoffice.core.errors import Conflict, UserError
from ipoffice.core.numbering import ApplicationNumber, from_st13, number_kind
from ipoffice.core.rights import MarkKind, RightKind
from ipoffice.exchange.records import Record
from ipoffice.office import lawlink
from ipoffice.office.events import EventCode
from ipoffice.office.grant import term_end
from ipoffice.office.record import append_event
from ipoffice.office.workflow import REGIMES
from ipoffice.store.kinds import ClassificationScheme, FilePartyRole, FilingRoute, PartyKind, PriorityKind
from ipoffice.store.models import Classification, FileParty, IPFile, NumberSequence, Party, PriorityClaim
from ipoffice.store.numbering import application_series

E = EventCode
OFFICE = "VN"
RULE = "ipoffice exchange import (one document, one transaction)"

i18n.register(
    {
        "exchange.import.exists_different": {
            "vi": "Hồ sơ {number} đã có trong sổ đăng ký với nội dung khác ({what}); không ghi đè",
            "en": "File {number} is already in the register with different content ({what}); not overwritten",
        },
        "exchange.import.future": {
            "vi": "Ngày {date} ({what}) ở tương lai",
            "en": "The date {date} ({what}) is in the future",
        },
        "exchange.import.chronology": {
            "vi": "Ngày {what} ({date}) sớm hơn bước trước ({previous})",
            "en": "The {what} date ({date}) is earlier than the previous step ({previous})",
        },
        "exchange.import.number_too_long": {
            "vi": "Số đơn «{number}» quá dài để lưu trong sổ đăng ký",
            "en": "Application number '{number}' is too long for the register",
        },
        "exchange.import.registration_taken": {
            "vi": "Số văn bằng {number} đã thuộc một hồ sơ khác trong sổ đăng ký",
            "en": "Registration number {number} already belongs to another file in the register",
        },
        "exchange.import.no_applicant": {
            "vi": "Tài liệu không nêu người nộp đơn hoặc chủ sở hữu nào",
            "en": "The document names no applicant or owner",
        },
    }
)

_ROLE = {
    "applicant": FilePartyRole.APPLICANT,
    "owner": FilePartyRole.OWNER,
    "inventor": FilePartyRole.INVENTOR,
    "author": FilePartyRole.AUTHOR,
    "representative": FilePartyRole.REPRESENTATIVE,
    "authorised_user": FilePartyRole.AUTHORISED_USER,
    "management_organisation": FilePartyRole.MANAGEMENT_ORGANISATION,
    "licensee": FilePartyRole.LICENSEE,
}
_FOREIGN = re.compile(r"[^A-Za-z0-9./ -]")


@dataclass(frozen=True)
class PlannedEvent:
    code: EventCode
    on: date
    inferred: bool = False


def register_number(rec: Record) -> str:
    """The register's application number for ``rec`` (national for VN, ``CC/number`` for other offices)."""
    if rec.office == OFFICE:
        raw = rec.application_number.strip()
        if re.fullmatch(r"VN\d{15}", raw.replace(" ", "")):
            return str(from_st13(raw))
        return str(ApplicationNumber.parse(raw))
    number = f"{rec.office}/{_FOREIGN.sub('', rec.application_number.strip())}"
    if len(number) > 32:
        raise UserError(
            "exchange.import.number_too_long", field="application_number", rule=RULE, number=number
        )
    return number


def _registration_number(rec: Record) -> str | None:
    if not rec.registration_number:
        return None
    return rec.registration_number if rec.office == OFFICE else f"{rec.office}/{rec.registration_number}"[:32]


def regime_for(rec: Record) -> tuple[str, bool]:
    """The regime whose procedure orders the file's events; ``True`` when assumed (no modelled regime then)."""
    try:
        regime = lawlink.regime_id_for(rec.right, rec.filing_date)
        if regime in REGIMES:
            return regime, False
    except UserError:
        pass
    return REGIMES[0], True


def plan_events(rec: Record, regime: str, today: date) -> list[PlannedEvent]:
    """The events that bring a new file to the record's status, stated dates first, gaps inferred."""
    right = rec.right
    status = rec.status or "filed"
    after_decision = status in ("granted", "expired", "lapsed", "surrendered", "invalidated", "refused")
    published = rec.publication_date is not None or after_decision
    granted = status in ("granted", "expired", "lapsed", "surrendered", "invalidated")
    # Stated dates: none in the future, none before the filing date. A registration may precede the
    # publication (Hague and Madrid international registrations are published afterwards): the grant event then
    # takes the publication date and the file keeps the stated registration date.
    stated: list[tuple[str, date | None]] = [("filing", rec.filing_date)]
    if rec.publication_date:
        stated.append(("publication", rec.publication_date))
    if granted and rec.registration_date:
        stated.append(("registration", rec.registration_date))
    previous = rec.filing_date
    for what, day in stated:
        assert day is not None
        if day > today:
            raise UserError("exchange.import.future", field=what, rule=RULE, date=day.isoformat(), what=what)
        if day < rec.filing_date:
            raise UserError(
                "exchange.import.chronology",
                field=what,
                rule=RULE,
                what=what,
                date=day.isoformat(),
                previous=rec.filing_date.isoformat(),
            )
        previous = max(previous, day)
    end = rec.status_date if rec.status_date and rec.status_date >= previous else previous
    end = min(end, today)
    pub_day = rec.publication_date or rec.registration_date or end
    reg_day = max(rec.registration_date or end, pub_day)

    plan = [PlannedEvent(E.FILED, rec.filing_date)]
    if published or granted:
        if regime != "vn-2026":
            plan.append(PlannedEvent(E.FORMALITY_ACCEPTED, pub_day, inferred=True))
        if right is not RightKind.LAYOUT_DESIGN:
            plan.append(PlannedEvent(E.PUBLISHED, pub_day, inferred=rec.publication_date is None))
    if (granted or status == "refused") and right.is_patent:
        plan.append(PlannedEvent(E.EXAMINATION_REQUESTED, pub_day, inferred=True))
    if granted:
        plan.append(PlannedEvent(E.INTENDED_GRANT_NOTIFIED, reg_day, inferred=True))
        plan.append(PlannedEvent(E.GRANTED, reg_day, inferred=rec.registration_date is None))
        if status == "expired" and right is not RightKind.GI:
            plan.append(PlannedEvent(E.EXPIRED, max(end, reg_day)))
        if status == "lapsed" and right is not RightKind.GI:
            plan.append(PlannedEvent(E.LAPSED, max(end, reg_day)))
        if status == "surrendered" and right is not RightKind.GI:
            plan.append(PlannedEvent(E.SURRENDERED, max(end, reg_day)))
        if status == "invalidated":
            plan.append(PlannedEvent(E.INVALIDATED, max(end, reg_day)))
    elif status == "refused":
        plan.append(PlannedEvent(E.INTENDED_REFUSAL_NOTIFIED, end, inferred=True))
        plan.append(PlannedEvent(E.REFUSED, end))
    elif status == "withdrawn":
        plan.append(PlannedEvent(E.WITHDRAWN, max(end, plan[-1].on)))
    return plan


def _bump(session: Session, series: str, year: int, serial: int) -> None:
    """Move a number series past ``serial`` (an imported number of this office), never backwards."""
    row = session.scalars(
        select(NumberSequence).where(NumberSequence.series == series, NumberSequence.year == year)
    ).first()
    if row is None:
        session.add(NumberSequence(series=series, year=year, last_value=serial))
    elif row.last_value < serial:
        row.last_value = serial


def _reserve_numbers(session: Session, rec: Record, number: str, registration: str | None) -> None:
    if rec.office != OFFICE:
        return
    n = ApplicationNumber.parse(number)
    _bump(session, application_series(rec.right), n.year, n.serial)
    if registration:
        digits = re.sub(r"\D", "", registration.split("-", 1)[-1] if "-" in registration else registration)
        if digits and number_kind(rec.right):
            _bump(session, f"certificate:{rec.right.value}", 0, int(digits[:9]))


def projection(rec: Record) -> dict[str, Any]:
    """What the register keeps of a record: compared for idempotency and in the round-trip tests."""
    return {
        "right": rec.right.value,
        "application_number": register_number(rec),
        "filing_date": rec.filing_date.isoformat(),
        "title": rec.title,
        "mark_text": rec.mark_text,
        "registration_number": _registration_number(rec),
        "registration_date": rec.registration_date.isoformat() if rec.registration_date else None,
        "publication_date": rec.publication_date.isoformat() if rec.publication_date else None,
        "status": rec.status,
        "parties": _parties_projection(rec),
        "priorities": sorted((p.country, p.number, p.date.isoformat()) for p in rec.priorities),
        "classes": sorted((c.scheme, c.symbol, tuple(c.terms)) for c in rec.classes),
        "international_number": rec.international_number,
    }


def _parties_projection(rec: Record) -> list[tuple[str, str, str]]:
    """Parties by role; an owner who is also an applicant is not repeated (the grant makes applicants owners)."""
    applicants = {p.name for p in rec.parties_in("applicant")}
    return sorted(
        (p.role, p.name, p.country or "")
        for p in rec.parties
        if p.role in _ROLE and not (p.role == "owner" and p.name in applicants)
    )


def _diff(a: dict[str, Any], b: dict[str, Any]) -> str:
    return ", ".join(k for k in a if a[k] != b.get(k)) or "-"


def find_file(session: Session, number: str) -> IPFile | None:
    return session.scalars(select(IPFile).where(IPFile.application_number == number)).first()


def import_record(
    session: Session, rec: Record, *, actor: str, source: str | None = None, today: date | None = None
) -> tuple[str, str]:
    """Write ``rec`` into the register in the caller's transaction; ``(outcome, number)`` with outcome
    ``imported`` or ``unchanged``. Raises :class:`UserError` (nothing written) for a record that cannot go in."""
    day = today or date.today()
    number = register_number(rec)
    existing = find_file(session, number)
    if existing is not None:
        from ipoffice.exchange.from_register import record_from_file

        mine = existing.details.get("import", {}).get("fingerprint")
        if mine == rec.fingerprint():
            return "unchanged", number
        theirs = projection(record_from_file(existing))
        incoming = projection(rec)
        if theirs == incoming:
            return "unchanged", number
        raise Conflict(
            "exchange.import.exists_different",
            field="application_number",
            rule=RULE,
            number=number,
            what=_diff(incoming, theirs),
        )
    if not (rec.parties_in("applicant") or rec.parties_in("owner")):
        raise UserError("exchange.import.no_applicant", field="parties", rule=RULE)
    registration = _registration_number(rec)
    if (
        registration
        and session.scalars(select(IPFile.id).where(IPFile.registration_number == registration)).first()
    ):
        raise Conflict(
            "exchange.import.registration_taken", field="registration_number", rule=RULE, number=registration
        )
    regime, assumed = regime_for(rec)
    plan = plan_events(rec, regime, day)
    details: dict[str, Any] = {
        "import": {
            "format": rec.source_format,
            "office": rec.office,
            "number": rec.application_number,
            "fingerprint": rec.fingerprint(),
            "source": source,
            "status": rec.status,
        },
    }
    if assumed:
        details["import"]["regime_assumed"] = True
    if rec.citations:
        details["citations"] = [{k: v for k, v in asdict(c).items() if v is not None} for c in rec.citations]
    examiners = [p.name for p in rec.parties if p.role == "examiner"]
    if examiners:
        details["examiners"] = examiners
    if rec.events:
        details["source_events"] = [
            {"date": e.date.isoformat(), "code": e.code, **({"text": e.text} if e.text else {})}
            for e in rec.events
        ]
    if rec.publication_number:
        details["publication"] = {"number": rec.publication_number, "kind": rec.publication_kind}
    if rec.designated:
        details["designated"] = list(rec.designated)
    file = IPFile(
        application_number=number,
        right_kind=rec.right,
        mark_kind=MarkKind(rec.mark_kind) if rec.mark_kind in {m.value for m in MarkKind} else None,
        title=rec.title,
        mark_text=rec.mark_text,
        filing_date=rec.filing_date,
        filing_route=FilingRoute(rec.route),
        international_number=rec.international_number,
        regime_id=regime,
        language=(rec.language or "vi")[:8],
        details=details,
    )
    session.add(file)
    positions: dict[FilePartyRole, int] = {}
    for p in rec.parties:
        role = _ROLE.get(p.role)
        if role is None:
            continue
        party = Party(
            kind=PartyKind.PERSON if p.kind == "person" else PartyKind.ORGANISATION,
            name=p.name[:500],
            address=p.address,
            country=p.country,
            identifier=p.identifier,
        )
        session.add(party)
        pos = positions.get(role, 0)
        positions[role] = pos + 1
        file.parties.append(FileParty(party=party, role=role, position=pos))
    for i, pr in enumerate(rec.priorities):
        file.priority_claims.append(
            PriorityClaim(
                kind=PriorityKind(pr.kind),
                country=pr.country,
                number=pr.number[:64],
                priority_date=pr.date,
                position=i,
            )
        )
    per_scheme: dict[str, int] = {}
    for c in rec.classes:
        pos = per_scheme.get(c.scheme, 0)
        per_scheme[c.scheme] = pos + 1
        file.classifications.append(
            Classification(
                scheme=ClassificationScheme(c.scheme),
                symbol=c.symbol,
                edition=c.edition,
                terms=list(c.terms),
                position=pos,
            )
        )
    session.flush()
    for ev in plan:
        payload: dict[str, Any] = {"imported": True}
        if ev.inferred:
            payload["inferred"] = True
        if ev.code is E.GRANTED and registration:
            payload["registration_number"] = registration
        # appended without a flush each (the events are written by the flush below, with the file's final state)
        append_event(session, file, ev.code, on=ev.on, actor=actor, payload=payload, today=day)
        if ev.code is E.GRANTED:
            file.registration_number = registration
            file.registration_date = rec.registration_date or ev.on
            file.expiry_date = rec.expiry_date or term_end(file)
            if not any(fp.role == FilePartyRole.OWNER for fp in file.parties):
                for fp in [x for x in file.parties if x.role == FilePartyRole.APPLICANT]:
                    file.parties.append(
                        FileParty(party=fp.party, role=FilePartyRole.OWNER, position=fp.position)
                    )
    if rec.publication_date:
        file.publication_date = rec.publication_date
    _reserve_numbers(session, rec, number, registration)
    session.flush()
    return "imported", number
