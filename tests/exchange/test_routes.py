"""Hague designations of VN with the refusal period; PCT national phase at 31 months, no late entry."""

from __future__ import annotations

from datetime import date

import pytest
from lxml import etree
from sqlalchemy import func, select

from ipoffice.core.errors import UserError
from ipoffice.exchange import hague, schemas
from ipoffice.exchange.pct import NationalPhaseEntry, enter_national_phase
from ipoffice.exchange.safe_xml import parse_xml
from ipoffice.exchange.to_register import find_file
from ipoffice.office.filing import FilingRequest, PartyInput, PriorityInput
from ipoffice.store.db import transaction
from ipoffice.store.models import IPFile


def _copy(designated: tuple[str, ...]) -> bytes:
    # GENERATED office copy (no real Hague notification is in the samples)
    return hague.generated_office_copy(
        "DM/234567",
        holder="ACME SA",
        product="Chair",
        locarno="06-01",
        designated=designated,
        registration_date=date(2025, 3, 1),
        notification_date=date(2025, 6, 6),
    )


def test_hague_designation_of_vn(engine) -> None:  # type: ignore[no-untyped-def]
    assert schemas.errors(etree.fromstring(_copy(("CH", "VN")))) == []
    with transaction(engine, actor="hague") as s:
        assert hague.import_designations(s, parse_xml(_copy(("CH", "VN"))), actor="hague") == ["WO/DM/234567"]
    with transaction(engine, actor="t") as s:
        f = find_file(s, "WO/DM/234567")
        assert f is not None and f.right_kind.value == "design" and f.filing_route.value == "hague"
        assert f.title == "Chair" and [c.symbol for c in f.classifications] == ["06-01"]
        h = f.details["hague"]
        assert h["refusal_deadline"] == "2025-12-08"  # 6 months from 2025-06-06, rolled past the weekend
        assert h["verify"] is True and "Rule 18(1)(a)" in h["basis"]
    with pytest.raises(UserError) as exc, transaction(engine, actor="hague") as s:
        hague.import_designations(s, parse_xml(_copy(("CH",))), actor="hague")
    assert exc.value.code == "exchange.hague.no_vn"


def _entry(entry_date: date, das: dict[str, str] | None = None) -> NationalPhaseEntry:
    return NationalPhaseEntry(
        request=FilingRequest(
            right="invention",
            filing_date=date(2024, 1, 5),
            title="Pin lithium thể rắn",
            applicants=[PartyInput(name="Toyota Motor Corporation", country="JP")],
            representative=PartyInput(name="Pham & Associates", agent_registration_number="0156"),
            priorities=[PriorityInput(country="JP", number="2023-004567", date=date(2023, 1, 10))],
            ipc=["H01M 10/0562"],
        ),
        international_number="PCT/JP2024/000123",
        international_filing_date=date(2024, 1, 5),
        entry_date=entry_date,
        das_codes=das or {},
    )


def test_pct_entry_on_the_last_day(engine) -> None:  # type: ignore[no-untyped-def]
    with transaction(engine, actor="t") as s:
        # 31 months from 2023-01-10 is Sunday 2025-08-10: the last day rolls to Monday 2025-08-11
        res = enter_national_phase(s, _entry(date(2025, 8, 11), {"2023-004567": "A1B2"}), actor="t")
        f = find_file(s, res.application_number)
        assert (
            f is not None and f.filing_route.value == "pct" and f.international_number == "PCT/JP2024/000123"
        )
        assert f.filing_date == date(2024, 1, 5)
        assert f.details["pct"]["entry_deadline"] == "2025-08-11"
        assert f.details["pct"]["das"] == [{"priority_number": "2023-004567", "access_code": "A1B2"}]


@pytest.mark.parametrize(
    "entry, code",
    [
        (_entry(date(2025, 8, 12)), "exchange.pct.late_entry"),
        (_entry(date(2025, 1, 1), {"2023-004567": "TOO-LONG"}), "exchange.pct.bad_das"),
        (_entry(date(2023, 12, 1)), "exchange.pct.entry_before_filing"),
    ],
)
def test_pct_refusals_write_nothing(engine, entry: NationalPhaseEntry, code: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as exc, transaction(engine, actor="t") as s:
        enter_national_phase(s, entry, actor="t")
    assert exc.value.code == code
    if code == "exchange.pct.late_entry":
        assert "PCT Art. 22(3)" in (exc.value.rule or "")
        assert "2025-08-11" in exc.value.message("en")
    with transaction(engine, actor="t") as s:
        assert s.scalar(select(func.count()).select_from(IPFile)) == 0
