"""Approximate neighbours (inverted-file index, faiss) against exact search, side by side.

1. Recall@k at N synthetic tasks (the generator of `run.py scale`: seed tasks recombined, their
   e5 vectors jittered): the k nearest rows of each row on the joint projection the analysis
   searches, from the inverted-file index and from an exact product, and the time of each.
2. Quality on the hand-labelled seeds: the overlaps and clusters the analysis finds with its
   candidate pairs from the exact search and from the index (forced on at any size),
   pairwise precision / recall / F1 against the labels of `benchmarks/labels.py`.

    python benchmarks/neighbours.py [--n 50000] [--k 30]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def recall(n: int, k: int) -> None:
    import run
    import torch

    from compare.analyze.embeddings import Embedder
    from compare.analyze.similarity import Features, _joint_projection, approximate_neighbours

    base = run._seed_tasks()
    texts, vectors, _ = run.synthetic_tasks(base, Embedder().embed(base["text"].to_list()), n)
    joint = _joint_projection(Features.build(texts, vectors))
    t0 = time.perf_counter()
    exact = []
    points = torch.from_numpy(joint)
    for start in range(0, n, 2048):
        sims = points[start : start + 2048] @ points.T
        rows = torch.arange(sims.shape[0])
        sims[rows, rows + start] = -float("inf")
        exact.append(torch.topk(sims, k, dim=1).indices.numpy())
    truth = np.vstack(exact)
    t1 = time.perf_counter()
    pairs = approximate_neighbours(joint, k)
    t2 = time.perf_counter()
    found: list[set[int]] = [set() for _ in range(n)]
    for i, j in pairs.tolist():
        found[i].add(j)
        found[j].add(i)
    got = np.mean([len(found[i] & set(truth[i].tolist())) / k for i in range(n)])
    print(f"neighbours: {n} tasks, joint projection of {joint.shape[1]} dimensions, k = {k}")
    print(
        f"  exact (torch, in chunks) {t1 - t0:6.1f} s · inverted-file index (faiss) {t2 - t1:6.1f} s · recall@{k} {got:.4f}"
    )


def quality() -> None:
    import quality as q

    from compare.analyze import similarity
    from compare.analyze.clusters import cluster_tasks
    from compare.analyze.overlaps import find_overlaps
    from compare.analyze.similarity import Features

    corpus = q.built_corpus()
    tasks = corpus.tasks
    docs = tasks["doc_id"].to_list()
    labels, _ = q.labelled(tasks)
    cross = q.true_pairs(labels, docs, cross_plan=True)
    allp = q.true_pairs(labels, docs, cross_plan=False)
    index = {t: k for k, t in enumerate(tasks["task_id"].to_list())}
    print(f"  quality on {len(labels)} labelled seed tasks      overlaps P / R / F1      clusters P / R / F1")
    for name, ann_from in (("exact search", 10**9), ("inverted-file index (forced on)", 2)):
        saved = similarity.ANN_FROM
        similarity.ANN_FROM = ann_from
        try:
            feats = Features.build(tasks["text"].to_list(), corpus.vectors)
            found = find_overlaps(tasks, feats)
            clusters = cluster_tasks(feats)
        finally:
            similarity.ANN_FROM = saved
        pred = {
            tuple(sorted((index[a], index[b])))
            for a, b in found.select("task_id_a", "task_id_b").iter_rows()
            if index[a] in labels and index[b] in labels
        }
        po, ro, fo = q.prf(pred, cross)
        pc, rc, fc = q.prf(q.pairs_from_clusters(clusters, labels, docs, False), allp)
        print(f"  {name:38s} {po:6.2f} {ro:5.2f} {fo:5.2f}          {pc:6.2f} {rc:5.2f} {fc:5.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--k", type=int, default=30)
    args = parser.parse_args()
    recall(args.n, args.k)
    quality()
