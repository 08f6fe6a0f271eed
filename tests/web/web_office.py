"""Office helpers of the web tests: titles and published applications made through the office's services
(generated test data, not real filings)."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from ipoffice.office import examination as ex
from ipoffice.office import grant as gr
from ipoffice.office import publication as pub
from ipoffice.office.filing import FilingRequest, file_application
from ipoffice.office.record import get_file
from ipoffice.store.db import transaction
from ipoffice.store.models import User


def granted_by_an(
    client: TestClient, req: FilingRequest, accept: date, publish: date, notice: date, on: date
) -> str:
    """A granted title filed by user ``an`` (generated test data)."""
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with transaction(engine, actor="seed") as s:
        n = file_application(
            s, req, actor="seed", today=date.fromisoformat(req.filing_date)
        ).application_number
        ex.accept_formality(s, n, on=accept, actor="seed")
        pub.publish(s, n, on=publish, actor="seed")
        if req.right == "invention":
            ex.request_examination(s, n, on=publish, actor="seed")
        ex.notify_intended_grant(s, n, on=notice, actor="seed")
        gr.grant(s, n, on=on, actor="seed", pay_key=f"seed-{n}")
        f = get_file(s, n)
        an = s.query(User).filter_by(username="an").one()
        f.details = {**(f.details or {}), "submitted_by_user": an.id}
    return n
