"""Trademark conflict search: candidates from the keyed index, re-ranked by :mod:`tm_similarity`, each explained.

Marks come from a :class:`MarkSource` (an in-memory list, a JSONL file or the office register), so the same engine
serves the examiner, the CLI and a public pre-filing check. A search never scans the whole register:

1. **keys** (:func:`mark_keys`): each mark is indexed under its spelling trigrams, compact form and variants,
   words and syllables, sound keys and meaning concepts, in :mod:`ipoffice.search.keyed_index`
   (posting arrays). One-edit neighbours are found by the spelling pool of step 2, which replaced the
   one-deletion keys (same recall on both evaluations, far fewer index terms). The sign's keys give every mark
   sharing one of them a score (rare keys count more), and a second count, of shared trigrams, a Dice overlap;
2. **candidates** (:meth:`TrademarkSearch.candidate_docs`): the best marks by key score, plus the marks closest in
   spelling (``rapidfuzz`` ratio on their stored folded text, over the marks with the best trigram overlap only);
3. **first pass**: every candidate gets an estimate of its final score from stored per-mark strings (batched
   rapidfuzz: spelling of the whole and dominant part, sound keys, Double Metaphone), the concepts and words it
   shares, and its Nice classes (a bit mask);
4. **full comparison** (:func:`tm_similarity.compare_many`): only the best ``limit`` + a margin by that estimate
   are compared dimension by dimension and explained; they are sorted by the exact score.
"""

from __future__ import annotations

import json
import marshal
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from rapidfuzz import fuzz, process

from ipoffice.assist import tm_messages  # noqa: F401  (registers the messages)
from ipoffice.assist.tm_similarity import (
    NEAR_MIN,
    MarkProfile,
    compare_goods,
    compare_many,
    profile,
    profile_from_tuple,
    profile_to_tuple,
    trigram_count,
    trigrams,
)
from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.search.keyed_index import BlobStore, KeyedIndex, load_array, top_positions
from ipoffice.search.lexicon import nice_related
from ipoffice.search.phonetic import piece_key

KEY_FIELDS = ("compact", "pieces", "grams", "sound", "concept", "near")
KEY_PREFIX = {"compact": "c", "pieces": "p", "grams": "g", "sound": "s", "concept": "k", "near": "n"}
KEY_BOOST = {"compact": 8.0, "pieces": 2.0, "grams": 1.0, "sound": 2.0, "concept": 4.0, "near": 8.0}
NEAR_MAX = 12  # longer words one edit apart share most trigrams: the spelling keys find them
MAX_MARK_CHARS = 500
MAX_LIMIT = 1000
CANDIDATES = 200  # marks taken from the index and compared in full (at least ``limit``)
GOODS_FLOOR = 0.35  # a mark in unrelated classes keeps this share of its score: shown, but below related ones
UNKNOWN_GOODS = 0.5  # an earlier mark whose classes are not recorded: neither related nor unrelated


@dataclass(frozen=True)
class MarkRecord:
    """One earlier mark as the search sees it."""

    number: str
    mark: str
    classes: tuple[int, ...] = ()
    owner: str | None = None
    filing_date: str | None = None
    status: str | None = None
    goods: str = ""

    def payload(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> MarkRecord:
        return cls(**{**data, "classes": tuple(data.get("classes", ()))})


class MarkSource(Protocol):
    """Where earlier marks come from (a list, a JSONL file, the office register)."""

    def marks(self) -> Iterable[MarkRecord]: ...


@dataclass
class InMemoryMarkSource:
    records: Sequence[MarkRecord]

    def marks(self) -> Iterable[MarkRecord]:
        return iter(self.records)


def parse_classes(values: Iterable[Any], field_name: str = "classes") -> tuple[int, ...]:
    """Nice classes as sorted unique integers 1–45; anything else is a :class:`UserError`."""
    out = set()
    for v in values:
        text = str(v).strip()
        if not text:
            continue
        if not text.isdigit() or not 1 <= int(text) <= 45:
            raise UserError("tm.error.bad_class", field=field_name, rule="Nice Classification", value=text)
        out.add(int(text))
    return tuple(sorted(out))


def record_from_json(obj: Any) -> MarkRecord:
    """Validate one JSONL object; raises ``ValueError`` with a readable problem."""
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    number, mark = obj.get("number"), obj.get("mark")
    if number is None or str(number).strip() == "":
        raise ValueError("'number' is missing")
    if not isinstance(mark, str) or not profile(mark).norm.compact:
        raise ValueError("'mark' is missing or has no letters or digits")
    if len(mark) > MAX_MARK_CHARS:
        raise ValueError(f"'mark' is longer than {MAX_MARK_CHARS} characters")
    raw_classes = obj.get("classes", [])
    if isinstance(raw_classes, (int, str)):
        raw_classes = [raw_classes]
    try:
        classes = parse_classes(raw_classes)
    except UserError as err:
        raise ValueError(err.message("en")) from None
    goods = obj.get("goods", "")
    return MarkRecord(
        number=str(number).strip(),
        mark=mark,
        classes=classes,
        owner=obj.get("owner"),
        filing_date=obj.get("filing_date"),
        status=obj.get("status"),
        goods=goods if isinstance(goods, str) else "",
    )


@dataclass
class JsonlMarkSource:
    """One JSON object a line: ``number``, ``mark``, ``classes``, optional ``owner``, ``filing_date``, ``status``,
    ``goods``. Every line is checked before anything is used; the first bad line is a :class:`UserError`."""

    path: Path

    def marks(self) -> Iterator[MarkRecord]:
        return iter(self.read_all())

    def read_all(self) -> list[MarkRecord]:
        if not self.path.is_file():
            raise UserError("tm.error.no_file", field="file", file=str(self.path))
        out = []
        with self.path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    out.append(record_from_json(json.loads(line)))
                except (ValueError, TypeError) as exc:
                    problem = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                    raise UserError(
                        "tm.error.bad_line", field="file", file=self.path.name, line=n, problem=problem
                    ) from None
        return out


def mark_keys(p: MarkProfile) -> dict[str, list[str]]:
    """The index keys of a mark (the same function for earlier marks and for the sign searched)."""
    compacts = [*p.compacts, p.dominant_compact]
    grams: set[str] = set()
    for c in compacts:
        grams |= trigrams(c)
    sound = [piece_key(b) for b in p.norm.base_pieces] + [p.sound, p.dominant_sound, p.metaphone]
    return {
        "compact": compacts,
        "pieces": [*p.norm.pieces, *p.norm.folded],
        "grams": sorted(grams),
        "sound": [s for s in sound if s],
        "concept": sorted(p.concepts),
        "near": near_keys(p),
    }


def near_keys(p: MarkProfile) -> list[str]:
    """Each word of 5-12 letters and the dominant part, and each of them with one letter deleted: two marks
    share one of these keys when a word or dominant part of one is one edit from a word or dominant part of the
    other (a deletion on one side, or on both for a changed letter), so :func:`tm_similarity._near_word`'s
    matches are found in a register of any size (BIANCO and BLANCO share "banco")."""
    return list(_near_keys(p.norm.folded, p.dominant_compact))


@lru_cache(maxsize=65_536)
def _near_keys(words: tuple[str, ...], dominant: str) -> tuple[str, ...]:
    out: set[str] = set()
    for w in {*words, dominant}:
        if NEAR_MIN <= len(w) <= NEAR_MAX:
            out.add(w)
            out.update(w[:i] + w[i + 1 :] for i in range(len(w)))
    return tuple(sorted(out))


@dataclass
class Hit:
    """An earlier mark found for the sign: its score (0–100), the per-dimension scores and why."""

    record: MarkRecord
    score: float
    dimensions: dict[str, float]
    reasons: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def why(self, lang: str | None = None) -> list[str]:
        return [i18n.t(code, lang, **params) for code, params in self.reasons]

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        r = self.record
        return {
            "number": r.number,
            "mark": r.mark,
            "classes": list(r.classes),
            "owner": r.owner,
            "filing_date": r.filing_date,
            "status": r.status,
            "score": self.score,
            "dimensions": self.dimensions,
            "why": self.why(lang),
        }


INDEX_FORMAT = "tm-keys-4"  # bump when keys or stored profiles change (4: near-word keys, 2026-11-22)
# per-mark strings kept beside the index for the batched first pass (UTF-8, cut at this many bytes)
FEATURES = {"spaced": 48, "compact": 48, "dominant": 48, "sound": 32, "dsound": 32, "meta": 32}
SPELLING_POOL = (
    400  # marks with the best trigram overlap whose spelling (ratio) is measured for the candidates
)
MARGIN = 15  # marks compared in full beyond ``limit``, in case the first-pass estimate misorders them
KEEP = 2  # of the marks found before the frequent lists, this many times the candidates wanted are completed
READ_BUDGET = 30_000  # posting entries read before the frequent lists only add to the marks already found
DELTA_MAX = 20_000  # marks changed in place beyond this (or a tenth of the register): rebuild instead
PARALLEL_MIN = 20_000  # registers at least this large are normalised by worker processes
WORKERS_ENV = "IPOFFICE_TM_BUILD_WORKERS"


def _encode(rec: MarkRecord) -> tuple[list[str], bytes, tuple[bytes, ...], int, int]:
    """Everything the index keeps about one mark: its key terms, its record and profile (marshal), the
    first-pass strings, its Nice classes as a bit mask (bit 0: goods text known) and its number of trigram keys."""
    p = profile(rec.mark)
    keys = mark_keys(p)
    terms = [f"{KEY_PREFIX[f]}:{t}" for f, ts in keys.items() for t in ts if t]
    counts = (*(trigram_count(c) for c in p.compacts), trigram_count(p.dominant_compact))
    blob = marshal.dumps(
        (rec.number, rec.mark, tuple(rec.classes), rec.owner, rec.filing_date, rec.status, rec.goods)
        + (profile_to_tuple(p), counts)
    )
    strings = (
        " ".join(p.norm.folded),
        p.norm.compact,
        p.dominant_compact,
        p.sound,
        p.dominant_sound,
        p.metaphone,
    )
    feats = tuple(s.encode("utf-8")[:w] for s, w in zip(strings, FEATURES.values(), strict=True))
    mask = sum(1 << c for c in rec.classes) | (1 if rec.goods else 0)
    return terms, blob, feats, mask, len(keys["grams"])


def _encode_chunk(records: list[MarkRecord]) -> list[tuple[list[str], bytes, tuple[bytes, ...], int, int]]:
    return [_encode(r) for r in records]


def _encoded(records: list[MarkRecord], workers: int | None) -> Iterator[tuple]:
    """The records encoded in order; large registers on ``workers`` processes (default: the CPUs, at most 4)."""
    if workers is None:
        workers = int(os.environ.get(WORKERS_ENV, "0")) or min(4, os.cpu_count() or 1)
    if workers <= 1 or len(records) < PARALLEL_MIN:
        for r in records:
            yield _encode(r)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = 2000
    chunks = [records[i : i + size] for i in range(0, len(records), size)]
    # spawn, not fork: the caller may be a threaded web server
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for part in pool.map(_encode_chunk, chunks):
            yield from part


_top = top_positions


class TrademarkSearch:
    """The conflict-search engine over one register snapshot (in memory, or saved in a directory)."""

    def __init__(
        self,
        keys: KeyedIndex,
        docs: BlobStore,
        features: dict[str, np.ndarray],
        masks: np.ndarray,
        grams: np.ndarray,
        numbers: np.ndarray | None = None,
    ) -> None:
        self.keys = keys
        self.docs = docs
        self.features = features
        self.masks = masks
        self.grams = grams
        self._numbers = numbers  # the record numbers, document order (read from the blobs when not stored)
        self._by_number: tuple[np.ndarray, np.ndarray] | None = None
        # marks added or changed in place since the build (see :meth:`apply`): a small second index, and the
        # documents of this one they replace
        self.delta: TrademarkSearch | None = None
        self.hidden = np.zeros(len(keys), dtype=bool)

    # -- building and opening --------------------------------------------------------------------------------------

    @classmethod
    def build(
        cls, source: MarkSource, path: Path | None = None, workers: int | None = None
    ) -> TrademarkSearch:
        """Normalise and index every mark of ``source`` (an existing ``path`` is replaced)."""
        records = list(source.marks())
        blobs: list[bytes] = []
        feats: list[list[bytes]] = [[] for _ in FEATURES]
        masks: list[int] = []
        grams: list[int] = []

        def terms() -> Iterator[list[str]]:
            for t, blob, f, mask, g in _encoded(records, workers):
                blobs.append(blob)
                for column, value in zip(feats, f, strict=True):
                    column.append(value)
                masks.append(mask)
                grams.append(g)
                yield t

        keys = KeyedIndex.build(terms())
        features = {
            name: np.array(column, dtype=f"S{width}")
            for (name, width), column in zip(FEATURES.items(), feats, strict=True)
        }
        engine = cls(
            keys,
            BlobStore.build(blobs),
            features,
            np.array(masks, dtype=np.uint64),
            np.array(grams, dtype=np.uint16),
            np.array([r.number for r in records], dtype=str),
        )
        if path is not None:
            engine.save(path)
        return engine

    def save(self, path: Path) -> None:
        import shutil

        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)
        self.keys.save(path)
        self.docs.save(path, "docs")
        for name, arr in self.features.items():
            np.save(path / f"feature_{name}.npy", arr)
        np.save(path / "masks.npy", self.masks)
        np.save(path / "grams.npy", self.grams)
        np.save(path / "numbers.npy", self.numbers())
        (path / "keyfields.json").write_text(
            json.dumps({"format": INDEX_FORMAT, "fields": list(KEY_FIELDS), "marks": len(self)})
        )

    @staticmethod
    def is_current(path: Path) -> bool:
        """Whether the index saved at ``path`` was written in this version's format."""
        try:
            meta = json.loads((path / "keyfields.json").read_text())
        except (OSError, ValueError):
            return False
        return isinstance(meta, dict) and meta.get("format") == INDEX_FORMAT

    @classmethod
    def open(cls, path: Path) -> TrademarkSearch:
        meta = json.loads((path / "keyfields.json").read_text())
        if not isinstance(meta, dict) or meta.get("format") != INDEX_FORMAT:
            raise UserError("tm.error.no_index", field="register", path=str(path))
        engine = cls(
            KeyedIndex.open(path),
            BlobStore.open(path, "docs"),
            {name: load_array(path / f"feature_{name}.npy") for name in FEATURES},
            load_array(path / "masks.npy"),
            load_array(path / "grams.npy"),
            load_array(path / "numbers.npy"),
        )
        changes = path / "changes.json"
        if changes.is_file():
            current = json.loads(changes.read_text())
            engine.hidden = np.load(path / current["hidden"]).astype(bool)
            engine.delta = cls.open(path / current["delta"]) if current["delta"] else None
        return engine

    def __len__(self) -> int:
        return len(self.keys) - int(self.hidden.sum()) + (len(self.delta) if self.delta is not None else 0)

    # -- changes in place ------------------------------------------------------------------------------------------

    def numbers(self) -> np.ndarray:
        if self._numbers is None:
            self._numbers = np.array([self.record(d)[0].number for d in range(len(self.keys))], dtype=str)
        return self._numbers

    def _docs_of(self, numbers: Sequence[str]) -> np.ndarray:
        """This index's documents (not the delta's) holding any of ``numbers``."""
        if self._by_number is None:
            order = np.argsort(self.numbers(), kind="stable")
            self._by_number = (self.numbers()[order], order)
        keys, order = self._by_number
        wanted = np.array(list(numbers), dtype=str)
        if not len(wanted) or not len(keys):
            return np.empty(0, dtype=np.int64)
        at = np.searchsorted(keys, wanted)
        lo = np.minimum(at, len(keys) - 1)
        found = keys[lo] == wanted
        return order[lo[found]]

    def delta_records(self) -> list[MarkRecord]:
        if self.delta is None:
            return []
        return [self.delta.record(d)[0] for d in range(len(self.delta.keys)) if not self.delta.hidden[d]]

    def apply(self, changes: Sequence[MarkRecord], path: Path | None = None) -> TrademarkSearch:
        """This index with ``changes`` (new marks, or new versions of marks by number) added in place: the marks
        replaced are hidden and the changed marks go to a small second index, rebuilt from its own marks only,
        so the cost follows the number of changes since the build, not the register. On disk, the new delta and
        hidden list are written beside the old ones and ``changes.json`` names them (replaced atomically)."""
        latest = {r.number: r for r in changes}
        hidden = self.hidden.copy()
        hidden[self._docs_of(list(latest))] = True
        kept = [r for r in self.delta_records() if r.number not in latest]
        delta_marks = kept + list(latest.values())
        delta = TrademarkSearch.build(InMemoryMarkSource(delta_marks), workers=1) if delta_marks else None
        out = TrademarkSearch(self.keys, self.docs, self.features, self.masks, self.grams, self._numbers)
        out._by_number = self._by_number
        out.hidden, out.delta = hidden, delta
        if path is not None:
            import uuid

            tag = uuid.uuid4().hex[:12]
            if delta is not None:
                delta.save(path / f"delta-{tag}")
            np.save(path / f"hidden-{tag}.npy", hidden)
            previous = (
                json.loads((path / "changes.json").read_text()) if (path / "changes.json").is_file() else None
            )
            tmp = path / f"changes.json.{tag}"
            tmp.write_text(
                json.dumps(
                    {"delta": f"delta-{tag}" if delta is not None else "", "hidden": f"hidden-{tag}.npy"}
                )
            )
            tmp.replace(path / "changes.json")
            if (
                previous
            ):  # the old delta is no longer named: remove it (readers that opened it keep their maps)
                import shutil

                if previous["delta"]:
                    shutil.rmtree(path / previous["delta"], ignore_errors=True)
                (path / previous["hidden"]).unlink(missing_ok=True)
        return out

    # -- reading marks -----------------------------------------------------------------------------------------------

    def record(self, doc: int) -> tuple[MarkRecord, MarkProfile, tuple[int, ...]]:
        """The mark stored as document ``doc``: its record, profile and trigram counts."""
        return self.records([doc])[0]

    def records(
        self, docs: Sequence[int] | np.ndarray
    ) -> list[tuple[MarkRecord, MarkProfile, tuple[int, ...]]]:
        out = []
        new = object.__new__
        loads = marshal.loads
        for blob in self.docs.get_many(docs):
            number, mark, classes, owner, filed, status, goods, prof, counts = loads(blob)
            # the stored fields were checked when indexed: filled in directly, without the frozen dataclass's
            # per-field __setattr__ (a search decodes dozens of records)
            rec = new(MarkRecord)
            rec.__dict__.update(
                number=number,
                mark=mark,
                classes=tuple(classes),
                owner=owner,
                filing_date=filed,
                status=status,
                goods=goods,
            )
            out.append((rec, profile_from_tuple(mark, prof), counts))
        return out

    # -- candidates ---------------------------------------------------------------------------------------------------

    def candidate_docs(self, sign: MarkProfile, limit: int) -> np.ndarray:
        """At most ``limit`` document numbers: the best by key score, and up to half of them the marks closest in
        spelling among the :data:`SPELLING_POOL` marks with the best trigram overlap (see the module docstring)."""
        keys = mark_keys(sign)
        terms: list[str] = []
        weights: list[tuple[float, float]] = []
        for name, values in keys.items():
            for t in values:
                terms.append(f"{KEY_PREFIX[name]}:{t}")
                weights.append((KEY_BOOST[name], 1.0 if name == "grams" else 0.0))
        if not terms:
            return np.empty(0, dtype=np.int32)
        scored = self.keys.score(
            terms,
            np.array(weights, dtype=np.float32),
            budget=READ_BUDGET,
            idf=(True, False),
            keep=(KEEP * limit, KEEP * SPELLING_POOL),
        )
        docs = scored.docs
        if not len(docs):
            return docs
        key_score, shared = scored.scores[:, 0], scored.scores[:, 1]
        by_key = docs[_top(key_score, limit)]
        dice = 2 * shared / (len(keys["grams"]) + self.grams[docs].astype(np.float32))
        pool = docs[_top(dice, SPELLING_POOL)]
        spaced = self.features["spaced"][pool].tolist()
        ratios = process.cdist(
            [" ".join(sign.norm.folded).encode("utf-8")], spaced, scorer=fuzz.ratio, workers=1
        )[0]
        by_spelling = pool[_top(ratios, max(1, limit // 2))]
        # then the best by key score not already in, up to ``limit`` (both lists hold distinct documents)
        more = by_key[~np.isin(by_key, by_spelling)][: max(0, limit - len(by_spelling))]
        return np.concatenate([by_spelling, more]).astype(np.int32, copy=False)

    def _parts(self, sign: MarkProfile, limit: int) -> list[tuple[TrademarkSearch, np.ndarray]]:
        """Candidates of this index (replaced marks left out) and of its delta, each with its index."""
        docs = self.candidate_docs(sign, limit)
        parts = [(self, docs[~self.hidden[docs]] if len(docs) else docs)]
        if self.delta is not None:
            parts.append((self.delta, self.delta.candidate_docs(sign, limit)))
        return parts

    def candidates(self, sign: MarkProfile, limit: int) -> list[tuple[MarkRecord, MarkProfile]]:
        """The marks a search compares for ``sign`` (at most ``limit`` from each part), as records with profiles."""
        out = []
        for part, docs in self._parts(sign, limit):
            for d in docs.tolist():
                rec, prof, _ = part.record(d)
                out.append((rec, prof))
        return out

    def _estimate(self, sign: MarkProfile, docs: np.ndarray, wanted: tuple[int, ...]) -> np.ndarray:
        """A first-pass estimate of each candidate's final score, from the stored strings and masks only."""
        if not len(docs):
            return np.zeros(0)
        feats = self.features

        def r(query: str, column: str) -> np.ndarray:
            if not query:
                return np.zeros(len(docs))
            stored = feats[column][docs].tolist()
            return process.cdist([query.encode("utf-8")], stored, scorer=fuzz.ratio, workers=1)[0] / 100

        visual = 0.3 * r(sign.norm.compact, "compact") + 0.7 * r(sign.dominant_compact, "dominant")
        aural = np.maximum(
            0.3 * r(sign.sound, "sound") + 0.7 * r(sign.dominant_sound, "dsound"),
            0.9 * r(sign.metaphone, "meta"),
        )
        if sign.dominant_sound:
            same = feats["dsound"][docs] == sign.dominant_sound.encode("utf-8")
            aural = np.where(same, np.maximum(aural, 0.95), aural)
        conceptual = np.zeros(len(docs))
        for concept in sign.concepts:
            conceptual = np.maximum(conceptual, 0.8 * self.keys.contains(f"k:{concept}", docs))
        contained = np.ones(len(docs), dtype=bool) if sign.dominant else np.zeros(len(docs), dtype=bool)
        for piece in sign.dominant:
            contained &= self.keys.contains(f"p:{piece}", docs)
        # the stored dominant part (4 bytes or more) inside the sign's compact form, as bytes
        dominant = feats["dominant"][docs]
        compact = np.bytes_(sign.norm.compact.encode("utf-8"))
        inside = (np.char.str_len(dominant) >= 4) & (np.char.find(compact, dominant) >= 0)
        containment = np.maximum(0.8 * contained, 0.8 * inside)
        near = self._near(sign, docs)
        if near is not None:
            containment = np.maximum(containment, 0.6 * near)
        top = np.maximum(np.maximum(visual, aural), np.maximum(conceptual, containment))
        mark = np.minimum(1.0, 0.75 * top + 0.25 * (visual + aural) / 2)
        if not wanted:
            return mark
        masks = self.masks[docs]
        want = np.uint64(sum(1 << c for c in wanted))
        goods = np.where(masks & want, 1.0, 0.0)
        related: dict[int, float] = {}
        for (a, b), (strength, _) in nice_related().items():
            if a in wanted:
                related[b] = max(related.get(b, 0.0), strength)
        for c, strength in related.items():
            has = (masks & np.uint64(1 << c)) != 0
            goods = np.where(has, np.maximum(goods, strength), goods)
        goods = np.where(masks == 0, UNKNOWN_GOODS, goods)
        return mark * (GOODS_FLOOR + (1 - GOODS_FLOOR) * goods)

    def _near(self, sign: MarkProfile, docs: np.ndarray) -> np.ndarray | None:
        """Which candidates share a near key with the sign (:func:`near_keys`: a word or dominant part of each
        within two edits, mostly one; the full comparison then checks :func:`tm_similarity._near_word` exactly).
        ``None``: the sign has no near keys, or no candidate shares one."""
        keys = near_keys(sign)
        if not keys or not len(docs):
            return None
        lo, hi = self.keys.ranges([f"{KEY_PREFIX['near']}:{k}" for k in keys])
        out = np.zeros(len(docs), dtype=bool)
        postings = self.keys.postings
        for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
            if b > a:
                p = postings[a:b]
                out |= p[np.minimum(np.searchsorted(p, docs), b - a - 1)] == docs
        return out if out.any() else None

    # -- search ---------------------------------------------------------------------------------------------------------

    def search(
        self,
        mark: str,
        classes: Iterable[int | str] = (),
        goods: str = "",
        limit: int = 50,
        candidates: int = CANDIDATES,
    ) -> list[Hit]:
        """Earlier marks likely to conflict with ``mark`` for ``classes``, best first (a read-only operation)."""
        if not isinstance(mark, str) or len(mark) > MAX_MARK_CHARS:
            length = len(mark) if isinstance(mark, str) else 0
            raise UserError("tm.error.mark_too_long", field="mark", length=length, limit=MAX_MARK_CHARS)
        sign = profile(mark)
        if sign.norm.is_empty:
            raise UserError("tm.error.empty_mark", field="mark")
        if not 1 <= limit <= MAX_LIMIT:
            raise UserError("tm.error.bad_limit", field="limit", value=limit, limit=MAX_LIMIT)
        wanted = parse_classes(classes)
        parts = self._parts(sign, max(candidates, limit))
        docs = np.concatenate([docs for _, docs in parts]) if len(parts) > 1 else parts[0][1]
        if len(docs) > limit + MARGIN:
            estimate = np.concatenate([part._estimate(sign, d, wanted) for part, d in parts])
            chosen = _top(estimate, limit + MARGIN).tolist()
        else:
            chosen = list(range(len(docs)))
        found: list[Any]
        if len(parts) == 1:
            found = self.records(docs[chosen])
        else:
            owners = [part for part, docs in parts for _ in range(len(docs))]
            found = []
            for part, _ in parts:  # decoded part by part, then put back in estimate order
                mine = [i for i in chosen if owners[i] is part]
                found.extend(zip(mine, part.records(docs[mine]), strict=True))
            rank = {i: r for r, i in enumerate(chosen)}
            found = [rec for _, rec in sorted(found, key=lambda x: rank[x[0]])]
        comparisons = compare_many(sign, [p for _, p, _ in found], [c for _, _, c in found])
        # ranked by the exact score first; only the hits shown get their dimensions and reasons written out
        ranked = []
        for (rec, _, _), cmp in zip(found, comparisons, strict=True):
            score = cmp.mark
            goods_cmp = None
            if wanted:
                goods_cmp = compare_goods(wanted, rec.classes, goods, rec.goods)
                goods_score = goods_cmp.score if rec.classes or rec.goods else UNKNOWN_GOODS
                score *= GOODS_FLOOR + (1 - GOODS_FLOOR) * goods_score
            ranked.append((-round(100 * score, 1), -round(cmp.mark, 3), rec.number, rec, cmp, goods_cmp))
        ranked.sort(key=lambda r: r[:3])
        hits = []
        for neg_score, neg_mark, _, rec, cmp, goods_cmp in ranked[:limit]:
            dims = cmp.dimensions()
            reasons = list(cmp.reasons)
            if goods_cmp is not None:
                dims["goods"] = round(goods_cmp.score if rec.classes or rec.goods else UNKNOWN_GOODS, 3)
                reasons.extend(goods_cmp.reasons)
            dims["mark"] = -neg_mark
            hits.append(Hit(rec, -neg_score, dims, reasons))
        return hits
