"""API tokens in their own table: random, shown once, stored only as SHA-256, revocable one by one, with the
time each was last used. ``Authorization: Bearer ipo_...``."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ipoffice.core.errors import NotFound
from ipoffice.store.models import ApiToken, User

PREFIX = "ipo_"
TOKEN_DAYS = 90
TOUCH_EVERY = timedelta(minutes=1)  # last_used_at is written at most once a minute per token


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite returns naive datetimes


def issue(session: Session, user: User, label: str = "", days: int = TOKEN_DAYS) -> str:
    """A new token for ``user``; the caller shows it once, only its hash is kept."""
    token = PREFIX + secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    session.add(
        ApiToken(
            user_id=user.id,
            label=(label.strip() or now.strftime("%Y-%m-%d %H:%M"))[:64],
            prefix=token[:12],
            token_hash=token_hash(token),
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
    )
    session.flush()
    return token


def lookup(session: Session, token: str) -> tuple[ApiToken, User] | None:
    """The live token and its active user, or ``None`` (unknown, revoked, expired, user deactivated)."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(token)))
    if row is None or row.revoked_at is not None or _aware(row.expires_at) <= datetime.now(UTC):
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    return row, user


def touch(engine: Engine, row: ApiToken) -> None:
    """Record the use (a Core UPDATE: not a change of the register, so not in the audit log)."""
    now = datetime.now(UTC)
    if row.last_used_at is not None and now - _aware(row.last_used_at) < TOUCH_EVERY:
        return
    with engine.begin() as conn:
        conn.execute(update(ApiToken).where(ApiToken.id == row.id).values(last_used_at=now))


def user_tokens(session: Session, user_id: int) -> list[ApiToken]:
    return list(
        session.scalars(select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id.desc()))
    )


def revoke(session: Session, user_id: int, token_id: int) -> None:
    """Revoke one of the user's tokens (the others keep working)."""
    row = session.get(ApiToken, token_id)
    if row is None or row.user_id != user_id:
        raise NotFound("web.token.not_found", field="id", rule="API token", value=token_id)
    if row.revoked_at is None:
        row.revoked_at = datetime.now(UTC)
        session.flush()


def revoke_all(session: Session, user_id: int) -> int:
    """Revoke every live token of a user (e.g. after a password change); returns how many."""
    rows = [t for t in user_tokens(session, user_id) if t.revoked_at is None]
    for t in rows:
        t.revoked_at = datetime.now(UTC)
    session.flush()
    return len(rows)
