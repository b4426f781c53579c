"""Layer 2, a plan's text → its anatomy, in the order the steps run::

    lines        text → clean source lines (markup gone, line numbers kept)
    markers      the marker that opens a line ("II.", "1.2.", "a)") and the shared predicates
    flat_tables  tables that lost their grid (PDF, scans) → one line per row
    blocks       lines → logical blocks (hard wraps and page breaks re-joined)
    structure    blocks → header, title, preamble, heading tree, items, closing
    metadata     → the documents row (issuer, number, date, period, signer ...)
    tasks        items → tasks (units, timeframe, theme, citations)

with `themes`, `timeframes` and `references` as the classifiers the steps share."""
