"""The classification step on a Dask cluster: partitions of the family table matched in parallel.

Pack matching is embarrassingly parallel (each family on its own), so the family table is cut into partitions,
each worker runs :func:`ipoffice.patentmap.classify.match_packs` on its partition, and the masks come back in
order. The indicators then run on the (small) membership table as usual. ``client`` is any
``distributed.Client`` - a local cluster on one machine, or a scheduler address for a real cluster.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ipoffice.patentmap.classify import PackMatches, match_packs
from ipoffice.patentmap.taxonomy import Pack

MATCH_COLUMNS = ["title", "abstract", "ipc", "cpc"]


def _match_partition(part: pd.DataFrame, packs: list[Pack]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    m = match_packs(part, packs)
    return m.query_a, m.query_b, m.query_c


def match_packs_dask(families: pd.DataFrame, packs: list[Pack], client: Any, partitions: int | None = None) -> PackMatches:
    """Same result as :func:`match_packs`, computed partition by partition on the cluster behind ``client``."""
    n = len(families)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    parts = partitions or max(1, min(n // 5000 + 1, workers * 4))
    bounds = np.linspace(0, n, parts + 1, dtype=int)
    slim = families[MATCH_COLUMNS].reset_index(drop=True)
    [packs_future] = client.scatter([packs], broadcast=True)
    futures = [client.submit(_match_partition, slim.iloc[a:b], packs_future, pure=False)
               for a, b in zip(bounds[:-1], bounds[1:], strict=True) if b > a]
    results = client.gather(futures)
    if not results:
        empty = np.zeros((0, len(packs)), dtype=bool)
        return PackMatches([p.id for p in packs], empty, empty, empty)
    qa, qb, qc = (np.vstack([r[i] for r in results]) for i in range(3))
    return PackMatches([p.id for p in packs], qa, qb, qc)


def local_client(workers: int = 2, processes: bool = False) -> Any:
    """A small local Dask cluster (threads by default: quick to start, enough for tests and one machine)."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None)
    return Client(cluster)
