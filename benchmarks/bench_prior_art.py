"""Prior-art quality on real examiner judgements and a named proxy: BM25 alone, dense alone and the hybrid, one run.

Sets (all read from ../shared/data, never shipped):

1. **PANORAMA examination trails** (CC BY-NC 4.0, evaluation only): the 10 real USPTO applications of the PANORAMA
   sample with their non-final rejections parsed per claim. One query per rejected claim (102/103): the
   application's title and abstract and the claim as filed; gold = the documents the examiner cited against that
   claim. Ranked in a pool of every document cited in the 10 trails (37, title + abstract + claims), the 16 PAR4PC
   candidates and the 800-patent NVIDIA sample (real distractors). Claims of one application share its title,
   abstract and cited art, so the honest uncertainty is a bootstrap over **applications** (95 % percentile CI).
   **1b. Enlarged**: the same 10 plus the 4 applications of the sample's ``record/`` folder that PANORAMA did not
   parse (14865757, 14671321, 16058002, 16256231; 53 more claims, their 11 examiner-cited documents added to the
   pool). Their non-final office actions are parsed here by a rule (``ctnf_rule_gold``: the documents named in each
   102/103 rejection header, "Claims 1-3 are rejected ... over A in view of B", that the record holds). On the 10
   applications PANORAMA parsed, the rule names the same documents as PANORAMA's parse for 133 of 168 claims; of the
   35 others, 21 get more documents from the rule (the header's, where PANORAMA keeps those discussed for the claim),
   2 fewer, 10 none (a statement the rule misses) and 2 only from the rule.
2. **PANORAMA PAR4PC** (same licence): 10 claims (2 applications), each with 8 candidate documents of which the
   examiner cited the gold ones. Query: title, abstract and the claim; the candidates are ranked inside the same
   pool; metrics over the 8 candidates (unretrieved candidates last). Each method's order of the 8 candidates is
   printed per item (gold upper case, PANORAMA's *silver* answers marked ``~``), with the MRR when silver counts.
3. **Proxy: same CPC main group on the NVIDIA sample** (PatentsView, CC BY 4.0): each query document's title +
   abstract is searched against the other 799; relevant = documents sharing its first CPC main group. Not an
   examiner judgement. Only the **held-out half** of the query documents is reported here: the fusion
   (``FUSION``, ``FUSION_WEIGHT`` in ipoffice/assist/prior_art.py) was chosen on the other half by
   ``bench_prior_art_tune.py``, which never reads sets 1 and 2.

Metrics per query, averaged: MRR (first gold document), recall@2/5/10, P@10, MAP (AP@100; over the 8 candidates for
PAR4PC). "hybrid" is the shipped default; two reported variants show where the gain comes from (not used to choose
anything): the classic RRF of the last release, and the hybrid without passage vectors (title + abstract only).

USPTO examiner citations of the 31 full PPUBS documents in ../shared/data/standards were checked too: none of their
259 cited US patents is among the documents whose text we hold, so they cannot be used as judgements here.

Highlighted passages are not computed here (rankings do not depend on them; with 1,000 hits per search they cost
most of the run's CPU).

Run: ``OPENBLAS_NUM_THREADS=1 python benchmarks/bench_prior_art.py`` (embeddings cached by bench_prior_art_data.py;
passages and queries are cached on first use; one BLAS thread fills the cache ~5x faster on this shared machine).

Last run (2026-11-21, pool 860 documents, 429 passage vectors; shared 2-core machine, load 7-10): MAP BM25 / dense /
hybrid on the trails 0.514 / 0.615 / 0.577 (Δ hybrid - BM25 +0.063 [+0.015, +0.120], 10 applications), enlarged
0.626 / 0.689 / 0.673 (+0.048 [+0.009, +0.096], 14 applications); PAR4PC MRR 0.650 / 0.950 / 0.650 (1.000 for all
three when silver answers count); proxy held-out: see docs/prior-art.md.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_prior_art_data as data  # noqa: E402

import ipoffice.assist.prior_art as prior_art  # noqa: E402
from ipoffice.assist.prior_art import FUSION, FUSION_WEIGHT, PriorArtIndex, PriorArtQuery  # noqa: E402

# Rankings do not depend on the highlighted passages, and every search here asks for up to 1,000 hits: highlighting
# them all would cost most of the run's CPU. Quality only, so they are skipped (the speed benchmark keeps them).
prior_art.passages = lambda doc, plan, n=2, max_chars=400: ()  # type: ignore[assignment]

COLS = ("MRR", "R@2", "R@5", "R@10", "P@10", "MAP")
Row = dict[str, float]
Search = Callable[[str, tuple[str, ...]], list[str]]


def searchers(pool: PriorArtIndex, flat: PriorArtIndex) -> dict[str, Search]:
    """The methods compared, each a function (query text, excluded ids) → ranked ids."""

    def run(index: PriorArtIndex, mode: str, fusion: tuple[str, float, int] | None = None) -> Search:
        def search(text: str, exclude: tuple[str, ...] = ()) -> list[str]:
            saved = (index.fusion, index.fusion_weight, index.rrf_k)
            if fusion:
                index.set_fusion(*fusion)
            try:
                hits = index.search(PriorArtQuery(text, limit=1000, mode=mode, exclude=exclude)).hits
            finally:
                index.set_fusion(*saved)
            return [h.id for h in hits]

        return search

    return {
        "BM25 alone": run(pool, "bm25"),
        "dense alone": run(pool, "dense"),
        f"hybrid ({FUSION}, w {FUSION_WEIGHT})": run(pool, "hybrid"),
        "  variant: classic RRF k 60": run(pool, "hybrid", ("rrf", 0.5, 60)),
        "  variant: no passage vectors": run(flat, "hybrid"),
    }


def trails(methods: dict[str, Search], more: bool = False) -> tuple[list[str], dict[str, list[Row]]]:
    items = data.trail_items() + (data.record_trail_items() if more else [])
    out: dict[str, list[Row]] = {}
    for name, search in methods.items():
        out[name] = [data.metrics(search(it["text"], ())[:100], it["gold"]) for it in items]
    return [it["application"] for it in items], out


def par4pc(methods: dict[str, Search]) -> tuple[list[str], dict[str, list[Row]]]:
    """Metrics over the 8 candidates of each item; per item, each method's order of the candidates is printed (gold
    letters upper case, PANORAMA's silver answers -- cited by the examiner, not against this claim -- marked ``~``),
    and the MRR when silver answers count as relevant too."""
    items = data.panorama_items()
    out: dict[str, list[Row]] = {}
    orders: dict[str, list[str]] = {}
    for name, search in methods.items():
        rows = []
        for item in items:
            ctx = item["context"]
            claims = ctx.get("claims") or []
            n = int(item["claim_number"])
            claim = str(claims[n - 1]) if 0 < n <= len(claims) else " ".join(map(str, claims[:1]))
            text = f"{ctx.get('title', '')}. {ctx.get('abstract', '')}\n{claim}"
            options = {o["patent_id"] for o in item["options"].values()}
            gold = {item["options"][k]["patent_id"] for k in item["gold_answers"] if k in item["options"]}
            ranked = [i for i in search(text, ()) if i in options]
            ranked += sorted(options - set(ranked))  # unretrieved candidates last, in a fixed order
            rows.append(data.metrics(ranked, gold, depth=len(options)))
            letter = {o["patent_id"]: k for k, o in item["options"].items()}
            silver = set(item.get("silver_answers") or [])
            orders.setdefault(name, []).append(
                " ".join(
                    letter[i]
                    if letter[i] in item["gold_answers"]
                    else f"~{letter[i].lower()}"
                    if letter[i] in silver
                    else letter[i].lower()
                    for i in ranked
                )
            )
            rows[-1]["MRR gold+silver"] = data.metrics(
                ranked, gold | {item["options"][k]["patent_id"] for k in silver}, depth=len(options)
            )["MRR"]
        out[name] = rows
    names = [n for n in methods if not n.startswith("  ")]
    print("\nPAR4PC per item: candidates in each method's order (gold upper case, ~silver)")
    print("| application, claim | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for k, item in enumerate(items):
        print(
            f"| {item['application_number']} cl {item['claim_number']} | "
            + " | ".join(orders[n][k] for n in names)
            + " |"
        )
    for n in names:
        print(
            f"{n}: MRR {statistics.mean(r['MRR'] for r in out[n]):.3f}; counting silver as relevant "
            f"{statistics.mean(r['MRR gold+silver'] for r in out[n]):.3f}"
        )
    return [str(i) for i in range(len(items))], out  # resampled per claim: 2 applications are too few


def proxy(methods: dict[str, Search], docs: Sequence) -> tuple[list[str], dict[str, list[Row]]]:  # type: ignore[type-arg]
    relevant = data.proxy_groups(docs)
    _train, test = data.proxy_split(docs)
    out: dict[str, list[Row]] = {}
    for name, search in methods.items():
        if "passage" in name:  # the NVIDIA documents have no text beyond the abstract: same as the hybrid
            continue
        out[name] = [data.metrics(search(q.dense_text(), (q.id,))[:100], relevant[q.id]) for q in test]
    return [q.id for q in test], out


def bootstrap_diff(
    clusters: list[str], a: list[Row], b: list[Row], metric: str, n: int = 5000, seed: int = 7
) -> tuple[float, float]:
    """95 % percentile interval of mean(a) - mean(b) over queries, resampling whole clusters (applications)."""
    by: dict[str, list[int]] = {}
    for i, c in enumerate(clusters):
        by.setdefault(c, []).append(i)
    keys = sorted(by)
    rnd = random.Random(seed)
    diffs = []
    for _ in range(n):
        idx = [i for c in rnd.choices(keys, k=len(keys)) for i in by[c]]
        diffs.append(statistics.mean(a[i][metric] - b[i][metric] for i in idx))
    diffs.sort()
    return diffs[int(0.025 * n)], diffs[int(0.975 * n) - 1]


def table(title: str, clusters: list[str], rows: dict[str, list[Row]], ci_metric: str, unit: str) -> None:
    apps = len(set(clusters))
    print(f"\n{title}\nn = {len(clusters)} queries, {apps} {unit}")
    print("| method | " + " | ".join(COLS) + f" | Δ{ci_metric} vs BM25, 95 % CI (bootstrap over {unit}) |")
    print("|---|" + "---|" * (len(COLS) + 1))
    base = rows["BM25 alone"]
    for name, r in rows.items():
        cells = [f"{statistics.mean(x[c] for x in r):.3f}" for c in COLS]
        ci = ""
        if name != "BM25 alone":
            lo, hi = bootstrap_diff(clusters, r, base, ci_metric)
            ci = f"{statistics.mean(x[ci_metric] for x in r) - statistics.mean(x[ci_metric] for x in base):+.3f} [{lo:+.3f}, {hi:+.3f}]"
        print(f"| {name} | " + " | ".join(cells) + f" | {ci} |")


def per_application(clusters: list[str], rows: dict[str, list[Row]]) -> None:
    """MAP per application for BM25, dense and the default hybrid: how many applications the hybrid helps."""
    names = [n for n in rows if not n.startswith("  ")]
    print("\nper application (MAP): | application | claims | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    wins = 0
    for app in sorted(set(clusters)):
        idx = [i for i, c in enumerate(clusters) if c == app]
        maps = [statistics.mean(rows[n][i]["MAP"] for i in idx) for n in names]
        wins += maps[2] > maps[0]
        print(f"| {app} | {len(idx)} | " + " | ".join(f"{m:.3f}" for m in maps) + " |")
    print(f"hybrid above BM25 on {wins} of {len(set(clusters))} applications")


def main() -> None:
    sets = data.all_sets()
    emb = data.cached_embedder({k: sets[k] for k in ("panorama", "trail", "record", "nvidia")})
    t, c = time.perf_counter(), time.process_time()
    pool_docs = [*sets["panorama"], *sets["trail"], *sets["record"], *sets["nvidia"]]
    pool = PriorArtIndex(emb)
    pool.build(pool_docs)
    flat = PriorArtIndex(emb, passages=0)
    flat.build(pool_docs)
    print(
        f"pool: {len(pool.docs)} documents, {pool.passages_embedded} passage vectors; built in "
        f"{time.perf_counter() - t:.1f} s wall, {time.process_time() - c:.1f} s CPU (vectors from the cache)"
    )
    methods = searchers(pool, flat)
    clusters, rows = trails(methods)
    table(
        "PANORAMA examination trails (real examiner citations per rejected claim)",
        clusters,
        rows,
        "MAP",
        "applications",
    )
    per_application(clusters, rows)
    same, total = data.ctnf_rule_agreement()
    clusters, rows = trails(methods, more=True)
    table(
        "Trails, enlarged: the 10 above + the 4 applications of record/ PANORAMA did not parse, their office actions "
        f"parsed here by rule (the rule agrees with PANORAMA's parse on {same} of {total} claims of the 10)",
        clusters,
        rows,
        "MAP",
        "applications",
    )
    per_application(clusters, rows)
    clusters, rows = par4pc(methods)
    table(
        "PANORAMA PAR4PC (real examiner citations; ranking the 8 candidates of each claim)",
        clusters,
        rows,
        "MRR",
        "claims",
    )
    nv = PriorArtIndex(emb)
    nv.build(sets["nvidia"])
    nv_methods = searchers(nv, nv)
    clusters, rows = proxy(nv_methods, sets["nvidia"])
    table(
        f"Proxy: same CPC main group, NVIDIA sample of {len(sets['nvidia'])} patents, held-out half (not examiner judgements)",
        clusters,
        rows,
        "MAP",
        "queries",
    )
    print(f"\nembeddings computed in this run (not cached): {emb.computed}; model {emb.name} {emb.version}")
    print(f"total {time.perf_counter() - t:.0f} s wall, {time.process_time() - c:.0f} s CPU")


if __name__ == "__main__":
    main()
