"""Prior-art speed at 100,000 documents: index build (docs/s) and p50/p95 query latency, against SQLite FTS5.

Documents: **generated** by recombining real text, named as such: each has the title of a real NVIDIA or BioPAT
patent and an abstract made of three sentences drawn from other real abstracts (../shared/data, PatentsView CC BY 4.0,
BioPAT MIT). Dates and CPC codes are taken from the real record the title came from.

Baseline, same run, same pre-folded text: SQLite FTS5 (stdlib), ``bm25()`` ranking, OR of the same query terms.

Dense side: the 100,000 vectors are random unit vectors (exact search costs the same whatever the values); the query
embedding is computed by the real MiniLM, and its time is reported on its own, as is the MiniLM's documents/s.

Run: ``python benchmarks/bench_prior_art_speed.py [--docs 100000] [--queries 200] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_prior_art_data as data  # noqa: E402

from ipoffice.assist.prior_art import PriorArtDoc, PriorArtIndex, PriorArtQuery  # noqa: E402
from ipoffice.search.fulltext import body_terms  # noqa: E402
from ipoffice.search.vectors import VectorIndex  # noqa: E402


def biopat_texts() -> list[str]:
    import json

    path = data.SHARED / "patents" / "biopat-biomedical" / "biopat_queries_patent_title_abstract.jsonl"
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


def generated_docs(n: int, seed: int = 1) -> list[PriorArtDoc]:
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
        out.append(PriorArtDoc(f"G{i:06d}", title, abstract, date=when, ipc=ipc, source="generated"))
    return out


def pct(values: list[float], p: float) -> float:
    return float(np.percentile(values, p)) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    docs = generated_docs(args.docs)
    rng = random.Random(9)
    queries = [" ".join(rng.choice(docs).abstract.split()[:30]) for _ in range(args.queries)]

    tantivy_build, fts_build = [], []
    for _run in range(args.runs):
        t = time.perf_counter()
        ix = PriorArtIndex()
        ix.build(docs, batch=1000)
        tantivy_build.append(time.perf_counter() - t)

        t = time.perf_counter()
        con = sqlite3.connect(":memory:")
        con.execute("CREATE VIRTUAL TABLE d USING fts5(id UNINDEXED, body)")
        con.executemany(
            "INSERT INTO d VALUES (?, ?)",
            ((d.id, " ".join(body_terms(f"{d.title}\n{d.abstract}"))) for d in docs),
        )
        con.commit()
        fts_build.append(time.perf_counter() - t)

    bm25_lat, full_lat, fts_lat = [], [], []
    for q in queries:
        t = time.perf_counter()
        ix.fulltext.search(q, limit=100)
        bm25_lat.append(time.perf_counter() - t)
        t = time.perf_counter()
        ix.search(PriorArtQuery(q, limit=100, mode="bm25"))
        full_lat.append(time.perf_counter() - t)
        terms = list(dict.fromkeys(body_terms(q)))
        match = " OR ".join(f'"{w}"' for w in terms)
        t = time.perf_counter()
        con.execute("SELECT id FROM d WHERE d MATCH ? ORDER BY bm25(d) LIMIT 100", (match,)).fetchall()
        fts_lat.append(time.perf_counter() - t)

    # hybrid end to end at the same scale: real MiniLM query embedding, random unit document vectors
    from ipoffice.search.embedding import load_embedder

    emb = load_embedder()
    vecs = np.random.default_rng(0).normal(size=(len(docs), emb.dim)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ix.vectors = VectorIndex(emb.dim)
    ix.vectors.add([d.id for d in docs], vecs)
    ix.embedder = emb
    ix.model, ix.model_version = emb.name, emb.version
    hybrid_lat, embed_lat, vec_lat = [], [], []
    for q in queries[: max(20, args.queries // 4)]:
        t = time.perf_counter()
        qv = emb.embed([q])[0]
        embed_lat.append(time.perf_counter() - t)
        t = time.perf_counter()
        ix.vectors.search(qv, 200)
        vec_lat.append(time.perf_counter() - t)
        t = time.perf_counter()
        ix.search(PriorArtQuery(q, limit=100, mode="hybrid"))
        hybrid_lat.append(time.perf_counter() - t)
    sample = [d.dense_text() for d in docs[:32]]
    t = time.perf_counter()
    emb.embed(sample)
    emb_rate = len(sample) / (time.perf_counter() - t)

    n = len(docs)
    print(
        f"{n} generated documents (real titles and sentences recombined); {len(queries)} queries; {args.runs} builds"
    )
    print("| engine | build median s | docs/s | query p50 ms | query p95 ms |")
    print("|---|---|---|---|---|")
    tb, fb = statistics.median(tantivy_build), statistics.median(fts_build)
    print(
        f"| ipoffice BM25 (tantivy) | {tb:.1f} | {n / tb:,.0f} | {pct(bm25_lat, 50):.1f} | {pct(bm25_lat, 95):.1f} |"
    )
    print(
        f"| ipoffice prior-art search, BM25 mode (100 hits with passages) | - | - | "
        f"{pct(full_lat, 50):.1f} | {pct(full_lat, 95):.1f} |"
    )
    print(
        f"| baseline SQLite FTS5 | {fb:.1f} | {n / fb:,.0f} | {pct(fts_lat, 50):.1f} | {pct(fts_lat, 95):.1f} |"
    )
    print(
        f"| ipoffice hybrid (BM25 + MiniLM query + exact {n:,} x {emb.dim} + RRF + passages) | - | - | "
        f"{pct(hybrid_lat, 50):.1f} | {pct(hybrid_lat, 95):.1f} |"
    )
    print(
        f"| of which: MiniLM query embedding | - | - | {pct(embed_lat, 50):.1f} | {pct(embed_lat, 95):.1f} |"
    )
    print(f"| of which: exact vector top-200 | - | - | {pct(vec_lat, 50):.1f} | {pct(vec_lat, 95):.1f} |")
    print(
        f"\nMiniLM (numpy) document embedding on this machine now: {emb_rate:.1f} documents/s (title + abstract)"
    )
    print(f"BM25 query p95 speed-up over FTS5: {pct(fts_lat, 95) / pct(bm25_lat, 95):.1f}x")


if __name__ == "__main__":
    main()
