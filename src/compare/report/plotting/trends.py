from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from compare.report.plotting._common import esc


def _share_heatmap(frame: pl.DataFrame, row: str, title: str, colour: str) -> go.Figure:
    rows = frame[row].unique(maintain_order=True).to_list()
    years = sorted(frame["year"].unique().to_list())
    cell = {
        (r, y): (s, n, p)
        for r, y, s, n, p in frame.select(row, "year", "share_of_plans", "n_plans", "plans_in_year").iter_rows()
    }
    z = [[cell.get((r, y), (0, 0, 0))[0] for y in years] for r in rows]
    text = [[f"{cell[(r, y)][1]}/{cell[(r, y)][2]}" if (r, y) in cell else "" for y in years] for r in rows]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[str(y) for y in years],
            y=[esc(str(r), 45) for r in rows],
            colorscale=colour,
            zmin=0,
            zmax=1,
            text=text,
            texttemplate="%{text}",
            colorbar=dict(title="tỉ lệ kế hoạch", tickformat=".0%"),
            hovertemplate="%{y}<br>năm %{x}: %{text} kế hoạch (%{z:.0%})<extra></extra>",
        )
    )
    fig.update_layout(
        title=title,
        height=220 + 34 * len(rows),
        xaxis=dict(type="category", title="năm"),
        yaxis=dict(type="category", autorange="reversed"),
    )
    return fig


def term_trends_heatmap(trends: pl.DataFrame) -> go.Figure:
    """Watch-list term × year: the share of that year's plans naming the term (cells: plans
    naming it / plans of the year)."""
    return _share_heatmap(trends, "term", "Chủ đề theo dõi qua các năm: tỉ lệ kế hoạch có nêu", "Purples")


def theme_trends_heatmap(trends: pl.DataFrame) -> go.Figure:
    """Theme × year: the share of that year's plans with a content task of the theme."""
    named = trends.with_columns(pl.format("{}. {}", pl.col("theme"), pl.col("theme_name")).alias("theme_label"))
    return _share_heatmap(named, "theme_label", "Chủ đề của danh mục qua các năm: tỉ lệ kế hoạch có nhiệm vụ", "Blues")


def cluster_trends_heatmap(
    tasks: pl.DataFrame, documents: pl.DataFrame, clusters: pl.DataFrame, top: int = 25
) -> go.Figure:
    """Cluster × year for the `top` clusters spread over most plans: the share of each year's
    plans with a task in the cluster."""
    per = (
        tasks.select("task_id", "doc_id")
        .join(clusters, on="task_id")
        .join(documents.select("doc_id", "year"), on="doc_id")
        .filter(pl.col("year").is_not_null())
    )
    plans = documents.filter(pl.col("year").is_not_null()).group_by("year").agg(pl.len().alias("plans_in_year"))
    spread = (
        per.group_by("cluster", "cluster_label")
        .agg(pl.col("doc_id").n_unique().alias("k"))
        .sort(["k", "cluster"], descending=[True, False])
        .head(top)
    )
    frame = (
        per.filter(pl.col("cluster").is_in(spread["cluster"].to_list()))
        .group_by("cluster", "cluster_label", "year")
        .agg(pl.col("doc_id").n_unique().alias("n_plans"))
        .join(plans, on="year")
        .with_columns(
            (pl.col("n_plans") / pl.col("plans_in_year")).alias("share_of_plans"),
            pl.format("{}: {}", pl.col("cluster"), pl.col("cluster_label")).alias("name"),
        )
    )
    order = {c: k for k, c in enumerate(spread["cluster"].to_list())}
    frame = frame.sort(pl.col("cluster").replace_strict(order, return_dtype=pl.Int64), "year")
    return _share_heatmap(
        frame, "name", f"Cụm nhiệm vụ qua các năm ({spread.height} cụm có trong nhiều kế hoạch nhất)", "Greens"
    )


def citations_heatmap(citations: pl.DataFrame, documents: pl.DataFrame, top: int = 40) -> go.Figure:
    """Cited document × year: the share of each year's plans citing it, for the `top` documents
    cited by most plans, grouped by the level of their issuer."""
    plans = dict(documents.filter(pl.col("year").is_not_null()).group_by("year").len().iter_rows())
    years_of = dict(zip(documents["doc_id"].to_list(), documents["year"].to_list()))
    chosen = (
        citations.sort(["n_plans", "ref_id"], descending=[True, False])
        .head(top)
        .sort([pl.col("level").fill_null("~"), "n_plans", "ref_id"], descending=[False, True, False])
    )
    rows = []
    for r in chosen.iter_rows(named=True):
        name = f"{r['ref_id']} · {r['level'] or 'khác'}"
        for year in sorted(plans):
            n = len({d for d in r["doc_ids"] if years_of.get(d) == year})
            rows.append(
                {
                    "name": name,
                    "year": year,
                    "n_plans": n,
                    "plans_in_year": plans[year],
                    "share_of_plans": n / plans[year],
                }
            )
    frame = pl.DataFrame(
        rows,
        schema={
            "name": pl.Utf8,
            "year": pl.Int32,
            "n_plans": pl.Int64,
            "plans_in_year": pl.Int64,
            "share_of_plans": pl.Float64,
        },
    )
    shown = (
        f" ({top} văn bản được nhiều kế hoạch trích dẫn nhất trên {citations.height})" if citations.height > top else ""
    )
    return _share_heatmap(frame, "name", f"Văn bản được trích dẫn theo năm, theo cấp ban hành{shown}", "Oranges")
