"""Fresh, migrated databases for tests, fast: migrate once, then copy (SQLite) or truncate (PostgreSQL).

Used by the ``engine`` / ``session`` fixtures in ``tests/conftest.py``; also handy for other test suites that
need an office database. SQLite: the schema is migrated once per test session into a template file whose WAL is
checkpointed, and each test gets a byte copy of it. PostgreSQL: the session's throw-away database is migrated
once, and each test starts with every table emptied and every identity restarted: one round trip of DELETEs with
triggers off (``session_replication_role = replica``, which needs a superuser, as the test server's ``postgres``
is) -- about twice as fast as ``TRUNCATE`` (benchmarks/store_fixture.py) -- falling back to ``TRUNCATE ...
RESTART IDENTITY CASCADE`` (row-level append-only triggers do not fire on TRUNCATE).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError

from ipoffice.store.db import is_sqlite, make_engine, upgrade
from ipoffice.store.models import Base


class FreshDatabases:
    """Hands out an empty, migrated database per test for a given URL."""

    def __init__(self, scratch_dir: Path) -> None:
        self.scratch_dir = scratch_dir
        self._sqlite_template: Path | None = None
        self._migrated: set[str] = set()

    def sqlite_template(self) -> Path:
        if self._sqlite_template is None:
            path = self.scratch_dir / "template.db"
            upgrade(f"sqlite:///{path}")
            con = sqlite3.connect(path)
            try:
                con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                con.close()
            self._sqlite_template = path
        return self._sqlite_template

    def engine(self, url: str) -> Engine:
        """An engine on an empty migrated database at ``url`` (a SQLite file path that does not exist yet, or
        the session's PostgreSQL database)."""
        if is_sqlite(url):
            target = Path(make_url(url).database or "")
            shutil.copyfile(self.sqlite_template(), target)
            return make_engine(url)
        if url not in self._migrated:
            upgrade(url)
            self._migrated.add(url)
        engine = make_engine(url)
        reset_postgres(engine)
        return engine


def reset_postgres(engine: Engine) -> None:
    """Empty every table of the models and restart every sequence, in one round trip."""
    deletes = "; ".join(f'DELETE FROM "{t.name}"' for t in reversed(Base.metadata.sorted_tables))
    restart = "SELECT setval(c.oid::regclass, 1, false) FROM pg_class c WHERE c.relkind = 'S'"
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"SET LOCAL session_replication_role = replica; {deletes}; {restart}")
    except DBAPIError:  # not a superuser
        truncate_all(engine)


def truncate_all(engine: Engine) -> None:
    """Empty every table of the models and restart their identities (PostgreSQL)."""
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
