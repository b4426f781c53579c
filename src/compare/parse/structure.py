"""Blocks → the document's anatomy: header, title, preamble, the heading tree (with part kind
and theme), body items, recipients and signature. Heading levels come from numbering
(I → 1 → 1.1 → a), never from markdown '#' counts, which are inconsistent."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compare.parse.blocks import Block
from compare.parse.markers import (
    NUMBERED,
    PART_LETTERS,
    find_marker,
    is_caps,
    terminated,
    unit_like,
)
from compare.parse.themes import classify_kind, classify_theme
from compare.parse.timeframes import QUARTER_NUMBER
from compare.text.lexicon import SIGNER_TITLES, SIGNING_BODIES
from compare.text.vietnamese import fold, loose_pattern

DOC_TYPES = {
    "ke hoach": "Kế hoạch",
    "chuong trinh": "Chương trình",
}
# (marks loose: a scan's "KE HOẠCH", "CHUƠNG TRINH")
_DOC_TYPE_RE = re.compile(rf"^\s*({loose_pattern('KE HOACH')}|{loose_pattern('CHUONG TRINH')})\b(.*)$")
_ROLES = [f.upper() for f, _ in SIGNER_TITLES] + [b.upper() for b in SIGNING_BODIES]
_SIGNER_ROLE = re.compile(  # (marks loose: a scan's "PHÓ CHU TICH")
    rf"^(?:(?:KT|TM|TL|TUQ|Q|Q\.?\s*{loose_pattern('GIAM DOC')})\.?\s+)?(?:{loose_pattern('PHO')}\s+)?"
    rf"(?:{'|'.join(loose_pattern(r) for r in _ROLES)})\b",
)
_RANK = {"roman": 1, "arabic": 2, "letter": 5, "paren": 6, "quarter": 3, "month": 3, "caps": 2}
_CLOSING_STATEMENT = re.compile(
    r"^(tren day (la|the hien)|trong qua trinh (trien khai )?(to chuc )?thuc hien.{0,80}(vuong mac|kho khan))"
)


@dataclass
class Section:
    section_id: str
    parent_id: str | None
    level: int
    rank: int
    label: str
    heading: str
    kind: str
    theme: int | None
    line_start: int
    line_end: int
    block: Block | None = None
    unit: str | None = None  # a heading that names a unit: the lead of what it holds


@dataclass
class Item:
    """A body block placed in the tree, with the role it plays."""

    block: Block
    section: Section | None
    role: str  # task | preamble | purpose | targets | other | recipients | signature
    table: dict[str, str] = field(default_factory=dict)


@dataclass
class Anatomy:
    header: list[Block]
    title_blocks: list[Block]
    doc_type: str | None
    title: str | None
    sections: list[Section]
    items: list[Item]
    closing: list[Block]


def signer_role_line(text: str) -> bool:
    t = text.strip().upper()
    t = re.sub(r"[*_]", "", t)
    return bool(_SIGNER_ROLE.match(t)) and len(t) < 60


def find_title(blocks: list[Block]) -> tuple[int | None, str | None, str]:
    """Index of the block that carries the document type, the type, and the rest of it."""
    limit = len(blocks)
    for i, b in enumerate(blocks[:limit]):
        if b.marker == "roman":
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


def _title_like(b: Block) -> bool:
    f = fold(b.text)
    if b.marker in ("roman", "arabic", "decimal", "dash", "plus"):
        return False
    if f.startswith(("can cu", "kinh gui", "noi nhan")):
        return False
    if re.search(r"\bso:?\s*\d+\s*/", f) or re.search(r"\d+/\d{4}/", f):
        return False
    if len(b.text) > 220:
        return False
    if re.match(r"^thuc hien (quyet dinh|ke hoach|chi thi|cong van|nghi quyet|chuong trinh|huong dan|van ban)", f):
        return False
    return True


_RECIPIENTS_LABEL = re.compile(r"\bnoi nh\w*\s*:")  # "Nơi nhận:", its marks lost or mangled


def _closing_start(blocks: list[Block], start: int) -> int:
    for i in range(start, len(blocks)):
        f = fold(blocks[i].text[:40])  # only how a block starts matters here
        if f.startswith("noi nhan") or _RECIPIENTS_LABEL.search(f[:30]):
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
    if b.marker == "roman":
        return True
    if b.marker in ("quarter", "month"):
        return True
    if b.is_table or b.marker in ("dash", "plus"):
        return False
    body = b.body
    words = len(body.split())
    if b.marker in NUMBERED:
        tokens = body.split()
        if "|" in body or (tokens and sum(len(t) <= 1 for t in tokens) > 0.3 * len(tokens)):
            return False  # a row of a table flattened by OCR, column debris and all: an item
        owns_list = nxt is not None and nxt.marker in ("dash", "plus") and words <= 60
        if (len(body) > 220 or words > 40) and not (b.emphasis and words <= 70) and not owns_list:
            return False
        if terminated(body) and not body.endswith(":") and not b.emphasis:
            # a numbered sentence that owns a list of items is the heading of that list
            if not owns_list:
                return False
        if nxt is None:
            return False
        if nxt.marker == b.marker and not (b.emphasis and not nxt.emphasis):
            return False
        if nxt.marker in ("roman", "quarter", "month"):
            return False
        if b.marker == "letter" and nxt.marker in ("arabic", "decimal"):
            return False
        if b.marker == "decimal" and nxt.marker == "arabic":
            return False
        return True
    # unmarked: all-capitals group titles (tables flattened by OCR) and bold lines
    if is_caps(body) and 3 <= words <= 45 and not signer_role_line(body):
        return True
    if b.emphasis and words <= 25 and nxt is not None and not nxt.emphasis:
        return True
    return False


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
    if b.marker == "roman" and b.label in PART_LETTERS:
        return 0  # "A.", "B." hold the roman parts
    if b.marker == "decimal":
        return 2 + b.label.count(".")
    if b.marker in _RANK:
        return _RANK[b.marker]
    if is_caps(b.body):
        return 2
    return (stack[-1].rank + 1) if stack else 2


_PERIOD_COLUMN = re.compile(r"(?:quy|q)\s*(iv|iii|ii|i|[1-4])|(?:thang|t)\s*(1[0-2]|0?[1-9])")


def _period_marks(cells: list[str], cols: dict[str, int]) -> str:
    """'quarter 1 2', 'month 3 9': the period columns a row marks ('x', '✓'), or ''."""
    for kind in ("quarter", "month"):
        marked = sorted(
            int(key.split()[1])
            for key, i in cols.items()
            if key.startswith(kind + " ") and i < len(cells) and 0 < len(cells[i].strip()) <= 3
        )
        if marked:
            return " ".join([kind, *map(str, marked)])
    return ""


def _table_header(cells: list[str]) -> dict[str, int] | None:
    names = [fold(c) for c in cells]
    cols: dict[str, int] = {}
    for i, n in enumerate(names):
        if "noi dung" in n or "nhiem vu" in n or "cong viec" in n or "hoat dong" in n:
            cols.setdefault("text", i)
        elif "chu tri" in n or (n.startswith(("don vi", "co quan", "bo phan")) and "thuc hien" in n):
            cols.setdefault("lead", i)  # (the unit that carries a task out is its lead)
        elif "phoi hop" in n:
            cols.setdefault("partner", i)
        elif "thoi gian" in n or "thoi han" in n or "tien do" in n or "thoi diem" in n or n == "hoan thanh":
            cols.setdefault("time", i)
        elif "ghi chu" in n:
            cols.setdefault("notes", i)
        elif n in ("stt", "tt", "so tt", "so thu tu"):
            cols.setdefault("stt", i)
        elif (period := _PERIOD_COLUMN.fullmatch(n)) is not None:
            # "Quý I" ... "Quý IV", "Tháng 1" ... "T12": a column per period, a mark in the ones a
            # task falls in
            if period.group(1):
                cols.setdefault(f"quarter {QUARTER_NUMBER[period.group(1)]}", i)
            else:
                cols.setdefault(f"month {int(period.group(2))}", i)
    return cols if "text" in cols and len(cols) >= 2 else None


def parse(blocks: list[Block]) -> Anatomy:
    t, doc_type, rest = find_title(blocks)
    header: list[Block] = []
    title_blocks: list[Block] = []
    title_parts: list[str] = []
    if t is not None:
        header = blocks[:t]
        title_blocks = [blocks[t]]
        if rest:
            title_parts.append(rest)
        j = t + 1
        while j < len(blocks) and len(title_blocks) < 4 and _title_like(blocks[j]):
            if title_parts and not (blocks[j].emphasis or is_caps(blocks[j].text) or len(blocks[j].text) < 120):
                break
            title_parts.append(blocks[j].text.replace("|", " ").strip())
            title_blocks.append(blocks[j])
            j += 1
        body_start = j
    else:
        # No type line: the header is whatever comes before the first numbered part.
        first_part = next((i for i, b in enumerate(blocks) if b.marker == "roman"), 0)
        header = blocks[:first_part]
        body_start = first_part
    title = " ".join(" ".join(title_parts).split()) or None

    # An appendix after the signature ("PHỤ LỤC" / "Nhiệm vụ ..." / a task table) holds tasks:
    # the closing ends where it starts.
    appendix_heads = [(i, m) for i in range(body_start + 1, len(blocks)) if (m := _appendix_heading(blocks[i]))]
    appendix_at = appendix_heads[0][0] if appendix_heads else len(blocks)
    closing_at = _closing_start(blocks[:appendix_at], body_start)
    body = blocks[body_start:closing_at]
    closing = blocks[closing_at:appendix_at]

    sections: list[Section] = []
    items: list[Item] = []

    def new_section(
        label: str,
        heading: str,
        kind: str,
        lines: tuple[int, int],
        parent: Section | None,
        rank: int,
        block: Block | None,
    ) -> Section:
        sec = Section(
            section_id=f"s{len(sections) + 1:03d}",
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
        sections.append(sec)
        return sec

    # Preamble: unnumbered blocks (and "Căn cứ ..." items) before the first part.
    has_roman = any(b.marker == "roman" for b in body)
    k = 0
    while k < len(body):
        b = body[k]
        f = fold(b.body)
        if b.marker == "roman":
            break
        if not has_roman and b.marker and not f.startswith(("can cu", "thuc hien")):
            break
        if _is_heading(b, body[k + 1] if k + 1 < len(body) else None) and (
            b.marker or ((b.emphasis or is_caps(b.body)) and classify_kind(b.body))
        ):
            break  # a numbered part, or an unnumbered one that names itself ("**MỤC ĐÍCH, YÊU CẦU**")
        k += 1
    preamble, rest_body = body[:k], body[k:]
    sec: Section | None  # the section the block at hand belongs to
    if preamble:
        sec = new_section("", "Căn cứ", "preamble", (preamble[0].line_start, preamble[-1].line_end), None, 0, None)
        items.extend(Item(b, sec, "preamble") for b in preamble)

    stack: list[Section] = []
    table_cols: dict[str, int] | None = None
    table_parent: Section | None = None  # the section a table stands in: its group rows go below it

    def walk(seq: list[Block]) -> None:
        nonlocal table_cols, table_parent
        for idx, b in enumerate(seq):
            nxt = seq[idx + 1] if idx + 1 < len(seq) else None
            group_row = False
            if b.is_table:
                cells = b.lines[0].cells
                header_cols = _table_header(cells)
                if header_cols:
                    table_cols = header_cols
                    table_parent = stack[-1] if stack else None
                    items.append(Item(b, stack[-1] if stack else None, "heading"))  # the columns' names
                    continue
                if table_cols:

                    def get(key: str, cells: list[str] = cells, cols: dict[str, int] = table_cols) -> str:
                        return cells[cols[key]].strip() if key in cols and cols[key] < len(cells) else ""

                    text, stt = get("text"), get("stt")
                    others = [get(k) for k in ("lead", "partner", "time")]
                    if not text and not any(others) and len(stt) > 4 and not any(c.strip() for c in cells[1:]):
                        # a group's title in a cell that spans the row ("<td colspan=5>I. Tuyên truyền")
                        kind_m, label, body = find_marker(stt)
                        stt, text = (label, body) if kind_m in ("roman", "arabic", "letter") else ("", stt)
                    if text and not any(others) and (is_caps(text) or re.fullmatch(r"[IVX]+|\d+", stt or "-")):
                        kind_m, label, _ = find_marker(f"{stt}. {text}" if stt else text)
                        b.marker, b.label, b.body = ("roman" if kind_m == "roman" else "arabic"), (label or stt), text
                        group_row = True  # a row that names a group of the rows below it
                    else:
                        sec = stack[-1] if stack else None
                        items.append(
                            Item(
                                b,
                                sec,
                                "task",
                                {
                                    "label": stt,
                                    "text": text,
                                    "lead": get("lead"),
                                    "partner": get("partner"),
                                    "time": get("time"),
                                    "notes": get("notes"),
                                    "marks": _period_marks(cells, table_cols),
                                },
                            )
                        )
                        continue
                else:
                    items.append(Item(b, stack[-1] if stack else None, "other"))
                    continue
            if group_row or _is_heading(b, nxt):
                rank = table_parent.rank + 1 if group_row and table_parent is not None else _rank(b, stack)
                while stack and stack[-1].rank >= rank:
                    stack.pop()
                parent = stack[-1] if stack else None
                heading = b.body.rstrip(":").strip()
                own_kind = classify_kind(heading)
                if parent is None:
                    kind = own_kind or "other"
                elif parent.kind in ("other",) and own_kind:
                    kind = own_kind
                else:
                    kind = parent.kind
                sec = new_section(b.label, heading, kind, (b.line_start, b.line_end), parent, rank, b)
                if kind in ("content", "implementation"):
                    theme = classify_theme(heading)
                    sec.theme = theme if theme is not None else (parent.theme if parent else None)
                    if kind == "implementation" and unit_like(heading):
                        sec.unit = heading
                    elif parent is not None and parent.unit:
                        sec.unit = parent.unit
                stack.append(sec)
                items.append(Item(b, sec, "heading"))
                continue
            sec = stack[-1] if stack else None
            f = fold(b.text)
            if _CLOSING_STATEMENT.match(f) or (
                idx >= len(seq) - 2
                and f.startswith(("de nghi", "yeu cau cac"))
                and "trien khai" in f
                and sec is not None
                and sec.kind == "implementation"
            ):
                items.append(Item(b, None, "other"))  # the closing formula: not part of any section
                continue
            kind = sec.kind if sec else "other"
            role = {"content": "task", "implementation": "task", "purpose": "purpose", "targets": "targets"}.get(
                kind, "other"
            )
            items.append(Item(b, sec, role))

    walk(rest_body)

    # Plans whose parts carry no recognisable names, or no parts at all ("... như sau:" then
    # the items): their items are still tasks.
    if not any(i.role == "task" for i in items):
        for it in items:
            if (
                it.role == "other"
                and it.block.marker
                and it.block.marker != "roman"
                and (it.section is None or it.section.kind == "other")
            ):
                it.role = "task"

    # Closing: recipients list, then the signature block.
    if closing:
        rec_blocks: list[Block] = []
        sig_blocks: list[Block] = []
        for b in closing:
            f = fold(b.text)
            if f.startswith("noi nhan") or b.marker in ("dash", "plus"):
                rec_blocks.append(b)
            else:
                sig_blocks.append(b)
        if rec_blocks:
            sec = new_section(
                "", "Nơi nhận", "recipients", (rec_blocks[0].line_start, rec_blocks[-1].line_end), None, 0, None
            )
            items.extend(Item(b, sec, "recipients") for b in rec_blocks)
        if sig_blocks:
            sec = new_section(
                "", "Chữ ký", "signature", (sig_blocks[0].line_start, sig_blocks[-1].line_end), None, 0, None
            )
            items.extend(Item(b, sec, "signature") for b in sig_blocks)

    # Appendices: each a part of its own, of tasks, headed by its title lines
    ends = [i for i, _ in appendix_heads[1:]] + [len(blocks)]
    for (start, head_match), end in zip(appendix_heads, ends):
        part = blocks[start:end]
        j = 1
        while j < min(len(part), 6) and _appendix_title_line(part[j]):
            j += 1
        # (its "(Kèm theo Kế hoạch số ...)" line says where it belongs, not what it holds)
        heading = " ".join(" ".join(b.text.replace("|", " ") for b in part[:j] if not b.text.startswith("(")).split())
        head = part[0]
        sec = new_section(
            head_match.group(1) or "", heading, "content", (head.line_start, part[j - 1].line_end), None, -1, head
        )
        sec.theme = classify_theme(heading)
        items.extend(Item(b, sec, "heading") for b in part[:j])
        stack[:] = [sec]
        table_cols, table_parent = None, None
        walk(part[j:])
    if appendix_heads:
        # "Các nhiệm vụ cụ thể tại Phụ lục kèm theo": a short pointer to the appendix, not a task
        for it in items:
            if (
                it.role == "task"
                and it.block.line_start < blocks[appendix_at].line_start
                and len(it.block.text) < 200
                and re.search(r"\bphu luc\b", fold(it.block.text))
            ):
                it.role, it.section = "other", None  # (outside the part, as a closing formula is)

    # A heading's lines run to the end of what it holds.
    by_id = {s.section_id: s for s in sections}
    for it in items:
        s = it.section
        while s is not None:
            s.line_end = max(s.line_end, it.block.line_end)
            s = by_id.get(s.parent_id) if s.parent_id else None
    return Anatomy(header, title_blocks, doc_type, title, sections, items, closing)
