"""Requests an applicant or owner makes from the web, and a third party's opposition.

- renewal of a mark or design (Law on IP Art. 93-94) with the fee of the tariff, the late surcharge during the
  grace period (``ipoffice.law.maintenance_fee_quote``), paid through the test gateway;
- the next annuity of a granted patent (``ipoffice.office.maintenance.pay_annuity`` checks the schedule);
- recordal requests (assignment, licence, pledge, change of name or address, Art. 97, 138-148) kept in
  ``web_requests`` until a registrar approves them into the register through ``ipoffice.office.recordals``;
- an opposition by a third party within the window (``ipoffice.office.disputes.open_opposition``, Art. 112a).

Each function runs inside the caller's transaction: an error leaves nothing written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipoffice.core.errors import Conflict, UserError
from ipoffice.core.rights import RightKind
from ipoffice.office.events import EventCode as E
from ipoffice.office.filing import PartyInput
from ipoffice.office.record import get_file, replay
from ipoffice.office.workflow import apply
from ipoffice.store.models import Event, Fee, IPFile, WebRequest

RECORDAL_KINDS: dict[str, E] = {
    "assignment": E.ASSIGNMENT_RECORDED,
    "licence": E.LICENCE_RECORDED,
    "pledge": E.PLEDGE_RECORDED,
    "change_name": E.NAME_CHANGED,
    "change_address": E.ADDRESS_CHANGED,
}
RECORDAL_BASIS = "Luật SHTT Art. 97, 138-148"
RENEWAL_RULE = "Luật SHTT Art. 94"
OPPOSITION_RULE = "Luật SHTT Art. 112a"


@dataclass(frozen=True)
class MaintenanceDue:
    """The renewal or annuity the holder may pay now (or soon), with its fee as of ``on``."""

    kind: str  # "renewal" | "annuity"
    occurrence: int  # renewal number, or validity year
    window_start: date | None
    due: date
    grace_end: date | None
    on: date
    amount_vnd: int | None  # None when no tariff is in force
    late: bool
    basis: str
    verify: bool

    @property
    def open(self) -> bool:
        return (self.window_start is None or self.on >= self.window_start) and self.on <= (
            self.grace_end or self.due
        )


def _schedule(f: IPFile) -> Any:
    from ipoffice.office import lawlink
    from ipoffice.office.clock import file_dates

    try:
        return lawlink.schedule_for(file_dates(f))
    except UserError:
        return None


def _quote(f: IPFile, on: date, due: date, **extra: Any) -> int | None:
    from ipoffice.law import maintenance_fee_quote
    from ipoffice.office.payments import _fee_request

    try:
        return int(
            maintenance_fee_quote(
                _fee_request(f, **extra), on=on, due=due, renewal="annuity_year" not in extra
            ).total
        )
    except UserError:
        return None  # no tariff, or beyond the grace (the caller refuses with its own message)


def next_renewal(f: IPFile, on: date) -> MaintenanceDue | None:
    """The next renewal of a granted mark or design: the law's ``renewal`` deadline after those already made."""
    if f.status != "granted" or RightKind(f.right_kind) not in (RightKind.TRADEMARK, RightKind.DESIGN):
        return None
    sched = _schedule(f)
    if sched is None:
        return None
    done = sum(1 for e in f.events if e.code == E.RENEWED.value)
    found = [d for d in sched.deadlines if d.step == "renewal" and (d.occurrence or 0) == done + 1]
    if not found:
        return None
    d = found[0]
    amount = _quote(f, min(on, d.grace_end or on), d.due)
    return MaintenanceDue(
        "renewal",
        done + 1,
        d.window_start,
        d.due,
        d.grace_end,
        on,
        amount,
        on > d.due,
        d.basis,
        bool(d.verify),
    )


def next_annuity(f: IPFile, on: date) -> MaintenanceDue | None:
    """The first unpaid annuity of a granted patent (``ipoffice.office.annuities``)."""
    from ipoffice.office.annuities import first_unpaid

    if f.status != "granted" or not RightKind(f.right_kind).is_patent:
        return None
    found = first_unpaid(f)
    if found is None:
        return None
    year, d = found
    amount = _quote(f, min(on, d.grace_end or on), d.due, annuity_year=year)
    return MaintenanceDue(
        "annuity",
        year,
        d.window_start,
        d.due,
        d.grace_end,
        on,
        amount,
        on > d.due,
        d.basis,
        bool(getattr(d, "verify", False)),
    )


def maintenance_due(f: IPFile, on: date) -> MaintenanceDue | None:
    return next_renewal(f, on) or next_annuity(f, on)


def renew_with_fee(session: Session, number: str, *, on: date, actor: str) -> Event:
    """Renew a mark or design: raise the renewal fee (with the late surcharge in the grace), settle it through the
    test gateway and record the renewal; the expiry moves on. A second call for the same term is refused."""
    from ipoffice.office.maintenance import renew
    from ipoffice.office.payments import settle

    f = get_file(session, number, for_update=True)
    due = next_renewal(f, on)
    if due is None:
        raise Conflict("web.renewal.none", field="kind", rule=RENEWAL_RULE, number=number)
    if due.window_start and on < due.window_start:
        raise Conflict(
            "web.renewal.too_early",
            field="kind",
            rule=RENEWAL_RULE,
            opens=due.window_start.isoformat(),
            due=due.due.isoformat(),
        )
    if on > (due.grace_end or due.due):
        raise Conflict(
            "web.renewal.after_grace",
            field="kind",
            rule="Luật SHTT Art. 94(2), 95(1)(a)",
            grace_end=(due.grace_end or due.due).isoformat(),
        )
    key = f"web-renewal:{f.application_number}:{due.occurrence}"
    amount = due.amount_vnd or 0
    if due.amount_vnd is not None:
        fee = Fee(
            file=f,
            fee_code=f"renewal_{due.occurrence}",
            quantity=1,
            amount_vnd=amount,
            description=f"renewal {due.occurrence} (verify)",
            regime_id=f.regime_id,
            due_date=due.due,
        )
        session.add(fee)
        session.flush()
        settle(session, f, fee, on=on, key=key, gateway="test", actor=actor)
    payload = {
        "occurrence": due.occurrence,
        "due": due.due.isoformat(),
        "late": due.late,
        "amount_vnd": amount,
        "payment_key": key,
    }
    return renew(session, number, on=on, actor=actor, payload=payload)


def pay_next_annuity(session: Session, number: str, *, on: date, actor: str) -> Event:
    """Pay the first unpaid annuity (the office checks window, grace and surcharge)."""
    from ipoffice.office.maintenance import pay_annuity

    f = get_file(session, number, for_update=True)
    due = next_annuity(f, on)
    if due is None:
        raise Conflict("web.annuity.none", field="kind", rule="Luật SHTT Art. 94(1)", number=number)
    return pay_annuity(session, number, on=on, actor=actor, year=due.occurrence)


# --- recordals: requested by the holder, approved by a registrar ---------------------------------------------


def _text(form: dict[str, str], name: str) -> str:
    return (form.get(name) or "").strip()


def _date(form: dict[str, str], name: str) -> date | None:
    raw = _text(form, name)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as err:
        raise UserError("web.form.bad_date", field=name, rule="ISO 8601", value=raw) from err


def recordal_details(kind: str, form: dict[str, str]) -> dict[str, Any]:
    """The checked details of a recordal request (what the registrar will record)."""
    if kind not in RECORDAL_KINDS:
        raise UserError("web.recordal.bad_kind", field="kind", rule=RECORDAL_BASIS, value=kind)
    if kind.startswith("change_"):
        field = "new_name" if kind == "change_name" else "new_address"
        value = _text(form, field)
        if not value:
            raise UserError("web.form.required", field=field, rule="Luật SHTT Art. 97(1)(a)")
        return {field: value[:500]}
    name = _text(form, "party_name")
    if not name:
        raise UserError("web.form.required", field="party_name", rule=RECORDAL_BASIS)
    out: dict[str, Any] = {
        "party": {
            "name": name[:255],
            "address": _text(form, "party_address")[:500] or None,
            "country": (_text(form, "party_country") or "VN")[:2].upper(),
            "kind": "person" if form.get("party_kind") == "person" else "organisation",
        },
    }
    start, end = _date(form, "start"), _date(form, "end")
    if kind == "licence":
        if start and end and end < start:
            raise UserError(
                "office.recordal.licence_term",
                field="end",
                rule="Luật SHTT Art. 144(1)",
                start=start.isoformat(),
                end=end.isoformat(),
            )
        out |= {
            "exclusive": form.get("exclusive") in ("1", "on", "true"),
            "territory": (_text(form, "territory") or "VN")[:64],
            "scope": _text(form, "scope")[:500],
            "start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None,
        }
    if kind == "pledge":
        raw = _text(form, "secured_amount").replace(".", "").replace(",", "")
        if raw and not raw.isdigit():
            raise UserError("web.form.bad_number", field="secured_amount", rule="VND", value=raw)
        out |= {"secured_amount_vnd": int(raw) if raw else None, "end": end.isoformat() if end else None}
    return out


def submit_recordal(
    session: Session, number: str, user_id: int, kind: str, form: dict[str, str]
) -> WebRequest:
    """Keep a checked recordal request for the registrar; refused now if the procedure does not allow it."""
    details = recordal_details(kind, form)
    f = get_file(session, number)
    apply(replay(f), RECORDAL_KINDS[kind], RightKind(f.right_kind), f.regime_id or "")
    req = WebRequest(file_id=f.id, user_id=user_id, kind=kind, status="pending", details=details)
    session.add(req)
    session.flush()
    return req


def pending_requests(session: Session) -> list[tuple[WebRequest, IPFile]]:
    rows = session.execute(
        select(WebRequest, IPFile)
        .join(IPFile, IPFile.id == WebRequest.file_id)
        .where(WebRequest.status == "pending")
        .order_by(WebRequest.id)
    )
    return [(r, f) for r, f in rows]


def _party(d: dict[str, Any]) -> PartyInput:
    return PartyInput(
        name=d["name"],
        address=d.get("address"),
        country=d.get("country") or "VN",
        kind=d.get("kind") or "organisation",
    )


def decide_recordal(session: Session, request_id: int, *, approve: bool, on: date, actor: str) -> WebRequest:
    """Approve (record through ``ipoffice.office.recordals``) or reject a pending recordal request."""
    from ipoffice.office import recordals as rc

    req = session.get(WebRequest, request_id)
    if req is None or req.status != "pending":
        raise Conflict("web.recordal.not_pending", field="id", rule=RECORDAL_BASIS, value=request_id)
    f = session.get(IPFile, req.file_id)
    assert f is not None
    number = f.application_number
    d = dict(req.details or {})
    result = None
    if approve:
        if req.kind == "assignment":
            result = rc.record_assignment(session, number, _party(d["party"]), on=on, actor=actor, today=on)
        elif req.kind == "licence":
            result = rc.record_licence(
                session,
                number,
                _party(d["party"]),
                on=on,
                actor=actor,
                exclusive=bool(d.get("exclusive")),
                territory=d.get("territory") or "VN",
                scope=d.get("scope") or "",
                start=date.fromisoformat(d["start"]) if d.get("start") else None,
                end=date.fromisoformat(d["end"]) if d.get("end") else None,
                today=on,
            )
        elif req.kind == "pledge":
            result = rc.record_pledge(
                session,
                number,
                _party(d["party"]),
                on=on,
                actor=actor,
                secured_amount_vnd=d.get("secured_amount_vnd"),
                end=date.fromisoformat(d["end"]) if d.get("end") else None,
                today=on,
            )
        else:
            result = rc.record_change(
                session,
                number,
                on=on,
                actor=actor,
                new_name=d.get("new_name"),
                new_address=d.get("new_address"),
                today=on,
            )
    req.status = "approved" if approve else "rejected"
    req.decided_by = actor
    req.decided_date = on
    req.result = (
        {"recordal_id": result.recordal_id, "event_sequence": result.event_sequence} if result else None
    )
    session.flush()
    return req


# --- opposition by a third party ----------------------------------------------------------------------------


def oppose(session: Session, number: str, form: dict[str, str], *, on: date, actor: str) -> str:
    """Open an opposition against a published application (Art. 112a); returns the case number. Outside the
    window the office refuses with the last day; the web message names Art. 112a."""
    from ipoffice.office.disputes import Ground, open_opposition

    name, article = _text(form, "opponent_name"), _text(form, "ground_article")
    if not name:
        raise UserError("web.form.required", field="opponent_name", rule=OPPOSITION_RULE)
    if not article:
        raise UserError("web.form.required", field="ground_article", rule=OPPOSITION_RULE)
    opponent = PartyInput(
        name=name[:255],
        address=_text(form, "opponent_address")[:500] or None,
        kind="person" if form.get("opponent_kind") == "person" else "organisation",
    )
    try:
        out = open_opposition(
            session,
            number,
            opponent,
            [Ground(article[:120], _text(form, "ground_text")[:5000])],
            on=on,
            actor=actor,
            today=on,
        )
    except UserError as err:
        if err.code == "office.case.opposition_late":
            raise UserError(
                "web.opposition.late", field="filed_date", rule=OPPOSITION_RULE, **err.params
            ) from err
        if err.code == "office.case.not_published":
            raise UserError(
                "web.opposition.not_published", field="number", rule=OPPOSITION_RULE, **err.params
            ) from err
        raise
    return str(out.number)
