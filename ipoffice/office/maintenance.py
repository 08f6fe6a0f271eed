"""Keeping a right alive or ending it, and the applicant's own moves on an application.

Annuities for patents and renewals for marks and designs (Law on IP Art. 94), lapse for non-payment and
restoration (Art. 95), expiry (Art. 93), surrender (Art. 95(1)(b)); withdrawal (Art. 116), deemed withdrawal
(Art. 113(4), 118(2)), amendment and division (Art. 115).
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from sqlalchemy.orm import Session

from ipoffice.core import i18n
from ipoffice.core.errors import Conflict, UserError
from ipoffice.core.legaltime import add_months
from ipoffice.core.rights import RightKind
from ipoffice.office.annuities import annuity_deadlines, first_unpaid, paid_years
from ipoffice.office.events import EventCode as E
from ipoffice.office.lawlink import regime_id_for
from ipoffice.office.payments import replaying_history
from ipoffice.office.record import get_file, record_event, replay, step
from ipoffice.office.workflow import apply
from ipoffice.store.models import Event, Fee, FileParty, IPFile, PriorityClaim
from ipoffice.store.numbering import allocate_application_number

# Art. 93(3)-(4): a design is renewed for 5 years at a time, a mark for 10 years.
RENEWAL_YEARS: dict[RightKind, int] = {RightKind.DESIGN: 5, RightKind.TRADEMARK: 10}


i18n.register(
    {
        "office.annuity.with_grant": {
            "vi": "Phí duy trì năm hiệu lực thứ nhất được nộp cùng phí cấp văn bằng",
            "en": "The first validity year's annuity is paid with the grant fees",
        },
        "office.annuity.no_such_year": {
            "vi": "Văn bằng {number} không có năm hiệu lực thứ {year}",
            "en": "Title {number} has no validity year {year}",
        },
        "office.annuity.already_paid": {
            "vi": "Phí duy trì năm thứ {year} của {number} đã được nộp",
            "en": "The annuity for year {year} of {number} is already paid",
        },
        "office.annuity.earlier_unpaid": {
            "vi": "Phải nộp phí duy trì năm thứ {earlier} trước năm thứ {year}",
            "en": "The annuity for year {earlier} must be paid before year {year}",
        },
        "office.annuity.too_early": {
            "vi": "Phí duy trì năm thứ {year} chỉ được nộp từ ngày {opens} (hạn {due})",
            "en": "The annuity for year {year} can be paid from {opens} (due {due})",
        },
        "office.annuity.after_grace": {
            "vi": "Đã hết thời hạn nộp muộn phí duy trì năm thứ {year} ({grace_end}); văn bằng chấm dứt hiệu lực",
            "en": "The grace period for the year {year} annuity ended on {grace_end}; the right has lapsed",
        },
        "office.restore.too_late": {
            "vi": "Yêu cầu khôi phục phải nộp trước ngày {due} (năm hiệu lực {year})",
            "en": "Restoration had to be requested by {due} (validity year {year})",
        },
        "office.restore.nothing_unpaid": {
            "vi": "Văn bằng {number} không có năm hiệu lực nào chưa nộp phí",
            "en": "Title {number} has no unpaid validity year",
        },
    }
)


def _annuity_fee(
    session: Session, file: IPFile, year: int, on: date, due: date, purpose: str, key: str
) -> int:
    """Raise and settle the fee of the annuity for ``year`` (with the late surcharge when ``on`` > ``due``);
    nothing when no tariff was in force (a historic payment). Returns the amount."""
    from ipoffice.law import maintenance_fee_quote
    from ipoffice.office.payments import _fee_request, settle

    try:
        q = maintenance_fee_quote(_fee_request(file, annuity_year=year), on=on, due=due)
    except UserError as err:
        if err.code == "law.no_tariff":
            return 0
        raise
    fee = Fee(
        file=file,
        fee_code=f"annuity_{year}",
        description=f"{purpose} {year}: ({q.tariff_id}, verify)",
        quantity=1,
        amount_vnd=q.total,
        regime_id=file.regime_id,
        due_date=due,
    )
    session.add(fee)
    session.flush()
    settle(session, file, fee, on=on, key=key)
    return q.total


def _history_year(file: IPFile, on: date, given: int, deadlines: dict[int, Any] | None = None) -> int:
    """The validity year (counted from the grant date) a replayed payment of ``on`` was for: the earliest unpaid
    year whose grace had not ended (an early payment is taken as history, not refused); ``given`` when there is
    none. A migrated register may number the years otherwise (e.g. from the filing anniversary); the register
    keeps the law's count."""
    paid = paid_years(file)
    found = annuity_deadlines(file) if deadlines is None else deadlines
    for year, d in sorted(found.items()):
        if year not in paid and on <= (d.grace_end or d.due):
            return int(year)
    return given


def annuity_key(file: Any, year: int) -> str:
    """The default idempotency key of an annuity payment."""
    return f"annuity:{file.application_number}:{year}"


def paid_annuity(file: Any, key: str) -> Any | None:
    """The ``annuity_paid`` event already recorded under ``key``, if any."""
    for ev in file.events:
        if ev.code == E.ANNUITY_PAID.value and (ev.payload or {}).get("payment_key") == key:
            return ev
    return None


def replayed_annuity_payload(
    file: Any, on: date, year: int, key: str, deadlines: dict[int, Any] | None = None
) -> dict[str, Any]:
    """The payload of a past annuity payment settled outside this register (replaying history): the year it was
    for by the law's count (:func:`_history_year`), the key, and that the fees were settled elsewhere.
    ``deadlines``: the file's :func:`annuity_deadlines` when the caller has them."""
    payload: dict[str, Any] = {
        "year": _history_year(file, on, year, deadlines),
        "payment_key": key,
        "fees_settled_elsewhere": True,
    }
    if payload["year"] != year:
        payload["year_as_given"] = year
    return payload


def renewed_expiry(file: Any) -> date | None:
    """The expiry date after one more renewal period (Art. 93(3)-(4)); ``None`` when it does not move."""
    years = RENEWAL_YEARS.get(RightKind(file.right_kind))
    return add_months(file.expiry_date, 12 * years) if years and file.expiry_date else None


def pay_annuity(
    session: Session, number: str, *, on: date, actor: str, year: int, key: str | None = None, **kw: Any
) -> Event:
    """Pay the annuity of validity ``year`` of a granted patent, checked against the law's schedule.

    Year 1 is paid with the grant fees; later years in order, from 6 months before the year starts; after its
    start, within the 6-month grace with the surcharge of the tariff; after the grace: refused (the right lapses
    through the sweep, Art. 95(1)(a)). Idempotent by ``key`` (default ``annuity:<number>:<year>``).
    """
    file = get_file(session, number)
    right = RightKind(file.right_kind)
    apply(replay(file), E.ANNUITY_PAID, right, file.regime_id or "")  # a granted patent, or a Conflict
    key = key or annuity_key(file, year)
    known = paid_annuity(file, key)
    if known is not None:
        return cast(Event, known)  # the same payment again
    if replaying_history(session):
        payload = replayed_annuity_payload(file, on, year, key)
        return record_event(session, file, E.ANNUITY_PAID, on=on, actor=actor, payload=payload, **kw)
    rule = "Luật SHTT Art. 94(1)"
    if year == 1:
        raise Conflict("office.annuity.with_grant", field="year", rule="Luật SHTT Art. 94(1), 118")
    deadlines = annuity_deadlines(file)
    d = deadlines.get(year)
    if d is None:
        raise UserError(
            "office.annuity.no_such_year",
            field="year",
            rule="Luật SHTT Art. 93(2)-(3)",
            number=number,
            year=year,
        )
    if year in paid_years(file):
        raise Conflict("office.annuity.already_paid", field="year", rule=rule, number=number, year=year)
    earlier = first_unpaid(file, deadlines)
    if earlier is not None and earlier[0] < year:
        raise Conflict(
            "office.annuity.earlier_unpaid", field="year", rule=rule, earlier=earlier[0], year=year
        )
    if d.window_start and on < d.window_start:
        raise Conflict(
            "office.annuity.too_early",
            field="on",
            rule=rule,
            year=year,
            opens=d.window_start.isoformat(),
            due=d.due.isoformat(),
        )
    if d.grace_end and on > d.grace_end:
        raise Conflict(
            "office.annuity.after_grace",
            field="on",
            rule="Luật SHTT Art. 94(1), 95(1)(a)",
            year=year,
            grace_end=d.grace_end.isoformat(),
        )
    amount = _annuity_fee(session, file, year, on, d.due, "annuity", key)
    payload = {
        "year": year,
        "due": d.due.isoformat(),
        "late": on > d.due,
        "amount_vnd": amount,
        "payment_key": key,
    }
    return record_event(session, file, E.ANNUITY_PAID, on=on, actor=actor, payload=payload, **kw)


def renew(session: Session, number: str, *, on: date, actor: str, **kw: Any) -> Event:
    """Renew a mark or design: the expiry date moves on by one renewal period."""
    file = get_file(session, number)
    event = record_event(session, file, E.RENEWED, on=on, actor=actor, **kw)
    expiry = renewed_expiry(file)
    if expiry is not None:
        file.expiry_date = expiry
        session.flush()
    return event


def lapse(session: Session, number: str, *, on: date, actor: str, **kw: Any) -> Event:
    return step(session, number, E.LAPSED, on=on, actor=actor, **kw)


def restore(
    session: Session, number: str, *, on: date, actor: str, key: str | None = None, **kw: Any
) -> Event:
    """Restore a lapsed title. A patent lapsed for an unpaid annuity: within the law's restoration period after
    the grace (``ipoffice.law.restoration_end``), paying that annuity with the full grace surcharge; the year
    then counts as paid. Other rights: the step alone [verify]."""
    file = get_file(session, number)
    right = RightKind(file.right_kind)
    apply(replay(file), E.RESTORED, right, file.regime_id or "")
    if not right.is_patent or file.registration_date is None:
        return record_event(session, file, E.RESTORED, on=on, actor=actor, **kw)
    from ipoffice.law import FileFacts, restoration_end

    missed = first_unpaid(file)
    if missed is None:
        raise Conflict(
            "office.restore.nothing_unpaid", field="number", rule="Luật SHTT Art. 95", number=number
        )
    year = missed[0]
    window = restoration_end(
        FileFacts(right, filing_date=file.filing_date, grant_date=file.registration_date), year
    )
    if window is not None and on > window.due:
        raise Conflict(
            "office.restore.too_late", field="on", rule=window.basis, due=window.due.isoformat(), year=year
        )
    key = key or f"restoration:{file.application_number}:{year}"
    due = window.annuity_due if window else missed[1].due
    grace_end = window.grace_end if window else on
    amount = _annuity_fee(session, file, year, grace_end, due, "restoration", key)
    payload = {
        "year": year,
        "amount_vnd": amount,
        "payment_key": key,
        "restoration_due": window.due.isoformat() if window else None,
        "verify": True,
    }
    return record_event(session, file, E.RESTORED, on=on, actor=actor, payload=payload, **kw)


def expire(session: Session, number: str, *, on: date, actor: str, **kw: Any) -> Event:
    return step(session, number, E.EXPIRED, on=on, actor=actor, **kw)


def surrender(session: Session, number: str, *, on: date, actor: str, **kw: Any) -> Event:
    return step(session, number, E.SURRENDERED, on=on, actor=actor, **kw)


def withdraw(session: Session, number: str, *, on: date, actor: str, **kw: Any) -> Event:
    return step(session, number, E.WITHDRAWN, on=on, actor=actor, **kw)


def deem_withdrawn(
    session: Session, number: str, *, on: date, actor: str, reason: str = "", **kw: Any
) -> Event:
    return step(session, number, E.DEEMED_WITHDRAWN, on=on, actor=actor, payload={"reason": reason}, **kw)


def amend(
    session: Session, number: str, *, on: date, actor: str, changes: dict[str, Any] | None = None, **kw: Any
) -> Event:
    return step(
        session, number, E.AMENDED, on=on, actor=actor, payload={"changes": dict(changes or {})}, **kw
    )


def divide(
    session: Session,
    number: str,
    *,
    on: date,
    actor: str,
    title: str | None = None,
    today: date | None = None,
    expected_version: int | None = None,
) -> tuple[Event, IPFile]:
    """Divide an application (Art. 115(1)): a new file keeps the parent's filing and priority dates."""
    parent = get_file(session, number)
    event = record_event(
        session, parent, E.DIVIDED, on=on, actor=actor, today=today, expected_version=expected_version
    )
    right = RightKind(parent.right_kind)
    child = IPFile(
        application_number=allocate_application_number(session, right, on.year),
        right_kind=right,
        mark_kind=parent.mark_kind,
        title=title or parent.title,
        mark_text=parent.mark_text,
        filing_date=parent.filing_date,
        filing_route=parent.filing_route,
        regime_id=parent.regime_id or regime_id_for(right, parent.filing_date),
        parent_id=parent.id,
        details={"divided_from": parent.application_number, "division_date": on.isoformat()},
    )
    session.add(child)
    for fp in parent.parties:
        child.parties.append(FileParty(party=fp.party, role=fp.role, position=fp.position))
    for pc in parent.priority_claims:
        child.priority_claims.append(
            PriorityClaim(
                kind=pc.kind,
                country=pc.country,
                number=pc.number,
                priority_date=pc.priority_date,
                position=pc.position,
            )
        )
    session.flush()
    record_event(
        session,
        child,
        E.FILED,
        on=on,
        actor=actor,
        today=today,
        payload={"divided_from": parent.application_number},
    )
    return event, child
