"""Property-based checks: build never raises on arbitrary text; wraps do not change tasks."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import forms
from compare.build import parse_text
from compare.raw import Rejected, decode_bytes
from conftest import SEEDS
from test_forms import agreement, task_keys

# Plan-like fragments mixed with arbitrary characters: pieces a parser trips on.
_PIECE = st.one_of(
    st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyAĐIVX0123456789 .,;:-+*#|()/\n\t\u0301\u0323", max_size=30),
    st.sampled_from(["Quý 3", "KẾ HOẠCH", "Nơi nhận:", "I. ", "1. ", "- ", "+ ", "ngày 12 tháng 3 năm 2025",
                     "Số: 12/KH-UBND", "GIÁM ĐỐC", "\r\n", "\n\n", "Thực hiện công tác dân vận ", "| a | b |"]),
    st.text(max_size=10),
)
_LINE = st.lists(_PIECE, max_size=40).map("".join)


@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LINE)
def test_parse_never_raises_on_arbitrary_text(text):
    try:
        doc = parse_text(text, "h")
    except Rejected:
        return
    assert doc.tasks  # a plan that is not rejected has tasks


@settings(max_examples=60, derandomize=True, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_never_raises_on_arbitrary_bytes(data):
    try:
        text, _ = decode_bytes(data)
    except Rejected:
        return
    assert isinstance(text, str)


@settings(max_examples=12, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["000", "002", "004"]), st.integers(min_value=55, max_value=130), st.integers(0, 1000))
def test_rewrapping_keeps_the_tasks(key, width, seed):
    text = SEEDS[key].read_text(encoding="utf-8")
    found, extra = agreement(task_keys(text), task_keys(forms.rewrapped(text, width=width, seed=seed)))
    assert found >= 0.95 and extra <= 0.05
