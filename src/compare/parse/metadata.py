"""Document metadata from the header block, the title, the preamble and the signature.

Headers arrive in many states: two columns run together on one line, table cells as '|'
lines, dates split over lines, OCR damage, or no header at all (then the issuer is read from
the preamble, the number code and the signature). Every rule here keys on the administrative
format (Nghị định 30/2020/NĐ-CP), never on a particular plan.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from compare.parse.lines import Line
from compare.parse.record import Record
from compare.parse.structure import Anatomy
from compare.text.lexicon import (
    AGENCY_BY_FOLD,
    CENTRAL_CITIES,
    PROVINCE_BY_FOLD,
    SIGNER_TITLES,
    SURNAMES,
    district_provinces,
)
from compare.text.numerals import QUARTER_NUMBER
from compare.text.restore import damaged
from compare.text.vietnamese import (
    fold,
    fold_same_length,
    normalize,
    restore_case,
    syllable_stats,
)
from compare.text.vocabulary import PLAN_KINDS, head_pattern, kind_pattern

_MOTTO = re.compile(
    r"\b(c[o0]ng h[o0]a x[a4] h[o0q]i|[dpđb][o0]c l[a4]p\s*[-–—]|t[uư] d[o0]\s*[-–—]\s*h|h[a4]nh ph"
    r"|[dđp][a4]ng c[o0]ng s[a4]n vi[e3]t nam)",  # (a Party body's header: "ĐẢNG CỘNG SẢN VIỆT NAM")
    re.I,
)
# "Số" as OCR and a restorer leave it ("S6", "SO"; "Sở", "Sổ" only before the number's figures)
_NUMBER_LABEL = r"\bS(?:[ốoô6óỐO0]|[ởổơỞỔƠ](?=\s*:?\s*\d))"
_NUMBER = re.compile(
    _NUMBER_LABEL + r"\s*:?\s*([0-9]{0,5})\s*[/|]\s*([A-Za-zĐđ&]{1,12}(?:\s*-\s*[A-Za-zĐđ&]{1,15}){0,3})"
)
# a Party body's numbers: "Số 45-KH/ĐU", "Số: 12-CTr/TU" (number, type, then the issuer)
_PARTY_NUMBER = re.compile(
    _NUMBER_LABEL
    + r"\s*:?\s*([0-9]{1,5})\s*-\s*([A-ZĐ][A-Za-zĐđ]{0,5})\s*/\s*([A-ZĐ][A-Za-zĐđ&]{0,14}(?:\s*-\s*[A-Za-zĐđ&]{1,15}){0,2})"
)
# ("... tháng 01 âm 2024": the word for year is whatever a restorer made of a damaged "nam")
_DATE = re.compile(r"\bng\w{1,3}\s*(\d{1,2})\s*th\w{1,4}\s*(\d{1,2})\s*(?:n\w{1,2}m|\w{2,3})\s*(\d{4})", re.I)
# "Củ Chi, ngày 10/3/2025": the place line's date in figures (after the place's comma, not a
# cited document's "ngày 25/02/2025")
_PLACE_SLASH_DATE = re.compile(r",\s*ng\w{1,3}\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b", re.I)
# "12 /KH-UBND": the number alone in a cell, its "Số:" in the cell above
_BARE_NUMBER = re.compile(r"^\d{1,5}\s*[-/]\s*(?:\d{4}\s*/\s*)?[A-ZĐ][A-ZĐa-zđ]*(?:\s*[-/]\s*[A-ZĐ][A-ZĐa-zđ&]*)+\s*$")
_BARE_PLACE = re.compile(r"^(Tỉnh|tỉnh|Thành phố|thành phố|TP\.?)\s+(\S.*)$")
_BLANK_DATE = re.compile(r"\bngày\s+tháng\s+năm\s+(\d{4})", re.I)
_PLACE_DATE = re.compile(r"([A-ZĐÂĂÊÔƠƯ][\w]*(?:\s+[A-ZĐÂĂÊÔƠƯ][\w]*){0,3})\s*,\s*ng\w{1,3}\b")
_ISSUER_IN_PREAMBLE = re.compile(
    rf"((?<![-/\w]){head_pattern('issuer')}(?:\s+[^\s;.:]+){{1,12}}?)"
    rf"\s+(?:có|ban hành|lập|xây dựng|triển khai|thực hiện)\s+{kind_pattern(plans_only=True, both_cases=True)}\b"
)
# The same on the accent-folded text, letter for letter: a scan whose marks were lost or
# restored wrong ("Sở Giáo dục và Đào tạo bàn hanh Kế hoạch")
_ISSUER_IN_PREAMBLE_FOLDED = re.compile(
    rf"((?<![-/\w]){head_pattern('issuer', 'folded')}(?:\s+[^\s;.:]+){{1,12}}?)"
    rf"\s+(?:co|ban hanh|lap|xay dung|trien khai|thuc hien)\s+{kind_pattern(plans_only=True, folded=True)}\b"
)
# a cell that opens with a plan's kind ("KẾ HOẠCH"): the title, not an organisation
_PLAN_KIND_FOLDED = re.compile(rf"^{kind_pattern(plans_only=True, folded=True)}\b")
_ORG_HEAD = re.compile(rf"^{head_pattern('issuer')}\b")
_LEVEL_WORDS = {
    "phường": "commune",
    "xã": "commune",
    "thị trấn": "commune",
    "quận": "district",
    "huyện": "district",
    "thị xã": "district",
}
# "UBND phường", "trực thuộc xã": the word after these names the level of a People's Committee
_LEVEL_AFTER = re.compile(
    r"\b(?:ubnd|uy ban nhan dan|dia ban|thuoc|truc thuoc)\s+(" + "|".join(fold(w) for w in _LEVEL_WORDS) + r")\b"
)
_ADMIN_PREFIXES = ("tinh ", "thanh pho ", "huyen ", "quan ", "thi xa ", "phuong ", "xa ", "thi tran ")
_ADMIN_WORDS = tuple(" " + p.strip() for p in _ADMIN_PREFIXES)
_ROLES = [(f"pho {f}", f"Phó {title}") for f, title in SIGNER_TITLES] + SIGNER_TITLES  # ("phó ..." first)
# one group per role, "d" also as OCR's "p" for "Đ" ("GIAM POC")
_ROLE_RE = re.compile(
    r"^(?:(?:kt|tm|tl|tuq|q)\.?\s+)?(?:" + "|".join(f"({r.replace('d', '[dp]')})" for r, _ in _ROLES) + r")\b"
)


# A span of years in a (folded) title: "giai doan 2018 - 2020", "nhiem ky 2026-2031",
# "2021 – 2025"; the end after the start and at most ten years on.
_YEAR_SPAN = re.compile(r"\b((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\b")


def _year_span(folded_title: str) -> tuple[int, int] | None:
    for m in _YEAR_SPAN.finditer(folded_title):
        start, end = int(m.group(1)), int(m.group(2))
        if start < end <= start + 10:
            return start, end
    return None


@dataclass
class Metadata:
    issuer: str | None = None
    parent: str | None = None
    jurisdiction: str | None = None
    admin_level: str | None = None
    doc_type: str | None = None
    number: str | None = None
    issued_date: dt.date | None = None
    year: int | None = None
    period: str = "year"
    period_start_year: int | None = None
    period_end_year: int | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    text_quality: str = "clean"
    place: str | None = None


# A parent body and the issuing agency in one header cell: split where the agency word starts
# (place names never contain these words).
_PARENT_THEN_AGENCY = re.compile(
    r"^((?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ)\s+.+?)\s+"
    rf"({head_pattern('agency', 'upper')}\s+\S.*)$"
)


_HTML_BREAK = re.compile(r"(?i)<br\s*/?>")
_COLUMN_GAP = re.compile(r"\s{3,}|\t+")
_MARKUP_OR_RULE = re.compile(r"[*#_]+|[-=~–—]{3,}")


def _header_cells(lines: list[Line]) -> list[str]:
    """Header lines → cells: '|' cells and runs of 3+ spaces split two-column headers."""
    cells: list[str] = []
    for line in lines:
        # the raw side keeps the columns' spacing; normalised like the clean text ("UỶ" → "ỦY")
        raw = _HTML_BREAK.sub("|", normalize(line.raw.replace("\u00a0", " ")))
        parts = [p for chunk in raw.split("|") for p in _COLUMN_GAP.split(chunk)]
        for p in parts:
            p = _MARKUP_OR_RULE.sub("", p).strip()
            if p:
                cells.append(" ".join(p.split()))
    return cells


def _drop_motto(cell: str) -> str:
    m = _MOTTO.search(fold(cell))
    return cell[: m.start()].strip(" -–") if m else cell


def _match_agency(name: str) -> str | None:
    """An OCR-damaged or all-caps department name → its standard spelling, when close."""
    key = fold(name).replace("pao", "dao").replace("0", "o")
    hit = process.extractOne(key, list(AGENCY_BY_FOLD), scorer=fuzz.ratio, score_cutoff=88)
    return AGENCY_BY_FOLD[hit[0]] if hit else None


_FOLDED_HEAD = re.compile(rf"{head_pattern('issuer', 'folded')}\b")


def _issuer_in_scanned_preamble(preamble: str, counts: defaultdict[str, float]) -> str | None:
    """'..., So Giao duc va Dao tao Hai Phong ban hanh Ke hoach': the issuer that names itself in
    a scan's preamble, found accent-folded (marks lost, or restored wrong); the last capitalised
    body before the verb, a province after it counted for the jurisdiction."""
    found = list(_ISSUER_IN_PREAMBLE_FOLDED.finditer(fold_same_length(preamble)))
    if not found:
        return None
    segments = " ".join(preamble[found[-1].start(1) : found[-1].end(1)].split()).split(", ")
    heads = [i for i, seg in enumerate(segments) if seg[:1].isupper() and _FOLDED_HEAD.match(fold(seg))]
    if not heads:
        return None
    words = ", ".join(segments[heads[-1] :]).split()
    folded = fold(" ".join(words))
    for key, prov in sorted(PROVINCE_BY_FOLD.items(), key=lambda kv: len(kv[0]), reverse=True):
        if folded.endswith(" " + key) and len(key.split()) < len(words):
            counts[prov] += 5
            words = words[: -len(key.split())]
            if fold(words[-1]) in ("tinh", "pho") and len(words) > 2:
                words = words[:-2] if fold(" ".join(words[-2:])) == "thanh pho" else words[:-1]
            break
    return " ".join(words)


def _match_province(name: str) -> str | None:
    key = fold(name)
    if key in PROVINCE_BY_FOLD:
        return PROVINCE_BY_FOLD[key]
    hit = process.extractOne(key, list(PROVINCE_BY_FOLD), scorer=fuzz.ratio, score_cutoff=90)
    return PROVINCE_BY_FOLD[hit[0]] if hit else None


def _fix_place_in(name: str) -> tuple[str, str | None]:
    """Repair the place at the end of 'UBND THÀNH PHỐ HAI PHONG' → 'UBND thành phố Hải Phòng'."""
    m = re.search(r"(tỉnh|thành phố|thanh pho|tinh|TỈNH|THÀNH PHỐ|THANH PHO|TINH)\s+(.+)$", name)
    restored = restore_case(name)
    if not m:
        return restored, None
    prov = _match_province(m.group(2))
    if not prov:
        return restored, None
    word = "tỉnh" if fold(m.group(1)) == "tinh" else "thành phố"
    head = restore_case(name[: m.start()].strip()) if name[: m.start()].strip() else ""
    if fold(head) in ("ubnd", "uy ban nhan dan"):
        head = "UBND" if fold(head) == "ubnd" else "Ủy ban nhân dân"
    return f"{head} {word} {prov}".strip(), prov


_PROVINCE_BY_WORDS: dict[tuple[str, ...], str] = {tuple(p.split()): p for p in PROVINCE_BY_FOLD.values()}
_PROVINCE_FIRST = {words[0] for words in _PROVINCE_BY_WORDS}
_STRONG_BEFORE = {"tỉnh", "phố", "ủy", "tp", "tp."}


_SPLITTERS = ",;.("  # punctuation that stands as a word of its own between names
_PROVINCE_START = re.compile(
    "(?:"
    + "|".join(sorted(map(re.escape, _PROVINCE_FIRST), key=len, reverse=True))
    + rf")(?![^\s{re.escape(_SPLITTERS)}])"
)
_NAME_WORD = re.compile(rf"[{re.escape(_SPLITTERS)}]|[^\s{re.escape(_SPLITTERS)}]+")


def _word_before(text: str, i: int) -> str:
    """The word (or punctuation mark) that ends before position `i`, as _province_mentions
    splits the text; '' at the start."""
    j = i
    while j and text[j - 1].isspace():
        j -= 1
    if not j or text[j - 1] in _SPLITTERS:
        return text[j - 1 : j]
    k = j
    while k and not text[k - 1].isspace() and text[k - 1] not in _SPLITTERS:
        k -= 1
    return text[k:j]


def _province_mentions(text: str) -> defaultdict[str, float]:
    """Province names in the text; a name after 'tỉnh', 'thành phố', 'Thành ủy' counts double.

    Words are runs of non-space text, with , ; . ( as words of their own. Only the places
    where a province's first word stands are looked at (a regex finds them)."""
    counts: defaultdict[str, float] = defaultdict(float)  # weights: a strong mention counts 1, another 0.5
    for m in _PROVINCE_START.finditer(text):
        i = m.start()
        if i and not text[i - 1].isspace() and text[i - 1] not in _SPLITTERS:
            continue  # inside a word
        words = [w.group() for w, _ in zip(_NAME_WORD.finditer(text, i), range(4))]
        for n in (4, 3, 2, 1):
            name = _PROVINCE_BY_WORDS.get(tuple(words[:n])) if len(words) >= n else None
            if name:
                before = _word_before(text, i)
                if before == ".":  # "TP. Hải Phòng": the dot is a word of its own here
                    before = _word_before(text, text.rindex(".", 0, i)) + "."
                strong = before.lower() in _STRONG_BEFORE
                counts[name] += 1.0 if strong else 0.5
                break
    return counts


# "huyện Cần Giuộc", "quận Hải An", "thị xã Kinh Môn", "TP. Thủ Đức": a district named by its kind,
# then its name in capitalised words
_DISTRICT_NAMED = re.compile(
    r"(?<!\w)(?:[Hh]uyện|[Qq]uận|[Tt]hị xã|[Tt]hành phố|TP\.?)\s+((?:[A-ZĐÀ-Ỹ][^\s,;.()]*)(?:\s+[A-ZĐÀ-Ỹ][^\s,;.()]*){0,3})"
)


def _district_provinces(names: list[str]) -> defaultdict[str, float]:
    """The provinces of the districts named (the longest known run of a name's words), each
    named district counting once; a name that several provinces share says nothing."""
    gazetteer = district_provinces()
    counts: defaultdict[str, float] = defaultdict(float)
    for name in names:
        words = fold(name).split()
        for n in range(len(words), 0, -1):
            provinces = gazetteer.get(" ".join(words[:n]))
            if provinces:
                if len(provinces) == 1:
                    counts[next(iter(provinces))] += 1.0
                break
    return counts


def _level_of(issuer: str) -> str:
    f = fold(issuer)
    if f.startswith(("so ", "thanh tra", "van phong", "ban ")):
        return "department"
    # ("cơ quan", "Quân sự" fold to the "quan" of "quận": not a level)
    words = re.sub(r"\bco quan\b|\bquan (?:su|doi|khu)\b", " ", f)
    for word, level in _LEVEL_WORDS.items():
        if re.search(rf"\b{fold(word)}\b", words):
            return level
    if re.search(r"\b(tinh|thanh pho)\b", f):
        # "thành phố" of a province is the province; a city inside one is a district
        tail = re.search(r"\b(?:tinh|thanh pho)\s+(.+)$", f)
        if tail and tail.group(1) in PROVINCE_BY_FOLD:
            return "province"
        if tail is None:  # a body of the province that names none: "Công an tỉnh", "Đảng ủy các cơ quan tỉnh"
            return "province" if f.startswith(("uy ban nhan dan", "ubnd")) else "department"
        return "district"
    if f.startswith("phong "):
        return "district"
    return "department"


def _initials(name: str) -> str:
    """'Sở Giáo dục và Đào tạo' → 'SGDĐT' (the issuer code agencies write in numbers)."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in ("và", "các")]
    return "".join(w[0].upper() for w in words)


def _repair_code(code: str, issuer: str | None) -> str:
    if not issuer:
        return code
    ini = _initials(issuer)
    parts = code.split("-")
    fixed = [ini if fold(p) == fold(ini) and p != ini else p for p in parts]
    return "-".join(fixed)


def _caps_tail(cell: str) -> str:
    """The words in capitals that end a cell ("GIÁM ĐỐC" of "- Lưu: VT, VP. GIÁM ĐỐC")."""
    words = cell.split()
    n = len(words)
    # (a word that ends a sentence or a list, "VP." or "VT,", is not the title's: "KT." is)
    while (
        n
        and words[n - 1].isupper()
        and not words[n - 1].endswith((",", ";", ":"))
        and (not words[n - 1].endswith(".") or words[n - 1][:-1].lower() in ("kt", "tm", "tl", "tuq", "q"))
    ):
        n -= 1
    return " ".join(words[n:]) if n else ""


def _signature(anatomy: Anatomy) -> tuple[str | None, str | None]:
    role = None
    name = None
    cells: list[str] = []
    for b in anatomy.closing:
        for line in b.lines:
            cells.extend(_header_cells([line]))
    for cell in cells:
        f = fold(cell)
        f = re.sub(r"^noi nh\w*\s*:?\s*", "", f)
        m = _ROLE_RE.match(f)
        if not m:
            # the signature column run into the recipients' last line ("- Lưu: VT, VP. GIÁM ĐỐC")
            f = fold(_caps_tail(cell))
            m = _ROLE_RE.match(f) if f else None
        if m and len(f) < 60:
            role = _ROLES[m.lastindex - 1][1] if m.lastindex else None
    for cell in cells:
        words = cell.split()
        if cell.isupper() and not _ROLE_RE.match(fold(cell)):  # a name set in capitals: "NGUYỄN VĂN LINH"
            words = [w[:1] + w[1:].lower() for w in words]
        if _person(words):
            name = " ".join(words)
    if name is None:
        # the signer's name run into the recipients' last line ("- Lưu: VT, VP. Trần Văn Hùng")
        for cell in cells:
            if _ARCHIVE.search(fold(cell)):
                tail = _name_tail(cell.split())
                name = " ".join(tail) if tail else name
    return name, role


_ARCHIVE = re.compile(r"\bluu\b\s*:")  # "Lưu: VT", the last of the recipients


def _person(words: list[str]) -> bool:
    """A person's name: two to five capitalised words, the first a surname."""
    return 2 <= len(words) <= 5 and words[0] in SURNAMES and all(w[:1].isupper() and w[1:].islower() for w in words)


def _name_tail(words: list[str]) -> list[str]:
    """The person's name that ends `words` (set in capitals or not), or []."""
    n = len(words)
    while (
        n and words[n - 1].isalpha() and (words[n - 1].isupper() or words[n - 1][1:].islower()) and len(words) - n < 5
    ):
        n -= 1
    tail = [w[:1] + w[1:].lower() for w in words[n:]]
    while tail and not _person(tail):  # ("VP. Trần Văn Hùng": from the surname on)
        tail = tail[1:]
    return tail


@dataclass
class _Source:
    """What the field readers look at: the header's cells and text, and the whole text."""

    anatomy: Anatomy
    cells: list[str]
    header_text: str
    full_text: str


def extract(
    anatomy: Anatomy, lines: list[Line], stats: tuple[int, int, int] | None = None, record: Record | None = None
) -> Metadata:
    """The documents row of a plan, field group by field group (each reader fills its fields of
    `md` and may read those that an earlier one filled). A portal's `record` of the document,
    and the plan's one-line name, fill what the header leaves empty."""
    header_lines = [ln for b in anatomy.header for ln in b.lines]
    title_lines = [ln for b in anatomy.title_blocks for ln in b.lines]
    src = _Source(
        anatomy,
        _header_cells(header_lines + title_lines[:1]),
        " ".join(ln.text for ln in header_lines + title_lines),
        "\n".join(ln.text for ln in lines if ln.kind in ("text", "table")),
    )
    md = Metadata(doc_type=anatomy.doc_type)
    number_code, party = _number(md, src.header_text)
    _issued_date(md, src.header_text)
    _place(md, src.cells)
    province_hint = _issuer_from_header(md, src.cells)
    rec = (record or Record()).merge(anatomy.named)
    _from_record(md, rec)
    party = party or bool(re.match(r"\d+-", md.number or ""))
    counts = _province_counts(md, src.full_text, province_hint)
    if not md.issuer:
        _issuer_from_preamble(md, src, counts)
    if not md.issuer and md.place and not _match_province(md.place):
        _committee_below_province(md, src, number_code)
    _jurisdiction(md, src.full_text, counts)
    if md.issuer:
        _written_out_issuer(md, party)
    _parent(md, src.full_text)
    md.title = anatomy.title or rec.title
    _year(md, src.header_text)
    md.period = _period(fold(md.title or ""))
    if md.period_start_year is None and md.year is not None:
        md.period_start_year = md.period_end_year = md.year
    md.signer, md.signer_title = _signature(anatomy)
    md.signer = md.signer or rec.signer
    if damaged(stats or syllable_stats(src.full_text)):
        md.text_quality = "ocr"
    return md


def _number(md: Metadata, header_text: str) -> tuple[str | None, bool]:
    """The number ("979/KH-SGDĐT", a Party's "12-KH/TU"): (the state-style code after the
    number, "KH-UBND", or None; whether the number is a Party one)."""
    m = _NUMBER.search(header_text)
    if m:
        code = re.sub(r"\s+", "", m.group(2))
        md.number = f"{m.group(1)}/{code}" if m.group(1) else None
        return code, False
    party = _PARTY_NUMBER.search(header_text)
    if party:
        issuer_code = "".join(party.group(3).split())
        md.number = f"{party.group(1)}-{party.group(2)}/{issuer_code}"
    return None, party is not None


def _from_record(md: Metadata, rec: Record) -> None:
    """What a portal's record (or the plan's one-line name) gives where the header gives
    nothing: the kind, number, date and issuer. A bare place as the issuer ("Thành phố Cần
    Thơ", "do tỉnh Cao Bằng ban hành") is its People's Committee when the number says UBND."""
    md.doc_type = md.doc_type or (rec.kind if rec.kind in PLAN_KINDS else None)
    md.number = md.number or rec.number
    md.issued_date = md.issued_date or rec.issued_date
    issuer = rec.issuer or rec.place
    if md.issuer is None and issuer:
        place = _BARE_PLACE.match(issuer)
        if place and fold(md.number or "").endswith("-ubnd"):
            word = "thành phố" if place.group(1).startswith("TP") else place.group(1).lower()
            issuer = f"Ủy ban nhân dân {word} {place.group(2)}"
        if not place or issuer != rec.place:
            md.issuer = issuer


def _issued_date(md: Metadata, header_text: str) -> None:
    d = _DATE.search(header_text) or _PLACE_SLASH_DATE.search(header_text)
    if d:
        try:
            md.issued_date = dt.date(int(d.group(3)), int(d.group(2)), int(d.group(1)))
        except ValueError:
            md.issued_date = None


def _place(md: Metadata, cells: list[str]) -> None:
    """The place of the "Hải Phòng, ngày ..." line, a province in its standard spelling."""
    for cell in cells:
        pm = _PLACE_DATE.search(cell)
        if pm:
            words = pm.group(1).split()
            # "/KH-SGDĐT Bình Phước, ngày": a code that ran into the place is not part of it
            while len(words) > 1 and words[0].isupper() and len(words[0]) > 1 and not words[1].isupper():
                words.pop(0)
            # a province's name in its standard spelling: a scan's "Binh Phuoc" is Bình Phước
            place = " ".join(words)
            md.place = _match_province(place) or place
            return


def _issuer_from_header(md: Metadata, cells: list[str]) -> str | None:
    """Parent and issuer from the header's organisations; gives the province a name holds."""
    orgs = _merge_wrapped(_header_orgs(cells))[:2]
    if len(orgs) >= 2:
        md.parent, province_hint = _fix_place_in(orgs[0])
        md.issuer = _match_agency(orgs[1]) or _fix_place_in(orgs[1])[0]
        return province_hint
    if len(orgs) == 1:
        issuer, province_hint = _fix_place_in(orgs[0])
        md.issuer = _match_agency(orgs[0]) or issuer
        return province_hint
    return None


def _no_organisation(c: str) -> bool:
    """A header cell that is not an organisation's name: the number, the date, a list item, the
    title's first words, the motto's tail."""
    f = fold(c)
    return (
        not c
        or bool(_NUMBER.search(c) or _PARTY_NUMBER.search(c) or _DATE.search(c) or _BARE_NUMBER.match(c))
        or re.search(r",\s*ng\w{1,3}\b", c) is not None
        # an item of a list (a web page's menu, "- TRANG CHỦ"): no organisation of the header
        or c[:2] in ("- ", "+ ", "* ")
        or _PLAN_KIND_FOLDED.match(f) is not None
        or (f.startswith(("so:", "so ")) and ":" in c[:4])
        # "VIỆT NAM": the motto's tail, wrapped onto a line of its own
        or (len(f) > 3 and "cong hoa xa hoi chu nghia viet nam".endswith(" " + f))
    )


def _header_orgs(cells: list[str]) -> list[str]:
    """Organisations in the header: cells in capitals left once motto, number, date and title
    are gone ("UBND TỈNH LONG AN SỞ TƯ PHÁP" in one cell gives two)."""
    orgs: list[str] = []
    for cell in cells:
        c = _drop_motto(cell)
        if _no_organisation(c):
            continue
        letters = [ch for ch in c if ch.isalpha()]
        if len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.7 * len(letters):
            both = _PARENT_THEN_AGENCY.match(c)
            orgs.extend([both.group(1), both.group(2)] if both else [c])
    return orgs


def _continues_name(last: str, o: str) -> bool:
    """Whether the caps line `o` continues the organisation's name whose folded text is `last`."""
    fo = fold(o)
    return (
        last.endswith((" va", " và", "-"))
        or fo.startswith(("va ", "dao tao"))
        or (last in ("uy ban nhan dan", "ubnd", "hoi dong nhan dan", "so") and fo.startswith(_ADMIN_PREFIXES))
        or fo in ("tinh", "thanh pho")
        or (
            last.startswith(("uy ban nhan dan ", "ubnd "))
            and last.endswith(_ADMIN_WORDS)
            and not _ORG_HEAD.match(restore_case(o))
        )
        # "BAN CHỈ ĐẠO CÔNG TÁC DÂN VẬN" / "THÀNH PHỐ ĐÀ NẴNG": a body that names no place,
        # then a place alone, is one name
        or (fo.startswith(_ADMIN_PREFIXES) and not any(w + " " in last + " " for w in _ADMIN_WORDS))
    )


def _merge_wrapped(orgs: list[str]) -> list[str]:
    """A name wrapped over two caps lines made one ("SỞ GIÁO DỤC VÀ" / "ĐÀO TẠO", "ỦY BAN NHÂN
    DÂN" / "TỈNH QUẢNG NINH", "ỦY BAN NHÂN DÂN TỈNH" / "HÀ TĨNH")."""
    merged: list[str] = []
    for o in orgs:
        if merged and _continues_name(fold(merged[-1]), o):
            merged[-1] = merged[-1] + " " + o
        else:
            merged.append(o)
    return merged


def _province_counts(md: Metadata, full_text: str, province_hint: str | None) -> defaultdict[str, float]:
    """Votes for the plan's province: mentions in the first pages, the place line, the header."""
    counts = _province_mentions(full_text[:8000])  # the header, preamble and first parts name the place
    prov = _match_province(md.place) if md.place else None
    if prov:
        counts[prov] += 3
    if province_hint:
        counts[province_hint] += 5
    return counts


def _issuer_from_preamble(md: Metadata, src: _Source, counts: defaultdict[str, float]) -> None:
    """ "... của Sở Nội vụ": the issuer named in the preamble, where the header names none (a
    trailing province's name is the jurisdiction, and votes for it)."""
    preamble = " ".join(it.block.text for it in src.anatomy.items if it.role == "preamble") or src.full_text[:4000]
    found = list(_ISSUER_IN_PREAMBLE.finditer(preamble))
    if not found:  # (marks lost or restored wrong, or an odd case: "Ban Hành", "Kế Hoạch")
        in_preamble = _issuer_in_scanned_preamble(preamble, counts)
        if in_preamble:
            md.issuer = _match_agency(in_preamble) or in_preamble
        return
    name = " ".join(found[-1].group(1).split())  # the issuer names itself last, after what it cites
    # "... của Ủy ban nhân dân thành phố, Sở Ngoại vụ": the last body named is the issuer
    segments = name.split(", ")
    heads = [i for i, seg in enumerate(segments) if _ORG_HEAD.match(seg) or _match_agency(seg)]
    if heads:
        name = ", ".join(segments[heads[-1] :])
    for prov in sorted(PROVINCE_BY_FOLD.values(), key=len, reverse=True):
        suffix = next((s for s in (f" tỉnh {prov}", f" thành phố {prov}", f" {prov}") if name.endswith(s)), None)
        if suffix:
            counts[prov] += 5
            name = name[: -len(suffix)]
    md.issuer = _match_agency(name) or name


def _committee_below_province(md: Metadata, src: _Source, number_code: str | None) -> None:
    """A People's Committee below the province: the number code says UBND and the place line
    names the ward or district; the text says which level it is."""
    sig = fold(" ".join(b.text for b in src.anatomy.closing))
    if (number_code and fold(number_code).endswith("ubnd")) or "uy ban nhan dan" in sig:
        named = Counter(_LEVEL_AFTER.findall(fold(src.full_text)))
        level_counts = {w: named[fold(w)] for w in _LEVEL_WORDS}
        word = max(level_counts, key=lambda w: level_counts[w])
        if level_counts[word]:
            md.issuer = f"Ủy ban nhân dân {word} {md.place}"


def _jurisdiction(md: Metadata, full_text: str, counts: defaultdict[str, float]) -> None:
    """The province with most votes; with none, the province of the district the plan names."""
    if not counts:
        # No province named: a district plan ("Phòng Nội vụ", "UBND huyện Cần Giuộc", "Cần
        # Giuộc, ngày ...") lies in the province of the district it names
        named = " ".join(filter(None, [md.parent, md.issuer, full_text[:8000]]))
        districts = [m.group(1) for m in _DISTRICT_NAMED.finditer(named)]
        # (the place line of a ward's plan names the ward: "Đông Hải" is also a district elsewhere)
        if md.place and not (md.issuer and _level_of(md.issuer) == "commune"):
            districts.append(md.place)
        counts = _district_provinces(districts)
    if counts:
        md.jurisdiction = max(sorted(counts), key=lambda p: counts[p])


def _written_out_issuer(md: Metadata, party: bool) -> None:
    """The issuer written out ("Ủy ban nhân dân phường X"; parents keep the usual "UBND"), its
    level, and the number's code repaired from it."""
    assert md.issuer is not None
    md.issuer = re.sub(r"^UBND\b", "Ủy ban nhân dân", md.issuer)
    md.admin_level = _level_of(md.issuer)
    if md.number and "-" in md.number and not party:
        num, code = md.number.split("/", 1)
        md.number = f"{num}/{_repair_code(code, md.issuer)}"


def _parent(md: Metadata, full_text: str) -> None:
    """The People's Committee of the province, for a plan below it that names no parent: "thành
    phố" or "tỉnh" as the text says it (where it does not, as the province is)."""
    if md.parent is None and md.admin_level in ("department", "district", "commune") and md.jurisdiction:
        province = re.escape(md.jurisdiction)
        city = re.search(rf"thành phố\s+{province}", full_text) is not None or (
            md.jurisdiction in CENTRAL_CITIES and re.search(rf"tỉnh\s+{province}", full_text) is None
        )
        word = "thành phố" if city else "tỉnh"
        md.parent = f"UBND {word} {md.jurisdiction}"


def _year(md: Metadata, header_text: str) -> None:
    """The year the title names ("năm 2026"); a span ("giai đoạn 2018 - 2020") sets the period's
    years and the year of issue within it; else the issue date's year."""
    tf = fold(md.title or "")
    years = re.findall(r"\bn\w{0,2}m\s+(\d{4})\b(?!\s*[-–—]\s*\d{4})", tf)
    span = _year_span(tf)
    if span and not years:  # "giai đoạn 2018 - 2020", "nhiệm kỳ 2026 - 2031": a plan of several years
        md.period_start_year, md.period_end_year = span
        issued = md.issued_date.year if md.issued_date else None
        md.year = issued if issued is not None and span[0] <= issued <= span[1] else span[0]
    elif years or (years := re.findall(r"\b(20\d\d)\b", tf)):
        md.year = int(years[-1])
    elif md.issued_date:
        md.year = md.issued_date.year
    else:
        b = _BLANK_DATE.search(header_text) or re.search(r"\bnăm\s+(\d{4})\b", header_text)
        md.year = int(b.group(1)) if b else None


def _period(folded_title: str) -> str:
    """'H1', 'H2' (six months), 'Q1'..'Q4' (a quarter) or 'year', from the folded title.

    >>> _period("ke hoach cong tac 6 thang cuoi nam 2025"), _period("quy iii nam 2025")
    ('H2', 'Q3')
    """
    if re.search(r"\b0?6 th\w{1,4} (cuoi|sau)\b", folded_title):
        return "H2"
    if re.search(r"\b0?6 th\w{1,4} dau\b", folded_title):
        return "H1"
    q = re.search(r"\bquy (iv|iii|ii|i|[1-4])\b", folded_title)
    return f"Q{QUARTER_NUMBER[q.group(1)]}" if q else "year"
