"""``/api/v1`` endpoints."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Header, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from ipoffice.core import classification
from ipoffice.core.errors import NotFound, UserError
from ipoffice.core.rights import RightKind
from ipoffice.exchange.export import st97_document
from ipoffice.exchange.from_register import record_from_file
from ipoffice.law import FilingRequest as FeeRequest
from ipoffice.law import fee_quote
from ipoffice.office.clock import backlog, file_clock
from ipoffice.office.events import event_label
from ipoffice.office.record import get_file
from ipoffice.store.config import files_dir
from ipoffice.store.db import transaction
from ipoffice.store.files import FileStore
from ipoffice.store.models import Document, User
from ipoffice.web.auth import Access, Forbidden, Principal, authenticate, require
from ipoffice.web.errors import PreconditionFailed, PreconditionRequired
from ipoffice.web.pages.common import db, today
from ipoffice.web.register_index import Row, SearchQuery
from ipoffice.web.services import (
    ACTIONS,
    TrademarkFiling,
    act,
    etag_of,
    file_trademark,
    key_lock,
    pay_fees,
    store_upload,
    version_from_if_match,
)
from ipoffice.web.uploads import DOC_TYPES, MAX_UPLOAD_BYTES, check_upload

router = APIRouter(tags=["register"])
PUBLIC = [Depends(require(Access.PUBLIC))]


class ErrorBody(BaseModel):
    error: str
    field: str | None
    rule: str | None
    message: str
    params: dict[str, str]
    status: int


ERRORS: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorBody} for s in (401, 403, 404, 409, 412, 422, 428, 429)
}


def _item(r: Row) -> dict[str, Any]:
    return {
        "ApplicationNumberText": r.application_number,
        "RegistrationNumber": r.registration_number,
        "IPRightCategory": r.right,
        "MarkVerbalElementText": r.mark_text,
        "Title": r.title,
        "ApplicationDate": r.filing_date.isoformat(),
        "CurrentStatus": r.status,
        "ApplicantName": list(r.owners),
        "NiceClassNumber": list(r.nice),
    }


def _page(request: Request, query: SearchQuery, s: Session) -> JSONResponse:
    result = request.app.state.index.search(s, query)
    links = []
    if result.page < result.pages:
        links.append(f'<{request.url.include_query_params(page=result.page + 1)}>; rel="next"')
    if result.page > 1:
        links.append(f'<{request.url.include_query_params(page=result.page - 1)}>; rel="prev"')
    body = {
        "total": result.total,
        "page": result.page,
        "perPage": result.per_page,
        "pages": result.pages,
        "items": [_item(r) for r in result.rows],
    }
    return JSONResponse(body, headers={"Link": ", ".join(links)} if links else None)


PageNo = Annotated[int, Query(ge=1, le=100_000)]
PerPage = Annotated[int, Query(alias="perPage", ge=1, le=100)]


@router.get("/search", dependencies=PUBLIC, responses=ERRORS)
def search(
    request: Request,
    s: Annotated[Session, Depends(db)],
    q: Annotated[
        str, Query(max_length=200, description="number, mark, title, applicant/owner; diacritics optional")
    ] = "",
    right: RightKind | None = None,
    status: Annotated[str | None, Query(max_length=32)] = None,
    nice_class: Annotated[int | None, Query(alias="niceClass", ge=1, le=45)] = None,
    page: PageNo = 1,
    per_page: PerPage = 20,
) -> JSONResponse:
    """Search the register (public)."""
    return _page(
        request, SearchQuery(q, str(right) if right else None, status, nice_class, page, per_page), s
    )


@router.get("/files", dependencies=PUBLIC, responses=ERRORS)
def list_files(
    request: Request,
    s: Annotated[Session, Depends(db)],
    right: RightKind | None = None,
    status: Annotated[str | None, Query(max_length=32)] = None,
    page: PageNo = 1,
    per_page: PerPage = 20,
) -> JSONResponse:
    """Every file of the register, newest filing first (public)."""
    return _page(request, SearchQuery("", str(right) if right else None, status, None, page, per_page), s)


@router.get("/files/{number}", dependencies=PUBLIC, responses=ERRORS)
def get_one(
    request: Request,
    number: str,
    s: Annotated[Session, Depends(db)],
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """One file (ST.97-style) with its statutory clock; ``ETag`` carries its version."""
    f = get_file(s, number)
    tag = etag_of(f)
    if if_none_match == tag:
        return Response(status_code=304, headers={"ETag": tag})
    body = st97_document(record_from_file(f))
    body["StatutoryClock"] = file_clock(f, today(request), request.state.lang).to_dict()
    body["Version"] = f.version_id
    return JSONResponse(body, headers={"ETag": tag})


@router.get("/files/{number}/events", dependencies=PUBLIC, responses=ERRORS)
def list_events(request: Request, number: str, s: Annotated[Session, Depends(db)]) -> dict[str, Any]:
    """The file's events in order (public)."""
    f = get_file(s, number)
    right = RightKind(f.right_kind)
    return {
        "ApplicationNumberText": f.application_number,
        "items": [
            {
                "EventSequence": e.sequence,
                "EventCode": e.code,
                "EventDate": e.event_date.isoformat(),
                "EventText": event_label(e.code, right, request.state.lang),
                "LegalBasis": e.legal_basis,
                "LegalStatusCode": e.legal_status_code,
                "LegalStatusStandard": e.legal_status_standard,
            }
            for e in f.events
        ],
    }


@router.get("/files/{number}/export", responses=ERRORS)
def export_file(
    request: Request,
    number: str,
    who: Annotated[Principal, Depends(require(Access.SIGNED_IN))],
    s: Annotated[Session, Depends(db)],
) -> JSONResponse:
    """The whole file for the office and the filer of record: the ST.97-style record, its events and its AI trail
    (every assistant use and decision, with the hash chain verified)."""
    from ipoffice.assist import trail
    from ipoffice.web.pages.assist import may_see_trail

    f = get_file(s, number)
    if not may_see_trail(who, f.details):
        raise Forbidden(
            "web.auth.not_yours", field="number", rule="filer of record or office", role=str(who.role)
        )
    right = RightKind(f.right_kind)
    body = st97_document(record_from_file(f))
    body["Version"] = f.version_id
    body["EventBag"] = [
        {
            "EventSequence": e.sequence,
            "EventCode": e.code,
            "EventDate": e.event_date.isoformat(),
            "EventText": event_label(e.code, right, request.state.lang),
            "LegalBasis": e.legal_basis,
            "LegalStatusCode": e.legal_status_code,
            "RecordedAt": e.recorded_at.isoformat(),
            "Actor": e.actor,
        }
        for e in f.events
    ]
    body["AITrail"] = trail.export(s, f.application_number)
    name = f.application_number.replace("/", "_")
    return JSONResponse(
        body, headers={"Content-Disposition": f'attachment; filename="{name}.json"', "ETag": etag_of(f)}
    )


class EventIn(BaseModel):
    action: str = Field(description="one of: " + ", ".join(ACTIONS))
    note: str = Field("", max_length=2000)


@router.post("/files/{number}/events", status_code=201, responses=ERRORS)
def add_event(
    request: Request,
    number: str,
    body: EventIn,
    who: Annotated[Principal, Depends(require(Access.EXAMINER))],
    if_match: Annotated[str | None, Header()] = None,
) -> JSONResponse:
    """An examiner's action (accept, publish, office_action, grant, refuse ...). Needs ``If-Match``."""
    expected = version_from_if_match(if_match)
    if expected is None:
        raise PreconditionRequired("web.api.if_match_required", field="If-Match", rule="RFC 9110 §13.1.1")
    with transaction(request.app.state.engine, actor=who.actor) as s:
        f = get_file(s, number)
        if f.version_id != expected:
            raise PreconditionFailed(
                "web.api.stale",
                field="If-Match",
                rule="RFC 9110 §13.1.1",
                actual=etag_of(f),
                expected=if_match,
            )
        f = act(
            s,
            number,
            body.action,
            on=today(request),
            actor=who.actor,
            expected_version=expected,
            note=body.note,
        )
        tag, status = etag_of(f), f.status
    return JSONResponse(
        {"ApplicationNumberText": number, "CurrentStatus": status},
        status_code=201,
        headers={"ETag": tag, "Location": f"/api/v1/files/{number}"},
    )


@router.get("/files/{number}/documents", dependencies=PUBLIC, responses=ERRORS)
def list_documents(number: str, s: Annotated[Session, Depends(db)]) -> dict[str, Any]:
    """The file's published documents (metadata)."""
    f = get_file(s, number)
    return {
        "items": [
            {
                "DocumentIdentifier": d.id,
                "DocumentCategory": d.doc_type,
                "FileName": d.file_name,
                "MediaType": d.media_type,
                "FileSize": d.size,
                "SHA256": d.sha256,
                "ReceivedDate": d.received_at.isoformat(),
            }
            for d in f.documents
            if d.public
        ]
    }


@router.get("/files/{number}/documents/{doc_id}", dependencies=PUBLIC, responses=ERRORS)
def get_document(request: Request, number: str, doc_id: int, s: Annotated[Session, Depends(db)]) -> Response:
    """The bytes of a published document (never a path taken from the request)."""
    f = get_file(s, number)
    d = s.get(Document, doc_id)
    if d is None or d.file_id != f.id or not d.public:
        raise NotFound("web.api.no_document", field="doc_id", rule="public documents", id=doc_id)
    data = FileStore(files_dir(request.app.state.settings.database_url)).get(d.storage_key)
    return Response(
        data,
        media_type=d.media_type,
        headers={"Content-Disposition": f'attachment; filename="document-{d.id}"', "ETag": f'"{d.sha256}"'},
    )


@router.post("/files/{number}/documents", status_code=201, responses=ERRORS)
async def upload_document(
    request: Request,
    number: str,
    who: Annotated[Principal, Depends(require(Access.SIGNED_IN))],
    file: Annotated[UploadFile, File(description="PDF, PNG or JPEG (checked by content)")],
    DocumentCategory: Annotated[str, Form(max_length=32)] = "other",  # noqa: N803 (ST.96 name)
    public: Annotated[bool, Form()] = False,
) -> dict[str, Any]:
    """Add a document to a file: its filer (never public) or an examiner (may publish it)."""
    if DocumentCategory not in DOC_TYPES:
        raise UserError(
            "web.upload.bad_doc_type",
            field="DocumentCategory",
            rule=", ".join(sorted(DOC_TYPES)),
            value=DocumentCategory,
        )
    upload = check_upload(await file.read(MAX_UPLOAD_BYTES + 1), file.filename)
    with transaction(request.app.state.engine, actor=who.actor) as s:
        f = get_file(s, number)
        examiner = who.may(Access.EXAMINER)
        if not examiner and (
            not who.may(Access.FILER) or (f.details or {}).get("submitted_by_user") != who.user_id
        ):
            raise Forbidden(
                "web.auth.not_yours", field="number", rule="owner of the filing", role=str(who.role)
            )
        doc_id = store_upload(s, request, number, upload, DocumentCategory, public=public and examiner)
    return {
        "DocumentIdentifier": doc_id,
        "MediaType": upload.media_type,
        "FileSize": len(upload.data),
        "FileName": upload.label,
        "Public": bool(public and examiner),
    }


class PartyIn(BaseModel):
    EntityName: str = Field(min_length=1, max_length=500)
    PostalAddressText: str = Field("", max_length=1000)
    CountryCode: str = Field("VN", min_length=2, max_length=2)
    PartyCategory: str = Field("organisation", pattern="^(organisation|person)$")
    EmailAddressText: str | None = Field(None, max_length=255)


class GoodsServicesIn(BaseModel):
    ClassNumber: int = Field(ge=1, le=45)
    GoodsServicesDescriptionText: list[str] = Field(min_length=1, max_length=200)


class RepresentativeIn(BaseModel):
    EntityName: str = Field(min_length=1, max_length=500)
    RegistrationNumber: str = Field(min_length=2, max_length=32)


class TrademarkFilingIn(BaseModel):
    """A trademark application (ST.96 names)."""

    MarkVerbalElementText: str = Field(min_length=1, max_length=500)
    Applicant: PartyIn
    GoodsServices: list[GoodsServicesIn] = Field(min_length=1, max_length=45)
    MarkCategory: str | None = None
    Representative: RepresentativeIn | None = None


@router.post("/filings", status_code=201, responses=ERRORS)
def create_filing(
    request: Request,
    body: TrademarkFilingIn,
    who: Annotated[Principal, Depends(require(Access.FILER))],
    idempotency_key: Annotated[str | None, Header(max_length=128)] = None,
) -> JSONResponse:
    """File a trademark application. With ``Idempotency-Key``, a retry returns the first application (200)."""
    filing = TrademarkFiling(
        mark_text=body.MarkVerbalElementText,
        applicant_name=body.Applicant.EntityName,
        applicant_address=body.Applicant.PostalAddressText,
        applicant_country=body.Applicant.CountryCode,
        applicant_kind=body.Applicant.PartyCategory,
        applicant_email=body.Applicant.EmailAddressText,
        nice=[(g.ClassNumber, g.GoodsServicesDescriptionText) for g in body.GoodsServices],
        mark_kind=body.MarkCategory,
        representative_name=body.Representative.EntityName if body.Representative else None,
        representative_number=body.Representative.RegistrationNumber if body.Representative else None,
    )
    lock = key_lock(idempotency_key) if idempotency_key else None
    if lock:
        lock.acquire()
    try:
        with transaction(request.app.state.engine, actor=who.actor) as s:
            out = file_trademark(
                s,
                filing,
                actor=who.actor,
                today=today(request),
                idempotency_key=idempotency_key,
                user_id=who.user_id,
            )
    finally:
        if lock:
            lock.release()
    headers = {"Location": f"/api/v1/files/{out.application_number}"}
    if not out.created:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(
        {"ApplicationNumberText": out.application_number, "FeeAmount": out.fees_vnd, "CurrencyCode": "VND"},
        status_code=201 if out.created else 200,
        headers=headers,
    )


class PaymentIn(BaseModel):
    PaymentReference: str = Field(min_length=8, max_length=100, description="your idempotency reference")


@router.post("/files/{number}/payments", status_code=201, responses=ERRORS)
def create_payment(
    request: Request,
    number: str,
    body: PaymentIn,
    who: Annotated[Principal, Depends(require(Access.FILER))],
) -> dict[str, Any]:
    """Pay the file's due fees through the built-in TEST gateway (no money moves)."""
    with transaction(request.app.state.engine, actor=who.actor) as s:
        f = get_file(s, number)
        if who.role != "admin" and (f.details or {}).get("submitted_by_user") != who.user_id:
            from ipoffice.web.auth import Forbidden

            raise Forbidden(
                "web.auth.not_yours", field="number", rule="owner of the filing", role=str(who.role)
            )
        paid = pay_fees(s, number, today=today(request), key=body.PaymentReference)
    return {"ApplicationNumberText": number, "PaidAmount": paid, "CurrencyCode": "VND", "Gateway": "test"}


class TokenIn(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)
    label: str = Field(default="", max_length=64, description="a name to tell your tokens apart")


@router.post("/tokens", status_code=201, dependencies=PUBLIC, responses=ERRORS)
def create_token(request: Request, body: TokenIn, s: Annotated[Session, Depends(db)]) -> dict[str, Any]:
    """Exchange a username and password for an API token (``Authorization: Bearer <token>``)."""
    throttle = request.app.state.throttle
    client = request.client.host if request.client else "?"
    throttle.check(client)
    user: User | None = authenticate(s, body.username, body.password)
    if user is None:
        throttle.failed(client)
        from ipoffice.web.auth import AuthRequired

        raise AuthRequired("web.auth.bad_login", field="password", rule="login")
    throttle.succeeded(client)
    from ipoffice.web import tokens

    with transaction(request.app.state.engine, actor=f"web:{user.username}") as ts:
        token = tokens.issue(ts, ts.get(User, user.id) or user, body.label or "API")
    return {
        "token": token,
        "tokenType": "Bearer",
        "role": str(user.role),
    }


@router.get("/fees/quote", dependencies=PUBLIC, responses=ERRORS)
def quote(
    request: Request,
    right: RightKind = RightKind.TRADEMARK,
    classes: Annotated[int, Query(ge=1, le=45)] = 1,
    claims: Annotated[int, Query(ge=1, le=999)] = 1,
    pages: Annotated[int, Query(ge=0, le=100_000)] = 0,
    priorities: Annotated[int, Query(ge=0, le=99)] = 0,
    online: bool = False,
    on: date | None = None,
) -> dict[str, Any]:
    """Official fees under the tariff in force on ``on`` (default today)."""
    q = fee_quote(
        FeeRequest(
            right=right,
            classes=classes,
            independent_claims=claims,
            description_pages=pages,
            priority_claims=priorities,
            online=online,
        ),
        on=on or today(request),
    )
    return q.to_dict(request.state.lang)


@router.get("/nice/terms", dependencies=PUBLIC, responses=ERRORS)
def nice_terms(
    q: Annotated[str, Query(min_length=1, max_length=100)],
    nice_class: Annotated[int | None, Query(alias="niceClass", ge=1, le=45)] = None,
) -> dict[str, Any]:
    """Goods and services of the Nice list matching ``q`` (accent-insensitive word prefixes)."""
    return {
        "items": [
            {"ClassNumber": t.nice_class, "BasicNumber": t.basic_number, "Term": t.term}
            for t in classification.find_nice_terms(q, nice_class, limit=50)
        ]
    }


@router.get("/statistics/backlog", dependencies=PUBLIC, responses=ERRORS)
def backlog_stats(request: Request, s: Annotated[Session, Depends(db)]) -> dict[str, Any]:
    """Pending files by right and step against the statutory limits."""
    return backlog(s, today(request)).to_dict()


# --- API tokens, marketplace, reminders ---------------------------------------------------------------------


@router.get("/tokens", responses=ERRORS, tags=["tokens"])
def list_tokens(
    who: Annotated[Principal, Depends(require(Access.SIGNED_IN))], s: Annotated[Session, Depends(db)]
) -> dict[str, Any]:
    """The caller's API tokens (never the token itself: its prefix, label, dates and last use)."""
    from ipoffice.web import tokens

    def iso(v: Any) -> str | None:
        return v.isoformat() if v is not None else None

    items = [
        {
            "id": t.id,
            "label": t.label,
            "prefix": t.prefix,
            "createdAt": iso(t.created_at),
            "expiresAt": iso(t.expires_at),
            "lastUsedAt": iso(t.last_used_at),
            "revokedAt": iso(t.revoked_at),
        }
        for t in tokens.user_tokens(s, who.user_id or 0)
    ]
    return {"total": len(items), "items": items}


@router.delete("/tokens/{token_id}", status_code=204, responses=ERRORS, tags=["tokens"])
def revoke_token(
    request: Request, token_id: int, who: Annotated[Principal, Depends(require(Access.SIGNED_IN))]
) -> Response:
    """Revoke one of the caller's tokens (the others keep working)."""
    from ipoffice.web import tokens

    with transaction(request.app.state.engine, actor=who.actor) as ts:
        tokens.revoke(ts, who.user_id or 0, token_id)
    return Response(status_code=204)


@router.get("/marketplace/listings", dependencies=PUBLIC, responses=ERRORS, tags=["marketplace"])
def marketplace_listings(
    s: Annotated[Session, Depends(db)],
    q: Annotated[str, Query(max_length=200)] = "",
    right: Annotated[str, Query(max_length=32)] = "",
    classSymbol: Annotated[str, Query(max_length=32)] = "",  # noqa: N803 (ST.90-style query names)
    ownerType: Annotated[str, Query(max_length=16)] = "",  # noqa: N803
    offer: Annotated[str, Query(max_length=16)] = "",
) -> dict[str, Any]:
    """Rights offered for licence or sale (the IP marketplace), newest first."""
    from dataclasses import asdict

    from ipoffice.web import market

    found = market.search_listings(s, q, right, classSymbol, ownerType, offer)
    items = [{k: v for k, v in asdict(v).items() if k != "user_id"} for v in found]
    return {"total": len(items), "items": items}


@router.get("/reminders", responses=ERRORS, tags=["reminders"])
def reminders_list(
    request: Request,
    who: Annotated[Principal, Depends(require(Access.SIGNED_IN))],
    s: Annotated[Session, Depends(db)],
) -> dict[str, Any]:
    """The next renewal or annuity of each granted title the caller filed (window, due, grace end, state)."""
    from dataclasses import asdict

    from ipoffice.web import reminders

    on = today(request)
    items = []
    for r in reminders.reminders(s, who.user_id or 0, on):
        d = asdict(r)
        for k in ("window_start", "due", "grace_end"):
            d[k] = d[k].isoformat() if d[k] else None
        items.append(d)
    return {"today": on.isoformat(), "total": len(items), "items": items}


# --- the trademark conflict search (ipoffice.web.marks): one engine, the workbench's uses on the AI trail ------


def _hit(h: Any, lang: str) -> dict[str, Any]:
    d = h.as_dict(lang)
    return {
        "ApplicationNumberText": d["number"],
        "MarkVerbalElementText": d["mark"],
        "NiceClassNumber": d["classes"],
        "ApplicantName": d["owner"],
        "ApplicationDate": d["filing_date"],
        "CurrentStatus": d["status"],
        "Score": d["score"],
        "Dimensions": d["dimensions"],
        "Reasons": d["why"],
    }


@router.get("/trademarks/check", dependencies=PUBLIC, responses=ERRORS, tags=["trademark search"])
def check_mark(
    request: Request,
    mark: Annotated[str, Query(max_length=10_000, description="the words of the mark")] = "",
    nice_class: Annotated[list[str] | None, Query(alias="niceClass", description="Nice classes 1-45")] = None,
) -> dict[str, Any]:
    """The public pre-filing check: live earlier marks of the register likely to conflict, with the reasons.
    Read-only; nothing is recorded."""
    from ipoffice.web.marks import check_classes, prefiling_check

    shared = request.app.state.marks
    hits = prefiling_check(shared, mark, check_classes(nice_class or [], "niceClass"), "mark")
    return {
        "MarkVerbalElementText": mark.strip(),
        "IndexVersion": shared.version,
        "items": [_hit(h, request.state.lang) for h in hits],
    }


@router.post(
    "/files/{number}/conflict-searches", status_code=201, responses=ERRORS, tags=["trademark search"]
)
def conflict_search(
    request: Request, number: str, who: Annotated[Principal, Depends(require(Access.EXAMINER))]
) -> dict[str, Any]:
    """The examiner's conflict search for the file (its mark, classes and goods; earlier marks only), recorded on
    the file's AI trail; ``UseId`` is the trail entry to record decisions against."""
    from ipoffice.web.marks import workbench_search

    found = workbench_search(request.app.state.marks, number, who.actor)
    return {
        "ApplicationNumberText": found.number,
        "UseId": found.use_id,
        "IndexVersion": found.index_version,
        "EarlierThan": found.effective_date.isoformat(),
        "items": [_hit(h, request.state.lang) for h in found.hits],
    }


class DecisionIn(BaseModel):
    ApplicationNumberText: str = Field(min_length=1, max_length=64, description="the hit it is about")
    Decision: str = Field(description="cited, dismissed or noted")
    Note: str = Field("", max_length=2000)


@router.post(
    "/files/{number}/conflict-searches/{use_id}/decisions",
    status_code=201,
    responses=ERRORS,
    tags=["trademark search"],
)
def conflict_decision(
    request: Request,
    number: str,
    use_id: int,
    body: DecisionIn,
    who: Annotated[Principal, Depends(require(Access.EXAMINER))],
) -> dict[str, Any]:
    """What the examiner did with one hit of a recorded search (a trail action; the file itself unchanged)."""
    from ipoffice.web.marks import record_decision

    with transaction(request.app.state.engine, actor=who.actor) as s:
        entry = record_decision(
            s, number, use_id, body.ApplicationNumberText, body.Decision, body.Note, who.actor
        )
    return entry.to_json()


# --- prior-art search and IPC suggestion (ipoffice.web.prior_art): one index, the workbench's uses on the trail ---


@router.get("/prior-art/index", responses=ERRORS, tags=["prior art"])
def prior_art_index(
    request: Request, who: Annotated[Principal, Depends(require(Access.EXAMINER))]
) -> dict[str, Any]:
    """The office's prior-art index (built from the register's patent files when first needed or after they
    changed): version, documents, model, when built and, when this process built it, the build's cost."""
    from ipoffice.web.prior_art import build_info

    shared = request.app.state.prior_art
    with shared.current():
        return build_info(shared)


@router.post("/files/{number}/prior-art-searches", status_code=201, responses=ERRORS, tags=["prior art"])
def prior_art_search(
    request: Request, number: str, who: Annotated[Principal, Depends(require(Access.EXAMINER))]
) -> dict[str, Any]:
    """The examiner's prior-art search for a patent file (its title, abstract and claims; documents dated before
    its priority or filing date; the file itself excluded), recorded on its AI trail; ``UseId`` is the trail
    entry to record decisions against. Each hit carries the passages that match, the matching words marked."""
    from ipoffice.web.prior_art import workbench_prior_art

    found = workbench_prior_art(request.app.state.prior_art, number, who.actor)
    data = found.result.to_json()
    return {
        "ApplicationNumberText": found.number,
        "UseId": found.use_id,
        "IndexVersion": data["index_version"],
        "Model": data["model"],
        "ModelVersion": data["model_version"],
        "EarlierThan": found.own_date.isoformat() if found.own_date else None,
        "Terms": data["terms"],
        "Documents": data["documents"],
        "items": data["hits"],
    }


@router.post("/files/{number}/ipc-suggestions", status_code=201, responses=ERRORS, tags=["prior art"])
def ipc_suggestions(
    request: Request, number: str, who: Annotated[Principal, Depends(require(Access.EXAMINER))]
) -> dict[str, Any]:
    """IPC subclasses and main groups suggested for a patent file, each with its confidence and the documents
    behind it, recorded on the file's AI trail (``UseId``)."""
    from ipoffice.web.prior_art import workbench_ipc

    found = workbench_ipc(request.app.state.prior_art, number, who.actor)
    return {"ApplicationNumberText": found.number, "UseId": found.use_id, **found.suggestions.to_json()}


class ResultDecisionIn(BaseModel):
    Item: str = Field(
        min_length=1, max_length=200, description="the result it is about (document id, IPC symbol)"
    )
    Decision: str = Field(description="prior art: cited, dismissed or noted; IPC: accepted or rejected")
    Note: str = Field("", max_length=2000)


def _assist_decision(
    request: Request, number: str, use_id: int, body: ResultDecisionIn, who: Principal, assistant: str
) -> dict[str, Any]:
    from ipoffice.web.prior_art import record_decision

    with transaction(request.app.state.engine, actor=who.actor) as s:
        entry = record_decision(s, number, use_id, body.Item, body.Decision, body.Note, who.actor, assistant)
    return entry.to_json()


@router.post(
    "/files/{number}/prior-art-searches/{use_id}/decisions",
    status_code=201,
    responses=ERRORS,
    tags=["prior art"],
)
def prior_art_decision(
    request: Request,
    number: str,
    use_id: int,
    body: ResultDecisionIn,
    who: Annotated[Principal, Depends(require(Access.EXAMINER))],
) -> dict[str, Any]:
    """What the examiner did with one document of a recorded prior-art search (a trail action)."""
    return _assist_decision(request, number, use_id, body, who, "prior_art")


@router.post(
    "/files/{number}/ipc-suggestions/{use_id}/decisions",
    status_code=201,
    responses=ERRORS,
    tags=["prior art"],
)
def ipc_decision(
    request: Request,
    number: str,
    use_id: int,
    body: ResultDecisionIn,
    who: Annotated[Principal, Depends(require(Access.EXAMINER))],
) -> dict[str, Any]:
    """The examiner accepted or rejected one IPC suggestion of a recorded use (a trail action)."""
    return _assist_decision(request, number, use_id, body, who, "ipc_suggest")
