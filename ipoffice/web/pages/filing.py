"""Applicant e-filing of a trademark (Nice picker, pre-filing similarity check), payment, and the examiner's
work queue and workbench actions."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from ipoffice.core import classification
from ipoffice.core.errors import UserError
from ipoffice.office.record import get_file
from ipoffice.store.db import transaction
from ipoffice.web.auth import Access, Principal, require
from ipoffice.web.pages.common import db, page, today
from ipoffice.web.services import (
    ACTIONS,
    TrademarkFiling,
    act,
    due_fees,
    file_trademark,
    pay_fees,
    store_upload,
    work_queue,
)
from ipoffice.web.uploads import IMAGES, MAX_UPLOAD_BYTES, check_upload

router = APIRouter()
CLASS_ROWS = 3


def _classes_from_form(form: dict[str, str]) -> list[tuple[str, list[str]]]:
    out = []
    for i in range(1, CLASS_ROWS + 1):
        number = form.get(f"nice_class_{i}", "").strip()
        terms = [t.strip() for t in form.get(f"terms_{i}", "").replace(";", "\n").splitlines() if t.strip()]
        if number or terms:
            out.append((number, terms))
    return out


def _form_field(field: str | None) -> str:
    """The form input a service's field name points at (``nice[1].terms`` -> ``terms_2``)."""
    if not field:
        return "form"
    if field.startswith("nice["):
        i = int(field[5 : field.index("]")]) + 1
        return f"terms_{i}" if field.endswith("terms") else f"nice_class_{i}"
    return {
        "applicants[0].name": "applicant_name",
        "applicants[0].country": "applicant_country",
        "applicants[0]": "representative_name",
        "nice": "nice_class_1",
        "mark_text": "mark_text",
        "representative.name": "representative_name",
        "representative.agent_registration_number": "representative_number",
        "representative.country": "representative_name",
    }.get(field, field)


def _filing_page(
    request: Request, form: dict[str, str], errors: dict[str, str], status: int = 200
) -> HTMLResponse:
    form.setdefault("submission_id", secrets.token_urlsafe(16))
    return page(
        request,
        "file_trademark.html",
        {
            "form": form,
            "errors": errors,
            "rows": range(1, CLASS_ROWS + 1),
            "classes": classification.nice_classes(),
        },
        status=status,
    )


@router.get("/file/trademark", response_class=HTMLResponse, dependencies=[Depends(require(Access.FILER))])
def trademark_form(request: Request) -> HTMLResponse:
    return _filing_page(request, {"applicant_country": "VN"}, {})


@router.post("/file/trademark", response_class=HTMLResponse)
async def trademark_submit(
    request: Request, who: Annotated[Principal, Depends(require(Access.FILER))]
) -> Response:
    raw = await request.form()
    form = {k: v for k, v in raw.items() if k != "csrf_token" and isinstance(v, str)}
    image = raw.get("mark_image")
    upload = None
    if image is not None and not isinstance(image, str) and image.filename:
        data = await image.read(MAX_UPLOAD_BYTES + 1)
        try:
            upload = check_upload(data, image.filename, IMAGES, field="mark_image")
        except UserError as err:
            return _filing_page(request, form, {"mark_image": err.message(request.state.lang)}, status=422)
    filing = TrademarkFiling(
        mark_text=form.get("mark_text", ""),
        applicant_name=form.get("applicant_name", ""),
        applicant_address=form.get("applicant_address", ""),
        applicant_country=form.get("applicant_country", "VN") or "VN",
        applicant_kind=form.get("applicant_kind", "organisation") or "organisation",
        applicant_email=form.get("applicant_email") or None,
        nice=_classes_from_form(form),  # type: ignore[arg-type]
        representative_name=form.get("representative_name") or None,
        representative_number=form.get("representative_number") or None,
    )
    try:
        with transaction(request.app.state.engine, actor=who.actor) as s:
            out = file_trademark(
                s,
                filing,
                actor=who.actor,
                today=today(request),
                idempotency_key=form.get("submission_id") or None,
                user_id=who.user_id,
            )
            if upload is not None and out.created:
                store_upload(s, request, out.application_number, upload, "mark_image", public=False)
    except UserError as err:
        return _filing_page(
            request, form, {_form_field(err.field): err.message(request.state.lang)}, status=422
        )
    return RedirectResponse(f"/files/{out.application_number}?filed=1", status_code=303)


@router.get(
    "/file/trademark/check", response_class=HTMLResponse, dependencies=[Depends(require(Access.FILER))]
)
def trademark_check(
    request: Request,
    mark_text: str = "",
    nice_class_1: str = "",
    nice_class_2: str = "",
    nice_class_3: str = "",
) -> HTMLResponse:
    """The filing form's similarity check (htmx fragment): the office index, nothing recorded."""
    from ipoffice.web.pages.assist import similar_fragment

    return similar_fragment(request, mark_text, [nice_class_1, nice_class_2, nice_class_3])


@router.post("/files/{number}/pay", response_class=HTMLResponse)
async def pay(
    request: Request, number: str, who: Annotated[Principal, Depends(require(Access.FILER))]
) -> Response:
    form = await request.form()
    key = str(form.get("payment_id") or secrets.token_urlsafe(12))
    with transaction(request.app.state.engine, actor=who.actor) as s:
        f = get_file(s, number)
        if who.role != "admin" and (f.details or {}).get("submitted_by_user") != who.user_id:
            from ipoffice.web.auth import Forbidden

            raise Forbidden(
                "web.auth.not_yours", field="number", rule="owner of the filing", role=str(who.role)
            )
        if due_fees(f):
            pay_fees(s, number, today=today(request), key=key)
    return RedirectResponse(f"/files/{number}?paid=1", status_code=303)


@router.get("/examiner/queue", response_class=HTMLResponse, dependencies=[Depends(require(Access.EXAMINER))])
def queue_page(
    request: Request,
    s: Annotated[Session, Depends(db)],
    right: str = "",
    step: str = "",
    nice_class: str = "",
    min_age: str = "",
) -> HTMLResponse:
    index = request.app.state.index
    index.refresh(s)
    rows = {r.application_number: r for r in index._rows}
    items = work_queue(
        s,
        today(request),
        right=right or None,
        step=step or None,
        nice_class=int(nice_class) if nice_class.isdigit() else None,
        min_age=int(min_age) if min_age.isdigit() else None,
        index_rows=rows,
    )
    form = {"right": right, "step": step, "nice_class": nice_class, "min_age": min_age}
    return page(
        request,
        "queue.html",
        {
            "items": items[:500],
            "total": len(items),
            "form": form,
            "steps": ["formality_examination", "publication", "substantive_examination"],
        },
    )


@router.post("/files/{number}/actions", response_class=HTMLResponse)
async def take_action(
    request: Request,
    number: str,
    who: Annotated[Principal, Depends(require(Access.EXAMINER))],
) -> Response:
    form = await request.form()
    action = str(form.get("action", ""))
    version = str(form.get("version", ""))
    if action not in ACTIONS:
        raise UserError("web.action.unknown", field="action", rule="workbench actions", value=action)
    with transaction(request.app.state.engine, actor=who.actor) as s:
        act(
            s,
            number,
            action,
            on=today(request),
            actor=who.actor,
            expected_version=int(version) if version.isdigit() else None,
            note=str(form.get("note", ""))[:2000],
        )
    return RedirectResponse(f"/files/{number}?done={action}", status_code=303)


@router.post("/files/{number}/reply", response_class=HTMLResponse)
async def reply(
    request: Request, number: str, who: Annotated[Principal, Depends(require(Access.FILER))]
) -> Response:
    """The filer answers a deficiency notice, an office action or an intended refusal (text, optional PDF)."""
    from ipoffice.office.examination import receive_response
    from ipoffice.web.auth import Forbidden
    from ipoffice.web.uploads import DOCUMENTS

    raw = await request.form()
    text = str(raw.get("reply_text", "")).strip()[:5000]
    attachment = raw.get("reply_file")
    upload = None
    if attachment is not None and not isinstance(attachment, str) and attachment.filename:
        upload = check_upload(
            await attachment.read(MAX_UPLOAD_BYTES + 1), attachment.filename, DOCUMENTS, field="reply_file"
        )
    if not text and upload is None:
        raise UserError("web.reply.empty", field="reply_text", rule="Luật SHTT Art. 109(2), 117(1)")
    with transaction(request.app.state.engine, actor=who.actor) as s:
        f = get_file(s, number)
        if who.role != "admin" and (f.details or {}).get("submitted_by_user") != who.user_id:
            raise Forbidden(
                "web.auth.not_yours", field="number", rule="owner of the filing", role=str(who.role)
            )
        receive_response(s, number, on=today(request), actor=who.actor, payload={"text": text})
        if upload is not None:
            store_upload(s, request, number, upload, "response", public=False)
    return RedirectResponse(f"/files/{number}?replied=1", status_code=303)


def _invention_page(
    request: Request, form: dict[str, str], errors: dict[str, str], status: int = 200
) -> HTMLResponse:
    form.setdefault("submission_id", secrets.token_urlsafe(16))
    return page(request, "file_invention.html", {"form": form, "errors": errors}, status=status)


def _invention_field(field: str | None) -> str:
    if field and field.startswith("ipc["):
        return "ipc"
    return _form_field(field) if field != "title" else "title"


@router.get("/file/invention", response_class=HTMLResponse, dependencies=[Depends(require(Access.FILER))])
def invention_form(request: Request) -> HTMLResponse:
    return _invention_page(
        request, {"applicant_country": "VN", "right": "invention", "independent_claims": "1"}, {}
    )


@router.post("/file/invention", response_class=HTMLResponse)
async def invention_submit(
    request: Request, who: Annotated[Principal, Depends(require(Access.FILER))]
) -> Response:
    """An invention or utility solution: title, IPC, inventors, description (PDF) and the counts fees depend on."""
    from ipoffice.web.services import InventionFiling

    raw = await request.form()
    form = {k: v for k, v in raw.items() if k != "csrf_token" and isinstance(v, str)}
    errors: dict[str, str] = {}
    lang = request.state.lang
    counts = {}
    for name, lo in (("independent_claims", 1), ("description_pages", 0)):
        value = form.get(name, "").strip() or str(lo)
        if not value.isdigit() or int(value) < lo or int(value) > 10_000:
            errors[name] = UserError(
                "web.error.range", field=name, rule=f"{lo}-10000", value=value, lo=lo, hi=10_000
            ).message(lang)
        else:
            counts[name] = int(value)
    description = raw.get("description_file")
    upload = None
    if description is not None and not isinstance(description, str) and description.filename:
        try:
            upload = check_upload(
                await description.read(MAX_UPLOAD_BYTES + 1),
                description.filename,
                frozenset({"application/pdf"}),
                field="description_file",
            )
        except UserError as err:
            errors["description_file"] = err.message(lang)
    if errors:
        return _invention_page(request, form, errors, status=422)
    filing = InventionFiling(
        mark_text="",
        applicant_name=form.get("applicant_name", ""),
        applicant_address=form.get("applicant_address", ""),
        applicant_country=form.get("applicant_country", "VN") or "VN",
        applicant_kind=form.get("applicant_kind", "organisation") or "organisation",
        representative_name=form.get("representative_name") or None,
        representative_number=form.get("representative_number") or None,
        title=form.get("title", ""),
        right=form.get("right", "invention"),
        ipc=[x.strip() for x in form.get("ipc", "").replace(";", ",").split(",") if x.strip()],
        inventors=[x.strip() for x in form.get("inventors", "").splitlines() if x.strip()],
        independent_claims=counts["independent_claims"],
        description_pages=counts["description_pages"],
    )
    try:
        with transaction(request.app.state.engine, actor=who.actor) as s:
            out = file_trademark(
                s,
                filing,
                actor=who.actor,
                today=today(request),
                idempotency_key=form.get("submission_id") or None,
                user_id=who.user_id,
            )
            if upload is not None and out.created:
                store_upload(s, request, out.application_number, upload, "description", public=False)
    except UserError as err:
        return _invention_page(request, form, {_invention_field(err.field): err.message(lang)}, status=422)
    return RedirectResponse(f"/files/{out.application_number}?filed=1", status_code=303)


def _design_page(
    request: Request, form: dict[str, str], errors: dict[str, str], status: int = 200
) -> HTMLResponse:
    form.setdefault("submission_id", secrets.token_urlsafe(16))
    return page(request, "file_design.html", {"form": form, "errors": errors}, status=status)


@router.get("/file/design", response_class=HTMLResponse, dependencies=[Depends(require(Access.FILER))])
def design_form(request: Request) -> HTMLResponse:
    return _design_page(request, {"applicant_country": "VN", "variants": "1"}, {})


@router.post("/file/design", response_class=HTMLResponse)
async def design_submit(
    request: Request, who: Annotated[Principal, Depends(require(Access.FILER))]
) -> Response:
    """An industrial design: title, Locarno classes, authors, variants and the views (PNG/JPEG, at least one)."""
    from ipoffice.web.services import DesignFiling

    raw = await request.form()
    form = {k: v for k, v in raw.items() if k != "csrf_token" and isinstance(v, str)}
    lang = request.state.lang
    views = []
    for item in raw.getlist("views"):
        if isinstance(item, str) or not item.filename:
            continue
        try:
            views.append(
                check_upload(await item.read(MAX_UPLOAD_BYTES + 1), item.filename, IMAGES, field="views")
            )
        except UserError as err:
            return _design_page(request, form, {"views": err.message(lang)}, status=422)
    if not views:
        missing = UserError(
            "office.filing.required", field="views", rule="Luật SHTT Art. 103(2)", what="views"
        )
        return _design_page(request, form, {"views": missing.message(lang)}, status=422)
    variants = form.get("variants", "1").strip() or "1"
    if not variants.isdigit() or not 1 <= int(variants) <= 100:
        bad = UserError("web.error.range", field="variants", rule="1-100", value=variants, lo=1, hi=100)
        return _design_page(request, form, {"variants": bad.message(lang)}, status=422)
    filing = DesignFiling(
        mark_text="",
        applicant_name=form.get("applicant_name", ""),
        applicant_address=form.get("applicant_address", ""),
        applicant_country=form.get("applicant_country", "VN") or "VN",
        applicant_kind=form.get("applicant_kind", "organisation") or "organisation",
        representative_name=form.get("representative_name") or None,
        representative_number=form.get("representative_number") or None,
        title=form.get("title", ""),
        locarno=[x.strip() for x in form.get("locarno", "").replace(";", ",").split(",") if x.strip()],
        authors=[x.strip() for x in form.get("authors", "").splitlines() if x.strip()],
        variants=int(variants),
    )
    try:
        with transaction(request.app.state.engine, actor=who.actor) as s:
            out = file_trademark(
                s,
                filing,
                actor=who.actor,
                today=today(request),
                idempotency_key=form.get("submission_id") or None,
                user_id=who.user_id,
            )
            if out.created:
                for v in views:
                    store_upload(s, request, out.application_number, v, "drawing", public=False)
    except UserError as err:
        field = "locarno" if (err.field or "").startswith("locarno") else _invention_field(err.field)
        return _design_page(request, form, {field: err.message(lang)}, status=422)
    return RedirectResponse(f"/files/{out.application_number}?filed=1", status_code=303)


def _gi_page(
    request: Request, form: dict[str, str], errors: dict[str, str], status: int = 200
) -> HTMLResponse:
    form.setdefault("submission_id", secrets.token_urlsafe(16))
    return page(request, "file_gi.html", {"form": form, "errors": errors}, status=status)


@router.get("/file/gi", response_class=HTMLResponse, dependencies=[Depends(require(Access.FILER))])
def gi_form(request: Request) -> HTMLResponse:
    return _gi_page(request, {"applicant_country": "VN"}, {})


@router.post("/file/gi", response_class=HTMLResponse)
async def gi_submit(request: Request, who: Annotated[Principal, Depends(require(Access.FILER))]) -> Response:
    """A geographical indication: name, products, area (and its map as PDF/PNG/JPEG), management organisation."""
    from ipoffice.web.services import GIFiling, add_management_organisation
    from ipoffice.web.uploads import DOCUMENTS

    raw = await request.form()
    form = {k: v for k, v in raw.items() if k != "csrf_token" and isinstance(v, str)}
    lang = request.state.lang
    area_map = raw.get("area_map")
    upload = None
    if area_map is not None and not isinstance(area_map, str) and area_map.filename:
        try:
            upload = check_upload(
                await area_map.read(MAX_UPLOAD_BYTES + 1), area_map.filename, DOCUMENTS, field="area_map"
            )
        except UserError as err:
            return _gi_page(request, form, {"area_map": err.message(lang)}, status=422)
    filing = GIFiling(
        mark_text="",
        applicant_name=form.get("applicant_name", ""),
        applicant_address=form.get("applicant_address", ""),
        applicant_country=form.get("applicant_country", "VN") or "VN",
        applicant_kind=form.get("applicant_kind", "organisation") or "organisation",
        title=form.get("title", ""),
        products=form.get("products", ""),
        area=form.get("area", ""),
        management_organisation=form.get("management_organisation", ""),
    )
    try:
        with transaction(request.app.state.engine, actor=who.actor) as s:
            out = file_trademark(
                s,
                filing,
                actor=who.actor,
                today=today(request),
                idempotency_key=form.get("submission_id") or None,
                user_id=who.user_id,
            )
            if out.created:
                add_management_organisation(
                    s, out.application_number, filing.management_organisation, filing.applicant_country
                )
                if upload is not None:
                    store_upload(s, request, out.application_number, upload, "other", public=False)
    except UserError as err:
        return _gi_page(request, form, {_invention_field(err.field): err.message(lang)}, status=422)
    return RedirectResponse(f"/files/{out.application_number}?filed=1", status_code=303)


@router.post("/files/{number}/requests", response_class=HTMLResponse)
async def filer_request(
    request: Request, number: str, who: Annotated[Principal, Depends(require(Access.FILER))]
) -> Response:
    """A request by the filer: for now the request for substantive examination of a patent (Art. 113)."""
    from ipoffice.office.examination import request_examination
    from ipoffice.web.auth import Forbidden
    from ipoffice.web.services import allowed_requests

    kind = str((await request.form()).get("kind", ""))
    with transaction(request.app.state.engine, actor=who.actor) as s:
        f = get_file(s, number)
        if who.role != "admin" and (f.details or {}).get("submitted_by_user") != who.user_id:
            raise Forbidden(
                "web.auth.not_yours", field="number", rule="owner of the filing", role=str(who.role)
            )
        if kind not in allowed_requests(f):
            raise UserError("web.request.not_now", field="kind", rule="Luật SHTT Art. 113", value=kind)
        request_examination(s, number, on=today(request), actor=who.actor)
    return RedirectResponse(f"/files/{number}?requested=1", status_code=303)
