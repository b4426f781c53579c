"""Task pairs that state the same mandate: across plans (copied word for word or in other
words) and inside one plan (a duplicated item)."""

from __future__ import annotations

import numpy as np
import polars as pl

from .similarity import Features, candidate_pairs
from .tables import SCHEMAS
from .vietnamese import fold

VERBATIM_LEXICAL = 0.90  # character n-gram cosine of folded texts: the same wording
PARAPHRASE = 0.22  # combined similarity from which two tasks count as the same mandate


def find_overlaps(tasks: pl.DataFrame, features: Features, paraphrase: float = PARAPHRASE,
                  verbatim: float = VERBATIM_LEXICAL, k: int = 15) -> pl.DataFrame:
    """Pairs of tasks with their similarity and kind: `verbatim`, `paraphrase` (different
    plans) or `duplicate` (the same plan). Sorted, so that two runs give the same table."""
    if tasks.height < 2:
        return pl.DataFrame(schema=SCHEMAS["overlaps"] | {"lexical": pl.Float64, "semantic": pl.Float64})
    i, j = candidate_pairs(features, k=k)
    combined, lex, sem = features.pair(i, j)
    ids = tasks["task_id"].to_numpy()
    docs = tasks["doc_id"].to_numpy()
    same_doc = docs[i] == docs[j]
    is_verbatim = lex >= verbatim
    keep = is_verbatim | (combined >= paraphrase)
    kind = np.where(same_doc, "duplicate", np.where(is_verbatim, "verbatim", "paraphrase"))
    keep &= ~same_doc | is_verbatim  # inside a plan only near-identical items are worth a flag
    texts = tasks["text"].to_list()
    for n in np.flatnonzero(keep & same_doc):
        # "... công tác dân chủ ..." and "... công tác dân vận ...": one word swapped is
        # another task; a repeat, whole or inside a longer item, is a duplicate
        a, b = _words(texts[i[n]]), _words(texts[j[n]])
        if a - b and b - a:
            keep[n] = False
    frame = pl.DataFrame({
        "task_id_a": ids[i][keep], "task_id_b": ids[j][keep], "doc_id_a": docs[i][keep], "doc_id_b": docs[j][keep],
        "similarity": np.round(combined[keep].astype(np.float64), 6), "kind": kind[keep],
        "lexical": np.round(lex[keep].astype(np.float64), 6), "semantic": np.round(sem[keep].astype(np.float64), 6),
    })
    return frame.sort(["doc_id_a", "doc_id_b", "task_id_a", "task_id_b"])


def _words(text: str) -> set[str]:
    return {w for w in fold(text).replace(",", " ").replace(".", " ").split() if not any(c.isdigit() for c in w)}
