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
