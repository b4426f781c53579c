"""Peak memory of `compare build` on a folder of N generated plans (a third of them scans),
and whether a sample of them, built as a small folder, gives the same rows.

    python benchmarks/build_memory.py N [--jobs 2]      # also: python benchmarks/run.py memory --n N

The peak is the largest sum, over the build's process and its workers, of their proportional
set sizes (PSS: a page the forked workers share counts once), sampled every 0.2 s. The last
line reads `N plans: S s, peak G GB; sample of K plans: rows identical` (or the tables that
differ).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

TABLES = ("documents", "sections", "tasks", "references", "lines")


def make_folder(folder: Path, n: int, seed: int = 0) -> None:
    """N plans from corpus_gen; every third one damaged as a scan."""
    import corpus_gen
    import forms

    for k, path in enumerate(corpus_gen.make_plans(folder, n, seed)):
        if k % 3 == 2:
            text = forms.strip_markdown(path.read_text(encoding="utf-8"))
            path.write_text(forms.ocr_damage(text, drop=0.7, seed=k), encoding="utf-8")


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
    except (OSError, StopIteration):
        return 0


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return out


def measure_build(raw: Path, out: Path, jobs: int) -> tuple[float, float]:
    """(seconds, peak GB of the process tree) of `compare build`."""
    cmd = [sys.executable, "-m", "compare.cli", "build", "--raw", str(raw), "--out", str(out), "-j", str(jobs)]
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while child.poll() is None:
        peak = max(peak, sum(_pss_kb(p) for p in _tree(child.pid)))
        time.sleep(0.2)
    seconds = time.perf_counter() - t0
    if child.returncode:
        raise SystemExit(child.stderr.read().decode()[-2000:] if child.stderr else "build failed")
    return seconds, peak / 1024 / 1024


def same_rows(big_out: Path, raw: Path, sample: int, tmp: Path) -> tuple[list[str], int]:
    """The tables whose rows differ between the big build and a small build of `sample` of its
    files (in a folder of the same name, so that source paths agree), and how many of the
    sample the big build rejects as copies of another file (the generator repeats a plan now
    and then: only the first copy is a document)."""
    from compare.build.pipeline import build

    files = sorted(raw.iterdir())
    chosen = sorted(random.Random(1).sample(files, min(sample, len(files))))
    small_raw = tmp / "small" / raw.name
    small_raw.mkdir(parents=True)
    for f in chosen:
        shutil.copy(f, small_raw / f.name)
    build(small_raw, tmp / "small_out", echo=lambda *a: None, jobs=1)
    small_ids = pl.read_parquet(tmp / "small_out" / "documents.parquet")["doc_id"]
    big_ids = pl.scan_parquet(big_out / "documents.parquet").select("doc_id").collect()["doc_id"]
    ids = small_ids.filter(small_ids.is_in(big_ids.implode())).implode()
    differ = []
    for name in TABLES:
        small = pl.read_parquet(tmp / "small_out" / f"{name}.parquet").filter(pl.col("doc_id").is_in(ids))
        big = pl.scan_parquet(big_out / f"{name}.parquet").filter(pl.col("doc_id").is_in(ids)).collect()
        if not small.equals(big):
            differ.append(name)
    return differ, small_ids.len() - ids.list.len()[0]


def main(n: int, jobs: int = 2, keep: Path | None = None) -> None:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        raw = (keep or tmp) / f"plans{n}"
        if not raw.is_dir():
            make_folder(raw, n)
        size = sum(f.stat().st_size for f in raw.iterdir()) / 1e6
        seconds, peak = measure_build(raw, tmp / "out", jobs)
        differ, copies = same_rows(tmp / "out", raw, 100, tmp)
        verdict = "rows identical" if not differ else f"rows differ in {', '.join(differ)}"
        verdict += f" ({copies} of them copies of another file, a reject in the big folder)" if copies else ""
        print(f"folder: {n} plans, {size:.0f} MB, --jobs {jobs}, {os.cpu_count()} cores")
        print(f"{n} plans: {seconds:.0f} s, peak {peak:.2f} GB; sample of 100 plans: {verdict}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=None, help="a folder to keep (and reuse) the plans in")
    args = parser.parse_args()
    main(args.n, args.jobs, args.keep)
