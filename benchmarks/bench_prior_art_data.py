"""Real corpora for the prior-art and IPC benchmarks (read from ../shared/data; never shipped) and an embedding cache.

Run directly to fill the cache ahead of the benchmarks: ``python benchmarks/bench_prior_art_data.py``.
Embeddings are cached per (model version, corpus sample) in ``$IPOFFICE_BENCH_CACHE`` (default: the system temp dir),
because the numpy MiniLM runs ~1-100 documents/s depending on how busy this shared machine is.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ipoffice.assist.prior_art import PriorArtDoc  # noqa: E402

SHARED = Path(
    os.environ.get("IPOFFICE_SHARED_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data"
)
CACHE = Path(os.environ.get("IPOFFICE_BENCH_CACHE") or Path(tempfile.gettempdir()) / "ipoffice-bench-cache")


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def nvidia_docs() -> list[PriorArtDoc]:
    """Every NVIDIA US patent (PatentsView, CC BY 4.0): title, abstract, grant date, CPC in sequence order."""
    d = SHARED / "patents" / "patentsview-nvidia"
    abstracts = {r["patent_id"]: r["patent_abstract"] for r in _rows(d / "nvidia_patent_abstract.csv")}
    cpc: dict[str, list[tuple[int, str]]] = {}
    for r in _rows(d / "nvidia_cpc.csv"):
        cpc.setdefault(r["patent_id"], []).append((int(r["cpc_sequence"]), r["cpc_group"]))
    out = []
    for r in _rows(d / "nvidia_patent.csv"):
        pid = r["patent_id"]
        codes = tuple(c for _s, c in sorted(cpc.get(pid, [])))
        out.append(
            PriorArtDoc(
                id=f"US{pid}",
                title=r["patent_title"],
                abstract=abstracts.get(pid, ""),
                date=date.fromisoformat(r["patent_date"]),
                ipc=codes,
                source="patentsview-nvidia",
            )
        )
    return out


def lens_drone_docs() -> list[PriorArtDoc]:
    """Lens.org drone families: titles (many languages) and IPC codes; no abstracts."""
    out = []
    with open(
        SHARED / "patents" / "lens-drones" / "drones_tac_1606_cleaned.csv", encoding="latin-1", newline=""
    ) as fh:
        for r in csv.DictReader(fh, skipinitialspace=True):
            codes = tuple(c.strip() for c in (r.get("ipc_codes") or "").split(";") if c.strip())
            if codes and r.get("title"):
                out.append(
                    PriorArtDoc(id=r["publication_number"], title=r["title"], ipc=codes, source="lens-drones")
                )
    return out


def pizza_docs() -> list[PriorArtDoc]:
    """PATENTSCOPE 'pizza' export: titles and IPC codes (Latin-1, CR line ends)."""
    out = []
    path = SHARED / "patents" / "patentscope-pizza-ritonavir" / "pizza_medium_patentscope_10000.csv"
    with open(path, encoding="latin-1", newline="") as fh:
        for r in csv.DictReader(fh):
            codes = tuple(dict.fromkeys(c.strip() for c in (r.get("IPC") or "").split(";") if c.strip()))
            if codes and r.get("Title"):
                out.append(
                    PriorArtDoc(
                        id=r["Publication Number"], title=r["Title"], ipc=codes, source="patentscope-pizza"
                    )
                )
    return out


def sample(docs: Sequence[PriorArtDoc], n: int, seed: int = 11) -> list[PriorArtDoc]:
    docs = sorted(docs, key=lambda d: d.id)
    return docs if len(docs) <= n else random.Random(seed).sample(docs, n)


def embed_cached(embedder, texts: Sequence[str], tag: str) -> np.ndarray:  # type: ignore[no-untyped-def]
    key = hashlib.sha256(("\0".join([embedder.version, *texts])).encode()).hexdigest()[:16]
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{tag}-{key}.npy"
    if path.is_file():
        return np.load(path)
    start = time.perf_counter()
    out = []
    for i in range(0, len(texts), 64):
        out.append(embedder.embed(list(texts[i : i + 64])))
        done = i + len(out[-1])
        print(
            f"  [{tag}] {done}/{len(texts)} embedded, {done / (time.perf_counter() - start):.1f}/s",
            file=sys.stderr,
        )
    m = np.concatenate(out) if out else np.zeros((0, embedder.dim), np.float32)
    np.save(path, m)
    (CACHE / f"{tag}-{key}.json").write_text(
        json.dumps({"n": len(texts), "seconds": time.perf_counter() - start})
    )
    return m


def panorama_items() -> list[dict]:
    """PANORAMA PAR4PC items (CC BY-NC 4.0, evaluation only): a claim, 8 candidate documents, the examiner's cited
    ones as gold answers."""
    d = SHARED / "eval" / "panorama-uspto-sample" / "benchmark" / "par4pc"
    return [json.loads(f.read_text()) for f in sorted(d.glob("*.json"))]


def panorama_docs() -> list[PriorArtDoc]:
    seen: dict[str, PriorArtDoc] = {}
    for item in panorama_items():
        for opt in item["options"].values():
            claims = opt.get("claims") or []
            seen.setdefault(
                opt["patent_id"],
                PriorArtDoc(
                    id=opt["patent_id"],
                    title=opt.get("title") or "",
                    abstract=opt.get("abstract") or "",
                    text="\n".join(str(c) for c in claims),
                    source="panorama",
                ),
            )
    return list(seen.values())


NVIDIA_SAMPLE = 800
TITLE_SAMPLE = 600


def all_sets() -> dict[str, list[PriorArtDoc]]:
    return {
        "panorama": panorama_docs(),
        "nvidia": sample(nvidia_docs(), NVIDIA_SAMPLE),
        "drones": sample(lens_drone_docs(), TITLE_SAMPLE),
        "pizza": sample(pizza_docs(), TITLE_SAMPLE),
    }


class CachedEmbedder:
    """An embedder that answers from pre-computed vectors and computes (and remembers) only what is missing."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner
        self.name, self.version, self.dim = inner.name, inner.version, inner.dim
        self.known: dict[str, np.ndarray] = {}
        self.computed = 0

    def preload(self, texts: Sequence[str], matrix: np.ndarray) -> None:
        self.known.update(zip(texts, matrix, strict=True))

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.known]
        if missing:
            self.computed += len(missing)
            self.known.update(zip(missing, self.inner.embed(missing, batch_size), strict=True))
        return np.stack([self.known[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


def cached_embedder(sets: dict[str, list[PriorArtDoc]]) -> CachedEmbedder:
    from ipoffice.search.embedding import load_embedder

    emb = CachedEmbedder(load_embedder())
    for tag, docs in sets.items():
        texts = [d.dense_text() for d in docs]
        emb.preload(texts, embed_cached(emb.inner, texts, tag))
    return emb


if __name__ == "__main__":
    sets = all_sets()
    for tag, docs in sets.items():
        print(tag, len(docs), file=sys.stderr)
    cached_embedder(sets)
