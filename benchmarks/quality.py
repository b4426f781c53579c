"""Quality against hand labels: pairwise precision / recall / F1 of our overlaps and clusters,
each signal alone, and BERTopic fed the same embeddings, side by side; year-over-year status
accuracy for the education department 2025 H2 → 2026."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import numpy as np
import polars as pl
from labels import GROUPS, YOY_NEW, YOY_OLD

ROOT = Path(__file__).resolve().parents[1]


def built_corpus(folder: Path | None = None):
    from compare.analyze.corpus import Corpus
    from compare.build import build

    out = folder or Path(tempfile.mkdtemp()) / "processed"
    build(ROOT / "data" / "raw", out, echo=lambda *a: None)
    return Corpus(out)


def task_index(tasks: pl.DataFrame, prefix: str, line: int) -> int | None:
    for k, (doc, a, b) in enumerate(tasks.select("doc_id", "line_start", "line_end").iter_rows()):
        if doc.startswith(prefix) and a <= line <= b:
            return k
    return None


def labelled(tasks: pl.DataFrame) -> tuple[dict[int, str], list[str]]:
    """task row → group name; and the labels that found no task (a parse that lost them)."""
    out: dict[int, str] = {}
    lost = []
    for group, members in GROUPS.items():
        for prefix, line in members:
            k = task_index(tasks, prefix, line)
            if k is None:
                lost.append(f"{prefix}:{line}")
            else:
                out.setdefault(k, group)
    return out, lost


def true_pairs(labels: dict[int, str], docs: list[str], cross_plan: bool) -> set[tuple[int, int]]:
    rows = sorted(labels)
    return {
        (a, b)
        for a, b in itertools.combinations(rows, 2)
        if labels[a] == labels[b] and (not cross_plan or docs[a] != docs[b])
    }


def prf(pred: set[tuple[int, int]], true: set[tuple[int, int]]) -> tuple[float, float, float]:
    tp = len(pred & true)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(true) if true else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairs_from_clusters(assign: np.ndarray, labels: dict[int, str], docs: list[str], cross_plan: bool):
    rows = sorted(labels)
    return {
        (a, b)
        for a, b in itertools.combinations(rows, 2)
        if assign[a] == assign[b] and assign[a] >= 0 and (not cross_plan or docs[a] != docs[b])
    }


def pairs_from_scores(features, labels, docs, weights: dict, threshold: float) -> set[tuple[int, int]]:
    rows = np.array(sorted(labels))
    saved = features.weights
    features.weights = weights
    sim, _ = features.block(rows, rows, lexical=False)
    features.weights = saved
    out = set()
    for x, y in itertools.combinations(range(len(rows)), 2):
        a, b = rows[x], rows[y]
        if docs[a] != docs[b] and sim[x, y] >= threshold:
            out.add((a, b))
    return out


def bertopic_assign(texts: list[str], vectors: np.ndarray) -> np.ndarray:
    from bertopic import BERTopic
    from umap import UMAP

    umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=42)
    topics, _ = BERTopic(umap_model=umap_model, calculate_probabilities=False).fit_transform(texts, embeddings=vectors)
    return np.asarray(topics)


def yoy_accuracy(corpus) -> tuple[float, int, list[str]]:
    tasks = corpus.tasks
    old = next(d for d in corpus.documents["doc_id"] if d.startswith("000"))
    new = next(d for d in corpus.documents["doc_id"] if d.startswith("001"))
    ch = corpus.changes(old, new)
    status_old = {r["task_id_old"]: r["status"] for r in ch.iter_rows(named=True) if r["task_id_old"]}
    status_new = {r["task_id_new"]: r["status"] for r in ch.iter_rows(named=True) if r["task_id_new"]}
    ids = tasks["task_id"].to_list()
    right, total, wrong = 0, 0, []
    for prefix, expected, status in (("000", YOY_OLD, status_old), ("001", YOY_NEW, status_new)):
        for line, want in expected.items():
            k = task_index(tasks, prefix, line)
            got = status.get(ids[k]) if k is not None else "(no task)"
            total += 1
            right += got == want
            if got != want:
                wrong.append(f"{prefix}:{line} want {want} got {got}")
    return right / total, total, wrong


def main(with_bertopic: bool = True) -> None:
    from compare.analyze.clusters import cluster_tasks

    corpus = built_corpus()
    tasks = corpus.tasks
    docs = tasks["doc_id"].to_list()
    labels, lost = labelled(tasks)
    feats = corpus.features
    cross = true_pairs(labels, docs, cross_plan=True)
    allp = true_pairs(labels, docs, cross_plan=False)
    print(
        f"quality: {len(labels)} labelled tasks in {len(set(labels.values()))} groups, "
        f"{len(cross)} same-mandate pairs across plans ({len(lost)} labels without a task: {lost})"
    )
    print("  overlaps (pairs across plans)              precision  recall     F1")
    from compare.analyze.overlaps import PARAPHRASE

    only = lambda name: {k: float(k == name) for k in feats.weights}  # noqa: E731
    rows = [
        ("words only (folded syllables, pairs)", only("words"), None),
        ("mandate terms only", only("mandates"), None),
        ("semantic only (e5, stretched)", only("semantic"), None),
        ("combined (default weights)", feats.weights, PARAPHRASE),
    ]
    for name, w, thr in rows:
        if thr is None:  # the best threshold for this signal, to compare signals fairly
            best = max(
                ((prf(pairs_from_scores(feats, labels, docs, w, t), cross), t) for t in np.arange(0.04, 0.9, 0.02)),
                key=lambda x: x[0][2],
            )
            (p, r, f), t = best
            name = f"{name} @ best {t:.2f}"
        else:
            p, r, f = prf(pairs_from_scores(feats, labels, docs, w, thr), cross)
        print(f"  {name:42s} {p:9.2f} {r:7.2f} {f:6.2f}")
    ours = cluster_tasks(feats)
    p, r, f = prf(pairs_from_clusters(ours, labels, docs, False), allp)
    print(f"  clusters: ours (agglomerative, combined)   {p:9.2f} {r:7.2f} {f:6.2f}")
    if with_bertopic:
        topics = bertopic_assign(tasks["text"].to_list(), corpus.vectors)
        p2, r2, f2 = prf(pairs_from_clusters(topics, labels, docs, False), allp)
        print(
            f"  clusters: BERTopic 0.17, same vectors      {p2:9.2f} {r2:7.2f} {f2:6.2f}"
            f"   ({(topics == -1).sum()} of {len(topics)} tasks outliers; F1 ratio ours/BERTopic "
            f"{f / f2 if f2 else float('inf'):.2f})"
        )
    acc, n, wrong = yoy_accuracy(corpus)
    print(f"  year over year 000 → 001: {acc:.0%} of {n} hand-labelled statuses right")
    for w in wrong:
        print(f"    {w}")


if __name__ == "__main__":
    import sys

    main(with_bertopic="--no-bertopic" not in sys.argv)
