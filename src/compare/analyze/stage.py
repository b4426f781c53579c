"""`compare analyze`: embeddings, clusters, overlaps and changes written beside the build
tables (names and columns as CONTRACT.md says), plus coverage and reference changes."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from compare.analyze.clusters import clusters_table
from compare.analyze.corpus import Corpus
from compare.build.store import link_tables, locked
from compare.build.tables import SCHEMAS, write_table


def analyze(processed: Path, model: str | None = None, echo=print, engine=None) -> Corpus:
    """The analysis tables of `processed`, the tasks embedded here, or on `engine`'s cluster
    (a `compare.cluster.RayEngine`); the rest of the analysis runs here, on every core."""
    corpus = Corpus(processed, model)
    corpus.echo = echo  # (the embedding's progress)
    if engine is not None:
        corpus.encoder = engine.encoder(model)
    if corpus.tasks.height == 0:
        raise ValueError(f"{processed}: no tasks to analyse (run `compare build` first)")
    vectors = corpus.vectors
    model_id = corpus.model_id  # (the model that made the vectors, $COMPARE_MODEL too)
    embeddings = pl.DataFrame(
        {
            "task_id": corpus.tasks["task_id"],
            "model": [model_id] * corpus.tasks.height,
            "key": corpus.text_keys,
            "vector": [v.tolist() for v in vectors],
        },
        schema=SCHEMAS["embeddings"],
    )
    clusters = clusters_table(corpus.tasks, corpus.features)  # fresh, never the old file
    corpus._clusters = clusters
    overlaps = corpus.overlaps()
    changes = corpus.changes()
    out = {
        "embeddings": embeddings,
        "clusters": clusters,
        "overlaps": overlaps,
        "changes": changes,
        "coverage": corpus.coverage(),
        "reference_changes": corpus.reference_changes(),
    }
    # into the generation the tables were read from, with its build's id; under the folder's
    # lock, shared (a build waits, so that it never removes the generation being written)
    with locked(Path(processed), shared=True):
        if not corpus.tables_dir.is_dir():
            raise OSError(f"{processed}: a newer build replaced the tables while they were analysed: run again")
        try:
            for name, frame in out.items():
                write_table(frame, corpus.tables_dir / f"{name}.parquet", corpus.build_id)
        except OSError as exc:
            raise OSError(exc.errno, f"cannot write the analysis to {processed}: {exc.strerror or exc}") from exc
        link_tables(Path(processed))
    counts = overlaps.group_by("kind").len().sort("kind")
    echo(
        f"analysed {corpus.documents.height} plans, {corpus.tasks.height} tasks with {model_id}: "
        f"{clusters['cluster'].n_unique()} clusters; overlaps " + ", ".join(f"{k} {n}" for k, n in counts.iter_rows())
    )
    for (old, new), group in changes.group_by(["doc_id_old", "doc_id_new"], maintain_order=True):
        stats = dict(group.group_by("status").len().iter_rows())
        echo(f"  {old} → {new}: " + ", ".join(f"{s} {stats.get(s, 0)}" for s in ("kept", "modified", "new", "dropped")))
    return corpus
