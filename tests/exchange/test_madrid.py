"""Madrid: a (generated) IB designation of VN becomes a file with its refusal deadline; the office answers."""

from __future__ import annotations

from datetime import date

import pytest
from lxml import etree

from ipoffice.core.errors import UserError
from ipoffice.exchange import madrid, schemas
from ipoffice.exchange.safe_xml import parse_xml
from ipoffice.exchange.to_register import find_file
from ipoffice.store.db import transaction

NOTIFIED = date(2025, 4, 10)


def _doc(designated: tuple[str, ...] = ("CN", "VN")) -> bytes:
    # GENERATED test document (no real IB notification is in the samples)
    return madrid.generated_designation(
        "1234567",
        holder="ACME Gesellschaft mbH",
        holder_country="DE",
        mark="ACME",
        classes={9: ["computer software"], 42: ["software design"]},
        designated=designated,
        registration_date=date(2025, 3, 1),
        notification_date=NOTIFIED,
    )


def test_generated_notification_is_schema_valid() -> None:
    assert schemas.errors(etree.fromstring(_doc())) == []


def test_designation_of_vn_is_registered_with_its_refusal_deadline(engine) -> None:  # type: ignore[no-untyped-def]
    with transaction(engine, actor="madrid") as s:
        numbers = madrid.import_designations(s, parse_xml(_doc()), actor="madrid")
    assert numbers == ["WO/1234567"]
    with transaction(engine, actor="t") as s:
        f = find_file(s, "WO/1234567")
        assert f is not None
        assert f.filing_route.value == "madrid" and f.international_number == "1234567"
        assert f.mark_text == "ACME" and [c.symbol for c in f.classifications] == ["9", "42"]
        m = f.details["madrid"]
        assert m["refusal_deadline"] == "2026-04-10"  # 12 months from the notification (law module)
        assert "Art. 5(2)(a)" in m["basis"] and m["verify"] is True
        assert m["designated"] == ["CN", "VN"]
        statement = madrid.grant_statement(s, "WO/1234567", on=date(2026, 1, 5))
        root = etree.fromstring(statement)
        assert schemas.errors(root) == []
        assert root.findtext(".//{*}InternationalRegistrationNumber") == "1234567"
        refusal = madrid.provisional_refusal(s, "WO/1234567", on=date(2026, 4, 10), grounds="Art. 74(2)(e)")
        assert schemas.errors(etree.fromstring(refusal)) == []
        with pytest.raises(UserError) as exc:
            madrid.provisional_refusal(s, "WO/1234567", on=date(2026, 4, 11), grounds="late")
        assert exc.value.code == "exchange.madrid.refusal_late"


def test_transaction_without_vn_is_refused(engine) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as exc, transaction(engine, actor="madrid") as s:
        madrid.import_designations(s, parse_xml(_doc(("CN",))), actor="madrid")
    assert exc.value.code == "exchange.madrid.no_vn"


def test_national_file_has_no_madrid_answer(engine) -> None:  # type: ignore[no-untyped-def]
    from ipoffice.office.filing import FilingRequest, NiceClassInput, PartyInput, file_application

    with transaction(engine, actor="t") as s:
        n = file_application(
            s,
            FilingRequest(
                right="trademark",
                filing_date=date(2025, 1, 2),
                mark_text="SEN",
                applicants=[PartyInput(name="Công ty Sen", country="VN")],
                nice=[NiceClassInput(30, ["chè"])],
            ),
            actor="t",
        ).application_number
        with pytest.raises(UserError) as exc:
            madrid.grant_statement(s, n, on=date(2025, 6, 1))
        assert exc.value.code == "exchange.madrid.not_madrid"


def test_outgoing_international_application_is_schema_valid(engine) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from ipoffice.office.filing import FilingRequest, NiceClassInput, PartyInput, file_application

    with transaction(engine, actor="t") as s:
        n = file_application(
            s,
            FilingRequest(
                right="trademark",
                filing_date=date(2025, 1, 2),
                mark_text="TRUNG NGUYÊN",
                applicants=[PartyInput(name="Công ty CP Trung Nguyên", country="VN")],
                nice=[NiceClassInput(30, ["cà phê"])],
            ),
            actor="t",
        ).application_number
        doc = madrid.outgoing_application(
            s, n, designated=("CN", "JP"), on=date(2025, 2, 1), fee_chf=Decimal("1555")
        )
    root = etree.fromstring(doc)
    assert schemas.errors(root) == []
    assert root.findtext(".//{*}BasicApplicationNumber/{*}ApplicationNumberText") == n
    assert [e.text for e in root.iterfind(".//{*}DesignatedCountryCode")] == ["CN", "JP"]
    assert root.findtext(".//{*}FeePayableTotalAmount") == "1555.00"
