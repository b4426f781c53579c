"""Corpora of many plans for scale checks of the reports: each plan made from a seed or a plan
of tests/material/, under another issuer (department, district, commune) of another province,
for another year (2023-2026), with its own number, some of its items dropped and the rest
reordered, sometimes re-wrapped; several plans of one issuer and year on purpose, so that
labels collide and must still come out unique.

    python benchmarks/corpus_gen.py OUT_DIR N [SEED]
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

sys.path.insert(0, str(ROOT / "benchmarks"))

import forms
from synthetic import shuffle_bullets

DEPARTMENTS = [
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Nội vụ",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Giáo dục và Đào tạo",
    "Sở Ngoại vụ",
    "Sở Dân tộc và Tôn giáo",
]
PROVINCES = [
    "Hải Phòng",
    "Nghệ An",
    "Thanh Hóa",
    "Đà Nẵng",
    "Cần Thơ",
    "Quảng Ninh",
    "Lâm Đồng",
    "Tây Ninh",
    "Bắc Ninh",
    "Gia Lai",
    "Đồng Nai",
    "Huế",
    "An Giang",
    "Khánh Hòa",
]
# Issuers as the seeds write them, in the header (capitals) and the text.
SEED_ISSUERS = ["Sở Giáo dục và Đào tạo", "Sở Ngoại vụ", "Sở GDĐT", "Sở GD&ĐT"]
SEED_PROVINCES = ["Hải Phòng", "Bình Phước"]


def _swap(text: str, old: str, new: str) -> str:
    return text.replace(old, new).replace(old.upper(), new.upper())


def vary(text: str, rng: random.Random, issuer: str, province: str, year: int) -> str:
    for old in SEED_ISSUERS:
        text = _swap(text, old, issuer)
    for old in SEED_PROVINCES:
        text = _swap(text, old, province)
    text = re.sub(r"\b20(2[3-7])\b", lambda m: str(year + (int(m.group(1)) - 25) % 2), text)
    text = re.sub(r"(?<=Số: )\d{1,4}(?=/)", lambda m: str(rng.randint(1, 1999)), text)
    text = re.sub(r"(?<=Số )\d{1,4}(?=/)", lambda m: str(rng.randint(1, 1999)), text)
    return shuffle_bullets(text, rng, drop=0.2)  # a plan leaves some catalogue items out


def sources() -> list[Path]:
    from compare.read.raw import read_text
    from compare.text.restore import needs_restoring

    seeds = [p for p in sorted((ROOT / "data" / "raw").glob("*.txt")) if not needs_restoring(read_text(p).text)]
    material = [
        p
        for p in sorted((ROOT / "tests" / "material").glob("*"))
        if p.suffix in (".txt", ".md") and p.name != "english.txt"
    ]
    return seeds + material


def make_plans(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """`n` plan files in `folder`; the same (n, seed) gives the same files."""
    rng = random.Random(seed)
    src = sources()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for k in range(n):
        path = rng.choice(src)
        issuer = rng.choice(DEPARTMENTS) if rng.random() < 0.8 else None
        province = rng.choice(PROVINCES)
        year = rng.choice([2023, 2024, 2025, 2025, 2026, 2026])
        text = path.read_text(encoding="utf-8")
        text = vary(text, rng, issuer or SEED_ISSUERS[0], province, year)
        if rng.random() < 0.3:
            text = forms.rewrapped(text, width=rng.randint(70, 110), seed=k)
        target = folder / f"{k:04d}_{path.stem[:24]}.txt"
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1])
    made = make_plans(out, int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    print(f"{len(made)} plans in {out}")
