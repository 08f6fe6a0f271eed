"""A small generated register for the web tests (names are invented examples, not real filings)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine

from ipoffice.office.examination import accept_formality
from ipoffice.office.filing import FilingRequest, NiceClassInput, PartyInput, file_application
from ipoffice.office.publication import publish
from ipoffice.store.db import transaction
from ipoffice.web.auth import create_user

TODAY = date(2026, 11, 2)
PASSWORD = "correct horse 42"
USERS = {"an": "applicant", "thu": "examiner", "root": "admin", "lan": "registrar"}


def tm(
    mark: str, owner: str, cls: int, terms: list[str], filed: str, kind: str = "organisation"
) -> FilingRequest:
    return FilingRequest(
        right="trademark",
        filing_date=filed,
        applicants=[PartyInput(name=owner, kind=kind, address="Hà Nội")],
        mark_text=mark,
        nice=[NiceClassInput(cls, terms)],
    )


def seed(engine: Engine) -> dict[str, str]:
    """Four files in different states and four users; returns mark -> application number."""
    numbers: dict[str, str] = {}
    with transaction(engine, actor="seed") as s:
        for req in (
            tm("Phở Hà Nội", "Công ty TNHH Thực phẩm Sài Gòn", 43, ["Restaurant services"], "2026-03-02"),
            tm("Sông Hồng", "Nguyễn Văn An", 30, ["Coffee"], "2026-10-01", kind="person"),
            tm("BLUE RIVER", "Blue River Trading JSC", 9, ["Computer software"], "2025-01-15"),
            FilingRequest(
                right="invention",
                filing_date="2026-02-01",
                title="Phương pháp sản xuất nước mắm",
                applicants=[PartyInput(name="Viện Công nghệ Thực phẩm")],
            ),
        ):
            out = file_application(s, req, actor="seed", today=TODAY)
            numbers[req.mark_text or req.title or ""] = out.application_number
        pho = numbers["Phở Hà Nội"]
        accept_formality(s, pho, on=date(2026, 3, 20), actor="seed", today=TODAY)
        publish(s, pho, on=date(2026, 5, 4), actor="seed", today=TODAY)
        for name, role in USERS.items():
            create_user(s, name, PASSWORD, role, display_name=name.title())
    return numbers
