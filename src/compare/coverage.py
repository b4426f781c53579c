"""What each plan covers and lacks: plan × theme and plan × cluster coverage, the catalogue
themes a plan leaves out, and the clusters only one plan has."""

from __future__ import annotations

import polars as pl

from .themes import THEME_NAMES

CATALOGUE_THEMES = [1, 2, 3, 4, 5]  # the mandatory groups of the city's catalogue; 0 is leadership


def theme_coverage(tasks: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """One row per (plan, theme 0-5): tasks, and whether the plan covers the theme."""
    grid = documents.select("doc_id").join(pl.DataFrame({"theme": list(THEME_NAMES)}, schema={"theme": pl.Int32}),
                                           how="cross")
    counts = tasks.filter(pl.col("theme").is_not_null()).group_by("doc_id", "theme").agg(pl.len().alias("tasks"))
    return (grid.join(counts, on=["doc_id", "theme"], how="left")
            .with_columns(pl.col("tasks").fill_null(0).cast(pl.Int32),
                          pl.col("theme").replace_strict(THEME_NAMES, return_dtype=pl.Utf8).alias("theme_name"))
            .with_columns((pl.col("tasks") > 0).alias("covered"))
            .sort("doc_id", "theme"))


def missing_themes(tasks: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """Per plan, the catalogue themes (1-5) it has no task for."""
    cov = theme_coverage(tasks, documents)
    return (cov.filter(pl.col("theme").is_in(CATALOGUE_THEMES) & ~pl.col("covered"))
            .select("doc_id", "theme", "theme_name").sort("doc_id", "theme"))


def cluster_coverage(tasks: pl.DataFrame, clusters: pl.DataFrame) -> pl.DataFrame:
    """One row per (plan, cluster) the plan has tasks in."""
    return (tasks.select("doc_id", "task_id").join(clusters, on="task_id")
            .group_by("doc_id", "cluster", "cluster_label").agg(pl.len().alias("tasks"))
            .sort("cluster", "doc_id"))


def unique_clusters(tasks: pl.DataFrame, clusters: pl.DataFrame) -> pl.DataFrame:
    """Clusters that only one plan has (with its tasks), when the corpus has several plans."""
    cov = cluster_coverage(tasks, clusters)
    plans = cov.group_by("cluster").agg(pl.col("doc_id").n_unique().alias("plans"))
    return cov.join(plans, on="cluster").filter(pl.col("plans") == 1).drop("plans").sort("doc_id", "cluster")
