"""Deterministic clusters of tasks by mandate, labelled with Vietnamese multi-syllable words.

Average-linkage agglomerative clustering over the combined similarity (no random start, no
'outlier' bucket: a task unlike any other is its own cluster). Above `MAX_DENSE` tasks the
similarity graph of each task's nearest neighbours is cut into connected components first,
and each component is clustered on its own, so memory stays bounded; a component bigger than
`MAX_DENSE` (one task copied into thousands of plans) is clustered on a sample, and its other
tasks join the sampled cluster they are most alike on average.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import polars as pl
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from compare.analyze.similarity import MANDATE_TERMS, Features, release_freed_memory, scored_pairs
from compare.build.tables import ColumnType
from compare.text import lexicon
from compare.text.vietnamese import fold, normalize

_MANDATES = set(MANDATE_TERMS)

CLUSTER_SIMILARITY = 0.18  # average combined similarity inside a cluster (benchmarks/quality.py)
MAX_DENSE = 1500

# Function words that never start or end a label ("của", "và", "các", ...), folded.
_EDGE_STOP = set(
    "cua va cac voi trong theo ve de cho nhung den tai tren duoi la co duoc nay do mot so nhu "
    "viec tu khi da se dang bang qua ra vao neu hoac thi ma nen cung con".split()
)
# Words too generic to name a mandate in this corpus.
_GENERIC = {
    "cong tac",
    "thuc hien",
    "trien khai",
    "nhiem vu",
    "cong tac dan van",
    "dan van",
    "to chuc",
    "can bo",
    "co quan",
    "don vi",
    "thanh pho",
    "nam 2025",
    "nam 2026",
    "nam 2024",
    "nam 2023",
}


def _dense_clusters(features: Features, rows: np.ndarray, threshold: float) -> np.ndarray:
    if len(rows) == 1:
        return np.zeros(1, dtype=np.int64)
    sim, _ = features.block(rows, rows, lexical=False)
    dist = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    dist = (dist + dist.T) / 2
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - threshold
    )
    return model.fit_predict(dist)


def _components(n: int, i: np.ndarray, j: np.ndarray, sim: np.ndarray, threshold: float) -> list[np.ndarray]:
    """Rows of each connected component of the nearest-neighbour graph (edges at `threshold`
    or more), in order of their first row."""
    keep = sim >= threshold
    graph = sp.csr_matrix((np.ones(int(keep.sum()), dtype=np.int8), (i[keep], j[keep])), shape=(n, n))
    _, comp = connected_components(graph, directed=False)
    order = np.argsort(comp, kind="stable")
    return np.split(order, np.flatnonzero(np.diff(comp[order])) + 1)


def _sampled_clusters(features: Features, rows: np.ndarray, threshold: float, block: int = 2048) -> np.ndarray:
    """Average-linkage clusters of a component too big to cluster densely (a catalogue task
    copied into thousands of plans): a sample of `MAX_DENSE` rows is clustered densely,
    then every other row joins the sampled cluster it is most alike on average (the measure
    average linkage merges by), when that average reaches `threshold`; the rows that join none
    are clustered again the same way. Memory stays O(block × MAX_DENSE)."""
    if len(rows) <= MAX_DENSE:
        return _dense_clusters(features, rows, threshold)
    # an even sample over the component (copies keep their weight in the averages)
    picked = np.zeros(len(rows), dtype=bool)
    picked[np.linspace(0, len(rows) - 1, MAX_DENSE).round().astype(np.int64)] = True
    labels = np.full(len(rows), -1, dtype=np.int64)
    labels[picked] = _dense_clusters(features, rows[picked], threshold)
    found = int(labels.max()) + 1
    members = sp.csr_matrix(
        (np.ones(MAX_DENSE, dtype=np.float32), (np.arange(MAX_DENSE), labels[picked])), shape=(MAX_DENSE, found)
    )
    sizes = np.bincount(labels[picked], minlength=found).astype(np.float32)
    rest = np.flatnonzero(~picked)
    for start in range(0, len(rest), block):
        part = rest[start : start + block]
        sim, _ = features.block(rows[part], rows[picked], lexical=False)
        mean = np.asarray(sim @ members) / sizes  # (rows × clusters): average similarity
        best = mean.argmax(axis=1)
        near = mean[np.arange(len(part)), best] >= threshold
        labels[part[near]] = best[near]
    left = np.flatnonzero(labels < 0)
    if len(left):
        labels[left] = _sampled_clusters(features, rows[left], threshold, block) + found
    return labels


def cluster_tasks(features: Features, threshold: float = CLUSTER_SIMILARITY) -> np.ndarray:
    """Cluster number per row; numbers are ordered by first appearance (stable across runs)."""
    n = len(features)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if n <= MAX_DENSE:
        raw = _dense_clusters(features, np.arange(n), threshold)
    else:
        i, j, sim, _, _ = scored_pairs(features)
        raw = np.zeros(n, dtype=np.int64)
        next_id = 0
        for rows in _components(n, i, j, sim, threshold):
            rows = np.sort(rows)
            # two rows joined by an edge at the threshold are one cluster: nothing to compute
            small = len(rows) <= 2
            labels = np.zeros(len(rows), dtype=np.int64) if small else _sampled_clusters(features, rows, threshold)
            raw[rows] = labels + next_id
            next_id += int(labels.max()) + 1
        release_freed_memory()
    # renumber by first appearance so that the same input always gives the same numbers
    order: dict[int, int] = {}
    return np.array([order.setdefault(int(c), len(order)) for c in raw], dtype=np.int64)


def _is_word_sequence(gram: list[str], words: frozenset[str]) -> bool:
    """Can these syllables be cut into dictionary words of two or more syllables each?"""
    n = len(gram)
    ok = [False] * (n + 1)
    ok[0] = True
    for end in range(2, n + 1):
        for start in range(0, end - 1):
            if ok[start] and " ".join(gram[start:end]) in words:
                ok[end] = True
                break
    return ok[n]


def _phrases(text: str) -> list[str]:
    """Multi-syllable words and compounds of them ('dân vận', 'cải cách hành chính'), or
    mandate terms ('dân vận khéo'): never a pair of syllables that straddles two words."""
    words = lexicon.vietnamese_words()
    out = []
    # a phrase never crosses punctuation or a number: "thực hiện: Sinh hoạt" gives no "hiện sinh"
    for segment in _SEGMENT_BREAK.split(normalize(text).lower()):
        syllables = re.findall(r"[^\W\d_]+", segment)
        for n in (2, 3, 4):
            for k in range(len(syllables) - n + 1):
                gram = syllables[k : k + n]
                fg = [fold(w) for w in gram]
                if fg[0] in _EDGE_STOP or fg[-1] in _EDGE_STOP:
                    continue
                if " ".join(fg) in _MANDATES or (words and _is_word_sequence(gram, words)):
                    out.append(" ".join(gram))
    return out


_SEGMENT_BREAK = re.compile(r"[^\w\s]|\d+")


def cluster_terms(texts: list[str], clusters: np.ndarray, top: int = 5) -> dict[int, list[str]]:
    """The `top` multi-syllable phrases that most set each cluster apart, by class-based TF-IDF
    (a cluster's texts as one document), with the diacritics they most often carry."""
    ids = sorted(set(clusters.tolist()))
    if not ids:
        return {}
    surface: dict[str, Counter[str]] = {}
    docs = []
    for c in ids:
        members = [texts[k] for k in np.flatnonzero(clusters == c)]
        grams = []
        for t in members:
            for g in set(_phrases(t)):
                f = fold(g)
                surface.setdefault(f, Counter())[g] += 1
                grams.append(f.replace(" ", "_"))
        docs.append(" ".join(grams))
    vec = TfidfVectorizer(analyzer=str.split, sublinear_tf=True, norm=None)
    try:
        m = vec.fit_transform(docs)
    except ValueError:  # no phrase at all
        return {c: [] for c in ids}
    vocab = np.array(vec.get_feature_names_out())
    terms: dict[int, list[str]] = {}
    for row, c in enumerate(ids):
        weights = m[row].toarray().ravel()
        chosen: list[str] = []
        for idx in np.lexsort((vocab, -weights)):
            if weights[idx] <= 0 or len(chosen) >= top:
                break
            f = vocab[idx].replace("_", " ")
            if f in _GENERIC or any(f in c2 or c2 in f for c2 in chosen):
                continue
            chosen.append(f)
        terms[c] = [surface[f].most_common(1)[0][0] for f in chosen]
    return terms


def label_clusters(texts: list[str], clusters: np.ndarray, top: int = 2) -> dict[int, str]:
    """A label of 1-2 multi-syllable phrases per cluster (its first `cluster_terms`)."""
    return {c: "; ".join(t[:top]) for c, t in cluster_terms(texts, clusters, top).items()}


def cluster_cards(
    tasks: pl.DataFrame,
    clusters: pl.DataFrame,
    vectors: np.ndarray,
    labels: dict[str, str] | None = None,
    examples: int = 3,
    terms: int = 5,
) -> pl.DataFrame:
    """One card per cluster: label, its top terms, its most representative tasks (nearest the
    cluster's mean vector), the plans it spans and its commonest theme; widest clusters first.

    `vectors` are in the row order of `tasks`; `labels` maps doc_id to a plan's label."""
    joined = (
        tasks.select("task_id", "doc_id", "text", "theme")
        .with_row_index("row")
        .join(clusters, on="task_id", how="inner")
        .sort("row")
    )
    assign = joined["cluster"].to_numpy()
    rows = joined["row"].to_numpy()
    top_terms = cluster_terms(joined["text"].to_list(), assign, terms)
    labels = labels or {}
    cards = []
    for c in sorted(set(assign.tolist())):
        members = np.flatnonzero(assign == c)
        vec = np.asarray(vectors, dtype=np.float32)[rows[members]]
        centre = vec.mean(axis=0)
        dist = -(vec @ centre) / (np.linalg.norm(vec, axis=1) * (np.linalg.norm(centre) or 1) + 1e-9)
        ids = joined["task_id"].to_numpy()[members]
        order = np.lexsort((ids, np.round(dist, 6)))[:examples]
        texts = joined["text"].to_numpy()[members]
        docs = sorted(set(joined["doc_id"].to_numpy()[members].tolist()))
        themes = [t for t in joined["theme"].to_numpy()[members].tolist() if t is not None and t == t]
        cards.append(
            {
                "cluster": int(c),
                "cluster_label": joined["cluster_label"][int(members[0])],
                "tasks": len(members),
                "plans": len(docs),
                "theme": max(set(themes), key=lambda t: (themes.count(t), -t)) if themes else None,
                "terms": top_terms.get(c, []),
                "examples": [str(texts[k]) for k in order],
                "plan": [labels.get(d, d) for d in docs],
            }
        )
    schema: dict[str, ColumnType] = {
        "cluster": pl.Int32,
        "cluster_label": pl.Utf8,
        "tasks": pl.Int32,
        "plans": pl.Int32,
        "theme": pl.Int32,
        "terms": pl.List(pl.Utf8),
        "examples": pl.List(pl.Utf8),
        "plan": pl.List(pl.Utf8),
    }
    return pl.DataFrame(cards, schema=schema).sort(["plans", "tasks", "cluster"], descending=[True, True, False])


def clusters_table(tasks: pl.DataFrame, features: Features, threshold: float = CLUSTER_SIMILARITY) -> pl.DataFrame:
    clusters = cluster_tasks(features, threshold)
    labels = label_clusters(tasks["text"].to_list(), clusters)
    return pl.DataFrame(
        {
            "task_id": tasks["task_id"],
            "cluster": clusters.astype(np.int32),
            "cluster_label": [labels[int(c)] for c in clusters],
        },
        schema={"task_id": pl.Utf8, "cluster": pl.Int32, "cluster_label": pl.Utf8},
    )
