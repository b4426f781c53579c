"""Turn a clean plan into the other forms plans arrive in: plain text with CRLF/NFD/BOM,
PDF-style hard wraps with blank lines and page numbers, legacy encodings, flattened web
headers, simulated OCR damage, a web page. Used by the tests to check that a plan yields the same tasks
whatever its form."""

from __future__ import annotations

import random
import re
import textwrap
import unicodedata

from compare.read.legacy_encodings import encode_cp1258, encode_tcvn3, encode_vni


def strip_markdown(text: str) -> str:
    out = []
    for line in text.split("\n"):
        line = re.sub(r"^\s{0,3}#{1,6}\s*", "", line)
        line = line.replace("**", "").replace("__", "")
        line = re.sub(r"(?<!\w)\*(\S[^*]*?)\*(?!\w)", r"\1", line)
        out.append(line.rstrip())
    return "\n".join(out)


def html_page(text: str) -> str:
    """The plan as a web page made from its markdown by a renderer (markdown-it): paragraphs,
    lists as <ol>/<ul> (their numbers no longer in the text), tables as <table>, each line break
    of the source a <br>, in a page with a head, a script and a style."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"breaks": True}).enable("table").render(text)
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>Văn bản</title>'
        "<style>p { margin: 0 }</style><script>var n = 1 < 2;</script></head>\n<body>\n"
        f"{body}</body></html>\n"
    )


def plain_crlf_nfd_bom(text: str) -> bytes:
    plain = unicodedata.normalize("NFD", strip_markdown(text))
    return b"\xef\xbb\xbf" + plain.replace("\n", "\r\n").encode("utf-8")


def hard_wrapped(text: str, width: int = 78, page_lines: int = 46, seed: int = 0) -> str:
    """PDF text: lines cut at `width`, a blank line after each, page numbers every page."""
    rng = random.Random(seed)
    out: list[str] = []
    page = 1
    for para in strip_markdown(text).split("\n"):
        if not para.strip():
            continue
        indent = "" if rng.random() < 0.7 else " "
        for piece in textwrap.wrap(para, width=width, break_long_words=False, break_on_hyphens=False) or [""]:
            out.append(indent + piece + " ")
            out.append("")
            if len(out) // page_lines >= page:
                page += 1
                out.append(f"{page}")
                out.append("")
    return "\n".join(out)


def windows_1258(text: str) -> bytes:
    return encode_cp1258(strip_markdown(text).replace("\n", "\r\n"))


def tcvn3(text: str) -> bytes:
    return encode_tcvn3(strip_markdown(text))


def vni(text: str) -> bytes:
    return encode_vni(strip_markdown(text))


def utf16(text: str) -> bytes:
    return strip_markdown(text).encode("utf-16")


# --- OCR-like damage -------------------------------------------------------------------------

_OCR_SWAPS = {"đ": "d", "Đ": "P", "ơ": "o", "ư": "u", "ă": "a", "â": "a", "ô": "o", "ê": "e"}


def ocr_damage(text: str, drop: float = 0.7, seed: int = 0) -> str:
    """Drop most diacritics, swap some letters, the way scans come out of OCR."""
    rng = random.Random(seed)
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _OCR_SWAPS and rng.random() < drop:
            out.append(_OCR_SWAPS[ch])
            continue
        d = unicodedata.normalize("NFD", ch)
        if len(d) > 1 and rng.random() < drop:
            out.append(d[0])
        else:
            out.append(ch)
    return "".join(out)


def one_line_per_block(text: str) -> str:
    """Each logical block (paragraph, item, heading) of a plan on one line, blank lines
    between: the unwrapped text that a re-wrap starts from, whatever the source's own wraps."""
    from compare.parse.blocks import build_blocks
    from compare.parse.lines import split_lines

    blocks, _ = build_blocks(split_lines(strip_markdown(text)))
    return "\n\n".join(" ".join(ln.text for ln in b.lines) for b in blocks)


def rewrapped(text: str, width: int = 78, seed: int = 0) -> str:
    return hard_wrapped(one_line_per_block(text), width=width, seed=seed)


# --- tables flattened by OCR -----------------------------------------------------------------


def flattened_table(
    groups: list[tuple[str, list[tuple[str, str, str, str]]]], widths=(46, 9, 14, 9), seed: int = 0
) -> str:
    """A task table (Stt | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian) as OCR gives
    it back: each cell wrapped in its column, the pieces of one physical line run together
    (sometimes with a '|' between), the row number on the middle line of its row, group
    headings in capitals with their number on one of their lines."""
    rng = random.Random(seed)
    wc, wl, wp, wt = widths
    out = ["Thời gian", "Stt Nội dung Đơn vị chủ trì | Đơn vị phối hợp | hoàn thành", ""]
    for g, (heading, rows) in enumerate(groups, start=1):
        head = textwrap.wrap(heading.upper(), 56)
        at = rng.randrange(len(head))
        out += [(f"{g} | " if k == at else "") + h for k, h in enumerate(head)]
        for r, (text, lead, partner, time) in enumerate(rows, start=1):
            cols = [
                textwrap.wrap(c, w, break_long_words=False)
                for c, w in ((text, wc), (lead, wl), (partner, wp), (time, wt))
            ]
            height = max(len(c) for c in cols)
            label_at = height // 2
            for k in range(height):
                parts = []
                for c in cols:
                    offset = (height - len(c)) // 2  # narrow cells sit in the middle of the row
                    piece = c[k - offset] if 0 <= k - offset < len(c) else ""
                    parts.append(piece)
                seps = [" | " if rng.random() < 0.25 else " " for _ in range(3)]
                line = parts[0] + "".join(s + p for s, p in zip(seps, parts[1:]) if p)
                if k == label_at:
                    line = f"{g}.{r} " + ("| " if rng.random() < 0.5 else "") + line
                out.append(" ".join(line.split()))
            if rng.random() < 0.3:
                out.append("")
    return "\n".join(out)
