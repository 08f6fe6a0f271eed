"""Official letters: the event's facts, the law module's deadline, the tariff's fees, both languages, PDF."""

from __future__ import annotations

from datetime import date

import pytest
from publish_helpers import ACTOR

from ipoffice.core.errors import Conflict, UserError
from ipoffice.law import FileFacts, FilingRequest, Stage, deadlines, fee_quote
from ipoffice.office import examination as ex
from ipoffice.office.filing import FilingRequest as Application
from ipoffice.office.filing import NiceClassInput, PartyInput, file_application
from ipoffice.publish.certificate import certificate
from ipoffice.publish.letters import LetterKind, render_letter


def _law_due(step: str, **facts) -> tuple[date, date | None]:
    d = deadlines(FileFacts(**facts)).first(step)
    return d.due, d.extension_end


def test_office_action_letter_carries_the_law_modules_deadline(db, register):
    letter = render_letter(db, register.invention_oa, "office_action", examiner="Lê Thị Thu")
    due, ext = _law_due(
        "office_action_response",
        right="invention",
        filing_date=date(2025, 1, 8),
        priority_date=date(2024, 7, 1),
        office_action_date=date(2025, 6, 16),
        office_action_kind="substantive",
    )
    assert letter.letter_date == date(2025, 6, 16)
    assert letter.deadline == due == date(2025, 9, 16)  # 3 months (Tuesday, a working day)
    assert letter.deadlines[0].extension_end == ext
    assert "16/09/2025" in letter.body_vi and "16/09/2025" in letter.body_en and "3 tháng" in letter.body_vi
    assert letter.items[0].startswith("Điểm 1 yêu cầu bảo hộ không có tính mới")
    assert letter.legal_basis.startswith("Luật SHTT Art. 114")
    assert (
        letter.addressee == "Công ty Luật Phạm và Liên danh"
    )  # the representative, not the foreign applicant
    assert letter.examiner == "Lê Thị Thu"


def test_formality_deficiency_deadline_rolls_over_the_weekend(db, register):
    ex.notify_formality_deficiency(
        db,
        register.mark_pending,
        on=date(2025, 4, 7),
        actor=ACTOR,
        defects=["Thiếu giấy ủy quyền", "Mẫu nhãn không rõ"],
    )
    letter = render_letter(db, register.mark_pending, LetterKind.FORMALITY_DEFICIENCY)
    due, _ = _law_due(
        "office_action_response",
        right="trademark",
        filing_date=date(2025, 3, 3),
        office_action_date=date(2025, 4, 7),
        office_action_kind="formality",
    )
    assert letter.deadline == due == date(2025, 6, 9)  # 7 June 2025 is a Saturday
    assert letter.items == ("Thiếu giấy ủy quyền", "Mẫu nhãn không rõ")
    assert letter.verify  # the article of the Decree is still to be confirmed
    override = render_letter(db, register.mark_pending, "formality_deficiency", items=["Thiếu bản mô tả"])
    assert override.items == ("Thiếu bản mô tả",)


def test_intended_grant_letter_lists_the_grant_fees_and_their_deadline(db, register):
    letter = render_letter(db, register.mark_granted, "intended_grant")
    quote = fee_quote(
        FilingRequest(right="trademark", classes=2, items_per_class=(2, 1)),
        on=date(2025, 10, 1),
        stages=(Stage.GRANT,),
    )
    assert letter.fees and letter.fees_total == quote.total
    assert [f.code for f in letter.fees] == [x.code for x in quote.lines]
    due, _ = _law_due(
        "grant_fee_payment",
        right="trademark",
        filing_date=date(2025, 1, 6),
        grant_notice_date=date(2025, 10, 1),
    )
    assert letter.deadline == due
    assert letter.tariff == quote.tariff_id


def test_acceptance_letter_only_before_2026_with_the_next_time_limits(db, register):
    letter = render_letter(db, register.invention_published, "acceptance")
    pub_due, _ = _law_due(
        "publication",
        right="invention",
        filing_date=date(2025, 1, 6),
        priority_date=date(2024, 7, 1),
        acceptance_date=date(2025, 2, 10),
    )
    assert [d.step for d in letter.office_deadlines] == ["publication"]
    assert letter.office_deadlines[0].due == pub_due
    assert [d.step for d in letter.deadlines] == ["examination_request"]
    # an application filed under Law 131/2025 gets no acceptance decision
    n = file_application(
        db,
        Application(
            right="trademark",
            filing_date=date(2026, 4, 6),
            applicants=[PartyInput(name="Hộ kinh doanh Bảo An")],
            mark_text="BẢO AN",
            nice=[NiceClassInput(35, ["quảng cáo"])],
        ),
        actor=ACTOR,
    ).application_number
    with pytest.raises(Conflict) as err:
        render_letter(db, n, "acceptance")
    assert err.value.code == "publish.letter_not_in_regime"


def test_refusal_after_intended_refusal_gives_the_complaint_period(db, register):
    n = register.invention_oa
    ex.receive_response(db, n, on=date(2025, 9, 1), actor=ACTOR)
    ex.notify_intended_refusal(db, n, on=date(2025, 10, 6), actor=ACTOR, grounds=["Không có tính mới"])
    ex.refuse(db, n, on=date(2026, 1, 12), actor=ACTOR, grounds=["Không có tính mới (Điều 60)"])
    intended = render_letter(db, n, "intended_refusal")
    assert intended.items == ("Không có tính mới",) and intended.deadline is not None
    refusal = render_letter(db, n, "refusal")
    due, _ = _law_due(
        "complaint", right="invention", filing_date=date(2025, 1, 8), decision_date=date(2026, 1, 12)
    )
    assert refusal.deadline == due and refusal.deadlines[0].period_vi == "90 ngày"
    assert "Luật Khiếu nại" in refusal.legal_basis


def test_grant_letter_names_the_title_and_its_hash(db, register):
    letter = render_letter(db, register.mark_granted, "grant")
    cert = certificate(db, register.mark_granted)
    assert letter.extra["registration_number"] == cert.registration_number
    assert cert.sha256 in letter.body_vi and cert.sha256 in letter.body_en
    assert "giấy chứng nhận đăng ký nhãn hiệu" in letter.body_vi and "06/01/2035" in letter.body_vi


def test_bad_requests_are_user_errors(db, register):
    with pytest.raises(UserError) as err:
        render_letter(db, register.mark_granted, "reminder")
    assert err.value.code == "publish.unknown_letter" and err.value.field == "kind"
    with pytest.raises(UserError) as err:
        render_letter(db, register.mark_granted, "grant", colour="red")
    assert err.value.code == "publish.unknown_detail" and err.value.field == "colour"
    with pytest.raises(Conflict) as err:
        render_letter(db, register.mark_april, "office_action")
    assert err.value.code == "publish.letter_no_event"
    assert "office_action_issued" in err.value.message("en")


def test_letter_pdf_keeps_the_vietnamese_text_and_the_deadline(db, register):
    from pdftext import pdf_text

    letter = render_letter(db, register.invention_oa, "office_action")
    text = pdf_text(letter.pdf())
    for phrase in (
        "THÔNG BÁO KẾT QUẢ THẨM ĐỊNH NỘI DUNG ĐƠN",
        "Thiết bị lọc nước bằng màng gốm",
        "16/09/2025",
        "Công ty Luật Phạm và Liên danh",
        "English version",
    ):
        assert phrase in text.replace("\n", " "), phrase
