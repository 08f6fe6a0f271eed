"""Prior-art search for examiners: BM25 and dense retrieval fused, filtered, with passages.

* **Lexical**: :class:`ipoffice.search.fulltext.FulltextIndex` (Vietnamese folded and segmented, English stemmed).
* **Dense**: an :class:`ipoffice.search.embedding.Embedder` (the shipped English MiniLM by default, or an office's
  own model directory) over title + abstract (the first 256 tokens) and up to ``MAX_PASSAGES`` passages of the
  claims/description; a document scores by its best passage, averaged over the passages of a long query; exact.
* **Fusion**: a convex combination of per-query z-scores of the BM25 and cosine scores (lexical share 0.5), chosen
  over weighted RRF and min-max on a training half of the NVIDIA same-CPC proxy
  (``benchmarks/bench_prior_art_tune.py``); classic RRF (Cormack, Clarke and Büttcher 2009) remains available.
* **Filters**: a priority cut-off (only documents dated strictly before it; undated documents are left out when a
  cut-off is set, and counted) and IPC symbols at subclass, main-group or full level.
* **Passages**: the sentences of each hit that carry the most query weight, with the matching words marked.

Every result carries the model and index versions and the query terms actually searched, so
:mod:`ipoffice.assist.trail` can record exactly what the examiner saw.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.search.embedding import Embedder
from ipoffice.search.fulltext import (
    INDEX_VERSION,
    FulltextDoc,
    FulltextIndex,
    QueryPlan,
    date_key,
    fold,
    ipc_filter_keys,
    ipc_key,
    stem,
)
from ipoffice.search.vectors import VectorIndex

RRF_K = 60
DEPTH = 200  # candidates taken from each list before fusion
DENSE_CHARS = 2000  # MiniLM reads 256 tokens; more text only costs tokenising
# Fusion of the two lists: "rrf" (weighted reciprocal rank), "minmax" or "zscore" (convex combination of per-query
# normalised scores). FUSION_WEIGHT is the lexical share (0.5 with "rrf" is classic RRF). Chosen on a training split
# of the NVIDIA same-CPC proxy only (benchmarks/bench_prior_art_tune.py), never on the examiner-judged sets.
FUSION = "zscore"
FUSION_WEIGHT = 0.5
FUSIONS = ("rrf", "minmax", "zscore")
# Passage-level dense scoring: beyond the title + abstract vector, each document's text (claims, description) is cut
# into passages of at most PASSAGE_WORDS words (MiniLM reads 256 word pieces, ~190 English words), at most
# MAX_PASSAGES of them embedded; a document's dense score is its best passage. A long query is cut the same way (at
# most MAX_QUERY_PASSAGES) and the document's score is the mean over the query's passages.
PASSAGE_WORDS = 150
MAX_PASSAGES = 8
MAX_QUERY_PASSAGES = 8
QUERY_CACHE = 32  # queries whose passage vectors are kept (each at most 8 x 384 float32, 12 kB)
_PASSAGE_SEP = "\x1f"
MAX_QUERY_CHARS = 20_000_000

i18n.register(
    {
        "prior_art.empty_query": {
            "vi": "Hãy nhập nội dung cần tra cứu (văn bản hoặc số đơn)",
            "en": "Give something to search for (a text or a file number)",
        },
        "prior_art.query_too_large": {
            "vi": "Văn bản tra cứu quá lớn ({size} ký tự, tối đa {limit})",
            "en": "The query text is too large ({size} characters, at most {limit})",
        },
        "prior_art.bad_limit": {
            "vi": "Số kết quả phải từ 1 đến {limit}",
            "en": "The number of results must be between 1 and {limit}",
        },
        "prior_art.bad_ipc": {
            "vi": "Ký hiệu IPC không hợp lệ: {symbol}",
            "en": "Not an IPC symbol: {symbol}",
        },
        "prior_art.no_index": {
            "vi": "Chưa có chỉ mục tra cứu tình trạng kỹ thuật tại {path}; hãy chạy: ipoffice prior-art index",
            "en": "There is no prior-art index at {path}; run: ipoffice prior-art index",
        },
        "prior_art.bad_corpus": {
            "vi": "Không đọc được kho tài liệu {path}: {reason}",
            "en": "Cannot read the corpus {path}: {reason}",
        },
        "prior_art.no_dense": {
            "vi": "Chỉ mục này không có vectơ ngữ nghĩa; hãy tạo lại với mô hình nhúng",
            "en": "This index has no dense vectors; rebuild it with an embedding model",
        },
    }
)


@dataclass(frozen=True)
class PriorArtDoc:
    """A document that can be cited as prior art (a patent publication, an application in the register, NPL)."""

    id: str
    title: str = ""
    abstract: str = ""
    text: str = ""  # claims and description, when known
    date: date | None = None  # earliest priority, else filing / publication date
    ipc: tuple[str, ...] = ()  # IPC (or CPC) symbols as given
    source: str = ""

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"] = self.date.isoformat() if self.date else None
        d["ipc"] = list(self.ipc)
        return d

    @classmethod
    def from_json(cls, obj: dict[str, Any], source: str = "") -> PriorArtDoc:
        ident = obj.get("id") or obj.get("number") or obj.get("publication_number")
        if not ident:
            raise ValueError("a document needs an id or number")
        text = obj.get("text") or "\n".join(
            str(obj[k]) for k in ("claims", "description") if isinstance(obj.get(k), str)
        )
        when = (
            obj.get("date")
            or obj.get("priority_date")
            or obj.get("filing_date")
            or obj.get("publication_date")
        )
        codes = obj.get("ipc") or obj.get("cpc") or []
        if isinstance(codes, str):
            codes = [c for c in re.split(r"[;,|]", codes) if c.strip()]
        return cls(
            id=str(ident),
            title=str(obj.get("title") or ""),
            abstract=str(obj.get("abstract") or ""),
            text=str(text or ""),
            date=date.fromisoformat(str(when)[:10]) if when else None,
            ipc=tuple(str(c).strip() for c in codes),
            source=str(obj.get("source") or source),
        )

    def dense_text(self) -> str:
        return f"{self.title}. {self.abstract or self.text}"[:DENSE_CHARS]


@dataclass(frozen=True)
class Passage:
    """A sentence of a hit with the spans (start, end) of words matching the query."""

    field: str
    text: str
    spans: tuple[tuple[int, int], ...]
    weight: float

    def marked(self, open_: str = "«", close: str = "»") -> str:
        out, last = [], 0
        for s, e in self.spans:
            out += [self.text[last:s], open_, self.text[s:e], close]
            last = e
        out.append(self.text[last:])
        return "".join(out)


@dataclass(frozen=True)
class PriorArtHit:
    rank: int
    id: str
    title: str
    date: date | None
    ipc: tuple[str, ...]
    source: str
    # A positive weight that decreases with rank (what IPC suggestion votes with): the RRF value with "rrf" fusion,
    # else 1/(60 + rank). The raw fused value (z-scores or min-max, which may be negative) is ``fused``.
    score: float
    bm25_rank: int | None
    dense_rank: int | None
    dense_score: float | None
    passages: tuple[Passage, ...]
    fused: float | None = None

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"] = self.date.isoformat() if self.date else None
        d["ipc"] = list(self.ipc)
        d["passages"] = [{**asdict(p), "marked": p.marked()} for p in self.passages]
        return d


@dataclass
class PriorArtQuery:
    text: str
    before: date | None = None
    ipc: tuple[str, ...] = ()
    limit: int = 100
    mode: str = "hybrid"  # hybrid | bm25 | dense
    exclude: tuple[str, ...] = ()  # e.g. the application being examined


@dataclass
class PriorArtResult:
    query: PriorArtQuery
    hits: list[PriorArtHit]
    plan: QueryPlan
    model: str | None
    model_version: str | None
    index_version: str
    documents: int
    undated_excluded: int = 0
    elapsed_ms: float = 0.0

    def to_json(self) -> dict[str, Any]:
        q = asdict(self.query)
        q["before"] = self.query.before.isoformat() if self.query.before else None
        q["text"] = self.query.text[:2000]
        q["text_chars"] = len(self.query.text)
        return {
            "query": q,
            "terms": {"body": self.plan.body, "words": self.plan.words, "truncated": self.plan.truncated},
            "model": self.model,
            "model_version": self.model_version,
            "index_version": self.index_version,
            "documents": self.documents,
            "undated_excluded": self.undated_excluded,
            "elapsed_ms": round(self.elapsed_ms, 1),
            "hits": [h.to_json() for h in self.hits],
        }


def rrf(
    ranked_lists: Sequence[Sequence[str]], k: int = RRF_K, weights: Sequence[float] | None = None
) -> list[tuple[str, float]]:
    """(Weighted) reciprocal rank fusion of ranked id lists, ``Σ w / (k + rank)``; ties broken by the first list's
    order, then by id."""
    scores: dict[str, float] = {}
    first_seen: dict[str, tuple[int, int]] = {}
    for li, ids in enumerate(ranked_lists):
        w = 1.0 if weights is None else float(weights[li])
        for r, i in enumerate(ids, start=1):
            scores[i] = scores.get(i, 0.0) + w / (k + r)
            first_seen.setdefault(i, (li, r))
    return sorted(scores.items(), key=lambda kv: (-kv[1], first_seen[kv[0]], kv[0]))


def fuse(
    lexical: Sequence[tuple[str, float]],
    dense: Sequence[tuple[str, float]],
    *,
    method: str = FUSION,
    weight: float = FUSION_WEIGHT,
    k: int = RRF_K,
    dense_of: Mapping[str, float] | None = None,
    ref: int = DEPTH,
) -> list[tuple[str, float]]:
    """Fuse a BM25 list and a dense list, each ``(id, score)`` best first, into one ``(id, fused score)`` list.

    ``weight`` is the lexical share. ``rrf``: ``2w/(k + r_bm25) + 2(1-w)/(k + r_dense)`` (w = 0.5 is classic RRF).
    ``minmax``: ``w·bm25' + (1-w)·cos'`` with each list's scores scaled to [0, 1] over its own top list.
    ``zscore``: the same with z-scores. A document missing from the BM25 list counts as that list's minimum; one
    missing from the dense list takes its exact cosine from ``dense_of`` when given, else the dense list's minimum.
    Scores are normalised over the first ``ref`` entries of each list, and entries below that depth count as the
    list's minimum, so fused scores do not depend on how many results were asked for.
    """
    if method not in FUSIONS:
        raise ValueError(f"unknown fusion {method!r}")
    if not 0.0 <= weight <= 1.0:
        raise ValueError("the fusion weight is a share between 0 and 1")
    lex_ids = [i for i, _ in lexical]
    den_ids = [i for i, _ in dense]
    if method == "rrf":
        return rrf([lex_ids, den_ids], k=k, weights=(2 * weight, 2 * (1 - weight)))
    order = {i: n for n, i in enumerate(dict.fromkeys([*lex_ids, *den_ids]))}
    extra = {i: float(v) for i, v in (dense_of or {}).items() if i in order}

    def scaled(
        pairs: Sequence[tuple[str, float]], more: Mapping[str, float]
    ) -> tuple[dict[str, float], float]:
        """Normalised scores of a list (and of ``more`` documents on the same scale) and the list's lowest."""
        values = [v for _, v in pairs[:ref]]
        if not values:
            return {}, 0.0
        if method == "minmax":
            shift, span = min(values), max(values) - min(values)
        else:
            shift = sum(values) / len(values)
            span = (sum((v - shift) ** 2 for v in values) / len(values)) ** 0.5
        out = {i: (v - shift) / span if span > 0 else 0.0 for i, v in pairs[:ref]}
        floor = min(out.values())
        out.update({i: floor for i, _v in pairs[ref:]})  # below the reference depth: as if not retrieved
        out.update({i: (v - shift) / span if span > 0 else 0.0 for i, v in more.items() if i not in out})
        return out, floor

    lex_n, lex_floor = scaled(lexical, {})
    den_n, den_floor = scaled(dense, extra)
    out = {i: weight * lex_n.get(i, lex_floor) + (1 - weight) * den_n.get(i, den_floor) for i in order}
    return sorted(out.items(), key=lambda kv: (-kv[1], order[kv[0]], kv[0]))


def chunks(text: str, max_words: int = PASSAGE_WORDS, limit: int | None = None) -> list[str]:
    """``text`` cut into passages of at most ``max_words`` words: lines packed together while they fit, a longer
    line cut into windows (so a claim or a paragraph stays whole when it can)."""
    out: list[str] = []
    cur: list[str] = []
    for line in text.splitlines():
        words = line.split()
        while words:
            if len(cur) + len(words) <= max_words:
                cur += words
                words = []
            elif cur:
                out.append(" ".join(cur))
                cur = []
            else:
                out.append(" ".join(words[:max_words]))
                words = words[max_words:]
            if limit is not None and len(out) >= limit:
                return out
    if cur:
        out.append(" ".join(cur))
    return out[:limit] if limit is not None else out


def doc_passages(doc: PriorArtDoc, limit: int = MAX_PASSAGES) -> list[str]:
    """The passages of ``doc`` embedded beyond its title + abstract vector (none when its text is short)."""
    if limit <= 0 or not doc.text.strip():
        return []
    if doc.abstract:
        return chunks(doc.text, limit=limit)
    if len(doc.dense_text()) < DENSE_CHARS:  # no abstract: the text's start is already in the first vector
        return []
    return chunks(doc.text, limit=limit + 1)[1:]


_SENTENCE = re.compile(r"[^.;:!?\n]+[.;:!?]?")
_WORDS = re.compile(r"\w+")


@lru_cache(maxsize=200_000)
def _word_key(word: str) -> str:
    return stem(fold(word))


def passages(doc: PriorArtDoc, plan: QueryPlan, n: int = 2, max_chars: int = 400) -> tuple[Passage, ...]:
    """The ``n`` sentences of ``doc`` carrying the most query weight, the matching words marked."""
    weights = plan.body
    if not weights:
        return ()
    found: list[Passage] = []
    for fld, text in (("title", doc.title), ("abstract", doc.abstract), ("text", doc.text[:200_000])):
        for m in _SENTENCE.finditer(text):
            sentence = m.group(0).strip()
            if len(sentence) < 3:
                continue
            sentence = sentence[:max_chars]
            spans, seen, total = [], set(), 0.0
            for w in _WORDS.finditer(sentence):
                key = _word_key(w.group(0))
                if key in weights:
                    spans.append((w.start(), w.end()))
                    if key not in seen:
                        seen.add(key)
                        total += weights[key]
            if spans:
                found.append(Passage(fld, sentence, tuple(spans), round(total, 4)))
    found.sort(key=lambda p: -p.weight)
    return tuple(found[:n])


def _version(parts: Iterable[str]) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode())
        h.update(b"\0")
    return h.hexdigest()[:16]


class PriorArtIndex:
    """Documents, their BM25 index and (optionally) their dense vectors, built together and versioned together."""

    def __init__(
        self,
        embedder: Embedder | None = None,
        path: str | Path | None = None,
        *,
        passages: int = MAX_PASSAGES,
        fusion: str = FUSION,
        fusion_weight: float = FUSION_WEIGHT,
        rrf_k: int = RRF_K,
    ) -> None:
        self.path = Path(path) if path else None
        self.embedder = embedder
        self.fulltext = FulltextIndex(self.path / "fulltext" if self.path else None)
        self.vectors: VectorIndex | None = VectorIndex(embedder.dim) if embedder else None
        self.max_passages = max(0, passages)
        self.passage_vectors: VectorIndex | None = (
            VectorIndex(embedder.dim) if embedder and self.max_passages else None
        )
        self._owner_rows: list[int] = []  # row of each passage's document in self.vectors
        self._owners: np.ndarray | None = None
        self._query_cache: OrderedDict[tuple[str, tuple[str, ...]], np.ndarray] = OrderedDict()
        self._date_keys: np.ndarray | None = None
        self.set_fusion(fusion, fusion_weight, rrf_k)
        self.docs: dict[str, PriorArtDoc] = {}
        self.version = ""
        self.model = embedder.name if embedder else None
        self.model_version = embedder.version if embedder else None

    def build(
        self,
        docs: Iterable[PriorArtDoc],
        *,
        batch: int = 64,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Index ``docs`` (ids must be unique; a later duplicate is skipped) and commit."""
        pending: list[PriorArtDoc] = []
        for d in docs:
            if d.id in self.docs:
                continue
            self.docs[d.id] = d
            pending.append(d)
            if len(pending) >= batch:
                self._add(pending, progress)
                pending = []
        if pending:
            self._add(pending, progress)
        self.fulltext.commit()
        self.version = _version(
            [INDEX_VERSION, self.model_version or "bm25-only", str(len(self.docs)), *sorted(self.docs)]
        )
        if self.path:
            self.save()
        return len(self.docs)

    def _add(self, docs: list[PriorArtDoc], progress: Callable[[int], None] | None) -> None:
        self.fulltext.add(
            FulltextDoc(d.id, d.title, d.abstract, d.text, d.date, ipc_filter_keys(d.ipc)) for d in docs
        )
        if self.vectors is not None and self.embedder is not None:
            self.vectors.add([d.id for d in docs], self.embedder.embed([d.dense_text() for d in docs]))
            if self.passage_vectors is not None:
                ids, texts, rows = [], [], []
                for d in docs:
                    for n, t in enumerate(doc_passages(d, self.max_passages)):
                        ids.append(f"{d.id}{_PASSAGE_SEP}{n}")
                        texts.append(t)
                        rows.append(self.vectors.position(d.id))
                if texts:
                    self.passage_vectors.add(ids, self.embedder.embed(texts))
                    self._owner_rows += [int(r) for r in rows if r is not None]
                    self._owners = None
        if progress:
            progress(len(docs))

    def set_fusion(self, method: str, weight: float = FUSION_WEIGHT, k: int = RRF_K) -> None:
        """How the two lists are fused (see :func:`fuse`); checked here so a bad setting fails before any search."""
        fuse([], [], method=method, weight=weight, k=k)
        self.fusion, self.fusion_weight, self.rrf_k = method, float(weight), int(k)

    @property
    def passages_embedded(self) -> int:
        return len(self.passage_vectors) if self.passage_vectors is not None else 0

    # --- persistence ------------------------------------------------------------------------------------------

    def save(self) -> None:
        assert self.path is not None
        with gzip.open(self.path / "docs.jsonl.gz", "wt", encoding="utf-8") as fh:
            for d in self.docs.values():
                fh.write(json.dumps(d.to_json(), ensure_ascii=False) + "\n")
        if self.vectors is not None:
            self.vectors.save(self.path / "vectors")
        if self.passage_vectors is not None and len(self.passage_vectors):
            self.passage_vectors.save(self.path / "passages")
        manifest = {
            "index_version": self.version,
            "fulltext": INDEX_VERSION,
            "documents": len(self.docs),
            "model": self.model,
            "model_version": self.model_version,
            "passages": self.passages_embedded,
            "passage_words": PASSAGE_WORDS,
            "max_passages": self.max_passages,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        (self.path / "manifest.json").write_text(json.dumps(manifest, indent=2))

    @classmethod
    def open(cls, path: str | Path, embedder_loader: Callable[[], Embedder] | None = None) -> PriorArtIndex:
        p = Path(path)
        if not (p / "manifest.json").is_file():
            raise UserError("prior_art.no_index", field="index", path=str(p))
        manifest = json.loads((p / "manifest.json").read_text())
        self = cls.__new__(cls)
        self.path = p
        self.fulltext = FulltextIndex.open(p / "fulltext")
        self.docs = {}
        with gzip.open(p / "docs.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                d = PriorArtDoc.from_json(json.loads(line))
                self.docs[d.id] = d
        self.version = manifest["index_version"]
        self.model = manifest.get("model")
        self.model_version = manifest.get("model_version")
        self.embedder = None
        self.vectors = None
        self.passage_vectors = None
        self.max_passages = int(manifest.get("max_passages", 0))
        self._owner_rows, self._owners = [], None
        self._query_cache = OrderedDict()
        self._date_keys = None
        self.set_fusion(FUSION, FUSION_WEIGHT, RRF_K)
        if self.model_version and (p / "vectors").is_dir() and embedder_loader is not None:
            emb = embedder_loader()
            if emb.version == self.model_version:
                self.embedder = emb
                self.vectors = VectorIndex.load(p / "vectors")
                if (p / "passages").is_dir():
                    self.passage_vectors = VectorIndex.load(p / "passages")
                    for pid in self.passage_vectors.ids:
                        row = self.vectors.position(pid.rsplit(_PASSAGE_SEP, 1)[0])
                        if row is None:
                            raise UserError("prior_art.no_index", field="index", path=str(p / "passages"))
                        self._owner_rows.append(row)
        if self.vectors is None:  # no model, or not the model the vectors came from: lexical only, said so
            self.model = None
            self.model_version = None
        return self

    # --- search -----------------------------------------------------------------------------------------------

    def _row_date_keys(self) -> np.ndarray:
        """``date_key`` of each vector row's document (0 when undated), as the full-text index filters on it."""
        assert self.vectors is not None
        if self._date_keys is None or len(self._date_keys) != len(self.vectors):
            self._date_keys = np.fromiter(
                (date_key(self.docs[i].date) for i in self.vectors.ids),
                dtype=np.int64,
                count=len(self.vectors),
            )
        return self._date_keys

    def query_vectors(self, parts: tuple[str, ...]) -> np.ndarray:
        """The embedder's vectors of a query's passages, kept for the last ``QUERY_CACHE`` queries: the same text
        searched again (other filters, another mode, another limit) costs no second embedding. Keyed by the model
        version and the exact passages, so a cached answer is the one the model gave."""
        assert self.embedder is not None
        cache = self._query_cache
        key = (self.embedder.version, parts)
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
        qv = self.embedder.embed(list(parts))
        qv.setflags(write=False)
        cache[key] = qv
        while len(cache) > QUERY_CACHE:
            cache.popitem(last=False)
        return qv

    def dense_scores(self, text: str) -> np.ndarray:
        """Dense score of every document (rows of ``self.vectors``) for a query text: the mean over the query's
        passages of the document's best passage cosine (its title + abstract vector counting as one passage)."""
        assert self.vectors is not None and self.embedder is not None
        parts = chunks(text[: MAX_QUERY_PASSAGES * PASSAGE_WORDS * 40], limit=MAX_QUERY_PASSAGES) or [text]
        qv = self.query_vectors(tuple(p[:DENSE_CHARS] for p in parts))
        per = self.vectors.scores(qv)  # (docs, query passages)
        if self.passage_vectors is not None and len(self.passage_vectors):
            if self._owners is None or len(self._owners) != len(self._owner_rows):
                self._owners = np.asarray(self._owner_rows, dtype=np.int64)
            owners, pscores = self._owners, self.passage_vectors.scores(qv)
            per = per.copy()
            if len(owners) and bool(
                np.all(owners[1:] >= owners[:-1])
            ):  # passages are stored in document order
                rows, starts = np.unique(owners, return_index=True)
                per[rows] = np.maximum(per[rows], np.maximum.reduceat(pscores, starts, axis=0))
            else:
                np.maximum.at(per, owners, pscores)
        return np.asarray(per.mean(axis=1), dtype=np.float32)

    def search(self, q: PriorArtQuery) -> PriorArtResult:
        start = time.perf_counter()
        text = (q.text or "").replace("\x00", " ")
        if not text.strip():
            raise UserError("prior_art.empty_query", field="text")
        if len(text) > MAX_QUERY_CHARS:
            raise UserError("prior_art.query_too_large", field="text", size=len(text), limit=MAX_QUERY_CHARS)
        if not 1 <= q.limit <= 1000:
            raise UserError("prior_art.bad_limit", field="limit", limit=1000)
        ipc = tuple(_checked_ipc(s) for s in q.ipc)
        mode = q.mode if q.mode in ("hybrid", "bm25", "dense") else "hybrid"
        if mode == "dense" and self.vectors is None:
            raise UserError("prior_art.no_dense", field="mode")
        if mode == "hybrid" and self.vectors is None:
            mode = "bm25"
        depth = max(DEPTH, q.limit + len(q.exclude))
        plan = self.fulltext.plan(text)
        excluded = set(q.exclude)
        lexical: list[tuple[str, float]] = []
        if mode in ("hybrid", "bm25"):
            found = self.fulltext.search_plan(plan, limit=depth, before=q.before, ipc=ipc)
            lexical = [(h.id, h.score) for h in found if h.id not in excluded]
        dense: list[tuple[str, float]] = []
        dense_of: dict[str, float] = {}
        if mode in ("hybrid", "dense") and self.vectors is not None and self.embedder is not None:
            all_scores = self.dense_scores(text)
            if ipc:
                allowed = self.fulltext.allowed(before=q.before, ipc=ipc)
                top = self.vectors.top(all_scores, depth, allowed=allowed)
            elif q.before:  # the cut-off alone, on every file search: a comparison over the rows' dates
                keys = self._row_date_keys()
                top = self.vectors.top(all_scores, depth, mask=(keys > 0) & (keys < date_key(q.before)))
            else:
                top = self.vectors.top(all_scores, depth)
            dense = [(h.id, h.score) for h in top]
            dense = [(i, s) for i, s in dense if i not in excluded]
            for i, _s in lexical:
                row = self.vectors.position(i)
                if row is not None:
                    dense_of[i] = float(all_scores[row])
            dense_of.update(dense)
        if mode == "hybrid":

            def fused_lists(
                lex: list[tuple[str, float]], den: list[tuple[str, float]]
            ) -> list[tuple[str, float]]:
                return fuse(
                    lex, den, method=self.fusion, weight=self.fusion_weight, k=self.rrf_k, dense_of=dense_of
                )

            # the top DEPTH of each list are fused first, so the leading results do not depend on the limit; deeper
            # candidates (a limit above DEPTH) follow in the order of the fusion of the whole lists
            fused = fused_lists(lexical[:DEPTH], dense[:DEPTH])
            if len(lexical) > DEPTH or len(dense) > DEPTH:
                seen = {i for i, _s in fused}
                fused += [(i, v) for i, v in fused_lists(lexical, dense) if i not in seen]
        else:
            only = [i for i, _s in (lexical or dense)]
            fused = [(i, 1.0 / (RRF_K + r)) for r, i in enumerate(only, start=1)]
        lex_rank = {i: r for r, (i, _s) in enumerate(lexical, start=1)}
        den_rank = {i: r for r, (i, _s) in enumerate(dense, start=1)}
        dense_scores = dict(dense)
        hits = []
        by_rank = mode != "hybrid" or self.fusion != "rrf"
        for rank, (i, score) in enumerate(fused[: q.limit], start=1):
            d = self.docs[i]
            hits.append(
                PriorArtHit(
                    rank=rank,
                    id=i,
                    title=d.title,
                    date=d.date,
                    ipc=d.ipc,
                    source=d.source,
                    score=round(1.0 / (RRF_K + rank) if by_rank else score, 6),
                    bm25_rank=lex_rank.get(i),
                    dense_rank=den_rank.get(i),
                    dense_score=round(dense_scores[i], 4) if i in dense_scores else None,
                    passages=passages(d, plan),
                    fused=round(score, 6) if mode == "hybrid" else None,
                )
            )
        undated = sum(1 for d in self.docs.values() if d.date is None) if q.before else 0
        return PriorArtResult(
            query=q,
            hits=hits,
            plan=plan,
            model=self.model if mode != "bm25" else None,
            model_version=self.model_version if mode != "bm25" else None,
            index_version=self.version,
            documents=len(self.docs),
            undated_excluded=undated,
            elapsed_ms=(time.perf_counter() - start) * 1000,
        )


def _checked_ipc(symbol: str) -> str:
    key = ipc_key(symbol)
    if not re.fullmatch(r"[A-H]\d\d[A-Z]( \d{1,4}/\d{2,6})?", key):
        raise UserError("prior_art.bad_ipc", field="ipc", rule="WIPO IPC Guide", symbol=symbol[:40])
    return key


# --- corpora ---------------------------------------------------------------------------------------------------


def corpus_documents(directory: str | Path) -> Iterator[PriorArtDoc]:
    """Documents from every ``*.jsonl`` / ``*.jsonl.gz`` file under ``directory`` (one JSON object a line: ``id`` or
    ``number``, ``title``, ``abstract``, ``text`` or ``claims``/``description``, ``date`` or ``priority_date``/
    ``filing_date``, ``ipc`` or ``cpc``). A bad line is a user error naming the file and line."""
    root = Path(directory)
    if not root.exists():
        raise UserError("prior_art.bad_corpus", field="corpus", path=str(root), reason="not found")
    files = [root] if root.is_file() else sorted([*root.rglob("*.jsonl"), *root.rglob("*.jsonl.gz")])
    for f in files:
        opener = gzip.open if f.name.endswith(".gz") else open
        with opener(f, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    yield PriorArtDoc.from_json(json.loads(line), source=f.stem.replace(".jsonl", ""))
                except (ValueError, TypeError, AttributeError) as exc:
                    raise UserError(
                        "prior_art.bad_corpus", field="corpus", path=f"{f}:{n}", reason=str(exc)[:200]
                    ) from None


def register_documents(session: Any) -> Iterator[PriorArtDoc]:
    """Inventions and utility solutions in the office register, dated by earliest priority, else filing date."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from ipoffice.core.rights import RightKind
    from ipoffice.store.models import IPFile

    stmt = (
        select(IPFile)
        .where(IPFile.right_kind.in_([RightKind.INVENTION, RightKind.UTILITY_SOLUTION]))
        .options(selectinload(IPFile.classifications), selectinload(IPFile.priority_claims))
        .order_by(IPFile.id)
        .execution_options(yield_per=500)
    )
    for f in session.scalars(stmt):
        details = f.details or {}
        dates = [p.priority_date for p in f.priority_claims if p.accepted is not False] + [f.filing_date]
        symbols = [c.symbol for c in f.classifications if str(c.scheme) in ("ipc", "cpc")]
        symbols += [str(c) for c in details.get("cpc", []) if isinstance(c, str)]
        text = "\n".join(
            str(details[k]) for k in ("claims", "description") if isinstance(details.get(k), str)
        )
        yield PriorArtDoc(
            id=f.application_number,
            title=f.title or "",
            abstract=str(details.get("abstract") or ""),
            text=text,
            date=min(dates),
            ipc=tuple(dict.fromkeys(symbols)),
            source="register",
        )


def file_query_text(session: Any, number: str) -> tuple[str, PriorArtDoc]:
    """The text a file is searched with (title, abstract, claims) and its own document (to exclude and date)."""
    from ipoffice.office.record import get_file

    f = get_file(session, number)
    details = f.details or {}
    dates = [p.priority_date for p in f.priority_claims if p.accepted is not False] + [f.filing_date]
    doc = PriorArtDoc(
        id=f.application_number,
        title=f.title or "",
        abstract=str(details.get("abstract") or ""),
        text="\n".join(str(details[k]) for k in ("claims", "description") if isinstance(details.get(k), str)),
        date=min(dates),
        ipc=tuple(c.symbol for c in f.classifications),
        source="register",
    )
    text = "\n".join(p for p in (doc.title, doc.abstract, doc.text) if p)
    if not text.strip():
        raise UserError("prior_art.empty_query", field="file")
    return text, doc
