"""How long a fresh, migrated database takes per test, on each backend, against named baselines.

Ours (tests/conftest.py ``engine`` fixture, ``ipoffice.store.testing``):
  sqlite  copy   byte copy of a template migrated once per session
  pg      delete     one round trip: DELETE FROM every table (triggers off) + restart every sequence
Baselines, same run:
  sqlite  upgrade    ``alembic upgrade head`` into a new file per test
  pg      truncate   TRUNCATE ... RESTART IDENTITY CASCADE of every table (the obvious way)
  pg      new-db     CREATE DATABASE + ``alembic upgrade head`` per test

Each test round also writes one file (so a reset has work to do). Run:
  IPOFFICE_TEST_POSTGRES=postgresql+psycopg://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/store_fixture.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from ipoffice.store.db import make_engine, transaction, upgrade
from ipoffice.store.models import IPFile
from ipoffice.store.testing import FreshDatabases, truncate_all

ROUNDS = int(os.environ.get("ROUNDS", "15"))


def _touch(engine: Engine, i: int) -> None:
    with transaction(engine, actor="bench") as s:
        s.add(
            IPFile(application_number=f"4-2026-{i:05d}", right_kind="trademark", filing_date=date(2026, 1, 2))
        )


def _time(label: str, make: Callable[[int], Engine]) -> tuple[str, float]:
    samples = []
    for i in range(ROUNDS):
        t0 = time.perf_counter()
        engine = make(i)
        samples.append(time.perf_counter() - t0)
        _touch(engine, i)
        engine.dispose()
    return label, statistics.median(samples) * 1000


def main() -> None:
    rows: list[tuple[str, str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        fresh = FreshDatabases(root)
        fresh.sqlite_template()
        rows.append(
            ("sqlite", *_time("copy template (ours)", lambda i: fresh.engine(f"sqlite:///{root}/c{i}.db")))
        )

        def _sqlite_upgrade(i: int) -> Engine:
            url = f"sqlite:///{root}/u{i}.db"
            upgrade(url)
            return make_engine(url)

        rows.append(("sqlite", *_time("alembic upgrade per test (baseline)", _sqlite_upgrade)))

    server = os.environ.get("IPOFFICE_TEST_POSTGRES")
    if server:
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        name = f"ipoffice_bench_{uuid.uuid4().hex[:8]}"
        made: list[str] = [name]
        try:
            with admin.connect() as c:
                c.execute(text(f'CREATE DATABASE "{name}"'))
            url = make_url(server).set(database=name).render_as_string(hide_password=False)
            fresh = FreshDatabases(Path("."))
            fresh.engine(url).dispose()  # migrate once
            rows.append(
                ("postgresql", *_time("DELETE all in one round trip (ours)", lambda i: fresh.engine(url)))
            )

            def _pg_truncate(i: int) -> Engine:
                engine = make_engine(url)
                truncate_all(engine)
                return engine

            rows.append(("postgresql", *_time("TRUNCATE all tables (baseline)", _pg_truncate)))

            def _pg_new(i: int) -> Engine:
                db = f"{name}_{i}"
                made.append(db)
                with admin.connect() as c:
                    c.execute(text(f'CREATE DATABASE "{db}"'))
                u = make_url(server).set(database=db).render_as_string(hide_password=False)
                upgrade(u)
                return make_engine(u)

            rows.append(("postgresql", *_time("CREATE DATABASE + upgrade (baseline)", _pg_new)))
        finally:
            with admin.connect() as c:
                for db in made:
                    c.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
            admin.dispose()
    else:
        print("(set IPOFFICE_TEST_POSTGRES to include PostgreSQL)", file=sys.stderr)

    print(f"fresh migrated database per test: median of {ROUNDS} rounds")
    print(f"{'backend':<11} {'method':<40} {'median ms':>10}")
    for backend, label, ms in rows:
        print(f"{backend:<11} {label:<40} {ms:>10.1f}")


if __name__ == "__main__":
    main()
