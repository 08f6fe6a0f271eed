"""Export register files: ST.96 XML (validated against the official schemas) or ST.97-style JSON.

Each exported file carries its AI trail (every use of an assistant on it and what the examiner did with the
results, hash chain verified: :func:`ipoffice.assist.trail.export`), as the web's ``GET /api/v1/files/{n}/export``
does: inside the ST.97 JSON as ``AITrail``; beside the ST.96 XML as ``<number>.ai-trail.json`` (the XML stays
valid against the official schema, which has no place for it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ipoffice.exchange import schemas
from ipoffice.exchange.from_register import files_by_number, files_in_period, record_from_file
from ipoffice.exchange.records import Record
from ipoffice.exchange.st96_writer import to_bytes, to_st96
from ipoffice.store.models import IPFile

FORMATS = ("st96", "st97")


@dataclass(frozen=True)
class Exported:
    number: str
    file_name: str
    content: bytes
    ai_trail: bytes | None = None  # ST.96: the file's AI trail as JSON, written beside the XML

    @property
    def trail_file_name(self) -> str:
        return self.file_name.rsplit(".", 1)[0] + ".ai-trail.json"


def ai_trail(session: Session, number: str) -> dict[str, Any]:
    """The file's AI trail as the web export gives it (entries, chain verified)."""
    from ipoffice.assist import trail

    return trail.export(session, number)


def st96_document(rec: Record, *, validate: bool = True) -> bytes:
    root = to_st96(rec)
    if validate:
        schemas.validate(root)
    return to_bytes(root)


def st97_document(rec: Record) -> dict[str, Any]:
    """An ST.97-style JSON object: ST.96 element names in UpperCamelCase, values as strings/arrays.

    ST.97 (WIPO's JSON rendering of ST.96) names the same business elements as ST.96; this office writes the
    bibliographic subset it keeps, one object per application [verify: ST.97 JSON schema conformance].
    """

    def d(day: date | None) -> str | None:
        return day.isoformat() if day else None

    body: dict[str, Any] = {
        "IPOfficeCode": rec.office,
        "IPRightCategory": rec.right.value,
        "ApplicationNumber": {
            "ApplicationNumberText": rec.application_number,
            "ST13ApplicationNumber": rec.extra.get("st13"),
        },
        "ApplicationDate": d(rec.filing_date),
        "InventionTitle" if rec.right.is_patent else "Title": rec.title,
        "MarkVerbalElementText": rec.mark_text,
        "PublicationDate": d(rec.publication_date),
        "RegistrationNumber": rec.registration_number,
        "RegistrationDate": d(rec.registration_date),
        "ExpiryDate": d(rec.expiry_date),
        "CurrentStatus": rec.status,
        "FilingRoute": rec.route,
        "InternationalApplicationNumber": rec.international_number,
        "PartyBag": [
            {"PartyRole": p.role, "EntityName": p.name, "CountryCode": p.country, "PartyCategory": p.kind}
            for p in rec.parties
        ],
        "PriorityClaimBag": [
            {
                "IPOfficeCode": p.country,
                "ApplicationNumberText": p.number,
                "FilingDate": d(p.date),
                "PriorityCategory": p.kind,
            }
            for p in rec.priorities
        ],
        "ClassificationBag": [
            {
                "ClassificationScheme": c.scheme,
                "ClassificationSymbol": c.symbol,
                "GoodsServicesDescriptionText": list(c.terms),
            }
            for c in rec.classes
        ],
        "EventBag": [
            {"EventCode": e.code, "EventDate": d(e.date), "LegalStatusCode": e.text} for e in rec.events
        ],
        "ReferenceCitationBag": [
            {
                k: v
                for k, v in (
                    ("DocumentNumber", c.number),
                    ("IPOfficeCode", c.country),
                    ("CitingParty", c.cited_by),
                    ("NPLCitationText", c.text),
                )
                if v
            }
            for c in rec.citations
        ],
    }
    return {k: v for k, v in body.items() if v not in (None, [], {})}


def _files(session: Session, numbers: list[str] | None, start: date | None, end: date | None) -> list[IPFile]:
    if numbers:
        return files_by_number(session, numbers)
    if start and end:
        return files_in_period(session, start, end)
    return []


def export(
    session: Session,
    fmt: str,
    *,
    numbers: list[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    with_trail: bool = True,
) -> list[Exported]:
    """Export the files named by ``numbers`` or active in [start, end] in ``fmt`` (st96 / st97), each with its
    AI trail unless ``with_trail`` is false."""
    out: list[Exported] = []
    for file in _files(session, numbers, start, end):
        rec = record_from_file(file)
        safe = file.application_number.replace("/", "_")
        trail = ai_trail(session, file.application_number) if with_trail else None
        if fmt == "st96":
            side = json.dumps(trail, ensure_ascii=False, indent=2).encode() if trail is not None else None
            out.append(Exported(file.application_number, f"{safe}.xml", st96_document(rec), side))
        else:
            body = st97_document(rec)
            if trail is not None:
                body["AITrail"] = trail
            data = json.dumps(body, ensure_ascii=False, indent=2).encode()
            out.append(Exported(file.application_number, f"{safe}.json", data))
    return out
