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


def _one_core() -> None:
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    except (AttributeError, OSError):
        pass


def bench_build(megabytes: float) -> None:
    """Build throughput on one core, against reading and decoding the same files."""
    from synthetic import make_corpus

    from compare.build import build_corpus
    from compare.lines import split_lines
    from compare.raw import read_text

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
    print(f"build: {len(files)} synthetic plans, {mb:.2f} MB, {len(result.documents)} built, "
          f"{sum(len(d.tasks) for d in result.documents)} tasks")
    print(f"  read+decode+clean lines : {mb / base:7.2f} MB/s")
    print(f"  full build (one core)   : {mb / full:7.2f} MB/s   target 2.00 MB/s   ratio to target {mb / full / 2:.2f}")
    print(f"  build / decode-only time: {full / base:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", nargs="*", default=["build"])
    parser.add_argument("--mb", type=float, default=2.0)
    args = parser.parse_args()
    for what in args.what:
        {"build": lambda: bench_build(args.mb)}[what]()


if __name__ == "__main__":
    main()
