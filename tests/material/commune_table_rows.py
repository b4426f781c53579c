"""A commune plan's task table, written for the tests (not taken from any plan): groups of
(content, lead unit, partner units, timeframe)."""

GROUPS = [
    (
        "Công tác tuyên truyền, phổ biến chủ trương về dân vận chính quyền",
        [
            (
                "Tổ chức tuyên truyền Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị đến toàn thể cán bộ, "
                "công chức phường bằng nhiều hình thức phù hợp.",
                "Văn phòng HĐND và UBND",
                "Các ban, ngành, đoàn thể",
                "Thường xuyên",
            ),
            (
                "Phổ biến Luật Thực hiện dân chủ ở cơ sở tới các tổ dân phố, gắn với việc lấy ý kiến Nhân dân về "
                "các nội dung Nhân dân bàn và quyết định.",
                "Phòng Văn hóa - Xã hội",
                "Các tổ dân phố",
                "Quý I/2026",
            ),
        ],
    ),
    (
        "Cải cách hành chính và giải quyết kiến nghị của người dân",
        [
            (
                "Niêm yết công khai thủ tục hành chính tại Bộ phận một cửa, tiếp nhận và trả kết quả đúng hẹn, "
                "không để hồ sơ trễ hạn.",
                "Văn phòng HĐND và UBND",
                "Các phòng chuyên môn",
                "Cả năm 2026",
            ),
            (
                "Chủ tịch Ủy ban nhân dân phường đối thoại trực tiếp với Nhân dân về những vấn đề bức xúc ở địa "
                "bàn dân cư.",
                "Văn phòng HĐND và UBND",
                "Mặt trận Tổ quốc phường",
                "Quý II/2026",
            ),
            (
                "Rà soát, giải quyết dứt điểm các vụ việc khiếu nại, tố cáo kéo dài, không để phát sinh điểm nóng.",
                "Công an",
                "Các đơn vị liên quan",
                "Quý III/2026",
            ),
        ],
    ),
    (
        "Xây dựng đội ngũ cán bộ, công chức gần dân, trọng dân",
        [
            (
                "Kiểm tra việc thực hiện quy tắc ứng xử của cán bộ, công chức khi tiếp xúc và giải quyết công việc "
                "của Nhân dân.",
                "Phòng Kinh tế",
                "Các đơn vị liên quan",
                "Quý IV/2026",
            ),
            (
                "Đánh giá, xếp loại cán bộ, công chức gắn với kết quả công tác dân vận và mức độ hài lòng của người "
                "dân.",
                "Văn phòng HĐND và UBND",
                "Các phòng chuyên môn",
                "Năm 2026",
            ),
        ],
    ),
]

HEAD = """ỦY BAN NHÂN DÂN PHƯỜNG AN BIÊN
Số: 14/KH-UBND
An Biên, ngày 12 tháng 01 năm 2026

KẾ HOẠCH
Thực hiện công tác dân vận chính quyền năm 2026

I. MỤC ĐÍCH, YÊU CẦU

Nâng cao hiệu quả công tác dân vận chính quyền trên địa bàn phường.

II. NỘI DUNG, NHIỆM VỤ
"""

TAIL = """
III. TỔ CHỨC THỰC HIỆN

- Văn phòng HĐND và UBND chủ trì, phối hợp với các đơn vị theo dõi, tổng hợp, báo cáo kết quả thực hiện trước ngày 15/12/2026.

Nơi nhận:
- UBND thành phố;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An
"""
