"""Messages (vi, en) of the trademark conflict search: why a hit is there, and user errors."""

from __future__ import annotations

from ipoffice.core import i18n

i18n.register(
    {
        "tm.why.identical": {"vi": "Trùng với nhãn hiệu «{text}»", "en": "Identical to «{text}»"},
        "tm.why.same_letters_other_tones": {
            "vi": "Cùng chữ cái, khác dấu thanh ({a} / {b})",
            "en": "Same letters, different tones ({a} / {b})",
        },
        "tm.why.variant": {
            "vi": "Trùng khi sửa lỗi gõ hoặc số thay chữ: «{text}»",
            "en": "Same once typing artefacts or digits-for-letters are read: «{text}»",
        },
        "tm.why.spelling": {"vi": "Cấu trúc chữ gần giống: {a} / {b}", "en": "Similar spelling: {a} / {b}"},
        "tm.why.same_sound": {
            "vi": "Phát âm như nhau (khoá âm {sound}, đã gộp phương ngữ Bắc/Nam)",
            "en": "Sounds the same (sound key {sound}, northern/southern mergers folded)",
        },
        "tm.why.similar_sound": {"vi": "Phát âm gần giống: {a} / {b}", "en": "Sounds similar: {a} / {b}"},
        "tm.why.meaning": {
            "vi": "Cùng ý nghĩa: «{a}» ≈ «{b}» ({concept})",
            "en": "Same meaning: «{a}» ≈ «{b}» ({concept})",
        },
        "tm.why.earlier_contained": {
            "vi": "Dấu hiệu chứa phần chính «{part}» của nhãn hiệu đối chứng",
            "en": "The sign contains the dominant part «{part}» of the earlier mark",
        },
        "tm.why.sign_contained": {
            "vi": "Nhãn hiệu đối chứng chứa phần chính «{part}» của dấu hiệu",
            "en": "The earlier mark contains the dominant part «{part}» of the sign",
        },
        "tm.why.earlier_near": {
            "vi": "Dấu hiệu chứa «{word}», chỉ khác một chữ cái so với phần chính «{part}» của nhãn hiệu đối chứng",
            "en": "The sign contains «{word}», one letter from the dominant part «{part}» of the earlier mark",
        },
        "tm.why.sign_near": {
            "vi": "Nhãn hiệu đối chứng chứa «{word}», chỉ khác một chữ cái so với phần chính «{part}» của dấu hiệu",
            "en": "The earlier mark contains «{word}», one letter from the dominant part «{part}» of the sign",
        },
        "tm.why.weak": {
            "vi": "Yếu tố yếu, ít trọng số: «{part}» ({kind})",
            "en": "Weak element, down-weighted: «{part}» ({kind})",
        },
        "tm.why.only_weak": {
            "vi": "«{text}» chỉ gồm các yếu tố yếu (địa danh, tên chung, loại hình doanh nghiệp)",
            "en": "«{text}» is made only of weak elements (place names, generic words, legal forms)",
        },
        "tm.why.same_class": {"vi": "Cùng nhóm Nice {classes}", "en": "Same Nice class {classes}"},
        "tm.why.related_class": {
            "vi": "Nhóm {a} liên quan đến nhóm {b} ({reason})",
            "en": "Class {a} related to class {b} ({reason})",
        },
        "tm.why.goods_terms": {
            "vi": "Hàng hoá/dịch vụ trùng từ: {terms}",
            "en": "Goods/services share the terms: {terms}",
        },
        "tm.error.empty_mark": {
            "vi": "Nhãn hiệu cần tra cứu không có chữ hoặc số nào",
            "en": "The mark to search has no letters or digits",
        },
        "tm.error.mark_too_long": {
            "vi": "Nhãn hiệu dài {length} ký tự, vượt giới hạn {limit} ký tự",
            "en": "The mark is {length} characters long, over the limit of {limit}",
        },
        "tm.error.bad_class": {
            "vi": "Nhóm Nice «{value}» không hợp lệ (phải là số từ 1 đến 45)",
            "en": "Nice class «{value}» is not valid (a number from 1 to 45)",
        },
        "tm.error.bad_limit": {
            "vi": "Số kết quả {value} không hợp lệ (từ 1 đến {limit})",
            "en": "The number of results {value} is not valid (1 to {limit})",
        },
        "tm.error.bad_line": {
            "vi": "Dòng {line} của {file}: {problem}",
            "en": "Line {line} of {file}: {problem}",
        },
        "tm.error.no_file": {"vi": "Không tìm thấy tệp {file}", "en": "File {file} not found"},
        "tm.error.no_index": {
            "vi": "Chưa có sổ nhãn hiệu tại {path}; hãy chạy «ipoffice tm load TỆP.jsonl» trước",
            "en": "No trademark register at {path}; run «ipoffice tm load FILE.jsonl» first",
        },
        "tm.loaded": {
            "vi": "Đã nạp {added} nhãn hiệu mới, cập nhật {updated}; sổ có {total} nhãn hiệu ({path})",
            "en": "Loaded {added} new marks, updated {updated}; the register holds {total} marks ({path})",
        },
        "tm.no_hits": {"vi": "Không tìm thấy nhãn hiệu tương tự", "en": "No similar marks found"},
        "tm.col.number": {"vi": "Số đơn/bằng", "en": "Number"},
        "tm.col.mark": {"vi": "Nhãn hiệu", "en": "Mark"},
        "tm.col.classes": {"vi": "Nhóm", "en": "Classes"},
        "tm.col.score": {"vi": "Điểm", "en": "Score"},
        "tm.col.why": {"vi": "Lý do", "en": "Why"},
    }
)
