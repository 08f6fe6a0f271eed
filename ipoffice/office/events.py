"""The catalogue of procedural events: every step an office takes on a file is one of these.

Each event has a stable code (stored in ``Event.code``), Vietnamese and English labels, and the article of the
Law on Intellectual Property No. 50/2005/QH11 (as amended by Laws 36/2009, 42/2019, 07/2022 and 131/2025) that it
applies by default. The WIPO legal-status code an event carries depends on the right and lives in
:mod:`ipoffice.office.legal_status`; which events are allowed in which status lives in
:mod:`ipoffice.office.workflow`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ipoffice.core import i18n
from ipoffice.core.rights import RightKind

LAW = "Luật SHTT"  # Law on Intellectual Property 50/2005/QH11 as amended


class EventCode(StrEnum):
    """Stable identifiers of procedural events (stored; never rename, only add)."""

    # application phase
    FILED = "filed"
    FORMALITY_ACCEPTED = "formality_accepted"
    FORMALITY_DEFICIENCY_NOTIFIED = "formality_deficiency_notified"
    FORMALITY_REFUSED = "formality_refused"
    PUBLISHED = "published"
    EXAMINATION_REQUESTED = "examination_requested"
    THIRD_PARTY_OPINION_RECEIVED = "third_party_opinion_received"
    OPPOSITION_FILED = "opposition_filed"
    OPPOSITION_REJECTED = "opposition_rejected"
    OPPOSITION_UPHELD = "opposition_upheld"
    OFFICE_ACTION_ISSUED = "office_action_issued"
    RESPONSE_RECEIVED = "response_received"
    INTENDED_GRANT_NOTIFIED = "intended_grant_notified"
    INTENDED_REFUSAL_NOTIFIED = "intended_refusal_notified"
    GRANTED = "granted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    DEEMED_WITHDRAWN = "deemed_withdrawn"
    REVIVED = "revived"
    DIVIDED = "divided"
    AMENDED = "amended"
    # right phase
    RENEWED = "renewed"
    ANNUITY_PAID = "annuity_paid"
    LAPSED = "lapsed"
    RESTORED = "restored"
    EXPIRED = "expired"
    SURRENDERED = "surrendered"
    INVALIDATION_REQUESTED = "invalidation_requested"
    INVALIDATION_REJECTED = "invalidation_rejected"
    INVALIDATED = "invalidated"
    INVALIDATION_REVERSED = "invalidation_reversed"
    # recordals (the register of owners, licences and security interests)
    ASSIGNMENT_RECORDED = "assignment_recorded"
    LICENCE_RECORDED = "licence_recorded"
    LICENCE_CANCELLED = "licence_cancelled"
    PLEDGE_RECORDED = "pledge_recorded"
    PLEDGE_RELEASED = "pledge_released"
    NAME_CHANGED = "name_changed"
    ADDRESS_CHANGED = "address_changed"
    REPRESENTATIVE_CHANGED = "representative_changed"
    # disputes touching the file
    COMPLAINT_FILED = "complaint_filed"
    COMPLAINT_DECIDED = "complaint_decided"
    PROCEDURE_SUSPENDED = "procedure_suspended"
    PROCEDURE_RESUMED = "procedure_resumed"


@dataclass(frozen=True)
class EventType:
    """One kind of event: its labels and the default legal basis it applies."""

    code: EventCode
    vi: str
    en: str
    basis: str
    verify: bool = False  # True when the cited article is a doubt to check against the official text

    def label(self, lang: str | None = None) -> str:
        return self.en if i18n.current_language(lang) == "en" else self.vi


def _e(code: EventCode, vi: str, en: str, basis: str, verify: bool = False) -> EventType:
    return EventType(code, vi, en, basis, verify)


E = EventCode
CATALOGUE: dict[EventCode, EventType] = {
    t.code: t
    for t in (
        _e(E.FILED, "Nộp đơn", "Application filed", f"{LAW} Art. 100, 108"),
        _e(
            E.FORMALITY_ACCEPTED,
            "Chấp nhận đơn hợp lệ",
            "Application accepted as formally valid",
            f"{LAW} Art. 109",
        ),
        _e(
            E.FORMALITY_DEFICIENCY_NOTIFIED,
            "Thông báo thiếu sót hình thức",
            "Formality deficiency notified",
            f"{LAW} Art. 109(2)",
        ),
        _e(
            E.FORMALITY_REFUSED,
            "Từ chối chấp nhận đơn",
            "Application refused on formalities",
            f"{LAW} Art. 109(2)",
        ),
        _e(E.PUBLISHED, "Công bố đơn", "Application published", f"{LAW} Art. 110"),
        _e(
            E.EXAMINATION_REQUESTED,
            "Yêu cầu thẩm định nội dung",
            "Substantive examination requested",
            f"{LAW} Art. 113",
        ),
        _e(
            E.THIRD_PARTY_OPINION_RECEIVED,
            "Nhận ý kiến người thứ ba",
            "Third-party opinion received",
            f"{LAW} Art. 112",
        ),
        _e(E.OPPOSITION_FILED, "Nộp đơn phản đối", "Opposition filed", f"{LAW} Art. 112a"),
        _e(E.OPPOSITION_REJECTED, "Phản đối không được chấp nhận", "Opposition rejected", f"{LAW} Art. 112a"),
        _e(
            E.OPPOSITION_UPHELD,
            "Phản đối được chấp nhận; từ chối đơn",
            "Opposition upheld; application refused",
            f"{LAW} Art. 112a, 117",
        ),
        _e(
            E.OFFICE_ACTION_ISSUED,
            "Thông báo kết quả thẩm định nội dung",
            "Office action issued",
            f"{LAW} Art. 114, 117",
        ),
        _e(
            E.RESPONSE_RECEIVED,
            "Nhận ý kiến trả lời của người nộp đơn",
            "Applicant's response received",
            f"{LAW} Art. 109(2), 117(2)",
        ),
        _e(
            E.INTENDED_GRANT_NOTIFIED,
            "Thông báo dự định cấp văn bằng",
            "Notice of intended grant",
            f"{LAW} Art. 118(1)",
        ),
        _e(
            E.INTENDED_REFUSAL_NOTIFIED,
            "Thông báo dự định từ chối",
            "Notice of intended refusal",
            f"{LAW} Art. 117(2)",
        ),
        _e(E.GRANTED, "Cấp văn bằng bảo hộ", "Protection title granted / registered", f"{LAW} Art. 118"),
        _e(E.REFUSED, "Từ chối cấp văn bằng bảo hộ", "Grant refused", f"{LAW} Art. 117"),
        _e(E.WITHDRAWN, "Rút đơn", "Application withdrawn", f"{LAW} Art. 116"),
        _e(
            E.DEEMED_WITHDRAWN,
            "Đơn bị coi như đã rút",
            "Application deemed withdrawn",
            f"{LAW} Art. 113(4), 118(2)",
            True,
        ),
        _e(E.REVIVED, "Khôi phục xử lý đơn", "Application revived", "Luật Khiếu nại 2011 Art. 31", True),
        _e(E.DIVIDED, "Tách đơn", "Application divided", f"{LAW} Art. 115"),
        _e(E.AMENDED, "Sửa đổi, bổ sung đơn", "Application amended", f"{LAW} Art. 115"),
        _e(E.RENEWED, "Gia hạn hiệu lực văn bằng", "Registration renewed", f"{LAW} Art. 94"),
        _e(E.ANNUITY_PAID, "Nộp phí duy trì hiệu lực", "Annuity paid", f"{LAW} Art. 94"),
        _e(
            E.LAPSED,
            "Chấm dứt hiệu lực do không nộp phí",
            "Right lapsed (fee not paid)",
            f"{LAW} Art. 95(1)(a)",
        ),
        _e(E.RESTORED, "Khôi phục hiệu lực văn bằng", "Right restored", f"{LAW} Art. 95(4)", True),
        _e(E.EXPIRED, "Hết thời hạn bảo hộ", "Term of protection expired", f"{LAW} Art. 93"),
        _e(
            E.SURRENDERED,
            "Chủ văn bằng từ bỏ quyền",
            "Right surrendered by its owner",
            f"{LAW} Art. 95(1)(b)",
        ),
        _e(E.INVALIDATION_REQUESTED, "Yêu cầu hủy bỏ hiệu lực", "Invalidation requested", f"{LAW} Art. 96"),
        _e(
            E.INVALIDATION_REJECTED,
            "Từ chối yêu cầu hủy bỏ hiệu lực",
            "Invalidation request rejected",
            f"{LAW} Art. 96",
        ),
        _e(E.INVALIDATED, "Hủy bỏ hiệu lực văn bằng", "Protection title invalidated", f"{LAW} Art. 96"),
        _e(
            E.INVALIDATION_REVERSED,
            "Hủy quyết định hủy bỏ hiệu lực",
            "Invalidation reversed on complaint",
            "Luật Khiếu nại 2011 Art. 31",
            True,
        ),
        _e(E.ASSIGNMENT_RECORDED, "Ghi nhận chuyển nhượng", "Assignment recorded", f"{LAW} Art. 138-140"),
        _e(
            E.LICENCE_RECORDED,
            "Ghi nhận hợp đồng chuyển quyền sử dụng",
            "Licence recorded",
            f"{LAW} Art. 141-144, 148",
        ),
        _e(
            E.LICENCE_CANCELLED,
            "Chấm dứt ghi nhận hợp đồng chuyển quyền sử dụng",
            "Licence recordal cancelled",
            f"{LAW} Art. 148",
        ),
        _e(
            E.PLEDGE_RECORDED,
            "Ghi nhận cầm cố/thế chấp quyền",
            "Security interest (pledge) recorded",
            "Bộ luật Dân sự 2015 Art. 295, 317; Law 131/2025",
            True,
        ),
        _e(
            E.PLEDGE_RELEASED,
            "Xóa ghi nhận biện pháp bảo đảm",
            "Security interest released",
            "Bộ luật Dân sự 2015 Art. 327",
            True,
        ),
        _e(
            E.NAME_CHANGED,
            "Ghi nhận thay đổi tên chủ sở hữu",
            "Change of owner's name recorded",
            f"{LAW} Art. 97",
        ),
        _e(
            E.ADDRESS_CHANGED,
            "Ghi nhận thay đổi địa chỉ chủ sở hữu",
            "Change of owner's address recorded",
            f"{LAW} Art. 97",
        ),
        _e(
            E.REPRESENTATIVE_CHANGED,
            "Thay đổi đại diện sở hữu công nghiệp",
            "Change of representative recorded",
            f"{LAW} Art. 115, 151",
        ),
        _e(E.COMPLAINT_FILED, "Nộp đơn khiếu nại", "Complaint filed", "Luật Khiếu nại 2011 Art. 9"),
        _e(
            E.COMPLAINT_DECIDED,
            "Giải quyết khiếu nại",
            "Complaint decided",
            "Luật Khiếu nại 2011 Art. 28, 31",
        ),
        _e(
            E.PROCEDURE_SUSPENDED,
            "Tạm dừng xử lý",
            "Procedure suspended",
            f"{LAW} Art. 112a; Circular 23/2023",
            True,
        ),
        _e(
            E.PROCEDURE_RESUMED,
            "Tiếp tục xử lý",
            "Procedure resumed",
            f"{LAW} Art. 112a; Circular 23/2023",
            True,
        ),
    )
}

# Rights whose title is called a "registration" in English (marks, GIs): the label of GRANTED reads "registered".
_REGISTERED_RIGHTS = {RightKind.TRADEMARK, RightKind.GI}


def event_type(code: EventCode | str) -> EventType:
    return CATALOGUE[EventCode(code)]


def event_label(code: EventCode | str, right: RightKind | None = None, lang: str | None = None) -> str:
    """The event's label; ``granted`` reads "registered" for marks and GIs."""
    ev = EventCode(code)
    if ev is EventCode.GRANTED and right in _REGISTERED_RIGHTS:
        return (
            "Cấp giấy chứng nhận đăng ký" if i18n.current_language(lang) == "vi" else "Mark / GI registered"
        )
    return CATALOGUE[ev].label(lang)


i18n.register({f"office.event.{c.value}": {"vi": t.vi, "en": t.en} for c, t in CATALOGUE.items()})
