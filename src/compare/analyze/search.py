"""Search the tasks of a corpus as an analyst types: with or without diacritics, finding text a
scan left without them, and the notes and citations attached to a task (a task's searchable
text is its whole source span, not only its cleaned text).

A hit's score adds three signals, so that exact words come first and meaning fills in:
- the words: TF-IDF of accent-folded syllables and syllable pairs (cosine, 0-1);
- the phrase: +0.5 where the folded query stands whole in the folded text;
- the meaning: the e5 similarity of query and task above its usual floor (0-0.35).

>>> import compare                                              # doctest: +SKIP
>>> compare.load("data/processed").search("chuyen doi so", k=5)  # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
import polars as pl
from sklearn.feature_extraction.text import TfidfVectorizer

from compare.text.vietnamese import fold

PHRASE_BONUS = 0.5
SEMANTIC_WEIGHT = 0.35
SEMANTIC_FLOOR = 0.78  # e5-small's cosine between unrelated Vietnamese sentences sits near 0.75-0.8


def searchable_texts(tasks: pl.DataFrame, lines: pl.DataFrame | None) -> list[str]:
    """Per task (in `tasks` order): its text, then every source line it owns (its span, its notes
    and footnotes), as the source writes them and, for a scan, as restored."""
    own: dict[str, list[str]] = {}
    if lines is not None and lines.height:
        restored = "restored" in lines.columns
        cols = ["task_id", "text"] + (["restored"] if restored else [])
        for row in lines.filter(pl.col("task_id").is_not_null()).sort("doc_id", "line_no").select(cols).iter_rows():
            own.setdefault(row[0], []).extend(t for t in row[1:] if t)
    return [
        " ".join([text or "", *own.get(task_id, [])]) for task_id, text in tasks.select("task_id", "text").iter_rows()
    ]


class SearchIndex:
    """Built once per corpus; `search` answers in milliseconds after that (the query's vector
    is the only model call)."""

    def __init__(
        self,
        tasks: pl.DataFrame,
        lines: pl.DataFrame | None,
        vectors: np.ndarray | None,
        labels: dict[str, str],
        embed=None,
    ):
        self.tasks = tasks
        self.labels = labels
        self.folded = [fold(t) for t in searchable_texts(tasks, lines)]
        self.vectorizer = TfidfVectorizer(token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2), sublinear_tf=True)
        self.matrix = self.vectorizer.fit_transform(self.folded) if self.folded else None
        self.vectors = None if vectors is None else np.asarray(vectors, dtype=np.float32)
        self.embed = embed  # text → unit vector (the corpus's model); None: words only

    def scores(self, query: str) -> np.ndarray:
        q = fold(query)
        n = len(self.folded)
        if not q or n == 0:
            return np.zeros(n)
        words = (self.matrix @ self.vectorizer.transform([q]).T).toarray().ravel()
        phrase = np.fromiter((q in f for f in self.folded), dtype=bool, count=n) * PHRASE_BONUS
        score = words + phrase
        if self.embed is not None and self.vectors is not None and len(self.vectors) == n:
            sem = self.vectors @ self.embed(query)
            score = score + SEMANTIC_WEIGHT * np.clip((sem - SEMANTIC_FLOOR) / (1 - SEMANTIC_FLOOR), 0, 1)
        return score

    def search(self, query: str, k: int = 20) -> pl.DataFrame:
        """The `k` best tasks: task_id, doc_id, plan (label), score, text, line_start, line_end."""
        score = self.scores(query)
        ids = self.tasks["task_id"].to_numpy()
        order = np.lexsort((ids, -np.round(score, 9)))
        best = [int(i) for i in order[:k] if score[i] > 0]
        hits = self.tasks[best].select("task_id", "doc_id", "text", "line_start", "line_end")
        return hits.with_columns(
            pl.col("doc_id").replace_strict(self.labels, default=None).alias("plan"),
            pl.Series("score", [round(float(score[i]), 4) for i in best], dtype=pl.Float64),
        ).select("task_id", "doc_id", "plan", "score", "text", "line_start", "line_end")
