"""A report card per plan ("phiếu từng kế hoạch"): what one plan covers against the corpus,
what it lacks and why, what it shares with which agencies, what only it has, the documents it
cites that are new or stale, when its deadlines fall, and whether its text came from a scan.

>>> import compare                                                      # doctest: +SKIP
>>> corpus = compare.load("data/processed")                             # doctest: +SKIP
>>> card = PlanCards(corpus).card(corpus.plan("001"))                   # doctest: +SKIP
>>> card.missing                                                        # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from compare.analyze.coverage import CATALOGUE_THEMES
from compare.analyze.overlaps import SAME_MANDATE
from compare.text.numerals import ROMAN

if TYPE_CHECKING:
    from compare.analyze.corpus import Corpus

_ROMAN = dict(enumerate(ROMAN[:4], start=1))  # quarter → its numeral


@dataclass
class PlanCard:
    doc_id: str
    label: str
    document: dict
    themes: pl.DataFrame  # theme, theme_name, tasks, median (of the corpus's plans)
    missing: pl.DataFrame  # theme, theme_name, plans (how many plans of the corpus cover it), evidence
    shared: pl.DataFrame  # plan (another plan's label), pairs, by kind
    only: pl.DataFrame  # label, text: tasks no other plan states
    citations_added: list[str]
    citations_removed: list[str]
    previous: str | None  # label of the issuer's previous plan, where there is one
    stale: pl.DataFrame  # text, named_year
    deadlines: pl.DataFrame  # quarter, tasks
    scan: bool


class PlanCards:
    """Corpus-wide figures computed once; `card(doc_id)` reads one plan's share of them."""

    def __init__(self, corpus: Corpus, overlaps: pl.DataFrame | None = None):
        self.corpus = corpus
        self.labels = corpus.labels
        self.overlaps = overlaps if overlaps is not None else corpus.overlaps()
        self.coverage = corpus.coverage()
        plans = corpus.documents.height
        covered = self.coverage.filter(pl.col("covered")).group_by("theme").agg(pl.len().alias("plans"))
        self.theme_spread = dict(zip(covered["theme"].to_list(), covered["plans"].to_list()))
        self.median = dict(self.coverage.group_by("theme").agg(pl.col("tasks").median()).iter_rows())
        self.plans = plans
        cross = self.overlaps.filter(
            pl.col("kind").is_in(list(SAME_MANDATE)) & (pl.col("doc_id_a") != pl.col("doc_id_b"))
        )
        both = pl.concat(
            [
                cross.select(
                    pl.col("doc_id_a").alias("doc_id"),
                    pl.col("doc_id_b").alias("other"),
                    pl.col("task_id_a").alias("task_id"),
                    "kind",
                ),
                cross.select(
                    pl.col("doc_id_b").alias("doc_id"),
                    pl.col("doc_id_a").alias("other"),
                    pl.col("task_id_b").alias("task_id"),
                    "kind",
                ),
            ]
        )
        self.cross = both
        self.previous = {new: old for old, new in corpus.plan_pairs()}
        self.stale = corpus.stale_references().join(corpus.tasks.select("task_id", "text"), on="task_id")

    def card(self, doc_id: str) -> PlanCard:
        corpus = self.corpus
        doc = corpus.documents.filter(pl.col("doc_id") == doc_id).row(0, named=True)
        mine = self.coverage.filter(pl.col("doc_id") == doc_id)
        themes = mine.select("theme", "theme_name", "tasks").with_columns(
            pl.col("theme").replace_strict(self.median, default=0.0, return_dtype=pl.Float64).alias("median")
        )
        missing = (
            mine.filter(pl.col("theme").is_in(CATALOGUE_THEMES) & ~pl.col("covered"))
            .select("theme", "theme_name")
            .with_columns(
                pl.col("theme").replace_strict(self.theme_spread, default=0, return_dtype=pl.Int64).alias("plans")
            )
        )
        missing = missing.with_columns(
            pl.format(
                "không nhiệm vụ nội dung nào của kế hoạch nêu chủ đề này; {} trên {} kế hoạch của kho có",
                pl.col("plans"),
                pl.lit(self.plans),
            ).alias("evidence")
        )
        shared = (
            self.cross.filter(pl.col("doc_id") == doc_id)
            .group_by("other")
            .agg(pl.len().alias("pairs"), *[(pl.col("kind") == k).sum().alias(k) for k in SAME_MANDATE])
            .sort(["pairs", "other"], descending=[True, False])
            .with_columns(pl.col("other").replace_strict(self.labels).alias("plan"))
        )
        partnered = set(self.cross.filter(pl.col("doc_id") == doc_id)["task_id"].to_list())
        tasks = corpus.tasks.filter(pl.col("doc_id") == doc_id)
        only = tasks.filter(~pl.col("task_id").is_in(list(partnered))).select("label", "text")
        previous = self.previous.get(doc_id)
        added: list[str] = []
        removed: list[str] = []
        if previous:
            rc = corpus.reference_changes(previous, doc_id)
            added = sorted(rc.filter(pl.col("change") == "added")["ref_id"].to_list())
            removed = sorted(rc.filter(pl.col("change") == "removed")["ref_id"].to_list())
        stale = self.stale.filter(pl.col("doc_id") == doc_id).select("text", "named_year")
        due = tasks.filter(pl.col("due_end").is_not_null())
        deadlines = (
            due.with_columns(
                pl.format(
                    "Quý {}/{}",
                    pl.col("due_end").dt.quarter().replace_strict(_ROMAN, return_dtype=pl.Utf8),
                    pl.col("due_end").dt.year(),
                ).alias("quarter"),
                pl.col("due_end").dt.year().alias("y"),
                pl.col("due_end").dt.quarter().alias("q"),
            )
            .group_by("y", "q", "quarter")
            .agg(pl.len().alias("tasks"))
            .sort("y", "q")
            .select("quarter", "tasks")
        )
        return PlanCard(
            doc_id,
            self.labels[doc_id],
            doc,
            themes,
            missing,
            shared,
            only,
            added,
            removed,
            self.labels.get(previous) if previous else None,
            stale,
            deadlines,
            doc["text_quality"] == "ocr",
        )
