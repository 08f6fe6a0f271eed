"""Filing an application: validate everything, allocate the number, write the file and its ``filed`` event.

One call, one transaction: a request with any fault raises a :class:`UserError` naming the field and the rule
before anything is written; a valid one gets its national number (gapless, in the same transaction), its parties,
priority claims, classifications, fees (from the law's tariff when it offers one) and the ``filed`` event.
Law on IP Art. 86-89 (who may file, representation), 90-91 (first to file, priority), 100-108 (the application
and its filing date); Paris Convention Art. 4C (priority periods).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ipoffice.core import classification, i18n
from ipoffice.core.errors import UserError
from ipoffice.core.legaltime import add_months
from ipoffice.core.rights import MarkKind, RightKind
from ipoffice.office import lawlink
from ipoffice.office.events import EventCode
from ipoffice.office.record import record_event
from ipoffice.office.workflow import table
from ipoffice.store.kinds import ClassificationScheme, FilePartyRole, FilingRoute, PartyKind, PriorityKind
from ipoffice.store.models import Classification, Fee, FileParty, IPFile, Party, PriorityClaim
from ipoffice.store.numbering import allocate_application_number

i18n.register(
    {
        "office.filing.invalid_date": {
            "vi": "Ngày không hợp lệ: '{value}' (định dạng YYYY-MM-DD, ngày phải tồn tại)",
            "en": "Invalid date: '{value}' (format YYYY-MM-DD, and the day must exist)",
        },
        "office.filing.future_date": {
            "vi": "Ngày nộp đơn {value} ở tương lai",
            "en": "The filing date {value} is in the future",
        },
        "office.filing.priority_after_filing": {
            "vi": "Ngày ưu tiên {priority} sau ngày nộp đơn {filing}",
            "en": "The priority date {priority} is after the filing date {filing}",
        },
        "office.filing.priority_too_old": {
            "vi": "Ngày ưu tiên {priority} đã quá {months} tháng trước ngày nộp đơn {filing}",
            "en": "The priority date {priority} is more than {months} months before the filing date {filing}",
        },
        "office.filing.required": {
            "vi": "Thiếu thông tin bắt buộc: {what}",
            "en": "Required information is missing: {what}",
        },
        "office.filing.unknown_nice_class": {
            "vi": "Nhóm Nice không tồn tại: {value} (chỉ có các nhóm 1 đến 45)",
            "en": "Unknown Nice class: {value} (classes run from 1 to 45)",
        },
        "office.filing.nice_no_terms": {
            "vi": "Nhóm {value} chưa có sản phẩm/dịch vụ nào",
            "en": "Class {value} lists no goods or services",
        },
        "office.filing.duplicate_nice_class": {
            "vi": "Nhóm Nice {value} được khai hai lần",
            "en": "Nice class {value} is given twice",
        },
        "office.filing.unknown_ipc": {
            "vi": "Ký hiệu IPC không hợp lệ: '{value}' (ví dụ: H01L 21/02)",
            "en": "Unknown IPC symbol: '{value}' (example: H01L 21/02)",
        },
        "office.filing.bad_country": {
            "vi": "Mã nước không hợp lệ: '{value}' (hai chữ cái theo WIPO ST.3)",
            "en": "Invalid country code: '{value}' (two letters, WIPO ST.3)",
        },
        "office.filing.foreign_needs_agent": {
            "vi": "Người nộp đơn nước ngoài {name} phải nộp đơn thông qua đại diện sở hữu công nghiệp",
            "en": "The foreign applicant {name} must file through a registered IP representative",
        },
        "office.filing.bad_agent_number": {
            "vi": "Số đăng ký đại diện sở hữu công nghiệp không hợp lệ: '{value}'",
            "en": "Invalid IP representative registration number: '{value}'",
        },
        "office.filing.unknown_right": {
            "vi": "Loại quyền không xác định: '{value}'",
            "en": "Unknown kind of right: '{value}'",
        },
        "office.filing.mark_kind_for_non_mark": {
            "vi": "Loại nhãn hiệu chỉ áp dụng cho đơn nhãn hiệu",
            "en": "A kind of mark applies only to a trademark application",
        },
    }
)

# Paris Convention Art. 4C(1): 12 months for patents and utility models, 6 months for designs and marks.
PRIORITY_MONTHS: dict[RightKind, int] = {
    RightKind.INVENTION: 12,
    RightKind.UTILITY_SOLUTION: 12,
    RightKind.DESIGN: 6,
    RightKind.TRADEMARK: 6,
}
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_AGENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./-]{1,31}$")


@dataclass
class PartyInput:
    name: str
    address: str | None = None
    country: str = "VN"
    kind: str = PartyKind.ORGANISATION.value
    identifier: str | None = None
    agent_registration_number: str | None = None  # representatives only
    email: str | None = None


@dataclass
class PriorityInput:
    country: str
    number: str
    date: date | str
    kind: str = PriorityKind.PARIS.value


@dataclass
class NiceClassInput:
    class_number: int | str
    terms: list[str] = field(default_factory=list)


@dataclass
class FilingRequest:
    """Everything an applicant submits. Dates may be ``date`` objects or ISO strings (validated here)."""

    right: RightKind | str
    filing_date: date | str
    applicants: list[PartyInput]
    title: str | None = None  # invention, utility solution, design, layout design, GI name
    mark_text: str | None = None
    mark_kind: str | None = None
    representative: PartyInput | None = None
    inventors: list[PartyInput] = field(default_factory=list)
    priorities: list[PriorityInput] = field(default_factory=list)
    nice: list[NiceClassInput] = field(default_factory=list)
    ipc: list[str] = field(default_factory=list)
    locarno: list[str] = field(default_factory=list)
    route: str = FilingRoute.NATIONAL.value
    international_number: str | None = None
    regime: str | None = None  # normally chosen by the law's transitional rules
    details: dict[str, Any] = field(default_factory=dict)  # claims, pages, online filing ... (for the fees)


@dataclass(frozen=True)
class FilingResult:
    application_number: str
    file_id: int
    regime: str
    fees_vnd: int
    fee_lines: tuple[tuple[str, int], ...]


def parse_date(value: date | str, field_name: str) -> date:
    """A ``date`` from a date or an ISO string; a :class:`UserError` naming the field for an impossible date."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise UserError(
            "office.filing.invalid_date", field=field_name, rule="ISO 8601 calendar date", value=value
        ) from None


def _required(ok: object, what: str, rule: str) -> None:
    if not ok:
        raise UserError("office.filing.required", field=what, rule=rule, what=what)


def _country(value: str, field_name: str) -> str:
    code = (value or "").strip().upper()
    if not _COUNTRY.match(code):
        raise UserError("office.filing.bad_country", field=field_name, rule="WIPO ST.3", value=value)
    return code


def _ipc(symbol: str, field_name: str) -> str:
    """The canonical IPC group symbol if it exists in the shipped scheme; a UserError naming the field otherwise."""
    try:
        return str(classification.validate_ipc(symbol))
    except UserError:
        raise UserError(
            "office.filing.unknown_ipc",
            field=field_name,
            rule="IPC (Strasbourg Agreement 1971)",
            value=symbol,
        ) from None


@dataclass(frozen=True)
class _Checked:
    right: RightKind
    filing_date: date
    priorities: list[tuple[PriorityInput, date]]
    nice: list[tuple[int, list[str]]]
    ipc: list[str]
    applicants: list[PartyInput]
    representative: PartyInput | None


def validate(req: FilingRequest, today: date | None = None) -> _Checked:
    """Check a request; the first fault raises a :class:`UserError` naming its field and rule."""
    try:
        right = RightKind(req.right)
    except ValueError:
        raise UserError(
            "office.filing.unknown_right", field="right", rule="Luật SHTT Art. 3(2)", value=req.right
        ) from None
    filing = parse_date(req.filing_date, "filing_date")
    if filing > (today or date.today()):
        raise UserError(
            "office.filing.future_date",
            field="filing_date",
            rule="Luật SHTT Art. 108",
            value=filing.isoformat(),
        )
    _required(req.applicants, "applicants", "Luật SHTT Art. 86-88, 100(1)")
    for i, a in enumerate(req.applicants):
        _required(a.name and a.name.strip(), f"applicants[{i}].name", "Luật SHTT Art. 100(1)")
        a.country = _country(a.country, f"applicants[{i}].country")
    rep = req.representative
    if rep is not None:
        _required(rep.name and rep.name.strip(), "representative.name", "Luật SHTT Art. 151-155")
        num = (rep.agent_registration_number or "").strip()
        if not _AGENT.match(num):
            raise UserError(
                "office.filing.bad_agent_number",
                field="representative.agent_registration_number",
                rule="Luật SHTT Art. 154-155",
                value=num,
            )
        rep.country = _country(rep.country, "representative.country")
    for i, a in enumerate(req.applicants):
        if a.country != "VN" and rep is None:
            raise UserError(
                "office.filing.foreign_needs_agent",
                field=f"applicants[{i}]",
                rule="Luật SHTT Art. 89(2)",
                name=a.name,
            )
    if req.mark_kind is not None and right is not RightKind.TRADEMARK:
        raise UserError(
            "office.filing.mark_kind_for_non_mark", field="mark_kind", rule="Luật SHTT Art. 4(16)"
        )
    if req.mark_kind is not None:
        try:
            MarkKind(req.mark_kind)
        except ValueError:
            raise UserError(
                "office.filing.required",
                field="mark_kind",
                rule="Luật SHTT Art. 4(16)-(19)",
                what="mark_kind",
            ) from None

    # right-specific contents (Art. 100-105)
    nice: list[tuple[int, list[str]]] = []
    if right is RightKind.TRADEMARK:
        _required(
            (req.mark_text or "").strip() or req.details.get("mark_image"), "mark_text", "Luật SHTT Art. 105"
        )
        _required(req.nice, "nice", "Luật SHTT Art. 105(3)")
        seen: set[int] = set()
        for i, nc in enumerate(req.nice):
            try:
                number = classification.validate_nice_class(nc.class_number)
            except UserError:
                raise UserError(
                    "office.filing.unknown_nice_class",
                    field=f"nice[{i}].class_number",
                    rule="Nice Classification (NCL), Luật SHTT Art. 105(3)",
                    value=nc.class_number,
                ) from None
            if number in seen:
                raise UserError(
                    "office.filing.duplicate_nice_class",
                    field=f"nice[{i}].class_number",
                    rule="Nice Classification (NCL)",
                    value=number,
                )
            seen.add(number)
            terms = [t.strip() for t in nc.terms if t and t.strip()]
            if not terms:
                raise UserError(
                    "office.filing.nice_no_terms",
                    field=f"nice[{i}].terms",
                    rule="Luật SHTT Art. 105(3)",
                    value=number,
                )
            nice.append((number, terms))
    else:
        _required((req.title or "").strip(), "title", "Luật SHTT Art. 100-104")
    ipc = [_ipc(sym, f"ipc[{i}]") for i, sym in enumerate(req.ipc)]

    # priority claims (Art. 91; Paris Convention Art. 4C)
    priorities: list[tuple[PriorityInput, date]] = []
    months = PRIORITY_MONTHS.get(right)
    for i, p in enumerate(req.priorities):
        pdate = parse_date(p.date, f"priorities[{i}].date")
        if pdate > filing:
            raise UserError(
                "office.filing.priority_after_filing",
                field=f"priorities[{i}].date",
                rule="Luật SHTT Art. 91; Paris Convention Art. 4C",
                priority=pdate.isoformat(),
                filing=filing.isoformat(),
            )
        if (
            months
            and p.kind == PriorityKind.PARIS.value
            and filing > _priority_end(right, pdate, filing, months)
        ):
            raise UserError(
                "office.filing.priority_too_old",
                field=f"priorities[{i}].date",
                rule="Paris Convention Art. 4C(1); Luật SHTT Art. 91",
                priority=pdate.isoformat(),
                months=months,
                filing=filing.isoformat(),
            )
        p.country = _country(p.country, f"priorities[{i}].country")
        _required((p.number or "").strip(), f"priorities[{i}].number", "Luật SHTT Art. 100(1)(e)")
        priorities.append((p, pdate))
    return _Checked(right, filing, priorities, nice, ipc, list(req.applicants), rep)


def _priority_end(right: RightKind, priority: date, filing: date, months: int) -> date:
    """The last day to file with this priority: the law's ``paris_priority_end`` (Paris Convention Art. 4C(3),
    Civil Code Art. 148(5) roll-over), the one function the law module also validates with; the plain month end
    when the law refuses the dates (e.g. before any modelled regime)."""
    from ipoffice.law import paris_priority_end

    try:
        end = paris_priority_end(right, priority, filing)
    except UserError:
        end = None
    return end if end is not None else add_months(priority, months)


def party_values(p: PartyInput) -> dict[str, Any]:
    """The column values of the party a :class:`PartyInput` becomes (``name_folded`` follows from ``name``)."""
    return {
        "kind": PartyKind(p.kind),
        "name": p.name.strip(),
        "address": p.address,
        "country": p.country,
        "identifier": p.identifier,
        "agent_registration_number": (p.agent_registration_number or None),
        "email": p.email,
    }


def make_party(session: Session, p: PartyInput) -> Party:
    party = Party(**party_values(p))
    session.add(party)
    return party


def _fees(
    right: RightKind, req: FilingRequest, filing: date, nice: list[tuple[int, list[str]]]
) -> list[_FeeRow]:
    """The official fees due at filing, from the law's tariff in force on the filing date.

    Marks, designs, GIs and layout designs pay filing and examination fees at filing; for inventions and utility
    solutions the substantive-examination fee is due with the request (Art. 113), so only filing fees are due here.
    """
    from ipoffice.law import FilingRequest as FeeRequest
    from ipoffice.law import Stage, fee_quote, tariff_on

    d = req.details
    fee_req = FeeRequest(
        right=right,
        classes=max(1, len(nice)),
        items_per_class=tuple(len(terms) for _, terms in nice),
        independent_claims=int(d.get("independent_claims", 1)),
        description_pages=int(d.get("description_pages", 0)),
        design_variants=int(d.get("design_variants", 1)),
        priority_claims=len(req.priorities),
        online=bool(d.get("online", False)),
    )
    stages = (Stage.FILING,) if right.is_patent else (Stage.FILING, Stage.EXAMINATION)
    try:
        key = (fee_req, tariff_on(filing).id, stages)  # the lines depend on the tariff, not on the day
        found = _FEE_ROWS.get(key)
        if found is None:
            q = fee_quote(fee_req, on=filing, stages=stages)
            found = [
                _FeeRow(x.code, x.label_vi, x.quantity, x.amount, q.tariff_id, x.verify) for x in q.lines
            ]
            if len(_FEE_ROWS) < 10_000:
                _FEE_ROWS[key] = found
    except UserError as err:
        if err.code == "law.no_tariff":  # a historic filing (e.g. migrated from IPAS): no modelled tariff
            return []
        raise
    return list(found)


_FEE_ROWS: dict[tuple[Any, str, tuple[Any, ...]], list[_FeeRow]] = {}


@dataclass(frozen=True)
class _FeeRow:
    code: str
    label: str
    quantity: int
    amount: int
    tariff: str
    verify: bool


@functools.lru_cache(maxsize=65536)
def _free_text(nice_class: int, term: str) -> bool:
    """Whether ``term`` is outside the Nice list of ``nice_class`` (memoised: marks repeat their terms)."""
    return classification.check_goods_term(nice_class, term).free_text


@dataclass
class ApplicationPlan:
    """A validated application as plain column values (no number yet): what both filing paths write.

    ``parties`` are ``(party values, role, position)`` in the order they are added (applicants, inventors or
    authors, representative); ``fees`` are the :class:`~ipoffice.store.models.Fee` values of ``fee_rows``.
    """

    checked: _Checked
    regime: str
    file: dict[str, Any]
    parties: list[tuple[dict[str, Any], FilePartyRole, int]]
    priorities: list[dict[str, Any]]
    classifications: list[dict[str, Any]]
    fee_rows: list[_FeeRow]
    fees: list[dict[str, Any]]


def plan_application(req: FilingRequest, today: date | None = None) -> ApplicationPlan:
    """Validate ``req`` and lay out everything the filing writes (pure: no database)."""
    checked = validate(req, today)
    right, filing = checked.right, checked.filing_date
    regime = req.regime or lawlink.regime_id_for(right, filing)
    table(right, regime)  # an unknown regime is refused before anything is written
    details = dict(req.details)
    free = {str(n): [t for t in terms if _free_text(n, t)] for n, terms in checked.nice}
    # terms outside the Nice lists: the examiner must assess them (listed terms go faster)
    if any(free.values()):
        details = {**details, "free_text_terms": {k: v for k, v in free.items() if v}}
    file = {
        "right_kind": right,
        "mark_kind": MarkKind(req.mark_kind) if req.mark_kind else None,
        "title": (req.title or "").strip() or None,
        "mark_text": (req.mark_text or "").strip() or None,
        "filing_date": filing,
        "filing_route": FilingRoute(req.route),
        "international_number": req.international_number,
        "regime_id": regime,
        "details": details,
    }
    parties = [(party_values(a), FilePartyRole.APPLICANT, i) for i, a in enumerate(checked.applicants)]
    inventor_role = FilePartyRole.INVENTOR if right.is_patent else FilePartyRole.AUTHOR
    parties += [(party_values(inv), inventor_role, i) for i, inv in enumerate(req.inventors)]
    if checked.representative is not None:
        parties.append((party_values(checked.representative), FilePartyRole.REPRESENTATIVE, 0))
    priorities = [
        {
            "kind": PriorityKind(p.kind),
            "country": p.country,
            "number": p.number.strip(),
            "priority_date": pdate,
            "position": i,
        }
        for i, (p, pdate) in enumerate(checked.priorities)
    ]
    classes: list[dict[str, Any]] = [
        {"scheme": ClassificationScheme.NICE, "symbol": str(n), "terms": terms, "position": i}
        for i, (n, terms) in enumerate(checked.nice)
    ]
    classes += [
        {"scheme": ClassificationScheme.IPC, "symbol": s, "position": i} for i, s in enumerate(checked.ipc)
    ]
    classes += [
        {"scheme": ClassificationScheme.LOCARNO, "symbol": s, "position": i}
        for i, s in enumerate(req.locarno)
    ]
    fee_rows = _fees(right, req, filing, checked.nice)
    fees = [
        {
            "fee_code": row.code,
            "description": f"{row.label} ({row.tariff}{', verify' if row.verify else ''})",
            "quantity": row.quantity,
            "amount_vnd": row.amount,
            "regime_id": regime,
            "due_date": filing,
        }
        for row in fee_rows
    ]
    return ApplicationPlan(checked, regime, file, parties, priorities, classes, fee_rows, fees)


@dataclass
class BuiltApplication:
    """A validated application built in the session (numbered; not flushed)."""

    checked: _Checked
    file: IPFile
    regime: str
    fee_rows: list[_FeeRow]


def build_application(session: Session, req: FilingRequest, today: date | None = None) -> BuiltApplication:
    """Validate ``req``, allocate its number and add the file with its parties, priorities, classes and fees."""
    plan = plan_application(req, today)
    right, filing = plan.checked.right, plan.checked.filing_date
    number = allocate_application_number(session, right, filing.year)
    file = IPFile(application_number=number, **plan.file)
    session.add(file)
    for values, role, position in plan.parties:
        party = Party(**values)
        session.add(party)
        file.parties.append(FileParty(party=party, role=role, position=position))
    for values in plan.priorities:
        file.priority_claims.append(PriorityClaim(**values))
    for values in plan.classifications:
        file.classifications.append(Classification(**values))
    for values in plan.fees:
        session.add(Fee(file=file, **values))
    return BuiltApplication(plan.checked, file, plan.regime, plan.fee_rows)


def file_application(
    session: Session, req: FilingRequest, *, actor: str, today: date | None = None
) -> FilingResult:
    """Validate ``req`` and register the application in the caller's transaction (nothing written on error)."""
    built = build_application(session, req, today)
    checked, file, regime, fee_rows = built.checked, built.file, built.regime, built.fee_rows
    filing, number = checked.filing_date, file.application_number
    lines = [(row.code, row.amount) for row in fee_rows]
    session.flush()
    record_event(
        session,
        file,
        EventCode.FILED,
        on=filing,
        actor=actor,
        today=today,
        payload={"regime": regime, "priorities": len(checked.priorities)},
    )
    return FilingResult(
        application_number=number,
        file_id=file.id,
        regime=regime,
        fees_vnd=sum(a for _, a in lines),
        fee_lines=tuple(lines),
    )
