"""IPC suggestion: top 5 subclasses and main groups, each with a confidence and the documents behind it.

Two parts, both from the office's own classified documents (the register and any classified corpus):

* **kNN**: the text (title, abstract, claims) is searched like prior art (:class:`~ipoffice.assist.prior_art.
  PriorArtIndex`) and each of the ``k`` nearest classified documents votes for its symbols with its rank weight (the
  first symbol fully, the others at half weight); a symbol's kNN share is its part of the vote (the PatentSBERTa kNN
  design, research §5);
* **classifier** (:mod:`ipoffice.assist.ipc_model`, trained with the index): a calibrated probability per symbol.

**Confidence** = ``w × probability + (1 − w) × kNN share`` (``MODEL_WEIGHT``; ``MODEL_WEIGHT_HEAD`` when the
neighbours were found with MiniLM too and the classifier's MiniLM head reads the same embedder's vector of the
text, ``MODEL_WEIGHT_DENSE`` when it has no head for it; the kNN share alone when the index has no classifier),
so all confidences of a level sum to at most 1. Every suggestion names documents that carry the symbol: its
voters, else further search results, else a search within the symbol (none only for a symbol that no indexed
document carries, proposed from the IPC scheme's wording). Only symbols of the shipped IPC scheme are suggested
(CPC-only 2000-series indexing groups and section Y are left out).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np

from ipoffice.assist.ipc_model import IpcModel, levels, model_for_index
from ipoffice.assist.prior_art import (
    DENSE_CHARS,
    MAX_QUERY_PASSAGES,
    PASSAGE_WORDS,
    PriorArtIndex,
    PriorArtQuery,
    chunks,
)
from ipoffice.core import i18n
from ipoffice.core.errors import UserError

K_NEIGHBOURS = 30
TOP = 5
# The classifier's share of a fused confidence (the neighbours' vote share has the rest), per level and per kind of
# neighbour search. Chosen on validation splits carved from the benchmark corpora's training parts, never their test
# parts (benchmarks/bench_ipc.py --tune; 2026-11-21, classifier with further symbols at half weight):
# * BM25 neighbours: the classifier alone ranked best on the three titles-only corpora, subclass R@5 alone / fused
#   w=0.8: pizza 0.847 / 0.810, drones 1,606 0.663 / 0.615, drones 5,884 0.650 / 0.618; NVIDIA (abstracts) 0.930 /
#   0.953; mean 0.773 / 0.749. So with BM25 neighbours the neighbours supply the evidence only.
# * BM25 + MiniLM neighbours (the CLI's default; measured on the two drone title sets, the only ones embedded): the
#   neighbours alone reach the classifier's subclass R@5 (0.668 / 0.698 against 0.663 / 0.650) and beat it at main-
#   group level (0.428 / 0.435 against 0.433 / 0.370), so both count: 0.8 at both levels (subclass R@5 0.706 /
#   0.710, main group 0.449 / 0.453).
MODEL_WEIGHT = {"subclass": 1.0, "main_group": 1.0}
MODEL_WEIGHT_DENSE = {"subclass": 0.8, "main_group": 0.8}
# * With the classifier's MiniLM head (the index has vectors and the classifier was trained on them; 2026-11-21,
#   `--tune --dense`, all four corpora embedded): subclass R@5 hybrid before / w=1 / 0.9 / 0.8 / 0.6 on the
#   validation parts: drones 1,606 0.736 / 0.760 / 0.776 / 0.752 / 0.760, drones 5,884 0.652 / 0.675 / 0.672 /
#   0.667 / 0.662, pizza 0.870 / 0.877 / 0.870 / 0.873 / 0.865, NVIDIA 0.963 / 0.958 / 0.960 / 0.963 / 0.960; mean
#   0.805 / 0.818 / 0.820 / 0.814 / 0.812; main group mean 0.569 / 0.590 / 0.590 / 0.588 / 0.585: 0.9 at both levels.
MODEL_WEIGHT_HEAD = {"subclass": 0.9, "main_group": 0.9}

i18n.register(
    {
        "ipc_suggest.empty": {
            "vi": "Hãy nhập tên, tóm tắt hoặc yêu cầu bảo hộ để gợi ý phân loại IPC",
            "en": "Give a title, abstract or claims to suggest IPC classes for",
        },
        "ipc_suggest.no_classified": {
            "vi": "Chỉ mục không có tài liệu đã phân loại IPC nào để so sánh",
            "en": "The index holds no IPC-classified documents to compare with",
        },
    }
)


@dataclass(frozen=True)
class Evidence:
    id: str
    title: str
    rank: int  # rank among the classified documents found for the text (1 = nearest)
    symbols: tuple[str, ...]
    voted: bool = (
        True  # among the k neighbours that voted; False: found further down or by a search in the symbol
    )


@dataclass(frozen=True)
class IpcSuggestion:
    level: str  # subclass | main_group
    symbol: str
    title: str
    confidence: float
    evidence: tuple[Evidence, ...]
    knn: float = 0.0  # the neighbours' share of the vote
    model: float | None = None  # the classifier's probability (None: no classifier)

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "symbol": self.symbol,
            "title": self.title,
            "confidence": self.confidence,
            "knn": self.knn,
            "model": self.model,
            "evidence": [
                {"id": e.id, "title": e.title, "rank": e.rank, "symbols": list(e.symbols), "voted": e.voted}
                for e in self.evidence
            ],
        }


@dataclass(frozen=True)
class IpcSuggestions:
    subclasses: tuple[IpcSuggestion, ...]
    main_groups: tuple[IpcSuggestion, ...]
    neighbours: int
    model: str | None
    model_version: str | None
    index_version: str
    classifier: str | None = None
    classifier_version: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "subclasses": [s.to_json() for s in self.subclasses],
            "main_groups": [s.to_json() for s in self.main_groups],
            "neighbours": self.neighbours,
            "model": self.model,
            "model_version": self.model_version,
            "index_version": self.index_version,
            "classifier": self.classifier,
            "classifier_version": self.classifier_version,
        }


def _title(symbol: str) -> str:
    """The IPC scheme's title (without its references), or "" when the symbol is not in the scheme."""
    from ipoffice.core.classification import ipc_title

    try:
        return ipc_title(symbol).split(" (")[0]
    except UserError:
        return ""


def suggest(
    index: PriorArtIndex,
    text: str,
    *,
    k: int = K_NEIGHBOURS,
    top: int = TOP,
    mode: str = "hybrid",
    exclude: tuple[str, ...] = (),
    evidence_per_symbol: int = 3,
    model: IpcModel | str | None = "index",
    model_weight: float | dict[str, float] | None = None,
) -> IpcSuggestions:
    """Top ``top`` subclasses and main groups for ``text``: the ``k`` nearest classified documents' votes, fused
    with the classifier's probabilities when there is one (``model="index"``: the one trained with this index).
    ``model_weight=None``: ``MODEL_WEIGHT_HEAD`` when the search embedded the text with the embedder that trained
    the classifier's dense head (which then counts), ``MODEL_WEIGHT_DENSE`` when it embedded the text but the
    classifier has no head for that embedder, else (BM25 neighbours) ``MODEL_WEIGHT``."""
    if not (text or "").strip():
        raise UserError("ipc_suggest.empty", field="text")
    clf = model_for_index(index) if model == "index" else model
    if isinstance(clf, str):
        clf = None
    result = index.search(PriorArtQuery(text, limit=min(max(k * 4, 100), 1000), mode=mode, exclude=exclude))
    votes: dict[str, dict[str, float]] = {"subclass": defaultdict(float), "main_group": defaultdict(float)}
    backers: dict[str, dict[str, list[Evidence]]] = {
        "subclass": defaultdict(list),
        "main_group": defaultdict(list),
    }
    head = clf is not None and _head_applies(clf, index, result.model_version)
    vector = _query_vector(index, text) if head else None
    if model_weight is None:
        model_weight = (
            MODEL_WEIGHT_HEAD if head else MODEL_WEIGHT_DENSE if result.model is not None else MODEL_WEIGHT
        )
    weights = model_weight
    used = 0
    classified = 0
    for hit in result.hits:
        parsed = [(sym, lv) for sym in hit.ipc if (lv := levels(sym)) is not None]
        if not parsed:
            continue  # unclassified documents neither vote nor serve as evidence
        classified += 1
        voting = used < k
        ev = Evidence(hit.id, hit.title, classified, tuple(s for s, _ in parsed), voting)
        if voting:
            used += 1
        seen: dict[str, set[str]] = {"subclass": set(), "main_group": set()}
        for n, (_sym, (sub, group)) in enumerate(parsed):
            w = hit.score if n == 0 else hit.score / 2
            for level, key in (("subclass", sub), ("main_group", group)):
                if key is None or key in seen[level]:
                    continue
                seen[level].add(key)
                if voting:
                    votes[level][key] += w
                if len(backers[level][key]) < evidence_per_symbol:
                    backers[level][key].append(ev)
    if used == 0 and clf is None and not any(d.ipc for d in index.docs.values()):
        raise UserError("ipc_suggest.no_classified", field="index")

    def best(level: str) -> tuple[IpcSuggestion, ...]:
        total = sum(votes[level].values()) or 1.0
        knn = {key: v / total for key, v in votes[level].items()}
        probs: dict[str, float] = {}
        if clf is not None:
            probs = {p.symbol: p.probability for p in clf.predict(text, level, top=top * 8, vector=vector)}
        w = (weights[level] if isinstance(weights, dict) else weights) if clf is not None else 0.0
        if clf is not None and not knn:
            w = 1.0  # no classified neighbour: the classifier alone
        fused = {key: w * probs.get(key, 0.0) + (1 - w) * knn.get(key, 0.0) for key in {*knn, *probs}}
        out = []
        for key, conf in sorted(fused.items(), key=lambda kv: (-kv[1], kv[0])):
            title = _title(key)
            if not title or conf <= 0:
                continue  # not in the IPC scheme (a CPC-only symbol): not an IPC suggestion
            evidence = backers[level][key] or _evidence_search(index, text, key, exclude, evidence_per_symbol)
            out.append(
                IpcSuggestion(
                    level,
                    key,
                    title,
                    round(conf, 3),
                    tuple(evidence[:evidence_per_symbol]),
                    round(knn.get(key, 0.0), 3),
                    round(probs.get(key, 0.0), 3) if clf is not None else None,
                )
            )
            if len(out) == top:
                break
        return tuple(out)

    return IpcSuggestions(
        best("subclass"),
        best("main_group"),
        used,
        result.model,
        result.model_version,
        result.index_version,
        clf.name if clf is not None else None,
        clf.version if clf is not None else None,
    )


def _evidence_search(
    index: PriorArtIndex, text: str, symbol: str, exclude: tuple[str, ...], n: int
) -> list[Evidence]:
    """The nearest documents classified in ``symbol`` (lexical search within the symbol), for a suggestion that
    no near neighbour backs; empty when no indexed document carries it (a suggestion from the scheme's wording)."""
    try:
        found = index.search(PriorArtQuery(text, ipc=(symbol,), limit=n, mode="bm25", exclude=exclude))
    except UserError:
        return []
    return [
        Evidence(h.id, h.title, h.rank, tuple(s for s in h.ipc if levels(s) is not None), False)
        for h in found.hits
    ]


def _head_applies(clf: IpcModel, index: PriorArtIndex, search_model_version: str | None) -> bool:
    """The classifier's dense head is used when the neighbour search embedded the text with the very embedder
    whose document vectors trained the head."""
    version = clf.dense_version
    return bool(version) and version == search_model_version and getattr(index, "embedder", None) is not None


def _query_vector(index: PriorArtIndex, text: str) -> np.ndarray:
    """The text's sentence embedding as the dense search computed it (the same passages, so the index's query
    cache answers without embedding again): the mean of its passages' vectors, unit length."""
    text = text.replace("\x00", " ")  # as the search reads it
    parts = chunks(text[: MAX_QUERY_PASSAGES * PASSAGE_WORDS * 40], limit=MAX_QUERY_PASSAGES) or [text]
    qv = np.asarray(index.query_vectors(tuple(p[:DENSE_CHARS] for p in parts)), np.float32)
    v = qv.mean(axis=0)
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v
