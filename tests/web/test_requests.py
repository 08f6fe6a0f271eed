"""Requests on the portfolio: renewal (late surcharge in the grace), annuity, recordals approved by the registrar,
and a third party's opposition within the Art. 112a window."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from web_helpers import csrf, login
from web_office import granted_by_an
from web_seed import TODAY, tm

from ipoffice.law import maintenance_fee_quote
from ipoffice.office import examination as ex
from ipoffice.office import publication as pub
from ipoffice.office.filing import FilingRequest, PartyInput, file_application
from ipoffice.office.payments import _fee_request
from ipoffice.office.record import get_file
from ipoffice.store.db import transaction


@pytest.fixture
def old_mark(client: TestClient) -> str:
    """A mark filed 1 Sep 2016: its first term ended 1 Sep 2026, so on 2 Nov 2026 it is in the renewal grace."""
    return granted_by_an(
        client,
        tm("Trà Xanh Mộc", "Công ty Trà Mộc", 30, ["Tea"], "2016-09-01"),
        date(2016, 9, 20),
        date(2016, 10, 20),
        date(2017, 6, 1),
        date(2017, 7, 1),
    )


def post(client: TestClient, url: str, **data: str):  # type: ignore[no-untyped-def]
    return client.post(url, data={"csrf_token": csrf(client), **data}, follow_redirects=False)


def test_renewal_in_the_grace_pays_the_late_surcharge_and_moves_the_expiry(
    client: TestClient, old_mark: str
) -> None:
    login(client, "an")
    page = client.get(f"/files/{old_mark}?lang=en").text
    assert 'id="maintenance-button"' in page and "late surcharge" in page
    r = post(client, f"/files/{old_mark}/maintenance")
    assert r.status_code == 303, r.text
    with transaction(client.app.state.engine, actor="reader") as s:  # type: ignore[attr-defined]
        f = get_file(s, old_mark)
        renewed = [e for e in f.events if e.code == "renewed"]
        fee = next(x for x in f.fees if x.fee_code == "renewal_1")
        on_time = maintenance_fee_quote(
            _fee_request(f), on=date(2026, 9, 3), due=date(2026, 9, 3), renewal=True
        )
        late = maintenance_fee_quote(_fee_request(f), on=TODAY, due=date(2026, 9, 3), renewal=True)
        assert len(renewed) == 1 and renewed[0].payload["late"] is True
        assert fee.status == "paid" and fee.amount_vnd == late.total > on_time.total
        assert f.expiry_date == date(2036, 9, 1)
    again = post(client, f"/files/{old_mark}/maintenance")  # the next renewal opens only in 2036
    assert again.status_code == 409 and "2036" in again.text


def test_only_the_filer_may_renew(client: TestClient, old_mark: str) -> None:
    login(client, "thu")  # an examiner: not a filer
    assert post(client, f"/files/{old_mark}/maintenance").status_code == 403


def test_annuity_of_a_patent_from_the_file_page(client: TestClient) -> None:
    req = FilingRequest(
        right="invention",
        filing_date="2021-03-01",
        title="Bếp tiết kiệm củi",
        applicants=[PartyInput(name="Viện Năng lượng")],
    )
    # granted 15 Oct 2025: validity year 2 starts 15 Oct 2026, so on 2 Nov 2026 it is paid late
    n = granted_by_an(client, req, date(2021, 3, 25), date(2021, 5, 4), date(2025, 9, 1), date(2025, 10, 15))
    login(client, "an")
    assert 'id="maintenance-button"' in client.get(f"/files/{n}").text
    assert post(client, f"/files/{n}/maintenance").status_code == 303
    events = client.get(f"/api/v1/files/{n}/events").json()["items"]
    assert events[-1]["EventCode"] == "annuity_paid"
    # year 3 opens only 6 months before 15 Oct 2027
    assert post(client, f"/files/{n}/maintenance").status_code == 409


def test_recordal_request_is_approved_into_the_register_by_a_registrar(
    client: TestClient, old_mark: str
) -> None:
    login(client, "an")
    assert 'id="recordal-button"' in client.get(f"/files/{old_mark}").text
    bad = post(client, f"/files/{old_mark}/recordals", kind="assignment", party_name="")
    assert bad.status_code == 422 and 'id="rec_party_name-error"' in bad.text  # next to the field
    r = post(
        client,
        f"/files/{old_mark}/recordals",
        kind="assignment",
        party_name="Công ty Trà Mới",
        party_address="Đà Lạt",
    )
    assert r.status_code == 303
    assert (
        post(
            client,
            f"/files/{old_mark}/recordals",
            kind="licence",
            party_name="Quán Trà Nhỏ",
            exclusive="1",
            start="2026-12-01",
        ).status_code
        == 303
    )
    assert (
        "Công ty Trà Mới" not in client.get(f"/api/v1/files/{old_mark}").text
    )  # nothing recorded before the registrar decides
    assert post(client, "/registrar/requests/1", decision="approve").status_code == 403  # not a registrar
    client.post("/logout", data={"csrf_token": csrf(client)})
    login(client, "lan")
    queue = client.get("/registrar/requests").text
    assert "Công ty Trà Mới" in queue and "Quán Trà Nhỏ" in queue
    ids = [int(x) for x in __import__("re").findall(r'id="approve-(\d+)"', queue)]
    assert len(ids) == 2
    for i in ids:
        r = post(client, f"/registrar/requests/{i}", decision="approve")
        assert r.status_code == 303, r.text[-600:]
    assert post(client, f"/registrar/requests/{ids[0]}", decision="approve").status_code == 409  # decided
    view = client.get(f"/api/v1/files/{old_mark}").json()
    owners = [p["EntityName"] for p in view["PartyBag"] if p["PartyRole"] == "owner"]
    assert owners == ["Công ty Trà Mới"]  # the assignee replaced the owner
    assert "Quán Trà Nhỏ" in [p["EntityName"] for p in view["PartyBag"] if p["PartyRole"] == "licensee"]
    codes = [e["EventCode"] for e in client.get(f"/api/v1/files/{old_mark}/events").json()["items"]]
    assert codes[-2:] == ["assignment_recorded", "licence_recorded"]


def test_a_rejected_recordal_changes_nothing(client: TestClient, old_mark: str) -> None:
    login(client, "an")
    post(client, f"/files/{old_mark}/recordals", kind="change_name", new_name="Công ty Trà Mộc Mới")
    client.post("/logout", data={"csrf_token": csrf(client)})
    login(client, "lan")
    before = len(client.get(f"/api/v1/files/{old_mark}/events").json()["items"])
    i = int(__import__("re").search(r'id="reject-(\d+)"', client.get("/registrar/requests").text).group(1))
    assert post(client, f"/registrar/requests/{i}", decision="reject").status_code == 303
    assert len(client.get(f"/api/v1/files/{old_mark}/events").json()["items"]) == before
    assert "Trà Mộc Mới" not in client.get(f"/api/v1/files/{old_mark}").text


def _published(client: TestClient, mark: str, filed: str, accept: date | None, publish: date) -> str:
    with transaction(client.app.state.engine, actor="seed") as s:  # type: ignore[attr-defined]
        n = file_application(
            s,
            tm(mark, "Công ty Khác", 43, ["Restaurant services"], filed),
            actor="seed",
            today=date.fromisoformat(filed),
        ).application_number
        if accept:  # no acceptance decision under Law 131/2025 (vn-2026)
            ex.accept_formality(s, n, on=accept, actor="seed")
        pub.publish(s, n, on=publish, actor="seed")
    return n


def test_third_party_opposition_within_the_window(client: TestClient) -> None:
    # a mark published 1 Sep 2026: a third party ("an") may oppose for the law's window
    pho = _published(client, "Phở Sông Đà", "2026-06-01", None, date(2026, 9, 1))
    login(client, "an")
    page = client.get(f"/files/{pho}?lang=en").text
    assert 'id="opposition-button"' in page and "Art. 112a" in page
    r = post(
        client,
        f"/files/{pho}/opposition",
        opponent_name="Công ty Phở Việt",
        ground_article="Luật SHTT Art. 74(2)(e)",
        ground_text="Tương tự gây nhầm lẫn",
    )
    assert r.status_code == 303 and "opposed=VV-2026-" in r.headers["location"]
    codes = [e["EventCode"] for e in client.get(f"/api/v1/files/{pho}/events").json()["items"]]
    assert codes[-1] == "opposition_filed"


def test_opposition_after_the_window_cites_art_112a(client: TestClient) -> None:
    n = _published(client, "Mây Trắng", "2025-01-10", date(2025, 2, 1), date(2025, 3, 3))
    login(client, "an")
    assert 'id="opposition-button"' not in client.get(f"/files/{n}").text
    r = post(client, f"/files/{n}/opposition?lang=en", opponent_name="X", ground_article="Art. 74")
    assert r.status_code == 422 and "Art. 112a" in r.text and "ended on" in r.text
    assert 'id="opposition-error"' in r.text and 'value="Art. 74"' in r.text  # on the form, input kept
    codes = [e["EventCode"] for e in client.get(f"/api/v1/files/{n}/events").json()["items"]]
    assert "opposition_filed" not in codes
