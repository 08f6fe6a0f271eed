"""Import into the register: all-or-nothing per document, idempotent, events through the office's writer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from ipoffice.exchange.importer import import_document, import_documents
from ipoffice.store.db import transaction
from ipoffice.store.models import Event, IPFile, Party

TODAY = date(2026, 6, 1)


def _counts(engine) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    with transaction(engine, actor="test") as s:
        return (
            s.scalar(select(func.count()).select_from(IPFile)) or 0,
            s.scalar(select(func.count()).select_from(Event)) or 0,
            s.scalar(select(func.count()).select_from(Party)) or 0,
        )


def test_samples_import_once_and_then_are_unchanged(
    engine, st96_examples: Path, uspto_samples: Path, tsdr: Path
) -> None:  # type: ignore[no-untyped-def]
    files = [
        st96_examples / "PatentPublication_Example.xml",
        st96_examples / "TrademarkApplication_Example.xml",
        st96_examples / "DesignApplication_Example.xml",
        st96_examples / "GIApplication_Example.xml",
        uspto_samples / "xml2014" / "US08926509.xml",
        uspto_samples / "sgml" / "US06336130.xml",
        uspto_samples / "pap" / "US20010000943A1.xml",
        tsdr / "rn2178784-ST66.xml",
        tsdr / "sn87881347-ST96.xml",
    ]
    report = import_documents(engine, files, actor="importer", today=TODAY)
    assert report.imported == len(files), [o for o in report.outcomes if o.outcome != "imported"]
    before = _counts(engine)
    again = import_documents(engine, files, actor="importer", today=TODAY)
    assert again.unchanged == len(files) and again.imported == 0
    assert _counts(engine) == before

    with transaction(engine, actor="test") as s:
        java = s.scalars(select(IPFile).where(IPFile.application_number == "US/74631225")).one()
        assert java.mark_text == "JAVA" and java.status == "granted"
        assert java.registration_number == "US/2178784"
        assert java.legal_status_standard == "ST.61"
        assert [e.code for e in java.events][:2] == ["filed", "formality_accepted"]
        assert java.events[1].payload.get("inferred") is True
        assert java.events[0].payload.get("inferred") is None
        assert len(java.details["source_events"]) == 33
        grant = s.scalars(select(IPFile).where(IPFile.application_number == "US/12134151")).one()
        cited = {c["cited_by"] for c in grant.details["citations"]}
        assert cited == {"applicant", "examiner"}
        assert grant.status == "granted" and grant.legal_status_code == "F11"
        burger = s.scalars(select(IPFile).where(IPFile.application_number == "US/87881347")).one()
        assert burger.status == "withdrawn"
        gi = s.scalars(select(IPFile).where(IPFile.application_number == "FR/IG 18-002")).one()
        assert gi.right_kind.value == "gi" and gi.title == "Tapisserie d'Aubusson"


def test_a_rejected_document_writes_nothing(engine, st96_examples: Path, tsdr: Path) -> None:  # type: ignore[no-untyped-def]
    st66 = (tsdr / "rn2178784-ST66.xml").read_bytes()
    bad = st66.replace(
        b"<ApplicationDate>1995-02-07-05:00</ApplicationDate>",
        b"<ApplicationDate>1995-02-30</ApplicationDate>",
    )
    assert bad != st66
    out = import_document(engine, bad, actor="importer", today=TODAY, lang="en")
    assert out.outcome == "rejected" and out.code == "exchange.import.bad_date"
    assert "1995-02-30" in (out.reason or "")
    # an ST.96 V6_0 document is checked against the schema first (xsd:date)
    st96 = (st96_examples / "TrademarkApplication_Example.xml").read_bytes()
    bad96 = st96.replace(
        b"<com:RegistrationDate>2017-03-28</com:RegistrationDate>",
        b"<com:RegistrationDate>2017-02-30</com:RegistrationDate>",
    )
    out96 = import_document(engine, bad96, actor="importer", today=TODAY, lang="en")
    assert out96.outcome == "rejected" and out96.code == "exchange.schema.invalid"
    assert _counts(engine) == (0, 0, 0)


def test_failure_after_writing_rolls_back(engine, st96_examples: Path) -> None:  # type: ignore[no-untyped-def]
    # registration before filing: the event writer refuses it after the file row was added -> full rollback
    doc = (st96_examples / "TrademarkApplication_Example.xml").read_bytes()
    bad = doc.replace(
        b"<com:RegistrationDate>2017-03-28</com:RegistrationDate>",
        b"<com:RegistrationDate>2016-01-01</com:RegistrationDate>",
    )
    out = import_document(engine, bad, actor="importer", today=TODAY)
    assert out.outcome == "rejected" and out.code == "exchange.import.chronology"
    assert _counts(engine) == (0, 0, 0)


def test_future_dates_are_refused(engine, st96_examples: Path) -> None:  # type: ignore[no-untyped-def]
    out = import_document(
        engine, st96_examples / "TrademarkApplication_Example.xml", actor="i", today=date(2016, 6, 1)
    )
    assert out.outcome == "rejected" and out.code == "exchange.import.future"
    assert _counts(engine) == (0, 0, 0)


def test_changed_redelivery_is_refused_not_overwritten(engine, tsdr: Path) -> None:  # type: ignore[no-untyped-def]
    first = import_document(engine, tsdr / "rn2178784-ST66.xml", actor="i", today=TODAY)
    assert first.outcome == "imported"
    changed = (tsdr / "rn2178784-ST66.xml").read_bytes().replace(b">JAVA<", b">JAVA 2<")
    out = import_document(engine, changed, actor="i", today=TODAY, lang="en")
    assert out.outcome == "rejected" and out.code == "exchange.import.exists_different"
    assert "mark_text" in (out.reason or "")
    with transaction(engine, actor="test") as s:
        assert s.scalars(select(IPFile.mark_text)).one() == "JAVA"


def test_a_registration_number_in_use_is_refused(engine, tsdr: Path) -> None:  # type: ignore[no-untyped-def]
    assert import_document(engine, tsdr / "rn2178784-ST66.xml", actor="i", today=TODAY).outcome == "imported"
    copy = (
        (tsdr / "rn2178784-ST66.xml")
        .read_bytes()
        .replace(
            b"<ApplicationNumber>74631225</ApplicationNumber>",
            b"<ApplicationNumber>99999999</ApplicationNumber>",
        )
    )
    out = import_document(engine, copy, actor="i", today=TODAY, lang="en")
    assert out.outcome == "rejected" and out.code == "exchange.import.registration_taken"
    assert _counts(engine)[0] == 1


def test_an_st96_v6_document_must_be_schema_valid(engine, st96_examples: Path) -> None:  # type: ignore[no-untyped-def]
    doc = (st96_examples / "DesignApplication_Example.xml").read_bytes()
    bad = doc.replace(b"<dgn:DesignTitleText", b"<dgn:DesignTitel", 1).replace(
        b"</dgn:DesignTitleText>", b"</dgn:DesignTitel>", 1
    )
    out = import_document(engine, bad, actor="i", today=TODAY, lang="en")
    assert out.outcome == "rejected" and out.code == "exchange.schema.invalid"
    assert "DesignTitel" in (out.reason or "")
    assert _counts(engine) == (0, 0, 0)
