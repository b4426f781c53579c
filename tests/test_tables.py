"""Task tables that OCR or a PDF-to-text tool flattened into interleaved column pieces: seed
001's scanned table (against a careful hand restoration) and tables of another layout, made
here from a commune plan written for the tests, clean and damaged like a scan."""

from __future__ import annotations

import sys

import forms
import pytest
from conftest import MATERIAL, ROOT, SEEDS

from compare.build import parse_text
from compare.text.restore import Restorer
from compare.text.vietnamese import fold

sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(MATERIAL))
import commune_table_rows as commune
import table_001


@pytest.fixture(scope="module")
def restorer():
    return Restorer.default([SEEDS[k].read_text(encoding="utf-8") for k in ("000", "002", "003", "004")])


@pytest.fixture(scope="module")
def seed_001(parsed):
    """The scan, parsed (alone: its rows are those it has in any folder)."""
    return parsed["001"]


def test_every_row_of_the_scanned_table_comes_back(seed_001):
    import polars as pl

    report = table_001.evaluate(pl.DataFrame(seed_001.tasks))
    rows = report["rows"]
    assert report["distinct"] == 17 and all(r["label_ok"] for r in rows)
    assert sum(r["time_ok"] for r in rows) == 17
    # two lead cells start with specks ("T%hgll;]gc", "Xgrr]l"): read from what follows them
    assert sum(r["lead_ok"] for r in rows) == 17
    assert sum(r["words"] for r in rows) / len(rows) >= 0.89
    assert min(r["words"] for r in rows) >= 0.7


def test_scanned_table_structure(seed_001):
    tasks = {t["label"]: t for t in seed_001.tasks if t["label"]}
    # items a-c belong to row 3.2, which has no lead or timeframe of its own
    assert tasks["a"]["parent_task_id"] == tasks["b"]["parent_task_id"] == tasks["3.2"]["task_id"]
    assert tasks["3.2"]["lead_units"] == [] and tasks["3.2"]["timeframe"] is None
    # footnotes are not tasks; the documents they cite belong to the row they annotate
    assert not any(t["text"].startswith(("Quyết định số 23", "Luật Thực hiện dân chủ ¢")) for t in seed_001.tasks)
    assert len(tasks["1.1"]["references"]) >= 5 and "82/NQ-HĐND" in tasks["a"]["references"]
    assert tasks["1.1"]["line_end"] >= 105  # its footnote's lines are traceable to it
    # the section-5 heading, cut by a page break and carried elsewhere by OCR, comes back whole
    headings = [fold(s["heading"]) for s in seed_001.sections]
    assert any(
        h.startswith("cac nhiem vu ve sap xep to chuc bo may") and h.endswith("ky luat, ky cuong") for h in headings
    )
    assert not any(t["text"].startswith("NƯỚC TINH GỌN") for t in seed_001.tasks)
    # the bullets of "1. Nhiệm vụ thường xuyên" and of "III. Tổ chức thực hiện" are tasks as anywhere
    assert sum(1 for t in seed_001.tasks if not t["label"]) >= 10
    # every line of the table is accounted for
    assert not seed_001.fell_through


def _want():
    return [
        (f"{g}.{r}", text, lead, time)
        for g, (_, rows) in enumerate(commune.GROUPS, 1)
        for r, (text, lead, _, time) in enumerate(rows, 1)
    ]


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_flattened_table_of_another_plan(seed, restorer):
    table = forms.flattened_table(commune.GROUPS, seed=seed)
    for damaged in (False, True):
        text = commune.HEAD + table + "\n" + commune.TAIL
        if damaged:
            text = forms.ocr_damage(text, drop=0.8, seed=seed)
        doc = parse_text(text, "t", restorer=restorer)
        assert doc.metadata.text_quality == ("ocr" if damaged else "clean")
        tasks = {t["label"]: t for t in doc.tasks if t["label"]}
        want = _want()
        assert set(tasks) == {w[0] for w in want}
        leads = sum(
            fold(tasks[label]["lead_units"][0]).startswith(fold(lead)) if tasks[label]["lead_units"] else 0
            for label, _, lead, _ in want
        )
        times = sum(
            fold(tasks[label]["timeframe"] or "").replace(" ", "") == fold(time).replace(" ", "")
            for label, _, _, time in want
        )
        words = sum(table_001.word_match(text_, tasks[label]["text"]) for label, text_, _, _ in want) / len(want)
        if damaged:
            assert leads >= 6 and times >= 6 and words >= 0.85
        else:
            assert leads == times == len(want) and words >= 0.97
        groups = [s for s in doc.sections if s["label"] in ("1", "2", "3")]
        assert [fold(s["heading"])[:20] for s in groups] == [fold(h)[:20] for h, _ in commune.GROUPS]


def test_plans_without_a_flattened_table_are_left_alone(parsed):
    from compare.parse import flat_tables
    from compare.parse.lines import split_lines

    for key in ("000", "002", "003", "004"):
        lines = split_lines(SEEDS[key].read_text(encoding="utf-8"))
        assert flat_tables.rebuild(lines) == lines
