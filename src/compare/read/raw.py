"""Raw file → Unicode text. The first step of the pipeline, and the place bad files are refused.

A plan arrives as bytes in one of many encodings (UTF-8 with or without BOM, UTF-16,
Windows-1258, TCVN3, VNI), or as .docx / .pdf / an HTML page. :func:`read_text` returns NFC text whose line
numbers are the ones every later table refers to, or raises :class:`Rejected` with a reason
a person can act on.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from compare.read import legacy_encodings as legacy
from compare.read.docx_text import docx_text
from compare.read.html_text import html_to_text, looks_like_html
from compare.text.vietnamese import nfc, syllable_stats


class Rejected(Exception):
    """A raw file that cannot become a document; the message says why in plain words."""


@dataclass(frozen=True)
class RawText:
    text: str
    encoding: str
    sha256: str


def _score(text: str) -> float:
    """How Vietnamese a decoding looks: valid syllables among non-ASCII words, minus junk."""
    tokens, valid, marked = syllable_stats(text)
    if tokens == 0:
        return 0.0
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    weird = sum(1 for c in text if 0x80 <= ord(c) < 0xC0)  # Latin-1 symbols: a wrong guess
    return (valid + 2 * marked * (valid / tokens)) / tokens - 5 * (controls + weird) / max(len(text), 1)


def _decode_single_byte(data: bytes) -> tuple[str, str]:
    candidates = {
        "windows-1258": nfc(data.decode("cp1258", errors="replace")),
        "tcvn3": nfc(legacy.decode_tcvn3(data)),
        "vni": nfc(legacy.decode_vni(data)),
    }
    best = max(candidates, key=lambda k: (_score(candidates[k]), k == "windows-1258"))
    return candidates[best], best


# every byte but the control characters that never occur in text
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13)))


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    controls = len(sample.translate(None, _NOT_CONTROL))
    return controls / len(sample) > 0.05


def _mixed(data: bytes) -> tuple[str, str] | None:
    """A file pasted together from two sources, some lines UTF-8 and some in a legacy code
    page: each line read in its own encoding (the legacy one judged on those lines together),
    and the encoding named "utf-8+<legacy>" so that the build warns. None for a file of one
    encoding."""
    lines = data.split(b"\n")
    legacy_at = []
    utf8_lines = 0
    for k, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            legacy_at.append(k)
    if utf8_lines < 3 or len(legacy_at) < 3:
        return None
    legacy, enc = _decode_single_byte(b"\n".join(lines[k] for k in legacy_at))
    decoded = [line.decode("utf-8", errors="replace") for line in lines]
    for k, text in zip(legacy_at, legacy.split("\n")):
        decoded[k] = text
    return nfc("\n".join(decoded)), f"utf-8+{enc}"


def _utf16_or_32(data: bytes) -> tuple[str, str] | None:
    """Text that a UTF-32 or UTF-16 byte order mark opens, or None."""
    for marks, enc in (((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), "utf-32"), ((b"\xff\xfe", b"\xfe\xff"), "utf-16")):
        if data.startswith(marks):  # (UTF-32's first: UTF-16's mark starts it)
            try:
                return nfc(data.decode(enc)), enc
            except UnicodeDecodeError as exc:
                raise Rejected(f"undecodable {enc.upper()} text ({exc.reason})") from exc
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding name). Raises Rejected for binary or undecodable data."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return nfc(data[3:].decode("utf-8", errors="strict")), "utf-8-sig"
        except UnicodeDecodeError:
            data = data[3:]  # a BOM before legacy bytes (an editor added it): read on without it
    wide = _utf16_or_32(data)
    if wide is not None:
        return wide
    # UTF-16 without a BOM: every other byte of ASCII text is zero.
    if len(data) >= 4 and data.count(0) > len(data) / 3:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _score(text) > 0.3:
                return nfc(text), enc
    if _looks_binary(data):
        raise Rejected("binary file: not text")
    try:
        return nfc(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few broken bytes (a cut download, a stray byte): the broken ones are replaced
    # (U+FFFD) and the rest read, rather than the whole read as a legacy code page. Legacy
    # Vietnamese bytes make far more broken sequences than whole ones.
    lossy = data.decode("utf-8", errors="replace")
    broken = lossy.count("\ufffd")
    whole = sum(1 for c in lossy if c > "\x7f") - broken
    if whole >= 20 and broken * 20 <= whole:
        return nfc(lossy), "utf-8-lossy"
    mixed = _mixed(data)
    if mixed is not None:
        return mixed
    text, enc = _decode_single_byte(data)
    tokens, valid, _ = syllable_stats(text)
    if tokens == 0 or valid / tokens < 0.5:
        raise Rejected("undecodable: neither UTF-8/16 nor a Vietnamese legacy encoding")
    return text, enc


# What one file may hold: a plan is a few hundred kilobytes of text; a file far larger is no
# plan, and parsing it would hold the build up for minutes
MAX_BYTES = 100_000_000  # a file (a PDF with its images)
MAX_UNPACKED = 200_000_000  # a .docx, unpacked
MAX_CHARS = 3_000_000  # the text read out of a file: a thousand pages


def _docx_text(data: bytes) -> str:
    try:
        import docx  # python-docx
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise Rejected("a .docx file, and python-docx is not installed") from exc
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as damage:
        raise Rejected(f"damaged .docx file ({damage})") from damage
    if unpacked > MAX_UNPACKED:  # a zip bomb, or no plan: plans unpack to a few megabytes
        raise Rejected(f"a .docx that unpacks to {unpacked / 1e6:.0f} MB (a plan is far smaller)")
    try:
        return docx_text(docx.Document(io.BytesIO(data)))
    except Exception as damage:  # truncated or hostile XML, a part missing: this file only
        raise Rejected(f"damaged .docx file ({type(damage).__name__}: {damage})") from damage


def _pdf_text(data: bytes) -> str:
    try:
        import pypdf
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise Rejected("a .pdf file, and pypdf is not installed") from exc
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        # the layout mode places each glyph where the page shows it: the plain mode puts spaces
        # around a Vietnamese letter set as a base and its marks ("S ố", "K Ế  HO Ạ CH")
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except Exception as damage:  # pypdf raises many types on damaged files
        raise Rejected(f"damaged PDF ({type(damage).__name__}: {damage})") from damage
    # a mark that the layout set apart from its letter ("UBND TI      ̉NH", centred in a cell)
    # belongs to the letter before it
    text = _MARK_APART.sub(r"\1\2", "\n".join(pages))
    if not text.strip():
        raise Rejected("PDF without a text layer (a scan): run OCR first")
    return text


_MARK_APART = re.compile(r"(\w)[ \t]+([\u0300-\u036f]+)")


def read_text(path: Path) -> RawText:
    """Read one raw plan. Raises Rejected with a plain reason when it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise Rejected(f"a file of {size / 1e6:.0f} MB: too large for a plan (at most {MAX_BYTES / 1e6:.0f} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise Rejected(f"unreadable file ({exc.strerror})") from exc
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise Rejected("empty file")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        text, enc = nfc(_docx_text(data)), "docx"
    elif suffix == ".pdf" or data.startswith(b"%PDF"):
        text, enc = nfc(_pdf_text(data)), "pdf"
    else:
        text, enc = decode_bytes(data)
        if suffix in (".html", ".htm", ".xhtml") or looks_like_html(text):
            try:
                text, enc = nfc(html_to_text(text)), f"html/{enc}"
            except Exception as damage:  # a reader's fault costs this file only
                raise Rejected(f"unreadable HTML page ({type(damage).__name__}: {damage})") from damage
            if not text.strip():
                raise Rejected("an HTML page with no text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise Rejected("empty file")
    if len(text) > MAX_CHARS:
        raise Rejected(f"a text of {len(text):,} characters: too long for a plan (at most {MAX_CHARS:,})")
    return RawText(text=text, encoding=enc, sha256=digest)
