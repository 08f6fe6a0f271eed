"""A supervised IPC classifier trained on the office's own classified documents, kept beside the prior-art index.

Why: kNN voting (``ipc_suggest``) only sees the ~30 nearest documents, so on short texts (titles only) and rare
subclasses it misses classes that the whole classified register knows. This model learns from every classified
document at once, plus the IPC scheme's own titles (so a subclass with no document yet is still known by its wording).

Method: complement naive Bayes (Rennie et al. 2003) over hashed TF-IDF features: word 1-2 grams and character 3-5
grams within words (accents folded), which handle many languages and titles-only text without a vocabulary to ship.
The class-feature weights are stored **sparse**: for a class, a feature's complement-NB weight differs from a
class-independent baseline only where the class has counts, so ranking needs ``x · Δ_c + |x| · log S_c`` with a
sparse ``Δ`` (exactly the same ranking as dense complement NB). One model per level: subclass and main group.

Confidence: scores become probabilities by a softmax whose temperature is fitted at training time by a seeded 5-fold
cross-fit over (up to 2,000 of) the office's own documents: least log loss of each held-out document's first symbol.
So a confidence of 0.6 means "about 60% of held-out documents at this score had it as their first symbol".

MiniLM head (when the index has sentence embeddings): per level a multinomial logistic regression on the index's own
vectors of its classified documents (same labels and weights); given the text's vector from the same embedder, the
probability is ``(1 - DENSE_MIX) · p_CNB + DENSE_MIX · p_head`` (classes no document carries keep their CNB share).
A discriminative linear model on the hashed features themselves was tried and lost to CNB on validation
(docs/ipc-suggestion.md).

Persistence: ``save(directory)`` writes ``manifest.json`` and one ``.npy`` per array (no pickle; read back
memory-mapped); the
manifest records a fingerprint of the documents (ids and symbols) it was trained on, so a stale model is not used.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import random
import re
import shutil
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from ipoffice.assist.prior_art import PriorArtDoc
from ipoffice.core import i18n
from ipoffice.core.errors import UserError

FORMAT = "ipc-cnb-1"
N_FEATURES = 1 << 20  # per block (words, characters); collisions are rare at this size
ALPHA = 0.3  # complement-NB smoothing
SCHEME_WEIGHT = 0.3  # an IPC scheme main-group text counts as 0.3 of a document
# a document's further symbols train the model at half weight: chosen by 5-fold family-grouped cross-validation inside
# the benchmark corpora's training parts (benchmarks/bench_ipc.py), subclass R@5 against 0.0: drones 1,606 0.611 ->
# 0.630, drones 5,884 0.629 -> 0.647, pizza 0.838 -> 0.859, NVIDIA 0.925 -> 0.929; main group likewise (0.368 -> 0.397,
# 0.562 -> 0.606 on drones 5,884 and pizza)
SECONDARY_WEIGHT = 0.5
DOC_CHARS = 4000  # title + abstract + the start of the claims: enough for the classes, bounded cost
CHAR_MIN_DF = 2  # character n-grams seen in one text only are noise
LEVELS = ("subclass", "main_group")
CALIBRATION_DOCS = 2000  # documents scored out-of-fold to fit the softmax temperature
CALIBRATION_FOLDS = 5
# The sentence-embedding head (when the index has MiniLM vectors): a multinomial logistic regression on the documents'
# vectors, mixed into the complement-NB probability as ``(1 - DENSE_MIX) * p_nb + DENSE_MIX * p_head``. C and the mix
# were chosen by 5-fold family-grouped cross-validation inside the benchmark corpora's training parts (see
# docs/ipc-suggestion.md); the documents' vectors are the index's own, so training embeds nothing.
DENSE_C = 10.0
DENSE_MIX = 0.5
DENSE_MAX_ITER = 500

i18n.register(
    {
        "ipc_model.no_documents": {
            "vi": "Không có tài liệu đã phân loại IPC nào để huấn luyện mô hình gợi ý IPC",
            "en": "No IPC-classified documents to train the IPC suggestion model on",
        },
        "ipc_model.bad_files": {
            "vi": "Mô hình gợi ý IPC tại {path} không đọc được ({reason}); hãy huấn luyện lại: ipoffice ipc train",
            "en": "The IPC suggestion model at {path} cannot be read ({reason}); retrain it: ipoffice ipc train",
        },
    }
)

_SYMBOL = re.compile(r"^([A-H]\d\d[A-Z])\s*0*(\d{1,4})\s*/\s*(\d+)")


def levels(symbol: str) -> tuple[str, str | None] | None:
    """``(subclass, main group)`` of an IPC or CPC symbol, e.g. ``G06F16/245`` → ``("G06F", "G06F 16/00")``;
    ``None`` for section Y and unreadable symbols; no main group for CPC-only 2000-series indexing groups."""
    s = re.sub(r"\s+", "", symbol.upper())
    m14 = re.fullmatch(r"([A-H]\d\d[A-Z])(\d{4})(\d{6})", s)
    if m14:
        s = f"{m14.group(1)}{int(m14.group(2))}/{m14.group(3)[:2]}"
    m = _SYMBOL.match(s)
    if m:
        group = int(m.group(2))
        return m.group(1), (None if group >= 2000 else f"{m.group(1)} {group}/00")
    if re.fullmatch(r"[A-H]\d\d[A-Z]", s):
        return s, None
    return None


def doc_labels(symbols: Iterable[str]) -> dict[str, list[str]]:
    """A document's subclasses and main groups, each list in the order given (the first is the main one)."""
    out: dict[str, list[str]] = {"subclass": [], "main_group": []}
    for s in symbols:
        lv = levels(s)
        if lv is None:
            continue
        for level, key in zip(LEVELS, lv, strict=True):
            if key is not None and key not in out[level]:
                out[level].append(key)
    return out


def documents_fingerprint(docs: Iterable[PriorArtDoc]) -> str:
    """A hash of the ids and symbols of the documents that have any: what a model was trained on."""
    h = hashlib.sha256()
    for key in sorted(f"{d.id}\0{'|'.join(d.ipc)}" for d in docs if d.ipc):
        h.update(key.encode() + b"\n")
    return h.hexdigest()[:16]


def _weighted(keys: list[str], secondary: float) -> list[tuple[str, float]]:
    return [(c, 1.0 if n == 0 else secondary) for n, c in enumerate(keys) if n == 0 or secondary > 0]


def doc_text(doc: PriorArtDoc) -> str:
    return f"{doc.title}. {doc.abstract}\n{doc.text}"[:DOC_CHARS]


@cache
def scheme_texts() -> list[tuple[str, str, str]]:
    """``(subclass, main group, text)`` per IPC main group of the shipped scheme: the subclass title, the main
    group title and its subgroups' titles, references in parentheses removed."""
    path = resources.files("ipoffice") / "data" / "classification" / "ipc.tsv.gz"
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    sub_title: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    for r in rows:
        s = r["symbol"]
        t = re.sub(r"\s*\([^()]*\)", "", r["title"])
        if len(s) == 4:
            sub_title[s] = t
        elif len(s) == 14:
            groups.setdefault(f"{s[:4]} {int(s[4:8])}/00", []).append(t)
    return [(g[:4], g, f"{sub_title.get(g[:4], '')}. {'; '.join(ts)}") for g, ts in groups.items()]


@cache
def _scheme_counts() -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """The scheme texts' hashed counts, computed once per process (the same for every office)."""
    return _Features.counts([t for _s, _g, t in scheme_texts()])


class _Features:
    """Hashed TF-IDF: sublinear term frequency, smoothed IDF learned from the training texts, each block L2-normed."""

    def __init__(self, idf_word: np.ndarray, idf_char: np.ndarray) -> None:
        self.idf = (np.asarray(idf_word, np.float32), np.asarray(idf_char, np.float32))

    @staticmethod
    def _vectorizers() -> tuple[Any, Any]:
        from sklearn.feature_extraction.text import HashingVectorizer

        common: dict[str, Any] = {
            "n_features": N_FEATURES,
            "alternate_sign": False,
            "norm": None,
            "strip_accents": "unicode",
            "lowercase": True,
            "dtype": np.float32,
        }
        return (
            HashingVectorizer(analyzer="word", ngram_range=(1, 2), **common),
            HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), **common),
        )

    @staticmethod
    def counts(texts: Sequence[str]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        word, char = _Features._vectorizers()
        return word.transform(texts).tocsr(), char.transform(texts).tocsr()

    @classmethod
    def fit(cls, blocks: tuple[sparse.csr_matrix, sparse.csr_matrix]) -> _Features:
        idfs = []
        for n, m in enumerate(blocks):
            df = np.bincount(m.indices, minlength=N_FEATURES)
            idf = np.log((1 + m.shape[0]) / (1 + df)) + 1.0
            idf[df < (CHAR_MIN_DF if n == 1 else 1)] = 0.0
            idfs.append(idf)
        return cls(idfs[0], idfs[1])

    def transform(self, blocks: tuple[sparse.csr_matrix, sparse.csr_matrix]) -> sparse.csr_matrix:
        out = []
        for m, idf in zip(blocks, self.idf, strict=True):
            m = m.copy()
            m.data = (1.0 + np.log(m.data)).astype(np.float32)
            m = m.multiply(idf[None, :]).tocsr()
            norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            out.append(sparse.diags((1.0 / norms).astype(np.float32)) @ m)
        return sparse.hstack(out, format="csr", dtype=np.float32)


@dataclass
class _DenseHead:
    """Multinomial logistic regression on sentence embeddings for the classes that documents carry: ``cols`` are
    those classes' columns in the level's class list, ``weights`` is (dimensions × those classes)."""

    cols: np.ndarray
    weights: np.ndarray
    bias: np.ndarray

    @classmethod
    def fit(
        cls, vectors: np.ndarray, labels: list[list[tuple[str, float]]], classes: list[str]
    ) -> _DenseHead:
        """One weighted example per (document, symbol): the first symbol at full weight, the others as trained."""
        from sklearn.linear_model import LogisticRegression

        rows = [i for i, lab in enumerate(labels) for _c, _w in lab]
        ys = [c for lab in labels for c, _w in lab]
        ws = [w for lab in labels for _c, w in lab]
        pos = {c: i for i, c in enumerate(classes)}
        if len(set(ys)) < 2:  # one class only: nothing for the head to tell apart
            dim = vectors.shape[1]
            only = np.array([pos[ys[0]]], np.int32)
            return cls(only, np.zeros((dim, 1), np.float32), np.zeros(1, np.float32))
        lr = LogisticRegression(C=DENSE_C, max_iter=DENSE_MAX_ITER)
        lr.fit(np.asarray(vectors, np.float64)[rows], ys, sample_weight=ws)
        return cls(
            np.array([pos[c] for c in lr.classes_], np.int32),
            np.ascontiguousarray(lr.coef_.T, dtype=np.float32),
            np.asarray(lr.intercept_, np.float32),
        )

    def proba(self, vectors: np.ndarray, n_classes: int) -> np.ndarray:
        out = np.zeros((vectors.shape[0], n_classes))
        out[:, self.cols] = _softmax(np.asarray(vectors, np.float32) @ self.weights + self.bias)
        return out


@dataclass
class _Level:
    """Sparse complement naive Bayes for one level: ``score_c(x) = x·Δ_c + |x|·log S_c`` (same ranking as CNB),
    optionally mixed with a :class:`_DenseHead` when the text's sentence embedding is given."""

    classes: list[str]
    delta_t: sparse.csr_matrix  # features × classes
    log_s: np.ndarray  # per class
    temperature: float = 1.0
    head: _DenseHead | None = None

    @classmethod
    def fit(cls, x: sparse.csr_matrix, labels: list[list[tuple[str, float]]]) -> _Level:
        classes = sorted({c for lab in labels for c, _w in lab})
        pos = {c: i for i, c in enumerate(classes)}
        rows, cols, vals = [], [], []
        for i, lab in enumerate(labels):
            for c, w in lab:
                rows.append(i)
                cols.append(pos[c])
                vals.append(w)
        y = sparse.csr_matrix((vals, (rows, cols)), shape=(x.shape[0], len(classes)), dtype=np.float64)
        counts = (y.T @ x).tocsr()  # classes × features, weighted feature mass per class
        feature_total = np.asarray(counts.sum(axis=0)).ravel()
        used = int(np.count_nonzero(feature_total))
        class_total = np.asarray(counts.sum(axis=1)).ravel()
        log_s = np.log(feature_total.sum() - class_total + ALPHA * used)
        coo = counts.tocoo()
        nf = feature_total[coo.col]
        delta = np.log(nf + ALPHA) - np.log(nf - coo.data + ALPHA)
        delta_t = sparse.csr_matrix(
            (delta.astype(np.float32), (coo.col, coo.row)), shape=(x.shape[1], len(classes))
        )
        delta_t.eliminate_zeros()
        delta_t.sum_duplicates()  # canonical (sorted, no duplicates): saved so, trusted so on load
        return cls(classes, delta_t, log_s.astype(np.float64))

    def scores(self, x: sparse.csr_matrix) -> np.ndarray:
        mass = np.asarray(x.sum(axis=1)).ravel()
        return np.asarray((x @ self.delta_t).todense()) + mass[:, None] * self.log_s[None, :]

    def proba(self, x: sparse.csr_matrix, vectors: np.ndarray | None = None) -> np.ndarray:
        p = _softmax(self.scores(x) * self.temperature)
        if self.head is not None and vectors is not None:
            p = (1 - DENSE_MIX) * p + DENSE_MIX * self.head.proba(vectors, len(self.classes))
        return p


def _softmax(s: np.ndarray) -> np.ndarray:
    z = s - s.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def _held_out_scores(level: _Level, x: sparse.csr_matrix, gold: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Scores of held-out rows whose gold symbol the fold's model knows, and the gold's column in them."""
    pos = {c: i for i, c in enumerate(level.classes)}
    keep = [i for i, g in enumerate(gold) if g in pos]
    if not keep:
        return np.zeros((0, len(pos))), np.zeros(0, dtype=np.int64)
    s = np.vstack([level.scores(x[keep[i : i + 256]]) for i in range(0, len(keep), 256)])
    return s, np.array([pos[gold[i]] for i in keep])


def _fit_temperature(folds: list[tuple[np.ndarray, np.ndarray]]) -> float:
    """The softmax temperature with the least log loss of the gold (first) symbol over held-out folds."""
    if sum(len(idx) for _s, idx in folds) < 20:
        return 1.0

    def loss(t: float) -> float:
        total = 0.0
        for s, idx in folds:
            if len(idx):
                z = s * t
                z = z - z.max(axis=1, keepdims=True)
                total -= float((z[np.arange(len(idx)), idx] - np.log(np.exp(z).sum(axis=1))).sum())
        return total

    coarse = np.logspace(-2, 2.5, 46)  # steps of x1.26, then x1.02 around the best: confidence is steep in t
    best = float(coarse[int(np.argmin([loss(t) for t in coarse]))])
    fine = best * np.logspace(-0.1, 0.1, 21)
    return float(fine[int(np.argmin([loss(t) for t in fine]))])


@dataclass(frozen=True)
class Prediction:
    symbol: str
    probability: float


class IpcModel:
    """Subclass and main-group classifiers trained on classified documents (and the IPC scheme's titles)."""

    def __init__(
        self, features: _Features, models: dict[str, _Level], info: dict[str, Any], version: str
    ) -> None:
        self.features = features
        self.models = models
        self.info = info
        self.version = version

    @property
    def name(self) -> str:
        return FORMAT

    # --- training ---------------------------------------------------------------------------------------------

    @classmethod
    def train(
        cls,
        docs: Iterable[PriorArtDoc],
        *,
        scheme_weight: float = SCHEME_WEIGHT,
        secondary_weight: float = SECONDARY_WEIGHT,
        calibrate: bool = True,
        index_version: str = "",
        seed: int = 7,
        vectors: Mapping[str, np.ndarray] | None = None,
        embedder: str = "",
    ) -> IpcModel:
        """Train on every document that has an IPC (or IPC-compatible CPC) symbol; unclassified ones are skipped.
        ``vectors`` (document id → the index's sentence embedding of it, from the embedder whose version is
        ``embedder``) add the dense head, trained on the classified documents that have a vector."""
        docs_in = list(docs)
        labelled = [(d, lab) for d in docs_in if (lab := doc_labels(d.ipc))["subclass"]]
        if not labelled:
            raise UserError("ipc_model.no_documents", field="index")
        texts = [doc_text(d) for d, _ in labelled]
        labels: dict[str, list[list[tuple[str, float]]]] = {
            level: [_weighted(lab[level], secondary_weight) for _d, lab in labelled] for level in LEVELS
        }
        blocks = _Features.counts(texts)
        if scheme_weight > 0:
            scheme = scheme_texts()
            texts += [t for _s, _g, t in scheme]
            labels["subclass"] += [[(s, scheme_weight)] for s, _g, _t in scheme]
            labels["main_group"] += [[(g, scheme_weight)] for _s, g, _t in scheme]
            extra = _scheme_counts()
            blocks = (
                sparse.vstack([blocks[0], extra[0]], "csr"),
                sparse.vstack([blocks[1], extra[1]], "csr"),
            )
        n_docs = len(labelled)
        temperatures = {level: 1.0 for level in LEVELS}
        feats = _Features.fit(blocks)
        x = feats.transform(blocks)
        if calibrate and n_docs >= 50:
            # 5-fold cross-fitting on up to 2,000 of the office's documents: each fold's model has seen 80% of
            # them, close to the final model, so the temperature carries over (a single small hold-out did not)
            order = list(range(n_docs))
            random.Random(seed).shuffle(order)
            cal = order[:CALIBRATION_DOCS]
            for level in LEVELS:
                folds = []
                for f in range(CALIBRATION_FOLDS):
                    held = sorted(cal[f::CALIBRATION_FOLDS])
                    out = set(held)
                    rows = [i for i in range(len(texts)) if i not in out and labels[level][i]]
                    lv = _Level.fit(x[rows], [labels[level][i] for i in rows])
                    gold = [labelled[i][1][level][0] if labelled[i][1][level] else "" for i in held]
                    folds.append(_held_out_scores(lv, x[held], gold))
                temperatures[level] = _fit_temperature(folds)
        models = {}
        for level in LEVELS:
            rows = [i for i, lab in enumerate(labels[level]) if lab]
            lv = _Level.fit(x[rows], [labels[level][i] for i in rows])
            lv.temperature = temperatures[level]
            models[level] = lv
        dense: dict[str, Any] = {}
        if vectors:
            with_vec = [i for i, (d, _lab) in enumerate(labelled) if vectors.get(d.id) is not None]
            if with_vec:
                mat = np.stack([vectors[labelled[i][0].id] for i in with_vec])
                for level in LEVELS:
                    keep = [n for n, i in enumerate(with_vec) if labels[level][i]]
                    if keep:
                        models[level].head = _DenseHead.fit(
                            mat[keep], [labels[level][with_vec[n]] for n in keep], models[level].classes
                        )
                dense = {
                    "embedder_version": embedder,
                    "documents": len(with_vec),
                    "dim": int(mat.shape[1]),
                    "c": DENSE_C,
                    "mix": DENSE_MIX,
                }
        info = {
            "format": FORMAT,
            "documents": n_docs,
            "scheme_texts": len(texts) - n_docs,
            "scheme_weight": scheme_weight,
            "secondary_weight": secondary_weight,
            "alpha": ALPHA,
            "classes": {level: len(models[level].classes) for level in LEVELS},
            "temperature": temperatures,
            "dense": dense,
            "index_version": index_version,
            "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        fingerprint = documents_fingerprint(docs_in)
        info["documents_fingerprint"] = fingerprint
        h = hashlib.sha256(f"{FORMAT}\0{fingerprint}".encode())
        h.update(json.dumps([scheme_weight, secondary_weight, ALPHA, temperatures], sort_keys=True).encode())
        if dense:
            h.update(json.dumps(dense, sort_keys=True).encode())
            for level in LEVELS:
                head = models[level].head
                if head is not None:
                    h.update(head.weights.tobytes() + head.bias.tobytes() + head.cols.tobytes())
        return cls(feats, models, info, h.hexdigest()[:16])

    # --- prediction -------------------------------------------------------------------------------------------

    def vectorize(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return self.features.transform(_Features.counts([t[:DOC_CHARS] for t in texts]))

    @property
    def dense_version(self) -> str | None:
        """The version of the embedder whose vectors the dense head reads (``None``: no head)."""
        return (self.info.get("dense") or {}).get("embedder_version") or None

    def predict_many(
        self, texts: Sequence[str], level: str = "subclass", vectors: np.ndarray | None = None
    ) -> tuple[list[str], np.ndarray]:
        """Class symbols and a (texts × classes) probability matrix; ``vectors`` (texts × dimensions, from the
        embedder of :attr:`dense_version`) mix in the dense head."""
        m = self.models[level]
        return m.classes, m.proba(self.vectorize(texts), vectors)

    def predict(
        self, text: str, level: str = "subclass", top: int = 5, vector: np.ndarray | None = None
    ) -> list[Prediction]:
        classes, p = self.predict_many([text], level, None if vector is None else np.asarray(vector)[None, :])
        order = np.argsort(-p[0], kind="stable")[:top]
        return [Prediction(classes[i], float(p[0, i])) for i in order]

    # --- persistence ------------------------------------------------------------------------------------------

    def save(self, directory: str | Path) -> None:
        """Write ``manifest.json`` and one ``.npy`` per array (read back memory-mapped: a fast CLI start)."""
        d = Path(directory)
        tmp = d.with_name(d.name + ".tmp")
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        arrays: dict[str, np.ndarray] = {"idf_word": self.features.idf[0], "idf_char": self.features.idf[1]}
        for level, m in self.models.items():
            arrays[f"{level}_data"] = m.delta_t.data.astype(np.float32)
            arrays[f"{level}_indices"] = m.delta_t.indices.astype(np.int32)
            arrays[f"{level}_indptr"] = m.delta_t.indptr.astype(np.int64)
            arrays[f"{level}_log_s"] = m.log_s
            if m.head is not None:
                arrays[f"{level}_head_cols"] = m.head.cols
                arrays[f"{level}_head_weights"] = m.head.weights
                arrays[f"{level}_head_bias"] = m.head.bias
        for key, arr in arrays.items():
            np.save(tmp / f"{key}.npy", arr, allow_pickle=False)
        manifest = self.info | {
            "version": self.version,
            "levels": {
                lv: {"classes": m.classes, "temperature": m.temperature, "head": m.head is not None}
                for lv, m in self.models.items()
            },
            "n_features": N_FEATURES,
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1))
        if d.exists():
            shutil.rmtree(d)
        tmp.rename(d)

    @classmethod
    def load(cls, directory: str | Path) -> IpcModel:
        d = Path(directory)

        def arr(key: str) -> np.ndarray:
            return np.load(d / f"{key}.npy", mmap_mode="r", allow_pickle=False)

        try:
            manifest = json.loads((d / "manifest.json").read_text())
            if manifest.get("format") != FORMAT or manifest.get("n_features") != N_FEATURES:
                raise ValueError(f"format {manifest.get('format')}, expected {FORMAT}")
            feats = _Features(arr("idf_word"), arr("idf_char"))
            models = {}
            for level, spec in manifest["levels"].items():
                delta_t = sparse.csr_matrix(
                    (arr(f"{level}_data"), arr(f"{level}_indices"), arr(f"{level}_indptr")),
                    shape=(2 * N_FEATURES, len(spec["classes"])),
                )
                delta_t.has_canonical_format = (
                    True  # saved canonical; spares a scan of every weight per process
                )
                head = None
                if spec.get("head"):
                    head = _DenseHead(
                        np.asarray(arr(f"{level}_head_cols")),
                        arr(f"{level}_head_weights"),
                        np.asarray(arr(f"{level}_head_bias")),
                    )
                    if head.cols.max(initial=0) >= len(spec["classes"]) or head.weights.shape != (
                        int(manifest["dense"]["dim"]),
                        len(head.cols),
                    ):
                        raise ValueError(f"{level}: the dense head does not fit its classes")
                models[level] = _Level(
                    list(spec["classes"]),
                    delta_t,
                    np.asarray(arr(f"{level}_log_s")),
                    float(spec["temperature"]),
                    head,
                )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UserError(
                "ipc_model.bad_files", field="index", path=str(d), reason=str(exc)[:200]
            ) from None
        info = {k: v for k, v in manifest.items() if k not in ("levels", "version", "n_features")}
        return cls(feats, models, info, manifest["version"])


MODEL_DIR = "ipc-model"


def model_dir(index_path: str | Path) -> Path:
    return Path(index_path) / MODEL_DIR


_LOADED: dict[tuple[str, str, int], IpcModel] = {}
_FINGERPRINTS: weakref.WeakKeyDictionary[Any, tuple[str, str]] = weakref.WeakKeyDictionary()


def model_for_index(index: Any) -> IpcModel | None:
    """The model saved beside ``index`` if it was trained on the index's very classified documents (ids and
    symbols); else ``None`` (kNN only)."""
    path = getattr(index, "path", None)
    if path is None or not (model_dir(path) / "manifest.json").is_file():
        return None
    fingerprint = _FINGERPRINTS.get(index)
    if fingerprint is None or fingerprint[0] != index.version:
        fingerprint = (index.version, documents_fingerprint(index.docs.values()))
        _FINGERPRINTS[index] = fingerprint
    key = (str(path), fingerprint[1], (model_dir(path) / "manifest.json").stat().st_mtime_ns)
    if key not in _LOADED:
        model = IpcModel.load(model_dir(path))
        if model.info.get("documents_fingerprint") != fingerprint[1]:
            return None  # trained on other documents (or other symbols): stale, not used
        _LOADED.clear()
        _LOADED[key] = model
    return _LOADED[key]


def index_vectors(index: Any) -> tuple[dict[str, np.ndarray], str]:
    """The index's sentence embeddings of its documents by id and the embedder's version (empty without vectors)."""
    vecs = getattr(index, "vectors", None)
    version = getattr(index, "model_version", None)
    if vecs is None or not version or not len(vecs):
        return {}, ""
    matrix = vecs.matrix
    return {i: matrix[n] for n, i in enumerate(vecs.ids)}, str(version)


def train_for_index(index: Any, **kwargs: Any) -> IpcModel:
    """Train on the index's classified documents (with the dense head when the index has sentence embeddings) and
    save the model beside the index (when it has a path)."""
    vectors, embedder = index_vectors(index)
    model = IpcModel.train(
        index.docs.values(), index_version=index.version, vectors=vectors, embedder=embedder, **kwargs
    )
    if getattr(index, "path", None) is not None:
        model.save(model_dir(index.path))
        _LOADED.clear()
    return model
