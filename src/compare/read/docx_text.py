""".docx → text lines: a line per paragraph (a line break inside one starts a new line), a
"| a | b |" line per table row, and the numbers and bullets that Word draws itself (automatic
numbering: "I.", "1.", "a)", "-") written out, since a plan's structure is read from them. A
tab stays a tab: a header's two columns on one line ("Số: 12/KH-UBND<tab>Hà Nội, ngày ...")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from compare.text.numerals import list_number

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# Numbers a file states are clamped: a list that "starts" at 10^12, a cell that spans 3*10^8
# columns or a level "x" would hang the reader or fill the memory (Word itself stops far below)
MAX_START = 10_000
MAX_SPAN = 64
MAX_LEVEL = 9


def _number(text: str | None, default: int, top: int) -> int:
    """An integer the file states, within 0..top; `default` where it states none or no number."""
    if not text or not text.strip().isdigit():
        return default
    return min(int(text), top)


def _val(el: Any, tag: str) -> str | None:
    child = el.find(f"{_W}{tag}") if el is not None else None
    return child.get(f"{_W}val") if child is not None else None


class _Numbering:
    """Word's automatic numbering: list id → levels (format, text such as "%1.", start), and
    the running counters."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.iterchildren(f"{_W}abstractNum"):
            abstract[a.get(f"{_W}abstractNumId")] = {
                _number(lvl.get(f"{_W}ilvl"), 0, MAX_LEVEL): (
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                    _number(_val(lvl, "start"), 1, MAX_START),
                )
                for lvl in a.iterchildren(f"{_W}lvl")
            }
        for num in root.iterchildren(f"{_W}num"):
            levels = dict(abstract.get(_val(num, "abstractNumId") or "", {}))
            for override in num.iterchildren(f"{_W}lvlOverride"):
                ilvl = _number(override.get(f"{_W}ilvl"), 0, MAX_LEVEL)
                start = _val(override, "startOverride")
                if start and ilvl in levels:
                    levels[ilvl] = (levels[ilvl][0], levels[ilvl][1], _number(start, 1, MAX_START))
            self.levels[num.get(f"{_W}numId")] = levels

    def marker(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        fmt, text, _ = levels[ilvl]
        if fmt == "none":
            return ""
        if fmt == "bullet":
            return "+ " if ilvl else "- "
        counters = self.counters.setdefault(num_id, [0] * 10)
        ilvl = min(ilvl, 9)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else levels[ilvl][2]
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = 0
        for k in range(9, 0, -1):  # "%1.%2." → "2.1."
            if f"%{k}" in text:
                lvl = levels.get(k - 1, ("decimal", "", 1))
                text = text.replace(f"%{k}", list_number(counters[k - 1] or lvl[2], lvl[0]))
        return text.strip() + " " if text.strip() else ""


def _runs_text(el: Any) -> str:
    """The text of a paragraph's runs: tabs kept, line breaks as new lines, deleted text and
    field codes left out."""
    out: list[str] = []
    for run in el.iter(f"{_W}r"):
        if any(a.tag == f"{_W}del" for a in run.iterancestors()):
            continue
        for child in run:
            tag = child.tag
            if tag == f"{_W}t":
                out.append(child.text or "")
            elif tag in (f"{_W}tab", f"{_W}ptab"):
                out.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                out.append("\n")
    return "".join(out)


def _list_ref(ppr: Any) -> tuple[str, int] | None:
    """(list id, level) that paragraph properties (a paragraph's or a style's) set, if any."""
    num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
    num_id = _val(num_pr, "numId")
    return (num_id, _number(_val(num_pr, "ilvl"), 0, MAX_LEVEL)) if num_id else None


def _num_pr(p: Any, styles: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    ppr = p.find(f"{_W}pPr")
    if ppr is not None and ppr.find(f"{_W}numPr") is not None:
        return _list_ref(ppr)  # the paragraph's own numbering, over its style's
    return styles.get(_val(ppr, "pStyle") or "")


def _style_numbering(document: Any) -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    try:
        root = document.styles.element
    except AttributeError:
        return out
    for style in root.iterchildren(f"{_W}style"):
        num = _list_ref(style.find(f"{_W}pPr"))
        if num:
            out[style.get(f"{_W}styleId")] = num
    return out


def _paragraph(p: Any, numbering: _Numbering, styles: dict[str, tuple[str, int]]) -> str:
    text = _runs_text(p)
    num = _num_pr(p, styles)
    if num is not None and text.strip():
        marker = numbering.marker(*num)
        if marker:
            text = marker + text.lstrip()
    return text


def _row(tr: Any, numbering: _Numbering, styles: dict[str, tuple[str, int]]) -> str:
    cells = []
    for tc in tr.iterchildren(f"{_W}tc"):
        paragraphs = [_paragraph(p, numbering, styles) for p in tc.iter(f"{_W}p")]
        text = " ".join(" ".join(p.split()) for p in paragraphs if p.strip())
        cells.append(text.replace("|", "/"))  # "|" would split the row where Word has no column
        span = _val(tc.find(f"{_W}tcPr"), "gridSpan")
        cells.extend([""] * (_number(span, 1, MAX_SPAN) - 1))
    return "| " + " | ".join(cells) + " |"


def _body(document: Any) -> Iterator[str]:
    numbering = _Numbering(document)
    styles = _style_numbering(document)
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            yield _paragraph(child, numbering, styles)
        elif child.tag == f"{_W}tbl":
            for tr in child.iter(f"{_W}tr"):
                yield _row(tr, numbering, styles)


def docx_text(document: Any) -> str:
    """The text of a python-docx Document."""
    return "\n".join(_body(document))
