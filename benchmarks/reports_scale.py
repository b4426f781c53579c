"""Reports at scale: corpora of 25, 100 and 500 generated plans (corpus_gen.py) are built,
analysed and rendered; each page is opened in Chromium and timed (to its load event, and until
every figure is drawn and every table started), with its size on disk. A page that only
holds text (plan cards) is the floor each page is measured beside, in the same run.

    python benchmarks/run.py reports [--sizes 25,100,500]
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

_READY = """() => { const p = [...document.querySelectorAll('.js-plotly-plot')];
  const t = document.querySelectorAll('table[id^=itables]'); const dt = document.querySelectorAll('.dt-container');
  return p.every(x => x.querySelector('svg.main-svg')) && dt.length >= t.length; }"""


def time_pages(folder: Path) -> list[tuple[str, float, float, float]]:
    """(page, seconds to load, seconds until drawn, MB) for each report page of `folder`."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for page_path in sorted(folder.glob("0*.html")):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            t0 = time.perf_counter()
            page.goto(page_path.as_uri(), wait_until="load")
            loaded = time.perf_counter() - t0
            page.wait_for_function(_READY, timeout=120_000)
            ready = time.perf_counter() - t0
            out.append((page_path.stem, loaded, ready, page_path.stat().st_size / 1e6))
            page.close()
        browser.close()
    return out


def main(sizes: tuple[int, ...] = (25, 100, 500)) -> None:
    from corpus_gen import make_plans

    from compare.analyze import analyze
    from compare.build import build
    from compare.report import render_reports

    print("reports: generated corpora, each page opened in Chromium (load / drawn, size)")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            raw, processed, reports = Path(tmp) / "raw", Path(tmp) / "processed", Path(tmp) / "reports"
            make_plans(raw, n, seed=n)
            t0 = time.perf_counter()
            result = build(raw, processed, echo=lambda *a: None)
            analyze(processed, echo=lambda *a: None)
            render_reports(processed, reports, raw_dir=raw, echo=lambda *a: None)
            made = time.perf_counter() - t0
            tasks = sum(len(d.tasks) for d in result.documents)
            print(
                f"  {n} plans ({len(result.documents)} built, {tasks} tasks): build+analyse+render {made:.0f} s; "
                f"workbook {(reports / 'compare.xlsx').stat().st_size / 1e6:.1f} MB"
            )
            for name, loaded, ready, mb in time_pages(reports):
                flag = "" if ready < 3 else "   (over 3 s)"
                print(f"    {name:24s} load {loaded:5.2f} s  drawn {ready:5.2f} s  {mb:5.1f} MB{flag}")
