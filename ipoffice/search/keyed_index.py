"""A candidate index over short texts (trademarks): terms → sorted document numbers, held in numpy arrays.

Callers decide the terms (the trademark keys live in :mod:`ipoffice.assist.tm_search`); this module stores, for
each term, the sorted list of documents (0 … n-1) that carry it, as one ``int32`` posting array with offsets (the
CSR layout), and scores documents by the weighted terms they share with a query. Terms are looked up by a stable
64-bit hash (BLAKE2b), so an index saved to disk opens by memory-mapping a few ``.npy`` files, without reading a
term dictionary into Python objects. Queries are built from terms, never parsed, so quotes, brackets or boolean
words in a mark cannot change a query.

Scoring (:meth:`KeyedIndex.score`): a document's score is the sum of the weights of the query terms it carries.
The posting lists are read, shortest first, until ``budget`` postings have been read, and their documents summed
by sorting the (document, list) pairs (:func:`union_sums`: arrays the size of the lists, nothing the size of the
register); longer (frequent, low-weight) lists then only add their weight to the documents already found (a binary
search per document), so one very common trigram never makes a query read a tenth of the register.
"""

from __future__ import annotations

import hashlib
import json
import math
import mmap
import threading
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FORMAT = "keyed-csr-1"
MAX_TERM_BYTES = 1000  # longer terms are cut (they never match anyway)


def load_array(path: Path) -> np.ndarray:
    """A saved array, memory-mapped (pages are read when touched) but as a plain ndarray: indexing a
    ``np.memmap`` goes through Python-level hooks that cost more than the lookups themselves."""
    return np.load(path, mmap_mode="r").view(np.ndarray)


def term_hash(term: str) -> int:
    """Stable 64-bit hash of a term (the same in every process, unlike :func:`hash`)."""
    data = term.encode("utf-8")[:MAX_TERM_BYTES]
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


@dataclass(frozen=True)
class Scored:
    """Documents found and their scores (parallel arrays, unordered)."""

    docs: np.ndarray  # int32
    scores: np.ndarray  # float32, one column per weight column


def top_positions(values: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` largest values, best first (ties: lower position first)."""
    if k <= 0 or not len(values):
        return np.empty(0, dtype=np.int64)
    part = np.argpartition(-values, k - 1)[:k] if len(values) > k else np.arange(len(values))
    return part[np.lexsort((part, -values[part]))]


def _top_set(values: np.ndarray, k: int) -> np.ndarray:
    """The positions :func:`top_positions` returns, in no particular order (the same set, without its sort)."""
    if k <= 0 or not len(values):
        return np.empty(0, dtype=np.int64)
    return np.argpartition(-values, k - 1)[:k] if len(values) > k else np.arange(len(values))


_work = threading.local()


KEPT_ITEMS = (
    1 << 20
)  # per-thread work arrays are kept up to this many items (larger ones are made for the call)


def _buffer(name: str, n: int, dtype: type) -> np.ndarray:
    """``n`` items of a per-thread array kept between calls (grown as needed): a query's large temporaries reuse
    memory instead of being mapped afresh, page by page, on every call."""
    if n > KEPT_ITEMS:
        return np.empty(n, dtype=dtype)
    key = f"{name}_{np.dtype(dtype).name}"
    buf = getattr(_work, key, None)
    if buf is None or len(buf) < n:
        buf = np.empty(min(KEPT_ITEMS, max(n, 65_536, 2 * len(buf) if buf is not None else 0)), dtype=dtype)
        setattr(_work, key, buf)
    return buf[:n]


def union_sums(
    lists: Sequence[np.ndarray], weights: np.ndarray, n_docs: int
) -> tuple[np.ndarray, np.ndarray]:
    """The documents of the sorted posting ``lists`` (each document at most once per list, numbers below
    ``n_docs``) and, for each, the sum of the ``weights`` (complex64, one per list) of the lists that hold it.

    The documents come in the order of their last occurrence in the lists read one after the other, and each sum
    is made list after list from zero (the order and the float32 sums of adding every list into a zeroed array
    with ``np.add.at`` and keeping each document's last position). Made by sorting the (document, list) pairs
    packed in one integer and summing each document's run, on arrays the size of the lists only, kept per
    thread: the two arrays returned are views of them, valid until this thread's next call."""
    k = len(lists)
    lengths = [len(p) for p in lists]
    n = sum(lengths)
    if not n:
        return np.empty(0, np.int32), np.empty(0, np.complex64)
    list_bits = max(1, (k - 1).bit_length())
    kind = np.int64 if max(1, (n_docs - 1).bit_length()) + list_bits > 31 else np.int32
    key = _buffer("key", n, kind)
    np.concatenate(lists, out=key, casting="same_kind")
    np.left_shift(key, list_bits, out=key)
    at = 0
    for i, length in enumerate(lengths):  # the list number in the low bits
        if i:
            key[at : at + length] |= i
        at += length
    key.sort()  # by document, then by list
    which = np.bitwise_and(key, (1 << list_bits) - 1, out=_buffer("which", n, kind))
    doc = np.right_shift(key, list_bits, out=key)
    new_doc = _buffer("new_doc", n, np.bool_)
    new_doc[0] = True
    np.not_equal(doc[1:], doc[:-1], out=new_doc[1:])
    run = np.cumsum(new_doc, out=_buffer("run", n, np.intp))  # each pair's run (document) number, from 1
    runs = int(run[-1])
    run -= 1
    sums = _buffer("sums", runs, np.complex64)
    sums.fill(0)
    np.add.at(sums, run, np.take(weights, which, out=_buffer("weights", n, np.complex64)))
    # each run's last pair: its document's last list (and within one list the documents are in order); the runs
    # sorted by (last list, run number), the run number being the document's rank
    is_last = _buffer("is_last", n, np.bool_)
    is_last[-1] = True
    np.not_equal(doc[1:], doc[:-1], out=is_last[:-1])
    run_bits = max(1, (runs - 1).bit_length())
    kind2 = np.int64 if list_bits + run_bits > 31 else np.int32
    last = np.compress(is_last, which, out=_buffer("last", runs, kind))
    if kind2 != kind:
        last = last.astype(kind2)
    np.left_shift(last, run_bits, out=last)
    last |= np.arange(runs, dtype=kind2)
    last.sort()
    last &= (1 << run_bits) - 1
    firsts = np.compress(new_doc, doc, out=_buffer("firsts", runs, kind))
    out_docs = np.take(firsts, last, out=_buffer("docs", runs, kind))
    return out_docs.astype(np.int32, copy=False), np.take(
        sums, last, out=_buffer("out_sums", runs, np.complex64)
    )


class KeyedIndex:
    """Terms → posting lists, built once from each document's terms; saved and opened as ``.npy`` files."""

    def __init__(
        self, keys: np.ndarray, key_term: np.ndarray, starts: np.ndarray, postings: np.ndarray, n_docs: int
    ) -> None:
        self.keys = keys  # uint64, sorted term hashes
        self.key_term = key_term  # int32: position of each sorted key → term number
        self.starts = starts  # int64, len = terms + 1: postings of term t are postings[starts[t]:starts[t+1]]
        self.postings = postings  # int32, sorted within each term
        self.n_docs = n_docs

    # -- building ------------------------------------------------------------------------------------------------

    @classmethod
    def build(cls, term_lists: Iterable[Iterable[str]]) -> KeyedIndex:
        """``term_lists``: the terms of document 0, 1, 2 … (duplicates within a document are ignored)."""
        vocab: dict[str, int] = {}
        tids = array("i")
        counts = array("i")
        for terms in term_lists:
            uniq = set(terms)
            counts.append(len(uniq))
            tids.extend([vocab.setdefault(t, len(vocab)) for t in uniq])
        return cls._from_pairs(vocab, np.frombuffer(tids, dtype=np.int32), np.frombuffer(counts, np.int32))

    @classmethod
    def _from_pairs(cls, vocab: dict[str, int], tids: np.ndarray, counts: np.ndarray) -> KeyedIndex:
        n_docs = len(counts)
        docs = np.repeat(np.arange(n_docs, dtype=np.int32), counts)
        order = np.argsort(tids, kind="stable")  # stable: documents stay sorted within each term
        postings = docs[order]
        per_term = np.bincount(tids, minlength=len(vocab)) if len(tids) else np.zeros(len(vocab), np.int64)
        starts = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(per_term, out=starts[1:])
        hashes = np.fromiter((term_hash(t) for t in vocab), dtype=np.uint64, count=len(vocab))
        key_order = np.argsort(hashes, kind="stable")
        return cls(hashes[key_order], key_order.astype(np.int32), starts, postings, n_docs)

    # -- disk ----------------------------------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        for name in ("keys", "key_term", "starts", "postings"):
            np.save(path / f"{name}.npy", getattr(self, name))
        (path / "keyed.json").write_text(json.dumps({"format": FORMAT, "docs": self.n_docs}))

    @classmethod
    def open(cls, path: Path) -> KeyedIndex:
        meta = json.loads((path / "keyed.json").read_text())
        if meta.get("format") != FORMAT:
            raise ValueError(f"{path}: index format {meta.get('format')!r}, expected {FORMAT!r}")
        keys, key_term, starts, postings = (
            load_array(path / f"{n}.npy") for n in ("keys", "key_term", "starts", "postings")
        )
        return cls(keys, key_term, starts, postings, int(meta["docs"]))

    # -- queries -------------------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return self.n_docs

    def lookup(self, terms: Sequence[str]) -> list[np.ndarray]:
        """The posting list of each term (empty when the term is unknown)."""
        if not terms or not len(self.keys):
            return [np.empty(0, np.int32) for _ in terms]
        hashes = np.fromiter((term_hash(t) for t in terms), dtype=np.uint64, count=len(terms))
        pos = np.searchsorted(self.keys, hashes)
        pos_c = np.minimum(pos, len(self.keys) - 1)
        found = self.keys[pos_c] == hashes
        out = []
        for ok, p in zip(found.tolist(), pos_c.tolist(), strict=True):
            if ok:
                t = int(self.key_term[p])
                out.append(self.postings[self.starts[t] : self.starts[t + 1]])
            else:
                out.append(np.empty(0, np.int32))
        return out

    def ranges(self, terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Where each term's postings start and end in :attr:`postings` (``int64``; equal for an unknown term)."""
        k = len(terms)
        if not k or not len(self.keys):
            empty = np.zeros(k, np.int64)
            return empty, empty
        hashes = np.fromiter((term_hash(t) for t in terms), dtype=np.uint64, count=k)
        pos = np.searchsorted(self.keys, hashes)
        np.minimum(pos, len(self.keys) - 1, out=pos)
        t = self.key_term[pos]
        lo = self.starts[t]
        return lo, np.where(self.keys[pos] == hashes, self.starts[t + 1], lo)

    def score(
        self,
        terms: Sequence[str],
        weights: np.ndarray,
        budget: int = 60_000,
        idf: Sequence[bool] = (),
        keep: Sequence[int] = (),
    ) -> Scored:
        """Documents carrying at least one of the shorter lists, with one summed score per column of ``weights``
        (shape: terms × columns). ``idf[c]``: multiply column ``c`` by ``ln(1 + documents / document frequency)``
        (rare terms count more). Repeated terms count once (their first row). ``keep[c]``: only the union of the
        ``keep[c]`` best documents of each column ``c`` (by the shorter lists) is kept and completed with the
        frequent terms."""
        weights = np.asarray(weights, dtype=np.float32).reshape(len(terms), -1)
        columns = weights.shape[1]
        if columns > 2:
            raise ValueError("at most two weight columns")
        rows: dict[str, int] = {}
        for i, t in enumerate(terms):
            if t:
                rows.setdefault(t, i)
        lo, hi = self.ranges(list(rows))
        lengths = hi - lo
        present = np.flatnonzero(lengths)
        if not len(present):
            return Scored(np.empty(0, np.int32), np.empty((0, columns), np.float32))
        order = present[np.argsort(lengths[present], kind="stable")]  # shortest first, ties in term order
        lo, lengths = lo[order], lengths[order]
        w = weights[np.fromiter(rows.values(), dtype=np.intp, count=len(rows))[order]]
        starts, sizes = lo.tolist(), lengths.tolist()
        for c, on in enumerate(idf):
            if on:  # in float32, the factor rounded to float32 first (as ``w[c] *= factor`` on one row does)
                w[:, c] *= np.array([math.log1p(self.n_docs / n) for n in sizes], dtype=np.float32)
        # the lists read in full: the first, then as long as the postings read stay within the budget
        over = np.flatnonzero(np.cumsum(lengths)[1:] > budget)
        cut = int(over[0]) + 1 if len(over) else len(order)
        postings = self.postings
        packed = np.zeros(cut, dtype=np.complex64)
        packed.real = w[:cut, 0]
        if columns > 1:
            packed.imag = w[:cut, 1]
        docs, sums = union_sums(
            [postings[a : a + n] for a, n in zip(starts[:cut], sizes[:cut], strict=True)], packed, self.n_docs
        )
        # the complex64 sums are the two float32 columns, side by side
        scores = sums.view(np.float32).reshape(-1, 2)[:, :columns]
        long = cut < len(order)
        if keep and long and len(docs) > min(keep):
            chosen = np.zeros(len(docs), dtype=bool)  # the union, in position order (no sort needed)
            for c, k in enumerate(keep):
                chosen[_top_set(scores[:, c], k)] = True
            best = np.flatnonzero(chosen)
            docs, scores = docs[best], scores[best]
        else:  # union_sums's arrays are reused by its next call
            docs, scores = docs.copy(), scores.copy()
        if long and len(docs):
            # frequent terms: add their weight to the documents already found, no new ones. The documents are
            # looked up in sorted order (numpy's binary search then starts each key where the previous one ended,
            # and reads the long list front to back); each column adds the list's weight where the document is
            # in the list, list after list (the same float32 sums as before, made in the found order).
            by_doc = np.argsort(docs, kind="stable")
            ordered = docs[by_doc]
            cols = [np.ascontiguousarray(scores[by_doc, c]) for c in range(columns)]
            for a, n, wl in zip(starts[cut:], sizes[cut:], w[cut:].tolist(), strict=True):
                p = postings[a : a + n]
                hit = np.take(p, np.searchsorted(p, ordered), mode="clip") == ordered
                for col, x in zip(cols, wl, strict=False):
                    if x:
                        np.add(col, np.float32(x), out=col, where=hit)
            for c, col in enumerate(cols):
                scores[by_doc, c] = col
        return Scored(docs.astype(np.int32, copy=False), scores)

    def contains(self, term: str, docs: np.ndarray) -> np.ndarray:
        """Which of ``docs`` carry ``term`` (boolean array)."""
        (p,) = self.lookup([term])
        if not len(p) or not len(docs):
            return np.zeros(len(docs), dtype=bool)
        pos = np.searchsorted(p, docs)
        return p[np.minimum(pos, len(p) - 1)] == docs


class BlobStore:
    """Variable-length byte records 0 … n-1 in one file with an offsets array (memory-mapped when opened)."""

    def __init__(self, data: bytes | mmap.mmap, offsets: np.ndarray) -> None:
        self.data = data
        self.offsets = offsets

    @classmethod
    def build(cls, blobs: Iterable[bytes]) -> BlobStore:
        parts: list[bytes] = []
        offsets = array("q", [0])
        total = 0
        for b in blobs:
            parts.append(b)
            total += len(b)
            offsets.append(total)
        return cls(b"".join(parts), np.frombuffer(offsets, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def get(self, i: int) -> bytes:
        a, b = self.offsets[i : i + 2].tolist()
        return self.data[a:b]

    def get_many(self, docs: Sequence[int] | np.ndarray) -> list[bytes]:
        """Records ``docs``, in order (the offsets are read in two vector operations)."""
        at = np.asarray(docs, dtype=np.int64)
        starts, ends = self.offsets[at].tolist(), self.offsets[at + 1].tolist()
        data = self.data
        return [data[a:b] for a, b in zip(starts, ends, strict=True)]

    def save(self, path: Path, name: str) -> None:
        (path / f"{name}.bin").write_bytes(bytes(self.data))
        np.save(path / f"{name}.off.npy", np.asarray(self.offsets))

    @classmethod
    def open(cls, path: Path, name: str) -> BlobStore:
        data_path = path / f"{name}.bin"
        data: bytes | mmap.mmap = b""
        if data_path.stat().st_size:
            with data_path.open("rb") as fh:  # the map outlives the file handle; slicing it gives bytes
                data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        return cls(data, load_array(path / f"{name}.off.npy"))
