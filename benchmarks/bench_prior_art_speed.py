"""Prior-art speed at 100,000 documents with passages: index build (docs/s) and p50/p95 query latency, wall and CPU,
against BM25 alone in the same run (and SQLite FTS5 with ``--fts``).

Documents: **generated** by recombining real text, named as such: each has the title of a real NVIDIA or BioPAT
patent, an abstract of three sentences drawn from other real abstracts and a "description" of real abstract
sentences, one per line, up to ``--text-words`` words (default 1,200: eight passages of <= 150 words, the cap), so
BM25 indexes the full text and the dense side holds 1 + 8 vectors per document (../shared/data, PatentsView CC BY 4.0,
BioPAT MIT). Dates and CPC codes come from the real record the title came from.

What each row is:

* ``BM25 alone``: ``FulltextIndex.search`` (tantivy, Python analysis), the baseline every hybrid row is compared with;
* ``SQLite FTS5`` (with ``--fts``): stdlib FTS5, ``bm25()`` ranking, OR of the same folded query terms, same text
  (build and short queries only);
* ``prior-art search, BM25 mode``: the whole ``PriorArtIndex.search`` (100 hits with highlighted passages);
* ``hybrid, passages off / on``: the whole search with the real MiniLM query embedding (numpy, one BLAS thread per
  query), exact cosine over the 100,000 title + abstract vectors, and with passages also over the passage vectors
  (a document scores by its best passage), z-score fusion, 100 hits with highlighted passages.

Document vectors are **generated random unit vectors** (``RandomEmbedder``): exact search costs the same whatever the
values, and embedding 900,000 texts with the numpy MiniLM takes hours. So the build is timed through the real
``PriorArtIndex.build`` path with the random embedder, and the model's own throughput is measured beside it on real
texts (title + abstract, and passages), one BLAS thread and the default; the build time including the model is then
an **extrapolation** (build + texts / measured rate), printed as such.

Queries: ``--queries`` short ones (30 words of a generated abstract) and ``--long`` long ones (a generated document's title,
abstract and the start of its description, ~1,000 words: 7-8 query passages, like a claim searched with its title and
abstract). Latency is measured per query for every engine in turn (interleaved, so a change of machine load hits all
of them), wall (``perf_counter``) and CPU (``process_time``, all threads). The load average is printed before and
after: this machine is shared.

Rows ``same text again with a cut-off date``: the hybrid search repeated with ``before=2015-01-01`` right after the
first, so the query's passage vectors come from the index's query cache; ``MiniLM query embedding, default BLAS
threads``: the embedding as the code did it before queries of up to 8 texts were held to one BLAS thread.

Run: ``python benchmarks/bench_prior_art_speed.py [--docs 100000] [--queries 200] [--long 20] [--text-words 1200]
[--fts]``.

Last run (2026-11-21, ``--queries 100 --long 12``; shared 2-core machine, load average 8.4 at the start, 5.6 at the
end; 800,000 passage vectors), p50 / p95 ms, wall and CPU:

| build | wall s | CPU s | docs/s (wall) |
|---|---|---|---|
| prior-art index: BM25 + 1 + 8 vectors per document (random, generated) | 808 | 359 | 124 |
| extrapolated with the real MiniLM (9.3 texts/s, passages 7.6/s, one thread): passages off / on | 3.2 h / 32.3 h | | 8.7 / 0.9 |

| query | engine | p50 wall | p95 wall | p50 CPU | p95 CPU | p95 wall vs BM25 alone |
|---|---|---|---|---|---|---|
| short (100) | BM25 alone | 11.9 | 24.2 | 8.2 | 12.7 | 1.0x |
| | prior-art search, BM25 mode | 308.3 | 420.0 | 198.9 | 246.7 | 17.3x |
| | hybrid, passages off | 471.8 | 592.2 | 290.4 | 338.6 | 24.4x |
| | hybrid, passages on | 686.2 | 902.1 | 427.6 | 511.1 | 37.2x |
| | same text again with a cut-off date (query vectors cached) | 850.2 | 1110.9 | 535.7 | 618.2 | 45.8x |
| | of which MiniLM query embedding (one BLAS thread) | 51.5 | 77.6 | 32.4 | 44.6 | 3.2x |
| long, 8 passages (12) | BM25 alone | 24.8 | 39.3 | 21.9 | 36.7 | 1.0x |
| | prior-art search, BM25 mode | 297.4 | 375.9 | 224.3 | 240.6 | 9.6x |
| | hybrid, passages off | 1329.7 | 2052.2 | 1181.3 | 1437.5 | 52.2x |
| | hybrid, passages on | 1828.7 | 2348.0 | 1631.7 | 1872.0 | 59.7x |
| | same text again with a cut-off date (query vectors cached) | 932.5 | 1301.0 | 854.7 | 1082.0 | 33.1x |
| | of which MiniLM query embedding (one BLAS thread) | 1063.8 | 1324.6 | 903.4 | 1070.1 | 33.7x |
| | MiniLM query embedding, default BLAS threads (before) | 12307.8 | 16165.8 | 10792.0 | 15020.8 | 411.0x |
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sqlite3
import sys
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_prior_art_data as data  # noqa: E402

from ipoffice.assist.prior_art import (  # noqa: E402
    MAX_PASSAGES,
    PriorArtDoc,
    PriorArtIndex,
    PriorArtQuery,
    chunks,
    doc_passages,
)
from ipoffice.search.fulltext import body_terms  # noqa: E402

BUILD = "prior-art index: BM25 + 1 + 8 vectors per document (random, generated)"
AGAIN = "hybrid, passages on, same text again with a cut-off date (query vectors cached)"


class RandomEmbedder:
    """Generated vectors, not a model: seeded random unit vectors, so the build path is timed without inference."""

    name = "random unit vectors (generated)"
    version = "random"

    def __init__(self, dim: int, seed: int = 0) -> None:
        self.dim = dim
        self.rng = np.random.default_rng(seed)
        self.texts = 0

        self.seconds = 0.0

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        t = time.perf_counter()
        v = self.rng.normal(size=(len(texts), self.dim)).astype(np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        self.texts += len(texts)
        self.seconds += time.perf_counter() - t
        return v


def biopat_texts() -> list[str]:
    import json

    path = data.SHARED / "patents" / "biopat-biomedical" / "biopat_queries_patent_title_abstract.jsonl"
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


def generated_docs(n: int, text_words: int, seed: int = 1) -> list[PriorArtDoc]:
    real = data.nvidia_docs()
    bio = biopat_texts()
    titles = [(d.title, d.date, d.ipc) for d in real] + [(t.split(". ")[0], None, ()) for t in bio]
    sentences = [s for d in real for s in re.split(r"(?<=\.)\s+", d.abstract) if len(s) > 30]
    sentences += [s for t in bio for s in re.split(r"(?<=\.)\s+", t)[1:] if len(s) > 30]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        title, when, ipc = titles[rng.randrange(len(titles))]
        abstract = " ".join(rng.choice(sentences) for _ in range(3))
        lines: list[str] = []
        words = 0
        while words < text_words:
            s = rng.choice(sentences)
            lines.append(s)
            words += len(s.split())
        out.append(
            PriorArtDoc(
                f"G{i:06d}", title, abstract, "\n".join(lines), date=when, ipc=ipc, source="generated"
            )
        )
    return out


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def pct(values: list[float], p: float) -> float:
    return float(np.percentile(values, p)) * 1000


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def model_rate(emb: Any, texts: list[str]) -> dict[str, float]:
    """Texts/s of the real model on ``texts``: wall rate with one BLAS thread and with the default threads."""
    from threadpoolctl import threadpool_limits

    out = {}
    emb.embed(texts[:2])
    with threadpool_limits(limits=1, user_api="blas"):
        w, c = timed(lambda: emb._embed(texts, 32))
    out["1 thread"], out["1 thread cpu"] = len(texts) / w, len(texts) / c
    w, c = timed(lambda: emb._embed(texts, 32))
    out["default"], out["default cpu"] = len(texts) / w, len(texts) / c
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--long", type=int, default=20)
    ap.add_argument("--text-words", type=int, default=1200)
    ap.add_argument("--model-sample", type=int, default=48)
    ap.add_argument(
        "--fts", action="store_true", help="also build SQLite FTS5 and time it on the short queries"
    )
    args = ap.parse_args()
    print(f"load average at start: {load()}")
    docs = generated_docs(args.docs, args.text_words)
    rng = random.Random(9)
    queries = [" ".join(rng.choice(docs).abstract.split()[:30]) for _ in range(args.queries)]
    longs = []
    for _ in range(args.long):
        d = rng.choice(docs)
        longs.append(f"{d.title}. {d.abstract}\n" + "\n".join(d.text.splitlines()[:40]))
    builds: dict[str, tuple[float, float]] = {}

    rand = RandomEmbedder(384)
    hyb = PriorArtIndex(rand, passages=MAX_PASSAGES)
    builds[BUILD] = timed(lambda: hyb.build(docs, batch=1000))
    n_pass = hyb.passages_embedded

    con = sqlite3.connect(":memory:")

    def fts_build() -> None:
        con.execute("CREATE VIRTUAL TABLE d USING fts5(id UNINDEXED, body)")
        con.executemany(
            "INSERT INTO d VALUES (?, ?)",
            ((d.id, " ".join(body_terms(f"{d.title}\n{d.abstract}\n{d.text}"))) for d in docs),
        )
        con.commit()

    if args.fts:
        builds["SQLite FTS5 (same folded text)"] = timed(fts_build)

    from ipoffice.search.embedding import load_embedder

    emb = load_embedder()
    bert: Any = emb  # the numpy encoder, for its unthrottled _embed
    rates_doc = model_rate(emb, [d.dense_text() for d in docs[: args.model_sample]])
    sample_passages = [p for d in docs[: args.model_sample] for p in doc_passages(d)][: args.model_sample]
    rates_pass = model_rate(emb, sample_passages)

    # the same index answers with the real model's query vectors; "passages off" is the same index without them
    hyb.embedder = emb
    hyb.model, hyb.model_version = emb.name, emb.version
    off = PriorArtIndex.__new__(PriorArtIndex)
    off.__dict__.update(hyb.__dict__)
    off.passage_vectors, off._owner_rows, off._owners = None, [], None
    off._query_cache = OrderedDict()

    def fts(q: str) -> None:
        terms = list(dict.fromkeys(body_terms(q)))
        match = " OR ".join(f'"{w}"' for w in terms)
        con.execute("SELECT id FROM d WHERE d MATCH ? ORDER BY bm25(d) LIMIT 100", (match,)).fetchall()

    def engines(with_fts: bool, long: bool) -> dict[str, Callable[[str], object]]:
        e: dict[str, Callable[[str], object]] = {
            "BM25 alone": lambda q: hyb.fulltext.search(q, limit=100),
        }
        if with_fts:
            e["SQLite FTS5"] = fts
        e["prior-art search, BM25 mode"] = lambda q: hyb.search(PriorArtQuery(q, limit=100, mode="bm25"))
        e["hybrid, passages off"] = lambda q: off.search(PriorArtQuery(q, limit=100))
        e["hybrid, passages on"] = lambda q: hyb.search(PriorArtQuery(q, limit=100))
        e[AGAIN] = lambda q: hyb.search(PriorArtQuery(q, limit=100, before=date(2015, 1, 1)))
        e["  of which MiniLM query embedding (one BLAS thread)"] = lambda q: emb.embed(
            [p[:2000] for p in chunks(q, limit=8)]
        )
        if long:
            e["  MiniLM query embedding, default BLAS threads (the code before)"] = lambda q: bert._embed(
                [p[:2000] for p in chunks(q, limit=8)], 32
            )
        return e

    results: dict[str, dict[str, tuple[list[float], list[float]]]] = {}
    for label, qs, with_fts, long in (
        (f"short queries (30 words), n = {len(queries)}", queries, args.fts, False),
        (f"long queries (title + abstract + ~1,000 words, 8 passages), n = {len(longs)}", longs, False, True),
    ):
        es = engines(with_fts, long)
        for fn in es.values():  # warm-up
            fn(qs[0])
        res: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in es}
        for q in qs:
            for name, fn in es.items():
                if name != AGAIN:  # every other row embeds its query itself
                    hyb._query_cache.clear()
                    off._query_cache.clear()
                w, c = timed(partial(fn, q))
                res[name][0].append(w)
                res[name][1].append(c)
        results[label] = res

    n = len(docs)
    print(
        f"\n{n:,} generated documents (real titles and sentences recombined), {args.text_words} words of text each; "
        f"{n_pass:,} passage vectors; load average at the end: {load()}"
    )
    print("\n| build | wall s | CPU s | docs/s (wall) |")
    print("|---|---|---|---|")
    for name, (w, c) in builds.items():
        print(f"| {name} | {w:.0f} | {c:.0f} | {n / w:,.0f} |")
    print(
        f"(of the index build, {rand.seconds:.0f} s wall went to generating the random vectors; the rest is BM25 "
        f"(analysis + tantivy), passage cutting and storing the vectors)"
    )
    print(
        f"\nMiniLM (numpy) on this machine now, texts/s wall (CPU): title + abstract {rates_doc['1 thread']:.1f} "
        f"({rates_doc['1 thread cpu']:.1f}) one BLAS thread, {rates_doc['default']:.1f} ({rates_doc['default cpu']:.1f}) "
        f"default threads; passages {rates_pass['1 thread']:.1f} ({rates_pass['1 thread cpu']:.1f}) one thread, "
        f"{rates_pass['default']:.1f} ({rates_pass['default cpu']:.1f}) default"
    )
    best_doc = max(rates_doc["1 thread"], rates_doc["default"])
    best_pass = max(rates_pass["1 thread"], rates_pass["default"])
    hw = builds[BUILD][0] - rand.seconds
    off_total = hw + n / best_doc
    on_total = hw + n / best_doc + n_pass / best_pass
    print(
        f"extrapolated full hybrid build with the real model (build + texts / best rate above): passages off "
        f"{off_total / 3600:.1f} h ({n / off_total:.1f} docs/s), passages on {on_total / 3600:.1f} h "
        f"({n / on_total:.1f} docs/s)"
    )
    for label, res in results.items():
        print(
            f"\n{label}\n| engine | p50 wall ms | p95 wall ms | p50 CPU ms | p95 CPU ms | p95 wall vs BM25 alone |"
        )
        print("|---|---|---|---|---|---|")
        base = pct(res["BM25 alone"][0], 95)
        for name, (walls, cpus) in res.items():
            print(
                f"| {name} | {pct(walls, 50):.1f} | {pct(walls, 95):.1f} | {pct(cpus, 50):.1f} | {pct(cpus, 95):.1f} | "
                f"{pct(walls, 95) / base:.1f}x |"
            )


if __name__ == "__main__":
    main()
