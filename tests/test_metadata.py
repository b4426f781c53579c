"""Document metadata: the seeds field by field (issue table), and plans of other provinces."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import MATERIAL, SEEDS

EXPECTED = {
    "000": dict(
        issuer="Sở Giáo dục và Đào tạo",
        jurisdiction="Hải Phòng",
        admin_level="department",
        doc_type="Kế hoạch",
        number=None,
        issued_date=None,
        year=2025,
        period="H2",
        signer="Lương Văn Việt",
        signer_title="Giám đốc",
    ),
    "001": dict(
        issuer="Sở Giáo dục và Đào tạo",
        jurisdiction="Hải Phòng",
        admin_level="department",
        doc_type="Kế hoạch",
        number="979/KH-SGDĐT",
        issued_date=dt.date(2026, 2, 23),
        year=2026,
        period="year",
        signer=None,
        signer_title="Giám đốc",
        text_quality="ocr",
    ),
    "002": dict(
        issuer="Sở Ngoại vụ",
        jurisdiction="Hải Phòng",
        admin_level="department",
        doc_type="Kế hoạch",
        number=None,
        issued_date=None,
        year=2025,
        period="year",
        signer="Nguyễn Thị Bích Dung",
        signer_title="Giám đốc",
    ),
    "003": dict(
        issuer="Sở Giáo dục và Đào tạo",
        jurisdiction="Bình Phước",
        admin_level="department",
        doc_type="Kế hoạch",
        number=None,
        issued_date=None,
        year=2023,
        period="year",
        signer=None,
        signer_title="Giám đốc",
    ),
    "004": dict(
        issuer="Ủy ban nhân dân phường Đông Hải",
        jurisdiction="Hải Phòng",
        admin_level="commune",
        doc_type="Chương trình",
        number="05/CTr-UBND",
        issued_date=dt.date(2025, 8, 28),
        year=2025,
        period="H2",
        signer="Nguyễn Khánh Chi",
        signer_title="Phó Chủ tịch",
    ),
}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_seed_metadata_field_by_field(parsed, key):
    md = parsed[key].metadata
    got = {field: getattr(md, field) for field in EXPECTED[key]}
    assert got == EXPECTED[key]


@pytest.mark.parametrize("key", ["000", "002", "003", "004"])
def test_clean_seeds_are_marked_clean(parsed, key):
    assert parsed[key].metadata.text_quality == "clean"


def test_titles_are_clean_subject_lines(parsed):
    assert parsed["000"].metadata.title == "Thực hiện công tác dân vận 6 tháng cuối năm 2025"
    assert parsed["002"].metadata.title == "Triển khai công tác dân vận năm 2025"
    assert parsed["003"].metadata.title == (
        "Triển khai, thực hiện công tác dân vận chính quyền trong ngành Giáo dục tỉnh Bình Phước năm 2023"
    )
    assert parsed["004"].metadata.title == "Công tác dân vận chính quyền 6 tháng cuối năm 2025"


def test_parent_bodies(parsed):
    assert parsed["001"].metadata.parent == "UBND thành phố Hải Phòng"
    assert parsed["003"].metadata.parent == "UBND tỉnh Bình Phước"


def test_province_plan_with_flattened_web_header():
    """Header cells as '|' lines, the date split over two lines, cited numbers on the next line."""
    from compare.build import parse_file

    d = parse_file(MATERIAL / "province_flattened_header.txt")
    md = d.metadata
    assert (md.issuer, md.parent, md.jurisdiction, md.admin_level) == (
        "Ủy ban nhân dân tỉnh Quảng Ninh",
        None,
        "Quảng Ninh",
        "province",
    )
    assert (md.doc_type, md.number, md.issued_date, md.year, md.period) == (
        "Kế hoạch",
        "45/KH-UBND",
        dt.date(2025, 1, 16),
        2025,
        "year",
    )
    assert md.title == "Thực hiện công tác dân vận chính quyền năm 2025"
    assert (md.signer, md.signer_title) == ("Vũ Văn Diện", "Phó Chủ tịch")
    refs = {r["ref_id"] for r in d.references}
    assert {"23-QĐ/TW", "33/CT-TTg"} <= refs


def test_district_plan_two_column_header_first_half():
    from compare.build import parse_file

    md = parse_file(MATERIAL / "district_table_h1.md").metadata
    assert (md.issuer, md.jurisdiction, md.admin_level, md.parent) == (
        "Ủy ban nhân dân quận Hải Châu",
        "Đà Nẵng",
        "district",
        "UBND thành phố Đà Nẵng",
    )
    assert (md.number, md.issued_date, md.year, md.period) == ("112/KH-UBND", dt.date(2026, 1, 5), 2026, "H1")
    assert (md.signer, md.signer_title) == ("Trần Thị Mai", "Phó Chủ tịch")


_BODY = """
Căn cứ Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị;
{issuer_phrase} ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức về công tác dân vận.
II. NHIỆM VỤ
1. Công tác tuyên truyền
- Tuyên truyền, phổ biến Quy chế công tác dân vận đến cán bộ, công chức.
- Tổ chức hội nghị quán triệt Luật Thực hiện dân chủ ở cơ sở trong Quý II/2025.
2. Công tác cải cách hành chính
- Thực hiện tốt công tác tiếp công dân, giải quyết khiếu nại, tố cáo.
III. TỔ CHỨC THỰC HIỆN
Các cơ quan, đơn vị căn cứ Kế hoạch này tổ chức thực hiện, báo cáo trước ngày 15/12/2025.

Nơi nhận:
- Như trên;
- Lưu: VT.
{signature}
"""

HEADERS = {
    "province name on its own line": (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 45 /KH-UBND\n*Quảng Ninh, ngày 16 tháng 01 năm 2025*\n\n**KẾ HOẠCH**\n"
        "**Thực hiện công tác dân vận chính quyền năm 2025**\n",
        "Ủy ban nhân dân tỉnh",
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn Thắng",
        (
            "Ủy ban nhân dân tỉnh Quảng Ninh",
            None,
            "Quảng Ninh",
            "province",
            "45/KH-UBND",
            dt.date(2025, 1, 16),
            2025,
            "year",
            "Nguyễn Văn Thắng",
            "Phó Chủ tịch",
        ),
    ),
    "two columns on one line": (
        "UBND TỈNH NGHỆ AN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NỘI VỤ                 Độc lập - Tự do - Hạnh phúc\n"
        "Số: 112/KH-SNV            Nghệ An, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\nCông tác dân vận chính quyền năm 2024\n",
        "Sở Nội vụ",
        "GIÁM ĐỐC\n\nTrần Quốc Huy",
        (
            "Sở Nội vụ",
            "UBND tỉnh Nghệ An",
            "Nghệ An",
            "department",
            "112/KH-SNV",
            dt.date(2024, 3, 5),
            2024,
            "year",
            "Trần Quốc Huy",
            "Giám đốc",
        ),
    ),
    "web table with <br> and a title over blank lines": (
        "| UBND THÀNH PHỐ ĐÀ NẴNG<br>SỞ TƯ PHÁP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc |\n"
        "|---|---|\n| Số: 77/KH-STP | Đà Nẵng, ngày 9 tháng 2 năm 2026 |\n\nKẾ HOẠCH\n\nThực hiện công tác dân vận\n\n"
        "chính quyền 6 tháng đầu năm 2026\n",
        "Sở Tư pháp",
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nLê Thị Hoa",
        (
            "Sở Tư pháp",
            "UBND thành phố Đà Nẵng",
            "Đà Nẵng",
            "department",
            "77/KH-STP",
            dt.date(2026, 2, 9),
            2026,
            "H1",
            "Lê Thị Hoa",
            "Phó Giám đốc",
        ),
    ),
    "web cells with underline dashes, date over two lines": (
        "| ỦY BAN NHÂN DÂN TỈNH BẮC NINH -------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
        "--------------- |\n|---|---|\n| Số: 45/KH-UBND | Bắc Ninh, ngày 16\ntháng 01 năm 2025 |\n\nKẾ HOẠCH\n"
        "Thực hiện công tác dân vận chính quyền năm 2025\n",
        "Ủy ban nhân dân tỉnh",
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Hữu Sơn",
        (
            "Ủy ban nhân dân tỉnh Bắc Ninh",
            None,
            "Bắc Ninh",
            "province",
            "45/KH-UBND",
            dt.date(2025, 1, 16),
            2025,
            "year",
            "Nguyễn Hữu Sơn",
            "Phó Chủ tịch",
        ),
    ),
    "tab-separated columns and underline rules": (
        "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n-------\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "---------------\nSố: 45/KH-UBND\tBắc Ninh, ngày 16 tháng 01 năm 2025\n\nKẾ HOẠCH\n"
        "Thực hiện công tác dân vận chính quyền năm 2025\n_______\n",
        "Ủy ban nhân dân tỉnh",
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Hữu Sơn",
        (
            "Ủy ban nhân dân tỉnh Bắc Ninh",
            None,
            "Bắc Ninh",
            "province",
            "45/KH-UBND",
            dt.date(2025, 1, 16),
            2025,
            "year",
            "Nguyễn Hữu Sơn",
            "Chủ tịch",
        ),
    ),
    "admin word ends the issuer's line, the place on the next": (
        "ỦY BAN NHÂN DÂN TỈNH\nHÀ TĨNH\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 77/KH-UBND\nHà Tĩnh, ngày\n10 tháng 3\nnăm 2025\n\nKẾ HOẠCH\nThực hiện công tác dân vận chính quyền\nnăm 2025\n",
        "Ủy ban nhân dân tỉnh",
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Hồng Lĩnh",
        (
            "Ủy ban nhân dân tỉnh Hà Tĩnh",
            None,
            "Hà Tĩnh",
            "province",
            "77/KH-UBND",
            dt.date(2025, 3, 10),
            2025,
            "year",
            "Nguyễn Hồng Lĩnh",
            "Phó Chủ tịch",
        ),
    ),
    "two columns interleaved row by row with tabs, '(Đã ký)'": (
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÂM ĐỒNG\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 1234/KH-UBND\tĐà Lạt, ngày 08 tháng 3 năm 2024\n\nKẾ HOẠCH\nThực hiện công tác dân vận chính quyền năm 2024\n",
        "Ủy ban nhân dân tỉnh",
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)\n\nPhạm Sỹ Hùng",
        (
            "Ủy ban nhân dân tỉnh Lâm Đồng",
            None,
            "Lâm Đồng",
            "province",
            "1234/KH-UBND",
            dt.date(2024, 3, 8),
            2024,
            "year",
            "Phạm Sỹ Hùng",
            "Phó Chủ tịch",
        ),
    ),
    "a city under the centre, number and motto in one row": (
        "| ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n"
        "| Số: 210/KH-UBND | Độc lập - Tự do - Hạnh phúc |\n| | Cần Thơ, ngày 15 tháng 5 năm 2024 |\n\nKẾ HOẠCH\n"
        "Thực hiện công tác dân vận chính quyền 6 tháng cuối năm 2024\n",
        "Ủy ban nhân dân thành phố",
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nDương Tấn Hiển",
        (
            "Ủy ban nhân dân thành phố Cần Thơ",
            None,
            "Cần Thơ",
            "province",
            "210/KH-UBND",
            dt.date(2024, 5, 15),
            2024,
            "H2",
            "Dương Tấn Hiển",
            "Phó Chủ tịch",
        ),
    ),
    "number without colon, spaced slash": (
        "UBND TỈNH ĐỒNG THÁP\nSỞ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số 345 / KH-SNV\nĐồng Tháp, ngày 3 tháng 4 năm 2025\n\nKẾ HOẠCH\nCông tác dân vận chính quyền năm 2025\n",
        "Sở Nội vụ",
        "GIÁM ĐỐC\n\n\nNguyễn Thị Lan",
        (
            "Sở Nội vụ",
            "UBND tỉnh Đồng Tháp",
            "Đồng Tháp",
            "department",
            "345/KH-SNV",
            dt.date(2025, 4, 3),
            2025,
            "year",
            "Nguyễn Thị Lan",
            "Giám đốc",
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_layouts(name):
    from compare.build import parse_text

    header, phrase, signature, expected = HEADERS[name]
    d = parse_text(header + _BODY.format(issuer_phrase=phrase, signature=signature), "x")
    md = d.metadata
    got = (
        md.issuer,
        md.parent,
        md.jurisdiction,
        md.admin_level,
        md.number,
        md.issued_date,
        md.year,
        md.period,
        md.signer,
        md.signer_title,
    )
    assert got == expected
    assert len(d.tasks) == 4 and md.doc_type == "Kế hoạch"
    assert md.title and "Căn cứ" not in md.title and "_" not in md.title


_FORM_PLANS = [
    "city_letter_parts.txt",
    "district_attribute_lines.txt",
    "district_table_h1.md",
    "department_task_table.md",
    "province_flattened_header.txt",
    "province_named_parts.txt",
    "district_office_table.md",
    "province_decimal_parts.txt",
    "province_slash_numbering.txt",
    "department_merged_columns.txt",
    "district_word_bullets.txt",
    "province_portal_cells.txt",
    "party_committee_plan.txt",
]


@pytest.mark.parametrize(
    "form", ["plain-crlf-nfd-bom", "windows-1258", "tcvn3", "vni", "markdown-stripped", "rewrapped", "html-page"]
)
@pytest.mark.parametrize("name", _FORM_PLANS)
def test_metadata_is_the_same_whatever_the_form(name, form):
    """Field by field, a plan's metadata does not depend on its encoding, markup or wraps: TCVN3
    loses the toned capitals ('Kế HOạCH'), stripped markdown leaves the title beside the
    preamble with only a blank line between, a wrap runs the number's code into the place."""
    import dataclasses

    import forms
    from test_forms import FORMS

    from compare.build import parse_text

    text = (MATERIAL / name).read_text(encoding="utf-8")
    other = forms.rewrapped(text, width=72, seed=1) if form == "rewrapped" else FORMS[form](text)
    want = dataclasses.asdict(parse_text(text, "x").metadata)
    got = dataclasses.asdict(parse_text(other, "x").metadata)
    assert {k: got[k] for k in want if k != "text_quality"} == {k: want[k] for k in want if k != "text_quality"}


@pytest.mark.parametrize("width", [50, 72, 100])
@pytest.mark.parametrize("key", ["000", "002", "003", "004"])
def test_seed_metadata_survives_a_rewrap(key, width):
    import dataclasses

    import forms
    from conftest import SEEDS

    from compare.build import parse_text

    text = SEEDS[key].read_text(encoding="utf-8")
    want = dataclasses.asdict(parse_text(text, "x").metadata)
    got = dataclasses.asdict(parse_text(forms.rewrapped(text, width=width, seed=width), "x").metadata)
    assert {k: got[k] for k in want if k != "text_quality"} == {k: want[k] for k in want if k != "text_quality"}


@pytest.mark.parametrize("drop", [0.3, 0.7])
@pytest.mark.parametrize("name", _FORM_PLANS)
def test_damaged_scan_keeps_type_date_and_signer_title(name, drop):
    """A scan that lost marks ('KE HOẠCH', 'GIAM POC', 'tháng 01 nam 2024' restored as '... âm
    2024', 'Binh Phuoc'): type, number, date, signer's title and a province's place name hold.
    (Names of people and places below the province are not restored: see README.)"""
    import dataclasses

    import forms

    from compare.build import parse_text

    text = (MATERIAL / name).read_text(encoding="utf-8")
    damaged = forms.ocr_damage(forms.strip_markdown(text), drop=drop, seed=1)
    want = dataclasses.asdict(parse_text(text, "x").metadata)
    got = dataclasses.asdict(parse_text(damaged, "x").metadata)
    keys = ["doc_type", "number", "issued_date", "year", "signer_title"]
    assert {k: got[k] for k in keys} == {k: want[k] for k in keys}


_SIGNATURE_LAYOUTS = {
    "recipients' last line, a tab, then the signature column": "Nơi nhận:\n- Như trên;\n- Lưu: VT.\tTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n \nNguyễn Văn Linh\n",
    "one table row, cells with <br>": "| Nơi nhận:<br>- Như trên;<br>- Lưu: VT. | TM. ỦY BAN NHÂN DÂN<br>KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH<br><br>"
    "Nguyễn Văn Linh |\n",
    "table rows": "| Nơi nhận: | TM. ỦY BAN NHÂN DÂN |\n|---|---|\n| - Như trên; | KT. CHỦ TỊCH |\n"
    "| - Lưu: VT. | PHÓ CHỦ TỊCH |\n| | Nguyễn Văn Linh |\n",
    "signature column first, then the recipients": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn Linh\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n",
    "no space after the dots": "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM.ỦY BAN NHÂN DÂN\nKT.CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n"
    "Nguyễn Văn Linh\n",
    "columns by spaces": "Nơi nhận:                         TM. ỦY BAN NHÂN DÂN\n- Như trên;                       KT. CHỦ TỊCH\n"
    "- Lưu: VT.                        PHÓ CHỦ TỊCH\n\n                                  Nguyễn Văn Linh\n",
    "both columns run together line by line, the name on the archive's line": "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như trên; KT. CHỦ TỊCH\n- Ban Dân vận Tỉnh ủy; PHÓ CHỦ TỊCH\n"
    "- Lưu: VT, VP. Nguyễn Văn Linh\n",
    "both columns run together, the name in capitals on the archive's line": "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như trên; KT. CHỦ TỊCH\n- UBND quận Lê Chân; PHÓ CHỦ TỊCH\n"
    "- Lưu: VT. NGUYỄN VĂN LINH\n",
    "the name set in capitals": "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n"
    "NGUYỄN VĂN LINH\n",
}


@pytest.mark.parametrize("name", sorted(_SIGNATURE_LAYOUTS))
def test_signature_layouts(name):
    """However a web page flattened the recipients and signature columns, the signer is read and
    neither column becomes a task."""
    from compare.build import parse_text

    header = (
        "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 45/KH-UBND\nBắc Giang, ngày 16 tháng 01 năm 2025\n\nKẾ HOẠCH\n"
        "Thực hiện công tác dân vận chính quyền năm 2025\n"
    )
    body = _BODY.format(issuer_phrase="Ủy ban nhân dân tỉnh", signature="").split("Nơi nhận:")[0]
    d = parse_text(header + body + _SIGNATURE_LAYOUTS[name], "x")
    md = d.metadata
    assert (md.signer, md.signer_title) == ("Nguyễn Văn Linh", "Phó Chủ tịch")
    assert len(d.tasks) == 4
    assert not any("Linh" in t["text"] or "ỦY BAN" in t["text"] for t in d.tasks)


@pytest.mark.parametrize(
    "roles, title",
    [
        ("KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN", "Phó Trưởng ban"),
        ("KT. BÍ THƯ\nPHÓ BÍ THƯ", "Phó Bí thư"),
        ("KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG", "Phó Chánh Văn phòng"),
        ("TL. GIÁM ĐỐC\nTRƯỞNG PHÒNG", "Trưởng phòng"),
        ("BÍ THƯ", "Bí thư"),
    ],
)
def test_signer_titles_and_their_deputies(roles, title):
    """Every title a signature block may carry is read, a deputy's ("PHÓ ...") included, and the
    block stays out of the tasks."""
    from compare.build import parse_text

    header = (
        "BAN DÂN VẬN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 12/KH-BDV\nBắc Giang, ngày 16 tháng 01 năm 2025\n\nKẾ HOẠCH\n"
        "Thực hiện công tác dân vận chính quyền năm 2025\n"
    )
    body = _BODY.format(issuer_phrase="Ban Dân vận", signature="").split("Nơi nhận:")[0]
    d = parse_text(header + body + f"Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\n{roles}\n\nTrần Thị Hoa\n", "x")
    assert (d.metadata.signer, d.metadata.signer_title) == ("Trần Thị Hoa", title)
    assert len(d.tasks) == 4


@pytest.mark.parametrize(
    "text, weight",
    [
        ("Ủy ban nhân dân TP. Hải Phòng", 1.0),
        ("UBND TP Hải Phòng", 1.0),
        ("thành phố Hải Phòng", 1.0),
        ("tỉnh Hải Phòng", 1.0),
        ("đoàn công tác Hải Phòng", 0.5),
        ("năm 2025. Hải Phòng", 0.5),
    ],
)
def test_a_province_after_its_level_word_counts_double(text, weight):
    from compare.parse.metadata import _province_mentions

    assert dict(_province_mentions(text)) == {"Hải Phòng": weight}


def _district_variant(parent: str, issuer: str, place: str, number: str = "17/KH-PNV") -> str:
    text = (MATERIAL / "district_office_table.md").read_text(encoding="utf-8")
    return (
        text.replace("ỦY BAN NHÂN DÂN HUYỆN CẦN GIUỘC", parent)
        .replace("PHÒNG NỘI VỤ", issuer)
        .replace("Cần Giuộc, ngày", f"{place}, ngày")
        .replace("Huyện ủy Cần Giuộc", "Huyện ủy")
        .replace("17/KH-PNV", number)
    )


@pytest.mark.parametrize(
    "parent, issuer, place, number, jurisdiction, parent_body",
    [
        # a district's office that names no province: the district's province (gazetteer)
        (
            "ỦY BAN NHÂN DÂN HUYỆN CẦN GIUỘC",
            "PHÒNG NỘI VỤ",
            "Cần Giuộc",
            "17/KH-PNV",
            "Long An",
            "Ủy ban nhân dân huyện Cần Giuộc",
        ),
        (
            "ỦY BAN NHÂN DÂN QUẬN HẢI AN",
            "PHÒNG NỘI VỤ",
            "Hải An",
            "17/KH-PNV",
            "Hải Phòng",
            "Ủy ban nhân dân quận Hải An",
        ),
        (
            "ỦY BAN NHÂN DÂN THỊ XÃ KINH MÔN",
            "PHÒNG NỘI VỤ",
            "Kinh Môn",
            "17/KH-PNV",
            "Hải Dương",
            "Ủy ban nhân dân thị xã Kinh Môn",
        ),
        # a district's own People's Committee: its parent is the city, said as a city
        ("ỦY BAN NHÂN DÂN", "HUYỆN THỦY NGUYÊN", "Thủy Nguyên", "17/KH-UBND", "Hải Phòng", "UBND thành phố Hải Phòng"),
        # a commune under a district: the district's province
        (
            "ỦY BAN NHÂN DÂN HUYỆN CẦN GIUỘC",
            "ỦY BAN NHÂN DÂN XÃ TÂN KIM",
            "Tân Kim",
            "17/KH-UBND",
            "Long An",
            "Ủy ban nhân dân huyện Cần Giuộc",
        ),
        # "Châu Thành" is a district of ten provinces: no guess
        (
            "ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH",
            "PHÒNG NỘI VỤ",
            "Châu Thành",
            "17/KH-PNV",
            None,
            "Ủy ban nhân dân huyện Châu Thành",
        ),
        # a ward's place line names the ward, though "Đông Hải" is also a district of Bạc Liêu
        ("ỦY BAN NHÂN DÂN", "PHƯỜNG ĐÔNG HẢI", "Đông Hải", "17/KH-UBND", None, None),
    ],
)
def test_district_plans_that_name_no_province(parent, issuer, place, number, jurisdiction, parent_body):
    from compare.build import parse_text

    md = parse_text(_district_variant(parent, issuer, place, number), "d").metadata
    assert (md.jurisdiction, md.parent) == (jurisdiction, parent_body)


def test_department_plan_with_decimal_parts_and_tab_columns():
    """'UBND TỈNH QUẢNG TRỊ' / 'SỞ TƯ PHÁP' beside the motto with tabs between the columns; the
    signer's title at the end of the recipients' last line."""
    from compare.build import parse_file

    d = parse_file(MATERIAL / "province_decimal_parts.txt")
    md = d.metadata
    assert (md.issuer, md.parent, md.jurisdiction, md.admin_level) == (
        "Sở Tư pháp",
        "UBND tỉnh Quảng Trị",
        "Quảng Trị",
        "department",
    )
    assert (md.number, md.issued_date, md.year, md.period) == ("45/KH-STP", dt.date(2024, 3, 12), 2024, "year")
    assert (md.signer, md.signer_title) == ("Trần Văn Hùng", "Giám đốc")
    assert [t["label"] for t in d.tasks] == ["a", "b", "a", "b", "a", "b", "3.1", "3.2"]
    assert [t["lead_units"] for t in d.tasks[:5]] == [
        [],
        ["Phòng Phổ biến, giáo dục pháp luật"],
        ["Văn phòng Sở"],
        [],
        ["Thanh tra Sở"],
    ]
    assert d.tasks[4]["timeframe"] == "Trong năm 2024"


@pytest.mark.parametrize(
    "issuer, level",
    [
        ("Công an tỉnh", "department"),
        ("Bộ Chỉ huy Quân sự tỉnh", "department"),  # "Quân" is not "quận"
        ("Đảng ủy các cơ quan tỉnh", "department"),  # nor is the "quan" of "cơ quan"
        ("Ủy ban nhân dân tỉnh Bắc Ninh", "province"),
        ("Ủy ban nhân dân thành phố Thủ Dầu Một", "district"),
        ("Ủy ban nhân dân quận Hải An", "district"),
        ("Ủy ban nhân dân phường Đông Hải", "commune"),
    ],
)
def test_levels_of_issuers(issuer, level):
    from compare.parse.metadata import _level_of

    assert _level_of(issuer) == level


@pytest.mark.parametrize(
    "number_line, number",
    [
        ("Số: 45-KH/ĐU", "45-KH/ĐU"),
        ("Số 12 - CTr/ĐUK", "12-CTr/ĐUK"),
        ("Số: 45/KH-STP", "45/KH-STP"),
    ],
)
def test_party_and_state_numbers_in_the_header(number_line, number):
    """A Party body numbers its plans "45-KH/ĐU" (type, then issuer); the state "45/KH-STP"."""
    from compare.build import parse_text

    text = (MATERIAL / "province_decimal_parts.txt").read_text(encoding="utf-8")
    assert parse_text(text.replace("Số: 45/KH-STP", number_line), "x").metadata.number == number


def test_a_portal_page_whose_table_cells_run_over_several_lines():
    """A province's plan as a portal shows it: the site's menu and its own record of the
    document above the header ('Số ký hiệu:', 'Cơ quan ban hành:'), header cells that run over
    two lines ('| Số:' / '12 /KH-UBND |'), and the recipients and signature as one table row
    of two multi-line cells. The number's cell is no organisation; the recipients are no tasks."""
    import datetime as dt

    from compare.build import parse_text

    doc = parse_text((MATERIAL / "province_portal_cells.txt").read_text(encoding="utf-8"), "x")
    md = doc.metadata
    assert (
        md.issuer,
        md.parent,
        md.jurisdiction,
        md.admin_level,
        md.number,
        md.issued_date,
        md.year,
        md.title,
        md.signer,
        md.signer_title,
    ) == (
        "Ủy ban nhân dân tỉnh Quảng Ngãi",
        None,
        "Quảng Ngãi",
        "province",
        "12/KH-UBND",
        dt.date(2025, 1, 16),
        2025,
        "Thực hiện công tác dân vận chính quyền năm 2025 trên địa bàn tỉnh",
        "Trần Phước Hiền",
        "Phó Chủ tịch",
    )
    assert [t["label"] for t in doc.tasks] == ["1", "2", "3", "4", "1", "2"]
    assert not any("Ban Dân vận Trung ương" in t["text"] for t in doc.tasks)


def test_a_body_then_its_place_on_the_next_header_line_is_one_name():
    """'BAN CHỈ ĐẠO CÔNG TÁC DÂN VẬN' / 'THÀNH PHỐ ĐÀ NẴNG': a body that names no place, then a
    place alone, is one issuer (not a parent and an issuer)."""
    from compare.build import parse_text

    md = parse_text((MATERIAL / "city_committee_paragraphs.txt").read_text(encoding="utf-8"), "x").metadata
    assert (md.issuer, md.jurisdiction, md.number, md.signer, md.signer_title) == (
        "Ban Chỉ đạo công tác dân vận thành phố Đà Nẵng",
        "Đà Nẵng",
        "07/KH-BCĐ",
        "Nguyễn Đình Vĩnh",
        "Trưởng ban",
    )


def test_a_party_committees_plan():
    """A Party committee's plan: its motto ('ĐẢNG CỘNG SẢN VIỆT NAM') below the number, a '*'
    under the names, a Party number ('45-KH/ĐUK'), 'T/M BAN THƯỜNG VỤ' / 'PHÓ BÍ THƯ'."""
    import datetime as dt

    from compare.build import parse_text

    md = parse_text((MATERIAL / "party_committee_plan.txt").read_text(encoding="utf-8"), "x").metadata
    assert (md.issuer, md.parent, md.jurisdiction, md.number, md.issued_date, md.signer, md.signer_title) == (
        "Đảng ủy các cơ quan tỉnh",
        "Đảng bộ tỉnh Bắc Ninh",
        "Bắc Ninh",
        "45-KH/ĐUK",
        dt.date(2025, 3, 12),
        "Nguyễn Thị Thu",
        "Phó Bí thư",
    )


@pytest.mark.parametrize("drop", [0.3, 0.7, 1.0])
def test_the_issuer_named_in_a_scanned_preamble(drop):
    """000 has no header: its issuer names itself in the preamble ('..., Sở Giáo dục và Đào tạo
    Hải Phòng có Kế hoạch ...'). Damaged like a scan, with the marks lost or restored wrong,
    the phrase is still found accent-folded, and the province after the name is the place."""
    import forms
    from conftest import SEEDS

    from compare.build import parse_text

    text = forms.ocr_damage(forms.strip_markdown(SEEDS["000"].read_text(encoding="utf-8")), drop=drop, seed=1)
    md = parse_text(text, "x").metadata
    assert (md.issuer, md.parent, md.jurisdiction, md.admin_level) == (
        "Sở Giáo dục và Đào tạo",
        "UBND thành phố Hải Phòng",
        "Hải Phòng",
        "department",
    )


@pytest.mark.parametrize(
    "title, year, start, end",
    [
        ("Triển khai công tác dân vận giai đoạn 2021 - 2025", 2021, 2021, 2025),
        ("Công tác dân vận chính quyền nhiệm kỳ 2026–2031", 2026, 2026, 2031),
        ("Triển khai công tác dân vận năm 2025 thực hiện Chương trình giai đoạn 2021 - 2025", 2025, 2025, 2025),
        ("Triển khai công tác dân vận 6 tháng cuối năm 2025", 2025, 2025, 2025),
    ],
)
def test_plans_of_several_years_get_their_span(title, year, start, end):
    from compare.build import parse_text

    text = SEEDS["002"].read_text(encoding="utf-8").replace("Triển khai công tác dân vận năm 2025", title, 1)
    md = parse_text(text, "t").metadata
    assert (md.year, md.period_start_year, md.period_end_year) == (year, start, end)
