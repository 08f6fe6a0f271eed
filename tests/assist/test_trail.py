"""The AI audit trail: uses and examiner actions recorded on the file, chained, in its history, exportable."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, update

from ipoffice.assist import trail
from ipoffice.core.errors import NotFound, UserError
from ipoffice.office.filing import FilingRequest, PartyInput, file_application
from ipoffice.store.db import transaction
from ipoffice.store.models import IPFile


@pytest.fixture
def filed(engine):  # type: ignore[no-untyped-def]
    trail.ensure_table(engine)
    with engine.begin() as conn:  # the PostgreSQL template is reused across tests: start from an empty trail
        conn.execute(delete(trail.TrailRow))
    req = FilingRequest(
        right="invention",
        filing_date=date(2025, 3, 3),
        applicants=[PartyInput(name="Viện Hàn lâm KH&CN Việt Nam", country="VN")],
        inventors=[PartyInput(name="Nguyễn Văn A", kind="person")],
        title="Phương pháp sản xuất cà phê hòa tan",
        ipc=["A23F 5/24"],
    )
    with transaction(engine, actor="clerk") as s:
        result = file_application(s, req, actor="clerk", today=date(2025, 3, 3))
    return engine, result.application_number


def _use(engine, number: str, **kw):  # type: ignore[no-untyped-def]
    with transaction(engine, actor="examiner.le") as s:
        return trail.record_use(
            s,
            number,
            "prior_art",
            query={"text": "cà phê hòa tan", "before": "2025-03-03", "ipc": ["A23F"]},
            results=[{"rank": 1, "id": "US123", "score": 0.03}, {"rank": 2, "id": "US456", "score": 0.02}],
            actor="examiner.le",
            model="sentence-transformers/all-MiniLM-L6-v2",
            model_version="53aa51172d142c89",
            index_version="abc",
            **kw,
        )


def test_use_and_action_are_recorded_without_touching_the_file(filed) -> None:  # type: ignore[no-untyped-def]
    engine, number = filed
    with transaction(engine, actor="x") as s:
        version_before = s.query(IPFile).filter_by(application_number=number).one().version_id
    use = _use(engine, number)
    with transaction(engine, actor="examiner.le") as s:
        trail.record_action(s, number, use.id, "cited", actor="examiner.le", items=["US123"], note="D1")
    with transaction(engine, actor="x") as s:
        assert s.query(IPFile).filter_by(application_number=number).one().version_id == version_before
        entries = trail.trail_for(s, number)
    assert [e.kind for e in entries] == ["use", "action"]
    assert entries[0].model_version == "53aa51172d142c89" and entries[0].index_version == "abc"
    assert entries[0].body["results"][0]["id"] == "US123"
    assert entries[1].use_id == use.id and entries[1].body == {
        "action": "cited",
        "items": ["US123"],
        "note": "D1",
    }
    assert entries[0].at.tzinfo is not None


def test_action_must_name_a_shown_result_and_a_known_action(filed) -> None:  # type: ignore[no-untyped-def]
    engine, number = filed
    use = _use(engine, number)
    with transaction(engine, actor="e") as s, pytest.raises(UserError) as err:
        trail.record_action(s, number, use.id, "cited", actor="e", items=["US999"])
    assert err.value.code == "trail.result_not_shown"
    with transaction(engine, actor="e") as s, pytest.raises(UserError) as err:
        trail.record_action(s, number, use.id, "deleted", actor="e")
    assert err.value.code == "trail.unknown_action"
    with transaction(engine, actor="e") as s, pytest.raises(UserError) as err:
        trail.record_action(s, number, use.id + 99, "noted", actor="e")
    assert err.value.code == "trail.use_not_found"
    with transaction(engine, actor="e") as s:
        assert [e.kind for e in trail.trail_for(s, number)] == ["use"]  # nothing half-written


def test_unknown_file_and_assistant(filed) -> None:  # type: ignore[no-untyped-def]
    engine, _number = filed
    with transaction(engine, actor="e") as s, pytest.raises(NotFound):
        trail.record_use(s, "1-2099-99999", "prior_art", query={}, results=[], actor="e")
    with transaction(engine, actor="e") as s, pytest.raises(UserError) as err:
        trail.record_use(s, _number, "oracle", query={}, results=[], actor="e")
    assert err.value.code == "trail.unknown_assistant"


def test_chain_detects_an_edited_row(filed) -> None:  # type: ignore[no-untyped-def]
    engine, number = filed
    _use(engine, number)
    second = _use(engine, number)
    with transaction(engine, actor="e") as s:
        assert trail.verify(s, number) == (True, None)
    with engine.begin() as conn:
        conn.execute(
            update(trail.TrailRow).where(trail.TrailRow.id == second.id).values(actor="someone.else")
        )
    with transaction(engine, actor="e") as s:
        assert trail.verify(s, number) == (False, second.id)
        assert trail.export(s, number)["chain_intact"] is False


def test_history_merges_events_and_trail_and_export_is_complete(filed) -> None:  # type: ignore[no-untyped-def]
    engine, number = filed
    use = _use(engine, number)
    with transaction(engine, actor="e") as s:
        trail.record_action(s, number, use.id, "dismissed", actor="e", items=["US456"])
    with transaction(engine, actor="e") as s:
        history = trail.file_history(s, number, lang="en")
        exported = trail.export(s, number)
    sources = [h.source for h in history]
    assert sources[0] == "event" and sources[-2:] == ["ai", "ai"]
    assert history[-2].label == "AI assistant used" and history[-2].detail["query"] == "cà phê hòa tan"
    assert history[-1].detail["action"] == "dismissed"
    assert exported["chain_intact"] is True and len(exported["entries"]) == 2
    assert exported["entries"][0]["query"]["ipc"] == ["A23F"]
    assert exported["entries"][0]["results"][1]["id"] == "US456"


def test_history_names_a_trademark_search_by_its_mark(filed) -> None:  # type: ignore[no-untyped-def]
    engine, number = filed
    with transaction(engine, actor="e") as s:
        trail.record_use(
            s,
            number,
            "tm_search",
            query={"mark": "VINAMILK", "classes": [29]},
            results=[{"rank": 1, "id": "4-2025-00001", "score": 91.0}],
            actor="e",
            model="ipoffice.assist.tm_search",
        )
    with transaction(engine, actor="e") as s:
        (line,) = [h for h in trail.file_history(s, number, lang="en") if h.source == "ai"]
    assert line.detail["query"] == "VINAMILK" and line.detail["results"] == 1
