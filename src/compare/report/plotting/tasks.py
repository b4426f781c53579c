from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import polars as pl

from compare.report.plotting._common import PALETTE, esc, plan_names

_OTHER = "#c8c8c8"
_COLOURS = PALETTE + ["#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354"]


def _layout_2d(vectors: np.ndarray, seed: int) -> np.ndarray:
    from sklearn.decomposition import PCA
    from sklearn.manifold import TSNE

    n = len(vectors)
    if n >= 5:
        return TSNE(
            n_components=2, perplexity=min(30, max(2, (n - 1) // 3)), init="pca", random_state=seed, metric="cosine"
        ).fit_transform(np.asarray(vectors, dtype=np.float64))
    if n >= 2:
        return PCA(n_components=2, random_state=seed).fit_transform(vectors)
    return np.zeros((n, 2))


def task_map(
    tasks: pl.DataFrame,
    vectors: np.ndarray,
    documents: pl.DataFrame,
    clusters: pl.DataFrame | None = None,
    seed: int = 0,
    top: int = 16,
    max_plan_filter: int = 60,
) -> go.Figure:
    """A 2-D map of all tasks (t-SNE of their vectors, fixed seed), in the manner of
    BERTopic's `visualize_documents`: the `top` clusters spread over most plans in colour with
    their labels on the map, the others grey; hover shows the plan, the task and its cluster;
    a menu highlights one plan's tasks (up to `max_plan_filter` plans)."""
    names = plan_names(documents)
    xy = _layout_2d(vectors, seed)
    ids = tasks["task_id"].to_list()
    docs = tasks["doc_id"].to_list()
    texts = tasks["text"].to_list()
    if clusters is not None and clusters.height:
        lab = dict(
            zip(clusters["task_id"].to_list(), zip(clusters["cluster"].to_list(), clusters["cluster_label"].to_list()))
        )
    else:
        lab = {}
    assign = [lab.get(t, (-1, ""))[0] for t in ids]
    label_of = {c: name for c, name in lab.values()}
    spread: dict[int, set[str]] = {}
    for c, d in zip(assign, docs):
        if c >= 0:
            spread.setdefault(c, set()).add(d)
    size = {c: assign.count(c) for c in spread}
    shown = sorted(spread, key=lambda c: (-len(spread[c]), -size[c], c))[:top]
    groups: list[tuple[int | None, str, str]] = [
        (c, f"{label_of[c] or f'cụm {c}'}", _COLOURS[k % len(_COLOURS)]) for k, c in enumerate(shown)
    ]
    groups.append((None, "các cụm khác", _OTHER))
    fig = go.Figure()
    members_of: list[list[int]] = []
    for c, name, colour in groups:
        rows = [k for k, a in enumerate(assign) if (a == c if c is not None else a not in shown)]
        members_of.append(rows)
        if not rows:
            continue
        scatter = go.Scattergl if len(ids) > 5000 else go.Scatter  # WebGL only where SVG would crawl
        fig.add_trace(
            scatter(
                x=xy[rows, 0],
                y=xy[rows, 1],
                mode="markers",
                name=esc(name, 40),
                marker=dict(size=8, color=colour, opacity=0.85, line=dict(width=0)),
                text=[
                    f"<b>{esc(names.get(docs[k], docs[k]), 60)}</b><br>{esc(texts[k], 70)}"
                    + (f"<br><i>cụm: {esc(label_of.get(assign[k], ''), 60)}</i>" if assign[k] >= 0 else "")
                    for k in rows
                ],
                hovertemplate="%{text}<extra></extra>",
            )
        )
        if c is not None:
            cx, cy = np.median(xy[rows], axis=0)
            fig.add_annotation(
                x=float(cx),
                y=float(cy),
                text=esc(name, 24),
                showarrow=False,
                font=dict(size=12, color="#111"),
                bgcolor="rgba(255,255,255,0.7)",
            )
    traces = [rows for rows in members_of if rows]
    plans = documents["doc_id"].to_list()
    if 1 < len(plans) <= max_plan_filter:
        buttons = [dict(label="Mọi kế hoạch", method="restyle", args=[{"marker.opacity": [0.85] * len(traces)}])]
        for d in plans:
            opacity = [[0.95 if docs[k] == d else 0.08 for k in rows] for rows in traces]
            buttons.append(dict(label=esc(names.get(d, d), 70), method="restyle", args=[{"marker.opacity": opacity}]))
        fig.update_layout(
            updatemenus=[
                dict(buttons=buttons, direction="down", x=0, xanchor="left", y=1.08, yanchor="bottom", showactive=True)
            ]
        )
    fig.update_layout(
        title=dict(text="Bản đồ nhiệm vụ: mỗi điểm là một nhiệm vụ, màu theo cụm", y=0.98),
        height=720,
        margin=dict(t=110),
        legend_title="cụm nhiệm vụ",
        xaxis=dict(visible=False),
        yaxis=dict(visible=False),
        plot_bgcolor="white",
    )
    return fig
