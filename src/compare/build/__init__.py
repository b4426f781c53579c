"""Layer 3, a folder of plans → the Parquet tables (`tables` owns their schemas).

>>> from compare.build import parse_text
>>> parse_text(open("plan.txt").read(), "demo").tasks[0]["text"]          # doctest: +SKIP
"""

from compare.build.pipeline import (
    BuildResult,
    ParsedDocument,
    build,
    build_corpus,
    parse_file,
    parse_text,
    summary,
    tables_of,
    write_tables,
)

__all__ = [
    "BuildResult",
    "ParsedDocument",
    "build",
    "build_corpus",
    "parse_file",
    "parse_text",
    "summary",
    "tables_of",
    "write_tables",
]
