"""Search: typed with or without diacritics, finding scans' text and the notes attached to a
task; `corpus.source`; `compare search`."""

from __future__ import annotations

import polars as pl
import pytest
from click.testing import CliRunner

from compare.analyze.search import SearchIndex, searchable_texts


def _index(texts: list[str], notes: dict[int, list[str]] | None = None) -> SearchIndex:
    tasks = pl.DataFrame(
        {
            "task_id": [f"d:t{k}" for k in range(len(texts))],
            "doc_id": ["d"] * len(texts),
            "text": texts,
            "line_start": list(range(len(texts))),
            "line_end": list(range(len(texts))),
        }
    )
    rows = [
        {"doc_id": "d", "line_no": 100 + k * 10 + j, "task_id": f"d:t{k}", "text": note, "restored": None}
        for k, ns in (notes or {}).items()
        for j, note in enumerate(ns)
    ]
    lines = pl.DataFrame(
        rows, schema={"doc_id": pl.Utf8, "line_no": pl.Int32, "task_id": pl.Utf8, "text": pl.Utf8, "restored": pl.Utf8}
    )
    return SearchIndex(tasks, lines, None, {"d": "Kế hoạch D"})


def test_a_query_without_marks_finds_text_with_them_and_the_reverse():
    idx = _index(["Đẩy mạnh chuyển đổi số trong cơ quan", "Tiếp công dân định kỳ", "Chuyen doi so trong truong hoc"])
    for query in ("chuyen doi so", "chuyển đổi số", "CHUYỂN ĐỔI SỐ"):
        hits = idx.search(query, k=5)
        assert set(hits["task_id"].head(2)) == {"d:t0", "d:t2"}, query
        assert "d:t1" not in hits["task_id"].to_list()
    assert hits["plan"][0] == "Kế hoạch D"


def test_a_subject_named_only_in_a_note_finds_its_task():
    idx = _index(
        ["Tuyên truyền các văn bản của Trung ương", "Tiếp công dân"],
        notes={0: ["Chỉ thị số 45-CT/TW về lãnh đạo cuộc bầu cử đại biểu Quốc hội khóa XVI"]},
    )
    for query in ("bầu cử đại biểu Quốc hội", "bau cu dai bieu quoc hoi"):
        assert idx.search(query, k=1)["task_id"].to_list() == ["d:t0"]


def test_searchable_text_holds_the_restored_lines_of_a_scan():
    tasks = pl.DataFrame({"task_id": ["d:t0"], "text": ["Tuyên truyền"]})
    lines = pl.DataFrame(
        {
            "task_id": ["d:t0", None],
            "doc_id": ["d", "d"],
            "line_no": [1, 2],
            "text": ["Ludt Bau cir dai biéu", "x"],
            "restored": ["Luật Bầu cử đại biểu", None],
        }
    )
    assert searchable_texts(tasks, lines) == ["Tuyên truyền Ludt Bau cir dai biéu Luật Bầu cử đại biểu"]


def test_nothing_found_is_an_empty_frame():
    assert _index(["Tiếp công dân"]).search("zzzz qqqq").height == 0
    assert _index(["Tiếp công dân"]).search("   ").height == 0


@pytest.mark.slow
def test_the_seeds_2026_election_note_is_found_with_and_without_marks(built):
    """001's row 1.1 carries, in a note of a scanned page, the directives on the 2026 elections;
    no task's text names them."""
    import compare

    out, _ = built
    corpus = compare.load(out)
    row = corpus.tasks.filter(pl.col("doc_id").str.starts_with("001") & (pl.col("label") == "1.1"))["task_id"][0]
    assert "bầu cử" not in corpus.tasks.filter(pl.col("task_id") == row)["text"][0].lower()
    for query in ("bầu cử đại biểu Quốc hội", "bau cu dai bieu quoc hoi"):
        hits = corpus.search(query, k=5)
        assert row in hits["task_id"].to_list(), (query, hits)
    source = corpus.source(row)
    assert source["line_no"].min() <= 90 and source["line_no"].max() >= 101


@pytest.mark.slow
def test_compare_search_prints_plan_and_lines(built):
    from compare.cli import main

    out, _ = built
    result = CliRunner().invoke(main, ["search", "tiep cong dan", "--processed", str(out), "-k", "3"])
    assert result.exit_code == 0, result.output
    import re

    hits = re.findall(r"^ ?(\d+)\. \[\d\.\d\d\] (.+?)  ·  dòng (\d+)-(\d+)  ·  ", result.output, re.M)
    assert [h[0] for h in hits] == ["1", "2", "3"] and all(h[1].startswith(("Sở", "UBND")) for h in hits)
