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
from importlib import resources
from pathlib import Path
from typing import Any

import polars as pl

PACKAGE = Path(__file__).resolve().parent
# The notebooks ship inside the package (`notebooks/` at the repository's root links here).
NOTEBOOKS = Path(str(resources.files("compare.report") / "notebooks"))

_sent: set[str] = set()  # the scripts this kernel has already put in its outputs

# Where a rendered report finds plotly.js: a file beside it (set by `render_reports`), so that
# five pages share one bundle; unset (a notebook exported by hand), it is inlined once per page.
PLOTLY_ASSET_ENV = "COMPARE_PLOTLY_JS"
PLOTLY_ASSET = "plotly.min.js"
# Likewise the DataTables bundle of itables (as a classic script holding it, so that it loads
# from a file:// page; the module itself is then imported from a blob, as itables does).
TABLES_ASSET_ENV = "COMPARE_TABLES_JS"
TABLES_ASSET = "datatables.js"

# DataTables' words in Vietnamese.
TABLE_LANGUAGE: dict[str, Any] = {
    "search": "Tìm:",
    "lengthMenu": "Hiện _MENU_ dòng",
    "info": "Dòng _START_–_END_ trong _TOTAL_",
    "infoEmpty": "Không có dòng nào",
    "infoFiltered": "(lọc từ _MAX_ dòng)",
    "zeroRecords": "Không tìm thấy dòng nào",
    "emptyTable": "Bảng trống",
    "loadingRecords": "Đang tải…",
    "paginate": {"first": "«", "last": "»", "next": "›", "previous": "‹"},
    "lengthLabels": {"-1": "tất cả"},
    "buttons": {"pageLength": {"_": "Hiện %d dòng", "-1": "Hiện tất cả"}},
}

_TABLE_CSS = """<style>
.dt-container { font-size: 13px; }
table.dataTable td, table.dataTable th { vertical-align: top; white-space: normal; max-width: 46em;
  text-align: left !important; }
.cell-clamp { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden;
  cursor: zoom-in; }
.cell-clamp.open { display: block; -webkit-line-clamp: unset; cursor: zoom-out; }
table.dataTable del { color: #b00; } table.dataTable ins { color: #070; text-decoration: none;
  background: #e6ffe6; }
</style>
<script>document.addEventListener("click", function (e) {
  var c = e.target.closest && e.target.closest(".cell-clamp"); if (c) { c.classList.toggle("open"); } });
</script>"""


def show(fig) -> None:
    """Display a plotly figure in a notebook (interactive) and in its HTML export (offline)."""
    from IPython.display import display

    from compare.report.display import PLOTLY_LOCALE

    first = "plotly" not in _sent  # plotly.js goes in once per page, before the first figure
    _sent.add("plotly")
    head = ""
    if first:
        asset = os.environ.get(PLOTLY_ASSET_ENV)
        if asset:
            head = f'<script charset="utf-8" src="{html.escape(asset)}"></script>'
        else:
            from plotly.offline import get_plotlyjs

            head = f'<script charset="utf-8">{get_plotlyjs()}</script>'
        head += f"<script>Plotly.register({json.dumps(PLOTLY_LOCALE, ensure_ascii=False)});</script>"
    config = {"displaylogo": False, "locale": "vi"}
    bundle = {
        "application/vnd.plotly.v1+json": json.loads(fig.to_json()),
        "text/html": head + fig.to_html(full_html=False, include_plotlyjs=False, config=config),
        "text/plain": f"<plotly figure: {fig.layout.title.text or ''}>",
    }
    display(bundle, raw=True)


def note(text: str) -> None:
    """A line of text in a report (escaped), set as the page's prose rather than as code output."""
    from IPython.display import HTML, display

    display(HTML(f"<p>{html.escape(text, quote=False)}</p>"))


def _cell(column: str, value, raw_html: bool) -> str:
    from compare.report.display import value_text

    text = value if raw_html and isinstance(value, str) else html.escape(value_text(column, value), quote=False)
    return f'<div class="cell-clamp">{text}</div>' if len(text) > 180 else text


def display_frame(
    frame: pl.DataFrame, documents: pl.DataFrame | None = None, html_columns: tuple[str, ...] = (), plain: bool = False
) -> pl.DataFrame:
    """A table as an analyst reads it: plan ids become plan labels, codes become words, dates
    dd/mm/yyyy, headers in Vietnamese (`compare.display`), every cell escaped except
    `html_columns`, which the caller built from escaped pieces (word diffs). `plain`: text for
    a CSV file (nothing escaped, `html_columns` left out)."""
    from compare.analyze.labels import plan_labels
    from compare.report.display import ID_COLUMNS, VALUES, column_text, value_text
    from compare.report.export import no_formula

    labels = plan_labels(documents) if documents is not None else {}
    columns = {}
    for col in frame.columns:
        if plain and col in html_columns:
            continue
        values = frame[col].to_list()
        if col in ID_COLUMNS and labels:
            values = [labels.get(v, v) for v in values]
        dtype = frame.schema[col]
        if dtype.is_integer() and col not in ID_COLUMNS and col not in VALUES:
            columns[column_text(col)] = pl.Series(values, dtype=pl.Int64)
        elif col == "similarity":
            columns[column_text(col) + " (%)"] = pl.Series(
                [None if v is None else round(100 * v) for v in values], dtype=pl.Int64
            )
        elif plain:
            columns[column_text(col)] = pl.Series([no_formula(value_text(col, v)) for v in values], dtype=pl.Utf8)
        else:
            columns[column_text(col)] = pl.Series([_cell(col, v, col in html_columns) for v in values], dtype=pl.Utf8)
    return pl.DataFrame(columns)


def _n(number: int) -> str:
    """A count as Vietnamese write it: 12.345."""
    return f"{number:,}".replace(",", ".")


def write_csv(
    frame: pl.DataFrame, path: Path, documents: pl.DataFrame | None = None, html_columns: tuple[str, ...] = ()
) -> Path:
    """A table as a CSV file an analyst opens in Excel: Vietnamese headers and words, UTF-8 with
    BOM, no cell read as a formula; written atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    display_frame(frame, documents, html_columns, plain=True).write_csv(tmp, include_bom=True)
    os.replace(tmp, path)
    return path


def table_html(
    frame: pl.DataFrame,
    documents: pl.DataFrame | None = None,
    html_columns: tuple[str, ...] = (),
    name: str = "bang",
    page_length: int = 10,
) -> str:
    """An interactive table (itables/DataTables: search, sort, paging, every row reachable) with a
    button that downloads it as CSV (UTF-8 with BOM, which Excel reads as Vietnamese)."""
    from itables import to_html_datatable

    shown = display_frame(frame, documents, html_columns)
    return to_html_datatable(
        shown,
        allow_html=True,
        maxBytes=0,
        maxRows=0,
        connected=False,
        showIndex=False,
        show_dtypes=False,
        classes="display compact",
        pageLength=page_length,
        lengthMenu=[10, 25, 100, -1],
        deferRender=True,
        layout={"topStart": "buttons", "topEnd": "search", "bottomStart": "info", "bottomEnd": "paging"},
        buttons=[
            "pageLength",
            {
                "extend": "csvHtml5",
                "text": "Tải CSV",
                "bom": True,
                "filename": name,
                "exportOptions": {"orthogonal": "export"},
            },
        ],
        language=TABLE_LANGUAGE,
        display_logo_when_loading=False,
        style="width:100%;margin:0",
    )


def _ensure_tables() -> None:
    """The DataTables bundle, once per notebook, inlined so that the report opens offline."""
    if "tables" in _sent:
        return
    from IPython.display import HTML, display
    from itables import init_notebook_mode

    asset = os.environ.get(TABLES_ASSET_ENV)
    if asset:
        display(HTML(_tables_init_beside(asset)))
    else:
        init_notebook_mode(all_interactive=False, connected=False)
    display(HTML(_TABLE_CSS))
    _sent.add("tables")


def _tables_init_beside(asset: str) -> str:
    """itables' offline start-up, reading its bundle from the script `asset` beside the page
    instead of carrying it inline (1 MB less per page)."""
    from itables.javascript import (
        _itables_ready_event,
        _itables_underscore_version,
        read_package_file,
    )

    version = _itables_underscore_version()
    init = read_package_file("html/init_datatables.html").replace(
        "import { set_or_remove_dark_class } from 'https://www.unpkg.com/dt_for_itables/dt_bundle.js';",
        f"const {{ set_or_remove_dark_class }} = await window.{version};",
    )
    offline = (
        read_package_file("html/init_notebook_offline.html")
        .replace("_itables_underscore_version", version)
        .replace("itables-version-ready", _itables_ready_event())
        .replace('"dt_src_b64"', "window.__compare_datatables.js")
        .replace('"dt_css_b64"', "window.__compare_datatables.css")
    )
    return f'<script src="{html.escape(asset)}"></script>\n{offline}\n{init}'


def tables_asset_js() -> str:
    """The script written beside the reports: itables' DataTables bundle and its CSS, base64."""
    from base64 import b64encode

    from itables import options

    bundle = Path(options.dt_bundle)
    js = b64encode(bundle.read_bytes()).decode("ascii")
    css = b64encode(bundle.with_suffix(".css").read_bytes()).decode("ascii")
    return f'window.__compare_datatables = {{js: "{js}", css: "{css}"}};\n'


# In a rendered report, a table longer than this shows its first rows in the page (searchable
# like any other) and links the whole table as a CSV file beside the page, so that pages stay
# light at hundreds of plans and still every row is one click away.
MAX_PAGE_ROWS = 3000
REPORT_DIR_ENV = "COMPARE_REPORT_DIR"
_written: set[str] = set()


def show_table(
    frame: pl.DataFrame,
    documents: pl.DataFrame | None = None,
    html_columns: tuple[str, ...] = (),
    name: str = "bang",
    page_length: int = 10,
    max_rows: int | None = None,
) -> None:
    from IPython.display import HTML, display

    _ensure_tables()
    out = os.environ.get(REPORT_DIR_ENV)
    limit = max_rows or MAX_PAGE_ROWS
    if out and frame.height > limit:
        stem, k = name, 1
        while stem in _written:
            k += 1
            stem = f"{name}-{k}"
        _written.add(stem)
        path = write_csv(frame, Path(out) / "bang" / f"{stem}.csv", documents, html_columns)
        display(
            HTML(
                f"<p>Bảng có {_n(frame.height)} dòng; trang này hiện {_n(limit)} dòng đầu. Cả bảng: "
                f'<a href="bang/{html.escape(path.name)}" download>{html.escape(path.name)}</a> '
                "(CSV, mở được bằng Excel) và tệp compare.xlsx.</p>"
            )
        )
        frame = frame.head(limit)
    display(HTML(table_html(frame, documents, html_columns, name, page_length)))


def search_box(corpus, k: int = 20):
    """A search box over the corpus's tasks (ipywidgets), live in JupyterLab; in a rendered
    report, where no kernel answers, a line that says where to search instead."""
    from IPython.display import HTML, display

    if os.environ.get(REPORT_DIR_ENV):
        display(
            HTML(
                "<p><i>Ô tìm kiếm nhiệm vụ hoạt động khi mở sổ tay này trong JupyterLab (<code>make lab</code>) "
                'hoặc bằng lệnh <code>compare search "..."</code>; trong báo cáo này, dùng ô Tìm của các bảng.'
                "</i></p>"
            )
        )
        return None
    import ipywidgets as widgets

    box = widgets.Text(
        placeholder="Gõ chủ đề, có dấu hoặc không: chuyển đổi số, bau cu, tiếp công dân ...",
        description="Tìm:",
        continuous_update=False,
        layout=widgets.Layout(width="70%"),
    )
    out = widgets.Output()

    def run(_=None) -> None:
        out.clear_output()
        with out:
            if box.value.strip():
                hits = corpus.search(box.value, k=k)
                display(
                    HTML(
                        table_html(
                            hits.select("doc_id", "score", "text", "line_start", "line_end", "task_id").rename(
                                {"score": "similarity"}
                            ),
                            corpus.documents,
                            name="tim-kiem",
                        )
                    )
                )

    box.observe(run, names="value")
    ui = widgets.VBox([box, out])
    display(ui)
    return ui


def pair_details_html(
    overlaps: pl.DataFrame,
    tasks: pl.DataFrame,
    documents: pl.DataFrame,
    kinds: tuple[str, ...] | None = None,
    max_pairs: int = 50,
    max_rows: int = 12,
) -> str:
    """For each pair of plans that share mandates, a collapsed block: its task pairs, both texts
    and their word differences, strongest first. The pairs of plans sharing most come first;
    past `max_pairs` of them, or `max_rows` task pairs in one block, the rest are named as left
    out (every pair is in the searchable table and in compare.xlsx)."""
    from compare.analyze.changes import word_diff_html
    from compare.analyze.labels import plan_labels
    from compare.analyze.overlaps import SAME_MANDATE
    from compare.report.display import VALUES

    kinds = kinds or SAME_MANDATE
    labels = plan_labels(documents)
    texts = dict(zip(tasks["task_id"].to_list(), tasks["text"].to_list()))
    marks = dict(zip(tasks["task_id"].to_list(), tasks["label"].to_list()))
    sub = overlaps.filter(pl.col("kind").is_in(list(kinds)) & (pl.col("doc_id_a") != pl.col("doc_id_b")))
    groups = (
        sub.group_by("doc_id_a", "doc_id_b")
        .agg(pl.len().alias("n"))
        .sort(["n", "doc_id_a", "doc_id_b"], descending=[True, False, False])
    )
    words = VALUES["kind"]
    blocks = []
    for a, b, n in groups.head(max_pairs).iter_rows():
        rows = sub.filter((pl.col("doc_id_a") == a) & (pl.col("doc_id_b") == b)).sort(
            ["similarity", "task_id_a", "task_id_b"], descending=[True, False, False]
        )
        counts = rows.group_by("kind").len()
        summary = ", ".join(f"{words[k]} {c}" for k, c in sorted(counts.iter_rows(), key=lambda kc: kinds.index(kc[0])))
        body = "".join(
            "<tr><td>{}</td><td>{}%</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
                html.escape(words[kind]),
                round(100 * sim),
                html.escape(f"{marks.get(ta) or ''} {texts.get(ta, '')}".strip(), quote=False),
                html.escape(f"{marks.get(tb) or ''} {texts.get(tb, '')}".strip(), quote=False),
                word_diff_html(texts.get(ta, ""), texts.get(tb, "")),
            )
            for ta, tb, sim, kind in rows.head(max_rows)
            .select("task_id_a", "task_id_b", "similarity", "kind")
            .iter_rows()
        )
        if rows.height > max_rows:
            body += (
                f"<tr><td colspan='5'>… và {rows.height - max_rows} cặp nữa: tìm hai kế hoạch này "
                "trong bảng dưới đây.</td></tr>"
            )
        blocks.append(
            f"<details><summary><b>{html.escape(labels.get(a, a), quote=False)}</b> × "
            f"<b>{html.escape(labels.get(b, b), quote=False)}</b>: {n} cặp ({html.escape(summary)})</summary>"
            "<table class='pairs'><thead><tr><th>Mức</th><th>Độ tương đồng</th><th>Nhiệm vụ A</th>"
            f"<th>Nhiệm vụ B</th><th>Khác biệt từ ngữ</th></tr></thead><tbody>{body}</tbody></table></details>"
        )
    rest = groups.height - min(groups.height, max_pairs)
    more = (
        (f"<p>… và {rest} cặp kế hoạch khác, ít nhiệm vụ chung hơn: xem bảng dưới đây hoặc tệp compare.xlsx.</p>")
        if rest
        else ""
    )
    style = (
        "<style>details{margin:4px 0}summary{cursor:pointer}table.pairs{border-collapse:collapse;"
        "margin:6px 0 12px}table.pairs td,table.pairs th{border:1px solid #ddd;padding:3px 6px;"
        "vertical-align:top;text-align:left!important;font-size:13px}table.pairs del{color:#b00}"
        "table.pairs ins{color:#070;text-decoration:none;background:#e6ffe6}</style>"
    )
    if not blocks:
        return "<p>Không có hai kế hoạch nào có nhiệm vụ chung.</p>"
    return style + "".join(blocks) + more


def _mini_table(frame: pl.DataFrame, columns: dict[str, str]) -> str:
    """A small static table (escaped) for a plan card: `columns` maps column → header."""
    from compare.report.display import value_text

    if frame.height == 0:
        return "<p><i>không có</i></p>"
    head = "".join(f"<th>{html.escape(h)}</th>" for h in columns.values())
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(value_text(c, r[c]), quote=False)}</td>" for c in columns) + "</tr>"
        for r in frame.iter_rows(named=True)
    )
    return f"<table class='card'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def plan_card_html(card, open_: bool = False) -> str:
    """One plan's card (`cards.PlanCard`) as a collapsible block of escaped HTML."""
    from compare.report.display import VALUES

    e = lambda t: html.escape(str(t), quote=False)  # noqa: E731
    words = VALUES["kind"]
    d = card.document
    warn = (
        (
            "<p class='warn'>⚠ Văn bản lấy từ bản quét: dấu tiếng Việt đã được khôi phục tự động, "
            "có thể còn sai; đối chiếu với bản gốc trước khi trích dẫn.</p>"
        )
        if card.scan
        else ""
    )
    themes = card.themes.with_columns(pl.col("median").round(1))
    shared = card.shared.with_columns(
        pl.concat_str(
            [pl.format(f"{words[k]} {{}}", pl.col(k)) for k in ("verbatim", "near_verbatim", "paraphrase")],
            separator=", ",
        ).alias("bands")
    )
    cites = ""
    if card.previous:
        cites = (
            f"<p>So với <b>{e(card.previous)}</b>: thêm {len(card.citations_added)} văn bản "
            f"({e(', '.join(card.citations_added)) or 'không'}); bỏ {len(card.citations_removed)} "
            f"({e(', '.join(card.citations_removed)) or 'không'}).</p>"
        )
    else:
        cites = "<p>Không có kế hoạch trước của cùng cơ quan trong kho để so.</p>"
    return (
        f"<details class='card'{' open' if open_ else ''}><summary><b>{e(card.label)}</b> · "
        f"{d['n_tasks']} nhiệm vụ{' · bản quét' if card.scan else ''}"
        f"{' · thiếu ' + str(card.missing.height) + ' chủ đề' if card.missing.height else ''}</summary>"
        f"{warn}<p>{e(d['doc_type'] or '')} {e(d['number'] or '(chưa số)')} · {e(d['issuer'] or '')} · "
        f"{e(d['title'] or '')}</p>"
        "<h4>Nhiệm vụ theo chủ đề, so với trung vị của kho</h4>"
        + _mini_table(themes, {"theme_name": "Chủ đề", "tasks": "Kế hoạch này", "median": "Trung vị của kho"})
        + "<h4>Chủ đề bắt buộc còn thiếu</h4>"
        + _mini_table(card.missing, {"theme_name": "Chủ đề", "evidence": "Căn cứ"})
        + "<h4>Nhiệm vụ chung với các cơ quan khác</h4>"
        + _mini_table(shared.head(10), {"plan": "Kế hoạch", "pairs": "Số cặp", "bands": "Theo mức"})
        + (f"<p>… và {shared.height - 10} kế hoạch khác.</p>" if shared.height > 10 else "")
        + f"<h4>Nhiệm vụ chỉ kế hoạch này có ({card.only.height})</h4>"
        + _mini_table(card.only, {"label": "Số mục", "text": "Nội dung nhiệm vụ"})
        + "<h4>Văn bản được trích dẫn</h4>"
        + cites
        + "<h4>Tham chiếu lỗi thời</h4>"
        + _mini_table(card.stale, {"named_year": "Năm được nêu", "text": "Nội dung nhiệm vụ"})
        + "<h4>Thời hạn theo quý</h4>"
        + _mini_table(card.deadlines, {"quarter": "Quý", "tasks": "Số nhiệm vụ"})
        + "</details>"
    )


CARD_CSS = (
    "<style>details.card{border:1px solid #ddd;border-radius:4px;padding:4px 10px;margin:6px 0}"
    "details.card summary{cursor:pointer;font-size:15px}table.card{border-collapse:collapse;margin:4px 0}"
    "table.card td,table.card th{border:1px solid #ddd;padding:2px 6px;text-align:left!important;vertical-align:top;"
    "font-size:13px}.warn{background:#fff4e5;border-left:4px solid #f0a020;padding:4px 8px}"
    "details.card h4{margin:10px 0 2px}</style>"
)


def notebook_title(path: Path) -> str:
    """A notebook's title: the text of its first '# ' heading (else its file name)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def parse_parameter(text: str) -> tuple[str, object]:
    """'name=value' → (name, value): a number or true/false where the value is one, else the
    text as written ('old=002' stays the string '002', so an id keeps its leading zeros)."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip().isidentifier():
        raise ValueError(f"a parameter is name=value, not '{text}'")
    value = value.strip()
    if value.lower() in ("true", "false"):
        return name.strip(), value.lower() == "true"
    if not (value.startswith("0") and len(value) > 1 and value[1:2] != "."):
        for kind in (int, float):
            try:
                return name.strip(), kind(value)
            except ValueError:
                pass
    return name.strip(), value


def render_reports(
    processed: Path,
    out_dir: Path,
    raw_dir: Path | None = None,
    echo=print,
    notebooks: Path | None = None,
    parameters: dict | None = None,
) -> list[Path]:
    """Execute every notebook of `notebooks/` on `processed`, export each to HTML beside one
    shared plotly.js (so the pages open offline), and write the workbook compare.xlsx."""
    import nbformat
    import papermill as pm
    from nbconvert import HTMLExporter

    from compare.analyze.corpus import load
    from compare.build.store import OUTPUT_MARK
    from compare.report.export import write_workbook

    notebooks = Path(notebooks or NOTEBOOKS)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / OUTPUT_MARK).touch()  # (a build of a folder that holds the reports never reads them)
    work = out_dir / ".executed"
    work.mkdir(exist_ok=True)
    _write_asset(out_dir / PLOTLY_ASSET, _plotly_js())
    _write_asset(out_dir / TABLES_ASSET, tables_asset_js())
    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(PACKAGE / "templates")])
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    written, titles = [], []
    assets = {PLOTLY_ASSET_ENV: PLOTLY_ASSET, TABLES_ASSET_ENV: TABLES_ASSET, REPORT_DIR_ENV: str(out_dir.resolve())}
    previous = {k: os.environ.get(k) for k in assets}
    os.environ.update(assets)
    try:
        for src in sorted(notebooks.glob("*.ipynb")):
            title = notebook_title(src)
            executed = work / src.name
            wanted = _parameters_of(src)
            params = {"processed": str(Path(processed).resolve())}
            params.update({k: v for k, v in (parameters or {}).items() if k in wanted})
            pm.execute_notebook(
                str(src),
                str(executed),
                parameters=params,
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
                cwd=str(notebooks),
            )
            nb = nbformat.read(executed, as_version=4)
            body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
            target = out_dir / f"{src.stem}.html"
            tmp = target.with_suffix(".html.tmp")
            tmp.write_text(body, encoding="utf-8")
            os.replace(tmp, target)
            written.append(target)
            titles.append(title)
            echo(f"report: {target}")
    finally:
        for k, v in previous.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    unknown = set(parameters or {}) - {k for src in notebooks.glob("*.ipynb") for k in _parameters_of(src)}
    if unknown:
        echo(f"warning: no notebook takes the parameter(s) {sorted(unknown)}")
    workbook = write_workbook(load(processed), out_dir / "compare.xlsx")
    echo(f"report: {workbook}")
    docs = pl.read_parquet(Path(processed) / "documents.parquet")
    index = _index_html(docs, raw_dir, list(zip(written, titles)))
    (out_dir / "index.html").write_text(index, encoding="utf-8")
    echo(f"report: {out_dir / 'index.html'}")
    return written


def _parameters_of(path: Path) -> set[str]:
    """The names a notebook's `parameters` cell assigns."""
    import ast

    import nbformat

    nb = nbformat.read(path, as_version=4)
    names: set[str] = set()
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.Assign):
                    names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _write_asset(target: Path, text: str) -> None:
    """A script beside the reports, rewritten only when it changed (atomically)."""
    data = text.encode("utf-8")
    if target.exists() and target.read_bytes() == data:
        return
    tmp = target.with_suffix(target.suffix + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def _index_html(docs: pl.DataFrame, raw_dir: Path | None, pages: list[tuple[Path, str]]) -> str:
    from compare.analyze.labels import plan_labels
    from compare.report.display import value_text

    labels = plan_labels(docs)
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(v)}</td>"
            for v in (
                labels[r["doc_id"]],
                r["issuer"] or "",
                r["jurisdiction"] or "",
                r["doc_type"] or "",
                r["number"] or "",
                value_text("issued_date", r["issued_date"]),
                str(r["year"] or ""),
                value_text("period", r["period"]),
                str(r["n_tasks"]),
                value_text("text_quality", r["text_quality"]),
                r["doc_id"],
            )
        )
        + "</tr>"
        for r in docs.sort("doc_id").iter_rows(named=True)
    )
    links = "".join(f'<li><a href="{html.escape(p.name)}">{html.escape(t)}</a></li>' for p, t in pages)
    today = f"{dt.date.today():%d/%m/%Y}"
    source = html.escape(str(raw_dir)) if raw_dir else "?"
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>So sánh kế hoạch công tác dân vận chính quyền</title>
<style>body{{font-family:sans-serif;max-width:1200px;margin:2em auto}}td,th{{border:1px solid #ccc;padding:4px 8px;
text-align:left;vertical-align:top}}table{{border-collapse:collapse}}</style></head><body>
<h1>So sánh kế hoạch công tác dân vận chính quyền</h1>
<p>Kho gồm {docs.height} kế hoạch từ <code>{source}</code>, {int(docs["n_tasks"].sum())} nhiệm vụ.
Lập ngày {today} bằng lệnh <code>compare report</code>.</p>
<ul>{links}<li><a href="compare.xlsx">Tệp Excel: mọi bảng của kho (compare.xlsx)</a></li></ul>
<table><thead><tr><th>Kế hoạch</th><th>Cơ quan ban hành</th><th>Tỉnh/thành phố</th><th>Loại văn bản</th>
<th>Số hiệu</th><th>Ngày ban hành</th><th>Năm</th><th>Kỳ</th><th>Số nhiệm vụ</th><th>Chất lượng văn bản</th>
<th>Mã tệp</th></tr></thead><tbody>{rows}</tbody></table>
</body></html>
"""
