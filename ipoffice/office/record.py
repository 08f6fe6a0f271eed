"""The one place that writes a file's events: check the step, append the event, update the derived columns.

Every procedure service calls :func:`record_event`. It replays the file's events through the transition table
(:mod:`ipoffice.office.workflow`), refuses a step out of order with a :class:`Conflict`, checks the version the
user acted on (optimistic locking), appends one :class:`~ipoffice.store.models.Event` with its date, actor,
legal basis and WIPO legal-status code, and writes the derived ``status`` and dates on the file, all in the
caller's transaction. A file's status is never set anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipoffice.core import i18n
from ipoffice.core.errors import NotFound, UserError
from ipoffice.core.rights import RightKind
from ipoffice.office.events import EventCode, event_type
from ipoffice.office.legal_status import legal_status_for
from ipoffice.office.workflow import FileState, apply, fold
from ipoffice.store.db import check_version
from ipoffice.store.models import Event, IPFile, utcnow

i18n.register(
    {
        "office.file_not_found": {
            "vi": "Không có hồ sơ số {number}",
            "en": "There is no file number {number}",
        },
        "office.event_date_before_previous": {
            "vi": "Ngày {date} sớm hơn bước trước của hồ sơ ({previous})",
            "en": "The date {date} is earlier than the file's previous step ({previous})",
        },
        "office.event_date_in_future": {
            "vi": "Ngày {date} ở tương lai (hôm nay là {today})",
            "en": "The date {date} is in the future (today is {today})",
        },
        "office.no_regime": {
            "vi": "Hồ sơ {number} chưa có chế độ pháp lý",
            "en": "File {number} has no legal regime",
        },
    }
)


def get_file(session: Session, number: str, *, for_update: bool = False) -> IPFile:
    """The file with application (or registration) number ``number``; :class:`NotFound` naming it otherwise."""
    stmt = select(IPFile).where(
        (IPFile.application_number == number) | (IPFile.registration_number == number)
    )
    if for_update:
        stmt = stmt.with_for_update()
    found = session.scalars(stmt).first()
    if found is None:
        raise NotFound("office.file_not_found", field="number", rule="register", number=number)
    return found


def regime_of(file: IPFile) -> str:
    if not file.regime_id:
        raise UserError(
            "office.no_regime", field="regime_id", rule="ipoffice.law", number=file.application_number
        )
    return file.regime_id


def replay(file: IPFile) -> FileState:
    """The file's state from its stored events (the source of truth)."""
    return fold([e.code for e in file.events], RightKind(file.right_kind), regime_of(file))


_STEPS: dict[tuple[FileState | None, EventCode, RightKind, str], FileState] = {}
_CODES: dict[tuple[EventCode, RightKind, Any, bool], Any] = {}


def _step(state: FileState | None, ev: EventCode, right: RightKind, regime: str) -> FileState:
    """:func:`ipoffice.office.workflow.apply`, memoised (a pure function of its arguments; refusals are not kept)."""
    key = (state, ev, right, regime)
    found = _STEPS.get(key)
    if found is None:
        found = apply(state, ev, right, regime)
        if len(_STEPS) < 100_000:
            _STEPS[key] = found
    return found


def _legal_status(ev: EventCode, right: RightKind, status: Any, exclusive: bool) -> Any:
    """:func:`ipoffice.office.legal_status.legal_status_for`, memoised (pure)."""
    key = (ev, right, status, exclusive)
    found = _CODES.get(key)
    if found is None:
        found = _CODES[key] = legal_status_for(ev, right, status, exclusive=exclusive)
    return found


@dataclass(frozen=True)
class NextEvent:
    """What one step does to a file: the event's column values, the changes to the file's derived columns and
    the file's state after it."""

    values: dict[str, Any]
    changes: dict[str, Any]
    state: FileState


def next_event(
    file: Any,
    code: EventCode | str,
    *,
    on: date,
    actor: str,
    basis: str | None = None,
    payload: dict[str, Any] | None = None,
    exclusive: bool = False,
    today: date | None = None,
    state: FileState | None = None,
) -> NextEvent:
    """The step ``code`` on ``file`` (an :class:`IPFile` or a row with the same attributes), without changing
    anything: refused with the transition table's ``Conflict`` or a ``UserError`` for a date before the previous
    event or after today. ``state`` is the file's state when the caller already has it (else folded)."""
    ev = EventCode(code)
    right = RightKind(file.right_kind)
    regime = regime_of(file)
    events = file.events
    if state is None and events:
        state = fold([e.code for e in events], right, regime)
    new = _step(state if events else None, ev, right, regime)
    if events and on < events[-1].event_date:
        raise UserError(
            "office.event_date_before_previous",
            field="event_date",
            rule="chronology of the file",
            date=on.isoformat(),
            previous=events[-1].event_date.isoformat(),
        )
    limit = today or date.today()
    if on > limit:
        raise UserError(
            "office.event_date_in_future",
            field="event_date",
            rule="chronology of the file",
            date=on.isoformat(),
            today=limit.isoformat(),
        )
    ls = _legal_status(ev, right, new.status, exclusive)
    body = dict(payload or {})
    if ls.verify:
        body["legal_status_verify"] = True
    values = {
        "sequence": len(events) + 1,
        "code": ev.value,
        "event_date": on,
        "actor": actor,
        "legal_basis": basis or event_type(ev).basis,
        "legal_status_standard": ls.standard,
        "legal_status_code": ls.detailed_event,
        "payload": body,
    }
    changes: dict[str, Any] = {
        "status": new.status.value,
        "legal_status_standard": ls.standard,
        "legal_status_code": ls.detailed_event,
    }
    if ev is EventCode.PUBLISHED:
        changes["publication_date"] = on
    return NextEvent(values, changes, new)


def append_event(
    session: Session,
    file: IPFile,
    code: EventCode | str,
    *,
    on: date,
    actor: str,
    basis: str | None = None,
    payload: dict[str, Any] | None = None,
    exclusive: bool = False,
    today: date | None = None,
) -> Event:
    """Add one event to ``file`` and update its derived columns, without flushing.

    Raises before adding anything: a step the transition table does not allow, a date before the previous event
    or after today.
    """
    step_ = next_event(
        file, code, on=on, actor=actor, basis=basis, payload=payload, exclusive=exclusive, today=today
    )
    event = Event(file=file, **step_.values)
    session.add(event)
    for key, value in step_.changes.items():
        setattr(file, key, value)
    file.updated_at = utcnow()  # always an UPDATE of the file row: bumps version_id (optimistic locking)
    return event


def record_event(
    session: Session,
    file: IPFile,
    code: EventCode | str,
    *,
    on: date,
    actor: str,
    expected_version: int | None = None,
    basis: str | None = None,
    payload: dict[str, Any] | None = None,
    exclusive: bool = False,
    today: date | None = None,
) -> Event:
    """Append one event to ``file`` and update its derived status; raises before writing anything."""
    if expected_version is not None:
        check_version(file, expected_version)
    event = append_event(
        session,
        file,
        code,
        on=on,
        actor=actor,
        basis=basis,
        payload=payload,
        exclusive=exclusive,
        today=today,
    )
    session.flush()
    return event


def step(
    session: Session,
    number: str,
    code: EventCode | str,
    *,
    on: date,
    actor: str,
    expected_version: int | None = None,
    basis: str | None = None,
    payload: dict[str, Any] | None = None,
    today: date | None = None,
) -> Event:
    """Record ``code`` on the file ``number`` (the generic form every procedure module builds on)."""
    file = get_file(session, number)
    return record_event(
        session,
        file,
        code,
        on=on,
        actor=actor,
        expected_version=expected_version,
        basis=basis,
        payload=payload,
        today=today,
    )
