"""Theme (0-5, DOMAIN.md) and part kind of a heading or task, from multi-syllable key phrases
matched on accent-folded text, so that OCR text that lost its marks is classified too."""

from __future__ import annotations

import re
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Any

from compare.text.vietnamese import fold
from compare.text.vocabulary import PART_KIND_PHRASES

CATALOGUE = Path(__file__).resolve().parents[1] / "text" / "vocab" / "themes.toml"


def _phrases(table: dict[str, Any]) -> list[tuple[str, float]]:
    return [(fold(phrase), float(weight)) for phrase, weight in table.get("phrases", [])]


def load_catalogue(
    path: Path = CATALOGUE,
) -> tuple[dict[int, str], dict[int, list[tuple[str, float]]], dict[int, dict[int, list[tuple[str, float]]]]]:
    """The theme catalogue (text/vocab/themes.toml): names, key phrases per theme, and per year the
    phrases that year adds to a theme."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    names = {int(k): t["name"] for k, t in data["theme"].items()}
    phrases = {int(k): _phrases(t) for k, t in data["theme"].items()}
    years = {
        int(y): {int(k): _phrases(t) for k, t in v.get("theme", {}).items()} for y, v in data.get("year", {}).items()
    }
    return names, phrases, years


THEME_NAMES, _THEME_PHRASES, YEAR_PHRASES = load_catalogue()


class PartKind(StrEnum):
    """The kind of a plan's part; its value is what sections.parquet's kind says."""

    PREAMBLE = "preamble"  # "Căn cứ ...", before the first part
    PURPOSE = "purpose"  # "I. MỤC ĐÍCH, YÊU CẦU"
    TARGETS = "targets"  # "II. CHỈ TIÊU"
    CONTENT = "content"  # "III. NHIỆM VỤ": its items are tasks
    IMPLEMENTATION = "implementation"  # "IV. TỔ CHỨC THỰC HIỆN": its items are tasks too
    RECIPIENTS = "recipients"  # "Nơi nhận:"
    SIGNATURE = "signature"
    OTHER = "other"


# the kind of part a heading names (text/vocab/part_kinds.tsv), in the order tried
_KIND_PHRASES = [(phrase, PartKind(kind)) for phrase, kind in PART_KIND_PHRASES]


def theme_scores(text: str, year: int | None = None) -> dict[int, float]:
    """Sum of the weights of each theme's phrases found in the text; with `year`, the phrases
    that year adds (text/vocab/themes.toml) count too."""
    f = fold(text)
    scores: dict[int, float] = {}
    extra = YEAR_PHRASES.get(year, {}) if year is not None else {}
    for theme in sorted(_THEME_PHRASES.keys() | extra.keys()):
        s = 0.0
        for phrase, weight in _THEME_PHRASES.get(theme, []) + extra.get(theme, []):
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


def classify_kind(heading: str) -> PartKind | None:
    """Part kind named by a heading ('II. NỘI DUNG' → 'content'), or None."""
    f = fold(heading)
    f = _HEADING_NUMBER.sub("", f)
    f = _NOT_PLAIN.sub("", f)  # OCR debris inside words ("THU'C")
    for phrase, kind in _KIND_PHRASES:  # what a heading opens with names its part first
        if f.startswith(phrase):
            return kind
    for phrase, kind in _KIND_PHRASES:
        if phrase in f and len(f) < 80 and kind != PartKind.CONTENT:
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
