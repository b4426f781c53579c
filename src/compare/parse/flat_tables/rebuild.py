"""The step: every flattened table region of a plan's lines replaced by table lines (header,
group headings, rows)."""

from __future__ import annotations

import re
from collections.abc import Callable

from compare.parse.flat_tables.cells import clean_content, read_row
from compare.parse.flat_tables.rows import (
    Event,
    Heading,
    Row,
    caps_line,
    caps_tail,
    header_at,
    header_line,
    region_end,
    segment,
)
from compare.parse.flat_tables.tokens import LETTER_LABEL, STT, WIDTH_SHARE, SplitLine, split_line
from compare.parse.flat_tables.web_table import one_cell_per_line
from compare.parse.lines import Line, clean_line
from compare.parse.markers import find_marker, terminated

_ORPHAN_REACH = 200  # lines before and after a table where half of one of its headings may stand


def _orphan_caps(lines: list[Line], region: tuple[int, int]) -> list[int]:
    """Capital lines outside the table that interrupt a sentence: half a heading that a page
    break carried away (OCR reads a page's lines out of order)."""
    a, b = region
    # (a page break carries a heading's half to the page before or after the table: looked for
    # near it, so that a plan of many tables is read in time that grows with its length)
    near = range(max(0, a - _ORPHAN_REACH), min(len(lines), b + _ORPHAN_REACH))
    idx = [i for i in near if lines[i].kind == "text" and not (a <= i < b)]
    for n, i in enumerate(idx):
        if not caps_line(lines[i].text) or find_marker(lines[i].text)[0]:
            continue
        run = [i]
        m = n + 1
        while m < len(idx) and caps_line(lines[idx[m]].text) and len(run) < 4:
            run.append(idx[m])
            m += 1
        if n == 0 or m >= len(idx):
            continue
        before, after = lines[idx[n - 1]].text, lines[idx[m]].text
        if caps_line(before) or terminated(before) or not after.lstrip()[:1].islower():
            continue
        return run
    return []


def rebuild(lines: list[Line], restore: Callable[[str], str] | None = None) -> list[Line]:
    """Replace every flattened table region of `lines` by table lines (header, group headings,
    rows). `restore` repairs the text of a damaged (OCR) document; the column split is made on
    the source as OCR wrote it, so that restoration reads each cell's words in their own order."""
    # A table header names its number column "Stt"/"TT": without one, nothing to do (cheap).
    if not any(STT.search(ln.raw) for ln in lines if ln.kind == "text"):
        return lines
    # detection and splitting read the source as written (a restored "Stt" may read "Sát")
    view = [clean_line(ln.no, ln.raw) if restore is not None and ln.kind != "blank" else ln for ln in lines]
    out = list(lines)
    i = 0
    while i < len(view):
        ln = view[i]
        if ln.kind != "text" or "|" in ln.text[:1]:
            i += 1
            continue
        h_end = header_at(view, i)
        if h_end is None:
            i += 1
            continue
        end = region_end(view, h_end + 1)
        new = one_cell_per_line(view, i, h_end, end) or _rebuild_region(view, i, h_end, end, restore)
        if new is None:
            i += 1
            continue
        rows, moved = new
        view = view[:i] + rows + view[end:]
        out = out[:i] + rows + out[end:]
        if moved:
            keep = [k for k, x in enumerate(view) if x.no not in moved or x.kind == "table"]
            view = [view[k] for k in keep]
            out = [out[k] for k in keep]
        i += len(rows)
    return out


def _rebuild_region(
    lines: list[Line], start: int, h_end: int, end: int, restore: Callable[[str], str] | None
) -> tuple[list[Line], set[int]] | None:
    """The region's lines as table lines (header, group headings, rows, footnotes without a row
    above), and the numbers of orphan heading lines moved into it; None where the region is
    not a table whose columns were interleaved."""
    body = [ln for ln in lines[h_end + 1 : end] if ln.kind != "blank"]
    if len(body) < 3:
        return None
    texts = {ln.no: ln.text for ln in body}
    measured = _content_width(list(texts.values()))
    if measured is None:
        return None  # not interleaved columns: leave the lines to the ordinary reader
    width = measured
    parts = segment(_letters_in_order(_events(body, texts, width)), width)
    if sum(isinstance(p, Row) for p in parts) < 2:
        return None
    orphan = _orphan_caps(lines, (start, end))
    headings = [p for p in parts if isinstance(p, Heading)]
    tail_heading = next((h for h in headings[1:] if not h.number), None) if orphan else None
    header = [ln for ln in lines[start : h_end + 1] if ln.kind != "blank"]
    new = [header_line(header)]
    writer = _RowWriter(texts, {ln.no: ln.raw for ln in body}, width, restore or (lambda s: s))
    orphan_lines = [lines[k] for k in orphan] if tail_heading is not None else []
    for p in parts:
        if isinstance(p, Heading):
            new.append(writer.heading(p, orphan_lines if p is tail_heading else []))
        elif isinstance(p, list):  # a footnote with no row above it
            new.append(writer.footnote(p))
        else:
            new.append(writer.row(p))
    return new, {ln.no for ln in orphan_lines}


def _content_width(texts: list[str]) -> int | None:
    """The content column's width: start from the typical line, split, measure, split again.
    None where too few lines leave debris beside their content."""
    lengths = sorted(len(t) for t in texts)
    median = lengths[len(lengths) // 2]
    plain = [t for t in texts if not caps_line(t) and len(t) < 1.4 * median]
    width = median
    for _ in range(3):
        firsts = [split_line(0, t, width) for t in plain]
        widths = sorted(len(s.content) for s in firsts if s.content)
        if not widths:
            return None
        new_width = widths[int(WIDTH_SHARE * (len(widths) - 1))]
        if new_width == width:
            break
        width = new_width
    if sum(1 for s in firsts if s.debris) < 0.3 * len(firsts):
        return None
    return width


def _events(body: list[Line], texts: dict[int, str], width: int) -> list[Event]:
    """Each line as a split line, a run of caps lines as a heading, a line set across the page
    (with the lines that wrap it) as a footnote."""
    events: list[Event] = []
    k = 0
    while k < len(body):
        ln = body[k]
        t = texts[ln.no]
        if caps_line(t):
            run = [ln]
            while k + 1 < len(body) and (caps_line(texts[body[k + 1].no]) or caps_tail(texts[body[k + 1].no])):
                k += 1
                run.append(body[k])
            nums = [re.match(r"^\s*(\d{1,2}|[IVX]{1,4})\s*[|.]?\s+\S", texts[x.no]) for x in run]
            events.append(Heading(run, next((m.group(1) for m in nums if m), "")))
        elif len(t) > max(1.8 * width, 85):
            # a footnote: set across the page, wider than any row with its columns
            note = [ln]
            while k + 1 < len(body):
                nxt = texts[body[k + 1].no]
                wraps = body[k + 1].no == note[-1].no + 1 and not terminated(texts[note[-1].no]) and nxt[:1].islower()
                if not (len(nxt) > max(1.8 * width, 85) or wraps):
                    break
                k += 1
                note.append(body[k])
            events.append(note)
        else:
            events.append(split_line(ln.no, t, width))
        k += 1
    return events


def _letters_in_order(events: list[Event]) -> list[Event]:
    """Letters label the items of a row in order (a, b, c): a stray letter of OCR is no label."""
    expect = "a"
    for ev in events:
        if isinstance(ev, SplitLine) and ev.label and LETTER_LABEL.match(ev.label):
            letter = ev.label[0]
            if letter in (expect, "a"):
                expect = chr(ord(letter) + 1)
            else:
                ev.label = ""
    return events


class _RowWriter:
    """Table lines for a region's parts, numbering rows within their group ("2.3") and keeping
    the lettered items of a row under it."""

    def __init__(self, texts: dict[int, str], raw: dict[int, str], width: int, fix: Callable[[str], str]) -> None:
        self.texts, self.raw, self.width, self.fix = texts, raw, width, fix
        self.group, self.number, self.last_numeric = 0, 0, ""

    def heading(self, p: Heading, orphan: list[Line]) -> Line:
        self.group += 1
        self.number = 0
        text = " ".join(re.sub(r"^\s*(\d{1,2}|[IVX]{1,4})\s*[|.]?\s*", "", self.texts[x.no]) for x in p.lines)
        span = [x.no for x in p.lines[1:]]
        if orphan:  # the half of it that a page break carried away
            text = " ".join(ln.text for ln in orphan) + " " + text
            span += [ln.no for ln in orphan]
        text = self.fix(" ".join(text.split()))
        raw = "\n".join(x.raw for x in p.lines)
        return Line(p.lines[0].no, raw, text, kind="table", cells=[str(self.group), text, "", "", "", ""], span=span)

    def footnote(self, p: list[Line]) -> Line:
        text = self.fix(" ".join(self.texts[x.no] for x in p))
        return Line(p[0].no, "\n".join(x.raw for x in p), text, kind="text")

    def row(self, p: Row) -> Line:
        content = clean_content(" ".join(s.content for s in p.lines if s.content))
        letters = [s.label for s in p.lines if s.label and LETTER_LABEL.match(s.label)]
        if letters and self.last_numeric:
            label = letters[0].rstrip(".)")
        else:
            self.number += 1
            label = f"{self.group}.{self.number}" if self.group else str(self.number)
            self.last_numeric = label
        content, lead, partners, time = read_row(p.lines, self.width, content)
        text = self.fix(content)
        notes = self.fix(" ".join(self.texts[x.no] for x in p.notes))
        nos = [s.no for s in p.lines] + [x.no for x in p.notes]
        return Line(
            nos[0],
            "\n".join(self.raw[n] for n in nos),
            text,
            kind="table",
            cells=[label, text, lead, partners, time, notes],
            span=nos[1:],
        )
