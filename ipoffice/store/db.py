"""Engines, sessions and transactions on SQLite (default) or PostgreSQL, and migrations run from the package.

SQLite runs in WAL mode with foreign keys on and a busy timeout, and every transaction starts with
``BEGIN IMMEDIATE``: a transaction takes the write lock when it starts, so concurrent writers wait their turn
(up to the busy timeout) instead of failing half-way when a read transaction tries to become a write transaction
(SQLAlchemy's pysqlite recipe "Serializable isolation / Savepoints / Transactional DDL"). PostgreSQL runs on
psycopg 3 at READ COMMITTED; the numbering and the audit chain take their own locks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from ipoffice.core import i18n
from ipoffice.core.errors import Conflict
from ipoffice.store.config import database_url

SQLITE_BUSY_TIMEOUT_MS = 30_000

i18n.register(
    {
        "store.conflict": {
            "vi": "Hồ sơ đã được người khác thay đổi trong lúc bạn làm việc; hãy tải lại và thực hiện lại thao tác.",
            "en": "The record was changed by someone else while you were working on it; reload it and try again.",
        },
        "store.stale_version": {
            "vi": "{entity} đã được thay đổi (phiên bản {actual}, bạn đang sửa phiên bản {expected}); hãy tải lại.",
            "en": "{entity} has changed (version {actual}, you edited version {expected}); reload it.",
        },
    }
)


def normalise_url(url: str | URL) -> URL:
    """Parse ``url``; a bare ``postgresql://`` URL is driven by psycopg 3."""
    u = make_url(url)
    if u.drivername in ("postgresql", "postgres"):
        u = u.set(drivername="postgresql+psycopg")
    return u


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str | URL | None = None, **kwargs: Any) -> Engine:
    """An engine for ``url`` (default :func:`ipoffice.store.config.database_url`), configured for the office."""
    u = normalise_url(url or database_url())
    if u.get_backend_name() != "sqlite":
        kwargs.setdefault("pool_pre_ping", True)
        return create_engine(u, **kwargs)

    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
    connect_args.setdefault("check_same_thread", False)
    engine = create_engine(u, connect_args=connect_args, **kwargs)
    in_memory = u.database in (None, "", ":memory:")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver emits no BEGIN; we do (below)
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class OfficeSession(Session):
    """A session whose stale optimistic-locking update surfaces as :class:`Conflict` (nothing of it written)."""

    def flush(self, objects: Any = None) -> None:
        try:
            super().flush(objects)
        except StaleDataError as exc:
            raise Conflict("store.conflict", rule="optimistic locking (version_id)", detail=str(exc)) from exc


def session_factory(engine: Engine, **kwargs: Any) -> sessionmaker[OfficeSession]:
    """Sessions bound to ``engine``; set ``session.info["actor"]`` before writing (the audit log needs it)."""
    import ipoffice.store.audit  # noqa: F401  (installs the audit listeners)

    return sessionmaker(bind=engine, class_=OfficeSession, **kwargs)


@contextmanager
def transaction(engine: Engine, actor: str, **info: Any) -> Iterator[OfficeSession]:
    """One unit of work by ``actor``: committed when the block ends, rolled back entirely if it raises."""
    with session_factory(engine)() as session:
        session.info.update(info, actor=actor)
        with session.begin():
            yield session


def check_version(entity: Any, expected: int) -> None:
    """Raise :class:`Conflict` when ``entity`` is no longer at the version the user edited (web forms)."""
    actual = entity.version_id
    if actual != expected:
        raise Conflict(
            "store.stale_version",
            field="version_id",
            rule="optimistic locking (version_id)",
            entity=type(entity).__name__,
            actual=actual,
            expected=expected,
        )


# --- migrations ------------------------------------------------------------------------------------------


def alembic_config(url: str | URL | None = None) -> Any:
    """An Alembic config pointing at the migrations shipped inside the package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "ipoffice.store:migrations")
    cfg.attributes["url"] = str(normalise_url(url or database_url()).render_as_string(hide_password=False))
    return cfg


def upgrade(url: str | URL | None = None, revision: str = "head") -> None:
    """Bring the database at ``url`` up to ``revision`` (creates the SQLite file if needed)."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def current_revision(url: str | URL | None = None) -> str | None:
    """The Alembic revision the database is at (``None`` for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
