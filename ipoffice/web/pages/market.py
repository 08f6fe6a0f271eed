"""The IP marketplace pages: browse and search (public), list a right (its filer), contact the owner."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from ipoffice.core.errors import UserError
from ipoffice.store.db import transaction
from ipoffice.web import market
from ipoffice.web.auth import Access, Principal, require
from ipoffice.web.errors import status_of
from ipoffice.web.pages.common import db, page
from ipoffice.web.services import my_files

router = APIRouter()


@router.get("/market", response_class=HTMLResponse, dependencies=[Depends(require(Access.PUBLIC))])
def market_page(
    request: Request,
    s: Annotated[Session, Depends(db)],
    q: str = "",
    right: str = "",
    cls: str = "",
    owner_type: str = "",
    offer: str = "",
) -> HTMLResponse:
    listings = market.search_listings(s, q[:200], right[:32], cls[:32], owner_type[:16], offer[:16])
    query = {"q": q, "right": right, "cls": cls, "owner_type": owner_type, "offer": offer}
    return page(
        request,
        "market.html",
        {"listings": listings, "query": query, "owner_types": market.OWNER_TYPES, "offers": market.OFFERS},
    )


def _new_form(
    request: Request,
    s: Session,
    who: Principal,
    form: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
) -> HTMLResponse:
    files = [f for f in my_files(s, who.user_id or 0) if f.status not in market.CLOSED]
    return page(
        request,
        "market_new.html",
        {
            "files": files,
            "form": form,
            "errors": errors,
            "owner_types": market.OWNER_TYPES,
            "offers": market.OFFERS,
        },
        status=status,
    )


@router.get("/market/new", response_class=HTMLResponse)
def market_new(
    request: Request,
    who: Annotated[Principal, Depends(require(Access.FILER))],
    s: Annotated[Session, Depends(db)],
    number: str = "",
) -> HTMLResponse:
    return _new_form(request, s, who, {"number": number}, {})


@router.post("/market", response_class=HTMLResponse)
async def market_create(
    request: Request,
    who: Annotated[Principal, Depends(require(Access.FILER))],
    s: Annotated[Session, Depends(db)],
) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        with transaction(request.app.state.engine, actor=who.actor) as ts:
            listing_id = market.create_listing(
                ts,
                who.user_id or 0,
                form.get("number", ""),
                form.get("offer", ""),
                form.get("owner_type", ""),
                form.get("terms", ""),
            )
    except UserError as err:
        return _new_form(
            request, s, who, form, {err.field or "number": err.message(request.state.lang)}, status_of(err)
        )
    return RedirectResponse(f"/market/{listing_id}", status_code=303)


@router.get(
    "/market/{listing_id}", response_class=HTMLResponse, dependencies=[Depends(require(Access.PUBLIC))]
)
def market_listing(request: Request, listing_id: int, s: Annotated[Session, Depends(db)]) -> HTMLResponse:
    return page(
        request, "market_listing.html", {"l": market.get_listing(s, listing_id), "form": {}, "errors": {}}
    )


@router.post("/market/{listing_id}/contact", response_class=HTMLResponse)
async def market_contact(
    request: Request,
    listing_id: int,
    who: Annotated[Principal, Depends(require(Access.SIGNED_IN))],
    s: Annotated[Session, Depends(db)],
) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        with transaction(request.app.state.engine, actor=who.actor) as ts:
            market.contact(ts, listing_id, who.user_id or 0, form.get("message", ""))
    except UserError as err:
        ctx = {
            "l": market.get_listing(s, listing_id),
            "form": form,
            "errors": {err.field or "message": err.message(request.state.lang)},
        }
        return page(request, "market_listing.html", ctx, status=status_of(err))
    return RedirectResponse(f"/market/{listing_id}?sent=1", status_code=303)


@router.post("/market/{listing_id}/withdraw", response_class=HTMLResponse)
def market_withdraw(
    request: Request, listing_id: int, who: Annotated[Principal, Depends(require(Access.FILER))]
) -> Response:
    with transaction(request.app.state.engine, actor=who.actor) as ts:
        market.withdraw_listing(ts, listing_id, who.user_id or 0)
    return RedirectResponse("/account", status_code=303)
