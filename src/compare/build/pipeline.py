"""Folder of raw plans → the processed tables of CONTRACT.md (documents, sections, tasks,
references, rejects, plus lines: the role of every source line).

One bad file never stops a build: it becomes a row of `rejects` with a reason, and every
other file goes through. Tables are written atomically and deterministically.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import polars as pl
import pyarrow as pa

from compare.build.engine import Engine, LocalEngine, collector_paused, default_jobs
from compare.build.store import OUTPUT_MARK, Generation, build_id, clean_leftovers, locked
from compare.build.tables import (
    BUILD_TABLES,
    FILE_COLUMN,
    SCHEMAS,
    ColumnType,
    Row,
    arrow_table,
    empty,
    merge_shards,
    write_shard,
    write_table,
)
from compare.parse import blocks as blocks_mod
from compare.parse import flat_tables
from compare.parse.blocks import Block
from compare.parse.lines import Line, split_lines
from compare.parse.metadata import Metadata, extract
from compare.parse.record import Record, number_kind, read_record, stated_kind
from compare.parse.references import Citation, find_references
from compare.parse.structure import Anatomy, Role, Section, parse
from compare.parse.tasks import Task, extract_tasks
from compare.parse.themes import PartKind
from compare.read.raw import RawText, Rejected, read_text
from compare.text.restore import MODEL_VERSION, Restorer, damaged, restore_text
from compare.text.vietnamese import normalize, syllable_stats
from compare.text.vocabulary import PLAN_KINDS

# Files that are never plans: notes about the data, hidden files.
_SKIP_NAMES = {"readme.md", "readme.txt", "sources.md", "notes.md", ".gitkeep"}


_RECORD_LINES = 80  # a portal's record of the document stands among the first lines
_ITEM_START = re.compile(r"^[\s*#>_]*(?:[-+•–]|\d{1,2}(?:\.\d{1,2})*[.)/]|[a-zđ][)/]|\((?:\d{1,2}|[a-zđ])\))\s")


class LineRole(NamedTuple):
    """What one non-blank source line became (a row of lines.parquet)."""

    doc_id: str
    line_no: int
    role: str
    section_id: str | None
    task_id: str | None
    section_kind: str | None
    text: str
    restored: str | None = None  # a scan's line with its diacritics restored (null for clean text)


@dataclass
class ParsedDocument:
    doc_id: str
    source_path: str
    sha256: str
    encoding: str
    metadata: Metadata
    sections: list[Row] = field(default_factory=list)
    tasks: list[Row] = field(default_factory=list)
    references: list[Row] = field(default_factory=list)
    lines: list[LineRole] = field(default_factory=list)
    status: str = "ok"  # ok | no_tasks | truncated | record
    status_note: str | None = None  # where the text stops, or why no task was read

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled column by column: a worker process sends its documents to the build this
        way, several times faster to read back than rows of dicts and named tuples."""
        rows = (self.sections, self.tasks, self.references)
        return (
            _document_from_columns,
            (self.doc_id, self.source_path, self.sha256, self.encoding, self.metadata, *map(_columns_of, rows),
             tuple(map(list, zip(*self.lines))), self.status, self.status_note),
        )  # fmt: skip

    @property
    def fell_through(self) -> list[int]:
        """Content lines that became neither heading nor task, and lines that look like items
        ("- ...", "2. ...") but stand outside every part (a part that is not content, such as
        "KINH PHÍ", holds items that are not tasks, and is not warned about)."""
        return [
            ln.line_no
            for ln in self.lines
            if ln.role == "other"
            and (
                ln.section_kind in ("content", "implementation")
                or (ln.section_kind is None and _ITEM_START.match(ln.text) and sum(map(str.isalpha, ln.text)) >= 8)
            )
        ]


def _columns_of(rows: list[Row]) -> tuple[tuple[str, ...], list[list[Any]]]:
    """Rows (dicts with the same keys) as (keys, one list per key)."""
    keys = tuple(rows[0]) if rows else ()
    return keys, [[r[k] for r in rows] for k in keys]


def _document_from_columns(
    doc_id: str,
    source_path: str,
    sha256: str,
    encoding: str,
    metadata: Metadata,
    sections: tuple[tuple[str, ...], list[list[Any]]],
    tasks: tuple[tuple[str, ...], list[list[Any]]],
    references: tuple[tuple[str, ...], list[list[Any]]],
    lines: tuple[list[Any], ...],
    status: str,
    status_note: str | None,
) -> ParsedDocument:
    def rows(columns: tuple[tuple[str, ...], list[list[Any]]]) -> list[Row]:
        keys, values = columns
        return [dict(zip(keys, row)) for row in zip(*values)]

    return ParsedDocument(
        doc_id, source_path, sha256, encoding, metadata, rows(sections), rows(tasks), rows(references),
        [LineRole._make(row) for row in zip(*lines)], status, status_note,
    )  # fmt: skip


def source_root(raw_dir: Path) -> Path:
    """What `source_path` is relative to: the project that holds `raw_dir` (the nearest folder
    above it with a pyproject.toml or a .git), else the folder above `raw_dir`. The same
    wherever compare is run from: `data/raw/001.txt` in a project, `plans/001.txt` for a
    folder `plans` anywhere else."""
    start = raw_dir.absolute()
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").is_file() or (folder / ".git").exists():
            return folder
    return start.parent


_ROOT: Path | None = None  # the build's source root (set while a build runs)


def _relative(path: Path) -> str:
    root = _ROOT or source_root(path.parent)
    try:
        return Path(os.path.relpath(path.absolute(), root)).as_posix()
    except ValueError:  # (another drive)
        return str(path)


def parse_text(
    text: str,
    doc_id: str,
    source_path: str = "",
    sha256: str = "",
    encoding: str = "utf-8",
    restorer: Restorer | None = None,
    stats: tuple[int, int, int] | None = None,
) -> ParsedDocument:
    """Parse one plan's decoded text. Raises Rejected when it is not a plan. A text damaged by
    OCR is restored line for line first (with `restorer`, or one learnt from the word list),
    and `text_raw` keeps the lines as they stand in the source."""
    stats = stats or syllable_stats(text)
    fixer = (restorer or default_restorer()) if damaged(stats) else None
    restored = restore_text(text, fixer) if fixer is not None else None
    if restored is not None and fixer is not None:
        source_lines = split_lines(restored, source=text)
        lines = flat_tables.rebuild(source_lines, lambda s: fixer.restore_line(normalize(s)))
        stats = syllable_stats(restored)
    else:
        source_lines = split_lines(text)
        lines = flat_tables.rebuild(source_lines)
    blocks, layout = blocks_mod.build_blocks(lines)
    anatomy = parse(blocks)
    record = read_record((ln.no, ln.text) for ln in lines[:_RECORD_LINES])
    md = extract(anatomy, lines, stats, record)
    tasks = extract_tasks(anatomy, md.year, md.period)
    _refuse_what_is_no_plan(stats, md, record, blocks, len(tasks))
    md.text_quality = "ocr" if restored is not None else "clean"
    doc = ParsedDocument(doc_id, source_path, sha256, encoding, md)
    doc.status, doc.status_note = _status(anatomy, record, len(tasks))
    sid = {s.section_id: f"{doc_id}:{s.section_id}" for s in anatomy.sections}
    doc.sections = [_section_row(doc_id, s, sid) for s in anatomy.sections]
    task_ids = [f"{doc_id}:t{n:03d}" for n in range(1, len(tasks) + 1)]
    for n, (t, task_id) in enumerate(zip(tasks, task_ids), start=1):
        doc.tasks.append(_task_row(doc_id, task_id, n, t, sid, task_ids))
        doc.references += [_reference_row(doc_id, task_id, c) for c in t.citations]
    for it in anatomy.items:
        if it.role not in (Role.TASK, Role.RECIPIENTS, Role.SIGNATURE):
            doc.references += [_reference_row(doc_id, None, c) for c in find_references(it.block.text)]
    role = _line_roles(anatomy, layout, {id(t.item.block): tid for t, tid in zip(tasks, task_ids)}, sid)
    for no in record.lines:
        role[no] = ("metadata", None, None, None)
    for ln in source_lines:  # a rebuilt table row stands for several source lines: each gets its role
        if ln.kind == "blank":
            continue
        r, ref_sid, line_task, kind = role.get(ln.no, ("unaccounted", None, None, None))
        doc.lines.append(
            LineRole(doc_id, ln.no, r, ref_sid, line_task, kind, ln.raw, ln.text if restored is not None else None)
        )
    return doc


def _refuse_what_is_no_plan(
    stats: tuple[int, int, int], md: Metadata, record: Record, blocks: list[Block], n_tasks: int
) -> None:
    """Reject what is no plan, naming what it is: text in another language, a document of
    another kind (a Quyết định, a Công văn), a page with neither a plan's title, number or
    record nor its tasks (a news report). A plan whose tasks cannot be read is kept."""
    tokens, valid, _ = stats
    if valid / max(tokens, 1) < 0.5 or (tokens < 20 and md.doc_type is None):
        raise Rejected("not a plan: not Vietnamese text")
    if md.doc_type is None:
        kind = record.kind or stated_kind(blocks) or number_kind(md.number)
        if kind in PLAN_KINDS:
            md.doc_type = kind
        elif kind is not None:
            raise Rejected(f"not a plan: a {kind}" + (f" ({md.number})" if md.number else ""))
    if md.doc_type is None and n_tasks < 3:
        raise Rejected("not a plan: no title, number, portal record or tasks of a plan found")
    if not n_tasks and not (md.number or record or (md.title and tokens >= 20)):
        raise Rejected(f"not a plan: a '{md.doc_type}' line with neither number nor title, and no tasks")


def _status(anatomy: Anatomy, record: Record, n_tasks: int) -> tuple[str, str | None]:
    """(status, note) of a kept plan: "ok" with tasks; else "record" (a portal's record and no
    text), "truncated" (the text stops before the signature: the note says where), or
    "no_tasks" (the whole text is there, its tasks could not be told apart)."""
    if n_tasks:
        return "ok", None
    body = [s for s in anatomy.sections if s.kind != PartKind.PREAMBLE]
    parts = [s for s in body if s.level == 1]
    if not body and (record or anatomy.named):
        return "record", "Chỉ có thông tin về văn bản (bản ghi của cổng thông tin), không có toàn văn"
    if not anatomy.closing:
        if not body:
            return "truncated", "Văn bản dừng trước phần đầu tiên (sau phần mở đầu)"
        last = body[-1]
        part = next((p for p in reversed(parts) if p.line_start <= last.line_start), last)
        where = _named_section(part) + ("" if last is part else f" › {_named_section(last)}")
        return "truncated", f"Văn bản dừng ở phần {where}"
    named = "; ".join(_named_section(p) for p in parts[:6]) or "không có phần đánh số"
    return "no_tasks", f"Không nhận ra nhiệm vụ nào trong các phần: {named}"


def _named_section(s: Section) -> str:
    return f"{s.label}. {s.heading}" if s.label else s.heading


def _section_row(doc_id: str, s: Section, sid: dict[str, str]) -> Row:
    return {
        "doc_id": doc_id,
        "section_id": sid[s.section_id],
        "parent_id": sid[s.parent_id] if s.parent_id else None,
        "level": s.level,
        "label": s.label,
        "heading": s.heading,
        "kind": str(s.kind),  # (plain strings: rows travel between processes)
        "theme": s.theme,
        "line_start": s.line_start,
        "line_end": s.line_end,
    }


def _reference_row(doc_id: str, task_id: str | None, c: Citation) -> Row:
    return {"doc_id": doc_id, "task_id": task_id, "ref_id": c.ref_id, "kind": c.kind, "ref_date": c.ref_date,
            "text": c.text}  # fmt: skip


def _line_roles(
    anatomy: Anatomy, layout: list[Line], task_of_block: dict[int, str], sid: dict[str, str]
) -> dict[int, tuple[str, str | None, str | None, str | None]]:
    """Every non-blank line's (role, section, task, part kind): metadata for the header and
    the title, its item's role for the body, "other" for page furniture."""
    role: dict[int, tuple[str, str | None, str | None, str | None]] = {}
    for b in anatomy.header + anatomy.title_blocks:
        for ln in b.lines:
            role[ln.no] = ("metadata", None, None, None)
    for it in anatomy.items:
        kind = it.section.kind if it.section else None
        ref_sid = sid[it.section.section_id] if it.section else None
        line_task = task_of_block.get(id(it.block)) if it.role == Role.TASK else None
        r = Role.OTHER if it.role == Role.TASK and line_task is None else it.role
        for no in [ln.no for ln in it.block.lines] + it.block.extra_lines:
            role[no] = (str(r), ref_sid, line_task, None if kind is None else str(kind))
    for ln in layout:
        role.setdefault(ln.no, ("other", None, None, None))
    return role


def _task_row(doc_id: str, task_id: str, n: int, t: Task, sid: dict[str, str], task_ids: list[str]) -> Row:
    b = t.item.block
    return {
        "doc_id": doc_id,
        "task_id": task_id,
        "section_id": sid[t.section.section_id] if t.section else None,
        "ordinal": n,
        "label": t.label,
        "text": t.text,
        "text_raw": t.text_raw,
        "theme": t.theme,
        "lead_units": t.lead_units,
        "partner_units": t.partner_units,
        "timeframe": t.timeframe.text,
        "due_start": t.timeframe.start,
        "due_end": t.timeframe.end,
        "recurring": t.timeframe.recurring,
        "references": list(dict.fromkeys(c.ref_id for c in t.citations)),
        "line_start": b.line_start,
        "line_end": b.line_end,
        "parent_task_id": task_ids[t.parent_index] if t.parent_index is not None else None,
        "item_kind": "table_row" if t.item.table else (str(b.marker) or "paragraph"),
    }


_DEFAULT_RESTORER: Restorer | None = None


def default_restorer() -> Restorer:
    """The packaged restorer: the word list and the project's clean plans (built once per
    process)."""
    global _DEFAULT_RESTORER
    if _DEFAULT_RESTORER is None:
        _DEFAULT_RESTORER = Restorer.packaged()
    return _DEFAULT_RESTORER


def parse_file(path: Path, doc_id: str | None = None, restorer: Restorer | None = None) -> ParsedDocument:
    raw = read_text(path)
    return parse_text(raw.text, doc_id or path.stem, _relative(path), raw.sha256, raw.encoding, restorer)


@dataclass
class BuildResult:
    documents: list[ParsedDocument]
    rejects: list[Row]
    tables: dict[str, pl.DataFrame]


def _document_row(d: ParsedDocument) -> Row:
    md = d.metadata
    return {
        "doc_id": d.doc_id,
        "source_path": d.source_path,
        "sha256": d.sha256,
        "issuer": md.issuer,
        "parent": md.parent,
        "jurisdiction": md.jurisdiction,
        "admin_level": md.admin_level,
        "doc_type": md.doc_type,
        "number": md.number,
        "issued_date": md.issued_date,
        "year": md.year,
        "period": md.period,
        "period_start_year": md.period_start_year,
        "period_end_year": md.period_end_year,
        "title": md.title,
        "signer": md.signer,
        "signer_title": md.signer_title,
        "text_quality": md.text_quality,
        "encoding": d.encoding,
        "n_tasks": len(d.tasks),
        "status": d.status,
        "status_note": d.status_note,
    }


def raw_files(raw_dir: Path, skipped: list[Row] | None = None) -> list[Path]:
    """The files of `raw_dir` to read as plans, in order. What is left out is listed in
    `skipped` with its reason (hidden files, links that leave the folder or lead nowhere, pipes
    and devices, folders that cannot be read, folders that compare wrote); notes that sit beside
    plans (README, SOURCES, NOTES) are left out silently."""
    root = raw_dir.resolve()
    found: list[Path] = []
    out = skipped if skipped is not None else []

    def unreadable(error: OSError) -> None:
        out.append({"source_path": _relative(Path(error.filename)), "reason": f"folder not read ({error.strerror})"})

    for folder, dirs, files in os.walk(raw_dir, onerror=unreadable):
        here = Path(folder)
        if OUTPUT_MARK in files:
            out.append({"source_path": _relative(here), "reason": "a folder that compare wrote (tables or reports)"})
            dirs.clear()
            continue
        dirs.sort()
        for name in sorted(files):
            reason = _not_a_plan_file(here / name, root)
            if reason is None:
                found.append(here / name)
            elif reason:
                out.append({"source_path": _relative(here / name), "reason": reason})
        for name in [d for d in dirs if d.startswith(".") or (here / d).is_symlink()]:
            dirs.remove(name)
            out.append({"source_path": _relative(here / name), "reason": "hidden folder or link to a folder, not read"})
    return sorted(found)


def _not_a_plan_file(path: Path, root: Path) -> str | None:
    """Why `path` is not read ("" to leave it out without a word), or None to read it."""
    if path.name.lower() in _SKIP_NAMES:
        return ""
    if path.name.startswith("."):
        return "hidden file, not read"
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "a link that leads nowhere (or in a loop), not read"
        if not target.is_relative_to(root):
            return "a link to a file outside the folder, not read"
    try:
        if not path.is_file():
            return "not a regular file (a pipe or a device), not read"
    except OSError as exc:
        return f"not read ({exc.strerror})"
    return None


def check_out_dir(out_dir: Path) -> None:
    """Fail at once, naming the folder, where the tables could not be written (before the
    parsing, not after it)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise NotADirectoryError(f"--out {out_dir} is a file, not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise PermissionError(f"cannot write the tables to {out_dir}: {exc.strerror}") from exc


def build_corpus(
    raw_dir: Path, jobs: int = 1, learn_from_folder: bool = False, engine: Engine | None = None
) -> BuildResult:
    """Every plan of `raw_dir` parsed, in `jobs` worker processes (1: in this one), held in
    memory with its tables (`build` writes them in a stream instead). The tables are the same
    whatever `jobs` is, and a plan's rows are the same whatever files sit beside it: each file
    is read and parsed on its own (scans restored with the packaged model), and the results
    are taken back in the order of the paths.

    `learn_from_folder`: scans are restored with a model that also learns from the folder's
    clean plans. Their task text may improve, their metadata stays what the packaged model
    reads (so a plan's number or year never depends on its neighbours)."""
    documents: list[ParsedDocument] = []
    rejects: list[Row] = []
    for docs, refused in _parsed_in_batches(raw_dir, engine or LocalEngine(jobs), learn_from_folder):
        documents += docs
        rejects += refused
    rejects.sort(key=lambda r: Path(r["source_path"]))  # (in the order of the paths)
    return BuildResult(documents, rejects, tables_of(documents, rejects))


@contextmanager
def _folder(raw_dir: Path, engine: Engine, learn_from_folder: bool) -> Iterator[tuple[list[Path], list[Row]]]:
    """(the files of `raw_dir` to read, the entries skipped), with the build's source root and,
    when asked for, the folder's restorer set where the workers find them (`_set_context`)."""
    global _ROOT, _FOLDER_RESTORER
    _ROOT = source_root(raw_dir)
    try:
        skipped: list[Row] = []
        paths = raw_files(raw_dir, skipped)
        if learn_from_folder:
            texts = engine.stream(_clean_text, paths, _context())
            _FOLDER_RESTORER = Restorer.packaged(t for t in texts if t is not None)
        yield paths, skipped
    finally:
        _ROOT = _FOLDER_RESTORER = None


def _set_context(root: Path, restorer: Restorer | None) -> None:
    """What a worker needs before its first file: the build's source root, and the folder's
    restorer when the build learns from the folder."""
    global _ROOT, _FOLDER_RESTORER
    _ROOT, _FOLDER_RESTORER = root, restorer


def _context() -> tuple[Callable[..., object], tuple[Any, ...]]:
    return _set_context, (_ROOT, _FOLDER_RESTORER)


def _parsed_in_batches(
    raw_dir: Path, engine: Engine, learn_from_folder: bool
) -> Iterator[tuple[list[ParsedDocument], list[Row]]]:
    """(documents, rejects) of `raw_dir`'s files, in the order of the paths, then the entries
    skipped; the rejects come in the order of the paths once sorted together."""
    with _folder(raw_dir, engine, learn_from_folder) as (paths, skipped):
        admit = _Admission()
        yield admit(paths, list(engine.stream(_parse_file, paths, _context())))
        yield [], skipped


class _Admission:
    """Which parsed files become documents: not the second copy of a file, nor a second file
    with the same id (across batches)."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}
        self.ids: set[str] = set()

    def reason(self, source_path: str, doc_id: str, sha256: str) -> str | None:
        """Why a parsed file is no document (None: it is one, and counts from now on)."""
        if sha256 in self.seen:
            return f"duplicate of {self.seen[sha256]}"
        if doc_id in self.ids:
            return f"same document id '{doc_id}' as another file: rename it"
        self.seen[sha256] = source_path
        self.ids.add(doc_id)
        return None

    def __call__(self, paths: list[Path], parsed: list[ParsedDocument | str]) -> tuple[list[ParsedDocument], list[Row]]:
        documents: list[ParsedDocument] = []
        rejects: list[Row] = []
        for path, doc in zip(paths, parsed):
            rel = _relative(path)
            if isinstance(doc, str):
                rejects.append({"source_path": rel, "reason": doc})
            elif (reason := self.reason(rel, doc.doc_id, doc.sha256)) is not None:
                rejects.append({"source_path": rel, "reason": reason})
            else:
                documents.append(doc)
        return documents, rejects


_FOLDER_RESTORER: Restorer | None = None


def _parse_file(path: Path) -> ParsedDocument | str:
    """A file's document, or the reason it is rejected. A scan with the folder's model about:
    parsed again with it, keeping what the packaged model read of its metadata."""
    try:
        raw = read_text(path)
    except Rejected as exc:
        return str(exc)
    stats = syllable_stats(raw.text)
    doc = _parse(path, raw, stats)
    if _FOLDER_RESTORER is not None and isinstance(doc, ParsedDocument) and doc.metadata.text_quality == "ocr":
        learnt = _parse(path, raw, stats, _FOLDER_RESTORER)
        if isinstance(learnt, ParsedDocument):
            learnt.metadata = doc.metadata
            return learnt
    return doc


def _clean_text(path: Path) -> str | None:
    """The text of a clean plan (for the folder's restorer to learn from), else None."""
    try:
        text = read_text(path).text
    except Rejected:
        return None
    return None if damaged(syllable_stats(text)) else text


def _parse(
    path: Path, raw: RawText, stats: tuple[int, int, int], restorer: Restorer | None = None
) -> ParsedDocument | str:
    """A file's document, or the reason it is rejected (a parser bug costs this file only)."""
    try:
        with collector_paused():
            return parse_text(raw.text, path.stem, _relative(path), raw.sha256, raw.encoding, restorer, stats)
    except Rejected as exc:
        return str(exc)
    except Exception as bug:  # a parser bug must not cost the other files
        return f"internal error while parsing: {type(bug).__name__}: {bug}"


def tables_of(documents: list[ParsedDocument], rejects: list[Row]) -> dict[str, pl.DataFrame]:
    """The build's tables (CONTRACT.md) from parsed documents and rejects, in their order."""
    tables = {name: _table(name, _columns_of_table(name, documents)) for name in BUILD_TABLES if name != "rejects"}
    return {**tables, "rejects": _frame("rejects", rejects)}


def _columns_of_table(name: str, documents: list[ParsedDocument]) -> dict[str, list[Any]]:
    """A build table's columns (Python lists) for `documents`, in their order: what both the
    tables held in memory and the workers' shards are made of."""
    keys = list(SCHEMAS[name])
    if name == "lines":
        rows: list[Any] = [ln for d in documents for ln in d.lines]
        return {k: list(values) for k, values in zip(keys, zip(*rows))} if rows else {k: [] for k in keys}
    if name == "documents":
        rows = [_document_row(d) for d in documents]
    else:
        rows = [r for d in documents for r in getattr(d, name)]
    return {k: [r[k] for r in rows] for k in keys}


def _frame(name: str, rows: list[Row]) -> pl.DataFrame:
    """A table from its rows (dicts)."""
    return _table(name, {k: [r[k] for r in rows] for k in SCHEMAS[name]})


def _table(name: str, columns: dict[str, list[Any]]) -> pl.DataFrame:
    """A table from its columns (Python lists in the schema's order), built column by column."""
    if not next(iter(columns.values())):
        return empty(name)
    return pl.DataFrame([_series(k, values, SCHEMAS[name][k]) for k, values in columns.items()])


def _series(name: str, values: list[Any], dtype: ColumnType) -> pl.Series:
    # polars turns a Python list of lists into a list column slowly (~10 µs a row): each list
    # goes in as one string, every item behind a NUL, and polars splits them apart again
    if dtype != pl.List(pl.Utf8) or any(u is None or "\x00" in u for v in values if v for u in v):
        return pl.Series(name, values, dtype=dtype)
    packed = [None if v is None else "".join("\x00" + u for u in v) for v in values]
    return pl.Series(name, packed, dtype=pl.Utf8).str.split("\x00").list.slice(1)


def summary(result: BuildResult) -> str:
    lines = [line for d in result.documents for line in _summary_lines(d)]
    lines += [f"rejected {r['source_path']}: {r['reason']}" for r in result.rejects]
    return "\n".join(lines)


def _summary_lines(d: ParsedDocument) -> list[str]:
    """A plan's line of the build's summary, and its warnings."""
    md = d.metadata
    unaccounted = sum(1 for ln in d.lines if ln.role == "unaccounted")
    out = [
        f"{d.doc_id}: {md.doc_type or '?'} {md.number or '(no number)'} · {md.issuer or '?'} · "
        f"{md.year or '?'} {md.period} · {len(d.sections)} sections, {len(d.tasks)} tasks, "
        f"{unaccounted} lines unaccounted · text {md.text_quality}"
    ]
    fell = d.fell_through
    if fell:
        out.append(f"  warning: {len(fell)} content line(s) fell through (neither heading nor task): lines {fell[:12]}")
    if not d.tasks:
        out.append(f"  warning: kept without tasks ({d.status}): {d.status_note}")
    if d.encoding.startswith("utf-8+"):
        out.append(
            f"  warning: some lines are UTF-8 and some {d.encoding[6:]} (a file pasted together); each read in its own"
        )
    if d.encoding.endswith("-lossy"):
        broken = [ln.line_no for ln in d.lines if "\ufffd" in ln.text]
        out.append(
            f"  warning: bytes that are not UTF-8 were replaced by '\ufffd' (the file is damaged): lines {broken[:12]}"
        )
    return out


def _build_id(documents: Iterable[tuple[str, str]], rejects: list[Row]) -> str:
    """What the tables are made of: the plans' paths and digests, the rejects, the versions."""
    parts = [_package_version(), MODEL_VERSION, *(f"{path}\t{sha}" for path, sha in documents)]
    return build_id(parts + [f"{r['source_path']}\t{r['reason']}" for r in rejects])


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("compare")
    except PackageNotFoundError:  # (run from a source tree that is not installed)
        return "source"


def write_tables(result: BuildResult, out_dir: Path) -> None:
    """The tables of a build held in memory, written to `out_dir` as a new generation."""
    ident = _build_id(((d.source_path, d.sha256) for d in result.documents), result.rejects)
    with _generation(out_dir) as gen:
        for name, frame in result.tables.items():
            write_table(frame, gen.path(name), ident)


@contextmanager
def _generation(out_dir: Path, echo: Callable[[str], object] | None = None) -> Iterator[Generation]:
    """A new generation of `out_dir`'s tables, under its lock: made current when the block
    ends, removed if it fails (the previous tables stay as they were). A full disk or a folder
    that cannot be written ends in one plain OSError that names the folder."""
    try:
        with locked(out_dir, echo=echo):
            for name in clean_leftovers(out_dir):
                if echo is not None:
                    echo(f"removed {name}, left in {out_dir} by an interrupted run")
            (out_dir / OUTPUT_MARK).touch()
            gen = Generation(out_dir)
            try:
                yield gen
                gen.commit()
            except BaseException:
                gen.abandon()
                raise
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write the tables to {out_dir}: {exc.strerror or exc}") from exc


# files a worker parses, then writes as one shard of each table (the row groups of the merged
# tables follow the shards, so they are the same whatever --jobs is)
CHUNK = 8


def _rows_per_file(name: str, documents: list[ParsedDocument]) -> list[int]:
    if name == "documents":
        return [1] * len(documents)
    return [len(getattr(d, name)) for d in documents]


def _parse_chunk(job: tuple[int, list[Path]]) -> tuple[list[_Parsed], dict[str, pa.Table]]:
    """Parse a chunk of files (`start`, the paths): what the build needs to say of them, and
    their rows as one shard of each table (each row with its file's index)."""
    start, paths = job
    documents: list[ParsedDocument] = []
    out: list[_Parsed] = []
    for index, path in enumerate(paths, start):
        doc = _parse_file(path)
        if isinstance(doc, str):
            out.append(_Parsed(index, _relative(path), doc))
            continue
        documents.append(doc)
        built = Built(doc.doc_id, doc.metadata, len(doc.tasks), doc.status)
        out.append(_Parsed(index, doc.source_path, None, doc.doc_id, doc.sha256, built, _summary_lines(doc)))
    indices = [p.index for p in out if p.reason is None]
    shards: dict[str, pa.Table] = {}
    for name in BUILD_TABLES[:-1]:  # (rejects: the build's own)
        columns = _columns_of_table(name, documents)
        if next(iter(columns.values())):
            files = [i for i, n in zip(indices, _rows_per_file(name, documents)) for _ in range(n)]
            shards[name] = arrow_table(name, columns).append_column(FILE_COLUMN, pa.array(files, pa.int32()))
    return out, shards


def _write_shards(start: int, shards: dict[str, pa.Table], folder: Path) -> None:
    for name, shard in shards.items():
        write_shard(shard, folder / f"{name}-{start:09d}.arrow")


def _parse_and_write(job: tuple[int, list[Path], Path]) -> list[_Parsed]:
    """Parse a chunk of files (`start`, the paths, the shards' folder) and write their rows as
    shards, where the worker shares the build's disk; give back what the build says of them."""
    start, paths, folder = job
    parsed, shards = _parse_chunk((start, paths))
    _write_shards(start, shards, folder)
    return parsed


def _written_in_batches(
    raw_dir: Path, engine: Engine, learn_from_folder: bool, shards: Path
) -> Iterator[list[_Parsed]]:
    """What the workers say of `raw_dir`'s files, a chunk at a time in the order of the paths,
    while the files' rows go into `shards` (written by the workers where they share this
    disk, else by this process from what they send back); the entries skipped come last."""
    with _folder(raw_dir, engine, learn_from_folder) as (paths, skipped):
        starts = range(0, len(paths), CHUNK)
        if engine.shares_disk:
            yield from engine.stream(_parse_and_write, [(i, paths[i : i + CHUNK], shards) for i in starts], _context())
        else:
            for start, (parsed, tables) in zip(
                starts, engine.stream(_parse_chunk, [(i, paths[i : i + CHUNK]) for i in starts], _context())
            ):
                _write_shards(start, tables, shards)
                yield parsed
        yield [_Parsed(-1, r["source_path"], r["reason"]) for r in skipped]


@dataclass
class _Parsed:
    """What a worker gives back of a file once its rows are in the shards: little."""

    index: int  # among the paths (-1: an entry skipped)
    source_path: str
    reason: str | None = None  # why it is rejected, or None
    doc_id: str = ""
    sha256: str = ""
    built: Built | None = None
    summary: list[str] = field(default_factory=list)


@dataclass
class Built:
    """What a build says of a plan once its rows are written (the rows stay on disk)."""

    doc_id: str
    metadata: Metadata
    n_tasks: int
    status: str


@dataclass
class BuildReport:
    """What `build` gives back: a line per plan, the rejects, where the tables are."""

    documents: list[Built]
    rejects: list[Row]
    out_dir: Path


def build(
    raw_dir: Path,
    out_dir: Path,
    echo: Callable[[str], object] = print,
    jobs: int | None = None,
    learn_from_folder: bool = False,
    engine: Engine | None = None,
) -> BuildReport:
    """`compare build`: the tables of `raw_dir` written to `out_dir`, in `jobs` processes
    (default: every core) or on `engine` (a Ray cluster: `compare.cluster`), a chunk of plans
    at a time, as a new generation of the folder's tables (switched to when all are written;
    `build/store.py`). The tables are the same whatever runs the work."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"no such folder: {raw_dir}")
    check_out_dir(out_dir)
    engine = engine or LocalEngine(jobs)
    built: list[Built] = []
    digests: list[tuple[str, str]] = []
    rejects: list[Row] = []
    with _generation(out_dir, echo) as gen:
        shards = gen.folder / ".shards"
        shards.mkdir()
        admit, excluded = _Admission(), set()
        for batch in _written_in_batches(raw_dir, engine, learn_from_folder, shards):
            for p in batch:
                reason = p.reason if p.reason is not None else admit.reason(p.source_path, p.doc_id, p.sha256)
                if reason is not None:
                    rejects.append({"source_path": p.source_path, "reason": reason})
                    excluded.add(p.index)
                elif p.built is not None:
                    echo("\n".join(p.summary))
                    built.append(p.built)
                    digests.append((p.source_path, p.sha256))
        rejects.sort(key=lambda r: Path(r["source_path"]))  # (in the order of the paths)
        ident = _build_id(digests, rejects)
        with ThreadPoolExecutor(min(engine.jobs, default_jobs())) as threads:  # (pyarrow writes outside the GIL)
            merged = [
                threads.submit(
                    merge_shards, sorted(shards.glob(f"{name}-*.arrow")), gen.path(name), name, ident, excluded
                )
                for name in BUILD_TABLES[:-1]
            ]
            write_table(_frame("rejects", rejects), gen.path("rejects"), ident)
            for future in merged:
                future.result()
        shutil.rmtree(shards)
    for r in rejects:
        echo(f"rejected {r['source_path']}: {r['reason']}")
    if any(d.metadata.text_quality == "ocr" for d in built):
        how = (
            "with the packaged model and this folder's clean plans (task text only; metadata as the packaged model reads it)"
            if learn_from_folder
            else "with the packaged model alone, so each plan's rows depend on that plan only"
        )
        echo(f"scans restored ({MODEL_VERSION}) {how}")
    echo(f"{len(built)} document(s), {len(rejects)} reject(s) → {out_dir}")
    return BuildReport(built, rejects, out_dir)


if __name__ == "__main__":  # pragma: no cover
    build(Path(sys.argv[1]), Path(sys.argv[2]))
