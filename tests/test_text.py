"""Vietnamese text primitives."""

from __future__ import annotations

import unicodedata

from compare.read.legacy_encodings import (
    decode_tcvn3,
    decode_vni,
    encode_cp1258,
    encode_tcvn3,
    encode_vni,
)
from compare.text.vietnamese import fold, is_valid_syllable, normalize, restore_case

SAMPLE = "Ủy ban nhân dân thành phố Hải Phòng; Sở Giáo dục và Đào tạo; khiếu nại, tố cáo; Đoàn Thanh niên"


def test_normalize_composes_and_fixes_tone_placement():
    assert normalize(unicodedata.normalize("NFD", SAMPLE)) == SAMPLE
    assert normalize("hoà bình, thuỷ lợi, Uỷ ban, khoẻ") == "hòa bình, thủy lợi, Ủy ban, khỏe"
    assert normalize("hoàng, quý, thuyết, quỳnh") == "hoàng, quý, thuyết, quỳnh"


def test_fold_matches_text_that_lost_its_marks():
    assert fold("Dân vận KHÉO") == fold("dan van kheo") == "dan van kheo"
    assert fold("Đoàn") == "doan"


def test_syllables():
    assert all(is_valid_syllable(w) for w in "nghiêng khuyến người thủy Đông".split())
    assert not any(is_valid_syllable(w) for w in ["hién", "xyz", "thdang", "ndm"])


def test_legacy_encodings_round_trip():
    lower = SAMPLE.lower()
    assert decode_vni(encode_vni(SAMPLE)) == SAMPLE
    assert unicodedata.normalize("NFC", encode_cp1258(SAMPLE).decode("cp1258")) == SAMPLE
    assert decode_tcvn3(encode_tcvn3(lower)) == lower


def test_tcvn3_capitals_are_put_back():
    from compare.read.legacy_encodings import restore_capitals

    # TCVN3 has no toned capitals: a capitals line comes back with its toned vowels in lower case
    assert decode_tcvn3(encode_tcvn3("KẾ HOẠCH")) == "KẾ HOẠCH"
    assert restore_capitals("A. MụC ĐíCH, YÊU CầU") == "A. MỤC ĐÍCH, YÊU CẦU"
    assert restore_capitals("Sở Y Tế") == "SỞ Y TẾ"
    assert restore_capitals("Sở GIáO DụC Và ĐàO TạO    Độc lập - Tự do") == "SỞ GIÁO DỤC VÀ ĐÀO TẠO    Độc lập - Tự do"
    # running text, codes and acronyms stay as they are
    for line in ["Sở Y tế chủ trì, phối hợp với Sở GDĐT.", "Số: 215/KH-SYT", "- LĐ Sở;", "Kế hoạch số 18/KH-UBND"]:
        assert restore_capitals(line) == line


def test_restore_case_of_header_names():
    assert restore_case("SỞ GIÁO DỤC VÀ ĐÀO TẠO") == "Sở Giáo dục và Đào tạo"
    assert restore_case("UBND TỈNH BÌNH PHƯỚC") == "UBND tỉnh Bình Phước"
    assert restore_case("ỦY BAN NHÂN DÂN PHƯỜNG ĐÔNG HẢI") == "Ủy ban nhân dân phường Đông Hải"
    assert restore_case("Sở Ngoại vụ") == "Sở Ngoại vụ"


def test_cited_documents_are_normalised_and_ocr_codes_repaired():
    from compare.parse.references import find_references

    def ids(text):
        return [c.ref_id for c in find_references(text)]

    assert ids("Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị") == ["23-QĐ/TW"]
    assert find_references("Quyết định số 23-QĐ/TW ngày 30/7/2021")[0].kind == "Quyết định"
    assert ids("Nghị định số 59/2023/NĐ-CP ngày 14/8/2023") == ["59/2023/NĐ-CP"]
    # as a scan gives them back: O/0 for Q, B/P/D for Đ
    assert ids("Quyết định số 23-OB/TW ngày 30/7/2021") == ["23-QĐ/TW"]
    assert ids("Quyết định số 446-0D/TU ngày 26/11/2021") == ["446-QĐ/TU"]
    assert ids("Nghị định 59/2023/NP-CP") == ["59/2023/NĐ-CP"]
    assert ids("Nghị quyết số 82/NQ-HDND") == ["82/NQ-HĐND"]
    # codes that are already right, or unknown, stay as written
    assert ids("Chỉ thị số 28/CT-TTg; 01-CTr/BTGDVTU-DUUBNDTP") == ["28/CT-TTg", "01-CTr/BTGDVTU-DUUBNDTP"]
    assert ids("giai đoạn 2026-2030") == []


def test_byte_order_marks_of_every_unicode_form_and_a_stray_one():
    from compare.read.raw import decode_bytes

    text = SAMPLE + "\nKế hoạch công tác dân vận chính quyền năm 2025\n"
    assert decode_bytes(text.encode("utf-32")) == (text, "utf-32")  # FF FE 00 00, not UTF-16's FF FE
    assert decode_bytes(b"\x00\x00\xfe\xff" + text.encode("utf-32-be")) == (text, "utf-32")
    assert decode_bytes(text.encode("utf-16")) == (text, "utf-16")
    assert decode_bytes(text.encode("utf-8-sig")) == (text, "utf-8-sig")
    # an editor's UTF-8 BOM before Windows-1258 bytes: read as if it were not there
    legacy = encode_cp1258(text)
    assert decode_bytes(b"\xef\xbb\xbf" + legacy) == decode_bytes(legacy)
    assert decode_bytes(legacy)[0] == text


def test_utf8_with_a_few_broken_bytes_is_read_as_utf8():
    """A byte cut from a letter, junk at the end: those become U+FFFD and the rest is read as
    UTF-8, not the whole file as a legacy code page; legacy files still read as legacy."""
    from conftest import SEEDS

    from compare.build import parse_text
    from compare.read.raw import decode_bytes

    text = SEEDS["002"].read_text(encoding="utf-8")
    data = text.encode("utf-8")
    cut = data.index("Kế hoạch".encode()) + 1  # the second byte of "ế" (three bytes) goes
    damaged = data[:cut] + data[cut + 1 :] + b"\xff\xfe"
    read, encoding = decode_bytes(damaged)
    assert encoding == "utf-8-lossy" and 1 <= read.count("\ufffd") <= 4
    assert len(parse_text(read, "x").tasks) == len(parse_text(text, "x").tasks)
    assert decode_bytes(encode_cp1258(text))[1] == "windows-1258"
    assert decode_bytes(encode_tcvn3(text))[1] == "tcvn3"
    assert decode_bytes(encode_vni(text))[1] == "vni"


import pytest  # noqa: E402


@pytest.mark.parametrize(
    "heading, kind",
    [
        ("II. NỘI DUNG VÀ PHÂN CÔNG THỰC HIỆN", "content"),  # what it opens with names the part
        ("III. TỔ CHỨC THỰC HIỆN", "implementation"),
        ("I. MỤC ĐÍCH, YÊU CẦU", "purpose"),
        ("IV. Chế độ báo cáo và tổ chức thực hiện", "implementation"),
        ("2. Công tác cải cách hành chính, tổ chức thực hiện", "content"),
        ("Nơi nhận:", "recipients"),
    ],
)
def test_part_kinds_from_headings(heading, kind):
    from compare.parse.themes import classify_kind

    assert classify_kind(heading) == kind


def _catalogue_phrases():
    from compare.parse.themes import _THEME_PHRASES, YEAR_PHRASES

    base = [(None, theme, phrase, weight) for theme, ps in _THEME_PHRASES.items() for phrase, weight in ps]
    years = [
        (year, theme, phrase, weight)
        for year, themes in YEAR_PHRASES.items()
        for theme, ps in themes.items()
        for phrase, weight in ps
    ]
    return base + years


@pytest.mark.parametrize("year, theme, phrase, weight", _catalogue_phrases())
def test_every_catalogue_phrase_names_its_theme(year, theme, phrase, weight):
    """One line of the catalogue (text/vocab/themes.toml), one case: the phrase, written with marks
    or without, scores its theme by its weight in its year."""
    from compare.parse.themes import theme_scores

    assert weight > 0 and phrase == fold(phrase)
    assert theme_scores(f"Triển khai {phrase} tại đơn vị", year).get(theme, 0) >= weight


def test_a_years_subjects_count_only_for_that_year():
    from compare.parse.themes import theme_scores

    text = "Tổ chức thành công cuộc bầu cử đại biểu Quốc hội khóa XVI"
    assert theme_scores(text, 2026).get(2, 0) >= 2
    assert 2 not in theme_scores(text, 2023) and 2 not in theme_scores(text)


def test_a_file_half_utf8_and_half_windows_1258_is_read_line_by_line():
    from conftest import RAW

    from compare.build import parse_text, summary
    from compare.build.pipeline import BuildResult
    from compare.read.raw import decode_bytes

    text = (RAW / "002_f6c5449781db0a59.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    half = len(lines) // 2
    data = "\n".join(lines[:half]).encode("utf-8") + b"\n" + encode_cp1258("\n".join(lines[half:]))
    decoded, encoding = decode_bytes(data)
    assert encoding == "utf-8+windows-1258"
    assert decoded == unicodedata.normalize("NFC", text)
    doc = parse_text(decoded, "mixed", encoding=encoding)
    assert "some lines are UTF-8 and some windows-1258" in summary(BuildResult([doc], [], {}))
