"""Choose the fusion of BM25 and dense retrieval on the **training half of the NVIDIA same-CPC proxy only**.

The examiner-judged sets (PANORAMA PAR4PC, the PANORAMA examination trails) are never read here, so the choice
cannot have been fitted to them. The proxy (PatentsView NVIDIA sample, CC BY 4.0): each query document's title +
abstract is searched against the other documents of the sample; relevant = documents sharing its first CPC main
group. Its eligible query documents are split in half by a seeded shuffle (``bench_prior_art_data.proxy_split``);
the grid below is scored on the training half by MAP@100, and the winner is reported on the held-out half beside
BM25 alone and dense alone. ``ipoffice/assist/prior_art.py`` (``FUSION``, ``FUSION_WEIGHT``, ``RRF_K``) carries
the winner, copied by hand from this script's output.

Grid: weighted RRF (lexical share 0.2-0.8, k in 5-100) and convex combinations of per-query min-max or z-score
normalised scores (lexical share 0-1 by 0.05).

Run: ``python benchmarks/bench_prior_art_tune.py`` (embeddings cached by bench_prior_art_data.py).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_prior_art_data as data  # noqa: E402

from ipoffice.assist.prior_art import DEPTH, PriorArtDoc, PriorArtIndex, fuse  # noqa: E402

Lists = tuple[list[tuple[str, float]], list[tuple[str, float]], dict[str, float]]


def candidate_lists(index: PriorArtIndex, queries: list[PriorArtDoc]) -> dict[str, Lists]:
    """For each query document: its BM25 list and dense list (``(id, score)``, itself excluded) and the exact
    cosine of every candidate, exactly as ``PriorArtIndex.search`` sees them before fusion."""
    assert index.vectors is not None
    out: dict[str, Lists] = {}
    for q in queries:
        text = q.dense_text()
        plan = index.fulltext.plan(text)
        lexical = [(h.id, h.score) for h in index.fulltext.search_plan(plan, limit=DEPTH + 1) if h.id != q.id]
        scores = index.dense_scores(text)
        dense = [(h.id, h.score) for h in index.vectors.top(scores, DEPTH + 1) if h.id != q.id]
        dense_of = {i: float(scores[index.vectors.position(i) or 0]) for i, _ in lexical}
        dense_of.update(dense)
        out[q.id] = (lexical[:DEPTH], dense[:DEPTH], dense_of)
    return out


def score(
    lists: dict[str, Lists], relevant: dict[str, set[str]], method: str, weight: float = 0.5, k: int = 60
) -> dict[str, float]:
    rows = []
    for qid, (lexical, dense, dense_of) in lists.items():
        if method == "bm25":
            ranked = [i for i, _ in lexical]
        elif method == "dense":
            ranked = [i for i, _ in dense]
        else:
            ranked = [
                i for i, _ in fuse(lexical, dense, method=method, weight=weight, k=k, dense_of=dense_of)
            ]
        rows.append(data.metrics(ranked[:100], relevant[qid]))
    return {m: statistics.mean(r[m] for r in rows) for m in ("P@10", "MAP", "MRR")}


def grid() -> list[tuple[str, float, int]]:
    out = []
    for k in (5, 10, 20, 40, 60, 100):
        for w in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
            out.append(("rrf", w, k))
    for method in ("minmax", "zscore"):
        for i in range(21):
            out.append((method, round(i * 0.05, 2), 60))
    return out


def main() -> None:
    docs = data.sample(data.nvidia_docs(), data.NVIDIA_SAMPLE)
    emb = data.cached_embedder({"nvidia": docs})
    index = PriorArtIndex(emb)
    index.build(docs)
    relevant = data.proxy_groups(docs)
    train, test = data.proxy_split(docs)
    t, c = time.perf_counter(), time.process_time()
    train_lists = candidate_lists(index, train)
    test_lists = candidate_lists(index, test)
    print(
        f"NVIDIA sample {len(docs)} patents; proxy queries: {len(train)} training, {len(test)} held out "
        f"(lists in {time.perf_counter() - t:.1f} s wall, {time.process_time() - c:.1f} s CPU)"
    )
    results = [(cfg, score(train_lists, relevant, *cfg)) for cfg in grid()]
    best_per: dict[str, tuple[tuple[str, float, int], dict[str, float]]] = {}
    for cfg, r in results:
        cur = best_per.get(cfg[0])
        if cur is None or (r["MAP"], r["P@10"]) > (cur[1]["MAP"], cur[1]["P@10"]):
            best_per[cfg[0]] = (cfg, r)
    winner = max(best_per.values(), key=lambda cr: (cr[1]["MAP"], cr[1]["P@10"]))[0]
    print(
        "\n| method | setting | train MAP@100 | train P@10 | held-out MAP@100 | held-out P@10 | held-out MRR |"
    )
    print("|---|---|---|---|---|---|---|")
    rows: list[tuple[str, str, dict[str, float] | None, dict[str, float]]] = [
        ("BM25 alone", "", score(train_lists, relevant, "bm25"), score(test_lists, relevant, "bm25")),
        ("dense alone", "", score(train_lists, relevant, "dense"), score(test_lists, relevant, "dense")),
        ("RRF (classic)", "w 0.5, k 60", None, score(test_lists, relevant, "rrf", 0.5, 60)),
    ]
    rows[2] = (rows[2][0], rows[2][1], score(train_lists, relevant, "rrf", 0.5, 60), rows[2][3])
    for method, (cfg, r) in best_per.items():
        label = f"best {method}" + (" (chosen)" if cfg == winner else "")
        setting = f"w {cfg[1]}" + (f", k {cfg[2]}" if method == "rrf" else "")
        rows.append((label, setting, r, score(test_lists, relevant, *cfg)))
    for label, setting, tr, te in rows:
        assert tr is not None
        print(
            f"| {label} | {setting} | {tr['MAP']:.3f} | {tr['P@10']:.3f} | {te['MAP']:.3f} | {te['P@10']:.3f} | "
            f"{te['MRR']:.3f} |"
        )
    curve = [c for c in grid() if c[0] == winner[0] and c[2] == winner[2]][::2]
    print(f"\nsensitivity of {winner[0]} to the lexical share w (MAP@100, training / held-out):")
    print(
        "  "
        + "; ".join(
            f"w {c[1]}: {score(train_lists, relevant, *c)['MAP']:.3f} / {score(test_lists, relevant, *c)['MAP']:.3f}"
            for c in curve
        )
    )
    print(
        f"\nchosen on the training half: FUSION = {winner[0]!r}, FUSION_WEIGHT = {winner[1]}, RRF_K = {winner[2]}"
    )
    print(f"embeddings computed in this run (not cached): {emb.computed}; model {emb.name} {emb.version}")


if __name__ == "__main__":
    main()
