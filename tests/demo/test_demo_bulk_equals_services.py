"""The bulk demo load (``ipoffice.office.bulk`` for the filings and plain steps) writes the same register as the
services path (every step through its service, a flush per step): every table, row for row, ids and wall-clock
timestamps aside (a foreign key is compared as the row it points to), and an audit log that verifies and has an
``insert`` entry for every row. The services path loads into SQLite; the bulk path into each backend."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import DateTime, Table, select
from sqlalchemy.engine import Engine

from ipoffice.demo import dataset
from ipoffice.demo.loader import build_demo_office
from ipoffice.demo.placement import Placement, plan
from ipoffice.store.audit import jsonable, verify_audit
from ipoffice.store.db import make_engine, session_factory, upgrade
from ipoffice.store.models import AuditEntry, Base

TODAY = date(2026, 11, 21)
RECORDS = 200
SKIPPED_TABLES = {str(AuditEntry.__table__.name), "alembic_version"}
SKIPPED_COLUMNS = {"id", "version_id"}


def _without_ids(value: Any) -> Any:
    """JSON data without the row ids it names (``recordal_id``, ``assignor_party_ids`` ...)."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if not k.endswith(("_id", "_ids"))}
    return value


def _row_key(table: Table, row: dict[str, Any], rows: dict[str, dict[Any, dict[str, Any]]]) -> Any:
    """A row as comparable data: no ids, no timestamps, each foreign key replaced by the row it points to."""
    out = []
    for col in table.columns:
        if col.name in SKIPPED_COLUMNS or isinstance(col.type, DateTime):
            continue
        value = row[col.name]
        fks = list(col.foreign_keys)
        if fks and value is not None:
            target = fks[0].column.table
            if target.name == "files":
                value = rows["files"][value]["application_number"]
            else:
                value = _row_key(target, rows[target.name][value], rows)
        out.append((col.name, value if isinstance(value, tuple) else repr(_without_ids(jsonable(value)))))
    return tuple(out)


def register(engine: Engine) -> dict[str, Counter[Any]]:
    """Every table of the store as a multiset of comparable rows."""
    tables = [t for t in Base.metadata.sorted_tables if t.name not in SKIPPED_TABLES]
    rows: dict[str, dict[Any, dict[str, Any]]] = {}
    with engine.connect() as conn:
        for t in tables:
            pk = list(t.primary_key.columns)
            rows[t.name] = {
                (r[pk[0].name] if len(pk) == 1 else tuple(r[c.name] for c in pk)): dict(r)
                for r in conn.execute(select(t)).mappings()
            }
    return {t.name: Counter(_row_key(t, r, rows) for r in rows[t.name].values()) for t in tables}


def audit_covers_every_row(engine: Engine) -> None:
    """Verifies, and every row of an audited table has its ``insert`` entry."""
    with session_factory(engine)() as session:
        assert verify_audit(session).ok
        inserted: dict[str, set[str]] = {}
        for entity, entity_id in session.execute(
            select(AuditEntry.entity, AuditEntry.entity_id).where(AuditEntry.action == "insert")
        ):
            inserted.setdefault(entity, set()).add(entity_id)
        for mapper in Base.registry.mappers:
            cls = mapper.class_
            if not getattr(cls, "__audited__", False):
                continue
            ids = {
                ",".join(str(v) for v in mapper.primary_key_from_instance(obj))
                for obj in session.scalars(select(cls))
            }
            assert ids <= inserted.get(mapper.local_table.name, set()), mapper.local_table.name


@pytest.fixture(scope="module")
def placements() -> list[Placement]:
    demo = dataset.load_demo_set()
    return plan(demo.patents, demo.trademarks, TODAY, limit=RECORDS)


@pytest.fixture(scope="module")
def services_register(
    placements: list[Placement], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    url = f"sqlite:///{tmp_path_factory.mktemp('services') / 'services.db'}"
    report = build_demo_office(url, today=TODAY, progress=False, placements=placements, services=True)
    assert report.failures == [] and report.loaded == RECORDS
    engine = make_engine(url)
    try:
        audit_covers_every_row(engine)
        return register(engine)
    finally:
        engine.dispose()


@pytest.mark.slow
def test_the_bulk_path_writes_the_register_of_the_services_path(
    database_url: str, placements: list[Placement], services_register: dict[str, Any], tmp_path: Path
) -> None:
    if not database_url.startswith("sqlite"):
        from ipoffice.store.testing import truncate_all

        upgrade(database_url)
        engine = make_engine(database_url)
        truncate_all(engine)
        engine.dispose()
    report = build_demo_office(database_url, today=TODAY, progress=False, placements=placements)
    assert report.failures == [] and report.loaded == RECORDS
    engine = make_engine(database_url)
    try:
        audit_covers_every_row(engine)
        bulk = register(engine)
    finally:
        engine.dispose()
    assert sum(bulk["files"].values()) == RECORDS and sum(bulk["events"].values()) == report.events
    assert set(bulk) == set(services_register)
    for name in bulk:
        only_bulk = bulk[name] - services_register[name]
        only_services = services_register[name] - bulk[name]
        assert not only_bulk and not only_services, (name, list(only_bulk)[:2], list(only_services)[:2])
