"""The benchmarks' national corpus generator gives what the benchmarks rely on: plans the build
reads whole, every province and year, agencies of one province that share tasks, and an
agency's plans that change a little from one year to the next."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import national_gen

from compare.build import build_corpus


def test_the_national_generator_gives_provinces_agencies_and_years_with_structure(tmp_path):
    made = national_gen.make(tmp_path / "plans", 300, seed=1)
    assert (len(made) == 300 and made == sorted(made)) or len(set(made)) == 300
    again = national_gen.make(tmp_path / "again", 300, seed=1)
    assert [p.read_bytes() for p in made] == [p.read_bytes() for p in again]  # (same seed, same files)
    result = build_corpus(tmp_path / "plans")
    assert not result.rejects
    docs = result.tables["documents"]
    assert docs["jurisdiction"].n_unique() == 34 and sorted(docs["year"].unique()) == [2023, 2024, 2025, 2026]
    assert {"department", "commune"} <= set(docs["admin_level"].to_list())
    tasks = result.tables["tasks"].with_columns(pl.col("doc_id").str.slice(5).alias("agency"))
    by = {d: set(g["text"].to_list()) for (d,), g in tasks.group_by("doc_id")}
    # an agency's plan of 2024 against its plan of 2023: mostly kept, never all
    kept = [
        len(by[f"2024_{a}"] & by[f"2023_{a}"]) / len(by[f"2023_{a}"]) for a in {d[5:] for d in by} if f"2024_{a}" in by
    ]
    assert kept and 0.4 <= sum(kept) / len(kept) < 1.0
    # two agencies of one province share tasks word for word (the province's catalogue)
    same = [d for d in by if d.startswith("2023_00_")]
    assert len(same) >= 2 and by[same[0]] & by[same[1]]
