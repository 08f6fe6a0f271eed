"""The official WIPO ST.96 V6_0 schemas, shipped compressed, and validation against them.

``ipoffice/data/standards/st96_v6_0_schemas.json.gz`` holds the flattened document schemas the office reads and
writes (see its ``SOURCE.md``), byte for byte as WIPO publishes them, with one documented exception:
``FlattenedMathML3.xsd`` (the W3C MathML 3 schema, 13 s to compile with libxml2) is replaced by a small schema
that accepts any ``mathml:math`` element without checking its inside. The office never writes MathML; a
document carrying formulas is still checked everywhere else.

Schemas are compiled once per process (about 0.05-0.1 s each) and resolved from the bundle, never from the
network or the file system.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree

from ipoffice.core import i18n
from ipoffice.core.errors import UserError

BUNDLE = "st96_v6_0_schemas.json.gz"
MATHML = "FlattenedMathML3.xsd"
MATHML_STUB = """<?xml version="1.0" encoding="UTF-8"?>
<!-- ipoffice stand-in for WIPO's FlattenedMathML3.xsd: accepts any MathML content unchecked (see SOURCE.md). -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/1998/Math/MathML3"
  elementFormDefault="qualified">
  <xs:element name="math">
    <xs:complexType mixed="true">
      <xs:sequence><xs:any namespace="##any" processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
      <xs:anyAttribute namespace="##any" processContents="skip"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
"""
DOCUMENTS = (
    "PatentPublication",
    "TrademarkApplication",
    "DesignApplication",
    "GIApplication",
    "MadridIBToOfficeTransaction",
    "MadridOfficeToIBTransaction",
    "HagueIBToOfficeTransaction",
    "PatentLegalStatusData",
)
EXTRA = ("GIApplication_V6_0_Trademark.xsd", "OASISTable_V1_0.xsd")

i18n.register(
    {
        "exchange.schema.invalid": {
            "vi": "Tài liệu {document} không hợp lệ theo lược đồ WIPO ST.96 V6_0: {detail}",
            "en": "The {document} document is not valid against the WIPO ST.96 V6_0 schema: {detail}",
        },
        "exchange.schema.unknown": {
            "vi": "Không có lược đồ ST.96 cho tài liệu «{document}»",
            "en": "No ST.96 schema for the document '{document}'",
        },
    }
)


def bundle_files(source_dir: Path) -> dict[str, str]:
    """The files of the bundle, read from WIPO's flattened schema folder (used by the build and its test)."""
    names = [f"{d}_V6_0.xsd" for d in DOCUMENTS] + [f"{d}_V6_0_Common.xsd" for d in DOCUMENTS] + list(EXTRA)
    files = {n: (source_dir / n).read_text(encoding="utf-8") for n in names}
    files[MATHML] = MATHML_STUB
    return files


def build_bundle(source_dir: Path, out: Path) -> None:
    """Write the compressed bundle from WIPO's folder (run by hand when the schemas change)."""
    payload = json.dumps(bundle_files(source_dir), sort_keys=True, ensure_ascii=False).encode()
    out.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))


@cache
def _files() -> dict[str, str]:
    ref = resources.files("ipoffice.data").joinpath(f"standards/{BUNDLE}")
    data: dict[str, str] = json.loads(gzip.decompress(ref.read_bytes()))
    return data


class _BundleResolver(etree.Resolver):
    def resolve(self, system_url, public_id, context):
        name = str(system_url).rsplit("/", 1)[-1]
        files = _files()
        if name in files:
            return self.resolve_string(files[name].encode(), context)
        return None


@cache
def schema(document: str) -> etree.XMLSchema:
    """The compiled schema of an ST.96 document type (``PatentPublication`` ...)."""
    name = f"{document}_V6_0.xsd"
    if name not in _files():
        raise UserError(
            "exchange.schema.unknown", field="document", rule="WIPO ST.96 V6_0", document=document
        )
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_BundleResolver())
    doc = etree.fromstring(_files()[name].encode(), parser, base_url=f"bundle:/{name}")
    return etree.XMLSchema(doc)


def errors(root: etree._Element) -> list[str]:
    """Schema errors of a parsed ST.96 document (empty when valid)."""
    document = etree.QName(root).localname
    s = schema(document)
    if s.validate(root):
        return []
    return [f"line {e.line}: {e.message}" for e in s.error_log]


def validate(root: etree._Element) -> None:
    """Raise a :class:`UserError` listing the first schema errors of ``root``."""
    problems = errors(root)
    if problems:
        raise UserError(
            "exchange.schema.invalid",
            field="document",
            rule="WIPO ST.96 V6_0",
            document=etree.QName(root).localname,
            detail="; ".join(problems[:3]),
        )
