"""Notebooks executed for real, reports opened in a real browser (Debian's Chromium)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import RAW

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NAMES = ["01-corpus-overview", "02-task-clusters", "03-overlaps-and-gaps", "04-year-over-year"]
EVIL = ('<script>window.pwned = 1</script> Xây dựng mô hình dân vận khéo '
        '<img src=x onerror="window.pwned = 2"> tại đơn vị.')


def _report(raw: Path, out: Path) -> Path:
    from compare.analyze import analyze
    from compare.build import build
    from compare.report import render_reports

    processed = out / "processed"
    build(raw, processed, echo=lambda *a: None)
    analyze(processed, echo=lambda *a: None)
    render_reports(processed, out / "reports", raw_dir=raw, echo=lambda *a: None)
    return out / "reports"


@pytest.fixture(scope="module")
def seed_reports(tmp_path_factory):
    return _report(RAW, tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="module")
def evil_reports(tmp_path_factory):
    raw = tmp_path_factory.mktemp("evil_raw")
    for name in ("000_04f4ef8ac17a6be6.txt", "004_af6ae590234994d3.txt"):
        shutil.copy(RAW / name, raw / name)
    text = (RAW / "002_f6c5449781db0a59.txt").read_text(encoding="utf-8")
    text = text.replace("- Xây dựng và thực hiện đề án sắp xếp bộ máy", "- " + EVIL + " Xây dựng đề án sắp xếp bộ máy")
    (raw / "evil.txt").write_text(text, encoding="utf-8")
    return _report(raw, tmp_path_factory.mktemp("evil"))


def test_notebooks_execute_into_self_contained_reports(seed_reports):
    for name in NAMES:
        page = (seed_reports / f"{name}.html").read_text(encoding="utf-8")
        assert "plotly" in page.lower() and "Plotly.newPlot" in page
        assert "<script src=\"http" not in page  # nothing fetched from a network
        assert "Traceback" not in page
    index = (seed_reports / "index.html").read_text(encoding="utf-8")
    assert all(f"{n}.html" in index for n in NAMES) and "5 plans" in index


def _open(page_path: Path):
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        page = browser.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
        page.goto(page_path.as_uri(), wait_until="load")
        page.wait_for_timeout(500)
        result = page.evaluate("""() => ({
            plots: document.querySelectorAll('.js-plotly-plot').length,
            drawn: [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('svg.main-svg')).length,
            pwned: window.pwned || null,
            text: document.body.innerText,
        })""")
        browser.close()
    return result, errors


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is installed by .ci/run (apt-get install chromium)")
def test_every_figure_is_drawn_and_the_console_is_clean(seed_reports):
    for name in NAMES:
        result, errors = _open(seed_reports / f"{name}.html")
        assert result["plots"] >= 1, name
        assert result["drawn"] == result["plots"], (name, result["drawn"], result["plots"])
        assert errors == [], (name, errors)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is installed by .ci/run (apt-get install chromium)")
def test_markup_in_a_plan_is_shown_never_run(evil_reports):
    seen = False
    for name in NAMES:
        result, errors = _open(evil_reports / f"{name}.html")
        assert result["pwned"] is None, name
        assert not [e for e in errors if e.startswith("dialog")], name
        seen |= "<script>window.pwned = 1</script>" in result["text"]
    assert seen  # the markup appears as text in at least one report


def test_notebooks_are_paired_and_stored_without_outputs():
    import jupytext
    import nbformat

    from compare.report import NOTEBOOKS

    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
        assert nb.metadata["jupytext"]["formats"] == "ipynb,py:percent"
        assert all(not c.get("outputs") and not c.get("execution_count") for c in nb.cells if c.cell_type == "code")
        assert any("parameters" in c.metadata.get("tags", []) for c in nb.cells)
        paired = jupytext.read(NOTEBOOKS / f"{name}.py")
        assert [c.source for c in paired.cells] == [c.source for c in nb.cells], name
