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
from sklearn.feature_extraction.text import TfidfVectorizer
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


def lexical_pairs(folded: list[str], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Near-identical wording (verbatim copies): the Indel similarity of the folded texts of
    pairs i[k], j[k], 0-1 (rapidfuzz, in C++: no n-gram matrix to build or hold)."""
    if not len(i):
        return np.zeros(0, dtype=np.float32)
    a = [folded[k] for k in i.tolist()]
    b = [folded[k] for k in j.tolist()]
    return (process.cpdist(a, b, scorer=fuzz.ratio, dtype=np.float32, workers=-1) / 100.0).astype(np.float32)


def lexical_block(folded: list[str], rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    a = [folded[k] for k in rows.tolist()]
    b = [folded[k] for k in cols.tolist()]
    workers = -1 if len(a) * len(b) > 200_000 else 1  # threads cost more than they give on small blocks
    return (process.cdist(a, b, scorer=fuzz.ratio, dtype=np.float32, workers=workers) / 100.0).astype(np.float32)


def word_matrix(folded: list[str]) -> sp.csr_matrix:
    """TF-IDF of syllables and syllable pairs of the folded text; the words every plan repeats
    (more than a fifth of the tasks) carry no weight."""
    if not any(folded):
        return sp.csr_matrix((len(folded), 1), dtype=np.float32)
    max_df = 0.2 if len(folded) >= 20 else 1.0
    try:
        vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, max_df=max_df, dtype=np.float32)
        return vec.fit_transform(folded).tocsr()
    except ValueError:  # every term too common or none at all
        return sp.csr_matrix((len(folded), 1), dtype=np.float32)


def mandate_matrix(folded: list[str]) -> sp.csr_matrix:
    rows = [[1.0 if term in t else 0.0 for term in MANDATE_TERMS] for t in folded]
    return sp.csr_matrix(normalize(np.asarray(rows, dtype=np.float32).reshape(len(folded), len(MANDATE_TERMS))))


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
    def build(cls, texts: list[str], vectors: np.ndarray, weights: dict[str, float] | None = None) -> Features:
        folded = [fold(t) for t in texts]
        sem = normalize(np.asarray(vectors, dtype=np.float32)) if len(texts) else np.zeros((0, 1), np.float32)
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


def _joint_projection(features: Features) -> np.ndarray:
    from sklearn.decomposition import PCA, TruncatedSVD

    n = len(features)
    parts = []
    d_sem = min(_JOINT_SEMANTIC, features.semantic.shape[1], n - 1)
    sem = PCA(n_components=d_sem, random_state=0, svd_solver="randomized").fit_transform(features.semantic)
    parts.append(np.sqrt(_JOINT_SEMANTIC_SHARE) * normalize(sem))
    if features.words.shape[1] > _JOINT_WORDS:
        words = TruncatedSVD(n_components=_JOINT_WORDS, random_state=0).fit_transform(features.words)
    else:
        words = features.words.toarray()
    parts.append(np.sqrt(1.0 - _JOINT_SEMANTIC_SHARE) * normalize(words))
    return np.ascontiguousarray(np.hstack(parts), dtype=np.float32)


# Above this many tasks the joint projection is searched with an HNSW index (usearch,
# Apache-2.0) instead of exactly: O(n log n) against O(n²). The graph is built in one thread
# (the same graph, so the same pairs, on every run) and searched on every core (a query's
# answer does not depend on the threads). Measured at 50,000 tasks: recall@30 of 0.995 against
# the exact search, 16 s against 26 s (`python benchmarks/neighbours.py`).
ANN_FROM = 40_000
_CONNECTIVITY, _EXPANSION = 16, 64  # the graph's edges a node, the candidates a step weighs
_ANN_QUERIES = 65_536  # queries a search answers at once (bounded memory)


def approximate_neighbours(points: np.ndarray, k: int) -> np.ndarray:
    """Pairs (i < j) of each row with (about) its k nearest rows by inner product, from an
    HNSW index over `points` (float32, one row per task).

    >>> approximate_neighbours(np.eye(3, dtype=np.float32) + 0.1, 1).shape[1]
    2
    """
    from usearch.index import Index

    n = len(points)
    index = Index(
        ndim=points.shape[1], metric="ip", dtype="f32",
        connectivity=_CONNECTIVITY, expansion_add=_EXPANSION, expansion_search=_EXPANSION,
    )  # fmt: skip
    index.add(np.arange(n, dtype=np.uint64), points, copy=False, threads=1)
    pairs = []
    for start in range(0, n, _ANN_QUERIES):
        rows = np.arange(start, min(n, start + _ANN_QUERIES))
        keys = index.search(points[rows], k + 1, threads=0).keys.astype(np.int64)
        valid = (keys >= 0) & (keys < n) & (keys != rows[:, None])
        valid &= np.cumsum(valid, axis=1) <= k  # (itself left out, k at most)
        r, c = np.nonzero(valid)
        i, j = rows[r], keys[r, c]
        pairs.append(np.stack([np.minimum(i, j), np.maximum(i, j)], axis=1))
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
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
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
    both = np.concatenate(pairs).astype(np.int64)
    keys = np.unique(both[:, 0] * n + both[:, 1])  # (one number a pair: sorted as (i, j) are)
    i, j = keys // n, keys % n
    return i[i != j], j[i != j]


def scored_pairs(features: Features, k: int = 15) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, combined, character cosine, e5 cosine) of the candidate pairs, computed once
    per Features and k (clusters and overlaps share them)."""
    key = ("scored", k)
    cached = features._pairs.get(key)
    if cached is None:
        i, j = candidate_pairs(features, k)
        cached = features._pairs[key] = (i, j, *features.pair(i, j))
    return cached
