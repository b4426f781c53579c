"""One plan's body set out in the layouts other agencies and other tools use: the same five
tasks (and the one implementation task) come out of each, with units and timeframes where the
layout gives them."""

from __future__ import annotations

import pytest

_HEAD = (
    "ỦY BAN NHÂN DÂN\nHUYỆN YÊN DŨNG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
    "Số: 15/KH-UBND\nYên Dũng, ngày 10 tháng 01 năm 2024\n\nKẾ HOẠCH\nThực hiện công tác dân vận chính quyền năm 2024\n\n"
    "Căn cứ Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị;\n"
    "Ủy ban nhân dân huyện ban hành Kế hoạch như sau:\n\n"
)
_TAIL = "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn Nam\n"
_TASKS = [
    "Tuyên truyền Quy chế công tác dân vận đến toàn thể cán bộ, công chức",
    "Rà soát, công khai thủ tục hành chính tại Bộ phận Một cửa",
    "Tổ chức đối thoại giữa Chủ tịch UBND huyện với Nhân dân",
    "Đánh giá mức độ hài lòng của người dân với cơ quan hành chính",
    "Xây dựng mô hình Dân vận khéo trong lĩnh vực cải cách hành chính",
]
_UNITS = [
    "Phòng Văn hóa và Thông tin",
    "Văn phòng HĐND và UBND huyện",
    "Thanh tra huyện",
    "Phòng Nội vụ",
    "Phòng Nội vụ",
]
_TIMES = ["Quý I/2024", "Thường xuyên", "Quý II/2024", "Tháng 11/2024", "Trước ngày 30/6/2024"]
_PURPOSE = "Nâng cao nhận thức về công tác dân vận.\n"
_LAST = "Các phòng, ban chuyên môn triển khai thực hiện Kế hoạch này.\n"


def _numbered(fmt: str) -> str:
    return "".join(fmt.format(n=n, c="abcde"[n - 1], t=t) for n, t in enumerate(_TASKS, 1))


_LAYOUTS = {
    "a table copied with tabs between cells": (
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        + _PURPOSE
        + "II. NHIỆM VỤ CỤ THỂ\nTT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tThời gian\n"
        + "".join(f"{n}\t{t}\t{u}\t{tm}\n" for n, (t, u, tm) in enumerate(zip(_TASKS, _UNITS, _TIMES), 1))
        + "III. TỔ CHỨC THỰC HIỆN\n"
        + _LAST,
        True,
    ),
    "a web page's table read out one cell per line": (
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        + _PURPOSE
        + "II. NHIỆM VỤ CỤ THỂ\nTT\nNội dung nhiệm vụ\nĐơn vị chủ trì\nThời gian\n"
        + "".join(f"{n}\n{t}\n{u}\n{tm}\n" for n, (t, u, tm) in enumerate(zip(_TASKS, _UNITS, _TIMES), 1))
        + "III. TỔ CHỨC THỰC HIỆN\n"
        + _LAST,
        True,
    ),
    "parts numbered in words ('PHẦN THỨ NHẤT') with their titles below": (
        "PHẦN THỨ NHẤT\nMỤC ĐÍCH, YÊU CẦU\n"
        + _PURPOSE
        + "PHẦN THỨ HAI\nNHIỆM VỤ CỤ THỂ\n"
        + _numbered("{n}. {t}.\n")
        + "PHẦN THỨ BA\nTỔ CHỨC THỰC HIỆN\n"
        + _LAST,
        False,
    ),
    "unnumbered parts in bold": (
        "**MỤC ĐÍCH, YÊU CẦU**\n"
        + _PURPOSE
        + "\n**NHIỆM VỤ CỤ THỂ**\n"
        + _numbered("- {t}.\n")
        + "\n**TỔ CHỨC THỰC HIỆN**\n"
        + _LAST,
        False,
    ),
    "roman numerals with a bracket, letters with a dot": (
        "I) MỤC ĐÍCH, YÊU CẦU\n"
        + _PURPOSE
        + "II) NHIỆM VỤ CỤ THỂ\n1) Nhiệm vụ chung\n"
        + _numbered("{c}. {t}.\n")
        + "III) TỔ CHỨC THỰC HIỆN\n"
        + _LAST,
        False,
    ),
    "'+' items straight under a part": (
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        + _PURPOSE
        + "II. NHIỆM VỤ CỤ THỂ\n"
        + _numbered("+ {t}.\n")
        + "III. TỔ CHỨC THỰC HIỆN\n"
        + _LAST,
        False,
    ),
    "arabic parts, decimal items": (
        "1. MỤC ĐÍCH, YÊU CẦU\n"
        + _PURPOSE
        + "2. NHIỆM VỤ CỤ THỂ\n"
        + _numbered("2.{n}. {t}.\n")
        + "3. TỔ CHỨC THỰC HIỆN\n"
        + _LAST,
        False,
    ),
    "en dashes glued to the text": (
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        + _PURPOSE
        + "II. NHIỆM VỤ CỤ THỂ\n"
        + _numbered("–{t}.\n")
        + "III. TỔ CHỨC THỰC HIỆN\n"
        + _LAST,
        False,
    ),
}


@pytest.mark.parametrize("name", sorted(_LAYOUTS))
def test_same_tasks_whatever_the_layout(name):
    from compare.build import parse_text

    body, has_columns = _LAYOUTS[name]
    d = parse_text(_HEAD + body + _TAIL, "x")
    texts = [t["text"].rstrip(".") for t in d.tasks]
    assert texts == _TASKS + [_LAST.strip().rstrip(".")]
    assert [s["kind"] for s in d.sections if s["level"] == 1][:4] == [
        "preamble",
        "purpose",
        "content",
        "implementation",
    ]
    assert (d.metadata.issuer, d.metadata.signer) == ("Ủy ban nhân dân huyện Yên Dũng", "Nguyễn Văn Nam")
    assert not d.fell_through
    if has_columns:
        assert [t["lead_units"] for t in d.tasks[:5]] == [[u] for u in _UNITS]
        assert [t["timeframe"] for t in d.tasks[:5]] == _TIMES


def test_one_cell_per_line_with_groups_missing_cells_and_a_second_paragraph():
    """Empty cells leave no line, a content cell may hold two paragraphs, group headings ('I' /
    'CÔNG TÁC ...') sit between the rows and the numbering starts again under each: every cell
    still lands in its column, each row is one task under its group."""
    from compare.build import parse_text

    body = (
        "I. MỤC ĐÍCH, YÊU CẦU\n" + _PURPOSE + "II. NHIỆM VỤ CỤ THỂ\nSTT\nNội dung công việc\nĐơn vị chủ trì\n"
        "Đơn vị phối hợp\nThời gian thực hiện\nI\nCÔNG TÁC TUYÊN TRUYỀN, QUÁN TRIỆT\n"
        f"1\n{_TASKS[0]}\n{_UNITS[0]}\nCác cơ quan, đơn vị\n{_TIMES[0]}\n"
        f"2\n{_TASKS[1]}\nTrong đó chú trọng công khai trên Cổng thông tin điện tử huyện.\n{_UNITS[1]}\n{_TIMES[1]}\n"
        "II\nCÔNG TÁC CẢI CÁCH HÀNH CHÍNH\n"
        f"1\n{_TASKS[2]}\n{_UNITS[2]}\nPhòng Nội vụ\n"
        f"2\n{_TASKS[3]}\n{_TIMES[3]}\n"
        f"3\n{_TASKS[4]}\n{_UNITS[4]}\nUBND các xã, thị trấn\n{_TIMES[4]}\n"
        "III. TỔ CHỨC THỰC HIỆN\n" + _LAST
    )
    d = parse_text(_HEAD + body + _TAIL, "x")
    rows = [(t["text"], t["lead_units"], t["partner_units"], t["timeframe"]) for t in d.tasks[:5]]
    assert rows == [
        (_TASKS[0], [_UNITS[0]], ["Các cơ quan, đơn vị"], _TIMES[0]),
        (_TASKS[1] + " Trong đó chú trọng công khai trên Cổng thông tin điện tử huyện.", [_UNITS[1]], [], _TIMES[1]),
        (_TASKS[2], [_UNITS[2]], ["Phòng Nội vụ"], None),
        (_TASKS[3], [], [], _TIMES[3]),
        (_TASKS[4], [_UNITS[4]], ["UBND các xã, thị trấn"], _TIMES[4]),
    ]
    groups = {s["section_id"]: s["heading"] for s in d.sections}
    assert [groups[t["section_id"]] for t in d.tasks[:5]] == ["CÔNG TÁC TUYÊN TRUYỀN, QUÁN TRIỆT"] * 2 + [
        "CÔNG TÁC CẢI CÁCH HÀNH CHÍNH"
    ] * 3
    assert not d.fell_through and not [ln for ln in d.lines if ln.role == "unaccounted"]


def test_a_plan_without_parts_lists_its_tasks_after_the_preamble():
    """'... ban hành Kế hoạch như sau:' then the items, no part headings at all: the items are
    the tasks (with no section), not a reason to refuse the plan."""
    from compare.build import BuildResult, parse_text, summary

    body = "".join(f"- {t}.\n" for t in _TASKS)
    d = parse_text(_HEAD + body + _TAIL, "x")
    assert [t["text"].rstrip(".") for t in d.tasks] == _TASKS
    assert {t["section_id"] for t in d.tasks} == {None}
    assert (d.metadata.signer, d.metadata.number) == ("Nguyễn Văn Nam", "15/KH-UBND")
    assert not d.fell_through and "warning" not in summary(BuildResult([d], [], {}))


def test_a_titled_plan_without_items_is_kept_and_says_no_task_was_read():
    from compare.build import parse_text

    doc = parse_text(
        _HEAD + "Các cơ quan, đơn vị nghiêm túc thực hiện công tác dân vận chính quyền theo quy định.\n" + _TAIL,
        "x",
    )
    assert not doc.tasks and doc.metadata.doc_type == "Kế hoạch"
    assert doc.status == "no_tasks" and (doc.status_note or "").startswith("Không nhận ra nhiệm vụ nào")
