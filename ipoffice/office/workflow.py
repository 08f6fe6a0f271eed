"""Which event may happen in which status, per right and regime; a file's status is the fold of its events.

The transition table is explicit data: ``TRANSITIONS[(right, regime)][(status, event)] -> next status``. A file's
status is never edited by hand: :func:`fold` replays its events through the table, and :func:`apply` refuses an
event that the table does not allow in the current status with a :class:`~ipoffice.core.errors.Conflict` naming
the step and the rule (e.g. a grant before substantive examination).

Procedure (Law on IP Art. 108-119, Decree 65/2023):

- ``vn-2010`` / ``vn-2023``: filing -> formality examination ending in a decision of acceptance (Art. 109) ->
  publication (Art. 110) -> substantive examination (for inventions and utility solutions only on request,
  Art. 113) -> notice of intended grant or refusal -> grant (Art. 118) or refusal (Art. 117).
- ``vn-2026`` (Law 131/2025, in force 1 April 2026): no acceptance decision; a file that is not found invalid
  moves on to publication automatically (``formality_accepted`` is not an event of this regime).

Layout designs are granted after formality examination without publication or substantive examination
(ST.27 detailed event F12) [verify: Law on IP Art. 110(1), 114 as applied to layout designs].
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from ipoffice.core import i18n
from ipoffice.core.errors import Conflict
from ipoffice.core.rights import RightKind
from ipoffice.office.events import EventCode, event_label, event_type

REGIMES = ("vn-2010", "vn-2023", "vn-2026")


class Status(StrEnum):
    """A file's derived procedural status (stored as a cache on the file, always recomputable from events)."""

    FILED = "filed"  # awaiting formality examination
    FORMALITY_DEFICIENT = "formality_deficient"  # awaiting the applicant's correction
    ACCEPTED = "accepted"  # formally valid, awaiting publication
    PUBLISHED = "published"  # published; for patents awaiting the request for substantive examination
    UNDER_EXAMINATION = "under_examination"  # substantive examination pending
    OFFICE_ACTION = "office_action"  # awaiting the applicant's response to an office action
    INTENDED_GRANT = "intended_grant"  # awaiting the grant fees
    INTENDED_REFUSAL = "intended_refusal"  # awaiting the applicant's reply to the intended refusal
    SUSPENDED = "suspended"  # examination stayed (e.g. a pending dispute or mediation)
    GRANTED = "granted"  # in force
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    DEEMED_WITHDRAWN = "deemed_withdrawn"
    LAPSED = "lapsed"
    EXPIRED = "expired"
    SURRENDERED = "surrendered"
    INVALIDATED = "invalidated"


STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.FILED: ("Chờ thẩm định hình thức", "Awaiting formality examination"),
    Status.FORMALITY_DEFICIENT: ("Chờ sửa thiếu sót hình thức", "Awaiting correction of formal deficiencies"),
    Status.ACCEPTED: ("Đơn hợp lệ, chờ công bố", "Formally valid, awaiting publication"),
    Status.PUBLISHED: (
        "Đã công bố, chờ yêu cầu thẩm định nội dung",
        "Published, awaiting examination request",
    ),
    Status.UNDER_EXAMINATION: ("Đang thẩm định nội dung", "Under substantive examination"),
    Status.OFFICE_ACTION: ("Chờ trả lời thông báo thẩm định", "Awaiting response to office action"),
    Status.INTENDED_GRANT: ("Chờ nộp phí cấp văn bằng", "Intended grant, awaiting grant fees"),
    Status.INTENDED_REFUSAL: ("Dự định từ chối, chờ ý kiến", "Intended refusal, awaiting reply"),
    Status.SUSPENDED: ("Tạm dừng xử lý", "Procedure suspended"),
    Status.GRANTED: ("Văn bằng có hiệu lực", "In force"),
    Status.REFUSED: ("Bị từ chối", "Refused"),
    Status.WITHDRAWN: ("Đã rút đơn", "Withdrawn"),
    Status.DEEMED_WITHDRAWN: ("Bị coi như rút đơn", "Deemed withdrawn"),
    Status.LAPSED: ("Chấm dứt hiệu lực", "Lapsed"),
    Status.EXPIRED: ("Hết thời hạn bảo hộ", "Expired"),
    Status.SURRENDERED: ("Chủ văn bằng từ bỏ", "Surrendered"),
    Status.INVALIDATED: ("Bị hủy bỏ hiệu lực", "Invalidated"),
}

PENDING = frozenset(
    {
        Status.FILED,
        Status.FORMALITY_DEFICIENT,
        Status.ACCEPTED,
        Status.PUBLISHED,
        Status.UNDER_EXAMINATION,
        Status.OFFICE_ACTION,
        Status.INTENDED_GRANT,
        Status.INTENDED_REFUSAL,
        Status.SUSPENDED,
    }
)
DEAD_APPLICATION = frozenset({Status.REFUSED, Status.WITHDRAWN, Status.DEEMED_WITHDRAWN})
RIGHT_ENDED = frozenset({Status.LAPSED, Status.EXPIRED, Status.SURRENDERED, Status.INVALIDATED})


def status_label(status: Status | str, lang: str | None = None) -> str:
    vi, en = STATUS_LABELS[Status(status)]
    return en if i18n.current_language(lang) == "en" else vi


i18n.register(
    {
        **{f"office.status.{s.value}": {"vi": vi, "en": en} for s, (vi, en) in STATUS_LABELS.items()},
        "office.step_not_allowed": {
            "vi": "Không thể ghi nhận bước '{event}' khi hồ sơ đang ở trạng thái '{status}'; "
            "bước này chỉ được thực hiện khi hồ sơ ở trạng thái: {allowed}",
            "en": "Cannot record '{event}' while the file is '{status}'; this step is allowed only when the "
            "file is: {allowed}",
        },
        "office.step_not_in_regime": {
            "vi": "Bước '{event}' không có trong chế độ pháp lý {regime} đối với {right}",
            "en": "The step '{event}' does not exist in regime {regime} for {right}",
        },
        "office.unknown_regime": {
            "vi": "Chế độ pháp lý không xác định: {regime}",
            "en": "Unknown legal regime: {regime}",
        },
        "office.guard_failed": {
            "vi": "Không thể ghi nhận bước '{event}': {reason}",
            "en": "Cannot record '{event}': {reason}",
        },
        "office.guard.not_published": {
            "vi": "đơn chưa được công bố",
            "en": "the application is not yet published",
        },
        "office.guard.already_requested": {
            "vi": "đã có yêu cầu thẩm định nội dung",
            "en": "substantive examination has already been requested",
        },
        "office.guard.examination_requested": {
            "vi": "đã có yêu cầu thẩm định nội dung nên đơn không thể bị coi như rút vì lý do này",
            "en": "substantive examination was requested, so the application cannot be deemed withdrawn for that",
        },
    }
)


@dataclass(frozen=True)
class FileState:
    """The result of folding a file's events: the status plus the facts the guards need."""

    status: Status
    published: bool = False
    examination_requested: bool = False
    resume_to: Status | None = None  # the status a suspended procedure returns to
    events: int = 0


S = Status
E = EventCode
_APPLICATION_SIDE = (
    S.FILED,
    S.FORMALITY_DEFICIENT,
    S.ACCEPTED,
    S.PUBLISHED,
    S.UNDER_EXAMINATION,
    S.OFFICE_ACTION,
    S.INTENDED_GRANT,
    S.INTENDED_REFUSAL,
)
_AFTER_PUBLICATION = (S.PUBLISHED, S.UNDER_EXAMINATION, S.OFFICE_ACTION, S.INTENDED_GRANT, S.INTENDED_REFUSAL)
_EXAMINATION = (S.UNDER_EXAMINATION, S.OFFICE_ACTION, S.INTENDED_REFUSAL)


def _same(statuses: Iterable[Status], *events: EventCode) -> dict[tuple[Status, EventCode], Status]:
    """Events that are recorded without changing the status."""
    return {(s, e): s for s in statuses for e in events}


def _build(right: RightKind, regime: str) -> dict[tuple[Status, EventCode], Status]:
    t: dict[tuple[Status, EventCode], Status] = {}
    # formality examination (Art. 109)
    t[(S.FILED, E.FORMALITY_DEFICIENCY_NOTIFIED)] = S.FORMALITY_DEFICIENT
    t[(S.FORMALITY_DEFICIENT, E.RESPONSE_RECEIVED)] = S.FILED
    t[(S.FILED, E.FORMALITY_REFUSED)] = S.REFUSED
    t[(S.FORMALITY_DEFICIENT, E.FORMALITY_REFUSED)] = S.REFUSED
    if regime == "vn-2026":
        # Law 131/2025: no acceptance decision; a valid file moves on (publication or, for layout designs, grant)
        start = S.FILED
    else:
        t[(S.FILED, E.FORMALITY_ACCEPTED)] = S.ACCEPTED
        start = S.ACCEPTED

    if right is RightKind.LAYOUT_DESIGN:
        t[(start, E.INTENDED_GRANT_NOTIFIED)] = S.INTENDED_GRANT
        t[(start, E.INTENDED_REFUSAL_NOTIFIED)] = S.INTENDED_REFUSAL
        t[(S.INTENDED_REFUSAL, E.RESPONSE_RECEIVED)] = start
        t[(S.INTENDED_REFUSAL, E.REFUSED)] = S.REFUSED
        t[(S.INTENDED_GRANT, E.GRANTED)] = S.GRANTED
        t[(S.INTENDED_GRANT, E.DEEMED_WITHDRAWN)] = S.DEEMED_WITHDRAWN
        pending: tuple[Status, ...] = (
            S.FILED,
            S.FORMALITY_DEFICIENT,
            start,
            S.INTENDED_GRANT,
            S.INTENDED_REFUSAL,
        )
    else:
        # publication (Art. 110); the status then settles (see _settle)
        t[(start, E.PUBLISHED)] = S.PUBLISHED
        # substantive examination (Art. 114-118)
        t[(S.UNDER_EXAMINATION, E.OFFICE_ACTION_ISSUED)] = S.OFFICE_ACTION
        t[(S.OFFICE_ACTION, E.RESPONSE_RECEIVED)] = S.UNDER_EXAMINATION
        for s in (S.UNDER_EXAMINATION, S.OFFICE_ACTION):
            t[(s, E.INTENDED_GRANT_NOTIFIED)] = S.INTENDED_GRANT
            t[(s, E.INTENDED_REFUSAL_NOTIFIED)] = S.INTENDED_REFUSAL
        t[(S.INTENDED_REFUSAL, E.RESPONSE_RECEIVED)] = S.UNDER_EXAMINATION
        t[(S.INTENDED_REFUSAL, E.REFUSED)] = S.REFUSED
        t[(S.INTENDED_GRANT, E.GRANTED)] = S.GRANTED
        t[(S.INTENDED_GRANT, E.DEEMED_WITHDRAWN)] = S.DEEMED_WITHDRAWN  # grant fees not paid, Art. 118(2)
        # third parties (Art. 112, 112a): after publication, before the decision
        t.update(
            _same(
                _AFTER_PUBLICATION, E.THIRD_PARTY_OPINION_RECEIVED, E.OPPOSITION_FILED, E.OPPOSITION_REJECTED
            )
        )
        for s in _AFTER_PUBLICATION:
            t[(s, E.OPPOSITION_UPHELD)] = S.REFUSED
        pending = (S.FILED, S.FORMALITY_DEFICIENT, start, *_AFTER_PUBLICATION)

    if right.is_patent:
        # request for substantive examination (Art. 113), any time before the limit; else deemed withdrawn
        t.update(_same((S.FILED, S.FORMALITY_DEFICIENT, start, S.PUBLISHED), E.EXAMINATION_REQUESTED))
        for s in (S.FILED, start, S.PUBLISHED):
            t[(s, E.DEEMED_WITHDRAWN)] = S.DEEMED_WITHDRAWN

    pending_all = tuple(dict.fromkeys(pending))
    for s in pending_all:
        t[(s, E.WITHDRAWN)] = S.WITHDRAWN  # Art. 116
        t[(s, E.PROCEDURE_SUSPENDED)] = S.SUSPENDED
    t.update(
        _same(pending_all, E.AMENDED, E.DIVIDED, E.REPRESENTATIVE_CHANGED, E.NAME_CHANGED, E.ADDRESS_CHANGED)
    )
    t[(S.SUSPENDED, E.WITHDRAWN)] = S.WITHDRAWN
    if right is not RightKind.GI:  # a GI belongs to the State; its registration is not assigned (Art. 121(4))
        t.update(_same(pending_all, E.ASSIGNMENT_RECORDED))

    # after a decision: complaints (Law on Complaints 2011) and revival on a successful complaint
    t.update(
        _same(
            (S.REFUSED, S.GRANTED, S.INVALIDATED, S.DEEMED_WITHDRAWN), E.COMPLAINT_FILED, E.COMPLAINT_DECIDED
        )
    )
    t[(S.REFUSED, E.REVIVED)] = S.UNDER_EXAMINATION if right is not RightKind.LAYOUT_DESIGN else start
    t[(S.DEEMED_WITHDRAWN, E.REVIVED)] = (
        S.UNDER_EXAMINATION if right is not RightKind.LAYOUT_DESIGN else start
    )

    # the right in force (Art. 93-97)
    maintenance = E.ANNUITY_PAID if right.is_patent else E.RENEWED
    in_force_same: list[EventCode] = [E.NAME_CHANGED, E.ADDRESS_CHANGED, E.REPRESENTATIVE_CHANGED, E.AMENDED]
    in_force_same += [E.INVALIDATION_REQUESTED, E.INVALIDATION_REJECTED]
    if right is not RightKind.GI:  # GI: indefinite term, no owner's transactions
        in_force_same += [maintenance, E.ASSIGNMENT_RECORDED, E.LICENCE_RECORDED, E.LICENCE_CANCELLED]
        in_force_same += [E.PLEDGE_RECORDED, E.PLEDGE_RELEASED]
        t[(S.GRANTED, E.LAPSED)] = S.LAPSED
        t[(S.LAPSED, E.RESTORED)] = S.GRANTED
        t[(S.GRANTED, E.EXPIRED)] = S.EXPIRED
        t[(S.GRANTED, E.SURRENDERED)] = S.SURRENDERED
    t.update(_same((S.GRANTED,), *in_force_same))
    for s in (S.GRANTED, S.LAPSED, S.EXPIRED, S.SURRENDERED):
        t[(s, E.INVALIDATED)] = S.INVALIDATED  # Art. 96: invalidation voids the title from the start
    t.update(_same((S.LAPSED, S.EXPIRED, S.SURRENDERED), E.INVALIDATION_REQUESTED, E.INVALIDATION_REJECTED))
    t[(S.INVALIDATED, E.INVALIDATION_REVERSED)] = S.GRANTED
    return t


TRANSITIONS: dict[tuple[RightKind, str], dict[tuple[Status, EventCode], Status]] = {
    (right, regime): _build(right, regime) for right in RightKind for regime in REGIMES
}

# Status-preserving events that leave a suspended procedure suspended (recordals, third parties, the clock).
_WHILE_SUSPENDED = frozenset(
    {
        E.PROCEDURE_RESUMED,
        E.AMENDED,
        E.NAME_CHANGED,
        E.ADDRESS_CHANGED,
        E.REPRESENTATIVE_CHANGED,
        E.ASSIGNMENT_RECORDED,
        E.THIRD_PARTY_OPINION_RECEIVED,
        E.OPPOSITION_FILED,
        E.OPPOSITION_REJECTED,
        E.OPPOSITION_UPHELD,
        E.EXAMINATION_REQUESTED,
    }
)


def table(right: RightKind | str, regime: str) -> Mapping[tuple[Status, EventCode], Status]:
    key = (RightKind(right), regime)
    if key not in TRANSITIONS:
        raise Conflict("office.unknown_regime", field="regime", rule="ipoffice.law regime ids", regime=regime)
    return TRANSITIONS[key]


def allowed_events(state: FileState, right: RightKind | str, regime: str) -> list[EventCode]:
    """Events that may be recorded now (for the examiner's screen and the property tests)."""
    return [e for e in EventCode if _try(state, e, RightKind(right), regime) is not None]


def _settle(state: FileState, right: RightKind) -> FileState:
    """Automatic moves with no event of their own: a published mark, design or GI, or a published patent
    application whose examination was requested, is under substantive examination (Art. 114, 119)."""
    if state.status is S.PUBLISHED and (not right.is_patent or state.examination_requested):
        return replace(state, status=S.UNDER_EXAMINATION)
    return state


def _guard(state: FileState, event: EventCode, right: RightKind) -> str | None:
    """The message id of a failed guard, else None."""
    if event is E.EXAMINATION_REQUESTED and state.examination_requested:
        return "office.guard.already_requested"
    if event is E.DEEMED_WITHDRAWN and state.examination_requested and state.status is not S.INTENDED_GRANT:
        return "office.guard.examination_requested"
    if event in (E.OPPOSITION_FILED, E.THIRD_PARTY_OPINION_RECEIVED) and not state.published:
        return "office.guard.not_published"
    return None


def _try(state: FileState, event: EventCode, right: RightKind, regime: str) -> FileState | None:
    if state.status is S.SUSPENDED:
        if event is E.PROCEDURE_RESUMED:
            return replace(state, status=state.resume_to or S.FILED, resume_to=None, events=state.events + 1)
        if event not in _WHILE_SUSPENDED and (S.SUSPENDED, event) not in table(right, regime):
            return None
        inner = _try(replace(state, status=state.resume_to or S.FILED), event, right, regime)
        if inner is None:
            return None
        if inner.status in DEAD_APPLICATION:
            return replace(inner, resume_to=None)
        return replace(inner, status=S.SUSPENDED, resume_to=inner.status)
    nxt = table(right, regime).get((state.status, event))
    if nxt is None or _guard(state, event, right) is not None:
        return None
    new = replace(
        state,
        status=nxt,
        published=state.published or event is E.PUBLISHED,
        examination_requested=state.examination_requested or event is E.EXAMINATION_REQUESTED,
        resume_to=state.status if nxt is S.SUSPENDED else None,
        events=state.events + 1,
    )
    return _settle(new, right)


def initial_state() -> FileState:
    """The state before any event: only ``filed`` is allowed."""
    return FileState(status=S.FILED, events=0)


def apply(state: FileState | None, event: EventCode | str, right: RightKind | str, regime: str) -> FileState:
    """The state after ``event``; a :class:`Conflict` naming the step and the rule when it is not allowed."""
    ev = EventCode(event)
    kind = RightKind(right)
    tab = table(kind, regime)
    if state is None:
        if ev is not E.FILED:
            raise _not_allowed(ev, None, kind, regime, tab)
        return FileState(status=S.FILED, events=1)
    if ev is E.FILED:
        raise _not_allowed(ev, state.status, kind, regime, tab)
    new = _try(state, ev, kind, regime)
    if new is not None:
        return new
    reason = _guard(state, ev, kind)
    if reason is not None and (state.status, ev) in tab:
        raise Conflict(
            "office.guard_failed",
            field="event",
            rule=event_type(ev).basis,
            event=event_label(ev, kind),
            reason=i18n.t(reason),
        )
    raise _not_allowed(ev, state.status, kind, regime, tab)


def _not_allowed(
    ev: EventCode,
    status: Status | None,
    right: RightKind,
    regime: str,
    tab: Mapping[tuple[Status, EventCode], Status],
) -> Conflict:
    allowed = sorted({s.value for (s, e) in tab if e is ev})
    basis = event_type(ev).basis
    if not allowed and ev is not E.FILED:
        return Conflict(
            "office.step_not_in_regime",
            field="event",
            rule=basis,
            event=ev.value,
            regime=regime,
            right=right.value,
        )
    return Conflict(
        "office.step_not_allowed",
        field="event",
        rule=basis,
        event=ev.value,
        status=status.value if status else "-",
        allowed=", ".join(allowed) or "-",
    )


def fold(events: Iterable[EventCode | str], right: RightKind | str, regime: str) -> FileState:
    """Replay events in order; raises :class:`Conflict` at the first event not allowed."""
    state: FileState | None = None
    for ev in events:
        state = apply(state, ev, right, regime)
    if state is None:
        raise Conflict(
            "office.step_not_allowed",
            field="event",
            rule="Luật SHTT Art. 108",
            event="-",
            status="-",
            allowed="filed",
        )
    return state
