"""IPC suggestion on held-out real classified documents: baseline, kNN, classifier and both fused, in the same run.

For each corpus a seeded 80/20 split **by family** (seed 3; records sharing a priority number, transitively, stay on
one side): the 80% are indexed and train the classifier (never the 20%); each of the 20% is classified from its own
text. Metrics:

* subclass **P@1**: the top subclass is one of the document's subclasses;
* subclass **R@5**: the document's main (first) subclass is among the top 5 (the issue's goal: ≥ 0.8);
* subclass **R@5 any**: any of the document's subclasses is among the top 5;
* main group **P@1** / **R@5**, the same at main-group level;
* **conf@1 / hit@1**: mean confidence of the top subclass against how often it is the document's first subclass.

Baseline: the training set's five most frequent first subclasses (main groups), the same list for every document.
Every method goes through ``suggest``, so each proposes only symbols of the shipped IPC 2020.01 scheme (a gold symbol
that IPC 2020.01 no longer has, e.g. pizza's 2006-era ``A23L 1/..``, counts as a miss for all). Methods, in the same
run: the kNN vote over BM25 neighbours (``model=None``); the classifier alone as before (first symbols only) and as
shipped (further symbols at half weight; what ``suggest`` ranks by with BM25 neighbours); kNN BM25 + classifier at
``MODEL_WEIGHT``; with ``--dense`` also the kNN vote over BM25 + MiniLM neighbours, that fused with the classifier
without its MiniLM head at 0.8 (the hybrid before), the classifier with its head (trained on the index's MiniLM
vectors) alone, and fused at ``MODEL_WEIGHT_HEAD`` (the CLI's default, hybrid). ``--tune`` runs the methods on a
family-split validation tenth of each training part (BM25 fusion weights 0.4-0.8, with ``--dense`` head fusion
weights 0.6-0.9; the test 20% is not used). ``--speed N`` times ``suggest`` on a saved pizza index with its model
loaded as the product does, against the kNN vote alone and the model as before; ``--speed N --dense`` the same in
hybrid mode on an index with MiniLM vectors, with the head against without it.
Before the split each corpus is audited (stderr): family links across the split, identical titles across it and
whether their first subclasses agree, and how often the test's first subclass occurs in training.

Corpora (../shared/data, never shipped): NVIDIA US patents (title + abstract, CPC in sequence order; PatentsView,
CC BY 4.0); Lens.org drone families, 1,606 "drone" title/abstract/claims hits, titles only in many languages, IPC in
the export's order (the office's first symbol, then the others in symbol order; ``drones_tac_1606_cleaned.csv``
sorts all of them alphabetically, so it is not used); Lens.org 5,884 "drone" full-text families (titles only, UTF-8);
PATENTSCOPE "pizza" export (titles only, IPC, one record per publication: priorities link a family's records).

Run: ``python benchmarks/bench_ipc.py [--dense] [--only TEXT] [--tune] [--pooled] [--max-test N] [--speed N]``.

Measured 2026-11-21 (shared 2-core machine, load 2.2-5; ``--dense``, one process per corpus with ``--only``, the
MiniLM vectors of the corpus documents from the cache; test 1,000 documents per corpus, 312 for drones 1,606). The
BM25 rows and the drone sets' MiniLM rows without the head repeat the previous run's numbers exactly (same code):

| corpus | method | P@1 sub | R@5 sub | R@5 any | P@1 group | R@5 group |
|---|---|---|---|---|---|---|
| NVIDIA (title + abstract, CPC) | most frequent (baseline) | 0.467 | **0.770** | 0.857 | 0.189 | 0.340 |
| NVIDIA (title + abstract, CPC) | kNN BM25 | 0.817 | **0.955** | 0.988 | 0.651 | 0.750 |
| NVIDIA (title + abstract, CPC) | classifier alone, first symbols only (before) | 0.737 | **0.944** | 0.984 | 0.630 | 0.757 |
| NVIDIA (title + abstract, CPC) | classifier alone | 0.747 | **0.947** | 0.986 | 0.666 | 0.791 |
| NVIDIA (title + abstract, CPC) | kNN BM25 + classifier (w=1.0 subclass, 1.0 group) | 0.747 | **0.947** | 0.986 | 0.666 | 0.791 |
| NVIDIA (title + abstract, CPC) | kNN BM25+MiniLM | 0.836 | **0.953** | 0.989 | 0.670 | 0.769 |
| NVIDIA (title + abstract, CPC) | kNN BM25+MiniLM + classifier without head (w=0.8 subclass, 0.8 group, before) | 0.761 | **0.952** | 0.988 | 0.694 | 0.786 |
| NVIDIA (title + abstract, CPC) | classifier + MiniLM head alone | 0.815 | **0.948** | 0.986 | 0.721 | 0.805 |
| NVIDIA (title + abstract, CPC) | kNN BM25+MiniLM + classifier + MiniLM head (w=0.9 subclass, 0.9 group) | 0.817 | **0.954** | 0.989 | 0.725 | 0.806 |
| Lens drones 1,606 (titles) | most frequent (baseline) | 0.199 | **0.330** | 0.394 | 0.132 | 0.170 |
| Lens drones 1,606 (titles) | kNN BM25 | 0.388 | **0.513** | 0.609 | 0.267 | 0.299 |
| Lens drones 1,606 (titles) | classifier alone, first symbols only (before) | 0.439 | **0.583** | 0.683 | 0.260 | 0.322 |
| Lens drones 1,606 (titles) | classifier alone | 0.446 | **0.615** | 0.699 | 0.299 | 0.360 |
| Lens drones 1,606 (titles) | kNN BM25 + classifier (w=1.0 subclass, 1.0 group) | 0.446 | **0.615** | 0.699 | 0.299 | 0.360 |
| Lens drones 1,606 (titles) | kNN BM25+MiniLM | 0.401 | **0.638** | 0.728 | 0.299 | 0.383 |
| Lens drones 1,606 (titles) | kNN BM25+MiniLM + classifier without head (w=0.8 subclass, 0.8 group, before) | 0.471 | **0.644** | 0.728 | 0.315 | 0.399 |
| Lens drones 1,606 (titles) | classifier + MiniLM head alone | 0.478 | **0.635** | 0.721 | 0.325 | 0.386 |
| Lens drones 1,606 (titles) | kNN BM25+MiniLM + classifier + MiniLM head (w=0.9 subclass, 0.9 group) | 0.484 | **0.638** | 0.731 | 0.328 | 0.392 |
| Lens drones 5,884 (titles) | most frequent (baseline) | 0.118 | **0.243** | 0.335 | 0.076 | 0.102 |
| Lens drones 5,884 (titles) | kNN BM25 | 0.384 | **0.573** | 0.682 | 0.274 | 0.365 |
| Lens drones 5,884 (titles) | classifier alone, first symbols only (before) | 0.441 | **0.623** | 0.734 | 0.284 | 0.402 |
| Lens drones 5,884 (titles) | classifier alone | 0.449 | **0.647** | 0.755 | 0.300 | 0.414 |
| Lens drones 5,884 (titles) | kNN BM25 + classifier (w=1.0 subclass, 1.0 group) | 0.449 | **0.647** | 0.755 | 0.300 | 0.414 |
| Lens drones 5,884 (titles) | kNN BM25+MiniLM | 0.457 | **0.653** | 0.769 | 0.323 | 0.437 |
| Lens drones 5,884 (titles) | kNN BM25+MiniLM + classifier without head (w=0.8 subclass, 0.8 group, before) | 0.480 | **0.692** | 0.800 | 0.346 | 0.443 |
| Lens drones 5,884 (titles) | classifier + MiniLM head alone | 0.493 | **0.677** | 0.789 | 0.362 | 0.454 |
| Lens drones 5,884 (titles) | kNN BM25+MiniLM + classifier + MiniLM head (w=0.9 subclass, 0.9 group) | 0.495 | **0.689** | 0.796 | 0.368 | 0.465 |
| PATENTSCOPE pizza (titles) | most frequent (baseline) | 0.153 | **0.456** | 0.574 | 0.156 | 0.282 |
| PATENTSCOPE pizza (titles) | kNN BM25 | 0.614 | **0.812** | 0.895 | 0.459 | 0.572 |
| PATENTSCOPE pizza (titles) | classifier alone, first symbols only (before) | 0.729 | **0.853** | 0.935 | 0.541 | 0.608 |
| PATENTSCOPE pizza (titles) | classifier alone | 0.736 | **0.877** | 0.943 | 0.577 | 0.646 |
| PATENTSCOPE pizza (titles) | kNN BM25 + classifier (w=1.0 subclass, 1.0 group) | 0.736 | **0.877** | 0.943 | 0.577 | 0.646 |
| PATENTSCOPE pizza (titles) | kNN BM25+MiniLM | 0.684 | **0.854** | 0.927 | 0.527 | 0.616 |
| PATENTSCOPE pizza (titles) | kNN BM25+MiniLM + classifier without head (w=0.8 subclass, 0.8 group, before) | 0.742 | **0.872** | 0.939 | 0.591 | 0.640 |
| PATENTSCOPE pizza (titles) | classifier + MiniLM head alone | 0.741 | **0.886** | 0.951 | 0.600 | 0.648 |
| PATENTSCOPE pizza (titles) | kNN BM25+MiniLM + classifier + MiniLM head (w=0.9 subclass, 0.9 group) | 0.746 | **0.888** | 0.950 | 0.603 | 0.652 |

Audit: NVIDIA 4,107 + 1,026 families, 284 test titles identical to a training title (first subclass agrees 270);
drones 1,606: 1,221 + 306 families, 11 identical titles (agree 8), test first subclass seen in training 0.946;
drones 5,884: 4,189 + 964 families, 42 (agree 27), 0.987; pizza 6,837 + 1,698 families, 900 (agree 601), 0.989.
Calibration conf@1 / hit@1, hybrid with head (shipped) against without (before): NVIDIA 0.631 / 0.685 against
0.672 / 0.631, drones 0.335 / 0.378 and 0.366 / 0.385 against 0.347 / 0.381 and 0.371 / 0.367, pizza 0.525 / 0.579
against 0.551 / 0.566. Median per query (in-memory index, query vectors from the cache): the head adds nothing
measurable (hybrid fused 13.3-34.7 ms CPU with it, 14.2-34.5 without). Training with the head: 21.6 s CPU (drones
1,606), 57.3 (NVIDIA), 121.2 (drones 5,884), 262.5 (pizza, 7,947 documents) against 10.4-24.2 s without: the
main-group logistic regression over 2,000-odd groups is most of it. ``--speed 100 --dense`` (pizza register saved
with its vectors, load 1.0-1.5): trained in 374 s CPU, 118.3 MB on disk (115.7 without the head); hybrid ``suggest``
p50 14.6 ms wall with the head, 14.4 without, 6.5 for the kNN vote alone (query vectors embedded ahead).
Chosen on validation only (``--tune --dense`` and 5-fold CV inside the training parts; the numbers are in
docs/ipc-suggestion.md): the head (C = 10, mix 0.5; classifier R@5 in CV drones 0.630 -> 0.691, 0.637 -> 0.685) and
the hybrid weight 0.9 (mean validation R@5 over the four sets 0.805 before, 0.820 with it). On these test parts the
head did not raise the drone sets' subclass R@5 (0.644 -> 0.638, 0.692 -> 0.689); they stay below 0.8.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_prior_art_data as data  # noqa: E402

from ipoffice.assist.ipc_model import IpcModel, doc_labels, index_vectors  # noqa: E402
from ipoffice.assist.ipc_suggest import MODEL_WEIGHT, MODEL_WEIGHT_HEAD, suggest  # noqa: E402
from ipoffice.assist.prior_art import PriorArtDoc, PriorArtIndex  # noqa: E402

# the hybrid fusion weight shipped before the MiniLM head (classifier without it), kept as the "before" row
BEFORE_WEIGHT_DENSE = {"subclass": 0.8, "main_group": 0.8}

# Priority numbers per document id: documents sharing one belong to the same (extended) family and are kept on the
# same side of the split (NVIDIA's PatentsView records carry none: each patent is its own family there).
PRIORITIES: dict[str, frozenset[str]] = {}


def lens_families(name: str, encoding: str) -> list[PriorArtDoc]:
    """A raw Lens.org export: title and IPCR classifications in the export's order (the office's first symbol,
    then the others sorted), priority numbers for the family split."""
    out = []
    with open(data.SHARED / "patents" / "lens-drones" / name, encoding=encoding, newline="") as fh:
        for r in csv.DictReader(fh):
            codes = tuple(c.strip() for c in (r.get("IPCR Classifications") or "").split(";;") if c.strip())
            if codes and r.get("Title"):
                pid = r["Publication Number"]
                PRIORITIES[pid] = frozenset(p.strip() for p in r["Priority Numbers"].split(";;") if p.strip())
                out.append(PriorArtDoc(id=pid, title=r["Title"], ipc=codes, source="lens-drones"))
    return out


def pizza_docs() -> list[PriorArtDoc]:
    """The PATENTSCOPE pizza export (one record per publication, so one family's EP, US and WO publications are
    separate records), with its priorities ("[number date office, ...]") for the family split."""
    path = data.SHARED / "patents" / "patentscope-pizza-ritonavir" / "pizza_medium_patentscope_10000.csv"
    with open(path, encoding="latin-1", newline="") as fh:
        for r in csv.DictReader(fh):
            keys = set()
            for item in re.findall(r"\[([^\]]+)\]", r.get("Priority Data") or ""):
                for p in item.split(", "):
                    parts = p.split()
                    if len(parts) >= 2:
                        keys.add(f"{parts[-1]} {parts[0]}")
            PRIORITIES[r["Publication Number"]] = frozenset(keys)
    return data.pizza_docs()


def subclasses(doc: PriorArtDoc) -> list[str]:
    return doc_labels(doc.ipc)["subclass"]


def groups(doc: PriorArtDoc) -> list[str]:
    return doc_labels(doc.ipc)["main_group"]


def families(docs: list[PriorArtDoc]) -> list[list[PriorArtDoc]]:
    """Documents linked by a shared priority number (transitively), in a fixed order."""
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, d in enumerate(docs):
        for p in PRIORITIES.get(d.id, ()):
            if p in first:
                parent[find(i)] = find(first[p])
            else:
                first[p] = i
    grouped: dict[int, list[PriorArtDoc]] = {}
    for i, d in enumerate(docs):
        grouped.setdefault(find(i), []).append(d)
    return sorted(grouped.values(), key=lambda g: min(d.id for d in g))


def split(
    docs: list[PriorArtDoc], seed: int = 3, share: float = 0.8
) -> tuple[list[PriorArtDoc], list[PriorArtDoc]]:
    """Seeded split **by family**: whole priority-linked families go to training until it holds ``share`` of the
    documents, the rest are test (a record split put 144 of the 5,884 set's and 387 of pizza's test documents beside
    a family member in training)."""
    fams = families([d for d in docs if subclasses(d)])
    random.Random(seed).shuffle(fams)
    total = sum(len(g) for g in fams)
    train: list[PriorArtDoc] = []
    test: list[PriorArtDoc] = []
    for g in fams:
        (train if len(train) < share * total else test).extend(g)
    return train, test


def audit(name: str, train: list[PriorArtDoc], test: list[PriorArtDoc]) -> None:
    """What the split leaves: family links across it (0 by construction), identical titles across it (different
    families) and how often their first subclasses agree (an inter-annotator-style ceiling for titles only), and how
    often the test document's first subclass occurs in training at all."""
    train_pri = {p for d in train for p in PRIORITIES.get(d.id, ())}
    linked = sum(1 for d in test if PRIORITIES.get(d.id, frozenset()) & train_pri)
    by_title: dict[str, list[PriorArtDoc]] = {}
    for d in train:
        by_title.setdefault(d.title.strip().lower(), []).append(d)
    same = [d for d in test if d.title.strip().lower() in by_title]
    agree = sum(
        1 for d in same if subclasses(d)[0] in {subclasses(x)[0] for x in by_title[d.title.strip().lower()]}
    )
    seen_first = {subclasses(d)[0] for d in train}
    seen_any = {s for d in train for s in subclasses(d)}
    print(
        f"{name}: {len(families(train))} + {len(families(test))} families; test documents family-linked to "
        f"training {linked}; with a title identical to a training title {len(same)} (first subclass agrees with "
        f"one of them: {agree}); test first subclass seen in training as a first subclass "
        f"{sum(subclasses(d)[0] in seen_first for d in test) / len(test):.3f}, as any "
        f"{sum(subclasses(d)[0] in seen_any for d in test) / len(test):.3f}",
        file=sys.stderr,
    )


class Tally:
    def __init__(self) -> None:
        self.rows: dict[str, list[float]] = {}

    def add(self, key: str, value: float) -> None:
        self.rows.setdefault(key, []).append(value)

    def mean(self, key: str) -> float:
        v = self.rows.get(key)
        return statistics.mean(v) if v else float("nan")

    def score(self, doc: PriorArtDoc, subs: list[str], grps: list[str], conf: float | None = None) -> None:
        truth, gtruth = subclasses(doc), groups(doc)
        self.add("p1", 1.0 if subs and subs[0] in truth else 0.0)
        self.add("r5", 1.0 if truth[0] in subs[:5] else 0.0)
        self.add("r5any", 1.0 if set(truth) & set(subs[:5]) else 0.0)
        if gtruth:
            self.add("gp1", 1.0 if grps and grps[0] in gtruth else 0.0)
            self.add("gr5", 1.0 if gtruth[0] in grps[:5] else 0.0)
        if conf is not None:
            self.add("conf", conf)
            self.add("hit", 1.0 if subs and subs[0] == truth[0] else 0.0)


def symbols(s: Any) -> tuple[list[str], list[str], float]:
    """Subclasses and main groups as suggested (IPC 2020.01 symbols only), and the top subclass's confidence."""
    top = s.subclasses[0].confidence if s.subclasses else 0.0
    return [x.symbol for x in s.subclasses], [x.symbol for x in s.main_groups], top


def timed(fn: Any, *args: Any, **kw: Any) -> tuple[Any, float, float]:
    w, c = time.perf_counter(), time.process_time()
    out = fn(*args, **kw)
    return out, time.perf_counter() - w, time.process_time() - c


def bm25_index(docs: list[PriorArtDoc]) -> PriorArtIndex:
    ix = PriorArtIndex(None)
    ix.build(docs)
    return ix


Weight = float | dict[str, float]


def label(w: Weight) -> str:
    return f"w={w}" if not isinstance(w, dict) else f"w={w['subclass']} subclass, {w['main_group']} group"


def run_corpus(
    name: str,
    train: list[PriorArtDoc],
    test: list[PriorArtDoc],
    weights: tuple[Weight, ...],
    embedder: Any = None,
    dense_weights: tuple[Weight, ...] = (MODEL_WEIGHT_HEAD,),
) -> list[str]:
    """Every method on one corpus, in the same run: the baseline, the kNN vote (BM25; with ``embedder`` also BM25 +
    MiniLM, the CLI's default), the classifier as before (first symbols only) and as now (further symbols at half
    weight), alone and fused with the kNN vote."""
    lines = []
    ix, ix_wall, ix_cpu = timed(bm25_index, train)
    before, b_wall, b_cpu = timed(IpcModel.train, train, secondary_weight=0.0)
    model, m_wall, m_cpu = timed(IpcModel.train, train)
    print(
        f"{name}: train {len(train)}, test {len(test)}; index build {ix_wall:.1f} s wall / {ix_cpu:.1f} s CPU; "
        f"classifier {m_wall:.1f} s wall / {m_cpu:.1f} s CPU (before: {b_cpu:.1f} s CPU), classes "
        f"{model.info['classes']}, temperature {model.info['temperature']}",
        file=sys.stderr,
    )
    methods: list[tuple[str, PriorArtIndex, str, IpcModel | None, Weight]] = [
        ("kNN BM25", ix, "bm25", None, 0.0),
        ("classifier alone, first symbols only (before)", ix, "bm25", before, 1.0),
        ("classifier alone", ix, "bm25", model, 1.0),
    ]
    methods += [(f"kNN BM25 + classifier ({label(w)})", ix, "bm25", model, w) for w in weights]
    if embedder is not None:
        hy = PriorArtIndex(embedder)
        _, h_wall, h_cpu = timed(hy.build, train)
        print(f"  {name}: hybrid index {h_wall:.1f} s wall / {h_cpu:.1f} s CPU", file=sys.stderr)
        vectors, version = index_vectors(hy)
        headed, hd_wall, hd_cpu = timed(IpcModel.train, train, vectors=vectors, embedder=version)
        print(
            f"  {name}: classifier with the MiniLM head {hd_wall:.1f} s wall / {hd_cpu:.1f} s CPU",
            file=sys.stderr,
        )
        methods.append(("kNN BM25+MiniLM", hy, "hybrid", None, 0.0))
        methods.append(
            (
                f"kNN BM25+MiniLM + classifier without head ({label(BEFORE_WEIGHT_DENSE)}, before)",
                hy,
                "hybrid",
                model,
                BEFORE_WEIGHT_DENSE,
            )
        )
        methods.append(("classifier + MiniLM head alone", hy, "hybrid", headed, 1.0))
        methods += [
            (f"kNN BM25+MiniLM + classifier + MiniLM head ({label(w)})", hy, "hybrid", headed, w)
            for w in dense_weights
        ]
    freq = [s for s, _ in Counter(subclasses(d)[0] for d in train).most_common(5)]
    gfreq = [s for s, _ in Counter(groups(d)[0] for d in train if groups(d)).most_common(5)]
    base = Tally()
    for d in test:
        base.score(d, freq, gfreq)
    tallies: dict[str, Tally] = {"most frequent (baseline)": base}
    lat: dict[str, list[tuple[float, float]]] = {}
    for d in test:
        text = d.dense_text()
        for method, index, mode, clf, w in methods:
            s, wall, cpu = timed(suggest, index, text, mode=mode, model=clf, model_weight=w)
            lat.setdefault(method, []).append((wall, cpu))
            tallies.setdefault(method, Tally()).score(d, *symbols(s))
    for method, t in tallies.items():
        lines.append(
            f"| {name} | {method} | {t.mean('p1'):.3f} | **{t.mean('r5'):.3f}** | {t.mean('r5any'):.3f} | "
            f"{t.mean('gp1'):.3f} | {t.mean('gr5'):.3f} |"
        )
        if "conf" in t.rows:
            print(
                f"  {name} {method}: conf@1 {t.mean('conf'):.3f} / hit@1 {t.mean('hit'):.3f}", file=sys.stderr
            )
    for method, v in lat.items():
        print(
            f"  {name} {method}: median {statistics.median(x for x, _ in v) * 1000:.1f} ms wall, "
            f"{statistics.median(c for _, c in v) * 1000:.1f} ms CPU per query (n={len(v)})",
            file=sys.stderr,
        )
    return lines


def pooled(
    sets: dict[str, tuple[list[PriorArtDoc], list[PriorArtDoc]]], max_test: int, weight: Weight
) -> list[str]:
    """One index and one classifier over every corpus's training part (an office indexes all it has), evaluated
    on each corpus's test part. Test documents of any corpus are kept out of the pool by id and by title (the
    two drone sets share families)."""
    test_ids = {d.id for _tr, te in sets.values() for d in te}
    test_titles = {d.title.strip().lower() for _tr, te in sets.values() for d in te}
    pool: dict[str, PriorArtDoc] = {}
    for tr, _te in sets.values():
        for d in tr:
            if d.id not in test_ids and d.title.strip().lower() not in test_titles:
                pool.setdefault(d.id, d)
    train = list(pool.values())
    ix, ix_wall, ix_cpu = timed(bm25_index, train)
    model, m_wall, m_cpu = timed(IpcModel.train, train)
    print(
        f"pooled: train {len(train)}; index {ix_wall:.1f} s wall / {ix_cpu:.1f} s CPU; classifier {m_wall:.1f} s "
        f"wall / {m_cpu:.1f} s CPU",
        file=sys.stderr,
    )
    lines = []
    for name, (_tr, te) in sets.items():
        knn, alone, fused = Tally(), Tally(), Tally()
        for d in te[:max_test]:
            text = d.dense_text()
            s = suggest(ix, text, mode="bm25", model=None)
            knn.score(d, [x.symbol for x in s.subclasses], [x.symbol for x in s.main_groups])
            alone.score(d, *symbols(suggest(ix, text, mode="bm25", model=model, model_weight=1.0)))
            s = suggest(ix, text, mode="bm25", model=model, model_weight=weight)
            top = s.subclasses[0].confidence if s.subclasses else 0.0
            fused.score(d, [x.symbol for x in s.subclasses], [x.symbol for x in s.main_groups], top)
        for method, t in (
            ("kNN BM25", knn),
            ("classifier alone", alone),
            (f"kNN BM25 + classifier ({label(weight)})", fused),
        ):
            lines.append(
                f"| {name} | pooled: {method} | {t.mean('p1'):.3f} | **{t.mean('r5'):.3f}** | "
                f"{t.mean('r5any'):.3f} | {t.mean('gp1'):.3f} | {t.mean('gr5'):.3f} |"
            )
    return lines


TAGS = {
    "NVIDIA (title + abstract, CPC)": "nvidia-ipc",
    "Lens drones 1,606 (titles)": "drones1606",
    "Lens drones 5,884 (titles)": "drones5884",
    "PATENTSCOPE pizza (titles)": "pizza-ipc",
}


def corpora() -> dict[str, list[PriorArtDoc]]:
    return {
        "NVIDIA (title + abstract, CPC)": data.nvidia_docs(),
        "Lens drones 1,606 (titles)": lens_families("drones_tac_1606_families.csv", "latin-1"),
        # the 5,884 export is UTF-8 (read as Latin-1 before: 21 titles garbled); the 1,606 one is Latin-1
        "Lens drones 5,884 (titles)": lens_families("drones_fulltext_families_5884.csv", "utf-8"),
        "PATENTSCOPE pizza (titles)": pizza_docs(),
    }


def embedder_for(name: str, docs: list[PriorArtDoc]) -> Any:
    """MiniLM for the hybrid kNN, every document of the corpus embedded once and cached on disk (benchmark cache)."""
    from ipoffice.search.embedding import load_embedder

    emb = data.CachedEmbedder(load_embedder())
    texts = [d.dense_text() for d in docs if subclasses(d)]
    _, wall, cpu = timed(data.embed_cached, emb.inner, texts, TAGS[name])
    emb.preload(texts, data.embed_cached(emb.inner, texts, TAGS[name]))
    print(
        f"  {name}: {len(texts)} texts embedded or read from the cache in {wall:.1f} s wall / {cpu:.1f} s CPU",
        file=sys.stderr,
    )
    return emb


def tune(max_test: int, only: str, dense: bool) -> None:
    """Pick the fusion weights on a validation tenth of each training 80% (the test 20% stays unseen); with
    ``dense`` also the weights of the MiniLM neighbours against the classifier with its MiniLM head."""
    for name, docs in corpora().items():
        if only not in name:
            continue
        train, _test = split(docs)
        fit, val = split(train, seed=4, share=0.9)
        emb = embedder_for(name, docs) if dense else None
        for line in run_corpus(
            f"{name} [validation]", fit, val[:max_test], (0.4, 0.6, 0.8), emb, (0.6, 0.8, 0.9)
        ):
            print(line, flush=True)


def _megabytes(directory: Path) -> float:
    return sum(f.stat().st_size for f in directory.iterdir()) / 1e6


def _saved_index_with_model(
    docs: list[PriorArtDoc], emb: Any, root: Path
) -> tuple[float, float, IpcModel, float, float, float]:
    """The corpus indexed and saved in ``root/ix`` with the classifier trained and saved beside it, as
    ``prior-art index`` does (``train_for_index``): build wall and CPU seconds, the model, training wall and CPU
    seconds, the model's size on disk in MB."""
    from ipoffice.assist.ipc_model import model_dir, train_for_index

    ix = PriorArtIndex(emb, root / "ix")
    _, bw, bc = timed(ix.build, docs)
    ix.save()
    model, tw, tc = timed(train_for_index, ix)
    return bw, bc, model, tw, tc, _megabytes(model_dir(root / "ix"))


def _saved_model(docs: list[PriorArtDoc], path: Path, **train: Any) -> tuple[IpcModel, float]:
    """A classifier to compare with, trained on ``docs``, saved and read back memory-mapped like the shipped one,
    and its size on disk in MB."""
    IpcModel.train(docs, **train).save(path)
    return IpcModel.load(path), _megabytes(path)


def speed(n: int) -> None:
    """``suggest`` as the product runs it: a saved BM25 index of the pizza corpus (9,997 titles) with the classifier
    trained and saved beside it (``train_for_index``, as ``prior-art index`` does), opened again and used through
    ``model="index"``; baseline in the same run: the kNN vote alone (``model=None``). Median and p95 of ``n``
    queries (pizza titles), wall and CPU, after one warm-up query; the model's size on disk."""
    import os
    import tempfile

    docs = pizza_docs()
    with tempfile.TemporaryDirectory() as tmp:
        bw, bc, _model, tw, tc, size = _saved_index_with_model(docs, None, Path(tmp))
        before, before_size = _saved_model(docs, Path(tmp) / "before", secondary_weight=0.0)
        opened = PriorArtIndex.open(Path(tmp) / "ix")
        queries = [d.title for d in data.sample(docs, n + 1, seed=17)]
        _, first_w, first_c = timed(
            suggest, opened, queries[0], mode="bm25"
        )  # titles table, fingerprint, mmap
        methods: tuple[tuple[str, Any], ...] = (
            ("kNN alone (baseline)", None),
            ("kNN + classifier, first symbols only (before)", before),
            ("kNN + classifier (shipped)", "index"),
        )
        timed(suggest, opened, queries[0], mode="bm25", model=before)
        rows = _time_methods(opened, queries[1:], "bm25", methods)
    print(
        f"pizza: {len(docs)} documents; index {bw:.1f} s wall / {bc:.1f} s CPU; classifier {tw:.1f} s wall / "
        f"{tc:.1f} s CPU, {size:.1f} MB on disk (before: {before_size:.1f} MB); first suggestion {first_w * 1000:.0f} ms wall / "
        f"{first_c * 1000:.0f} ms CPU; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    _latency_table(rows)


def _time_methods(
    opened: PriorArtIndex, queries: list[str], mode: str, methods: tuple[tuple[str, Any], ...]
) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) seconds of ``suggest`` per query for each (label, model) of ``methods``, in that order."""
    return {
        label_: [timed(suggest, opened, q, mode=mode, model=clf)[1:] for q in queries]
        for label_, clf in methods
    }


def _latency_table(rows: dict[str, list[tuple[float, float]]]) -> None:
    print("| method | p50 wall ms | p95 wall ms | p50 CPU ms | n |")
    print("|---|---|---|---|---|")
    for label_, v in rows.items():
        walls = sorted(w for w, _c in v)
        print(
            f"| {label_} | {statistics.median(walls) * 1000:.1f} | {walls[int(0.95 * (len(walls) - 1))] * 1000:.1f} "
            f"| {statistics.median(c for _w, c in v) * 1000:.1f} | {len(v)} |"
        )


def speed_dense(n: int) -> None:
    """``suggest`` in hybrid mode as the product runs it, on a saved pizza index with MiniLM vectors (from the
    benchmark cache) and the classifier with its MiniLM head trained and saved beside it (``train_for_index``),
    opened again: the shipped model (``model="index"``) against the same classifier without the head (the hybrid
    before) and the kNN vote alone, in the same run. Query vectors are computed once ahead (the index's query
    cache; an office pays about 5-30 ms CPU to embed a title), so the times are the search plus the classifiers.
    Median and p95 of ``n`` queries, wall and CPU; the model's size on disk with and without the head."""
    import os
    import tempfile

    docs = pizza_docs()
    name = "PATENTSCOPE pizza (titles)"
    emb = embedder_for(name, docs)
    with tempfile.TemporaryDirectory() as tmp:
        bw, bc, model, tw, tc, size = _saved_index_with_model(docs, emb, Path(tmp))
        plain, plain_size = _saved_model(docs, Path(tmp) / "plain")
        opened = PriorArtIndex.open(Path(tmp) / "ix", embedder_loader=lambda: emb)
        queries = [d.title for d in data.sample(docs, n + 1, seed=17)]
        for q in queries:  # embed every query once ahead: the times below leave out the query's embedding
            suggest(opened, q, mode="hybrid", model=None)
        methods: tuple[tuple[str, Any], ...] = (
            ("kNN BM25+MiniLM alone (baseline)", None),
            ("kNN + classifier without head (before)", plain),
            ("kNN + classifier + MiniLM head (shipped)", "index"),
        )
        timed(suggest, opened, queries[0], mode="hybrid", model=plain)
        timed(suggest, opened, queries[0], mode="hybrid")
        rows = _time_methods(opened, queries[1:], "hybrid", methods)
    print(
        f"pizza hybrid: {len(docs)} documents; index {bw:.1f} s wall / {bc:.1f} s CPU (vectors from the cache); "
        f"classifier with head {tw:.1f} s wall / {tc:.1f} s CPU, {size:.1f} MB on disk (without head: "
        f"{plain_size:.1f} MB); head used: {model.dense_version is not None}; load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    _latency_table(rows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tune", action="store_true")
    ap.add_argument("--max-test", type=int, default=1000)
    ap.add_argument("--only", default="", help="Only the corpora whose name contains this text.")
    ap.add_argument(
        "--dense", action="store_true", help="Also the BM25 + MiniLM kNN (embeds every title once; cached)."
    )
    ap.add_argument(
        "--pooled", action="store_true", help="Also one index + classifier over all training parts."
    )
    ap.add_argument(
        "--speed", type=int, default=0, help="Only time suggest on a saved pizza index, N queries."
    )
    args = ap.parse_args()
    if args.speed:
        speed_dense(args.speed) if args.dense else speed(args.speed)
        return
    if args.tune:
        tune(args.max_test, args.only, args.dense)
        return
    print("| corpus | method | P@1 sub | R@5 sub | R@5 any | P@1 group | R@5 group |")
    print("|---|---|---|---|---|---|---|")
    docs_of = {name: docs for name, docs in corpora().items() if args.only in name}
    sets = {name: split(docs) for name, docs in docs_of.items()}
    for name, (train, test) in sets.items():
        audit(name, train, test)
        emb = embedder_for(name, docs_of[name]) if args.dense else None
        for line in run_corpus(name, train, test[: args.max_test], (MODEL_WEIGHT,), emb):
            print(line, flush=True)
    if args.pooled:
        for line in pooled(sets, args.max_test, MODEL_WEIGHT):
            print(line, flush=True)


if __name__ == "__main__":
    main()
