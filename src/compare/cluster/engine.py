"""`RayEngine`: a build's and an analysis's work on the workers of a Ray cluster.

- **Build**: the files go to Ray tasks, a few chunks of files each (one CPU each, never
  more than two per CPU of the cluster at once). A worker process runs the stage's setup
  (the build's source root, the folder's restorer) once, then parses its files. The rows come
  back through the object store and this process writes them, so the cluster needs no disk in
  common with this machine; where the cluster is this machine, the workers write them.
- **Embedding**: a pool of actors, one per GPU where the cluster has GPUs, else one per CPU,
  each loading the model once; chunks of texts go to whichever actor is free.

Results come back in the items' order, so the tables are those of the local engine. Every
node needs `compare` installed, and the raw folder at the same path.

>>> with RayEngine(cpus=2) as engine:                 # doctest: +SKIP
...     list(engine.stream(len, ["ab", "c"]))
[2, 1]
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import numpy as np

from compare.build.engine import Setup, default_jobs

T = TypeVar("T")
R = TypeVar("R")

CHUNKS_PER_TASK = 4  # items a Ray task takes (fewer: more scheduling; more: idle CPUs at the end)


class RayUnavailable(RuntimeError):
    """Ray is not installed, or the cluster cannot be reached."""


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise RayUnavailable("the Ray engine needs Ray: pip install -e '.[ray]'") from exc
    return ray


class RayEngine:
    """A Ray cluster: the one at `address` ("auto", "HOST:PORT", "ray://HOST:10001"), else a
    local instance with `cpus` CPUs (default: every core), started here and stopped by `close`.
    """

    def __init__(self, address: str | None = None, cpus: int | None = None, shares_disk: bool | None = None):
        """`shares_disk`: whether the workers may write the build's rows into this machine's
        folders themselves (default: when the cluster is this one machine); else the rows come
        back through the object store and this process writes them."""
        ray = _ray()
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # (offline: never report usage)
        self._started = not ray.is_initialized()
        if self._started:
            try:
                ray.init(
                    address=address or "local",  # (none: a new instance, never one found running)
                    num_cpus=None if address else (cpus or default_jobs()),
                    include_dashboard=False,
                    log_to_driver=False,
                    logging_level=logging.ERROR,
                )
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise RayUnavailable(
                    f"cannot reach the Ray cluster at {address}: {exc} (a cluster with token authentication "
                    "needs RAY_AUTH_MODE=token here, and its token in RAY_AUTH_TOKEN or ~/.ray/auth_token)"
                ) from exc
        resources = ray.cluster_resources()
        self.jobs = max(1, int(resources.get("CPU", 1)))
        self.gpus = int(resources.get("GPU", 0))
        here = ray.util.get_node_ip_address()
        alone = all(node["NodeManagerAddress"] == here for node in ray.nodes() if node["Alive"])
        self.shares_disk = alone if shares_disk is None else shares_disk

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the local instance this engine started (a cluster it joined keeps running)."""
        if self._started:
            _ray().shutdown()
            self._started = False

    def encoder(self, model: str | None) -> Callable[[list[list[str]]], Iterator[np.ndarray]]:
        """Chunks of texts → their vectors, a chunk at a time in order, on a pool of actors that
        each load the model once: one per GPU where the cluster has GPUs, else one per node
        with all the node's CPUs (as torch uses every core on one machine: the same threads,
        so the same vectors as `compare analyze` on that machine)."""
        return lambda chunks: self._encode(model, chunks)

    def _encode(self, model: str | None, chunks: list[list[str]]) -> Iterator[np.ndarray]:
        if not chunks:
            return
        ray = _ray()
        from ray.util import ActorPool
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        from compare.cluster.embed import Encoder

        encoder = ray.remote(Encoder)
        if self.gpus:
            actors = [
                encoder.options(num_cpus=1, num_gpus=1, max_restarts=0).remote(model, 0)
                for _ in range(min(self.gpus, len(chunks)))
            ]
        else:
            nodes = [(n["NodeID"], int(n["Resources"].get("CPU", 0))) for n in ray.nodes() if n["Alive"]]
            actors = [
                encoder.options(
                    num_cpus=cpus, max_restarts=0, scheduling_strategy=NodeAffinitySchedulingStrategy(node, soft=False)
                ).remote(model, cpus)
                for node, cpus in nodes[: len(chunks)]
                if cpus
            ]
        try:
            yield from ActorPool(actors).map(lambda a, texts: a.encode.remote(texts), chunks)
        finally:
            for a in actors:
                ray.kill(a)

    def stream(self, function: Callable[[T], R], items: Sequence[T], setup: Setup | None = None) -> Iterator[R]:
        """`function` over the items on Ray tasks, the results in the items' order as they come
        (`setup`: run once in each worker process before its first item)."""
        ray = _ray()
        task = ray.remote(_apply).options(num_cpus=1, max_retries=0)
        context = ray.put((uuid.uuid4().hex, setup))  # (sent once; run once per worker)
        starts = iter(range(0, len(items), CHUNKS_PER_TASK))
        pending: dict[Any, int] = {}  # a task → the index of its first item
        arrived: dict[int, list[R]] = {}  # results that came before the ones due first
        due = 0
        while True:
            for start in starts:
                pending[task.remote(function, context, list(items[start : start + CHUNKS_PER_TASK]))] = start
                if len(pending) >= 2 * self.jobs:
                    break
            if not pending:
                return
            done, _ = ray.wait(list(pending), num_returns=1)
            for future in done:
                arrived[pending.pop(future)] = ray.get(future)
            while due in arrived:
                yield from arrived.pop(due)
                due += CHUNKS_PER_TASK


_SETUP_DONE: str | None = None  # the run whose setup this worker process has run


def _apply(function: Callable[[Any], Any], context: tuple[str, Setup | None], items: list[Any]) -> list[Any]:
    """A Ray task: the run's setup, once per worker process, then `function` on each item."""
    global _SETUP_DONE
    run, setup = context
    if setup is not None and run != _SETUP_DONE:
        setup[0](*setup[1])
        _SETUP_DONE = run
    return [function(item) for item in items]
