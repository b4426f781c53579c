"""Plan labels (one readable, unique name per plan), resolving a plan from what a user types,
the Vietnamese words of the reports, and typed report parameters."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from compare.analyze.labels import (
    PlanNotFound,
    number_text,
    period_text,
    plan_labels,
    resolve_plan,
    short_issuer,
)
from compare.report import parse_parameter
from compare.report.display import COLUMNS, VALUES, column_text, value_text


def _docs(rows: list[dict]) -> pl.DataFrame:
    base = {
        "issuer": "Sở Nội vụ",
        "parent": "UBND tỉnh Nghệ An",
        "jurisdiction": "Nghệ An",
        "admin_level": "department",
        "number": None,
        "issued_date": None,
        "year": 2025,
        "period": "year",
    }
    return pl.DataFrame([{**base, **r} for r in rows])


def test_labels_read_as_officials_write_them(built):
    out, _ = built
    docs = pl.read_parquet(out / "documents.parquet")
    labels = plan_labels(docs)
    assert labels["001_0295eccbc9e7aa97"] == "Sở GD&ĐT Hải Phòng · năm 2026 · KH 979"
    assert labels["000_04f4ef8ac17a6be6"] == "Sở GD&ĐT Hải Phòng · 6 tháng cuối năm 2025"
    assert labels["004_af6ae590234994d3"] == "UBND phường Đông Hải, Hải Phòng · 6 tháng cuối năm 2025 · CTr 05"
    assert len(set(labels.values())) == docs.height


def test_colliding_plans_get_their_number_then_date_then_file():
    docs = _docs(
        [
            {"doc_id": "a", "number": "12/KH-SNV"},
            {"doc_id": "b", "number": "15/KH-SNV"},
            {"doc_id": "c", "issued_date": dt.date(2025, 3, 1)},
            {"doc_id": "d", "issued_date": dt.date(2025, 4, 1)},
            {"doc_id": "e"},
            {"doc_id": "f"},
        ]
    )
    labels = plan_labels(docs)
    assert labels["a"] == "Sở Nội vụ Nghệ An · năm 2025 · KH 12"
    assert labels["c"].endswith("· ngày 01/03/2025")
    assert labels["e"].endswith("· tệp e") and labels["f"].endswith("· tệp f")
    assert len(set(labels.values())) == 6
    # a label depends on the corpus only where plans collide: alone, 'e' needs no file name
    assert plan_labels(docs.filter(pl.col("doc_id") == "e"))["e"] == "Sở Nội vụ Nghệ An · năm 2025"


@pytest.mark.parametrize(
    "issuer, short",
    [
        ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT"),
        ("Ủy ban nhân dân phường Đông Hải", "UBND phường Đông Hải"),
        ("Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH"),
        ("Sở Văn hóa, Thể thao và Du lịch", "Sở VH-TT&DL"),
        (None, "Cơ quan chưa rõ"),
    ],
)
def test_short_issuers(issuer, short):
    assert short_issuer(issuer) == short


def test_periods_and_numbers():
    assert period_text("H1", 2026) == "6 tháng đầu năm 2026"
    assert period_text("Q3", 2025) == "quý III/2025"
    assert number_text("979/KH-SGDĐT") == "KH 979"
    assert number_text("45-KH/ĐU") == "KH 45"
    assert number_text("/KH-NV") is None and number_text(None) is None


def test_a_plan_is_found_by_id_prefix_number_or_label():
    docs = _docs([{"doc_id": "002_ab", "number": "979/KH-SNV"}, {"doc_id": "003_cd", "issuer": "Sở Tư pháp"}])
    assert resolve_plan(docs, "002") == "002_ab"
    assert resolve_plan(docs, "979/KH-SNV") == "002_ab"
    assert resolve_plan(docs, "979") == "002_ab"
    assert resolve_plan(docs, "Sở Tư pháp Nghệ An · năm 2025") == "003_cd"
    assert resolve_plan(docs, "tu phap") == "003_cd"  # part of a label, typed without marks
    with pytest.raises(PlanNotFound, match="ambiguous"):
        resolve_plan(docs, "Nghệ An")
    with pytest.raises(PlanNotFound, match="unknown plan"):
        resolve_plan(docs, "999")


@pytest.mark.slow
def test_corpus_changes_take_plan_names(built):
    import compare

    out, _ = built
    corpus = compare.load(out)
    assert corpus.plan("002") == "002_f6c5449781db0a59"
    with pytest.raises(PlanNotFound):
        corpus.changes("002", "nowhere")


def test_every_coded_value_has_vietnamese_words():
    assert value_text("status", "kept") == "giữ nguyên"
    assert value_text("kind", "verbatim") == "nguyên văn"
    assert value_text("recurring", True) == "có"
    assert value_text("due_end", dt.date(2025, 12, 10)) == "10/12/2025"
    assert value_text("lead_units", ["Văn phòng Sở", "Phòng TCCB"]) == "Văn phòng Sở; Phòng TCCB"
    for words in VALUES.values():
        assert all("_" not in w for w in words.values())
    assert all("_" not in h for h in COLUMNS.values())
    with pytest.raises(KeyError, match="no Vietnamese name"):
        column_text("some_new_column")


def test_every_table_column_has_a_vietnamese_header():
    from compare.build.tables import SCHEMAS

    for name, schema in SCHEMAS.items():
        for column in schema:
            assert column_text(column), (name, column)


@pytest.mark.parametrize(
    "text, parsed",
    [
        ("old=002", ("old", "002")),  # an id keeps its leading zeros
        ("paraphrase=0.3", ("paraphrase", 0.3)),
        ("min_plans=3", ("min_plans", 3)),
        ("flag=true", ("flag", True)),
        ("new=979/KH-SGDĐT", ("new", "979/KH-SGDĐT")),
    ],
)
def test_report_parameters_are_typed(text, parsed):
    assert parse_parameter(text) == parsed


def test_a_parameter_without_a_name_is_refused():
    with pytest.raises(ValueError):
        parse_parameter("=3")
