"""Body items → task records: text, lead and partner units, timeframe, theme, citations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compare.parse.markers import NUMBERED, Marker, unit_like
from compare.parse.references import Citation, find_references
from compare.parse.structure import Anatomy, Item, PeriodMarks, Role, Section
from compare.parse.themes import PartKind, classify_theme
from compare.parse.timeframes import Timeframe, resolve
from compare.text.numerals import ROMAN
from compare.text.vietnamese import fold, loose_pattern
from compare.text.vocabulary import head_pattern

_UNIT_START = rf"(?<!\w)(?:các\s+)?{head_pattern('lead')}"
# "chủ trì", or the unit named the standing body or focal point of the plan
_LEADS = r"(?:chủ trì|là cơ quan (?:chủ trì|thường trực|đầu mối)|là đầu mối|làm đầu mối)"
_LEAD = re.compile(rf"({_UNIT_START}[^,;:.()]{{0,80}}?)\s+{_LEADS}\b")
# A unit whose own name holds a comma and goes on in lower case ("Phòng Phổ biến, giáo dục pháp
# luật chủ trì"), as the item's subject: tried only where no comma-free name leads
_LEAD_WITH_COMMA = re.compile(rf"^({_UNIT_START}[^,;:.()]{{0,60}},\s+[a-zđà-ỹ][^,;:.()]{{0,60}}?)\s+{_LEADS}\b")
# "Văn phòng Sở có trách nhiệm theo dõi ...", "Các phòng, đơn vị thuộc Sở chịu trách nhiệm ...":
# the unit that opens an item and is made responsible for it (its name may hold commas)
# (a name, not a clause: no "chủ trì", "phối hợp" inside it)
_LEAD_RESPONSIBLE = re.compile(
    rf"^((?:(?i:các)\s+)?{_UNIT_START}(?:(?!chủ trì|phối hợp)[^;:.()]){{0,80}}?)\s+(?:có|chịu) trách nhiệm\b"
)
_PARTNER = re.compile(
    rf"\b(?i:phối hợp)(?:\s+chặt chẽ)?\s+(?:với\s+)?((?:các|{head_pattern('partner')})[^;:.()]{{0,160}}?)"
    r"(?=\s+(?:tham mưu|tổ chức|triển khai|thực hiện|xây dựng|để|nhằm|trong|theo|báo cáo|hướng dẫn|kiểm tra|có trách nhiệm"
    r"|tuyên truyền|rà soát|theo dõi|đôn đốc|quán triệt|đánh giá|tiếp nhận|giải quyết|vận động|tham gia|mở)\b|[;:.()]|$)"
)
# Split a list of units only where the next piece starts like a unit: "Sở Văn hóa, Thể thao và
# Du lịch" stays one name, "các phòng, đơn vị liên quan" becomes two.
_SPLIT_UNITS = re.compile(rf"(?:,|;|\s+và)\s+(?=(?:các\s+)?{head_pattern('splitter')}\b)")


_WORDS = re.compile(r"[^\W\d_]{2,}")


@dataclass
class Task:
    item: Item
    section: Section | None
    text: str
    text_raw: str
    label: str
    theme: int | None
    lead_units: list[str]
    partner_units: list[str]
    timeframe: Timeframe
    citations: list[Citation]
    parent_index: int | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _split_units(text: str) -> list[str]:
    parts = [p.strip(" ,;.-") for p in _SPLIT_UNITS.split(text) if p and p.strip(" ,;.-")]
    return [p for p in parts if len(p) > 1]


# "Đơn vị chủ trì: Phòng Tư pháp", "Cơ quan phối hợp: ...": units stated as attributes
# ("Đơn vị thực hiện: ..." too: the unit that carries a task out leads it, as in a table's column)
_LEAD_ATTRIBUTE = re.compile(
    rf"(?i:{loose_pattern('chu tri')}|(?:{loose_pattern('don vi')}|{loose_pattern('co quan')}|{loose_pattern('bo phan')})"
    rf"\s+{loose_pattern('thuc hien')})\s*:\s*([^;:.()]{{2,120}})"
)
_PARTNER_ATTRIBUTE = re.compile(rf"(?i:{loose_pattern('phoi hop')})\s*:\s*([^;:.()]{{2,200}})")


# The labels of an item's attributes: a text before a colon that holds one names no unit (the
# words that open a unit's name but here open something else, "Hội nghị", "Ban hành", are
# the heads' not_before in text/vocab/organisation_heads.tsv, and unit_like knows them)
_NOT_A_UNIT = re.compile(r"chủ trì|phối hợp|thực hiện|thời gian|thời hạn|sản phẩm|kinh phí|kết quả", re.IGNORECASE)


def _unit_before_colon(text: str) -> list[str]:
    """'Văn phòng Sở: theo dõi, đôn đốc ...': the unit an item is addressed to, named before a
    colon at its start, is its lead."""
    head = text.split(":", 1)[0].strip(" -")
    if len(head.split()) > 12 or not unit_like(head) or _NOT_A_UNIT.search(head):
        return []
    return [head]


def units_from_text(text: str) -> tuple[list[str], list[str]]:
    lead: list[str] = []
    m = None
    responsible = "trách nhiệm" in text and _LEAD_RESPONSIBLE.match(text)
    if "chủ trì" in text or "đầu mối" in text or "thường trực" in text or "thực hiện:" in text:
        m = _LEAD_ATTRIBUTE.search(text) or responsible or _LEAD.search(text) or _LEAD_WITH_COMMA.match(text)
    elif responsible:
        m = responsible
    elif ":" in text:  # a scan's "Pon vi chu tri: ...": the attribute form, marks loose
        m = _LEAD_ATTRIBUTE.search(text)
    if m:
        lead = [m.group(1).strip(" -")]
    elif ":" in text[:120]:
        lead = _unit_before_colon(text)
    partners: list[str] = []
    p = None
    if "hối hợp" in text:
        p = _PARTNER_ATTRIBUTE.search(text) or _PARTNER.search(text)
    elif ":" in text:
        p = _PARTNER_ATTRIBUTE.search(text)
    if p:
        partners = _split_units(p.group(1))
    return lead, partners


def _cell_units(cell: str) -> list[str]:
    cell = " ".join(cell.split())
    if not cell:
        return []
    return [u for u in re.split(r"\s*[;\n]\s*|,\s+(?=[A-ZĐ])", cell) if u]


def _marked_periods(marks: PeriodMarks, year: int | None) -> str:
    """The periods a table row marks, written as a timeframe: quarters 1 and 3 → 'Quý I - Quý
    III/2025' (from the first to the last), months 3 and 9 → 'Tháng 3, 9/2025'."""
    n = marks.numbers
    suffix = f"/{year}" if year else ""
    if marks.kind == "quarter":
        span = f"Quý {ROMAN[n[0] - 1]}" + (f" - Quý {ROMAN[n[-1] - 1]}" if len(n) > 1 else "")
        return span + suffix
    return "Tháng " + ", ".join(map(str, n)) + suffix


def extract_tasks(anatomy: Anatomy, year: int | None, period: str | None) -> list[Task]:
    """The tasks among a plan's items: text, units, timeframe, theme, citations, and the task
    a "+" item or a lettered table row belongs to."""
    tasks: list[Task] = []
    last_top: dict[str, int] = {}  # section id → index of its latest non-"+" task
    by_id = {s.section_id: s for s in anatomy.sections}
    for it in anatomy.items:
        if it.role != Role.TASK:
            continue
        b, sec = it.block, it.section
        text, label = _text_and_label(it)
        if len(text) < 80 and len(_WORDS.findall(text)) < 4:  # (a longer text has 4 words)
            continue  # "1.1", "Thời gian", "Cán bộ": table debris, not a task (reported as fell through)
        lead, partners = units_from_text(text)
        if it.table:
            lead = _cell_units(it.table.lead) or lead
            partners = _cell_units(it.table.partner) or partners
        parent_index = _parent_index(it, label, last_top)
        if parent_index is not None and b.marker == Marker.PLUS and not lead:
            lead = list(tasks[parent_index].lead_units)
        if not lead and sec is not None and sec.unit and ("chủ trì" not in text or _opens_with_lead(text)):
            lead = [sec.unit]
        task = Task(
            item=it,
            section=sec,
            text=text,
            text_raw=b.raw,
            label=label,
            theme=_theme(sec, text),
            lead_units=lead,
            partner_units=partners,
            timeframe=_timeframe(it, text, year, period, _heading_timeframe(sec, by_id, year)),
            citations=_citations(it, text),
            parent_index=parent_index,
        )
        if b.marker != Marker.PLUS and sec is not None and parent_index is None:
            last_top[sec.section_id] = len(tasks)
        tasks.append(task)
    return tasks


def _text_and_label(it: Item) -> tuple[str, str]:
    """A task's text (whitespace made single) and its number in the plan."""
    if it.table:
        text, label = it.table.text, it.table.label
    else:
        text, label = it.block.body, it.block.label if it.block.marker in NUMBERED else ""
    return " ".join(text.split()), label


def _opens_with_lead(text: str) -> bool:
    """ "Chủ trì ...": the item states what its heading's unit leads."""
    return fold(text).startswith(("chu tri", "- chu tri"))


def _parent_index(it: Item, label: str, last_top: dict[str, int]) -> int | None:
    """The task a "+" item, or row "a" of row 3.2, belongs to: the latest one of its section."""
    sec = it.section
    if sec is None or sec.section_id not in last_top:
        return None
    if (it.table and re.fullmatch(r"[a-zđ]", label)) or it.block.marker == Marker.PLUS:
        return last_top[sec.section_id]
    return None


def _heading_timeframe(sec: Section | None, by_id: dict[str, Section], year: int | None) -> str | None:
    """A quarter or month heading above the task ("Quý I", "Tháng 7"): its timeframe."""
    s = sec
    while s is not None:
        if s.block is not None and s.block.marker in (Marker.QUARTER, Marker.MONTH):
            if s.block.marker == Marker.MONTH and year and "/" not in s.label:
                return f"{s.label}/{year}"  # ("Tháng 7" is a timeframe with its year only)
            return s.label
        s = by_id.get(s.parent_id) if s.parent_id else None
    return None


def _timeframe(it: Item, text: str, year: int | None, period: str | None, fallback: str | None) -> Timeframe:
    """From the row's time column or marked periods, else from the text, else the heading's."""
    time_text = it.table.time if it.table else None
    if it.table and not time_text and it.table.marks:
        time_text = _marked_periods(it.table.marks, year)
    if not time_text:
        return resolve(text, year, period, fallback)
    tf = resolve(time_text, year, period)
    return Timeframe(time_text, None, None, tf.recurring) if tf.text is None else tf


def _citations(it: Item, text: str) -> list[Citation]:
    """The documents a task cites; a footnote's belong to the row it annotates."""
    citations = find_references(text)
    if it.table and it.table.notes:
        seen = {c.ref_id for c in citations}
        citations += [c for c in find_references(it.table.notes) if c.ref_id not in seen]
    return citations


def _theme(sec: Section | None, text: str) -> int | None:
    """The section's theme, else the text's; the implementation part's tasks are theme 0."""
    theme = sec.theme if sec is not None and sec.theme is not None else classify_theme(text)
    if theme is None and sec is not None and sec.kind == PartKind.IMPLEMENTATION:
        return 0
    return theme
