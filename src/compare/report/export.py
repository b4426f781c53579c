"""The corpus as one Excel workbook that an analyst can send on: a sheet per table, Vietnamese
headers (`compare.display`), each plan by its label beside its id, list columns joined by "; ",
and every text cell written as text with Excel's quote prefix, so that a cell starting with
"=", "+", "-" or "@" is never taken for a formula.

>>> import compare                                            # doctest: +SKIP
>>> compare.export(compare.load("data/processed"), "reports/compare.xlsx")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from compare.report.display import EXPORT_COLUMNS, column_text, value_text

if TYPE_CHECKING:
    from compare.analyze.corpus import Corpus

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def no_formula(text: str) -> str:
    """A cell for a CSV file: one that a spreadsheet would take for a formula (it starts with
    one of FORMULA_STARTS) gets a leading apostrophe. (The workbook quote-prefixes every text
    cell instead.)"""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def sheets(corpus: Corpus) -> dict[str, pl.DataFrame]:
    """Sheet name → table, in the workbook's order."""
    labels = corpus.labels
    docs = corpus.documents.with_columns(pl.col("doc_id").replace_strict(labels, default=None).alias("plan"))
    text = corpus.tasks.select("task_id", "text")
    tasks = corpus.tasks.with_columns(pl.col("doc_id").replace_strict(labels, default=None).alias("plan"))
    out = {
        "Kế hoạch": docs.select("plan", *[c for c in corpus.documents.columns]),
        "Nhiệm vụ": tasks.select(
            "plan",
            "doc_id",
            "task_id",
            "label",
            "text",
            "theme",
            "lead_units",
            "partner_units",
            "timeframe",
            "due_start",
            "due_end",
            "recurring",
            "references",
            "line_start",
            "line_end",
            "text_raw",
        ),
        "Trích dẫn": corpus.references.with_columns(
            pl.col("doc_id").replace_strict(labels, default=None).alias("plan")
        ).select("plan", "doc_id", "task_id", "ref_id", "kind", "ref_date", "text"),
    }
    overlaps = _optional(corpus, "overlaps")
    if overlaps is not None:
        out["Trùng lặp"] = (
            _both_sides(overlaps, text, labels, "a", "b")
            .select(
                "kind",
                "similarity",
                "plan_a",
                "text_a",
                "plan_b",
                "text_b",
                "doc_id_a",
                "task_id_a",
                "doc_id_b",
                "task_id_b",
            )
            .sort("similarity", "task_id_a", "task_id_b", descending=[True, False, False])
        )
    clusters = _optional(corpus, "clusters")
    if clusters is not None:
        out["Cụm"] = (
            clusters.join(tasks.select("task_id", "plan", "doc_id", "text"), on="task_id", how="left")
            .select("cluster", "cluster_label", "plan", "text", "doc_id", "task_id")
            .sort("cluster", "task_id")
        )
    changes = _optional(corpus, "changes")
    if changes is not None:
        out["Thay đổi"] = _both_sides(changes, text, labels, "old", "new").select(
            "plan_old",
            "plan_new",
            "status",
            "similarity",
            "text_old",
            "text_new",
            "doc_id_old",
            "doc_id_new",
            "task_id_old",
            "task_id_new",
        )
    return out


def _both_sides(pairs: pl.DataFrame, text: pl.DataFrame, labels: dict[str, str], *sides: str) -> pl.DataFrame:
    """A table of task pairs with, for each side, the task's text (text_<side>) and its plan's
    label (plan_<side>), from task_id_<side> and doc_id_<side>."""
    for side in sides:
        pairs = pairs.join(
            text.rename({"task_id": f"task_id_{side}", "text": f"text_{side}"}), on=f"task_id_{side}", how="left"
        ).with_columns(pl.col(f"doc_id_{side}").replace_strict(labels, default=None).alias(f"plan_{side}"))
    return pairs


def _optional(corpus: Corpus, name: str) -> pl.DataFrame | None:
    """A table `compare analyze` wrote, when it is there."""
    path = corpus.tables_dir / f"{name}.parquet"
    return pl.read_parquet(path) if path.exists() else None


def write_workbook(corpus: Corpus, path: Path) -> Path:
    """Write the workbook atomically (a temporary file beside it, then a rename)."""
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".xlsx.tmp", dir=path.parent)
    os.close(fd)
    try:
        book = xlsxwriter.Workbook(
            tmp, {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
        )
        head = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#e8eef7"})
        text = book.add_format({"quote_prefix": True, "text_wrap": False, "valign": "top"})
        date = book.add_format({"num_format": "dd/mm/yyyy", "valign": "top"})
        for name, frame in sheets(corpus).items():
            sheet = book.add_worksheet(name)
            for c, col in enumerate(frame.columns):
                sheet.write_string(0, c, EXPORT_COLUMNS.get(col) or column_text(col), head)
                sheet.set_column(c, c, 60 if col.startswith("text") else 18)
            for r, row in enumerate(frame.iter_rows(), start=1):
                for c, (col, value) in enumerate(zip(frame.columns, row)):
                    _write(sheet, r, c, col, value, text, date)
            sheet.freeze_panes(1, 0)
            sheet.autofilter(0, 0, frame.height, max(frame.width - 1, 0))
        book.close()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def _write(sheet, r: int, c: int, col: str, value, text, date) -> None:
    if value is None:
        return
    if isinstance(value, bool | list | str) or col in ("status", "kind", "period", "admin_level"):
        sheet.write_string(r, c, value_text(col, value), text)
    elif isinstance(value, dt.date):
        sheet.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), date)
    else:
        sheet.write_number(r, c, value)
