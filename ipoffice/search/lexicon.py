"""The curated trademark word lists shipped in ``ipoffice/data/trademarks`` (see its SOURCE.md), loaded once.

* weak elements (VINA, VIET, place names, legal forms, generic goods words) with the weight each keeps;
* meaning equivalents (Vietnamese ↔ English, Sino-Vietnamese) as concept ids;
* the Nice cross-class relatedness table.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ipoffice.search.vn_text import clean_tokens, fold, tone_form

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "trademarks"


@dataclass(frozen=True)
class WeakElement:
    term: str
    kind: str
    weight: float


@dataclass(frozen=True)
class Equivalent:
    concept: str
    lang: str
    term: str
    folded: str  # compact folded form, e.g. "hoanggia"
    tone_key: str  # compact tone-aware form, e.g. "hoang2gia"


def _rows(name: str) -> list[dict[str, str]]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def compact_fold(text: str) -> str:
    return fold(text).replace(" ", "")


def compact_tone(text: str) -> str:
    return "".join(tone_form(t) for t in clean_tokens(text))


@lru_cache(maxsize=1)
def weak_elements() -> dict[str, WeakElement]:
    """Compact folded form → weak element (the lowest weight wins when two terms fold alike)."""
    out: dict[str, WeakElement] = {}
    for row in _rows("weak_elements.csv"):
        key = compact_fold(row["term"])
        el = WeakElement(row["term"], row["kind"], float(row["weight"]))
        if key not in out or el.weight < out[key].weight:
            out[key] = el
    return out


@lru_cache(maxsize=1)
def equivalents() -> dict[str, list[Equivalent]]:
    """Compact folded form → the equivalents spelled that way (several when folding collides)."""
    out: dict[str, list[Equivalent]] = {}
    for row in _rows("equivalents.csv"):
        eq = Equivalent(
            row["concept"], row["lang"], row["term"], compact_fold(row["term"]), compact_tone(row["term"])
        )
        out.setdefault(eq.folded, []).append(eq)
    return out


@lru_cache(maxsize=1)
def nice_related() -> dict[tuple[int, int], tuple[float, str]]:
    """(class, class) → (strength, reason), both orders."""
    out: dict[tuple[int, int], tuple[float, str]] = {}
    for row in _rows("nice_related.csv"):
        a, b = int(row["class_a"]), int(row["class_b"])
        out[(a, b)] = out[(b, a)] = (float(row["strength"]), row["reason"])
    return out


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Single-piece words used to split joined marks (``vinamilk`` → ``vina`` + ``milk``)."""
    words = set(weak_elements()) | set(equivalents())
    return frozenset(w for w in words if len(w) >= 2)
