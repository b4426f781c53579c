"""Document metadata: the seeds field by field (issue table), and plans of other provinces."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import MATERIAL

EXPECTED = {
    "000": dict(issuer="Sở Giáo dục và Đào tạo", jurisdiction="Hải Phòng", admin_level="department",
                doc_type="Kế hoạch", number=None, issued_date=None, year=2025, period="H2",
                signer="Lương Văn Việt", signer_title="Giám đốc"),
    "001": dict(issuer="Sở Giáo dục và Đào tạo", jurisdiction="Hải Phòng", admin_level="department",
                doc_type="Kế hoạch", number="979/KH-SGDĐT", issued_date=dt.date(2026, 2, 23), year=2026,
                period="year", signer=None, signer_title="Giám đốc", text_quality="ocr"),
    "002": dict(issuer="Sở Ngoại vụ", jurisdiction="Hải Phòng", admin_level="department", doc_type="Kế hoạch",
                number=None, issued_date=None, year=2025, period="year", signer="Nguyễn Thị Bích Dung",
                signer_title="Giám đốc"),
    "003": dict(issuer="Sở Giáo dục và Đào tạo", jurisdiction="Bình Phước", admin_level="department",
                doc_type="Kế hoạch", number=None, issued_date=None, year=2023, period="year", signer=None,
                signer_title="Giám đốc"),
    "004": dict(issuer="Ủy ban nhân dân phường Đông Hải", jurisdiction="Hải Phòng", admin_level="commune",
                doc_type="Chương trình", number="05/CTr-UBND", issued_date=dt.date(2025, 8, 28), year=2025,
                period="H2", signer="Nguyễn Khánh Chi", signer_title="Phó Chủ tịch"),
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
        "Triển khai, thực hiện công tác dân vận chính quyền trong ngành Giáo dục tỉnh Bình Phước năm 2023")
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
        "Ủy ban nhân dân tỉnh Quảng Ninh", None, "Quảng Ninh", "province")
    assert (md.doc_type, md.number, md.issued_date, md.year, md.period) == (
        "Kế hoạch", "45/KH-UBND", dt.date(2025, 1, 16), 2025, "year")
    assert md.title == "Thực hiện công tác dân vận chính quyền năm 2025"
    assert (md.signer, md.signer_title) == ("Vũ Văn Diện", "Phó Chủ tịch")
    refs = {r["ref_id"] for r in d.references}
    assert {"23-QĐ/TW", "33/CT-TTg"} <= refs


def test_district_plan_two_column_header_first_half():
    from compare.build import parse_file

    md = parse_file(MATERIAL / "district_table_h1.md").metadata
    assert (md.issuer, md.jurisdiction, md.admin_level, md.parent) == (
        "Ủy ban nhân dân quận Hải Châu", "Đà Nẵng", "district", "UBND thành phố Đà Nẵng")
    assert (md.number, md.issued_date, md.year, md.period) == ("112/KH-UBND", dt.date(2026, 1, 5), 2026, "H1")
    assert (md.signer, md.signer_title) == ("Trần Thị Mai", "Phó Chủ tịch")
