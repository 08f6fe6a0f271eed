"""One trademark engine in the web (the office index) and the AI trail of the examiner's workbench.

The public pre-filing check and the filing form search the office's :class:`OfficeMarkIndex` (one per app,
refreshed when the register changes) and record nothing; the workbench's conflict search and the examiner's
decisions land on the file's AI trail, visible in the file history and in the file's export, and never change the
file itself. On SQLite and PostgreSQL. The seed register is generated test data (web_seed), not real filings.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, func, select
from web_helpers import csrf, login, make_settings
from web_seed import TODAY, seed, tm

from ipoffice.assist import trail
from ipoffice.office.filing import file_application
from ipoffice.store.db import transaction
from ipoffice.store.models import AssistTrailEntry, Event, IPFile
from ipoffice.web.app import create_app
from ipoffice.web.marks import SharedMarkIndex, prefiling_check


@pytest.fixture
def site(
    engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """The app on a seeded register of each backend; the index lives in this test's folder."""
    monkeypatch.setenv("IPOFFICE_FILES_DIR", str(tmp_path / "files"))
    with engine.begin() as conn:
        conn.execute(delete(AssistTrailEntry))
    numbers = seed(engine)
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


def _new_mark(c: TestClient, mark: str, cls: int, terms: list[str]) -> str:
    with transaction(c.app.state.engine, actor="clerk") as s:  # type: ignore[attr-defined]
        return file_application(
            s, tm(mark, "Công ty TNHH Thử Nghiệm", cls, terms, TODAY.isoformat()), actor="clerk", today=TODAY
        ).application_number


def _search(c: TestClient, number: str) -> int:
    r = c.post(f"/files/{number}/assist/tm-search", data={"csrf_token": csrf(c)}, follow_redirects=False)
    assert r.status_code == 303, r.text
    use = re.search(r"assist=(\d+)", r.headers["location"])
    assert use is not None
    return int(use.group(1))


# --- the public pre-filing check and the filing form: the office index, nothing recorded ----------------------


def test_public_check_uses_the_office_index_and_records_nothing(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    c, numbers = site
    before = _trail_count(c), _file_row(c, numbers["Phở Hà Nội"])
    r = c.get("/check", params={"mark_text": "Phở Hà Nội Xưa", "nice_class": "43"})
    assert r.status_code == 200 and numbers["Phở Hà Nội"] in r.text
    assert "Lần tra cứu này không được lưu" in r.text  # Vietnamese by default, and it says nothing is kept
    shared: SharedMarkIndex = c.app.state.marks  # type: ignore[attr-defined]
    assert shared.index.path == Path(shared.index.path) and (shared.index.path / "state.json").is_file()
    assert c.get("/check", params={"mark_text": "Pho Ha Noi", "nice_class": "43"}).status_code == 200
    assert shared.refreshes == 1  # the register did not change: no second refresh
    assert (_trail_count(c), _file_row(c, numbers["Phở Hà Nội"])) == before

    # the check looks at the register at most every IPOFFICE_TM_CHECK_SECONDS (5 by default)
    assert shared.check_every == 5.0
    shared.check_every = 3600
    new = _new_mark(c, "Bún Chả Hương Liên", 43, ["Restaurant services"])
    params = {"mark_text": "Bún Chả Hương Liên", "nice_class": "43", "lang": "en"}
    assert new not in c.get("/check", params=params).text and shared.refreshes == 1
    # with 0 it looks before every check: the new filing moved the high-water mark, the next check sees it
    shared.check_every = 0
    r = c.get("/check", params=params)
    assert new in r.text and shared.refreshes == 2
    assert "This check is not recorded" in r.text
    # the examiner's recorded search always looks, whatever the interval
    shared.check_every = 3600
    later = _new_mark(c, "Bún Chả Hương Liên Mới", 43, ["Restaurant services"])
    login(c, "thu")
    _search(c, new)
    assert shared.refreshes == 3 and later in c.get("/check", params=params).text


def test_the_filing_form_check_is_the_same_engine(site: tuple[TestClient, dict[str, str]]) -> None:
    c, numbers = site
    login(c, "an")
    frag = c.get("/file/trademark/check", params={"mark_text": "Phở Hà Nội Xưa", "nice_class_1": "43"}).text
    public = c.get("/check", params={"mark_text": "Phở Hà Nội Xưa", "nice_class": "43"}).text
    assert numbers["Phở Hà Nội"] in frag and numbers["Phở Hà Nội"] in public
    score = re.search(r"(\d+(?:\.\d+)?)/100", frag)
    assert score is not None and f"{score.group(1)}/100" in public  # one engine, one score
    none = c.get("/file/trademark/check", params={"mark_text": "Zyxwvut Qqq", "nice_class_1": "9"}).text
    assert 'id="no-similar"' in none


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"mark_text": ""}, "Hãy nhập phần chữ của nhãn hiệu"),
        ({"mark_text": "   "}, "Hãy nhập phần chữ của nhãn hiệu"),
        ({"mark_text": "x" * 10_000}, "10000 ký tự"),
        ({"mark_text": "!!! ???"}, "không có chữ hoặc số"),
        ({"mark_text": "Phở", "nice_class": "46"}, "46"),
        ({"mark_text": "Phở", "nice_class": "abc"}, "abc"),
    ],
)
def test_bad_input_gets_a_clear_message_never_a_500(
    client: TestClient, params: dict[str, str], message: str
) -> None:
    r = client.get("/check", params=params)
    assert r.status_code == 200 and 'role="alert"' in r.text and message in r.text
    login(client, "an")
    frag = client.get(
        "/file/trademark/check",
        params={"mark_text": params["mark_text"], "nice_class_1": params.get("nice_class", "")},
    )
    assert frag.status_code == 200 and message in frag.text


@pytest.mark.parametrize(
    "mark",
    ["商标", "Москва", "مرحبا", '"BLUE" AND (RIVER) OR NOT *', "BLUE) OR (1=1", "phở'; DROP TABLE files;--"],
)
def test_other_scripts_and_hostile_syntax_give_a_sensible_result(client: TestClient, mark: str) -> None:
    r = client.get("/check", params={"mark_text": mark, "nice_class": "9", "lang": "en"})
    assert r.status_code == 200
    assert 'id="no-similar"' in r.text or "BLUE RIVER" in r.text or 'role="alert"' in r.text
    if "BLUE" in mark:
        assert "BLUE RIVER" in r.text  # the words are searched as words; the syntax does nothing
    assert client.get("/check", params={"mark_text": "BLUE RIVER", "nice_class": "9"}).status_code == 200


def test_concurrent_checks_while_the_register_grows(client: TestClient, numbers: dict[str, str]) -> None:
    shared: SharedMarkIndex = client.app.state.marks  # type: ignore[attr-defined]
    shared.check_every = 0  # look at the register before every check
    errors: list[BaseException] = []
    stop = threading.Event()

    def check() -> int:
        n = 0
        while not stop.is_set() and n < 30:
            hits = prefiling_check(shared, "Phở Hà Nội", [43])
            assert numbers["Phở Hà Nội"] in [h.record.number for h in hits]
            n += 1
        return n

    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(check) for _ in range(3)]
        try:
            added = [_new_mark(client, f"Phở Gia Truyền {i}", 43, ["Restaurant services"]) for i in range(3)]
        finally:
            stop.set()
        for f in futures:
            try:
                f.result()
            except BaseException as exc:  # noqa: BLE001 - collected and reported below
                errors.append(exc)
    assert errors == []
    found = {h.record.number for h in prefiling_check(shared, "Phở Gia Truyền", [43])}
    assert set(added) <= found


# --- the examiner's workbench: recorded on the file's AI trail ----------------------------------------------


def test_workbench_search_and_decision_are_recorded_and_change_nothing_else(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    c, numbers = site
    number = _new_mark(c, "Phở Hà Nội Ngon", 43, ["Restaurant services"])
    login(c, "thu")
    page = c.get(f"/files/{number}").text
    # nothing runs (or is recorded) on a GET
    assert 'id="tm-search-button"' in page and 'id="assist"' not in page
    before = _file_row(c, number)
    use_id = _search(c, number)
    page = c.get(f"/files/{number}").text
    panel = page.split('id="conflict-panel"')[1]
    assert numbers["Phở Hà Nội"] in panel and f">{number}<" not in panel  # itself excluded
    assert "ipoffice.assist.tm_search" in panel and f"{use_id}" in panel

    with c.app.state.sessions() as s:  # type: ignore[attr-defined]
        (use,) = trail.trail_for(s, number)
    assert use.kind == "use" and use.assistant == "tm_search" and use.actor == "web:thu"
    assert use.body["query"]["mark"] == "Phở Hà Nội Ngon" and use.body["query"]["classes"] == [43]
    assert use.index_version and use.index_version.startswith("tm-office")
    shown = [r["id"] for r in use.body["results"]]
    assert numbers["Phở Hà Nội"] in shown and number not in shown
    rank = shown.index(numbers["Phở Hà Nội"]) + 1
    assert f'id="decide-{rank}"' in page

    r = c.post(
        f"/files/{number}/assist/{use_id}/decisions",
        data={
            "csrf_token": csrf(c),
            "item": numbers["Phở Hà Nội"],
            "decision": "cited",
            "note": "Trùng phần chính «Phở Hà Nội», cùng nhóm 43",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    page = c.get(r.headers["location"]).text
    assert f'id="decided-{rank}"' in page and "Viện dẫn là nhãn hiệu đối chứng" in page
    # the file row (version, updated_at ...) and its events are untouched
    assert _file_row(c, number) == before

    history = c.get(f"/files/{number}/history?lang=en").text
    assert "AI assistant used" in history and "Examiner acted on AI results" in history
    assert "Cited as conflicting" in history and "«Phở Hà Nội», cùng nhóm 43" in history
    assert "hash chain is intact" in history and history.count('<tr class="event">') == 1  # the filing event

    export = c.get(f"/api/v1/files/{number}/export")
    assert export.status_code == 200 and "attachment" in export.headers["content-disposition"]
    body = export.json()
    assert body["ApplicationNumber"]["ApplicationNumberText"] == number
    ai = body["AITrail"]
    assert ai["chain_intact"] is True and [e["kind"] for e in ai["entries"]] == ["use", "action"]
    assert ai["entries"][0]["model"] == "ipoffice.assist.tm_search" and ai["entries"][0]["results"]
    assert ai["entries"][1]["action"] == "cited" and ai["entries"][1]["items"] == [numbers["Phở Hà Nội"]]
    assert [e["EventCode"] for e in body["EventBag"]] == ["filed"]


def test_roles_public_and_applicants_cannot_record_or_see_the_panel(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    c, numbers = site
    n = numbers["Sông Hồng"]
    token = csrf(c)
    anon = c.post(f"/files/{n}/assist/tm-search", data={"csrf_token": token}, follow_redirects=False)
    assert anon.status_code == 401
    assert c.get(f"/files/{n}/history", follow_redirects=False).status_code == 303  # to the login page
    assert c.get(f"/api/v1/files/{n}/export").status_code == 401
    login(c, "an")
    page = c.get(f"/files/{n}").text
    assert 'id="conflict-panel"' not in page and "tm-search-button" not in page
    r = c.post(f"/files/{n}/assist/tm-search", data={"csrf_token": csrf(c)}, follow_redirects=False)
    assert r.status_code == 403
    r = c.post(f"/files/{n}/assist/1/decisions", data={"csrf_token": csrf(c), "item": n, "decision": "cited"})
    assert r.status_code == 403
    assert c.get(f"/files/{n}/history").status_code == 403  # not the filer of record (the seed filed it)
    assert c.get(f"/api/v1/files/{n}/export").json()["error"] == "web.auth.not_yours"
    assert _trail_count(c) == 0


def test_the_filer_of_record_sees_the_trail_of_its_file(client: TestClient, numbers: dict[str, str]) -> None:
    login(client, "an")
    page = client.get("/file/trademark").text
    sub = re.search(r'name="submission_id" value="([^"]+)"', page)
    assert sub is not None
    data = {
        "csrf_token": csrf(client),
        "submission_id": sub.group(1),
        "mark_text": "Phở Hà Nội Xưa",
        "applicant_name": "Quán Xưa",
        "applicant_country": "VN",
        "applicant_kind": "organisation",
        "nice_class_1": "43",
        "terms_1": "Restaurant services",
    }
    number = client.post("/file/trademark", data=data, follow_redirects=False).headers["location"]
    number = number.split("/")[2].split("?")[0]
    client.post("/logout", data={"csrf_token": csrf(client)})
    login(client, "thu")
    use_id = _search(client, number)
    client.post("/logout", data={"csrf_token": csrf(client)})
    login(client, "an")
    assert 'id="history-link"' in client.get(f"/files/{number}").text
    history = client.get(f"/files/{number}/history")
    assert history.status_code == 200 and "Sử dụng trợ lý AI" in history.text
    entries = client.get(f"/api/v1/files/{number}/export").json()["AITrail"]["entries"]
    assert [e["id"] for e in entries] == [use_id]


def test_csrf_missing_or_wrong_is_refused_with_a_message(site: tuple[TestClient, dict[str, str]]) -> None:
    c, numbers = site
    n = numbers["Phở Hà Nội"]
    login(c, "thu")
    for data in ({}, {"csrf_token": "forged"}):
        r = c.post(f"/files/{n}/assist/tm-search", data=data, follow_redirects=False)
        assert r.status_code == 403 and "CSRF" in r.text
    use_id = _search(c, n)
    r = c.post(
        f"/files/{n}/assist/{use_id}/decisions",
        data={"item": numbers["BLUE RIVER"], "decision": "dismissed"},
        headers={"accept": "application/json"},
    )
    assert r.status_code == 403 and r.json()["error"] == "web.auth.csrf" and r.json()["message"]
    assert _trail_count(c) == 1  # the search only


def test_bad_decisions_are_refused_and_nothing_is_written(site: tuple[TestClient, dict[str, str]]) -> None:
    c, numbers = site
    login(c, "thu")
    n = _new_mark(c, "Blue Rivers", 9, ["Computer software"])
    use_id = _search(c, n)
    with c.app.state.sessions() as s:  # type: ignore[attr-defined]
        shown = [r["id"] for r in trail.trail_for(s, n)[0].body["results"]]
    assert numbers["BLUE RIVER"] in shown
    other = numbers["Phở Hà Nội"]
    cases = [
        (
            {"item": numbers["BLUE RIVER"], "decision": "deleted"},
            f"/files/{n}/assist/{use_id}/decisions",
            422,
        ),
        ({"item": "4-1999-00001", "decision": "cited"}, f"/files/{n}/assist/{use_id}/decisions", 422),
        ({"item": "", "decision": "cited"}, f"/files/{n}/assist/{use_id}/decisions", 422),
        (
            {"item": numbers["BLUE RIVER"], "decision": "cited"},
            f"/files/{other}/assist/{use_id}/decisions",
            422,
        ),
        ({"item": numbers["BLUE RIVER"], "decision": "cited"}, f"/files/{n}/assist/99999/decisions", 422),
        ({"item": numbers["BLUE RIVER"], "decision": "cited"}, f"/files/{n}/assist/abc/decisions", 422),
        ({"item": numbers["BLUE RIVER"], "decision": "cited"}, "/files/4-2099-99999/assist/1/decisions", 404),
    ]
    for data, url, status in cases:
        r = c.post(url, data={**data, "csrf_token": csrf(c)}, headers={"accept": "application/json"})
        assert r.status_code == status, (url, data, r.text)
        assert r.json()["message"]
    assert _trail_count(c) == 1
    # not a trademark, unknown file: a clear refusal, nothing recorded
    r = c.post(
        f"/files/{numbers['Phương pháp sản xuất nước mắm']}/assist/tm-search",
        data={"csrf_token": csrf(c)},
        headers={"accept": "application/json"},
    )
    assert r.status_code == 422 and r.json()["error"] == "tm.office.not_trademark"
    r = c.post("/files/4-2099-99999/assist/tm-search", data={"csrf_token": csrf(c)})
    assert r.status_code == 404
    assert _trail_count(c) == 1


def test_the_access_log_keeps_no_query_string(client: TestClient) -> None:
    import logging

    from ipoffice.web.app import RedactQuery

    assert any(isinstance(f, RedactQuery) for f in logging.getLogger("uvicorn.access").filters)
    args = ("127.0.0.1:5000", "GET", "/check?mark_text=B%C3%ADm+M%E1%BA%ADt&nice_class=30", "1.1", 200)
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, "h.py", 1, '%s - "%s %s HTTP/%s" %d', args, None
    )
    assert RedactQuery().filter(record)
    assert record.getMessage() == '127.0.0.1:5000 - "GET /check?[redacted] HTTP/1.1" 200'


def test_the_api_offers_the_same_check_and_the_recorded_workbench_search(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    from web_helpers import token

    c, numbers = site
    r = c.get(
        "/api/v1/trademarks/check", params={"mark": "Phở Hà Nội Xưa", "niceClass": ["43"], "lang": "en"}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["IndexVersion"].startswith("tm-office")
    (hit,) = [h for h in body["items"] if h["ApplicationNumberText"] == numbers["Phở Hà Nội"]]
    assert hit["Reasons"] and hit["Dimensions"]["mark"] > 0 and hit["NiceClassNumber"] == [43]
    for params, field in (({"mark": " "}, "mark"), ({"mark": "Phở", "niceClass": ["46"]}, "niceClass")):
        bad = c.get("/api/v1/trademarks/check", params=params)
        assert bad.status_code == 422 and bad.json()["field"] == field and bad.json()["message"]
    assert _trail_count(c) == 0

    number = _new_mark(c, "Phở Hà Nội Ngon", 43, ["Restaurant services"])
    url = f"/api/v1/files/{number}/conflict-searches"
    assert c.post(url).status_code == 401
    assert c.post(url, headers={"Authorization": f"Bearer {token(c, 'an')}"}).status_code == 403
    examiner = {"Authorization": f"Bearer {token(c, 'thu')}"}
    before = _file_row(c, number)
    r = c.post(url, headers=examiner)
    assert r.status_code == 201, r.text
    use_id = r.json()["UseId"]
    assert numbers["Phở Hà Nội"] in [h["ApplicationNumberText"] for h in r.json()["items"]]
    decision = {"ApplicationNumberText": numbers["Phở Hà Nội"], "Decision": "dismissed", "Note": "khác nhóm"}
    r = c.post(f"{url}/{use_id}/decisions", json=decision, headers=examiner)
    assert r.status_code == 201 and r.json()["action"] == "dismissed" and r.json()["use_id"] == use_id
    r = c.post(f"{url}/{use_id}/decisions", json={**decision, "Decision": "approved"}, headers=examiner)
    assert r.status_code == 422 and r.json()["error"] == "web.assist.bad_decision"
    assert _trail_count(c) == 2 and _file_row(c, number) == before


def test_an_index_folder_that_cannot_be_written_is_a_clear_503(
    office: tuple[str, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the files folder should be")
    monkeypatch.setenv("IPOFFICE_FILES_DIR", str(blocked))
    app = create_app(settings=make_settings(office[0]))
    with TestClient(app) as c:
        page = c.get("/check", params={"mark_text": "Phở Hà Nội", "nice_class": "43", "lang": "en"})
        assert page.status_code == 200 and "The search is unavailable" in page.text
        r = c.get("/api/v1/trademarks/check", params={"mark": "Phở Hà Nội"})
        assert r.status_code == 503 and r.json()["error"] == "web.check.unavailable"
        login(c, "thu")
        r = c.post(
            f"/files/{office[1]['Sông Hồng']}/assist/tm-search",
            data={"csrf_token": csrf(c)},
            headers={"accept": "application/json"},
        )
        assert r.status_code == 503 and _trail_count(c) == 0
    app.state.dispose()
