"""The register's tables: SQLAlchemy 2 typed models, portable between SQLite and PostgreSQL.

Every table has an integer surrogate key ``id``. Rows of models marked ``__audited__`` are written to the
hash-chained audit log on every insert, update and delete (:mod:`ipoffice.store.audit`). ``events`` and
``case_events`` are append-only (database triggers refuse UPDATE and DELETE, see the first migration). A file's
``status`` and ``legal_status_*`` are derived from its events and are written only by the office's event service.
Edited aggregates (files, parties, recordals, cases) carry ``version_id`` for optimistic locking: a stale update
raises :class:`ipoffice.core.errors.Conflict` (see :mod:`ipoffice.store.db`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from ipoffice.core.parties import fold_name as core_fold_name
from ipoffice.store.kinds import (
    CaseKind,
    CasePartyRole,
    ClassificationScheme,
    FilePartyRole,
    FilingRoute,
    MarkKind,
    PartyKind,
    PriorityKind,
    RecordalKind,
    RecordalPartyRole,
    RightKind,
    UserRole,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def fold_name(name: str) -> str:
    """The search key stored in ``parties.name_folded``: :func:`ipoffice.core.parties.fold_name` (no diacritics,
    đ -> d, case-folded, no punctuation, legal forms such as "Công ty TNHH" or "Co., Ltd." removed)."""
    return core_fold_name(name)


def _enum(cls: type[StrEnum]) -> Enum:
    """A portable enum column: VARCHAR(32) holding the member's value (no database enum type, no CHECK)."""
    return Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}

    #: Changes to rows of this model are written to the audit log.
    __audited__: bool = True


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


# --- the register ------------------------------------------------------------------------------------------


class IPFile(Timestamps, Base):
    """One application and, once granted, the right it became (a file of the register)."""

    __tablename__ = "files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_number: Mapped[str] = mapped_column(String(32), unique=True)  # national, e.g. 4-2026-00001
    st13: Mapped[str | None] = mapped_column(String(32), unique=True)
    right_kind: Mapped[RightKind] = mapped_column(_enum(RightKind))
    mark_kind: Mapped[MarkKind | None] = mapped_column(_enum(MarkKind))
    title: Mapped[str | None] = mapped_column(
        Text
    )  # title of the invention / design / layout design, GI name
    mark_text: Mapped[str | None] = mapped_column(Text)  # the verbal element of a mark
    filing_date: Mapped[date] = mapped_column(Date)
    filing_route: Mapped[FilingRoute] = mapped_column(_enum(FilingRoute), default=FilingRoute.NATIONAL)
    international_number: Mapped[str | None] = mapped_column(String(64))  # PCT / Madrid / Hague number
    regime_id: Mapped[str | None] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8), default="vi")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("files.id"))  # divisional / converted from
    # Derived from events; written only by the office's event service.
    status: Mapped[str] = mapped_column(String(64), default="filed")
    legal_status_standard: Mapped[str | None] = mapped_column(String(8))  # ST.27 / ST.61 / ST.87
    legal_status_code: Mapped[str | None] = mapped_column(String(16))
    registration_number: Mapped[str | None] = mapped_column(String(32), unique=True)  # certificate number
    registration_date: Mapped[date | None] = mapped_column(Date)
    publication_date: Mapped[date | None] = mapped_column(Date)
    expiry_date: Mapped[date | None] = mapped_column(Date)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    version_id: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (
        Index("ix_files_status_right_kind", "status", "right_kind"),
        Index("ix_files_right_kind_filing_date", "right_kind", "filing_date"),
        Index("ix_files_filing_date", "filing_date"),
        Index("ix_files_expiry_date", "expiry_date"),
    )

    parties: Mapped[list[FileParty]] = relationship(
        back_populates="file", cascade="all, delete-orphan", order_by="(FileParty.role, FileParty.position)"
    )
    priority_claims: Mapped[list[PriorityClaim]] = relationship(
        back_populates="file", cascade="all, delete-orphan", order_by="PriorityClaim.position"
    )
    classifications: Mapped[list[Classification]] = relationship(
        back_populates="file",
        cascade="all, delete-orphan",
        order_by="(Classification.scheme, Classification.position)",
    )
    documents: Mapped[list[Document]] = relationship(back_populates="file", order_by="Document.id")
    events: Mapped[list[Event]] = relationship(back_populates="file", order_by="Event.sequence")
    fees: Mapped[list[Fee]] = relationship(back_populates="file", order_by="Fee.id")
    recordals: Mapped[list[Recordal]] = relationship(back_populates="file", order_by="Recordal.id")
    cases: Mapped[list[Case]] = relationship(back_populates="file", order_by="Case.id")

    def __repr__(self) -> str:
        return f"<IPFile {self.application_number} {self.right_kind} {self.status}>"


class Party(Timestamps, Base):
    """A person or organisation: applicant, owner, inventor/author, agent, GI organisation, disputant."""

    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[PartyKind] = mapped_column(_enum(PartyKind), default=PartyKind.ORGANISATION)
    name: Mapped[str] = mapped_column(String(500))
    name_folded: Mapped[str] = mapped_column(String(500))  # set from ``name``; the search key
    name_en: Mapped[str | None] = mapped_column(String(500))
    address: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2))  # ISO 3166-1 alpha-2 (ST.3)
    nationality: Mapped[str | None] = mapped_column(String(2))
    identifier: Mapped[str | None] = mapped_column(String(64))  # tax code, enterprise code or ID number
    email: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(64))
    agent_registration_number: Mapped[str | None] = mapped_column(String(64))  # IP agent / organisation
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    version_id: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (
        Index("ix_parties_name_folded", "name_folded"),
        Index("ix_parties_agent_registration_number", "agent_registration_number"),
    )

    @validates("name")
    def _fold(self, _key: str, value: str) -> str:
        self.name_folded = fold_name(value)
        return value


class FileParty(Base):
    """A party's role on a file; ``position`` orders parties of the same role (first applicant, ...)."""

    __tablename__ = "file_parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("files.id"))
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    role: Mapped[FilePartyRole] = mapped_column(_enum(FilePartyRole))
    position: Mapped[int] = mapped_column(Integer, default=0)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)  # e.g. an authorised user's area

    __table_args__ = (
        UniqueConstraint("file_id", "role", "position"),
        Index("ix_file_parties_party_id", "party_id"),
    )

    file: Mapped[IPFile] = relationship(back_populates="parties")
    party: Mapped[Party] = relationship()


class PriorityClaim(Base):
    __tablename__ = "priority_claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("files.id"), index=True)
    kind: Mapped[PriorityKind] = mapped_column(_enum(PriorityKind))
    country: Mapped[str] = mapped_column(String(2))  # ST.3 code of the office of first filing (WO, EM ...)
    number: Mapped[str] = mapped_column(String(64))
    priority_date: Mapped[date] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)
    accepted: Mapped[bool | None] = mapped_column(Boolean)  # None until examined

    file: Mapped[IPFile] = relationship(back_populates="priority_claims")


class Classification(Base):
    """A classification symbol on a file; for Nice, ``terms`` lists the goods/services of the class."""

    __tablename__ = "classifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("files.id"), index=True)
    scheme: Mapped[ClassificationScheme] = mapped_column(_enum(ClassificationScheme))
    symbol: Mapped[str] = mapped_column(String(32))  # "35", "H01L 21/02", "09-01", "26.01.03"
    edition: Mapped[str | None] = mapped_column(String(16))  # "NCL 12-2024", "IPC 2024.01", "LOC 15"
    terms: Mapped[list[Any]] = mapped_column(default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)  # 0 = main / first

    __table_args__ = (Index("ix_classifications_scheme_symbol", "scheme", "symbol"),)

    file: Mapped[IPFile] = relationship(back_populates="classifications")


class Document(Base):
    """Metadata of a stored document; the bytes live in the content-addressed store under ``storage_key``."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[int | None] = mapped_column(ForeignKey("files.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    doc_type: Mapped[str] = mapped_column(String(64))  # request, description, claims, drawing, mark_image ...
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(127))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(128))
    language: Mapped[str | None] = mapped_column(String(8))
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)

    file: Mapped[IPFile | None] = relationship(back_populates="documents")


class Event(Base):
    """One step in a file's life (append-only). ``sequence`` numbers the file's events from 1."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("files.id"))
    sequence: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(64))
    event_date: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(128))
    legal_basis: Mapped[str | None] = mapped_column(String(255))
    legal_status_standard: Mapped[str | None] = mapped_column(String(8))  # ST.27 / ST.61 / ST.87
    legal_status_code: Mapped[str | None] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)

    __table_args__ = (
        UniqueConstraint("file_id", "sequence"),
        Index("ix_events_file_id_event_date", "file_id", "event_date"),
        Index("ix_events_code_event_date", "code", "event_date"),
    )

    file: Mapped[IPFile] = relationship(back_populates="events")


# --- money -------------------------------------------------------------------------------------------------


class Fee(Timestamps, Base):
    __tablename__ = "fees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[int | None] = mapped_column(ForeignKey("files.id"), index=True)
    recordal_id: Mapped[int | None] = mapped_column(ForeignKey("recordals.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    fee_code: Mapped[str] = mapped_column(String(64))
    description: Mapped[str | None] = mapped_column(String(500))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    amount_vnd: Mapped[int] = mapped_column(BigInteger)  # total for the quantity, in dong
    regime_id: Mapped[str | None] = mapped_column(String(32))
    due_date: Mapped[date | None] = mapped_column(Date)
    paid_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="due")  # due / paid / waived / refunded

    __table_args__ = (Index("ix_fees_status_due_date", "status", "due_date"),)

    file: Mapped[IPFile | None] = relationship(back_populates="fees")
    payments: Mapped[list[Payment]] = relationship(back_populates="fee", order_by="Payment.id")


class Payment(Base):
    """A payment received through a gateway; ``idempotency_key`` makes a replayed notification harmless."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fee_id: Mapped[int | None] = mapped_column(ForeignKey("fees.id"), index=True)
    file_id: Mapped[int | None] = mapped_column(ForeignKey("files.id"), index=True)
    amount_vnd: Mapped[int] = mapped_column(BigInteger)
    paid_date: Mapped[date] = mapped_column(Date)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    gateway: Mapped[str] = mapped_column(String(32))  # counter, bank_transfer, vnpay, ...
    reference: Mapped[str | None] = mapped_column(String(128))
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="settled")
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)

    fee: Mapped[Fee | None] = relationship(back_populates="payments")


# --- recordals and disputes --------------------------------------------------------------------------------


class Recordal(Timestamps, Base):
    """A recorded change to a right: assignment, licence, pledge, change of name or address."""

    __tablename__ = "recordals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str | None] = mapped_column(String(32), unique=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("files.id"), index=True)
    kind: Mapped[RecordalKind] = mapped_column(_enum(RecordalKind))
    status: Mapped[str] = mapped_column(String(32), default="filed")
    filed_date: Mapped[date] = mapped_column(Date)
    effective_date: Mapped[date | None] = mapped_column(Date)
    recorded_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)  # licence term end, pledge release
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)  # licence scope, territory, new name ...
    version_id: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": version_id}

    file: Mapped[IPFile] = relationship(back_populates="recordals")
    parties: Mapped[list[RecordalParty]] = relationship(
        back_populates="recordal",
        cascade="all, delete-orphan",
        order_by="(RecordalParty.role, RecordalParty.position)",
    )


class RecordalParty(Base):
    __tablename__ = "recordal_parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recordal_id: Mapped[int] = mapped_column(ForeignKey("recordals.id"))
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    role: Mapped[RecordalPartyRole] = mapped_column(_enum(RecordalPartyRole))
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (UniqueConstraint("recordal_id", "role", "position"),)

    recordal: Mapped[Recordal] = relationship(back_populates="parties")
    party: Mapped[Party] = relationship()


class Case(Timestamps, Base):
    """A dispute or review case on a file.

    ``grounds`` is a list of ``{"article": "Law on IP Art. 74(2)(e)", "text": ...}``; ``prior_rights`` a list of
    ``{"kind": PriorRightKind value, "reference": ..., "details": ...}`` (registered rights, well-known marks,
    trade names, trade secrets ...); ``suspensions`` a list of ``{"start": iso date, "end": iso date or None,
    "reason": "mediation"}`` during which the case's deadlines stop running.
    """

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str | None] = mapped_column(String(32), unique=True)
    kind: Mapped[CaseKind] = mapped_column(_enum(CaseKind))
    file_id: Mapped[int] = mapped_column(ForeignKey("files.id"), index=True)
    parent_case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))  # second complaint -> first
    status: Mapped[str] = mapped_column(String(32), default="filed")
    filed_date: Mapped[date] = mapped_column(Date)
    grounds: Mapped[list[Any]] = mapped_column(default=list)
    prior_rights: Mapped[list[Any]] = mapped_column(default=list)
    decision: Mapped[str | None] = mapped_column(String(64))
    decision_text: Mapped[str | None] = mapped_column(Text)
    decision_date: Mapped[date | None] = mapped_column(Date)
    suspensions: Mapped[list[Any]] = mapped_column(default=list)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    version_id: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": version_id}
    __table_args__ = (Index("ix_cases_kind_status", "kind", "status"),)

    file: Mapped[IPFile] = relationship(back_populates="cases")
    parties: Mapped[list[CaseParty]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="(CaseParty.role, CaseParty.position)"
    )
    events: Mapped[list[CaseEvent]] = relationship(back_populates="case", order_by="CaseEvent.sequence")
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Evidence.id"
    )


class CaseParty(Base):
    __tablename__ = "case_parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    role: Mapped[CasePartyRole] = mapped_column(_enum(CasePartyRole))
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (UniqueConstraint("case_id", "role", "position"),)

    case: Mapped[Case] = relationship(back_populates="parties")
    party: Mapped[Party] = relationship()


class CaseEvent(Base):
    """One step of a case (append-only), with the deadline it opens, if any."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    sequence: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(64))
    event_date: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(128))
    legal_basis: Mapped[str | None] = mapped_column(String(255))
    due_date: Mapped[date | None] = mapped_column(Date)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)

    __table_args__ = (
        UniqueConstraint("case_id", "sequence"),
        Index("ix_case_events_due_date", "due_date"),
    )

    case: Mapped[Case] = relationship(back_populates="events")


class Evidence(Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    description: Mapped[str] = mapped_column(Text)
    submitted_date: Mapped[date] = mapped_column(Date)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)

    case: Mapped[Case] = relationship(back_populates="evidence")


# --- numbering, users, audit -------------------------------------------------------------------------------


class NumberSequence(Base):
    """The last number handed out in a series and year (gapless; see :mod:`ipoffice.store.numbering`)."""

    __tablename__ = "number_sequences"
    __audited__ = False  # every number lands on an audited row (file, certificate, case)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    series: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    last_value: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (UniqueConstraint("series", "year"),)


class User(Timestamps, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(255))
    role: Mapped[UserRole] = mapped_column(_enum(UserRole), default=UserRole.PUBLIC)
    email: Mapped[str | None] = mapped_column(String(255))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    party_id: Mapped[int | None] = mapped_column(
        ForeignKey("parties.id")
    )  # the agent or applicant it acts as
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AuditEntry(Base):
    """One change, chained: ``hash = sha256(prev_hash + canonical JSON of the entry)`` (append-only).

    ``id`` is assigned by the chain (1, 2, 3 ...), not by the database, so a deleted entry leaves a visible gap.
    """

    __tablename__ = "audit_log"
    __audited__ = False

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(8))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))  # not unique: see migration 0004

    __table_args__ = (Index("ix_audit_log_entity_entity_id", "entity", "entity_id"),)


#: Tables whose rows may never be updated or deleted (database triggers, see the first migration).
APPEND_ONLY_TABLES = ("audit_log", "events", "case_events")


# --- the web platform (issue 3): applicant requests, the IP marketplace, API tokens, idempotency keys --------


class WebRequest(Timestamps, Base):
    """A request an applicant or owner sends from the web that the office decides later (a recordal: assignment,
    licence, pledge, change of name or address). Approval writes the register through the office's services."""

    __tablename__ = "web_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("files.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    decided_by: Mapped[str | None] = mapped_column(String(128))
    decided_date: Mapped[date | None] = mapped_column(Date)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class MarketListing(Timestamps, Base):
    """A right (or pending application) its holder offers for licence or sale, with terms."""

    __tablename__ = "market_listings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("files.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    offer: Mapped[str] = mapped_column(String(16))  # licence | sale | either
    owner_type: Mapped[str] = mapped_column(String(16))  # company | university | startup | individual | institute
    terms: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)


class MarketContact(Timestamps, Base):
    """A contact request from an interested user to the owner of a listing (shown on the owner's account)."""

    __tablename__ = "market_contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("market_listings.id"), index=True)
    from_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    message: Mapped[str] = mapped_column(Text)


class ApiToken(Base):
    """An API token: only its SHA-256 is stored; revocable one by one; ``last_used_at`` for the owner to see."""

    __tablename__ = "api_tokens"
    # issue and revocation are audited (ORM); the web layer touches last_used_at with a Core UPDATE, not audited

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    label: Mapped[str] = mapped_column(String(64))
    prefix: Mapped[str] = mapped_column(String(16))  # the first characters, to tell tokens apart
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class IdempotencyKey(Base):
    """An ``Idempotency-Key`` of a filing: (user, key) -> the body's hash and the application it created."""

    __tablename__ = "idempotency_keys"
    __audited__ = False

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    key: Mapped[str] = mapped_column(String(128))
    body_hash: Mapped[str] = mapped_column(String(64))
    file_id: Mapped[int | None] = mapped_column(ForeignKey("files.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (UniqueConstraint("user_id", "key"),)


class AssistTrailEntry(Base):
    """One use of an AI assistant on a file, or what the examiner did with it (``ipoffice.assist.trail``).

    Append-only with its own hash chain per file (kept by the trail module), so it is not audited twice.
    """

    __tablename__ = "assist_trail"
    __audited__ = False

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_number: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # use | action
    use_id: Mapped[int | None] = mapped_column(Integer)  # for an action: the use it acts on
    assistant: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(128))
    model: Mapped[str | None] = mapped_column(String(255))
    model_version: Mapped[str | None] = mapped_column(String(64))
    index_version: Mapped[str | None] = mapped_column(String(64))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)  # use: query, results; action: action, items, note
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
