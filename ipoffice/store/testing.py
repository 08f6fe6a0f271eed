"""Fresh, migrated databases for tests, fast: migrate once, then copy (SQLite) or truncate (PostgreSQL).

Used by the ``engine`` / ``session`` fixtures in ``tests/conftest.py``; also handy for other test suites that
need an office database. SQLite: the schema is migrated once per test session into a template file whose WAL is
checkpointed, and each test gets a byte copy of it. PostgreSQL: the session's throw-away database is migrated
once, and each test starts with ``TRUNCATE ... RESTART IDENTITY CASCADE`` of every table (row-level append-only
triggers do not fire on TRUNCATE, which only the test harness uses).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

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
        truncate_all(engine)
        return engine


def truncate_all(engine: Engine) -> None:
    """Empty every table of the models and restart their identities (PostgreSQL)."""
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
