"""The Ray engine against the local one, side by side in one run, on the national corpus
(`national_gen.py`): `compare build --jobs 2`, then `compare build --engine ray` on a 2-CPU
Ray instance already running (as a cluster is), then on one the command starts and stops
itself. Each is a fresh `compare` process, timed from its start to its end; the rounds
alternate; the tables must be byte-identical.

    python benchmarks/run.py ray --n 10000       # plans (default 10,000); rounds: 3
"""

from __future__ import annotations

import hashlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


ENV = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "token"}  # (as `ray start` runs it)


def _timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([str(BIN / "compare"), *args], check=True, capture_output=True, text=True, env=ENV)
    return time.perf_counter() - start


def _digests(out: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.glob("*.parquet"))}


def main(n_plans: int = 10_000, rounds: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        subprocess.run([sys.executable, str(HERE / "national_gen.py"), str(raw), str(n_plans), "1"], check=True)
        size = sum(p.stat().st_size for p in raw.iterdir())
        port = _free_port()
        subprocess.run(
            [str(BIN / "ray"), "start", "--head", "--num-cpus", "2", "--port", str(port), "--include-dashboard", "false"],
            check=True, capture_output=True, env=ENV,
        )  # fmt: skip
        ways = {
            "local --jobs 2": ["--jobs", "2"],
            "ray, running instance": ["--engine", "ray", "--address", f"127.0.0.1:{port}"],
            "ray, own instance": ["--engine", "ray", "--jobs", "2"],
        }
        times: dict[str, list[float]] = {way: [] for way in ways}
        digests: dict[str, dict[str, str]] = {}
        try:
            for _ in range(rounds):
                for k, (way, extra) in enumerate(ways.items()):
                    out = Path(tmp) / f"out{k}"
                    times[way].append(_timed(["build", "--raw", str(raw), "--out", str(out), *extra]))
                    digests[way] = _digests(out)
        finally:
            subprocess.run([str(BIN / "ray"), "stop", "--force"], capture_output=True)
    local = statistics.median(times["local --jobs 2"])
    print(f"{n_plans} plans, {size / 1e6:.0f} MB, {rounds} rounds, each a fresh `compare build` process:")
    for way, ts in times.items():
        median = statistics.median(ts)
        print(f"  {way:<22} {', '.join(f'{t:.1f}' for t in ts)} s; median {median:.1f} s = {median / local:.2f}x local")
    print(f"tables byte-identical: {all(d == digests['local --jobs 2'] for d in digests.values())}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
