"""Shared fixtures. The store and office suites run on every database backend.

Backends: ``sqlite`` always; ``postgresql`` when ``IPOFFICE_TEST_POSTGRES`` names a server URL (a throw-away
database is created per test session and dropped at the end). With ``IPOFFICE_REQUIRE_POSTGRES=1`` (set by
``.ci/run``) an unreachable server fails the run instead of skipping.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_SERVER_ENV = "IPOFFICE_TEST_POSTGRES"
PG_REQUIRED_ENV = "IPOFFICE_REQUIRE_POSTGRES"


def shared_data_dir() -> Path | None:
    """The ../shared/data folder of the development checkout, if present (never on a user's machine)."""
    env = os.environ.get("IPOFFICE_SHARED_DATA")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[2] / "shared" / "data")
    for c in candidates:
        if c.is_dir():
            return c
    return None


@pytest.fixture(scope="session")
def shared_data() -> Path:
    d = shared_data_dir()
    if d is None:
        pytest.skip("../shared/data is not present (it exists on development machines and in CI only)")
    return d


def _pg_required() -> bool:
    return os.environ.get(PG_REQUIRED_ENV, "") not in ("", "0", "false")


@pytest.fixture(scope="session")
def postgres_database_url() -> Iterator[str]:
    """A throw-away PostgreSQL database for this test session (per xdist worker)."""
    server = os.environ.get(PG_SERVER_ENV)
    if not server:
        if _pg_required():
            pytest.fail(f"{PG_REQUIRED_ENV} is set but {PG_SERVER_ENV} is not")
        pytest.skip(f"PostgreSQL backend not configured (set {PG_SERVER_ENV})")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"ipoffice_test_{worker}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        if _pg_required():
            pytest.fail(f"PostgreSQL at {server} cannot be reached: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database on each backend (SQLite: a fresh file per test)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ipoffice-test.db'}"
    return str(request.getfixturevalue("postgres_database_url"))


@pytest.fixture(scope="session")
def _fresh_databases(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from ipoffice.store.testing import FreshDatabases

    return FreshDatabases(tmp_path_factory.mktemp("store-template"))


@pytest.fixture
def engine(database_url: str, _fresh_databases):  # type: ignore[no-untyped-def]
    """An engine on an empty database migrated to head, on each backend (SQLite copy / PostgreSQL truncate)."""
    eng = _fresh_databases.engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine):  # type: ignore[no-untyped-def]
    """A store session on ``engine`` acting as ``"test"`` (the audit log's actor); commit as the test needs."""
    from ipoffice.store.db import session_factory

    with session_factory(engine)() as s:
        s.info["actor"] = "test"
        yield s
