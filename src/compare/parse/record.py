"""What a page says of a plan besides the plan's own header: a portal's record of the document
and a plan named on one line. Both are evidence for the metadata where the header is missing
or agrees with them, and they make a page a plan when its "KẾ HOẠCH" line is missing.

- A record: "Số hiệu | 767/KH-UBND |", "Ngày ban hành: 08/03/2024", "Cơ quan ban hành",
  "Người ký", "Loại văn bản" (the labels: text/vocab/portal_record.tsv).
- A one-line name, as portals and news pages title a plan: "Kế hoạch 767/KH-UBND năm 2024
  triển khai ... do tỉnh Cao Bằng ban hành", "Kế hoạch số 27-KH/BDVTU ngày 12/03/2019 của Ban
  Dân vận Tỉnh ủy Quảng Trị về ...".

>>> named_plan("Kế hoạch số 27-KH/BDVTU ngày 12/03/2019 của Ban Dân vận Tỉnh ủy về công tác năm 2019").number
'27-KH/BDVTU'
>>> read_record([(3, "Số hiệu | 412/KH-UBND |"), (4, "Loại văn bản: Kế hoạch")]).kind
'Kế hoạch'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from compare.parse.blocks import Block
from compare.text.vietnamese import fold
from compare.text.vocabulary import DOCUMENT_KINDS, KIND_BY_CODE, KIND_BY_SUBJECT, RECORD_FIELDS, kind_pattern

_KIND_OF = {fold(k.name).lower(): k.name for k in DOCUMENT_KINDS}
_RECORD_LINE = re.compile(r"^\|?\s*(?P<label>[^|:]{4,30}?)\s*[|:]\s*(?P<value>[^|]*?)\s*\|?\s*$")
_DATE = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)\b")
_NUMBER_TEXT = r"\d{1,5}(?:/(?:19|20)\d\d)?\s*[/-]\s*[A-ZĐ][A-Za-zĐđ&]*(?:\s*[/-]\s*[A-ZĐ][A-Za-zĐđ&]*){0,3}"
_NAMED = re.compile(
    rf"^(?P<kind>{kind_pattern(both_cases=True)})\s+(?:[Ss]ố\s*:?\s*)?(?P<number>{_NUMBER_TEXT})"
    r"(?:\s+(?:năm\s+)?(?P<year>(?:19|20)\d\d)\b)?"  # "Kế hoạch 412/KH-UBND năm 2024 ..."
    r"(?:\s*,?\s+ngày\s+(?P<date>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}))?"  # "... ngày 12/03/2019"
    r"(?:\s+(?:của|do)\s+(?P<issuer>.{3,120}?)(?=\s+(?:về|v/v|V/v|triển khai|thực hiện)\b))?"
    r"\s*(?:về\s+(?:việc\s+)?)?(?P<title>.*?)"
    r"(?:\s+do\s+(?P<by>[^,]{3,80}?)\s+ban\s+hành)?\s*\.?$"
)
_NAMED_MAX = 400  # a one-line name is a line, not a paragraph
# a Công văn names no kind on a line of its own: its subject line does ("V/v báo cáo ...")
_SUBJECT = re.compile(rf"^\s*({'|'.join(map(re.escape, KIND_BY_SUBJECT))})\s")


@dataclass
class Record:
    """A document's metadata as a portal records it (or a one-line name gives it)."""

    kind: str | None = None
    number: str | None = None
    issued_date: dt.date | None = None
    issuer: str | None = None
    signer: str | None = None
    place: str | None = None
    title: str | None = None
    lines: list[int] = field(default_factory=list)  # the source lines it was read from

    def merge(self, other: Record | None) -> Record:
        """This record, its gaps filled from `other`."""
        if other is None:
            return self
        for name in (f.name for f in fields(self) if f.name != "lines"):
            if getattr(self, name) is None:
                setattr(self, name, getattr(other, name))
        self.lines = sorted({*self.lines, *other.lines})
        return self

    def __bool__(self) -> bool:
        return any((self.kind, self.number, self.issued_date, self.issuer, self.signer, self.title))


def read_record(lines: Iterable[tuple[int, str]]) -> Record:
    """The fields of a portal's record among `lines` (their numbers in the source, their text;
    the record is empty unless two fields are found: one "Người ký: ..." line is no record)."""
    rec = Record()
    found: list[int] = []
    filled = 0
    for no, text in lines:
        m = _RECORD_LINE.match(text)
        name = RECORD_FIELDS.get(fold(m.group("label")).lower()) if m else None
        if m is None or name is None or not m.group("value"):
            continue
        found.append(no)
        value = None if name == "-" else _value(name, " ".join(m.group("value").split()))
        if value is not None and getattr(rec, name) is None:
            setattr(rec, name, value)
            filled += 1
    rec.lines = found
    return rec if filled >= 2 else Record()


def record_line(text: str) -> bool:
    """Is this line a field of a portal's record ("Số hiệu | 767/KH-UBND |")?"""
    m = _RECORD_LINE.match(text)
    return m is not None and fold(m.group("label")).lower() in RECORD_FIELDS


def _value(name: str, text: str) -> str | dt.date | None:
    if name == "kind":
        return _KIND_OF.get(fold(text).lower())
    if name == "number":
        return text.replace(" ", "") if re.fullmatch(_NUMBER_TEXT, text) else None
    if name == "issued_date":
        return _date(text)
    return text


def _date(text: str) -> dt.date | None:
    m = _DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def named_plan(text: str) -> Record | None:
    """A document named on one line: its kind, number and what else the line gives."""
    if len(text) > _NAMED_MAX:
        return None
    m = _NAMED.match(" ".join(text.replace("|", " ").split()))
    if m is None:
        return None
    rec = Record(kind=_KIND_OF[fold(m.group("kind")).lower()], number=re.sub(r"\s+", "", m.group("number")))
    rec.issued_date = _date(m.group("date") or "")
    rec.issuer = m.group("issuer")
    rec.place = m.group("by")
    title = m.group("title").strip(" .,:;-")
    if m.group("year") and not re.search(r"\b(?:19|20)\d\d\b", title):
        title = f"{title} năm {m.group('year')}"  # ("Kế hoạch 1024/KH-UBND 2022 thực hiện ...")
    rec.title = title[:1].upper() + title[1:] if title else None
    return rec


def number_kind(number: str | None) -> str | None:
    """The kind a number's type code names: "58/KH-UBND" and "15-KH/ĐU" are a Kế hoạch,
    "305/QĐ-UBND" a Quyết định (None where the number has no known code)."""
    m = re.match(r"^\d{1,5}(?:/(?:19|20)\d\d)?[/-]([A-Za-zĐđ]+)", number or "")
    return KIND_BY_CODE.get(m.group(1).upper()) if m else None


def stated_kind(blocks: list[Block], limit: int = 20) -> str | None:
    """The kind a document states near its start: a line that is a kind's name alone
    ("QUYẾT ĐỊNH"), a kind named with its number, or a letter's "V/v" subject line."""
    for b in blocks[:limit]:
        text = " ".join(b.text.replace("|", " ").split()).strip(" *_:")
        kind = _KIND_OF.get(fold(text).lower())
        if kind:
            return kind
        named = named_plan(b.lines[0].text)
        if named is not None:
            return named.kind
        subject = _SUBJECT.match(text)
        if subject:
            return KIND_BY_SUBJECT[subject.group(1)]
    return None
