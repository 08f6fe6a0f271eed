"""The application factory: ``create_app(database_url=None)`` -> a FastAPI app serving pages and ``/api/v1``."""

from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from importlib import import_module
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from ipoffice import __version__
from ipoffice.store.db import SQLITE_BUSY_TIMEOUT_MS, is_sqlite, make_engine, normalise_url, session_factory
from ipoffice.web import errors
from ipoffice.web.auth import CSRF_COOKIE, LoginThrottle, new_csrf, unsign
from ipoffice.web.i18n import LANG_COOKIE, negotiate
from ipoffice.web.marks import SharedMarkIndex
from ipoffice.web.prior_art import SharedPriorArtIndex
from ipoffice.web.register_index import RegisterIndex
from ipoffice.web.settings import WebSettings

STATIC = Path(__file__).parent / "static"

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class RedactQuery(logging.Filter):
    """uvicorn's access log without query strings: a mark typed in the pre-filing check, or a name searched, is
    not kept in the server's logs (the path and status are)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0] + "?[redacted]", *args[3:])
        return True


def redact_access_log() -> None:
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactQuery) for f in access.filters):
        access.addFilter(RedactQuery())


def read_engine(url: str, write_engine: Engine) -> Engine:
    """The engine for reads. On SQLite the office's engine starts every transaction with ``BEGIN IMMEDIATE``
    (the write lock); page and API reads use plain deferred transactions instead, so that in WAL mode they never
    wait for, or block, a filing being written. PostgreSQL: the same engine."""
    if not is_sqlite(url):
        return write_engine
    eng = create_engine(
        normalise_url(url),
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(eng, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA query_only=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.close()

    return eng


def create_app(database_url: str | None = None, settings: WebSettings | None = None) -> FastAPI:
    """The web application on the register at ``database_url`` (default: ``IPOFFICE_DATABASE_URL``)."""
    settings = settings or WebSettings.from_env(database_url)
    redact_access_log()

    @contextlib.asynccontextmanager
    async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.warm_indexes:  # build the prior-art index now, not on the first examiner's search
            app.state.prior_art.warm()
        yield

    app = FastAPI(
        lifespan=_lifespan,
        title="ipoffice",
        version=__version__,
        description="Register, e-filing and public search of an industrial-property office (Viet Nam first).",
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    engine = make_engine(settings.database_url)
    app.state.settings = settings
    app.state.engine = engine
    app.state.read_engine = read_engine(settings.database_url, engine)
    app.state.sessions = session_factory(app.state.read_engine)
    app.state.index = RegisterIndex()
    app.state.marks = SharedMarkIndex(
        engine, settings.database_url, app.state.read_engine, check_every=settings.tm_check_seconds
    )
    app.state.prior_art = SharedPriorArtIndex(
        engine, settings.database_url, app.state.read_engine, dense=settings.prior_art_dense
    )
    app.state.throttle = LoginThrottle(settings.login_attempts)
    app.state.idempotency_locks = {}

    def _dispose() -> None:
        app.state.read_engine.dispose()
        engine.dispose()

    app.state.dispose = _dispose

    @app.middleware("http")
    async def _frame(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        request.state.lang = negotiate(request)
        cookie = request.cookies.get(CSRF_COOKIE)
        fresh = unsign(settings.secret_key, "csrf", cookie) is None
        request.state.csrf = new_csrf(settings.secret_key) if fresh else cookie
        request.state.nonce = secrets.token_urlsafe(8)
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        if fresh:
            response.set_cookie(
                CSRF_COOKIE,
                request.state.csrf,
                httponly=True,
                samesite="strict",
                secure=settings.cookie_secure,
                max_age=7 * 86400,
            )
        asked = request.query_params.get("lang")
        if asked and asked == request.state.lang and request.cookies.get(LANG_COOKIE) != asked:
            response.set_cookie(
                LANG_COOKIE, asked, samesite="lax", max_age=365 * 86400, secure=settings.cookie_secure
            )
        if request.url.path.startswith("/api/") or getattr(request.state, "principal", None) is not None:
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    errors.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    from ipoffice.web.api import router as api_router
    from ipoffice.web.pages import router as pages_router

    app.include_router(api_router, prefix="/api/v1")
    app.include_router(pages_router)
    app.include_router(import_module("ipoffice.web.pages.analytics").router, include_in_schema=False)
    return app
