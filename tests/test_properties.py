"""Property-based checks: build never raises on arbitrary text; wraps do not change tasks."""

from __future__ import annotations

import forms
from conftest import SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_forms import agreement, task_keys

from compare.build import parse_text
from compare.read.raw import Rejected, decode_bytes

# Plan-like fragments mixed with arbitrary characters: pieces a parser trips on.
_PIECE = st.one_of(
    st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĐIVX0123456789 .,;:-+*#|()/\n\t\u0301\u0323", max_size=30),
    st.sampled_from(
        [
            "Quý 3",
            "KẾ HOẠCH",
            "Nơi nhận:",
            "I. ",
            "1. ",
            "- ",
            "+ ",
            "ngày 12 tháng 3 năm 2025",
            "Số: 12/KH-UBND",
            "GIÁM ĐỐC",
            "\r\n",
            "\n\n",
            "Thực hiện công tác dân vận ",
            "| a | b |",
        ]
    ),
    st.text(max_size=10),
)
_LINE = st.lists(_PIECE, max_size=40).map("".join)


@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LINE)
def test_parse_never_raises_on_arbitrary_text(text):
    try:
        doc = parse_text(text, "h")
    except Rejected:
        return
    # a plan that is not rejected has tasks, or is kept for what it shows: a number or a title
    assert doc.tasks or (doc.status != "ok" and (doc.metadata.number or doc.metadata.title))


@settings(max_examples=60, derandomize=True, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_never_raises_on_arbitrary_bytes(data):
    try:
        text, _ = decode_bytes(data)
    except Rejected:
        return
    assert isinstance(text, str)


@settings(max_examples=12, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["000", "002", "004"]), st.integers(min_value=55, max_value=130), st.integers(0, 1000))
def test_rewrapping_keeps_the_tasks(key, width, seed):
    text = SEEDS[key].read_text(encoding="utf-8")
    found, extra = agreement(task_keys(text), task_keys(forms.rewrapped(text, width=width, seed=seed)))
    assert found >= 0.95 and extra <= 0.05


# --- shortcuts taken for speed agree with the plain form they stand for ----------------------
# (each plain form is the rule as it was written before the shortcut)

_LINE_PIECE = st.one_of(
    st.text(alphabet="aăbcdđeêoôơuưyAĐIVX019 .,;:-–+*_#|()[]/\\`<>“\"'\t\u00a0\u00ad\u200b\u0301•", max_size=12),
    st.sampled_from(["- ", "-", "---", "- - -", "Trang 2", "12", "(Đã ký)", "**Ghi chú**", "hoà", "Thuỷ", "  "]),
)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.lists(_LINE_PIECE, max_size=6).map("".join))
def test_plain_lines_clean_as_the_full_rules_clean_them(text):
    from compare.parse.lines import clean_line
    from compare.text.vietnamese import normalize

    line = normalize(text.replace("\n", " ").replace("\r", " "))
    assert clean_line(7, line, line) == clean_line(7, line, None)


_END_PIECE = st.sampled_from(
    ["abc", " ", ".", ";", ":", "…", "!", "?", "'", '"', "”", "’", ")", "]", "*", "/", "(", "x."]
)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.lists(_END_PIECE, max_size=7).map("".join))
def test_terminated_reads_the_end_as_the_pattern_does(text):
    import re

    from compare.parse.markers import terminated

    assert terminated(text) == bool(re.search(r"[.;:!?…]['\"”’)\]*]*$|\./\.$", text.rstrip()))


_REF_PIECE = st.sampled_from(
    [
        "23",
        "-",
        "QĐ",
        "/",
        "TW",
        "129",
        "/QĐ-UBND",
        " ",
        "a",
        "59/2023/NĐ-CP",
        "0D",
        "số",
        "Số",
        ":",
        "12345",
        "123456",
        ".",
        "_",
        "Đ",
        "-CP",
        "2021",
        "Quyết định",
        "KẾ HOẠCH",
        "Kế hoạch",
        "Luật",
        "ngày 3/4/2021",
    ]
)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.lists(_REF_PIECE, max_size=10).map("".join))
def test_citations_are_found_and_introduced_as_the_patterns_say(text):
    import re

    from compare.parse import references as refs

    found = [(m.span(), m.groups()) for m in refs._citations(text)]
    assert found == [(m.span(), m.groups()) for m in refs.REF_RE.finditer(text)]
    words = "|".join(w for w, _ in refs._KIND_WORDS)
    m = re.search(rf"({words})\s*(?:số)?\s*:?\s*$", text[-40:], re.IGNORECASE)
    expected = (m.start(), dict((w.lower(), k) for w, k in refs._KIND_WORDS)[m.group(1).lower()]) if m else None
    assert refs._intro(text[-40:]) == expected


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "hoà",
                "hoá",
                "Hoà",
                "thuý",
                "Thuỷ",
                "hoàn",
                "toà",
                "xoè",
                "oà",
                "uý",
                " ",
                "n",
                "ạ",
                "khoẻ",
                "hòa",
                "HOÀ",
                "a",
                ",",
            ]
        ),
        max_size=10,
    ).map("".join)
)
def test_tone_placement_finds_the_words_the_pair_pattern_finds(text):
    import re

    from compare.text.vietnamese import normalize_tones, place_tone_old_style

    # the rule as a pattern over the vowel pair: every word it ends is put in the old style
    expected = []
    last = 0
    pair = r"(?:[oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![a-zA-Z])"
    for m in re.finditer(pair, text):
        if m.end() < len(text) and text[m.end()].isalpha():
            continue
        start = m.start()
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        if start < last:
            continue
        expected += [text[last:start], place_tone_old_style(text[start : m.end()])]
        last = m.end()
    assert normalize_tones(text) == "".join(expected) + text[last:]


@settings(max_examples=400, derandomize=True, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "I",
                "V",
                "X",
                "II",
                "Phần",
                "PHẦN",
                "Chương",
                "thứ hai",
                "A",
                "Đ",
                "K",
                "1",
                "12",
                ".",
                "/",
                ")",
                "(",
                "-",
                "–",
                "+",
                " ",
                "a",
                "đ",
                "Quý",
                "quy",
                "Tháng",
                "THÁNG",
                "7",
                "2025",
                ":",
                "%",
                "Công tác",
                "tổ chức",
                "ư",
            ]
        ),
        max_size=6,
    ).map("".join)
)
def test_the_combined_marker_pattern_matches_where_one_marker_does(text):
    from compare.parse.markers import _ANY_MARKER, _MARKERS

    assert bool(_ANY_MARKER.match(text)) == any(p.match(text) for _, p in _MARKERS)


@settings(max_examples=500, derandomize=True, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from("aăâđĐêôơưAĂÂÊÔƠƯ hoàHOÀ“”–…\u00a0\u2009\u0301\u0323\u030aÅǣİK"), st.characters()
        ),
        max_size=20,
    )
)
def test_fold_is_marks_dropped_lower_case_single_spaced(text):
    import re
    import unicodedata

    from compare.text.vietnamese import fold

    plain = re.sub("[\u0300-\u036f]", "", unicodedata.normalize("NFD", text)).replace("đ", "d").replace("Đ", "D")
    assert fold(text) == " ".join(plain.lower().split())
