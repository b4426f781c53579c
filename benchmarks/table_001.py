"""Seed 001's task table as a careful hand restoration reads it (row number, content, lead
unit, timeframe), and the measure of how well `compare build` rebuilds it.

Row 3.2 heads its items a-c and has no lead or timeframe of its own: the 17 rows with a lead
and a timeframe are 1.1-1.3, 2.1, 3.1, 3.2a-c, 3.3-3.5, 4.1-4.4, 5.1, 5.2.

    PYTHONPATH=src:benchmarks .venv/bin/python benchmarks/table_001.py
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

ROWS: list[tuple[str, str, str, str]] = [
    (
        "1.1",
        "Tuyên truyền, phổ biến, quán triệt và triển khai các văn bản của Trung ương, thành phố về công tác "
        "dân vận gắn với việc thực hiện dân chủ ở cơ sở...",
        "Văn phòng Sở",
        "Thường xuyên",
    ),
    (
        "1.2",
        "Triển khai, thực hiện Đề án số 04-ĐA/TU, ngày 14/01/2026 của Thành ủy về xây dựng mô hình CNXH gắn "
        "với con người XHCN tại thành phố Hải Phòng giai đoạn 2026 - 2030 và những năm tiếp theo và Nghị quyết "
        "số 05-NQ/TU, ngày 14/01/2026 của Ban Chấp hành Đảng bộ thành phố về xây dựng và triển khai thực hiện "
        "một số mô hình CNXH gắn với con người XHCN tại thành phố Hải Phòng giai đoạn 2026-2030 và những năm "
        "tiếp theo.",
        "Văn phòng Sở",
        "Thường xuyên",
    ),
    (
        "1.3",
        "Tham mưu ban hành văn bản của Sở chỉ đạo, hướng dẫn các đơn vị trực thuộc Sở xây dựng, triển khai Kế "
        "hoạch thực hiện công tác dân vận năm 2026 của Ủy ban nhân dân thành phố “Chủ động thực thi, phát huy "
        "nội lực, tăng trưởng bứt phá” gắn với việc thực hiện chủ đề năm của ngành giáo dục và đào tạo.",
        "Văn phòng Sở",
        "Quý I/2026",
    ),
    (
        "2.1",
        "Thực hiện quy hoạch thành phố Hải Phòng đã được Thủ tướng Chính phủ phê duyệt theo phê duyệt điều "
        "chỉnh Quy hoạch chung đến năm 2040, tầm nhìn đến năm 2050.",
        "Phòng Kế hoạch - Tài chính",
        "Thường xuyên",
    ),
    # the first two words are specks in the scan ("‘1;;11?; Illrllcleln"): read as "Tiếp tục"
    (
        "3.1",
        "Tiếp tục xây dựng cơ quan văn hóa, công sở; thực hiện phong trào thi đua, đăng ký "
        "mô hình “Dân vận khéo” năm 2026.",
        "Văn phòng Sở",
        "Quý I - Quý III/2026",
    ),
    (
        "a",
        "Xây dựng Kế hoạch triển khai thực hiện dân chủ ở cơ sở gắn với Nghị quyết số 82/NQ-HĐND ngày "
        "11/12/2025 của Hội đồng nhân dân thành phố về các biện pháp bảo đảm thực hiện dân chủ ở cơ sở trên "
        "địa bàn thành phố",
        "Phòng Tổ chức cán bộ",
        "Quý I/2026",
    ),
    (
        "b",
        "Xây dựng, sửa đổi, bổ sung Quy chế dân chủ ở cơ sở, quy định, nội quy, quy chế làm việc, quy chế chi "
        "tiêu nội bộ tại sở, ngành, Ủy ban nhân dân cấp xã và cơ quan, đơn vị, tổ chức; doanh nghiệp.",
        "Phòng Tổ chức cán bộ",
        "Quý I/2026",
    ),
    (
        "c",
        "Triển khai thực hiện dân chủ ở cơ sở tại các đơn vị sự nghiệp công lập, doanh nghiệp nhà nước trực "
        "thuộc các cơ quan, đơn vị; doanh nghiệp và tổ chức khác có thuê mướn, sử dụng lao động theo hợp đồng "
        "lao động thuộc khu vực ngoài nhà nước.",
        "Phòng Tổ chức cán bộ",
        "Cả năm 2026",
    ),
    (
        "3.3",
        "Tham mưu thực hiện việc chấm điểm, xếp loại công tác dân chủ của Sở GDĐT năm 2026",
        "Phòng Tổ chức cán bộ",
        "Quý IV/2026",
    ),
    (
        "3.4",
        "Tham mưu thực hiện việc chấm điểm, xếp loại công tác dân vận của Sở GDĐT năm 2026",
        "Văn phòng Sở",
        "Quý IV/2026",
    ),
    (
        "3.5",
        "Tham mưu tổ chức đánh giá kết quả thực hiện công tác dân vận của Sở GDĐT năm 2026 và xây dựng kế "
        "hoạch phối hợp thực hiện công tác dân vận năm 2027.",
        "Văn phòng Sở",
        "Quý IV/2026",
    ),
    (
        "4.1",
        "Thủ trưởng đơn vị tăng cường đối thoại, tiếp xúc trực tiếp với Nhân dân, tháo gỡ khó khăn, vướng "
        "mắc của Nhân dân ngay từ cơ sở.",
        "Văn phòng Sở",
        "Cả năm 2026",
    ),
    (
        "4.2",
        "Nâng cao hiệu quả tiếp nhận, giải quyết và tạo điều kiện thuận lợi để công dân, doanh nghiệp góp ý, "
        "phản ánh, kiến nghị, khiếu nại, tố cáo các hành vi tham nhũng, sách nhiễu, gây phiền hà, tùy tiện đặt "
        "ra các khoản phí ngoài quy định trong giải quyết thủ tục hành chính qua đường dây nóng, điện thoại, "
        "tin nhắn, thư điện tử và các hình thức khác được pháp luật cho phép.",
        "Văn phòng Sở",
        "Cả năm 2026",
    ),
    (
        "4.3",
        "Rà soát, giải quyết các vụ việc khiếu nại, tố cáo đông người, phức tạp, kéo dài trên địa bàn thành phố.",
        "Văn phòng Sở",
        "Cả năm 2026",
    ),
    (
        "4.4",
        "Nâng cao việc ứng dụng công nghệ thông tin trong tiếp nhận và đánh giá sự hài lòng của người dân, "
        "doanh nghiệp trong việc thực hiện dịch vụ công.",
        "Văn phòng Sở",
        "Thường xuyên",
    ),
    (
        "5.1",
        "Tiếp tục rà soát để sắp xếp lại đơn vị sự nghiệp công lập trực thuộc sở, ngành và Ủy ban nhân dân cấp xã.",
        "Phòng Tổ chức cán bộ",
        "Năm 2026",
    ),
    (
        "5.2",
        "Tiếp tục giải quyết các khó khăn, vướng mắc, tâm tư nguyện vọng của cán bộ, công chức, viên chức, "
        "người lao động khi triển khai Nghị quyết của Quốc hội, Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị "
        "hành chính các cấp trên địa bàn thành phố.",
        "Phòng Tổ chức cán bộ",
        "Năm 2026",
    ),
]


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[/-][^\W_]+)*", text.lower())


def word_match(reference: str, text: str) -> float:
    """Share of words in common, in order, over the longer of the two (missing and extra
    words both count against)."""
    a, b = words(reference), words(text)
    if not a or not b:
        return 0.0
    same = sum(m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return same / max(len(a), len(b))


def _unit_ok(want: str, got: list[str]) -> bool:
    from compare.text.vietnamese import fold

    return (
        bool(got)
        and fold(want).replace(" - ", " ") in fold(got[0]).replace(" - ", " ") + " so"
        and fold(got[0]).startswith(fold(want).split()[0])
    )


def _time_ok(want: str, got: str | None) -> bool:
    from compare.text.vietnamese import fold

    return got is not None and fold(want).replace(" ", "") == fold(got).replace(" ", "")


def evaluate(tasks) -> dict:
    """Row by row against ROWS, for the rows of 001 that `compare build` produced."""
    rows = tasks.filter(tasks["doc_id"].str.starts_with("001")).to_dicts()
    found = {}
    for want_label, want_text, _, _ in ROWS:
        # the row is the task with its number, else the task whose text matches best
        labelled = [r for r in rows if r["label"] == want_label]
        found[want_label] = labelled[0] if labelled else max(rows, key=lambda r: word_match(want_text, r["text"]))
    out = []
    for label, text, lead, time in ROWS:
        r = found[label]
        out.append(
            {
                "row": label,
                "label_ok": r["label"] == label,
                "words": word_match(text, r["text"]),
                "lead_ok": _unit_ok(lead, r["lead_units"]),
                "time_ok": _time_ok(time, r["timeframe"]),
                "got_lead": (r["lead_units"] or [""])[0],
                "got_time": r["timeframe"],
            }
        )
    return {"rows": out, "distinct": len({id(v) for v in found.values()})}


def main() -> None:
    from compare.build import build_corpus

    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    result = build_corpus(raw)
    import polars as pl

    tasks = pl.DataFrame([t for d in result.documents for t in d.tasks])
    report = evaluate(tasks)
    for r in report["rows"]:
        print(
            f"{r['row']:>4} label {'ok ' if r['label_ok'] else 'BAD'} words {r['words']:.2f} "
            f"lead {'ok ' if r['lead_ok'] else 'BAD'} {r['got_lead']!s:32} time {'ok ' if r['time_ok'] else 'BAD'} {r['got_time']}"
        )
    rows = report["rows"]
    n = len(rows)
    print(
        f"rows found (distinct tasks): {report['distinct']}/{n}; labels right {sum(r['label_ok'] for r in rows)}/{n}; "
        f"lead right {sum(r['lead_ok'] for r in rows)}/{n}; timeframe right {sum(r['time_ok'] for r in rows)}/{n}; "
        f"mean word match {sum(r['words'] for r in rows) / n:.3f}"
    )


if __name__ == "__main__":
    sys.exit(main())
