"""`compare build` end to end: real files in, real Parquet out."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from conftest import MATERIAL, RAW, ROOT

from compare.build import build
from compare.build.tables import SCHEMAS


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.parquet"))}


SCHEMAS_BUILT = ("documents", "sections", "tasks", "references", "lines", "rejects")


def test_build_writes_the_contract_tables(built):
    out, result = built
    assert len(result.documents) == 5 and not result.rejects
    for name in ("documents", "sections", "tasks", "references", "rejects", "lines"):
        frame = pl.read_parquet(out / f"{name}.parquet")
        assert dict(frame.schema) == SCHEMAS[name], name
    docs = pl.read_parquet(out / "documents.parquet")
    assert docs["doc_id"].to_list() == sorted(p.stem for p in RAW.glob("*.txt"))
    assert docs["source_path"].to_list()[0] == "data/raw/000_04f4ef8ac17a6be6.txt" or docs["source_path"].to_list()[
        0
    ].endswith("data/raw/000_04f4ef8ac17a6be6.txt")
    tasks = pl.read_parquet(out / "tasks.parquet")
    assert tasks["task_id"].n_unique() == tasks.height
    assert tasks["text"].str.len_chars().min() > 0
    assert set(tasks["section_id"].drop_nulls()) <= set(pl.read_parquet(out / "sections.parquet")["section_id"])
    refs = pl.read_parquet(out / "references.parquet")
    assert refs.filter(pl.col("task_id").is_null()).height > 0  # preamble citations
    assert refs.filter(pl.col("ref_id") == "129/QĐ-UBND").height >= 2
    assert not list(out.rglob("*.tmp")) and sorted(p.name for p in out.glob(".*")) == [
        ".compare-output",
        ".generations",
        ".lock",
    ]
    assert [p.name for p in (out / ".generations").iterdir()] == ["000001"]  # (no partial generation, no shards)
    assert sorted(p.name for p in (out / "current").iterdir()) == sorted(f"{n}.parquet" for n in SCHEMAS_BUILT)


@pytest.mark.slow  # (builds in other processes)
def test_two_builds_give_byte_identical_tables(tmp_path):
    build(RAW, tmp_path / "a", echo=lambda *a: None)
    build(RAW, tmp_path / "b", echo=lambda *a: None)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    # and in other processes, whose string hashing (set and dict order) differs
    import os
    import subprocess
    import sys

    for seed in ("1", "2"):
        subprocess.run(
            [sys.executable, "-m", "compare.cli", "build", "--raw", str(RAW), "--out", str(tmp_path / seed)],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert _digest(tmp_path / seed) == _digest(tmp_path / "a")


def test_bad_files_are_rejected_and_the_rest_goes_through(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / "empty.txt").write_bytes(b"")
    rng = random.Random(1)
    (raw / "random.bin").write_bytes(bytes(rng.randrange(256) for _ in range(5000)))
    shutil.copy(MATERIAL / "english.txt", raw / "english.txt")
    shutil.copy(RAW / "002_f6c5449781db0a59.txt", raw / "zz_copy_of_002.txt")
    result = build(raw, tmp_path / "out", echo=lambda *a: None)
    assert len(result.documents) == 5
    rejects = {r["source_path"].split("/")[-1]: r["reason"] for r in result.rejects}
    assert rejects["empty.txt"] == "empty file"
    assert rejects["random.bin"].startswith("binary file")
    assert rejects["english.txt"].startswith("not a plan")
    assert (
        rejects["zz_copy_of_002.txt"].startswith("duplicate of")
        and "002_f6c5449781db0a59.txt" in rejects["zz_copy_of_002.txt"]
    )
    table = pl.read_parquet(tmp_path / "out" / "rejects.parquet")
    assert table.height == 4 and table["reason"].str.len_chars().min() > 5


def test_docx_and_legacy_encoded_files_build(tmp_path):
    import docx
    import forms

    raw = tmp_path / "raw"
    raw.mkdir()
    text = (RAW / "002_f6c5449781db0a59.txt").read_text(encoding="utf-8")
    document = docx.Document()
    for para in forms.strip_markdown(text).split("\n"):
        document.add_paragraph(para)
    document.save(raw / "plan.docx")
    (raw / "plan_vni.txt").write_bytes(forms.vni(text))
    result = build(raw, tmp_path / "out", echo=lambda *a: None)
    assert not result.rejects
    counts = {d.doc_id: d.n_tasks for d in result.documents}
    assert counts == {"plan": 32, "plan_vni": 32}
    assert {d.metadata.issuer for d in result.documents} == {"Sở Ngoại vụ"}


def test_atomic_write_leaves_the_old_table_on_failure(tmp_path, monkeypatch):
    from compare.build import tables

    good = pl.DataFrame({"a": [1]})
    target = tmp_path / "t.parquet"
    tables.write_table(good, target)
    before = target.read_bytes()

    def boom(self, *a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(pl.DataFrame, "write_parquet", boom)
    with pytest.raises(OSError):
        tables.write_table(pl.DataFrame({"a": [2]}), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.parquet"]


def _cli(*args, cwd=ROOT):
    exe = Path(sys.executable).with_name("compare")
    cmd = [str(exe), *args] if exe.exists() else [sys.executable, "-m", "compare.cli", *args]
    return subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")}
    )


def test_cli_build_prints_a_summary_and_fails_only_without_plans(tmp_path):
    ok = _cli("build", "--raw", str(RAW), "--out", str(tmp_path / "out"))
    assert ok.returncode == 0, ok.stderr
    assert "000_04f4ef8ac17a6be6: Kế hoạch" in ok.stdout and "23 tasks" in ok.stdout
    assert "0 lines unaccounted" in ok.stdout
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "a.txt").write_text("hello world, nothing here")
    bad = _cli("build", "--raw", str(junk), "--out", str(tmp_path / "out2"))
    assert bad.returncode != 0 and "no plan could be built" in bad.stderr
    assert (tmp_path / "out2" / "rejects.parquet").exists()
    missing = _cli("build", "--raw", str(tmp_path / "nope"), "--out", str(tmp_path / "o3"))
    assert missing.returncode != 0 and "no such folder" in missing.stderr


def test_cli_restore_prints_the_text_line_for_line(tmp_path):
    import forms

    f = tmp_path / "x.txt"
    f.write_bytes(forms.windows_1258("Ủy ban nhân dân\nhoà bình\n"))
    out = _cli("restore", str(f))
    assert out.returncode == 0
    assert out.stdout.split("\n")[:2] == ["Ủy ban nhân dân", "hòa bình"]


def test_docx_plan_with_a_word_table(tmp_path):
    """A .docx whose tasks sit in a Word table: Stt | Nội dung | chủ trì | phối hợp | thời gian."""
    import datetime as dt

    import docx

    from compare.build import parse_file

    d = docx.Document()
    for p in [
        "UBND TỈNH LÀO CAI",
        "SỞ Y TẾ",
        "Số: 15/KH-SYT",
        "Lào Cai, ngày 10 tháng 02 năm 2025",
        "KẾ HOẠCH",
        "Thực hiện công tác dân vận chính quyền năm 2025",
        "Căn cứ Quyết định số 129/QĐ-UBND ngày 15/01/2025 của UBND tỉnh;",
        "Sở Y tế ban hành Kế hoạch như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Nâng cao nhận thức về công tác dân vận.",
        "II. NHIỆM VỤ CỤ THỂ",
    ]:
        d.add_paragraph(p)
    rows = [
        ["Stt", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"],
        ["1", "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở", "Văn phòng Sở", "Các phòng", "Thường xuyên"],
        ["2", "Giải quyết khiếu nại, tố cáo của công dân", "Thanh tra Sở", "Văn phòng Sở", "Quý II/2025"],
        [
            "3",
            "Chấm điểm, xếp loại công tác dân vận năm 2025",
            "Phòng Tổ chức cán bộ",
            "Các đơn vị",
            "trước ngày 10/12/2025",
        ],
    ]
    table = d.add_table(rows=4, cols=5)
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    for p in [
        "III. TỔ CHỨC THỰC HIỆN",
        "Các phòng, đơn vị triển khai thực hiện Kế hoạch này.",
        "Nơi nhận:",
        "- Lưu: VT.",
        "GIÁM ĐỐC",
        "Hoàng Văn Sơn",
    ]:
        d.add_paragraph(p)
    d.save(tmp_path / "yte.docx")
    doc = parse_file(tmp_path / "yte.docx")
    md = doc.metadata
    assert (md.issuer, md.parent, md.number, md.issued_date, md.signer) == (
        "Sở Y tế",
        "UBND tỉnh Lào Cai",
        "15/KH-SYT",
        dt.date(2025, 2, 10),
        "Hoàng Văn Sơn",
    )
    rows_out = [
        (t["label"], t["lead_units"], t["partner_units"], t["timeframe"], t["due_end"])
        for t in doc.tasks
        if t["item_kind"] == "table_row"
    ]
    assert rows_out == [
        ("1", ["Văn phòng Sở"], ["Các phòng"], "Thường xuyên", dt.date(2025, 12, 31)),
        ("2", ["Thanh tra Sở"], ["Văn phòng Sở"], "Quý II/2025", dt.date(2025, 6, 30)),
        ("3", ["Phòng Tổ chức cán bộ"], ["Các đơn vị"], "trước ngày 10/12/2025", dt.date(2025, 12, 10)),
    ]


def _numbered_docx(path):
    """A .docx as Word writes one: a header in two columns split by tabs, the title after a line
    break, parts, items and bullets numbered by Word itself (the numbers are not in the text)."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    W = nsdecls("w")
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def para(text, level=None):
        p = d.add_paragraph()
        parts = text.split("\n")
        run = p.add_run(parts[0])
        for more in parts[1:]:
            run.add_break()
            run = p.add_run(more)
        if level is not None:
            p._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            )
        return p

    def tabbed(left, right):
        p = d.add_paragraph()
        p.add_run(left)
        p.add_run().add_tab()
        p.add_run(right)

    tabbed("UBND TỈNH NGHỆ AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    tabbed("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Độc lập - Tự do - Hạnh phúc")
    tabbed("Số: 21/KH-SNNMT", "Nghệ An, ngày 12 tháng 3 năm 2025")
    para("KẾ HOẠCH\nThực hiện công tác dân vận chính quyền năm 2025")
    para(
        "Căn cứ Kế hoạch số 30/KH-UBND ngày 20/01/2025 của UBND tỉnh; Sở Nông nghiệp và Môi trường ban hành Kế hoạch như sau:"
    )
    para("MỤC ĐÍCH, YÊU CẦU", 0)
    para("Nâng cao nhận thức về công tác dân vận chính quyền.")
    para("NHIỆM VỤ TRỌNG TÂM", 0)
    para("Công tác tuyên truyền", 1)
    para("Tuyên truyền Luật Thực hiện dân chủ ở cơ sở đến công chức, viên chức.", 2)
    para("Phổ biến Quy chế dân chủ tại cơ quan.", 2)
    para("Công tác cải cách hành chính", 1)
    para("Niêm yết công khai thủ tục hành chính tại Bộ phận một cửa.", 2)
    para("Tiếp công dân định kỳ, giải quyết kịp thời kiến nghị của người dân.", 2)
    para("TỔ CHỨC THỰC HIỆN", 0)
    d.add_paragraph("Văn phòng Sở theo dõi, đôn đốc, tổng hợp, báo cáo trước ngày 10/12/2025.", style="List Bullet")
    d.add_paragraph("Các phòng, đơn vị báo cáo kết quả về Văn phòng Sở.", style="List Bullet")
    para("Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT.")
    para("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    para("Trần Văn Hùng")
    d.save(path)


def test_docx_with_word_numbering_tabs_and_line_breaks(tmp_path):
    from compare.build import parse_file
    from compare.read.raw import read_text

    _numbered_docx(tmp_path / "snn.docx")
    text = read_text(tmp_path / "snn.docx").text
    assert "I. MỤC ĐÍCH, YÊU CẦU\n" in text and "\n2. Công tác cải cách hành chính\n" in text
    assert "\nKẾ HOẠCH\nThực hiện" in text and "Số: 21/KH-SNNMT\tNghệ An" in text
    doc = parse_file(tmp_path / "snn.docx")
    md = doc.metadata
    assert (md.issuer, md.parent, md.number, str(md.issued_date), md.title, md.signer, md.signer_title) == (
        "Sở Nông nghiệp và Môi trường",
        "UBND tỉnh Nghệ An",
        "21/KH-SNNMT",
        "2025-03-12",
        "Thực hiện công tác dân vận chính quyền năm 2025",
        "Trần Văn Hùng",
        "Phó Giám đốc",
    )
    heading = {s["section_id"]: s["heading"] for s in doc.sections}
    assert [(heading[t["section_id"]], t["text"][:20]) for t in doc.tasks] == [
        ("Công tác tuyên truyền", "Tuyên truyền Luật Th"),
        ("Công tác tuyên truyền", "Phổ biến Quy chế dân"),
        ("Công tác cải cách hành chính", "Niêm yết công khai t"),
        ("Công tác cải cách hành chính", "Tiếp công dân định k"),
        ("TỔ CHỨC THỰC HIỆN", "Văn phòng Sở theo dõ"),
        ("TỔ CHỨC THỰC HIỆN", "Các phòng, đơn vị bá"),
    ]


def _mixed_folder(root: Path) -> Path:
    """The seeds, the material plans, a scan of one, a bad file: what a parallel build must
    treat exactly as a serial one (the scan waits for the restorer the clean plans teach)."""
    import forms

    raw = root / "raw"
    shutil.copytree(RAW, raw)
    for path in sorted(MATERIAL.glob("*")):
        if path.suffix in (".txt", ".md", ".html"):
            shutil.copy(path, raw / path.name)
    text = (RAW / "002_f6c5449781db0a59.txt").read_text(encoding="utf-8")
    (raw / "scan_of_002.txt").write_text(forms.ocr_damage(text), encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    return raw


@pytest.mark.slow  # (builds in other processes)
def test_a_parallel_build_gives_the_tables_of_a_serial_one(tmp_path):
    from compare.build import build_corpus, write_tables

    raw = _mixed_folder(tmp_path)
    serial, parallel = build_corpus(raw, jobs=1), build_corpus(raw, jobs=2)
    assert any(d.metadata.text_quality == "ocr" for d in parallel.documents) and parallel.rejects
    write_tables(serial, tmp_path / "serial")
    write_tables(parallel, tmp_path / "parallel")
    assert _digest(tmp_path / "serial") == _digest(tmp_path / "parallel")
    assert [d.doc_id for d in serial.documents] == [d.doc_id for d in parallel.documents]


def test_a_parser_bug_in_a_worker_costs_only_its_file(tmp_path, monkeypatch):
    from compare.build import build_corpus, pipeline

    real = pipeline.parse_text

    def failing(text, doc_id, *args, **kwargs):
        if doc_id.startswith("003"):
            raise RuntimeError("a bug the parser met")
        return real(text, doc_id, *args, **kwargs)

    monkeypatch.setattr(pipeline, "parse_text", failing)  # (the forked workers inherit it)
    result = build_corpus(RAW, jobs=2)
    assert len(result.documents) == 4
    (reject,) = result.rejects
    assert reject["source_path"].endswith("003_ebb1f1004e055704.txt")
    assert reject["reason"] == "internal error while parsing: RuntimeError: a bug the parser met"
