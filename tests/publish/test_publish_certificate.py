"""Electronic certificates: the register entry with its INID fields and a hash anyone can recompute."""

from __future__ import annotations

import hashlib
import json

import pytest

from ipoffice.core.errors import Conflict, NotFound
from ipoffice.publish.certificate import canonical_json, certificate, verify_certificate


def test_trademark_certificate_carries_number_inid_and_hash(db, register):
    cert = certificate(db, register.mark_granted)
    assert cert.title_vi == "GIẤY CHỨNG NHẬN ĐĂNG KÝ NHÃN HIỆU" and cert.electronic
    assert cert.registration_number and cert.record["registration_number"] == cert.registration_number
    assert cert.record["inid"]["111"] == [cert.registration_number]
    assert cert.record["inid"]["540"] == ["SƠN LA GOLD"]
    assert cert.record["inid"]["151"] == ["2025-11-03"] and cert.record["inid"]["180"] == ["2035-01-06"]
    expected = hashlib.sha256(
        json.dumps(cert.record, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()
    assert cert.sha256 == expected
    # the same title is found by its registration number, with the same hash
    assert certificate(db, cert.registration_number).sha256 == cert.sha256
    assert verify_certificate(db, register.mark_granted, cert.sha256.upper())
    assert not verify_certificate(db, register.mark_granted, "0" * 64)


def test_hash_changes_when_a_fact_changes_and_ignores_unicode_form():
    record = {"b": "SƠN LA", "a": [1, 2]}
    decomposed = {"a": [1, 2], "b": "SO\u031bN LA"}  # "Ơ" as O + combining horn
    assert canonical_json(record) == canonical_json(decomposed) == '{"a":[1,2],"b":"SƠN LA"}'
    assert canonical_json({"b": "SƠN LA", "a": [1, 3]}) != canonical_json(record)


def test_only_a_granted_file_has_a_certificate(db, register):
    with pytest.raises(Conflict) as err:
        certificate(db, register.invention_published)
    assert err.value.code == "publish.not_granted" and err.value.field == "number"
    assert "chưa được cấp văn bằng" in err.value.message("vi")
    with pytest.raises(NotFound):
        certificate(db, "4-2099-99999")


def test_certificate_pdf_keeps_vietnamese_and_the_hash(db, register):
    from pdftext import pdf_text

    cert = certificate(db, register.mark_granted)
    html = cert.html()
    assert cert.sha256 in html and "(732)" in html
    text = pdf_text(cert.pdf())
    assert "GIẤY CHỨNG NHẬN ĐĂNG KÝ NHÃN HIỆU" in text
    assert "Công ty TNHH Cà phê Sơn La" in text
    assert cert.sha256 in text.replace("\n", "")
