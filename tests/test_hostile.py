"""Hostile and broken files, built next to good plans: each bad file is a reject with a reason,
the good plans come through, and time and memory stay bounded."""

from __future__ import annotations

import io
import resource
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from conftest import RAW

from compare.build import build_corpus
from compare.read.raw import Rejected, read_text

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(path: Path, paragraphs: list[str], numbering: str = "", body_xml: str = "") -> Path:
    """A .docx made by python-docx, then given the numbering or body parts a test needs."""
    import docx

    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    d.save(path)
    if numbering or body_xml:
        _rewrite(path, numbering, body_xml)
    return path


def _rewrite(path: Path, numbering: str, body_xml: str) -> None:
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/numbering.xml" and numbering:
                data = data.replace(b"</w:numbering>", numbering.encode() + b"</w:numbering>")
            if info.filename == "word/document.xml" and body_xml:
                data = data.replace(b"<w:sectPr", body_xml.encode() + b"<w:sectPr", 1)
            dst.writestr(info, data)
    path.write_bytes(out.getvalue())


_PLAN = ["SỞ NỘI VỤ", "Số: 5/KH-SNV", "KẾ HOẠCH", "Công tác dân vận năm 2026", "I. NHIỆM VỤ"]


def _numbered(start: str, fmt: str = "upperRoman", ilvl: str = "0") -> tuple[str, str]:
    numbering = (
        f'<w:abstractNum {W} w:abstractNumId="77"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        f'<w:num {W} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'
    )
    item = (
        f'<w:p {W}><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="77"/></w:numPr></w:pPr>'
        "<w:r><w:t>Tuyên truyền Luật Thực hiện dân chủ ở cơ sở đến công chức.</w:t></w:r></w:p>"
    )
    return numbering, item * 3


def _bounded(seconds: float, megabytes: float):
    """Run a call and check it took less than `seconds` and grew the peak memory by less than
    `megabytes`."""

    class Check:
        def __enter__(self):
            self.t0 = time.perf_counter()
            self.rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            return self

        def __exit__(self, *exc):
            took = time.perf_counter() - self.t0
            grew = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - self.rss0) / 1024
            assert took < seconds, f"took {took:.1f} s"
            assert grew < megabytes, f"memory grew {grew:.0f} MB"

    return Check()


def test_a_list_that_starts_at_ten_to_the_twelve_in_roman_numerals_is_read_at_once(tmp_path):
    numbering, items = _numbered("999999999999")
    path = _docx(tmp_path / "start.docx", _PLAN, numbering, items)
    with _bounded(10, 200):
        text = read_text(path).text
    assert "Tuyên truyền Luật" in text
    assert "MMMMMMMMMM" not in text  # (a number that no roman numeral writes stays a number)


def test_a_cell_spanning_three_hundred_million_columns_is_clamped(tmp_path):
    table = (
        f'<w:tbl {W}><w:tr><w:tc><w:tcPr><w:gridSpan w:val="300000000"/></w:tcPr>'
        "<w:p><w:r><w:t>Nội dung</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    path = _docx(tmp_path / "span.docx", _PLAN, body_xml=table)
    with _bounded(10, 200):
        text = read_text(path).text
    row = next(line for line in text.splitlines() if "Nội dung" in line)
    assert row.count("|") <= 70


def test_a_level_that_is_no_number_is_read_as_the_first(tmp_path):
    numbering, items = _numbered("1", fmt="decimal", ilvl="x")
    path = _docx(tmp_path / "level.docx", _PLAN, numbering, items)
    assert "Tuyên truyền Luật" in read_text(path).text


def _truncated(path: Path) -> Path:
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, data[: len(data) // 2] if info.filename == "word/document.xml" else data)
    path.write_bytes(out.getvalue())
    return path


def _billion_laughs(path: Path) -> Path:
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    lol = '<!DOCTYPE w:document [<!ENTITY a "ha ha ha ha ha ha ha ha ha ha">' + "".join(
        f'<!ENTITY {chr(98 + k)} "{("&" + chr(97 + k) + ";") * 10}">' for k in range(9)
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                head, _, rest = data.partition(b"?>")
                data = head + b"?>" + (lol + "]>").encode() + rest.replace(b"I. NHI", b"&j; I. NHI", 1)
            dst.writestr(info, data)
    path.write_bytes(out.getvalue())
    return path


def _zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/padding.bin", b"\0" * 250_000_000)
    return path


@pytest.mark.parametrize(
    ("name", "spoil", "reason"),
    [
        ("truncated", _truncated, "damaged .docx file"),
        ("laughs", _billion_laughs, ""),
        ("bomb", _zip_bomb, "unpacks to"),
    ],
)
def test_a_broken_or_hostile_docx_is_a_reject_or_read_safely(tmp_path, name, spoil, reason):
    path = spoil(_docx(tmp_path / f"{name}.docx", [*_PLAN, "1. Tuyên truyền Luật Thực hiện dân chủ ở cơ sở."]))
    with _bounded(20, 300):
        try:
            text = read_text(path).text
        except Rejected as exc:
            assert reason in str(exc)
        else:
            assert not reason and "ha ha ha ha" * 100 not in text  # entities are never expanded


@pytest.mark.slow  # (a parallel build)
def test_hostile_files_beside_good_plans_cost_only_themselves(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    numbering, items = _numbered("999999999999")
    _docx(raw / "roman.docx", _PLAN, numbering, items)
    _truncated(_docx(raw / "truncated.docx", _PLAN))
    _zip_bomb(_docx(raw / "bomb.docx", _PLAN))
    (raw / "huge.txt").write_text("Kế hoạch công tác dân vận. " * 130_000, encoding="utf-8")  # 3.4M characters
    with _bounded(120, 1500):
        result = build_corpus(raw, jobs=2)
    built = {d.doc_id for d in result.documents}
    assert {p.stem for p in RAW.glob("*.txt")} <= built
    reasons = {r["source_path"].split("/")[-1]: r["reason"] for r in result.rejects}
    assert "damaged .docx file" in reasons["truncated.docx"]
    assert "unpacks to" in reasons["bomb.docx"]
    assert "too long for a plan" in reasons["huge.txt"]


def test_what_is_not_read_is_listed_with_its_reason(tmp_path):
    import os

    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    outside = tmp_path / "elsewhere.txt"
    outside.write_text((RAW / "002_f6c5449781db0a59.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (raw / "link_out.txt").symlink_to(outside)
    (raw / "link_in.txt").symlink_to(raw / "004_af6ae590234994d3.txt")  # a copy, by a link: a duplicate
    (raw / "loop").symlink_to(raw / "loop")
    os.mkfifo(raw / "pipe.txt")
    (raw / ".hidden.txt").write_text("x", encoding="utf-8")
    locked = raw / "locked"
    locked.mkdir()
    (locked / "plan.txt").write_text("x", encoding="utf-8")
    locked.chmod(0)
    try:
        result = build_corpus(raw)
    finally:
        locked.chmod(0o755)
    reasons = {r["source_path"].split("/")[-1]: r["reason"] for r in result.rejects}
    assert reasons["link_out.txt"] == "a link to a file outside the folder, not read"
    assert reasons["loop"] == "a link that leads nowhere (or in a loop), not read"
    assert reasons["pipe.txt"].startswith("not a regular file")
    assert reasons[".hidden.txt"] == "hidden file, not read"
    assert reasons["link_in.txt"].startswith("duplicate of")
    if os.geteuid() != 0:  # (root reads any folder)
        assert reasons["locked"].startswith("folder not read")
    assert "SOURCES.md" not in reasons and len(result.documents) == 5


def test_tables_and_reports_inside_the_raw_folder_are_never_read_back(tmp_path):
    from compare.build import build

    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    build(raw, raw / "processed", echo=lambda *a: None)
    (raw / "reports").mkdir()
    (raw / "reports" / ".compare-output").touch()  # as `compare report` marks its folder
    (raw / "reports" / "01-corpus-overview.html").write_text(
        (RAW / "002_f6c5449781db0a59.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    again = build(raw, tmp_path / "out", echo=lambda *a: None)
    assert len(again.documents) == 5
    assert {r["source_path"].split("/")[-1] for r in again.rejects} == {"processed", "reports"}


def test_an_output_that_cannot_be_written_fails_before_parsing(tmp_path):
    from compare.build import build

    target = tmp_path / "a_file"
    target.write_text("", encoding="utf-8")
    with pytest.raises(NotADirectoryError, match="a_file is a file"):
        build(RAW, target, echo=lambda *a: None)


def test_tables_are_written_as_the_umask_says(tmp_path):
    import os
    import stat

    from compare.build import build

    old = os.umask(0o022)
    try:
        build(RAW, tmp_path / "out", echo=lambda *a: None, jobs=1)
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "out" / "tasks.parquet").stat().st_mode)
    assert mode == 0o644


def test_a_pdf_encrypted_with_aes_that_anyone_may_open_is_read(tmp_path):
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject(
        {NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
         NameObject("/BaseFont"): NameObject("/Helvetica")}
    )  # fmt: skip
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf 72 712 Td (KE HOACH cong tac dan van nam 2026) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(content)
    writer.encrypt(user_password="", owner_password="chủ sở hữu", algorithm="AES-256")
    path = tmp_path / "aes.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    assert "KE HOACH cong tac dan van nam 2026" in read_text(path).text
