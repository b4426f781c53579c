"""Build speed of this checkout against an earlier revision, side by side in one run.

    python benchmarks/build_versus.py 1e31feb [--mb 2] [--rounds 3]

The revision is checked out into a temporary git worktree; one synthetic corpus is built by
each side in turn (alternating, each in a fresh process on one core, `rounds` times), and the
median and the fastest times are compared (the machine's noise is about ±15% a run). Prints,
last, `this / REV: R× as fast by the medians ..., F× by the fastest runs, for M MB`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

_CHILD = """
import os, sys, time
from pathlib import Path
try:
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
except (AttributeError, OSError):
    pass
from compare.build import build_corpus
t0 = time.perf_counter()
result = build_corpus(Path(sys.argv[1]))
print(time.perf_counter() - t0, len(result.documents), sum(len(d.tasks) for d in result.documents))
"""


def _time(src: Path, raw: Path) -> tuple[float, int, int]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(raw)],
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin", "HOME": str(Path.home())},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rev")
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from synthetic import make_corpus

    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(old), args.rev], check=True)
        try:
            raw = Path(tmp) / "raw"
            size = make_corpus(raw, args.mb)
            times: dict[str, list[float]] = {"this": [], args.rev: []}
            counts = {}
            for _ in range(args.rounds):
                for name, src in (("this", ROOT / "src"), (args.rev, old / "src")):
                    seconds, docs, tasks = _time(src, raw)
                    times[name].append(seconds)
                    counts[name] = (docs, tasks)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False)
    mine, theirs = statistics.median(times["this"]), statistics.median(times[args.rev])
    for name, ts in times.items():
        print(f"{name:>10}: {', '.join(f'{t:.2f}' for t in ts)} s; {counts[name][0]} plans, {counts[name][1]} tasks")
    fastest = min(times[args.rev]) / min(times["this"])
    print(
        f"this / {args.rev}: {theirs / mine:.2f}x as fast by the medians ({mine:.2f} s vs {theirs:.2f} s), "
        f"{fastest:.2f}x by the fastest runs, for {size / 1e6:.2f} MB"
    )


if __name__ == "__main__":
    main()
