"""Electronic certificates: the register entry with its INID fields and a hash anyone can recompute."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from publish_helpers import ACTOR, pay_grant_fees

from ipoffice.core.errors import Conflict, NotFound
from ipoffice.core.rights import RightKind
from ipoffice.office import examination as ex
from ipoffice.office import grant as gr
from ipoffice.office import publication as pub
from ipoffice.office.filing import FilingRequest, PartyInput, file_application
from ipoffice.publish.certificate import TITLE_NAMES, canonical_json, certificate, verify_certificate


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


def _to_grant(db, number, *, published=True, request=False, on=date(2025, 9, 1)):
    """Walk a file of the register (or a new one) to its grant through the office's services."""
    if request:
        ex.request_examination(db, number, on=date(2025, 4, 25), actor=ACTOR)
    if not published:
        pub.publish(db, number, on=date(2025, 5, 5), actor=ACTOR)
    ex.notify_intended_grant(db, number, on=on, actor=ACTOR)
    pay_grant_fees(db, number, date(2025, 9, 15))
    gr.grant(db, number, on=date(2025, 10, 6), actor=ACTOR)


def _file(db, right, title, accepted=date(2025, 3, 3), **kw):
    n = file_application(
        db,
        FilingRequest(
            right=right,
            filing_date=date(2025, 2, 3),
            applicants=[PartyInput(name=kw.pop("applicant", "Viện Nghiên cứu Cơ khí"))],
            title=title,
            **kw,
        ),
        actor=ACTOR,
    ).application_number
    ex.accept_formality(db, n, on=accepted, actor=ACTOR)
    return n


def test_every_kind_of_title_is_issued_with_its_statutory_name(db, register):
    inv = register.invention_published
    _to_grant(db, inv, request=True)
    um = _file(db, "utility_solution", "Máy bóc vỏ cà phê", ipc=["A23N 5/00"])
    _to_grant(db, um, published=False, request=True)
    _to_grant(db, register.design_published)
    gi = _file(db, "gi", "Sơn La (cà phê nhân)", applicant="Ủy ban nhân dân tỉnh Sơn La")
    _to_grant(db, gi, published=False)
    layout = _file(db, "layout_design", "Mạch tích hợp xử lý tín hiệu 5G", applicant="Tập đoàn Viettel")
    ex.notify_intended_grant(db, layout, on=date(2025, 4, 1), actor=ACTOR)  # no publication, no examination
    pay_grant_fees(db, layout, date(2025, 4, 10))
    gr.grant(db, layout, on=date(2025, 5, 5), actor=ACTOR)

    certs = {
        n: certificate(db, n) for n in (inv, um, register.design_published, gi, layout, register.mark_granted)
    }
    assert {c.title_vi for c in certs.values()} == {vi for vi, _ in TITLE_NAMES.values()}
    assert set(TITLE_NAMES) == set(RightKind)
    c = certs[inv]
    assert c.title_vi == "BẰNG ĐỘC QUYỀN SÁNG CHẾ" and c.inid_standard == "ST.9"
    assert c.record["inid"]["13"] == ["B"] and c.record["inid"]["73"][0].startswith("NVIDIA Corporation")
    assert c.record["inid"]["72"] == ["Nguyễn Thị Hường (VN)"] and c.expiry_date == date(2045, 1, 6)
    assert (
        certs[um].record["inid"]["13"] == ["Y"] and certs[um].title_vi == "BẰNG ĐỘC QUYỀN GIẢI PHÁP HỮU ÍCH"
    )
    d = certs[register.design_published]
    assert d.inid_standard == "ST.80" and d.record["inid"]["51"] == ["07-01"] and d.record["inid"]["73"]
    g = certs[gi]
    assert g.expiry_date is None and g.record["inid"]["540"] == ["Sơn La (cà phê nhân)"]
    assert next(f for f in g.fields if f.code == "540").label_en == "Geographical indication"
    lay = certs[layout]
    assert "13" not in lay.record["inid"] and "43" not in lay.record["inid"]  # no kind code, never published
    assert next(f for f in lay.fields if f.code == "54").label_vi == "Tên thiết kế bố trí"
    assert len({c.sha256 for c in certs.values()}) == 6
