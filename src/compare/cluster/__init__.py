"""The pipeline on a Ray cluster: `compare build|analyze --engine ray [--address ADDR]`.

The same stages as on one machine, and the same tables: the build's files are parsed by a
pool of Ray tasks, their rows come back through the object store, and this
process merges them; `analyze` embeds the tasks on a pool of actors that load the model
once each and use a GPU where the cluster has one. Ray is an optional extra:
`pip install -e '.[ray]'`.

>>> from compare.cluster import RayEngine                              # doctest: +SKIP
>>> with RayEngine(cpus=2) as engine:                                  # a local instance
...     build(Path("data/raw"), Path("data/processed"), engine=engine)
"""

from compare.cluster.engine import RayEngine, RayUnavailable

__all__ = ["RayEngine", "RayUnavailable"]
