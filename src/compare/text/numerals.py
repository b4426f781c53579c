"""Numerals as plans write them: roman part numbers, and the numbers a word processor or a
browser draws before list items.

>>> list_number(4, "upperRoman"), list_number(2, "lowerLetter")
('IV', 'b')
"""

from __future__ import annotations

ROMAN = "I II III IV V VI VII VIII IX X XI XII".split()
ROMAN_NUMERAL = "XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I"  # longest first
_ROMAN_VALUES = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]

# "Phần thứ hai": a part numbered in words, and the roman numeral it stands for
ORDINAL_ROMAN = {
    "nhất": "I",
    "hai": "II",
    "ba": "III",
    "tư": "IV",
    "bốn": "IV",
    "năm": "V",
    "sáu": "VI",
    "bảy": "VII",
    "tám": "VIII",
    "chín": "IX",
    "mười": "X",
}
# a quarter's number as plans write it ("Quý III", "quý 3"), lower-case
QUARTER_NUMBER = {r.lower(): n for n, r in enumerate(ROMAN[:4], start=1)} | {str(n): n for n in range(1, 5)}

# A quarter's roman numeral as OCR reads it ('111' for III, '1v' for IV), and as digits
OCR_ROMAN = {
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


def list_number(n: int, style: str) -> str:
    """Item `n` of a list numbered in `style` (Word's names: decimal, lowerLetter, upperLetter,
    lowerRoman, upperRoman), as it is written before the item: the readers of .docx and HTML
    write out the numbers that the word processor or the browser draws itself."""
    if style in ("lowerLetter", "upperLetter") and 1 <= n <= 26:
        letter = "abcdefghijklmnopqrstuvwxyz"[n - 1]
        return letter if style == "lowerLetter" else letter.upper()
    if style in ("lowerRoman", "upperRoman") and 1 <= n <= 3999:  # a file's start of 10**12 stays a number
        out = ""
        for value, numeral in _ROMAN_VALUES:
            while n >= value:
                out, n = out + numeral, n - value
        return out.lower() if style == "lowerRoman" else out
    return str(n)
