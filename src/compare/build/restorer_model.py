"""Learn the restorer's packaged model from the project's clean plans.

The build restores scans with the word list and this model only (`Restorer.packaged`), never
with what sits in the folder beside a plan, so a plan's rows depend on the plan alone. The
model is regenerable: the same plans give the same bytes, and a test checks that the stored
file is what they give.

    python -m compare.build.restorer_model            # rewrite src/compare/text/vocab/restorer.tsv.gz
    python -m compare.build.restorer_model --check    # exit 1 when the stored file differs

Its version (`compare.text.restore.MODEL_VERSION`) changes when the way of counting does.
"""

from __future__ import annotations

import sys
from pathlib import Path

from compare.read.raw import Rejected, read_text
from compare.text.restore import MODEL_FILE, Restorer, damaged, dump_counts
from compare.text.vietnamese import syllable_stats

ROOT = Path(__file__).resolve().parents[3]
# the project's clean plans: the seeds and the layouts of the parser's test material
SOURCES = ("data/raw", "tests/material")
TARGET = Path(__file__).resolve().parents[1] / "text" / "vocab" / MODEL_FILE


def clean_plans(root: Path = ROOT) -> list[tuple[str, str]]:
    """(path from `root`, text) of every clean Vietnamese plan of SOURCES, in path order
    (scans and text in other languages are left out: nothing to learn marks from)."""
    out = []
    for folder in SOURCES:
        for path in sorted((root / folder).iterdir()):
            if not path.is_file() or path.suffix == ".py" or path.stem.isupper():  # (generators, SOURCES.md)
                continue
            try:
                text = read_text(path).text
            except Rejected:
                continue
            tokens, valid, _ = stats = syllable_stats(text)
            if tokens and valid / tokens >= 0.85 and not damaged(stats):
                out.append((path.relative_to(root).as_posix(), text))
    return out


def model_bytes(root: Path = ROOT) -> bytes:
    """The packaged model's file as the plans of `root` give it."""
    plans = clean_plans(root)
    counts = Restorer()
    for _, text in plans:
        counts.add_text(text)
    return dump_counts(counts, [name for name, _ in plans])


def main(argv: list[str]) -> int:
    data = model_bytes()
    if "--check" in argv:
        same = TARGET.exists() and TARGET.read_bytes() == data
        print(f"{TARGET.name}: {'up to date' if same else 'differs from what the plans give'}")
        return 0 if same else 1
    TARGET.write_bytes(data)
    print(f"wrote {TARGET} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
