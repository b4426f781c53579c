"""Clean lines → logical blocks: hard-wrapped PDF lines re-joined into paragraphs, items and
headings split by a page break put back together, each block keeping its source lines."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .lines import Line

ROMAN = "I II III IV V VI VII VIII IX X XI XII".split()
PART_LETTERS = frozenset("ABCDĐEFGH")
NUMBERED = ("arabic", "decimal", "letter", "paren")  # the markers of numbered and lettered items  # "A. MỤC ĐÍCH, YÊU CẦU", "B. NHIỆM VỤ": parts above "I."

_NUMERAL = "XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I"  # longest first
_ROMAN_VALUES = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def list_number(n: int, style: str) -> str:
    """Item `n` of a list numbered in `style` (Word's names: decimal, lowerLetter, upperLetter,
    lowerRoman, upperRoman), as it is written before the item: the readers of .docx and HTML
    write out the numbers that the word processor or the browser draws itself."""
    if style in ("lowerLetter", "upperLetter") and 1 <= n <= 26:
        letter = "abcdefghijklmnopqrstuvwxyz"[n - 1]
        return letter if style == "lowerLetter" else letter.upper()
    if style in ("lowerRoman", "upperRoman") and n >= 1:
        out = ""
        for value, numeral in _ROMAN_VALUES:
            while n >= value:
                out, n = out + numeral, n - value
        return out.lower() if style == "lowerRoman" else out
    return str(n)
_PART_WORD = "PHẦN|Phần|CHƯƠNG|Chương"
# "PHẦN THỨ NHẤT", "Phần thứ hai": parts numbered in words, labelled with their roman numeral
_ORDINAL_ROMAN = {"nhất": "I", "hai": "II", "ba": "III", "tư": "IV", "bốn": "IV", "năm": "V", "sáu": "VI",
                  "bảy": "VII", "tám": "VIII", "chín": "IX", "mười": "X"}
_ORDINAL = rf"(?i:thứ\s+(?:{'|'.join(_ORDINAL_ROMAN)}))"

_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    # ("III/2025." at a line's start is the end of "Quý III/2025", not part III)
    ("roman", re.compile(rf"^(?:PHẦN\s+|Phần\s+)?({_NUMERAL})\s*(?:[.:)–-]|/(?!\s*\d))\s*(?=\S)")),
    # "Phần II NHIỆM VỤ", "Chương 1: ...": a named part needs no stop after its number
    ("roman", re.compile(rf"^(?:{_PART_WORD})\s+({_NUMERAL}|\d{{1,2}}|{_ORDINAL})(?!\w)\s*[.:/)–-]?\s*(?=\S)")),
    # "A. MỤC ĐÍCH, YÊU CẦU": parts lettered in capitals, above the roman ones (the title must be
    # in capitals too, checked in find_marker; I, V and X are numerals)
    ("roman", re.compile(r"^([A-HĐ])\s*(?:[.)]|/(?!\s*\d))\s*(?=\S)")),
    ("decimal", re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})[./]?\)?\s+(?=\S)")),
    # "(1) Tuyên truyền ...", "(a) Tổ chức ...": numbers and letters in brackets (the numbers a
    # level of their own, below "1." or "1/")
    ("paren", re.compile(r"^\((\d{1,2})\)\s*(?=[^\W\d_])")),
    ("letter", re.compile(r"^\(([a-zđ])\)\s+(?=\S)")),
    # "1/ Công tác tuyên truyền" (the slash of the South's documents), not "15/KH-UBND" or
    # "10/12/2025" that a wrap put first on a line
    ("arabic", re.compile(r"^(\d{1,2})\s*/(?!\s*\d)(?!\s*[A-ZĐ][A-ZĐa-zđ&]*\s*[-/])\s*(?=[^\W\d_])")),
    # (a number after it is no item's start, but for a target's "2. 100% công chức" or "1. 01 mô hình")
    ("arabic", re.compile(r"^(\d{1,2})\s*[.)]\s*(?=[^\d\s/.]|\d{1,3}(?:[.,]\d+)?\s*%|\d{1,3}\s+[^\W\d_]{2})")),
    # "1- Công tác tuyên truyền", not "23-QĐ/TW" that a wrap put first on a line
    ("arabic", re.compile(r"^(\d{1,2})\s*[-–]\s*(?=[^\W\d_])(?![A-ZĐ]{1,8}\s*/)")),
    ("letter", re.compile(r"^([a-zđ])\s*[).]\s+(?=\S)")),
    ("letter", re.compile(r"^([a-zđ])\s*[/-]\s+(?=[^\W\d_])")),  # "a/ Tổ chức", "a- Tổ chức"
    ("dash", re.compile(r"^(-)\s*(?=\S)")),
    ("plus", re.compile(r"^(\+)\s*(?=\S)")),
    # ("Quy 3": a scan that lost the tone)
    ("quarter", re.compile(r"^(Qu[ýy]\s+(?:IV|III|II|I|[1-4]))(?:\s*[/:.-]\s*\d{4})?\s*[:.]?\s*$", re.I)),
    # "Tháng 7" / "Tháng 7/2025:" on a line of its own, over the items of that month (in capitals
    # as a heading: a wrap's "tháng 7/2025." is the end of a sentence)
    # (marks loose: a scan's "Thang 7")
    ("month", re.compile(r"^((?:Th[aáàảãạăắằẳẵặâấầẩẫậ]ng|TH[AÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬ]NG)\s+(?:1[0-2]|0?[1-9]))"
                         r"(?:\s*[/-]\s*(\d{4}))?\s*:?\s*$")),
]

# "Phần I" on a line of its own: the part's title follows on the next line
_BARE_PART = re.compile(rf"^(?:{_PART_WORD})\s+(?:{_NUMERAL}|\d{{1,2}}|{_ORDINAL})\s*[.:]?$")


def _bare_part(text: str) -> bool:
    return text[:1] in "PC" and _BARE_PART.match(text) is not None

# A sentence's end: a stop, then perhaps closing quotes, brackets or a bold mark ("./." too)
_TERMINAL_MARKS = ".;:!?…"
_CLOSING_MARKS = "'\"”’)]*"


@dataclass
class Block:
    lines: list[Line]
    marker: str = ""  # roman | decimal | arabic | paren | letter | dash | plus | quarter | month | ""
    label: str = ""  # "II", "1", "1.1", "a", "Quý 3"
    body: str = ""  # text without its marker
    extra_lines: list[int] = field(default_factory=list)  # page numbers etc. inside the block

    _text: str | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = " ".join(line.text for line in self.lines)
        return self._text

    def extend(self, lines: list[Line], extra: list[int]) -> None:
        self.lines.extend(lines)
        self.extra_lines.extend(extra)
        self._text = None

    @property
    def raw(self) -> str:
        return "\n".join(line.raw for line in self.lines)

    @property
    def line_start(self) -> int:
        return self.lines[0].no

    @property
    def line_end(self) -> int:
        return max([self.lines[-1].no, *self.extra_lines])

    @property
    def emphasis(self) -> bool:
        return all(line.emphasis for line in self.lines)

    @property
    def is_table(self) -> bool:
        return self.lines[0].kind == "table"


# All the markers in one pattern: most lines start with none, and one match says so (the
# patterns one by one are tried only on a line that starts with some marker)
_ANY_MARKER = re.compile("|".join(
    f"(?i:{p.pattern})" if p.flags & re.IGNORECASE else f"(?:{p.pattern})" for _, p in _MARKERS))


@lru_cache(maxsize=8192)
def find_marker(text: str) -> tuple[str, str, str]:
    """(marker kind, label, text after the marker) for the start of a block."""
    if not _ANY_MARKER.match(text):
        return "", "", text
    for kind, pattern in _MARKERS:
        m = pattern.match(text)
        if not m:
            continue
        label = m.group(1)
        if kind == "roman" and label[:3].lower() == "thứ":
            label = _ORDINAL_ROMAN[label.split()[-1].lower()]
        if kind == "roman" and label in PART_LETTERS and not is_caps(text[m.end():]):
            continue
        if kind == "quarter":
            label = " ".join(label.split())
            label = "Quý" + label[3:].lower()
            label = re.sub(r"(?i)quý\s+(iv|iii|ii|i)\b", lambda x: "Quý " + x.group(1).upper(), label)
            return kind, label, text
        if kind == "month":
            return kind, "Tháng " + str(int(label.split()[-1])) + (f"/{m.group(2)}" if m.group(2) else ""), text
        return kind, label, text[m.end():].strip()
    return "", "", text




@lru_cache(maxsize=8192)
def is_caps(text: str) -> bool:
    """Mostly capital letters (a heading in capitals), with at least six letters."""
    text = text[:300]  # headings are short; a long text decides on its start
    # letters <= len(text): this many lower-case letters at the start already decide (most lines)
    if sum(map(str.islower, text[:80])) > 0.15 * len(text):
        return False
    letters = sum(map(str.isalpha, text))
    return letters >= 6 and sum(map(str.islower, text)) <= 0.15 * letters


@lru_cache(maxsize=8192)
def terminated(text: str) -> bool:
    core = text.rstrip().rstrip(_CLOSING_MARKS)  # (looked at from the end: no scan of the line)
    return bool(core) and core[-1] in _TERMINAL_MARKS


@lru_cache(maxsize=8192)
def _starts_lower(text: str) -> bool:
    for c in text:
        if c.isalpha():
            return c.islower()
        if c.isdigit():
            return False
        if c in "\"“'‘(":
            return False
        if c in ",;:)”’.…":
            return True
    return False


def right_margin(lines: list[Line]) -> int:
    """The length that the longer text lines reach (their 90th percentile)."""
    lengths = sorted(len(line.text) for line in lines if line.kind == "text")
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 10**6


def full_width(lines: list[Line], margin: int | None = None) -> int:
    """Length from which a line counts as filled to the right margin (a hard wrap)."""
    margin = right_margin(lines) if margin is None else margin
    return 10**6 if margin == 10**6 else max(int(0.8 * margin), 30)


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


def _any_of(*phrases: str) -> str:
    return "(?:" + "|".join(loose_pattern(p) for p in phrases) + ")"


_HARD_START = re.compile(
    rf"^(?:(?i:{loose_pattern('noi nhan')}|{loose_pattern('tren day la')}|(?:kt\.?|tm\.?|tl\.?)\s+\S"
    rf"|(?:{loose_pattern('pho')}\s+)?(?:{loose_pattern('giam doc')}|{loose_pattern('chu tich')})$)"
    r"|Căn cứ\b|CĂN CỨ\b)"  # a preamble's "Căn cứ ..." always opens a paragraph
)


_RECIPIENTS = re.compile(rf"^(?i:{loose_pattern('noi nhan')})")


_PREAMBLE_START = re.compile(
    r"^Thực hiện (?:Kế hoạch|Quyết định|Chỉ thị|Công văn|Nghị quyết|Chương trình|Hướng dẫn|Thông báo|Kết luận)\s+(?:số\b|\d)"
)


# a line that ends on the label of a timeframe: the timeframe on the next line is its value
_TIME_LABEL_END = re.compile(r"(?i:thời gian|thời hạn)(?:\s+(?:thực hiện|hoàn thành|triển khai))?\s*:\s*$")


# The most characters a line of a page holds (an A4 page in a small font): text whose longer
# lines run past it was not wrapped to a page
_PAGE_WIDTH = 150


def _continues(prev: Line, cur: Line, width: int, block: list[Line], marker_style: bool, wrapped: bool,
               margin: int) -> bool:
    """Does `cur` continue the block made of `block` lines (the last one `prev`)? `width`: the
    length from which a line counts as full; `margin`: the length the longer lines reach."""
    if cur.kind == "table" or prev.kind == "table" or cur.kind == "note" or prev.kind == "note":
        return False
    if _HARD_START.match(cur.text):
        return False
    p, c = prev.text, cur.text
    if _PREAMBLE_START.match(c):
        return False  # "Thực hiện Kế hoạch số ...": the preamble opens, after a title say
    if len(block) == 1 and _bare_part(p):
        return is_caps(c) or not find_marker(c)[0]  # its title, whatever its case
    prev_full = len(p) >= width
    prev_term = terminated(p)
    page_wrapped = wrapped or margin <= _PAGE_WIDTH
    kind, _, _ = find_marker(c)
    if kind == "quarter" and (c.endswith(".") and (p.rstrip().endswith((";", ",")) or not prev_term)
                              or _TIME_LABEL_END.search(p) is not None):
        return True  # "...; Quý III/2025." or "Thời gian:" / "Quý II/2024": a sentence that ends on its timeframe
    if kind in ("quarter", "month", "roman") or _bare_part(c):
        return False  # a line-initial "II. ", "Phần I" or "Quý 3" is never the middle of a sentence
    if is_caps(c) != is_caps(p) and not _starts_lower(c):
        return False
    if prev.emphasis != cur.emphasis and not _starts_lower(c):
        return False
    if kind:
        # A numbered heading set on one full line is still followed by its own items.
        if (kind in ("dash", "plus", "letter", "paren") and find_marker(block[0].text)[0] in ("roman", "arabic", "decimal")
                and sum(len(ln.text) for ln in block) < 300):
            return False
        # A marker at the start of a line that follows a filled, unterminated line may be a
        # word that the wrap happened to put first ("... Tổ chức\n- Cán bộ Sở", "kinh tế\n- xã
        # hội"): a hyphen inside a name or a lower-case compound, not a new item.
        if not (prev_full and not prev_term) or (p[:1] == "(" and p.rstrip().endswith(")")):
            return False  # (a whole line in brackets, "(Kèm theo Kế hoạch số ...)", is finished too)
        if kind != "dash":
            return True
        after = c[1:].strip()
        if not after or not after[0].isupper():
            return True
        # "... trung tâm Giáo dục nghề nghiệp" / "- Giáo dục thường xuyên": a name on each side
        return any(w[:1].isupper() for w in p.split()[-4:])
    if _starts_lower(c):
        return True
    if prev_term:
        if p.rstrip().endswith(":") and prev_full:
            return True  # "..., cụ thể:" flush right, the list runs on in the same item
        # Where items start with markers, a sentence that ends on a full line and a
        # capitalised word on the next are still one item.
        # In running paragraphs, a full line that ends in ';' or ',' ends a clause, not a
        # paragraph (the paragraph's own last line is rarely full).
        if prev_full and p.rstrip().endswith((";", ",")):
            return True
        # (Only where lines may be hard-wrapped: where every paragraph is a line of its own, as in
        # a copy of a web page or a word processor's text, the longer lines run far past any
        # page's width, and a long line is a paragraph, not a full line.)
        return marker_style and prev_full and page_wrapped and not p.rstrip().endswith(":")
    if (len(block) == 1 and page_wrapped and len(p) + 2 + len(c.split(" ", 1)[0]) <= 0.9 * margin
            and find_marker(p)[0] in NUMBERED):
        # a numbered line that the next word would have fitted on, with room to spare (a tenth
        # of the line, for a page's proportional type): a heading, its paragraph below
        return False
    if wrapped:
        # In hard-wrapped text only the last line of a paragraph falls short of the margin,
        # or one whose next word ("59/2023/NĐ-CP") would not have fitted on it.
        first = c.split(" ", 1)[0]
        if prev_full or len(p) + 1 + len(first) > margin:
            return True
        # An unfinished sentence cut short inside a long wrapped item is a break the source
        # itself had (a page end, a stray return), not the item's end.
        return sum(len(ln.text) >= width for ln in block) >= 2 and find_marker(block[0].text)[0] != "roman"
    short = len(p) < min(0.6 * width, 90)
    if not short and not prev_full and len(block) == 1 and find_marker(p)[0] in NUMBERED:
        return False  # a numbered heading short of the margin ("2. Cải cách hành chính, ..."), its paragraph below
    return not short


def _split_bullet_rejoin(blocks: list[Block]) -> list[Block]:
    """Rejoin an item that a page break cut inside a hyphenated name ("Phòng Tổ chức" /
    "- Cán bộ Sở ..."), judged against how the document ends its other items."""
    dash = [b for b in blocks if b.marker == "dash"]
    if len(dash) < 4:
        return blocks
    share_terminated = sum(terminated(b.text) for b in dash) / len(dash)
    if share_terminated < 0.75:
        return blocks
    out: list[Block] = []
    for b in blocks:
        if out and b.marker == "dash" and out[-1].marker == "dash":
            a = out[-1]
            tail = a.text.split()[-3:]
            head = b.body.split()[:1]
            if (
                not terminated(a.text)
                and any(w[:1].isupper() for w in tail[1:])
                and head
                and head[0][:1].isupper()
                and not head[0].isupper()
            ):
                a.extend(b.lines, b.extra_lines)
                a.body = a.body + " - " + b.body
                continue
        out.append(b)
    return out


def _blank_before(lines: list[Line]) -> dict[int, bool]:
    """For each text line after the first: is there a blank line between it and the one before?"""
    out: dict[int, bool] = {}
    blank = seen = False
    for line in lines:
        if line.kind == "blank":
            blank = True
        elif line.kind not in ("page_number", "separator"):
            if seen:
                out[line.no] = blank
            seen, blank = True, False
    return out


def build_blocks(lines: list[Line]) -> tuple[list[Block], list[Line]]:
    """Group text lines into blocks. Returns (blocks, lines that are layout only)."""
    margin = right_margin(lines)
    width = full_width(lines, margin)
    text_lines = [ln for ln in lines if ln.kind == "text"]
    # (a closing's "Nơi nhận:" or "TM. ..." after a sentence says nothing of how items start)
    # (nor does a part's "II." or "Phần II": every plan has those, whatever its items look like;
    # nor the recipients' list, whose "- " items every plan has too)
    body = text_lines[:next((i for i, ln in enumerate(text_lines) if _RECIPIENTS.match(ln.text)), len(text_lines))]
    after_term = [kind for p, c in zip(body, body[1:]) if terminated(p.text) and not _HARD_START.match(c.text)
                  and not _bare_part(c.text) and (kind := find_marker(c.text)[0]) != "roman"]
    marker_style = bool(after_term) and sum(map(bool, after_term)) / len(after_term) >= 0.6
    # Hard-wrapped (PDF) text: many lines stop near the same right margin.
    wrapped = bool(text_lines) and sum(len(ln.text) >= width for ln in text_lines) >= 0.35 * len(text_lines)
    # Where blank lines stand between some lines only, not after nearly every one as in PDF
    # text, a blank line ends a paragraph ("## Title" / "" / "Thực hiện Kế hoạch số ...").
    blank_before = _blank_before(lines)
    blanks_part = bool(blank_before) and sum(blank_before.values()) < 0.6 * len(blank_before)
    blocks: list[Block] = []
    layout: list[Line] = []
    prev: Line | None = None
    pending_layout: list[int] = []
    for line in lines:
        if line.kind in ("blank", "page_number", "separator"):
            if line.kind != "blank":
                layout.append(line)
                pending_layout.append(line.no)
            continue
        parted = (blanks_part and blank_before.get(line.no, False) and prev is not None and not _starts_lower(line.text)
                  and not (len(prev.text) >= width and not terminated(prev.text)))
        if (prev is not None and blocks and not parted
                and _continues(prev, line, width, blocks[-1].lines, marker_style, wrapped, margin)):
            blocks[-1].extend([line], pending_layout)
        else:
            blocks.append(Block([line], extra_lines=list(line.span)))
        pending_layout = []
        prev = line
    for b in blocks:
        b.marker, b.label, b.body = find_marker(b.text)
    return _attach_attributes(_split_bullet_rejoin(blocks)), layout


# "- Đơn vị chủ trì: Phòng Tư pháp.", "Thời gian thực hiện: Quý I/2024": a line that states
# one attribute of the item above it, not an item of its own (marks loose: a scan's "Don vi chu
# tri:" or a restorer's "chủ trị" is the same line)
_ATTRIBUTE = re.compile(
    rf"^(?:{_any_of('don vi', 'co quan', 'bo phan')}\s+)?{_any_of('chu tri', 'phoi hop', 'thuc hien', 'tham muu')}"
    rf"(?:\s+{loose_pattern('thuc hien')})?\s*:"
    rf"|^{_any_of('thoi gian', 'thoi han')}(?:\s+{_any_of('thuc hien', 'hoan thanh', 'trien khai')})?\s*:"
    rf"|^{_any_of('san pham', 'kinh phi', 'ket qua')}(?:\s+\w+)?\s*:",
    re.IGNORECASE,
)


def _attach_attributes(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if (out and b.marker in ("dash", "plus", "") and not b.is_table and _ATTRIBUTE.match(b.body)
                and out[-1].marker in (*NUMBERED, "dash", "plus") and not out[-1].is_table
                and not is_caps(out[-1].body)):
            out[-1].extend(b.lines, b.extra_lines)
            out[-1].body = f"{out[-1].body} {b.text}"
            continue
        out.append(b)
    return out
