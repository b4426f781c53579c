"""Flattened task tables → one table line per row.

A task table (Stt | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian) that went through
a scanner and OCR, or through a PDF-to-text tool, comes out as interleaved lines: each physical
line holds a piece of the content column followed by the pieces of the narrow columns beside
it; the row number lands on whichever line is in the middle of its row; footnotes sit between
rows; group headings are set in capitals, and a page break can carry half a heading elsewhere.

This step sits between clean lines and blocks. It finds such a region below a table header,
splits every line into (row number, content, column debris), cuts the region into rows, reads
the lead unit, partners and timeframe out of each row's debris (fuzzily, in accent-folded space,
against general unit and timeframe vocabulary, never against one plan's text), and puts back one
line of kind "table" per row, group heading and header, each carrying the numbers of all the
source lines it was made of. Nothing here knows a particular plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from compare.parse.lines import Line, clean_line
from compare.parse.markers import find_marker, terminated, unit_like
from compare.text.lexicon import TABLE_LEAD_UNITS, TABLE_PARTNER_UNITS, UNIT_SUFFIXES
from compare.text.restore import ocr_key
from compare.text.vietnamese import fold, is_valid_syllable

HEADER_CELLS = ["Stt", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian", "Ghi chú"]

_HEADER_KEYS = {
    "stt": ("stt",),
    "text": ("noidung", "nhiemvu"),
    "units": ("donvi", "chutri", "phoihop"),
    "time": ("thoigian", "thoihan", "tiendo", "hoanthanh"),
}
_PUNCT = ".,;:\"“”'‘’()…!?*"
_JUNK_CHARS = set(";?]_[%@»«*\\~{}^<>=#")
_STT = re.compile(r"^\W{0,3}(?:[Ss][Tt][Tt]|TT)(?!\w)")
_ROW_LABEL = re.compile(r"^(\d{1,2}[.,]\d{1,2}\.?|\d{2}|\d[oO])$")
_LETTER_LABEL = re.compile(r"^[a-hđ][.)]?$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_DATE = re.compile(r"^\d{1,2}/\d{1,2}(/\d{2,4})?$")
# "Quý I/2026" as OCR writes it: "1/2026", "111/2026", "1VI2026", "1v/2026", "12026"
_ROMAN_YEAR = re.compile(r"^([1Iil|vV]{1,4})[/Il1|]?((?:19|20)\d\d)$")
_ROMAN_SLASH_YEAR = re.compile(r"^([1Iil|vV]{1,3})[/Il1|]((?:19|20)\d\d)$")

# Words of the narrow columns (units, timeframes), accent-folded.
_UNIT_WORDS = frozenset(
    "van phong so cac cmnv chuyen mon nghiep vu don vi truc thuoc lien quan to chuc can bo ke hoach tai "
    "chinh thanh tra ban giam doc hanh phap che ubnd hdnd uy xa phuong huyen tinh nganh doan hoi cong an "
    "quan su tong hop noi tu trung tam phoi hop chu tri co".split()
)
_TIME_WORDS = frozenset("thuong xuyen quy ca nam thang truoc ngay hang dau cuoi dinh ky canam".split())
_ROMAN = {
    "i": "I",
    "ii": "II",
    "iii": "III",
    "iv": "IV",
    "1": "I",
    "11": "II",
    "111": "III",
    "1v": "IV",
    "iv1": "IV",
    "l": "I",
    "ll": "II",
    "lll": "III",
    "lv": "IV",
    "2": "II",
    "3": "III",
    "4": "IV",
}


# --- tokens -----------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def _key(token: str) -> str:
    t = token.strip(_PUNCT + "|")
    if len(t) == 2 and t[0] == "S" and t[1] in "¢&éeóòoOở6y0gơ":
        return "so"  # "Sở" as OCR writes it: "S¢", "S&", "Sy", "Sg", "S6"
    return ocr_key(t) if t else ""


@lru_cache(maxsize=16384)
def _near(key: str, words: frozenset[str]) -> bool:
    if key in words:
        return True
    if len(key) < 4:
        return False
    return any(abs(len(w) - len(key)) <= 1 and Levenshtein.distance(key, w, score_cutoff=1) <= 1 for w in words)


@lru_cache(maxsize=16384)
def _glued(key: str, words: frozenset[str]) -> tuple[str, ...] | None:
    """'cacphong' → ('cac', 'phong'): column words OCR ran together."""
    if len(key) < 5:
        return None
    for w in ("phong", "thuoc", "quan", "chuc"):
        if key.endswith(w) and len(key) > len(w) + 1:
            return (key[: -len(w)], w)
    for i in range(2, len(key) - 1):
        head, tail = key[:i], key[i:]
        if head in words and (_near(tail, words) or _glued(tail, words)):
            rest = _glued(tail, words) or (tail,)
            return (head, *rest)
    return None


@lru_cache(maxsize=16384)
def token_class(token: str) -> str:
    """pipe | junk | time | unit | word, for one whitespace-separated OCR token."""
    if token == "|":
        return "pipe"
    bare = token.strip(_PUNCT + "|")
    if bare in ("&", "¢"):
        return "word"  # "ở" as OCR writes it
    if not bare or all(not c.isalnum() for c in bare):
        return "junk"
    if any(c in _JUNK_CHARS for c in bare):
        return "junk"
    if _YEAR.match(bare) or _ROMAN_YEAR.match(bare) or _DATE.match(bare):
        return "time"
    key = _key(token)
    if len(bare) == 1:
        if bare in "&¢6" or bare.lower() in "ởơàạ":
            return "word"  # "ở" as OCR writes it
        return "junk"
    if key in _TIME_WORDS or (_near(key, _TIME_WORDS) and not is_valid_syllable(bare)):
        return "time"
    if (
        key in _UNIT_WORDS
        or (_near(key, _UNIT_WORDS) and not is_valid_syllable(bare))
        or _glued(key, _UNIT_WORDS | _TIME_WORDS)
    ):
        return "unit"
    if bare.isdigit():
        return "word"
    letters = sum(c.isalpha() for c in bare)
    if (
        letters
        and not is_valid_syllable(bare)
        and not (letters > 1 and bare.isupper())
        and not re.search(r"[/\-]", bare)
    ):
        # a damaged word of the content column or column debris: weakly either
        return "junk" if letters < 3 or sum(c.isdigit() for c in bare) > 0 else "word?"
    return "word"


_AMBIG_LO, _AMBIG_HI, _WIDTH_SHARE, _WORD_SLACK = 0.85, 3, 0.75, 0


@dataclass
class SplitLine:
    no: int
    label: str
    content: str
    debris: list[str]
    text: str = ""


def _tokens(text: str) -> list[str]:
    return text.replace("|", " | ").split()


def _content_score(cls: str, start: int, end: int, width: int, after_stop: bool) -> float:
    """How much a token at columns [start, end) looks like part of the content column. Column
    words ("phòng", "Sở", "năm 2026") are common in content too: only their place decides."""
    if cls == "pipe":
        return -1.5
    if cls == "junk":
        return -0.6
    if after_stop:
        return -0.8  # words after a sentence's full stop on a row's last line: the other columns
    if cls == "word":
        return 1.0 if start <= width + _WORD_SLACK else -0.3
    lo, hi = _AMBIG_LO * width, width + _AMBIG_HI
    share = 1.0 if end <= lo else 0.0 if end >= hi else (hi - end) / (hi - lo)
    return share - (0.2 if cls == "time" else 0.0)


def _debris_score(cls: str, start: int, width: int) -> float:
    if cls == "word":
        return -1.0 if start <= width + _WORD_SLACK else 0.3
    return _DEBRIS_SCORE[cls]


_DEBRIS_SCORE = {"word": -1.0, "word?": 0.3, "unit": 0.5, "time": 0.7, "junk": 0.6, "pipe": 0.5}
_STOP = re.compile(r"(?:[^.]\.|\.\.\.|…)[”\"']?$")


def _explained(token: str, vocab: frozenset[str]) -> bool:
    key = _key(token)
    return any(_same_word(key, w) >= 1.0 for w in vocab)


def split_line(no: int, text: str, width: int, vocab: frozenset[str] | None = None) -> SplitLine:
    """(row number, content column, debris of the narrow columns) of one table line. With
    `vocab`, the words of the row's own narrow cells once read, only those words (and specks,
    and timeframes) may stand in the debris: a column word of the content stays content."""
    toks = _tokens(text)
    label = ""
    # leading specks and pipes: '" |', '~ |', '‘'
    while toks and all(not c.isalnum() for c in toks[0]) and toks[0] not in ("&", "¢"):
        toks.pop(0)
    if toks and (_ROW_LABEL.match(toks[0]) or (_LETTER_LABEL.match(toks[0]) and len(toks) > 1)):
        label = toks.pop(0)
        while toks and toks[0] == "|":
            toks.pop(0)
    elif toks and re.fullmatch(r"\d", toks[0]) and len(toks) > 1:
        toks.pop(0)  # a lone digit of a row number split over lines
    # specks at the left edge ("‘1;;11?;", "hlAf_:n") would push the content off its column
    while len(toks) > 1 and any(c in _JUNK_CHARS for c in toks[0]) and not _ROW_LABEL.match(toks[0]):
        toks.pop(0)
    classes = [token_class(t) for t in toks]
    if vocab is not None:
        for i, (t, c) in enumerate(zip(toks, classes)):
            if c in ("junk", "pipe"):
                continue
            bare = t.strip(_PUNCT)
            if _YEAR.match(bare) or _ROMAN_YEAR.match(bare) or _DATE.match(bare):
                classes[i] = "time"
            elif _explained(t, vocab):
                classes[i] = "unit"
            elif c != "word?":
                classes[i] = "word"
    n = len(toks)
    starts, pos = [], 0
    for t in toks:
        starts.append(pos)
        pos += len(t) + 1
    # content = toks[:k], debris = toks[k:]
    suffix = [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        suffix[i] = suffix[i + 1] + _debris_score(classes[i], starts[i], width)
    best_k, best = 0, suffix[0]
    prefix, stopped = 0.0, False
    for k in range(1, n + 1):
        i = k - 1
        prefix += _content_score(classes[i], starts[i], starts[i] + len(toks[i]), width, stopped)
        stopped = stopped or bool(_STOP.search(toks[i]))
        score = prefix + suffix[k]
        if score > best:
            best_k, best = k, score
    if (
        best_k
        and not any(c == "word" and len(toks[i]) > 2 for i, c in enumerate(classes[:best_k]))
        and not _STOP.search(toks[best_k - 1])
    ):
        best_k = 0  # "Cán bộ", "Sở trực thuộc Sở": a line of the narrow columns only
    content = " ".join(t for t in toks[:best_k] if t != "|")
    return SplitLine(no, label, content, [t for t in toks[best_k:]], text)


# --- regions ---------------------------------------------------------------------------


def _header_at(lines: list[Line], i: int) -> int | None:
    """If a table header starts at line i, the index of its last line."""
    seen: set[str] = set()
    j, taken = i, 0
    while j < len(lines) and taken < 5:
        ln = lines[j]
        if ln.kind == "blank":
            j += 1
            continue
        if ln.kind != "text" or len(ln.text) > 90 or (not taken and find_marker(ln.text)[0]):
            break  # "2. Nhiệm vụ cụ thể" names the part the table stands in; it is not its header
        folded = fold(ln.text)
        flat = folded.replace(" ", "")
        words = set(folded.replace("|", " ").split())
        found = {k for k, keys in _HEADER_KEYS.items() if any(x in flat for x in keys)}
        if "stt" in found and not ({"stt", "tt"} & words):
            found.discard("stt")
        if "tt" in words:
            found.add("stt")  # "TT" (thứ tự) names the number column as well as "Stt"
        if not found and (not taken or len(words) > 2):
            break  # a header is made of column names (and a wrapped word or two)
        seen |= found
        taken += 1
        if {"stt", "text"} <= seen and len(seen) >= 3:
            # the header's last wrapped word ("thành" of "hoàn thành") still belongs to it
            k = j + 1
            while k < len(lines) and lines[k].kind == "blank":
                k += 1
            if (
                k < len(lines)
                and lines[k].kind == "text"
                and len(lines[k].text.split()) <= 2
                and not _ROW_LABEL.match(lines[k].text.split()[0])
                and lines[k].text[:1].islower()
            ):
                return k
            return j
        j += 1
    return None


def _region_end(lines: list[Line], start: int) -> int:
    for j in range(start, len(lines)):
        t = lines[j].text
        if lines[j].kind != "text":
            continue
        kind, _, body = find_marker(t)
        if kind == "roman":
            return j
        if kind == "arabic" and len(t) < 80 and body[:1].isupper() and not _ROW_LABEL.match(t.split()[0]):
            return j
        if fold(t).startswith("noi nhan"):
            return j
    return len(lines)


def _caps_line(text: str) -> bool:
    body = re.sub(r"^[\d\s|.,\"'~]+", "", text)
    letters = [c for c in body if c.isalpha()]
    return len(body.split()) >= 3 and len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _caps_tail(text: str) -> bool:
    """'NGƯỜI DÂN', '2 | DÂN': the short last line of a heading in capitals."""
    text = re.sub(r"^\s*\d{1,2}\s*[|.]?\s*", "", text)
    letters = [c for c in text if c.isalpha()]
    return 1 <= len(text.split()) <= 4 and len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass
class Row:
    lines: list[SplitLine] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        return [s.label for s in self.lines if s.label]

    def numeric_label_at(self) -> list[int]:
        return [k for k, s in enumerate(self.lines) if s.label and not _LETTER_LABEL.match(s.label)]


@dataclass
class Heading:
    lines: list[Line]
    number: str


# what a table region is read as, line by line: a split line, a heading, or a footnote's lines
Event = SplitLine | Heading | list[Line]
# and what its lines are cut into
Part = Row | Heading | list[Line]


def _starts_upper(text: str) -> bool:
    for c in text:
        if c.isalpha():
            return c.isupper()
        if c.isdigit():
            return False
    return False


def _segment(events: list[Event], width: int) -> list[Part]:
    """Cut the region's line sequence into rows at the starts a content column shows: a
    capitalised line after a sentence's end, a short line, a heading or a footnote."""
    out: list[Part] = []
    row: Row | None = None
    last_content: str | None = None
    for ev in events:
        if isinstance(ev, Heading):
            out.append(ev)
            row, last_content = None, None
            continue
        if isinstance(ev, list):  # a footnote: annotates the row above it
            if row is not None:
                row.notes.extend(ev)
            else:
                out.append(ev)
            last_content = None
            continue
        s: SplitLine = ev
        if not s.content:
            if row is None:
                row = Row()
                out.append(row)
            row.lines.append(s)
            continue
        start = (
            row is None
            or last_content is None
            or (
                _starts_upper(s.content)
                and (
                    terminated(last_content)
                    or len(last_content) < 0.72 * width
                    or (s.label and _ROW_LABEL.match(s.label))
                )
            )
        )
        if start and row is not None and not any(x.content for x in row.lines):
            start = False  # the debris above a row's first content line belongs to that row
        if start:
            row = Row()
            out.append(row)
        row.lines.append(s)  # type: ignore[union-attr]  # a row stands open here
        last_content = s.content
    # a row holding two row numbers is two rows: cut at the capitalised line between them
    fixed: list[Part] = []
    for item in out:
        if not isinstance(item, Row):
            fixed.append(item)
            continue
        pending = item
        while True:
            at = pending.numeric_label_at()
            if len(at) < 2:
                break
            cut = None
            for k in range(at[1], at[0], -1):
                if pending.lines[k].content and _starts_upper(pending.lines[k].content):
                    cut = k
                    break
            if cut is None:
                break
            head = Row(pending.lines[:cut])
            fixed.append(head)
            pending = Row(pending.lines[cut:], pending.notes)
        fixed.append(pending)
    # Where rows carry their numbers, a piece without one (a capitalised name that opened a
    # line, a wrapped column cell) belongs to the row above it.
    rows = [p for p in fixed if isinstance(p, Row)]
    numbered = sum(1 for r in rows if r.labels)
    merged: list[Part] = []
    for item in fixed:
        prev = merged[-1] if merged else None
        if (
            isinstance(item, Row)
            and isinstance(prev, Row)
            and ((not item.labels and numbered >= 0.6 * len(rows)) or not any(x.content for x in item.lines))
        ):
            prev.lines.extend(item.lines)
            prev.notes.extend(item.notes)
            continue
        merged.append(item)
    return merged


# --- cells -----------------------------------------------------------------------------


def _norm_time_token(tok: str) -> str:
    bare = tok.strip(_PUNCT + "|")
    m = _ROMAN_SLASH_YEAR.match(bare) or _ROMAN_YEAR.match(bare)
    if m:
        r = m.group(1).lower().replace("|", "1").replace("l", "1")
        if r == "12" or r == "1":
            roman = "I"
        else:
            roman = _ROMAN.get(r) or _ROMAN.get(r.replace("v1", "v")) or "I"
        return f"{roman}/{m.group(2)}"
    if _YEAR.match(bare) or _DATE.match(bare):
        return bare
    key = _key(tok).replace("ii", "a")
    for word, out in (
        ("thuong", "Thường"),
        ("xuyen", "xuyên"),
        ("quy", "Quý"),
        ("canam", "Cả năm"),
        ("ca", "Cả"),
        ("nam", "năm"),
        ("thang", "tháng"),
        ("truoc", "trước"),
        ("ngay", "ngày"),
        ("hang", "hằng"),
        ("dau", "đầu"),
        ("cuoi", "cuối"),
        ("dinh", "định"),
        ("ky", "kỳ"),
        ("tu", "từ"),
        ("den", "đến"),
    ):
        if key == word or (len(key) >= 4 and Levenshtein.distance(key, word, score_cutoff=1) <= 1):
            return out
    r = bare.lower().rstrip("-")
    if r in _ROMAN:
        return _ROMAN[r] + ("-" if bare.endswith("-") else "")
    return ""


def read_time(debris: list[list[str]]) -> str:
    """The time column of a row: the time words at the right end of its debris lines, read
    top to bottom ("Quý" / "I/2026", "Thường" / "xuyên")."""
    words: list[str] = []
    for toks in debris:
        tail: list[str] = []
        for t in reversed(toks):
            c = token_class(t)
            if c in ("pipe", "unit"):
                break
            bare = t.strip(_PUNCT)
            norm = (
                _norm_time_token(t)
                if (c != "word" or _ROMAN_YEAR.match(bare) or bare.isdigit() or re.fullmatch(r"[IVX1l]{1,4}-?", bare))
                else ""
            )
            if not norm:
                if tail:
                    break
                continue
            tail.append(norm)
        tail.reverse()
        for n, w in enumerate(tail):
            roman = w.rstrip("-") in ("I", "II", "III", "IV")
            nxt = tail[n + 1] if n + 1 < len(tail) else ""
            if roman and (not (words and words[-1] == "Quý") or re.match(r"^(I{1,3}|IV)(/|$)", nxt)):
                continue  # a stray "1" of the debris, not the quarter's number
            words.append(w)
    text = " ".join(words)
    text = re.sub(r"\bQuý (I{1,3}|IV)-\s*", r"Quý \1 - ", text)
    text = re.sub(r"(?<=Quý) (I{1,3}|IV) (\d{4})\b", r" \1/\2", text)
    text = re.sub(r"\bQuý (I{1,3}|IV)/?\s*Quý\b", r"Quý \1 - Quý", text)
    text = re.sub(r"\bQuý Quý\b", "Quý", text)
    text = re.sub(r"\b(Cả )?năm năm\b", lambda m: (m.group(1) or "") + "năm", text)
    text = " ".join(text.split())
    if text.startswith("năm"):
        text = "N" + text[1:]
    return text


def _unit_keys(phrase: str) -> tuple[str, ...]:
    return tuple(fold(phrase).replace("-", " ").replace(",", " ").split())


def _same_word(s: str, k: str) -> float:
    """1 for the same unit word as OCR may write it ("vanp", "vian", "vin" for "văn"; one slip
    in a longer word), 0.5 for a 2-letter word with the same first letter ("bd" for "bộ")."""
    if s == k:
        return 1.0
    if s in _UNIT_WORDS:
        return 0.0  # "phong" is "phòng", never a misread "thông"
    if len(k) >= 4 and len(s) >= 4 and Levenshtein.distance(s, k, score_cutoff=1) <= 1:
        return 1.0
    if len(k) == 3:
        if (
            len(s) == 3
            and sum(a != b for a, b in zip(s, k)) == 1
            and all(a == b or (a in "aeiouy" and b in "aeiouy") for a, b in zip(s, k))
        ):
            return 1.0  # a vowel misread
        if len(s) == 4 and (
            s.startswith(k) or (s[0] == k[0] and s[-1] == k[-1] and Levenshtein.distance(s, k, score_cutoff=1) <= 1)
        ):
            return 1.0  # a letter glued on or slipped in
    if len(k) == 2 and len(s) == 2 and s[0] == k[0] and s not in _UNIT_WORDS:
        return 0.5
    return 0.0


def _match(
    keys: tuple[str, ...], stream: list[tuple[str, int, int]], used: set[int], lead: bool
) -> tuple[list[int], float]:
    """Greedy in-order fuzzy match of a unit's words in the debris stream; the lead column is
    the leftmost of the narrow ones, so for a lead only the first words of a line count fully."""
    got: list[int] = []
    credit = 0.0
    pos = 0
    for k in keys:
        for j in range(pos, len(stream)):
            if j in used:
                continue
            w = _same_word(stream[j][0], k)
            if w:
                if lead and stream[j][2] > 1:
                    w *= 0.5
                got.append(j)
                credit += w
                pos = j + 1
                break
    return got, credit


def _stream(debris: list[list[str]]) -> list[tuple[str, int, int]]:
    """(word key, line, place in the line's debris) of the unit words of a row's debris."""
    out: list[tuple[str, int, int]] = []
    for n, toks in enumerate(debris):
        place = 0
        for t in toks:
            c = token_class(t)
            if c == "pipe" or c == "time" or (c == "junk" and len(t.strip(_PUNCT)) < 2):
                continue
            key = _key(t)
            parts = _glued(key, _UNIT_WORDS | _TIME_WORDS) if key not in _UNIT_WORDS else None
            for p in parts or (key,):
                if p and p not in _TIME_WORDS:
                    out.append((p, n, place))
                    place += 1
    return out


def _read_units(debris: list[list[str]]) -> tuple[str, str, set[str], float]:
    """(lead, partners, words of the units that half matched as well, the lead's score) of a
    row from its debris, against general unit vocabulary."""
    stream = _stream(debris)
    weak: set[str] = set()
    if not stream:
        return "", "", weak, 0.0
    used: set[int] = set()

    # the lead column's first word as a speck ("Xgrr]l" for "Văn"): it may stand for a head word
    speck = 0 if stream and stream[0][2] == 0 and not stream[0][0].isalpha() and 0 not in used else None

    def best_of(candidates: list[str], lead: bool) -> tuple[str, list[int], float]:
        best: tuple[str, list[int], float] = ("", [], 0.0)
        for name in candidates:
            keys = _unit_keys(name)
            got, credit = _match(keys, stream, used, lead)
            score = credit - 0.5 * (len(keys) - len(got))
            if lead and speck is not None and (not got or _same_word(stream[got[0]][0], keys[0]) == 0):
                rest, rest_credit = _match(keys[1:], stream, used | {speck}, lead)
                alt = 0.5 + rest_credit - 0.5 * (len(keys) - 1 - len(rest))
                if rest and alt > best[2] + 1e-9 and alt > score:
                    best = (name, [speck, *rest], alt)
                continue
            if lead and (not got or _same_word(stream[got[0]][0], keys[0]) == 0):
                continue
            if got and score > best[2] + 1e-9:
                best = (name, got, score)
        return best

    lead, got, score = best_of(TABLE_LEAD_UNITS, True)
    if lead and score > 0:
        weak.update(k for k in _unit_keys(lead) if len(k) > 1)
    lead_out = ""
    lead_score = score
    if lead and score >= 0.5:
        used.update(got)
        lead_out = lead
        suffix = _suffix_after(stream, got, used)
        if suffix:
            lead_out += " " + suffix
    if not lead_out:
        # The lead cell's first lines unreadable: its last two words, in order on neighbouring
        # lines ("Cán bộ" of "Phòng Tổ chức cán bộ"), still name one unit, if only one.
        tails = []
        for name in TABLE_LEAD_UNITS:
            keys = _unit_keys(name)
            if len(keys) < 3:
                continue
            got, credit = _match(keys[-2:], stream, used, False)
            if len(got) == 2 and credit >= 1.5 and stream[got[1]][1] - stream[got[0]][1] <= 1:
                tails.append((credit, name, got))
        tails.sort(key=lambda x: -x[0])
        if len(tails) == 1 or (len(tails) > 1 and tails[0][0] > tails[1][0]):
            _, lead_out, got = tails[0]
            used.update(got)
            lead_score = 0.5
    partners: list[str] = []
    for _ in range(3):
        name, got, score = best_of(TABLE_PARTNER_UNITS, False)
        if not name or score < 1.0:
            break
        used.update(got)
        if score < 1.3:
            weak.update(k for k in _unit_keys(name) if len(k) > 2)
            continue
        suffix = _suffix_after(stream, got, used)
        partners.append(name + (" " + suffix if suffix else ""))
    return lead_out, ", ".join(partners), weak, lead_score if lead_out else 0.0


def _read_row(lines: list[SplitLine], width: int, content: str) -> tuple[str, str, str, str]:
    """(content, lead, partners, timeframe) of one row. Cells are read from the debris, then
    the lines are split again knowing the cells' words (only they may stand in the debris),
    until the split no longer changes."""
    lead, partners, time, best = "", "", "", -1.0
    current = lines
    for _ in range(3):
        debris = [s.debris for s in current]
        lead_n, partners_n, weak, score = _read_units(debris)
        time_n = read_time(debris)
        if lead_n and score > best:
            lead, partners, best = lead_n, partners_n or partners, score
        partners = partners or partners_n
        time = time_n or time
        if not (lead or partners or weak):
            break
        vocab = frozenset(k for phrase in (lead, partners, time) for k in _unit_keys(phrase)) | {"so"} | weak
        if not lead:
            vocab |= {"van", "phong"}  # the usual head of a lead unit OCR made unreadable
        again = [split_line(s.no, s.text, width, vocab) if s.text and s.content else s for s in lines]
        if [x.content for x in again] == [x.content for x in current]:
            break
        current = again
        content = _clean_content(" ".join(s.content for s in current if s.content))
    return content, lead, partners, time


def _suffix_after(stream: list[tuple[str, int, int]], got: list[int], used: set[int]) -> str:
    """'Sở', 'UBND', ...: the organisation word that follows a unit's name in its column."""
    last = got[-1]
    for j in range(last + 1, min(len(stream), last + 8)):
        if j in used:
            continue
        key = stream[j][0]
        for word, out in UNIT_SUFFIXES.items():
            if key == word:
                used.add(j)
                return out
    return ""


def _clean_content(text: str) -> str:
    """Drop the specks OCR left in the content column ("‘1;;11?;", "Pflz)éng", a lone "A"),
    keep damaged words the restorer may still read ("s¢", "c4o")."""
    out = []
    for t in text.split():
        bare = t.strip(_PUNCT)
        if not any(c.isalnum() for c in bare) and bare not in ("&", "¢", "-"):
            continue
        if any(c in _JUNK_CHARS for c in bare) or re.search(r"\w[()]\w", bare):
            continue
        if len(bare) == 1 and bare.isupper() and bare.isalpha():
            continue
        out.append(t)
    return " ".join(out)


# --- one cell per line -------------------------------------------------------------------
# A web page's table read out cell by cell: "TT" / "Nội dung" / "Đơn vị chủ trì" / "Thời gian",
# then "1" / its content / its unit / its time, "2" / ... Empty cells leave no line, so a row's
# cells are placed by what they say (a timeframe, else a unit), not by their count.

_COLUMN_OF = [
    ("stt", ("stt", "sott", "sothutu")),
    ("text", ("noidung", "nhiemvu")),
    ("time", ("thoigian", "thoihan", "tiendo", "hoanthanh")),
    ("partner", ("phoihop",)),
    ("lead", ("chutri", "thuchien")),
    ("notes", ("ghichu",)),
]  # ("Thời gian thực hiện" is a time)
_ROW_NUMBER = re.compile(r"^(\d{1,2})\s*[.)]?$")
_GROUP_NUMBER = re.compile(r"^([IVX]{1,4}|[A-H])\s*[.)]?$")
_TIME_CELL = re.compile(r"\b(?:quy|thang|nam|ngay|truoc|thuong xuyen|hang|dinh ky|suot|tu nay)\b|\d{1,2}/\d{4}")


def _column(text: str) -> str | None:
    flat = fold(text).replace(" ", "")
    if flat == "tt":
        return "stt"
    return next((col for col, keys in _COLUMN_OF if any(k in flat for k in keys)), None)


def _one_cell_per_line(lines: list[Line], start: int, h_end: int, end: int) -> tuple[list[Line], set[int]] | None:
    while (
        h_end + 1 < end
        and lines[h_end + 1].kind == "text"
        and _column(lines[h_end + 1].text)
        and len(lines[h_end + 1].text) < 40
    ):
        h_end += 1  # the header reader stops once it has seen enough: the other names follow
    header = [ln for ln in lines[start : h_end + 1] if ln.kind != "blank"]
    cols = [c for c in (_column(ln.text) for ln in header) if c]
    if len(header) < 3 or cols[:1] != ["stt"] or "text" not in cols or len(cols) < len(header) - 1:
        return None  # a header on one line, or not made of column names: not this layout
    body = [ln for ln in lines[h_end + 1 : end] if ln.kind != "blank"]
    if any(ln.kind not in ("text", "page_number") for ln in body):
        return None  # (a bare row number reads as a page number: which it is, the rows tell)
    # events: ("row", [number line, cell lines...]) and ("group", [number line?, title lines...])
    events: list[tuple[str, list[Line]]] = []
    expect = 1
    for k, ln in enumerate(body):
        m = _ROW_NUMBER.match(ln.text)
        if m and int(m.group(1)) in (expect, 1):  # (numbering may start again under a group heading)
            events.append(("row", [ln]))
            expect = int(m.group(1)) + 1
        elif _GROUP_NUMBER.match(ln.text) and k + 1 < len(body) and _caps_line(body[k + 1].text):
            events.append(("group", [ln]))
        elif _caps_line(ln.text) and (not events or events[-1][0] == "group" or len(events[-1][1]) > 2):
            if events and events[-1][0] == "group" and (len(events[-1][1]) == 1 or _caps_line(events[-1][1][-1].text)):
                events[-1][1].append(ln)  # the group's title (or its wrapped second line)
            else:
                events.append(("group", [ln]))
        elif events and events[-1][0] == "row" and ln.kind == "text":
            events[-1][1].append(ln)
        else:
            return None
    if sum(kind == "row" for kind, _ in events) < 2:
        return None
    others = [c for c in cols[2:] if c in ("lead", "partner", "time", "notes")]
    new = [
        Line(
            lines[start].no,
            "\n".join(ln.raw for ln in header),
            " | ".join(HEADER_CELLS),
            kind="table",
            cells=list(HEADER_CELLS),
            span=[ln.no for ln in header[1:]],
        )
    ]
    for kind, group in events:
        raw = "\n".join(ln.raw for ln in group)
        span = [ln.no for ln in group[1:]]
        if kind == "group":
            numbered = _GROUP_NUMBER.match(group[0].text) is not None
            title = " ".join(ln.text for ln in group[1:] if numbered) or " ".join(ln.text for ln in group)
            label = group[0].text.rstrip(".)") if numbered else ""
            new.append(Line(group[0].no, raw, title, kind="table", cells=[label, title, "", "", "", ""], span=span))
            continue
        cells = [ln.text for ln in group[1:]]
        # empty cells leave no line: a cell goes where what it says fits (a timeframe, a unit);
        # what fits neither, before them, is more of the content (a cell of several paragraphs)
        fits = [(bool(_TIME_CELL.search(fold(c))) and len(c) < 60) or unit_like(c) for c in cells]
        n_content = next((k for k in range(1, len(cells)) if fits[k]), len(cells))
        content = " ".join(cells[:n_content])
        got = {"lead": "", "partner": "", "time": "", "notes": ""}
        free = list(others)
        for cell in cells[n_content:]:
            col = (
                "time"
                if "time" in free and _TIME_CELL.search(fold(cell))
                else next((c for c in free if c != "time" and (c == "notes" or unit_like(cell))), None)
            )
            if col is None:
                content += " " + cell
                continue
            got[col] = cell
            free.remove(col)
        label = group[0].text.rstrip(".) ")
        new.append(
            Line(
                group[0].no,
                raw,
                content,
                kind="table",
                cells=[label, content, got["lead"], got["partner"], got["time"], got["notes"]],
                span=span,
            )
        )
    return new, set()


# --- the step --------------------------------------------------------------------------


def _orphan_caps(lines: list[Line], region: tuple[int, int]) -> list[int]:
    """Capital lines outside the table that interrupt a sentence: half a heading that a page
    break carried away (OCR reads a page's lines out of order)."""
    a, b = region
    idx = [i for i, ln in enumerate(lines) if ln.kind == "text" and not (a <= i < b)]
    for n, i in enumerate(idx):
        if not _caps_line(lines[i].text) or find_marker(lines[i].text)[0]:
            continue
        run = [i]
        m = n + 1
        while m < len(idx) and _caps_line(lines[idx[m]].text) and len(run) < 4:
            run.append(idx[m])
            m += 1
        if n == 0 or m >= len(idx):
            continue
        before, after = lines[idx[n - 1]].text, lines[idx[m]].text
        if _caps_line(before) or terminated(before) or not after.lstrip()[:1].islower():
            continue
        return run
    return []


def rebuild(lines: list[Line], restore: Callable[[str], str] | None = None) -> list[Line]:
    """Replace every flattened table region of `lines` by table lines (header, group headings,
    rows). `restore` repairs the text of a damaged (OCR) document; the column split is made on
    the source as OCR wrote it, so that restoration reads each cell's words in their own order."""
    # A table header names its number column "Stt"/"TT": without one, nothing to do (cheap).
    if not any(_STT.search(ln.raw) for ln in lines if ln.kind == "text"):
        return lines
    # detection and splitting read the source as written (a restored "Stt" may read "Sát")
    view = [clean_line(ln.no, ln.raw) if restore is not None and ln.kind != "blank" else ln for ln in lines]
    out = list(lines)
    i = 0
    while i < len(view):
        ln = view[i]
        if ln.kind != "text" or "|" in ln.text[:1]:
            i += 1
            continue
        h_end = _header_at(view, i)
        if h_end is None:
            i += 1
            continue
        end = _region_end(view, h_end + 1)
        new = _one_cell_per_line(view, i, h_end, end) or _rebuild_region(view, i, h_end, end, restore)
        if new is None:
            i += 1
            continue
        rows, moved = new
        view = view[:i] + rows + view[end:]
        out = out[:i] + rows + out[end:]
        if moved:
            keep = [k for k, x in enumerate(view) if x.no not in moved or x.kind == "table"]
            view = [view[k] for k in keep]
            out = [out[k] for k in keep]
        i += len(rows)
    return out


def _rebuild_region(
    lines: list[Line], start: int, h_end: int, end: int, restore: Callable[[str], str] | None
) -> tuple[list[Line], set[int]] | None:
    body = [ln for ln in lines[h_end + 1 : end] if ln.kind != "blank"]
    if len(body) < 3:
        return None
    texts = {ln.no: ln.text for ln in body}
    raw_by_no = {ln.no: ln.raw for ln in body}
    lengths = sorted(len(t) for t in texts.values())
    median = lengths[len(lengths) // 2]
    # The content column's width: start from the typical line, split, measure, split again.
    plain = [texts[ln.no] for ln in body if not _caps_line(texts[ln.no]) and len(texts[ln.no]) < 1.4 * median]
    width = median
    for _ in range(3):
        firsts = [split_line(0, t, width) for t in plain]
        widths = sorted(len(s.content) for s in firsts if s.content)
        if not widths:
            return None
        new_width = widths[int(_WIDTH_SHARE * (len(widths) - 1))]
        if new_width == width:
            break
        width = new_width
    if sum(1 for s in firsts if s.debris) < 0.3 * len(firsts):
        return None  # not interleaved columns: leave the lines to the ordinary reader
    events: list[Event] = []
    k = 0
    while k < len(body):
        ln = body[k]
        t = texts[ln.no]
        if _caps_line(t):
            run = [ln]
            while k + 1 < len(body) and (_caps_line(texts[body[k + 1].no]) or _caps_tail(texts[body[k + 1].no])):
                k += 1
                run.append(body[k])
            nums = [re.match(r"^\s*(\d{1,2}|[IVX]{1,4})\s*[|.]?\s+\S", texts[x.no]) for x in run]
            events.append(Heading(run, next((m.group(1) for m in nums if m), "")))
        elif len(t) > max(1.8 * width, 85):
            # a footnote: set across the page, wider than any row with its columns
            note = [ln]
            while k + 1 < len(body):
                nxt = texts[body[k + 1].no]
                wraps = body[k + 1].no == note[-1].no + 1 and not terminated(texts[note[-1].no]) and nxt[:1].islower()
                if not (len(nxt) > max(1.8 * width, 85) or wraps):
                    break
                k += 1
                note.append(body[k])
            events.append(note)
        else:
            events.append(split_line(ln.no, t, width))
        k += 1
    # letters label the items of a row in order (a, b, c): a stray letter of OCR is no label
    expect = "a"
    for ev in events:
        if isinstance(ev, SplitLine) and ev.label and _LETTER_LABEL.match(ev.label):
            letter = ev.label[0]
            if letter in (expect, "a"):
                expect = chr(ord(letter) + 1)
            else:
                ev.label = ""
    parts = _segment(events, width)
    rows = [p for p in parts if isinstance(p, Row)]
    if len(rows) < 2:
        return None

    fix = restore or (lambda s: s)
    region = (start, end)
    orphan = _orphan_caps(lines, region)
    headings = [p for p in parts if isinstance(p, Heading)]
    tail_heading = next((h for h in headings[1:] if not h.number), None) if orphan else None

    first = lines[start]
    header_nos = [ln.no for ln in lines[start : h_end + 1] if ln.kind != "blank"]
    new: list[Line] = [
        Line(
            first.no,
            "\n".join(ln.raw for ln in lines[start : h_end + 1] if ln.kind != "blank"),
            " | ".join(HEADER_CELLS),
            kind="table",
            cells=list(HEADER_CELLS),
            span=header_nos[1:],
        )
    ]
    group, number = 0, 0
    last_numeric = ""
    for p in parts:
        if isinstance(p, Heading):
            group += 1
            number = 0
            text = " ".join(re.sub(r"^\s*(\d{1,2}|[IVX]{1,4})\s*[|.]?\s*", "", texts[x.no]) for x in p.lines)
            span = [x.no for x in p.lines[1:]]
            if p is tail_heading:
                text = " ".join(lines[k].text for k in orphan) + " " + text
                span += [lines[k].no for k in orphan]
            text = fix(" ".join(text.split()))
            new.append(
                Line(
                    p.lines[0].no,
                    "\n".join(x.raw for x in p.lines),
                    text,
                    kind="table",
                    cells=[str(group), text, "", "", "", ""],
                    span=span,
                )
            )
            continue
        if isinstance(p, list):  # a footnote with no row above it
            text = fix(" ".join(texts[x.no] for x in p))
            new.append(Line(p[0].no, "\n".join(x.raw for x in p), text, kind="text"))
            continue
        content = " ".join(s.content for s in p.lines if s.content)
        content = _clean_content(content)
        letters = [s.label for s in p.lines if s.label and _LETTER_LABEL.match(s.label)]
        if letters and last_numeric:
            label = letters[0].rstrip(".)")
        else:
            number += 1
            label = f"{group}.{number}" if group else str(number)
            last_numeric = label
        content, lead, partners, time = _read_row(p.lines, width, content)
        text = fix(content)
        notes = fix(" ".join(texts[x.no] for x in p.notes))
        nos = [s.no for s in p.lines] + [x.no for x in p.notes]
        new.append(
            Line(
                nos[0],
                "\n".join(raw_by_no[n] for n in nos),
                text,
                kind="table",
                cells=[label, text, lead, partners, time, notes],
                span=nos[1:],
            )
        )
    return new, {lines[k].no for k in orphan} if tail_heading is not None else set()


__all__ = ["read_time", "rebuild", "split_line", "token_class"]
