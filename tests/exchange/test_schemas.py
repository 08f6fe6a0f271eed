"""The shipped ST.96 schema bundle is WIPO's text (MathML aside) and validates the WIPO example instances."""

from __future__ import annotations

import gzip
import json
from importlib import resources
from pathlib import Path

import pytest
from lxml import etree

from ipoffice.core.errors import UserError
from ipoffice.exchange import schemas
from ipoffice.exchange.safe_xml import parse_xml


def _shipped() -> dict[str, str]:
    ref = resources.files("ipoffice.data").joinpath(f"standards/{schemas.BUNDLE}")
    return json.loads(gzip.decompress(ref.read_bytes()))


def test_bundle_is_the_official_text(shared_data: Path) -> None:
    folder = shared_data / "standards" / "wipo-st96-st36" / "st96_v6_0_xsd_flattened"
    shipped = _shipped()
    assert shipped == schemas.bundle_files(folder)
    assert shipped[schemas.MATHML] == schemas.MATHML_STUB
    for name, text in shipped.items():
        if name != schemas.MATHML:
            assert text == (folder / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize(
    "doc", ["PatentPublication", "TrademarkApplication", "DesignApplication", "GIApplication"]
)
def test_wipo_examples_validate(st96_examples: Path, doc: str) -> None:
    root = parse_xml(st96_examples / f"{doc}_Example.xml")
    assert schemas.errors(root) == []
    schemas.validate(root)


def test_an_invalid_document_is_reported(st96_examples: Path) -> None:
    root = parse_xml(st96_examples / "DesignApplication_Example.xml")
    bad = root.find(".//{*}RegistrationDate")
    assert bad is not None
    bad.text = "29 Aug 2017"
    problems = schemas.errors(root)
    assert problems and "RegistrationDate" in problems[0]
    with pytest.raises(UserError) as exc:
        schemas.validate(root)
    assert exc.value.code == "exchange.schema.invalid"


def test_unknown_document_type() -> None:
    with pytest.raises(UserError):
        schemas.errors(etree.fromstring(b"<Nothing/>"))
