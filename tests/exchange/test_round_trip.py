"""Register -> ST.96 -> schema validation -> import -> the same register record; WIPO examples re-export valid."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from exchange.office_steps import pay_and_grant
from ipoffice.exchange import schemas
from ipoffice.exchange.export import export, st96_document
from ipoffice.exchange.from_register import record_from_file
from ipoffice.exchange.importer import import_document
from ipoffice.exchange.pct import NationalPhaseEntry, enter_national_phase
from ipoffice.exchange.to_register import find_file, projection
from ipoffice.office import examination as ex
from ipoffice.office import publication as pub
from ipoffice.office.filing import FilingRequest, NiceClassInput, PartyInput, PriorityInput, file_application
from ipoffice.store.db import transaction
from ipoffice.store.kinds import ClassificationScheme
from ipoffice.store.models import Classification

Y = 2024
FOREIGN = dict(
    applicants=[PartyInput(name="Samsung Electronics Co., Ltd.", country="KR")],
    representative=PartyInput(name="Pham & Associates", agent_registration_number="0156"),
)


def _requests() -> dict[str, FilingRequest]:
    return {
        "invention": FilingRequest(
            right="invention",
            filing_date=date(Y, 2, 1),
            title="Phương pháp chế tạo màng mỏng bán dẫn",
            inventors=[PartyInput(name="Kim Min-jun", kind="person", country="KR")],
            priorities=[PriorityInput(country="KR", number="10-2023-0012345", date=date(Y - 1, 3, 1))],
            ipc=["H01L 21/02"],
            **FOREIGN,  # type: ignore[arg-type]
        ),
        "utility_solution": FilingRequest(
            right="utility_solution",
            filing_date=date(Y, 2, 2),
            title="Dụng cụ tách vỏ cà phê",
            applicants=[PartyInput(name="Nguyễn Văn Bình", kind="person", country="VN")],
            ipc=["A23N 5/00"],
        ),
        "design": FilingRequest(
            right="design",
            filing_date=date(Y, 2, 3),
            title="Ghế tựa",
            applicants=[PartyInput(name="Công ty CP Nội thất Hòa Phát", country="VN")],
            locarno=["06-01"],
        ),
        "trademark": FilingRequest(
            right="trademark",
            filing_date=date(Y, 2, 4),
            mark_text="SƠN LA GOLD",
            mark_kind="ordinary",
            applicants=[PartyInput(name="Công ty TNHH Cà phê Sơn La", country="VN")],
            nice=[NiceClassInput(30, ["cà phê rang xay"]), NiceClassInput(43, ["quán cà phê"])],
        ),
        "gi": FilingRequest(
            right="gi",
            filing_date=date(Y, 2, 5),
            title="Cà phê Buôn Ma Thuột",
            applicants=[PartyInput(name="Sở Khoa học và Công nghệ Đắk Lắk", country="VN")],
        ),
        "layout_design": FilingRequest(
            right="layout_design",
            filing_date=date(Y, 2, 6),
            title="Thiết kế bố trí mạch tích hợp ADC 12 bit",
            applicants=[PartyInput(name="Viettel High Tech", country="VN")],
        ),
    }


def _build_register(engine) -> dict[str, str]:  # type: ignore[no-untyped-def]
    numbers: dict[str, str] = {}
    for right, req in _requests().items():
        with transaction(engine, actor="examiner") as s:
            n = file_application(s, req, actor="examiner").application_number
            numbers[right] = n
            ex.accept_formality(s, n, on=date(Y, 3, 1), actor="examiner")
            if right == "gi":
                # the filing service takes no product class for a GI; the examiner's classification of the product
                file = find_file(s, n)
                assert file is not None
                file.classifications.append(
                    Classification(scheme=ClassificationScheme.NICE, symbol="30", terms=["cà phê nhân"])
                )
                continue  # a GI left pending after acceptance (filed status)
            if right != "layout_design":
                pub.publish(s, n, on=date(Y, 4, 1), actor="examiner")
            if right in ("invention", "utility_solution"):
                ex.request_examination(s, n, on=date(Y, 4, 2), actor="examiner")
            if right == "utility_solution":
                continue  # published, under examination
            ex.notify_intended_grant(s, n, on=date(Y, 6, 1), actor="examiner")
            pay_and_grant(s, n, paid=date(Y, 6, 15), on=date(Y, 7, 1))
    return numbers


def test_register_to_st96_and_back(engine, _fresh_databases, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    numbers = _build_register(engine)
    with transaction(engine, actor="examiner") as s:
        entry = NationalPhaseEntry(
            request=FilingRequest(
                right="invention",
                filing_date=date(Y, 1, 5),
                title="Pin lithium thể rắn",
                priorities=[PriorityInput(country="JP", number="2023-004567", date=date(Y - 1, 1, 10))],
                ipc=["H01M 10/0562"],
                **FOREIGN,  # type: ignore[arg-type]
            ),
            international_number="PCT/JP2024/000123",
            international_filing_date=date(Y, 1, 5),
            entry_date=date(Y + 1, 8, 1),
        )
        numbers["pct"] = enter_national_phase(s, entry, actor="examiner").application_number
    with transaction(engine, actor="exporter") as s:
        docs = {e.number: e.content for e in export(s, "st96", numbers=list(numbers.values()))}
        before = {n: projection(record_from_file(find_file(s, n))) for n in numbers.values()}  # type: ignore[arg-type]
    assert set(docs) == set(numbers.values())
    for content in docs.values():
        assert schemas.errors(etree.fromstring(content)) == []
    other = _fresh_databases.engine(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        for n, content in docs.items():
            out = import_document(other, content, actor="importer", name=n)
            assert out.outcome == "imported", out
            assert out.number == n
        with transaction(other, actor="t") as s:
            after = {n: projection(record_from_file(find_file(s, n))) for n in numbers.values()}  # type: ignore[arg-type]
            granted = find_file(s, numbers["trademark"])
            assert granted is not None and granted.status == "granted" and granted.registration_number
            pct = find_file(s, numbers["pct"])
            assert pct is not None and pct.filing_route.value == "pct"
            assert pct.international_number == "PCT/JP2024/000123"
        assert after == before
        # importing the export back into the register it came from changes nothing
        for content in docs.values():
            assert import_document(engine, content, actor="importer").outcome == "unchanged"
    finally:
        other.dispose()


def test_st97_export_is_json_with_the_same_facts(engine) -> None:  # type: ignore[no-untyped-def]
    numbers = _build_register(engine)
    with transaction(engine, actor="exporter") as s:
        out = export(s, "st97", numbers=[numbers["trademark"]])
        assert len(export(s, "st96", start=date(Y, 3, 1), end=date(Y, 3, 1))) == len(numbers)
    data = json.loads(out[0].content)
    assert data["ApplicationNumber"]["ApplicationNumberText"] == numbers["trademark"]
    assert data["ApplicationNumber"]["ST13ApplicationNumber"].startswith("VN")
    assert data["MarkVerbalElementText"] == "SƠN LA GOLD" and data["CurrentStatus"] == "granted"
    assert [c["ClassificationSymbol"] for c in data["ClassificationBag"]] == ["30", "43"]
    assert data["EventBag"][0] == {"EventCode": "filed", "EventDate": f"{Y}-02-04", "LegalStatusCode": "A12"}


@pytest.mark.parametrize(
    "doc", ["PatentPublication", "TrademarkApplication", "DesignApplication", "GIApplication"]
)
def test_wipo_examples_import_and_reexport_valid(engine, st96_examples: Path, doc: str) -> None:  # type: ignore[no-untyped-def]
    out = import_document(engine, st96_examples / f"{doc}_Example.xml", actor="importer")
    assert out.outcome == "imported", out
    with transaction(engine, actor="exporter") as s:
        file = find_file(s, out.number or "")
        assert file is not None
        rec = record_from_file(file)
        content = st96_document(rec)  # validates against the official schema or raises
    root = etree.fromstring(content)
    assert schemas.errors(root) == []
    assert etree.QName(root).localname == doc
