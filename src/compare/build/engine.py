"""Where a build's work runs. An engine streams a function over items and gives the results
in the items' order; what it returns does not depend on the engine.

- `LocalEngine` (the default): this process and `jobs - 1` forked worker processes, on one
  machine. The workers share this machine's disk, so they write their rows themselves.
- `compare.cluster.RayEngine`: the workers of a Ray cluster (`compare build --engine ray`).

>>> list(LocalEngine(jobs=1).stream(str.upper, ["a", "b"]))
['A', 'B']
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# items a local engine hands out between two forks of its workers: what the build holds in
# memory does not grow with the folder
BATCH = 1024

Setup = tuple[Callable[..., object], tuple[Any, ...]]  # a function each worker runs once, and its arguments


class Engine(Protocol):
    """What a build needs of an engine."""

    shares_disk: bool  # whether the workers can write into this process's folders
    jobs: int  # the work that runs at once (cores or cluster CPUs)

    def stream(self, function: Callable[[T], R], items: Sequence[T], setup: Setup | None = None) -> Iterator[R]:
        """`function` over the items, the results in the items' order as they come: what a
        worker needs first (`setup`) runs once in each worker before its first item."""
        ...


class LocalEngine:
    """This process and `jobs - 1` forked workers (default: every core). The workers inherit
    what this process holds when they start: `setup` runs here, before they do."""

    shares_disk = True

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs or default_jobs()

    def stream(self, function: Callable[[T], R], items: Sequence[T], setup: Setup | None = None) -> Iterator[R]:
        if setup is not None:
            setup[0](*setup[1])
        with pool(self.jobs) as run:
            for k in range(0, len(items), BATCH):
                yield from run(function, list(items[k : k + BATCH]))


def default_jobs() -> int:
    """Every core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # (not Linux)
        return os.cpu_count() or 1


@contextmanager
def pool(jobs: int) -> Iterator[Callable[..., list[Any]]]:
    """`run(function, items)` → the results in the items' order: in this process for one job,
    else here and in `jobs - 1` forked worker processes (they inherit what this one holds; they
    write with pyarrow, never polars, whose threads a fork does not carry over)."""
    if jobs <= 1:
        yield lambda function, items: [function(x) for x in items]
        return
    from compare.text.lexicon import district_provinces

    district_provinces()  # what the parser loads on first use, loaded once for every worker
    # (the collector rests while the results, many small objects, are read back)
    with ProcessPoolExecutor(jobs - 1, mp_context=multiprocessing.get_context("fork")) as executor, collector_paused():
        yield lambda function, items: _share(executor, jobs - 1, function, items)


def _share(executor: ProcessPoolExecutor, workers: int, function: Callable[[T], R], items: list[T]) -> list[R]:
    """The items one at a time (a worker's item: a file, or a chunk of files): the workers
    take them from the front, this process from the back, until they meet, then this process
    takes back what no worker has started, so that all finish together; the results in the
    items' order. (The process that gathers the results works too, instead of waiting on a
    core of its own.)"""
    results: dict[int, R] = {}  # an item's index → its result
    pending: dict[Future[R], int] = {}
    front, back = 0, len(items)
    while front < back or pending:
        while front < back and len(pending) < 3 * workers:  # (the workers never wait for work)
            pending[executor.submit(function, items[front])] = front
            front += 1
        if front < back:
            back -= 1
            results[back] = function(items[back])
            done = [f for f in pending if f.done()]
        else:  # nothing left to hand out: take back an item no worker has started, else wait
            stolen = next((f for f in reversed(list(pending)) if f.cancel()), None)
            if stolen is not None:
                k = pending.pop(stolen)
                results[k] = function(items[k])
                continue
            done = list(wait(pending, return_when=FIRST_COMPLETED).done)
        for future in done:
            results[pending.pop(future)] = future.result()
    return [results[k] for k in range(len(items))]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Parsing one plan makes tens of thousands of small objects that reference counting frees
    when it ends; the cycle collector would scan them again and again meanwhile, for nothing
    (about 5% of the build). It runs again between plans."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
