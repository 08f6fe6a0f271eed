"""Public pages and the public API: search with and without diacritics, file page, calculators, languages."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_search_finds_marks_without_diacritics(client: TestClient, numbers: dict[str, str]) -> None:
    r = client.get("/", params={"q": "pho ha noi"})
    assert r.status_code == 200
    assert numbers["Phở Hà Nội"] in r.text
    assert numbers["Sông Hồng"] not in r.text
    r = client.get("/", params={"q": "song hong"})
    assert numbers["Sông Hồng"] in r.text and numbers["Phở Hà Nội"] not in r.text


def test_search_by_owner_number_class_and_right(client: TestClient, numbers: dict[str, str]) -> None:
    api = "/api/v1/search"
    by_owner = client.get(api, params={"q": "thuc pham sai gon"}).json()
    assert [i["ApplicationNumberText"] for i in by_owner["items"]] == [numbers["Phở Hà Nội"]]
    by_number = client.get(api, params={"q": numbers["BLUE RIVER"].replace("-", "")}).json()
    assert [i["ApplicationNumberText"] for i in by_number["items"]] == [numbers["BLUE RIVER"]]
    by_class = client.get(api, params={"niceClass": 30}).json()
    assert [i["MarkVerbalElementText"] for i in by_class["items"]] == ["Sông Hồng"]
    patents = client.get(api, params={"right": "invention", "q": "nuoc mam"}).json()
    assert patents["total"] == 1 and patents["items"][0]["Title"] == "Phương pháp sản xuất nước mắm"
    assert client.get(api, params={"q": "zzzz nothing"}).json()["total"] == 0


def test_search_pagination_and_link_header(client: TestClient) -> None:
    r = client.get("/api/v1/files", params={"perPage": 3})
    body = r.json()
    assert body["total"] == 4 and body["pages"] == 2 and len(body["items"]) == 3
    assert 'rel="next"' in r.headers["link"]
    second = client.get("/api/v1/files", params={"perPage": 3, "page": 2}).json()
    seen = {i["ApplicationNumberText"] for i in body["items"] + second["items"]}
    assert len(seen) == 4


def test_file_page_shows_status_clock_and_events_in_both_languages(
    client: TestClient, numbers: dict[str, str]
) -> None:
    n = numbers["Phở Hà Nội"]
    vi = client.get(f"/files/{n}").text
    assert "Thời hạn luật định" in vi and "Diễn biến của đơn" in vi
    assert 'lang="vi"' in vi
    assert "thg 5" in vi or "05/2026" in vi  # publication date in Vietnamese format
    en = client.get(f"/files/{n}", params={"lang": "en"}).text
    assert "Statutory clock" in en and 'lang="en"' in en and "May 2026" in en
    # the choice sticks (cookie) until switched back
    assert "Statutory clock" in client.get(f"/files/{n}").text
    assert "Thời hạn luật định" in client.get(f"/files/{n}", params={"lang": "vi"}).text


def test_unknown_file_is_a_404_in_the_users_language(client: TestClient) -> None:
    r = client.get("/files/4-2099-99999")
    assert r.status_code == 404 and "4-2099-99999" in r.text and "Lỗi" in r.text
    r = client.get("/api/v1/files/4-2099-99999", params={"lang": "en"})
    assert r.status_code == 404
    body = r.json()
    assert body["error"] == "office.file_not_found" and body["field"] == "number" and body["status"] == 404
    assert "4-2099-99999" in body["message"]


def test_fee_calculator_page_and_api_agree(client: TestClient) -> None:
    api = client.get("/api/v1/fees/quote", params={"right": "trademark", "classes": 2}).json()
    assert api["currency"] == "VND" and api["total"] > 0
    page = client.get("/fees", params={"right": "trademark", "classes": "2", "lang": "en"}).text
    total = re.search(r'id="fee-total"><strong>([^<]+)<', page)
    assert total is not None
    assert int(re.sub(r"\D", "", total.group(1))) == api["total"]
    vi = client.get("/fees", params={"right": "trademark", "classes": "2", "lang": "vi"}).text
    assert "₫" in vi and f"{api['total']:,}".replace(",", ".") in vi


def test_fee_calculator_reports_bad_input_next_to_the_form(client: TestClient) -> None:
    r = client.get("/fees", params={"right": "trademark", "classes": "99"})
    assert r.status_code == 200 and 'role="alert"' in r.text and "99" in r.text


def test_deadline_calculator(client: TestClient) -> None:
    r = client.get("/deadlines", params={"right": "trademark", "filing_date": "2026-05-04", "lang": "en"})
    assert r.status_code == 200 and 'id="deadline-table"' in r.text and "vn-2026" in r.text
    bad = client.get("/deadlines", params={"right": "trademark", "filing_date": "2026-02-30"})
    assert 'role="alert"' in bad.text and "2026-02-30" in bad.text


def test_statistics_chart_is_server_rendered_svg(client: TestClient) -> None:
    r = client.get("/statistics")
    assert r.status_code == 200
    assert "<svg" in r.text and 'role="img"' in r.text and 'class="limit"' in r.text
    stats = client.get("/api/v1/statistics/backlog").json()
    assert stats["files"] == 4


def test_guides_exist_in_both_languages(client: TestClient) -> None:
    vi = client.get("/guides", params={"lang": "vi"}).text
    en = client.get("/guides", params={"lang": "en"}).text
    for g in ("trademark", "invention", "design", "costs"):
        assert f'id="guide-{g}"' in vi and f'id="guide-{g}"' in en
    assert "Nhãn hiệu" in vi and "Trademarks" in en


def test_nice_picker_uses_the_real_nice_list(client: TestClient) -> None:
    r = client.get("/nice", params={"term": "coffee", "nice_class": "30"}, headers={"HX-Request": "true"})
    assert r.status_code == 200 and "<html" not in r.text
    assert "Coffee" in r.text or "coffee" in r.text
    api = client.get("/api/v1/nice/terms", params={"q": "coffee"}).json()
    assert any(i["ClassNumber"] == 30 for i in api["items"])


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/", "/api/v1/files", "/static/office.css", "/nowhere"):
        r = client.get(path)
        assert "default-src 'self'" in r.headers["content-security-policy"], path
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"


def test_pages_load_nothing_from_other_sites(client: TestClient, numbers: dict[str, str]) -> None:
    for path in ("/", f"/files/{numbers['Phở Hà Nội']}", "/statistics", "/fees", "/guides", "/login"):
        html = client.get(path).text
        assert not re.search(r'(src|href)="(https?:)?//', html), path


def test_htmx_is_vendored_with_its_recorded_checksum() -> None:
    import hashlib
    from pathlib import Path

    import ipoffice.web

    static = Path(ipoffice.web.__file__).parent / "static"
    data = (static / "vendor" / "htmx-2.0.11.min.js").read_bytes()
    source = (static / "vendor" / "SOURCE.md").read_text(encoding="utf-8")
    assert hashlib.sha256(data).hexdigest() in source and "2.0.11" in source and "0BSD" in source


def test_gazette_lists_published_applications_by_month(client: TestClient, numbers: dict[str, str]) -> None:
    r = client.get("/gazette")
    assert r.status_code == 200 and "2026-05" in r.text
    table = r.text.split('id="gazette"')[1]
    assert numbers["Phở Hà Nội"] in table and numbers["Sông Hồng"] not in table
    assert (
        client.get("/gazette", params={"month": "1999-01"}).status_code == 200
    )  # unknown month: latest issue
