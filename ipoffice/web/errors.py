"""One error shape: ``{"error", "field", "rule", "message", "params", "status"}`` as JSON under ``/api``, the same
content as a page elsewhere, in the caller's language. Never a stack trace; a 500 says only that it failed."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ipoffice.core import i18n
from ipoffice.core.errors import Conflict, NotFound, UserError
from ipoffice.web.auth import AuthRequired, CsrfFailed, Forbidden, RateLimited
from ipoffice.web.i18n import negotiate

log = logging.getLogger("ipoffice.web")


class PreconditionFailed(Conflict):
    """If-Match names a version that is no longer current (412)."""


class PreconditionRequired(UserError):
    """An update without If-Match (428)."""


class Unavailable(UserError):
    """A part of the service cannot work now, e.g. the search index folder cannot be written (503)."""


def status_of(err: UserError) -> int:
    for cls, status in (
        (PreconditionFailed, 412),
        (PreconditionRequired, 428),
        (Unavailable, 503),
        (NotFound, 404),
        (Conflict, 409),
        (AuthRequired, 401),
        (Forbidden, 403),
        (CsrfFailed, 403),
        (RateLimited, 429),
    ):
        if isinstance(err, cls):
            return status
    return 422


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def render(
    request: Request, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> Response:
    body = {**body, "status": status}
    if wants_json(request):
        return JSONResponse(body, status_code=status, headers=headers)
    from ipoffice.web.pages.common import page

    return page(request, "error.html", {"err": body}, status=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(UserError)
    async def _user_error(request: Request, err: UserError) -> Response:
        lang = negotiate(request)
        status = status_of(err)
        if status == 401 and not wants_json(request) and request.method == "GET":
            return RedirectResponse(f"/login?next={quote(str(request.url.path))}", status_code=303)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return render(request, status, err.as_dict(lang), headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, err: RequestValidationError) -> Response:
        lang = negotiate(request)
        first = err.errors()[0] if err.errors() else {}
        loc = [str(x) for x in first.get("loc", ()) if x not in ("body", "query", "path", "header")]
        field = ".".join(loc) or None
        body = {
            "error": "web.error.invalid",
            "field": field,
            "rule": first.get("type"),
            "message": i18n.t("web.error.invalid", lang, field=field or "?", detail=first.get("msg", "")),
            "params": {"detail": str(first.get("msg", ""))},
        }
        return render(request, 422, body)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException) -> Response:
        lang = negotiate(request)
        code = f"web.http.{err.status_code}"
        known = code in i18n.messages()
        body: dict[str, Any] = {
            "error": code,
            "field": None,
            "rule": None,
            "message": i18n.t(code if known else "web.http.other", lang, status=err.status_code),
            "params": {},
        }
        return render(request, err.status_code, body, getattr(err, "headers", None))

    @app.exception_handler(Exception)
    async def _crash(request: Request, err: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        lang = negotiate(request)
        body: dict[str, Any] = {
            "error": "web.error.internal",
            "field": None,
            "rule": None,
            "message": i18n.t("web.error.internal", lang),
            "params": {},
        }
        return render(request, 500, body)
