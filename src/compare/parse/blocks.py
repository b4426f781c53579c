"""Clean lines → logical blocks: hard-wrapped PDF lines re-joined into paragraphs, items and
headings split by a page break put back together, each block keeping its source lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compare.parse.lines import Line
from compare.parse.markers import (
    NUMBERED,
    Marker,
    bare_part,
    find_marker,
    is_caps,
    starts_lower,
    terminated,
)
from compare.text.lexicon import SIGNER_TITLES
from compare.text.vietnamese import loose_pattern
from compare.text.vocabulary import RECIPIENTS_LABEL, kind_pattern


@dataclass
class Block:
    lines: list[Line]
    marker: Marker = Marker.NONE
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


def right_margin(lines: list[Line]) -> int:
    """The length that the longer text lines reach (their 90th percentile)."""
    lengths = sorted(len(line.text) for line in lines if line.kind == "text")
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 10**6


def full_width(lines: list[Line], margin: int | None = None) -> int:
    """Length from which a line counts as filled to the right margin (a hard wrap)."""
    margin = right_margin(lines) if margin is None else margin
    return 10**6 if margin == 10**6 else max(int(0.8 * margin), 30)


def _any_of(*phrases: str) -> str:
    return "(?:" + "|".join(loose_pattern(p) for p in phrases) + ")"


_HARD_START = re.compile(
    rf"^(?:(?i:{loose_pattern(RECIPIENTS_LABEL)}|{loose_pattern('tren day la')}|(?:kt\.?|tm\.?|tl\.?)\s+\S"
    rf"|(?:{loose_pattern('pho')}\s+)?(?:{'|'.join(loose_pattern(f) for f, _ in SIGNER_TITLES)})$)"
    r"|Căn cứ\b|CĂN CỨ\b)"  # a preamble's "Căn cứ ..." always opens a paragraph
)


_RECIPIENTS = re.compile(rf"^(?i:{loose_pattern(RECIPIENTS_LABEL)})")


_PREAMBLE_START = re.compile(rf"^Thực hiện {kind_pattern()}\s+(?:số\b|\d)")


# a line that ends on the label of a timeframe: the timeframe on the next line is its value
_TIME_LABEL_END = re.compile(r"(?i:thời gian|thời hạn)(?:\s+(?:thực hiện|hoàn thành|triển khai))?\s*:\s*$")


# The most characters a line of a page holds (an A4 page in a small font): text whose longer
# lines run past it was not wrapped to a page
_PAGE_WIDTH = 150


def _continues(
    prev: Line, cur: Line, width: int, block: list[Line], marker_style: bool, wrapped: bool, margin: int
) -> bool:
    """Does `cur` continue the block made of `block` lines (the last one `prev`)? `width`: the
    length from which a line counts as full; `margin`: the length the longer lines reach."""
    if _opens_a_block(prev, cur):
        return False
    p, c = prev.text, cur.text
    if len(block) == 1 and bare_part(p):
        return is_caps(c) or not find_marker(c)[0]  # its title, whatever its case
    page_wrapped = wrapped or margin <= _PAGE_WIDTH
    kind, _, _ = find_marker(c)
    if kind == Marker.QUARTER and (
        (c.endswith(".") and (p.rstrip().endswith((";", ",")) or not terminated(p)))
        or _TIME_LABEL_END.search(p) is not None
    ):
        return True  # "...; Quý III/2025." or "Thời gian:" / "Quý II/2024": a sentence that ends on its timeframe
    if kind in (Marker.QUARTER, Marker.MONTH, Marker.ROMAN) or bare_part(c):
        return False  # a line-initial "II. ", "Phần I" or "Quý 3" is never the middle of a sentence
    if (is_caps(c) != is_caps(p) or prev.emphasis != cur.emphasis) and not starts_lower(c):
        return False
    if kind:
        return _marker_continues(kind, p, c, block, len(p) >= width)
    if starts_lower(c):
        return True
    if terminated(p):
        return _continues_after_stop(p, len(p) >= width, marker_style and page_wrapped)
    if (
        len(block) == 1
        and page_wrapped
        and len(p) + 2 + len(c.split(" ", 1)[0]) <= 0.9 * margin
        and find_marker(p)[0] in NUMBERED
    ):
        # a numbered line that the next word would have fitted on, with room to spare (a tenth
        # of the line, for a page's proportional type): a heading, its paragraph below
        return False
    if wrapped:
        return _continues_wrapped(p, c, block, width, margin)
    short = len(p) < min(0.6 * width, 90)
    if not short and len(p) < width and len(block) == 1 and find_marker(p)[0] in NUMBERED:
        return False  # a numbered heading short of the margin ("2. Cải cách hành chính, ..."), its paragraph below
    return not short


def _opens_a_block(prev: Line, cur: Line) -> bool:
    """Lines that always start a block: a table row or a note (or one just before), a hard
    start ("Nơi nhận", "KT. GIÁM ĐỐC", "Căn cứ ..."), the preamble's "Thực hiện Kế hoạch số ..."."""
    if cur.kind in ("table", "note") or prev.kind in ("table", "note"):
        return True
    return _HARD_START.match(cur.text) is not None or _PREAMBLE_START.match(cur.text) is not None


def _marker_continues(kind: str, p: str, c: str, block: list[Line], prev_full: bool) -> bool:
    """A line that opens with a marker continues the block only where the wrap put a word that
    looks like one first."""
    # A numbered heading set on one full line is still followed by its own items.
    if (
        kind in (Marker.DASH, Marker.PLUS, Marker.LETTER, Marker.PAREN)
        and find_marker(block[0].text)[0] in (Marker.ROMAN, Marker.ARABIC, Marker.DECIMAL)
        and sum(len(ln.text) for ln in block) < 300
    ):
        return False
    # A marker at the start of a line that follows a filled, unterminated line may be a word
    # that the wrap happened to put first ("... Tổ chức\n- Cán bộ Sở", "kinh tế\n- xã hội"): a
    # hyphen inside a name or a lower-case compound, not a new item.
    if not (prev_full and not terminated(p)) or (p[:1] == "(" and p.rstrip().endswith(")")):
        return False  # (a whole line in brackets, "(Kèm theo Kế hoạch số ...)", is finished too)
    if kind != Marker.DASH:
        return True
    after = c[1:].strip()
    if not after or not after[0].isupper():
        return True
    # "... trung tâm Giáo dục nghề nghiệp" / "- Giáo dục thường xuyên": a name on each side
    return any(w[:1].isupper() for w in p.split()[-4:])


def _continues_after_stop(p: str, prev_full: bool, hard_wrapped_items: bool) -> bool:
    """After a line that ends a sentence or a clause."""
    if p.rstrip().endswith(":") and prev_full:
        return True  # "..., cụ thể:" flush right, the list runs on in the same item
    # In running paragraphs, a full line that ends in ';' or ',' ends a clause, not a
    # paragraph (the paragraph's own last line is rarely full).
    if prev_full and p.rstrip().endswith((";", ",")):
        return True
    # Where items start with markers, a sentence that ends on a full line and a capitalised
    # word on the next are still one item. (Only where lines may be hard-wrapped: where every
    # paragraph is a line of its own, as in a copy of a web page or a word processor's text,
    # the longer lines run far past any page's width, and a long line is a paragraph, not a
    # full line.)
    return hard_wrapped_items and prev_full and not p.rstrip().endswith(":")


def _continues_wrapped(p: str, c: str, block: list[Line], width: int, margin: int) -> bool:
    """In hard-wrapped text only the last line of a paragraph falls short of the margin, or one
    whose next word ("59/2023/NĐ-CP") would not have fitted on it."""
    if len(p) >= width or len(p) + 1 + len(c.split(" ", 1)[0]) > margin:
        return True
    # An unfinished sentence cut short inside a long wrapped item is a break the source itself
    # had (a page end, a stray return), not the item's end.
    return sum(len(ln.text) >= width for ln in block) >= 2 and find_marker(block[0].text)[0] != Marker.ROMAN


def _split_bullet_rejoin(blocks: list[Block]) -> list[Block]:
    """Rejoin an item that a page break cut inside a hyphenated name ("Phòng Tổ chức" /
    "- Cán bộ Sở ..."), judged against how the document ends its other items."""
    dash = [b for b in blocks if b.marker == Marker.DASH]
    if len(dash) < 4:
        return blocks
    share_terminated = sum(terminated(b.text) for b in dash) / len(dash)
    if share_terminated < 0.75:
        return blocks
    out: list[Block] = []
    for b in blocks:
        if out and b.marker == Marker.DASH and out[-1].marker == Marker.DASH:
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
    body = text_lines[: next((i for i, ln in enumerate(text_lines) if _RECIPIENTS.match(ln.text)), len(text_lines))]
    after_term = [
        kind
        for p, c in zip(body, body[1:])
        if terminated(p.text)
        and not _HARD_START.match(c.text)
        and not bare_part(c.text)
        and (kind := find_marker(c.text)[0]) != Marker.ROMAN
    ]
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
        parted = (
            blanks_part
            and blank_before.get(line.no, False)
            and prev is not None
            and not starts_lower(line.text)
            and not (len(prev.text) >= width and not terminated(prev.text))
        )
        if (
            prev is not None
            and blocks
            and not parted
            and _continues(prev, line, width, blocks[-1].lines, marker_style, wrapped, margin)
        ):
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
        if (
            out
            and b.marker in (Marker.DASH, Marker.PLUS, "")
            and not b.is_table
            and _ATTRIBUTE.match(b.body)
            and out[-1].marker in (*NUMBERED, Marker.DASH, Marker.PLUS)
            and not out[-1].is_table
            and not is_caps(out[-1].body)
        ):
            out[-1].extend(b.lines, b.extra_lines)
            out[-1].body = f"{out[-1].body} {b.text}"
            continue
        out.append(b)
    return out
