"""Trademark conflict search: candidates from the keyed index, re-ranked by :mod:`tm_similarity`, each explained.

Marks come from a :class:`MarkSource` (an in-memory list or a JSONL file now; the office register once its adapter
exists), so the same engine serves the examiner, the CLI and a public pre-filing check. A search never scans the
whole register: the index returns at most ``candidates`` marks sharing a key with the sign (a spelling trigram,
a syllable or word, a sound key, a meaning concept, or the mark or one of its words within one edit), and only
those are compared in full.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ipoffice.assist import tm_messages  # noqa: F401  (registers the messages)
from ipoffice.assist.tm_similarity import (
    MarkProfile,
    compare,
    compare_goods,
    profile,
    profile_from_dict,
    profile_to_dict,
    trigrams,
)
from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.search.keyed_index import KeyedIndex, TermGroup
from ipoffice.search.phonetic import piece_key

KEY_FIELDS = ("compact", "pieces", "grams", "sound", "concept", "del1")
DELETE_KEY_LENGTHS = range(4, 15)  # words this long get one-deletion keys (one edit apart = a shared key)
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


def deletion_keys(words: Iterable[str]) -> list[str]:
    """Each word and every form of it with one letter deleted ("symmetric delete"): two words one edit apart
    (a letter replaced, added, dropped) always share a key, found by plain term lookups instead of a fuzzy
    automaton over the whole term dictionary (which cost 15-25 ms a query at 500,000 marks)."""
    out: set[str] = set()
    for w in words:
        if len(w) in DELETE_KEY_LENGTHS:
            out.add(w)
            out.update(w[:i] + w[i + 1 :] for i in range(len(w)))
    return sorted(out)


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
        "del1": deletion_keys([p.norm.compact, p.dominant_compact, *p.norm.pieces]),
    }


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


class TrademarkSearch:
    """The conflict-search engine over one register snapshot."""

    def __init__(self, index: KeyedIndex) -> None:
        self.index = index

    @classmethod
    def build(cls, source: MarkSource, path: Path | None = None) -> TrademarkSearch:
        def docs() -> Iterator[tuple[str, dict, str, dict[str, list[str]]]]:
            for rec in source.marks():
                p = profile(rec.mark)
                yield rec.number, {"r": rec.payload(), "p": profile_to_dict(p)}, rec.mark, mark_keys(p)

        return cls(KeyedIndex.build(docs(), KEY_FIELDS, path))

    @classmethod
    def open(cls, path: Path) -> TrademarkSearch:
        return cls(KeyedIndex.open(path))

    def __len__(self) -> int:
        return len(self.index)

    def candidates(self, sign: MarkProfile, limit: int) -> list[tuple[MarkRecord, MarkProfile]]:
        keys = mark_keys(sign)
        groups = [
            TermGroup("compact", keys["compact"], 8.0),
            TermGroup("pieces", keys["pieces"], 2.0),
            TermGroup("grams", keys["grams"], 1.0),
            TermGroup("sound", keys["sound"], 2.0),
            TermGroup("concept", keys["concept"], 4.0),
            TermGroup("del1", keys["del1"], 1.5),  # one edit away, whole mark or word: BIANCO finds BLANCO
        ]
        found = self.index.search(groups, (), sign.norm.folded, limit=limit)
        out = []
        for c in found:
            rec = MarkRecord.from_payload(c.payload["r"])
            out.append((rec, profile_from_dict(rec.mark, c.payload["p"])))
        return out

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
        hits = []
        for rec, earlier in self.candidates(sign, max(candidates, limit)):
            cmp = compare(sign, earlier)
            dims = cmp.dimensions()
            score = cmp.mark
            reasons = list(cmp.reasons)
            if wanted:
                goods_cmp = compare_goods(wanted, rec.classes, goods, rec.goods)
                goods_score = goods_cmp.score if rec.classes or rec.goods else UNKNOWN_GOODS
                dims["goods"] = round(goods_score, 3)
                score *= GOODS_FLOOR + (1 - GOODS_FLOOR) * goods_score
                reasons.extend(goods_cmp.reasons)
            dims["mark"] = round(cmp.mark, 3)
            hits.append(Hit(rec, round(100 * score, 1), dims, reasons))
        hits.sort(key=lambda h: (-h.score, -h.dimensions["mark"], h.record.number))
        return hits[:limit]
