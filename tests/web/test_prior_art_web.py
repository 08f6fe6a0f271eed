"""Prior-art search and IPC suggestion in the examiner's workbench, on one prior-art index per app.

Opening a file runs nothing; a CSRF-protected POST by an examiner runs the search through the same function the CLI
uses and records it on the file's AI trail; the panel shows the latest recorded use with its explanations (matching
words marked, evidence documents with confidence); the examiner's decisions land on the trail; the file row and its
events never change. On SQLite and PostgreSQL. The patent files below are generated test data, not real filings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, func, select, update
from web_helpers import csrf, login, make_settings, token
from web_seed import TODAY, seed

from ipoffice.assist import trail
from ipoffice.office.filing import FilingRequest, PartyInput, PriorityInput, file_application
from ipoffice.store.db import transaction
from ipoffice.store.models import AssistTrailEntry, Event, IPFile
from ipoffice.web.app import create_app

FISH = (
    "Phương pháp lên men nước mắm từ cá cơm",
    "Cá cơm được trộn với muối biển theo tỉ lệ 3:1 và ủ lên men trong thùng gỗ để thu nước mắm cốt.",
    "1. Phương pháp lên men nước mắm, trong đó cá cơm được trộn với muối và ủ lên men ít nhất 6 tháng.",
    ["A23L 17/00"],
    "2024-05-06",
)
COFFEE = (
    "Thiết bị sấy hạt cà phê bằng khí nóng",
    "Hạt cà phê được sấy trong buồng quay có luồng khí nóng điều khiển nhiệt độ.",
    "1. Thiết bị sấy cà phê gồm buồng quay và quạt khí nóng.",
    ["A23F 5/04"],
    "2024-07-01",
)
LATER_FISH = (
    "Nước mắm cá cơm lên men với muối ít natri",
    "Cá cơm được ủ lên men với muối ít natri để thu nước mắm.",
    "1. Nước mắm lên men từ cá cơm và muối ít natri.",
    ["A23L 17/00"],
    "2026-06-01",
)
EXAMINED = (
    "Quy trình sản xuất nước mắm cá cơm lên men nhanh",
    "Cá cơm trộn muối được ủ lên men có bổ sung enzyme để rút ngắn thời gian thu nước mắm.",
    "1. Quy trình sản xuất nước mắm gồm trộn cá cơm với muối, bổ sung enzyme protease và ủ lên men.",
    ["A23L 17/00"],
    "2025-09-01",
)


def _patent(s: Any, doc: tuple[str, str, str, list[str], str], priority: str | None = None) -> str:
    title, abstract, claims, ipc, filed = doc
    req = FilingRequest(
        right="invention",
        filing_date=filed,
        title=title,
        applicants=[PartyInput(name="Viện Nghiên cứu Thử nghiệm", country="VN")],
        ipc=ipc,
        priorities=[PriorityInput(country="JP", number="2025-000123", date=date.fromisoformat(priority))]
        if priority
        else [],
        details={"abstract": abstract, "claims": claims},
    )
    return file_application(s, req, actor="clerk", today=TODAY).application_number


@pytest.fixture
def site(
    engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """The app on a seeded register of each backend with a few patent files; the index in this test's folder."""
    monkeypatch.setenv("IPOFFICE_FILES_DIR", str(tmp_path / "files"))
    with engine.begin() as conn:
        conn.execute(delete(AssistTrailEntry))
    numbers = seed(engine)
    with transaction(engine, actor="clerk") as s:
        numbers["fish"] = _patent(s, FISH)
        numbers["coffee"] = _patent(s, COFFEE)
        numbers["later"] = _patent(s, LATER_FISH)
        numbers["examined"] = _patent(s, EXAMINED, priority="2025-03-03")
    app = create_app(settings=make_settings(engine.url.render_as_string(hide_password=False)))
    with TestClient(app) as c:
        yield c, numbers
    app.state.dispose()


def _file_row(c: TestClient, number: str) -> tuple[dict[str, Any], list[tuple[Any, ...]]]:
    with c.app.state.engine.connect() as conn:  # type: ignore[attr-defined]
        row = (
            conn.execute(select(IPFile.__table__).where(IPFile.application_number == number)).mappings().one()
        )
        events = conn.execute(
            select(Event.sequence, Event.code, Event.event_date, Event.recorded_at, Event.actor)
            .where(Event.file_id == row["id"])
            .order_by(Event.sequence)
        ).all()
    return dict(row), [tuple(e) for e in events]


def _trail_count(c: TestClient) -> int:
    with c.app.state.engine.connect() as conn:  # type: ignore[attr-defined]
        return int(conn.execute(select(func.count(AssistTrailEntry.id))).scalar_one())


def _run(c: TestClient, number: str, what: str) -> int:
    r = c.post(f"/files/{number}/assist/{what}", data={"csrf_token": csrf(c)}, follow_redirects=False)
    assert r.status_code == 303, r.text
    use = re.search(r"(?:pa|ipc)=(\d+)", r.headers["location"])
    assert use is not None
    return int(use.group(1))


def test_prior_art_panel_records_the_search_and_decisions_and_changes_nothing_else(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    c, numbers = site
    n = numbers["examined"]
    login(c, "thu")
    page = c.get(f"/files/{n}").text
    # both panels are offered on a patent file; nothing runs (or is recorded) on a GET
    assert 'id="prior-art-button"' in page and 'id="ipc-button"' in page and 'id="prior-art"' not in page
    assert 'id="tm-search-button"' not in page
    assert _trail_count(c) == 0
    before = _file_row(c, n)
    use_id = _run(c, n, "prior-art")
    page = c.get(f"/files/{n}").text
    panel = page.split('id="prior-art-panel"')[1].split('id="ipc-panel"')[0]
    assert numbers["fish"] in panel  # the earlier fish-sauce patent
    assert numbers["later"] not in panel  # dated after the priority date (2025-03-03)
    assert f">{n}<" not in panel  # itself excluded
    assert "<mark>" in panel  # the matching words are highlighted in the passage
    assert "2025" in panel and str(use_id) in panel

    with c.app.state.sessions() as s:  # type: ignore[attr-defined]
        (use,) = trail.trail_for(s, n)
    assert use.assistant == "prior_art" and use.actor == "web:thu" and use.index_version
    assert use.body["query"]["before"] == "2025-03-03" and "nước mắm" in use.body["query"]["text"]
    shown = [r["id"] for r in use.body["results"]]
    assert shown[0] == numbers["fish"] and numbers["later"] not in shown and n not in shown
    assert use.body["results"][0]["passages"] and use.body["results"][0]["passages"][0]["spans"]

    r = c.post(
        f"/files/{n}/assist/{use_id}/decisions",
        data={
            "csrf_token": csrf(c),
            "item": numbers["fish"],
            "decision": "cited",
            "note": "D1: cùng muối + cá cơm",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].endswith("#prior-art-panel"), r.text
    page = c.get(r.headers["location"]).text
    assert 'id="pa-decided-1"' in page and "Viện dẫn (tài liệu đối chứng)" in page
    assert _file_row(c, n) == before  # the file row (version, updated_at ...) and its events are untouched

    history = c.get(f"/files/{n}/history?lang=en").text
    assert "AI assistant used" in history and "Examiner acted on AI results" in history
    assert "prior_art" in history and "Cited" in history and "D1: cùng muối + cá cơm" in history
    assert "hash chain is intact" in history

    body = c.get(f"/api/v1/files/{n}/export").json()
    entries = body["AITrail"]["entries"]
    assert [e["kind"] for e in entries] == ["use", "action"] and entries[1]["items"] == [numbers["fish"]]


def test_ipc_panel_shows_evidence_and_confidence_and_records_accept_reject(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    c, numbers = site
    n = numbers["examined"]
    login(c, "thu")
    before = _file_row(c, n)
    use_id = _run(c, n, "ipc")
    page = c.get(f"/files/{n}?lang=en").text
    panel = page.split('id="ipc-panel"')[1]
    assert "A23L" in panel and "confidence" in panel and numbers["fish"] in panel  # the evidence document
    with c.app.state.sessions() as s:  # type: ignore[attr-defined]
        (use,) = trail.trail_for(s, n)
    assert use.assistant == "ipc_suggest"
    first = use.body["results"][0]
    assert first["id"] == "A23L" and numbers["fish"] in first["evidence"] and 0 < first["confidence"] <= 1
    for item, decision in (("A23L", "accepted"), (use.body["results"][-1]["id"], "rejected")):
        r = c.post(
            f"/files/{n}/assist/{use_id}/decisions",
            data={"csrf_token": csrf(c), "item": item, "decision": decision},
            follow_redirects=False,
        )
        assert r.status_code == 303 and r.headers["location"].endswith("#ipc-panel"), r.text
    page = c.get(f"/files/{n}?lang=en").text
    assert 'id="ipc-decided-1"' in page and "Accepted" in page
    # a prior-art decision is not an IPC decision and the other way round: refused, nothing written
    r = c.post(
        f"/files/{n}/assist/{use_id}/decisions",
        data={"csrf_token": csrf(c), "item": "A23L", "decision": "cited"},
        headers={"accept": "application/json"},
    )
    assert r.status_code == 422 and r.json()["error"] == "web.assist.bad_decision"
    assert _trail_count(c) == 3 and _file_row(c, n) == before


def test_the_index_is_built_once_and_rebuilt_only_when_the_patents_change(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    c, numbers = site
    shared = c.app.state.prior_art  # type: ignore[attr-defined]
    examiner = {"Authorization": f"Bearer {token(c, 'thu')}"}
    login(c, "thu")
    _run(c, numbers["examined"], "prior-art")
    _run(c, numbers["examined"], "ipc")
    _run(c, numbers["coffee"], "prior-art")
    assert shared.refreshes == 1 and shared.index.how == "built"
    assert shared.index.build_seconds is not None and shared.index.build_cpu_seconds is not None
    info = c.get("/api/v1/prior-art/index", headers=examiner).json()
    assert info["Documents"] == 5 and info["IndexVersion"] == shared.version and info["BuiltAt"]
    first_version, first_path = shared.version, shared.index.index.path
    with transaction(c.app.state.engine, actor="clerk") as s:  # type: ignore[attr-defined]
        new = _patent(s, FISH[:4] + ("2024-01-02",))
    # the search right after the filing does not wait for the rebuild: it uses the index in hand, and says which
    use = _run(c, numbers["examined"], "prior-art")
    assert shared.wait(120) and shared.update_error is None
    assert shared.refreshes == 2 and shared.version != first_version and shared.index.how == "built"
    with c.app.state.sessions() as s:  # type: ignore[attr-defined]
        entry = [e for e in trail.trail_for(s, numbers["examined"]) if e.id == use][0]
    assert entry.index_version == first_version and new not in [r["id"] for r in entry.body["results"]]
    use = _run(c, numbers["examined"], "prior-art")  # the next one searches the new index
    assert shared.refreshes == 2
    with c.app.state.sessions() as s:  # type: ignore[attr-defined]
        entry = [e for e in trail.trail_for(s, numbers["examined"]) if e.id == use][0]
    assert entry.index_version == shared.version
    assert new in [r["id"] for r in entry.body["results"]]  # the new filing is searched
    assert set(shared.index.base.glob("v-*")) == {first_path, shared.index.index.path}  # the replaced one stays:
    # another worker may still serve it until it opens the new one
    with transaction(c.app.state.engine, actor="clerk") as s:  # type: ignore[attr-defined]
        _patent(s, FISH[:4] + ("2024-01-03",))
    _run(c, numbers["examined"], "prior-art")
    assert shared.wait(120) and shared.refreshes == 3
    folders = set(shared.index.base.glob("v-*"))
    assert len(folders) == 2 and shared.index.index.path in folders and first_path not in folders  # older: gone
    # a second app on the same register opens the folder instead of building again
    other = create_app(settings=make_settings(shared.url))
    try:
        with other.state.prior_art.current() as office:
            assert office.how == "opened" and office.version == shared.version
    finally:
        other.state.dispose()


def test_roles_csrf_and_non_patent_files(site: tuple[TestClient, dict[str, str]]) -> None:
    c, numbers = site
    n = numbers["examined"]
    anon = c.post(f"/files/{n}/assist/prior-art", data={"csrf_token": csrf(c)}, follow_redirects=False)
    assert anon.status_code == 401
    assert 'id="prior-art-panel"' not in c.get(f"/files/{n}").text
    login(c, "an")
    for what in ("prior-art", "ipc"):
        r = c.post(f"/files/{n}/assist/{what}", data={"csrf_token": csrf(c)}, follow_redirects=False)
        assert r.status_code == 403
    assert 'id="prior-art-panel"' not in c.get(f"/files/{n}").text
    c.post("/logout", data={"csrf_token": csrf(c)})
    login(c, "thu")
    for data in ({}, {"csrf_token": "forged"}):
        r = c.post(f"/files/{n}/assist/prior-art", data=data, follow_redirects=False)
        assert r.status_code == 403 and "CSRF" in r.text
    # a trademark file gets the conflict panel, not these, and is refused clearly
    assert 'id="prior-art-panel"' not in c.get(f"/files/{numbers['Phở Hà Nội']}").text
    r = c.post(
        f"/files/{numbers['Phở Hà Nội']}/assist/prior-art",
        data={"csrf_token": csrf(c)},
        headers={"accept": "application/json"},
    )
    assert r.status_code == 422 and r.json()["error"] == "web.pa.not_patent" and r.json()["message"]
    r = c.post("/files/1-2099-99999/assist/ipc", data={"csrf_token": csrf(c)})
    assert r.status_code == 404
    assert _trail_count(c) == 0


def test_bad_input_empty_text_hostile_syntax_and_results_not_shown(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    c, numbers = site
    login(c, "thu")
    n = numbers["examined"]
    with transaction(c.app.state.engine, actor="clerk") as s:  # type: ignore[attr-defined]
        hostile = _patent(
            s,
            (
                '"nước mắm" AND title:(cá OR [cơm]) ^2 \\ * NOT',
                "abstract:* -muối",
                "",
                ["A23L 17/00"],
                "2025-10-01",
            ),
        )
        empty = _patent(s, ("Tạm", "", "", [], "2025-10-02"))
    with c.app.state.engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(update(IPFile).where(IPFile.application_number == empty).values(title=""))
    r = c.post(
        f"/files/{empty}/assist/prior-art",
        data={"csrf_token": csrf(c)},
        headers={"accept": "application/json"},
    )
    assert r.status_code == 422 and r.json()["error"] == "prior_art.empty_query" and r.json()["message"]
    assert _trail_count(c) == 0
    use = _run(c, hostile, "prior-art")  # query syntax is just words
    with c.app.state.sessions() as s:  # type: ignore[attr-defined]
        (entry,) = trail.trail_for(s, hostile)
    assert entry.id == use and numbers["fish"] in [r["id"] for r in entry.body["results"]]

    use = _run(c, n, "prior-art")
    url = f"/files/{n}/assist/{use}/decisions"
    cases = [
        ({"item": numbers["later"], "decision": "cited"}, url, 422),  # not shown (dated after the priority)
        ({"item": numbers["fish"], "decision": "accepted"}, url, 422),  # an IPC decision
        ({"item": "", "decision": "cited"}, url, 422),
        ({"item": numbers["fish"], "decision": "cited"}, f"/files/{hostile}/assist/{use}/decisions", 422),
    ]
    for data, target, status in cases:
        r = c.post(target, data={**data, "csrf_token": csrf(c)}, headers={"accept": "application/json"})
        assert r.status_code == status, (target, data, r.text)
        assert r.json()["message"]
    assert _trail_count(c) == 2  # the two searches only


def test_the_api_runs_the_same_recorded_searches(site: tuple[TestClient, dict[str, str]]) -> None:
    c, numbers = site
    n = numbers["examined"]
    url = f"/api/v1/files/{n}/prior-art-searches"
    assert c.post(url).status_code == 401
    assert c.post(url, headers={"Authorization": f"Bearer {token(c, 'an')}"}).status_code == 403
    examiner = {"Authorization": f"Bearer {token(c, 'thu')}"}
    before = _file_row(c, n)
    r = c.post(url, headers=examiner)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["EarlierThan"] == "2025-03-03" and body["items"][0]["id"] == numbers["fish"]
    assert body["items"][0]["passages"][0]["marked"].count("«") >= 1
    decision = {"Item": numbers["fish"], "Decision": "cited", "Note": "D1"}
    r = c.post(f"{url}/{body['UseId']}/decisions", json=decision, headers=examiner)
    assert r.status_code == 201 and r.json()["action"] == "cited" and r.json()["use_id"] == body["UseId"]
    r = c.post(
        f"{url}/{body['UseId']}/decisions", json={**decision, "Item": numbers["later"]}, headers=examiner
    )
    assert r.status_code == 422 and r.json()["error"] == "trail.result_not_shown"

    r = c.post(f"/api/v1/files/{n}/ipc-suggestions", headers=examiner)
    assert r.status_code == 201, r.text
    ipc = r.json()
    assert ipc["subclasses"][0]["symbol"] == "A23L" and ipc["subclasses"][0]["evidence"]
    ipc_url = f"/api/v1/files/{n}/ipc-suggestions/{ipc['UseId']}/decisions"
    r = c.post(ipc_url, json={"Item": "A23L", "Decision": "accepted"}, headers=examiner)
    assert r.status_code == 201 and r.json()["action"] == "accepted"
    # a prior-art use is not an IPC use
    r = c.post(
        f"/api/v1/files/{n}/ipc-suggestions/{body['UseId']}/decisions",
        json={"Item": numbers["fish"], "Decision": "accepted"},
        headers=examiner,
    )
    assert r.status_code == 422 and r.json()["error"] == "trail.use_not_found"
    assert _trail_count(c) == 4 and _file_row(c, n) == before


def test_the_index_is_built_at_start_when_warming_is_on(site: tuple[TestClient, dict[str, str]]) -> None:
    """``ipoffice serve`` sets IPOFFICE_WARM_INDEXES: the index is built in the background at start, so the first
    examiner's search does not wait for it; a search during the build waits for that build, never builds twice."""
    from dataclasses import replace

    c, numbers = site
    url = c.app.state.prior_art.url  # type: ignore[attr-defined]
    app = create_app(settings=replace(make_settings(url), warm_indexes=True))
    shared = app.state.prior_art
    try:
        with TestClient(app) as warm:  # runs the app's start-up
            login(warm, "thu")
            _run(warm, numbers["examined"], "prior-art")  # may come during the warm-up build
            assert shared.wait(120) and shared.update_error is None
            assert shared.refreshes == 1 and shared.index.how == "built"
            assert len(list(shared.index.base.glob("v-*"))) == 1
    finally:
        app.state.dispose()
