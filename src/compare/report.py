"""Figures and tables for notebooks, and the rendered HTML reports.

`show(fig)` sends a figure both as plotly's own mimetype (interactive in JupyterLab) and as
HTML with plotly.js inlined the first time (so that exported reports open offline).
`render_reports` executes the notebooks with papermill and exports them to self-contained
HTML, plus an index page.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from pathlib import Path

import polars as pl

PACKAGE = Path(__file__).resolve().parent
NOTEBOOKS = PACKAGE.parents[1] / "notebooks"

_plotly_js_sent = False


def show(fig) -> None:
    """Display a plotly figure in a notebook (interactive) and in its HTML export (offline)."""
    global _plotly_js_sent
    from IPython.display import display

    include = not _plotly_js_sent
    _plotly_js_sent = True
    bundle = {
        "application/vnd.plotly.v1+json": json.loads(fig.to_json()),
        "text/html": fig.to_html(full_html=False, include_plotlyjs=include, config={"displaylogo": False}),
        "text/plain": f"<plotly figure: {fig.layout.title.text or ''}>",
    }
    display(bundle, raw=True)


def html_table(frame: pl.DataFrame, html_columns: tuple[str, ...] = (), max_rows: int = 500) -> str:
    """A DataFrame as an HTML table; every cell escaped except `html_columns`, which the
    caller has built from escaped pieces (word diffs)."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    body = []
    for row in frame.head(max_rows).iter_rows():
        cells = []
        for col, value in zip(frame.columns, row):
            if isinstance(value, list):
                value = "; ".join(map(str, value))
            text = "" if value is None else str(value)
            cells.append(f"<td>{text if col in html_columns else html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = f"<p>… {frame.height - max_rows} more rows</p>" if frame.height > max_rows else ""
    style = ("<style>.compare-table td,.compare-table th{text-align:left!important;vertical-align:top;"
             "padding:3px 6px}.compare-table del{color:#b00}.compare-table ins{color:#070}</style>")
    return (f'{style}<table class="compare-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>{more}')


def show_table(frame: pl.DataFrame, html_columns: tuple[str, ...] = (), max_rows: int = 500) -> None:
    from IPython.display import HTML, display

    display(HTML(html_table(frame, html_columns, max_rows)))


REPORTS = [
    ("01-corpus-overview", "Tổng quan kho kế hoạch · corpus overview"),
    ("02-task-clusters", "Cụm nhiệm vụ · task clusters"),
    ("03-overlaps-and-gaps", "Trùng lặp và thiếu sót · overlaps and gaps"),
    ("04-year-over-year", "So sánh qua các năm · year over year"),
]


def render_reports(processed: Path, out_dir: Path, raw_dir: Path | None = None, echo=print,
                   notebooks: Path | None = None) -> list[Path]:
    """Execute every notebook on `processed` and export each to self-contained HTML."""
    import nbformat
    import papermill as pm
    from nbconvert import HTMLExporter

    notebooks = Path(notebooks or NOTEBOOKS)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    work = out_dir / ".executed"
    work.mkdir(exist_ok=True)
    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(PACKAGE / "templates")])
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    written = []
    for name, title in REPORTS:
        src = notebooks / f"{name}.ipynb"
        executed = work / f"{name}.ipynb"
        pm.execute_notebook(str(src), str(executed), parameters={"processed": str(Path(processed).resolve())},
                            kernel_name="python3", progress_bar=False, log_output=False, cwd=str(notebooks))
        nb = nbformat.read(executed, as_version=4)
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
        target = out_dir / f"{name}.html"
        tmp = target.with_suffix(".html.tmp")
        tmp.write_text(body, encoding="utf-8")
        os.replace(tmp, target)
        written.append(target)
        echo(f"report: {target}")
    docs = pl.read_parquet(Path(processed) / "documents.parquet")
    index = _index_html(docs, raw_dir, written)
    (out_dir / "index.html").write_text(index, encoding="utf-8")
    echo(f"report: {out_dir / 'index.html'}")
    return written


def _index_html(docs: pl.DataFrame, raw_dir: Path | None, pages: list[Path]) -> str:
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in
                         (r["doc_id"], r["issuer"], r["jurisdiction"], r["doc_type"], r["number"], r["year"],
                          r["period"], r["n_tasks"], r["text_quality"])) + "</tr>"
        for r in docs.iter_rows(named=True))
    links = "".join(f'<li><a href="{html.escape(p.name)}">{html.escape(t)}</a></li>'
                    for p, (_, t) in zip(pages, REPORTS))
    today = dt.date.today().isoformat()
    source = html.escape(str(raw_dir)) if raw_dir else "?"
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>compare · báo cáo</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto}}td,th{{border:1px solid #ccc;padding:4px 8px}}
table{{border-collapse:collapse}}</style></head><body>
<h1>So sánh kế hoạch công tác dân vận chính quyền</h1>
<p>Corpus: {docs.height} plans from <code>{source}</code>, {int(docs['n_tasks'].sum())} tasks.
Generated {today} by <code>compare report</code>.</p>
<ul>{links}</ul>
<table><thead><tr><th>doc_id</th><th>issuer</th><th>jurisdiction</th><th>type</th><th>number</th><th>year</th>
<th>period</th><th>tasks</th><th>text</th></tr></thead><tbody>{rows}</tbody></table>
</body></html>
"""
