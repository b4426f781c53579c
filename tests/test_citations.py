"""The documents plans cite (one row per document, spellings merged, damaged codes repaired or
flagged, look-alikes flagged, laws by name), and any two plans side by side (`compare diff`)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from click.testing import CliRunner

from compare.analyze.citations import citations, level_of, parse_code

D = dt.date


def _refs(rows):
    return pl.DataFrame(
        rows,
        schema={
            "doc_id": pl.Utf8,
            "task_id": pl.Utf8,
            "ref_id": pl.Utf8,
            "kind": pl.Utf8,
            "ref_date": pl.Date,
            "text": pl.Utf8,
        },
        orient="row",
    )


DOCS = pl.DataFrame(
    {"doc_id": ["a", "b", "c"], "year": [2023, 2025, 2026], "text_quality": ["clean", "clean", "ocr"]},
    schema={"doc_id": pl.Utf8, "year": pl.Int32, "text_quality": pl.Utf8},
)
TASKS = pl.DataFrame(
    {
        "doc_id": ["a", "b", "c"],
        "task_id": ["a:t1", "b:t1", "c:t1"],
        "text": [
            "Thực hiện Chỉ thị số 26-CT/UBND ngày 31/12/2021 của UBND thành phố về tăng cường công tác dân vận; "
            "Luật Tiếp công dân, Luật Khiếu nại.",
            "Thực hiện Chỉ thị số 26/CT-UBND ngày 31/12/2021; Quyết định số 446-QĐ/TU ngày 26/11/2021; "
            "Luật Thực hiện dân chủ ở cơ sở.",
            "Triển khai Quyết định số 466-QĐ/TU ngày 26/11/2021 và Chỉ thị số "
            "28/TT-TTg ngày 18/9/2025; Luật Thực hiện dân chỉ ở cơ sở (bản quét).",
        ],
    }
)


def test_codes_in_either_style_parse_alike():
    assert parse_code("26-CT/UBND") == parse_code("26/CT-UBND") == ("26", "CT", "UBND")
    assert parse_code("59/2023/NĐ-CP") == ("59", "NĐ", "CP")
    assert parse_code("Luật Tiếp công dân") is None
    assert level_of("TW") == "Trung ương / Bộ Chính trị" and level_of("TTg") == "Chính phủ / Thủ tướng"
    assert level_of("TU") == "Tỉnh ủy / Thành ủy" and level_of("UBND") == "UBND" and level_of("HĐND") == "HĐND"


def test_one_row_per_document_with_every_spelling_and_its_years():
    refs = _refs(
        [
            ("a", "a:t1", "26-CT/UBND", "Chỉ thị", D(2021, 12, 31), "Chỉ thị số 26-CT/UBND ngày 31/12/2021"),
            ("b", "b:t1", "26/CT-UBND", "Chỉ thị", D(2021, 12, 31), "Chỉ thị số 26/CT-UBND ngày 31/12/2021"),
            ("b", "b:t1", "446-QĐ/TU", "Quyết định", D(2021, 11, 26), "Quyết định số 446-QĐ/TU ngày 26/11/2021"),
            ("c", "c:t1", "466-QĐ/TU", "Quyết định", D(2021, 11, 26), "Quyết định số 466-QĐ/TU ngày 26/11/2021"),
            ("c", "c:t1", "28/TT-TTg", "Chỉ thị", D(2025, 9, 18), "Chỉ thị số 28/TT-TTg ngày 18/9/2025"),
        ]
    )
    cited = citations(refs, TASKS, DOCS)
    row = {r["ref_id"]: r for r in cited.iter_rows(named=True)}
    merged = next(r for r in row.values() if "26/CT-UBND" in r["variants"])
    assert sorted(merged["variants"]) == ["26-CT/UBND", "26/CT-UBND"] and merged["years"] == [2023, 2025]
    assert merged["subject"] == "tăng cường công tác dân vận" and merged["level"] == "UBND"
    assert any("466-QĐ/TU" in f and "một chữ số" in f for f in row["446-QĐ/TU"]["flags"])
    assert any("446-QĐ/TU" in f for f in row["466-QĐ/TU"]["flags"])
    repaired = row["28/CT-TTg"]
    assert repaired["variants"] == ["28/TT-TTg"] and any("Thông tư" in f for f in repaired["flags"])
    laws = {r["ref_id"]: r for r in cited.filter(pl.col("kind") == "Luật").iter_rows(named=True)}
    assert {"Luật Tiếp công dân", "Luật Khiếu nại", "Luật Thực hiện dân chủ ở cơ sở"} <= set(laws)
    assert len(laws["Luật Thực hiện dân chủ ở cơ sở"]["variants"]) == 2  # a scan's spelling joins it


def test_a_damaged_code_joins_the_clean_citation_of_the_same_document():
    refs = _refs(
        [
            ("a", "a:t1", "15/CT-TTg", "Chỉ thị", D(2024, 3, 1), "Chỉ thị số 15/CT-TTg ngày 01/3/2024"),
            ("b", "b:t1", "15/TT-TTg", "Chỉ thị", D(2024, 3, 1), "Chỉ thị số 15/TT-TTg ngày 01/3/2024"),
        ]
    )
    cited = citations(refs, TASKS, DOCS).filter(pl.col("kind") != "Luật")
    assert cited.height == 1 and cited["ref_id"][0] == "15/CT-TTg" and cited["n_plans"][0] == 2


@pytest.mark.slow
def test_the_seeds_citations(built):
    import compare

    out, _ = built
    cited = compare.load(out).citations()
    row = {r["ref_id"]: r for r in cited.iter_rows(named=True)}
    assert {"26-CT/UBND", "26/CT-UBND"} <= set(row["26/CT-UBND"]["variants"])
    assert any("466-QĐ/TU" in f for f in row["446-QĐ/TU"]["flags"])
    assert "28/CT-TTg" in row and row["28/CT-TTg"]["flags"]
    assert "Luật Thực hiện dân chủ ở cơ sở" in row and "Luật Tiếp công dân" in row


@pytest.mark.slow
def test_compare_diff_of_two_issuers_writes_a_page(built, tmp_path):
    from compare.cli import main

    out, _ = built
    page = tmp_path / "d.html"
    result = CliRunner().invoke(main, ["diff", "002", "004", "--processed", str(out), "--out", str(page)])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert "Sở Ngoại vụ Hải Phòng · năm 2025" in text and "UBND phường Đông Hải" in text
    assert "Chỉ có trong A" in text and "Chỉ có trong B" in text and "<del>" in text and "%" in text
    bad = CliRunner().invoke(main, ["diff", "002", "zzz", "--processed", str(out), "--out", str(page)])
    assert bad.exit_code != 0 and "unknown plan" in bad.output


@pytest.mark.slow
def test_groups_of_plans_align_over_the_union_of_their_tasks(built):
    import compare

    out, _ = built
    corpus = compare.load(out)
    aligned = corpus.compare_groups(["000", "002"], ["001"])
    assert set(aligned.filter(pl.col("task_id_old").is_not_null())["doc_id_old"]) == {
        "000_04f4ef8ac17a6be6",
        "002_f6c5449781db0a59",
    }
    n_a = corpus.tasks.filter(pl.col("doc_id").is_in(["000_04f4ef8ac17a6be6", "002_f6c5449781db0a59"])).height
    assert aligned.filter(pl.col("task_id_old").is_not_null()).height == n_a
    with pytest.raises(ValueError, match="both sides"):
        corpus.compare_groups(["000"], ["000"])
