from __future__ import annotations

import html
import textwrap

import polars as pl

from compare.analyze.labels import plan_labels
from compare.parse.themes import THEME_NAMES

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"]


def esc(text: str | None, width: int = 80) -> str:
    """Plan text for a hover or a label: escaped, wrapped with <br> (plotly's line break)."""
    if text is None:
        return ""
    return "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(str(text), width) or [""])


def plan_names(documents: pl.DataFrame) -> dict[str, str]:
    """doc_id → the plan's unique label (`labels.plan_labels`): one row and one name per plan."""
    return plan_labels(documents)


THEMES = {k: f"{k}. {v}" for k, v in THEME_NAMES.items()}
