"""compare: turn Vietnamese government work plans into tables and compare them.

The package follows the data's path, one layer per subpackage; a layer imports only from the
layers above it in this list (a test checks)::

    text/       Vietnamese text, numerals, the vocabulary as data, the restorer of lost marks
    read/       a file → Unicode text (encodings, .docx, .pdf, HTML; files that are no plan refused)
    parse/      text → lines → blocks → anatomy → the documents row and the tasks
    build/      a folder → Parquet tables (`build.tables` owns their schemas)
    analyze/    tables → vectors, clusters, overlaps, changes, coverage, citations, trends, search;
                `Corpus`, the library's entry point
    report/     notebooks → self-contained HTML reports, charts, the Excel workbook
    cli.py      the `compare` command

>>> import compare
>>> corpus = compare.load("data/processed")
>>> corpus.overlaps(), corpus.coverage(), corpus.changes()
>>> compare.export(corpus, "compare.xlsx")        # every table in one workbook
"""

from compare.build import build, build_corpus, parse_file, parse_text

__all__ = ["Corpus", "build", "build_corpus", "export", "load", "parse_file", "parse_text"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # The comparison side needs numpy, scikit-learn and the model: imported on first use,
    # so that `compare build` stays light.
    if name in ("load", "Corpus"):
        from compare.analyze import corpus

        return getattr(corpus, name)
    if name == "export":
        from compare.report.export import write_workbook

        return write_workbook
    raise AttributeError(name)
