"""The REST API: filings with Idempotency-Key, ETag / If-Match, the error shape, OpenAPI — on each backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from web_helpers import make_settings
from web_seed import PASSWORD, seed

from ipoffice.store.models import Fee, IPFile
from ipoffice.web.app import create_app

FILING = {
    "MarkVerbalElementText": "Cà Phê Sương Mai",
    "Applicant": {
        "EntityName": "Hộ kinh doanh Sương Mai",
        "PostalAddressText": "Đà Lạt",
        "CountryCode": "VN",
        "PartyCategory": "person",
    },
    "GoodsServices": [{"ClassNumber": 30, "GoodsServicesDescriptionText": ["Coffee", "Coffee beverages"]}],
}


@pytest.fixture
def api(engine) -> Iterator[tuple[TestClient, dict[str, str], object]]:  # type: ignore[no-untyped-def]
    """An app on an empty migrated database of each backend (SQLite, PostgreSQL), seeded."""
    numbers = seed(engine)
    app = create_app(settings=make_settings(engine.url.render_as_string(hide_password=False)))
    with TestClient(app) as c:
        yield c, numbers, engine
    app.state.dispose()


def _bearer(c: TestClient, user: str) -> dict[str, str]:
    r = c.post("/api/v1/tokens", json={"username": user, "password": PASSWORD})
    assert r.status_code == 201
    return {"Authorization": f"Bearer {r.json()['token']}"}


def _count(engine) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return int(conn.execute(select(func.count(IPFile.id))).scalar_one())


def test_a_retried_filing_never_creates_a_second_application(api) -> None:  # type: ignore[no-untyped-def]
    c, _, engine = api
    h = {**_bearer(c, "an"), "Idempotency-Key": "sub-0001-abcdef"}
    before = _count(engine)
    first = c.post("/api/v1/filings", json=FILING, headers=h)
    assert first.status_code == 201, first.text
    number = first.json()["ApplicationNumberText"]
    assert number.startswith("4-2026-") and first.json()["FeeAmount"] > 0
    again = c.post("/api/v1/filings", json=FILING, headers=h)
    assert again.status_code == 200 and again.headers["idempotent-replayed"] == "true"
    assert again.json()["ApplicationNumberText"] == number
    assert _count(engine) == before + 1
    other = c.post("/api/v1/filings", json={**FILING, "MarkVerbalElementText": "Khác"}, headers=h)
    assert other.status_code == 409 and other.json()["field"] == "Idempotency-Key"
    assert _count(engine) == before + 1
    # the public finds it without diacritics
    found = c.get("/api/v1/search", params={"q": "ca phe suong mai"}).json()
    assert [i["ApplicationNumberText"] for i in found["items"]] == [number]


def test_a_bad_filing_names_the_field_and_writes_nothing(api) -> None:  # type: ignore[no-untyped-def]
    c, _, engine = api
    h = _bearer(c, "an")
    before = _count(engine)
    with engine.connect() as conn:
        fees_before = conn.execute(select(func.count(Fee.id))).scalar_one()
    bad = {**FILING, "GoodsServices": [{"ClassNumber": 30, "GoodsServicesDescriptionText": ["  "]}]}
    r = c.post("/api/v1/filings", json=bad, headers={**h, "Accept-Language": "en"})
    assert r.status_code == 422
    assert r.json()["field"] == "nice[0].terms" and r.json()["rule"]
    foreign = {**FILING, "Applicant": {**FILING["Applicant"], "CountryCode": "JP"}}
    r = c.post("/api/v1/filings", json=foreign, headers=h)
    assert r.status_code == 422 and r.json()["field"] == "applicants[0]" and "89" in r.json()["rule"]
    r = c.post(
        "/api/v1/filings",
        json={**FILING, "GoodsServices": [{"ClassNumber": 46, "GoodsServicesDescriptionText": ["x"]}]},
        headers=h,
    )
    assert r.status_code == 422 and r.json()["field"] == "GoodsServices.0.ClassNumber"
    assert _count(engine) == before
    with engine.connect() as conn:
        assert conn.execute(select(func.count(Fee.id))).scalar_one() == fees_before


def test_filings_need_an_applicant_or_agent_account(api) -> None:  # type: ignore[no-untyped-def]
    c, _, _ = api
    assert c.post("/api/v1/filings", json=FILING).status_code == 401
    assert c.post("/api/v1/filings", json=FILING, headers=_bearer(c, "thu")).status_code == 403


def test_etag_and_if_match_on_examiner_actions(api) -> None:  # type: ignore[no-untyped-def]
    c, numbers, _ = api
    n = numbers["Sông Hồng"]  # filed under vn-2026: next step is publication
    r = c.get(f"/api/v1/files/{n}")
    tag = r.headers["etag"]
    assert r.json()["CurrentStatus"] == "filed" and r.json()["StatutoryClock"]["entries"]
    assert c.get(f"/api/v1/files/{n}", headers={"If-None-Match": tag}).status_code == 304
    h = _bearer(c, "thu")
    assert c.post(f"/api/v1/files/{n}/events", json={"action": "publish"}, headers=h).status_code == 428
    ok = c.post(f"/api/v1/files/{n}/events", json={"action": "publish"}, headers={**h, "If-Match": tag})
    assert ok.status_code == 201, ok.text
    assert ok.headers["etag"] != tag and ok.json()["CurrentStatus"] != "filed"
    stale = c.post(f"/api/v1/files/{n}/events", json={"action": "refuse"}, headers={**h, "If-Match": tag})
    assert stale.status_code == 412 and stale.json()["error"] == "web.api.stale"
    events = c.get(f"/api/v1/files/{n}/events").json()["items"]
    assert [e["EventCode"] for e in events] == ["filed", "published"]
    out_of_order = c.post(
        f"/api/v1/files/{n}/events", json={"action": "grant"}, headers={**h, "If-Match": ok.headers["etag"]}
    )
    assert out_of_order.status_code in (409, 422) and out_of_order.json()["message"]


def test_examiners_only_for_actions(api) -> None:  # type: ignore[no-untyped-def]
    c, numbers, _ = api
    n = numbers["Sông Hồng"]
    tag = c.get(f"/api/v1/files/{n}").headers["etag"]
    r = c.post(
        f"/api/v1/files/{n}/events", json={"action": "publish"}, headers={**_bearer(c, "an"), "If-Match": tag}
    )
    assert r.status_code == 403 and r.json()["error"] == "web.auth.forbidden"


def test_openapi_documents_the_resources(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    paths = set(spec["paths"])
    for p in (
        "/api/v1/search",
        "/api/v1/files",
        "/api/v1/files/{number}",
        "/api/v1/files/{number}/events",
        "/api/v1/files/{number}/documents",
        "/api/v1/filings",
        "/api/v1/tokens",
    ):
        assert p in paths
    assert not any(not p.startswith("/api/v1/") for p in paths)  # pages stay out of the API description
    params = {p["name"] for p in spec["paths"]["/api/v1/filings"]["post"]["parameters"]}
    assert "idempotency-key" in params


def test_validation_errors_have_the_same_shape(client: TestClient) -> None:
    r = client.get("/api/v1/search", params={"niceClass": 99})
    body = r.json()
    assert r.status_code == 422 and set(body) >= {"error", "field", "rule", "message", "params", "status"}
    assert body["field"] == "niceClass"


def test_a_crash_is_a_generic_error_never_a_trace(office) -> None:  # type: ignore[no-untyped-def]
    from fastapi import Depends

    from ipoffice.web.auth import Access, require

    app = create_app(settings=make_settings(office[0]))

    @app.get("/api/v1/boom", dependencies=[Depends(require(Access.PUBLIC))])
    def boom() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/v1/boom")
        assert r.status_code == 500 and r.json()["error"] == "web.error.internal"
        assert "secret" not in r.text and "Traceback" not in r.text
    app.state.dispose()


@pytest.mark.parametrize(
    "q",
    [
        "",
        " ",
        "%",
        "'; DROP TABLE files; --",
        "ｐｈｏ",
        "Phở\u0301",
        "\x00",
        "a" * 200,
        "4-",
        "🙂🙂",
        "<script>",
    ],
)
def test_odd_search_input_never_fails(client: TestClient, q: str) -> None:
    r = client.get("/api/v1/search", params={"q": q})
    assert r.status_code == 200 and r.json()["total"] >= 0
    page = client.get("/", params={"q": q})
    assert page.status_code == 200 and "<script>" not in page.text.split('id="results"')[1]


def test_concurrent_submissions_with_one_key_file_once(api) -> None:  # type: ignore[no-untyped-def]
    """Four writers at once, as four server processes would be (no in-process lock): one application."""
    import threading

    from web_seed import TODAY

    from ipoffice.store.db import transaction
    from ipoffice.web.services import TrademarkFiling, file_trademark

    _, _, engine = api
    before = _count(engine)
    filing = TrademarkFiling(
        mark_text="Nước Mắm Phú Quốc", applicant_name="Công ty Phú Quốc", nice=[(30, ["Fish sauce"])]
    )
    results: list[str] = []
    barrier = threading.Barrier(4)

    def submit() -> None:
        barrier.wait()
        with transaction(engine, actor="test") as s:
            out = file_trademark(
                s, filing, actor="test", today=TODAY, idempotency_key="same-key-1234", user_id=1
            )
        results.append(out.application_number)

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(results) == 4 and len(set(results)) == 1
    assert _count(engine) == before + 1
