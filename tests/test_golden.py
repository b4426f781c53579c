"""The stored expected tables (tests/golden/, written by `make golden`): every table of the
seeds, of each plan in tests/material/ and of a fixed set of variants is rebuilt and compared
row by row; a failure names the rows and columns that changed."""

from __future__ import annotations

import copy

import golden
import pytest

CASES = golden.cases()


@pytest.mark.parametrize("name", sorted(CASES))
def test_tables_are_the_stored_ones(name):
    stored = golden.load(name)
    assert stored is not None, f"no stored tables for {name}: run `make golden` and commit tests/golden/"
    now = golden.rows(CASES[name]())
    diff = golden.differences(stored, now)
    assert not diff, f"{name}: rows differ from tests/golden/{name}.jsonl (`make golden` if on purpose)\n" + "\n".join(
        diff
    )


def test_every_stored_file_is_a_case():
    stored = {p.relative_to(golden.GOLDEN).with_suffix("").as_posix() for p in golden.GOLDEN.rglob("*.jsonl")}
    assert stored == set(CASES)


def test_a_changed_row_is_named_with_its_column():
    stored = golden.load("seeds/002_f6c5449781db0a59")
    now = copy.deepcopy(stored)
    task = next(r for r in now if r["table"] == "tasks")
    task["theme"] = 9
    gone = next(r for r in now if r["table"] == "lines")
    now.remove(gone)
    diff = golden.differences(stored, now)
    assert diff == [
        f"~ tasks {task['key']}: theme: {next(r for r in stored if r['key'] == task['key'])['theme']} → 9",
        f"- lines {gone['key']}: row gone " + golden._short(gone),
    ]


def test_cases_cover_seeds_material_and_variants():
    groups = {name.split("/")[0] for name in CASES}
    assert groups == {"seeds", "material", "variants", "excerpts"}
    forms = {name.split("~")[1] for name in CASES if name.startswith("variants/")}
    assert {"windows-1258", "tcvn3", "vni", "utf-16", "html-page", "wrapped-60", "scan"} <= forms
    assert sum(name.startswith("material/") for name in CASES) >= 20
