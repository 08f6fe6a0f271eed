"""BM25 full-text index over patent documents (tantivy), Vietnamese and English in one analyzer.

Text is analysed here, in Python, and handed to tantivy as whitespace-separated terms, so indexing and queries share
exactly one analysis and no user text is ever parsed as query syntax (quotes, brackets, ``AND``/``OR``/``NOT``,
``field:value`` are just words):

* ``body``: NFC, lower case, every diacritic removed and ``đ`` → ``d`` (``Đường ống`` → ``duong ong``), split on
  anything not a letter or digit, English stop words dropped, a light English plural/suffix stemmer;
* ``words``: for Vietnamese text, multi-syllable words from ``underthesea.word_tokenize`` (the only underthesea
  function that runs offline), folded and joined by ``_`` (``cà phê`` → ``ca_phe``), so a compound word counts more
  than its syllables apart. Segmentation is skipped for English text and capped for very long texts.

A query of several megabytes becomes its ``MAX_QUERY_TERMS`` most distinctive terms (frequency in the query times
inverse document frequency in the index), so a whole application can be the query.
"""

from __future__ import annotations

import math
import re
import shutil
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import tantivy

ANALYZER = "ipo_terms"
MAX_QUERY_TERMS = 64
SEGMENT_LIMIT_CHARS = 20_000  # underthesea runs ~40k chars/s here; longer texts are segmented up to this cap
MAX_TERM_LEN = 60
INDEX_VERSION = "fulltext-1"

_WORD = re.compile(r"[a-z0-9]+")
# letters only Vietnamese uses among Latin scripts (à é ê ô ã õ ... are French, Spanish, Portuguese too)
_VI_LETTERS = set("ăđơưạảặẳẵậẩẫẹẻẽệểễịỉĩọỏộổỗợởỡụủũựửữỵỷỹằắầấềếồốờớừứỳ")
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "ø": "o", "ł": "l", "ı": "i", "ß": "ss"})
_MARKS = re.compile(r"[\u0300-\u036f]")

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "being",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "this",
        "those",
        "to",
        "was",
        "were",
        "which",
        "with",
        "wherein",
        "whereby",
        "said",
        "least",
        "one",
        "more",
        "such",
        "thereof",
        "first",
        "second",
    ]
)


def fold(text: str) -> str:
    """Lower case, no diacritics, ``đ`` → ``d`` (NFD alone leaves đ as it is)."""
    text = unicodedata.normalize("NFC", text).lower().translate(_FOLD_TABLE)
    return _MARKS.sub("", unicodedata.normalize("NFD", text))


def stem(word: str) -> str:
    """A light English suffix stemmer (plural and a few verb endings); folded Vietnamese syllables pass unchanged
    because they never end in these suffixes with enough letters before them."""
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: -len(suffix)] + repl
    return word


def looks_vietnamese(text: str, sample: int = 4000) -> bool:
    """Whether ``text`` (its first ``sample`` characters) is Vietnamese enough to be worth segmenting."""
    head = unicodedata.normalize("NFC", text[:sample]).lower()
    letters = sum(ch.isalpha() for ch in head)
    marked = sum(ch in _VI_LETTERS for ch in head)
    return marked > 0 and (letters < 100 or marked / letters > 0.01)


def body_terms(text: str) -> list[str]:
    """The ``body`` terms of ``text`` (see the module docstring)."""
    return [stem(w) for w in _WORD.findall(fold(text)) if w not in STOP_WORDS and len(w) <= MAX_TERM_LEN]


def word_terms(text: str) -> list[str]:
    """Multi-syllable Vietnamese words of ``text``, folded and joined by ``_``; empty for non-Vietnamese text."""
    if not text or not looks_vietnamese(text):
        return []
    from underthesea import word_tokenize  # offline; the other underthesea functions download models

    out = []
    for word in word_tokenize(unicodedata.normalize("NFC", text[:SEGMENT_LIMIT_CHARS])):
        parts = _WORD.findall(fold(word))
        if len(parts) > 1:
            joined = "_".join(parts)
            if len(joined) <= MAX_TERM_LEN:
                out.append(joined)
    return out


def date_key(d: date | None) -> int:
    return d.year * 10000 + d.month * 100 + d.day if d else 0


@dataclass(frozen=True)
class FulltextDoc:
    """One document to index: ``text`` is everything searchable beyond title and abstract (claims, description)."""

    id: str
    title: str = ""
    abstract: str = ""
    text: str = ""
    date: date | None = None  # priority date, else filing or publication date: the prior-art cut-off uses it
    ipc: tuple[str, ...] = ()  # filter keys, e.g. ("H04L", "H04L 9/00")


@dataclass(frozen=True)
class FulltextHit:
    id: str
    score: float
    rank: int


@dataclass
class QueryPlan:
    """What a query text became: the weighted terms actually searched (shown to the examiner for the record)."""

    body: dict[str, float] = field(default_factory=dict)
    words: dict[str, float] = field(default_factory=dict)
    truncated: bool = False

    def is_empty(self) -> bool:
        return not self.body and not self.words


def _analyzer() -> tantivy.TextAnalyzer:
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("title", tokenizer_name=ANALYZER)
    sb.add_text_field("body", tokenizer_name=ANALYZER)
    sb.add_text_field("words", tokenizer_name=ANALYZER)
    sb.add_text_field("ipc", tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("date", stored=True, indexed=True, fast=True)
    return sb.build()


def ipc_key(symbol: str) -> str:
    """``h04l  9/00`` → ``H04L 9/00``; ``H04L0009000000`` (master form) → ``H04L 9/00``; ``H04L`` stays."""
    s = re.sub(r"\s+", "", symbol.upper())
    m = re.fullmatch(r"([A-H]\d\d[A-Z])(\d{4})(\d{6})", s)
    if m:
        group = int(m.group(2))
        sub = m.group(3)[:2] if m.group(3)[2:].strip("0") == "" else m.group(3).rstrip("0")
        return f"{m.group(1)} {group}/{sub}"
    m = re.fullmatch(r"([A-H]\d\d[A-Z])(\d{1,4})/(\d{2,6})", s)
    if m:
        return f"{m.group(1)} {int(m.group(2))}/{m.group(3)}"
    return s


def ipc_filter_keys(symbols: Iterable[str]) -> tuple[str, ...]:
    """Subclass, main-group and full keys for each symbol, so a filter may name any of these levels."""
    keys: set[str] = set()
    for sym in symbols:
        k = ipc_key(sym)
        if not re.match(r"[A-H]\d\d[A-Z]", k):
            continue
        keys.add(k[:4])
        if " " in k:
            keys.add(k)
            keys.add(k.split("/")[0] + "/00")
    return tuple(sorted(keys))


class FulltextIndex:
    """A BM25 index in memory (``path=None``) or on disk; add documents, commit, search with filters."""

    def __init__(self, path: str | Path | None = None, *, create: bool = True) -> None:
        self.path = Path(path) if path else None
        schema = _schema()
        if self.path is not None:
            if create and self.path.exists():
                shutil.rmtree(self.path)
            self.path.mkdir(parents=True, exist_ok=True)
            self.index = tantivy.Index(schema, path=str(self.path), reuse=not create)
        else:
            self.index = tantivy.Index(schema)
        self.index.register_tokenizer(ANALYZER, _analyzer())
        self.schema = schema
        self._writer: tantivy.IndexWriter | None = None

    @classmethod
    def open(cls, path: str | Path) -> FulltextIndex:
        return cls(path, create=False)

    def add(self, docs: Iterable[FulltextDoc]) -> int:
        if self._writer is None:
            self._writer = self.index.writer(heap_size=128_000_000, num_threads=1)
        n = 0
        for d in docs:
            whole = "\n".join(p for p in (d.title, d.abstract, d.text) if p)
            self._writer.add_document(
                tantivy.Document(
                    id=d.id,
                    title=" ".join(body_terms(d.title)),
                    body=" ".join(body_terms(whole)),
                    words=" ".join(word_terms(whole)),
                    ipc=list(d.ipc) or [""],
                    date=date_key(d.date),
                )
            )
            n += 1
        return n

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
        self.index.reload()

    def __len__(self) -> int:
        return int(self.index.searcher().num_docs)

    def plan(self, text: str, max_terms: int = MAX_QUERY_TERMS) -> QueryPlan:
        """The weighted terms for ``text``: query frequency (dampened) times idf, the best ``max_terms`` kept."""
        searcher = self.index.searcher()
        n = max(int(searcher.num_docs), 1)
        plan = QueryPlan()
        for fld, terms in (("body", body_terms(text)), ("words", word_terms(text))):
            counts = Counter(terms)
            weights = {}
            for term, tf in counts.items():
                df = int(searcher.doc_freq(fld, term))
                if df == 0:
                    continue
                idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
                weights[term] = (1 + math.log(tf)) * idf
            best = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
            if len(best) > max_terms:
                plan.truncated = True
                best = best[:max_terms]
            top = best[0][1] if best else 1.0
            target = plan.body if fld == "body" else plan.words
            for term, w in best:
                target[term] = round(max(w / top, 0.05), 4)
        return plan

    def _filters(self, before: date | None, ipc: Sequence[str]) -> list[tuple[tantivy.Occur, tantivy.Query]]:
        out: list[tuple[tantivy.Occur, tantivy.Query]] = []
        if before is not None:
            q = tantivy.Query.range_query(
                self.schema, "date", tantivy.FieldType.Integer, 1, date_key(before), include_upper=False
            )
            out.append((tantivy.Occur.Must, q))
        if ipc:
            keys = [ipc_key(s) for s in ipc]
            out.append((tantivy.Occur.Must, tantivy.Query.term_set_query(self.schema, "ipc", keys)))
        return out

    def search_plan(
        self, plan: QueryPlan, *, limit: int = 100, before: date | None = None, ipc: Sequence[str] = ()
    ) -> list[FulltextHit]:
        if plan.is_empty() or limit <= 0:
            return []
        should = []
        for fld, terms, boost in (("body", plan.body, 1.0), ("words", plan.words, 1.5)):
            for term, w in terms.items():
                q = tantivy.Query.term_query(self.schema, fld, term, index_option="freq")
                should.append((tantivy.Occur.Should, tantivy.Query.boost_query(q, w * boost)))
            if fld == "body":  # a title hit on a body term counts extra
                for term, w in terms.items():
                    q = tantivy.Query.term_query(self.schema, "title", term, index_option="freq")
                    should.append((tantivy.Occur.Should, tantivy.Query.boost_query(q, w * 0.5)))
        query = tantivy.Query.boolean_query(should)
        filters = self._filters(before, ipc)
        if filters:
            query = tantivy.Query.boolean_query([(tantivy.Occur.Must, query), *filters])
        searcher = self.index.searcher()
        result = searcher.search(query, limit)
        hits = []
        for rank, (score, addr) in enumerate(result.hits, start=1):
            doc = searcher.doc(addr)
            hits.append(FulltextHit(id=doc["id"][0], score=float(score), rank=rank))
        return hits

    def search(
        self, text: str, *, limit: int = 100, before: date | None = None, ipc: Sequence[str] = ()
    ) -> list[FulltextHit]:
        """BM25 hits for any text (a few words or a whole specification), best first."""
        return self.search_plan(self.plan(text), limit=limit, before=before, ipc=ipc)

    def allowed(
        self, *, before: date | None = None, ipc: Sequence[str] = (), limit: int = 1_000_000
    ) -> set[str]:
        """Ids of documents passing the filters (for filtering dense results the same way)."""
        filters = self._filters(before, ipc)
        if not filters:
            raise ValueError("no filter given")
        searcher = self.index.searcher()
        result = searcher.search(tantivy.Query.boolean_query(filters), min(limit, max(len(self), 1)))
        return {searcher.doc(addr)["id"][0] for _s, addr in result.hits}
