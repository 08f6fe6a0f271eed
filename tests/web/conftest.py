"""Web fixtures: a seeded SQLite register copied per test, an app on it, and logged-in clients."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_seed import PASSWORD, TODAY, seed

from ipoffice.store.db import make_engine, upgrade
from ipoffice.web.app import create_app
from ipoffice.web.settings import WebSettings


@pytest.fixture(scope="session", autouse=True)
def _cheap_argon2() -> None:
    """argon2 at its production cost takes ~1 s per hash on a shared CI box; the tests need the flow, not it."""
    from ipoffice.web.auth import use_cheap_password_hashing

    use_cheap_password_hashing()


def make_settings(url: str, **kw: object) -> WebSettings:
    return WebSettings(database_url=url, secret_key="test-secret-" + "x" * 32, today=TODAY, **kw)  # type: ignore[arg-type]


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


def csrf(c: TestClient) -> str:
    """The browser's CSRF token (the cookie the first page set)."""
    if "ipo_csrf" not in c.cookies:
        c.get("/login")
    return str(c.cookies["ipo_csrf"])


def login(c: TestClient, username: str, password: str = PASSWORD) -> None:
    r = c.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf(c), "next": "/account"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text


def token(c: TestClient, username: str) -> str:
    r = c.post("/api/v1/tokens", json={"username": username, "password": PASSWORD})
    assert r.status_code == 201, r.text
    return str(r.json()["token"])
