"""Layer 5, what analysts read: the notebooks (`notebooks/`, found as package resources)
executed into self-contained HTML pages, the helpers those notebooks call (`render`), charts
(`plotting/`, one function per chart), Vietnamese names for columns and values (`display`),
the Excel workbook (`export`), plan cards and the page comparing two groups of plans."""

from compare.report.render import (
    CARD_CSS,
    NOTEBOOKS,
    note,
    pair_details_html,
    parse_parameter,
    plan_card_html,
    render_reports,
    search_box,
    show,
    show_table,
    tables_asset_js,
)

__all__ = [
    "CARD_CSS",
    "NOTEBOOKS",
    "note",
    "pair_details_html",
    "parse_parameter",
    "plan_card_html",
    "render_reports",
    "search_box",
    "show",
    "show_table",
    "tables_asset_js",
]
