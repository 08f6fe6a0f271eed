"""Neutral typed records: what every importer produces and every exporter reads.

A :class:`Record` is one application (and the right it became) as another office or format describes it, with no
trace of the format left: the importers (ST.96, ST.36, ST.66, USPTO XML) fill it, :mod:`ipoffice.exchange.to_register`
writes it into the register through the office services, and the exporters build it from a register file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date

from ipoffice.core.rights import RightKind


@dataclass(frozen=True)
class PartyRecord:
    role: str  # applicant, owner, inventor, author, representative, examiner
    name: str
    country: str | None = None  # ST.3
    address: str | None = None
    kind: str = "organisation"  # person / organisation
    identifier: str | None = None  # agent registration number, customer number ...


@dataclass(frozen=True)
class PriorityRecord:
    country: str
    number: str
    date: date
    kind: str = "paris"  # paris / pct / madrid / hague


@dataclass(frozen=True)
class ClassRecord:
    scheme: str  # nice, ipc, cpc, locarno, vienna
    symbol: str
    terms: tuple[str, ...] = ()
    edition: str | None = None


@dataclass(frozen=True)
class EventRecord:
    date: date
    code: str  # the source's own code (e.g. TSDR "R.PRA") or, for our own exports, an office EventCode
    text: str | None = None


@dataclass(frozen=True)
class CitationRecord:
    """A document cited against the application; ``cited_by`` is examiner, applicant, third_party or None."""

    number: str | None = None
    country: str | None = None
    kind: str | None = None
    date: str | None = None  # often a month only (YYYYMM00), kept as given
    name: str | None = None
    text: str | None = None  # non-patent literature
    cited_by: str | None = None
    category: str | None = None  # X, Y, A ... (search reports)


@dataclass
class Record:
    source_format: str  # st96, st36-us-grant-v4.5, st66, uspto-pap-v1.5, st32-us-grant ...
    office: str  # ST.3 code of the office whose record this is
    right: RightKind
    application_number: str
    filing_date: date
    title: str | None = None
    mark_text: str | None = None
    mark_kind: str | None = None
    publication_number: str | None = None
    publication_kind: str | None = None
    publication_date: date | None = None
    registration_number: str | None = None
    registration_date: date | None = None
    expiry_date: date | None = None
    status: str | None = None  # neutral: filed, published, granted, refused, withdrawn, lapsed, expired
    status_date: date | None = None
    route: str = "national"  # national / pct / madrid / hague
    international_number: str | None = None
    international_date: date | None = None
    language: str | None = None
    parties: list[PartyRecord] = field(default_factory=list)
    priorities: list[PriorityRecord] = field(default_factory=list)
    classes: list[ClassRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    citations: list[CitationRecord] = field(default_factory=list)
    designated: tuple[str, ...] = ()  # Madrid / Hague designated parties (ST.3)
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The identity of the record across imports: office, right and the office's application number."""
        return f"{self.office}:{self.right.value}:{self.application_number}"

    def parties_in(self, role: str) -> list[PartyRecord]:
        return [p for p in self.parties if p.role == role]

    def fingerprint(self) -> str:
        """A stable hash of the record's content (detects a changed re-delivery of the same application)."""
        body = json.dumps(asdict(self), sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(body.encode()).hexdigest()
