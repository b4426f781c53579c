"""The processed tables: their schemas (CONTRACT.md) and how they are written and read."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc
import pyarrow.parquet as pq

# the tables a build writes (the analysis adds its own beside them)
BUILD_TABLES = ("documents", "sections", "tasks", "references", "lines", "rejects")
BUILD_KEY = "compare.build"  # the key of a table's build id in its Parquet metadata
FILE_COLUMN = "_file"  # a shard's column: the file each row comes from (its index among the paths)

_STR_LIST = pl.List(pl.Utf8)

# a column's type: a polars type or type class (pl.Utf8 is a class, pl.List(pl.Utf8) an instance)
ColumnType = pl.DataType | type[pl.DataType]
# a row of a table as the build makes it: column name → value
Row = dict[str, Any]

SCHEMAS: dict[str, dict[str, ColumnType]] = {
    "documents": {
        "doc_id": pl.Utf8,
        "source_path": pl.Utf8,
        "sha256": pl.Utf8,
        "issuer": pl.Utf8,
        "parent": pl.Utf8,
        "jurisdiction": pl.Utf8,
        "admin_level": pl.Utf8,
        "doc_type": pl.Utf8,
        "number": pl.Utf8,
        "issued_date": pl.Date,
        "year": pl.Int32,
        "period": pl.Utf8,
        "period_start_year": pl.Int32,
        "period_end_year": pl.Int32,
        "title": pl.Utf8,
        "signer": pl.Utf8,
        "signer_title": pl.Utf8,
        "text_quality": pl.Utf8,
        "encoding": pl.Utf8,
        "n_tasks": pl.Int32,
        "status": pl.Utf8,
        "status_note": pl.Utf8,
    },
    "sections": {
        "doc_id": pl.Utf8,
        "section_id": pl.Utf8,
        "parent_id": pl.Utf8,
        "level": pl.Int32,
        "label": pl.Utf8,
        "heading": pl.Utf8,
        "kind": pl.Utf8,
        "theme": pl.Int32,
        "line_start": pl.Int32,
        "line_end": pl.Int32,
    },
    "tasks": {
        "doc_id": pl.Utf8,
        "task_id": pl.Utf8,
        "section_id": pl.Utf8,
        "ordinal": pl.Int32,
        "label": pl.Utf8,
        "text": pl.Utf8,
        "text_raw": pl.Utf8,
        "theme": pl.Int32,
        "lead_units": _STR_LIST,
        "partner_units": _STR_LIST,
        "timeframe": pl.Utf8,
        "due_start": pl.Date,
        "due_end": pl.Date,
        "recurring": pl.Boolean,
        "references": _STR_LIST,
        "line_start": pl.Int32,
        "line_end": pl.Int32,
        "parent_task_id": pl.Utf8,
        "item_kind": pl.Utf8,
    },
    "references": {
        "doc_id": pl.Utf8,
        "task_id": pl.Utf8,
        "ref_id": pl.Utf8,
        "kind": pl.Utf8,
        "ref_date": pl.Date,
        "text": pl.Utf8,
    },
    "lines": {
        "doc_id": pl.Utf8,
        "line_no": pl.Int32,
        "role": pl.Utf8,
        "section_id": pl.Utf8,
        "task_id": pl.Utf8,
        "section_kind": pl.Utf8,
        "text": pl.Utf8,
        "restored": pl.Utf8,
    },
    "rejects": {"source_path": pl.Utf8, "reason": pl.Utf8},
    "embeddings": {"task_id": pl.Utf8, "model": pl.Utf8, "key": pl.Utf8, "vector": pl.List(pl.Float32)},
    "clusters": {"task_id": pl.Utf8, "cluster": pl.Int32, "cluster_label": pl.Utf8},
    "overlaps": {
        "task_id_a": pl.Utf8,
        "task_id_b": pl.Utf8,
        "doc_id_a": pl.Utf8,
        "doc_id_b": pl.Utf8,
        "similarity": pl.Float64,
        "kind": pl.Utf8,
    },
    "changes": {
        "doc_id_old": pl.Utf8,
        "doc_id_new": pl.Utf8,
        "task_id_old": pl.Utf8,
        "task_id_new": pl.Utf8,
        "status": pl.Utf8,
        "similarity": pl.Float64,
        "diff": pl.Utf8,
    },
}


def empty(name: str) -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMAS[name])


_ARROW = {pl.Utf8: pa.large_string(), pl.Int32: pa.int32(), pl.Date: pa.date32(), pl.Boolean: pa.bool_(),
          pl.Float64: pa.float64(), pl.Float32: pa.float32()}  # fmt: skip


def _arrow_type(dtype: ColumnType) -> pa.DataType:
    if isinstance(dtype, pl.List):
        return pa.large_list(_arrow_type(dtype.inner))  # type: ignore[arg-type]
    return _ARROW[dtype]  # type: ignore[index]


def arrow_schema(name: str) -> pa.Schema:
    """A table's schema as Arrow writes it (what polars reads back as SCHEMAS[name]).

    >>> arrow_schema("rejects").names
    ['source_path', 'reason']
    """
    return pa.schema([(column, _arrow_type(dtype)) for column, dtype in SCHEMAS[name].items()])


def arrow_table(name: str, columns: dict[str, list[Any]]) -> pa.Table:
    """A table of `name`'s schema from its columns (Python lists), built by Arrow: what the
    build's workers write their shards with (polars is not safe in a forked process)."""
    return pa.table(columns, schema=arrow_schema(name))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def _atomic(path: Path) -> Iterator[str]:
    """A temporary file beside `path` to write, renamed to `path` once written (removed if
    the writing fails), with the permissions the umask gives."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # (mkstemp makes it 0600: the table is as any file written here)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


_OS_ERROR = re.compile(r"\(os error (\d+)\)")


def write_parquet(frame: pl.DataFrame, path: str | Path, **options: Any) -> None:
    """`frame.write_parquet`, with the system's errors as OSError (polars reports a full disk as
    a ComputeError "... (os error 28)")."""
    try:
        frame.write_parquet(path, **options)
    except pl.exceptions.PolarsError as exc:
        code = _OS_ERROR.search(str(exc))
        if code is None:
            raise
        raise OSError(int(code.group(1)), os.strerror(int(code.group(1))), str(path)) from exc


def write_table(frame: pl.DataFrame, path: Path, build: str | None = None) -> None:
    """Write Parquet atomically: a temporary file in the same folder, then a rename. `build`:
    the id of the build the table belongs to, kept in the file's metadata."""
    with _atomic(path) as tmp:
        metadata = {BUILD_KEY: build} if build is not None else None
        write_parquet(frame, tmp, compression="zstd", statistics=False, metadata=metadata)


# rows a merged table's row group gathers from its shards (at least; a shard is never split)
ROW_GROUP = 65_536


def write_shard(table: pa.Table, path: Path) -> None:
    """A shard of a table: Arrow's file format, uncompressed (the merge maps it back at once)."""
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


def _read_shard(path: Path) -> pa.Table:
    with pa.memory_map(str(path)) as source:
        return pa.ipc.open_file(source).read_all()


def merge_shards(shards: list[Path], path: Path, name: str, build: str, exclude: set[int] | None = None) -> None:
    """One table from its shards (`write_shard`, the same schema, in order), read one at a
    time and written atomically to Parquet with the build's id. A shard's rows name their file in a
    column FILE_COLUMN: rows of the files in `exclude` are left out, and the column too. Row
    groups gather whole shards up to ROW_GROUP rows, so the file's layout depends on the shards
    and never on how many processes wrote them."""
    schema = arrow_schema(name).with_metadata({BUILD_KEY.encode(): build.encode()})
    left_out = pa.array(sorted(exclude or ()), pa.int32())
    with _atomic(path) as tmp, pq.ParquetWriter(tmp, schema, compression="zstd", write_statistics=False) as out:
        pending: list[pa.Table] = []
        for shard in shards:
            table = _read_shard(shard)
            if FILE_COLUMN in table.column_names:
                if len(left_out):
                    table = table.filter(pc.invert(pc.is_in(table[FILE_COLUMN], left_out)))
                table = table.drop_columns([FILE_COLUMN])
            pending.append(table.replace_schema_metadata(schema.metadata))
            if sum(t.num_rows for t in pending) >= ROW_GROUP:
                out.write_table(pa.concat_tables(pending), row_group_size=1 << 30)
                pending = []
        if pending or not shards:
            table = pa.concat_tables(pending) if pending else schema.empty_table()
            out.write_table(table, row_group_size=1 << 30)


def read_table(folder: Path, name: str) -> pl.DataFrame:
    path = Path(folder) / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `compare build` (and `compare analyze`) first")
    return pl.read_parquet(path)
