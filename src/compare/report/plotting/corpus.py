from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from compare.report.plotting._common import PALETTE, THEMES, esc, plan_names


def tasks_per_plan(tasks: pl.DataFrame, documents: pl.DataFrame) -> go.Figure:
    """Stacked bars: tasks per plan, by theme."""
    names = plan_names(documents)
    counts = tasks.with_columns(pl.col("theme").fill_null(-1)).group_by("doc_id", "theme").len().sort("doc_id", "theme")
    fig = go.Figure()
    for k, theme in enumerate(sorted(counts["theme"].unique().to_list())):
        sub = counts.filter(pl.col("theme") == theme)
        fig.add_bar(
            x=[esc(names.get(d, d), 40) for d in sub["doc_id"]],
            y=sub["len"].to_list(),
            name=esc(THEMES.get(theme, "không rõ chủ đề"), 45),
            marker_color=PALETTE[k % len(PALETTE)],
        )
    fig.update_layout(
        barmode="stack",
        title="Số nhiệm vụ theo kế hoạch và chủ đề",
        yaxis_title="nhiệm vụ",
        legend_title="chủ đề",
        height=480,
    )
    return fig


def deadline_timeline(tasks: pl.DataFrame, documents: pl.DataFrame, top: int = 40) -> go.Figure:
    """Each task with a resolved timeframe as a mark at its deadline, per plan; past `top` plans,
    the `top` with most dated tasks (the table beside the chart holds them all)."""
    names = plan_names(documents)
    dated = tasks.filter(pl.col("due_end").is_not_null()).sort("doc_id", "due_end")
    per_plan = dated.group_by("doc_id").len().sort(["len", "doc_id"], descending=[True, False])
    if per_plan.height > top:
        dated = dated.filter(pl.col("doc_id").is_in(per_plan.head(top)["doc_id"].to_list()))
    fig = go.Figure()
    for k, doc in enumerate(dated["doc_id"].unique(maintain_order=True).to_list()):
        sub = dated.filter(pl.col("doc_id") == doc)
        starts = [s or e for s, e in zip(sub["due_start"].to_list(), sub["due_end"].to_list())]
        fig.add_trace(
            go.Scatter(
                x=sub["due_end"].to_list(),
                y=[esc(names.get(doc, doc), 40)] * sub.height,
                mode="markers",
                marker=dict(size=11, color=PALETTE[k % len(PALETTE)], symbol="diamond"),
                name=esc(names.get(doc, doc), 40),
                text=[f"{esc(tf)}<br>{esc(t, 70)}" for tf, t in zip(sub["timeframe"].to_list(), sub["text"].to_list())],
                customdata=[f"{s:%d/%m/%Y}" for s in starts],
                hovertemplate="%{customdata} → %{x|%d/%m/%Y}<br>%{text}<extra></extra>",
            )
        )
    shown = f" ({top} kế hoạch nhiều mốc nhất trên {per_plan.height})" if per_plan.height > top else ""
    fig.update_layout(
        title=f"Thời hạn và mốc báo cáo{shown}",
        height=200 + 28 * max(1, len(dated["doc_id"].unique())),
        xaxis=dict(title="ngày", tickformat="%d/%m/%Y"),
        showlegend=False,
    )
    return fig
