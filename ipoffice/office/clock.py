"""The statutory clock: each pending step of a file against its legal deadline, and the office's backlog.

For one file, :func:`file_clock` asks the law module for the file's schedule (``ipoffice.law.deadlines``) and keeps
the steps that are pending in the file's current status: elapsed days since the step's anchor, days left, or days
overdue. For the office, :func:`backlog` reads every pending file with the dates it needs in one SQL statement
(conditional aggregates over the events), computes each file's statutory due date with the law's batch function
(shared caches), and reports by right, step and age bucket: counts, median and 90th-percentile age, the share
overdue and the ratio of median pendency to the legal limit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from statistics import median
from typing import Any

from sqlalchemy import Date, case, func, select, type_coerce
from sqlalchemy.orm import Session

from ipoffice.core.rights import RightKind
from ipoffice.office import lawlink
from ipoffice.office.workflow import Status
from ipoffice.store.models import Event, IPFile, PriorityClaim

# Steps pending in each status: (step id of the law module, who must act).
PENDING_STEPS: dict[Status, tuple[str, ...]] = {
    Status.FILED: ("formality_examination",),
    Status.FORMALITY_DEFICIENT: ("office_action_response", "formality_examination"),
    Status.ACCEPTED: ("publication",),
    Status.PUBLISHED: ("examination_request",),
    Status.UNDER_EXAMINATION: ("substantive_examination",),
    Status.OFFICE_ACTION: ("office_action_response", "substantive_examination"),
    Status.INTENDED_REFUSAL: ("office_action_response", "substantive_examination"),
    Status.INTENDED_GRANT: ("grant_fee_payment",),
    Status.SUSPENDED: (),
    Status.GRANTED: ("annuity", "renewal", "term_expiry"),
}
# Steps that also run while a patent application waits (request any time before the limit) and while the file is
# open to third parties after publication.
_PATENT_REQUEST_STATUSES = {Status.FILED, Status.FORMALITY_DEFICIENT, Status.ACCEPTED, Status.PUBLISHED}
_OPPOSABLE = {
    Status.PUBLISHED,
    Status.UNDER_EXAMINATION,
    Status.OFFICE_ACTION,
    Status.INTENDED_REFUSAL,
    Status.INTENDED_GRANT,
}

# The office's own steps, whose age makes the backlog, and the date each one is counted from.
OFFICE_STEPS: dict[Status, str] = {
    Status.FILED: "formality_examination",
    Status.ACCEPTED: "publication",
    Status.UNDER_EXAMINATION: "substantive_examination",
    Status.OFFICE_ACTION: "substantive_examination",
    Status.INTENDED_REFUSAL: "substantive_examination",
}
AGE_BUCKETS: tuple[tuple[str, int], ...] = (
    ("0-3m", 91),
    ("3-6m", 182),
    ("6-12m", 365),
    ("12-24m", 730),
    (">24m", 10**9),
)


@dataclass(frozen=True)
class ClockEntry:
    step: str
    label: str
    party: str
    due: date
    anchor: str
    anchor_date: date
    basis: str
    elapsed_days: int
    days_left: int  # negative when overdue
    overdue: bool
    window_start: date | None = None
    verify: bool = False
    occurrence: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for k in ("due", "anchor_date", "window_start"):
            out[k] = out[k].isoformat() if out[k] else None
        return out


@dataclass(frozen=True)
class FileClock:
    number: str
    status: str
    regime: str | None
    today: date
    entries: tuple[ClockEntry, ...]
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "status": self.status,
            "regime": self.regime,
            "today": self.today.isoformat(),
            "entries": [e.to_dict() for e in self.entries],
            "note": self.note,
        }


def file_dates(file: IPFile) -> lawlink.FileDates:
    """The dates the law counts from, taken from the file and its events (latest occurrence of each)."""
    last: dict[str, Event] = {}
    for ev in file.events:
        last[ev.code] = ev
    actions = ("office_action_issued", "formality_deficiency_notified", "intended_refusal_notified")
    latest_oa = max((e for e in file.events if e.code in actions), key=lambda e: e.sequence, default=None)
    priority = min((p.priority_date for p in file.priority_claims), default=None)
    return lawlink.FileDates(
        right=RightKind(file.right_kind),
        filing_date=file.filing_date,
        priority_date=priority,
        acceptance_date=last["formality_accepted"].event_date if "formality_accepted" in last else None,
        publication_date=file.publication_date,
        examination_request_date=(
            last["examination_requested"].event_date if "examination_requested" in last else None
        ),
        office_action_date=latest_oa.event_date if latest_oa else None,
        office_action_kind=(
            "formality"
            if latest_oa is not None and latest_oa.code == "formality_deficiency_notified"
            else ("substantive" if latest_oa is not None else None)
        ),
        grant_notice_date=(
            last["intended_grant_notified"].event_date if "intended_grant_notified" in last else None
        ),
        grant_date=file.registration_date,
        route=str(file.filing_route) if file.filing_route else None,
        mark_kind=str(file.mark_kind) if file.mark_kind else None,
    )


def _pending_steps(status: Status, right: RightKind) -> list[str]:
    steps = list(PENDING_STEPS.get(status, ()))
    if right.is_patent and status in _PATENT_REQUEST_STATUSES and "examination_request" not in steps:
        steps.append("examination_request")
    if status in _OPPOSABLE:
        steps.append("opposition")
    return steps


AUTO_ACCEPT_REGIMES = frozenset({"vn-2026"})


def moved_on(regime: str | None, status: Status, sched: Any, today: date) -> bool:
    """True when a file filed under Law 131/2025 has passed its formality period without a notice: there is no
    acceptance decision any more, so the file is treated as formally valid and waits for publication."""
    if regime not in AUTO_ACCEPT_REGIMES or status is not Status.FILED or sched is None:
        return False
    formality = next((d for d in sched.deadlines if d.step == "formality_examination"), None)
    return formality is not None and today > formality.due


def file_clock(file: IPFile, today: date, lang: str = "vi") -> FileClock:
    """The pending steps of ``file`` with their legal deadlines, as of ``today``."""
    status = Status(file.status)
    right = RightKind(file.right_kind)
    steps = _pending_steps(status, right)
    if right.is_patent and any(e.code == "examination_requested" for e in file.events):
        steps = [s for s in steps if s != "examination_request"]
    if not steps:
        return FileClock(file.application_number, status.value, file.regime_id, today, ())
    sched = lawlink.schedule_for(file_dates(file))
    if sched is None:
        return FileClock(
            file.application_number,
            status.value,
            file.regime_id,
            today,
            (),
            note="the law module offers no schedule",
        )
    if moved_on(file.regime_id, status, sched, today):
        steps = ["publication" if st == "formality_examination" else st for st in steps]
    entries: list[ClockEntry] = []
    for step in steps:
        found = [d for d in sched.deadlines if d.step == step]
        if step == "annuity":  # the first unpaid validity year (overdue once its grace has passed)
            from ipoffice.office.annuities import paid_years

            paid = paid_years(file)
            found = [d for d in found if d.occurrence not in paid][:1]
        elif step == "renewal":
            found = [d for d in found if (d.grace_end or d.due) >= today][:1]  # the next one only
        for d in found[:1] if step not in ("annuity", "renewal") else found:
            if step == "opposition" and d.due < today:
                continue  # a closed window is not a pending step
            entries.append(
                ClockEntry(
                    step=d.step,
                    label=d.label(lang),
                    party=str(d.party),
                    due=d.due,
                    anchor=d.anchor,
                    anchor_date=d.anchor_date,
                    basis=d.basis,
                    elapsed_days=(today - d.anchor_date).days,
                    days_left=(d.due - today).days,
                    overdue=today > d.due,
                    window_start=d.window_start,
                    verify=bool(d.verify or d.calendar_projected or d.anchor_projected),
                    occurrence=d.occurrence,
                )
            )
    return FileClock(file.application_number, status.value, sched.regime, today, tuple(entries))


# --- the office's backlog ----------------------------------------------------------------------------------


@dataclass
class BacklogRow:
    right: str
    step: str
    count: int
    median_age_days: float
    p90_age_days: float
    median_limit_days: float | None
    overdue: int
    share_overdue: float
    pendency_ratio: float | None  # median age / median statutory limit
    buckets: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Backlog:
    today: date
    rows: list[BacklogRow]
    files: int
    without_deadline: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "files": self.files,
            "without_deadline": self.without_deadline,
            "buckets": [b for b, _ in AGE_BUCKETS],
            "rows": [r.to_dict() for r in self.rows],
        }


def _percentile(sorted_values: list[int], q: float) -> float:
    """Linear-interpolated percentile of a sorted list (numpy's default method)."""
    if not sorted_values:
        return 0.0
    pos = (len(sorted_values) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def _bucket(age: int) -> str:
    return next(name for name, upper in AGE_BUCKETS if age < upper)


def pending_rows(session: Session) -> list[Any]:
    """Every file in an office step with the dates its deadline needs: one statement, no query per file."""

    def last(code: str) -> Any:
        return func.max(case((Event.code == code, Event.event_date), else_=None))

    ev = (
        select(
            Event.file_id.label("file_id"),
            type_coerce(last("formality_accepted"), Date).label("accepted"),
            type_coerce(last("examination_requested"), Date).label("requested"),
        )
        .group_by(Event.file_id)
        .subquery()
    )
    pr = (
        select(
            PriorityClaim.file_id.label("file_id"), func.min(PriorityClaim.priority_date).label("priority")
        )
        .group_by(PriorityClaim.file_id)
        .subquery()
    )
    stmt = (
        select(
            IPFile.id,
            IPFile.right_kind,
            IPFile.status,
            IPFile.regime_id,
            IPFile.filing_date,
            IPFile.publication_date,
            IPFile.filing_route,
            pr.c.priority,
            ev.c.accepted,
            ev.c.requested,
        )
        .outerjoin(ev, ev.c.file_id == IPFile.id)
        .outerjoin(pr, pr.c.file_id == IPFile.id)
        .where(IPFile.status.in_([s.value for s in OFFICE_STEPS]))
    )
    return list(session.execute(stmt))


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def backlog(session: Session, today: date, rights: Iterable[RightKind] | None = None) -> Backlog:
    """The office's backlog by right and step, against the statutory limits, as of ``today``."""
    wanted = {RightKind(r) for r in rights} if rights else None
    rows = [r for r in pending_rows(session) if wanted is None or RightKind(r.right_kind) in wanted]
    dates = [
        lawlink.FileDates(
            right=RightKind(r.right_kind),
            filing_date=_as_date(r.filing_date) or today,
            priority_date=_as_date(r.priority),
            acceptance_date=_as_date(r.accepted),
            publication_date=_as_date(r.publication_date),
            examination_request_date=_as_date(r.requested),
            route=str(r.filing_route) if r.filing_route else None,
        )
        for r in rows
    ]
    schedules = lawlink.schedules_for(dates)
    groups: dict[tuple[str, str], list[tuple[int, int | None, bool]]] = defaultdict(list)
    without = 0
    for r, d, sched in zip(rows, dates, schedules, strict=True):
        step = OFFICE_STEPS[Status(r.status)]
        if moved_on(r.regime_id, Status(r.status), sched, today):
            step = "publication"
        deadline = next((x for x in sched.deadlines if x.step == step), None) if sched is not None else None
        if deadline is not None:
            anchor = deadline.anchor_date
            limit: int | None = (deadline.due - anchor).days
            overdue = today > deadline.due
        else:
            without += 1
            anchor = {
                "formality_examination": d.filing_date,
                "publication": d.acceptance_date or d.filing_date,
            }.get(step, d.publication_date or d.filing_date)
            limit, overdue = None, False
        groups[(str(RightKind(r.right_kind)), step)].append(((today - anchor).days, limit, overdue))
    out: list[BacklogRow] = []
    order = {s: i for i, s in enumerate(["formality_examination", "publication", "substantive_examination"])}
    for (right, step), items in sorted(groups.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], 9))):
        ages = sorted(a for a, _, _ in items)
        limits = [lim for _, lim, _ in items if lim is not None]
        n_over = sum(1 for _, _, o in items if o)
        med_limit = float(median(limits)) if limits else None
        med_age = float(median(ages))
        buckets = {name: 0 for name, _ in AGE_BUCKETS}
        for a in ages:
            buckets[_bucket(a)] += 1
        out.append(
            BacklogRow(
                right=right,
                step=step,
                count=len(items),
                median_age_days=med_age,
                p90_age_days=round(_percentile(ages, 0.9), 1),
                median_limit_days=med_limit,
                overdue=n_over,
                share_overdue=round(n_over / len(items), 4),
                pendency_ratio=round(med_age / med_limit, 3) if med_limit else None,
                buckets=buckets,
            )
        )
    return Backlog(today=today, rows=out, files=len(rows), without_deadline=without)
