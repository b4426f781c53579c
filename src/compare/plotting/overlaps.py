from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl

from ..display import VALUES
from ..overlaps import SAME_MANDATE
from ._common import PALETTE, esc, plan_names


def overlap_matrix(overlaps: pl.DataFrame, documents: pl.DataFrame,
                   kinds: tuple[str, ...] = SAME_MANDATE) -> go.Figure:
    """Plan × plan: how many task pairs stating the same mandate two plans share, the number in
    each cell and its bands (nguyên văn, gần nguyên văn, cùng nhiệm vụ) in the hover. The
    diagonal counts repeats inside one plan. One row and one column per plan."""
    names = plan_names(documents)
    plans = documents["doc_id"].to_list()
    at = {d: k for k, d in enumerate(plans)}
    sub = overlaps.filter(pl.col("kind").is_in(list(kinds) + ["duplicate"]))
    n = len(plans)
    z = [[0] * n for _ in plans]
    bands: dict[tuple[int, int], dict[str, int]] = {}
    for a, b, kind in sub.select("doc_id_a", "doc_id_b", "kind").iter_rows():
        i, j = at[a], at[b]
        for x, y in {(i, j), (j, i)}:
            z[x][y] += 1
            cell = bands.setdefault((x, y), {})
            cell[kind] = cell.get(kind, 0) + 1
    labels = [esc(names.get(d, d), 40) for d in plans]  # unique (plan_labels): categories never merge
    words = VALUES["kind"]
    hover = None
    if n <= 150:  # the bands of each cell; past that the page would carry n² strings
        hover = [[", ".join(f"{words[k]} {bands[(i, j)][k]}" for k in (*kinds, "duplicate")
                            if k in bands.get((i, j), {})) for j in range(n)] for i in range(n)]
    fig = go.Figure(go.Heatmap(z=z, x=labels, y=labels, colorscale="Reds",
                               text=z if n <= 40 else None, texttemplate="%{text}" if n <= 40 else None,
                               customdata=hover,
                               hovertemplate="%{y}<br>× %{x}<br>%{z} cặp" + ("<br>%{customdata}" if hover else "")
                               + "<extra></extra>", colorbar=dict(title="cặp")))
    fig.update_layout(meta={"rows": "plans"}, title="Nhiệm vụ cùng nội dung giữa hai kế hoạch (số cặp: nguyên văn, gần nguyên văn, "
                            "cùng nhiệm vụ)",
                      height=300 + min(40, max(14, 1100 // max(n, 1))) * n,
                      xaxis=dict(type="category", tickangle=-45, showticklabels=n <= 150),
                      yaxis=dict(type="category", autorange="reversed", showticklabels=n <= 150))
    return fig


def overlap_network(overlaps: pl.DataFrame, tasks: pl.DataFrame, documents: pl.DataFrame,
                    kinds: tuple[str, ...] = SAME_MANDATE) -> go.Figure:
    """Tasks as nodes on a circle per plan, lines between tasks that share a mandate."""
    names = plan_names(documents)
    sub = overlaps.filter(pl.col("kind").is_in(list(kinds)))
    used = set(sub["task_id_a"]) | set(sub["task_id_b"])
    nodes = tasks.filter(pl.col("task_id").is_in(list(used))).sort("doc_id", "ordinal")
    plans = documents["doc_id"].to_list()
    pos = {}
    for p, doc in enumerate(plans):
        members = nodes.filter(pl.col("doc_id") == doc)["task_id"].to_list()
        cx, cy = math.cos(2 * math.pi * p / max(len(plans), 1)) * 3, math.sin(2 * math.pi * p / max(len(plans), 1)) * 3
        for k, tid in enumerate(members):
            ang = 2 * math.pi * k / max(len(members), 1)
            pos[tid] = (cx + math.cos(ang), cy + math.sin(ang))
    fig = go.Figure()
    for kind, dash, color in (("nguyên văn", "solid", "#d62728"), ("cùng nhiệm vụ", "dot", "#999999")):
        xs, ys = [], []
        code = {"nguyên văn": "verbatim", "cùng nhiệm vụ": "paraphrase"}[kind]
        for a, b in sub.filter(pl.col("kind") == code).select("task_id_a", "task_id_b").iter_rows():
            if a in pos and b in pos:
                xs += [pos[a][0], pos[b][0], None]
                ys += [pos[a][1], pos[b][1], None]
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(width=1, dash=dash, color=color),
                                 name=kind, hoverinfo="skip"))
    for p, doc in enumerate(plans):
        sn = nodes.filter(pl.col("doc_id") == doc)
        fig.add_trace(go.Scatter(
            x=[pos[t][0] for t in sn["task_id"]], y=[pos[t][1] for t in sn["task_id"]], mode="markers",
            marker=dict(size=9, color=PALETTE[p % len(PALETTE)]), name=esc(names.get(doc, doc), 40),
            text=[esc(t, 70) for t in sn["text"].to_list()], hovertemplate="%{text}<extra></extra>"))
    fig.update_layout(title="Mạng nhiệm vụ chung giữa các kế hoạch", height=620,
                      xaxis=dict(visible=False), yaxis=dict(visible=False, scaleanchor="x"))
    return fig
