"""Roles on every route, CSRF on every form, sessions, tokens, login throttling, the audit log."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from web_helpers import csrf, login, make_settings, token

from ipoffice.web.app import create_app
from ipoffice.web.auth import RoleCheck, hash_password, verify_password


def _routes(routes: list[Any]) -> list[APIRoute]:
    out: list[APIRoute] = []
    for r in routes:
        if isinstance(r, APIRoute):
            out.append(r)
        elif hasattr(r, "original_router"):  # FastAPI >= 0.16x keeps included routers as branches
            out.extend(_routes(r.original_router.routes))
        elif hasattr(r, "routes") and not hasattr(r, "app"):
            out.extend(_routes(r.routes))
    return out


def test_every_route_declares_its_role(client: TestClient) -> None:
    routes = _routes(client.app.routes)  # type: ignore[attr-defined]
    assert len(routes) > 25
    missing = [
        f"{sorted(r.methods)} {r.path}"
        for r in routes
        if not any(isinstance(d.call, RoleCheck) for d in r.dependant.dependencies)
        and r.path not in ("/api/v1/openapi.json", "/api/v1/docs", "/docs/oauth2-redirect")
    ]
    assert missing == []


def test_passwords_are_argon2_and_never_stored_plain() -> None:
    from argon2 import PasswordHasher

    assert PasswordHasher().time_cost >= 2  # the production hasher keeps argon2-cffi's RFC 9106 defaults
    h = hash_password("correct horse 42")
    assert h.startswith("$argon2id$") and "correct" not in h
    assert verify_password(h, "correct horse 42") and not verify_password(h, "wrong")


@pytest.mark.parametrize(
    "path", ["/examiner/queue", "/admin/audit", "/admin/users", "/file/trademark", "/account"]
)
def test_private_pages_send_anonymous_users_to_login(client: TestClient, path: str) -> None:
    r = client.get(path, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")


def test_roles_are_enforced(client: TestClient) -> None:
    login(client, "an")  # applicant
    assert client.get("/file/trademark").status_code == 200
    r = client.get("/examiner/queue")
    assert r.status_code == 403 and "applicant" in r.text
    assert client.get("/admin/users").status_code == 403
    client.post("/logout", data={"csrf_token": csrf(client)})
    login(client, "thu")  # examiner
    assert client.get("/examiner/queue").status_code == 200
    assert client.get("/file/trademark").status_code == 403
    assert client.get("/admin/audit").status_code == 403
    client.post("/logout", data={"csrf_token": csrf(client)})
    login(client, "lan")  # registrar
    assert client.get("/admin/audit").status_code == 200
    assert client.get("/admin/users").status_code == 403


def test_session_cookie_is_httponly_and_samesite(client: TestClient) -> None:
    r = client.post(
        "/login",
        data={"username": "an", "password": "correct horse 42", "csrf_token": csrf(client)},
        follow_redirects=False,
    )
    cookie = r.headers["set-cookie"].lower()
    assert "ipo_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie


def test_forms_without_csrf_token_are_refused(client: TestClient) -> None:
    r = client.post("/login", data={"username": "an", "password": "correct horse 42"}, follow_redirects=False)
    assert r.status_code == 403 and "csrf_token" in r.text
    r = client.post(
        "/login",
        data={"username": "an", "password": "correct horse 42", "csrf_token": "forged"},
        follow_redirects=False,
    )
    assert r.status_code == 403
    login(client, "thu")
    r = client.post("/files/whatever/actions", data={"action": "publish"}, follow_redirects=False)
    assert r.status_code == 403


def test_a_tampered_session_cookie_is_anonymous(client: TestClient) -> None:
    login(client, "root")
    value = client.cookies["ipo_session"]
    fresh = TestClient(client.app)
    assert fresh.get("/admin/users", headers={"Cookie": f"ipo_session={value}"}).status_code == 200
    tampered = value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB")
    r = fresh.get("/admin/users", headers={"Cookie": f"ipo_session={tampered}"}, follow_redirects=False)
    assert r.status_code == 303


def test_logout_ends_the_session(client: TestClient) -> None:
    login(client, "an")
    assert client.get("/account").status_code == 200
    client.post("/logout", data={"csrf_token": csrf(client)})
    assert client.get("/account", follow_redirects=False).status_code == 303


def test_login_is_rate_limited(office: tuple[str, dict[str, str]]) -> None:
    app = create_app(settings=make_settings(office[0], login_attempts=3))
    with TestClient(app) as c:
        t = csrf(c)
        for _ in range(3):
            r = c.post("/login", data={"username": "an", "password": "nope nope nope", "csrf_token": t})
            assert r.status_code == 401 and 'id="password-error"' in r.text
        r = c.post("/login", data={"username": "an", "password": "correct horse 42", "csrf_token": t})
        assert r.status_code == 429
    app.state.dispose()


def test_api_tokens(client: TestClient) -> None:
    t = token(client, "thu")
    fresh = TestClient(client.app)  # no cookies
    assert fresh.get("/api/v1/files", headers={"Authorization": f"Bearer {t}"}).status_code == 200
    r = fresh.get("/api/v1/files", headers={"Authorization": "Bearer ipo_forged.value"})
    assert r.status_code == 401 and r.json()["field"] == "Authorization"
    bad = client.post("/api/v1/tokens", json={"username": "thu", "password": "wrong password"})
    assert bad.status_code == 401 and bad.json()["error"] == "web.auth.bad_login"


def test_signup_keeps_input_and_names_the_field(client: TestClient) -> None:
    r = client.post(
        "/signup",
        data={
            "username": "minh",
            "display_name": "Trần Minh",
            "email": "m@example.org",
            "password": "short",
            "csrf_token": csrf(client),
        },
    )
    assert r.status_code == 422
    assert 'id="password-error"' in r.text and 'value="Trần Minh"' in r.text and "10" in r.text
    r = client.post(
        "/signup",
        data={
            "username": "minh",
            "display_name": "Trần Minh",
            "password": "long enough pw",
            "csrf_token": csrf(client),
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert client.get("/account").status_code == 200


def test_admin_creates_an_examiner_and_the_audit_log_records_it(client: TestClient) -> None:
    login(client, "root")
    r = client.post(
        "/admin/users",
        data={
            "username": "hoa",
            "display_name": "Hoa",
            "password": "examiner pw 1",
            "role": "examiner",
            "csrf_token": csrf(client),
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    audit = client.get("/admin/audit", params={"entity": "users"}).text
    assert "web:root" in audit and "hoa" in audit
    assert "examiner pw 1" not in audit
