"""Benchmarks (`make bench`), not tests: each prints its measurement beside a baseline
measured in the same run, and the ratio."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


ROOT = Path(__file__).resolve().parents[1]


def _one_core() -> None:
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    except (AttributeError, OSError):
        pass


def bench_build(megabytes: float) -> None:
    """Build throughput on one core, against reading and decoding the same files."""
    from synthetic import make_corpus

    from compare.build import build_corpus
    from compare.parse.lines import split_lines
    from compare.read.raw import read_text

    _one_core()
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        size = make_corpus(raw, megabytes)
        files = sorted(raw.iterdir())
        t0 = time.perf_counter()
        for f in files:
            split_lines(read_text(f).text)
        base = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = build_corpus(raw)
        full = time.perf_counter() - t0
    mb = size / 1e6
    print(
        f"build: {len(files)} synthetic plans, {mb:.2f} MB, {len(result.documents)} built, "
        f"{sum(len(d.tasks) for d in result.documents)} tasks"
    )
    print(f"  read+decode+clean lines : {mb / base:7.2f} MB/s")
    print(f"  full build (one core)   : {mb / full:7.2f} MB/s   target 2.00 MB/s   ratio to target {mb / full / 2:.2f}")
    print(f"  build / decode-only time: {full / base:.1f}x")


_JOBS_CHILD = """
import sys, time
from pathlib import Path
from compare.build import build
t0 = time.perf_counter()
build(Path(sys.argv[1]), Path(sys.argv[3]), echo=lambda *a: None, jobs=int(sys.argv[2]))
print(time.perf_counter() - t0)
"""


_BURN = """
import sys, time
from concurrent.futures import ProcessPoolExecutor
def burn(n):
    s = 0
    for i in range(n):
        s += hash(str(i)) % 7
    return s
if __name__ == "__main__":
    jobs = int(sys.argv[1])
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(burn, [10, 10]))  # (the workers started before the clock)
        t0 = time.perf_counter()
        if jobs == 1:
            burn(4_000_000), burn(4_000_000)
        else:
            list(pool.map(burn, [4_000_000, 4_000_000]))
        print(time.perf_counter() - t0)
"""


def _machine_scaling(rounds: int) -> float:
    """How much faster two processes do pure-Python work than one, on this machine now (its
    cores may be shared: the ceiling for any parallel build measured here)."""
    import statistics
    import subprocess

    times: dict[int, list[float]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "burn.py"
        script.write_text(_BURN)
        for _ in range(rounds):
            for jobs in (1, 2):
                run = subprocess.run(
                    [sys.executable, str(script), str(jobs)], check=True, capture_output=True, text=True
                )
                times[jobs].append(float(run.stdout))
    return statistics.median(times[1]) / statistics.median(times[2])


def bench_jobs(megabytes: float, rounds: int = 7) -> None:
    """`compare build --jobs 2` against `--jobs 1`, side by side (alternating, each in a fresh
    process), on one synthetic corpus, from the first file read to the last table written; the
    tables must be byte-identical."""
    import hashlib
    import statistics
    import subprocess

    from synthetic import make_corpus

    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        size = make_corpus(raw, megabytes)
        times: dict[int, list[float]] = {1: [], 2: []}
        digests = {}
        for _ in range(rounds):
            for jobs in (1, 2):
                out = Path(tmp) / f"out{jobs}"
                run = subprocess.run(
                    [sys.executable, "-c", _JOBS_CHILD, str(raw), str(jobs), str(out)],
                    capture_output=True, text=True, check=True,
                )  # fmt: skip
                times[jobs].append(float(run.stdout))
                digests[jobs] = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.glob("*.parquet")}
    one, two = statistics.median(times[1]), statistics.median(times[2])
    print(f"build --jobs 1: {', '.join(f'{t:.2f}' for t in times[1])} s")
    print(f"build --jobs 2: {', '.join(f'{t:.2f}' for t in times[2])} s")
    print(f"tables byte-identical: {digests[1] == digests[2]}")
    print(f"this machine's own scaling (pure-Python work, 1 → 2 processes): {_machine_scaling(rounds):.2f}x")
    print(
        f"{size / 1e6:.1f} MB: --jobs 2 is {one / two:.2f}x as fast as --jobs 1 (medians; fastest runs {min(times[1]) / min(times[2]):.2f}x)"
    )


def bench_many_tables(counts: tuple[int, ...] = (40, 160, 640)) -> None:
    """One plan holding many flattened task tables (the commune table of tests/material, its
    header each time): the parse time must grow with the plan's length, not its square."""
    import math

    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "material")]
    import commune_table_rows as rows
    import forms

    from compare.build import parse_text

    table = forms.flattened_table(rows.GROUPS, seed=3)
    head = "\n".join(rows.HEAD.split("\n")[-6:])
    times = []
    for n in counts:
        text = rows.HEAD + "\n".join(f"{head}\n{table}\nCÁC NHIỆM VỤ KHÁC\nmột đoạn văn xen giữa." for _ in range(n))
        t0 = time.perf_counter()
        doc = parse_text(text + "\n" + rows.TAIL, "many")
        times.append(time.perf_counter() - t0)
        print(f"  {n} tables, {len(text) / 1e6:.2f} M characters: {times[-1]:.2f} s, {len(doc.tasks)} tasks")
    exponent = math.log(times[-1] / times[0]) / math.log(counts[-1] / counts[0])
    print(f"many tables: time grows as length^{exponent:.2f} (1 is linear)")


def _seed_tasks():

    from compare.build import build_corpus

    result = build_corpus(Path(__file__).resolve().parents[1] / "data" / "raw")
    return result.tables["tasks"]


def bench_embed() -> None:
    """Tasks per second through the pipeline's embedder against the raw model's encode of the
    same texts (target ratio >= 0.9), and a warm re-run against the cold one (target >= 20x)."""
    import random

    from compare.analyze.embeddings import Embedder, load_model

    texts = _seed_tasks()["text"].to_list()
    rng = random.Random(0)
    texts = texts + [" ".join(rng.sample(t.split(), len(t.split()))) for t in texts]  # 2x, distinct
    with tempfile.TemporaryDirectory() as tmp:
        emb = Embedder(cache=Path(tmp) / "cache")
        model = load_model()
        prepared = [emb.normalise(t) for t in texts]
        model.encode(prepared[:8], prompt="query: ", batch_size=32)  # warm up both
        t0 = time.perf_counter()
        model.encode(prepared, prompt="query: ", batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        raw = time.perf_counter() - t0
        t0 = time.perf_counter()
        emb.embed(texts)
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        Embedder(cache=Path(tmp) / "cache").embed(texts)
        warm = time.perf_counter() - t0
    n = len(texts)
    print(f"embeddings: {n} task texts")
    print(f"  raw model encode        : {n / raw:8.1f} tasks/s")
    print(f"  pipeline, cold cache    : {n / cold:8.1f} tasks/s   ratio to raw {raw / cold:.2f} (target >= 0.9)")
    print(f"  pipeline, warm re-run   : {n / warm:8.1f} tasks/s   {cold / warm:.0f}x faster than cold (target >= 20)")


def synthetic_tasks(base, vecs, n_tasks: int):
    """(texts, vectors, doc ids) of `n_tasks` tasks made from the seed tasks `base` and their
    vectors `vecs`: a stretch dropped, maybe a piece of another spliced on, the vector jittered;
    100 tasks a plan."""
    import random

    import numpy as np

    rng = random.Random(0)
    nrng = np.random.default_rng(0)
    texts, docs = [], []
    vectors = np.empty((n_tasks, vecs.shape[1]), dtype=np.float32)  # (filled in place: no list of rows)
    seed_texts = base["text"].to_list()
    for k in range(n_tasks):
        src = rng.randrange(len(seed_texts))
        words = seed_texts[src].split()
        cut = rng.randrange(max(1, len(words) // 3))  # recombine: drop a stretch, maybe splice another
        words = words[:cut] + words[cut + rng.randrange(4) :]
        if rng.random() < 0.3:
            other = seed_texts[rng.randrange(len(seed_texts))].split()
            words += other[: rng.randrange(1, 8)]
        texts.append(" ".join(words))
        v = vecs[src] + nrng.normal(0, 0.02, vecs.shape[1]).astype(np.float32)
        vectors[k] = v / np.linalg.norm(v)
        docs.append(f"plan{k // 100:05d}")
    return texts, vectors, docs


def _scale_child(n_tasks: int, vectors_path: str) -> None:
    """Run in a child process so that its peak memory is its own (the embedding model that
    made the seed vectors lives in the parent: the benchmark is about precomputed vectors)."""
    import gc

    import numpy as np
    import polars as pl

    from compare.analyze.changes import align_all
    from compare.analyze.clusters import cluster_tasks
    from compare.analyze.overlaps import find_overlaps
    from compare.analyze.similarity import Features, release_freed_memory

    def peak() -> float:
        """The resident high-water mark of this process, GB (Linux; cleared once the input is made)."""
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024 / 1024

    texts, vectors, docs = synthetic_tasks(_seed_tasks(), np.load(vectors_path), n_tasks)
    tasks = pl.DataFrame({"task_id": [f"t{k}" for k in range(n_tasks)], "doc_id": docs, "text": texts})
    del texts, docs  # (what the analysis holds, as `Corpus` does: the tasks table and the vectors)
    gc.collect()
    release_freed_memory()  # (the generator's freed heap back to the system)
    with open("/proc/self/clear_refs", "w") as refs:  # the generator's own peak is not the analysis's
        refs.write("5")
    peaks = [peak()]
    t0 = time.perf_counter()
    feats = Features.build(tasks["text"].to_list(), vectors, copy=False)  # (the vectors, normalised in place)
    peaks.append(peak())
    t1 = time.perf_counter()
    clusters = cluster_tasks(feats)
    peaks.append(peak())
    t2 = time.perf_counter()
    overlaps = find_overlaps(tasks, feats)
    peaks.append(peak())
    t3 = time.perf_counter()
    pairs = tasks["doc_id"].unique().sort().to_list()
    align_all(tasks, feats, list(zip(pairs[:-1:2], pairs[1::2])))
    peaks.append(peak())
    t4 = time.perf_counter()
    print(f"scale: {n_tasks} synthetic tasks in {len(pairs)} plans (precomputed vectors)")
    print(
        f"  features {t1 - t0:6.1f} s · clusters {t2 - t1:6.1f} s ({len(set(clusters.tolist()))}) · "
        f"overlaps {t3 - t2:6.1f} s ({overlaps.height} pairs) · alignment of {len(pairs) // 2} plan pairs {t4 - t3:6.1f} s"
    )
    stages = ("input", "features", "clusters", "overlaps", "alignment")
    print("  resident peak GB after " + " · ".join(f"{name} {gb:.2f}" for name, gb in zip(stages, peaks)))
    print(f"{n_tasks} tasks: {t4 - t0:.0f} s, peak {peaks[-1]:.2f} GB")


def bench_scale(sizes: list[int]) -> None:
    """The analysis of N synthetic tasks with precomputed vectors, each size in a fresh
    process; for two sizes or more, the growth exponent of the time between the first and the
    last. The last line reads `N tasks: S s, peak G GB` (targets on 2 cores: 10^5 <= 3 min,
    10^6 <= 20 min, peak <= 8 GB, exponent <= 1.2)."""
    import math
    import subprocess

    import numpy as np

    from compare.analyze.embeddings import Embedder

    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seed_vectors.npy"
        np.save(path, Embedder().embed(_seed_tasks()["text"].to_list()))
        for n in sizes:
            out = subprocess.run(
                [sys.executable, __file__, "_scale_child", "--n", str(n), "--vectors", str(path)],
                check=True, capture_output=True, text=True,
            ).stdout.strip().split("\n")  # fmt: skip
            print("\n".join(out[:-1]))
            runs.append((n, float(out[-1].split(": ")[1].split(" s")[0]), out[-1]))
    if len(runs) > 1:
        (n0, s0, _), (n1, s1, _) = runs[0], runs[-1]
        print(f"growth exponent {n0} → {n1} tasks: {math.log(s1 / s0) / math.log(n1 / n0):.2f} (target <= 1.2)")
    for *_, line in runs:
        print(line)


def bench_restore() -> None:
    """Restoration speed (target >= 50 lines/s on one core) and word accuracy on held-out
    seeds damaged like scans, beside the damaged text's own accuracy."""
    import difflib
    import re

    sys.path.insert(0, str(HERE.parent / "tests"))
    import forms

    from compare.build.restorer_model import clean_plans
    from compare.text.restore import Restorer, restore_text
    from compare.text.vietnamese import normalize

    _one_core()
    plans = clean_plans()  # what the packaged model learns from
    clean = {name.split("/")[-1][:3]: text for name, text in plans if name.startswith("data/raw/")}

    def words(t):
        return re.findall(r"[^\W\d_]+", normalize(t))

    def acc(ref, hyp):
        a, b = words(ref), words(hyp)
        return sum(x.size for x in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks()) / len(a)

    print("restore: each clean seed damaged like a scan, restored by the packaged model learnt without it")
    total_lines, total_time = 0, 0.0
    for held, text in clean.items():
        r = Restorer.default([text for name, text in plans if not name.split("/")[-1].startswith(held)])
        ref = forms.strip_markdown(text)
        wrapped = forms.rewrapped(text, width=80)  # scans come as short lines
        dmg = forms.ocr_damage(forms.strip_markdown(wrapped), drop=0.8, seed=1)
        t0 = time.perf_counter()
        out = restore_text(dmg, r)
        dt = time.perf_counter() - t0
        n = sum(1 for line in dmg.split("\n") if line.strip())
        total_lines += n
        total_time += dt
        print(f"  {held}: damaged {acc(ref, dmg):.1%} → restored {acc(ref, out):.1%} of words · {n / dt:.0f} lines/s")
    print(f"  speed: {total_lines / total_time:.0f} lines/s (target >= 50)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", nargs="*", default=["build", "restore", "table", "forms", "embed", "quality", "scale"])
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--n", default="50000", help="tasks (scale: several, comma-separated), plans (memory, years)")
    parser.add_argument("--vectors", default="")
    parser.add_argument("--sizes", default="25,100,500", help="plans per corpus for `reports`")
    args = parser.parse_args()
    for what in args.what:
        if what == "quality":
            import quality

            quality.main()
        elif what == "table":
            import table_001

            table_001.main()
        elif what == "forms":
            import forms_sweep

            forms_sweep.main()
        elif what == "years":
            import years_scale

            years_scale.main(int(args.n) if args.n != "50000" else 200)
        elif what == "reports":
            import reports_scale

            reports_scale.main(tuple(int(x) for x in args.sizes.split(",")))
        elif what == "memory":
            import build_memory

            build_memory.main(int(args.n) if args.n != "50000" else 20_000)
        elif what == "ray":
            import ray_build

            ray_build.main(int(args.n) if args.n != "50000" else 10_000)
        elif what == "_scale_child":
            _scale_child(int(args.n), args.vectors)
        else:
            {
                "build": lambda: bench_build(args.mb),
                "jobs": lambda: bench_jobs(args.mb),
                "many_tables": bench_many_tables,
                "embed": bench_embed,
                "scale": lambda: bench_scale([int(x) for x in args.n.split(",")]),
                "restore": bench_restore,
            }[what]()
        sys.stdout.flush()


if __name__ == "__main__":
    main()
