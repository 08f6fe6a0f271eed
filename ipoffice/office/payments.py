"""Fees raised on a file and the payments that settle them (idempotent by key).

- At the notice of intended grant the office raises the grant fees of the tariff in force (grant, registration,
  publication, extra classes or claims) and, for patents, the first annuity, which is paid with them; each is
  due on the law's ``grant_fee_payment`` deadline (Law on IP Art. 118). :func:`grant_fees_unpaid` is what
  ``grant`` checks: no protection title while one of them is unpaid.
- A payment names its fee and carries an idempotency key (a gateway's notification, a counter receipt): the
  same key again returns the first payment and writes nothing; the same key for another fee is a ``Conflict``.

Replaying history: a transaction opened with ``purpose`` in :data:`HISTORY_PURPOSES` (``transaction(engine, actor,
purpose="demo")``, a register migration) records past grants and annuities whose payments were settled outside
this register: the checks are skipped and the event says so (``fees_settled_elsewhere``). Every other
transaction is checked.

A fee row's ``description`` starts with its purpose (``grant:``, ``annuity N:``, ``restoration N:``); the stage
is not a column of ``fees``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipoffice.core import i18n
from ipoffice.core.errors import Conflict, UserError
from ipoffice.core.rights import RightKind
from ipoffice.office.record import get_file
from ipoffice.store.kinds import ClassificationScheme
from ipoffice.store.models import Fee, IPFile, Payment

GRANT = "grant:"
HISTORY_PURPOSES = frozenset({"demo", "import", "migration"})
GRANT_RULE = "Luật SHTT Art. 118; Circular 263/2016/TT-BTC"

i18n.register(
    {
        "office.fee.unpaid": {
            "vi": "Chưa nộp phí {fee} ({amount} VND, hạn {due}) của hồ sơ {number}",
            "en": "The fee {fee} ({amount} VND, due {due}) of file {number} is not paid",
        },
        "office.fee.not_found": {
            "vi": "Hồ sơ {number} không có khoản phí {fee} chưa nộp",
            "en": "File {number} has no unpaid fee {fee}",
        },
        "office.payment.key_reused": {
            "vi": "Mã thanh toán {payment_key} đã được dùng cho khoản khác ({other})",
            "en": "The payment key {payment_key} was already used for something else ({other})",
        },
        "office.payment.short": {
            "vi": "Số tiền {amount} VND ít hơn khoản phí {fee} ({due_amount} VND)",
            "en": "The amount {amount} VND is less than the fee {fee} ({due_amount} VND)",
        },
    }
)


@dataclass(frozen=True)
class PaymentResult:
    """A settled payment (plain data: usable after the transaction closed). ``replayed``: the key was known."""

    key: str
    fee_code: str
    amount: int
    paid_date: date
    replayed: bool = False


def _fee_request(file: IPFile, **extra: Any) -> Any:
    from ipoffice.law import FilingRequest

    d = file.details or {}
    nice = [c for c in file.classifications if c.scheme == ClassificationScheme.NICE]
    return FilingRequest(
        right=RightKind(file.right_kind),
        classes=max(1, len(nice)),
        independent_claims=max(1, int(d.get("independent_claims", 1))),
        design_variants=max(1, int(d.get("design_variants", 1))),
        **extra,
    )


def _grant_fee_due(file: IPFile, notice: date) -> date:
    """The law's ``grant_fee_payment`` deadline counted from the notice (the notice date when none applies)."""
    from ipoffice.office import lawlink
    from ipoffice.office.clock import file_dates

    try:
        sched = lawlink.schedule_for(file_dates(file))
    except UserError:
        sched = None
    found = [d for d in (sched.deadlines if sched else ()) if d.step == "grant_fee_payment"]
    return found[0].due if found else notice


def grant_fee_values(file: Any, notice: date) -> list[dict[str, Any]]:
    """The :class:`Fee` values the notice of intended grant of ``notice`` raises on ``file`` (an :class:`IPFile` or
    a row with the same attributes): the grant fees and a patent's first annuity under the tariff in force, due on
    the law's ``grant_fee_payment`` deadline. None for a second notice, nor before the first modelled tariff
    (1 January 2017: historic files)."""
    from ipoffice.law import Stage, fee_quote, maintenance_fee_quote

    right = RightKind(file.right_kind)
    if any(raised_at_grant(f) for f in file.fees):
        return []  # a second notice (e.g. after a revival) raises nothing new
    try:
        q = fee_quote(_fee_request(file), on=notice, stages=(Stage.GRANT,))
        lines = list(q.lines)
        if right.is_patent:
            lines += list(maintenance_fee_quote(_fee_request(file, annuity_year=1), on=notice).lines)
    except UserError as err:
        if err.code == "law.no_tariff":
            return []
        raise
    due = _grant_fee_due(file, notice)
    return [
        {
            "fee_code": x.code,
            "description": f"{'annuity 1:' if x.stage is Stage.ANNUITY else GRANT} {x.label_vi} "
            f"({q.tariff_id}{', verify' if x.verify else ''})",
            "quantity": x.quantity,
            "amount_vnd": x.amount,
            "regime_id": file.regime_id,
            "due_date": due,
        }
        for x in lines
    ]


def raise_grant_fees(session: Session, file: IPFile, notice: date) -> list[Fee]:
    """Raise the grant fees (and a patent's first annuity) under the tariff in force on ``notice``
    (:func:`grant_fee_values`)."""
    rows = [Fee(file=file, **values) for values in grant_fee_values(file, notice)]
    for row in rows:
        session.add(row)
    session.flush()
    return rows


def replaying_history(session: Session) -> bool:
    """Whether ``session`` records past events whose fees were paid outside this register (see module doc)."""
    return session.info.get("purpose") in HISTORY_PURPOSES


def raised_at_grant(fee: Fee) -> bool:
    """A fee raised by the notice of intended grant (the grant fees and a patent's first annuity)."""
    desc = fee.description or ""
    return desc.startswith(GRANT) or desc.startswith("annuity 1:")


def grant_fees_unpaid(file: IPFile) -> list[Fee]:
    return [f for f in file.fees if raised_at_grant(f) and f.status == "due"]


def _existing(session: Session, key: str) -> Payment | None:
    return session.scalars(select(Payment).where(Payment.idempotency_key == key)).first()


def settle(
    session: Session,
    file: IPFile,
    fee: Fee,
    *,
    on: date,
    key: str,
    amount: int | None = None,
    gateway: str = "counter",
    reference: str | None = None,
    actor: str | None = None,
) -> PaymentResult:
    """Record a payment of ``fee`` under ``key`` and mark the fee paid; a known key returns the first payment."""
    known = _existing(session, key)
    if known is not None:
        if known.fee_id != fee.id:
            other = known.fee.fee_code if known.fee is not None else str(known.fee_id)
            raise Conflict(
                "office.payment.key_reused", field="key", rule="idempotency key", payment_key=key, other=other
            )
        return PaymentResult(key, fee.fee_code, known.amount_vnd, known.paid_date, replayed=True)
    paid = fee.amount_vnd if amount is None else amount
    if paid < fee.amount_vnd:
        raise UserError(
            "office.payment.short",
            field="amount",
            rule=GRANT_RULE,
            amount=paid,
            fee=fee.fee_code,
            due_amount=fee.amount_vnd,
        )
    session.add(
        Payment(
            fee=fee,
            file_id=file.id,
            amount_vnd=paid,
            paid_date=on,
            gateway=gateway,
            reference=reference,
            idempotency_key=key,
            details={"recorded_by": actor} if actor else {},
        )
    )
    fee.status = "paid"
    fee.paid_date = on
    session.flush()
    return PaymentResult(key, fee.fee_code, paid, on)


def pay_fee(
    session: Session,
    number: str,
    fee_code: str,
    *,
    on: date,
    key: str,
    amount: int | None = None,
    gateway: str = "counter",
    reference: str | None = None,
    actor: str | None = None,
) -> PaymentResult:
    """Pay the (oldest) unpaid fee ``fee_code`` of file ``number``; idempotent by ``key``."""
    file = get_file(session, number)
    known = _existing(session, key)
    if (
        known is not None
        and known.fee is not None
        and known.fee.file_id == file.id
        and known.fee.fee_code == fee_code
    ):
        return PaymentResult(key, fee_code, known.amount_vnd, known.paid_date, replayed=True)
    fee = next((f for f in file.fees if f.fee_code == fee_code and f.status == "due"), None)
    if fee is None:
        raise UserError(
            "office.fee.not_found", field="fee_code", rule=GRANT_RULE, number=number, fee=fee_code
        )
    return settle(
        session, file, fee, on=on, key=key, amount=amount, gateway=gateway, reference=reference, actor=actor
    )


def pay_grant_fees(
    session: Session, number: str, *, on: date, key: str, gateway: str = "counter", actor: str | None = None
) -> list[PaymentResult]:
    """Pay every unpaid fee raised by the notice of intended grant (keys ``{key}:{fee_code}``); idempotent."""
    file = get_file(session, number)
    out = []
    for fee in file.fees:
        if not raised_at_grant(fee):
            continue
        sub = f"{key}:{fee.fee_code}"
        if fee.status != "due" and _existing(session, sub) is None:
            continue
        out.append(settle(session, file, fee, on=on, key=sub, gateway=gateway, actor=actor))
    return out


def require_grant_fees_paid(file: IPFile) -> None:
    """``Conflict`` naming the first unpaid fee raised at the notice of intended grant (Art. 118)."""
    unpaid = grant_fees_unpaid(file)
    if unpaid:
        fee = unpaid[0]
        raise Conflict(
            "office.fee.unpaid",
            field="fees",
            rule=GRANT_RULE,
            fee=fee.fee_code,
            amount=f"{fee.amount_vnd:,}",
            due=fee.due_date.isoformat() if fee.due_date else "—",
            number=file.application_number,
        )
