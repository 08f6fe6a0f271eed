"""User-facing messages of the innovation capability (Vietnamese first, English complete)."""

from __future__ import annotations

from ipoffice.core import i18n

i18n.register(
    {
        "innovation.meta.missing_column": {
            "vi": "Bảng khung chỉ số thiếu cột bắt buộc: {column}",
            "en": "The framework table lacks a required column: {column}",
        },
        "innovation.meta.duplicate_code": {
            "vi": "Mã bị trùng trong bảng khung chỉ số: {item}",
            "en": "Duplicate code in the framework table: {item}",
        },
        "innovation.meta.parent_missing": {
            "vi": "Chỉ số '{item}' có cấp cha '{parent}' không tồn tại trong khung",
            "en": "'{item}' names a parent '{parent}' that is not in the framework",
        },
        "innovation.meta.cycle": {
            "vi": "Khung chỉ số có vòng lặp cha–con: {codes}",
            "en": "The framework's parent links form a cycle: {codes}",
        },
        "innovation.meta.roots": {
            "vi": "Khung chỉ số phải có đúng một chỉ số tổng hợp gốc; tìm thấy: {codes}",
            "en": "The framework must have exactly one root aggregate; found: {codes}",
        },
        "innovation.meta.empty_aggregate": {
            "vi": "Nhóm '{item}' không có chỉ số con nào",
            "en": "Aggregate '{item}' has no children",
        },
        "innovation.meta.indicator_parent": {
            "vi": "'{item}' có cấp cha '{parent}' là một chỉ số, không phải nhóm tổng hợp",
            "en": "'{item}' has parent '{parent}', which is an indicator, not an aggregate",
        },
        "innovation.meta.bad_direction": {
            "vi": "Hướng của '{item}' phải là 1 hoặc -1 (nhận được {value})",
            "en": "The direction of '{item}' must be 1 or -1 (got {value})",
        },
        "innovation.meta.bad_weight": {
            "vi": "Trọng số của '{item}' phải là số không âm (nhận được {value})",
            "en": "The weight of '{item}' must be a non-negative number (got {value})",
        },
        "innovation.meta.level_order": {
            "vi": "Cấp của '{item}' ({level}) phải nhỏ hơn cấp của nhóm cha '{parent}' ({parent_level})",
            "en": "The level of '{item}' ({level}) must be below that of its parent '{parent}' ({parent_level})",
        },
        "innovation.meta.no_indicators": {
            "vi": "Khung chỉ số không có chỉ số nào",
            "en": "The framework has no indicators",
        },
        "innovation.meta.bad_type": {
            "vi": "Loại '{value}' của '{item}' không hợp lệ (Indicator, Aggregate, Group, Denominator, Other)",
            "en": "Type '{value}' of '{item}' is not valid (Indicator, Aggregate, Group, Denominator, Other)",
        },
        "innovation.data.missing_column": {
            "vi": "Bảng dữ liệu thiếu cột: {column}",
            "en": "The data table lacks the column: {column}",
        },
        "innovation.data.duplicate_unit": {
            "vi": "Mã đơn vị bị trùng trong bảng dữ liệu: {unit}",
            "en": "Duplicate unit code in the data table: {unit}",
        },
        "innovation.data.unknown_units": {
            "vi": "Bảng dữ liệu có đơn vị không thuộc khung: {units}",
            "en": "The data table has units that are not in the framework: {units}",
        },
        "innovation.data.not_numeric": {
            "vi": "Chỉ số '{item}' có giá trị không phải số tại đơn vị {unit}: {value}",
            "en": "Indicator '{item}' has a non-numeric value for unit {unit}: {value}",
        },
        "innovation.data.denominator_missing": {
            "vi": "Chỉ số '{item}' cần mẫu số '{denominator}' nhưng bảng dữ liệu không có cột này",
            "en": "Indicator '{item}' needs denominator '{denominator}', which the data table lacks",
        },
        "innovation.data.no_variance": {
            "vi": "Chỉ số '{item}' không biến thiên giữa các đơn vị (mọi giá trị bằng {value})",
            "en": "Indicator '{item}' has no variance across units (every value is {value})",
        },
        "innovation.data.unit_no_data": {
            "vi": "Đơn vị '{unit}' không có dữ liệu cho bất kỳ chỉ số nào",
            "en": "Unit '{unit}' has no data for any indicator",
        },
        "innovation.data.no_units_left": {
            "vi": "Không còn đơn vị nào sau khi áp dụng quy tắc độ phủ dữ liệu",
            "en": "No units are left after the data-coverage rules",
        },
        "innovation.spec.bad_option": {
            "vi": "Giá trị '{value}' không hợp lệ cho '{option}'; chọn một trong: {allowed}",
            "en": "'{value}' is not a valid '{option}'; choose one of: {allowed}",
        },
        "innovation.weights.sum": {
            "vi": "Trọng số các thành phần của '{parent}' phải có tổng bằng 1 (tổng hiện tại {total})",
            "en": "The weights of the children of '{parent}' must sum to 1 (they sum to {total})",
        },
        "innovation.weights.unknown": {
            "vi": "Trọng số cho mã không có trong khung: {codes}",
            "en": "Weights given for codes that are not in the framework: {codes}",
        },
        "innovation.weights.zero": {
            "vi": "Mọi thành phần của '{parent}' có trọng số bằng 0",
            "en": "Every child of '{parent}' has weight zero",
        },
        "innovation.aggregate.nonpositive": {
            "vi": "Trung bình {method} cần giá trị dương; '{item}' có giá trị {value} tại {unit}",
            "en": "The {method} mean needs positive values; '{item}' is {value} for {unit}",
        },
        "innovation.goalposts.missing": {
            "vi": "Chuẩn hoá theo cột mốc cần GoalLow và GoalHigh cho chỉ số '{item}'",
            "en": "Goalpost normalisation needs GoalLow and GoalHigh for indicator '{item}'",
        },
        "innovation.file.unreadable": {
            "vi": "Không đọc được tệp {path}: {reason}",
            "en": "Cannot read the file {path}: {reason}",
        },
        "innovation.growth.no_data": {
            "vi": "Không có dữ liệu cho {what}",
            "en": "No data for {what}",
        },
    }
)
