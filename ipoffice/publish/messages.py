"""The publish capability's user messages (Vietnamese first, English complete)."""

from __future__ import annotations

from ipoffice.core import i18n

i18n.register(
    {
        "publish.bad_period": {
            "vi": "Kỳ công báo không hợp lệ: ngày bắt đầu {start} sau ngày kết thúc {end}",
            "en": "Invalid gazette period: the start {start} is after the end {end}",
        },
        "publish.bad_date": {
            "vi": "Ngày không hợp lệ: '{value}' (định dạng YYYY-MM-DD)",
            "en": "Invalid date: '{value}' (format YYYY-MM-DD)",
        },
        "publish.bad_month": {
            "vi": "Tháng không hợp lệ: '{value}' (định dạng YYYY-MM)",
            "en": "Invalid month: '{value}' (format YYYY-MM)",
        },
        "publish.bad_volume": {
            "vi": "Tập công báo không xác định: '{value}' (chỉ có A hoặc B)",
            "en": "Unknown gazette volume: '{value}' (A or B only)",
        },
        "publish.bad_format": {
            "vi": "Định dạng không hỗ trợ: '{value}' (chọn một trong: {choices})",
            "en": "Unsupported format: '{value}' (choose one of: {choices})",
        },
        "publish.not_granted": {
            "vi": "Hồ sơ {number} chưa được cấp văn bằng bảo hộ nên chưa có văn bằng để xuất",
            "en": "File {number} has not been granted, so there is no certificate to issue",
        },
        "publish.unknown_letter": {
            "vi": "Loại công văn không xác định: '{value}' (chọn một trong: {choices})",
            "en": "Unknown kind of letter: '{value}' (choose one of: {choices})",
        },
        "publish.letter_no_event": {
            "vi": "Hồ sơ {number} chưa có bước '{event}' nên chưa thể lập công văn '{kind}'",
            "en": "File {number} has no '{event}' step yet, so the letter '{kind}' cannot be issued",
        },
        "publish.letter_not_in_regime": {
            "vi": "Công văn '{kind}' không được ban hành theo chế độ pháp lý {regime} của hồ sơ {number}",
            "en": "The letter '{kind}' is not issued under regime {regime} of file {number}",
        },
        "publish.pdf_unavailable": {
            "vi": "Không tạo được PDF: cần cài gói WeasyPrint (pip install 'ipoffice[publish]') và thư viện Pango",
            "en": "Cannot make a PDF: install WeasyPrint (pip install 'ipoffice[publish]') and the Pango library",
        },
    }
)
