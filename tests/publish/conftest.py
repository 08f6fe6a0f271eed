"""A small register walked through the office's own services: what the gazette, certificates and letters read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from publish_helpers import ACTOR, pay_grant_fees  # noqa: E402,F401

from ipoffice.office import examination as ex
from ipoffice.office import grant as gr
from ipoffice.office import publication as pub
from ipoffice.office.filing import FilingRequest, NiceClassInput, PartyInput, PriorityInput, file_application


@dataclass
class Register:
    """Application numbers of the files built, by role in the tests."""

    mark_granted: str  # published 2025-03-10 (A), granted 2025-11-03 (B)
    invention_published: str  # published 2025-03-20 (A), priority claim, IPC
    design_published: str  # published 2025-03-31 (A, last day of March)
    mark_april: str  # published 2025-04-01 (outside March)
    mark_pending: str  # filed, never published
    invention_oa: str  # office action 2025-06-16 (a Monday), grounds in the payload


def _mark(filing: date, text: str, **kw: Any) -> FilingRequest:
    return FilingRequest(
        right="trademark",
        filing_date=filing,
        applicants=[PartyInput(name="Công ty TNHH Cà phê Sơn La", address="Thành phố Sơn La", country="VN")],
        mark_text=text,
        nice=[NiceClassInput(30, ["coffee", "cà phê rang xay"]), NiceClassInput(43, ["cafés"])],
        **kw,
    )


def _invention(filing: date, title: str, **kw: Any) -> FilingRequest:
    return FilingRequest(
        right="invention",
        filing_date=filing,
        applicants=[PartyInput(name="NVIDIA Corporation", country="US", address="Santa Clara, CA")],
        representative=PartyInput(name="Công ty Luật Phạm và Liên danh", agent_registration_number="0156"),
        inventors=[PartyInput(name="Nguyễn Thị Hường", kind="person", country="VN")],
        priorities=[PriorityInput(country="US", number="63/123,456", date=date(2024, 7, 1))],
        ipc=["G06N 3/08"],
        title=title,
        **kw,
    )


def build_register(s: Any) -> Register:
    def go(fn: Any, *a: Any, **kw: Any) -> Any:
        return fn(s, *a, actor=ACTOR, **kw)

    m1 = go(file_application, _mark(date(2025, 1, 6), "SƠN LA GOLD")).application_number
    go(ex.accept_formality, m1, on=date(2025, 2, 3))
    go(pub.publish, m1, on=date(2025, 3, 10))
    go(ex.notify_intended_grant, m1, on=date(2025, 10, 1))
    pay_grant_fees(s, m1, on=date(2025, 10, 20))
    go(gr.grant, m1, on=date(2025, 11, 3))

    inv = go(file_application, _invention(date(2025, 1, 6), "Phương pháp huấn luyện mạng nơ-ron sâu"))
    i1 = inv.application_number
    go(ex.accept_formality, i1, on=date(2025, 2, 10))
    go(pub.publish, i1, on=date(2025, 3, 20))

    d1 = go(
        file_application,
        FilingRequest(
            right="design",
            filing_date=date(2025, 1, 13),
            applicants=[PartyInput(name="Hợp tác xã Gốm Bát Tràng", country="VN", address="Gia Lâm, Hà Nội")],
            inventors=[PartyInput(name="Đặng Văn Hưởng", kind="person")],
            title="Bình gốm men lam",
            locarno=["07-01"],
        ),
    ).application_number
    go(ex.accept_formality, d1, on=date(2025, 2, 12))
    go(pub.publish, d1, on=date(2025, 3, 31))

    m2 = go(file_application, _mark(date(2025, 1, 20), "PHỐ CỔ")).application_number
    go(ex.accept_formality, m2, on=date(2025, 2, 17))
    go(pub.publish, m2, on=date(2025, 4, 1))

    m3 = go(file_application, _mark(date(2025, 3, 3), "ĐẶC SẢN TÂY BẮC")).application_number

    i2 = go(
        file_application, _invention(date(2025, 1, 8), "Thiết bị lọc nước bằng màng gốm")
    ).application_number
    go(ex.accept_formality, i2, on=date(2025, 2, 10))
    go(ex.request_examination, i2, on=date(2025, 2, 11))
    go(pub.publish, i2, on=date(2025, 4, 15))
    go(
        ex.issue_office_action,
        i2,
        on=date(2025, 6, 16),
        grounds=["Điểm 1 yêu cầu bảo hộ không có tính mới so với US 2020/0123456 A1 (Điều 60 Luật SHTT)"],
    )
    s.flush()
    return Register(m1, i1, d1, m2, m3, i2)


@pytest.fixture
def fresh_register(session: Any) -> Register:
    """The register built in the root ``session`` fixture's fresh database (one per test and backend)."""
    reg = build_register(session)
    session.commit()
    return reg


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def _built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, _fresh_databases: Any
) -> Any:
    """The register built once per test module and backend (the tests read it; ``db`` rolls back their writes)."""
    from ipoffice.store.db import session_factory

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('publish') / 'register.db'}"
    else:
        url = str(request.getfixturevalue("postgres_database_url"))
    engine = _fresh_databases.engine(url)
    with session_factory(engine)() as s:
        s.info["actor"] = "test"
        reg = build_register(s)
        s.commit()
    yield engine, reg
    engine.dispose()


@pytest.fixture
def db(_built: Any) -> Any:
    """A session on the module's register; whatever a test writes is rolled back at its end."""
    from ipoffice.store.db import session_factory

    with session_factory(_built[0])() as s:
        s.info["actor"] = "test"
        try:
            yield s
        finally:
            s.rollback()


@pytest.fixture
def register(_built: Any) -> Register:
    return _built[1]
