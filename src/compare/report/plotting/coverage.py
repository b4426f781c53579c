from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from compare.report.plotting._common import THEMES, esc, plan_names


def theme_heatmap(coverage: pl.DataFrame, documents: pl.DataFrame) -> go.Figure:
    """Plan × theme: how many tasks each plan has per theme (0 = a gap)."""
    names = plan_names(documents)
    plans = coverage["doc_id"].unique(maintain_order=True).to_list()
    themes = sorted(coverage["theme"].unique().to_list())
    count: dict[tuple[str, int], int] = {}
    for d, t, n in coverage.select("doc_id", "theme", "tasks").iter_rows():
        count[(d, t)] = count.get((d, t), 0) + n
    z = [[count.get((d, t), 0) for t in themes] for d in plans]
    labels = [esc(names.get(d, d), 60) for d in plans]  # unique (plan_labels): categories never merge
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[esc(THEMES[t], 28) for t in themes],
            y=labels,
            colorscale="Blues",
            text=z,
            texttemplate="%{text}",
            hovertemplate="%{y}<br>%{x}<br>%{z} nhiệm vụ<extra></extra>",
            colorbar=dict(title="nhiệm vụ"),
        )
    )
    fig.update_layout(
        meta={"rows": "plans"},
        title="Độ bao phủ chủ đề: số nhiệm vụ nội dung theo chủ đề (0 = thiếu chủ đề)",
        height=200 + min(60, max(16, 1200 // max(len(plans), 1))) * len(plans),
        xaxis=dict(type="category"),
        yaxis=dict(type="category", autorange="reversed", showticklabels=len(plans) <= 150),
    )
    return fig


def cluster_heatmap(cluster_coverage: pl.DataFrame, documents: pl.DataFrame, top: int = 20) -> go.Figure:
    """Plan × cluster: the clusters shared by most plans first."""
    names = plan_names(documents)
    spread = (
        cluster_coverage.group_by("cluster", "cluster_label")
        .agg(pl.col("doc_id").n_unique().alias("plans"), pl.col("tasks").sum().alias("n"))
        .sort(["plans", "n", "cluster"], descending=[True, True, False])
        .head(top)
    )
    plans = documents["doc_id"].to_list()
    count: dict[tuple[str, int], int] = {}
    for d, c, n in cluster_coverage.select("doc_id", "cluster", "tasks").iter_rows():
        count[(d, c)] = count.get((d, c), 0) + n
    z = [[count.get((d, c), 0) for c in spread["cluster"].to_list()] for d in plans]
    labels = [esc(f"{c}: {lab}", 30) for c, lab in zip(spread["cluster"].to_list(), spread["cluster_label"].to_list())]
    rows = [esc(names.get(d, d), 60) for d in plans]  # unique (plan_labels): categories never merge
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=labels,
            y=rows,
            colorscale="Greens",
            hovertemplate="%{y}<br>%{x}<br>%{z} nhiệm vụ<extra></extra>",
            colorbar=dict(title="nhiệm vụ"),
        )
    )
    fig.update_layout(
        meta={"rows": "plans"},
        title=f"Cụm nhiệm vụ theo kế hoạch ({len(labels)} cụm có nhiều kế hoạch nhất)",
        height=300 + min(50, max(16, 1200 // max(len(plans), 1))) * len(plans),
        xaxis=dict(type="category", tickangle=-60),
        yaxis=dict(type="category", autorange="reversed", showticklabels=len(plans) <= 150),
    )
    return fig
