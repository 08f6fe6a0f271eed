from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from ipoffice.store import db
from ipoffice.store.models import Base


def test_upgrade_head_yields_exactly_the_models_schema(engine):
    """The fixture's database was migrated with ``upgrade head`` from empty; it must equal the models."""
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        diffs = compare_metadata(ctx, Base.metadata)
    assert diffs == []


def test_current_revision_is_head(engine):
    url = engine.url.render_as_string(hide_password=False)
    assert db.head_revision() is not None
    assert db.current_revision(url) == db.head_revision()


def test_upgrade_downgrade_upgrade_on_a_new_sqlite_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'office.db'}"
    assert db.current_revision(url) is None
    db.upgrade(url)
    assert db.current_revision(url) == db.head_revision()
    from alembic import command

    command.downgrade(db.alembic_config(url), "base")
    engine = db.make_engine(url)
    try:
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()
    db.upgrade(url)
    engine = db.make_engine(url)
    try:
        assert set(inspect(engine).get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}
    finally:
        engine.dispose()


def test_audit_hash_migration_keeps_the_entries_and_the_append_only_triggers(tmp_path):
    """0004 drops the UNIQUE on audit_log.hash; SQLite rebuilds the table for it: rows and triggers must survive."""
    import sqlite3

    import pytest

    path = tmp_path / "office.db"
    url = f"sqlite:///{path}"
    db.upgrade(url, "0003")
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before, after, prev_hash, hash) "
        "VALUES (1, '2026-11-21 10:00:00', 'someone', 'insert', 'files', '1', NULL, '{}', 'p', 'h')"
    )
    conn.commit()
    conn.close()
    db.upgrade(url)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT id, actor, hash FROM audit_log").fetchall() == [(1, "someone", "h")]
        for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only table audit_log"):
                conn.execute(statement)
        indexes = {r[1]: r[2] for r in conn.execute("PRAGMA index_list(audit_log)")}
        assert not any(indexes.values()), indexes  # no unique index left
        assert "ix_audit_log_entity_entity_id" in indexes
    finally:
        conn.close()
