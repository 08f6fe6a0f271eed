"""Rendering pages: the Jinja2 environment, the per-request context (language, user, CSRF) and DB sessions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from ipoffice.core.rights import RightKind, right_label
from ipoffice.office.events import event_label
from ipoffice.office.workflow import status_label
from ipoffice.web.auth import ANONYMOUS, CSRF_FIELD, principal
from ipoffice.web.i18n import Translator

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))


def lang_url(request: Request, lang: str) -> str:
    params = dict(request.query_params)
    params["lang"] = lang
    return f"{request.url.path}?{urlencode(params)}"


def page(
    request: Request,
    template: str,
    context: dict[str, Any],
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    lang = getattr(request.state, "lang", "vi")
    try:
        who = principal(request)
    except Exception:  # a bad token on an error page: render as anonymous
        who = ANONYMOUS
    ctx = {
        "request": request,
        "lang": lang,
        "t": Translator(lang),
        "user": who,
        "csrf_field": CSRF_FIELD,
        "csrf_token": getattr(request.state, "csrf", ""),
        "lang_url": lambda code: lang_url(request, code),
        "right_label": lambda r: right_label(RightKind(r), lang),
        "status_label": lambda s: status_label(s, lang),
        "event_label": lambda c, r=None: event_label(c, RightKind(r) if r else None, lang),
        "rights": list(RightKind),
        **context,
    }
    return TEMPLATES.TemplateResponse(request, template, ctx, status_code=status, headers=headers)


def db(request: Request) -> Iterator[Session]:
    """A read session for the request (writes use ``ipoffice.store.db.transaction``)."""
    with request.app.state.sessions() as s:
        s.info["actor"] = "web:read"
        yield s


def today(request: Request) -> date:
    return request.app.state.settings.office_today()
