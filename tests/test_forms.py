"""The same tasks from a plan whatever its form (issue acceptance: >= 95% back, <= 5% extra)."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

import forms
from compare.build import parse_text
from compare.raw import decode_bytes
from compare.vietnamese import fold
from conftest import SEEDS


def task_keys(text: str) -> list[str]:
    return [fold(t["text"]) for t in parse_text(text, "x").tasks]


def agreement(orig: list[str], other: list[str]) -> tuple[float, float]:
    """(share of the original tasks found again, extra tasks as a share of the original)."""
    used: set[int] = set()
    found = 0
    for o in orig:
        best = max(((fuzz.ratio(o, v), i) for i, v in enumerate(other) if i not in used), default=(0, -1))
        if best[0] >= 95:
            found += 1
            used.add(best[1])
    return found / len(orig), (len(other) - len(used)) / len(orig)


def _decoded(data: bytes) -> str:
    return decode_bytes(data)[0].replace("\r\n", "\n")


FORMS = {
    "plain-crlf-nfd-bom": lambda t: _decoded(forms.plain_crlf_nfd_bom(t)),
    "windows-1258": lambda t: _decoded(forms.windows_1258(t)),
    "tcvn3": lambda t: _decoded(forms.tcvn3(t)),
    "vni": lambda t: _decoded(forms.vni(t)),
    "utf-16": lambda t: _decoded(forms.utf16(t)),
    "markdown-stripped": forms.strip_markdown,
}


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("key", ["000", "002", "003", "004"])
def test_same_tasks_in_every_encoding_and_markup(key, form):
    text = SEEDS[key].read_text(encoding="utf-8")
    found, extra = agreement(task_keys(text), task_keys(FORMS[form](text)))
    assert found >= 0.95 and extra <= 0.05, (found, extra)


@pytest.mark.parametrize("width", [60, 72, 78, 85, 95, 110])
@pytest.mark.parametrize("key", ["000", "002", "004"])
def test_same_tasks_when_hard_wrapped_with_page_numbers(key, width):
    text = SEEDS[key].read_text(encoding="utf-8")
    wrapped = forms.rewrapped(text, width=width, seed=width)
    assert "\n\n" in wrapped and any(line.strip().isdigit() for line in wrapped.split("\n"))
    found, extra = agreement(task_keys(text), task_keys(wrapped))
    assert found >= 0.95 and extra <= 0.05, (found, extra)


def test_legacy_encodings_are_detected():
    text = SEEDS["002"].read_text(encoding="utf-8")
    assert decode_bytes(forms.windows_1258(text))[1] == "windows-1258"
    assert decode_bytes(forms.tcvn3(text))[1] == "tcvn3"
    assert decode_bytes(forms.vni(text))[1] == "vni"
    assert decode_bytes(forms.plain_crlf_nfd_bom(text))[1] == "utf-8-sig"
