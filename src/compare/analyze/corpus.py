"""The public entry point: a corpus of built plans and the questions asked of it.

>>> import compare
>>> corpus = compare.load("data/processed")          # tables written by `compare build`
>>> corpus.overlaps().filter(pl.col("kind") == "verbatim")   # copied word for word
>>> corpus.missing_themes()                           # catalogue themes each plan lacks
>>> corpus.changes("000_04f4ef8ac17a6be6", "001_0295eccbc9e7aa97")   # what changed
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path

import numpy as np
import polars as pl

from compare.analyze import changes as changes_mod
from compare.analyze import clusters as clusters_mod
from compare.analyze import coverage as coverage_mod
from compare.analyze.embeddings import DEFAULT_MODEL, Embedder, model_id_of, text_key
from compare.analyze.labels import plan_labels, resolve_plan
from compare.analyze.overlaps import find_overlaps
from compare.analyze.similarity import Features
from compare.build.store import check_set, tables_folder
from compare.build.tables import BUILD_TABLES, read_table

# the tables read together: the build's and the analysis's (all of one build, or missing)
TABLES = (*BUILD_TABLES, "embeddings", "clusters", "overlaps", "changes", "coverage", "reference_changes")


class Corpus:
    """Built plans (documents, sections, tasks, references) and comparisons between them."""

    def __init__(self, folder: str | Path = "data/processed", model: str | None = None):
        self.folder = Path(folder)
        self.model = model
        self.model_id = model_id_of(model)  # (the model the vectors come from, once read)
        self.echo: Callable[[str], object] = lambda line: None  # where embedding reports progress
        # where the tasks are embedded when not here (a cluster: `RayEngine.encoder`)
        self.encoder: Callable[[list[list[str]]], Iterable[np.ndarray]] | None = None
        # the folder's current tables, resolved once; they must all come from one build
        self.tables_dir = tables_folder(self.folder)
        self.build_id = check_set(self.tables_dir, TABLES)
        documents = read_table(self.tables_dir, "documents")
        with_tasks = pl.col("n_tasks") > 0
        # plans kept for their metadata whose tasks could not be read (cut short, a portal's
        # record): listed, never compared (a plan with no tasks would lack every theme)
        self.without_tasks = documents.filter(~with_tasks)
        self.documents = documents.filter(with_tasks)
        self.sections = read_table(self.tables_dir, "sections")
        self.tasks = read_table(self.tables_dir, "tasks").sort("doc_id", "ordinal")
        self.references = read_table(self.tables_dir, "references")

    def __repr__(self) -> str:
        return f"Corpus({self.folder}, {self.documents.height} plans, {self.tasks.height} tasks)"

    @property
    def left_out(self) -> str | None:
        """A sentence naming the plans kept without tasks, which every comparison leaves out
        (None when there are none).

        >>> Corpus("data/processed").left_out is None  # doctest: +SKIP
        True
        """
        if not self.without_tasks.height:
            return None
        labels = plan_labels(self.without_tasks)
        named = "; ".join(
            f"{labels[r['doc_id']]} ({r.get('status_note') or r.get('status') or 'không có nhiệm vụ'})"
            for r in self.without_tasks.iter_rows(named=True)
        )
        return f"{self.without_tasks.height} kế hoạch không đọc được nhiệm vụ nên không được so sánh: {named}"

    # --- plans by name ----------------------------------------------------------------------
    @cached_property
    def labels(self) -> dict[str, str]:
        """doc_id → the plan's unique readable label (issuer, place, period, number)."""
        return plan_labels(self.documents)

    def plan(self, name: str | int) -> str:
        """The doc_id of the plan named by an id prefix, a number or a label (raises PlanNotFound
        when it names none or several): `corpus.plan("002")`, `corpus.plan("979/KH-SGDĐT")`."""
        return resolve_plan(self.documents, name)

    # --- search and sources ------------------------------------------------------------------
    @cached_property
    def lines(self) -> pl.DataFrame:
        """The role of every source line (lines.parquet), read when first asked for."""
        return read_table(self.tables_dir, "lines")

    @cached_property
    def _search_index(self):
        from compare.analyze.search import SearchIndex

        embedder = Embedder(self.model)
        return SearchIndex(self.tasks, self.lines, self.vectors, self.labels, embed=embedder.embed_one)

    def search(self, query: str, k: int = 20) -> pl.DataFrame:
        """Tasks that match `query`, typed with or without diacritics, in their text or in the
        notes and citations their source lines carry: task_id, doc_id, plan, score, text,
        line_start, line_end (best first)."""
        return self._search_index.search(query, k)

    def source(self, task_id: str) -> pl.DataFrame:
        """The source lines a task came from (its span, and notes attached to it): line_no, text."""
        task = self.tasks.filter(pl.col("task_id") == task_id)
        if task.height == 0:
            raise KeyError(f"no task '{task_id}'")
        doc, start, end = task.select("doc_id", "line_start", "line_end").row(0)
        return (
            self.lines.filter(
                (pl.col("doc_id") == doc) & (pl.col("line_no").is_between(start, end) | (pl.col("task_id") == task_id))
            )
            .select("line_no", "text")
            .sort("line_no")
        )

    # --- the documents plans cite, and any two plans ------------------------------------------
    def citations(self) -> pl.DataFrame:
        """One row per cited document: ref_id, variants, kind, ref_date, level, subject, doc_ids,
        years, n_plans, first_year, last_year, flags (variants merged, look-alikes flagged, laws
        cited by name included)."""
        from compare.analyze.citations import citations
        from compare.analyze.search import searchable_texts

        return citations(self.references, self.tasks, self.documents, searchable_texts(self.tasks, self.lines))

    def compare_groups(self, a, b) -> pl.DataFrame:
        """Any two plans, or two groups of plans (names as `plan` reads them), aligned over the
        union of each side's tasks: kept / modified (in both), dropped (only in A), new (only in B)."""
        from compare.analyze.groups import compare_groups

        return compare_groups(
            self, [str(a)] if isinstance(a, str | int) else list(a), [str(b)] if isinstance(b, str | int) else list(b)
        )

    # --- across years --------------------------------------------------------------------
    def term_trends(self, terms=None, by: str | None = None) -> pl.DataFrame:
        """The watch list (text/vocab/watchlist.toml, or `terms`: a list of words or name → phrases)
        per year: n_plans, n_tasks, n_citations, share_of_plans; `by="admin_level"` splits it."""
        from compare.analyze.search import searchable_texts
        from compare.analyze.trends import term_trends

        return term_trends(
            self.tasks, self.documents, self.references, searchable_texts(self.tasks, self.lines), terms, by
        )

    def term_hits(self, terms=None) -> pl.DataFrame:
        """Each task or citation naming a watch-list term: term, doc_id, task_id, source."""
        from compare.analyze.search import searchable_texts
        from compare.analyze.trends import term_hits

        return term_hits(self.tasks, self.references, searchable_texts(self.tasks, self.lines), terms)

    def theme_trends(self, by: str | None = None) -> pl.DataFrame:
        """Plans covering each theme per year, as a share of that year's plans."""
        from compare.analyze.trends import theme_trends

        return theme_trends(self.coverage(), self.documents, by)

    def year_changes(self) -> pl.DataFrame:
        """Per year against the year before: clusters new, gone or continuing, with evidence."""
        from compare.analyze.trends import year_changes

        return year_changes(self.tasks, self.documents, self.clusters())

    # --- vectors ---------------------------------------------------------------------------
    @cached_property
    def vectors(self) -> np.ndarray:
        """One vector per task (row order of `tasks`): from embeddings.parquet when it holds
        every task for this model, else computed (and cached by text hash)."""
        path = self.tables_dir / "embeddings.parquet"
        self.model_id = model_id_of(self.model)
        texts = self.tasks["text"].to_list()
        if path.exists():
            emb = pl.read_parquet(path)
            if self.model is None and not os.environ.get("COMPARE_MODEL") and emb["model"].n_unique() == 1:
                self.model_id = emb["model"][0]  # the model `compare analyze` used for this corpus
                self.model = None if self.model_id == DEFAULT_MODEL else self.model_id
            if "key" in emb.columns:  # (a vector stands for its task's text as it was: an edited plan's are stale)
                emb = emb.filter(pl.col("model") == self.model_id)
                got = dict(zip(emb["task_id"].to_list(), zip(emb["key"].to_list(), emb["vector"].to_list())))
                if all(got.get(t, ("",))[0] == k for t, k in zip(self.tasks["task_id"], self.text_keys)):
                    return np.asarray([got[t][1] for t in self.tasks["task_id"]], dtype=np.float32)
        return Embedder(self.model, echo=self.echo, encoder=self.encoder).embed(texts)

    @cached_property
    def text_keys(self) -> list[str]:
        """Each task's vector key (model and text hash, row order of `tasks`), for the model the
        vectors come from: read after `vectors` has settled which one that is."""
        return [text_key(self.model_id, t) for t in self.tasks["text"].to_list()]

    @cached_property
    def features(self) -> Features:
        return Features.build(self.tasks["text"].to_list(), self.vectors)

    # --- relations -------------------------------------------------------------------------
    def overlaps(self, **kwargs) -> pl.DataFrame:
        """Task pairs stating the same mandate (`verbatim`, `paraphrase`, `duplicate`)."""
        return find_overlaps(self.tasks, self.features, **kwargs)

    @cached_property
    def _clusters(self) -> pl.DataFrame:
        path = self.tables_dir / "clusters.parquet"
        if path.exists():
            frame = pl.read_parquet(path)
            if frame.height == self.tasks.height and set(frame["task_id"]) == set(self.tasks["task_id"]):
                return frame
        return clusters_mod.clusters_table(self.tasks, self.features)

    def clusters(self) -> pl.DataFrame:
        """task_id, cluster, cluster_label (deterministic)."""
        return self._clusters

    def coverage(self) -> pl.DataFrame:
        """Plan × theme coverage (content tasks per theme 0-5)."""
        return coverage_mod.theme_coverage(self.tasks, self.documents, self.sections)

    def missing_themes(self) -> pl.DataFrame:
        """Per plan, the catalogue themes no content task of it covers."""
        return coverage_mod.missing_themes(self.tasks, self.documents, self.sections)

    def coverage_tasks(self) -> pl.DataFrame:
        """The tasks behind each coverage cell: doc_id, theme, task_id, label, text."""
        return coverage_mod.theme_tasks(self.tasks, self.sections, self.documents)

    def cluster_coverage(self) -> pl.DataFrame:
        return coverage_mod.cluster_coverage(self.tasks, self.clusters())

    def unique_clusters(self) -> pl.DataFrame:
        return coverage_mod.unique_clusters(self.tasks, self.clusters())

    def plan_pairs(self) -> list[tuple[str, str]]:
        """Consecutive plans of the same issuer: the default year-over-year pairs."""
        return changes_mod.consecutive_pairs(self.documents)

    def _pairs(self, old: str | None, new: str | None) -> list[tuple[str, str]]:
        if old and new:
            return [(self.plan(old), self.plan(new))]
        if old or new:
            raise ValueError("name both plans, the old and the new, or neither")
        return self.plan_pairs()

    def changes(self, old: str | None = None, new: str | None = None) -> pl.DataFrame:
        """kept / modified / new / dropped tasks between two plans named by id prefix, number or
        label (default: every pair of consecutive plans of one issuer)."""
        pairs = self._pairs(old, new)
        return changes_mod.align_all(self.tasks, self.features, pairs)

    def reference_changes(self, old: str | None = None, new: str | None = None) -> pl.DataFrame:
        pairs = self._pairs(old, new)
        frames = [changes_mod.reference_changes(self.references, a, b) for a, b in pairs]
        return pl.concat(frames) if frames else changes_mod.reference_changes(self.references, "", "")

    def stale_references(self) -> pl.DataFrame:
        return changes_mod.stale_references(self.tasks, self.documents)

    def stale_headings(self) -> pl.DataFrame:
        return changes_mod.stale_headings(self.sections, self.documents)


def load(folder: str | Path = "data/processed", model: str | None = None) -> Corpus:
    """Open the tables of a built corpus (`compare build`)."""
    return Corpus(folder, model)
