"""Users, passwords, sessions, API tokens, roles and CSRF — one dependency guards every endpoint.

- Passwords are hashed with argon2id (``argon2-cffi`` defaults, RFC 9106 low-memory profile).
- A session is a signed cookie (HMAC-SHA256 with the office's secret; HttpOnly, SameSite=Lax) holding the user
  id, an expiry and a fingerprint of the password hash: changing a password ends every session of the user.
- An API token is a random value sent as ``Authorization: Bearer ipo_...``, kept in ``api_tokens`` only as its
  SHA-256 (:mod:`ipoffice.web.tokens`): revocable one by one, expiring, with its last use; deactivating the user
  stops them all.
- CSRF: every HTML form carries ``csrf_token``, which must equal the signed ``ipo_csrf`` cookie (double submit);
  a JSON write made with a session cookie must send the same value in ``X-CSRF-Token``. Bearer-token calls carry
  no ambient credential and need no CSRF token.
- Roles: every route declares ``Depends(require(Access.X))``; ``tests/web/test_roles.py`` walks the routes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from ipoffice.core.errors import UserError
from ipoffice.store.kinds import UserRole
from ipoffice.store.models import User

SESSION_COOKIE = "ipo_session"
CSRF_COOKIE = "ipo_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
TOKEN_DAYS = 90
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_hasher = PasswordHasher()  # argon2id, RFC 9106 low-memory profile (t=3, m=64 MiB, p=4)


def use_cheap_password_hashing() -> None:
    """Tests only: argon2's cheapest parameters (a real hash costs ~0.1-1 s on purpose). Hashes made this way
    still verify later, since the parameters travel inside each hash."""
    global _hasher
    from argon2 import profiles

    _hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)


class Access(StrEnum):
    """Who may call an endpoint."""

    PUBLIC = "public"
    FILER = "filer"  # applicants and IP agents (and admins)
    EXAMINER = "examiner"  # examiners, registrars, admins
    REGISTRAR = "registrar"
    ADMIN = "admin"
    SIGNED_IN = "signed_in"  # any account


ALLOWED: dict[Access, frozenset[UserRole]] = {
    Access.FILER: frozenset({UserRole.APPLICANT, UserRole.AGENT, UserRole.ADMIN}),
    Access.EXAMINER: frozenset({UserRole.EXAMINER, UserRole.REGISTRAR, UserRole.ADMIN}),
    Access.REGISTRAR: frozenset({UserRole.REGISTRAR, UserRole.ADMIN}),
    Access.ADMIN: frozenset({UserRole.ADMIN}),
    Access.SIGNED_IN: frozenset(UserRole),
}


class AuthRequired(UserError):
    """Not signed in (401; pages redirect to the login form)."""


class Forbidden(UserError):
    """Signed in, but the role may not do this (403)."""


class CsrfFailed(UserError):
    """A write without a valid CSRF token (403)."""


class RateLimited(UserError):
    """Too many failed logins (429)."""


# --- passwords --------------------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    if not stored:
        return False
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


MIN_PASSWORD = 10


def create_user(
    session: Session,
    username: str,
    password: str,
    role: UserRole | str,
    display_name: str | None = None,
    email: str | None = None,
) -> User:
    """Add an account (in the caller's transaction); a UserError for a taken name or a short password."""
    username = username.strip().lower()
    if not username or len(username) > 64 or not all(c.isalnum() or c in "._-@" for c in username):
        raise UserError("web.auth.bad_username", field="username", rule="a-z 0-9 . _ - @, 1-64")
    if len(password) < MIN_PASSWORD:
        raise UserError("web.auth.short_password", field="password", rule="NIST SP 800-63B", min=MIN_PASSWORD)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise UserError("web.auth.username_taken", field="username", rule="unique", username=username)
    user = User(
        username=username,
        display_name=(display_name or username).strip(),
        role=UserRole(role),
        email=email,
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None or not user.active:
        _hasher.hash(password)  # spend the same time as a real check: no user enumeration by timing
        return None
    return user if verify_password(user.password_hash, password) else None


# --- signed values ----------------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(secret: str, purpose: str, payload: dict[str, object]) -> str:
    body = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode())
    mac = hmac.new(secret.encode(), f"{purpose}.{body}".encode(), hashlib.sha256).digest()
    return f"{body}.{_b64(mac)}"


def unsign(secret: str, purpose: str, value: str | None) -> dict[str, object] | None:
    if not value or value.count(".") != 1:
        return None
    body, mac = value.split(".")
    good = hmac.new(secret.encode(), f"{purpose}.{body}".encode(), hashlib.sha256).digest()
    try:
        if not hmac.compare_digest(good, _unb64(mac)):
            return None
        data = json.loads(_unb64(body))
    except (ValueError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or float(data.get("exp", 0)) < time.time():
        return None
    return data


def _fingerprint(user: User) -> str:
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


def session_cookie(secret: str, user: User, hours: int) -> str:
    return sign(
        secret, "session", {"uid": user.id, "fp": _fingerprint(user), "exp": time.time() + hours * 3600}
    )


def new_csrf(secret: str) -> str:
    return sign(secret, "csrf", {"n": secrets.token_hex(16), "exp": time.time() + 7 * 86400})


# --- who is calling ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Principal:
    user_id: int | None
    username: str
    display_name: str
    role: UserRole
    via: str  # "anonymous", "session" or "token"

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None

    @property
    def actor(self) -> str:
        """The name written to events and the audit log."""
        return f"web:{self.username}"

    def may(self, access: Access | str) -> bool:
        access = Access(access)
        return access is Access.PUBLIC or (self.signed_in and self.role in ALLOWED[access])


ANONYMOUS = Principal(None, "anonymous", "", UserRole.PUBLIC, "anonymous")


def _load(request: Request, purpose: str, value: str | None, via: str) -> Principal | None:
    state = request.app.state
    data = unsign(state.settings.secret_key, purpose, value)
    if data is None:
        return None
    with state.sessions() as s:
        user = s.get(User, int(str(data["uid"])))
        if user is None or not user.active or data.get("fp") != _fingerprint(user):
            return None
        return Principal(user.id, user.username, user.display_name, UserRole(user.role), via)


def _load_token(request: Request, token: str) -> Principal | None:
    """A Bearer token from the ``api_tokens`` table (hashed at rest; revocable one by one)."""
    from ipoffice.web import tokens

    state = request.app.state
    with state.sessions() as s:
        found = tokens.lookup(s, token)
        if found is None:
            return None
        row, user = found
        tokens.touch(state.engine, row)
        return Principal(user.id, user.username, user.display_name, UserRole(user.role), "token")


def principal(request: Request) -> Principal:
    """The caller: a Bearer API token, else the session cookie, else anonymous (cached on the request)."""
    cached = getattr(request.state, "principal", None)
    if cached is not None:
        return cached
    who: Principal | None = None
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        token = header[7:].strip()
        who = _load_token(request, token)
        if who is None:
            raise AuthRequired("web.auth.bad_token", field="Authorization", rule="Bearer token")
    if who is None:
        who = _load(request, "session", request.cookies.get(SESSION_COOKIE), "session")
    request.state.principal = who or ANONYMOUS
    return request.state.principal


def csrf_value(request: Request) -> str:
    """The CSRF token of this browser (the middleware sets the cookie when it was missing or bad)."""
    return request.state.csrf


async def check_csrf(request: Request, who: Principal) -> None:
    if request.method in SAFE_METHODS or who.via == "token":
        return
    if who.via == "anonymous" and request.url.path.startswith("/api/"):
        return  # no ambient credential to abuse (JSON bodies cannot be sent cross-site without CORS)
    secret = request.app.state.settings.secret_key
    cookie = request.cookies.get(CSRF_COOKIE)
    if unsign(secret, "csrf", cookie) is None:
        raise CsrfFailed("web.auth.csrf", field=CSRF_FIELD, rule="CSRF double-submit token")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, cookie or ""):
        raise CsrfFailed("web.auth.csrf", field=CSRF_FIELD, rule="CSRF double-submit token")


class RoleCheck:
    """The dependency every route declares: who may call it; CSRF on every write."""

    def __init__(self, access: Access) -> None:
        self.access = access

    async def __call__(self, request: Request) -> Principal:
        who = principal(request)
        if not who.may(self.access):
            if not who.signed_in:
                raise AuthRequired("web.auth.required", field="session", rule=f"role: {self.access}")
            raise Forbidden(
                "web.auth.forbidden", field="role", rule=f"role: {self.access}", role=str(who.role)
            )
        await check_csrf(request, who)
        return who

    def __repr__(self) -> str:
        return f"RoleCheck({self.access})"


_CHECKS = {a: RoleCheck(a) for a in Access}


def require(access: Access) -> RoleCheck:
    """``Depends(require(Access.EXAMINER))``: the one place a route states who may call it."""
    return _CHECKS[access]


# --- login rate limiting ----------------------------------------------------------------------------------


class LoginThrottle:
    """At most ``attempts`` failed logins per client address in ``window`` seconds (in memory, per process)."""

    def __init__(self, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._failures[key]
        while q and q[0] < now - self.window:
            q.popleft()
        return q

    def check(self, key: str) -> None:
        with self._lock:
            q = self._recent(key, time.monotonic())
            if len(q) >= self.attempts:
                wait = int(self.window - (time.monotonic() - q[0])) + 1
                raise RateLimited(
                    "web.auth.rate_limited", field="password", rule="login throttle", seconds=wait
                )

    def failed(self, key: str) -> None:
        with self._lock:
            self._recent(key, time.monotonic()).append(time.monotonic())

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
