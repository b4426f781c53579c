"""How alike two tasks are: a semantic signal (e5 vectors), the words and mandate terms of
the accent-folded text, combined; and the characters of the folded text for the verbatim test.

e5's cosines sit in a narrow band (about 0.75-0.95 for any two Vietnamese admin sentences)
and it is weak on text that lost its diacritics; words of accent-folded text do not care
whether marks survived OCR. `benchmarks/run.py quality` measures each signal and their mix on
hand-labelled same-mandate groups; the default weights are the measured best (there, words
and mandate terms separate same-mandate pairs far better than e5, which adds little).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize

from compare.text.vietnamese import fold

# Cosines of e5 below FLOOR mean "unrelated" for this model and these texts; above it the
# scale is stretched to 0-1 so that it can be mixed with the lexical signals.
E5_FLOOR = 0.80
# Weights of the combined similarity, measured on hand-labelled same-mandate groups
# (benchmarks/quality.py): words carry most, the mandate vocabulary sharpens, e5 adds little.
WEIGHTS = {"words": 0.70, "mandates": 0.15, "semantic": 0.15}

# Multi-syllable terms that name a mandate of mass-mobilisation work (folded). Domain
# vocabulary of the catalogue's themes, not text of any plan.
MANDATE_TERMS = [
    "dan van kheo",
    "khieu nai",
    "to cao",
    "tiep cong dan",
    "tiep dan",
    "cai cach hanh chinh",
    "sap xep",
    "bo may",
    "tinh gon",
    "dao duc cong vu",
    "van hoa cong so",
    "ky luat",
    "ky cuong",
    "cham diem",
    "xep loai",
    "bao cao",
    "kiem tra",
    "giam sat",
    "quy hoach",
    "doi thoai",
    "phan anh",
    "kien nghi",
    "duong day nong",
    "mot cua",
    "thu tuc hanh chinh",
    "hai long",
    "dan chu o co so",
    "dan chu co so",
    "quy che dan chu",
    "tuyen truyen",
    "pho bien",
    "quan triet",
    "chu de nam",
    "xay dung ke hoach",
    "tong ket",
    "danh gia",
    "thi dua",
    "mo hinh",
    "chuyen doi so",
    "cong nghe thong tin",
    "phien ha",
    "sach nhieu",
    "nhung nhieu",
    "nguoi dung dau",
    "nong thon moi",
    "truong hoc",
    "hoi nghi",
    "luat thuc hien dan chu",
    "dich vu cong",
    "tiep can thong tin",
    "nguoi lao dong",
    "doan the",
]


def lexical_pairs(folded: list[str], i: np.ndarray, j: np.ndarray, chunk: int = 1 << 20) -> np.ndarray:
    """Near-identical wording (verbatim copies): the Indel similarity of the folded texts of
    pairs i[k], j[k], 0-1 (rapidfuzz, in C++: no n-gram matrix to build or hold), a chunk of
    pairs at a time (rapidfuzz copies each pair's texts: all at once, 10^7 pairs take gigabytes)."""
    out = np.empty(len(i), dtype=np.float32)
    for start in range(0, len(i), chunk):
        a = [folded[k] for k in i[start : start + chunk].tolist()]
        b = [folded[k] for k in j[start : start + chunk].tolist()]
        workers = -1 if len(a) > 20_000 else 1  # threads cost more than they give on few pairs
        scores = process.cpdist(a, b, scorer=fuzz.ratio, dtype=np.float32, workers=workers)
        out[start : start + len(a)] = (scores / 100.0).astype(np.float32)
    return out


def lexical_block(folded: list[str], rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    a = [folded[k] for k in rows.tolist()]
    b = [folded[k] for k in cols.tolist()]
    workers = -1 if len(a) * len(b) > 200_000 else 1  # threads cost more than they give on small blocks
    return (process.cdist(a, b, scorer=fuzz.ratio, dtype=np.float32, workers=workers) / 100.0).astype(np.float32)


def distinct(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """The distinct texts in order of first appearance, and each text's place among them (a
    catalogue task copied into a thousand plans is one text to analyse, not a thousand).

    >>> distinct(["a", "b", "a"])
    (['a', 'b'], array([0, 1, 0]))
    """
    index: dict[str, int] = {}
    places = np.fromiter((index.setdefault(t, len(index)) for t in texts), dtype=np.int64, count=len(texts))
    return list(index), places


def word_matrix(folded: list[str]) -> sp.csr_matrix:
    """TF-IDF of syllables and syllable pairs of the folded text; the words every plan repeats
    (more than a fifth of the tasks) carry no weight.

    The same matrix, bit for bit, as `TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True,
    max_df=...)` over every text, but each distinct text is read once: the counts of the
    distinct texts are spread back to every row, and the document frequencies count copies.
    """
    n = len(folded)
    empty = sp.csr_matrix((n, 1), dtype=np.float32)
    if not any(folded):
        return empty
    texts, places = distinct(folded)
    try:
        counts = CountVectorizer(ngram_range=(1, 2), dtype=np.float32).fit_transform(texts)
    except ValueError:  # no words at all
        return empty
    copies = np.bincount(places, minlength=len(texts)).astype(np.int64)
    seen = sp.csr_matrix((np.ones_like(counts.data), counts.indices, counts.indptr), shape=counts.shape)
    frequency = np.asarray(seen.T @ copies).ravel()
    keep = frequency <= (0.2 if n >= 20 else 1.0) * n  # (as TfidfVectorizer's max_df counts it)
    if not keep.any():  # every word too common
        return empty
    counts = sp.csr_matrix(counts)[:, np.flatnonzero(keep)]
    rows = counts[places]
    weighted = TfidfTransformer(sublinear_tf=True).fit(rows).transform(rows, copy=False)  # (in place: no copy)
    return sp.csr_matrix(weighted, dtype=np.float32)


def mandate_matrix(folded: list[str]) -> sp.csr_matrix:
    """Which mandate terms each folded text holds, rows L2-normalised (each distinct text
    searched once, every term across all of them at once)."""
    import polars as pl

    texts, places = distinct(folded)
    column = pl.Series(texts, dtype=pl.Utf8)
    found = np.stack([column.str.contains(term, literal=True).to_numpy() for term in MANDATE_TERMS], axis=1).reshape(
        len(texts), len(MANDATE_TERMS)
    )
    return sp.csr_matrix(normalize(found.astype(np.float32)))[places]


def stretch_semantic(cos: np.ndarray) -> np.ndarray:
    return np.clip((cos - E5_FLOOR) / (1.0 - E5_FLOOR), 0.0, 1.0)


def _gram(m: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """m[rows] · m[cols]ᵀ as a dense matrix: through the columns either side uses, densely
    (a block of similar tasks shares its words, so its product is dense: a sparse product
    costs several times more to build it), else sparsely where those columns are too many.

    >>> _gram(sp.csr_matrix(np.eye(3, dtype=np.float32)), np.array([0, 1]), np.array([1])).tolist()
    [[0.0], [1.0]]
    """
    a, b = m[rows], m[cols]
    used = np.union1d(a.indices, b.indices)
    if len(used) * (len(rows) + len(cols)) > 20_000_000:  # (80 MB of float32)
        return (a @ b.T).toarray()
    return a[:, used].toarray() @ b[:, used].toarray().T


def _rowdot(m: sp.csr_matrix, i: np.ndarray, j: np.ndarray, chunk: int = 50_000) -> np.ndarray:
    """Row-wise dot products m[i[k]] · m[j[k]], a chunk of pairs at a time (bounded memory)."""
    out = np.empty(len(i), dtype=np.float32)
    for start in range(0, len(i), chunk):
        a, b = i[start : start + chunk], j[start : start + chunk]
        out[start : start + len(a)] = np.asarray(m[a].multiply(m[b]).sum(axis=1)).ravel()
    return out


@dataclass
class Features:
    """Every signal for the same rows: e5 vectors, words, mandate terms, characters."""

    semantic: np.ndarray  # (n, d) L2-normalised
    words: sp.csr_matrix
    mandates: sp.csr_matrix
    folded: list[str]  # accent-folded texts: the verbatim test compares them character by character
    weights: dict[str, float] = field(default_factory=lambda: dict(WEIGHTS))
    _pairs: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(
        cls, texts: list[str], vectors: np.ndarray, weights: dict[str, float] | None = None, copy: bool = True
    ) -> Features:
        """Every signal of `texts`; without `copy`, float32 `vectors` are normalised in place
        and kept (a caller that needs them no more saves their size: 1.5 GB at 10^6 tasks)."""
        folded = [fold(t) for t in texts]
        sem = (
            normalize(np.asarray(vectors, dtype=np.float32), copy=copy) if len(texts) else np.zeros((0, 1), np.float32)
        )
        return cls(sem, word_matrix(folded), mandate_matrix(folded), folded, dict(weights or WEIGHTS))

    def __len__(self) -> int:
        return self.semantic.shape[0]

    def combine(self, words: np.ndarray, mandates: np.ndarray, sem: np.ndarray) -> np.ndarray:
        w = self.weights
        return w["words"] * words + w["mandates"] * mandates + w["semantic"] * stretch_semantic(sem)

    def pair(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(combined, character similarity, e5 cosine) for row pairs i[k], j[k]."""
        sem = np.empty(len(i), dtype=np.float32)
        for start in range(0, len(i), 50_000):  # chunks: (pairs × 384) copies would take gigabytes
            a, b = i[start : start + 50_000], j[start : start + 50_000]
            sem[start : start + len(a)] = np.einsum("ij,ij->i", self.semantic[a], self.semantic[b])
        combined = self.combine(_rowdot(self.words, i, j), _rowdot(self.mandates, i, j), sem)
        return combined, lexical_pairs(self.folded, i, j), sem

    def block(self, rows: np.ndarray, cols: np.ndarray, lexical: bool = True) -> tuple[np.ndarray, np.ndarray | None]:
        """(combined, character similarity) matrices of rows × cols (blocks small enough to
        hold); without `lexical`, only the combined one."""
        sem = self.semantic[rows] @ self.semantic[cols].T
        words = _gram(self.words, rows, cols)
        mandates = _gram(self.mandates, rows, cols)
        chars = lexical_block(self.folded, rows, cols) if lexical else None
        return self.combine(words, mandates, sem), chars


def release_freed_memory() -> None:
    """Hand the pages the C heap holds free back to the system (glibc's `malloc_trim`; nothing
    elsewhere). A stage that makes and drops thousands of arrays of a few megabytes (below
    glibc's mmap threshold) leaves them resident otherwise: 1-1.5 GB at 10^6 tasks."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name) if name else None
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def candidate_pairs(features: Features, k: int = 15, chunk: int = 512) -> tuple[np.ndarray, np.ndarray]:
    """The k nearest neighbours of every row under each signal (i < j), in row chunks: never
    an n × n matrix in memory. Computed once per Features and k (clusters and overlaps share)."""
    cached = features._pairs.get(k)
    if cached is None:
        cached = features._pairs[k] = _candidate_pairs(features, k, chunk)
    return cached


# Above this many tasks the neighbours are searched in one joint projection of both signals
# (e5 by PCA, words by truncated SVD; fixed seeds) instead of exact products, one search instead
# of two; candidates are still scored on the exact signals.
DENSE_WORDS_FROM = 5000
_JOINT_SEMANTIC, _JOINT_WORDS = 32, 96  # dimensions of each part of the joint projection
_JOINT_SEMANTIC_SHARE = 0.3  # its weight in the search (words carry the combined similarity)


_FIT_ROWS = 65_536  # above this many tasks the projection is learnt from as many evenly spaced rows


def _joint_projection(features: Features) -> np.ndarray:
    """Each row's e5 vector (PCA) and words (truncated SVD), each normalised and weighted, side
    by side: one space to search for neighbours under both signals. Above `_FIT_ROWS` tasks both
    are learnt from evenly spaced rows and applied a chunk at a time (memory stays O(chunk), where
    fitting on every row would hold several copies of the vectors)."""
    from sklearn.decomposition import PCA, TruncatedSVD

    n = len(features)
    d_sem = min(_JOINT_SEMANTIC, features.semantic.shape[1], min(n, _FIT_ROWS) - 1)
    pca = PCA(n_components=d_sem, random_state=0, svd_solver="randomized")
    svd = TruncatedSVD(n_components=_JOINT_WORDS, random_state=0) if features.words.shape[1] > _JOINT_WORDS else None
    shares = np.sqrt(_JOINT_SEMANTIC_SHARE), np.sqrt(1.0 - _JOINT_SEMANTIC_SHARE)
    if n <= _FIT_ROWS:
        sem = pca.fit_transform(features.semantic)
        words = svd.fit_transform(features.words) if svd else features.words.toarray()
        return np.ascontiguousarray(np.hstack([shares[0] * normalize(sem), shares[1] * normalize(words)]), np.float32)
    fit = np.linspace(0, n - 1, _FIT_ROWS).round().astype(np.int64)
    pca.fit(features.semantic[fit])
    if svd:
        svd.fit(features.words[fit])
    width = d_sem + (svd.components_.shape[0] if svd else features.words.shape[1])
    out = np.empty((n, width), dtype=np.float32)
    for start in range(0, n, _FIT_ROWS):
        part = slice(start, min(n, start + _FIT_ROWS))
        out[part, :d_sem] = shares[0] * normalize(pca.transform(features.semantic[part]))
        words = svd.transform(features.words[part]) if svd else features.words[part].toarray()
        out[part, d_sem:] = shares[1] * normalize(words)
    return out


# Above this many tasks the joint projection is searched with an inverted-file index (faiss,
# MIT) instead of exactly: the points are cut into about 4·√n cells by k-means (a fixed seed,
# trained on evenly spaced rows) and each row is compared exactly with the rows of the
# `_PROBES` cells nearest it, on every core (a query's answer does not depend on the threads).
# Measured: recall@30 of 1.0000 against the exact search at 50,000 tasks (4.7 s, exact 14.2 s),
# 0.9997 at 10^5 in 6.6 s where an HNSW graph (usearch, built in one thread to stay
# deterministic) took about 40 s (`python benchmarks/neighbours.py`, docs/measurements.md).
ANN_FROM = 40_000
_CELLS_PER_ROOT, _PROBES = 4, 16  # cells per √n; cells searched for each row
_TRAIN_PER_CELL = 40  # rows k-means learns the cells from, per cell (faiss asks for 39 at least)
_ANN_QUERIES = 65_536  # queries a search answers at once (bounded memory)


def approximate_neighbours(points: np.ndarray, k: int) -> np.ndarray:
    """Pairs (i < j) of each row with (about) its k nearest rows by inner product, from an
    inverted-file index over `points` (float32, one row per task).

    >>> approximate_neighbours(np.eye(3, dtype=np.float32) + 0.1, 1).shape[1]
    2
    """
    import faiss

    n, d = points.shape
    points = np.ascontiguousarray(points, dtype=np.float32)
    cells = max(1, min(n // _TRAIN_PER_CELL, int(_CELLS_PER_ROOT * np.sqrt(n))))
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(d), d, cells, faiss.METRIC_INNER_PRODUCT)
    index.cp.seed = 0
    index.cp.min_points_per_centroid = 1  # (no warning on small inputs: the cells are only a speed-up)
    train = np.linspace(0, n - 1, min(n, _TRAIN_PER_CELL * cells)).round().astype(np.int64)
    index.train(points[np.unique(train)])
    index.add(points)
    index.nprobe = min(_PROBES, cells)
    pairs = []
    for start in range(0, n, _ANN_QUERIES):
        rows = np.arange(start, min(n, start + _ANN_QUERIES))
        _, keys = index.search(points[rows], k + 1)
        valid = (keys >= 0) & (keys < n) & (keys != rows[:, None])
        valid &= np.cumsum(valid, axis=1) <= k  # (itself left out, k at most)
        r, c = np.nonzero(valid)
        i, j = rows[r], keys[r, c].astype(np.int64)
        found = np.unique(np.minimum(i, j) * n + np.maximum(i, j))  # (a pair seen from both ends: once)
        pairs.append(np.stack([found // n, found % n], axis=1))
    return np.concatenate(pairs) if pairs else np.zeros((0, 2), dtype=np.int64)


def _as_pairs(rows: np.ndarray, top: np.ndarray) -> np.ndarray:
    """Pairs (i < j) of each row with the columns chosen for it, one row of `top` per row."""
    i = np.repeat(rows, top.shape[1])
    j = top.ravel().astype(np.int64)
    return np.stack([np.minimum(i, j), np.maximum(i, j)], axis=1)


def _top_k(sims: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    """Pairs (i < j) of each row with its k most similar columns (itself excluded)."""
    sims[np.arange(len(rows)), rows] = -np.inf
    return _as_pairs(rows, np.argpartition(sims, sims.shape[1] - k, axis=1)[:, -k:])  # no negated copy


def _candidate_pairs(features: Features, k: int, chunk: int) -> tuple[np.ndarray, np.ndarray]:
    n = len(features)
    if n < 2:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32)
    k = min(k, n - 1)
    pairs: list[np.ndarray] = []
    if n >= ANN_FROM:
        pairs.append(approximate_neighbours(_joint_projection(features), min(2 * k, n - 1)))
    elif n >= DENSE_WORDS_FROM:
        import torch  # its matrix product and top-k are several times faster than numpy's here

        joint = torch.from_numpy(_joint_projection(features))
        kk = min(2 * k, n - 1)  # one search stands for the two exact ones
        for start in range(0, n, 4 * chunk):
            rows = np.arange(start, min(n, start + 4 * chunk))
            sims = joint[start : rows[-1] + 1] @ joint.T
            sims[torch.arange(len(rows)), torch.from_numpy(rows)] = -float("inf")
            pairs.append(_as_pairs(rows, torch.topk(sims, kk, dim=1).indices.numpy()))
    else:
        for start in range(0, n, chunk):
            stop = min(n, start + chunk)
            rows = np.arange(start, stop)
            # near-identical wording is always among the nearest by words, so the (costly)
            # character signal is only scored on these pairs, never searched
            pairs.append(_top_k(features.semantic[rows] @ features.semantic.T, rows, k))
            pairs.append(_top_k((features.words[rows] @ features.words.T).toarray(), rows, k))
    # one number a pair (sorted as (i, j) are), each part's repeats dropped as it comes
    keys = np.unique(np.concatenate([np.unique(p[:, 0].astype(np.int64) * n + p[:, 1]) for p in pairs]))
    keep = keys // n != keys % n
    index = np.int32 if n < 2**31 else np.int64  # (half the memory of tens of millions of pairs)
    return (keys[keep] // n).astype(index), (keys[keep] % n).astype(index)


def scored_pairs(features: Features, k: int = 15) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, combined, character cosine, e5 cosine) of the candidate pairs, computed once
    per Features and k (clusters and overlaps share them)."""
    key = ("scored", k)
    cached = features._pairs.get(key)
    if cached is None:
        i, j = candidate_pairs(features, k)
        cached = features._pairs[key] = (i, j, *features.pair(i, j))
        release_freed_memory()
    return cached
