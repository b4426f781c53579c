"""A varied synthetic corpus made from the seeds: numbers, years, order of items and line
wraps changed per copy, so that no two files are alike and no cache is flattered."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import forms


def _vary(text: str, rng: random.Random) -> str:
    year = rng.choice([2023, 2024, 2025, 2026, 2027])
    text = re.sub(r"\b20(2[3-7])\b", lambda m: str(year + (int(m.group(1)) - 25) % 2), text)
    text = re.sub(r"\b(\d{2,4})(/Q[ĐD]-|/KH-|-QĐ/|/CT-)", lambda m: f"{rng.randint(1, 999)}{m.group(2)}", text)
    return shuffle_bullets(text, rng)


def shuffle_bullets(text: str, rng: random.Random, drop: float = 0.0) -> str:
    """Runs of consecutive "- " bullets in another order (same items), each bullet first left
    out with probability `drop` (no draw is made when `drop` is 0)."""
    out, run = [], []
    for line in text.split("\n") + [""]:
        if line.startswith("- "):
            if not drop or rng.random() > drop:
                run.append(line)
            continue
        if run:
            rng.shuffle(run)
            out.extend(run)
            run = []
        out.append(line)
    return "\n".join(out[:-1])


def make_corpus(folder: Path, megabytes: float = 2.0, seed: int = 0, scans: bool = False) -> int:
    """About `megabytes` of plans; with `scans`, copies of the OCR seed (restored on build) too."""
    from compare.read.raw import read_text
    from compare.text.restore import needs_restoring

    rng = random.Random(seed)
    seeds = [
        p for p in sorted((ROOT / "data" / "raw").glob("*.txt")) if scans or not needs_restoring(read_text(p).text)
    ]
    folder.mkdir(parents=True, exist_ok=True)
    total, n = 0, 0
    while total < megabytes * 1e6:
        src = rng.choice(seeds)
        text = _vary(src.read_text(encoding="utf-8"), rng)
        if rng.random() < 0.4 and not src.name.startswith(("001", "003")):
            text = forms.rewrapped(text, width=rng.randint(60, 110), seed=n)
        data = text.encode("utf-8")
        (folder / f"syn_{n:05d}.txt").write_bytes(data)
        total += len(data)
        n += 1
    return total
