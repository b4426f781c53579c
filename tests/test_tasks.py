"""Task edges of each seed, as a person reading the plan sees them."""

from __future__ import annotations

import datetime as dt

import pytest

from compare.text.vietnamese import fold


def _tasks(parsed, key):
    return parsed[key].tasks


def _by_line(parsed, key, line):
    return next(t for t in parsed[key].tasks if t["line_start"] <= line <= t["line_end"])


def _section(parsed, key, section_id):
    return next(s for s in parsed[key].sections if s["section_id"] == section_id)


def test_000_tasks(parsed):
    tasks = _tasks(parsed, "000")
    assert len(tasks) == 23
    first = tasks[0]
    assert (first["line_start"], first["line_end"], first["theme"]) == (20, 20, 1)
    assert {"23-QĐ/TW", "446-QĐ/TU", "357-QĐ/TU", "59/2023/NĐ-CP", "26/CT-UBND"} <= set(first["references"])
    # purpose items (lines 10-14), "Trên đây ..." (84) and recipients (88-93) are not tasks
    lines = {n for t in tasks for n in range(t["line_start"], t["line_end"] + 1)}
    assert not lines & {10, 12, 14, 84, 88, 89, 93, 95, 97}
    # the bullet cut by a page break inside "Phòng Tổ chức - Cán bộ" is one task again
    last = tasks[-1]
    assert (last["line_start"], last["line_end"]) == (80, 82)
    assert "Phòng Tổ chức - Cán bộ Sở để tổng hợp" in last["text"]
    assert (last["timeframe"], last["due_end"]) == ("trước ngày 02/12/2025", dt.date(2025, 12, 2))


def test_000_heading_on_two_lines_is_one_heading(parsed):
    sec5 = next(s for s in parsed["000"].sections if s["label"] == "5" and s["kind"] == "content")
    assert (sec5["line_start"], sec5["theme"]) == (54, 5)
    assert sec5["heading"].endswith(
        "tổ chức bộ máy các cơ quan nhà nước tinh gọn, hoạt động hiệu lực, hiệu quả; "
        "nâng cao đạo đức công vụ, tinh thần trách nhiệm, kỷ luật, kỷ cương."
    )
    kids = [t for t in parsed["000"].tasks if t["section_id"] == sec5["section_id"]]
    assert [t["line_start"] for t in kids] == [58, 60, 62]


def test_000_heading_levels_follow_numbering(parsed):
    secs = {s["label"]: s for s in parsed["000"].sections if s["label"]}
    assert secs["II"]["level"] == 1 and secs["II"]["kind"] == "content"
    assert secs["III"]["kind"] == "implementation"
    assert [s["theme"] for s in parsed["000"].sections if s["kind"] == "content" and s["level"] == 2] == [1, 2, 3, 4, 5]


def test_002_tasks(parsed):
    tasks = _tasks(parsed, "002")
    assert len(tasks) == 32
    # the bullet split by a page break (lines 43-45) is one task
    t = _by_line(parsed, "002", 45)
    assert (t["line_start"], t["line_end"]) == (43, 45)
    # the duplicated bullet stays two tasks (duplicates are flagged by the analysis, not dropped)
    dup_a, dup_b = _by_line(parsed, "002", 73), _by_line(parsed, "002", 77)
    assert dup_a["task_id"] != dup_b["task_id"] and fold(dup_a["text"])[:120] == fold(dup_b["text"])[:120]
    # targets are not tasks; implementation tasks carry their unit heading as lead
    assert _section(parsed, "002", _by_line(parsed, "002", 101)["section_id"])["heading"] == "Văn phòng Sở"
    assert _by_line(parsed, "002", 101)["lead_units"] == ["Văn phòng Sở"]
    assert _by_line(parsed, "002", 101)["partner_units"] == ["các phòng", "đơn vị", "đoàn thể cơ quan"]
    assert _by_line(parsed, "002", 113)["partner_units"] == ["Văn phòng Sở"]
    assert not [t for t in tasks if 21 <= t["line_start"] <= 25]
    last = tasks[-1]
    assert (last["timeframe"], last["due_end"]) == ("trước ngày 21/02/2025", dt.date(2025, 2, 21))


def test_003_paragraph_tasks(parsed):
    tasks = _tasks(parsed, "003")
    assert len(tasks) == 20
    assert [(t["line_start"], t["line_end"]) for t in tasks[:3]] == [(80, 95), (97, 103), (105, 115)]
    assert tasks[0]["label"] == "1" and tasks[2]["label"] == ""
    inspect = [t for t in tasks if t["lead_units"] == ["Thanh tra Sở"]]
    assert [(t["line_start"], t["line_end"]) for t in inspect] == [(244, 246), (248, 251)]
    assert all(t["text"] == " ".join(t["text"].split()) for t in tasks)  # wraps joined, no padding


def test_004_quarters_and_sub_items(parsed):
    tasks = _tasks(parsed, "004")
    assert len(tasks) == 23
    q3 = [t for t in tasks if t["timeframe"] == "Quý 3"]
    q4 = [t for t in tasks if t["timeframe"] == "Quý 4"]
    assert len(q3) == 3 and len(q4) == 4
    assert {(t["due_start"], t["due_end"]) for t in q3} == {(dt.date(2025, 7, 1), dt.date(2025, 9, 30))}
    assert {(t["due_start"], t["due_end"]) for t in q4} == {(dt.date(2025, 10, 1), dt.date(2025, 12, 31))}
    lead = _by_line(parsed, "004", 56)
    assert lead["lead_units"] == ["Phòng Văn hóa - Xã hội"]
    subs = [t for t in tasks if t["parent_task_id"] == lead["task_id"]]
    assert [t["line_start"] for t in subs] == [58, 60]
    assert all(t["section_id"] == lead["section_id"] and t["lead_units"] == lead["lead_units"] for t in subs)
    assert _by_line(parsed, "004", 60)["recurring"] is True


def test_001_ocr_scan_builds_with_its_bullets(parsed):
    d = parsed["001"]
    assert d.metadata.text_quality == "ocr"
    starts = {t["line_start"] for t in d.tasks}
    assert {59, 64, 68, 233, 237} <= starts


def test_every_non_blank_line_is_accounted_for(parsed):
    for key, d in parsed.items():
        roles = {ln.role for ln in d.lines}
        assert "unaccounted" not in roles, key
        text = d.source_path and open(d.source_path, encoding="utf-8").read().split("\n")
        non_blank = {i for i, line in enumerate(text, start=1) if line.strip()}
        assert {ln.line_no for ln in d.lines} == non_blank, key


def test_tasks_trace_to_their_source_lines(parsed):
    for key, d in parsed.items():
        source = open(d.source_path, encoding="utf-8").read().split("\n")
        for t in d.tasks:
            span = source[t["line_start"] - 1 : t["line_end"]]
            assert t["text_raw"].split("\n")[0] == span[0], (key, t["task_id"])
            assert t["text_raw"].split("\n")[-1] in span, (key, t["task_id"])
            words = set(fold(" ".join(span)).replace("*", "").split())
            mine = set(fold(t["text"]).replace("*", "").split())
            if d.metadata.text_quality == "clean":  # every word of the text comes from those lines
                assert mine <= words | {"-"}, (key, t["task_id"])
            else:  # restored text: words changed their marks, most kept their letters
                assert len(mine & words) >= 0.3 * len(mine), (key, t["task_id"])


def _build_material(name):
    from conftest import MATERIAL

    from compare.build import parse_text

    return parse_text((MATERIAL / name).read_text(encoding="utf-8"), name.split(".")[0])


def test_named_parts_on_their_own_line_are_headings():
    """'Phần I' on one line, its title in capitals on the next: one part heading, and the
    purpose items under it are not tasks."""
    doc = _build_material("province_named_parts.txt")
    parts = [(s["label"], s["kind"], s["heading"]) for s in doc.sections if s["level"] == 1 and s["label"]]
    assert parts == [
        ("I", "purpose", "MỤC ĐÍCH, YÊU CẦU"),
        ("II", "content", "NHIỆM VỤ VÀ GIẢI PHÁP"),
        ("III", "implementation", "TỔ CHỨC THỰC HIỆN"),
    ]
    assert [t["label"] for t in doc.tasks] == ["2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2"]
    assert doc.tasks[1]["lead_units"] == ["Sở Nội vụ"] and doc.tasks[1]["due_end"] == dt.date(2025, 6, 30)
    assert not doc.fell_through
    md = doc.metadata
    assert (md.issuer, md.jurisdiction, md.admin_level, md.number) == (
        "Ủy ban nhân dân tỉnh Quảng Nam",
        "Quảng Nam",
        "province",
        "112/KH-UBND",
    )


def test_attribute_lines_belong_to_the_item_above():
    """'- Đơn vị chủ trì: X' and '- Thời gian thực hiện: Y' under a lettered item give that
    item its lead unit and timeframe; they are not tasks, and the item is not a heading.
    Parts and items numbered '1-' are read as numbered."""
    doc = _build_material("district_attribute_lines.txt")
    got = [(t["label"], t["lead_units"], t["timeframe"]) for t in doc.tasks]
    assert got == [
        ("a", ["Phòng Văn hóa và Thông tin"], "Quý I/2024"),
        ("b", ["Phòng Tư pháp"], "trước ngày 30/4/2024"),
        ("a", ["Văn phòng HĐND và UBND huyện"], "Thường xuyên"),
        ("b", ["Phòng Nội vụ"], "Tháng 11/2024"),
        ("1", [], "trước ngày 10/12/2024"),
        ("2", [], None),
    ]
    headings = [s["heading"] for s in doc.sections if s["kind"] == "content"]
    assert headings == ["NỘI DUNG THỰC HIỆN", "Công tác tuyên truyền", "Cải cách hành chính"]
    # the attribute lines are traced to the task they describe
    assert (doc.tasks[0]["line_start"], doc.tasks[0]["line_end"]) == (13, 15)


def test_department_task_table_and_a_header_cell_holding_parent_and_issuer():
    """A markdown task table with lead, partner, time and product columns; the header's first
    cell holds both the parent body and the issuing department."""
    doc = _build_material("department_task_table.md")
    got = [(t["label"], t["lead_units"], t["partner_units"], t["timeframe"]) for t in doc.tasks[:4]]
    assert got == [
        ("1", ["Phòng Phổ biến, giáo dục pháp luật"], ["Văn phòng Sở"], "Quý II/2025"),
        ("2", ["Văn phòng Sở"], ["Các phòng chuyên môn"], "Thường xuyên"),
        ("3", ["Thanh tra Sở"], ["Văn phòng Sở"], "Hằng tháng"),
        ("4", ["Văn phòng Sở"], ["Các phòng, đơn vị"], "Trước ngày 15/12/2025"),
    ]
    md = doc.metadata
    assert (md.issuer, md.parent, md.jurisdiction, md.admin_level) == (
        "Sở Tư pháp",
        "UBND tỉnh Long An",
        "Long An",
        "department",
    )


def test_parts_lettered_in_capitals_hold_the_roman_ones():
    """'A. MỤC ĐÍCH, YÊU CẦU' / 'B. NHIỆM VỤ TRỌNG TÂM' / 'C. TỔ CHỨC THỰC HIỆN' with 'I.', 'II.'
    under B and '•' items: the lettered parts are the top of the tree, and every item under B's
    roman parts is a task of its own part."""
    doc = _build_material("city_letter_parts.txt")
    top = [(s["label"], s["kind"]) for s in doc.sections if s["level"] == 1 and s["label"]]
    assert top == [("A", "purpose"), ("B", "content"), ("C", "implementation")]
    by_id = {s["section_id"]: s for s in doc.sections}
    under_b = [s["heading"] for s in doc.sections if s["parent_id"] and by_id[s["parent_id"]]["label"] == "B"]
    assert under_b == [
        "Công tác tuyên truyền",
        "Cải cách hành chính và phục vụ người bệnh",
        'Xây dựng mô hình "Dân vận khéo"',
    ]
    per_section = [by_id[t["section_id"]]["label"] for t in doc.tasks]
    assert per_section == ["I", "I", "II", "II", "II", "III", "C", "C"]
    assert doc.tasks[1]["lead_units"] == ["Văn phòng Sở"] and doc.tasks[1]["partner_units"] == ["Phòng Tổ chức cán bộ"]
    assert doc.tasks[2]["timeframe"] == "Tháng 6/2024"
    assert not doc.fell_through
    md = doc.metadata
    assert (md.issuer, md.parent, md.jurisdiction, md.admin_level, md.number) == (
        "Sở Y tế",
        "Ủy ban nhân dân thành phố Đà Nẵng",
        "Đà Nẵng",
        "department",
        "215/KH-SYT",
    )


@pytest.mark.parametrize("drop", [0.3, 0.7, 1.0])
def test_lead_units_from_a_scans_attribute_lines(drop):
    """'Pon vi chu tri: Phong Tu phap' (marks lost, 'Đ' read as 'P'): the unit is still read,
    as far as the restorer gets its marks back."""
    import forms
    from conftest import MATERIAL

    from compare.build import parse_text

    text = (MATERIAL / "district_attribute_lines.txt").read_text(encoding="utf-8")
    clean = [[fold(u) for u in t["lead_units"]] for t in parse_text(text, "x").tasks]
    damaged = forms.ocr_damage(forms.strip_markdown(text), drop=drop, seed=1)
    got = [[fold(u) for u in t["lead_units"]] for t in parse_text(damaged, "x").tasks]
    assert len(got) == len(clean)
    assert all(bool(g) == bool(c) for g, c in zip(got, clean))  # a lead wherever the clean plan has one
    assert sum(g == c for g, c in zip(got, clean) if c) >= 2


def test_task_table_with_time_before_the_units_and_a_notes_column():
    """Columns 'STT | Nhiệm vụ | Thời gian | Đơn vị chủ trì | Đơn vị phối hợp | Ghi chú' under
    lettered parts, in a district office's plan."""
    doc = _build_material("district_office_table.md")
    got = [(t["label"], t["lead_units"], t["partner_units"], t["timeframe"]) for t in doc.tasks[:5]]
    assert got == [
        ("1", ["Phòng Nội vụ"], ["Các cơ quan, đơn vị"], "Quý I/2025"),
        ("2", ["Phòng Nội vụ"], ["UBND các xã, thị trấn"], "Thường xuyên"),
        ("3", ["Bộ phận Một cửa"], ["Phòng Văn hóa và Thông tin"], "Quý III/2025"),
        ("4", ["Phòng Nội vụ"], ["Các phòng chuyên môn"], "Trước ngày 30/6/2025"),
        ("5", ["Phòng Nội vụ"], [], "Tháng 6 và tháng 12/2025"),
    ]
    assert [t["theme"] for t in doc.tasks[:5]] == [1, 3, 4, 5, 0]
    assert len(doc.tasks) == 7 and not doc.fell_through


@pytest.mark.parametrize(
    "text, written, start, end",
    [
        (
            "Thanh tra Sở kiểm tra việc thực hiện quy tắc ứng xử trong năm 2024.",
            "Trong năm 2024",
            dt.date(2024, 1, 1),
            dt.date(2024, 12, 31),
        ),
        ("Tổ chức hội thi trong năm học 2024-2025.", None, None, None),  # a school year is not the year
        ("Duy trì cả năm.", "Cả năm", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        # several months of one year: from the first to the end of the last
        (
            "Sơ kết, tổng kết: tháng 6 và tháng 12/2025.",
            "Tháng 6 và tháng 12/2025",
            dt.date(2025, 6, 1),
            dt.date(2025, 12, 31),
        ),
        ("Báo cáo định kỳ tháng 3, 6, 9/2025.", "Tháng 3, 6, 9/2025", dt.date(2025, 3, 1), dt.date(2025, 9, 30)),
        ("Báo cáo tháng 6/2025.", "Tháng 6/2025", dt.date(2025, 6, 1), dt.date(2025, 6, 30)),
        # a table's time cell that says only "during the year": the plan's year
        ("Trong năm", "Trong năm", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    ],
)
def test_year_and_month_timeframes(text, written, start, end):
    from compare.parse.timeframes import resolve

    tf = resolve(text, 2025, "year")
    assert (tf.text, tf.start, tf.end) == (written, start, end)


@pytest.mark.parametrize(
    "text, lead, partners",
    [
        # a unit whose name holds a comma, as the subject of its item
        (
            "Phòng Phổ biến, giáo dục pháp luật chủ trì, phối hợp với Văn phòng Sở tuyên truyền các chính sách mới.",
            ["Phòng Phổ biến, giáo dục pháp luật"],
            ["Văn phòng Sở"],
        ),
        # the subject is no unit: the unit that leads is the one before "chủ trì"
        ("Ban Giám đốc chỉ đạo, giao Văn phòng chủ trì thực hiện.", ["Văn phòng"], []),
        (
            "Văn phòng Sở chủ trì, phối hợp với Thanh tra Sở rà soát thủ tục hành chính.",
            ["Văn phòng Sở"],
            ["Thanh tra Sở"],
        ),
        # the standing body or focal point of the plan leads its item
        ("Sở Nội vụ là cơ quan thường trực, theo dõi, đôn đốc, tổng hợp, báo cáo UBND tỉnh.", ["Sở Nội vụ"], []),
        ("Văn phòng Sở là đầu mối tổng hợp kết quả.", ["Văn phòng Sở"], []),
        # the unit an item opens with and makes responsible (its name may hold a comma)
        ("Văn phòng Sở có trách nhiệm theo dõi, đôn đốc, tổng hợp kết quả thực hiện.", ["Văn phòng Sở"], []),
        ("Các phòng, đơn vị thuộc Sở chịu trách nhiệm triển khai Kế hoạch này.", ["Các phòng, đơn vị thuộc Sở"], []),
        (
            "Văn phòng Sở có trách nhiệm chủ trì, phối hợp với Thanh tra Sở tổ chức thực hiện.",
            ["Văn phòng Sở"],
            ["Thanh tra Sở"],
        ),
        ("Phòng Nội vụ chủ trì, phối hợp với các đơn vị có trách nhiệm thực hiện.", ["Phòng Nội vụ"], ["các đơn vị"]),
        ("Nâng cao trách nhiệm của người đứng đầu cơ quan, đơn vị.", [], []),
        # the unit an item is addressed to, before a colon
        ("Văn phòng Sở: theo dõi, đôn đốc, tổng hợp kết quả, báo cáo Giám đốc Sở.", ["Văn phòng Sở"], []),
        ("UBND các xã, thị trấn: xây dựng kế hoạch của đơn vị.", ["UBND các xã, thị trấn"], []),
        ("Phòng, chống tham nhũng: thực hiện nghiêm các quy định.", [], []),
        ("Hội nghị sơ kết: tổ chức vào tháng 6.", [], []),
        # a committee whose name opens with "Ủy ban" but is no People's Committee
        ("Ủy ban Kiểm tra Đảng ủy chủ trì kiểm tra việc thực hiện.", ["Ủy ban Kiểm tra Đảng ủy"], []),
        ("Đơn vị thực hiện: các phòng chuyên môn.", ["các phòng chuyên môn"], []),
        (
            "Tổ chức hội nghị. Cơ quan thực hiện: Phòng Nội vụ; cơ quan phối hợp: Văn phòng.",
            ["Phòng Nội vụ"],
            ["Văn phòng"],
        ),
    ],
)
def test_lead_and_partner_units_in_running_text(text, lead, partners):
    from compare.parse.tasks import units_from_text

    assert units_from_text(text) == (lead, partners)


@pytest.mark.parametrize("name", ["department_appendix_table.txt", "department_appendix_items.txt"])
def test_tasks_in_appendices_after_the_signature(name):
    """'PHỤ LỤC I' (a task table with group rows, or groups of items with attribute lines) and
    'PHỤ LỤC II' (numbered targets) after the signature: each appendix is a part of tasks, headed
    by its title; the closing before it is still the recipients and the signature; the body's
    pointer to the appendices is not a task."""
    doc = _build_material(name)
    top = [(s["label"], s["heading"], s["kind"]) for s in doc.sections if s["parent_id"] is None]
    assert top[-4:] == [
        ("", "Nơi nhận", "recipients"),
        ("", "Chữ ký", "signature"),
        ("I", "PHỤ LỤC I NHIỆM VỤ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2025", "content"),
        ("II", "PHỤ LỤC II CHỈ TIÊU VÀ NHIỆM VỤ GẮN VỚI CHỦ ĐỀ NĂM", "content"),
    ]
    by_id = {s["section_id"]: s for s in doc.sections}
    appendix = [
        t
        for t in doc.tasks
        if by_id[t["section_id"]]["heading"].startswith("PHỤ LỤC")
        or by_id[by_id[t["section_id"]]["parent_id"] or t["section_id"]]["heading"].startswith("PHỤ LỤC")
    ]
    assert [(t["lead_units"], t["timeframe"]) for t in appendix[:4]] == [
        (["Văn phòng Sở"], "Quý I/2025"),
        (["Phòng Tổ chức - Hành chính"], "Quý II/2025"),
        (["Văn phòng Sở"], "Cả năm 2025"),
        (["Ban Giám đốc"], "Quý III/2025"),
    ]
    groups = [by_id[t["section_id"]]["heading"] for t in appendix[:4]]
    assert groups == ["TUYÊN TRUYỀN, QUÁN TRIỆT"] * 2 + ["CẢI CÁCH HÀNH CHÍNH"] * 2
    assert [t["text"][:12] for t in appendix[4:]] == ["Xây dựng ít ", "100% công ch", "Giải quyết đ"]
    assert len(doc.tasks) == 9 and not any("Phụ lục" in t["text"] for t in doc.tasks)
    assert (doc.metadata.signer, doc.metadata.signer_title) == ("Nguyễn Văn An", "Phó Giám đốc")
    assert not doc.fell_through


def test_slash_and_bracket_numbering():
    """'I/', '1/', 'a/', 'a-' and '(1)' as the plan's numbering: '1/ Công tác cải cách hành
    chính:' heads its '(1)' items, which are a level of their own below it."""
    doc = _build_material("province_slash_numbering.txt")
    content = [(s["level"], s["label"], s["heading"]) for s in doc.sections if s["kind"] == "content"]
    assert content == [
        (1, "II", "NỘI DUNG"),
        (2, "1", "Công tác tuyên truyền"),
        (2, "2", "Công tác cải cách hành chính"),
        (2, "3", "Thực hiện Quy chế dân chủ ở cơ sở"),
    ]
    got = [(t["label"], t["item_kind"], t["lead_units"]) for t in doc.tasks]
    assert got == [
        ("a", "letter", []),
        ("b", "letter", []),
        ("1", "paren", ["Văn phòng Sở"]),
        ("2", "paren", ["Thanh tra Sở"]),
        ("3", "paren", []),
        ("a", "letter", []),
        ("b", "letter", []),
        ("1", "arabic", ["Văn phòng Sở"]),
        ("2", "arabic", []),
    ]
    assert doc.tasks[5]["partner_units"] == ["Văn phòng Sở"] and not doc.fell_through


def test_month_headings_are_the_timeframe_of_their_items():
    """'Tháng 7', 'Tháng 8', 'THÁNG 9/2025:' on lines of their own head the items of that month,
    as 'Quý 3' does; an item's own timeframe comes first; a wrap's 'tháng 12/2025.' ends a
    sentence and heads nothing."""
    doc = _build_material("commune_month_headings.txt")
    months = [(s["label"], s["kind"]) for s in doc.sections if s["level"] == 2]
    assert months == [("Tháng 7", "content"), ("Tháng 8", "content"), ("Tháng 9/2025", "content")]
    got = [(t["timeframe"], t["due_start"], t["due_end"]) for t in doc.tasks]
    assert got == [
        ("6 tháng cuối năm", dt.date(2025, 7, 1), dt.date(2025, 12, 31)),
        ("Tháng 7/2025", dt.date(2025, 7, 1), dt.date(2025, 7, 31)),
        ("Tháng 8/2025", dt.date(2025, 8, 1), dt.date(2025, 8, 31)),
        ("Tháng 9/2025", dt.date(2025, 9, 1), dt.date(2025, 9, 30)),
        ("Tháng 12/2025", dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
    ]
    assert not doc.fell_through


@pytest.mark.parametrize(
    "header",
    [
        "| TT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |",
        "| STT | Công việc | Đơn vị thực hiện | Đơn vị phối hợp | Thời điểm hoàn thành |",
        "| TT | Hoạt động | Cơ quan thực hiện | Cơ quan phối hợp | Hoàn thành |",
    ],
)
def test_task_table_columns_under_other_names(header):
    """The task, lead and time columns under the names plans give them: 'Công việc', 'Hoạt
    động'; 'Đơn vị thực hiện' (the unit that carries the task out leads it); 'Thời điểm'."""
    from conftest import MATERIAL

    from compare.build import parse_text

    text = (MATERIAL / "department_appendix_table.txt").read_text(encoding="utf-8")
    doc = parse_text(
        text.replace("| TT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |", header), "x"
    )
    rows = [t for t in doc.tasks if t["item_kind"] == "table_row"]
    assert [(t["lead_units"], t["partner_units"], t["timeframe"]) for t in rows] == [
        (["Văn phòng Sở"], ["Các phòng"], "Quý I/2025"),
        (["Phòng Tổ chức - Hành chính"], ["Công đoàn Sở"], "Quý II/2025"),
        (["Văn phòng Sở"], ["Trung tâm Phục vụ hành chính công"], "Cả năm 2025"),
        (["Ban Giám đốc"], ["Công đoàn Sở"], "Quý III/2025"),
    ]


def test_header_columns_run_together_and_units_that_open_their_items():
    """A page whose two header columns ran together on single spaces ('UBND TỈNH LONG AN CỘNG
    HÒA ...'), whose signer's name ran into the archive line ('- Lưu: VT, VP. Trần Văn Hùng'),
    and whose implementation items are addressed to units ('1. Văn phòng Sở: theo dõi ...')."""
    import datetime as dt

    doc = _build_material("department_merged_columns.txt")
    md = doc.metadata
    assert (
        md.issuer,
        md.parent,
        md.jurisdiction,
        md.admin_level,
        md.number,
        md.issued_date,
        md.signer,
        md.signer_title,
    ) == (
        "Sở Nội vụ",
        "UBND tỉnh Long An",
        "Long An",
        "department",
        "215/KH-SNV",
        dt.date(2025, 2, 14),
        "Trần Văn Hùng",
        "Giám đốc",
    )
    got = [(t["label"], t["lead_units"], t["due_end"]) for t in doc.tasks]
    assert got == [
        ("a", ["Văn phòng Sở"], dt.date(2025, 3, 31)),
        ("b", [], dt.date(2025, 12, 31)),
        ("a", [], dt.date(2025, 6, 30)),
        ("b", ["Thanh tra Sở"], None),
        ("a", [], None),
        ("b", ["Phòng Tổ chức cán bộ"], dt.date(2025, 12, 31)),
        ("1", ["Văn phòng Sở"], dt.date(2025, 12, 15)),
        ("2", ["Các phòng, đơn vị thuộc Sở"], None),
    ]
    assert not doc.fell_through


def test_word_processor_bullets_and_a_date_in_figures():
    """Text exported from a word processor: '•' items with 'o' items under them (tasks of
    their own, under their parent, as '+' items are), and the place line's 'ngày 10/3/2025'."""
    import datetime as dt

    doc = _build_material("district_word_bullets.txt")
    md = doc.metadata
    assert (md.issuer, md.parent, md.admin_level, md.number, md.issued_date, md.signer, md.signer_title) == (
        "Phòng Nội vụ",
        "Ủy ban nhân dân huyện Củ Chi",
        "district",
        "35/KH-PNV",
        dt.date(2025, 3, 10),
        "Lê Thị Mai",
        "Trưởng phòng",
    )
    got = [(t["item_kind"], t["parent_task_id"], t["text"].split()[0]) for t in doc.tasks]
    assert got == [
        ("dash", None, "Tuyên"),
        ("plus", "district_word_bullets:t001", "Quyết"),
        ("plus", "district_word_bullets:t001", "Kết"),
        ("dash", None, "Đăng"),
        ("dash", None, "Rà"),
        ("dash", None, "Thực"),
        ("dash", None, "Tăng"),
        ("plus", "district_word_bullets:t007", "Kiểm"),
        ("plus", "district_word_bullets:t007", "Xử"),
        ("dash", None, "Công"),
    ]
    assert not doc.fell_through


@pytest.mark.parametrize(
    "line, clean",
    [
        ("o Kiểm tra đột xuất;", "+ Kiểm tra đột xuất;"),
        ("§ Xử lý nghiêm;", "+ Xử lý nghiêm;"),
        ("Ø Tổ chức hội nghị;", "- Tổ chức hội nghị;"),
        ("❖ Tổ chức hội nghị;", "- Tổ chức hội nghị;"),
        ("ü Tổ chức hội nghị;", "- Tổ chức hội nghị;"),
        ("o tổ chức", "o tổ chức"),
        ("ô Tổ chức", "ô Tổ chức"),
    ],
)
def test_bullets_of_word_processors(line, clean):
    from compare.parse.lines import clean_line

    assert clean_line(1, line).text == clean


def test_a_task_table_copied_with_tabs():
    """Tab-separated header columns and task rows ('STT<tab>Nội dung công việc<tab>Đơn vị chủ
    trì<tab>...'): each row a task with its lead, partner and time cells; the signature column
    after a tab."""
    import datetime as dt

    doc = _build_material("commune_tab_table.txt")
    md = doc.metadata
    assert (md.issuer, md.admin_level, md.number, md.issued_date, md.signer, md.signer_title) == (
        "Ủy ban nhân dân xã Tân Thành",
        "commune",
        "18/KH-UBND",
        dt.date(2026, 1, 5),
        "Phạm Văn Tài",
        "Chủ tịch",
    )
    rows = [(t["label"], t["lead_units"], t["partner_units"], t["timeframe"], t["due_end"]) for t in doc.tasks[:5]]
    assert rows == [
        ("1", ["Văn phòng HĐND và UBND xã"], ["Công chức Văn hóa - Xã hội"], "Quý I/2026", dt.date(2026, 3, 31)),
        ("2", ["Công chức Tư pháp - Hộ tịch"], ["Văn phòng HĐND và UBND xã"], "Thường xuyên", dt.date(2026, 12, 31)),
        ("3", ["Văn phòng HĐND và UBND xã"], ["Ủy ban MTTQ Việt Nam xã"], "Tháng 6/2026", dt.date(2026, 6, 30)),
        ("4", ["Công chức Văn phòng - Thống kê"], ["Các ấp"], "Trước ngày 30/9/2026", dt.date(2026, 9, 30)),
        ("5", ["Văn phòng HĐND và UBND xã"], ["Các ngành liên quan"], "Tháng 12/2026", dt.date(2026, 12, 31)),
    ]
    assert len(doc.tasks) == 7 and not doc.fell_through


@pytest.mark.parametrize("form", ["markdown", "html-page", "plain-crlf-nfd-bom"])
def test_a_task_table_that_marks_its_quarters(form):
    """A task table with a column per quarter ('Quý I' ... 'Quý IV') and an 'x' in the ones a
    task falls in: its timeframe runs from the first quarter marked to the last, in the plan's
    year; as markdown, as a web page's table, and as plain text."""
    import datetime as dt

    from conftest import MATERIAL
    from test_forms import FORMS

    from compare.build import parse_text

    text = (MATERIAL / "department_quarter_grid.md").read_text(encoding="utf-8")
    doc = parse_text(text if form == "markdown" else FORMS[form](text), "x")
    got = [(t["timeframe"], t["due_start"], t["due_end"]) for t in doc.tasks[:5]]
    assert got == [
        ("Quý I/2025", dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
        ("Quý I - Quý II/2025", dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
        ("Quý III/2025", dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
        ("Quý I - Quý IV/2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("Quý II - Quý IV/2025", dt.date(2025, 4, 1), dt.date(2025, 12, 31)),
    ]
    assert [t["lead_units"] for t in doc.tasks[:2]] == [["Văn phòng Sở"], ["Phòng Hành chính tư pháp"]]


def test_month_columns_of_a_task_table():
    from compare.build import parse_text

    header = (
        "SỞ NỘI VỤ\n\nSố: 5/KH-SNV\n\nKẾ HOẠCH\nCông tác dân vận chính quyền năm 2025\n\n"
        "I. NHIỆM VỤ\n\n| TT | Nội dung công việc | Đơn vị chủ trì | T1 | T2 | T3 | T4 | T5 | T6 |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
    )
    rows = (
        "| 1 | Tổ chức hội nghị quán triệt công tác dân vận | Văn phòng Sở | | | x | | | |\n"
        "| 2 | Rà soát thủ tục hành chính thuộc thẩm quyền | Phòng Cải cách | | x | | x | | |\n"
        "| 3 | Kiểm tra công vụ tại các phòng chuyên môn | Thanh tra Sở | | | | | | |\n"
    )
    doc = parse_text(header + rows + "\nNơi nhận:\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nLê Văn An\n", "x")
    assert [(t["timeframe"], t["due_start"], t["due_end"]) for t in doc.tasks] == [
        ("Tháng 3/2025", dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
        ("Tháng 2, 4/2025", dt.date(2025, 2, 1), dt.date(2025, 4, 30)),
        (None, None, None),
    ]
