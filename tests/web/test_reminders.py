"""Renewal and annuity reminders: on the account page and as a token-protected iCalendar feed."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient
from web_helpers import csrf, login
from web_office import granted_by_an
from web_seed import PASSWORD, tm

from ipoffice.office.filing import FilingRequest, PartyInput
from ipoffice.web.reminders import _fold


def _portfolio(client: TestClient) -> tuple[str, str]:
    mark = granted_by_an(
        client,
        tm("Trà Xanh Mộc", "Công ty Trà Mộc", 30, ["Tea"], "2016-09-01"),
        date(2016, 9, 20),
        date(2016, 10, 20),
        date(2017, 6, 1),
        date(2017, 7, 1),
    )
    patent = granted_by_an(
        client,
        FilingRequest(
            right="invention",
            filing_date="2021-03-01",
            title="Bếp củi",
            applicants=[PartyInput(name="Viện Năng lượng")],
        ),
        date(2021, 3, 25),
        date(2021, 5, 4),
        date(2025, 9, 1),
        date(2025, 10, 15),
    )
    return mark, patent


def test_account_lists_grace_and_upcoming_deadlines_and_serves_an_ics_feed(client: TestClient) -> None:
    mark, patent = _portfolio(client)
    login(client, "an")
    page = client.get("/account?lang=en").text
    rows = re.findall(r'<tr class="([^"]*)"><td><a href="/files/([^"#]+)#maintenance">', page)
    # the mark's renewal was due 3 Sep 2026 and the patent's year-2 annuity 15 Oct 2026: both in the grace
    assert [n for _, n in rows] == [mark, patent] and all(c == "overdue" for c, _ in rows)
    assert page.count("Grace period (surcharge)") == 2
    feed = re.search(r'id="ics-feed" href="|href="([^"]+\.ics)" id="ics-feed"', page)
    assert feed is not None
    url = feed.group(1).replace("http://testserver", "")
    anon = TestClient(client.app)  # a calendar application: no cookie, only the URL
    r = anon.get(url + "?lang=en")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    body = r.text
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 6  # window, due date, grace end of each
    assert f"UID:{mark}-renewal-1-due@ipoffice" in body and "DTSTART;VALUE=DATE:20260903" in body
    assert f"UID:{patent}-annuity-2-grace_end@ipoffice" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    api = anon.get("/api/v1/reminders", headers={"Authorization": f"Bearer {_api_token(client)}"}).json()
    assert [(i["number"], i["kind"], i["state"]) for i in api["items"]] == [
        (mark, "renewal", "grace"),
        (patent, "annuity", "grace"),
    ]
    assert api["items"][0]["grace_end"] == "2027-03-01"
    # a forged or altered token gets nothing
    assert anon.get(url.replace(".ics", "x.ics")).status_code == 404
    assert anon.get("/calendar/abc.def.ics").status_code == 404


def _api_token(client: TestClient) -> str:
    r = TestClient(client.app).post("/api/v1/tokens", json={"username": "an", "password": PASSWORD})
    return str(r.json()["token"])


def test_after_renewal_the_next_term_is_upcoming(client: TestClient) -> None:
    mark, _ = _portfolio(client)
    login(client, "an")
    assert (
        client.post(
            f"/files/{mark}/maintenance", data={"csrf_token": csrf(client)}, follow_redirects=False
        ).status_code
        == 303
    )
    page = client.get("/account?lang=en").text
    row = re.search(
        rf'<tr class="([^"]*)"><td><a href="/files/{re.escape(mark)}#maintenance">.*?</tr>', page, re.S
    )
    assert row is not None and row.group(1) == "" and "Upcoming" in row.group(0) and "2036" in row.group(0)


def test_ics_lines_fold_without_splitting_characters() -> None:
    line = "SUMMARY:" + "Hết hạn nộp muộn gia hạn lần 1 " * 5
    folded = _fold(line)
    parts = folded.split("\r\n ")
    assert len(parts) > 1 and all(len(p.encode()) <= 75 for p in parts)
    assert "".join(parts) == line
