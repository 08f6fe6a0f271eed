"""Every real sample format reads into a neutral record with the facts the document states."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.exchange.readers import read_record
from ipoffice.exchange.records import Record
from ipoffice.exchange.safe_xml import parse_xml
from ipoffice.exchange.to_register import projection


def _read(path: Path) -> Record:
    return read_record(parse_xml(path))


def _cited(rec: Record) -> dict[str | None, int]:
    out: dict[str | None, int] = {}
    for c in rec.citations:
        out[c.cited_by] = out.get(c.cited_by, 0) + 1
    return out


def test_st96_patent_publication(st96_examples: Path) -> None:
    rec = _read(st96_examples / "PatentPublication_Example.xml")
    assert (rec.office, rec.right, rec.application_number) == ("US", RightKind.INVENTION, "13797521")
    assert rec.filing_date == date(2013, 3, 12)
    assert rec.publication_number == "08936998" and rec.publication_kind == "B2"
    assert rec.status == "granted" and rec.registration_date == date(2015, 1, 20)
    assert rec.priorities[0].country == "JP" and rec.priorities[0].date == date(2007, 11, 8)
    assert rec.classes[0].scheme == "ipc" and rec.classes[0].symbol.startswith("H01L 21/")
    assert {"applicant", "inventor", "owner", "examiner"} <= {p.role for p in rec.parties}
    assert "Mitsubishi Heavy Industries, Ltd." in [p.name for p in rec.parties_in("owner")]
    cited = _cited(rec)
    assert cited["applicant"] > 0 and cited["examiner"] > 0
    assert rec.citations[0].number == "6054363" and rec.citations[0].cited_by == "applicant"


def test_st96_trademark_design_gi(st96_examples: Path) -> None:
    tm = _read(st96_examples / "TrademarkApplication_Example.xml")
    assert tm.right is RightKind.TRADEMARK and tm.mark_text == "LANYI"
    assert [c.symbol for c in tm.classes if c.scheme == "nice"] == ["9"]
    assert tm.registration_number == "5169753" and tm.status == "granted"
    assert any(e.code == "R.PRA" for e in tm.events)
    dgn = _read(st96_examples / "DesignApplication_Example.xml")
    assert dgn.right is RightKind.DESIGN and dgn.title == "Chair"
    assert [c.symbol for c in dgn.classes] == ["06-01"]
    assert dgn.priorities[0].number == "DM/096824"
    gi = _read(st96_examples / "GIApplication_Example.xml")
    assert gi.right is RightKind.GI and gi.title == "Tapisserie d'Aubusson"
    assert gi.application_number == "IG 18-002" and gi.filing_date == date(2018, 3, 19)
    assert gi.parties_in("applicant")[0].name == "Association LAINAMAC"


def test_tsdr_st66_and_st96_agree(tsdr: Path) -> None:
    for stem in ("rn2178784", "rn2713476", "rn3886986", "sn77478018", "sn85334015", "sn87881347"):
        a, b = _read(tsdr / f"{stem}-ST66.xml"), _read(tsdr / f"{stem}-ST96.xml")
        assert a.source_format == "st66" and b.source_format == "st96-tsdr"
        for attr in ("application_number", "filing_date", "registration_number", "mark_text", "status"):
            assert getattr(a, attr) == getattr(b, attr), (stem, attr)
        assert [c.symbol for c in a.classes] == [c.symbol for c in b.classes], stem
        assert projection(a) == projection(b), stem  # the register keeps the same facts from either format
    java = _read(tsdr / "rn2178784-ST66.xml")
    assert java.mark_text == "JAVA" and java.registration_number == "2178784"
    assert java.classes[0].terms and "computer programs" in java.classes[0].terms[0]
    assert _read(tsdr / "sn87881347-ST66.xml").status == "withdrawn"  # abandoned BURGER ADDICT
    assert _read(tsdr / "sn85334015-ST66.xml").priorities[0].country == "IT"


@pytest.mark.parametrize(
    "rel, fmt, number, cited",
    [
        (
            "xml2014/US08926509.xml",
            "st36-us-patent-grant-v4.5",
            "12134151",
            {"applicant": 146, "examiner": 14},
        ),
        (
            "xml2006/US07272630B2.xml",
            "st36-us-patent-grant-v4.2",
            "10991571",
            {"third_party": 111, "examiner": 5},
        ),
        ("xml2004/US06859910.xml", "st36-us-patent-grant-v40", "09832323", {"examiner": 8}),
        ("xmlApp2004/US20050004437A1.xml", "st36-us-patent-application-v4.0", "10830857", {}),
        ("pap/US20010000943A1.xml", "uspto-pap", "09727454", {}),
        ("sgml/US06336130.xml", "st32-patdoc", "09413215", {"examiner": 5, "third_party": 4}),
    ],
)
def test_uspto_formats(uspto_samples: Path, rel: str, fmt: str, number: str, cited: dict[str, int]) -> None:
    rec = _read(uspto_samples / rel)
    assert rec.source_format.startswith(fmt) and rec.office == "US"
    assert rec.application_number == number
    assert _cited(rec) == cited
    assert rec.title and rec.classes


def test_uspto_design_patent(uspto_samples: Path) -> None:
    rec = _read(uspto_samples / "sgml" / "USD435854S1.xml")
    assert rec.right is RightKind.DESIGN and rec.status == "granted"
    assert rec.registration_number == "D0435854"


@pytest.mark.parametrize(
    "name, office, number",
    [
        ("jp_example1.xml", "JP", "2019165329"),
        ("cn_old1.xml", "CN", "201410408762.5"),
        ("cn_new1.xml", "CN", "202111286633.X"),
        ("wipo_st36bexample_DOC00001.xml", "EP", "04818324.8"),
        ("us_example4.xml", "US", "17089879"),
    ],
)
def test_st36_offices(st36_examples: Path, name: str, office: str, number: str) -> None:
    rec = _read(st36_examples / name)
    assert (rec.office, rec.application_number) == (office, number)
    assert rec.parties and rec.classes and rec.title


def test_jp_ipc_from_text(st36_examples: Path) -> None:
    rec = _read(st36_examples / "jp_example1.xml")
    assert rec.classes[0].symbol == "H01L 21/301"


def _st96_patent(**swap: str) -> bytes:
    body = b"""<pat:PatentPublication xmlns:pat="http://www.wipo.int/standards/XMLSchema/ST96/Patent"
      xmlns:com="http://www.wipo.int/standards/XMLSchema/ST96/Common" com:st96Version="VERSION">
      <pat:BibliographicData>
        <pat:ApplicationIdentification><com:IPOfficeCode>VN</com:IPOfficeCode>
          <com:ApplicationNumber><com:ApplicationNumberText>1-2024-00001</com:ApplicationNumberText></com:ApplicationNumber>
          <pat:FilingDate>FILED</pat:FilingDate></pat:ApplicationIdentification>
        <pat:PatentClassificationBag><pat:IPCRClassificationBag><pat:IPCRClassification>
          <pat:Section>SEC</pat:Section><pat:Class>01</pat:Class><pat:Subclass>L</pat:Subclass>
          <pat:MainGroup>21</pat:MainGroup><pat:Subgroup>02</pat:Subgroup>
        </pat:IPCRClassification></pat:IPCRClassificationBag></pat:PatentClassificationBag>
        <pat:InventionTitleBag><pat:InventionTitle>T</pat:InventionTitle></pat:InventionTitleBag>
      </pat:BibliographicData></pat:PatentPublication>"""
    values = {"VERSION": "V6_0", "FILED": "2024-02-28", "SEC": "H"} | swap
    for k, v in values.items():
        body = body.replace(k.encode(), v.encode())
    return body


def test_minimal_st96_reads() -> None:
    rec = read_record(parse_xml(_st96_patent()))
    assert rec.office == "VN" and rec.classes[0].symbol == "H01L 21/02"


@pytest.mark.parametrize(
    "swap, code",
    [
        ({"FILED": "2024-02-30"}, "exchange.import.bad_date"),
        ({"FILED": ""}, "exchange.import.missing"),
        ({"SEC": "Z"}, "exchange.import.bad_class"),
        ({"VERSION": "V5_0"}, "exchange.import.st96_version"),
        ({"ST96/Patent": "ST96/Other"}, None),  # still an ST.96 namespace: read by root name
        (
            {"www.wipo.int/standards/XMLSchema/ST96/Patent": "example.org/patent"},
            "exchange.import.wrong_namespace",
        ),
    ],
)
def test_bad_st96_documents(swap: dict[str, str], code: str | None) -> None:
    doc = _st96_patent(**swap)
    if code is None:
        assert read_record(parse_xml(doc)).application_number == "1-2024-00001"
        return
    with pytest.raises(UserError) as exc:
        read_record(parse_xml(doc))
    assert exc.value.code == code
    assert exc.value.message("vi") != exc.value.message("en")


def test_bad_nice_class_refuses_the_mark(st96_examples: Path) -> None:
    doc = (st96_examples / "TrademarkApplication_Example.xml").read_bytes()
    doc = doc.replace(b"<tmk:ClassNumber>009</tmk:ClassNumber>", b"<tmk:ClassNumber>099</tmk:ClassNumber>", 1)
    with pytest.raises(UserError) as exc:
        read_record(parse_xml(doc))
    assert exc.value.code == "exchange.import.bad_class" and exc.value.params["value"] == "099"


def test_unsupported_and_old_versions(uspto_samples: Path, tsdr: Path) -> None:
    with pytest.raises(UserError) as exc:
        _read(uspto_samples / "cpcMaster" / "cpcMaster.xml")
    assert exc.value.code == "exchange.import.unsupported"
    with pytest.raises(UserError) as exc2:
        _read(tsdr / "rn2178784-ST96-old.xml")
    assert exc2.value.code == "exchange.import.st96_version"
