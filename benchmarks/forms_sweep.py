"""How far a plan's tasks and metadata survive its other forms, swept wide (`benchmarks/run.py
forms`): the tests pin a selection of these; this prints every variant that falls short.

Plans: the clean seeds and the plans of other layouts in tests/material. Forms: every encoding
and markup form of tests/test_forms.py, re-wrapped (unwrapped first) and hard-wrapped as it
stands at widths 40-140 with three page layouts each, and damage like a scan's at three levels.
A variant passes when >= 95% of the clean plan's tasks come back and <= 5% extra."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import forms
from test_forms import FORMS, agreement, task_keys

WIDTHS = (40, 45, 50, 60, 72, 85, 100, 120, 140)


def _plans() -> dict[str, Path]:
    plans = {
        p.name[:3]: p for p in sorted((ROOT / "data" / "raw").glob("0*.txt")) if not p.name.startswith("001")
    }  # 001 is the scan itself
    for p in sorted((ROOT / "tests" / "material").iterdir()):
        if p.suffix in (".txt", ".md") and p.name != "english.txt":
            plans[p.stem] = p
    return plans


def _variants(key: str, text: str) -> dict[str, str]:
    out = {f: FORMS[f](text) for f in FORMS}
    # a table (markdown, or rows copied with tabs) wrapped at a width is no form a plan takes
    tabled = text.count("|") > 20 or sum(line.count("\t") >= 2 for line in text.split("\n")) >= 3
    for w in () if tabled else WIDTHS:
        for s in (1, 2, 3):
            out[f"rewrap{w}/{s}"] = forms.rewrapped(text, width=w, seed=s * 100 + w)
            if key != "003":  # 003 is PDF text already: wrapping it again as it stands doubles the wraps
                out[f"hard{w}/{s}"] = forms.hard_wrapped(text, width=w, seed=s * 100 + w)
    for drop in (0.3, 0.7, 1.0):
        out[f"scan{drop}"] = forms.ocr_damage(forms.strip_markdown(text), drop=drop, seed=1)
    return out


def main() -> None:
    from compare.build import parse_text

    n = failed = 0
    fields, differ = [0, 0], [0, 0]  # [other forms, scans]
    for key, path in _plans().items():
        text = path.read_text(encoding="utf-8")
        orig = task_keys(text)
        want = dataclasses.asdict(parse_text(text, "x").metadata)
        for name, variant in _variants(key, text).items():
            n += 1
            found, extra = agreement(orig, task_keys(variant))
            if found < 0.95 or extra > 0.05:
                failed += 1
                print(f"  {key:30} {name:14} found {found:.2f}  extra {extra:.2f}  of {len(orig)}")
            scan = name.startswith("scan")
            if scan or (not name.startswith("hard") and "/" not in name) or name == "rewrap72/1":
                got = dataclasses.asdict(parse_text(variant, "x").metadata)
                for k in want:
                    if k != "text_quality":
                        fields[scan] += 1
                        differ[scan] += got[k] != want[k]
    print(f"forms: {n - failed} of {n} variants give back >= 95% of the tasks with <= 5% extra")
    print(
        f"forms: metadata (encodings, markup, one re-wrap) {fields[0] - differ[0]} of {fields[0]} fields "
        "as in the clean plan"
    )
    print(f"forms: metadata of the scans {fields[1] - differ[1]} of {fields[1]} fields as in the clean plan")
