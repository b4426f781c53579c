from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from compare.analyze.overlaps import SAME_MANDATE
from compare.report.display import VALUES
from compare.report.plotting._common import esc, plan_names


def overlap_matrix(overlaps: pl.DataFrame, documents: pl.DataFrame, kinds: tuple[str, ...] = SAME_MANDATE) -> go.Figure:
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
        hover = [
            [
                ", ".join(f"{words[k]} {bands[(i, j)][k]}" for k in (*kinds, "duplicate") if k in bands.get((i, j), {}))
                for j in range(n)
            ]
            for i in range(n)
        ]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=labels,
            y=labels,
            colorscale="Reds",
            text=z if n <= 40 else None,
            texttemplate="%{text}" if n <= 40 else None,
            customdata=hover,
            hovertemplate="%{y}<br>× %{x}<br>%{z} cặp" + ("<br>%{customdata}" if hover else "") + "<extra></extra>",
            colorbar=dict(title="cặp"),
        )
    )
    fig.update_layout(
        meta={"rows": "plans"},
        title="Nhiệm vụ cùng nội dung giữa hai kế hoạch (số cặp: nguyên văn, gần nguyên văn, cùng nhiệm vụ)",
        height=300 + min(40, max(14, 1100 // max(n, 1))) * n,
        xaxis=dict(type="category", tickangle=-45, showticklabels=n <= 150),
        yaxis=dict(type="category", autorange="reversed", showticklabels=n <= 150),
    )
    return fig
