"""Parties, roles, name folding and ST.3 countries."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipoffice.core.errors import UserError
from ipoffice.core.parties import (
    Party,
    PartyKind,
    PartyRole,
    countries,
    country_name,
    fold_name,
    infer_party_kind,
    is_valid_country,
    validate_country,
)


def test_roles_and_kinds():
    assert {r.value for r in PartyRole} >= {
        "applicant",
        "owner",
        "inventor",
        "author",
        "representative",
        "opponent",
        "requester",
        "licensor",
        "licensee",
        "pledgor",
        "pledgee",
        "assignor",
        "assignee",
        "management_organisation",
        "authorised_user",
    }
    assert len(PartyRole) == 15
    assert [k.value for k in PartyKind] == ["company", "university", "individual", "government", "other"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("CÔNG TY TNHH Sữa Đà Lạt", "Sua Da Lat Co., Ltd."),
        ("Công ty cổ phần Sữa Việt Nam", "Sữa Việt Nam JSC"),
        ("Công ty Cổ phần Tập đoàn Hòa Phát", "Tap Doan Hoa Phat Joint Stock Company"),
        ("CÔNG TY TNHH MỘT THÀNH VIÊN Điện Máy Xanh", "Điện máy xanh company limited"),
        ("Samsung Electronics Co., Ltd.", "SAMSUNG ELECTRONICS CO LTD"),
        ("Nestlé S.A.", "NESTLE SA"),
        ("Đặng Văn Đức", "dang van duc"),
        ("Trường Đại học Bách khoa Hà Nội", "TRUONG DAI HOC BACH KHOA HA NOI"),
    ],
)
def test_fold_name_matches_spellings(a, b):
    assert fold_name(a) == fold_name(b)


def test_fold_name_details():
    assert fold_name("CÔNG TY TNHH Sữa Đà Lạt") == "sua da lat"
    assert fold_name("Co-op Mart Co., Ltd.") == "co op mart"  # "co" removed only as a trailing legal form
    assert fold_name("SA Holdings Inc.") == "sa holdings"
    assert fold_name("Công ty TNHH") == "cong ty tnhh"  # nothing but a legal form: kept
    assert fold_name("Apple Inc.", keep_legal_form=True) == "apple inc"
    assert fold_name("  Nguyễn   Thị  Ánh ") == "nguyen thi anh"
    # NFC and NFD spellings of the same name fold alike
    import unicodedata

    name = "Công ty Cổ phần Phở Hà Nội"
    assert fold_name(unicodedata.normalize("NFD", name)) == fold_name(name) == "pho ha noi"


def test_infer_party_kind():
    assert infer_party_kind("Trường Đại học Quốc gia Hà Nội") is PartyKind.UNIVERSITY
    assert infer_party_kind("Massachusetts Institute of Technology") is PartyKind.UNIVERSITY
    assert infer_party_kind("Bộ Khoa học và Công nghệ") is PartyKind.GOVERNMENT
    assert infer_party_kind("Công ty cổ phần Sữa Bò Đà Lạt") is PartyKind.COMPANY
    assert infer_party_kind("Nguyễn Văn A") is PartyKind.OTHER


def test_st3_table_matches_shared_extraction(shared_data: Path):
    src = (shared_data / "standards/wipo-st96-st36/wipo_st3_codes_from_st96_v6.csv").read_text("utf-8")
    rows = [ln.split(",")[0] for ln in src.splitlines()[1:] if ln.strip()]
    assert {c.code for c in countries(include_former=True)} == set(rows)


def test_countries():
    assert (
        is_valid_country("VN")
        and is_valid_country(" vn ")
        and is_valid_country("EP")
        and is_valid_country("WO")
    )
    assert not is_valid_country("ZZ") and not is_valid_country("SU")
    assert is_valid_country("SU", allow_former=True)
    assert country_name("VN") == "Viet Nam"
    assert validate_country("jp") == "JP"
    with pytest.raises(UserError) as err:
        validate_country("XY", field="priority_country")
    assert err.value.field == "priority_country" and "ST.3" in (err.value.rule or "")
    with pytest.raises(UserError) as err:
        validate_country("DD")
    assert err.value.code == "parties.country_former" and "German" in err.value.message("en")


def test_party():
    p = Party("  Công ty TNHH  ABC ", PartyKind.COMPANY, "vn", "Hà Nội")
    assert p.name == "Công ty TNHH ABC" and p.country == "VN" and p.match_key == "abc"
    agent = Party("Công ty Luật XYZ", "company", "VN", agent_registration_number=" 123 ")
    assert agent.agent_registration_number == "123"
    agent.check_role(PartyRole.REPRESENTATIVE)
    with pytest.raises(UserError) as err:
        agent.check_role("applicant")
    assert err.value.field == "agent_registration_number"
    with pytest.raises(UserError) as err:
        Party("   ")
    assert err.value.field == "name"
    with pytest.raises(UserError) as err:
        Party("A", country="XX1")
    assert err.value.field == "country"
