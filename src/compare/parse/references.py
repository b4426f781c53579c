"""Cited documents: 'Quyết định số 23-QĐ/TW ngày 30/7/2021' → ref_id '23-QĐ/TW', kind, date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from compare.text.patterns import matches_allowed
from compare.text.vocabulary import DOCUMENT_KINDS, KIND_BY_CODE

# number, then "-TYPE/ISSUER" (party style) or "/[YEAR/]TYPE-ISSUER" (state style)
_CODE = r"(?:[A-ZĐ]|0(?=[A-Za-zĐ]))[A-Za-zĐđ&]*"  # "0D": OCR's Q of "QĐ"
_REF_BODY = (
    rf"(\d{{1,5}})\s*(?:"
    rf"-\s*({_CODE})\s*/\s*({_CODE}(?:\s*-\s*{_CODE})*)"  # 23-QĐ/TW, 01-CTr/BTGDVTU-DUUBNDTP
    rf"|/\s*(?:(\d{{4}})\s*/\s*)?({_CODE}(?:\s*-\s*{_CODE})+)"  # 129/QĐ-UBND, 59/2023/NĐ-CP
    rf")(?![\w])"
)
REF_RE = re.compile(rf"(?<![\w/.-]){_REF_BODY}")
# The same without the look-behind, which would make the regex engine try every position of the
# text: this one starts with a digit, and the engine jumps from digit to digit (see _citations)
_REF_FROM_DIGIT = re.compile(_REF_BODY)
_REF_BEFORE = re.compile(r"[\w/.-]")
# What every match of REF_RE holds, as a pattern that starts with a digit: the regex engine
# skips to digits, where REF_RE's look-behind start makes it try every position
_HINT = re.compile(r"\d\s*[-/]\s*(?:\d{4}\s*/\s*)?[A-ZĐ0]")
# the kinds of document (text/vocab/document_kinds.tsv): the word that introduces a number, and
# the type code of a number ("QĐ" → "Quyết định")
_KIND_WORDS = [(k.name, k.name) for k in DOCUMENT_KINDS]
_CODE_KIND = KIND_BY_CODE
CODE_KINDS = _CODE_KIND  # type code → kind of document, for the modules that read citations

# Issuers and types as codes write them; an OCR'd code part that is none of these is tried
# against them with the letters scans confuse ("OB" → "QĐ", "NP-CP" → "NĐ-CP", "HDND" → "HĐND").
_KNOWN_PARTS = {k.upper() for k in _CODE_KIND} | {
    "UBND",
    "HĐND",
    "TU",
    "TW",
    "CP",
    "TTG",
    "QH",
    "BCT",
    "BTV",
    "BCH",
    "VPCP",
    "BNV",
    "BGDĐT",
    "SGDĐT",
    "SNV",
    "MTTQ",
    "BDVTW",
    "BDVTU",
    "ĐU",
    "HU",
    "TB",
    "BC",
    "CV",
    "KH",
    "ĐA",
    "TTR",
    "BTGDVTU",
}
_OCR_CODE = {"O": "Q", "0": "Q", "B": "Đ", "P": "Đ", "D": "Đ"}


def _repair_part(part: str) -> str:
    if part.upper() in _KNOWN_PARTS or not part:
        return part
    options = [""]
    for ch in part:
        subs = {ch} | ({_OCR_CODE[ch.upper()]} if ch.upper() in _OCR_CODE else set())
        options = [o + x for o in options for x in subs][:64]
    hits = sorted({o for o in options if o.upper() in _KNOWN_PARTS})
    return hits[0] if len(hits) == 1 else part


def _repair_code(code: str) -> str:
    return "-".join(_repair_part(p) for p in code.split("-"))


_DATE_AFTER = re.compile(r"^[\s,]*(?:ngày\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    ref_id: str
    kind: str | None
    ref_date: dt.date | None
    text: str
    start: int
    end: int


def _safe_date(d: int, m: int, y: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


_SPACES = re.compile(r"\s+")


# the word that introduces a number: "Quyết định số", "Chỉ thị", "Kế hoạch số:"
_INTRO_WORDS = [(w.lower(), name) for w, name in _KIND_WORDS]


def _intro(before: str) -> tuple[int, str] | None:
    """Where the word that introduces a number ("Quyết định số", "Kế hoạch:") starts in `before`
    (the text up to the number), and the kind it names; read from the end, case aside."""
    core = before.rstrip()
    if core.endswith(":"):
        core = core[:-1].rstrip()
    if core[-2:].lower() == "số":
        core = core[:-2].rstrip()
    lowered = core[-12:].lower()
    for word, name in _INTRO_WORDS:
        if lowered.endswith(word):
            return len(core) - len(word), name
    return None


def _after_code_char(text: str, start: int) -> bool:
    return bool(start and _REF_BEFORE.match(text, start - 1))


def _citations(text: str) -> Iterator[re.Match[str]]:
    """The matches of REF_RE, as finditer gives them (its look-behind checked in code)."""
    return matches_allowed(_REF_FROM_DIGIT, text, _after_code_char)


def find_references(text: str) -> list[Citation]:
    out: list[Citation] = []
    if "/" not in text or _HINT.search(text) is None:
        return out
    for m in _citations(text):
        num = m.group(1)
        if m.group(2):
            type_code = _repair_part(m.group(2))
            issuer = _repair_code(_SPACES.sub("", m.group(3)))
            ref_id = f"{num}-{type_code}/{issuer}"
        else:
            year = m.group(4)
            code = _repair_code(_SPACES.sub("", m.group(5)))
            type_code = code.split("-")[0]
            ref_id = f"{num}/{year}/{code}" if year else f"{num}/{code}"
        # kind: the word that introduces the number, else the type code
        before = text[max(0, m.start() - 40) : m.start()]
        intro = _intro(before)
        kind = intro[1] if intro else _CODE_KIND.get(type_code.upper())
        start = m.start() - (len(before) - intro[0]) if intro else m.start()
        date = None
        end = m.end()
        dm = _DATE_AFTER.match(text[m.end() : m.end() + 30])
        if dm:
            date = _safe_date(int(dm.group(1)), int(dm.group(2)), int(dm.group(3)))
            end = m.end() + dm.end()
        out.append(Citation(ref_id, kind, date, " ".join(text[start:end].split()), start, end))
    return out
