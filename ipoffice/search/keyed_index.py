"""A candidate index over short texts (trademarks): tantivy with precomputed key fields plus a folded text field.

Callers decide the keys (the trademark ones live in :mod:`ipoffice.assist.tm_search`); this module only stores
documents ``(id, payload, text, {field: [terms]})`` and returns the best-scoring ids for weighted term and fuzzy
queries (BM25, so rare keys count more). Queries are built from terms, never parsed from user text, so quotes,
brackets or boolean words in a mark cannot change the query.

The ``text`` field uses a registered analyzer that folds Vietnamese marks, đ included
(``simple`` → ``lowercase`` → ``ascii_fold``); key fields are pre-folded and split on whitespace.
"""

from __future__ import annotations

import json
import shutil
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

    def __init__(self, index: tantivy.Index, key_fields: Sequence[str]) -> None:
        self._index = index
        self._index.register_tokenizer(FOLD_ANALYZER, _fold_analyzer())
        self.key_fields = tuple(key_fields)
        self._schema = index.schema
        self._index.reload()
        self._searcher = index.searcher()

    @staticmethod
    def _schema_for(key_fields: Sequence[str]) -> tantivy.Schema:
        sb = tantivy.SchemaBuilder()
        sb.add_text_field("id", stored=True, tokenizer_name="raw")
        sb.add_text_field("payload", stored=True, tokenizer_name="raw", index_option="basic")
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
        writer = index.writer(heap_size=heap_bytes)
        for doc_id, payload, text, keys in docs:
            doc = {"id": doc_id, "payload": json.dumps(payload, ensure_ascii=False), "text": text}
            for name in key_fields:
                doc[name] = " ".join(_clip(t) for t in keys.get(name, ()) if t)
            writer.add_document(tantivy.Document(**doc))
        writer.commit()
        writer.wait_merging_threads()
        if path is not None:
            (path / "keyfields.json").write_text(json.dumps(list(key_fields)))
        return cls(index, key_fields)

    @classmethod
    def open(cls, path: Path) -> KeyedIndex:
        key_fields = json.loads((path / "keyfields.json").read_text())
        return cls(tantivy.Index.open(str(path)), key_fields)

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
        result = self._searcher.search(query, limit=limit, count=False)
        out = []
        for score, address in result.hits:
            doc = self._searcher.doc(address)
            out.append(Candidate(doc["id"][0], json.loads(doc["payload"][0]), float(score)))
        return out
