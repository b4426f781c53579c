"""Any two plans, or two groups of plans, side by side: the same alignment as year over year
(`changes.align`), over the union of each side's tasks (the page is `report.diffpage`).

>>> import compare                                                            # doctest: +SKIP
>>> corpus = compare.load("data/processed")                                   # doctest: +SKIP
>>> corpus.compare_groups(["003"], ["000", "001"])                            # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from compare.analyze.changes import align

if TYPE_CHECKING:
    from compare.analyze.corpus import Corpus

SIDE_A, SIDE_B = "A", "B"


def _sides(corpus: Corpus, a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    """The doc_ids each side names (names as `corpus.plan` reads them); a plan on both sides
    is refused."""
    ids_a = sorted({corpus.plan(n) for n in a})
    ids_b = sorted({corpus.plan(n) for n in b})
    both = set(ids_a) & set(ids_b)
    if both:
        raise ValueError(f"a plan cannot stand on both sides: {', '.join(corpus.labels[d] for d in sorted(both))}")
    return ids_a, ids_b


def compare_groups(corpus: Corpus, a: list[str], b: list[str]) -> pl.DataFrame:
    """Align the tasks of the plans named in `a` with those named in `b` (names as
    `corpus.plan` reads them): task_id_old (A), task_id_new (B), status (kept, modified: in
    both; dropped: only in A; new: only in B), similarity, doc_id_old, doc_id_new (each task's
    own plan)."""
    return _align_sides(corpus, *_sides(corpus, a, b))


def _align_sides(corpus: Corpus, ids_a: list[str], ids_b: list[str]) -> pl.DataFrame:
    side = {**{d: SIDE_A for d in ids_a}, **{d: SIDE_B for d in ids_b}}
    tasks = corpus.tasks.with_columns(pl.col("doc_id").replace_strict(side, default=None).alias("doc_id"))
    aligned = align(tasks, corpus.features, SIDE_A, SIDE_B)
    plan_of = dict(zip(corpus.tasks["task_id"].to_list(), corpus.tasks["doc_id"].to_list()))
    return aligned.with_columns(
        pl.col("task_id_old").replace_strict(plan_of, default=None).alias("doc_id_old"),
        pl.col("task_id_new").replace_strict(plan_of, default=None).alias("doc_id_new"),
    )
