"""Caches and models that heal (with the real model): a damaged vector shard or converted model
is reported in one line and rebuilt; an edited plan is embedded again; two first runs at once
convert the model once, and both get it right."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from conftest import RAW

pytestmark = pytest.mark.slow


def _fresh_cache(tmp_path: Path, monkeypatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("COMPARE_CACHE", str(cache))
    return cache


def test_a_damaged_vector_shard_is_set_aside_and_its_texts_embedded_again(tmp_path):
    from compare.analyze.embeddings import Embedder

    texts = ["Tuyên truyền Luật Thực hiện dân chủ ở cơ sở.", "Rà soát thủ tục hành chính."]
    first = Embedder(cache=tmp_path / "vectors", echo=lambda line: None)
    want = first.embed(texts)
    (shard,) = (tmp_path / "vectors").glob("*.parquet")
    shard.write_bytes(shard.read_bytes()[:100])  # a run killed while writing, a full disk
    said: list[str] = []
    again = Embedder(cache=tmp_path / "vectors", echo=said.append)
    got = again.embed(texts)
    assert np.allclose(got, want, atol=1e-5) and again.computed == 2
    assert len([s for s in said if "damaged" in s]) == 1 and shard.with_suffix(".damaged").exists()


def test_an_interrupted_run_keeps_what_it_embedded(tmp_path):
    from compare.analyze.embeddings import Embedder

    texts = [f"Tổ chức hội nghị số {n} về công tác dân vận." for n in range(5)]
    small = Embedder(cache=tmp_path / "vectors")
    small.CHUNK = 2
    calls = {"n": 0}
    real = small.encode_raw

    def stops_after_two_chunks(batch):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(batch)

    small.encode_raw = stops_after_two_chunks
    with pytest.raises(KeyboardInterrupt):
        small.embed(texts)
    resumed = Embedder(cache=tmp_path / "vectors")
    resumed.embed(texts)
    assert resumed.computed == 1  # four of five were kept


def test_an_edited_plan_is_embedded_again(tmp_path, monkeypatch):
    from compare.analyze import analyze
    from compare.analyze.corpus import Corpus
    from compare.analyze.embeddings import Embedder
    from compare.build import build

    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("002_f6c5449781db0a59.txt", "004_af6ae590234994d3.txt"):
        shutil.copy(RAW / name, raw / name)
    build(raw, tmp_path / "out", echo=lambda *a: None, jobs=1)
    analyze(tmp_path / "out", echo=lambda *a: None)
    plan = raw / "002_f6c5449781db0a59.txt"
    old = "Phát động và thực hiện có hiệu quả các phong trào thi đua"
    new = "Tổ chức kiểm tra việc niêm yết công khai thủ tục hành chính tại Bộ phận một cửa"
    assert old in plan.read_text(encoding="utf-8")
    plan.write_text(plan.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    build(raw, tmp_path / "out", echo=lambda *a: None, jobs=1)
    corpus = Corpus(tmp_path / "out")
    row = corpus.tasks.with_row_index().filter(pl.col("text").str.contains(new)).row(0, named=True)
    vector = corpus.vectors[row["index"]]
    assert float(vector @ Embedder().embed([row["text"]])[0]) > 0.999


def test_vectors_of_another_model_are_recorded_under_its_name(tmp_path, monkeypatch):
    from compare.analyze import analyze
    from compare.analyze.embeddings import default_model_path
    from compare.build import build

    other = tmp_path / "other-model"
    other.symlink_to(default_model_path(), target_is_directory=True)  # (another folder, the same weights)
    monkeypatch.setenv("COMPARE_MODEL", str(other))
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "004_af6ae590234994d3.txt", raw)
    build(raw, tmp_path / "out", echo=lambda *a: None, jobs=1)
    analyze(tmp_path / "out", echo=lambda *a: None)
    models = pl.read_parquet(tmp_path / "out" / "embeddings.parquet")["model"].unique().to_list()
    assert models == [str(other)]


CHECK = """
from compare.analyze.embeddings import Embedder
import numpy as np
e = Embedder()
a, b, c = e.embed(["tuyên truyền pháp luật cho nhân dân", "phổ biến pháp luật đến người dân", "sửa chữa đường giao thông"])
print(float(a @ b) > float(a @ c) + 0.02, len(e.normalise.table) > 0)
"""


def test_two_first_runs_at_once_on_a_damaged_model_convert_it_once_and_both_get_it_right(tmp_path, monkeypatch):
    cache = _fresh_cache(tmp_path, monkeypatch)
    from compare.analyze.embeddings import default_model_path

    path = default_model_path()  # converted once here, then damaged
    tokenizer = path / "tokenizer.json"
    tokenizer.write_bytes(tokenizer.read_bytes()[:2984])  # as two first runs at once left it before
    env = {**os.environ, "COMPARE_CACHE": str(cache)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", CHECK], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        for _ in range(2)
    ]
    outputs = [r.communicate(timeout=600) for r in runs]
    assert [out.split() for out, _ in outputs] == [["True", "True"], ["True", "True"]], outputs
    said = [err.count("damaged; converting it again") for _, err in outputs]
    assert sorted(said) == [0, 1]  # one run converted it again, under the lock; the other waited
    assert tokenizer.stat().st_size > 1_000_000 and not list((cache / "models").glob("*.partial"))
