"""A web page's table read out cell by cell, one cell per line, put back as one line per row."""

from __future__ import annotations

import re

from compare.parse.flat_tables.rows import caps_line, header_line
from compare.parse.lines import Line
from compare.parse.markers import unit_like
from compare.text.vietnamese import fold
from compare.text.vocabulary import column_of

# A web page's table read out cell by cell: "TT" / "Nội dung" / "Đơn vị chủ trì" / "Thời gian",
# then "1" / its content / its unit / its time, "2" / ... Empty cells leave no line, so a row's
# cells are placed by what they say (a timeframe, else a unit), not by their count.

_ROW_NUMBER = re.compile(r"^(\d{1,2})\s*[.)]?$")
_GROUP_NUMBER = re.compile(r"^([IVX]{1,4}|[A-H])\s*[.)]?$")
_TIME_CELL = re.compile(r"\b(?:quy|thang|nam|ngay|truoc|thuong xuyen|hang|dinh ky|suot|tu nay)\b|\d{1,2}/\d{4}")


def one_cell_per_line(lines: list[Line], start: int, h_end: int, end: int) -> tuple[list[Line], set[int]] | None:
    """The region's lines as one table line per row and group, or None where the region is
    not a table read out one cell per line."""
    while (
        h_end + 1 < end
        and lines[h_end + 1].kind == "text"
        and column_of(lines[h_end + 1].text)
        and len(lines[h_end + 1].text) < 40
    ):
        h_end += 1  # the header reader stops once it has seen enough: the other names follow
    header = [ln for ln in lines[start : h_end + 1] if ln.kind != "blank"]
    cols = [c for c in (column_of(ln.text) for ln in header) if c]
    if len(header) < 3 or cols[:1] != ["stt"] or "text" not in cols or len(cols) < len(header) - 1:
        return None  # a header on one line, or not made of column names: not this layout
    body = [ln for ln in lines[h_end + 1 : end] if ln.kind != "blank"]
    if any(ln.kind not in ("text", "page_number") for ln in body):
        return None  # (a bare row number reads as a page number: which it is, the rows tell)
    events = _events(body)
    if events is None or sum(kind == "row" for kind, _ in events) < 2:
        return None
    others = [c for c in cols[2:] if c in ("lead", "partner", "time", "notes")]
    new = [header_line(header)]
    new += [_group_line(group) if kind == "group" else _row_line(group, others) for kind, group in events]
    return new, set()


def _events(body: list[Line]) -> list[tuple[str, list[Line]]] | None:
    """("row", [number line, cell lines...]) and ("group", [number line?, title lines...]), or
    None at a line that fits neither."""
    events: list[tuple[str, list[Line]]] = []
    expect = 1
    for k, ln in enumerate(body):
        m = _ROW_NUMBER.match(ln.text)
        if m and int(m.group(1)) in (expect, 1):  # (numbering may start again under a group heading)
            events.append(("row", [ln]))
            expect = int(m.group(1)) + 1
        elif _GROUP_NUMBER.match(ln.text) and k + 1 < len(body) and caps_line(body[k + 1].text):
            events.append(("group", [ln]))
        elif caps_line(ln.text) and (not events or events[-1][0] == "group" or len(events[-1][1]) > 2):
            if events and events[-1][0] == "group" and (len(events[-1][1]) == 1 or caps_line(events[-1][1][-1].text)):
                events[-1][1].append(ln)  # the group's title (or its wrapped second line)
            else:
                events.append(("group", [ln]))
        elif events and events[-1][0] == "row" and ln.kind == "text":
            events[-1][1].append(ln)
        else:
            return None
    return events


def _group_line(group: list[Line]) -> Line:
    numbered = _GROUP_NUMBER.match(group[0].text) is not None
    title = " ".join(ln.text for ln in group[1:] if numbered) or " ".join(ln.text for ln in group)
    label = group[0].text.rstrip(".)") if numbered else ""
    raw = "\n".join(ln.raw for ln in group)
    return Line(
        group[0].no, raw, title, kind="table", cells=[label, title, "", "", "", ""], span=[ln.no for ln in group[1:]]
    )


def _row_line(group: list[Line], others: list[str]) -> Line:
    """A row's cells placed by what they say: empty cells leave no line, so a cell goes where
    it fits (a timeframe, a unit); what fits neither, before them, is more of the content (a
    cell of several paragraphs)."""
    cells = [ln.text for ln in group[1:]]
    fits = [(bool(_TIME_CELL.search(fold(c))) and len(c) < 60) or unit_like(c) for c in cells]
    n_content = next((k for k in range(1, len(cells)) if fits[k]), len(cells))
    content = " ".join(cells[:n_content])
    got = {"lead": "", "partner": "", "time": "", "notes": ""}
    free = list(others)
    for cell in cells[n_content:]:
        col = (
            "time"
            if "time" in free and _TIME_CELL.search(fold(cell))
            else next((c for c in free if c != "time" and (c == "notes" or unit_like(cell))), None)
        )
        if col is None:
            content += " " + cell
            continue
        got[col] = cell
        free.remove(col)
    label = group[0].text.rstrip(".) ")
    return Line(
        group[0].no,
        "\n".join(ln.raw for ln in group),
        content,
        kind="table",
        cells=[label, content, got["lead"], got["partner"], got["time"], got["notes"]],
        span=[ln.no for ln in group[1:]],
    )
