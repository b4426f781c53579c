"""Across years: term trends, theme trends, what each year brings and leaves, on hand-made
corpora (fast) and on the seeds (slow: the model)."""

from __future__ import annotations

import polars as pl
import pytest

from compare.analyze.trends import (
    new_terms,
    term_hits,
    term_trends,
    watchlist,
    year_changes,
)


def _corpus():
    docs = pl.DataFrame(
        {
            "doc_id": ["a23", "b25", "c25", "d26"],
            "year": [2023, 2025, 2025, 2026],
            "admin_level": ["department", "department", "commune", "department"],
        },
        schema={"doc_id": pl.Utf8, "year": pl.Int32, "admin_level": pl.Utf8},
    )
    tasks = pl.DataFrame(
        {
            "doc_id": ["a23", "b25", "b25", "c25", "d26", "d26"],
            "task_id": ["a23:t1", "b25:t1", "b25:t2", "c25:t1", "d26:t1", "d26:t2"],
            "text": [
                "Triển khai Luật Thực hiện dân chủ ở cơ sở",
                "Sap xep to chuc bo may cua So",  # a scan
                "Dân vận khéo",
                "Xây dựng chính quyền địa phương hai cấp",
                "Tuyên truyền các văn bản",
                "Dân vận khéo trong trường học",
            ],
        }
    )
    refs = pl.DataFrame(
        {
            "doc_id": ["d26"],
            "task_id": ["d26:t1"],
            "ref_id": ["45-CT/TW"],
            "text": ["Chỉ thị số 45-CT/TW về bầu cử đại biểu Quốc hội khóa XVI"],
        }
    )
    return docs, tasks, refs


def test_term_trends_count_plans_tasks_and_citations_per_year_as_shares():
    docs, tasks, refs = _corpus()
    trends = term_trends(tasks, docs, refs, tasks["text"].to_list())
    row = lambda term, year: trends.filter((pl.col("term") == term) & (pl.col("year") == year)).row(0, named=True)  # noqa: E731
    assert row("Sắp xếp tổ chức bộ máy", 2025)["n_plans"] == 1  # found in a text without marks
    assert row("Sắp xếp tổ chức bộ máy", 2025)["share_of_plans"] == 0.5  # of the two plans of 2025
    assert row("Bầu cử đại biểu Quốc hội và HĐND", 2026)["n_citations"] == 1
    assert row("Bầu cử đại biểu Quốc hội và HĐND", 2026)["n_tasks"] == 0
    assert row("Dân vận khéo", 2023)["n_plans"] == 0
    assert set(trends["term"]) == set(watchlist())  # every term, every year, zeros included
    by_level = term_trends(tasks, docs, refs, tasks["text"].to_list(), by="admin_level")
    assert by_level.filter((pl.col("term") == "Chính quyền địa phương hai cấp") & (pl.col("n_plans") > 0))[
        "admin_level"
    ].to_list() == ["commune"]


def test_a_list_of_words_is_a_watch_list_too():
    docs, tasks, refs = _corpus()
    trends = term_trends(tasks, docs, refs, tasks["text"].to_list(), terms=["dân vận khéo"])
    assert trends.filter(pl.col("n_plans") > 0)["year"].to_list() == [2025, 2026]
    hits = term_hits(tasks, refs, tasks["text"].to_list(), terms=["dan van kheo"])
    assert hits["task_id"].to_list() == ["b25:t2", "d26:t2"]


def test_each_year_brings_and_leaves_terms_against_the_year_before():
    docs, tasks, refs = _corpus()
    fresh = new_terms(term_trends(tasks, docs, refs, tasks["text"].to_list()))
    got = {(y, t, s) for y, _, t, s, _ in fresh.iter_rows()}
    assert (2026, "Bầu cử đại biểu Quốc hội và HĐND", "new") in got
    assert (2025, "Sắp xếp tổ chức bộ máy", "new") in got
    assert (2025, "Dân chủ ở cơ sở", "gone") in got
    assert (2026, "Sắp xếp tổ chức bộ máy", "gone") in got


def test_year_changes_new_gone_continuing_with_evidence():
    docs, tasks, _ = _corpus()
    clusters = pl.DataFrame(
        {
            "task_id": tasks["task_id"],
            "cluster": [0, 1, 2, 3, 4, 2],
            "cluster_label": ["dân chủ", "bộ máy", "dân vận khéo", "hai cấp", "tuyên truyền", "dân vận khéo"],
        },
        schema_overrides={"cluster": pl.Int32},
    )
    yc = year_changes(tasks, docs, clusters)
    status = {(r["year"], r["cluster"]): r for r in yc.iter_rows(named=True)}
    assert status[(2025, 0)]["status"] == "gone" and status[(2025, 0)]["task_ids"] == ["a23:t1"]
    assert status[(2025, 1)]["status"] == "new" and status[(2025, 1)]["share_of_plans"] == 0.5
    assert status[(2026, 2)]["status"] == "continuing"
    assert status[(2026, 4)]["status"] == "new" and status[(2026, 4)]["prev_year"] == 2025
    assert yc["year"].unique().sort().to_list() == [2025, 2026]


@pytest.mark.slow
def test_on_the_seeds_2026_brings_the_elections_and_2025_the_apparatus(built):
    import compare

    out, _ = built
    corpus = compare.load(out)
    fresh = new_terms(corpus.term_trends())
    new = {(y, t) for y, _, t, s, _ in fresh.iter_rows() if s == "new"}
    assert (2026, "Bầu cử đại biểu Quốc hội và HĐND") in new
    assert (2025, "Sắp xếp tổ chức bộ máy") in new
    hits = corpus.term_hits().filter(pl.col("term") == "Bầu cử đại biểu Quốc hội và HĐND")
    assert hits["doc_id"].unique().to_list() == ["001_0295eccbc9e7aa97"]
    yc = corpus.year_changes()
    assert {2025, 2026} == set(yc["year"].to_list())
    assert yc.filter(pl.col("status") == "new").height > 0


@pytest.mark.slow
def test_the_across_years_apis_on_a_generated_corpus(tmp_path):
    """30 plans made by benchmarks/corpus_gen.py (other issuers, provinces, years 2023-2026),
    built and analysed for real: every across-years API answers, consistently."""
    import sys

    from conftest import ROOT

    import compare
    from compare.analyze import analyze
    from compare.build import build

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus_gen import make_plans

    make_plans(tmp_path / "raw", 30, seed=7)
    build(tmp_path / "raw", tmp_path / "processed", echo=lambda *a: None)
    analyze(tmp_path / "processed", echo=lambda *a: None)
    corpus = compare.load(tmp_path / "processed")
    plans_per_year = dict(corpus.documents.group_by("year").len().iter_rows())
    trends = corpus.term_trends()
    assert trends["plans_in_year"].to_list() == [plans_per_year[y] for y in trends["year"].to_list()]
    assert ((trends["share_of_plans"] >= 0) & (trends["share_of_plans"] <= 1)).all()
    assert trends.filter(pl.col("term") == "Cải cách hành chính")["n_plans"].sum() > 0
    yc = corpus.year_changes()
    assert set(yc["status"]) <= {"new", "gone", "continuing"} and yc.height > 0
    years = sorted(plans_per_year)
    assert set(yc["year"]) <= set(years[1:])
    cited = corpus.citations()
    assert cited["n_plans"].sum() >= corpus.references["doc_id"].n_unique()
    assert cited.filter(pl.col("ref_id") == "23-QĐ/TW")["n_plans"].to_list() == [
        corpus.references.filter(pl.col("ref_id") == "23-QĐ/TW")["doc_id"].n_unique()
    ]
    hits = corpus.search("cai cach hanh chinh", k=5)
    assert hits.height == 5 and all("cải cách hành chính" in t.lower() for t in hits["text"])
    a, b = corpus.documents["doc_id"][0], corpus.documents["doc_id"][1]
    aligned = corpus.compare_groups(a, b)
    assert aligned.height >= max(corpus.tasks.filter(pl.col("doc_id") == d).height for d in (a, b))


def test_evidence_quotes_the_words_around_the_match_as_written():
    from compare.analyze.trends import snippet

    text = "Tuyên truyền các văn bản; Chỉ thị số 45-CT/TW về lãnh đạo cuộc Bầu cử đại biểu Quốc hội khóa XVI."
    got = snippet(text, ["bau cu dai bieu quoc hoi"], width=12)
    assert got == "…nh đạo cuộc Bầu cử đại biểu Quốc hội khóa XVI."
    assert snippet(text, ["chuyen doi so"]) is None
    _, tasks, refs = _corpus()
    hits = term_hits(tasks, refs, tasks["text"].to_list(), terms=["bau cu"])
    assert hits["source"].to_list() == ["citation"] and "bầu cử" in hits["snippet"][0]
