"""An HTML page (a plan saved from a government web site or from a word processor) → text
that the line cleaner reads as it reads markdown: a line per paragraph, a blank line between
paragraphs, "| a | b |" per table row, "- " per list item, "# " before a heading and "**"
around bold runs (hints the structure reader uses). Tags, scripts, styles and comments go;
character references are decoded. The line numbers of this text are the ones every table
refers to, as for a .docx or a .pdf."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from compare.text.numerals import list_number

_SKIP = {"head", "title", "script", "style", "noscript", "template", "svg", "object", "iframe", "select", "button"}
# Tags that end a paragraph: a blank line follows them, as between markdown paragraphs.
_PARAGRAPH = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "hr",
    "dl",
    "figure",
    "address",
}
# Tags that start a new line only (a page built of <div>s has no paragraph spacing to read).
_LINE = {
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "center",
    "li",
    "dt",
    "dd",
    "caption",
    "figcaption",
    "form",
    "fieldset",
    "tr",
    "br",
}
_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6"}
# The site around a plan: menus, breadcrumbs, sidebars, related links, the footer. Their text is
# the site's, not the plan's ("TRANG CHỦ" in capitals would pass for an issuer in the header).
_CHROME_TAGS = {"nav", "footer", "aside"}
_CHROME_CONTAINERS = {"div", "ul", "ol", "section", "aside", "footer", "header", "table", "form", "menu", "nav"}
_CHROME_NAME = re.compile(
    r"(?:^|[\s_-])(?:menu|menus|nav|navbar|navigation|breadcrumbs?|footer|sidebar|topbar|banner|related)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search"}
_BOLD = {"b", "strong"}
# bold set by a style instead of a tag: <span style="font-weight: bold">, <p style="font-weight:700">
_CSS_BOLD = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)\b", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f]+")  # not \s: a no-break space is the author's, the cleaner turns it
# An item that already carries its marker as text (word processors write the number out).
_HAS_MARKER = re.compile(
    r"^(?:[-+•*–—]\s|\d{1,2}(?:\.\d{1,2})*[.)/]\s|[a-zđ][.)/]\s|\((?:\d{1,2}|[a-zđ])\)\s|[IVXL]{1,5}[.)/]\s)"
)
# <ol type=...> in Word's names for list_number
_OL_STYLES = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


def _ordinal(n: int, style: str) -> str:
    if style in ("a", "A") and 1 <= n <= 26:
        return list_number(n, _OL_STYLES[style]) + ")"
    if style in ("i", "I") and 1 <= n <= 39:
        return list_number(n, _OL_STYLES[style]) + "."
    return f"{n}."


class _Cell:
    def __init__(self, colspan: int, rowspan: int) -> None:
        self.lines: list[str] = []
        self.colspan, self.rowspan = colspan, rowspan

    def text(self) -> str:
        # "|" would split the row where the page has no column
        return "<br>".join(ln.replace("|", "/") for ln in self.lines if ln.strip())


class _Table:
    def __init__(self) -> None:
        self.row: list[_Cell] | None = None
        self.cell: _Cell | None = None
        # A cell spanning rows stands in each of them: column → (rows still to fill, text)
        self.carried: dict[int, tuple[int, str]] = {}


def _int(value: str | None, default: int = 1) -> int:
    try:
        return max(1, min(int(value or default), 50))
    except ValueError:
        return default


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.pieces: list[str] = []
        self.prefix = ""
        self.bold = 0  # open <b>/<strong>: a bold run across a <br> is closed and reopened
        self.skip = 0
        self.pre = 0
        self.tables: list[_Table] = []
        self.lists: list[list[Any]] = []  # [tag, next number, style]
        self.bullet_lists = 0  # how many of the open lists are <ul>: a nested one's items are "+"
        self.styled: list[str] = []  # open tags whose style made their text bold
        self.chrome: list[Any] = []  # [tag, depth] of the site chrome being skipped

    # -- lines -------------------------------------------------------------------------------
    def _flush(self) -> None:
        """End the current line; an empty one leaves no line (its list marker waits)."""
        text = "".join(self.pieces)
        text = text.strip() if not self.pre else text.rstrip()
        if not text.replace("**", "").strip():
            self.pieces = ["**"] if self.bold else []
            return
        if self.prefix and not _HAS_MARKER.match(text.replace("**", "").lstrip()):
            text = self.prefix + text
        if self.bold and text.count("**") % 2:
            text += "**"
        self.prefix = ""
        self.pieces = ["**"] if self.bold else []
        cell = self._cell()
        if cell is not None:
            cell.lines.append(text)
        else:
            self.out.append(text)

    def _blank(self) -> None:
        self._flush()
        if self._cell() is None and self.out and self.out[-1] != "":
            self.out.append("")

    def _end_bold(self) -> None:
        """A paragraph or a cell ends every bold run in it (a page may leave <b> unclosed)."""
        if self.bold:
            self.bold = 0
            if self.pieces == ["**"]:
                self.pieces = []

    def _cell(self) -> _Cell | None:
        return self.tables[-1].cell if self.tables else None

    # -- tables ------------------------------------------------------------------------------
    def _end_cell(self) -> None:
        table = self.tables[-1]
        if table.cell is not None:
            self._flush()
            self._end_bold()
            if table.row is None:
                table.row = []
            table.row.append(table.cell)
            table.cell = None

    def _end_row(self) -> None:
        if not self.tables:
            return
        self._end_cell()
        table = self.tables[-1]
        if table.row is None:
            return
        cells: list[str] = []
        carried = dict(table.carried)
        queue = list(table.row)
        col = 0
        while queue or any(c >= col for c in carried):
            if col in carried:
                left, text = carried.pop(col)
                cells.append(text)
                if left > 1:
                    table.carried[col] = (left - 1, text)
                else:
                    table.carried.pop(col, None)
                col += 1
                continue
            if not queue:
                col += 1
                continue
            cell = queue.pop(0)
            text = cell.text()
            if cell.rowspan > 1:
                table.carried[col] = (cell.rowspan - 1, text)
            cells.append(text)
            cells.extend([""] * (cell.colspan - 1))
            col += cell.colspan
        table.row = None
        if not any(c.strip() for c in cells):
            return
        line = "| " + " | ".join(cells) + " |"
        if len(self.tables) > 1:  # a table inside a cell: its rows are lines of that cell
            outer = self.tables[-2].cell
            if outer is not None:
                outer.lines.append(" ".join(c for c in cells if c))
                return
        self.out.append(line)

    # -- parser callbacks --------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self._skips_start(tag, a):
            return
        if tag in ("table", "tr", "td", "th"):
            self._open_table_part(tag, a)
        elif tag in ("ul", "ol", "li"):
            self._open_list_part(tag, a)
        elif tag == "p" and self.lists:
            self._flush()  # an item's paragraphs: lines of the item, not paragraphs of the page
        elif tag in _PARAGRAPH:
            self._blank()
            if tag in _HEADING and self._cell() is None:
                self.prefix = "# "
            if tag == "pre":
                self.pre += 1
        elif tag in _LINE:
            self._flush()
        elif tag in _BOLD:
            self._start_bold()
        if tag not in _BOLD and _CSS_BOLD.search(a.get("style") or ""):
            self.styled.append(tag)
            self._start_bold()

    def _skips_start(self, tag: str, a: dict[str, str | None]) -> bool:
        """Whether an opening tag is left out: inside a script or style, inside the site's
        chrome, or the chrome's own container (which starts the skipping)."""
        if tag == "body":
            self.skip = 0  # a <head> never closed
            return True
        if self.skip or tag in _SKIP:
            self.skip += tag in _SKIP
            return True
        if self.chrome:
            self.chrome[1] += tag == self.chrome[0]
            return True
        if tag in _CHROME_CONTAINERS and (
            tag in _CHROME_TAGS
            or a.get("role") in _CHROME_ROLES
            or _CHROME_NAME.search(f"{a.get('class') or ''} {a.get('id') or ''}")
        ):
            self._flush()
            self.chrome = [tag, 1]
            return True
        return False

    def _open_table_part(self, tag: str, a: dict[str, str | None]) -> None:
        if tag == "table":
            if self.tables and self.tables[-1].cell is not None:
                self._flush()
            else:
                self._blank()
            self.tables.append(_Table())
        elif tag == "tr":
            self._end_row()
        elif self.tables:
            self._end_cell()
            self.tables[-1].cell = _Cell(_int(a.get("colspan")), _int(a.get("rowspan")))

    def _open_list_part(self, tag: str, a: dict[str, str | None]) -> None:
        self._flush()
        if tag != "li":
            self.lists.append([tag, _int(a.get("start")), a.get("type") or "1"])
            self.bullet_lists += tag == "ul"
        elif not self.lists:
            self.prefix = "- "
        elif self.lists[-1][0] == "ol":
            _, number, style = self.lists[-1]
            number = _int(a.get("value"), number)
            self.prefix = _ordinal(number, style) + " "
            self.lists[-1][1] = number + 1
        else:
            self.prefix = "- " if self.bullet_lists == 1 else "+ "

    def _start_bold(self) -> None:
        self.bold += 1
        if self.bold == 1:
            self.pieces.append("**")

    def _stop_bold(self) -> None:
        if self.bold:
            self.bold -= 1
            if not self.bold:
                self.pieces.append("**")

    def handle_endtag(self, tag: str) -> None:
        if self._skips_end(tag):
            return
        if self.styled and self.styled[-1] == tag:
            self.styled.pop()
            self._stop_bold()
        if tag in ("tr", "td", "th") or (tag == "table" and self.tables):  # (a stray </table> ends a paragraph)
            self._close_table_part(tag)
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.bullet_lists -= self.lists.pop()[0] == "ul"
            if not self.lists:
                self._blank()
        elif tag == "p" and self.lists:
            self._flush()
        elif tag in _PARAGRAPH:
            self._blank()
            self._end_bold()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)
        elif tag in _LINE:
            self._flush()
        elif tag in _BOLD:
            self._stop_bold()

    def _skips_end(self, tag: str) -> bool:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return True
        if self.skip:
            return True
        if self.chrome:
            if tag == self.chrome[0]:
                self.chrome[1] -= 1
                if not self.chrome[1]:
                    self.chrome = []
            return True
        return False

    def _close_table_part(self, tag: str) -> None:
        if tag == "table":
            self._end_row()
            self.tables.pop()
            if not self.tables:
                self._blank()
        elif tag == "tr":
            self._end_row()
        elif tag in ("td", "th") and self.tables:
            self._end_cell()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            if not self.skip and not self.chrome:
                self._flush()
        else:
            was_chrome = bool(self.chrome)
            self.handle_starttag(tag, attrs)
            if self.chrome and not was_chrome:  # <div class="menu"/>: nothing to skip
                self.chrome = []
                return
            if tag not in ("td", "th", "tr", "table", "li", "ul", "ol"):
                self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.skip or self.chrome:
            return
        if self.pre:
            for i, part in enumerate(data.split("\n")):
                if i:
                    self._flush()
                self.pieces.append(part)
            return
        self.pieces.append(_SPACES.sub(" ", data))

    def close(self) -> None:
        super().close()
        while self.tables:
            self._end_row()
            self.tables.pop()
        self._flush()


def looks_like_html(text: str) -> bool:
    """A whole HTML page, not a text that mentions a tag."""
    head = text.lstrip("\ufeff \t\r\n")[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:4096].lower()


def html_to_text(html: str) -> str:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    lines = reader.out
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""
