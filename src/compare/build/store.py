"""The table set on disk: one generation of tables per build, switched to in one step, under a
lock, with a check that the tables read together belong together.

A folder of tables (`--out`, `data/processed`) looks like this::

    .compare-output            the folder is compare's: a build never reads it as plans
    .lock                      builds hold it alone, analyses shared
    .generations/000007/       one build's tables, and the analysis made of them
    current -> .generations/000007
    documents.parquet -> current/documents.parquet    (one link per table there)
    vectors/                   the embedding cache, shared by the generations

A build writes its tables into a new generation and switches `current` to it with one rename,
so a reader sees the previous set or the new one, never a mixture; a build that fails (a full
disk, a kill) leaves the previous set as it was, and its partial generation is removed by the
next build. Each table carries the id of the build it belongs to (Parquet key-value metadata
`compare.build`); the analysis writes its tables into the generation it read, with that id,
so after a new build they are absent ("run compare analyze"), never stale. `check_set` reads
the ids and names any table of another build (a folder assembled by hand, an old layout).

>>> folder = tables_folder(Path("data/processed"))  # doctest: +SKIP
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow.parquet as pq

from compare.build.tables import BUILD_KEY

OUTPUT_MARK = ".compare-output"  # a folder that compare wrote (tables or reports): never read as plans
LOCK = ".lock"
GENERATIONS = ".generations"
CURRENT = "current"
_PARTIAL = ".partial"


class TableSetError(RuntimeError):
    """The tables of a folder do not belong to one build."""


@contextmanager
def locked(out_dir: Path, shared: bool = False, echo: Callable[[str], object] | None = None) -> Iterator[None]:
    """Hold `out_dir`'s lock: alone for a build, shared for an analysis. Waits, saying so once,
    while another holds it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK, "a+") as handle:
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        try:
            fcntl.flock(handle, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            if echo is not None:
                echo(f"waiting for another compare run on {out_dir} to finish")
            fcntl.flock(handle, mode)
        yield  # (released when the file closes)


def tables_folder(folder: Path) -> Path:
    """Where `folder`'s tables are: its current generation, resolved once (a build that
    switches meanwhile does not mix two sets into one read), or `folder` itself when it holds
    tables of its own (a folder written before generations, or by hand)."""
    current = folder / CURRENT
    return current.resolve() if current.is_symlink() and current.exists() else folder


def build_id(parts: Iterable[str]) -> str:
    """The id of a build from what determines its tables (the files' digests and reasons, the
    versions): the same inputs give the same id, so tables stay byte-identical."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    return digest.hexdigest()[:16]


def table_build(path: Path) -> str | None:
    """The build id a table file carries (None for a table written without one)."""
    meta = pq.read_metadata(path).metadata or {}
    value = meta.get(BUILD_KEY.encode())
    return value.decode() if value is not None else None


def check_set(folder: Path, names: Iterable[str]) -> str | None:
    """The build id the tables `names` of `folder` share (those present); raises TableSetError
    naming the tables of another build."""
    ids = {name: table_build(folder / f"{name}.parquet") for name in names if (folder / f"{name}.parquet").exists()}
    if len(set(ids.values())) > 1:
        main = ids.get("documents") or max(set(ids.values()), key=list(ids.values()).count)
        odd = sorted(name for name, value in ids.items() if value != main)
        raise TableSetError(
            f"{folder}: {', '.join(f'{n}.parquet' for n in odd)} come(s) from another build than documents.parquet: "
            "run `compare build` again (and `compare analyze`)"
        )
    return next(iter(ids.values()), None)


class Generation:
    """A build's new generation of tables: written into a partial folder, then committed."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        root = out_dir / GENERATIONS
        root.mkdir(parents=True, exist_ok=True)
        numbers = [int(p.name.split(".")[0]) for p in root.iterdir() if p.name.split(".")[0].isdigit()]
        self.name = f"{max(numbers, default=0) + 1:06d}"
        self.folder = root / (self.name + _PARTIAL)
        self.folder.mkdir()

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.parquet"

    def commit(self) -> Path:
        """Make this generation the current one in one step, link its tables, and remove what
        no reader can still need (generations before the previous one, partial ones)."""
        final = self.folder.with_name(self.name)
        os.replace(self.folder, final)
        self.folder = final
        previous = tables_folder(self.out_dir)
        _link(self.out_dir / CURRENT, os.path.join(GENERATIONS, self.name))  # (the one step)
        link_tables(self.out_dir)
        keep = {self.name, previous.name}
        for old in (self.out_dir / GENERATIONS).iterdir():
            if old.name not in keep:
                shutil.rmtree(old, ignore_errors=True)
        return final

    def abandon(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def link_tables(out_dir: Path) -> None:
    """`out_dir/<name>.parquet` → `current/<name>.parquet` for every table of the current
    generation; links to tables it lacks (the last build's analysis) removed. (A folder without
    generations keeps its files as they are.)"""
    current = tables_folder(out_dir)
    if current == out_dir:
        return
    names = {p.name for p in current.glob("*.parquet")}
    for entry in out_dir.glob("*.parquet"):
        if entry.is_symlink() and entry.name not in names:
            entry.unlink()
    for name in sorted(names):
        target = out_dir / name
        if target.is_symlink() and os.readlink(target) == os.path.join(CURRENT, name):
            continue
        _link(target, os.path.join(CURRENT, name))  # (a table file of the old flat layout gives way)


def _link(path: Path, target: str) -> None:
    """`path` → `target` (relative), in one step: a new link renamed over whatever is there."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.link.tmp")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, path)


def clean_leftovers(out_dir: Path) -> list[str]:
    """Remove what killed runs left in `out_dir` (partial generations, temporary files); the
    names removed. Call it holding the lock alone."""
    removed = []
    root = out_dir / GENERATIONS
    for partial in sorted(root.glob(f"*{_PARTIAL}")) if root.is_dir() else []:
        shutil.rmtree(partial, ignore_errors=True)
        removed.append(str(partial.relative_to(out_dir)))
    folders = [out_dir, tables_folder(out_dir)]
    for folder in dict.fromkeys(folders):
        for tmp in sorted(folder.glob(".*.tmp")):
            tmp.unlink(missing_ok=True)
            removed.append(tmp.name)
    return removed
