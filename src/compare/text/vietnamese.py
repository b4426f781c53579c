"""Vietnamese text primitives: Unicode normal form, tone placement, folding, syllables, case.

Everything downstream compares text, so every comparison goes through :func:`normalize`
(what users see) or :func:`fold` (what machines match on).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

# Combining tone marks (grave, acute, tilde, hook above, dot below).
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Combining vowel modifiers (circumflex, breve, horn).
MODIFIERS = {"\u0302", "\u0306", "\u031b"}

VOWELS = set("aeiouyăâêôơư")

# Longest first so that "ngh" wins over "ng" and "n".
INITIALS = sorted(
    "ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x".split(),
    key=len,
    reverse=True,
)
FINALS = ["ng", "nh", "ch", "c", "m", "n", "p", "t", "i", "y", "o", "u"]

# Vowel nuclei that may carry the tone on their first letter in the "old" convention used by
# government documents (hòa, khỏe, thủy), when no final consonant follows.
_OLD_STYLE_NUCLEI = {"oa", "oe", "uy"}

_VALID_NUCLEI = {
    "a",
    "ă",
    "â",
    "e",
    "ê",
    "i",
    "o",
    "ô",
    "ơ",
    "u",
    "ư",
    "y",
    "ai",
    "ao",
    "au",
    "ay",
    "âu",
    "ây",
    "eo",
    "êu",
    "ia",
    "iê",
    "iu",
    "oa",
    "oă",
    "oe",
    "oi",
    "ôi",
    "ơi",
    "oo",
    "ua",
    "uâ",
    "uê",
    "ui",
    "uô",
    "uơ",
    "uy",
    "ưa",
    "ưi",
    "ươ",
    "ưu",
    "yê",
    "oai",
    "oay",
    "oeo",
    "uây",
    "uôi",
    "ươi",
    "ươu",
    "uya",
    "uyê",
    "uyu",
    "yêu",
    "iêu",
    "ueo",
}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=4096)
def _split_tone(ch: str) -> tuple[str, str | None]:
    """Split one letter into (letter without tone, tone mark or None)."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = None
    kept = []
    for c in decomposed:
        if c in TONE_MARKS:
            tone = c
        else:
            kept.append(c)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _parse_syllable(word: str) -> tuple[str, str, str] | None:
    """Split a lower-case, tone-less syllable into (initial, nucleus, final), or None."""
    initial = ""
    for cand in INITIALS:
        if word.startswith(cand):
            initial = cand
            break
    rest = word[len(initial) :]
    # "gi" and "qu" act as initials only when a vowel follows.
    if initial in ("gi", "qu") and (not rest or rest[0] not in VOWELS):
        if initial == "gi":
            initial, rest = "g", word[1:]
        else:
            return None
    final = ""
    for cand in FINALS:
        if rest.endswith(cand) and len(rest) > len(cand):
            nucleus = rest[: -len(cand)]
            if nucleus and all(c in VOWELS for c in nucleus):
                final = cand
                break
    nucleus = rest[: len(rest) - len(final)] if final else rest
    if not nucleus or not all(c in VOWELS for c in nucleus):
        return None
    return initial, nucleus, final


@lru_cache(maxsize=65536)
def place_tone_old_style(word: str) -> str:
    """Move the tone of "oa", "oe", "uy" syllables onto the first vowel (hoà → hòa, thuỷ → thủy).

    Any other word is returned unchanged, so the function is safe on arbitrary tokens.
    """
    if len(word) < 2 or len(word) > 7:
        return word
    letters = []
    tone = ""  # the one tone mark of the word, when tone_count is 1
    tone_count = 0
    for ch in word:
        base, t = _split_tone(ch)
        letters.append(base)
        if t:
            tone, tone_count = t, tone_count + 1
    if tone_count != 1:
        return word
    plain = "".join(letters)
    lower = plain.lower()
    parts = _parse_syllable(lower)
    if not parts:
        return word
    initial = parts[0]
    # the whole vowel cluster, semivowel endings included ("uy" of "thủy" is not u + final y)
    if lower[len(initial) :] not in _OLD_STYLE_NUCLEI:
        return word
    target = len(initial)  # first vowel of the nucleus
    out = []
    for i, ch in enumerate(letters):
        if i == target:
            ch = unicodedata.normalize("NFC", ch + tone)
        out.append(ch)
    return "".join(out)


_PUNCT = "\"'“”‘’()[]{}.,;:!?…*_-–—/\\|<>«»"


# A tone on the second vowel of "oa", "oe", "uy" (the new convention): the only words that
# normalize_tones changes, so the rest of the text is never looked at. The scan looks for the
# toned vowel (a character set the regex engine jumps between) not followed by an ASCII letter
# ("hoàn", "toàn" are not the end of the word; other letters are checked in code); the vowel
# before it is checked in code too.
_TONED_AE = "àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ"  # after "o": "oà", "oé"
_TONED_Y = "ỳýỷỹỵỲÝỶỸỴ"  # after "u": "uý"
_NEW_STYLE_HINT = re.compile(rf"[{_TONED_AE}{_TONED_Y}](?![a-zA-Z])")


def normalize_tones(text: str) -> str:
    """One tone-placement convention for the whole text (the old one, as in 'Ủy ban', 'hòa')."""
    out: list[str] = []
    last = 0
    for m in _NEW_STYLE_HINT.finditer(text):
        vowel = m.start()
        if not vowel:
            continue
        before = text[vowel - 1]
        if not ((before in "oO" and text[vowel] in _TONED_AE) or (before in "uU" and text[vowel] in _TONED_Y)):
            continue
        end = vowel + 1
        if end < len(text) and text[end].isalpha():
            continue  # "hoàng": the vowel pair is not the end of the word
        start = vowel - 1
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        if start < last:
            continue
        word = text[start:end]
        fixed = place_tone_old_style(word)
        if fixed != word:
            out.append(text[last:start])
            out.append(fixed)
            last = end
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def normalize(text: str) -> str:
    """NFC plus one tone convention: the form every stored text takes."""
    composed = nfc(text)
    toned = normalize_tones(composed)
    # a mark left after a moved tone ("hoà" + U+0301) composes with the new letter before it
    return toned if toned is composed else nfc(toned)


def _build_same_length_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x80, 0x2000):
        ch = chr(cp)
        if unicodedata.category(ch) == "Mn":
            continue  # a combining mark on its own stays, so that offsets keep matching
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii():
            table[cp] = base
    table[ord("đ")], table[ord("Đ")] = "d", "D"
    return table


# str.translate table: a letter → its base letter, one character for one.
_SAME_LENGTH = _build_same_length_table()


def fold_same_length(text: str) -> str:
    """Accent-fold and lower-case letter by letter: offsets in the result match the input."""
    return text.translate(_SAME_LENGTH).lower()


_COMBINING = re.compile(r"[\u0300-\u036f]+")


# Vietnamese's own combining marks as UTF-8 bytes (tones, then circumflex, breve, horn)
_MARK_BYTES = [chr(c).encode() for c in (0x300, 0x301, 0x303, 0x309, 0x323, 0x302, 0x306, 0x31B)]


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Accent-folded, lower-case, single-spaced: the key machines compare on."""
    plain = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", plain)
    ascii_only = decomposed.encode("ascii", "ignore")
    if len(ascii_only) == len(plain):
        # Each character was ASCII or an ASCII letter under marks (most texts): the marks are all
        # that was dropped (no character decomposes into two ASCII ones, nor into an ASCII letter
        # and anything but marks of U+0300-036F)
        return " ".join(ascii_only.decode("ascii").lower().split())
    data = decomposed.encode("utf-8", "surrogatepass")
    for mark in _MARK_BYTES:  # bytes.replace is far faster than a regex substitution
        data = data.replace(mark, b"")
    plain = data.decode("utf-8", "surrogatepass")
    if b"\xcc" in data or b"\xcd" in data:  # another mark of U+0300-036F (lead bytes CC, CD) is left
        plain = _COMBINING.sub("", plain)
    return " ".join(plain.lower().split())


@lru_cache(maxsize=65536)
def is_valid_syllable(token: str) -> bool:
    """True for a well-formed Vietnamese syllable (any case, at most one tone mark)."""
    if not token or len(token) > 7:
        return False
    letters = []
    tones = 0
    for ch in token.lower():
        base, t = _split_tone(ch)
        if len(base) != 1 or not base.isalpha():
            return False
        letters.append(base)
        tones += t is not None
    if tones > 1:
        return False
    parts = _parse_syllable("".join(letters))
    if not parts:
        return False
    return parts[1] in _VALID_NUCLEI


def syllable_stats(text: str, limit: int = 2000) -> tuple[int, int, int]:
    """(alphabetic tokens, valid syllables, tokens with Vietnamese diacritics), counted on an
    even sample of at most `limit` tokens: enough to judge a text's state, cheap on long ones."""
    if len(text) > 4 * limit:  # judge long texts on evenly spread slices
        step = len(text) // 4
        text = " ".join(text[k * step : k * step + limit] for k in range(4))
    raw = text.split()
    if len(raw) > limit:
        raw = raw[:: len(raw) // limit + 1]
    # a plan repeats its words: judge each distinct one once
    tokens = valid = marked = 0
    for token, n in Counter(raw).items():
        alphabetic, is_valid, is_marked = _judge_token(token)
        if alphabetic:
            tokens += n
            valid += n * is_valid
            marked += n * is_marked
    return tokens, valid, marked


@lru_cache(maxsize=65536)
def _judge_token(token: str) -> tuple[bool, bool, bool]:
    """(alphabetic once stripped of punctuation, a valid syllable, written with diacritics)."""
    token = token.strip(_PUNCT)
    if not token.isalpha():
        return False, False, False
    return True, is_valid_syllable(token), not token.isascii()


# --- case -----------------------------------------------------------------------------------

_ADMIN_WORDS = ["thành phố", "tỉnh", "phường", "xã", "huyện", "quận", "thị xã", "thị trấn"]
_ACRONYMS = {"UBND", "HĐND", "TP", "TW", "TU", "MTTQ", "GDĐT", "GD&ĐT", "CMNV", "THPT"}


def restore_case(name: str) -> str:
    """Turn an all-capitals organisation name from a header into how a person writes it.

    'SỞ GIÁO DỤC VÀ ĐÀO TẠO' → 'Sở Giáo dục và Đào tạo'; 'UBND TỈNH BÌNH PHƯỚC' → 'UBND tỉnh
    Bình Phước'; 'ỦY BAN NHÂN DÂN PHƯỜNG ĐÔNG HẢI' → 'Ủy ban nhân dân phường Đông Hải'.
    Names already in mixed case are returned as they are.
    """
    name = " ".join(name.split())
    letters = [c for c in name if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return name
    words = name.split()
    out: list[str] = []
    i = 0
    place_mode = False
    while i < len(words):
        w = words[i]
        lw = w.lower()
        two = " ".join(x.lower() for x in words[i : i + 2])
        if w.upper() in _ACRONYMS:
            out.append(w.upper())
            i += 1
            continue
        if two in _ADMIN_WORDS:
            out.extend(two.split())
            i += 2
            place_mode = True
            continue
        if lw in _ADMIN_WORDS:
            out.append(lw)
            i += 1
            place_mode = True
            continue
        if place_mode or not out:
            out.append(w[:1].upper() + w[1:].lower())
        elif lw == "và":
            out.append(lw)
            # The first syllable after "và" starts a new conjunct: capitalised.
            if i + 1 < len(words):
                nxt = words[i + 1]
                out.append(nxt[:1].upper() + nxt[1:].lower())
                i += 2
                continue
        elif out[-1] in ("Sở", "Ban", "Phòng", "Trường", "Bộ", "Cục"):
            out.append(w[:1].upper() + w[1:].lower())
        else:
            out.append(lw)
        i += 1
    return " ".join(out)


def _marked_vowels() -> dict[str, str]:
    """Each plain vowel → every letter written on it ("a" → "àáảãạăằ…"), in one pass."""
    found: dict[str, set[str]] = {base: set() for base in "aeiouyAEIOUY"}
    for c in map(chr, range(0x80, 0x1F00)):
        base = unicodedata.normalize("NFD", c)[0]
        if base in found:
            found[base].add(c)
    return {base: "".join(sorted(letters)) for base, letters in found.items()}


_VOWELS = _marked_vowels()


def loose_pattern(phrase: str) -> str:
    """A regex for a plain phrase that also matches it with any marks, right or wrong or lost:
    what a scan makes of 'Nơi nhận' ('Noi nhan', 'Nói nhân')."""
    out = []
    for c in phrase:
        if c in _VOWELS:
            out.append(f"[{c}{_VOWELS[c]}]")
        elif c in "dD":
            out.append("[dđp]" if c == "d" else "[DĐP]")  # OCR reads "Đ" as "P"
        elif c == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(c))
    return "".join(out)
