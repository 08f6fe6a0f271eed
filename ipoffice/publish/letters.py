"""Official letters for the examiner's actions, in Vietnamese with an English version, each citing its basis.

A letter is the written form of an event already on the file (the action is recorded first, through the office's
services, then its letter is produced): the date, the defects or grounds and the certificate number come from
the event, the response deadline from the law module (``ipoffice.law.deadlines`` through the office's clock), the
fees from the law's tariff in force on the letter's date. Re-rendering the same event gives the same letter.

Kinds and their basis (Law on IP 50/2005/QH11 as amended, "Luật SHTT"):

- ``formality_deficiency``: notice of formal deficiencies, Art. 109(2); reply within the formality response period.
- ``acceptance``: decision accepting a valid application, Art. 109; regimes before Law 131/2025 only (from
  1 April 2026 no acceptance decision is issued).
- ``office_action``: notice of the results of substantive examination, Art. 114, 117(2); reply within the
  substantive response period.
- ``intended_grant``: notice of intended grant, Art. 118(1); the grant fees due and the time to pay them.
- ``intended_refusal``: notice of intended refusal, Art. 117(2); the applicant may reply.
- ``refusal``: decision refusing the grant, Art. 117; the time to complain (Law on Complaints 2011 Art. 9).
- ``grant``: decision to grant, Art. 118; the title's number, term and verification hash.

The response periods are the law module's rules, several marked ``verify`` there (Decree 65/2023 and Circular
23/2023 articles not confirmed); the letter carries that flag.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from ipoffice.core import i18n
from ipoffice.core.errors import Conflict, UserError
from ipoffice.core.rights import RIGHT_LABELS, RightKind
from ipoffice.office import lawlink
from ipoffice.office.clock import file_dates
from ipoffice.office.events import EventCode
from ipoffice.office.record import get_file
from ipoffice.publish import messages as _messages  # noqa: F401
from ipoffice.publish.inid import InidField, bibliographic
from ipoffice.publish.render import html_to_pdf, render_html
from ipoffice.store.kinds import ClassificationScheme, FilePartyRole
from ipoffice.store.models import Event, IPFile

LAW = "Luật SHTT"


class LetterKind(StrEnum):
    FORMALITY_DEFICIENCY = "formality_deficiency"
    ACCEPTANCE = "acceptance"
    OFFICE_ACTION = "office_action"
    INTENDED_GRANT = "intended_grant"
    INTENDED_REFUSAL = "intended_refusal"
    REFUSAL = "refusal"
    GRANT = "grant"


@dataclass(frozen=True)
class LetterSpec:
    kind: LetterKind
    event: EventCode
    prefix: str  # reference prefix: TB (thông báo, notice) or QĐ (quyết định, decision)
    title_vi: str
    title_en: str
    basis: str
    applicant_steps: tuple[str, ...] = ()  # law step ids the applicant must meet, counted from the letter
    office_steps: tuple[str, ...] = ()  # law step ids the office must meet (shown for information)
    items_key: str | None = None  # payload key of the listed defects / grounds
    regimes: tuple[str, ...] | None = None  # None: every regime
    verify: bool = False


SPECS: dict[LetterKind, LetterSpec] = {
    s.kind: s
    for s in (
        LetterSpec(
            LetterKind.FORMALITY_DEFICIENCY,
            EventCode.FORMALITY_DEFICIENCY_NOTIFIED,
            "TB",
            "THÔNG BÁO KẾT QUẢ THẨM ĐỊNH HÌNH THỨC ĐƠN (THIẾU SÓT CỦA ĐƠN)",
            "Notice of the results of formality examination (deficiencies)",
            f"{LAW} Art. 109(2); Nghị định 65/2023/NĐ-CP [verify article]",
            applicant_steps=("office_action_response",),
            items_key="defects",
            verify=True,
        ),
        LetterSpec(
            LetterKind.ACCEPTANCE,
            EventCode.FORMALITY_ACCEPTED,
            "QĐ",
            "QUYẾT ĐỊNH CHẤP NHẬN ĐƠN HỢP LỆ",
            "Decision on acceptance of a valid application",
            f"{LAW} Art. 109",
            applicant_steps=("examination_request",),
            office_steps=("publication",),
            regimes=("vn-2010", "vn-2023"),
        ),
        LetterSpec(
            LetterKind.OFFICE_ACTION,
            EventCode.OFFICE_ACTION_ISSUED,
            "TB",
            "THÔNG BÁO KẾT QUẢ THẨM ĐỊNH NỘI DUNG ĐƠN",
            "Notice of the results of substantive examination",
            f"{LAW} Art. 114, 117(2)",
            applicant_steps=("office_action_response",),
            items_key="grounds",
        ),
        LetterSpec(
            LetterKind.INTENDED_GRANT,
            EventCode.INTENDED_GRANT_NOTIFIED,
            "TB",
            "THÔNG BÁO DỰ ĐỊNH CẤP VĂN BẰNG BẢO HỘ",
            "Notice of intended grant",
            f"{LAW} Art. 118(1); Thông tư 263/2016/TT-BTC (phí, lệ phí)",
            applicant_steps=("grant_fee_payment",),
        ),
        LetterSpec(
            LetterKind.INTENDED_REFUSAL,
            EventCode.INTENDED_REFUSAL_NOTIFIED,
            "TB",
            "THÔNG BÁO DỰ ĐỊNH TỪ CHỐI CẤP VĂN BẰNG BẢO HỘ",
            "Notice of intended refusal",
            f"{LAW} Art. 117(2)",
            applicant_steps=("office_action_response",),
            items_key="grounds",
        ),
        LetterSpec(
            LetterKind.REFUSAL,
            EventCode.REFUSED,
            "QĐ",
            "QUYẾT ĐỊNH TỪ CHỐI CẤP VĂN BẰNG BẢO HỘ",
            "Decision refusing the grant of a protection title",
            f"{LAW} Art. 117; Luật Khiếu nại 02/2011/QH13 Art. 9",
            applicant_steps=("complaint",),
            items_key="grounds",
        ),
        LetterSpec(
            LetterKind.GRANT,
            EventCode.GRANTED,
            "QĐ",
            "QUYẾT ĐỊNH CẤP VĂN BẰNG BẢO HỘ",
            "Decision to grant a protection title",
            f"{LAW} Art. 92, 118; Nghị định 65/2023/NĐ-CP (văn bằng điện tử) [verify article]",
            verify=True,
        ),
    )
}

# The body of each letter; {placeholders} are filled from the file, the event and the law's deadlines.
BODIES: dict[LetterKind, tuple[str, str]] = {
    LetterKind.FORMALITY_DEFICIENCY: (
        "Qua thẩm định hình thức đơn số {number} nộp ngày {filing}, Cục Sở hữu trí tuệ thấy đơn có các thiếu sót "
        "nêu dưới đây. Người nộp đơn cần sửa chữa thiếu sót hoặc có ý kiến phản bác trong thời hạn {period} kể từ "
        "ngày ký thông báo này, tức là chậm nhất ngày {due}. Quá thời hạn trên mà người nộp đơn không sửa chữa "
        "hoặc sửa chữa không đạt yêu cầu, Cục sẽ từ chối chấp nhận đơn.",
        "On formality examination of application No. {number} filed on {filing}, the Intellectual Property Office "
        "found the deficiencies listed below. The applicant must correct them or argue against them within {period} "
        "of the date of this notice, that is by {due} at the latest. If they are not corrected in time, or not "
        "properly, the Office will refuse to accept the application.",
    ),
    LetterKind.ACCEPTANCE: (
        "Đơn số {number} nộp ngày {filing} đáp ứng các yêu cầu về hình thức. Cục Sở hữu trí tuệ quyết định chấp "
        "nhận đơn hợp lệ. Đơn sẽ được công bố trên Công báo Sở hữu công nghiệp chậm nhất ngày {publication_due}.",
        "Application No. {number} filed on {filing} meets the formal requirements. The Intellectual Property Office "
        "accepts it as a valid application. It will be published in the Official Gazette of Industrial Property by "
        "{publication_due} at the latest.",
    ),
    LetterKind.OFFICE_ACTION: (
        "Qua thẩm định nội dung đơn số {number}, Cục Sở hữu trí tuệ thấy đối tượng nêu trong đơn chưa đáp ứng "
        "điều kiện bảo hộ vì các lý do nêu dưới đây. Người nộp đơn có thể sửa đổi đơn hoặc có ý kiến phản bác "
        "trong thời hạn {period} kể từ ngày ký thông báo này, tức là chậm nhất ngày {due}.",
        "On substantive examination of application No. {number}, the Intellectual Property Office found that the "
        "subject matter does not yet meet the conditions for protection, for the reasons below. The applicant may "
        "amend the application or argue against them within {period} of the date of this notice, that is by {due} "
        "at the latest.",
    ),
    LetterKind.INTENDED_GRANT: (
        "Đơn số {number} đáp ứng các điều kiện bảo hộ. Cục Sở hữu trí tuệ dự định cấp văn bằng bảo hộ. Để được "
        "cấp văn bằng, người nộp đơn cần nộp các khoản phí, lệ phí nêu dưới đây trong thời hạn {period} kể từ ngày "
        "ký thông báo này, tức là chậm nhất ngày {due}. Quá thời hạn trên mà không nộp phí, đơn bị coi như đã rút.",
        "Application No. {number} meets the conditions for protection. The Intellectual Property Office intends to "
        "grant a protection title. To obtain it, the applicant must pay the fees below within {period} of the "
        "date of this notice, that is by {due} at the latest. If they are not paid in time, the application is "
        "deemed withdrawn.",
    ),
    LetterKind.INTENDED_REFUSAL: (
        "Qua thẩm định nội dung đơn số {number}, Cục Sở hữu trí tuệ dự định từ chối cấp văn bằng bảo hộ vì các lý "
        "do nêu dưới đây. Người nộp đơn có thể có ý kiến phản bác trong thời hạn {period} kể từ ngày ký thông báo "
        "này, tức là chậm nhất ngày {due}; quá thời hạn đó Cục sẽ ra quyết định từ chối.",
        "On substantive examination of application No. {number}, the Intellectual Property Office intends to "
        "refuse the grant of a protection title for the reasons below. The applicant may reply within {period} of "
        "the date of this notice, that is by {due} at the latest; after that the Office will decide to refuse.",
    ),
    LetterKind.REFUSAL: (
        "Cục Sở hữu trí tuệ quyết định từ chối cấp văn bằng bảo hộ cho đơn số {number} vì các lý do nêu dưới đây. "
        "Người nộp đơn có quyền khiếu nại quyết định này trong thời hạn {period} kể từ ngày ký, tức là chậm nhất "
        "ngày {due}.",
        "The Intellectual Property Office refuses to grant a protection title on application No. {number} for the "
        "reasons below. The applicant may file a complaint against this decision within {period} of its date, that "
        "is by {due} at the latest.",
    ),
    LetterKind.GRANT: (
        "Cục Sở hữu trí tuệ quyết định cấp {title_name} số {registration_number} cho đơn số {number}, ghi nhận vào "
        "Sổ đăng ký quốc gia về sở hữu công nghiệp và công bố trên Công báo. Văn bằng được cấp dưới dạng điện tử, "
        "có hiệu lực từ ngày cấp {issued} {term_vi}. Mã xác thực (SHA-256) của văn bằng: {sha256}.",
        "The Intellectual Property Office grants {title_name_en} No. {registration_number} on application "
        "No. {number}, records it in the National Register of Industrial Property and publishes it in the Gazette. "
        "The title is issued electronically and takes effect on {issued} {term_en}. Verification hash (SHA-256) of "
        "the title: {sha256}.",
    ),
}
i18n.register(
    {f"publish.letter.{k.value}.body": {"vi": vi, "en": en} for k, (vi, en) in BODIES.items()}
    | {
        "publish.unknown_detail": {
            "vi": "Thông tin không dùng cho công văn: '{value}' (chỉ nhận: {choices})",
            "en": "Detail not used by letters: '{value}' (accepted: {choices})",
        },
    }
)
DETAILS = ("items", "examiner", "note", "sequence")


@dataclass(frozen=True)
class LetterDeadline:
    """A deadline stated in a letter, as the law module computed it."""

    step: str
    label_vi: str
    label_en: str
    party: str
    due: date
    period_vi: str
    period_en: str
    basis: str
    extension_end: date | None = None
    verify: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "label_vi": self.label_vi,
            "label_en": self.label_en,
            "party": self.party,
            "due": self.due.isoformat(),
            "period": self.period_en,
            "basis": self.basis,
            "extension_end": self.extension_end.isoformat() if self.extension_end else None,
            "verify": self.verify,
        }


@dataclass(frozen=True)
class FeeItem:
    code: str
    label_vi: str
    label_en: str
    quantity: int
    amount: int
    verify: bool = False


@dataclass(frozen=True)
class Letter:
    """One official letter on a file, with both language versions."""

    kind: LetterKind
    application_number: str
    reference: str
    letter_date: date
    title_vi: str
    title_en: str
    addressee: str
    addressee_address: str | None
    body_vi: str
    body_en: str
    items: tuple[str, ...]
    legal_basis: str
    fields: tuple[InidField, ...]
    deadlines: tuple[LetterDeadline, ...] = ()
    office_deadlines: tuple[LetterDeadline, ...] = ()
    fees: tuple[FeeItem, ...] = ()
    tariff: str | None = None
    examiner: str | None = None
    note: str | None = None
    verify: bool = False
    event_sequence: int = 0  # the event of the file this letter puts in writing
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def deadline(self) -> date | None:
        """The applicant's deadline the letter sets (the first one), if any."""
        return self.deadlines[0].due if self.deadlines else None

    @property
    def fees_total(self) -> int:
        return sum(f.amount for f in self.fees)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "application_number": self.application_number,
            "reference": self.reference,
            "date": self.letter_date.isoformat(),
            "title": {"vi": self.title_vi, "en": self.title_en},
            "addressee": self.addressee,
            "addressee_address": self.addressee_address,
            "body": {"vi": self.body_vi, "en": self.body_en},
            "items": list(self.items),
            "legal_basis": self.legal_basis,
            "deadlines": [d.to_dict() for d in self.deadlines],
            "office_deadlines": [d.to_dict() for d in self.office_deadlines],
            "fees": [f.__dict__ for f in self.fees],
            "fees_total": self.fees_total,
            "tariff": self.tariff,
            "examiner": self.examiner,
            "note": self.note,
            "verify": self.verify,
            "event_sequence": self.event_sequence,
            **self.extra,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    def html(self) -> str:
        return render_html("letter.html", letter=self)

    def pdf(self) -> bytes:
        return html_to_pdf(self.html())


def _vn(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def _addressee(file: IPFile) -> tuple[str, str | None]:
    """The representative when there is one (Law on IP Art. 89), else the first applicant."""
    for role in (FilePartyRole.REPRESENTATIVE, FilePartyRole.APPLICANT, FilePartyRole.OWNER):
        found = [fp for fp in file.parties if fp.role == role]
        if found:
            return found[0].party.name, found[0].party.address
    return "", None


def _event(file: IPFile, spec: LetterSpec, sequence: int | None) -> Event:
    found = [e for e in file.events if e.code == spec.event.value]
    if sequence is not None:
        found = [e for e in found if e.sequence == sequence]
    if not found:
        raise Conflict(
            "publish.letter_no_event",
            field="sequence" if sequence is not None else "kind",
            rule=spec.basis,
            number=file.application_number,
            event=spec.event.value,
            kind=spec.kind.value,
        )
    return found[-1]


def _law_deadlines(
    file: IPFile, spec: LetterSpec, event: Event, steps: tuple[str, ...]
) -> list[LetterDeadline]:
    """The deadlines of ``steps`` counted from this letter's event, from the law module's schedule."""
    if not steps:
        return []
    d = file_dates(file)
    if spec.event in (
        EventCode.FORMALITY_DEFICIENCY_NOTIFIED,
        EventCode.OFFICE_ACTION_ISSUED,
        EventCode.INTENDED_REFUSAL_NOTIFIED,
    ):
        kind = "formality" if spec.event is EventCode.FORMALITY_DEFICIENCY_NOTIFIED else "substantive"
        d = replace(d, office_action_date=event.event_date, office_action_kind=kind)
    elif spec.event is EventCode.INTENDED_GRANT_NOTIFIED:
        d = replace(d, grant_notice_date=event.event_date)
    elif spec.event is EventCode.REFUSED:
        d = replace(d, decision_date=event.event_date)
    elif spec.event is EventCode.FORMALITY_ACCEPTED:
        d = replace(d, acceptance_date=event.event_date)
    schedule = lawlink.schedule_for(d)
    out = []
    requested = any(e.code == EventCode.EXAMINATION_REQUESTED.value for e in file.events)
    for step in steps:
        if step == "examination_request" and requested:
            continue
        for dl in schedule.by_step(step) if schedule is not None else []:
            out.append(
                LetterDeadline(
                    step=dl.step,
                    label_vi=dl.label_vi,
                    label_en=dl.label_en,
                    party=str(dl.party),
                    due=dl.due,
                    period_vi=dl.period.describe("vi"),
                    period_en=dl.period.describe("en"),
                    basis=dl.basis,
                    extension_end=dl.extension_end,
                    verify=dl.verify,
                )
            )
            break  # the first rule of a step governs (the schedule lists the others as alternatives)
    return out


def _fee_label(description: str | None, code: str) -> str:
    """The Vietnamese label stored in a fee row's description (``grant: Lệ phí ... (tariff)``)."""
    text = (description or code).split(":", 1)[-1]
    return text.rsplit(" (", 1)[0].strip() or code


def _grant_fees(file: IPFile, on: date) -> tuple[list[FeeItem], str | None, bool]:
    """The fees due at the notice of intended grant.

    When the office raised them on the file (``ipoffice.office.payments``: grant fees and a patent's first
    annuity), the letter lists those rows; otherwise the law's quote of the grant stage on ``on``. Labels come
    from the law's tariff lines of the same code.
    """
    from ipoffice.law import FilingRequest, Stage, fee_quote

    nice = [c for c in file.classifications if c.scheme == ClassificationScheme.NICE]
    details = file.details or {}
    request = FilingRequest(
        right=RightKind(file.right_kind),
        classes=max(1, len(nice)),
        independent_claims=max(1, int(details.get("independent_claims", 1))),
        design_variants=max(1, int(details.get("design_variants", 1))),
    )
    try:
        quote = fee_quote(request, on=on, stages=(Stage.GRANT,))
    except UserError as err:
        if err.code == "law.no_tariff":
            return [], None, True
        raise
    try:
        from ipoffice.office.payments import raised_at_grant  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # an office without fee rows raised at the notice
        raised = []
    else:
        raised = [f for f in file.fees if raised_at_grant(f)]
    if not raised:
        items = [FeeItem(x.code, x.label_vi, x.label_en, x.quantity, x.amount, x.verify) for x in quote.lines]
        return items, quote.tariff_id, quote.verify
    labels = {x.code: (x.label_vi, x.label_en) for x in quote.lines}
    items = []
    for f in raised:
        vi = _fee_label(f.description, f.fee_code)
        en = labels.get(
            f.fee_code, (vi, "Annuity, year 1" if (f.description or "").startswith("annuity 1:") else vi)
        )[1]
        items.append(
            FeeItem(
                f.fee_code,
                labels.get(f.fee_code, (vi, en))[0],
                en,
                f.quantity,
                f.amount_vnd,
                "verify" in (f.description or ""),
            )
        )
    return items, quote.tariff_id, any(i.verify for i in items)


def render_letter(session: Session, number: str, kind: LetterKind | str, **details: Any) -> Letter:
    """The letter of kind ``kind`` for the latest matching event on file ``number``.

    ``details`` may give ``items`` (defects or grounds, instead of those recorded on the event), ``examiner``
    (the signing examiner's name), ``note`` (a free paragraph) and ``sequence`` (a specific event of the file).
    """
    try:
        k = LetterKind(kind)
    except ValueError:
        raise UserError(
            "publish.unknown_letter",
            field="kind",
            rule="ipoffice.publish.letters",
            value=kind,
            choices=", ".join(x.value for x in LetterKind),
        ) from None
    unknown = [key for key in details if key not in DETAILS]
    if unknown:
        raise UserError(
            "publish.unknown_detail",
            field=unknown[0],
            rule="render_letter",
            value=unknown[0],
            choices=", ".join(DETAILS),
        )
    spec = SPECS[k]
    file = get_file(session, number)
    if spec.regimes is not None and file.regime_id not in spec.regimes:
        raise Conflict(
            "publish.letter_not_in_regime",
            field="kind",
            rule="Luật 131/2025/QH15",
            kind=k.value,
            regime=file.regime_id,
            number=file.application_number,
        )
    event = _event(file, spec, details.get("sequence"))
    payload = event.payload or {}
    items = tuple(str(x) for x in (details.get("items") or payload.get(spec.items_key or "", []) or []))
    deadlines = _law_deadlines(file, spec, event, spec.applicant_steps)
    office = _law_deadlines(file, spec, event, spec.office_steps)
    right = RightKind(file.right_kind)
    granted = k is LetterKind.GRANT
    fields = tuple(
        f
        for f in bibliographic(file, granted=granted, grant_event=event if granted else None)
        if f.code in {"11", "111", "21", "210", "22", "220", "54", "540", "71", "731", "73", "732"}
    )
    fees: list[FeeItem] = []
    tariff = None
    fee_verify = False
    if k is LetterKind.INTENDED_GRANT:
        fees, tariff, fee_verify = _grant_fees(file, event.event_date)

    first = deadlines[0] if deadlines else None
    pub = office[0].due if office else None
    extra: dict[str, Any] = {}
    params: dict[str, Any] = {
        "number": file.application_number,
        "filing": _vn(file.filing_date),
        "due": _vn(first.due) if first else "",
        "publication_due": _vn(pub) if pub else "",
    }
    vi_params = dict(params, period=first.period_vi if first else "")
    en_params = dict(params, period=first.period_en if first else "")
    if granted:
        from ipoffice.publish.certificate import TITLE_NAMES, certificate

        cert = certificate(session, file.application_number)
        name_vi, name_en = TITLE_NAMES[right]
        extra = {"registration_number": cert.registration_number, "certificate_sha256": cert.sha256}
        for p, lang in ((vi_params, "vi"), (en_params, "en")):
            p.update(
                title_name=name_vi.lower() if lang == "vi" else name_en,
                title_name_en=name_en,
                registration_number=cert.registration_number,
                issued=_vn(cert.issued_on),
                sha256=cert.sha256,
                term_vi=f"đến hết ngày {_vn(cert.expiry_date)}" if cert.expiry_date else "vô thời hạn",
                term_en=f"until {_vn(cert.expiry_date)}" if cert.expiry_date else "for an indefinite term",
            )
    body_vi = i18n.t(f"publish.letter.{k.value}.body", "vi", **vi_params)
    body_en = i18n.t(f"publish.letter.{k.value}.body", "en", **en_params)
    name, address = _addressee(file)
    return Letter(
        kind=k,
        application_number=file.application_number,
        reference=f"{event.sequence}/{spec.prefix}-SHTT/{file.application_number}",
        letter_date=event.event_date,
        title_vi=spec.title_vi,
        title_en=spec.title_en,
        addressee=name,
        addressee_address=address,
        body_vi=body_vi,
        body_en=body_en,
        items=items,
        legal_basis=spec.basis,
        fields=fields,
        deadlines=tuple(deadlines),
        office_deadlines=tuple(office),
        fees=tuple(fees),
        tariff=tariff,
        examiner=details.get("examiner") or event.actor,
        note=details.get("note"),
        verify=spec.verify or fee_verify or any(d.verify for d in (*deadlines, *office)),
        event_sequence=event.sequence,
        extra={"right": str(right), "right_label": RIGHT_LABELS[right][0], **extra},
    )
