"""Notebooks executed for real, reports opened in a real browser (Debian's Chromium)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import MATERIAL, RAW, ROOT

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NAMES = sorted(p.stem for p in (Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
EVIL = (
    '<script>window.pwned = 1</script> Xây dựng mô hình dân vận khéo <img src=x onerror="window.pwned = 2"> tại đơn vị.'
)


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
def seed_reports(corpus25):
    """The reports of the 25-plan corpus (the seeds among them): rendered once for every test."""
    return corpus25[1]


def test_notebooks_execute_into_self_contained_reports(seed_reports, corpus25):
    with_figures = 0
    for name in NAMES:
        page = (seed_reports / f"{name}.html").read_text(encoding="utf-8")
        with_figures += "Plotly.newPlot" in page
        assert '<script src="http' not in page and "https://cdn" not in page  # nothing fetched from a network
        assert "Traceback" not in page
    index = (seed_reports / "index.html").read_text(encoding="utf-8")
    assert all(f"{n}.html" in index for n in NAMES) and f"{corpus25[0].documents.height} kế hoạch" in index
    assert (seed_reports / "plotly.min.js").stat().st_size > 1_000_000  # one bundle beside the pages
    assert with_figures >= 4
    assert (seed_reports / "datatables.js").stat().st_size > 500_000  # and one DataTables bundle
    from compare.report import tables_asset_js

    bundle_start = tables_asset_js()[40:200]  # the DataTables bundle, base64: never inside a page
    for name in NAMES:
        page = (seed_reports / f"{name}.html").read_text(encoding="utf-8")
        assert "Plotly.newPlot" not in page or 'src="plotly.min.js"' in page
        assert bundle_start not in page and "function(" not in page[:2000]
        assert "itables" not in page or 'src="datatables.js"' in page


def _open(page_path: Path, actions=None):
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        page = browser.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
        page.goto(page_path.as_uri(), wait_until="load")
        page.wait_for_timeout(500)
        extra = actions(page) if actions else None
        result = page.evaluate("""() => ({
            plots: document.querySelectorAll('.js-plotly-plot').length,
            drawn: [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('svg.main-svg')).length,
            pwned: window.pwned || null,
            text: document.body.innerText,
            tools: [...document.querySelectorAll('.modebar-btn')].map(b => b.getAttribute('data-title')),
        })""")
        browser.close()
    if actions:
        result["extra"] = extra
    return result, errors


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is installed by .ci/run (apt-get install chromium)")
def test_every_figure_is_drawn_the_console_is_clean_and_markup_is_never_run(seed_reports):
    """Each page opened once: every figure drawn, no console error, and the markup a plan
    holds (evil.txt) shown as text, never run."""
    plots, seen = 0, False
    for name in NAMES:
        result, errors = _open(seed_reports / f"{name}.html")
        plots += result["plots"]
        assert result["drawn"] == result["plots"], (name, result["drawn"], result["plots"])
        assert errors == [], (name, errors)
        assert result["pwned"] is None, name
        seen |= "<script>window.pwned = 1</script>" in result["text"]
    assert plots >= 8
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


# --- a corpus of 25+ plans with colliding issuers ---------------------------------------------


@pytest.fixture(scope="module")
def corpus25(tmp_path_factory):
    """The seeds, the material plans, and copies of two plans under other file names: the
    same issuer and year several times over (labels must still be unique)."""
    raw = tmp_path_factory.mktemp("raw25")
    for path in list(RAW.glob("*.txt")) + [p for p in MATERIAL.iterdir() if p.suffix in (".txt", ".md", ".html")]:
        shutil.copy(path, raw / path.name)
    for k, name in enumerate(("002_f6c5449781db0a59.txt", "004_af6ae590234994d3.txt")):
        text = (RAW / name).read_text(encoding="utf-8")
        (raw / f"copy_{k}.txt").write_text(text.replace("Nguyễn", "Trần") + "\n", encoding="utf-8")
    # markup in a task of the plan that sorts first (its tasks open the tables): shown, never run
    text = (RAW / "002_f6c5449781db0a59.txt").read_text(encoding="utf-8")
    text = text.replace("- Thực hiện đăng ký và xây dựng kế hoạch", "- " + EVIL + " Thực hiện đăng ký kế hoạch")
    assert EVIL in text
    (raw / "0000_evil.txt").write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("c25")
    reports = _report(raw, out)
    import compare

    return compare.load(out / "processed"), reports


_HEATMAP_ROWS = """() => [...document.querySelectorAll('.js-plotly-plot')]
    .filter(p => p.data && p.data.length === 1 && p.data[0].type === 'heatmap')
    .map(p => ({title: p.layout.title.text, rows: p.data[0].z.length, labels: (p.data[0].y || []).map(String),
                per_plan: !!(p.layout.meta && p.layout.meta.rows === 'plans')}))"""


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is installed by .ci/run (apt-get install chromium)")
def test_every_heatmap_has_one_row_per_plan_with_unique_labels(corpus25):
    corpus, reports = corpus25
    plans = corpus.documents.height
    assert plans >= 25
    assert len(set(corpus.labels.values())) == plans
    seen = 0
    for name in NAMES:
        result, errors = _open(reports / f"{name}.html", lambda page: page.evaluate(_HEATMAP_ROWS))
        assert errors == [], (name, errors)
        for heat in result["extra"]:
            if heat["per_plan"]:  # the heatmaps whose rows are plans say so
                assert heat["rows"] == plans, (name, heat["title"])
                assert len(set(heat["labels"])) == plans, (name, heat["title"])
                seen += 1
    assert seen >= 3  # plan × theme, plan × cluster, plan × plan


def _search(page):
    table = page.locator(".dt-container").first
    before = table.locator("tbody tr").count()
    info_before = table.locator(".dt-info").inner_text()
    table.locator("input[type=search]").fill("phường Đông Hải")
    page.wait_for_timeout(300)
    rows = table.locator("tbody tr").all_inner_texts()
    info_after = table.locator(".dt-info").inner_text()
    with page.expect_download() as download:
        table.get_by_text("Tải CSV").click()
    path = download.value.path()
    return {
        "before": before,
        "rows": rows,
        "info_before": info_before,
        "info_after": info_after,
        "csv": Path(path).read_bytes(),
    }


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is installed by .ci/run (apt-get install chromium)")
def test_a_search_filters_the_plans_table_and_its_csv_downloads(corpus25):
    _, reports = corpus25
    result, errors = _open(reports / "01-corpus-overview.html", _search)
    extra = result["extra"]
    assert errors == []
    assert extra["rows"] and all("Đông Hải" in r for r in extra["rows"])
    assert len(extra["rows"]) < extra["before"] or extra["info_after"] != extra["info_before"]
    assert "lọc từ" in extra["info_after"]
    csv = extra["csv"]
    assert csv.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads Vietnamese
    text = csv.decode("utf-8-sig")
    assert "Cơ quan ban hành" in text.splitlines()[0] and "Đông Hải" in text


def _download_tasks(page):
    table = page.locator(".dt-container").filter(has_text="Mã nhiệm vụ").first
    with page.expect_download() as download:
        table.get_by_text("Tải CSV").click()
    return Path(download.value.path()).read_bytes().decode("utf-8-sig")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is installed by .ci/run (apt-get install chromium)")
def test_the_tasks_table_downloads_every_task_as_csv(corpus25):
    import csv
    import io

    corpus, reports = corpus25
    result, errors = _open(reports / "01-corpus-overview.html", _download_tasks)
    assert errors == []
    rows = list(csv.DictReader(io.StringIO(result["extra"])))
    assert {r["Mã nhiệm vụ"] for r in rows} == set(corpus.tasks["task_id"])
    assert set(r["Kế hoạch"] for r in rows) <= set(corpus.labels.values())


def test_the_workbook_holds_every_task_and_no_formula(corpus25):
    import openpyxl

    corpus, reports = corpus25
    book = openpyxl.load_workbook(reports / "compare.xlsx")
    assert {"Kế hoạch", "Nhiệm vụ", "Trùng lặp", "Cụm", "Thay đổi", "Trích dẫn"} <= set(book.sheetnames)
    sheet = book["Nhiệm vụ"]
    header = [c.value for c in sheet[1]]
    ids = {row[header.index("Mã nhiệm vụ")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert ids == set(corpus.tasks["task_id"])
    plans = {row[0] for row in book["Kế hoạch"].iter_rows(min_row=2, values_only=True)}
    assert plans == set(corpus.labels.values())
    for ws in book:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)


_CODE_WORD = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")
_ENGLISH_STATUS = re.compile(
    r"\b(kept|modified|dropped|verbatim|paraphrase|duplicate|department|commune|"
    r"province|district|True|False|None|nan)\b"
)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is installed by .ci/run (apt-get install chromium)")
def test_no_code_names_or_english_status_words_are_shown(corpus25):
    corpus, reports = corpus25
    files = sorted(corpus.documents["doc_id"].to_list(), key=len, reverse=True)  # names the user gave
    for name in NAMES + ["index"]:
        result, _ = _open(
            reports / f"{name}.html",
            lambda page: page.evaluate("() => [...document.querySelectorAll('em')].map(e => e.innerText)"),
        )
        text = result["text"]
        for subtitle in result["extra"] + files:  # English may follow as a subtitle
            text = text.replace(subtitle, "")
        assert not _CODE_WORD.findall(text), (name, sorted(set(_CODE_WORD.findall(text)))[:10])
        assert not _ENGLISH_STATUS.findall(text), (name, sorted(set(_ENGLISH_STATUS.findall(text)))[:10])
        english_tools = [
            t for t in result["tools"] if re.search(r"\b(Download|Zoom|Pan|Reset|Autoscale|Select)", t or "")
        ]
        assert not english_tools, (name, english_tools[:5])


def test_make_lab_starts_on_the_project_kernel_and_prints_its_url():
    """`make lab` as whoever runs the tests (root in containers): the server starts, says where
    it listens, and the notebooks' kernel is the project's."""
    import os
    import signal
    import subprocess
    import time

    import nbformat

    from compare.report import NOTEBOOKS

    root = ROOT
    proc = subprocess.Popen(
        ["make", "-s", "lab", "LAB_ARGS=--ServerApp.port=0 --ServerApp.open_browser=False"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    url, seen = None, []
    try:
        deadline = time.time() + 90
        while time.time() < deadline and url is None:
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(line)
            if "http://127.0.0.1:" in line and "token=" in line:
                url = line.strip()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    assert url, "".join(seen[-20:])
    assert not any("Running as root is not recommended. Use --allow-root" in s for s in seen)
    kernels = subprocess.run(
        [str(root / ".venv" / "bin" / "jupyter"), "kernelspec", "list"], capture_output=True, text=True
    ).stdout
    assert "compare" in kernels
    for path in NOTEBOOKS.glob("*.ipynb"):
        assert nbformat.read(path, as_version=4).metadata["kernelspec"]["name"] == "compare"


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is installed by .ci/run (apt-get install chromium)")
def test_a_card_per_plan_and_a_block_per_pair_of_plans(corpus25):
    corpus, reports = corpus25
    result, errors = _open(
        reports / "06-plan-cards.html",
        lambda page: page.evaluate(
            """() => [...document.querySelectorAll('details.card')].map(d => ({
              summary: d.querySelector('summary').innerText, warn: !!d.querySelector('.warn')}))"""
        ),
    )
    cards = result["extra"]
    assert errors == []
    assert len(cards) == corpus.documents.height
    assert sorted(c["summary"].split(" · ")[0] for c in cards) == sorted(
        label.split(" · ")[0] for label in corpus.labels.values()
    )
    scans = set(corpus.documents.filter(corpus.documents["text_quality"] == "ocr")["doc_id"].to_list())
    assert sum(c["warn"] for c in cards) == len(scans)
    result, _ = _open(
        reports / "04-overlaps.html",
        lambda page: page.evaluate(
            "() => [...document.querySelectorAll('details')].map(d => d.querySelector('summary').innerText)"
        ),
    )
    blocks = result["extra"]
    assert blocks and all(" × " in b and " cặp (" in b for b in blocks)
