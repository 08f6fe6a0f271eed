"""Helpers of the web tests (a uniquely named module: ``conftest`` is not importable by name across folders)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_seed import PASSWORD, TODAY

from ipoffice.web.settings import WebSettings


def make_settings(url: str, **kw: object) -> WebSettings:
    return WebSettings(database_url=url, secret_key="test-secret-" + "x" * 32, today=TODAY, **kw)  # type: ignore[arg-type]


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
