from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
MATERIAL = Path(__file__).resolve().parent / "material"
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/forms.py

SEEDS = {
    "000": RAW / "000_04f4ef8ac17a6be6.txt",
    "001": RAW / "001_0295eccbc9e7aa97.txt",
    "002": RAW / "002_f6c5449781db0a59.txt",
    "003": RAW / "003_ebb1f1004e055704.txt",
    "004": RAW / "004_af6ae590234994d3.txt",
}
CLEAN_SEEDS = ["000", "002", "003", "004"]


@pytest.fixture(scope="session")
def seeds() -> dict[str, Path]:
    return SEEDS


@pytest.fixture(scope="session")
def parsed():
    """Every seed parsed once for the whole session."""
    from compare.build import parse_file

    return {key: parse_file(path) for key, path in SEEDS.items()}


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """`compare build` run for real on data/raw into a temporary folder."""
    from compare.build import build

    out = tmp_path_factory.mktemp("processed")
    result = build(RAW, out, echo=lambda *a: None)
    return out, result
