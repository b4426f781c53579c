"""A plan's rows depend on the plan alone: built by itself, or beside twenty and more other
files (clean plans of many layouts, scans, a reject), it gives the same rows in every table.
The restorer learns from its packaged model only; learning from the folder is a choice that
never changes metadata."""

from __future__ import annotations

import shutil
from pathlib import Path

import forms
import polars as pl
import pytest
from conftest import MATERIAL, RAW

from compare.build.pipeline import build, build_corpus
from compare.build.restorer_model import TARGET, model_bytes

TABLES = ("documents", "sections", "tasks", "references", "lines")


def _crowd(root: Path) -> Path:
    """The seeds, every file of tests/material, and scans of four of them: 30 files."""
    raw = root / "plans"
    raw.mkdir(parents=True)
    for path in [*sorted(RAW.glob("*.txt")), *sorted(MATERIAL.iterdir())]:
        if path.is_file() and path.suffix != ".py":
            shutil.copy(path, raw / path.name)
    for n, path in enumerate(sorted(MATERIAL.glob("*.txt"))[:4]):
        text = forms.strip_markdown(path.read_text(encoding="utf-8"))
        (raw / f"scan_{path.stem}.txt").write_text(forms.ocr_damage(text, drop=0.7, seed=n), encoding="utf-8")
    return raw


def _rows(result, doc_id: str) -> dict[str, list[dict]]:
    return {name: result.tables[name].filter(pl.col("doc_id") == doc_id).to_dicts() for name in TABLES}


def test_each_plan_built_alone_gives_the_rows_it_gives_beside_the_others(tmp_path):
    crowd = _crowd(tmp_path / "together")
    together = build_corpus(crowd)
    assert len(list(crowd.iterdir())) >= 21 and together.tables["documents"].height >= 20
    assert together.tables["documents"]["text_quality"].to_list().count("ocr") >= 4
    for k, path in enumerate(sorted(crowd.iterdir())):
        folder = tmp_path / f"alone{k}" / "plans"
        folder.mkdir(parents=True)
        shutil.copy(path, folder / path.name)
        alone = build_corpus(folder)
        if alone.rejects:
            assert [r["reason"] for r in together.rejects if r["source_path"] == f"plans/{path.name}"] == [
                r["reason"] for r in alone.rejects
            ]
            continue
        doc_id = alone.documents[0].doc_id
        assert _rows(alone, doc_id) == _rows(together, doc_id), path.name


@pytest.mark.slow
def test_learning_from_the_folder_is_a_choice_that_never_changes_metadata(tmp_path):
    crowd = _crowd(tmp_path)
    plain = build_corpus(crowd)
    learnt = build_corpus(crowd, learn_from_folder=True)
    assert plain.tables["documents"].equals(learnt.tables["documents"])
    scans = plain.tables["documents"].filter(pl.col("text_quality") == "ocr")["doc_id"]
    clean = plain.tables["tasks"].filter(~pl.col("doc_id").is_in(scans.to_list()))
    assert clean.equals(learnt.tables["tasks"].filter(~pl.col("doc_id").is_in(scans.to_list())))
    # (the scans' task text is restored with more to learn from: it may differ, never its count)
    assert plain.tables["tasks"].height == learnt.tables["tasks"].height


@pytest.mark.slow
def test_the_summary_says_how_scans_were_restored(tmp_path):
    crowd = _crowd(tmp_path)
    said: list[str] = []
    build(crowd, tmp_path / "out", echo=said.append, jobs=1)
    assert any("packaged model alone" in s and "restorer-1" in s for s in said)
    said.clear()
    build(crowd, tmp_path / "out", echo=said.append, jobs=1, learn_from_folder=True)
    assert any("metadata as the packaged model reads it" in s for s in said)


def test_source_paths_do_not_depend_on_where_compare_runs(tmp_path, monkeypatch):
    crowd = _crowd(tmp_path)
    monkeypatch.chdir(tmp_path)
    here = build_corpus(crowd).tables["documents"]["source_path"].to_list()
    monkeypatch.chdir(crowd)
    there = build_corpus(Path(".")).tables["documents"]["source_path"].to_list()
    assert here == there and here[0].startswith("plans/")


@pytest.mark.slow
def test_the_packaged_restorer_model_is_what_the_project_plans_give():
    """The model file is regenerable: `python -m compare.build.restorer_model` from the
    seeds and tests/material gives these very bytes."""
    assert model_bytes() == TARGET.read_bytes()
