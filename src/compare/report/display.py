"""What an analyst reads: the Vietnamese name of every column and of every coded value that
the tables hold (`kept` → "giữ nguyên"), in one place. Reports, exports and charts take their
words from here; the Parquet tables keep their codes.

>>> value_text("status", "modified")
'sửa đổi'
>>> column_text("n_tasks")
'Số nhiệm vụ'
"""

from __future__ import annotations

import datetime as dt

from compare.parse.themes import THEME_NAMES

# Column → header shown to analysts.
COLUMNS: dict[str, str] = {
    "plan": "Kế hoạch",
    "file": "Mã tệp",
    "doc_id": "Kế hoạch",
    "doc_id_a": "Kế hoạch A",
    "doc_id_b": "Kế hoạch B",
    "doc_id_old": "Kế hoạch cũ",
    "doc_id_new": "Kế hoạch mới",
    "plan_a": "Kế hoạch A",
    "plan_b": "Kế hoạch B",
    "plan_old": "Kế hoạch cũ",
    "plan_new": "Kế hoạch mới",
    "source_path": "Tệp nguồn",
    "sha256": "Mã băm SHA-256",
    "issuer": "Cơ quan ban hành",
    "parent": "Cơ quan cấp trên",
    "jurisdiction": "Tỉnh/thành phố",
    "admin_level": "Cấp",
    "doc_type": "Loại văn bản",
    "number": "Số hiệu",
    "issued_date": "Ngày ban hành",
    "year": "Năm",
    "period": "Kỳ",
    "period_start_year": "Từ năm",
    "period_end_year": "Đến năm",
    "title": "Trích yếu",
    "signer": "Người ký",
    "signer_title": "Chức vụ người ký",
    "text_quality": "Chất lượng văn bản",
    "encoding": "Bảng mã",
    "n_tasks": "Số nhiệm vụ",
    "status_note": "Ghi chú tình trạng",
    "task_id": "Mã nhiệm vụ",
    "task_id_a": "Mã nhiệm vụ A",
    "task_id_b": "Mã nhiệm vụ B",
    "task_id_old": "Mã nhiệm vụ cũ",
    "task_id_new": "Mã nhiệm vụ mới",
    "section_id": "Mã mục",
    "ordinal": "Thứ tự",
    "label": "Số mục",
    "text": "Nội dung nhiệm vụ",
    "text_raw": "Nguyên văn trong tệp",
    "text_a": "Nhiệm vụ A",
    "text_b": "Nhiệm vụ B",
    "text_old": "Nhiệm vụ cũ",
    "text_new": "Nhiệm vụ mới",
    "theme": "Chủ đề",
    "theme_name": "Tên chủ đề",
    "lead_units": "Đơn vị chủ trì",
    "partner_units": "Đơn vị phối hợp",
    "timeframe": "Thời gian thực hiện",
    "due_start": "Bắt đầu",
    "due_end": "Hạn hoàn thành",
    "recurring": "Thường xuyên/định kỳ",
    "references": "Văn bản trích dẫn",
    "line_start": "Từ dòng",
    "line_end": "Đến dòng",
    "parent_task_id": "Mã nhiệm vụ cha",
    "item_kind": "Kiểu mục",
    "ref_id": "Số hiệu văn bản",
    "kind": "Loại",
    "ref_date": "Ngày văn bản",
    "reason": "Lý do",
    "cluster": "Cụm",
    "cluster_label": "Tên cụm",
    "similarity": "Độ tương đồng",
    "status": "Tình trạng",
    "diff": "Khác biệt từ ngữ",
    "tasks": "Số nhiệm vụ",
    "covered": "Có nhiệm vụ",
    "plans": "Số kế hoạch",
    "example": "Ví dụ",
    "heading": "Đề mục",
    "part": "Phần",
    "pairs": "Số cặp",
    "change": "Thay đổi",
    "last_year": "Năm trích dẫn cuối",
    "ref_year": "Năm văn bản",
    "named_year": "Năm được nêu",
    "plan_year": "Năm của kế hoạch",
    "what": "Nội dung nêu",
    "tasks_new": "Mới",
    "tasks_dropped": "Bỏ",
    "tasks_modified": "Sửa đổi",
    "tasks_kept": "Giữ nguyên",
    "terms": "Từ khóa",
    "term": "Chủ đề theo dõi",
    "variants": "Các cách ghi",
    "doc_ids": "Kế hoạch trích dẫn",
    "years": "Các năm",
    "first_year": "Năm đầu",
    "flags": "Lưu ý",
    "subject": "Trích yếu (về ...)",
    "n_plans": "Số kế hoạch",
    "n_citations": "Số lần trích dẫn",
    "share_of_plans": "Tỉ lệ kế hoạch",
    "plans_in_year": "Số kế hoạch trong năm",
    "prev_year": "So với năm",
    "task_ids": "Mã nhiệm vụ làm căn cứ",
    "evidence": "Căn cứ",
    "examples": "Nhiệm vụ tiêu biểu",
    "level": "Cấp đề mục",
    "line_no": "Dòng",
    "model": "Mô hình nhúng",
    "parent_id": "Mã mục cha",
    "role": "Vai trò của dòng",
    "restored": "Dòng đã khôi phục dấu",
    "section_kind": "Loại phần",
    "vector": "Véc-tơ",
    "key": "Mã văn bản (mô hình và nội dung)",
}

# Column → {code: words}. Booleans are "có" / "không" everywhere.
VALUES: dict[str, dict[str, str]] = {
    "status": {
        "kept": "giữ nguyên",
        "modified": "sửa đổi",
        "new": "mới",
        "dropped": "bỏ",
        "gone": "không còn",
        "continuing": "tiếp tục",
        # (a plan's status in documents)
        "ok": "đủ nhiệm vụ",
        "no_tasks": "không đọc được nhiệm vụ",
        "truncated": "văn bản bị cắt",
        "record": "chỉ có thông tin văn bản",
    },
    "kind": {
        "verbatim": "nguyên văn",
        "near_verbatim": "gần nguyên văn",
        "paraphrase": "cùng nhiệm vụ",
        "related": "cùng chủ đề",
        "duplicate": "lặp trong cùng kế hoạch",
        "preamble": "căn cứ",
        "purpose": "mục đích, yêu cầu",
        "targets": "chỉ tiêu",
        "content": "nội dung",
        "implementation": "tổ chức thực hiện",
        "recipients": "nơi nhận",
        "signature": "chữ ký",
        "other": "khác",
        "added": "thêm",
        "removed": "bỏ",
    },
    "admin_level": {
        "province": "tỉnh/thành phố",
        "department": "sở, ngành",
        "district": "huyện/quận",
        "commune": "xã/phường",
    },
    "period": {
        "year": "cả năm",
        "H1": "6 tháng đầu năm",
        "H2": "6 tháng cuối năm",
        "Q1": "quý I",
        "Q2": "quý II",
        "Q3": "quý III",
        "Q4": "quý IV",
    },
    "text_quality": {"clean": "văn bản số", "ocr": "bản quét (đã khôi phục dấu)"},
    "item_kind": {
        "dash": "gạch đầu dòng",
        "plus": "dấu cộng",
        "arabic": "số",
        "paragraph": "đoạn văn",
        "table_row": "dòng bảng",
        "letter": "chữ cái",
        "roman": "số La Mã",
    },
    "change": {"added": "thêm", "removed": "bỏ", "kept": "giữ"},
    "what": {"theme of the year": "chủ đề năm của một năm khác"},
    "theme": {str(k): f"{k}. {name}" for k, name in THEME_NAMES.items()},
}

# Columns holding a plan's id: shown on screen as the plan's label (the id itself, where a
# table needs it, goes in a column named "file").
ID_COLUMNS = ("doc_id", "doc_id_a", "doc_id_b", "doc_id_old", "doc_id_new")
# In exports the ids stay beside the labels, for joining: their headers there.
EXPORT_COLUMNS = {
    "doc_id": "Mã tệp",
    "doc_id_a": "Mã tệp A",
    "doc_id_b": "Mã tệp B",
    "doc_id_old": "Mã tệp cũ",
    "doc_id_new": "Mã tệp mới",
}


PERCENT_COLUMNS = ("similarity", "share_of_plans")


def column_text(column: str) -> str:
    """The Vietnamese header of a column; one this module does not know is an error, so that
    no code name ever reaches a report."""
    try:
        return COLUMNS[column]
    except KeyError:
        raise KeyError(f"no Vietnamese name for column '{column}': add it to compare.display.COLUMNS") from None


def value_text(column: str, value) -> str:
    """A cell as an analyst reads it: codes in words, dates dd/mm/yyyy, lists joined by ';'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float):
        return f"{value:.0%}" if column in PERCENT_COLUMNS else f"{value:g}"
    if isinstance(value, list | tuple):
        return "; ".join(value_text(column, v) for v in value)
    words = VALUES.get(column)
    if words is not None:
        return words.get(str(value), str(value))
    return str(value)


# plotly's own words (tool tips of its buttons, month and day names) in Vietnamese: registered
# as the locale "vi" in every report page (`report.show`).
PLOTLY_LOCALE = {
    "moduleType": "locale",
    "name": "vi",
    "dictionary": {
        "Autoscale": "Tự co giãn",
        "Box Select": "Chọn vùng chữ nhật",
        "Lasso Select": "Chọn vùng tự do",
        "Download plot as a png": "Tải biểu đồ (PNG)",
        "Download plot as a PNG": "Tải biểu đồ (PNG)",
        "Download plot": "Tải biểu đồ",
        "Pan": "Kéo",
        "Reset axes": "Đặt lại trục",
        "Reset view": "Đặt lại",
        "Reset": "Đặt lại",
        "Zoom": "Phóng vùng",
        "Zoom in": "Phóng to",
        "Zoom out": "Thu nhỏ",
        "Toggle Spike Lines": "Bật/tắt đường dóng",
        "Show closest data on hover": "Hiện điểm gần nhất",
        "Compare data on hover": "So sánh khi rê chuột",
        "Double-click to zoom back out": "Bấm đúp để thu nhỏ lại",
        "Produced with Plotly.js": "Vẽ bằng Plotly.js",
        "Snapshot succeeded": "Đã lưu ảnh",
        "Taking snapshot - this may take a few seconds": "Đang lưu ảnh…",
        "Click to enter Colorscale title": "Bấm để đặt tên thang màu",
        "Click to enter Plot title": "Bấm để đặt tên",
        "Orbital rotation": "Xoay quanh",
        "Turntable rotation": "Xoay bàn",
        "Reset camera to default": "Đặt lại góc nhìn",
        "Reset camera to last save": "Về góc nhìn đã lưu",
        "Toggle show closest data on hover": "Bật/tắt hiện điểm gần nhất",
        "Zoom in/out": "Phóng to/thu nhỏ",
    },
    "format": {
        "days": ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
        "shortDays": ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
        "months": [f"Tháng {m}" for m in range(1, 13)],
        "shortMonths": [f"Th{m}" for m in range(1, 13)],
        "date": "%d/%m/%Y",
        "decimal": ",",
        "thousands": ".",
    },
}
