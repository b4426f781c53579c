"""Theme (0-5, DOMAIN.md) and part kind of a heading or task, from multi-syllable key phrases
matched on accent-folded text, so that OCR text that lost its marks is classified too."""

from __future__ import annotations

import re

from .vietnamese import fold

THEME_NAMES = {
    0: "Lãnh đạo, chỉ đạo và tổ chức thực hiện",
    1: "Tuyên truyền, phổ biến, quán triệt",
    2: "Dân vận gắn với chủ đề năm",
    3: "Quy định về dân vận và dân chủ",
    4: "Cải cách hành chính, giải quyết bức xúc, kiến nghị",
    5: "Sắp xếp bộ máy; đạo đức công vụ, kỷ luật, kỷ cương",
}

# Weighted phrases per theme (folded). Weights favour phrases that name a theme outright.
_THEME_PHRASES: dict[int, list[tuple[str, float]]] = {
    1: [("tuyen truyen", 2), ("pho bien", 1.5), ("quan triet", 2), ("hoc tap va lam theo", 1)],
    2: [("chu de nam", 3), ("chu de cua nam", 3), ("chu de thi dua", 2), ("quy hoach thanh pho", 2),
        ("nong thon moi", 1), ("chuyen doi so", 0.5)],
    3: [("dan van kheo", 3), ("dan chu o co so", 2.5), ("dan chu co so", 2.5), ("quy che dan chu", 2),
        ("thuc hien dan chu", 2), ("cham diem", 2), ("xep loai", 1.5), ("dan van va dan chu", 2.5),
        ("phong trao thi dua", 1), ("mo hinh", 1)],
    4: [("cai cach hanh chinh", 3), ("thu tuc hanh chinh", 2), ("tiep cong dan", 2.5), ("tiep dan", 2),
        ("khieu nai", 2.5), ("to cao", 2), ("kien nghi", 1.5), ("phan anh", 1), ("buc xuc", 2),
        ("hai long", 2), ("dich vu cong", 2), ("mot cua", 2), ("doi thoai", 1.5)],
    5: [("sap xep", 2.5), ("bo may", 2.5), ("tinh gon", 2), ("dao duc cong vu", 3), ("ky luat", 2),
        ("ky cuong", 2), ("van hoa cong so", 2), ("phien ha", 1.5), ("sach nhieu", 1.5),
        ("nhung nhieu", 1.5), ("nang cao dao duc", 2), ("kiem tra, thanh tra cong vu", 2)],
    0: [("lanh dao, chi dao", 2.5), ("lanh dao chi dao", 2.5), ("chi dao", 1), ("kiem tra", 1),
        ("giam sat", 1), ("bao cao", 1.5), ("xay dung ke hoach", 2), ("tong ket", 1.5),
        ("so ket", 1.5), ("don doc", 1.5), ("huong dan", 1), ("to chuc thuc hien", 1.5),
        ("ban chi dao", 2)],
}

_KIND_PHRASES: list[tuple[str, str]] = [
    ("noi nhan", "recipients"),
    ("to chuc thuc hien", "implementation"),
    ("trach nhiem thuc hien", "implementation"),
    ("phan cong thuc hien", "implementation"),
    ("che do bao cao", "implementation"),
    ("muc dich", "purpose"),
    ("yeu cau", "purpose"),
    ("muc tieu", "purpose"),
    ("chi tieu", "targets"),
    ("noi dung", "content"),
    ("nhiem vu", "content"),
    ("giai phap", "content"),
    ("cong tac", "content"),
]


def theme_scores(text: str) -> dict[int, float]:
    f = fold(text)
    scores: dict[int, float] = {}
    for theme, phrases in _THEME_PHRASES.items():
        s = 0.0
        for phrase, weight in phrases:
            if phrase in f:
                s += weight
        if s:
            scores[theme] = s
    return scores


def classify_theme(text: str, minimum: float = 1.5) -> int | None:
    """Most likely theme of a text, or None when nothing names one clearly."""
    scores = theme_scores(text)
    if not scores:
        return None
    best = max(sorted(scores), key=lambda t: scores[t])
    return best if scores[best] >= minimum else None


_HEADING_NUMBER = re.compile(r"^[ivx]+[.)/:-]\s*|^\d+[.)]\s*")
_NOT_PLAIN = re.compile(r"[^a-z0-9 ,]")


def classify_kind(heading: str) -> str | None:
    """Part kind named by a heading ('II. NỘI DUNG' → 'content'), or None."""
    f = fold(heading)
    f = _HEADING_NUMBER.sub("", f)
    f = _NOT_PLAIN.sub("", f)  # OCR debris inside words ("THU'C")
    for phrase, kind in _KIND_PHRASES:  # what a heading opens with names its part first
        if f.startswith(phrase):
            return kind
    for phrase, kind in _KIND_PHRASES:
        if phrase in f and len(f) < 80 and kind != "content":
            return kind
    for phrase, kind in _KIND_PHRASES:
        if phrase in f:
            return kind
    # OCR-damaged headings ("TO CHUC THUC HIEN" with a letter lost or swapped)
    from rapidfuzz import fuzz

    for phrase, kind in _KIND_PHRASES:
        if len(phrase) >= 8 and fuzz.partial_ratio(phrase, f) >= 88:
            return kind
    return None
