"""Token classes and the split of one flattened line into row number, content and the
debris of the narrow columns (by the content column's width and the kind of each word)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from compare.text.restore import ocr_key
from compare.text.vietnamese import is_valid_syllable

PUNCT = ".,;:\"“”'‘’()…!?*"
JUNK_CHARS = set(";?]_[%@»«*\\~{}^<>=#")
STT = re.compile(r"^\W{0,3}(?:[Ss][Tt][Tt]|TT)(?!\w)")
ROW_LABEL = re.compile(r"^(\d{1,2}[.,]\d{1,2}\.?|\d{2}|\d[oO])$")
LETTER_LABEL = re.compile(r"^[a-hđ][.)]?$")
YEAR = re.compile(r"^(19|20)\d\d$")
DATE = re.compile(r"^\d{1,2}/\d{1,2}(/\d{2,4})?$")
# "Quý I/2026" as OCR writes it: "1/2026", "111/2026", "1VI2026", "1v/2026", "12026"
ROMAN_YEAR = re.compile(r"^([1Iil|vV]{1,4})[/Il1|]?((?:19|20)\d\d)$")
ROMAN_SLASH_YEAR = re.compile(r"^([1Iil|vV]{1,3})[/Il1|]((?:19|20)\d\d)$")

# Words of the narrow columns (units, timeframes), accent-folded.
UNIT_WORDS = frozenset(
    "van phong so cac cmnv chuyen mon nghiep vu don vi truc thuoc lien quan to chuc can bo ke hoach tai "
    "chinh thanh tra ban giam doc hanh phap che ubnd hdnd uy xa phuong huyen tinh nganh doan hoi cong an "
    "quan su tong hop noi tu trung tam phoi hop chu tri co".split()
)
TIME_WORDS = frozenset("thuong xuyen quy ca nam thang truoc ngay hang dau cuoi dinh ky canam".split())


@lru_cache(maxsize=16384)
def token_key(token: str) -> str:
    t = token.strip(PUNCT + "|")
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
def glued(key: str, words: frozenset[str]) -> tuple[str, ...] | None:
    """'cacphong' → ('cac', 'phong'): column words OCR ran together."""
    if len(key) < 5:
        return None
    for w in ("phong", "thuoc", "quan", "chuc"):
        if key.endswith(w) and len(key) > len(w) + 1:
            return (key[: -len(w)], w)
    for i in range(2, len(key) - 1):
        head, tail = key[:i], key[i:]
        if head in words and (_near(tail, words) or glued(tail, words)):
            rest = glued(tail, words) or (tail,)
            return (head, *rest)
    return None


@lru_cache(maxsize=16384)
def token_class(token: str) -> str:
    """pipe | junk | time | unit | word, for one whitespace-separated OCR token."""
    if token == "|":
        return "pipe"
    bare = token.strip(PUNCT + "|")
    if bare in ("&", "¢"):
        return "word"  # "ở" as OCR writes it
    if not bare or all(not c.isalnum() for c in bare):
        return "junk"
    if any(c in JUNK_CHARS for c in bare):
        return "junk"
    if YEAR.match(bare) or ROMAN_YEAR.match(bare) or DATE.match(bare):
        return "time"
    key = token_key(token)
    if len(bare) == 1:
        if bare in "&¢6" or bare.lower() in "ởơàạ":
            return "word"  # "ở" as OCR writes it
        return "junk"
    if key in TIME_WORDS or (_near(key, TIME_WORDS) and not is_valid_syllable(bare)):
        return "time"
    if (
        key in UNIT_WORDS
        or (_near(key, UNIT_WORDS) and not is_valid_syllable(bare))
        or glued(key, UNIT_WORDS | TIME_WORDS)
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


_AMBIG_LO, _AMBIG_HI, _WORD_SLACK = 0.85, 3, 0
# the share of a region's lines whose content reaches the content column's width
WIDTH_SHARE = 0.75


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
    key = token_key(token)
    return any(same_word(key, w) >= 1.0 for w in vocab)


def split_line(no: int, text: str, width: int, vocab: frozenset[str] | None = None) -> SplitLine:
    """(row number, content column, debris of the narrow columns) of one table line. With
    `vocab`, the words of the row's own narrow cells once read, only those words (and specks,
    and timeframes) may stand in the debris: a column word of the content stays content."""
    label, toks = _row_label(_tokens(text))
    classes = [token_class(t) for t in toks]
    if vocab is not None:
        classes = [_class_in_row(t, c, vocab) for t, c in zip(toks, classes)]
    best_k = _content_end(toks, classes, width)
    if (
        best_k
        and not any(c == "word" and len(toks[i]) > 2 for i, c in enumerate(classes[:best_k]))
        and not _STOP.search(toks[best_k - 1])
    ):
        best_k = 0  # "Cán bộ", "Sở trực thuộc Sở": a line of the narrow columns only
    content = " ".join(t for t in toks[:best_k] if t != "|")
    return SplitLine(no, label, content, list(toks[best_k:]), text)


def _row_label(toks: list[str]) -> tuple[str, list[str]]:
    """The row number that opens a line ("2.1", "12", "a)"), and the tokens after it, leading
    specks and pipes gone ('" |', '~ |', '‘')."""
    label = ""
    while toks and all(not c.isalnum() for c in toks[0]) and toks[0] not in ("&", "¢"):
        toks.pop(0)
    if toks and (ROW_LABEL.match(toks[0]) or (LETTER_LABEL.match(toks[0]) and len(toks) > 1)):
        label = toks.pop(0)
        while toks and toks[0] == "|":
            toks.pop(0)
    elif toks and re.fullmatch(r"\d", toks[0]) and len(toks) > 1:
        toks.pop(0)  # a lone digit of a row number split over lines
    # specks at the left edge ("‘1;;11?;", "hlAf_:n") would push the content off its column
    while len(toks) > 1 and any(c in JUNK_CHARS for c in toks[0]) and not ROW_LABEL.match(toks[0]):
        toks.pop(0)
    return label, toks


def _class_in_row(t: str, c: str, vocab: frozenset[str]) -> str:
    """A token's class once the row's narrow cells are known: their words, timeframes, or a word."""
    if c in ("junk", "pipe"):
        return c
    bare = t.strip(PUNCT)
    if YEAR.match(bare) or ROMAN_YEAR.match(bare) or DATE.match(bare):
        return "time"
    if _explained(t, vocab):
        return "unit"
    return c if c == "word?" else "word"


def _content_end(toks: list[str], classes: list[str], width: int) -> int:
    """Where the content column ends: the cut k (content = toks[:k], debris = toks[k:]) that
    scores best, each token scored by its class and where it stands on the line."""
    n = len(toks)
    starts, pos = [], 0
    for t in toks:
        starts.append(pos)
        pos += len(t) + 1
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
    return best_k


def same_word(s: str, k: str) -> float:
    """1 for the same unit word as OCR may write it ("vanp", "vian", "vin" for "văn"; one slip
    in a longer word), 0.5 for a 2-letter word with the same first letter ("bd" for "bộ")."""
    if s == k:
        return 1.0
    if s in UNIT_WORDS:
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
    if len(k) == 2 and len(s) == 2 and s[0] == k[0] and s not in UNIT_WORDS:
        return 0.5
    return 0.0
