"""Year over year: align the tasks of two plans one to one and say what was kept, modified,
added and dropped; which cited documents came and went; which references are stale."""

from __future__ import annotations

import difflib
import html
import re

import numpy as np
import polars as pl
from scipy.optimize import linear_sum_assignment

from compare.analyze.similarity import Features, lexical_pairs
from compare.text.vietnamese import fold

KEPT_LEXICAL = 0.93  # the same wording (Indel similarity of the folded texts; OCR leaves specks)
MODIFIED = 0.25  # combined similarity from which a new task continues an old one


def consecutive_pairs(documents: pl.DataFrame) -> list[tuple[str, str]]:
    """(old, new) doc ids of consecutive plans of the same issuer in the same jurisdiction."""
    period_rank = {"H1": 1, "Q1": 1, "Q2": 2, "H2": 3, "Q3": 3, "Q4": 4, "year": 0}
    out: list[tuple[str, str]] = []
    docs = documents.with_columns(pl.col("period").replace_strict(period_rank, default=0).alias("_rank"))
    for _, group in docs.group_by(["issuer", "jurisdiction"], maintain_order=True):
        if group.height < 2 or group["issuer"][0] is None:
            continue
        g = group.sort(["year", "_rank", "doc_id"])
        ids = g["doc_id"].to_list()
        out.extend(zip(ids, ids[1:]))
    return sorted(out)


def _diff_pieces(old: str, new: str):
    """(kind, words) runs of a word-level diff: kind is 'same', 'removed' or 'added'."""
    a, b = old.split(), new.split()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            yield "same", " ".join(a[i1:i2])
        if op in ("delete", "replace"):
            yield "removed", " ".join(a[i1:i2])
        if op in ("insert", "replace"):
            yield "added", " ".join(b[j1:j2])


def word_diff(old: str, new: str) -> str:
    """Word-level diff: [-removed-] and {+added+} around what changed."""
    marks = {"same": "{}", "removed": "[-{}-]", "added": "{{+{}+}}"}
    return " ".join(marks[kind].format(words) for kind, words in _diff_pieces(old, new))


def word_diff_html(old: str, new: str) -> str:
    """The same diff as escaped HTML with <del>/<ins> (plan text never becomes markup)."""
    marks = {"same": "{}", "removed": "<del>{}</del>", "added": "<ins>{}</ins>"}
    return " ".join(marks[kind].format(html.escape(words)) for kind, words in _diff_pieces(old, new))


def rows_by_plan(tasks: pl.DataFrame) -> dict[str, np.ndarray]:
    """Each plan's rows of `tasks`, found in one pass (for aligning many pairs of plans).

    >>> rows_by_plan(pl.DataFrame({"doc_id": ["a", "b", "a"]}))["a"].tolist()
    [0, 2]
    """
    groups = tasks.select("doc_id").with_row_index("_row").group_by("doc_id", maintain_order=True).agg("_row")
    return {d: np.asarray(r, dtype=np.int64) for d, r in groups.iter_rows()}


def align_all(tasks: pl.DataFrame, features: Features, pairs: list[tuple[str, str]]) -> pl.DataFrame:
    """`align` of each (old, new) pair, one table; every plan's rows found once."""
    rows = rows_by_plan(tasks)
    frames = [align(tasks, features, old, new, rows=rows) for old, new in pairs]
    return pl.concat(frames) if frames else align(tasks, features, "", "", rows=rows)


def align(
    tasks: pl.DataFrame,
    features: Features,
    old: str,
    new: str,
    modified: float = MODIFIED,
    kept: float = KEPT_LEXICAL,
    rows: dict[str, np.ndarray] | None = None,
) -> pl.DataFrame:
    """One row per task of either plan: kept / modified / new / dropped, with similarity
    (`rows`: each plan's rows, from `rows_by_plan`, where many pairs are aligned)."""
    rows = rows if rows is not None else rows_by_plan(tasks)
    none = np.zeros(0, dtype=np.int64)
    rows_old, rows_new = rows.get(old, none), rows.get(new, none)
    # only the two plans' rows become Python objects (a corpus may hold tens of thousands)
    both = np.concatenate([rows_old, rows_new])
    ids = dict(zip(both.tolist(), tasks["task_id"].gather(both).to_list()))
    texts = dict(zip(both.tolist(), tasks["text"].gather(both).to_list()))
    records: list[tuple[str | None, str | None, str, float | None, str | None]] = []
    matched_old: set[int] = set()
    matched_new: set[int] = set()
    if len(rows_old) and len(rows_new):
        sim, _ = features.block(rows_old, rows_new, lexical=False)
        r, c = linear_sum_assignment(-sim)
        # the wording is compared only on the pairs the assignment chose (not on every pair)
        lexical = lexical_pairs(features.folded, rows_old[r], rows_new[c])
        for a, b, lex in sorted(zip(r.tolist(), c.tolist(), lexical)):  # (lex: float32, as it was)
            if sim[a, b] < modified and lex < kept:
                continue
            status = "kept" if lex >= kept else "modified"
            io, jn = int(rows_old[a]), int(rows_new[b])
            matched_old.add(io)
            matched_new.add(jn)
            records.append(
                (
                    ids[io],
                    ids[jn],
                    status,
                    float(sim[a, b]),
                    word_diff(texts[io], texts[jn]) if status == "modified" else None,
                )
            )
    for io in rows_old.tolist():
        if io not in matched_old:
            records.append((ids[io], None, "dropped", None, None))
    for jn in rows_new.tolist():
        if jn not in matched_new:
            records.append((None, ids[jn], "new", None, None))
    frame = pl.DataFrame(
        records,
        schema={
            "task_id_old": pl.Utf8,
            "task_id_new": pl.Utf8,
            "status": pl.Utf8,
            "similarity": pl.Float64,
            "diff": pl.Utf8,
        },
        orient="row",
    )
    frame = frame.with_columns(
        pl.col("similarity").round(6), pl.lit(old).alias("doc_id_old"), pl.lit(new).alias("doc_id_new")
    )
    order = {"kept": 0, "modified": 1, "dropped": 2, "new": 3}
    return (
        frame.with_columns(pl.col("status").replace_strict(order, return_dtype=pl.Int8).alias("_o"))
        .sort("_o", "task_id_old", "task_id_new", nulls_last=True)
        .drop("_o")
        .select("doc_id_old", "doc_id_new", "task_id_old", "task_id_new", "status", "similarity", "diff")
    )


def reference_changes(references: pl.DataFrame, old: str, new: str) -> pl.DataFrame:
    """Cited documents added and removed between two plans (by normalised id)."""
    a = set(references.filter(pl.col("doc_id") == old)["ref_id"].to_list())
    b = set(references.filter(pl.col("doc_id") == new)["ref_id"].to_list())
    rows = (
        [(r, "removed") for r in sorted(a - b)]
        + [(r, "added") for r in sorted(b - a)]
        + [(r, "kept") for r in sorted(a & b)]
    )
    return pl.DataFrame(rows, schema={"ref_id": pl.Utf8, "change": pl.Utf8}, orient="row").with_columns(
        pl.lit(old).alias("doc_id_old"), pl.lit(new).alias("doc_id_new")
    )


_THEME_YEAR = re.compile(r"chu de (?:cua )?(?:nam )?(\d{4})")


def stale_references(tasks: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """Tasks that name the city's theme of another year ('chủ đề năm 2024' in a 2025 plan)."""
    years = dict(zip(documents["doc_id"].to_list(), documents["year"].to_list()))
    rows = []
    for doc, tid, text in tasks.select("doc_id", "task_id", "text").iter_rows():
        for m in _THEME_YEAR.finditer(fold(text)):
            named = int(m.group(1))
            if years.get(doc) and named != years[doc]:
                rows.append((doc, tid, named, years[doc], "theme of the year"))
    return pl.DataFrame(
        rows,
        schema={"doc_id": pl.Utf8, "task_id": pl.Utf8, "named_year": pl.Int32, "plan_year": pl.Int32, "what": pl.Utf8},
        orient="row",
    )


def stale_headings(sections: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """Headings that name the theme of another year (002's 'chủ đề năm 2024' in its 2025 plan)."""
    years = dict(zip(documents["doc_id"].to_list(), documents["year"].to_list()))
    rows = []
    for doc, sid, heading in sections.select("doc_id", "section_id", "heading").iter_rows():
        for m in _THEME_YEAR.finditer(fold(heading or "")):
            named = int(m.group(1))
            if years.get(doc) and named != years[doc]:
                rows.append((doc, sid, named, years[doc], heading))
    return pl.DataFrame(
        rows,
        schema={
            "doc_id": pl.Utf8,
            "section_id": pl.Utf8,
            "named_year": pl.Int32,
            "plan_year": pl.Int32,
            "heading": pl.Utf8,
        },
        orient="row",
    )
