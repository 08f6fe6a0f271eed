"""Publication of applications in the Industrial Property Official Gazette (Law on IP Art. 110)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ipoffice.office.events import EventCode
from ipoffice.office.record import step
from ipoffice.store.models import Event


def publish(
    session: Session, number: str, *, on: date, actor: str, gazette: str | None = None, **kw: Any
) -> Event:
    """Publish the application; the file's ``publication_date`` becomes ``on`` and the opposition window opens."""
    return step(session, number, EventCode.PUBLISHED, on=on, actor=actor, payload={"gazette": gazette}, **kw)
