"""Dispute cases on a file: opposition, invalidation, first and second complaints, with mediation.

A case has parties (requester, holder, mediator), grounds coded to articles, evidence, case events that open
deadlines, and a decision that writes the file's own event (``opposition_upheld`` refuses the application,
``invalidated`` voids the title, a successful complaint revives a refused application or reverses an
invalidation). A mediation referral suspends the case's deadlines; resuming gives each deadline back the time
that was left when the suspension began (the suspension's length is added to it).

Sources: Law on IP Art. 112a (opposition windows), Art. 96 (invalidation), Law on Complaints 2011 Art. 9
(90 days to complain), Art. 27-28 (10 days to accept, 30 to decide), Art. 33 (30 days for a second complaint);
Circular 23/2023/TT-BKHCN (opposition handling) [verify the reply periods below against Circular 23 / 10/2026].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from ipoffice.core import i18n
from ipoffice.core.errors import Conflict, NotFound, UserError
from ipoffice.core.legaltime import WEEKENDS_ONLY, WorkingCalendar, add_months, next_working_day
from ipoffice.core.rights import RightKind
from ipoffice.office import lawlink
from ipoffice.office.events import EventCode as E
from ipoffice.office.filing import PartyInput, make_party
from ipoffice.office.record import get_file, record_event, replay
from ipoffice.office.workflow import Status, apply
from ipoffice.store.kinds import CaseKind, CasePartyRole, FilePartyRole
from ipoffice.store.models import Case, CaseEvent, CaseParty, Evidence, IPFile
from ipoffice.store.numbering import allocate_number

i18n.register(
    {
        "office.case.not_found": {"vi": "Không có vụ việc số {value}", "en": "There is no case {value}"},
        "office.case.not_published": {
            "vi": "Đơn {number} chưa được công bố nên chưa thể phản đối",
            "en": "Application {number} is not published yet, so it cannot be opposed",
        },
        "office.case.opposition_late": {
            "vi": "Thời hạn phản đối đơn {number} đã kết thúc ngày {due}",
            "en": "The opposition period for {number} ended on {due}",
        },
        "office.case.complaint_late": {
            "vi": "Đã quá {days} ngày kể từ ngày nhận quyết định ({received}); hạn cuối là {due}",
            "en": "More than {days} days have passed since the decision was received ({received}); "
            "the last day was {due}",
        },
        "office.case.closed": {
            "vi": "Vụ việc {value} đã kết thúc",
            "en": "Case {value} is closed",
        },
        "office.case.already_suspended": {
            "vi": "Vụ việc {value} đang tạm dừng",
            "en": "Case {value} is already suspended",
        },
        "office.case.not_suspended": {
            "vi": "Vụ việc {value} không bị tạm dừng",
            "en": "Case {value} is not suspended",
        },
        "office.case.no_grounds": {
            "vi": "Cần nêu ít nhất một căn cứ kèm điều luật",
            "en": "Give at least one ground with its article",
        },
        "office.case.bad_outcome": {
            "vi": "Kết quả không hợp lệ: '{value}' (upheld hoặc rejected)",
            "en": "Invalid outcome: '{value}' (upheld or rejected)",
        },
        "office.case.parent_required": {
            "vi": "Khiếu nại lần hai cần vụ khiếu nại lần đầu đã được giải quyết",
            "en": "A second complaint needs a decided first complaint",
        },
        "office.case.open_opposition": {
            "vi": "Đơn {number} còn vụ phản đối {case} chưa giải quyết",
            "en": "Application {number} has an undecided opposition ({case})",
        },
    }
)

# Law on IP Art. 112a as amended by Law 07/2022 (vn-2023) and Law 131/2025 (vn-2026); used only when the law
# module gives no ``opposition`` deadline. Months from publication.
_OPPOSITION_MONTHS: dict[str, dict[RightKind, int]] = {
    "vn-2023": {
        RightKind.INVENTION: 9,
        RightKind.UTILITY_SOLUTION: 9,
        RightKind.DESIGN: 4,
        RightKind.TRADEMARK: 5,
        RightKind.GI: 3,
    },
    "vn-2026": {
        RightKind.INVENTION: 6,
        RightKind.UTILITY_SOLUTION: 6,
        RightKind.DESIGN: 3,
        RightKind.TRADEMARK: 3,
        RightKind.GI: 3,
    },
}
COMPLAINT_DAYS = 90  # Law on Complaints 2011 Art. 9
SECOND_COMPLAINT_DAYS = 30  # Law on Complaints 2011 Art. 33(1)
COMPLAINT_DECISION_DAYS = (
    40  # 10 days to accept (Art. 27) + 30 to decide (Art. 28) [verify: 45 in remote areas]
)
REPLY_MONTHS = 2  # holder's reply to an opposition or invalidation request [verify Circular 23/2023]


@dataclass(frozen=True)
class Ground:
    article: str  # e.g. "Luật SHTT Art. 74(2)(e)"
    text: str = ""


@dataclass(frozen=True)
class Suspension:
    start: date
    end: date | None = None
    reason: str = "mediation"


def effective_due(
    due: date, issued: date, suspensions: list[Suspension], cal: WorkingCalendar = WEEKENDS_ONLY
) -> date | None:
    """The deadline after suspensions: ``None`` while suspended; otherwise ``due`` plus the suspended days.

    A suspension counts when it starts on or after the day the deadline was set and before the (shifted) due
    date: resuming gives back the days that were left when it began. A due date landing on a day off moves to
    the next working day (Civil Code Art. 148(5)).
    """
    shift = 0
    for s in sorted(suspensions, key=lambda s: s.start):
        if s.start < issued or s.start > due + timedelta(days=shift):
            continue
        if s.end is None:
            return None
        shift += (s.end - s.start).days
    return next_working_day(due + timedelta(days=shift), cal) if shift else due


@dataclass(frozen=True)
class CaseDeadline:
    step: str
    issued: date
    original_due: date
    due: date | None  # None while the case is suspended
    basis: str | None
    days_left: int | None  # when suspended: the days that were left when the suspension began
    suspended: bool


@dataclass(frozen=True)
class CaseResult:
    """What a case action returns (plain data: usable after the transaction has closed)."""

    number: str
    status: str
    file_number: str


def _result(case: Case) -> CaseResult:
    return CaseResult(str(case.number), case.status, case.file.application_number)


@dataclass
class CaseView:
    number: str
    kind: str
    status: str
    file_number: str
    deadlines: list[CaseDeadline] = field(default_factory=list)


def _suspensions(case: Case) -> list[Suspension]:
    return [
        Suspension(
            date.fromisoformat(s["start"]),
            date.fromisoformat(s["end"]) if s.get("end") else None,
            s.get("reason", "mediation"),
        )
        for s in case.suspensions or []
    ]


def case_deadlines(case: Case, today: date) -> list[CaseDeadline]:
    """Open deadlines of a case (those not closed by a later event naming them in ``closes``)."""
    closed = {c for ev in case.events for c in (ev.payload or {}).get("closes", [])}
    susp = _suspensions(case)
    out = []
    for ev in case.events:
        if ev.due_date is None or ev.code in closed or case.status == "decided":
            continue
        eff = effective_due(ev.due_date, ev.event_date, susp)
        if eff is None:
            ongoing = next(s for s in susp if s.end is None)
            left = (ev.due_date - ongoing.start).days + sum(
                (s.end - s.start).days
                for s in susp
                if s.end and s.start >= ev.event_date and s.start < ongoing.start
            )
            out.append(CaseDeadline(ev.code, ev.event_date, ev.due_date, None, ev.legal_basis, left, True))
        else:
            out.append(
                CaseDeadline(
                    ev.code, ev.event_date, ev.due_date, eff, ev.legal_basis, (eff - today).days, False
                )
            )
    return out


def get_case(session: Session, number: str) -> Case:
    case = session.scalars(select(Case).where(Case.number == number)).first()
    if case is None:
        raise NotFound("office.case.not_found", field="case", rule="register", value=number)
    return case


def _add_case_event(
    case: Case,
    code: str,
    on: date,
    actor: str,
    *,
    due: date | None = None,
    basis: str | None = None,
    payload: dict[str, Any] | None = None,
) -> CaseEvent:
    ev = CaseEvent(
        case=case,
        sequence=len(case.events) + 1,
        code=code,
        event_date=on,
        actor=actor,
        due_date=due,
        legal_basis=basis,
        payload=dict(payload or {}),
    )
    session = object_session(case)
    if session is not None:
        session.add(ev)
    return ev


def _open(
    session: Session,
    file: IPFile,
    kind: CaseKind,
    requester: PartyInput,
    grounds: list[Ground],
    on: date,
    actor: str,
    prior_rights: list[dict[str, Any]] | None = None,
) -> Case:
    check_grounds(grounds)
    serial = allocate_number(session, CASE_SERIES, on.year)
    case = Case(file=file, **case_values(kind, case_number(on.year, serial), on, grounds, prior_rights))
    session.add(case)
    case.parties.append(
        CaseParty(party=make_party(session, requester), role=CasePartyRole.REQUESTER, position=0)
    )
    for i, fp in enumerate(case_holders(file)):
        case.parties.append(CaseParty(party=fp.party, role=CasePartyRole.HOLDER, position=i))
    return case


CASE_SERIES = "case"


def case_number(year: int, serial: int) -> str:
    return f"VV-{year}-{serial:05d}"


def check_grounds(grounds: list[Ground]) -> None:
    if not grounds or any(not g.article.strip() for g in grounds):
        raise UserError("office.case.no_grounds", field="grounds", rule="Luật SHTT Art. 112a, 96")


def case_values(
    kind: CaseKind, number: str, on: date, grounds: list[Ground], prior_rights: list[dict[str, Any]] | None
) -> dict[str, Any]:
    """The column values of a new case (open, filed on ``on``)."""
    return {
        "number": number,
        "kind": kind,
        "filed_date": on,
        "status": "open",
        "grounds": [{"article": g.article, "text": g.text} for g in grounds],
        "prior_rights": list(prior_rights or []),
        "suspensions": [],
    }


def case_holders(file: Any) -> list[Any]:
    """The file-party rows that hold the file against a case: owners of a granted right, else the applicants."""
    holder_role = FilePartyRole.OWNER if file.status == Status.GRANTED.value else FilePartyRole.APPLICANT
    return [fp for fp in file.parties if fp.role == holder_role]


def holder_reply_step(on: date) -> tuple[str, date, str]:
    """The case event an opposition opens with: the holder's reply, its due date and basis."""
    return "holder_reply", add_months(on, REPLY_MONTHS), "Circular 23/2023/TT-BKHCN [verify]"


def check_opposition(file: Any, on: date, number: str) -> None:
    """An opposition only after publication and within the window (Art. 112a); the transition table after."""
    if file.publication_date is None:
        raise UserError(
            "office.case.not_published", field="number", rule="Luật SHTT Art. 112a", number=number
        )
    due = opposition_due(file)
    if due is not None and on > due:
        raise UserError(
            "office.case.opposition_late",
            field="filed_date",
            rule="Luật SHTT Art. 112a",
            number=number,
            due=due.isoformat(),
        )


def decision_code(kind: CaseKind, outcome: str, status: Status) -> E:
    """The file's event a decision writes."""
    if kind is CaseKind.OPPOSITION:
        return E.OPPOSITION_UPHELD if outcome == "upheld" else E.OPPOSITION_REJECTED
    if kind is CaseKind.INVALIDATION:
        return E.INVALIDATED if outcome == "upheld" else E.INVALIDATION_REJECTED
    if outcome == "upheld" and status in (Status.REFUSED, Status.DEEMED_WITHDRAWN):
        return E.REVIVED
    if outcome == "upheld" and status is Status.INVALIDATED:
        return E.INVALIDATION_REVERSED
    return E.COMPLAINT_DECIDED


def opposition_due(file: IPFile) -> date | None:
    """The last day to oppose: the law's ``opposition`` deadline, else Art. 112a counted from publication."""
    if file.publication_date is None:
        return None
    sched = lawlink.schedule_for(
        lawlink.FileDates(
            right=RightKind(file.right_kind),
            filing_date=file.filing_date,
            publication_date=file.publication_date,
        )
    )
    if sched is not None:
        found = [d for d in sched.deadlines if d.step == "opposition"]
        if found:
            return found[0].due
    months = _OPPOSITION_MONTHS.get(file.regime_id or "", {}).get(RightKind(file.right_kind))
    if months is None:
        return None  # vn-2010: oppositions were third-party opinions until the decision
    return add_months(file.publication_date, months)


def open_opposition(
    session: Session,
    number: str,
    opponent: PartyInput,
    grounds: list[Ground],
    *,
    on: date,
    actor: str,
    prior_rights: list[dict[str, Any]] | None = None,
    today: date | None = None,
) -> CaseResult:
    """Opposition to the grant (Art. 112a): only after publication and within the window."""
    file = get_file(session, number)
    check_opposition(file, on, number)
    apply(replay(file), E.OPPOSITION_FILED, RightKind(file.right_kind), file.regime_id or "")
    case = _open(session, file, CaseKind.OPPOSITION, opponent, grounds, on, actor, prior_rights)
    session.flush()
    code, due, basis = holder_reply_step(on)
    _add_case_event(case, code, on, actor, due=due, basis=basis)
    record_event(
        session, file, E.OPPOSITION_FILED, on=on, actor=actor, today=today, payload={"case": case.number}
    )
    return _result(case)


def open_invalidation(
    session: Session,
    number: str,
    requester: PartyInput,
    grounds: list[Ground],
    *,
    on: date,
    actor: str,
    prior_rights: list[dict[str, Any]] | None = None,
    today: date | None = None,
) -> CaseResult:
    """Request to invalidate a title (Art. 96)."""
    file = get_file(session, number)
    apply(replay(file), E.INVALIDATION_REQUESTED, RightKind(file.right_kind), file.regime_id or "")
    case = _open(session, file, CaseKind.INVALIDATION, requester, grounds, on, actor, prior_rights)
    session.flush()
    _add_case_event(
        case,
        "holder_reply",
        on,
        actor,
        due=add_months(on, REPLY_MONTHS),
        basis="Luật SHTT Art. 96; Circular 23/2023/TT-BKHCN [verify]",
    )
    record_event(
        session,
        file,
        E.INVALIDATION_REQUESTED,
        on=on,
        actor=actor,
        today=today,
        payload={"case": case.number},
    )
    return _result(case)


def open_complaint(
    session: Session,
    number: str,
    complainant: PartyInput,
    grounds: list[Ground],
    *,
    on: date,
    received_on: date,
    actor: str,
    first_case: str | None = None,
    today: date | None = None,
) -> CaseResult:
    """A first complaint within 90 days of receiving the decision, or a second one within 30 days of the first
    complaint's decision (Law on Complaints 2011 Art. 9, 33)."""
    file = get_file(session, number)
    parent: Case | None = None
    days = COMPLAINT_DAYS
    kind = CaseKind.COMPLAINT_FIRST
    if first_case is not None:
        parent = get_case(session, first_case)
        if parent.kind != CaseKind.COMPLAINT_FIRST or parent.status != "decided":
            raise UserError(
                "office.case.parent_required", field="first_case", rule="Luật Khiếu nại 2011 Art. 33"
            )
        days, kind = SECOND_COMPLAINT_DAYS, CaseKind.COMPLAINT_SECOND
    last = received_on + timedelta(days=days)
    if on > last:
        raise UserError(
            "office.case.complaint_late",
            field="filed_date",
            rule=f"Luật Khiếu nại 2011 Art. {9 if parent is None else 33}",
            days=days,
            received=received_on.isoformat(),
            due=last.isoformat(),
        )
    apply(replay(file), E.COMPLAINT_FILED, RightKind(file.right_kind), file.regime_id or "")
    case = _open(session, file, kind, complainant, grounds, on, actor)
    case.parent_case_id = parent.id if parent else None
    case.details = {"received_on": received_on.isoformat()}
    session.flush()
    _add_case_event(
        case,
        "decision",
        on,
        actor,
        due=on + timedelta(days=COMPLAINT_DECISION_DAYS),
        basis="Luật Khiếu nại 2011 Art. 27-28 [verify]",
    )
    record_event(
        session, file, E.COMPLAINT_FILED, on=on, actor=actor, today=today, payload={"case": case.number}
    )
    return _result(case)


def _open_case(session: Session, number: str, expected_version: int | None) -> Case:
    case = get_case(session, number)
    if case.status == "decided":
        raise Conflict("office.case.closed", field="case", rule="case lifecycle", value=number)
    if expected_version is not None and case.version_id != expected_version:
        from ipoffice.store.db import check_version

        check_version(case, expected_version)
    return case


def add_evidence(
    session: Session,
    number: str,
    description: str,
    *,
    on: date,
    actor: str,
    submitted_by_party_id: int | None = None,
) -> Evidence:
    case = _open_case(session, number, None)
    ev = Evidence(
        case=case, description=description, submitted_date=on, submitted_by_id=submitted_by_party_id
    )
    session.add(ev)
    _add_case_event(case, "evidence_submitted", on, actor, payload={"description": description})
    session.flush()
    return ev


def refer_to_mediation(
    session: Session,
    number: str,
    *,
    on: date,
    actor: str,
    mediator: PartyInput | None = None,
    expected_version: int | None = None,
) -> CaseResult:
    """Refer the case to mediation (e.g. the WIPO Arbitration and Mediation Center): its deadlines stop."""
    case = _open_case(session, number, expected_version)
    if any(s.end is None for s in _suspensions(case)):
        raise Conflict("office.case.already_suspended", field="case", rule="mediation referral", value=number)
    case.suspensions = [*case.suspensions, {"start": on.isoformat(), "end": None, "reason": "mediation"}]
    case.status = "mediation"
    if mediator is not None:
        case.parties.append(
            CaseParty(party=make_party(session, mediator), role=CasePartyRole.MEDIATOR, position=0)
        )
    _add_case_event(case, "mediation_referred", on, actor, basis="WIPO AMC; Circular 23/2023 [verify]")
    session.flush()
    return _result(case)


def resume_case(
    session: Session,
    number: str,
    *,
    on: date,
    actor: str,
    settled: bool = False,
    expected_version: int | None = None,
) -> CaseResult:
    """End the mediation: deadlines run again with the time they had left."""
    case = _open_case(session, number, expected_version)
    open_ = [s for s in case.suspensions if not s.get("end")]
    if not open_:
        raise Conflict("office.case.not_suspended", field="case", rule="mediation referral", value=number)
    case.suspensions = [({**s, "end": on.isoformat()} if not s.get("end") else s) for s in case.suspensions]
    case.status = "open"
    _add_case_event(case, "mediation_ended", on, actor, payload={"settled": settled})
    session.flush()
    return _result(case)


def decide_case(
    session: Session,
    number: str,
    outcome: str,
    *,
    on: date,
    actor: str,
    reasons: str = "",
    expected_version: int | None = None,
    today: date | None = None,
) -> CaseResult:
    """Decide the case and write its consequence on the file, in one transaction."""
    case = _open_case(session, number, expected_version)
    if outcome not in ("upheld", "rejected"):
        raise UserError("office.case.bad_outcome", field="outcome", rule="case decision", value=outcome)
    file = case.file
    status = Status(file.status)
    kind = CaseKind(case.kind)
    waiting = pending_reply(case, on) if kind in _COMPLAINTS else None
    if waiting is not None and waiting.due is not None and on <= waiting.due:
        raise Conflict(
            "office.case.reply_pending",
            field="case",
            rule=COMPLAINT_REPLY_BASIS,
            value=number,
            due=waiting.due.isoformat(),
        )
    code = decision_code(kind, outcome, status)
    basis = decision_basis(case)
    record_event(
        session,
        file,
        code,
        on=on,
        actor=actor,
        today=today,
        payload={"case": case.number, "outcome": outcome},
        basis=basis,
    )
    if any(s.end is None for s in _suspensions(case)):
        case.suspensions = [
            ({**s, "end": on.isoformat()} if not s.get("end") else s) for s in case.suspensions
        ]
    case.status = "decided"
    case.decision = outcome
    case.decision_text = reasons
    case.decision_date = on
    _add_case_event(
        case, "decided", on, actor, basis=basis, payload={"outcome": outcome, "file_event": code.value}
    )
    session.flush()
    return _result(case)


def decision_basis(case: Any) -> str | None:
    return "; ".join(g["article"] for g in case.grounds) or None


def receive_reply(session: Session, number: str, *, on: date, actor: str, summary: str = "") -> CaseResult:
    """The holder's reply: closes the ``holder_reply`` deadline of the case."""
    case = _open_case(session, number, None)
    _add_case_event(
        case, "holder_replied", on, actor, payload={"closes": ["holder_reply"], "summary": summary}
    )
    session.flush()
    return _result(case)


# --- the other side's reply in a complaint (Law on Complaints 2011 Art. 29) ----------------------------------

# the other party's explanation in a complaint case [verify Circular 23/2023, 10/2026]
COMPLAINT_REPLY_MONTHS = 2
COMPLAINT_REPLY_BASIS = "Luật Khiếu nại 2011 Art. 29; Circular 23/2023/TT-BKHCN [verify]"
_COMPLAINTS = (CaseKind.COMPLAINT_FIRST, CaseKind.COMPLAINT_SECOND)

i18n.register(
    {
        "office.case.not_a_complaint": {
            "vi": "Vụ việc {value} không phải là khiếu nại",
            "en": "Case {value} is not a complaint",
        },
        "office.case.reply_pending": {
            "vi": "Vụ việc {value} đang chờ ý kiến của bên liên quan (hạn {due})",
            "en": "Case {value} is waiting for the other party's reply (due {due})",
        },
        "office.case.no_reply_requested": {
            "vi": "Vụ việc {value} không có yêu cầu trả lời đang chờ",
            "en": "Case {value} has no pending request for a reply",
        },
        "office.case.reply_late": {
            "vi": "Ý kiến trả lời ngày {date} quá hạn {due}",
            "en": "The reply of {date} is after its deadline {due}",
        },
    }
)


def _complaint(session: Session, number: str, expected_version: int | None) -> Case:
    case = _open_case(session, number, expected_version)
    if CaseKind(case.kind) not in _COMPLAINTS:
        raise UserError("office.case.not_a_complaint", field="case", rule="Luật Khiếu nại 2011", value=number)
    return case


def pending_reply(case: Case, today: date) -> CaseDeadline | None:
    """The open ``respondent_reply`` deadline of a complaint, if any."""
    return next((d for d in case_deadlines(case, today) if d.step == "respondent_reply"), None)


def request_complaint_reply(
    session: Session,
    number: str,
    *,
    on: date,
    actor: str,
    expected_version: int | None = None,
    cal: WorkingCalendar | None = None,
) -> CaseResult:
    """Ask the other party of a complaint (the holder of the right or the applicant the decision favoured) for
    its explanation: a ``respondent_reply`` deadline of 2 months [verify], rolled to a working day (Civil Code
    Art. 148(5)); suspended by mediation like every case deadline."""
    from ipoffice.law import default_calendar

    case = _complaint(session, number, expected_version)
    pending = pending_reply(case, on)
    if pending is not None:
        raise Conflict(
            "office.case.reply_pending",
            field="case",
            rule=COMPLAINT_REPLY_BASIS,
            value=number,
            due=pending.due.isoformat() if pending.due else "—",
        )
    due = next_working_day(add_months(on, COMPLAINT_REPLY_MONTHS), cal or default_calendar())
    _add_case_event(case, "respondent_reply", on, actor, due=due, basis=COMPLAINT_REPLY_BASIS)
    session.flush()
    return _result(case)


def receive_complaint_reply(
    session: Session,
    number: str,
    *,
    on: date,
    actor: str,
    summary: str = "",
    expected_version: int | None = None,
) -> CaseResult:
    """The other party's reply in a complaint: closes ``respondent_reply``; after its deadline it is refused
    (the complaint is decided without it)."""
    case = _complaint(session, number, expected_version)
    pending = pending_reply(case, on)
    if pending is None:
        raise Conflict(
            "office.case.no_reply_requested", field="case", rule=COMPLAINT_REPLY_BASIS, value=number
        )
    if pending.due is not None and on > pending.due:
        raise UserError(
            "office.case.reply_late",
            field="on",
            rule=COMPLAINT_REPLY_BASIS,
            date=on.isoformat(),
            due=pending.due.isoformat(),
        )
    _add_case_event(
        case, "respondent_replied", on, actor, payload={"closes": ["respondent_reply"], "summary": summary}
    )
    session.flush()
    return _result(case)
