"""E-filing form, examiner queue and workbench, i18n completeness, the CLI."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient
from web_helpers import csrf, login

import ipoffice.web
from ipoffice.core import i18n


def _form(c: TestClient, **fields: str) -> dict[str, str]:
    page = c.get("/file/trademark").text
    sub = re.search(r'name="submission_id" value="([^"]+)"', page)
    assert sub is not None
    base = {
        "csrf_token": csrf(c),
        "submission_id": sub.group(1),
        "applicant_country": "VN",
        "applicant_kind": "organisation",
    }
    return {**base, **fields}


def test_a_bad_filing_form_keeps_the_input_and_marks_the_field(client: TestClient) -> None:
    login(client, "an")
    data = _form(client, mark_text="Bánh Mì Cô Ba", applicant_name="Cô Ba", nice_class_1="30", terms_1="")
    r = client.post("/file/trademark", data=data)
    assert r.status_code == 422
    assert 'id="terms_1-error"' in r.text and 'value="Bánh Mì Cô Ba"' in r.text and 'value="Cô Ba"' in r.text
    r = client.post("/file/trademark", data={**data, "terms_1": "Bread", "applicant_country": "FR"})
    assert r.status_code == 422 and 'id="representative_name-error"' in r.text and "89" in r.text
    assert client.get("/api/v1/search", params={"q": "banh mi co ba"}).json()["total"] == 0


def test_a_double_submitted_form_files_once(client: TestClient) -> None:
    login(client, "an")
    data = _form(
        client, mark_text="Bánh Mì Cô Ba", applicant_name="Cô Ba", nice_class_1="30", terms_1="Bread"
    )
    first = client.post("/file/trademark", data=data, follow_redirects=False)
    second = client.post("/file/trademark", data=data, follow_redirects=False)
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    assert client.get("/api/v1/search", params={"q": "banh mi"}).json()["total"] == 1
    account = client.get("/account").text
    assert "Bánh Mì Cô Ba" in account
    portfolio = account.split('id="portfolio"')[1]
    assert (
        "Thẩm định hình thức" in portfolio or "hình thức" in portfolio
    )  # the next statutory step and its date


def test_payment_through_the_test_gateway_marks_fees_paid(client: TestClient) -> None:
    login(client, "an")
    data = _form(
        client, mark_text="Nem Chua Thanh Hóa", applicant_name="Cô Ba", nice_class_1="29", terms_1="Meat"
    )
    location = client.post("/file/trademark", data=data, follow_redirects=False).headers["location"]
    number = location.split("/")[2].split("?")[0]
    page = client.get(f"/files/{number}").text
    assert "chưa nộp" in page and "THỬ NGHIỆM" in page
    pid = re.search(r'name="payment_id" value="([^"]+)"', page)
    assert pid is not None
    for _ in range(2):  # a replayed payment pays nothing twice
        client.post(f"/files/{number}/pay", data={"csrf_token": csrf(client), "payment_id": pid.group(1)})
    page = client.get(f"/files/{number}").text
    assert "chưa nộp" not in page and "đã nộp" in page


def test_nobody_pays_someone_elses_file(client: TestClient, numbers: dict[str, str]) -> None:
    login(client, "an")
    r = client.post(
        f"/files/{numbers['Sông Hồng']}/pay", data={"csrf_token": csrf(client), "payment_id": "x" * 12}
    )
    assert r.status_code == 403


def test_queue_orders_by_statutory_deadline_overdue_first(
    client: TestClient, numbers: dict[str, str]
) -> None:
    login(client, "thu")
    page = client.get("/examiner/queue").text
    order = re.findall(r'<a href="/files/([^"]+)">', page.split('id="queue"')[1])
    assert order.index(numbers["BLUE RIVER"]) < order.index(numbers["Sông Hồng"])  # filed 2025: overdue
    assert "quá hạn" in page
    only_tm = client.get(
        "/examiner/queue", params={"right": "trademark", "step": "formality_examination"}
    ).text
    assert numbers["Phương pháp sản xuất nước mắm"] not in only_tm and numbers["BLUE RIVER"] in only_tm
    by_class = client.get("/examiner/queue", params={"nice_class": "30"}).text
    assert numbers["Sông Hồng"] in by_class and numbers["BLUE RIVER"] not in by_class


def test_workbench_offers_only_the_steps_the_procedure_allows(
    client: TestClient, numbers: dict[str, str]
) -> None:
    login(client, "thu")
    old = client.get(f"/files/{numbers['BLUE RIVER']}").text  # vn-2023: acceptance decision exists
    assert 'id="action-accept"' in old and 'id="action-grant"' not in old
    new = client.get(f"/files/{numbers['Sông Hồng']}").text  # vn-2026: no acceptance decision
    assert 'id="action-accept"' not in new and 'id="action-publish"' in new
    version = re.search(r'name="version" value="(\d+)"', old)
    assert version is not None
    n = numbers["BLUE RIVER"]
    r = client.post(
        f"/files/{n}/actions",
        data={"csrf_token": csrf(client), "action": "accept", "version": version.group(1)},
        follow_redirects=False,
    )
    assert r.status_code == 303
    stale = client.post(
        f"/files/{n}/actions",
        data={"csrf_token": csrf(client), "action": "publish", "version": version.group(1)},
    )
    assert stale.status_code == 409  # the form was for an older version of the file
    assert "Đơn hợp lệ" in client.get(f"/files/{n}").text


def test_every_web_message_has_both_languages_and_every_used_key_exists() -> None:
    import importlib
    import pkgutil

    # Some pages (the analytics) are imported lazily by the app factory; load every web module so that all the
    # messages they register are in the catalogue, whatever ran before this test.
    for mod in pkgutil.walk_packages(ipoffice.web.__path__, "ipoffice.web."):
        importlib.import_module(mod.name)
    catalogue = i18n.messages()
    web = {k: v for k, v in catalogue.items() if k.startswith("web.")}
    assert len(web) > 150
    assert all(v["vi"].strip() and v["en"].strip() for v in web.values())
    assert sum(v["vi"] != v["en"] for v in web.values()) > 0.9 * len(web)
    root = Path(ipoffice.web.__file__).parent
    used = set()
    for path in list(root.rglob("*.html")) + list(root.rglob("*.py")):
        used |= set(
            re.findall(r"""["'](web\.[a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""", path.read_text(encoding="utf-8"))
        )
    assert sorted(k for k in used if k not in catalogue) == []


def test_cli_mounts_serve_and_user() -> None:
    from typer.testing import CliRunner

    from ipoffice.cli import app

    out = CliRunner().invoke(app, ["--help"]).output
    assert "serve" in out and "user" in out
    assert "--workers" in CliRunner().invoke(app, ["serve", "--help"]).output


def test_cli_user_add(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from ipoffice.cli import app
    from ipoffice.store.db import upgrade

    url = f"sqlite:///{tmp_path / 'u.db'}"
    upgrade(url)
    monkeypatch.setenv("IPOFFICE_DATABASE_URL", url)
    monkeypatch.setenv("PW", "a long password")
    ok = CliRunner().invoke(app, ["user", "add", "Hoa", "--role", "examiner", "--password-env", "PW"])
    assert ok.exit_code == 0, ok.output
    again = CliRunner().invoke(app, ["user", "add", "hoa", "--password-env", "PW"])
    assert again.exit_code == 2 and "hoa" in again.output


def test_workbench_shows_possibly_conflicting_marks(client: TestClient, numbers: dict[str, str]) -> None:
    login(client, "an")
    data = _form(
        client,
        mark_text="Phở Hà Nội Ngon",
        applicant_name="Quán Ngon",
        nice_class_1="43",
        terms_1="Restaurant services",
    )
    number = (
        client.post("/file/trademark", data=data, follow_redirects=False).headers["location"].split("/")[2]
    )
    number = number.split("?")[0]
    client.post("/logout", data={"csrf_token": csrf(client)})
    login(client, "thu")
    ran = client.post(f"/files/{number}/assist/tm-search", data={"csrf_token": csrf(client)})
    assert ran.status_code == 200  # the search is a recorded POST; the redirect shows the panel
    panel = ran.text.split('id="conflict-panel"')[1]
    assert numbers["Phở Hà Nội"] in panel and f">{number}<" not in panel.split('id="assist"')[1]
    client.post("/logout", data={"csrf_token": csrf(client)})
    assert 'id="assist"' not in client.get(f"/files/{number}").text  # the public does not see the panel


def test_letters_from_templates_for_the_filer_and_the_office(
    client: TestClient, numbers: dict[str, str]
) -> None:
    login(client, "an")
    data = _form(
        client, mark_text="Chè Thái Nguyên", applicant_name="HTX Chè", nice_class_1="30", terms_1="Tea"
    )
    number = (
        client.post("/file/trademark", data=data, follow_redirects=False).headers["location"].split("/")[2]
    )
    number = number.split("?")[0]
    client.post("/logout", data={"csrf_token": csrf(client)})
    login(client, "thu")
    page = client.get(f"/files/{number}").text
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version is not None
    client.post(
        f"/files/{number}/actions",
        data={
            "csrf_token": csrf(client),
            "action": "deficiency",
            "note": "Thiếu mẫu nhãn hiệu",
            "version": version.group(1),
        },
    )
    page = client.get(f"/files/{number}").text
    assert f"/files/{number}/letters/2" in page
    letter = client.get(f"/files/{number}/letters/2").text
    assert "Thiếu mẫu nhãn hiệu" in letter and "HTX Chè" in letter and 'id="letter-deadline"' in letter
    client.post("/logout", data={"csrf_token": csrf(client)})
    login(client, "an")
    en = client.get(f"/files/{number}/letters/2", params={"lang": "en"}).text
    assert "deficiencies" in en and "no later than" in en
    assert client.get(f"/files/{number}/letters/1").status_code == 404  # filing itself sends no letter
    assert client.get(f"/files/{numbers['Sông Hồng']}/letters/1").status_code == 403
    client.post("/logout", data={"csrf_token": csrf(client)})
    assert client.get(f"/files/{number}/letters/2", follow_redirects=False).status_code == 303


def test_registrar_reference_tables(client: TestClient) -> None:
    login(client, "lan")
    tariffs = client.get("/admin/tariffs", params={"lang": "en"}).text
    assert 'id="tariff-' in tariffs and "₫" in tariffs
    cal = client.get("/admin/holidays", params={"year": "2026"}).text
    assert "2026" in cal and 'id="holidays"' in cal and "Tết" in cal
    client.post("/logout", data={"csrf_token": csrf(client)})
    login(client, "an")
    assert client.get("/admin/tariffs").status_code == 403


def test_filer_replies_to_a_deficiency_notice(client: TestClient) -> None:
    login(client, "an")
    data = _form(
        client, mark_text="Mắm Tôm Thanh Hóa", applicant_name="HTX Mắm", nice_class_1="30", terms_1="Sauces"
    )
    number = (
        client.post("/file/trademark", data=data, follow_redirects=False).headers["location"].split("/")[2]
    )
    number = number.split("?")[0]
    assert 'id="reply-button"' not in client.get(f"/files/{number}").text  # nothing to answer yet
    client.post("/logout", data={"csrf_token": csrf(client)})
    login(client, "thu")
    version = re.search(r'name="version" value="(\d+)"', client.get(f"/files/{number}").text)
    assert version is not None
    client.post(
        f"/files/{number}/actions",
        data={
            "csrf_token": csrf(client),
            "action": "deficiency",
            "note": "Thiếu địa chỉ",
            "version": version.group(1),
        },
    )
    client.post("/logout", data={"csrf_token": csrf(client)})
    login(client, "an")
    assert 'id="reply-button"' in client.get(f"/files/{number}").text
    empty = client.post(f"/files/{number}/reply", data={"csrf_token": csrf(client), "reply_text": " "})
    assert empty.status_code == 422 and "reply_text" in empty.text
    r = client.post(
        f"/files/{number}/reply",
        data={"csrf_token": csrf(client), "reply_text": "Địa chỉ: Thanh Hóa"},
        files={"reply_file": ("reply.pdf", b"%PDF-1.4 reply", "application/pdf")},
        follow_redirects=False,
    )
    assert r.status_code == 303
    events = client.get(f"/api/v1/files/{number}/events").json()["items"]
    assert [e["EventCode"] for e in events][-1] == "response_received"
    assert client.get(f"/api/v1/files/{number}").json()["CurrentStatus"] == "filed"  # back to the office


def test_invention_filing_with_ipc_inventors_and_description(client: TestClient) -> None:
    login(client, "an")
    page = client.get("/file/invention").text
    sub = re.search(r'name="submission_id" value="([^"]+)"', page)
    assert sub is not None
    data = {
        "csrf_token": csrf(client),
        "submission_id": sub.group(1),
        "right": "invention",
        "title": "Thiết bị lọc nước mặn",
        "ipc": "ZZZZ 99/99",
        "inventors": "Lê Văn Tám\nPhạm Thị Chín",
        "independent_claims": "2",
        "description_pages": "35",
        "applicant_name": "Đại học Bách khoa",
        "applicant_country": "VN",
        "applicant_kind": "organisation",
    }
    bad = client.post("/file/invention", data=data)
    assert (
        bad.status_code == 422
        and 'id="ipc-error"' in bad.text
        and 'value="Thiết bị lọc nước mặn"' in bad.text
    )
    notpdf = client.post(
        "/file/invention",
        data={**data, "ipc": "C02F 1/44"},
        files={"description_file": ("d.pdf", b"\x89PNG\r\n\x1a\n....", "application/pdf")},
    )
    assert notpdf.status_code == 422 and 'id="description_file-error"' in notpdf.text
    ok = client.post(
        "/file/invention",
        data={**data, "ipc": "C02F 1/44"},
        files={"description_file": ("d.pdf", b"%PDF-1.7 description", "application/pdf")},
        follow_redirects=False,
    )
    assert ok.status_code == 303, ok.text
    number = ok.headers["location"].split("/")[2].split("?")[0]
    assert number.startswith("1-2026-")
    view = client.get(f"/api/v1/files/{number}").json()
    roles = {p["PartyRole"] for p in view["PartyBag"]}
    assert "inventor" in roles and view["ClassificationBag"][0]["ClassificationSymbol"] == "C02F 1/44"


def test_design_filing_with_locarno_and_views(client: TestClient) -> None:
    login(client, "an")
    sub = re.search(r'name="submission_id" value="([^"]+)"', client.get("/file/design").text)
    assert sub is not None
    png = b"\x89PNG\r\n\x1a\n" + b"1" * 32
    data = {
        "csrf_token": csrf(client),
        "submission_id": sub.group(1),
        "title": "Ghế mây",
        "locarno": "66-01",
        "authors": "Trần Thị Mây",
        "variants": "2",
        "applicant_name": "Làng nghề Phú Vinh",
        "applicant_country": "VN",
        "applicant_kind": "organisation",
    }
    no_views = client.post("/file/design", data=data)
    assert no_views.status_code == 422 and 'id="views-error"' in no_views.text
    bad = client.post("/file/design", data=data, files=[("views", ("front.png", png, "image/png"))])
    assert bad.status_code == 422 and 'id="locarno-error"' in bad.text and 'value="Ghế mây"' in bad.text
    ok = client.post(
        "/file/design",
        data={**data, "locarno": "06.01"},
        files=[("views", ("front.png", png, "image/png")), ("views", ("side.png", png + b"2", "image/png"))],
        follow_redirects=False,
    )
    assert ok.status_code == 303, ok.text
    number = ok.headers["location"].split("/")[2].split("?")[0]
    assert number.startswith("3-2026-")
    view = client.get(f"/api/v1/files/{number}").json()
    assert view["ClassificationBag"][0]["ClassificationSymbol"] == "06-01"


def test_gi_filing_with_area_and_management_organisation(client: TestClient) -> None:
    login(client, "an")
    sub = re.search(r'name="submission_id" value="([^"]+)"', client.get("/file/gi").text)
    assert sub is not None
    data = {
        "csrf_token": csrf(client),
        "submission_id": sub.group(1),
        "title": "Buôn Ma Thuột",
        "products": "Cà phê nhân",
        "area": "",
        "management_organisation": "Sở KH&CN Đắk Lắk",
        "applicant_name": "UBND tỉnh Đắk Lắk",
        "applicant_country": "VN",
    }
    bad = client.post("/file/gi", data=data)
    assert bad.status_code == 422 and 'id="area-error"' in bad.text and 'value="Cà phê nhân"' in bad.text
    ok = client.post(
        "/file/gi",
        data={**data, "area": "Tỉnh Đắk Lắk"},
        files={"area_map": ("map.pdf", b"%PDF-1.5 map", "application/pdf")},
        follow_redirects=False,
    )
    assert ok.status_code == 303, ok.text
    number = ok.headers["location"].split("/")[2].split("?")[0]
    view = client.get(f"/api/v1/files/{number}").json()
    assert view["IPRightCategory"] == "gi"
    assert {"management_organisation", "applicant"} <= {p["PartyRole"] for p in view["PartyBag"]}
    assert client.get("/api/v1/search", params={"q": "buon ma thuot"}).json()["total"] == 1


def test_filer_requests_examination_of_an_invention_once(client: TestClient) -> None:
    login(client, "an")
    sub = re.search(r'name="submission_id" value="([^"]+)"', client.get("/file/invention").text)
    assert sub is not None
    data = {
        "csrf_token": csrf(client),
        "submission_id": sub.group(1),
        "right": "invention",
        "title": "Máy sấy",
        "ipc": "F26B 9/06",
        "independent_claims": "1",
        "description_pages": "10",
        "applicant_name": "Công ty Sấy",
        "applicant_country": "VN",
        "applicant_kind": "organisation",
    }
    number = client.post("/file/invention", data=data, follow_redirects=False).headers["location"]
    number = number.split("/")[2].split("?")[0]
    assert 'id="request-examination"' in client.get(f"/files/{number}").text
    r = client.post(
        f"/files/{number}/requests",
        data={"csrf_token": csrf(client), "kind": "examination"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    events = [e["EventCode"] for e in client.get(f"/api/v1/files/{number}/events").json()["items"]]
    assert events[-1] == "examination_requested"
    assert 'id="request-examination"' not in client.get(f"/files/{number}").text
    again = client.post(f"/files/{number}/requests", data={"csrf_token": csrf(client), "kind": "examination"})
    assert again.status_code == 422
