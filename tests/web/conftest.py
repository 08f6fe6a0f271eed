"""Web fixtures: a seeded SQLite register copied per test, an app on it, and logged-in clients."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import make_settings
from web_seed import seed

from ipoffice.store.db import make_engine, upgrade
from ipoffice.web.app import create_app


@pytest.fixture(scope="session", autouse=True)
def _cheap_argon2() -> None:
    """argon2 at its production cost takes ~1 s per hash on a shared CI box; the tests need the flow, not it."""
    from ipoffice.web.auth import use_cheap_password_hashing

    use_cheap_password_hashing()


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("web-template") / "office.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    try:
        numbers = seed(engine)
    finally:
        engine.dispose()
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    return path, numbers


@pytest.fixture
def office(seeded_template: tuple[Path, dict[str, str]], tmp_path: Path) -> tuple[str, dict[str, str]]:
    """A private copy of the seeded register: (database URL, mark -> application number)."""
    src, numbers = seeded_template
    dst = tmp_path / "office.db"
    shutil.copyfile(src, dst)
    return f"sqlite:///{dst}", numbers


@pytest.fixture
def numbers(office: tuple[str, dict[str, str]]) -> dict[str, str]:
    return office[1]


@pytest.fixture
def client(office: tuple[str, dict[str, str]]) -> Iterator[TestClient]:
    app = create_app(settings=make_settings(office[0]))
    with TestClient(app) as c:
        yield c
    app.state.dispose()
