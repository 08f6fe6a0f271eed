"""IPC suggestion on held-out real classified documents, against a most-frequent-class baseline in the same run.

For each corpus a seeded 80/20 split: the 80% are indexed (the classified art the suggester votes with), each of
the 20% is classified from its own text. Subclass level:

* **P@1**: the top suggested subclass is one of the document's subclasses;
* **R@5**: the document's main (first) subclass is among the top 5.

Baseline: the training set's five most frequent main subclasses, the same list for every document.
Methods: kNN over BM25 neighbours alone, and over hybrid (BM25 + MiniLM, RRF) neighbours on the embedded samples.

Corpora (../shared/data, never shipped): NVIDIA US patents (title + abstract, CPC; PatentsView, CC BY 4.0), Lens.org
drone families (titles only, many languages, IPC), PATENTSCOPE "pizza" export (titles only, IPC). Hybrid runs on the
seeded samples whose embeddings bench_prior_art_data.py caches; BM25 alone also on the full corpora.

Run: ``python benchmarks/bench_ipc.py``.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_prior_art_data as data  # noqa: E402

from ipoffice.assist.ipc_suggest import levels, suggest  # noqa: E402
from ipoffice.assist.prior_art import PriorArtIndex  # noqa: E402


def subclasses(doc) -> list[str]:  # type: ignore[no-untyped-def]
    out: list[str] = []
    for s in doc.ipc:
        lv = levels(s)
        if lv and lv[0] not in out:
            out.append(lv[0])
    return out


def split(docs, seed: int = 3):  # type: ignore[no-untyped-def]
    docs = [d for d in docs if subclasses(d)]
    docs = sorted(docs, key=lambda d: d.id)
    random.Random(seed).shuffle(docs)
    cut = int(len(docs) * 0.8)
    return docs[:cut], docs[cut:]


def evaluate(train, test, embedder, mode: str, max_test: int | None = None) -> dict[str, float]:  # type: ignore[no-untyped-def]
    test = test[:max_test] if max_test else test
    start = time.perf_counter()
    ix = PriorArtIndex(embedder if mode != "bm25" else None)
    ix.build(train)
    build = time.perf_counter() - start
    p1, r5, lat = [], [], []
    for d in test:
        truth = subclasses(d)
        t = time.perf_counter()
        s = suggest(ix, d.dense_text(), mode=mode)
        lat.append(time.perf_counter() - t)
        top = [x.symbol for x in s.subclasses]
        p1.append(1.0 if top and top[0] in truth else 0.0)
        r5.append(1.0 if truth[0] in top[:5] else 0.0)
    return {
        "train": len(train),
        "test": len(test),
        "P@1": statistics.mean(p1),
        "R@5": statistics.mean(r5),
        "build_s": build,
        "median_ms": statistics.median(lat) * 1000,
    }


def baseline(train, test) -> dict[str, float]:  # type: ignore[no-untyped-def]
    freq = [s for s, _ in Counter(subclasses(d)[0] for d in train).most_common(5)]
    return {
        "train": len(train),
        "test": len(test),
        "P@1": statistics.mean(1.0 if freq[0] in subclasses(d) else 0.0 for d in test),
        "R@5": statistics.mean(1.0 if subclasses(d)[0] in freq else 0.0 for d in test),
        "build_s": 0.0,
        "median_ms": 0.0,
    }


def row(corpus: str, method: str, r: dict[str, float]) -> None:
    print(
        f"| {corpus} | {method} | {r['train']} | {r['test']} | {r['P@1']:.3f} | {r['R@5']:.3f} | "
        f"{r['build_s']:.1f} | {r['median_ms']:.0f} |"
    )


def main() -> None:
    sets = data.all_sets()
    embedded = {k: sets[k] for k in ("nvidia", "drones", "pizza")}
    emb = data.cached_embedder(embedded)
    print("| corpus | method | train | test | P@1 subclass | R@5 subclass | build s | median ms/query |")
    print("|---|---|---|---|---|---|---|---|")
    for name, docs in embedded.items():
        train, test = split(docs)
        row(f"{name} sample", "most frequent (baseline)", baseline(train, test))
        row(f"{name} sample", "kNN BM25 alone", evaluate(train, test, None, "bm25"))
        row(f"{name} sample", "kNN hybrid", evaluate(train, test, emb, "hybrid"))
    full = {"nvidia": data.nvidia_docs(), "drones": data.lens_drone_docs(), "pizza": data.pizza_docs()}
    for name, docs in full.items():
        train, test = split(docs)
        row(f"{name} full", "most frequent (baseline)", baseline(train, test[:1000]))
        row(f"{name} full", "kNN BM25 alone", evaluate(train, test, None, "bm25", max_test=1000))
    print(f"\nembeddings computed in this run (not cached): {emb.computed}; model {emb.name} {emb.version}")


if __name__ == "__main__":
    main()
