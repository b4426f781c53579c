from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from ._common import THEMES, esc, plan_names


def theme_heatmap(coverage: pl.DataFrame, documents: pl.DataFrame) -> go.Figure:
    """Plan × theme: how many tasks each plan has per theme (0 = a gap)."""
    names = plan_names(documents)
    plans = coverage["doc_id"].unique(maintain_order=True).to_list()
    themes = sorted(coverage["theme"].unique().to_list())
    z = [[coverage.filter((pl.col("doc_id") == d) & (pl.col("theme") == t))["tasks"].sum() for t in themes] for d in plans]
    fig = go.Figure(go.Heatmap(z=z, x=[esc(THEMES[t], 28) for t in themes], y=[esc(names.get(d, d), 40) for d in plans],
                               colorscale="Blues", text=z, texttemplate="%{text}",
                               hovertemplate="%{y}<br>%{x}<br>%{z} nhiệm vụ<extra></extra>"))
    fig.update_layout(title="Độ bao phủ chủ đề (plan × theme coverage; 0 = theme left out)", height=200 + 60 * len(plans))
    return fig


def cluster_heatmap(cluster_coverage: pl.DataFrame, documents: pl.DataFrame, top: int = 30) -> go.Figure:
    """Plan × cluster: the clusters shared by most plans first."""
    names = plan_names(documents)
    spread = (cluster_coverage.group_by("cluster", "cluster_label").agg(pl.col("doc_id").n_unique().alias("plans"),
                                                                          pl.col("tasks").sum().alias("n"))
              .sort(["plans", "n", "cluster"], descending=[True, True, False]).head(top))
    plans = documents["doc_id"].to_list()
    z = []
    for d in plans:
        row = []
        for c in spread["cluster"].to_list():
            hit = cluster_coverage.filter((pl.col("doc_id") == d) & (pl.col("cluster") == c))
            row.append(int(hit["tasks"].sum()) if hit.height else 0)
        z.append(row)
    labels = [esc(f"{c}: {lab}", 30) for c, lab in zip(spread["cluster"].to_list(), spread["cluster_label"].to_list())]
    fig = go.Figure(go.Heatmap(z=z, x=labels, y=[esc(names.get(d, d), 40) for d in plans], colorscale="Greens",
                               hovertemplate="%{y}<br>%{x}<br>%{z} nhiệm vụ<extra></extra>"))
    fig.update_layout(title="Cụm nhiệm vụ theo kế hoạch (plan × cluster)", height=260 + 50 * len(plans),
                      xaxis_tickangle=-45)
    return fig
