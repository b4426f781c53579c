"""Vietnamese legacy 8-bit encodings that Python has no codec for: TCVN3 (ABC) and VNI.

Windows-1258 is a Python codec (cp1258) and needs no table here. TCVN3 puts each toned
vowel on one byte; VNI writes the base letter in ASCII followed by one byte for its marks.
Both tables are written out from the published charts, one entry per letter.
"""

from __future__ import annotations

import re
import unicodedata

# TCVN3 (TCVN 5712:1993, "VN3"): lower-case toned vowels and the seven base letters.
_TCVN3 = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",
    0xAE: "đ",
    0xB5: "à",
    0xB6: "ả",
    0xB7: "ã",
    0xB8: "á",
    0xB9: "ạ",
    0xBB: "ằ",
    0xBC: "ẳ",
    0xBD: "ẵ",
    0xBE: "ắ",
    0xC6: "ặ",
    0xC7: "ầ",
    0xC8: "ẩ",
    0xC9: "ẫ",
    0xCA: "ấ",
    0xCB: "ậ",
    0xCC: "è",
    0xCE: "ẻ",
    0xCF: "ẽ",
    0xD0: "é",
    0xD1: "ẹ",
    0xD2: "ề",
    0xD3: "ể",
    0xD4: "ễ",
    0xD5: "ế",
    0xD6: "ệ",
    0xD7: "ì",
    0xD8: "ỉ",
    0xDC: "ĩ",
    0xDD: "í",
    0xDE: "ị",
    0xDF: "ò",
    0xE1: "ỏ",
    0xE2: "õ",
    0xE3: "ó",
    0xE4: "ọ",
    0xE5: "ồ",
    0xE6: "ổ",
    0xE7: "ỗ",
    0xE8: "ố",
    0xE9: "ộ",
    0xEA: "ờ",
    0xEB: "ở",
    0xEC: "ỡ",
    0xED: "ớ",
    0xEE: "ợ",
    0xEF: "ù",
    0xF1: "ủ",
    0xF2: "ũ",
    0xF3: "ú",
    0xF4: "ụ",
    0xF5: "ừ",
    0xF6: "ử",
    0xF7: "ữ",
    0xF8: "ứ",
    0xF9: "ự",
    0xFA: "ỳ",
    0xFB: "ỷ",
    0xFC: "ỹ",
    0xFD: "ý",
    0xFE: "ỵ",
}
_TCVN3_REVERSE = {v: k for k, v in _TCVN3.items()}

# VNI-Windows: mark bytes that follow an ASCII base letter (lower-case forms; the upper-case
# bytes are the same letters in upper case).
_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
# circumflex + tone, breve + tone
_VNI_HAT = {None: "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {None: "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
# 'i' with tones has single bytes of its own in VNI.
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}
_VNI_SINGLE = {"ơ": "ô", "ư": "ö", "đ": "ñ", "Ơ": "Ô", "Ư": "Ö", "Đ": "Ñ"}


def _vni_encode_char(ch: str) -> str:
    """One Unicode letter → its VNI character sequence (as Latin-1 code points)."""
    upper = ch.isupper()
    d = unicodedata.normalize("NFD", ch.lower())
    base = d[0]
    marks = d[1:]
    tone = next((m for m in marks if m in _VNI_TONE), None)
    hat = "\u0302" in marks
    breve = "\u0306" in marks
    horn = "\u031b" in marks
    if base == "đ" or ch.lower() == "đ":
        out = "ñ"
    elif horn:
        out = ("ô" if base == "o" else "ö") + (_VNI_TONE[tone] if tone else "")
    elif hat:
        out = base + _VNI_HAT[tone]
    elif breve:
        out = base + _VNI_BREVE[tone]
    elif base == "i" and tone:
        out = _VNI_I[tone]
    else:
        out = base + (_VNI_TONE[tone] if tone else "")
    return out.upper() if upper else out


def encode_vni(text: str) -> bytes:
    """Unicode → VNI bytes (used by tests to make legacy files; raises on other scripts)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.append(ch)
        else:
            out.append(_vni_encode_char(ch))
    # VNI fonts sit on the Windows-1252 code page: quotes and dashes are its bytes
    return "".join(out).encode("cp1252", errors="replace")


def _build_vni_decoder() -> dict[str, str]:
    table: dict[str, str] = {}
    letters = "aăâeêioôơuưyđ"
    for base_letter in letters:
        for tone in [None] if base_letter == "đ" else [None, *_VNI_TONE]:
            ch = unicodedata.normalize("NFC", base_letter + (tone or ""))
            for c in (ch, ch.upper()):
                table[_vni_encode_char(c)] = c
    return table


_VNI_DECODE = _build_vni_decoder()
_VNI_MAX = max(len(k) for k in _VNI_DECODE)


def _cp1252(data: bytes) -> str:
    """Windows-1252, with its five undefined bytes read as Latin-1."""
    return (
        "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)
        if any(b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) for b in data)
        else data.decode("cp1252")
    )


def decode_vni(data: bytes) -> str:
    s = _cp1252(data)
    out = []
    i = 0
    while i < len(s):
        for n in range(_VNI_MAX, 0, -1):
            piece = s[i : i + n]
            if n > 1 and piece in _VNI_DECODE:
                out.append(_VNI_DECODE[piece])
                i += n
                break
            if n == 1:
                out.append(_VNI_DECODE.get(piece, piece) if not piece.isascii() else piece)
                i += 1
    return "".join(out)


def encode_tcvn3(text: str) -> bytes:
    """Unicode → TCVN3 bytes. Upper-case toned vowels have no TCVN3 byte (they lived in a
    separate capitals font) and are written in lower case, as such files do."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.extend(ch.encode("ascii"))
        elif ch in _TCVN3_REVERSE:
            out.append(_TCVN3_REVERSE[ch])
        elif ch.lower() in _TCVN3_REVERSE:
            out.append(_TCVN3_REVERSE[ch.lower()])
        else:
            try:
                out.extend(ch.encode("cp1252"))
            except UnicodeEncodeError:
                out.extend(unicodedata.normalize("NFD", ch)[0].encode("ascii", "replace"))
    return bytes(out)


def decode_tcvn3(data: bytes) -> str:
    text = "".join(_TCVN3.get(b) or _cp1252(bytes([b])) if b >= 0x80 else chr(b) for b in data)
    return restore_capitals(text)


_WORD = re.compile(r"[^\W\d_]+")


def _capitals_word(m: re.Match[str]) -> str:
    w = m.group()
    # "HOạCH", "MụC": capitals with a toned vowel in lower case, the capitals font's gap
    if sum(c.isupper() for c in w) >= 2 and not any(c.islower() and c.isascii() for c in w):
        return w.upper()
    return w


def _vietnamese_capitals(w: str) -> bool:
    # "GIÁO", "HOẠCH": capitals with a mark other than Đ's (acronyms such as "GDĐT" have none)
    return len(w) >= 2 and w.isupper() and any(not c.isascii() and c != "Đ" for c in w)


def _capitals_beside_capitals(line: str) -> str:
    """'Kế HOẠCH', 'Sở GIÁO DỤC Và ĐÀO TẠO': a capitalised word whose other letters are toned
    vowels, beside a word of Vietnamese capitals, is in capitals too."""
    words = list(_WORD.finditer(line))
    fixes = []
    for i, m in enumerate(words):
        w = m.group()
        if (
            w[0].isupper()
            and len(w) > 1
            and all(c.islower() and not c.isascii() for c in w[1:])
            and any(_vietnamese_capitals(n.group()) for n in words[max(i - 1, 0) : i + 2] if n is not m)
        ):
            fixes.append(m)
    for m in reversed(fixes):
        line = line[: m.start()] + m.group().upper() + line[m.end() :]
    return line


def restore_capitals(text: str) -> str:
    """Put back the toned capitals that TCVN3 cannot write ('Kế HOạCH' → 'KẾ HOẠCH'): a word of
    capitals with lower-case toned vowels, and a line whose plain letters are all capitals
    ('Sở Y Tế' → 'SỞ Y TẾ'). Running text always has lower-case plain letters, so it stays."""
    out = []
    for line in text.split("\n"):
        if any(c.islower() and not c.isascii() for c in line):
            # (codes such as "215/KH-SYT" are capitals in any line)
            plain = [
                c
                for tok in line.split()
                if not any(ch.isdigit() or ch == "/" for ch in tok)
                for c in tok
                if c.isascii() and c.isalpha()
            ]
            if sum(c.isupper() for c in plain) >= 3 and not any(c.islower() for c in plain):
                line = line.upper()
            else:
                line = _capitals_beside_capitals(_WORD.sub(_capitals_word, line))
        out.append(line)
    return "\n".join(out)


def encode_cp1258(text: str) -> bytes:
    """Unicode → Windows-1258: base letters with hats and horns precomposed, tones as
    combining marks (the form Windows wrote)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
        rest = unicodedata.normalize("NFC", "".join(c for c in d if c not in tone))
        out.append(rest.encode("cp1258", "replace") + tone.encode("cp1258", "replace"))
    return b"".join(out)
