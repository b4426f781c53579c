"""What each plan covers and lacks: plan × theme and plan × cluster coverage, the catalogue
themes a plan leaves out, and the clusters only one plan has."""

from __future__ import annotations

import polars as pl

from compare.parse.themes import THEME_NAMES, theme_scores

CATALOGUE_THEMES = [1, 2, 3, 4, 5]  # the mandatory groups of the city's catalogue; 0 is leadership
# A content task also counts for a theme whose key subject it names this strongly
# ("quy chế dân chủ" 2, "cải cách hành chính" 3), whatever its own theme.
NAMES_SUBJECT = 2.0
CONTENT_KINDS = ("content",)  # tasks of other parts (implementation, targets) do not count


def theme_tasks(
    tasks: pl.DataFrame, sections: pl.DataFrame | None = None, documents: pl.DataFrame | None = None
) -> pl.DataFrame:
    """The evidence behind coverage: one row per (content task, theme it counts for). With
    `documents`, a plan's year adds the subjects text/vocab/themes.toml lists for that year."""
    years = dict(zip(documents["doc_id"].to_list(), documents["year"].to_list())) if documents is not None else {}
    if sections is not None:
        kinds = dict(zip(sections["section_id"].to_list(), sections["kind"].to_list()))
        keep = [kinds.get(s) in CONTENT_KINDS if s is not None else True for s in tasks["section_id"].to_list()]
        tasks = tasks.filter(pl.Series(keep, dtype=pl.Boolean))
    rows = []
    for r in tasks.select("doc_id", "task_id", "label", "text", "theme").iter_rows(named=True):
        themes = {r["theme"]} if r["theme"] is not None else set()
        scores = theme_scores(r["text"], years.get(r["doc_id"]))
        themes |= {t for t, score in scores.items() if score >= NAMES_SUBJECT}
        rows += [{**r, "theme": t} for t in sorted(themes)]
    schema = {"doc_id": pl.Utf8, "task_id": pl.Utf8, "label": pl.Utf8, "text": pl.Utf8, "theme": pl.Int32}
    return pl.DataFrame(rows, schema=schema).select("doc_id", "theme", "task_id", "label", "text")


def theme_coverage(tasks: pl.DataFrame, documents: pl.DataFrame, sections: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per (plan, theme 0-5): content tasks that count for it, and whether it is covered."""
    grid = documents.select("doc_id").join(
        pl.DataFrame({"theme": list(THEME_NAMES)}, schema={"theme": pl.Int32}), how="cross"
    )
    counts = theme_tasks(tasks, sections, documents).group_by("doc_id", "theme").agg(pl.len().alias("tasks"))
    return (
        grid.join(counts, on=["doc_id", "theme"], how="left")
        .with_columns(
            pl.col("tasks").fill_null(0).cast(pl.Int32),
            pl.col("theme").replace_strict(THEME_NAMES, return_dtype=pl.Utf8).alias("theme_name"),
        )
        .with_columns((pl.col("tasks") > 0).alias("covered"))
        .sort("doc_id", "theme")
    )


def missing_themes(tasks: pl.DataFrame, documents: pl.DataFrame, sections: pl.DataFrame | None = None) -> pl.DataFrame:
    """Per plan, the catalogue themes (1-5) that none of its content tasks covers."""
    cov = theme_coverage(tasks, documents, sections)
    return (
        cov.filter(pl.col("theme").is_in(CATALOGUE_THEMES) & ~pl.col("covered"))
        .select("doc_id", "theme", "theme_name")
        .sort("doc_id", "theme")
    )


def cluster_coverage(tasks: pl.DataFrame, clusters: pl.DataFrame) -> pl.DataFrame:
    """One row per (plan, cluster) the plan has tasks in."""
    return (
        tasks.select("doc_id", "task_id")
        .join(clusters, on="task_id")
        .group_by("doc_id", "cluster", "cluster_label")
        .agg(pl.len().alias("tasks"))
        .sort("cluster", "doc_id")
    )


def unique_clusters(tasks: pl.DataFrame, clusters: pl.DataFrame) -> pl.DataFrame:
    """Clusters that only one plan has (with its tasks), when the corpus has several plans."""
    cov = cluster_coverage(tasks, clusters)
    plans = cov.group_by("cluster").agg(pl.col("doc_id").n_unique().alias("plans"))
    return cov.join(plans, on="cluster").filter(pl.col("plans") == 1).drop("plans").sort("doc_id", "cluster")
