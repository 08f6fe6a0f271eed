"""Filing requests used across the office suites (a Vietnamese mark, a domestic and a foreign invention)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ipoffice.office.filing import FilingRequest, NiceClassInput, PartyInput, PriorityInput


def trademark_request(filing: date, **kw: Any) -> FilingRequest:
    base: dict[str, Any] = dict(
        right="trademark",
        filing_date=filing,
        applicants=[PartyInput(name="Công ty TNHH Cà phê Sơn La", address="Sơn La", country="VN")],
        mark_text="SƠN LA GOLD",
        nice=[NiceClassInput(30, ["coffee", "cà phê rang xay"]), NiceClassInput(43, ["cafés"])],
    )
    base.update(kw)
    return FilingRequest(**base)


def invention_request(filing: date, **kw: Any) -> FilingRequest:
    base: dict[str, Any] = dict(
        right="invention",
        filing_date=filing,
        applicants=[PartyInput(name="Viện Hàn lâm KH&CN Việt Nam", country="VN")],
        inventors=[PartyInput(name="Nguyễn Văn A", kind="person")],
        title="Phương pháp chế tạo màng mỏng bán dẫn",
        ipc=["H01L 21/02"],
    )
    base.update(kw)
    return FilingRequest(**base)


def foreign_invention(filing: date, priority: date, **kw: Any) -> FilingRequest:
    return invention_request(
        filing,
        applicants=[PartyInput(name="NVIDIA Corporation", country="US")],
        representative=PartyInput(name="Pham & Associates", agent_registration_number="0156"),
        priorities=[PriorityInput(country="US", number="63/123,456", date=priority)],
        ipc=["G06N 3/08"],
        **kw,
    )
