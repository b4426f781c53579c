"""compare: turn Vietnamese government work plans into tables and compare them.

The package follows the data's path::

    raw.py          raw file → Unicode text (encodings, .docx, .pdf; bad files refused)
    lines.py        text → clean source lines (markup gone, line numbers kept)
    blocks.py       lines → logical blocks (hard wraps and page breaks re-joined)
    structure.py    blocks → header, title, preamble, heading tree, items, closing
    metadata.py     → the documents row (issuer, number, date, period, signer ...)
    tasks.py        items → tasks (units, timeframe, theme, citations)
    build.py        folder → Parquet tables (documents, sections, tasks, references, rejects)
"""

from .build import build, build_corpus, parse_file, parse_text

__all__ = ["build", "build_corpus", "parse_file", "parse_text"]
__version__ = "0.1.0"
