"""Exact nearest-neighbour search over unit vectors: one matrix product and ``argpartition``.

At an office's scale (up to one or two million documents) exact search is both simpler and better than an
approximate index (../research/dependencies-offline.md measured 13.8 ms per query over 200k 384-d vectors and
recall 1.0, where HNSW builds took minutes). Vectors are kept as float32 and saved as ``.npy`` beside their ids, so
a saved index is memory-mapped on open.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class VectorHit:
    id: str
    score: float  # cosine similarity
    rank: int


class VectorIndex:
    """Rows of unit vectors with string ids; ``search`` returns the ``k`` most similar, best first."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self.ids: list[str] = []
        self._parts: list[np.ndarray] = []
        self._matrix: np.ndarray | None = np.zeros((0, dim), dtype=np.float32)
        self._pos: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim or len(ids) != vectors.shape[0]:
            raise ValueError(f"expected {len(ids)} rows of dimension {self.dim}, got {vectors.shape}")
        for i in ids:
            self._pos[i] = len(self.ids)
            self.ids.append(i)
        self._parts.append(vectors)
        self._matrix = None

    @property
    def matrix(self) -> np.ndarray:
        if self._matrix is None:
            self._matrix = np.concatenate(self._parts) if self._parts else np.zeros((0, self.dim), np.float32)
            self._parts = [self._matrix]
        return self._matrix

    def vector(self, id_: str) -> np.ndarray | None:
        i = self._pos.get(id_)
        return None if i is None else self.matrix[i]

    def position(self, id_: str) -> int | None:
        return self._pos.get(id_)

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Cosine of every row with ``query``: shape ``(n,)`` for one vector, ``(n, m)`` for ``m`` query rows."""
        q = np.asarray(query, dtype=np.float32)
        return self.matrix @ (q.reshape(-1) if q.ndim == 1 else q.T)

    def search(
        self, query: np.ndarray, k: int = 10, *, allowed: Collection[str] | None = None
    ) -> list[VectorHit]:
        """The ``k`` rows with the highest cosine to ``query``; only ids in ``allowed`` when it is given."""
        if len(self) == 0 or k <= 0:
            return []
        return self.top(self.scores(query), k, allowed=allowed)

    def top(
        self,
        scores: np.ndarray,
        k: int = 10,
        *,
        allowed: Collection[str] | None = None,
        mask: np.ndarray | None = None,
    ) -> list[VectorHit]:
        """The ``k`` best rows by a score per row (e.g. cosines combined with passage scores); only ids in ``allowed``,
        or only rows where the boolean ``mask`` is true, when given."""
        s = np.asarray(scores, dtype=np.float32).reshape(-1)
        if len(self) == 0 or k <= 0:
            return []
        if s.shape[0] != len(self):
            raise ValueError(f"expected {len(self)} scores, got {s.shape[0]}")
        if mask is not None:
            keep = np.asarray(mask, dtype=bool).reshape(-1)
            if keep.shape[0] != len(self):
                raise ValueError(f"expected {len(self)} mask rows, got {keep.shape[0]}")
            n_keep = int(keep.sum())
            if not n_keep:
                return []
            s = s + np.where(keep, np.float32(0.0), np.float32(-np.inf))
            k = min(k, n_keep)
        elif allowed is not None:
            mask = np.full(len(self), -np.inf, dtype=np.float32)
            rows = [self._pos[i] for i in allowed if i in self._pos]
            if not rows:
                return []
            mask[rows] = 0.0
            s = s + mask
            k = min(k, len(rows))
        k = min(k, len(self))
        top = np.argpartition(-s, k - 1)[:k] if k < len(self) else np.arange(len(self))
        top = top[np.lexsort((top, -s[top]))]  # by score, ties by insertion order: reproducible
        return [VectorHit(self.ids[i], float(s[i]), r) for r, i in enumerate(top, start=1)]

    def save(self, directory: str | Path) -> None:
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        np.save(d / "vectors.npy", self.matrix)
        (d / "ids.json").write_text(json.dumps(self.ids))

    @classmethod
    def load(cls, directory: str | Path) -> VectorIndex:
        d = Path(directory)
        matrix = np.load(d / "vectors.npy", mmap_mode="r")
        ix = cls(int(matrix.shape[1]))
        ix.add(json.loads((d / "ids.json").read_text()), matrix)
        return ix
