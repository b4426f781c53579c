"""The Ray engine gives the local engine's tables, row for row and byte for byte: the build
on a local 2-CPU Ray instance (rows written by the workers, or sent back through the object
store), with the folder's restorer, and the analysis with its embeddings computed by Ray
actors. Ray is an optional extra: these tests are skipped without it."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner
from conftest import RAW
from test_alone import _crowd

from compare.build.pipeline import build, build_corpus

ray = pytest.importorskip("ray")

pytestmark = pytest.mark.slow

BUILD = ("documents", "sections", "tasks", "references", "lines", "rejects")
ANALYSIS = ("embeddings", "clusters", "overlaps", "changes", "coverage", "reference_changes")


@pytest.fixture(scope="module")
def engine():
    from compare.cluster import RayEngine

    with RayEngine(cpus=2) as running:
        yield running


@pytest.fixture(scope="module")
def crowd(tmp_path_factory) -> Path:
    """30 files (the seeds, tests/material, scans), a copy of one of them, a hidden file."""
    raw = _crowd(tmp_path_factory.mktemp("crowd"))
    first = sorted(raw.glob("*.txt"))[0]
    shutil.copy(first, raw / f"zz_copy_of_{first.name}")
    (raw / ".hidden.txt").write_text("không đọc", encoding="utf-8")
    return raw


def _same_files(a: Path, b: Path, names: tuple[str, ...]) -> None:
    for name in names:
        left, right = (a / f"{name}.parquet").read_bytes(), (b / f"{name}.parquet").read_bytes()
        assert left == right, (
            f"{name}: {pl.read_parquet(a / f'{name}.parquet')} ≠ {pl.read_parquet(b / f'{name}.parquet')}"
        )


def test_the_engine_is_a_two_cpu_instance_that_keeps_the_items_order(engine):
    assert engine.jobs == 2 and engine.shares_disk
    items = [f"{n:03d}" for n in range(41)]  # (more items than a task takes, not a multiple of it)
    assert list(engine.stream(str.upper, items)) == items
    assert list(engine.stream(len, ["ab", "c", ""])) == [2, 1, 0]


@pytest.mark.parametrize("shares_disk", [True, False], ids=["workers-write", "object-store"])
def test_the_ray_build_writes_the_local_build_tables_byte_for_byte(engine, crowd, tmp_path, shares_disk, monkeypatch):
    local = build(crowd, tmp_path / "local", echo=lambda s: None, jobs=2)
    monkeypatch.setattr(engine, "shares_disk", shares_disk)
    said: list[str] = []
    remote = build(crowd, tmp_path / "ray", echo=said.append, engine=engine)
    _same_files(tmp_path / "local", tmp_path / "ray", BUILD)
    assert [d.doc_id for d in remote.documents] == [d.doc_id for d in local.documents]
    assert remote.rejects == local.rejects
    assert any(r["reason"].startswith("duplicate of") for r in remote.rejects)
    assert any("hidden file" in r["reason"] for r in remote.rejects)
    assert said[-1].startswith(f"{len(local.documents)} document(s)")


def test_the_folder_restorer_reaches_the_ray_workers(engine, crowd):
    local = build_corpus(crowd, learn_from_folder=True)
    remote = build_corpus(crowd, learn_from_folder=True, engine=engine)
    plain = build_corpus(crowd)
    for name in BUILD:
        assert remote.tables[name].equals(local.tables[name]), name
    # (the folder's restorer did reach them: the scans' task text differs from the plain build's)
    assert not remote.tables["tasks"].equals(plain.tables["tasks"])


def test_the_ray_analysis_writes_the_local_analysis_tables(engine, tmp_path, monkeypatch):
    import torch

    from compare.analyze import analyze
    from compare.analyze.embeddings import default_model_path

    models = tmp_path / "cache"
    models.mkdir()
    (models / "models").symlink_to(default_model_path().parent, target_is_directory=True)
    build(RAW, tmp_path / "local", echo=lambda s: None, jobs=1)
    shutil.copytree(tmp_path / "local", tmp_path / "ray", symlinks=True)
    # each with an empty vector cache, so that each embeds every task itself
    monkeypatch.setenv("COMPARE_CACHE", str(tmp_path / "cache"))
    threads = torch.get_num_threads()
    torch.set_num_threads(engine.jobs)  # (the actor's threads: the node's CPUs; the same threads, the same sums)
    try:
        analyze(tmp_path / "local", echo=lambda s: None)
    finally:
        torch.set_num_threads(threads)
    shutil.rmtree(models / "vectors")
    said: list[str] = []
    analyze(tmp_path / "ray", echo=said.append, engine=engine)
    assert any(s.startswith("embedded") for s in said)  # (by the actors, not from the cache)
    _same_files(tmp_path / "local", tmp_path / "ray", ANALYSIS)


def test_the_command_says_what_goes_with_what(tmp_path):
    from compare.cli import main

    result = CliRunner().invoke(main, ["build", "--raw", str(RAW), "--out", str(tmp_path), "--address", "auto"])
    assert result.exit_code == 2 and "--address goes with --engine ray" in result.output
