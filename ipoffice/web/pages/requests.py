"""The holder's requests on a file (renewal, annuity, recordals), a third party's opposition, and the registrar's
queue of recordal requests. The office's services decide; these routes check who may ask."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from ipoffice.core.errors import UserError
from ipoffice.office.record import get_file
from ipoffice.store.db import transaction
from ipoffice.store.models import IPFile, WebRequest
from ipoffice.web import holder_requests as hr
from ipoffice.web.auth import Access, Forbidden, Principal, require
from ipoffice.web.pages.common import db, page, today

router = APIRouter()


def is_filer_of(who: Principal, f: IPFile) -> bool:
    return bool(who.may(Access.FILER) and (f.details or {}).get("submitted_by_user") == who.user_id)


def _own(who: Principal, f: IPFile) -> None:
    if who.role != "admin" and (f.details or {}).get("submitted_by_user") != who.user_id:
        raise Forbidden("web.auth.not_yours", field="number", rule="owner of the filing", role=str(who.role))


def holder_context(s: Session, f: IPFile, who: Principal, on: date) -> dict[str, Any]:
    """What the file page offers: maintenance due, recordal kinds allowed now, pending requests, opposition."""
    from ipoffice.office.disputes import opposition_due

    own = is_filer_of(who, f)
    maintenance = hr.maintenance_due(f, on) if own else None
    recordal_kinds: list[str] = []
    pending: list[str] = []
    if own:
        from ipoffice.core.errors import UserError
        from ipoffice.office.record import replay
        from ipoffice.office.workflow import apply
        from ipoffice.store.kinds import RightKind

        state = replay(f)
        for kind, code in hr.RECORDAL_KINDS.items():
            try:
                apply(state, code, RightKind(f.right_kind), f.regime_id or "")
            except UserError:
                continue
            recordal_kinds.append(kind)
        pending = list(
            s.scalars(
                select(WebRequest.kind).where(WebRequest.file_id == f.id, WebRequest.status == "pending")
            )
        )
    oppose_until = None
    if who.may(Access.FILER) and not own and f.publication_date is not None and f.status != "granted":
        due = opposition_due(f)
        oppose_until = due if due is not None and on <= due else None
    return {
        "maintenance": maintenance,
        "recordal_kinds": recordal_kinds,
        "pending_recordals": pending,
        "oppose_until": oppose_until,
    }


async def _form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items()}


@router.post("/files/{number}/maintenance", response_class=HTMLResponse)
async def maintenance(
    request: Request, number: str, who: Annotated[Principal, Depends(require(Access.FILER))]
) -> Response:
    """Renew a mark or design, or pay the next annuity of a patent (fee and surcharge from the law module)."""
    with transaction(request.app.state.engine, actor=who.actor) as s:
        f = get_file(s, number)
        _own(who, f)
        if hr.next_renewal(f, today(request)) is not None:
            hr.renew_with_fee(s, number, on=today(request), actor=who.actor)
        else:
            hr.pay_next_annuity(s, number, on=today(request), actor=who.actor)
    return RedirectResponse(f"/files/{number}?maintained=1", status_code=303)


def _refused(
    request: Request, number: str, s: Session, which: str, form: dict[str, str], err: UserError
) -> Response:
    """The file page again with the input kept and the message next to the field (Forbidden stays an error)."""
    from ipoffice.web.errors import status_of
    from ipoffice.web.pages.public import render_file_page

    if isinstance(err, Forbidden):
        raise err
    form = {k: v for k, v in form.items() if k != "csrf_token"}
    msg = err.message(request.state.lang)
    extra: dict[str, object] = {"form": form, "errors": {err.field or "kind": msg}, "open_form": which}
    return render_file_page(request, number, s, extra, status_of(err))


@router.post("/files/{number}/recordals", response_class=HTMLResponse)
async def recordal_request(
    request: Request,
    number: str,
    who: Annotated[Principal, Depends(require(Access.FILER))],
    rs: Annotated[Session, Depends(db)],
) -> Response:
    form = await _form(request)
    try:
        with transaction(request.app.state.engine, actor=who.actor) as s:
            f = get_file(s, number)
            _own(who, f)
            hr.submit_recordal(s, number, who.user_id or 0, form.get("kind", ""), form)
    except UserError as err:
        return _refused(request, number, rs, "recordal", form, err)
    return RedirectResponse(f"/files/{number}?recordal=1", status_code=303)


@router.post("/files/{number}/opposition", response_class=HTMLResponse)
async def opposition(
    request: Request,
    number: str,
    who: Annotated[Principal, Depends(require(Access.FILER))],
    rs: Annotated[Session, Depends(db)],
) -> Response:
    form = await _form(request)
    try:
        with transaction(request.app.state.engine, actor=who.actor) as s:
            f = get_file(s, number)
            if (f.details or {}).get("submitted_by_user") == who.user_id:
                raise Forbidden("web.opposition.own", field="number", rule=hr.OPPOSITION_RULE)
            case = hr.oppose(s, number, form, on=today(request), actor=who.actor)
    except UserError as err:
        return _refused(request, number, rs, "opposition", form, err)
    return RedirectResponse(f"/files/{number}?opposed={case}", status_code=303)


@router.get(
    "/registrar/requests", response_class=HTMLResponse, dependencies=[Depends(require(Access.REGISTRAR))]
)
def registrar_queue(request: Request, s: Annotated[Session, Depends(db)]) -> HTMLResponse:
    return page(request, "registrar_requests.html", {"rows": hr.pending_requests(s)})


@router.post("/registrar/requests/{request_id}", response_class=HTMLResponse)
async def registrar_decide(
    request: Request, request_id: int, who: Annotated[Principal, Depends(require(Access.REGISTRAR))]
) -> Response:
    form = await _form(request)
    with transaction(request.app.state.engine, actor=who.actor) as s:
        hr.decide_recordal(
            s, request_id, approve=form.get("decision") == "approve", on=today(request), actor=who.actor
        )
    return RedirectResponse("/registrar/requests", status_code=303)
