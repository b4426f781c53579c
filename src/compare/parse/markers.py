"""The marker that opens a block ("II.", "1.2.", "a)", "Quý 3:") and the predicates on a
block's text that every later step of the parser shares (capitals, a sentence's end).

>>> find_marker("II. NHIỆM VỤ TRỌNG TÂM")
('roman', 'II', 'NHIỆM VỤ TRỌNG TÂM')
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from compare.parse.themes import classify_kind
from compare.text.numerals import ORDINAL_ROMAN
from compare.text.numerals import ROMAN_NUMERAL as _NUMERAL
from compare.text.vocabulary import head_pattern


class Marker(StrEnum):
    """The marker that opens a block; its value is what tasks.parquet's item_kind says."""

    NONE = ""  # no marker: a paragraph
    ROMAN = "roman"  # "II.", "Phần II", "A." (a part)
    DECIMAL = "decimal"  # "1.2."
    ARABIC = "arabic"  # "1.", "1/", "1-"
    PAREN = "paren"  # "(1)"
    LETTER = "letter"  # "a)", "(a)", "a/"
    DASH = "dash"  # "- "
    PLUS = "plus"  # "+ "
    QUARTER = "quarter"  # "Quý I" on a line of its own
    MONTH = "month"  # "Tháng 7" on a line of its own


PART_LETTERS = frozenset("ABCDĐEFGH")
NUMBERED = (
    Marker.ARABIC,
    Marker.DECIMAL,
    Marker.LETTER,
    Marker.PAREN,
)  # the markers of numbered and lettered items  # "A. MỤC ĐÍCH, YÊU CẦU", "B. NHIỆM VỤ": parts above "I."

_PART_WORD = "PHẦN|Phần|CHƯƠNG|Chương"
# "PHẦN THỨ NHẤT", "Phần thứ hai": parts numbered in words, labelled with their roman numeral
_ORDINAL = rf"(?i:thứ\s+(?:{'|'.join(ORDINAL_ROMAN)}))"

_MARKERS: list[tuple[Marker, re.Pattern[str]]] = [
    # ("III/2025." at a line's start is the end of "Quý III/2025", not part III)
    (Marker.ROMAN, re.compile(rf"^(?:PHẦN\s+|Phần\s+)?(?P<label>{_NUMERAL})\s*(?:[.:)–-]|/(?!\s*\d))\s*(?=\S)")),
    # "Phần II NHIỆM VỤ", "Chương 1: ...": a named part needs no stop after its number
    (
        Marker.ROMAN,
        re.compile(rf"^(?:{_PART_WORD})\s+(?P<label>{_NUMERAL}|\d{{1,2}}|{_ORDINAL})(?!\w)\s*[.:/)–-]?\s*(?=\S)"),
    ),
    # "A. MỤC ĐÍCH, YÊU CẦU": parts lettered in capitals, above the roman ones (the title must be
    # in capitals too, checked in find_marker; I, V and X are numerals)
    (Marker.ROMAN, re.compile(r"^(?P<label>[A-HĐ])\s*(?:[.)]|/(?!\s*\d))\s*(?=\S)")),
    (Marker.DECIMAL, re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,3})[./]?\)?\s+(?=\S)")),
    # "(1) Tuyên truyền ...", "(a) Tổ chức ...": numbers and letters in brackets (the numbers a
    # level of their own, below "1." or "1/")
    (Marker.PAREN, re.compile(r"^\((?P<label>\d{1,2})\)\s*(?=[^\W\d_])")),
    (Marker.LETTER, re.compile(r"^\((?P<label>[a-zđ])\)\s+(?=\S)")),
    # "1/ Công tác tuyên truyền" (the slash of the South's documents), not "15/KH-UBND" or
    # "10/12/2025" that a wrap put first on a line
    (Marker.ARABIC, re.compile(r"^(?P<label>\d{1,2})\s*/(?!\s*\d)(?!\s*[A-ZĐ][A-ZĐa-zđ&]*\s*[-/])\s*(?=[^\W\d_])")),
    # (a number after it is no item's start, but for a target's "2. 100% công chức" or "1. 01 mô hình")
    (
        Marker.ARABIC,
        re.compile(r"^(?P<label>\d{1,2})\s*[.)]\s*(?=[^\d\s/.]|\d{1,3}(?:[.,]\d+)?\s*%|\d{1,3}\s+[^\W\d_]{2})"),
    ),
    # "1- Công tác tuyên truyền", not "23-QĐ/TW" that a wrap put first on a line
    (Marker.ARABIC, re.compile(r"^(?P<label>\d{1,2})\s*[-–]\s*(?=[^\W\d_])(?![A-ZĐ]{1,8}\s*/)")),
    (Marker.LETTER, re.compile(r"^(?P<label>[a-zđ])\s*[).]\s+(?=\S)")),
    (Marker.LETTER, re.compile(r"^(?P<label>[a-zđ])\s*[/-]\s+(?=[^\W\d_])")),  # "a/ Tổ chức", "a- Tổ chức"
    (Marker.DASH, re.compile(r"^(?P<label>-)\s*(?=\S)")),
    (Marker.PLUS, re.compile(r"^(?P<label>\+)\s*(?=\S)")),
    # ("Quy 3": a scan that lost the tone)
    (Marker.QUARTER, re.compile(r"^(?P<label>Qu[ýy]\s+(?:IV|III|II|I|[1-4]))(?:\s*[/:.-]\s*\d{4})?\s*[:.]?\s*$", re.I)),
    # "Tháng 7" / "Tháng 7/2025:" on a line of its own, over the items of that month (in capitals
    # as a heading: a wrap's "tháng 7/2025." is the end of a sentence)
    # (marks loose: a scan's "Thang 7")
    (
        Marker.MONTH,
        re.compile(
            r"^(?P<label>(?:Th[aáàảãạăắằẳẵặâấầẩẫậ]ng|TH[AÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬ]NG)\s+(?:1[0-2]|0?[1-9]))"
            r"(?:\s*[/-]\s*(?P<year>\d{4}))?\s*:?\s*$"
        ),
    ),
]

# "Phần I" on a line of its own: the part's title follows on the next line
_BARE_PART = re.compile(rf"^(?:{_PART_WORD})\s+(?:{_NUMERAL}|\d{{1,2}}|{_ORDINAL})\s*[.:]?$")


def bare_part(text: str) -> bool:
    return text[:1] in "PC" and _BARE_PART.match(text) is not None


# A sentence's end: a stop, then perhaps closing quotes, brackets or a bold mark ("./." too)
_TERMINAL_MARKS = ".;:!?…"
_CLOSING_MARKS = "'\"”’)]*"


def _unnamed(pattern: str) -> str:
    """The pattern with its named groups made plain (a name may stand once in one pattern)."""
    return re.sub(r"\(\?P<\w+>", "(", pattern)


# All the markers in one pattern: most lines start with none, and one match says so (the
# patterns one by one are tried only on a line that starts with some marker)
_ANY_MARKER = re.compile(
    "|".join(
        f"(?i:{_unnamed(p.pattern)})" if p.flags & re.IGNORECASE else f"(?:{_unnamed(p.pattern)})" for _, p in _MARKERS
    )
)


@lru_cache(maxsize=8192)
def find_marker(text: str) -> tuple[Marker, str, str]:
    """(marker kind, label, text after the marker) for the start of a block."""
    if not _ANY_MARKER.match(text):
        return Marker.NONE, "", text
    for kind, pattern in _MARKERS:
        m = pattern.match(text)
        if not m:
            continue
        label = m.group("label")
        if kind == Marker.ROMAN and label[:3].lower() == "thứ":
            label = ORDINAL_ROMAN[label.split()[-1].lower()]
        if kind == Marker.ROMAN and label in PART_LETTERS and not is_caps(text[m.end() :]):
            continue
        if kind == Marker.QUARTER:
            label = " ".join(label.split())
            label = "Quý" + label[3:].lower()
            label = re.sub(r"(?i)quý\s+(iv|iii|ii|i)\b", lambda x: "Quý " + x.group(1).upper(), label)
            return kind, label, text
        if kind == Marker.MONTH:
            year = m.group("year")
            return kind, "Tháng " + str(int(label.split()[-1])) + (f"/{year}" if year else ""), text
        return kind, label, text[m.end() :].strip()
    return Marker.NONE, "", text


@lru_cache(maxsize=8192)
def is_caps(text: str) -> bool:
    """Mostly capital letters (a heading in capitals), with at least six letters."""
    text = text[:300]  # headings are short; a long text decides on its start
    # letters <= len(text): this many lower-case letters at the start already decide (most lines)
    if sum(map(str.islower, text[:80])) > 0.15 * len(text):
        return False
    letters = sum(map(str.isalpha, text))
    return letters >= 6 and sum(map(str.islower, text)) <= 0.15 * letters


@lru_cache(maxsize=8192)
def terminated(text: str) -> bool:
    core = text.rstrip().rstrip(_CLOSING_MARKS)  # (looked at from the end: no scan of the line)
    return bool(core) and core[-1] in _TERMINAL_MARKS


@lru_cache(maxsize=8192)
def starts_lower(text: str) -> bool:
    for c in text:
        if c.isalpha():
            return c.islower()
        if c.isdigit():
            return False
        if c in "\"“'‘(":
            return False
        if c in ",;:)”’.…":
            return True
    return False


_UNIT_HEAD = re.compile(rf"^(?:các\s+)?{head_pattern('unit')}\b", re.IGNORECASE)


def unit_like(text: str) -> bool:
    t = text.strip()
    return (
        bool(_UNIT_HEAD.match(t))
        and len(t.split()) <= 25
        and not terminated(t.rstrip(":"))
        and classify_kind(t) in (None, "content")
    )
