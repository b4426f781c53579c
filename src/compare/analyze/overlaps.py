"""Task pairs that state the same mandate: across plans (copied word for word or in other
words) and inside one plan (a duplicated item), in bands of strength.

Bands and their precision on the hand-labelled same-mandate pairs of the seeds
(`python benchmarks/run.py quality`; tests/test_engine.py holds them):

| kind            | rule                                   | precision | pairs |
|-----------------|----------------------------------------|-----------|-------|
| `verbatim`      | folded texts' Indel similarity >= 0.93  | 1.00      | 2     |
| `near_verbatim` | Indel similarity 0.70-0.93              | 1.00      | 7     |
| `paraphrase`    | combined similarity >= 0.30             | 0.79      | 61    |
| `related`       | combined similarity 0.22-0.30           | 0.48      | 117   |

`related` pairs share a topic more often than a mandate: they are kept in the table, but not
counted as shared mandates.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from rapidfuzz import fuzz

from compare.analyze.similarity import Features, scored_pairs
from compare.build.tables import SCHEMAS
from compare.text.vietnamese import fold

VERBATIM_LEXICAL = 0.93  # Indel similarity of the folded texts: the same wording
NEAR_VERBATIM_LEXICAL = 0.70  # the same wording with a few words changed
PARAPHRASE = 0.30  # combined similarity from which two tasks count as the same mandate
RELATED = 0.22  # combined similarity from which two tasks share a topic
SAME_MANDATE = ("verbatim", "near_verbatim", "paraphrase")  # the kinds that count as shared


def find_overlaps(
    tasks: pl.DataFrame,
    features: Features,
    paraphrase: float = PARAPHRASE,
    verbatim: float = VERBATIM_LEXICAL,
    k: int = 15,
    related: float = RELATED,
    near_verbatim: float = NEAR_VERBATIM_LEXICAL,
) -> pl.DataFrame:
    """Pairs of tasks with their similarity and kind: `verbatim`, `near_verbatim`,
    `paraphrase`, `related` (different plans) or `duplicate` (the same plan). Sorted, so that
    two runs give the same table."""
    if tasks.height < 2:
        return pl.DataFrame(schema=SCHEMAS["overlaps"] | {"lexical": pl.Float64, "semantic": pl.Float64})
    i, j, combined, lex, sem = scored_pairs(features, k=k)
    plan = tasks["doc_id"].rank("dense").to_numpy()  # (a number a plan: no string per pair)
    related = min(related, paraphrase)
    # the pairs worth a row, found before anything is built per pair (10^6 tasks give tens of
    # millions of candidates)
    rows = np.flatnonzero((lex >= near_verbatim) | (combined >= related) | (lex >= 0.5))
    rows = rows.astype(np.int32) if len(lex) < 2**31 else rows  # (half the memory)
    same_doc = plan[i[rows]] == plan[j[rows]]
    # Inside a plan only a repeat is worth a flag: the same item, whole or inside a longer one
    # (the shorter's folded text found almost as is in the longer); "... công tác dân chủ ..."
    # and "... công tác dân vận ...", one word swapped, are two tasks.
    worth = (lex[rows] >= near_verbatim) | (combined[rows] >= related)
    for n in np.flatnonzero(same_doc):
        text_a, text_b = features.folded[i[rows[n]]], features.folded[j[rows[n]]]
        wa, wb = _words(text_a), _words(text_b)
        worth[n] = bool(
            not (wa - wb and wb - wa)
            and min(len(wa), len(wb)) >= 0.5 * max(len(wa), len(wb))
            and fuzz.token_set_ratio(text_a, text_b) >= 100 * verbatim
        )
    rows = rows[worth]
    # sorted by (plan a, plan b, task a, task b) on their ranks, before any string is gathered
    task = tasks["task_id"].rank("dense").to_numpy()
    rows = rows[np.lexsort((task[j[rows]], task[i[rows]], plan[j[rows]], plan[i[rows]]))]
    a, b, lex, combined, sem = i[rows], j[rows], lex[rows], combined[rows], sem[rows]
    kind = np.select(
        [plan[a] == plan[b], lex >= verbatim, lex >= near_verbatim, combined >= paraphrase],
        np.arange(4, dtype=np.int8),
        np.int8(4),
    )
    first, second = tasks.select("task_id", "doc_id")[a], tasks.select("task_id", "doc_id")[b]
    frame = pl.DataFrame(
        {
            "task_id_a": first["task_id"],
            "task_id_b": second["task_id"],
            "doc_id_a": first["doc_id"],
            "doc_id_b": second["doc_id"],
            "similarity": _rounded(combined),
            "kind": pl.Series(kind).replace_strict(dict(enumerate(_KINDS)), return_dtype=pl.Utf8),
            "lexical": _rounded(lex),
            "semantic": _rounded(sem),
        }
    )
    return frame.cast({c: pl.Utf8 for c in ("task_id_a", "task_id_b", "doc_id_a", "doc_id_b", "kind")})


_KINDS = ("duplicate", "verbatim", "near_verbatim", "paraphrase", "related")


def _rounded(values: np.ndarray) -> np.ndarray:
    """float64 rounded to 6 decimals, in the one new array (no second copy).

    >>> _rounded(np.array([0.1234567], dtype=np.float32)).tolist()
    [0.123457]
    """
    out = values.astype(np.float64)
    return np.round(out, 6, out=out)


def _words(text: str) -> set[str]:
    return {w for w in fold(text).replace(",", " ").replace(".", " ").split() if not any(c.isdigit() for c in w)}
