"""The tables of a folder are one set: a build writes a new generation and switches to it in
one step, under a lock; a failed or killed build leaves the previous set and nothing partial;
the analysis belongs to the generation it read; `compare.load` refuses a mixture. And a build
writes in a stream: a batch of plans at a time, the same tables as all at once."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest
from conftest import MATERIAL, RAW, ROOT

from compare.build import pipeline
from compare.build.pipeline import build, build_corpus
from compare.build.store import CURRENT, GENERATIONS, TableSetError, check_set, locked, tables_folder
from compare.build.tables import write_table

BUILT = ("documents", "sections", "tasks", "references", "lines", "rejects")


def _quiet(*_):
    return None


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.parquet"))}


def _plans(root: Path) -> Path:
    raw = root / "raw"
    shutil.copytree(RAW, raw)
    for path in sorted(MATERIAL.glob("*.txt"))[:8]:
        shutil.copy(path, raw / path.name)
    return raw


@pytest.mark.parametrize("jobs", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_a_streamed_build_gives_the_tables_of_a_build_held_in_memory(tmp_path, monkeypatch, jobs):
    """Chunks of 2 files, 3 chunks between two forks of the workers, a copy that is rejected
    in the middle: shards merged into one file per table, row for row what `build_corpus`
    holds for the folder at once."""
    from compare.build import engine, tables

    raw = _plans(tmp_path)
    shutil.copy(raw / "000_04f4ef8ac17a6be6.txt", raw / "001a_copy.txt")  # (its rows are in a shard: left out)
    monkeypatch.setattr(engine, "BATCH", 3)
    monkeypatch.setattr(pipeline, "CHUNK", 2)
    monkeypatch.setattr(tables, "ROW_GROUP", 100)
    said: list[str] = []
    build(raw, tmp_path / "out", echo=said.append, jobs=jobs)
    assert "rejected raw/001a_copy.txt: duplicate of raw/000_04f4ef8ac17a6be6.txt" in said
    whole = build_corpus(raw).tables
    for name in BUILT:
        written = pl.read_parquet(tmp_path / "out" / f"{name}.parquet")
        assert written.equals(whole[name]), name
    assert len(pl.read_parquet(tmp_path / "out" / "documents.parquet")) >= 10
    import pyarrow.parquet as pq

    assert pq.ParquetFile(tmp_path / "out" / "lines.parquet").num_row_groups >= 4  # (one a batch at least)


def test_each_build_is_a_generation_switched_to_in_one_step(tmp_path):
    raw, out = _plans(tmp_path), tmp_path / "out"
    build(raw, out, echo=_quiet, jobs=1)
    first = tables_folder(out)
    (raw / "000_04f4ef8ac17a6be6.txt").unlink()
    build(raw, out, echo=_quiet, jobs=1)
    second = tables_folder(out)
    assert first != second and first.is_dir()  # (the previous one stays for readers still on it)
    assert os.readlink(out / CURRENT) == os.path.join(GENERATIONS, second.name)
    assert all(os.readlink(out / f"{n}.parquet") == os.path.join(CURRENT, f"{n}.parquet") for n in BUILT)
    assert "000_04f4ef8ac17a6be6" not in pl.read_parquet(out / "documents.parquet")["doc_id"].to_list()
    build(raw, out, echo=_quiet, jobs=1)
    assert sorted(p.name for p in (out / GENERATIONS).iterdir()) == [second.name, tables_folder(out).name]
    assert check_set(out / CURRENT, BUILT) is not None


def test_a_failed_build_leaves_the_previous_tables_and_nothing_partial(tmp_path, monkeypatch):
    raw, out = _plans(tmp_path), tmp_path / "out"
    build(raw, out, echo=_quiet, jobs=1)
    before = _digest(out)

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline, "merge_shards", full_disk)
    with pytest.raises(OSError, match=f"cannot write the tables to {out}: No space left on device"):
        build(raw, out, echo=_quiet, jobs=1)
    assert _digest(out) == before
    assert len(list((out / GENERATIONS).iterdir())) == 1 and not list(out.rglob("*.tmp"))


def _cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "compare.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        **kwargs,
    )


def _small_files(limit: int):
    """In the child: files may not grow past `limit` bytes, as on a disk that is full."""

    def apply():
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # (a write past the limit fails with EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.slow  # (builds in other processes)
def test_a_disk_that_fills_up_gives_a_plain_error_and_keeps_the_old_tables(tmp_path):
    raw, out = _plans(tmp_path), tmp_path / "out"
    assert _cli("build", "--raw", str(raw), "--out", str(out), "-j", "1").returncode == 0
    before = _digest(out)
    (raw / "new.txt").write_text((MATERIAL / "party_committee_plan.txt").read_text(encoding="utf-8"), encoding="utf-8")
    run = _cli("build", "--raw", str(raw), "--out", str(out), "-j", "1", preexec_fn=_small_files(20_000))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"cannot write the tables to {out}" in run.stderr
    assert _digest(out) == before
    assert len(list((out / GENERATIONS).iterdir())) == 1 and not list(out.rglob("*.tmp"))


@pytest.mark.slow  # (builds in other processes)
def test_a_build_killed_while_writing_leaves_the_previous_set_and_the_next_cleans_up(tmp_path):
    raw, out = _plans(tmp_path), tmp_path / "out"
    build(raw, out, echo=_quiet, jobs=1)
    before = _digest(out)
    for k in range(40):
        (raw / f"copy{k:02d}.txt").write_text(
            (MATERIAL / "party_committee_plan.txt").read_text(encoding="utf-8") + f"\n{k}\n", encoding="utf-8"
        )
    child = subprocess.Popen(
        [sys.executable, "-m", "compare.cli", "build", "--raw", str(raw), "--out", str(out), "-j", "1"],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline and not list((out / GENERATIONS).glob("*.partial/.shards/*")):
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert _digest(out) == before  # the readers still see the previous set, whole
    assert list((out / GENERATIONS).glob("*.partial"))  # (what the kill left)
    said: list[str] = []
    build(raw, out, echo=said.append, jobs=1)
    assert any(s.startswith("removed ") and "interrupted run" in s for s in said)
    assert not list((out / GENERATIONS).glob("*.partial")) and not list(out.rglob("*.tmp"))
    assert pl.read_parquet(out / "documents.parquet").height > 40


def test_a_second_build_of_the_same_folder_waits_for_the_first(tmp_path):
    raw, out = _plans(tmp_path), tmp_path / "out"
    said: list[str] = []
    with locked(out):  # (another build holds the folder)
        child = subprocess.Popen(
            [sys.executable, "-m", "compare.cli", "build", "--raw", str(raw), "--out", str(out), "-j", "1"],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        time.sleep(3)
        assert child.poll() is None and not (out / CURRENT).exists()  # waiting, nothing written
        said.append("released")
    output, _ = child.communicate(timeout=120)
    assert child.returncode == 0 and f"waiting for another compare run on {out}" in output
    assert (out / CURRENT).exists()


def test_load_refuses_tables_of_two_builds(tmp_path):
    import compare

    raw, out = _plans(tmp_path), tmp_path / "out"
    build(raw, out, echo=_quiet, jobs=1)
    other = tmp_path / "other"
    (raw / "000_04f4ef8ac17a6be6.txt").unlink()
    build(raw, other, echo=_quiet, jobs=1)
    mixed = tmp_path / "mixed"  # a folder put together by hand: documents of one build, tasks of another
    mixed.mkdir()
    for name in BUILT:
        source = out if name != "tasks" else other
        shutil.copy(source / f"{name}.parquet", mixed / f"{name}.parquet")
    with pytest.raises(TableSetError, match=r"tasks\.parquet come\(s\) from another build"):
        compare.load(mixed)
    assert compare.load(out).documents.height >= 10


def test_tables_written_without_a_build_id_still_load(tmp_path):
    """A folder written before build ids (or by hand) is read as it is."""
    import compare

    out = tmp_path / "out"
    result = build_corpus(RAW)
    for name, frame in result.tables.items():
        write_table(frame, out / f"{name}.parquet")
    assert compare.load(out).tasks.height == result.tables["tasks"].height
