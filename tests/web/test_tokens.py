"""API tokens in their own table (hashed at rest, revocable one by one, last use) and idempotency keys in
theirs (unique per user and key, not in the file's details)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select
from web_helpers import csrf, login
from web_seed import PASSWORD

from ipoffice.store.db import transaction
from ipoffice.store.models import ApiToken, IdempotencyKey, IPFile
from ipoffice.web.tokens import token_hash

FILING = {
    "MarkVerbalElementText": "Trà Đêm",
    "Applicant": {
        "EntityName": "Hộ kinh doanh Trà Đêm",
        "PostalAddressText": "Huế",
        "CountryCode": "VN",
        "PartyCategory": "person",
    },
    "GoodsServices": [{"ClassNumber": 30, "GoodsServicesDescriptionText": ["Tea"]}],
}


def _token(c: TestClient, user: str, label: str) -> str:
    r = TestClient(c.app).post(
        "/api/v1/tokens", json={"username": user, "password": PASSWORD, "label": label}
    )
    assert r.status_code == 201, r.text
    return str(r.json()["token"])


def test_tokens_are_hashed_revocable_one_by_one_and_record_their_last_use(client: TestClient) -> None:
    ci, laptop = _token(client, "an", "CI"), _token(client, "an", "laptop")
    assert ci != laptop and ci.startswith("ipo_")
    fresh = TestClient(client.app)
    bearer = {"Authorization": f"Bearer {ci}"}
    assert fresh.get("/api/v1/files", headers=bearer).status_code == 200
    with transaction(client.app.state.engine, actor="reader") as s:  # type: ignore[attr-defined]
        rows = {r.label: r for r in s.scalars(select(ApiToken))}
        assert rows["CI"].token_hash == token_hash(ci) and ci not in str(vars(rows["CI"]))  # only the hash
        assert rows["CI"].last_used_at is not None and rows["laptop"].last_used_at is None
        ci_id = rows["CI"].id
    login(client, "an")
    page = client.get("/account").text
    assert "CI" in page and "laptop" in page and ci[:12] in page and ci not in page
    r = client.post(
        f"/account/tokens/{ci_id}/revoke", data={"csrf_token": csrf(client)}, follow_redirects=False
    )
    assert r.status_code == 303
    assert fresh.get("/api/v1/files", headers=bearer).status_code == 401
    assert fresh.get("/api/v1/files", headers={"Authorization": f"Bearer {laptop}"}).status_code == 200
    # someone else cannot revoke an's tokens
    client.post("/logout", data={"csrf_token": csrf(client)})
    login(client, "thu")
    other = re.findall(r'id="revoke-(\d+)"', client.get("/account").text)
    assert str(ci_id) not in other
    r = client.post(f"/account/tokens/{ci_id + 1}/revoke", data={"csrf_token": csrf(client)})
    assert r.status_code == 404
    assert fresh.get("/api/v1/files", headers={"Authorization": f"Bearer {laptop}"}).status_code == 200


def test_the_account_page_issues_a_token_shown_once(client: TestClient) -> None:
    login(client, "an")
    r = client.post("/account/token", data={"csrf_token": csrf(client), "label": "script"})
    shown = re.search(r'id="api-token">([^<]+)<', r.text)
    assert shown is not None
    again = client.get("/account").text
    assert "script" in again and shown.group(1) not in again
    fresh = TestClient(client.app)
    assert (
        fresh.get("/api/v1/files", headers={"Authorization": f"Bearer {shown.group(1)}"}).status_code == 200
    )


def test_idempotency_keys_live_in_their_own_table_per_user(client: TestClient) -> None:
    an = {"Authorization": f"Bearer {_token(client, 'an', 'x')}", "Idempotency-Key": "retry-key-0001"}
    first = client.post("/api/v1/filings", json=FILING, headers=an)
    assert first.status_code == 201, first.text
    again = client.post("/api/v1/filings", json=FILING, headers=an)
    assert again.status_code == 200 and again.json() == first.json()
    assert (
        client.post(
            "/api/v1/filings", json={**FILING, "MarkVerbalElementText": "Khác"}, headers=an
        ).status_code
        == 409
    )
    # another applicant using the same key value files its own application
    client.post("/signup", data={"csrf_token": csrf(client), "username": "binh", "password": PASSWORD})
    binh = {"Authorization": f"Bearer {_token(client, 'binh', 'y')}", "Idempotency-Key": "retry-key-0001"}
    theirs = TestClient(client.app).post("/api/v1/filings", json=FILING, headers=binh)
    assert theirs.status_code == 201
    assert theirs.json()["ApplicationNumberText"] != first.json()["ApplicationNumberText"]
    with transaction(client.app.state.engine, actor="reader") as s:  # type: ignore[attr-defined]
        keys = list(s.scalars(select(IdempotencyKey)))
        assert len(keys) == 2 and {k.key for k in keys} == {"retry-key-0001"}
        number = first.json()["ApplicationNumberText"]
        f = s.scalar(select(IPFile).where(IPFile.application_number == number))
        assert f is not None and "idempotency_key" not in (f.details or {})


def test_the_api_lists_and_revokes_the_callers_tokens(client: TestClient) -> None:
    first, second = _token(client, "an", "one"), _token(client, "an", "two")
    api = TestClient(client.app)
    h1, h2 = {"Authorization": f"Bearer {first}"}, {"Authorization": f"Bearer {second}"}
    listed = api.get("/api/v1/tokens", headers=h1).json()
    assert [i["label"] for i in listed["items"]] == ["two", "one"]
    assert first not in str(listed) and listed["items"][1]["prefix"] == first[:12]
    other = _token(client, "thu", "examiner")
    assert (
        api.delete(
            f"/api/v1/tokens/{listed['items'][0]['id']}", headers={"Authorization": f"Bearer {other}"}
        ).status_code
        == 404
    )  # not theirs
    assert api.delete(f"/api/v1/tokens/{listed['items'][0]['id']}", headers=h1).status_code == 204
    assert api.get("/api/v1/tokens", headers=h2).status_code == 401
    assert api.get("/api/v1/tokens", headers=h1).json()["items"][0]["revokedAt"] is not None
    assert api.get("/api/v1/tokens").status_code == 401
