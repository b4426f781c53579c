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
    labels = [esc(names.get(d, d), 60) for d in plans]
    fig = go.Figure(go.Heatmap(z=z, x=[esc(THEMES[t], 28) for t in themes], y=list(range(len(plans))),
                               colorscale="Blues", text=z, texttemplate="%{text}",
                               customdata=[[labels[i]] * len(themes) for i in range(len(plans))],
                               hovertemplate="%{customdata}<br>%{x}<br>%{z} nhiệm vụ<extra></extra>",
                               colorbar=dict(title="nhiệm vụ")))
    fig.update_layout(title="Độ bao phủ chủ đề: số nhiệm vụ nội dung theo chủ đề (0 = thiếu chủ đề)",
                      height=200 + min(60, max(16, 1200 // max(len(plans), 1))) * len(plans),
                      yaxis=dict(tickmode="array", tickvals=list(range(len(plans))), ticktext=labels,
                                 autorange="reversed"))
    return fig


def cluster_heatmap(cluster_coverage: pl.DataFrame, documents: pl.DataFrame, top: int = 20) -> go.Figure:
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
    rows = [esc(names.get(d, d), 60) for d in plans]
    fig = go.Figure(go.Heatmap(z=z, x=list(range(len(labels))), y=list(range(len(plans))), colorscale="Greens",
                               customdata=[[f"{rows[i]}<br>{labels[j]}" for j in range(len(labels))]
                                           for i in range(len(plans))],
                               hovertemplate="%{customdata}<br>%{z} nhiệm vụ<extra></extra>",
                               colorbar=dict(title="nhiệm vụ")))
    fig.update_layout(title=f"Cụm nhiệm vụ theo kế hoạch ({len(labels)} cụm có nhiều kế hoạch nhất)",
                      height=300 + min(50, max(16, 1200 // max(len(plans), 1))) * len(plans),
                      xaxis=dict(tickmode="array", tickvals=list(range(len(labels))), ticktext=labels, tickangle=-60),
                      yaxis=dict(tickmode="array", tickvals=list(range(len(plans))), ticktext=rows,
                                 autorange="reversed"))
    return fig
