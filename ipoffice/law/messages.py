"""User-facing messages of the law capability (Vietnamese first, English complete)."""

from __future__ import annotations

from ipoffice.core import i18n

i18n.register(
    {
        "law.no_date": {
            "vi": "Cần ít nhất một ngày (ngày nộp đơn, ngày ưu tiên hoặc ngày công bố) để tính thời hạn",
            "en": "At least one date (filing, priority or publication) is needed to compute deadlines",
        },
        "law.bad_date": {
            "vi": "Ngày không hợp lệ: {value!r} (cần dạng YYYY-MM-DD có thật)",
            "en": "Invalid date: {value!r} (expected a real YYYY-MM-DD date)",
        },
        "law.no_regime": {
            "vi": "Không có chế độ pháp luật nào được mô hình hóa cho ngày {date} (sớm nhất: {earliest})",
            "en": "No modelled legal regime was in force on {date} (earliest: {earliest})",
        },
        "law.date_too_far": {
            "vi": "Ngày {date} quá xa trong tương lai (muộn nhất: {latest})",
            "en": "The date {date} is too far in the future (latest accepted: {latest})",
        },
        "law.priority_after_filing": {
            "vi": "Ngày ưu tiên {priority} sau ngày nộp đơn {filing}",
            "en": "The priority date {priority} is after the filing date {filing}",
        },
        "law.priority_expired": {
            "vi": "Đơn nộp ngày {filing}, quá thời hạn ưu tiên kết thúc ngày {due}",
            "en": "The application was filed on {filing}, after the priority period ended on {due}",
        },
        "law.priority_not_available": {
            "vi": "Không có quyền ưu tiên theo Công ước Paris cho đối tượng {right}",
            "en": "No Paris priority exists for {right}",
        },
        "law.before_filing": {
            "vi": "Ngày {value} ({field}) trước ngày nộp đơn {filing}",
            "en": "The date {value} ({field}) is before the filing date {filing}",
        },
        "law.unknown_right": {
            "vi": "Đối tượng không hợp lệ: {value!r} (chọn một trong: {choices})",
            "en": "Unknown right: {value!r} (choose one of: {choices})",
        },
        "law.unknown_choice": {
            "vi": "Giá trị không hợp lệ: {value!r} (chọn một trong: {choices})",
            "en": "Invalid value: {value!r} (choose one of: {choices})",
        },
        "law.fee_not_applicable": {
            "vi": "Số lượng không hợp lệ: {value} (cần ít nhất {minimum})",
            "en": "Invalid quantity: {value} (at least {minimum} required)",
        },
        "law.no_tariff": {
            "vi": "Không có biểu phí nào có hiệu lực vào ngày {date}",
            "en": "No fee tariff was in force on {date}",
        },
        "law.late_beyond_grace": {
            "vi": "Nộp ngày {paid}, quá thời hạn nộp muộn {grace} tháng kể từ ngày {due}",
            "en": "Paid on {paid}, beyond the {grace}-month grace period after {due}",
        },
        "law.no_annuity": {
            "vi": "Không có phí duy trì hiệu lực hằng năm cho đối tượng {right}",
            "en": "No annuities are due for {right}",
        },
        "law.no_renewal": {
            "vi": "Văn bằng bảo hộ {right} không được gia hạn",
            "en": "A {right} title is not renewed",
        },
        "law.bad_annuity_year": {
            "vi": "Năm hiệu lực {value} không hợp lệ (từ 1 đến {years} cho {right})",
            "en": "Invalid validity year {value} (1 to {years} for {right})",
        },
        "law.col.step": {"vi": "Bước", "en": "Step"},
        "law.col.due": {"vi": "Hạn", "en": "Due"},
        "law.col.party": {"vi": "Bên", "en": "Party"},
        "law.col.basis": {"vi": "Căn cứ", "en": "Basis"},
        "law.col.note": {"vi": "Ghi chú", "en": "Note"},
        "law.col.regime": {"vi": "Chế độ", "en": "Regime"},
        "law.col.from": {"vi": "Từ", "en": "From"},
        "law.col.to": {"vi": "Đến", "en": "To"},
        "law.col.instruments": {"vi": "Văn bản", "en": "Instruments"},
        "law.col.fee": {"vi": "Khoản phí", "en": "Fee"},
        "law.col.unit": {"vi": "Đơn giá (VND)", "en": "Unit (VND)"},
        "law.col.qty": {"vi": "SL", "en": "Qty"},
        "law.col.amount": {"vi": "Thành tiền (VND)", "en": "Amount (VND)"},
        "law.total": {"vi": "Tổng cộng", "en": "Total"},
        "law.regime_line": {"vi": "Chế độ: {regime} — {reason}", "en": "Regime: {regime} — {reason}"},
        "law.verify_note": {
            "vi": "[kiểm tra] = căn cứ hoặc số liệu chưa được xác nhận với văn bản gốc",
            "en": "[verify] = basis or figure not yet confirmed against the official text",
        },
        "law.note.verify": {"vi": "kiểm tra", "en": "verify"},
        "law.note.projected": {"vi": "dự tính", "en": "projected"},
        "law.note.until": {"vi": "đến khi có quyết định", "en": "until the decision"},
        "law.note.grace": {"vi": "nộp muộn đến {date}", "en": "late until {date}"},
        "law.note.extension": {"vi": "gia hạn đến {date}", "en": "extension to {date}"},
        "law.party.office": {"vi": "Cục SHTT", "en": "office"},
        "law.party.applicant": {"vi": "người nộp đơn", "en": "applicant"},
        "law.party.third_party": {"vi": "bên thứ ba", "en": "third party"},
        "law.party.owner": {"vi": "chủ văn bằng", "en": "owner"},
    }
)
