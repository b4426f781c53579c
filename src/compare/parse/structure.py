"""Blocks → the document's anatomy: header, title, preamble, the heading tree (with part kind
and theme), body items, recipients and signature. Heading levels come from numbering
(I → 1 → 1.1 → a), never from markdown '#' counts, which are inconsistent."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from compare.parse.blocks import Block
from compare.parse.markers import (
    NUMBERED,
    PART_LETTERS,
    Marker,
    find_marker,
    is_caps,
    terminated,
    unit_like,
)
from compare.parse.record import Record, named_plan, record_line
from compare.parse.themes import PartKind, classify_kind, classify_theme
from compare.text.lexicon import SIGNER_TITLES, SIGNING_BODIES
from compare.text.numerals import QUARTER_NUMBER
from compare.text.vietnamese import fold, loose_pattern
from compare.text.vocabulary import PLAN_KINDS, RECIPIENTS_LABEL, column_of, kind_pattern

# the kinds of plan (text/vocab/document_kinds.tsv), by their folded name
DOC_TYPES = {fold(k): k for k in PLAN_KINDS}
# (marks loose: a scan's "KE HOẠCH", "CHUƠNG TRINH")
_DOC_TYPE_RE = re.compile(rf"^\s*({'|'.join(loose_pattern(fold(k).upper()) for k in PLAN_KINDS)})\b(.*)$")
_ROLES = [f.upper() for f, _ in SIGNER_TITLES] + [b.upper() for b in SIGNING_BODIES]
_SIGNER_ROLE = re.compile(  # (marks loose: a scan's "PHÓ CHU TICH")
    rf"^(?:(?:KT|TM|TL|TUQ|Q|Q\.?\s*{loose_pattern('GIAM DOC')})\.?\s+)?(?:{loose_pattern('PHO')}\s+)?"
    rf"(?:{'|'.join(loose_pattern(r) for r in _ROLES)})\b",
)
_RANK = {
    Marker.ROMAN: 1,
    Marker.ARABIC: 2,
    Marker.LETTER: 5,
    Marker.PAREN: 6,
    Marker.QUARTER: 3,
    Marker.MONTH: 3,
    "caps": 2,
}
_CLOSING_STATEMENT = re.compile(
    r"^(tren day (la|the hien)|trong qua trinh (trien khai )?(to chuc )?thuc hien.{0,80}(vuong mac|kho khan))"
)


class Role(StrEnum):
    """The role a block plays in a plan; its value is what lines.parquet's role says."""

    TASK = "task"
    HEADING = "heading"
    PREAMBLE = "preamble"
    PURPOSE = "purpose"
    TARGETS = "targets"
    RECIPIENTS = "recipients"
    SIGNATURE = "signature"
    OTHER = "other"


@dataclass
class Section:
    section_id: str
    parent_id: str | None
    level: int
    rank: int
    label: str
    heading: str
    kind: PartKind
    theme: int | None
    line_start: int
    line_end: int
    block: Block | None = None
    unit: str | None = None  # a heading that names a unit: the lead of what it holds


@dataclass(frozen=True)
class PeriodMarks:
    """The period columns a table row marks with an "x": quarters 1 and 3, months 3 and 9."""

    kind: str  # quarter | month
    numbers: tuple[int, ...]


@dataclass
class TableRow:
    """A row of a task table, by its columns (empty where the table has no such column)."""

    label: str = ""  # the Stt column: "1", "2.1", "a"
    text: str = ""
    lead: str = ""
    partner: str = ""
    time: str = ""
    notes: str = ""
    marks: PeriodMarks | None = None


@dataclass
class Item:
    """A body block placed in the tree, with the role it plays."""

    block: Block
    section: Section | None
    role: Role
    table: TableRow | None = None  # the row's cells, where the block is a row of a task table


@dataclass
class Anatomy:
    header: list[Block]
    title_blocks: list[Block]
    doc_type: str | None
    title: str | None
    sections: list[Section]
    items: list[Item]
    closing: list[Block]
    named: Record | None = None  # the plan as a page names it on one line, where that is its title


def signer_role_line(text: str) -> bool:
    t = text.strip().upper()
    t = re.sub(r"[*_]", "", t)
    return bool(_SIGNER_ROLE.match(t)) and len(t) < 60


def find_title(blocks: list[Block]) -> tuple[int | None, str | None, str]:
    """Index of the block that carries the document type, the type, and the rest of it."""
    limit = len(blocks)
    for i, b in enumerate(blocks[:limit]):
        if b.marker == Marker.ROMAN:
            break
        text = b.text.replace("|", " ").strip()
        m = _DOC_TYPE_RE.match(text)
        if m:
            return i, DOC_TYPES[fold(m.group(1))], m.group(2).strip(" :-")
        # a table cell line in a flattened header: "| KẾ HOẠCH |"
        for cell in b.lines[0].cells:
            m = _DOC_TYPE_RE.match(cell)
            if m:
                return i, DOC_TYPES[fold(m.group(1))], m.group(2).strip(" :-")
    return None, None, ""


# "Thực hiện Quyết định số ...": the preamble's first sentence, no line of the title
_IMPLEMENTS = re.compile(rf"^thuc hien (?:{kind_pattern(folded=True)}|van ban)\b")


def _title_like(b: Block) -> bool:
    f = fold(b.text)
    if b.marker in (Marker.ROMAN, Marker.ARABIC, Marker.DECIMAL, Marker.DASH, Marker.PLUS):
        return False
    if f.startswith(("can cu", "kinh gui", RECIPIENTS_LABEL)):
        return False
    if re.search(r"\bso:?\s*\d+\s*/", f) or re.search(r"\d+/\d{4}/", f):
        return False
    if len(b.text) > 220:
        return False
    if _IMPLEMENTS.match(f):
        return False
    return True


_RECIPIENTS_LABEL = re.compile(r"\bnoi nh\w*\s*:")  # "Nơi nhận:", its marks lost or mangled


def _closing_start(blocks: list[Block], start: int) -> int:
    for i in range(start, len(blocks)):
        f = fold(blocks[i].text[:40])  # only how a block starts matters here
        if f.startswith(RECIPIENTS_LABEL) or _RECIPIENTS_LABEL.search(f[:30]):
            # a flattened page may put the signature column first: its short lines just above
            # the recipients, from a signer's role on, belong to the closing too
            j = i
            while j > start and i - j < 6 and len(blocks[j - 1].text) < 60 and not blocks[j - 1].marker:
                j -= 1
            return next((k for k in range(j, i) if signer_role_line(blocks[k].text)), i)
    # no recipients list: the signature block near the end
    for i in range(max(start, int(len(blocks) * 0.7)), len(blocks)):
        if signer_role_line(blocks[i].text):
            return i
    return len(blocks)


def _is_heading(b: Block, nxt: Block | None) -> bool:
    if b.marker in (Marker.ROMAN, Marker.QUARTER, Marker.MONTH):
        return True
    if b.is_table or b.marker in (Marker.DASH, Marker.PLUS):
        return False
    body = b.body
    words = len(body.split())
    if b.marker in NUMBERED:
        return _numbered_heading(b, nxt, words)
    # unmarked: all-capitals group titles (tables flattened by OCR) and bold lines
    if is_caps(body) and 3 <= words <= 45 and not signer_role_line(body):
        return True
    return b.emphasis and words <= 25 and nxt is not None and not nxt.emphasis


def _numbered_heading(b: Block, nxt: Block | None, words: int) -> bool:
    """A numbered block heads what follows: short, not a sentence (unless it owns a list of
    items), and followed by a block of a lower rank."""
    body = b.body
    tokens = body.split()
    if "|" in body or (tokens and sum(len(t) <= 1 for t in tokens) > 0.3 * len(tokens)):
        return False  # a row of a table flattened by OCR, column debris and all: an item
    # a numbered sentence that owns a list of items is the heading of that list
    owns_list = nxt is not None and nxt.marker in (Marker.DASH, Marker.PLUS) and words <= 60
    if (len(body) > 220 or words > 40) and not (b.emphasis and words <= 70) and not owns_list:
        return False
    if terminated(body) and not body.endswith(":") and not b.emphasis and not owns_list:
        return False
    if nxt is None:
        return False
    return not (
        (nxt.marker == b.marker and not (b.emphasis and not nxt.emphasis))
        or nxt.marker in (Marker.ROMAN, Marker.QUARTER, Marker.MONTH)
        or (b.marker == Marker.LETTER and nxt.marker in (Marker.ARABIC, Marker.DECIMAL))
        or (b.marker == Marker.DECIMAL and nxt.marker == Marker.ARABIC)
    )


# "PHỤ LỤC", "PHỤ LỤC I", "Phụ lục số 02:", "PHỤ LỤC: NHIỆM VỤ ..." opening a block set apart as
# a heading (in capitals, in bold, or alone on its line), not "Phụ lục kèm theo ..." in a sentence
_APPENDIX = re.compile(
    rf"^(?i:{loose_pattern('phu luc')})(?:\s+(?:(?i:số)\s*)?([IVXLC]+|\d{{1,2}}|[A-Z])\b)?\s*[.:-]?\s*"
)


def _appendix_heading(b: Block) -> re.Match[str] | None:
    """The match of an appendix's heading ("PHỤ LỤC II": its number in group 1), or None."""
    m = _APPENDIX.match(b.text)
    if not m or b.is_table or b.marker:
        return None
    rest = b.text[m.end() :]
    return m if not rest or b.emphasis or is_caps(b.text[:300]) else None


def _appendix_title_line(b: Block) -> bool:
    """A line of an appendix's title: its subject in capitals or bold, "(Kèm theo Kế hoạch ...)"."""
    if b.is_table or b.marker or len(b.text) > 300:
        return False
    upper = not any(c.islower() for c in b.text)  # "NĂM 2025", a wrap's "2025" too
    return upper or is_caps(b.text) or b.emphasis or (b.text.startswith("(") and "kem theo" in fold(b.text[:30]))


def _rank(b: Block, stack: list[Section]) -> int:
    if b.marker == Marker.ROMAN and b.label in PART_LETTERS:
        return 0  # "A.", "B." hold the roman parts
    if b.marker == Marker.DECIMAL:
        return 2 + b.label.count(".")
    if b.marker in _RANK:
        return _RANK[b.marker]
    if is_caps(b.body):
        return 2
    return (stack[-1].rank + 1) if stack else 2


_PERIOD_COLUMN = re.compile(r"(?:quy|q)\s*(iv|iii|ii|i|[1-4])|(?:thang|t)\s*(1[0-2]|0?[1-9])")


def _period_marks(cells: list[str], cols: dict[str, int]) -> PeriodMarks | None:
    """The period columns a row marks ('x', '✓'), or None."""
    for kind in ("quarter", "month"):
        marked = sorted(
            int(key.split()[1])
            for key, i in cols.items()
            if key.startswith(kind + " ") and i < len(cells) and 0 < len(cells[i].strip()) <= 3
        )
        if marked:
            return PeriodMarks(kind, tuple(marked))
    return None


def _table_header(cells: list[str]) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for i, cell in enumerate(cells):
        n = fold(cell)
        column = column_of(cell)  # (text/vocab/table_columns.toml)
        if column is not None:
            cols.setdefault(column, i)
        elif (period := _PERIOD_COLUMN.fullmatch(n)) is not None:
            # "Quý I" ... "Quý IV", "Tháng 1" ... "T12": a column per period, a mark in the ones a
            # task falls in
            if period.group(1):
                cols.setdefault(f"quarter {QUARTER_NUMBER[period.group(1)]}", i)
            else:
                cols.setdefault(f"month {int(period.group(2))}", i)
    return cols if "text" in cols and len(cols) >= 2 else None


def parse(blocks: list[Block]) -> Anatomy:
    """The anatomy of a plan, step by step: title and header, where the closing and the
    appendices start, then the preamble, the body's tree, the closing and the appendices."""
    header, title_blocks, doc_type, title, body_start = _title_and_header(blocks)
    named = None
    if (doc_type is None or (title_blocks and named_plan(title_blocks[0].lines[0].text))) and (
        found := _named_title(blocks)
    ) is not None:
        t, named = found  # "Kế hoạch 767/KH-UBND ... do tỉnh Cao Bằng ban hành": a portal's title
        header, title_blocks, doc_type, title = blocks[:t], _named_title_blocks(blocks, t), named.kind, named.title
        body_start = t + len(title_blocks)
    # An appendix after the signature ("PHỤ LỤC" / "Nhiệm vụ ..." / a task table) holds tasks:
    # the closing ends where it starts.
    appendix_heads = [(i, m) for i in range(body_start + 1, len(blocks)) if (m := _appendix_heading(blocks[i]))]
    appendix_at = appendix_heads[0][0] if appendix_heads else len(blocks)
    closing_at = _closing_start(blocks[:appendix_at], body_start)
    tree = _Tree()
    rest_body = tree.preamble(blocks[body_start:closing_at])
    tree.walk(rest_body)
    tree.unnamed_parts_hold_tasks()
    closing = blocks[closing_at:appendix_at]
    tree.closing(closing)
    tree.appendices(blocks, appendix_heads)
    tree.extend_line_ends()
    return Anatomy(header, title_blocks, doc_type, title, tree.sections, tree.items, closing, named)


def _named_title_blocks(blocks: list[Block], t: int) -> list[Block]:
    """The one-line name, the portal's record below it, and the plan's own title in capitals
    where it follows ("TRIỂN KHAI THỰC HIỆN ..." without its "KẾ HOẠCH" line)."""
    j = t + 1
    while j < len(blocks) and all(record_line(ln.text) for ln in blocks[j].lines):
        j += 1
    if j < len(blocks) and not blocks[j].marker and is_caps(blocks[j].text) and _title_like(blocks[j]):
        j += 1
    return blocks[t:j]


def _named_title(blocks: list[Block], limit: int = 12) -> tuple[int, Record] | None:
    """A plan named on one line before its first part, as portals and news pages title it."""
    for i, b in enumerate(blocks[:limit]):
        if b.marker == Marker.ROMAN:
            break
        named = named_plan(b.lines[0].text)  # (its block may run on into the lines below it)
        if named is not None and named.kind in PLAN_KINDS:
            return i, named
    return None


def _title_and_header(blocks: list[Block]) -> tuple[list[Block], list[Block], str | None, str | None, int]:
    """(header, title blocks, document type, title, where the body starts). Without a type
    line, the header is whatever comes before the first numbered part."""
    t, doc_type, rest = find_title(blocks)
    if t is None:
        first_part = next((i for i, b in enumerate(blocks) if b.marker == Marker.ROMAN), 0)
        return blocks[:first_part], [], doc_type, None, first_part
    title_blocks = [blocks[t]]
    title_parts = [rest] if rest else []
    j = t + 1
    while j < len(blocks) and len(title_blocks) < 4 and _title_like(blocks[j]):
        if title_parts and not (blocks[j].emphasis or is_caps(blocks[j].text) or len(blocks[j].text) < 120):
            break
        title_parts.append(blocks[j].text.replace("|", " ").strip())
        title_blocks.append(blocks[j])
        j += 1
    title = " ".join(" ".join(title_parts).split()) or None
    return blocks[:t], title_blocks, doc_type, title, j


def _preamble_length(body: list[Block]) -> int:
    """How many blocks open the body before its first part: unnumbered blocks, "Căn cứ ..."."""
    has_roman = any(b.marker == Marker.ROMAN for b in body)
    for k, b in enumerate(body):
        if b.marker == Marker.ROMAN:
            return k
        if not has_roman and b.marker and not fold(b.body).startswith(("can cu", "thuc hien")):
            return k
        if _is_heading(b, body[k + 1] if k + 1 < len(body) else None) and (
            b.marker or ((b.emphasis or is_caps(b.body)) and classify_kind(b.body))
        ):
            return k  # a numbered part, or an unnumbered one that names itself ("**MỤC ĐÍCH, YÊU CẦU**")
    return len(body)


def _section_kind(own_kind: PartKind | None, parent: Section | None) -> PartKind:
    """A heading's part kind: its own name's, or its parent's (an "other" parent yields)."""
    if parent is None:
        return own_kind or PartKind.OTHER
    if parent.kind == PartKind.OTHER and own_kind:
        return own_kind
    return parent.kind


def _closing_formula(b: Block, at_end: bool, sec: Section | None) -> bool:
    """ "Trên đây là Kế hoạch ...", "Đề nghị các ... triển khai" at the end of the last part."""
    f = fold(b.text)
    return bool(_CLOSING_STATEMENT.match(f)) or (
        at_end
        and f.startswith(("de nghi", "yeu cau cac"))
        and "trien khai" in f
        and sec is not None
        and sec.kind == PartKind.IMPLEMENTATION
    )


_ROLE_OF_KIND = {
    PartKind.CONTENT: Role.TASK,
    PartKind.IMPLEMENTATION: Role.TASK,
    PartKind.PURPOSE: Role.PURPOSE,
    PartKind.TARGETS: Role.TARGETS,
}


class _Tree:
    """The sections and the items of a plan's body, built block by block."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.items: list[Item] = []
        self.stack: list[Section] = []
        self.table_cols: dict[str, int] | None = None
        self.table_parent: Section | None = None  # the section a table stands in: its group rows go below it

    @property
    def current(self) -> Section | None:
        return self.stack[-1] if self.stack else None

    def new_section(
        self, label: str, heading: str, kind: PartKind, lines: tuple[int, int], parent: Section | None, rank: int,
        block: Block | None,
    ) -> Section:  # fmt: skip
        sec = Section(
            section_id=f"s{len(self.sections) + 1:03d}",
            parent_id=parent.section_id if parent else None,
            level=(parent.level + 1) if parent else 1,
            rank=rank,
            label=label,
            heading=heading,
            kind=kind,
            theme=None,
            line_start=lines[0],
            line_end=lines[1],
            block=block,
        )
        self.sections.append(sec)
        return sec

    def _part_of(self, blocks: list[Block], heading: str, kind: PartKind, role: Role) -> None:
        """An unnumbered part of its own (preamble, recipients, signature) holding `blocks`."""
        if blocks:
            sec = self.new_section("", heading, kind, (blocks[0].line_start, blocks[-1].line_end), None, 0, None)
            self.items.extend(Item(b, sec, role) for b in blocks)

    def preamble(self, body: list[Block]) -> list[Block]:
        """Place the preamble (unnumbered blocks, "Căn cứ ..." before the first part); give
        the rest of the body."""
        k = _preamble_length(body)
        self._part_of(body[:k], "Căn cứ", PartKind.PREAMBLE, Role.PREAMBLE)
        return body[k:]

    def walk(self, seq: list[Block]) -> None:
        for idx, b in enumerate(seq):
            nxt = seq[idx + 1] if idx + 1 < len(seq) else None
            group = None
            if b.is_table:
                group = self._table_row(b)
                if group is None:
                    continue
            if group is not None or _is_heading(b, nxt):
                self._heading(group or b, group is not None)
                continue
            sec = self.current
            if _closing_formula(b, idx >= len(seq) - 2, sec):
                self.items.append(Item(b, None, Role.OTHER))  # the closing formula: not part of any section
                continue
            self.items.append(Item(b, sec, _ROLE_OF_KIND.get(sec.kind if sec else PartKind.OTHER, Role.OTHER)))

    def _table_row(self, b: Block) -> Block | None:
        """Place a table row: its columns' names, a task, or other. A row that names a group of
        the rows below it is given back as a heading block (a new block: `b` stays as made)."""
        cells = b.lines[0].cells
        # a header a reader rebuilt says its columns; one read from the source is recognised
        header_cols = {k: i for i, k in enumerate(b.lines[0].columns)} or _table_header(cells)
        if header_cols:
            self.table_cols, self.table_parent = header_cols, self.current
            self.items.append(Item(b, self.current, Role.HEADING))  # the columns' names
            return None
        if not self.table_cols:
            self.items.append(Item(b, self.current, Role.OTHER))
            return None
        row = _table_row(cells, self.table_cols)
        group = _group_row(b, row, cells)
        if group is None:
            self.items.append(Item(b, self.current, Role.TASK, row))
        return group

    def _heading(self, b: Block, group_row: bool) -> None:
        rank = self.table_parent.rank + 1 if group_row and self.table_parent is not None else _rank(b, self.stack)
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        parent = self.current
        heading = b.body.rstrip(":").strip()
        kind = _section_kind(classify_kind(heading), parent)
        sec = self.new_section(b.label, heading, kind, (b.line_start, b.line_end), parent, rank, b)
        if kind in (PartKind.CONTENT, PartKind.IMPLEMENTATION):
            theme = classify_theme(heading)
            sec.theme = theme if theme is not None else (parent.theme if parent else None)
            if kind == PartKind.IMPLEMENTATION and unit_like(heading):
                sec.unit = heading
            elif parent is not None and parent.unit:
                sec.unit = parent.unit
        self.stack.append(sec)
        self.items.append(Item(b, sec, Role.HEADING))

    def unnamed_parts_hold_tasks(self) -> None:
        """Plans whose parts carry no recognisable names, or no parts at all ("... như sau:"
        then the items): their numbered items are still tasks."""
        if any(i.role == Role.TASK for i in self.items):
            return
        for it in self.items:
            if (
                it.role == Role.OTHER
                and it.block.marker
                and it.block.marker != Marker.ROMAN
                and (it.section is None or it.section.kind == PartKind.OTHER)
            ):
                it.role = Role.TASK

    def closing(self, closing: list[Block]) -> None:
        """The recipients list ("Nơi nhận:" and its dashes), then the signature block."""
        recipients = [
            b for b in closing if fold(b.text).startswith(RECIPIENTS_LABEL) or b.marker in (Marker.DASH, Marker.PLUS)
        ]
        signature = [
            b
            for b in closing
            if not (fold(b.text).startswith(RECIPIENTS_LABEL) or b.marker in (Marker.DASH, Marker.PLUS))
        ]
        self._part_of(recipients, "Nơi nhận", PartKind.RECIPIENTS, Role.RECIPIENTS)
        self._part_of(signature, "Chữ ký", PartKind.SIGNATURE, Role.SIGNATURE)

    def appendices(self, blocks: list[Block], heads: list[tuple[int, re.Match[str]]]) -> None:
        """Each appendix a part of its own, of tasks, headed by its title lines."""
        ends = [i for i, _ in heads[1:]] + [len(blocks)]
        for (start, head_match), end in zip(heads, ends):
            part = blocks[start:end]
            j = 1
            while j < min(len(part), 6) and _appendix_title_line(part[j]):
                j += 1
            # (its "(Kèm theo Kế hoạch số ...)" line says where it belongs, not what it holds)
            heading = " ".join(
                " ".join(b.text.replace("|", " ") for b in part[:j] if not b.text.startswith("(")).split()
            )
            head = part[0]
            lines = (head.line_start, part[j - 1].line_end)
            sec = self.new_section(head_match.group(1) or "", heading, PartKind.CONTENT, lines, None, -1, head)
            sec.theme = classify_theme(heading)
            self.items.extend(Item(b, sec, Role.HEADING) for b in part[:j])
            self.stack[:] = [sec]
            self.table_cols, self.table_parent = None, None
            self.walk(part[j:])
        if heads:
            self._pointers_to_appendix(blocks[heads[0][0]].line_start)

    def _pointers_to_appendix(self, appendix_start: int) -> None:
        """ "Các nhiệm vụ cụ thể tại Phụ lục kèm theo": a short pointer, not a task (outside the
        part, as a closing formula is)."""
        for it in self.items:
            if (
                it.role == Role.TASK
                and it.block.line_start < appendix_start
                and len(it.block.text) < 200
                and re.search(r"\bphu luc\b", fold(it.block.text))
            ):
                it.role, it.section = Role.OTHER, None

    def extend_line_ends(self) -> None:
        """A heading's lines run to the end of what it holds."""
        by_id = {s.section_id: s for s in self.sections}
        for it in self.items:
            s = it.section
            while s is not None:
                s.line_end = max(s.line_end, it.block.line_end)
                s = by_id.get(s.parent_id) if s.parent_id else None


def _table_row(cells: list[str], cols: dict[str, int]) -> TableRow:
    """A task table's row by its columns."""

    def get(key: str) -> str:
        return cells[cols[key]].strip() if key in cols and cols[key] < len(cells) else ""

    return TableRow(
        get("stt"), get("text"), get("lead"), get("partner"), get("time"), get("notes"), _period_marks(cells, cols)
    )


def _group_row(b: Block, row: TableRow, cells: list[str]) -> Block | None:
    """A row that names a group of the rows below it ("I | TUYÊN TRUYỀN", or a title in a cell
    spanning the row, "<td colspan=5>I. Tuyên truyền"): a heading block made from it, or None."""
    stt, text = row.label, row.text
    others = row.lead or row.partner or row.time
    if not text and not others and len(stt) > 4 and not any(c.strip() for c in cells[1:]):
        kind_m, label, body = find_marker(stt)
        stt, text = (label, body) if kind_m in (Marker.ROMAN, Marker.ARABIC, Marker.LETTER) else ("", stt)
    if text and not others and (is_caps(text) or re.fullmatch(r"[IVX]+|\d+", stt or "-")):
        kind_m, label, _ = find_marker(f"{stt}. {text}" if stt else text)
        return replace(
            b, marker=Marker.ROMAN if kind_m == Marker.ROMAN else Marker.ARABIC, label=label or stt, body=text
        )
    return None
