"""The narrow columns of a row read out of its debris: lead unit, partners, timeframe (fuzzily,
in accent-folded space, against general vocabulary)."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from compare.parse.flat_tables.tokens import (
    DATE,
    JUNK_CHARS,
    PUNCT,
    ROMAN_SLASH_YEAR,
    ROMAN_YEAR,
    TIME_WORDS,
    UNIT_WORDS,
    YEAR,
    SplitLine,
    glued,
    same_word,
    split_line,
    token_class,
    token_key,
)
from compare.text.lexicon import TABLE_LEAD_UNITS, TABLE_PARTNER_UNITS, UNIT_SUFFIXES
from compare.text.numerals import OCR_ROMAN
from compare.text.vietnamese import fold


def _norm_time_token(tok: str) -> str:
    bare = tok.strip(PUNCT + "|")
    m = ROMAN_SLASH_YEAR.match(bare) or ROMAN_YEAR.match(bare)
    if m:
        r = m.group(1).lower().replace("|", "1").replace("l", "1")
        if r == "12" or r == "1":
            roman = "I"
        else:
            roman = OCR_ROMAN.get(r) or OCR_ROMAN.get(r.replace("v1", "v")) or "I"
        return f"{roman}/{m.group(2)}"
    if YEAR.match(bare) or DATE.match(bare):
        return bare
    key = token_key(tok).replace("ii", "a")
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
    if r in OCR_ROMAN:
        return OCR_ROMAN[r] + ("-" if bare.endswith("-") else "")
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
            bare = t.strip(PUNCT)
            norm = (
                _norm_time_token(t)
                if (c != "word" or ROMAN_YEAR.match(bare) or bare.isdigit() or re.fullmatch(r"[IVX1l]{1,4}-?", bare))
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
            w = same_word(stream[j][0], k)
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
            if c == "pipe" or c == "time" or (c == "junk" and len(t.strip(PUNCT)) < 2):
                continue
            key = token_key(t)
            parts = glued(key, UNIT_WORDS | TIME_WORDS) if key not in UNIT_WORDS else None
            for p in parts or (key,):
                if p and p not in TIME_WORDS:
                    out.append((p, n, place))
                    place += 1
    return out


Stream = list[tuple[str, int, int]]


def _read_units(debris: list[list[str]]) -> tuple[str, str, set[str], float]:
    """(lead, partners, words of the units that half matched as well, the lead's score) of a
    row from its debris, against general unit vocabulary."""
    stream = _stream(debris)
    weak: set[str] = set()
    if not stream:
        return "", "", weak, 0.0
    used: set[int] = set()
    lead, got, score = _best_unit(TABLE_LEAD_UNITS, stream, used, True)
    if lead and score > 0:
        weak.update(k for k in _unit_keys(lead) if len(k) > 1)
    lead_out, lead_score = "", score
    if lead and score >= 0.5:
        used.update(got)
        suffix = _suffix_after(stream, got, used)
        lead_out = lead + (" " + suffix if suffix else "")
    if not lead_out:
        lead_out = _lead_by_its_tail(stream, used)
        lead_score = 0.5
    partners: list[str] = []
    for _ in range(3):
        name, got, score = _best_unit(TABLE_PARTNER_UNITS, stream, used, False)
        if not name or score < 1.0:
            break
        used.update(got)
        if score < 1.3:
            weak.update(k for k in _unit_keys(name) if len(k) > 2)
            continue
        suffix = _suffix_after(stream, got, used)
        partners.append(name + (" " + suffix if suffix else ""))
    return lead_out, ", ".join(partners), weak, lead_score if lead_out else 0.0


def _best_unit(candidates: list[str], stream: Stream, used: set[int], lead: bool) -> tuple[str, list[int], float]:
    """The unit of `candidates` whose words the stream holds best: (name, places, score). A
    lead must match on its head word; the lead column's first word may be a speck ("Xgrr]l"
    for "Văn") standing for it."""
    speck = 0 if stream[0][2] == 0 and not stream[0][0].isalpha() and 0 not in used else None
    best: tuple[str, list[int], float] = ("", [], 0.0)
    for name in candidates:
        keys = _unit_keys(name)
        got, credit = _match(keys, stream, used, lead)
        score = credit - 0.5 * (len(keys) - len(got))
        head_missed = not got or same_word(stream[got[0]][0], keys[0]) == 0
        if lead and speck is not None and head_missed:
            rest, rest_credit = _match(keys[1:], stream, used | {speck}, lead)
            alt = 0.5 + rest_credit - 0.5 * (len(keys) - 1 - len(rest))
            if rest and alt > best[2] + 1e-9 and alt > score:
                best = (name, [speck, *rest], alt)
        elif not (lead and head_missed) and got and score > best[2] + 1e-9:
            best = (name, got, score)
    return best


def _lead_by_its_tail(stream: Stream, used: set[int]) -> str:
    """The lead cell's first lines unreadable: its last two words, in order on neighbouring
    lines ("Cán bộ" of "Phòng Tổ chức cán bộ"), still name one unit, if only one."""
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
        _, name, got = tails[0]
        used.update(got)
        return name
    return ""


def read_row(lines: list[SplitLine], width: int, content: str) -> tuple[str, str, str, str]:
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
        content = clean_content(" ".join(s.content for s in current if s.content))
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


def clean_content(text: str) -> str:
    """Drop the specks OCR left in the content column ("‘1;;11?;", "Pflz)éng", a lone "A"),
    keep damaged words the restorer may still read ("s¢", "c4o")."""
    out = []
    for t in text.split():
        bare = t.strip(PUNCT)
        if not any(c.isalnum() for c in bare) and bare not in ("&", "¢", "-"):
            continue
        if any(c in JUNK_CHARS for c in bare) or re.search(r"\w[()]\w", bare):
            continue
        if len(bare) == 1 and bare.isupper() and bare.isalpha():
            continue
        out.append(t)
    return " ".join(out)
