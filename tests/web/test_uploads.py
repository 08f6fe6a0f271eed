"""Uploads: PDF, PNG, JPEG recognised by content, size limit, client file names never used as paths."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_helpers import csrf, login, token

from ipoffice.core.errors import UserError
from ipoffice.web.uploads import IMAGES, check_upload, safe_label

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64


def test_type_comes_from_content_not_from_the_name() -> None:
    assert check_upload(PNG, "mark.pdf").media_type == "image/png"
    assert check_upload(PDF, "x.png").media_type == "application/pdf"
    with pytest.raises(UserError) as err:
        check_upload(b"<script>alert(1)</script>", "mark.png")
    assert err.value.code == "web.upload.bad_type" and err.value.field == "file"
    with pytest.raises(UserError):
        check_upload(PDF, "a.pdf", IMAGES)
    with pytest.raises(UserError) as big:
        check_upload(PNG + b"0" * 100, "m.png", limit=50)
    assert big.value.code == "web.upload.too_large"


def test_names_are_labels_only() -> None:
    assert safe_label("../../etc/passwd") == "passwd"
    assert safe_label("C:\\Users\\a\\logo<1>.png") == "logo1.png"
    assert safe_label("") == "document" and safe_label("..") == "document"


def test_filer_uploads_to_own_file_examiner_publishes(client: TestClient, numbers: dict[str, str]) -> None:
    t = token(client, "an")
    filing = {
        "MarkVerbalElementText": "Gốm Bát Tràng",
        "Applicant": {"EntityName": "HTX Gốm Bát Tràng"},
        "GoodsServices": [{"ClassNumber": 21, "GoodsServicesDescriptionText": ["Pottery"]}],
    }
    h = {"Authorization": f"Bearer {t}"}
    number = client.post("/api/v1/filings", json=filing, headers=h).json()["ApplicationNumberText"]
    ok = client.post(
        f"/api/v1/files/{number}/documents",
        headers=h,
        files={"file": ("../../evil.exe", PNG, "application/x-msdownload")},
        data={"DocumentCategory": "mark_image", "public": "true"},
    )
    assert ok.status_code == 201, ok.text
    assert ok.json()["MediaType"] == "image/png" and ok.json()["FileName"] == "evil.exe"
    assert ok.json()["Public"] is False  # a filer cannot publish
    assert client.get(f"/api/v1/files/{number}/documents").json()["items"] == []
    bad = client.post(
        f"/api/v1/files/{number}/documents",
        headers=h,
        files={"file": ("a.pdf", b"MZ\x90\x00", "application/pdf")},
    )
    assert bad.status_code == 422 and bad.json()["field"] == "file"
    other = client.post(
        f"/api/v1/files/{numbers['Sông Hồng']}/documents", headers=h, files={"file": ("a.pdf", PDF)}
    )
    assert other.status_code == 403
    ex = {"Authorization": f"Bearer {token(client, 'thu')}"}
    pub = client.post(
        f"/api/v1/files/{number}/documents",
        headers=ex,
        files={"file": ("notice.pdf", PDF)},
        data={"DocumentCategory": "other", "public": "true"},
    )
    assert pub.status_code == 201 and pub.json()["Public"] is True
    items = client.get(f"/api/v1/files/{number}/documents").json()["items"]
    assert [i["MediaType"] for i in items] == ["application/pdf"]
    got = client.get(f"/api/v1/files/{number}/documents/{items[0]['DocumentIdentifier']}")
    assert got.content == PDF and got.headers["content-type"] == "application/pdf"
    hidden = client.get(f"/api/v1/files/{number}/documents/{ok.json()['DocumentIdentifier']}")
    assert hidden.status_code == 404


def test_mark_image_on_the_filing_form_is_checked(client: TestClient) -> None:
    login(client, "an")
    page = client.get("/file/trademark").text
    import re

    sub = re.search(r'name="submission_id" value="([^"]+)"', page)
    assert sub is not None
    data = {
        "csrf_token": csrf(client),
        "submission_id": sub.group(1),
        "mark_text": "Lụa Hà Đông",
        "applicant_name": "Lụa Hà Đông JSC",
        "applicant_country": "VN",
        "applicant_kind": "organisation",
        "nice_class_1": "24",
        "terms_1": "Silk fabrics",
    }
    r = client.post("/file/trademark", data=data, files={"mark_image": ("logo.png", PDF, "image/png")})
    assert r.status_code == 422 and 'id="mark_image-error"' in r.text and 'value="Lụa Hà Đông"' in r.text
    r = client.post(
        "/file/trademark",
        data=data,
        files={"mark_image": ("logo.png", PNG, "image/png")},
        follow_redirects=False,
    )
    assert r.status_code == 303
