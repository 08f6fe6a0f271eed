"""Steps that happen by operation of law when a deadline passes with nothing done: the office's sweep.

- An invention or utility-solution application whose examination was not requested in time is deemed withdrawn
  (Law on IP Art. 113(2), (4)); the 6-month late request for force majeure is the law module's ``restoration``
  step, so the sweep waits for that window to close as well [verify].
- An application whose grant fees were not paid after the notice of intended grant is deemed withdrawn
  (Art. 118(2)).
- A title past the end of its term expires (Art. 93); a mark or design not renewed lapses once the 6-month grace
  after its expiry has passed (Art. 94(2), 95(1)(a)); a patent lapses once the grace for its first unpaid annuity
  has passed (Art. 94(1), 95(1)(a); the law's ``annuity`` deadlines counted from the grant date).

:func:`sweep` lists what is due (one query, the law's batch deadlines) and, with ``apply=True``, records each
event dated ``today`` with the deadline in its payload, each file in its own savepoint so one refusal does not
stop the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipoffice.core.errors import UserError
from ipoffice.core.legaltime import add_months
from ipoffice.core.rights import RightKind
from ipoffice.office import lawlink
from ipoffice.office.annuities import lapse_due
from ipoffice.office.clock import file_dates
from ipoffice.office.events import EventCode
from ipoffice.office.record import record_event
from ipoffice.office.workflow import Status
from ipoffice.store.models import IPFile

_REQUEST_PENDING = (Status.FILED, Status.FORMALITY_DEFICIENT, Status.ACCEPTED, Status.PUBLISHED)
RENEWAL_GRACE_MONTHS = 6  # Law on IP Art. 94(2)


@dataclass(frozen=True)
class SweepAction:
    number: str
    event: str
    deadline: date
    reason: str
    applied: bool = False
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "event": self.event,
            "deadline": self.deadline.isoformat(),
            "reason": self.reason,
            "applied": self.applied,
            "error": self.error,
        }


def _candidates(session: Session) -> list[IPFile]:
    patents = [RightKind.INVENTION.value, RightKind.UTILITY_SOLUTION.value]
    stmt = select(IPFile).where(
        (IPFile.status.in_([s.value for s in _REQUEST_PENDING]) & IPFile.right_kind.in_(patents))
        | (IPFile.status == Status.INTENDED_GRANT.value)
        | ((IPFile.status == Status.GRANTED.value) & IPFile.expiry_date.is_not(None))
    )
    return list(session.scalars(stmt))


def due_actions(session: Session, today: date) -> list[tuple[IPFile, SweepAction]]:
    """What the law has already decided for files nobody acted on, as of ``today``."""
    files = _candidates(session)
    need_law = [f for f in files if f.status != Status.GRANTED.value]
    schedules = lawlink.schedules_for([file_dates(f) for f in need_law])
    by_id = {f.id: s for f, s in zip(need_law, schedules, strict=True)}
    out: list[tuple[IPFile, SweepAction]] = []
    for f in files:
        status = Status(f.status)
        right = RightKind(f.right_kind)
        if status is Status.GRANTED:
            assert f.expiry_date is not None
            if right in (RightKind.TRADEMARK, RightKind.DESIGN):
                end = add_months(f.expiry_date, RENEWAL_GRACE_MONTHS)
                if today > end:
                    out.append(
                        (
                            f,
                            SweepAction(
                                f.application_number,
                                EventCode.LAPSED.value,
                                end,
                                "not renewed within the grace period (Art. 94(2), 95(1)(a))",
                            ),
                        )
                    )
            elif today <= f.expiry_date and (missed := lapse_due(f, today)) is not None:
                out.append(
                    (
                        f,
                        SweepAction(
                            f.application_number,
                            EventCode.LAPSED.value,
                            missed[1],
                            f"annuity for validity year {missed[0]} not paid within the grace period "
                            "(Art. 94(1), 95(1)(a))",
                        ),
                    )
                )
            elif today > f.expiry_date:
                out.append(
                    (
                        f,
                        SweepAction(
                            f.application_number,
                            EventCode.EXPIRED.value,
                            f.expiry_date,
                            "end of the term of protection (Art. 93)",
                        ),
                    )
                )
            continue
        sched = by_id.get(f.id)
        if sched is None:
            continue
        if status is Status.INTENDED_GRANT:
            d = next((x for x in sched.deadlines if x.step == "grant_fee_payment"), None)
            if d is not None and today > d.due:
                out.append(
                    (
                        f,
                        SweepAction(
                            f.application_number,
                            EventCode.DEEMED_WITHDRAWN.value,
                            d.due,
                            "grant fees not paid (Art. 118(2))",
                        ),
                    )
                )
            continue
        if any(e.code == EventCode.EXAMINATION_REQUESTED.value for e in f.events):
            continue
        request = next((x for x in sched.deadlines if x.step == "examination_request"), None)
        late = next((x for x in sched.deadlines if x.step == "restoration"), None)
        last = late.due if late is not None else (request.due if request is not None else None)
        if last is not None and today > last:
            out.append(
                (
                    f,
                    SweepAction(
                        f.application_number,
                        EventCode.DEEMED_WITHDRAWN.value,
                        last,
                        "substantive examination not requested (Art. 113)",
                    ),
                )
            )
    return out


def sweep(
    session: Session, today: date, *, actor: str = "system.sweep", apply: bool = False
) -> list[SweepAction]:
    """List (and with ``apply`` record) the events due by operation of law."""
    results: list[SweepAction] = []
    for f, action in due_actions(session, today):
        if not apply:
            results.append(action)
            continue
        try:
            with session.begin_nested():
                record_event(
                    session,
                    f,
                    action.event,
                    on=today,
                    actor=actor,
                    today=today,
                    payload={
                        "deadline": action.deadline.isoformat(),
                        "reason": action.reason,
                        "automatic": True,
                    },
                )
        except UserError as err:
            results.append(
                SweepAction(**{**action.to_dict(), "deadline": action.deadline, "error": err.message("en")})
            )
            continue
        results.append(SweepAction(action.number, action.event, action.deadline, action.reason, applied=True))
    return results
