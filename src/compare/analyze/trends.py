"""Across years: which subjects, themes and clusters each year's plans carry, as a share of
that year's plans (years have different numbers of plans), and what each year brings in or
leaves behind, with the tasks and plans that show it.

>>> import compare                                        # doctest: +SKIP
>>> corpus = compare.load("data/processed")               # doctest: +SKIP
>>> corpus.term_trends()                                  # doctest: +SKIP
>>> corpus.year_changes().filter(pl.col("status") == "new")  # doctest: +SKIP
"""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path

import polars as pl

from compare.build.tables import ColumnType
from compare.text.vietnamese import fold

WATCHLIST = Path(__file__).resolve().parents[1] / "text" / "vocab" / "watchlist.toml"


def watchlist(path: Path = WATCHLIST) -> dict[str, list[str]]:
    """Term name → its folded phrases (text/vocab/watchlist.toml)."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    return {t["name"]: [fold(p) for p in t["phrases"]] for t in data["term"]}


def _terms(terms) -> dict[str, list[str]]:
    if terms is None:
        return watchlist()
    if isinstance(terms, dict):
        return {name: [fold(p) for p in phrases] for name, phrases in terms.items()}
    return {t: [fold(t)] for t in terms}


def _plans_per_year(documents: pl.DataFrame, by: str | None) -> pl.DataFrame:
    keys = ["year"] + ([by] if by else [])
    return documents.filter(pl.col("year").is_not_null()).group_by(keys).agg(pl.len().alias("plans_in_year"))


def _fold_aligned(text: str) -> str:
    """`fold` character for character (same length), so that a match in it is a span of `text`."""
    return "".join("d" if c in "đĐ" else unicodedata.normalize("NFD", c)[0].lower() for c in text)


def snippet(text: str, phrases: list[str], width: int = 90) -> str | None:
    """The words around the first of `phrases` (folded) found in `text`, as the text writes them."""
    folded = _fold_aligned(text)
    found = [(folded.find(p), p) for p in phrases if folded.find(p) >= 0]
    if not found:
        return None
    at, phrase = min(found)
    start, end = max(0, at - width), min(len(text), at + len(phrase) + width)
    return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")


def term_hits(tasks: pl.DataFrame, references: pl.DataFrame, searchable: list[str], terms=None) -> pl.DataFrame:
    """One row per (term, task or citation naming it): term, doc_id, task_id, source (`task`
    where a task's text or notes name it, `citation` where a cited document does), snippet (the
    words around the match, as written)."""
    wanted = _terms(terms)
    folded_tasks = [fold(t) for t in searchable]
    cited = references.with_columns(
        pl.concat_str([pl.col("ref_id").fill_null(""), pl.col("text").fill_null("")], separator=" ").alias("t")
    )
    folded_refs = [fold(t) for t in cited["t"].to_list()]
    task_rows = list(zip(tasks["doc_id"].to_list(), tasks["task_id"].to_list(), folded_tasks, searchable))
    ref_rows = list(zip(cited["doc_id"].to_list(), cited["task_id"].to_list(), folded_refs, cited["t"].to_list()))
    rows = []
    for name, phrases in wanted.items():
        for source, items in (("task", task_rows), ("citation", ref_rows)):
            rows += [
                (name, d, t, source, snippet(raw, phrases)) for d, t, f, raw in items if any(p in f for p in phrases)
            ]
    return pl.DataFrame(
        rows,
        schema={"term": pl.Utf8, "doc_id": pl.Utf8, "task_id": pl.Utf8, "source": pl.Utf8, "snippet": pl.Utf8},
        orient="row",
    )


def term_trends(
    tasks: pl.DataFrame,
    documents: pl.DataFrame,
    references: pl.DataFrame,
    searchable: list[str],
    terms=None,
    by: str | None = None,
) -> pl.DataFrame:
    """One row per (term, year[, by]): n_plans (plans naming the term in a task or a citation),
    n_tasks, n_citations, share_of_plans (of that year's plans). `searchable`: each task's
    searchable text (`search.searchable_texts`), in `tasks` order."""
    wanted = _terms(terms)
    keys = ["year"] + ([by] if by else [])
    hits = term_hits(tasks, references, searchable, wanted).join(documents.select("doc_id", *keys), on="doc_id")
    counts = hits.group_by("term", *keys).agg(
        pl.col("doc_id").n_unique().alias("n_plans"),
        (pl.col("source") == "task").sum().alias("n_tasks"),
        (pl.col("source") == "citation").sum().alias("n_citations"),
    )
    years = _plans_per_year(documents, by)
    grid = pl.DataFrame({"term": list(wanted)}).join(years, how="cross")
    return (
        grid.join(counts, on=["term", *keys], how="left")
        .with_columns(pl.col("n_plans", "n_tasks", "n_citations").fill_null(0).cast(pl.Int64))
        .with_columns((pl.col("n_plans") / pl.col("plans_in_year")).round(4).alias("share_of_plans"))
        .select("term", *keys, "n_plans", "n_tasks", "n_citations", "share_of_plans", "plans_in_year")
        .sort(["term", *keys])
    )


def new_terms(trends: pl.DataFrame) -> pl.DataFrame:
    """Per year against the year before it: the watch-list terms that no plan of the year
    before named and some plan of this year does (`new`), and the reverse (`gone`)."""
    years = sorted(trends["year"].unique().to_list())
    named = {(t, y): n for t, y, n in trends.select("term", "year", "n_plans").iter_rows()}
    rows = []
    for prev, year in zip(years, years[1:]):
        for term in trends["term"].unique(maintain_order=True).to_list():
            before, now = named.get((term, prev), 0), named.get((term, year), 0)
            if now and not before:
                rows.append((year, prev, term, "new", now))
            elif before and not now:
                rows.append((year, prev, term, "gone", before))
    return pl.DataFrame(
        rows,
        schema={"year": pl.Int32, "prev_year": pl.Int32, "term": pl.Utf8, "status": pl.Utf8, "n_plans": pl.Int64},
        orient="row",
    )


def theme_trends(coverage: pl.DataFrame, documents: pl.DataFrame, by: str | None = None) -> pl.DataFrame:
    """One row per (theme, year[, by]): plans covering it, share of that year's plans."""
    keys = ["year"] + ([by] if by else [])
    cov = coverage.filter(pl.col("covered")).join(documents.select("doc_id", *keys), on="doc_id")
    counts = cov.group_by("theme", "theme_name", *keys).agg(pl.len().alias("n_plans"))
    years = _plans_per_year(documents, by)
    themes = coverage.select("theme", "theme_name").unique()
    return (
        themes.join(years, how="cross")
        .join(counts, on=["theme", "theme_name", *keys], how="left")
        .with_columns(pl.col("n_plans").fill_null(0).cast(pl.Int64))
        .with_columns((pl.col("n_plans") / pl.col("plans_in_year")).round(4).alias("share_of_plans"))
        .sort(["theme", *keys])
    )


def year_changes(tasks: pl.DataFrame, documents: pl.DataFrame, clusters: pl.DataFrame) -> pl.DataFrame:
    """One row per (year, cluster) against the year before it in the corpus: status `new`
    (in this year's plans, in none of the year before), `gone` (the reverse) or `continuing`;
    n_plans and share_of_plans in the year the cluster is seen (for `gone`, the year before),
    task_ids as evidence. Most widespread first."""
    per = (
        tasks.select("task_id", "doc_id")
        .join(clusters, on="task_id")
        .join(documents.select("doc_id", "year"), on="doc_id")
        .filter(pl.col("year").is_not_null())
    )
    plans = dict(documents.filter(pl.col("year").is_not_null()).group_by("year").len().iter_rows())
    seen = per.group_by("year", "cluster", "cluster_label").agg(
        pl.col("doc_id").n_unique().alias("n_plans"), pl.col("task_id").sort().alias("task_ids")
    )
    by_year = {
        y: {r["cluster"]: r for r in seen.filter(pl.col("year") == y).iter_rows(named=True)} for y in sorted(plans)
    }
    years = sorted(plans)
    rows = []
    for prev, year in zip(years, years[1:]):
        now, before = by_year[year], by_year[prev]
        for c in sorted(now.keys() | before.keys()):
            status = "continuing" if c in now and c in before else "new" if c in now else "gone"
            r = now.get(c) or before[c]
            y = year if c in now else prev
            rows.append(
                {
                    "year": year,
                    "prev_year": prev,
                    "cluster": c,
                    "cluster_label": r["cluster_label"],
                    "status": status,
                    "n_plans": r["n_plans"],
                    "share_of_plans": round(r["n_plans"] / plans[y], 4),
                    "task_ids": r["task_ids"],
                }
            )
    schema: dict[str, ColumnType] = {
        "year": pl.Int32,
        "prev_year": pl.Int32,
        "cluster": pl.Int32,
        "cluster_label": pl.Utf8,
        "status": pl.Utf8,
        "n_plans": pl.Int64,
        "share_of_plans": pl.Float64,
        "task_ids": pl.List(pl.Utf8),
    }
    return pl.DataFrame(rows, schema=schema).sort(
        ["year", "status", "n_plans", "cluster"], descending=[False, False, True, False]
    )
