"""A candidate index over short texts (trademarks): tantivy with precomputed key fields plus a folded text field.

Callers decide the keys (the trademark ones live in :mod:`ipoffice.assist.tm_search`); this module only stores
documents ``(id, payload, text, {field: [terms]})`` and returns the best-scoring ids for weighted term and fuzzy
queries (BM25, so rare keys count more). Queries are built from terms, never parsed from user text, so quotes,
brackets or boolean words in a mark cannot change the query.

Payloads live beside the index in SQLite (``payloads.sqlite``), keyed by an ``ord`` fast field: fetching 200
stored tantivy documents cost about 25 ms, reading the ``ord`` column and 200 SQLite rows well under 2 ms.

The ``text`` field uses a registered analyzer that folds Vietnamese marks, đ included
(``simple`` → ``lowercase`` → ``ascii_fold``); key fields are pre-folded and split on whitespace.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import tantivy

FOLD_ANALYZER = "vn_fold"
MAX_TERM_BYTES = (
    1000  # longer keys are cut: tantivy refuses terms over 65,530 bytes and they never match anyway
)


def _fold_analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


@dataclass(frozen=True)
class TermGroup:
    """Terms of one key field, each a SHOULD clause, scaled by ``boost``."""

    field: str
    terms: Sequence[str]
    boost: float = 1.0


@dataclass(frozen=True)
class FuzzyTerm:
    field: str
    term: str
    distance: int
    boost: float = 1.0


@dataclass(frozen=True)
class Candidate:
    id: str
    payload: dict
    score: float


def _clip(term: str) -> str:
    data = term.encode("utf-8")
    return term if len(data) <= MAX_TERM_BYTES else data[:MAX_TERM_BYTES].decode("utf-8", "ignore")


class KeyedIndex:
    """Build once from documents, then query; on disk when given a directory, else in memory."""

    def __init__(self, index: tantivy.Index, key_fields: Sequence[str], payloads: sqlite3.Connection) -> None:
        self._index = index
        self._payloads = payloads
        self._index.register_tokenizer(FOLD_ANALYZER, _fold_analyzer())
        self.key_fields = tuple(key_fields)
        self._schema = index.schema
        self._index.reload()
        self._searcher = index.searcher()

    @staticmethod
    def _schema_for(key_fields: Sequence[str]) -> tantivy.Schema:
        sb = tantivy.SchemaBuilder()
        sb.add_unsigned_field("ord", stored=False, indexed=False, fast=True)
        sb.add_text_field("text", stored=False, tokenizer_name=FOLD_ANALYZER, index_option="freq")
        for name in key_fields:
            sb.add_text_field(name, stored=False, tokenizer_name="whitespace", index_option="freq")
        return sb.build()

    @classmethod
    def build(
        cls,
        docs: Iterable[tuple[str, Mapping, str, Mapping[str, Iterable[str]]]],
        key_fields: Sequence[str],
        path: Path | None = None,
        heap_bytes: int = 200_000_000,
    ) -> KeyedIndex:
        """``docs``: ``(id, payload, text, {key field: terms})``. An existing ``path`` is replaced."""
        schema = cls._schema_for(key_fields)
        if path is not None:
            if path.exists():
                shutil.rmtree(path)
            path.mkdir(parents=True)
            index = tantivy.Index(schema, path=str(path))
        else:
            index = tantivy.Index(schema)
        index.register_tokenizer(FOLD_ANALYZER, _fold_analyzer())
        db = sqlite3.connect(
            str(path / "payloads.sqlite") if path is not None else ":memory:", check_same_thread=False
        )
        db.execute("CREATE TABLE payload (ord INTEGER PRIMARY KEY, id TEXT NOT NULL, data TEXT NOT NULL)")
        writer = index.writer(heap_size=heap_bytes)
        batch: list[tuple[int, str, str]] = []
        for ord_, (doc_id, payload, text, keys) in enumerate(docs):
            doc = tantivy.Document()
            doc.add_unsigned("ord", ord_)
            doc.add_text("text", text)
            for name in key_fields:
                doc.add_text(name, " ".join(_clip(t) for t in keys.get(name, ()) if t))
            writer.add_document(doc)
            batch.append((ord_, doc_id, json.dumps(payload, ensure_ascii=False)))
            if len(batch) >= 10_000:
                db.executemany("INSERT INTO payload VALUES (?, ?, ?)", batch)
                batch.clear()
        db.executemany("INSERT INTO payload VALUES (?, ?, ?)", batch)
        db.commit()
        writer.commit()
        writer.wait_merging_threads()
        if path is not None:
            (path / "keyfields.json").write_text(json.dumps(list(key_fields)))
        return cls(index, key_fields, db)

    @classmethod
    def open(cls, path: Path) -> KeyedIndex:
        key_fields = json.loads((path / "keyfields.json").read_text())
        uri = (path / "payloads.sqlite").resolve().as_uri() + "?mode=ro"
        db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        return cls(tantivy.Index.open(str(path)), key_fields, db)

    def __len__(self) -> int:
        return int(self._searcher.num_docs)

    def search(
        self,
        groups: Sequence[TermGroup] = (),
        fuzzy: Sequence[FuzzyTerm] = (),
        text_terms: Sequence[str] = (),
        limit: int = 200,
    ) -> list[Candidate]:
        """The ``limit`` best documents for the OR of every term (BM25 times boosts)."""
        clauses = []
        for g in groups:
            for term in dict.fromkeys(t for t in g.terms if t):
                q = tantivy.Query.term_query(self._schema, g.field, _clip(term))
                clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(q, g.boost)))
        for f in fuzzy:
            if f.term:
                q = tantivy.Query.fuzzy_term_query(self._schema, f.field, _clip(f.term), distance=f.distance)
                clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(q, f.boost)))
        for term in dict.fromkeys(t for t in text_terms if t):
            q = tantivy.Query.term_query(self._schema, "text", _clip(term))
            clauses.append((tantivy.Occur.Should, q))
        if not clauses:
            return []
        query = tantivy.Query.boolean_query(clauses)
        hits = self._searcher.search(query, limit=limit, count=False).hits
        if not hits:
            return []
        ords = self._searcher.fast_field_values("ord", [address for _, address in hits])
        marks = ",".join("?" * len(ords))
        rows = {
            o: (i, d)
            for o, i, d in self._payloads.execute(
                f"SELECT ord, id, data FROM payload WHERE ord IN ({marks})", ords
            )
        }
        out = []
        for (score, _), o in zip(hits, ords, strict=True):
            doc_id, data = rows[o]
            out.append(Candidate(doc_id, json.loads(data), float(score)))
        return out
