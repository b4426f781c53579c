"""Timeframes as written ('Quý I/2026', 'trước ngày 10/12/2025', 'Thường xuyên') and the
dates they stand for, within the period the plan covers."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from compare.text.numerals import QUARTER_NUMBER
from compare.text.patterns import matches_allowed
from compare.text.vietnamese import fold, fold_same_length

# Each pattern starts with a literal word, so that the regex engine can jump from one
# occurrence of it to the next; the word boundary before it (and the "giáo dục" exception) is
# checked in code, which keeps exactly the matches of "\\b" + pattern (see _bounded).
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "deadline",
        re.compile(
            r"(?:truoc|cham nhat|han chot|hoan thanh truoc|den) (?:ngay )?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
        ),
    ),
    (
        "quarters",
        re.compile(r"quy\s+(iv|iii|ii|i|[1-4])\s*(?:-|den)\s*quy\s+(iv|iii|ii|i|[1-4])(?:\s*(?:/|nam)\s*(\d{4}))?"),
    ),
    ("quarter", re.compile(r"quy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|-|nam)\s*(\d{4}))?")),
    ("half", re.compile(r"(?:6|06|sau) thang (dau|cuoi) nam(?: (\d{4}))?")),
    # "tháng 6/2025", or several: "tháng 6 và tháng 12/2025", "tháng 6, 9, 12/2025" (from the
    # first month to the end of the last)
    ("month", re.compile(r"thang (\d{1,2})((?:\s*(?:,|va)\s*(?:thang\s*)?\d{1,2})*)\s*(?:/|nam)\s*(\d{4})")),
    # "Cả năm 2026", "trong năm 2024" (not "trong năm học": a school year), or the whole text
    # "Năm 2026": see resolve
    ("year", re.compile(r"(?:ca nam|trong nam(?= \d{4}\b))(?: (\d{4}))?")),
    # "Giáo dục thường xuyên" is a kind of school, not a timeframe.
    ("ongoing", re.compile(r"thuong xuyen\b")),
]
# the whole text: "Năm 2026", or a table cell's "Trong năm" (the plan's year)
_WHOLE_YEAR = re.compile(r"(?:nam (\d{4})|trong nam)(?=\.?\n?\Z)")
# Words without which a pattern cannot match: plain substring tests spare the regex scans.
_NEEDS = {
    "deadline": ("truoc", "cham nhat", "han chot", "den "),
    "quarters": ("quy ",),
    "quarter": ("quy ",),
    "half": ("thang dau", "thang cuoi", "thang sau"),
    "month": ("thang ",),
    "year": ("ca nam", "trong nam "),
    "ongoing": ("thuong xuyen",),
}
_RECURRING = re.compile(r"(?:thuong xuyen|hang (?:quy|thang|nam|tuan|ngay)|hang nam|dinh ky|moi (?:quy|thang|nam))\b")
_SCHOOL = "giao duc "  # "giáo dục thường xuyên": a school, neither a timeframe nor recurring
_WORD = re.compile(r"\w")


def _after_word(text: str, start: int) -> bool:
    return bool(start and _WORD.match(text, start - 1))


def _after_word_or_school(text: str, start: int) -> bool:
    return _after_word(text, start) or text[max(0, start - 9) : start] == _SCHOOL


def _bounded(pattern: re.Pattern[str], text: str, school: bool = False) -> Iterator[re.Match[str]]:
    """The matches of `pattern` that start a word (and, with `school`, do not follow "giao
    duc "), as finditer would give them for the pattern with "\\b" (and the look-behind) in
    front."""
    return matches_allowed(pattern, text, _after_word_or_school if school else _after_word)


@dataclass(frozen=True)
class Timeframe:
    text: str | None
    start: dt.date | None
    end: dt.date | None
    recurring: bool


def period_bounds(year: int | None, period: str | None) -> tuple[dt.date | None, dt.date | None]:
    if not year:
        return None, None
    if period == "H1":
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    if period == "H2":
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    if period and period.startswith("Q"):
        return quarter_bounds(year, int(period[1]))
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def quarter_bounds(year: int, q: int) -> tuple[dt.date, dt.date]:
    first = 3 * (q - 1) + 1
    last = first + 2
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])


def _date(d: str, m: str, y: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


_ALL_NEEDS = tuple(sorted({w for words in _NEEDS.values() for w in words}))
# one scan says whether any timeframe or recurrence word is there at all (most tasks: none)
_ANY_NEED = re.compile("|".join(re.escape(w) for w in (*_ALL_NEEDS, "hang ", "dinh ky", "moi ")))


def resolve(text: str, year: int | None, period: str | None, fallback: str | None = None) -> Timeframe:
    """Find the first timeframe phrase in `text` (or in `fallback`, e.g. a 'Quý 3' heading)."""
    quick = fold(text)
    if not fallback and not quick.startswith(("nam ", "trong nam")) and not _ANY_NEED.search(quick):
        return Timeframe(None, None, None, False)
    # fold() keeps positions when the text has no combining marks or runs of spaces: then it
    # serves as the same-length fold (the common case, and a costly translate spared)
    folded = quick if len(quick) == len(text) else fold_same_length(text)
    recurring = (
        any(w in folded for w in ("thuong xuyen", "hang ", "dinh ky", "moi "))
        and next(_bounded(_RECURRING, folded, school=True), None) is not None
    )
    p_start, p_end = period_bounds(year, period)
    for source, f in ((text, folded), (fallback or "", fold_same_length(fallback) if fallback else "")):
        found = _phrases(f) if source else []
        if not found:
            continue
        # Deadlines name the end date; when several are given the last one closes the task.
        deadlines = [m for _, k, m in found if k == "deadline"]
        if deadlines:
            ends = [d for d in (_date(*x.groups()) for x in deadlines) if d]
            end = max(ends) if ends else None
            start = p_start if (p_start and end and p_start <= end) else None
            return Timeframe(source[deadlines[0].start() : deadlines[0].end()], start, end, recurring)
        found.sort(key=lambda x: x[0])
        _, kind, m = found[0]
        bounds = _bounds(kind, m, year, (p_start, p_end))
        if bounds is not None:
            written = source[m.start() : m.end()]
            return Timeframe(written[0].upper() + written[1:], *bounds, recurring or kind == "ongoing")
    return Timeframe(None, None, None, recurring)


def _phrases(f: str) -> list[tuple[int, str, re.Match[str]]]:
    """(position, kind, match) of every timeframe phrase in the folded text `f`."""
    found: list[tuple[int, str, re.Match[str]]] = []
    for kind, pattern in _PATTERNS:
        needs = _NEEDS[kind]
        if needs[0] in f or (len(needs) > 1 and any(word in f for word in needs)):
            found.extend((m.start(), kind, m) for m in _bounded(pattern, f, school=kind == "ongoing"))
        if kind == "year" and f.startswith(("nam ", "trong nam")):
            whole = _WHOLE_YEAR.match(f)
            if whole:
                found.append((0, kind, whole))
    return found


Bounds = tuple[dt.date | None, dt.date | None]


def _bounds(kind: str, m: re.Match[str], year: int | None, plan_period: Bounds) -> Bounds | None:
    """The dates a phrase of `kind` spans (None, None where its year is unknown); None for a
    phrase that names no real period ("tháng 13")."""
    if kind == "quarters":
        y = int(m.group(3)) if m.group(3) else year
        if not y:
            return None, None
        return quarter_bounds(y, QUARTER_NUMBER[m.group(1)])[0], quarter_bounds(y, QUARTER_NUMBER[m.group(2)])[1]
    if kind == "quarter":
        y = int(m.group(2)) if m.group(2) else year
        return quarter_bounds(y, QUARTER_NUMBER[m.group(1)]) if y else (None, None)
    if kind == "half":
        return period_bounds(int(m.group(2)) if m.group(2) else year, "H1" if m.group(1) == "dau" else "H2")
    if kind == "month":
        months = [int(m.group(1)), *map(int, re.findall(r"\d{1,2}", m.group(2)))]
        first, last, y = min(months), max(months), int(m.group(3))
        if first >= 1 and last <= 12:
            return dt.date(y, first, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
        return None
    if kind == "year":
        return period_bounds(int(m.group(1) or 0) or year, "year")
    if kind == "ongoing":
        return plan_period
    return None
