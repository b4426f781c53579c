from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from compare.report.display import VALUES
from compare.report.plotting._common import esc, plan_names

STATUS_COLOURS = {"kept": "#2ca02c", "modified": "#1f77b4", "new": "#ff7f0e", "dropped": "#d62728"}
STATUS_WORDS = VALUES["status"]


def changes_bars(changes: pl.DataFrame, documents: pl.DataFrame, top: int = 30) -> go.Figure:
    """Diverging bars per pair of plans: dropped to the left; kept, modified, new to the right.
    The `top` pairs with most changes (new, dropped, modified) are drawn."""
    names = plan_names(documents)
    fig = go.Figure()
    moved = (
        changes.group_by("doc_id_old", "doc_id_new", maintain_order=True)
        .agg((pl.col("status") != "kept").sum().alias("n"))
        .sort(["n", "doc_id_old", "doc_id_new"], descending=[True, False, False])
    )
    pairs = moved.head(top).select("doc_id_old", "doc_id_new").rows()
    labels = [esc(f"{names.get(a, a)} → {names.get(b, b)}", 60) for a, b in pairs]
    for status in ("dropped", "kept", "modified", "new"):
        values = []
        for a, b in pairs:
            n = changes.filter(
                (pl.col("doc_id_old") == a) & (pl.col("doc_id_new") == b) & (pl.col("status") == status)
            ).height
            values.append(-n if status == "dropped" else n)
        fig.add_bar(
            y=labels,
            x=values,
            orientation="h",
            name=STATUS_WORDS[status],
            marker_color=STATUS_COLOURS[status],
            text=[abs(v) for v in values],
            textposition="inside",
        )
    shown = f" ({len(pairs)} cặp thay đổi nhiều nhất trên {moved.height})" if moved.height > len(pairs) else ""
    fig.update_layout(
        barmode="relative",
        title=f"Thay đổi so với kế hoạch trước: giữ nguyên, sửa đổi, mới, bỏ{shown}",
        height=220 + 80 * len(pairs),
        xaxis_title="nhiệm vụ (bỏ ← | → giữ nguyên, sửa đổi, mới)",
        legend_title="tình trạng",
    )
    return fig


def changes_sankey(changes: pl.DataFrame, documents: pl.DataFrame, old: str, new: str) -> go.Figure:
    """Flow from the old plan's tasks to the new plan's: kept, modified, dropped, new."""
    names = plan_names(documents)
    sub = changes.filter((pl.col("doc_id_old") == old) & (pl.col("doc_id_new") == new))
    count = {s: sub.filter(pl.col("status") == s).height for s in STATUS_COLOURS}
    labels = [esc(names.get(old, old), 40), "giữ nguyên", "sửa đổi", "bỏ", "mới", esc(names.get(new, new), 40)]
    fig = go.Figure(
        go.Sankey(
            node=dict(
                label=labels,
                pad=20,
                color=[
                    "#888",
                    STATUS_COLOURS["kept"],
                    STATUS_COLOURS["modified"],
                    STATUS_COLOURS["dropped"],
                    STATUS_COLOURS["new"],
                    "#888",
                ],
            ),
            link=dict(
                source=[0, 0, 0, 1, 2, 4],
                target=[1, 2, 3, 5, 5, 5],
                value=[
                    count["kept"],
                    count["modified"],
                    count["dropped"],
                    count["kept"],
                    count["modified"],
                    count["new"],
                ],
            ),
        )
    )
    fig.update_layout(title="Từ kế hoạch cũ sang kế hoạch mới", height=420)
    return fig
