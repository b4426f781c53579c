from __future__ import annotations

import html
import textwrap

import polars as pl

from ..themes import THEME_NAMES

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22"]


def esc(text: str | None, width: int = 80) -> str:
    """Plan text for a hover or a label: escaped, wrapped with <br> (plotly's line break)."""
    if text is None:
        return ""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(str(text), width) or [""])


def plan_names(documents: pl.DataFrame) -> dict[str, str]:
    """doc_id → a short readable name: issuer, period (doc id prefix to keep them apart)."""
    out = {}
    for r in documents.iter_rows(named=True):
        period = {"year": "", "H1": " 6T đầu", "H2": " 6T cuối"}.get(r["period"], f" {r['period']}")
        out[r["doc_id"]] = f"{r['doc_id'][:3]} · {r['issuer'] or '?'} · {r['year'] or '?'}{period}"
    return out


THEMES = {k: f"{k}. {v}" for k, v in THEME_NAMES.items()}
