"""Sign up (applicants), log in, log out, the account page (my files, API token), and the admin's pages."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from ipoffice.core.errors import UserError
from ipoffice.store.audit import audit_history
from ipoffice.store.db import transaction
from ipoffice.store.kinds import UserRole
from ipoffice.store.models import User
from ipoffice.web.auth import (
    SESSION_COOKIE,
    Access,
    Principal,
    authenticate,
    create_user,
    require,
    session_cookie,
)
from ipoffice.web.pages.common import db, page, today
from ipoffice.web.services import my_files

router = APIRouter()


def _safe_next(value: str | None) -> str:
    """Only a local path: never redirect to another site after login."""
    if not value or not value.startswith("/") or value.startswith("//") or urlsplit(value).netloc:
        return "/account"
    return value


def _login_response(request: Request, user: User, target: str) -> Response:
    settings = request.app.state.settings
    resp = RedirectResponse(target, status_code=303)
    resp.set_cookie(
        SESSION_COOKIE,
        session_cookie(settings.secret_key, user, settings.session_hours),
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
        max_age=settings.session_hours * 3600,
    )
    return resp


@router.get("/login", response_class=HTMLResponse, dependencies=[Depends(require(Access.PUBLIC))])
def login_form(request: Request, next: str = "") -> HTMLResponse:
    return page(request, "login.html", {"next": _safe_next(next), "form": {}, "errors": {}})


@router.post("/login", response_class=HTMLResponse, dependencies=[Depends(require(Access.PUBLIC))])
async def login(request: Request, s: Annotated[Session, Depends(db)]) -> Response:
    form = await request.form()
    username = str(form.get("username", ""))
    target = _safe_next(str(form.get("next", "")))
    throttle = request.app.state.throttle
    client = request.client.host if request.client else "?"
    throttle.check(client)
    user = authenticate(s, username, str(form.get("password", "")))
    if user is None:
        throttle.failed(client)
        err = UserError("web.auth.bad_login", field="password", rule="login")
        return page(
            request,
            "login.html",
            {
                "next": target,
                "form": {"username": username},
                "errors": {"password": err.message(request.state.lang)},
            },
            status=401,
        )
    throttle.succeeded(client)
    return _login_response(request, user, target)


@router.post("/logout", dependencies=[Depends(require(Access.PUBLIC))])
def logout(request: Request) -> Response:
    resp = RedirectResponse("/", status_code=303)
    resp.delete_cookie(SESSION_COOKIE)
    return resp


@router.get("/signup", response_class=HTMLResponse, dependencies=[Depends(require(Access.PUBLIC))])
def signup_form(request: Request) -> HTMLResponse:
    return page(request, "signup.html", {"form": {}, "errors": {}})


@router.post("/signup", response_class=HTMLResponse, dependencies=[Depends(require(Access.PUBLIC))])
async def signup(request: Request) -> Response:
    """Anyone may open an applicant account; examiner, registrar and admin accounts are made by an admin."""
    form = {k: str(v) for k, v in (await request.form()).items() if k != "password"}
    password = str((await request.form()).get("password", ""))
    try:
        with transaction(request.app.state.engine, actor="web:signup") as s:
            user = create_user(
                s,
                form.get("username", ""),
                password,
                UserRole.APPLICANT,
                form.get("display_name") or None,
                form.get("email") or None,
            )
            s.flush()
            s.expunge(user)
    except UserError as err:
        return page(
            request,
            "signup.html",
            {"form": form, "errors": {err.field: err.message(request.state.lang)}},
            status=422,
        )
    return _login_response(request, user, "/account")


@router.get("/account", response_class=HTMLResponse)
def account(
    request: Request,
    who: Annotated[Principal, Depends(require(Access.SIGNED_IN))],
    s: Annotated[Session, Depends(db)],
) -> HTMLResponse:
    return page(
        request,
        "account.html",
        {"files": _portfolio(request, s, who), "token": None, **_extras(request, s, who)},
    )


def _extras(request: Request, s: Session, who: Principal) -> dict[str, Any]:
    """The marketplace side of the account: the user's listings and the contact requests they received."""
    from ipoffice.web import market

    uid = who.user_id or 0
    from ipoffice.web import reminders, tokens

    user = s.get(User, uid)
    secret = request.app.state.settings.secret_key
    feed = f"/calendar/{reminders.feed_token(secret, user)}.ics" if user else ""
    return {
        "reminders": reminders.reminders(s, uid, today(request)),
        "feed_url": str(request.base_url).rstrip("/") + feed,
        "listings": market.my_listings(s, uid),
        "contacts": market.contacts_for_owner(s, uid),
        "api_tokens": tokens.user_tokens(s, uid),
    }


@router.get("/calendar/{feed}.ics", dependencies=[Depends(require(Access.PUBLIC))])
def calendar_feed(request: Request, feed: str, s: Annotated[Session, Depends(db)]) -> Response:
    """The account's renewal and annuity deadlines as iCalendar; the signed token in the URL is the credential."""
    from ipoffice.core.errors import NotFound
    from ipoffice.web import reminders

    user = reminders.feed_user(s, request.app.state.settings.secret_key, feed)
    if user is None:  # a secret address: unknown, altered or ended by a password change -> nothing there
        raise NotFound("web.reminder.bad_feed", field="feed", rule="calendar feed token")
    body = reminders.ics(reminders.reminders(s, user.id, today(request)), request.state.lang)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="ipoffice-deadlines.ics"'},
    )


@router.post("/account/tokens/{token_id}/revoke", response_class=HTMLResponse)
def revoke_token(
    request: Request, token_id: int, who: Annotated[Principal, Depends(require(Access.SIGNED_IN))]
) -> Response:
    from ipoffice.web import tokens

    with transaction(request.app.state.engine, actor=who.actor) as ts:
        tokens.revoke(ts, who.user_id or 0, token_id)
    return RedirectResponse("/account#api", status_code=303)


def _portfolio(request: Request, s: Session, who: Principal) -> list[tuple[Any, Any]]:
    """The user's filings, each with its next statutory deadline (renewals and annuities included)."""
    from ipoffice.office.clock import file_clock
    from ipoffice.web.pages.common import today

    out = []
    for f in my_files(s, who.user_id or 0):
        entries = file_clock(f, today(request), request.state.lang).entries
        out.append((f, min(entries, key=lambda e: e.due) if entries else None))
    return out


@router.post("/account/token", response_class=HTMLResponse)
async def new_token(
    request: Request,
    who: Annotated[Principal, Depends(require(Access.SIGNED_IN))],
    s: Annotated[Session, Depends(db)],
) -> HTMLResponse:
    from ipoffice.web import tokens

    label = str((await request.form()).get("label", ""))
    with transaction(request.app.state.engine, actor=who.actor) as ts:
        user = ts.get(User, who.user_id)
        token = tokens.issue(ts, user, label) if user else None
    return page(
        request,
        "account.html",
        {"files": _portfolio(request, s, who), "token": token, **_extras(request, s, who)},
    )


@router.get("/admin/audit", response_class=HTMLResponse, dependencies=[Depends(require(Access.REGISTRAR))])
def audit_page(request: Request, s: Annotated[Session, Depends(db)], entity: str = "") -> HTMLResponse:
    entries = audit_history(s, entity or None, limit=200)
    return page(request, "audit.html", {"entries": entries, "entity": entity})


@router.get("/admin/users", response_class=HTMLResponse, dependencies=[Depends(require(Access.ADMIN))])
def users_page(request: Request, s: Annotated[Session, Depends(db)]) -> HTMLResponse:
    users = list(s.scalars(select(User).order_by(User.username)))
    return page(request, "users.html", {"users": users, "roles": list(UserRole), "form": {}, "errors": {}})


@router.post("/admin/users", response_class=HTMLResponse)
async def users_create(
    request: Request,
    who: Annotated[Principal, Depends(require(Access.ADMIN))],
    s: Annotated[Session, Depends(db)],
) -> Response:
    raw = await request.form()
    form = {k: str(v) for k, v in raw.items() if k != "password"}
    role = form.get("role", "")
    try:
        if role not in {r.value for r in UserRole}:
            raise UserError("web.auth.bad_role", field="role", rule="roles", value=role)
        with transaction(request.app.state.engine, actor=who.actor) as ts:
            create_user(
                ts,
                form.get("username", ""),
                str(raw.get("password", "")),
                role,
                form.get("display_name") or None,
                form.get("email") or None,
            )
    except UserError as err:
        users = list(s.scalars(select(User).order_by(User.username)))
        return page(
            request,
            "users.html",
            {
                "users": users,
                "roles": list(UserRole),
                "form": form,
                "errors": {err.field: err.message(request.state.lang)},
            },
            status=422,
        )
    return RedirectResponse("/admin/users", status_code=303)
