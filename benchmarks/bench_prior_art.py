"""Prior-art quality on real examiner judgements and a named proxy, hybrid against BM25 alone in the same run.

Sets (all read from ../shared/data, never shipped):

1. **PANORAMA PAR4PC** (CC BY-NC 4.0, evaluation only): 10 claims of real USPTO applications, each with 8 candidate
   documents of which the examiner cited the gold ones in the office action. Query: the application's title, abstract
   and the claim. The candidates are ranked inside an index that also holds the NVIDIA sample as real distractors
   (so BM25 has realistic term statistics); metrics over the 8 candidates: MRR of the first cited document and
   recall@2.
2. **Proxy: same CPC main group on the NVIDIA corpus** (PatentsView, CC BY 4.0). A seeded sample of the corpus;
   each query document's title + abstract is searched against the others; relevant = documents sharing the query's
   first CPC main group. This is a proxy for relevance (shared classification), not an examiner judgement.
   Metrics: precision@10, MAP@100.

USPTO examiner citations of the 31 full PPUBS documents in ../shared/data/standards were checked too: none of their
259 cited US patents is among the documents whose text we hold, so they cannot be used as judgements here.

Run: ``python benchmarks/bench_prior_art.py [--queries 100]`` (embeddings cached by bench_prior_art_data.py).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_prior_art_data as data  # noqa: E402

from ipoffice.assist.ipc_suggest import levels  # noqa: E402
from ipoffice.assist.prior_art import PriorArtIndex, PriorArtQuery  # noqa: E402

MODES = ("bm25", "dense", "hybrid")


def _main_group(doc) -> str | None:  # type: ignore[no-untyped-def]
    for sym in doc.ipc:
        lv = levels(sym)
        if lv and lv[1]:
            return lv[1]
    return None


def panorama(index: PriorArtIndex) -> dict[str, dict[str, float]]:
    items = data.panorama_items()
    out: dict[str, dict[str, float]] = {}
    for mode in MODES:
        rr, rec2 = [], []
        for item in items:
            ctx = item["context"]
            claims = ctx.get("claims") or []
            n = int(item["claim_number"])
            claim = str(claims[n - 1]) if 0 < n <= len(claims) else " ".join(map(str, claims[:1]))
            text = f"{ctx.get('title', '')}. {ctx.get('abstract', '')}\n{claim}"
            options = {o["patent_id"] for o in item["options"].values()}
            gold = {item["options"][k]["patent_id"] for k in item["gold_answers"] if k in item["options"]}
            hits = index.search(PriorArtQuery(text, limit=1000, mode=mode)).hits
            ranked = [h.id for h in hits if h.id in options]
            ranked += sorted(options - set(ranked))  # unretrieved candidates last, in a fixed order
            first = next((r for r, i in enumerate(ranked, start=1) if i in gold), None)
            rr.append(1.0 / first if first else 0.0)
            rec2.append(len(gold & set(ranked[:2])) / len(gold) if gold else 0.0)
        out[mode] = {"items": len(items), "MRR": statistics.mean(rr), "recall@2": statistics.mean(rec2)}
    return out


def nvidia_proxy(index: PriorArtIndex, docs, n_queries: int) -> dict[str, dict[str, float]]:  # type: ignore[no-untyped-def]
    groups = {d.id: _main_group(d) for d in docs}
    by_group: dict[str, set[str]] = {}
    for i, g in groups.items():
        if g:
            by_group.setdefault(g, set()).add(i)
    eligible = [d for d in docs if groups[d.id] and len(by_group[groups[d.id]]) > 1]
    queries = random.Random(5).sample(eligible, min(n_queries, len(eligible)))
    out: dict[str, dict[str, float]] = {}
    for mode in MODES:
        p10, ap = [], []
        for q in queries:
            relevant = by_group[groups[q.id]] - {q.id}
            hits = index.search(PriorArtQuery(q.dense_text(), limit=100, mode=mode, exclude=(q.id,))).hits
            ids = [h.id for h in hits]
            p10.append(sum(1 for i in ids[:10] if i in relevant) / 10)
            found, s = 0, 0.0
            for r, i in enumerate(ids, start=1):
                if i in relevant:
                    found += 1
                    s += found / r
            ap.append(s / min(len(relevant), 100))
        out[mode] = {"queries": len(queries), "P@10": statistics.mean(p10), "MAP@100": statistics.mean(ap)}
    return out


def _table(title: str, rows: dict[str, dict[str, float]]) -> None:
    cols = list(next(iter(rows.values())).keys())
    print(f"\n{title}")
    print("| method | " + " | ".join(cols) + " |")
    print("|---|" + "---|" * len(cols))
    for mode, r in rows.items():
        cells = [f"{v:.3f}" if isinstance(v, float) else str(v) for v in r.values()]
        print(f"| {'BM25 alone' if mode == 'bm25' else mode} | " + " | ".join(cells) + " |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", type=int, default=100)
    args = ap.parse_args()
    sets = data.all_sets()
    emb = data.cached_embedder({"panorama": sets["panorama"], "nvidia": sets["nvidia"]})
    t = time.perf_counter()
    pool = PriorArtIndex(emb)
    pool.build([*sets["panorama"], *sets["nvidia"]])
    print(f"index: {len(pool.docs)} documents in {time.perf_counter() - t:.1f} s (vectors from the cache)")
    _table("PANORAMA PAR4PC (real examiner citations; 8 candidates per claim)", panorama(pool))
    nv = PriorArtIndex(emb)
    nv.build(sets["nvidia"])
    _table(
        f"Proxy: same CPC main group, NVIDIA sample of {len(sets['nvidia'])} patents (not examiner judgements)",
        nvidia_proxy(nv, sets["nvidia"], args.queries),
    )
    print(f"\nembeddings computed in this run (not cached): {emb.computed}; model {emb.name} {emb.version}")


if __name__ == "__main__":
    main()
