"""A table region (below a header with "Stt") and its lines cut into rows, group headings
and footnotes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compare.parse.flat_tables.tokens import LETTER_LABEL, ROW_LABEL, SplitLine
from compare.parse.lines import Line
from compare.parse.markers import Marker, find_marker, terminated
from compare.text.vietnamese import fold
from compare.text.vocabulary import COLUMN_KEYS, COLUMN_NAMES, RECIPIENTS_LABEL, columns_named


def header_line(header: list[Line]) -> Line:
    """The table line that stands for a header's source lines: the columns' names, and their
    keys, so that the structure step takes them as they are."""
    return Line(
        header[0].no,
        "\n".join(ln.raw for ln in header),
        " | ".join(COLUMN_NAMES),
        kind="table",
        cells=list(COLUMN_NAMES),
        columns=COLUMN_KEYS,
        span=[ln.no for ln in header[1:]],
    )


def header_at(lines: list[Line], i: int) -> int | None:
    """If a table header starts at line i, the index of its last line."""
    seen: set[str] = set()
    j, taken = i, 0
    while j < len(lines) and taken < 5:
        ln = lines[j]
        if ln.kind == "blank":
            j += 1
            continue
        if ln.kind != "text" or len(ln.text) > 90 or (not taken and find_marker(ln.text)[0]):
            break  # "2. Nhiệm vụ cụ thể" names the part the table stands in; it is not its header
        words = ln.text.replace("|", " ").split()
        # the columns the line names (text/vocab/table_columns.toml), a unit's one or two as one
        found = {"units" if k in ("lead", "partner") else k for k in columns_named(ln.text) - {"notes"}}
        if not found and (not taken or len(words) > 2):
            break  # a header is made of column names (and a wrapped word or two)
        seen |= found
        taken += 1
        if {"stt", "text"} <= seen and len(seen) >= 3:
            # the header's last wrapped word ("thành" of "hoàn thành") still belongs to it
            k = j + 1
            while k < len(lines) and lines[k].kind == "blank":
                k += 1
            if (
                k < len(lines)
                and lines[k].kind == "text"
                and len(lines[k].text.split()) <= 2
                and not ROW_LABEL.match(lines[k].text.split()[0])
                and lines[k].text[:1].islower()
            ):
                return k
            return j
        j += 1
    return None


def region_end(lines: list[Line], start: int) -> int:
    for j in range(start, len(lines)):
        t = lines[j].text
        if lines[j].kind != "text":
            continue
        kind, _, body = find_marker(t)
        if kind == Marker.ROMAN:
            return j
        if kind == Marker.ARABIC and len(t) < 80 and body[:1].isupper() and not ROW_LABEL.match(t.split()[0]):
            return j
        if fold(t).startswith(RECIPIENTS_LABEL):
            return j
    return len(lines)


def caps_line(text: str) -> bool:
    body = re.sub(r"^[\d\s|.,\"'~]+", "", text)
    letters = [c for c in body if c.isalpha()]
    return len(body.split()) >= 3 and len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def caps_tail(text: str) -> bool:
    """'NGƯỜI DÂN', '2 | DÂN': the short last line of a heading in capitals."""
    text = re.sub(r"^\s*\d{1,2}\s*[|.]?\s*", "", text)
    letters = [c for c in text if c.isalpha()]
    return 1 <= len(text.split()) <= 4 and len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass
class Row:
    lines: list[SplitLine] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        return [s.label for s in self.lines if s.label]

    def numeric_label_at(self) -> list[int]:
        return [k for k, s in enumerate(self.lines) if s.label and not LETTER_LABEL.match(s.label)]


@dataclass
class Heading:
    lines: list[Line]
    number: str


# what a table region is read as, line by line: a split line, a heading, or a footnote's lines
Event = SplitLine | Heading | list[Line]
# and what its lines are cut into
Part = Row | Heading | list[Line]


def _starts_upper(text: str) -> bool:
    for c in text:
        if c.isalpha():
            return c.isupper()
        if c.isdigit():
            return False
    return False


def segment(events: list[Event], width: int) -> list[Part]:
    """Cut the region's line sequence into rows at the starts a content column shows: a
    capitalised line after a sentence's end, a short line, a heading or a footnote; then a
    row holding two row numbers is cut in two, and pieces without a number join the row above."""
    return _join_unnumbered(_cut_double_rows(_first_cut(events, width)))


def _row_starts(s: SplitLine, row: Row | None, last_content: str | None, width: int) -> bool:
    """Whether the content line `s` opens a new row."""
    if row is None:
        return True
    if not any(x.content for x in row.lines):
        return False  # the debris above a row's first content line belongs to that row
    return last_content is None or (
        _starts_upper(s.content)
        and (terminated(last_content) or len(last_content) < 0.72 * width or bool(s.label and ROW_LABEL.match(s.label)))
    )


def _first_cut(events: list[Event], width: int) -> list[Part]:
    out: list[Part] = []
    row: Row | None = None
    last_content: str | None = None
    for ev in events:
        if isinstance(ev, Heading):
            out.append(ev)
            row, last_content = None, None
        elif isinstance(ev, list):  # a footnote: annotates the row above it
            if row is not None:
                row.notes.extend(ev)
            else:
                out.append(ev)
            last_content = None
        elif row is None or (ev.content and _row_starts(ev, row, last_content, width)):
            row = Row([ev])
            out.append(row)
            last_content = ev.content or None
        else:
            row.lines.append(ev)
            last_content = ev.content or last_content
    return out


def _cut_double_rows(parts: list[Part]) -> list[Part]:
    """A row holding two row numbers is two rows: cut at the capitalised line between them."""
    fixed: list[Part] = []
    for item in parts:
        if not isinstance(item, Row):
            fixed.append(item)
            continue
        pending = item
        while len(at := pending.numeric_label_at()) >= 2:
            cut = next(
                (k for k in range(at[1], at[0], -1) if pending.lines[k].content
                 and _starts_upper(pending.lines[k].content)),
                None,
            )  # fmt: skip
            if cut is None:
                break
            fixed.append(Row(pending.lines[:cut]))
            pending = Row(pending.lines[cut:], pending.notes)
        fixed.append(pending)
    return fixed


def _join_unnumbered(parts: list[Part]) -> list[Part]:
    """Where rows carry their numbers, a piece without one (a capitalised name that opened a
    line, a wrapped column cell) belongs to the row above it."""
    rows = [p for p in parts if isinstance(p, Row)]
    numbered = sum(1 for r in rows if r.labels)
    merged: list[Part] = []
    for item in parts:
        prev = merged[-1] if merged else None
        if (
            isinstance(item, Row)
            and isinstance(prev, Row)
            and ((not item.labels and numbered >= 0.6 * len(rows)) or not any(x.content for x in item.lines))
        ):
            prev.lines.extend(item.lines)
            prev.notes.extend(item.notes)
            continue
        merged.append(item)
    return merged
