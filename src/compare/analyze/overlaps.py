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
    ids = tasks["task_id"].to_numpy()
    docs = tasks["doc_id"].to_numpy()
    same_doc = docs[i] == docs[j]
    is_verbatim = lex >= verbatim
    is_near = lex >= near_verbatim
    related = min(related, paraphrase)
    keep = is_near | (combined >= related)
    kind = np.where(
        same_doc,
        "duplicate",
        np.where(
            is_verbatim,
            "verbatim",
            np.where(is_near, "near_verbatim", np.where(combined >= paraphrase, "paraphrase", "related")),
        ),
    )
    # Inside a plan only a repeat is worth a flag: the same item, whole or inside a longer one
    # (the shorter's folded text found almost as is in the longer); "... công tác dân chủ ..."
    # and "... công tác dân vận ...", one word swapped, are two tasks.
    for n in np.flatnonzero(same_doc & (keep | (lex >= 0.5))):
        a, b = features.folded[i[n]], features.folded[j[n]]
        wa, wb = _words(a), _words(b)
        keep[n] = bool(
            not (wa - wb and wb - wa)
            and min(len(wa), len(wb)) >= 0.5 * max(len(wa), len(wb))
            and fuzz.token_set_ratio(a, b) >= 100 * verbatim
        )
    frame = pl.DataFrame(
        {
            "task_id_a": ids[i][keep].tolist(),  # (lists: an empty object array has no string type)
            "task_id_b": ids[j][keep].tolist(),
            "doc_id_a": docs[i][keep].tolist(),
            "doc_id_b": docs[j][keep].tolist(),
            "similarity": np.round(combined[keep].astype(np.float64), 6),
            "kind": kind[keep].tolist(),
            "lexical": np.round(lex[keep].astype(np.float64), 6),
            "semantic": np.round(sem[keep].astype(np.float64), 6),
        }
    )
    frame = frame.cast({c: pl.Utf8 for c in ("task_id_a", "task_id_b", "doc_id_a", "doc_id_b", "kind")})
    return frame.sort(["doc_id_a", "doc_id_b", "task_id_a", "task_id_b"])


def _words(text: str) -> set[str]:
    return {w for w in fold(text).replace(",", " ").replace(".", " ").split() if not any(c.isdigit() for c in w)}
