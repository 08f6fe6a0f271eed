"""The IP marketplace: a holder lists a right with terms, the public finds it by right, class and owner type,
a signed-in user's contact request reaches the owner's account."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient
from web_helpers import csrf, login
from web_office import granted_by_an
from web_seed import PASSWORD, tm

from ipoffice.office.filing import FilingRequest, PartyInput


def post(client: TestClient, url: str, **data: str):  # type: ignore[no-untyped-def]
    return client.post(url, data={"csrf_token": csrf(client), **data}, follow_redirects=False)


def test_list_search_and_contact(client: TestClient, numbers: dict[str, str]) -> None:
    mark = granted_by_an(
        client,
        tm("Cà Phê Núi", "Công ty Núi", 30, ["Coffee"], "2024-03-01"),
        date(2024, 3, 20),
        date(2024, 3, 25),
        date(2024, 6, 3),
        date(2024, 7, 1),
    )
    patent = granted_by_an(
        client,
        FilingRequest(
            right="invention",
            filing_date="2021-03-01",
            title="Máy rang cà phê",
            ipc=["A23F 5/04"],
            applicants=[PartyInput(name="Đại học Bách khoa")],
        ),
        date(2021, 3, 25),
        date(2021, 5, 4),
        date(2022, 7, 15),
        date(2022, 8, 3),
    )
    login(client, "an")
    # not one's own file: refused next to the field, the terms kept
    bad = post(
        client,
        "/market",
        number=numbers["Sông Hồng"],
        offer="licence",
        owner_type="company",
        terms="Li-xăng không độc quyền",
    )
    assert (
        bad.status_code == 422 and "Li-xăng không độc quyền" in bad.text and 'id="number-error"' in bad.text
    )
    short = post(client, "/market", number=mark, offer="licence", owner_type="company", terms="rẻ")
    assert short.status_code == 422 and 'id="terms-error"' in short.text
    r = post(
        client,
        "/market",
        number=mark,
        offer="licence",
        owner_type="startup",
        terms="Li-xăng không độc quyền, 3% doanh thu, toàn quốc",
    )
    assert r.status_code == 303
    listing = r.headers["location"]
    assert (
        post(
            client,
            "/market",
            number=mark,
            offer="sale",
            owner_type="startup",
            terms="Bán toàn bộ quyền, thương lượng",
        ).status_code
        == 409
    )  # one active listing per file
    assert (
        post(
            client,
            "/market",
            number=patent,
            offer="either",
            owner_type="university",
            terms="Chuyển giao công nghệ rang, thương lượng",
        ).status_code
        == 303
    )
    client.post("/logout", data={"csrf_token": csrf(client)})

    def names(**params: str) -> list[str]:
        return re.findall(r'class="mark">([^<]+)<', client.get("/market", params=params).text)

    assert names() == ["Máy rang cà phê", "Cà Phê Núi"]  # public, newest first
    assert names(q="ca phe nui") == ["Cà Phê Núi"]  # without diacritics
    assert names(right="invention") == ["Máy rang cà phê"]
    assert names(cls="A23F") == ["Máy rang cà phê"] and names(cls="30") == ["Cà Phê Núi"]
    assert names(owner_type="university") == ["Máy rang cà phê"]
    assert names(offer="sale") == ["Máy rang cà phê"]  # "either" matches sale; the mark is licence only
    assert "Li-xăng không độc quyền" in client.get(listing).text
    api = client.get(
        "/api/v1/marketplace/listings", params={"ownerType": "university", "classSymbol": "A23F"}
    )
    assert [i["number"] for i in api.json()["items"]] == [patent] and "user_id" not in api.text
    # a contact request by another account reaches the owner's account page
    r = client.post(
        "/signup",
        data={
            "csrf_token": csrf(client),
            "username": "binh",
            "password": PASSWORD,
            "display_name": "Bình Startup",
            "email": "binh@example.org",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert post(client, f"{listing}/contact", message="ngắn").status_code == 422
    assert (
        post(client, f"{listing}/contact", message="Chúng tôi muốn li-xăng cho 2 cửa hàng").status_code == 303
    )
    assert "Chúng tôi muốn" not in client.get("/account").text  # the sender's account does not list it
    client.post("/logout", data={"csrf_token": csrf(client)})
    login(client, "an")
    account = client.get("/account").text
    assert "Chúng tôi muốn li-xăng cho 2 cửa hàng" in account and "Bình Startup" in account
    # withdrawn: gone from the public list
    lid = listing.rsplit("/", 1)[1]
    assert post(client, f"/market/{lid}/withdraw").status_code == 303
    assert names() == ["Máy rang cà phê"]
    assert client.get(listing).status_code == 404
