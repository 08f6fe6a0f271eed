"""Application numbers, ST.13 and certificate numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipoffice.core.errors import UserError
from ipoffice.core.numbering import (
    NUMBER_KINDS,
    ApplicationNumber,
    from_st13,
    parse_certificate_number,
    st96_application_number,
    to_st13,
    type_digit,
)
from ipoffice.core.rights import RightKind


@pytest.mark.parametrize(
    "text",
    ["4-2026-01234", "VN4-2026-01234", "vn 4-2026-01234", "4 - 2026 - 01234", "4–2026–01234", "4—2026—1234"],
)
def test_parse_variants(text):
    n = ApplicationNumber.parse(text)
    assert n == ApplicationNumber(4, 2026, 1234)
    assert str(n) == "4-2026-01234"
    assert n.right is RightKind.TRADEMARK
    assert n.with_office() == "VN4-2026-01234"


def test_real_number_from_research_notes():
    n = ApplicationNumber.parse("4-2020-37528")
    assert (n.type_digit, n.year, n.serial) == (4, 2020, 37528)
    assert to_st13(n) == "VN502020000037528"
    assert st96_application_number(n) == "502020000037528"


def test_type_digits_are_one_table():
    assert type_digit(RightKind.INVENTION) == 1
    assert type_digit("utility_solution") == 2
    assert type_digit(RightKind.DESIGN) == 3
    assert type_digit(RightKind.TRADEMARK) == 4
    assert {k.right for k in NUMBER_KINDS} == set(RightKind)
    assert len({k.type_digit for k in NUMBER_KINDS}) == len(NUMBER_KINDS)
    assert len({k.st13_code for k in NUMBER_KINDS}) == len(NUMBER_KINDS)
    unconfirmed = {k.right for k in NUMBER_KINDS if k.verify}
    assert unconfirmed == {RightKind.DESIGN, RightKind.LAYOUT_DESIGN, RightKind.GI}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("4/2026/01234", "numbering.malformed"),
        ("X-2026-01234", "numbering.malformed"),
        ("4-26-01234", "numbering.malformed"),
        ("", "numbering.malformed"),
        ("9-2026-01234", "numbering.unknown_type"),
        ("4-1975-00001", "numbering.bad_year"),
        ("4-2026-00000", "numbering.malformed"),
    ],
)
def test_malformed_numbers_raise_user_error_on_field_number(text, code):
    with pytest.raises(UserError) as err:
        ApplicationNumber.parse(text)
    assert err.value.code == code
    assert err.value.field == "number"
    assert "number" in err.value.message("en") and text.strip() in err.value.message("vi")
    assert "Số đơn" in err.value.message("vi")


def test_st13_errors():
    with pytest.raises(UserError) as err:
        from_st13("VN50202600001234")  # 8-digit serial
    assert err.value.code == "numbering.st13_malformed"
    with pytest.raises(UserError) as err:
        from_st13("VN992026000001234")
    assert err.value.code == "numbering.st13_unknown_type"
    with pytest.raises(UserError) as err:
        from_st13("EM502026000001234")
    assert err.value.code == "numbering.st13_other_office"
    assert from_st13("EM502026000001234", office="EM") == ApplicationNumber(4, 2026, 1234)


def test_st13_matches_st96_schema_pattern(shared_data: Path):
    xsd = (shared_data / "standards/wipo-st96-st36/st96_v6_0_xsd_flattened/Common_V6_0.xsd").read_text(
        "utf-8"
    )
    m = re.search(
        r'name="ST13ApplicationNumberType">\s*<xsd:restriction[^>]*>\s*<xsd:pattern value="([^"]+)"', xsd
    )
    assert m, "ST13ApplicationNumberType not found in the ST.96 schema"
    pattern = re.compile(m.group(1))
    for kind in NUMBER_KINDS:
        number = ApplicationNumber(kind.type_digit, 2026, 1234)
        assert pattern.fullmatch(st96_application_number(number))


numbers = st.builds(
    ApplicationNumber,
    type_digit=st.sampled_from([k.type_digit for k in NUMBER_KINDS]),
    year=st.integers(min_value=1981, max_value=2999),
    serial=st.integers(min_value=1, max_value=999_999_999),
)


@given(numbers)
def test_parse_format_roundtrip(n):
    assert ApplicationNumber.parse(str(n)) == n
    assert ApplicationNumber.parse(n.with_office()) == n


@given(numbers)
def test_st13_roundtrip(n):
    st13 = to_st13(n)
    assert len(st13) == 17 and st13.startswith("VN")
    assert from_st13(st13) == n


def test_ordering():
    assert sorted(
        [ApplicationNumber(4, 2026, 2), ApplicationNumber(1, 2027, 1), ApplicationNumber(4, 2026, 1)]
    ) == [
        ApplicationNumber(1, 2027, 1),
        ApplicationNumber(4, 2026, 1),
        ApplicationNumber(4, 2026, 2),
    ]


def test_certificate_numbers():
    c = parse_certificate_number("4-0312345-000", RightKind.TRADEMARK)
    assert str(c) == "4-0312345" and c.right is RightKind.TRADEMARK and c.version == 0
    assert parse_certificate_number("4-0312345-002", "trademark").with_version == "4-0312345-002"
    assert str(parse_certificate_number("1–0012345", "invention")) == "1-0012345"
    assert str(parse_certificate_number("00123", RightKind.GI)) == "00123"
    with pytest.raises(UserError) as err:
        parse_certificate_number("1-0012345", RightKind.TRADEMARK)
    assert err.value.field == "number" and "4-0312345" in err.value.message("en")
