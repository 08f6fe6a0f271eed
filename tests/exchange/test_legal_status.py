"""Every event has its ST.27 / ST.61 / ST.87 category; the period export carries the stored codes."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from exchange.office_steps import pay_and_grant
from ipoffice.exchange.legal_status import (
    STANDARD_RIGHT,
    events_in_period,
    export_period,
    mapping_markdown,
    mapping_table,
)
from ipoffice.office import examination as ex
from ipoffice.office import publication as pub
from ipoffice.office.events import EventCode
from ipoffice.office.filing import FilingRequest, NiceClassInput, PartyInput, file_application
from ipoffice.office.legal_status import CATEGORIES
from ipoffice.store.db import transaction

DOCS = Path(__file__).resolve().parents[2] / "docs" / "exchange.md"


def test_every_event_code_is_mapped_in_every_standard() -> None:
    rows = mapping_table()
    assert {(r.event, r.standard) for r in rows} == {(e.value, s) for e in EventCode for s in STANDARD_RIGHT}
    for r in rows:
        assert r.category in CATEGORIES and r.detailed_event.startswith(r.category)
        if r.standard != "ST.27":
            assert r.verify  # ST.61 / ST.87 reuse the ST.27 model until checked


def test_known_mappings() -> None:
    got = {(r.event, r.standard): r.detailed_event for r in mapping_table()}
    assert got[("filed", "ST.27")] == "A12"
    assert got[("published", "ST.27")] == "Q12"
    assert got[("granted", "ST.27")] == "F11"
    assert got[("expired", "ST.61")] == "H14"
    assert got[("assignment_recorded", "ST.87")] == "R14"


def test_docs_hold_the_generated_table() -> None:
    assert mapping_markdown() in DOCS.read_text(encoding="utf-8")


def test_period_export(engine) -> None:  # type: ignore[no-untyped-def]
    with transaction(engine, actor="examiner") as s:
        n = file_application(
            s,
            FilingRequest(
                right="trademark",
                filing_date=date(2024, 1, 10),
                mark_text="HOA SEN",
                applicants=[PartyInput(name="Công ty Hoa Sen", country="VN")],
                nice=[NiceClassInput(30, ["chè"])],
            ),
            actor="examiner",
        ).application_number
        ex.accept_formality(s, n, on=date(2024, 2, 1), actor="examiner")
        pub.publish(s, n, on=date(2024, 3, 1), actor="examiner")
        ex.notify_intended_grant(s, n, on=date(2024, 9, 1), actor="examiner")
        pay_and_grant(s, n, paid=date(2024, 9, 15), on=date(2024, 10, 1))
    with transaction(engine, actor="t") as s:
        events = events_in_period(s, date(2024, 2, 15), date(2024, 12, 31))
        assert [e.event for e in events] == ["published", "intended_grant_notified", "granted"]
        granted = events[-1]
        assert (granted.standard, granted.detailed_event, granted.state, granted.stage) == (
            "ST.61",
            "F11",
            "A",
            4,
        )
        assert granted.st13 and granted.st13.startswith("VN")
        assert events[0].state == "A" and events[0].stage == 2
        data = json.loads(export_period(s, date(2024, 1, 1), date(2024, 12, 31)))
        assert [d["event"] for d in data][0] == "filed" and len(data) == 5
        rows = list(
            csv.DictReader(io.StringIO(export_period(s, date(2024, 1, 1), date(2024, 1, 31), "csv").decode()))
        )
        assert len(rows) == 1 and rows[0]["detailed_event"] == "A12"


def test_st96_patent_legal_status_document(engine) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    from ipoffice.exchange import schemas
    from ipoffice.exchange.legal_status import st96_patent_legal_status

    with transaction(engine, actor="examiner") as s:
        n = file_application(
            s,
            FilingRequest(
                right="invention",
                filing_date=date(2024, 1, 10),
                title="Phương pháp lọc nước",
                applicants=[PartyInput(name="Đại học Bách khoa Hà Nội", country="VN")],
                ipc=["C02F 1/00"],
            ),
            actor="examiner",
        ).application_number
        ex.accept_formality(s, n, on=date(2024, 2, 1), actor="examiner")
        pub.publish(s, n, on=date(2024, 9, 2), actor="examiner")
    with transaction(engine, actor="t") as s:
        doc = st96_patent_legal_status(s, date(2024, 1, 1), date(2024, 12, 31), created=date(2025, 1, 2))
    root = etree.fromstring(doc)
    assert schemas.errors(root) == []
    codes = [e.text for e in root.iter("{*}DetailedEventCode")]
    assert codes == ["A12", "D00", "Q12"]
    assert [e.text for e in root.iter("{*}NationalEventCode")] == ["filed", "formality_accepted", "published"]
    assert [e.text for e in root.iter("{*}PreviousStageCode")][-1] == "1"
    assert [e.text for e in root.iter("{*}CurrentStageCode")][-1] == "2"
