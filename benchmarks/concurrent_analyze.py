"""Two `compare analyze` runs at once on an empty cache, repeated: are the results always right?

    python benchmarks/concurrent_analyze.py --times 20

Each round gives both runs a fresh, empty cache folder (so both convert the model and embed
every task at the same time) and checks each run's tables: as many clusters as a run alone
gives, and the same overlaps. Prints, last, `N of N rounds right`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
COMPARE = [sys.executable, "-m", "compare.cli"]


def _signature(folder: Path) -> tuple[int, int]:
    clusters = pl.read_parquet(folder / "clusters.parquet")["cluster"].n_unique()
    overlaps = pl.read_parquet(folder / "overlaps.parquet").height
    return clusters, overlaps


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--times", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "alone"
        subprocess.run([*COMPARE, "build", "--raw", str(ROOT / "data" / "raw"), "--out", str(base)], check=True,
                       capture_output=True)  # fmt: skip
        subprocess.run([*COMPARE, "analyze", "--processed", str(base)], check=True, capture_output=True)
        want = _signature(base)
        right = 0
        for n in range(args.times):
            cache = Path(tmp) / f"cache{n}"
            env = {**os.environ, "COMPARE_CACHE": str(cache)}
            folders = [Path(tmp) / f"run{n}-{k}" for k in range(2)]
            for folder in folders:
                shutil.copytree(base, folder, ignore=shutil.ignore_patterns("embeddings.parquet", "clusters.parquet"))
            runs = [
                subprocess.Popen([*COMPARE, "analyze", "--processed", str(f)], env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True)
                for f in folders
            ]  # fmt: skip
            codes = [r.wait() for r in runs]
            got = [_signature(f) if code == 0 else None for f, code in zip(folders, codes)]
            ok = all(g == want for g in got)
            right += ok
            print(f"round {n + 1}: {got} (alone: {want}) {'right' if ok else 'WRONG'}", flush=True)
            shutil.rmtree(cache, ignore_errors=True)
        print(f"{right} of {args.times} rounds right")


if __name__ == "__main__":
    main()
