"""Text → clean source lines. Markdown markup, odd spaces and bullet glyphs go; the line
numbers stay, because every task must point back to the lines it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compare.text.vietnamese import normalize

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_MD_QUOTE = re.compile(r"^\s*>\s?")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_BULLET_GLYPHS = re.compile(
    r"^(?:[•●▪■□◦○►▶▸▹▫➢➣➤➔➜❯✓✔√·❖◆◇♦◊◘→⇒\uf0b7\uf0a7\uf0d8\uf076\uf0a8\uf0fc\uf06e\u2022\u2023\u2043]+"
    r"|[ØüÜ](?=\s))\s*"
)  # (a word processor's Wingdings bullets, exported as Ø or ü, stand alone)
# A word processor's second- and third-level bullets exported as text: "o Kiểm tra ...",
# "§ Xử lý ..." (no Vietnamese word is a lone "o"): items under the item above, like "+"
_SUB_BULLET = re.compile(r"^(?:o|§)\s+(?=[A-ZĐÀ-Ỹ\d“\"])")
_BULLET_LETTERS = "ØüÜ"  # letters that _BULLET_GLYPHS takes for bullets (before a space)
_DASHES = re.compile(r"^[–—−‒]\s*")
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—\s]*\d{1,3}[-–—\s]*|trang\s*\d{1,3}(?:\s*/\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3}|page\s*\d+)$",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"^[\s\-_=*~.|:]{3,}$")
_NOTE_IN_PARENS = re.compile(r"^[(\[]\s*(?:handwritten|signature|signed|chữ ký|đã ký|seal|dấu|stamp)", re.I)


@dataclass
class Line:
    no: int  # 1-based line number in the decoded source
    raw: str  # the line as it stands in the source
    text: str  # clean text (NFC, one tone convention, no markup, single spaces)
    emphasis: bool = False  # markdown heading or a whole line in bold: a heading hint
    kind: str = "text"  # text | blank | page_number | separator | table | note
    cells: list[str] = field(default_factory=list)
    span: list[int] = field(default_factory=list)  # a rebuilt table row: its other source lines
    # a table header that a reader made: the key of each cell's column (text/vocab/table_columns.toml)
    columns: tuple[str, ...] = ()


_BOLD_LINE = re.compile(r"(\*\*|__)(.+?)\1\s*[.:]?")
_BOLD = re.compile(r"\*\*|__")
_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_ITALIC_UNDERSCORE = re.compile(r"(?<![\w_])_(?!\s)([^_\n]+?)(?<!\s)_(?![\w_])")
_WORD_CHAR = re.compile(r"[^\W_]")
_STAR_BULLET = re.compile(r"^\*\s+\S")
_GLUED_DASH = re.compile(r"^-[^\d\s]")
_TABLE_RULE = re.compile(r":?-{2,}:?")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _strip_emphasis(s: str) -> tuple[str, bool]:
    if "*" not in s and "_" not in s:
        return s, False
    core = s.strip()
    whole = False
    m = _BOLD_LINE.fullmatch(core)
    if m or (core.startswith("**") and core.endswith("**") and len(core) > 4):
        whole = True
    s = _BOLD.sub("", s)
    # single * or _ used for italics: remove when paired around a word
    if "*" in s:
        s = _ITALIC_STAR.sub(r"\1", s)
    if "_" in s:
        s = _ITALIC_UNDERSCORE.sub(r"\1", s)
    return s, whole


# Characters that send a line down the full cleaning path: odd spaces, tabs, soft hyphens, and
# markdown and HTML markup. Most lines of a plan hold none of them.
_NEEDS_CLEANING = re.compile(r"[\t\u00a0\u200b\ufeff\u00ad#>\]*_\\`<|]")


def _plain_line(no: int, raw: str, normalized: str) -> Line | None:
    """The common line cleaned the short way, or None for one that needs the whole of
    clean_line: blank, or plain words that start with a letter, a digit, a hyphen or a quote (no
    markup, no bullet glyph, no odd space). Only its spacing, a run of hyphens, a hyphen glued
    to its first word, and whether it is a page number are left to settle."""
    if _NEEDS_CLEANING.search(normalized):
        return None
    s = " ".join(normalized.split())
    if not s:
        return Line(no, raw, "", kind="blank")
    if not (s[0].isalnum() or s[0] in "-+“\"'") or s[0] == "o" or s[0] in _BULLET_LETTERS:
        return None  # (a bullet glyph, or a letter that may stand for one)
    if s[0] == "-":
        if _SEPARATOR.match(s) and not _WORD_CHAR.search(s):
            return Line(no, raw, "", kind="separator")  # "-----", "- - -"
        if _GLUED_DASH.match(s):  # "-Ban Giám đốc;" → "- Ban Giám đốc;"
            s = "- " + s[1:]
    if len(s) <= 12 and _PAGE_NUMBER.match(s):
        return Line(no, raw, s, kind="page_number")
    return Line(no, raw, s)


def clean_line(no: int, raw: str, normalized: str | None = None) -> Line:
    """One source line made clean; `normalized` is the same line already through normalize()."""
    if normalized is not None:
        plain = _plain_line(no, raw, normalized)
        if plain is not None:
            return plain
    s = _invisibles_and_tabs(raw if normalized is None else normalized)
    stripped = s.strip()
    if not stripped:
        return Line(no, raw, "", kind="blank")
    if _SEPARATOR.match(stripped) and not _WORD_CHAR.search(stripped):
        return Line(no, raw, "", kind="separator")
    if normalized is None or len(s) != len(normalized):
        s = normalize(s)  # (a mark after a removed soft hyphen composes with its letter)
    s, emphasis = _strip_markup(s)
    s = _bullets(" ".join(s.split()))
    if not s:
        return Line(no, raw, "", kind="blank")
    if len(s) <= 12 and _PAGE_NUMBER.match(s):
        return Line(no, raw, s, kind="page_number")
    if s[:1] in "([" and _NOTE_IN_PARENS.match(s):
        return Line(no, raw, s, emphasis, kind="note")
    return _table_or_text(no, raw, s, emphasis)


def _invisibles_and_tabs(s: str) -> str:
    """No-break spaces, zero widths, BOMs and soft hyphens gone; a row copied with tabs (three
    cells filled at least; one or two tabs are a header's columns or spacing, left to
    metadata) written as a table row."""
    s = s.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    if "\t" in s:
        cells = s.split("\t")
        s = "| " + " | ".join(cells) + " |" if sum(1 for c in cells if c.strip()) >= 3 else s.replace("\t", " ")
    return s.replace("\u00ad", "")


def _strip_markup(s: str) -> tuple[str, bool]:
    """Markdown's headings, quotes, links, emphasis, escapes and code marks, and a cell's
    "<br>", gone: (the text, whether it was a heading or bold)."""
    emphasis = False
    if "#" in s and _MD_HEADING.match(s):
        s = _MD_HEADING.sub("", s)
        emphasis = True
    if ">" in s:
        s = _MD_QUOTE.sub("", s)
    if "](" in s:
        s = _MD_LINK.sub(r"\1", s)
    s, bold = _strip_emphasis(s)
    if "\\" in s:
        s = _MD_ESCAPE.sub(r"\1", s)
    s = s.replace("`", "")
    if "<" in s:  # a cell's "<br>" (markdown tables from a converter, pages saved as text)
        s = _HTML_BREAK.sub(" ", s)
    return s, emphasis or bold


def _bullets(s: str) -> str:
    """Markdown bullets "* " and typographic bullets become "- ", a word processor's second
    level ("o", "§") "+ "."""
    if s[:1] == "*" and _STAR_BULLET.match(s):
        s = "- " + s[1:].lstrip()
    if s[:1] in "o§" and _SUB_BULLET.match(s):
        s = _SUB_BULLET.sub("+ ", s)
    elif not s[:1].isalnum() or s[:1] in _BULLET_LETTERS:
        s = _BULLET_GLYPHS.sub("- ", s) if _BULLET_GLYPHS.match(s) else s
        if _DASHES.match(s):
            s = "- " + _DASHES.sub("", s)
    if s[:1] == "-" and _GLUED_DASH.match(s):  # "-Ban Giám đốc;" → "- Ban Giám đốc;"
        s = "- " + s[1:]
    return s


def _table_or_text(no: int, raw: str, s: str, emphasis: bool) -> Line:
    """A "| a | b |" row (its cells kept), a rule between rows, a cell running over several
    lines, or a line of text."""
    if s.count("|") == 1 and (s[0] == "|" or s[-1] == "|"):
        # a table cell that runs over several lines ("| Nơi nhận:" ... "Trần Văn A |"): the
        # line's text is the cell's text
        s = s.strip("| ")
        if not s:
            return Line(no, raw, "", kind="separator")
    if s.count("|") >= 2 and s.startswith("|"):
        cells = [c.strip() for c in s.strip().strip("|").split("|")]
        if all(_TABLE_RULE.fullmatch(c) or not c for c in cells):
            return Line(no, raw, "", kind="separator")
        return Line(no, raw, " | ".join(c for c in cells if c), emphasis, kind="table", cells=cells)
    return Line(no, raw, s, emphasis)


def split_lines(text: str, source: str | None = None) -> list[Line]:
    """Clean lines of `text`; `source`, when given, is the text as it stands in the file (the
    raw side of each line), for a `text` that was restored line for line from it."""
    raws = text.split("\n")
    # one pass over the whole text, not one per line
    normalized: list[str | None] = list(normalize(text).split("\n"))
    if len(normalized) != len(raws):
        normalized = [None] * len(raws)
    lines = [clean_line(i, raw, norm) for i, (raw, norm) in enumerate(zip(raws, normalized), start=1)]
    if source is not None:
        originals = source.split("\n")
        if len(originals) == len(lines):
            for line, raw in zip(lines, originals):
                line.raw = raw
    return lines
