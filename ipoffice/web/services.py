"""What pages and the API share: file views, the examiner queue, trademark e-filing with idempotency, actions.

Everything here goes through the office's services (``ipoffice.office``) and the law module; nothing writes a
table directly except the test payment gateway's settlement (``pay_fees``).
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipoffice.core.errors import Conflict, UserError
from ipoffice.core.rights import RightKind
from ipoffice.office import lawlink
from ipoffice.office.cli import file_view
from ipoffice.office.clock import OFFICE_STEPS, file_clock, moved_on, pending_rows
from ipoffice.office.filing import FilingRequest, NiceClassInput, PartyInput, file_application
from ipoffice.office.record import get_file
from ipoffice.office.workflow import Status
from ipoffice.store.models import Fee, IPFile, Payment

PUBLIC_DOC_FIELDS = ("id", "doc_type", "file_name", "media_type", "size", "sha256", "language", "received_at")


def file_detail(session: Session, number: str, today: date, lang: str) -> dict[str, Any]:
    """The public view of one file: data, parties, classes, events, statutory clock, cases, public documents."""
    f = get_file(session, number)
    view = file_view(f, file_clock(f, today, lang), lang)
    view["documents"] = [
        {k: (getattr(d, k).isoformat() if k == "received_at" else getattr(d, k)) for k in PUBLIC_DOC_FIELDS}
        for d in f.documents
        if d.public
    ]
    view["fees"] = [
        {
            "code": x.fee_code,
            "description": x.description,
            "amount": x.amount_vnd,
            "status": x.status,
            "due_date": x.due_date.isoformat() if x.due_date else None,
        }
        for x in f.fees
    ]
    view["etag"] = etag_of(f)
    return view


def etag_of(f: IPFile) -> str:
    return f'"{f.application_number}-v{f.version_id}"'


def version_from_if_match(value: str | None) -> int | None:
    if not value:
        return None
    text = value.strip().removeprefix("W/").strip('"')
    tail = text.rsplit("-v", 1)[-1]
    return int(tail) if tail.isdigit() else -1


# --- the examiner's work queue ----------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueItem:
    application_number: str
    right: str
    status: str
    step: str
    filing_date: date
    anchor_date: date
    due: date | None
    days_left: int | None
    age_days: int
    mark_or_title: str | None
    nice: tuple[int, ...]

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0


def _d(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def work_queue(
    session: Session,
    today: date,
    *,
    right: str | None = None,
    step: str | None = None,
    nice_class: int | None = None,
    min_age: int | None = None,
    index_rows: dict[str, Any] | None = None,
) -> list[QueueItem]:
    """Files waiting for the office, by statutory due date (overdue first, then soonest due)."""
    rows = [r for r in pending_rows(session) if right is None or str(r.right_kind) == right]
    dates = [
        lawlink.FileDates(
            right=RightKind(r.right_kind),
            filing_date=_d(r.filing_date) or today,
            priority_date=_d(r.priority),
            acceptance_date=_d(r.accepted),
            publication_date=_d(r.publication_date),
            examination_request_date=_d(r.requested),
            route=str(r.filing_route) if r.filing_route else None,
        )
        for r in rows
    ]
    info = (
        {
            f.id: f
            for f in session.execute(
                select(IPFile.id, IPFile.application_number, IPFile.mark_text, IPFile.title).where(
                    IPFile.id.in_([r.id for r in rows])
                )
            )
        }
        if rows
        else {}
    )
    out = []
    for r, d, sched in zip(rows, dates, lawlink.schedules_for(dates), strict=True):
        st = Status(r.status)
        the_step = "publication" if moved_on(r.regime_id, st, sched, today) else OFFICE_STEPS[st]
        if step and the_step != step:
            continue
        deadline = next((x for x in sched.deadlines if x.step == the_step), None) if sched else None
        anchor = deadline.anchor_date if deadline else d.filing_date
        row = info[r.id]
        nice = (
            tuple(index_rows[row.application_number].nice)
            if index_rows and row.application_number in index_rows
            else ()
        )
        if nice_class and nice_class not in nice:
            continue
        age = (today - anchor).days
        if min_age is not None and age < min_age:
            continue
        out.append(
            QueueItem(
                application_number=row.application_number,
                right=str(r.right_kind),
                status=r.status,
                step=the_step,
                filing_date=d.filing_date,
                anchor_date=anchor,
                due=deadline.due if deadline else None,
                days_left=(deadline.due - today).days if deadline else None,
                age_days=age,
                mark_or_title=row.mark_text or row.title,
                nice=nice,
            )
        )
    out.sort(
        key=lambda q: (
            q.days_left is None,
            q.days_left if q.days_left is not None else 0,
            q.application_number,
        )
    )
    return out


# --- actions on a file ------------------------------------------------------------------------------------

ACTIONS: dict[str, str] = {
    "accept": "ipoffice.office.examination:accept_formality",
    "deficiency": "ipoffice.office.examination:notify_formality_deficiency",
    "publish": "ipoffice.office.publication:publish",
    "office_action": "ipoffice.office.examination:issue_office_action",
    "intend_grant": "ipoffice.office.examination:notify_intended_grant",
    "intend_refusal": "ipoffice.office.examination:notify_intended_refusal",
    "grant": "ipoffice.office.grant:grant",
    "refuse": "ipoffice.office.examination:refuse",
}


ACTION_EVENTS: dict[str, str] = {
    "accept": "formality_accepted",
    "deficiency": "formality_deficiency_notified",
    "publish": "published",
    "office_action": "office_action_issued",
    "intend_grant": "intended_grant_notified",
    "intend_refusal": "intended_refusal_notified",
    "grant": "granted",
    "refuse": "refused",
}


def allowed_actions(f: IPFile) -> list[str]:
    """The workbench actions the file's procedure allows now (the office's transition table decides)."""
    from ipoffice.office.record import replay
    from ipoffice.office.workflow import allowed_events

    if not f.regime_id:
        return []
    allowed = {str(e) for e in allowed_events(replay(f), RightKind(f.right_kind), f.regime_id)}
    return [a for a, ev in ACTION_EVENTS.items() if ev in allowed]


def act(
    session: Session,
    number: str,
    action: str,
    *,
    on: date,
    actor: str,
    expected_version: int | None,
    note: str = "",
) -> IPFile:
    """Take an examiner action through the office's service; the step check and optimistic lock are theirs."""
    import importlib

    if action not in ACTIONS:
        raise UserError("web.action.unknown", field="action", rule="workbench actions", value=action)
    module, name = ACTIONS[action].split(":")
    fn = getattr(importlib.import_module(module), name)
    kw: dict[str, Any] = {"on": on, "actor": actor, "expected_version": expected_version}
    if note and action in ("office_action", "intend_refusal", "refuse"):
        kw["grounds"] = [note]
    if note and action == "deficiency":
        kw["defects"] = [note]
    fn(session, number, **kw)
    return get_file(session, number)


# --- e-filing a trademark ---------------------------------------------------------------------------------

_key_locks: dict[str, threading.Lock] = {}
_key_locks_guard = threading.Lock()


@dataclass
class TrademarkFiling:
    """What the applicant submits for a mark (web form and ``POST /api/v1/filings``)."""

    mark_text: str
    applicant_name: str
    applicant_address: str = ""
    applicant_country: str = "VN"
    applicant_kind: str = "organisation"
    applicant_email: str | None = None
    nice: list[tuple[int | str, list[str]]] | None = None
    mark_kind: str | None = None
    representative_name: str | None = None
    representative_number: str | None = None

    def request(self, filing_date: date, details: dict[str, Any]) -> FilingRequest:
        if self.applicant_kind not in ("organisation", "person"):
            raise UserError(
                "web.efile.bad_kind",
                field="applicants[0].kind",
                rule="organisation | person",
                value=self.applicant_kind,
            )
        rep = None
        if self.representative_name or self.representative_number:
            rep = PartyInput(
                name=self.representative_name or "", agent_registration_number=self.representative_number
            )
        return FilingRequest(
            right=RightKind.TRADEMARK,
            filing_date=filing_date,
            applicants=[
                PartyInput(
                    name=self.applicant_name,
                    address=self.applicant_address or None,
                    country=self.applicant_country,
                    kind=self.applicant_kind,
                    email=self.applicant_email,
                )
            ],
            mark_text=self.mark_text,
            mark_kind=self.mark_kind,
            representative=rep,
            nice=[NiceClassInput(c, list(t)) for c, t in (self.nice or [])],
            details=details,
        )

    def fingerprint(self) -> str:
        data = json.dumps(self.__dict__, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(data.encode()).hexdigest()

    def extra_details(self) -> dict[str, Any]:
        return {}


@dataclass
class InventionFiling(TrademarkFiling):
    """An invention or utility solution: title, IPC symbols, inventors, and what its fees depend on."""

    title: str = ""
    right: str = "invention"
    ipc: list[str] | None = None
    inventors: list[str] | None = None
    independent_claims: int = 1
    description_pages: int = 0

    def request(self, filing_date: date, details: dict[str, Any]) -> FilingRequest:
        if self.right not in ("invention", "utility_solution"):
            raise UserError(
                "office.filing.unknown_right", field="right", rule="Luật SHTT Art. 3(2)", value=self.right
            )
        req = super().request(filing_date, details)
        req.right = RightKind(self.right)
        req.mark_text = None
        req.nice = []
        req.title = self.title
        req.ipc = list(self.ipc or [])
        req.inventors = [
            PartyInput(name=n, kind="person", country=self.applicant_country) for n in self.inventors or []
        ]
        return req

    def extra_details(self) -> dict[str, Any]:
        return {"independent_claims": self.independent_claims, "description_pages": self.description_pages}


@dataclass
class DesignFiling(TrademarkFiling):
    """An industrial design: the product's title, Locarno classes, authors and the number of variants."""

    title: str = ""
    locarno: list[str] | None = None
    authors: list[str] | None = None
    variants: int = 1

    def request(self, filing_date: date, details: dict[str, Any]) -> FilingRequest:
        from ipoffice.core import classification

        codes = []
        for i, value in enumerate(self.locarno or []):
            try:
                codes.append(classification.normalize_locarno(value))
            except UserError:
                raise UserError(
                    "web.edes.bad_locarno", field=f"locarno[{i}]", rule="Locarno Agreement 1968", value=value
                ) from None
        if not codes:
            raise UserError(
                "office.filing.required", field="locarno", rule="Luật SHTT Art. 103", what="Locarno"
            )
        req = super().request(filing_date, details)
        req.right = RightKind.DESIGN
        req.mark_text = None
        req.nice = []
        req.title = self.title
        req.locarno = codes
        req.inventors = [
            PartyInput(name=n, kind="person", country=self.applicant_country) for n in self.authors or []
        ]
        return req

    def extra_details(self) -> dict[str, Any]:
        return {"design_variants": self.variants}


@dataclass(frozen=True)
class FilingOutcome:
    application_number: str
    created: bool
    fees_vnd: int


def lock_key(session: Session, key: str) -> None:
    """Serialise submissions carrying the same key across processes and servers: PostgreSQL takes a
    transaction-scoped advisory lock on the key's hash; SQLite's ``BEGIN IMMEDIATE`` already admits one writer."""
    from sqlalchemy import text

    if session.get_bind().dialect.name == "postgresql":
        digest = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": digest})


@dataclass
class GIFiling(TrademarkFiling):
    """A geographical indication (Law on IP Art. 79-83, 106): its name, the products, the area and the
    organisation that will manage it."""

    title: str = ""
    products: str = ""
    area: str = ""
    management_organisation: str = ""

    def request(self, filing_date: date, details: dict[str, Any]) -> FilingRequest:
        for name, value, rule in (
            ("products", self.products, "Luật SHTT Art. 106(1)"),
            ("area", self.area, "Luật SHTT Art. 106(1)"),
            ("management_organisation", self.management_organisation, "Luật SHTT Art. 121(4)"),
        ):
            if not value.strip():
                raise UserError("office.filing.required", field=name, rule=rule, what=name)
        req = super().request(filing_date, details)
        req.right = RightKind.GI
        req.mark_text = None
        req.nice = []
        req.title = self.title
        return req

    def extra_details(self) -> dict[str, Any]:
        return {"gi_products": self.products.strip(), "gi_area": self.area.strip()}


def add_management_organisation(session: Session, number: str, name: str, country: str) -> None:
    """The GI's management organisation as a party of the file (the filing service records applicants only)."""
    from ipoffice.office.filing import make_party
    from ipoffice.store.kinds import FilePartyRole
    from ipoffice.store.models import FileParty

    f = get_file(session, number)
    f.parties.append(
        FileParty(
            party=make_party(session, PartyInput(name=name.strip(), country=country)),
            role=FilePartyRole.MANAGEMENT_ORGANISATION,
            position=0,
        )
    )
    session.flush()


def find_by_idempotency_key(session: Session, user_id: int, key: str) -> tuple[IPFile, str] | None:
    """The file a user's earlier submission under ``key`` created, with that submission's hash (indexed
    ``idempotency_keys`` table, unique per user and key)."""
    from ipoffice.store.models import IdempotencyKey

    row = session.scalar(
        select(IdempotencyKey).where(IdempotencyKey.user_id == user_id, IdempotencyKey.key == key)
    )
    if row is None or row.file_id is None:
        return None
    f = session.get(IPFile, row.file_id)
    return (f, row.body_hash) if f is not None else None


def key_lock(key: str) -> threading.Lock:
    with _key_locks_guard:
        return _key_locks.setdefault(key, threading.Lock())


def file_trademark(
    session: Session,
    filing: TrademarkFiling | InventionFiling | DesignFiling | GIFiling,
    *,
    actor: str,
    today: date,
    idempotency_key: str | None,
    user_id: int | None,
) -> FilingOutcome:
    """File (a mark or an invention) in the caller's transaction; with a key, a retried submission returns the first application.

    The key (per user) and a hash of the submission are kept in ``idempotency_keys``: the same key with a
    different submission is refused (409) rather than silently answered with the first file.
    """
    from ipoffice.store.models import IdempotencyKey

    fp = filing.fingerprint()
    keyed = bool(idempotency_key) and user_id is not None
    if idempotency_key and not 8 <= len(idempotency_key) <= 128:
        raise UserError("web.filing.bad_key", field="Idempotency-Key", rule="8-128 characters")
    if keyed:
        assert idempotency_key is not None and user_id is not None
        lock_key(session, f"{user_id}:{idempotency_key}")
        earlier = find_by_idempotency_key(session, user_id, idempotency_key)
        if earlier is not None:
            f, body_hash = earlier
            if body_hash != fp:
                raise Conflict("web.filing.key_reused", field="Idempotency-Key", rule="Idempotency-Key")
            return FilingOutcome(f.application_number, False, sum(x.amount_vnd for x in f.fees))
    details: dict[str, Any] = {"online": True, "submitted_by_user": user_id, **filing.extra_details()}
    result = file_application(session, filing.request(today, details), actor=actor, today=today)
    if keyed:
        created = get_file(session, result.application_number)
        session.add(IdempotencyKey(user_id=user_id, key=idempotency_key, body_hash=fp, file_id=created.id))
        session.flush()
    return FilingOutcome(result.application_number, True, result.fees_vnd)


def my_files(session: Session, user_id: int) -> list[IPFile]:
    return list(
        session.scalars(
            select(IPFile)
            .where(IPFile.details["submitted_by_user"].as_integer() == user_id)
            .order_by(IPFile.id.desc())
        )
    )


# --- the test payment gateway ------------------------------------------------------------------------------


class TestGateway:
    """A clearly labelled test gateway: it settles at once, moves no money, and says so on every receipt.

    A national gateway (e.g. the Public Service Portal's payment platform) implements the same ``settle``."""

    name = "test"
    __test__ = False  # not a pytest class

    def settle(self, amount: int, reference: str) -> str:
        return f"TEST-{hashlib.sha256(reference.encode()).hexdigest()[:12]}"


def pay_fees(
    session: Session, number: str, *, today: date, key: str, gateway: TestGateway | None = None
) -> int:
    """Pay every due fee of the file through the gateway; a replayed ``key`` pays nothing twice."""
    gateway = gateway or TestGateway()
    f = get_file(session, number)
    paid = 0
    for fee in f.fees:
        if fee.status != "due":
            continue
        pkey = f"{key}:{fee.id}"
        if session.scalar(select(Payment.id).where(Payment.idempotency_key == pkey)) is not None:
            continue
        ref = gateway.settle(fee.amount_vnd, pkey)
        session.add(
            Payment(
                fee=fee,
                file_id=f.id,
                amount_vnd=fee.amount_vnd,
                paid_date=today,
                gateway=gateway.name,
                reference=ref,
                idempotency_key=pkey,
                details={"test_gateway": True},
            )
        )
        fee.status = "paid"
        fee.paid_date = today
        paid += fee.amount_vnd
    session.flush()
    return paid


def due_fees(f: IPFile) -> list[Fee]:
    return [x for x in f.fees if x.status == "due"]


def store_upload(
    session: Session, request: Any, number: str, upload: Any, doc_type: str, public: bool
) -> int:
    """Add a checked upload to the file's documents (bytes in the content-addressed store, row in the caller's
    transaction)."""
    from ipoffice.store.config import files_dir
    from ipoffice.store.files import FileStore, add_document

    f = get_file(session, number)
    store = FileStore(files_dir(request.app.state.settings.database_url))
    doc = add_document(
        session,
        store,
        upload.data,
        doc_type=doc_type,
        file_name=upload.label,
        media_type=upload.media_type,
        file_id=f.id,
        public=public,
    )
    session.flush()
    return int(doc.id)


FILER_REQUESTS: dict[str, str] = {"examination": "examination_requested"}


def allowed_requests(f: IPFile) -> list[str]:
    """Requests the applicant may make now (the office's transition table decides)."""
    from ipoffice.office.record import replay
    from ipoffice.office.workflow import allowed_events

    if not f.regime_id:
        return []
    allowed = {str(e) for e in allowed_events(replay(f), RightKind(f.right_kind), f.regime_id)}
    done = {e.code for e in f.events}
    return [k for k, ev in FILER_REQUESTS.items() if ev in allowed and ev not in done]
