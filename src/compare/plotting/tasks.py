from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import polars as pl

from ._common import PALETTE, esc, plan_names


def task_map(tasks: pl.DataFrame, vectors: np.ndarray, documents: pl.DataFrame,
             clusters: pl.DataFrame | None = None, seed: int = 0) -> go.Figure:
    """A 2-D map of all tasks (t-SNE of their vectors, fixed seed), coloured by plan; hover
    shows the task, its plan and its cluster."""
    from sklearn.decomposition import PCA
    from sklearn.manifold import TSNE

    names = plan_names(documents)
    n = len(vectors)
    if n >= 5:
        xy = TSNE(n_components=2, perplexity=min(30, max(2, (n - 1) // 3)), init="pca", random_state=seed,
                  metric="cosine").fit_transform(np.asarray(vectors, dtype=np.float64))
    elif n >= 2:
        xy = PCA(n_components=2, random_state=seed).fit_transform(vectors)
    else:
        xy = np.zeros((n, 2))
    lab = dict(zip(clusters["task_id"], zip(clusters["cluster"], clusters["cluster_label"]))) if clusters is not None else {}
    fig = go.Figure()
    ids = tasks["task_id"].to_list()
    for p, doc in enumerate(tasks["doc_id"].unique(maintain_order=True).to_list()):
        rows = [k for k, d in enumerate(tasks["doc_id"].to_list()) if d == doc]
        fig.add_trace(go.Scatter(
            x=xy[rows, 0], y=xy[rows, 1], mode="markers", marker=dict(size=9, color=PALETTE[p % len(PALETTE)]),
            name=esc(names.get(doc, doc), 40),
            text=[f"<b>{esc(names.get(doc, doc), 60)}</b><br>{esc(tasks['text'][k], 70)}"
                  + (f"<br>cụm {lab[ids[k]][0]}: {esc(lab[ids[k]][1], 60)}" if ids[k] in lab else "") for k in rows],
            hovertemplate="%{text}<extra></extra>"))
    fig.update_layout(title="Bản đồ nhiệm vụ: mỗi điểm là một nhiệm vụ, màu theo kế hoạch", height=620,
                      xaxis=dict(visible=False), yaxis=dict(visible=False))
    return fig
