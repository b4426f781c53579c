from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl

from ._common import PALETTE, esc, plan_names


def overlap_matrix(overlaps: pl.DataFrame, documents: pl.DataFrame,
                   kinds: tuple[str, ...] = ("verbatim", "paraphrase")) -> go.Figure:
    """Plan × plan: how many task pairs stating the same mandate two plans share (the diagonal:
    repeats inside one plan). One row and one column per plan."""
    names = plan_names(documents)
    plans = documents["doc_id"].to_list()
    sub = overlaps.filter(pl.col("kind").is_in(list(kinds)))
    z = [[0] * len(plans) for _ in plans]
    for a, b in sub.select("doc_id_a", "doc_id_b").iter_rows():
        i, j = plans.index(a), plans.index(b)
        z[i][j] += 1
        if i != j:
            z[j][i] += 1
    labels = [esc(names.get(d, d), 40) for d in plans]
    fig = go.Figure(go.Heatmap(z=z, x=list(range(len(plans))), y=list(range(len(plans))), colorscale="Reds",
                               text=z, texttemplate="%{text}" if len(plans) <= 40 else None,
                               customdata=[[f"{labels[i]}<br>× {labels[j]}" for j in range(len(plans))]
                                           for i in range(len(plans))],
                               hovertemplate="%{customdata}<br>%{z} cặp nhiệm vụ<extra></extra>",
                               colorbar=dict(title="cặp")))
    ticks = dict(tickmode="array", tickvals=list(range(len(plans))), ticktext=labels)
    fig.update_layout(title="Số cặp nhiệm vụ cùng nội dung giữa hai kế hoạch",
                      height=260 + min(40, max(18, 900 // max(len(plans), 1))) * len(plans),
                      xaxis=dict(**ticks, tickangle=-45), yaxis=dict(**ticks, autorange="reversed"))
    return fig


def overlap_network(overlaps: pl.DataFrame, tasks: pl.DataFrame, documents: pl.DataFrame,
                    kinds: tuple[str, ...] = ("verbatim", "paraphrase")) -> go.Figure:
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
