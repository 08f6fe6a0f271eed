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
import re
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


def trail_applications() -> list[dict]:
    """The 10 real USPTO examination trails of the PANORAMA sample (CC BY-NC 4.0, evaluation only), merged form
    (``panorama/``: the record, the non-final rejection parsed per claim, the examiner-cited documents)."""
    d = SHARED / "eval" / "panorama-uspto-sample" / "panorama"
    return [json.loads(f.read_text()) for f in sorted(d.glob("*.json"))]


def _us(ref: str) -> str:
    return "US" + re.sub(r"\s+", "", ref).removeprefix("US")


def trail_items() -> list[dict]:
    """One query per rejected claim (102/103) of the trails: the application's title and abstract and the claim as
    filed; gold = the documents the examiner cited against that claim in the office action."""
    out = []
    for app in trail_applications():
        claims = app.get("initialClaims") or []
        for c in app.get("parsed_CTNF") or []:
            if not c.get("isReject"):
                continue
            gold = {_us(p["patentNum"]) for r in c.get("reasons") or [] for p in r.get("citedPatents") or []}
            n = int(c["claimNumber"])
            if not gold or not 0 < n <= len(claims):
                continue
            out.append(
                {
                    "application": str(app["applicationNumber"]),
                    "claim": n,
                    "text": f"{app.get('title', '')}. {app.get('abstract', '')}\n{claims[n - 1]}",
                    "gold": gold,
                }
            )
    return out


def trail_docs() -> list[PriorArtDoc]:
    """Every document cited by the examiners of the 10 trails: title, abstract and claims (as PANORAMA holds them)."""
    seen: dict[str, PriorArtDoc] = {}
    for app in trail_applications():
        for p in app.get("patentsCitedByExaminer") or []:
            pid = _us(p["referenceIdentifier"])
            seen.setdefault(
                pid,
                PriorArtDoc(
                    id=pid,
                    title=p.get("title") or "",
                    abstract=p.get("abstract") or "",
                    text="\n".join(str(c) for c in p.get("claims") or []),
                    source="panorama-trail",
                ),
            )
    return list(seen.values())


def proxy_split(docs: Sequence[PriorArtDoc], seed: int = 5) -> tuple[list[PriorArtDoc], list[PriorArtDoc]]:
    """Query documents of the NVIDIA same-CPC proxy, split in half: (training, held-out). Eligible: a first CPC main
    group shared with at least one other document of the sample."""
    groups = proxy_groups(docs)
    eligible = sorted((d for d in docs if groups.get(d.id)), key=lambda d: d.id)
    random.Random(seed).shuffle(eligible)
    half = len(eligible) // 2
    return eligible[:half], eligible[half:]


def proxy_groups(docs: Sequence[PriorArtDoc]) -> dict[str, set[str]]:
    """For each document, the other documents sharing its first CPC main group (empty set when none)."""
    from ipoffice.assist.ipc_suggest import levels

    first: dict[str, str | None] = {}
    for d in docs:
        first[d.id] = next((lv[1] for lv in map(levels, d.ipc) if lv and lv[1]), None)
    by_group: dict[str, set[str]] = {}
    for i, g in first.items():
        if g:
            by_group.setdefault(g, set()).add(i)
    return {i: (by_group[g] - {i}) if g else set() for i, g in first.items()}


def metrics(ranked: Sequence[str], relevant: set[str], depth: int = 100) -> dict[str, float]:
    """MRR, recall@2/@5/@10, P@10 and AP@depth of one ranking (AP divides by min(|relevant|, depth))."""
    first = next((r for r, i in enumerate(ranked, start=1) if i in relevant), None)
    found, ap = 0, 0.0
    for r, i in enumerate(ranked[:depth], start=1):
        if i in relevant:
            found += 1
            ap += found / r
    n = max(len(relevant), 1)
    return {
        "MRR": 1.0 / first if first else 0.0,
        "R@2": len(relevant & set(ranked[:2])) / n,
        "R@5": len(relevant & set(ranked[:5])) / n,
        "R@10": len(relevant & set(ranked[:10])) / n,
        "P@10": len(relevant & set(ranked[:10])) / 10,
        "MAP": ap / min(n, depth),
    }


NVIDIA_SAMPLE = 800
TITLE_SAMPLE = 600


def all_sets() -> dict[str, list[PriorArtDoc]]:
    return {
        "panorama": panorama_docs(),
        "trail": trail_docs(),
        "nvidia": sample(nvidia_docs(), NVIDIA_SAMPLE),
        "drones": sample(lens_drone_docs(), TITLE_SAMPLE),
        "pizza": sample(pizza_docs(), TITLE_SAMPLE),
    }


class CachedEmbedder:
    """An embedder that answers from pre-computed vectors and computes only what is missing; what it computes is
    kept on disk too (``$IPOFFICE_BENCH_CACHE/vec-<model version>/``), so passages and queries are embedded once."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner
        self.name, self.version, self.dim = inner.name, inner.version, inner.dim
        self.known: dict[str, np.ndarray] = {}
        self.computed = 0
        self.store = CACHE / f"vec-{inner.version}"

    def preload(self, texts: Sequence[str], matrix: np.ndarray) -> None:
        self.known.update(zip(texts, matrix, strict=True))

    def _file(self, text: str) -> Path:
        return self.store / (hashlib.sha256(text.encode()).hexdigest()[:24] + ".npy")

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        missing = []
        for t in dict.fromkeys(texts):
            if t in self.known:
                continue
            f = self._file(t)
            if f.is_file():
                self.known[t] = np.load(f)
            else:
                missing.append(t)
        if missing:
            self.computed += len(missing)
            self.store.mkdir(parents=True, exist_ok=True)
            for i in range(0, len(missing), 64):
                part = missing[i : i + 64]
                for t, v in zip(part, self.inner.embed(part, batch_size), strict=True):
                    self.known[t] = v
                    np.save(self._file(t), v)
                if len(missing) > 64:
                    print(f"  embedded {i + len(part)}/{len(missing)} new texts", file=sys.stderr)
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
