"""How alike two trademarks are, dimension by dimension, as IP Viet Nam examiners compare them.

Examiners compare structure (spelling, presentation), pronunciation and meaning, weigh the dominant part over
secondary and weak elements, and compare the goods and services (research §6.1; Law on IP Art. 74(2)(e);
Circular 23/2023/TT-BKHCN [verify the exact points]). Each dimension here is a number in [0, 1] plus the parts
that matched, so an examiner can see why a mark was found:

* ``visual``: edit-distance ratio, character-trigram overlap and Jaro-Winkler (beginnings weigh more) of the
  folded forms, 70 % on the dominant part and 30 % on the whole; typing variants count;
* ``aural``: the same on the sound keys (:mod:`ipoffice.search.phonetic`);
* ``conceptual``: shared meaning concepts (:file:`ipoffice/data/trademarks/equivalents.csv`);
* ``containment``: the dominant part of one mark contained in the other (Vietnamese practice: "contains the
  whole or the dominant part of the earlier mark");
* ``goods``: same Nice class, the cross-class relatedness table, overlap of the goods terms.

Weak elements (VINA, place names, legal forms, generic words, non-Latin script) are taken out of the dominant
part; a mark made only of weak elements keeps them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler, Levenshtein
from rapidfuzz.fuzz import ratio

from ipoffice.search.lexicon import equivalents, nice_related, weak_elements
from ipoffice.search.phonetic import metaphone_compact, piece_key
from ipoffice.search.vn_text import NormalizedText, fold, normalize, tone_form

NON_LATIN_WEIGHT = 0.3
# containment of a dominant part one edit (Levenshtein) from a word of the other mark (BIANCO / BLANCO MILANO): as
# much as a dominant part found inside a word (0.7), for parts of NEAR_MIN letters or more (one letter is a fifth of
# a five-letter word; shorter words one letter apart are other words: BANK / BARK)
NEAR_WORD = 0.7
NEAR_MIN = 5


@dataclass(frozen=True)
class WeakPart:
    text: str
    kind: str
    weight: float


@dataclass(frozen=True)
class MarkProfile:
    """Everything the comparison needs about one mark, computed once."""

    text: str
    norm: NormalizedText
    dominant: tuple[str, ...]
    weak: tuple[WeakPart, ...]
    sound: str
    dominant_sound: str
    metaphone: str
    concepts: dict[str, str] = field(default_factory=dict)  # concept id -> the words that carry it
    weakness: float = 1.0  # below 1 when the mark is made only of weak elements (the highest weight of them)

    @cached_property  # computed once per profile (a search reads them for every candidate)
    def compacts(self) -> tuple[str, ...]:
        return (self.norm.compact, *self.norm.variants)

    @cached_property
    def dominant_compact(self) -> str:
        return "".join(self.dominant)


def profile_to_dict(p: MarkProfile) -> dict:
    """A JSON-able form stored in the index, so a search never normalises the candidates again."""
    return {
        "n": [list(p.norm.tokens), list(p.norm.tone_tokens), list(p.norm.folded), list(p.norm.pieces)]
        + [list(p.norm.base_pieces), p.norm.compact, list(p.norm.variants)],
        "d": list(p.dominant),
        "w": [[w.text, w.kind, w.weight] for w in p.weak],
        "s": [p.sound, p.dominant_sound, p.metaphone],
        "c": p.concepts,
        "k": p.weakness,
    }


def profile_from_dict(text: str, d: dict) -> MarkProfile:
    tokens, tones, folded, pieces, base_pieces, compact, variants = d["n"]
    norm = NormalizedText(
        tuple(tokens),
        tuple(tones),
        tuple(folded),
        tuple(pieces),
        tuple(base_pieces),
        compact,
        tuple(variants),
    )
    return MarkProfile(
        text=text,
        norm=norm,
        dominant=tuple(d["d"]),
        weak=tuple(WeakPart(t, k, w) for t, k, w in d["w"]),
        sound=d["s"][0],
        dominant_sound=d["s"][1],
        metaphone=d["s"][2],
        concepts=dict(d["c"]),
        weakness=d["k"],
    )


def profile_to_tuple(p: MarkProfile) -> tuple:
    """A compact form made only of tuples, strings and numbers (for :mod:`marshal`); see :func:`profile_from_tuple`."""
    n = p.norm
    return (
        n.tokens,
        n.tone_tokens,
        n.folded,
        n.pieces,
        n.base_pieces,
        n.compact,
        n.variants,
        p.dominant,
        tuple((w.text, w.kind, w.weight) for w in p.weak),
        p.sound,
        p.dominant_sound,
        p.metaphone,
        tuple(p.concepts.items()),
        p.weakness,
    )


def _built(cls: type, fields: dict) -> Any:
    """An instance of a frozen dataclass from trusted stored fields, without its per-field ``__setattr__``
    (a search decodes dozens of stored profiles; this is a third of that cost)."""
    obj: Any = object.__new__(cls)
    obj.__dict__.update(fields)
    return obj


def profile_from_tuple(text: str, t: Sequence) -> MarkProfile:
    (
        tokens,
        tones,
        folded,
        pieces,
        base_pieces,
        compact,
        variants,
        dominant,
        weak,
        sound,
        dsound,
        meta,
        c,
        k,
    ) = t
    norm = _built(
        NormalizedText,
        {
            "tokens": tokens,
            "tone_tokens": tones,
            "folded": folded,
            "pieces": pieces,
            "base_pieces": base_pieces,
            "compact": compact,
            "variants": variants,
        },
    )
    return _built(
        MarkProfile,
        {
            "text": text,
            "norm": norm,
            "dominant": dominant,
            "weak": tuple(WeakPart(*w) for w in weak) if weak else (),
            "sound": sound,
            "dominant_sound": dsound,
            "metaphone": meta,
            "concepts": dict(c),
            "weakness": k,
            # the cached properties, filled now (a search reads both for every decoded candidate)
            "compacts": (compact, *variants),
            "dominant_compact": "".join(dominant),
        },
    )


@lru_cache(maxsize=500_000)
def trigrams(text: str) -> frozenset[str]:
    padded = f"^{text}$"
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2)) if text else frozenset()


# kinds of weak element that are words of their own: "co" in BIANCO or "sa" in CASA is no company
WHOLE_WORD_KINDS = frozenset({"legal_form", "function"})


def _weak_spans(norm: NormalizedText) -> list[tuple[int, int, WeakPart]]:
    """Runs of pieces that are weak elements. A legal form or function word counts only as whole words; an origin,
    place or generic word counts also as syllables joined into a word (VINAMILK, HANOIMILK)."""
    table = weak_elements()
    pieces = norm.pieces
    owner = _piece_tokens(norm)
    whole = len(owner) == len(pieces)

    def starts_word(i: int) -> bool:
        return i == 0 or owner[i - 1] != owner[i]

    def ends_word(j: int) -> bool:
        return j == len(pieces) or owner[j] != owner[j - 1]

    spans: list[tuple[int, int, WeakPart]] = []
    i = 0
    while i < len(pieces):
        hit = None
        for j in range(min(len(pieces), i + 4), i, -1):  # longest weak element first
            key = "".join(pieces[i:j])
            if key in table:
                el = table[key]
                if el.kind in WHOLE_WORD_KINDS and not (whole and starts_word(i) and ends_word(j)):
                    continue
                hit = (i, j, WeakPart(" ".join(pieces[i:j]), el.kind, el.weight))
                break
        if hit is None and not pieces[i].isascii():
            hit = (i, i + 1, WeakPart(pieces[i], "script", NON_LATIN_WEIGHT))
        if hit:
            spans.append(hit)
            i = hit[1]
        else:
            i += 1
    return spans


def _piece_tokens(norm: NormalizedText) -> list[int]:
    """For each piece, the index of the token it was cut from."""
    owner: list[int] = []
    for t, folded in enumerate(norm.folded):
        length = 0
        while length < len(folded) and len(owner) < len(norm.pieces):
            owner.append(t)
            length += len(norm.pieces[len(owner) - 1])
    return owner


def _concepts(norm: NormalizedText) -> dict[str, str]:
    """Concepts named by the mark; in a mark written with diacritics a word must match the listed spelling."""
    table = equivalents()
    pieces = norm.pieces
    owner = _piece_tokens(norm)
    found: dict[str, str] = {}
    # a mark written with diacritics anywhere is read as written: its plain "vang" is not "vàng"
    accented = any(tone_form(t) != f for t, f in zip(norm.tokens, norm.folded, strict=True))
    i = 0
    while i < len(pieces):
        matched = 0
        for j in range(min(len(pieces), i + 3), i, -1):
            key = "".join(pieces[i:j])
            candidates = table.get(key)
            if not candidates:
                continue
            tokens = sorted({owner[k] for k in range(i, j)}) if owner else []
            whole = tokens and "".join(norm.folded[t] for t in tokens) == key
            if accented and whole:
                tone_key = "".join(norm.tone_tokens[t] for t in tokens)
                candidates = [c for c in candidates if c.tone_key == tone_key]
            for c in candidates:
                found.setdefault(c.concept, " ".join(pieces[i:j]))
            if candidates:
                matched = j - i
                break
        i += matched or 1
    return found


@lru_cache(maxsize=400_000)
def profile(text: str) -> MarkProfile:
    norm = normalize(text)
    pieces = norm.pieces
    spans = _weak_spans(norm)
    weak_idx = {k for s, e, _ in spans for k in range(s, e)}
    dominant_idx = [k for k in range(len(pieces)) if k not in weak_idx] or list(range(len(pieces)))
    keys = [piece_key(p) for p in norm.base_pieces]
    return MarkProfile(
        text=text,
        norm=norm,
        dominant=tuple(pieces[k] for k in dominant_idx),
        weak=tuple(w for _, _, w in spans) if len(dominant_idx) < len(pieces) else (),
        sound="".join(keys).replace("#", ""),
        dominant_sound="".join(keys[k] for k in dominant_idx).replace("#", ""),
        # English sound rules say nothing about a mark written in Vietnamese (with its diacritics)
        metaphone=""
        if any(t != f for t, f in zip(norm.tone_tokens, norm.folded, strict=True))
        else metaphone_compact(norm),
        concepts=_concepts(norm),
        weakness=max(w.weight for _, _, w in spans) if pieces and len(weak_idx) == len(pieces) else 1.0,
    )


def _spelling(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ta, tb = trigrams(a), trigrams(b)
    dice = 2 * len(ta & tb) / (len(ta) + len(tb))
    return 0.45 * ratio(a, b) / 100 + 0.3 * dice + 0.25 * JaroWinkler.normalized_similarity(a, b)


class Comparison:
    """Per-dimension scores of an earlier mark against the sign searched, with the parts that matched.

    ``reasons`` are worked out when first read: a search compares more marks than it shows, and explains only
    the ones it shows (the same reasons, from the same numbers, whenever they are read)."""

    __slots__ = ("visual", "aural", "conceptual", "containment", "mark", "_reasons", "_why")

    def __init__(
        self,
        visual: float,
        aural: float,
        conceptual: float,
        containment: float,
        mark: float,
        reasons: list[tuple[str, dict[str, str]]] | None = None,
        why: tuple | None = None,
    ) -> None:
        self.visual = visual
        self.aural = aural
        self.conceptual = conceptual
        self.containment = containment
        self.mark = mark
        self._reasons = reasons
        self._why = why

    @property
    def reasons(self) -> list[tuple[str, dict[str, str]]]:
        if self._reasons is None:
            self._reasons = _reasons(*self._why) if self._why is not None else []
            self._why = None
        return self._reasons

    def dimensions(self) -> dict[str, float]:
        return {
            "visual": round(self.visual, 3),
            "aural": round(self.aural, 3),
            "conceptual": round(self.conceptual, 3),
            "containment": round(self.containment, 3),
        }


def _contained(part: Sequence[str], whole: Sequence[str], whole_compact: str) -> float:
    """0.9 when ``part`` is a run of whole pieces of ``whole``, 0.7 when only a substring (4+ letters), else 0."""
    if not part:
        return 0.0
    n = len(part)
    for i in range(len(whole) - n + 1):
        if tuple(whole[i : i + n]) == tuple(part):
            return 0.9
    joined = "".join(part)
    if len(joined) >= 4 and joined in whole_compact:
        return 0.7
    return 0.0


def _word_runs(words: Sequence[str]) -> list[str]:
    """The words of a mark and each two neighbouring words joined (a part may be written as one word or two),
    those that are only part of the mark: one edit from the whole mark is a matter of spelling (visual), not of
    containment (MILANO / MILANI)."""
    if len(words) < 2:
        return []
    pairs = [a + b for a, b in zip(words, words[1:], strict=False)] if len(words) > 2 else []
    return [*words, *pairs]


def _near_word(part: str, words: Sequence[str]) -> str | None:
    """The first word (or two neighbouring words joined) of the other mark one edit from ``part``, if any."""
    if len(part) < NEAR_MIN:
        return None
    for w in _word_runs(words):
        if abs(len(w) - len(part)) <= 1 and Levenshtein.distance(part, w, score_cutoff=1) <= 1:
            return w
    return None


def _containments(sign: MarkProfile, earlier: MarkProfile) -> tuple[float, float]:
    """(earlier's dominant part in the sign, the sign's in the earlier mark), before the short-part halving."""
    earlier_in = _contained(earlier.dominant, sign.norm.pieces, sign.norm.compact)
    if not earlier_in and _near_word(earlier.dominant_compact, sign.norm.folded):
        earlier_in = NEAR_WORD
    sign_in = _contained(sign.dominant, earlier.norm.pieces, earlier.norm.compact)
    if not sign_in and _near_word(sign.dominant_compact, earlier.norm.folded):
        sign_in = NEAR_WORD
    return earlier_in * earlier.weakness, sign_in * 0.9 * sign.weakness


def compare(sign: MarkProfile, earlier: MarkProfile) -> Comparison:
    full = max(_spelling(a, b) for a in sign.compacts for b in earlier.compacts)
    dom = _spelling(sign.dominant_compact, earlier.dominant_compact)
    sound_full = ratio(sign.sound, earlier.sound) / 100 if sign.sound and earlier.sound else 0.0
    sound_dom = ratio(sign.dominant_sound, earlier.dominant_sound) / 100 if sign.dominant_sound else 0.0
    meta = ratio(sign.metaphone, earlier.metaphone) / 100 if sign.metaphone and earlier.metaphone else 0.0
    return _finish(sign, earlier, full, dom, sound_full, sound_dom, meta)


def trigram_count(text: str) -> int:
    """``len(trigrams(text))`` (stored with each indexed mark so that a search never builds its trigram set)."""
    return len(trigrams(text))


def compare_many(
    sign: MarkProfile, earlier: Sequence[MarkProfile], gram_counts: Sequence[Sequence[int]] | None = None
) -> list[Comparison]:
    """``[compare(sign, e) for e in earlier]``, the same numbers, with the string measures of all the marks
    computed in a few batched rapidfuzz calls and the dimensions as numpy arrays over the marks (the same float
    operations in the same order as :func:`_finish`). ``gram_counts[i]``: the trigram counts of
    ``earlier[i].compacts`` followed by that of its dominant part (see :func:`trigram_count`), when the caller has
    them stored."""
    if not earlier:
        return []
    n = len(earlier)
    starts: list[int] = []  # each mark's first column among the compact forms
    compacts: list[str] = []
    counts: list[int] = []
    for i, e in enumerate(earlier):
        cs = e.compacts
        starts.append(len(compacts))
        compacts.extend(cs)
        counts.extend(gram_counts[i][: len(cs)] if gram_counts is not None else map(trigram_count, cs))
    doms = [e.dominant_compact for e in earlier]
    dom_counts = [g[-1] for g in gram_counts] if gram_counts is not None else [trigram_count(d) for d in doms]
    signs = list(sign.compacts)
    r_full = process.cdist(signs, compacts, scorer=ratio, dtype=np.float64, workers=1)
    j_full = process.cdist(
        signs, compacts, scorer=JaroWinkler.normalized_similarity, dtype=np.float64, workers=1
    )
    sign_dom = sign.dominant_compact
    r_dom = process.cdist([sign_dom], doms, scorer=ratio, dtype=np.float64, workers=1)[0]
    j_dom = process.cdist(
        [sign_dom], doms, scorer=JaroWinkler.normalized_similarity, dtype=np.float64, workers=1
    )[0]
    sounds = process.cdist(
        [sign.sound], [e.sound for e in earlier], scorer=ratio, dtype=np.float64, workers=1
    )[0]
    dom_sounds = process.cdist(
        [sign.dominant_sound], [e.dominant_sound for e in earlier], scorer=ratio, dtype=np.float64, workers=1
    )[0]
    metas = process.cdist(
        [sign.metaphone], [e.metaphone for e in earlier], scorer=ratio, dtype=np.float64, workers=1
    )[0]

    def spelling(a: str, bs: list[str], nbs: list[int], r: np.ndarray, j: np.ndarray) -> np.ndarray:
        """:func:`_spelling` of ``a`` against each of ``bs`` (``nbs``: their trigram counts)."""
        if not a:
            return np.zeros(len(bs))
        ta = trigrams(a)
        # a trigram of ^a$ inside ^b$ is a trigram of ^b$
        common = np.array([sum(map(f"^{b}$".__contains__, ta)) for b in bs], dtype=np.float64)
        dice = 2 * common / (len(ta) + np.array(nbs, dtype=np.float64))
        out = 0.45 * r / 100 + 0.3 * dice + 0.25 * j
        out[np.array([b == a for b in bs], dtype=bool)] = 1.0
        out[np.array([not b for b in bs], dtype=bool)] = 0.0
        return out

    by_col = np.max(
        [spelling(a, compacts, counts, r_full[k], j_full[k]) for k, a in enumerate(signs)], axis=0
    )
    full = np.maximum.reduceat(by_col, starts)
    dom = spelling(sign_dom, doms, dom_counts, r_dom, j_dom)
    has_sound = np.array([bool(e.sound) for e in earlier], dtype=bool)
    sound_full = np.where(has_sound, sounds / 100, 0.0) if sign.sound else np.zeros(n)
    sound_dom = dom_sounds / 100 if sign.dominant_sound else np.zeros(n)
    has_meta = np.array([bool(e.metaphone) for e in earlier], dtype=bool)
    meta = np.where(has_meta, metas / 100, 0.0) if sign.metaphone else np.zeros(n)
    # the dimensions, as in _finish
    weak = np.array([bool(e.weak) for e in earlier], dtype=bool)
    visual = 0.3 * full + 0.7 * (np.maximum(dom, full) if not sign.weak else dom)
    if not sign.weak:
        visual = np.where(weak, 0.3 * full + 0.7 * dom, visual)
    same_letters = [sign.norm.compact == e.norm.compact for e in earlier]
    sign_tones = sign.norm.tone_key.replace(" ", "") if any(same_letters) else ""
    same_tones = [
        same and sign_tones == e.norm.tone_key.replace(" ", "")
        for same, e in zip(same_letters, earlier, strict=True)
    ]
    other_tones = np.array([a and not b for a, b in zip(same_letters, same_tones, strict=True)], dtype=bool)
    if other_tones.any():
        visual = np.where(other_tones, visual * 0.97, visual)
    aural = np.maximum(0.3 * sound_full + 0.7 * sound_dom, 0.9 * meta)
    dsound = sign.dominant_sound
    same_sound = [bool(dsound) and dsound == e.dominant_sound for e in earlier]
    if any(same_sound):
        aural = np.where(np.array(same_sound, dtype=bool), np.maximum(aural, 0.95), aural)
    conceptual = np.zeros(n)
    shared_of: list[set[str]] = [set()] * n
    if sign.concepts:
        for i, e in enumerate(earlier):
            if e.concepts:
                shared = set(sign.concepts) & set(e.concepts)
                if shared:
                    shared_of[i] = shared
                    conceptual[i] = _conceptual(sign, e, shared)
    # containment: the dominant part of one inside the other
    sign_pieces, sign_compact, sign_dominant = sign.norm.pieces, sign.norm.compact, sign.dominant
    short_sign = len(sign.dominant_compact) < 3
    earlier_in: list[float] = []
    sign_in: list[float] = []
    contained = np.zeros(n)
    # a run of pieces, joined, is inside the pieces joined: marks that fail both substring tests need no more
    sign_joined = "".join(sign_pieces)
    sign_part = sign.dominant_compact
    near_e, near_s = _near_many(sign, earlier)
    for i, e in enumerate(earlier):
        part = e.dominant_compact
        if part in sign_joined or part in sign_compact:
            e_in = _contained(e.dominant, sign_pieces, sign_compact)
        else:
            e_in = 0.0
        e_in = (e_in or (NEAR_WORD if near_e[i] else 0.0)) * e.weakness
        if sign_part in e.norm.compact or sign_part in "".join(e.norm.pieces):
            s_in = _contained(sign_dominant, e.norm.pieces, e.norm.compact)
        else:
            s_in = 0.0
        s_in = (s_in or (NEAR_WORD if near_s[i] else 0.0)) * 0.9 * sign.weakness
        earlier_in.append(e_in)
        sign_in.append(s_in)
        c = max(e_in, s_in)
        if c and (short_sign or len(e.dominant_compact) < 3):
            c *= 0.5  # one or two letters inside a longer word prove little
        contained[i] = c
    top = np.maximum(np.maximum(visual, aural), np.maximum(conceptual, contained))
    mark = np.minimum(1.0, 0.75 * top + 0.25 * (visual + aural) / 2)
    return [
        Comparison(v, a, c, k, m, why=(sign, e, v, a, sl, st, ss, sh, ei, si))
        for v, a, c, k, m, e, sl, st, ss, sh, ei, si in zip(
            visual.tolist(),
            aural.tolist(),
            conceptual.tolist(),
            contained.tolist(),
            mark.tolist(),
            earlier,
            same_letters,
            same_tones,
            same_sound,
            shared_of,
            earlier_in,
            sign_in,
            strict=True,
        )
    ]


def _near_many(sign: MarkProfile, earlier: Sequence[MarkProfile]) -> tuple[np.ndarray, np.ndarray]:
    """For each earlier mark, whether its dominant part is one edit from a word (run) of the sign, and whether the
    sign's is one edit from a word (run) of it: :func:`_near_word` for all the marks in two batched calls."""
    n = len(earlier)
    near_e = np.zeros(n, dtype=bool)
    near_s = np.zeros(n, dtype=bool)
    sign_runs = _word_runs(sign.norm.folded)
    doms = [e.dominant_compact for e in earlier]
    if sign_runs and any(len(d) >= NEAR_MIN for d in doms):
        dist = process.cdist(doms, sign_runs, scorer=Levenshtein.distance, score_cutoff=1, workers=1)
        long = np.array([len(d) >= NEAR_MIN for d in doms], dtype=bool)
        near_e = long & (dist.min(axis=1) <= 1)
    part = sign.dominant_compact
    if len(part) >= NEAR_MIN:
        runs: list[str] = []
        owner: list[int] = []
        for i, e in enumerate(earlier):
            rs = _word_runs(e.norm.folded)
            runs.extend(rs)
            owner.extend([i] * len(rs))
        if runs:
            dist1 = process.cdist([part], runs, scorer=Levenshtein.distance, score_cutoff=1, workers=1)[0]
            near_s[np.array(owner)[dist1 <= 1]] = True
    return near_e, near_s


def _conceptual(sign: MarkProfile, earlier: MarkProfile, shared: set[str]) -> float:
    conceptual = len(shared) / max(len(sign.concepts), len(earlier.concepts))

    def coverage(p: MarkProfile) -> float:  # share of the dominant words that carry a shared meaning
        covered = sum(len(p.concepts[c].split()) for c in shared)
        return min(1.0, covered / max(1, len(p.dominant)))

    conceptual *= 0.6 + 0.4 * min(coverage(sign), coverage(earlier))
    conceptual *= 0.95 if sign.norm.compact != earlier.norm.compact else 1.0
    return conceptual


def _finish(
    sign: MarkProfile,
    earlier: MarkProfile,
    full: float,
    dom: float,
    sound_full: float,
    sound_dom: float,
    meta: float,
) -> Comparison:
    """The dimensions from the string measures (shared by :func:`compare` and :func:`compare_many`); the reasons
    are kept as the numbers they are read from (:func:`_reasons`)."""
    # visual: every spelling variant of both marks, whole and dominant part
    visual = 0.3 * full + 0.7 * max(dom, full if not sign.weak and not earlier.weak else dom)
    same_letters = sign.norm.compact == earlier.norm.compact
    same_tones = same_letters and (
        sign.norm.tone_key.replace(" ", "") == earlier.norm.tone_key.replace(" ", "")
    )
    if same_letters and not same_tones:
        visual *= 0.97  # same letters, other tones: still very close, ranked just below identical
    # aural
    aural = max(0.3 * sound_full + 0.7 * sound_dom, 0.9 * meta)
    same_sound = bool(sign.dominant_sound) and sign.dominant_sound == earlier.dominant_sound
    if same_sound:
        aural = max(aural, 0.95)
    # conceptual
    conceptual = 0.0
    shared = set(sign.concepts) & set(earlier.concepts) if sign.concepts and earlier.concepts else set()
    if shared:
        conceptual = _conceptual(sign, earlier, shared)
    # containment (structure): the dominant part of one inside the other, or one letter from a word of it
    earlier_in, sign_in = _containments(sign, earlier)
    contained = max(earlier_in, sign_in)
    if contained and min(len(sign.dominant_compact), len(earlier.dominant_compact)) < 3:
        contained *= 0.5  # one or two letters inside a longer word prove little
    top = max(visual, aural, conceptual, contained)
    mark = min(1.0, 0.75 * top + 0.25 * (visual + aural) / 2)
    why = (sign, earlier, visual, aural, same_letters, same_tones, same_sound, shared, earlier_in, sign_in)
    return Comparison(visual, aural, conceptual, contained, mark, why=why)


def _reasons(
    sign: MarkProfile,
    earlier: MarkProfile,
    visual: float,
    aural: float,
    same_letters: bool,
    same_tones: bool,
    same_sound: bool,
    shared: set[str],
    earlier_in: float,
    sign_in: float,
) -> list[tuple[str, dict[str, str]]]:
    """Why an earlier mark was found: the parts that matched, from the numbers :func:`_finish` computed."""
    reasons: list[tuple[str, dict[str, str]]] = []
    if same_letters:
        if same_tones:
            reasons.append(("tm.why.identical", {"text": earlier.text}))
        else:
            reasons.append(
                ("tm.why.same_letters_other_tones", {"a": sign.norm.tone_key, "b": earlier.norm.tone_key})
            )
    elif (len(sign.compacts) > 1 or len(earlier.compacts) > 1) and set(sign.compacts) & set(earlier.compacts):
        reasons.append(("tm.why.variant", {"text": sorted(set(sign.compacts) & set(earlier.compacts))[0]}))
    elif visual >= 0.6:
        reasons.append(("tm.why.spelling", {"a": sign.dominant_compact, "b": earlier.dominant_compact}))
    if same_sound:
        reasons.append(("tm.why.same_sound", {"sound": sign.dominant_sound}))
    elif aural >= 0.75:
        reasons.append(("tm.why.similar_sound", {"a": sign.dominant_sound, "b": earlier.dominant_sound}))
    for concept in sorted(shared):
        reasons.append(
            (
                "tm.why.meaning",
                {"a": sign.concepts[concept], "b": earlier.concepts[concept], "concept": concept},
            )
        )
    if earlier_in:
        reasons.append(_contained_reason(earlier, sign, "earlier"))
    if sign_in > earlier_in:
        reasons.append(_contained_reason(sign, earlier, "sign"))
    # the reasons above are distinct by construction (one of each code, or one per shared concept); only the
    # weak parts of the two marks and their weakness can repeat: each is added once, in order
    for part in (*sign.weak, *earlier.weak):
        item = ("tm.why.weak", {"part": part.text, "kind": part.kind})
        if item not in reasons:
            reasons.append(item)
    for p in (sign, earlier):
        if p.weakness < 1:
            item = ("tm.why.only_weak", {"text": p.text})
            if item not in reasons:
                reasons.append(item)
    return reasons


def dominant_text(p: MarkProfile) -> str:
    """The dominant part as the examiner reads it: its syllables joined back into the mark's words (BIANCO, not
    "bi an co"), words separated by a space."""
    pieces = p.norm.pieces
    if len(p.dominant) == len(pieces):  # no weak part: the mark's words
        return " ".join(p.norm.folded)
    owner = _piece_tokens(p.norm)
    if len(owner) != len(pieces):
        return " ".join(p.dominant)
    out: list[str] = []
    last = -1
    k = 0
    for i, piece in enumerate(pieces):  # the dominant pieces are a subsequence of the pieces, in order
        if k < len(p.dominant) and piece == p.dominant[k]:
            out.append(piece if owner[i] == last and out else f" {piece}")
            last = owner[i]
            k += 1
        else:
            last = -1
    return "".join(out).strip() if k == len(p.dominant) else " ".join(p.dominant)


def _contained_reason(part_of: MarkProfile, other: MarkProfile, which: str) -> tuple[str, dict[str, str]]:
    """Why ``part_of``'s dominant part counts as contained in ``other``: as it is, or one letter off a word."""
    part = dominant_text(part_of)
    if not _contained(part_of.dominant, other.norm.pieces, other.norm.compact):
        word = _near_word(part_of.dominant_compact, other.norm.folded)
        if word is not None:
            return (f"tm.why.{which}_near", {"part": part, "word": word})
    return (f"tm.why.{which}_contained", {"part": part})


# --- goods and services ----------------------------------------------------------------------------------------

_GOODS_STOP = {
    "and",
    "the",
    "for",
    "all",
    "being",
    "other",
    "not",
    "included",
    "with",
    "from",
    "of",
    "in",
    "or",
}


def goods_terms(text: str) -> set[str]:
    return {w for w in fold(text).split() if len(w) >= 3 and w not in _GOODS_STOP}


@dataclass
class GoodsComparison:
    score: float
    reasons: list[tuple[str, dict[str, str]]]


def compare_goods(
    sign_classes: Iterable[int],
    earlier_classes: Iterable[int],
    sign_goods: str = "",
    earlier_goods: str = "",
) -> GoodsComparison:
    """1.0 for a shared Nice class, the table's strength for related classes, else the goods-term overlap."""
    sc, ec = set(sign_classes), set(earlier_classes)
    reasons: list[tuple[str, dict[str, str]]] = []
    score = 0.0
    same = sorted(sc & ec)
    if same:
        score = 1.0
        reasons.append(("tm.why.same_class", {"classes": ", ".join(map(str, same))}))
    else:
        table = nice_related()
        best = max(((table.get((a, b), (0.0, ""))[0], a, b) for a in sc for b in ec), default=(0.0, 0, 0))
        if best[0] > 0:
            score = best[0]
            reasons.append(
                (
                    "tm.why.related_class",
                    {"a": str(best[1]), "b": str(best[2]), "reason": table[(best[1], best[2])][1]},
                )
            )
    if sign_goods and earlier_goods:
        ta, tb = goods_terms(sign_goods), goods_terms(earlier_goods)
        if ta and tb:
            common = ta & tb
            overlap = len(common) / min(len(ta), len(tb))
            if overlap > 0 and 0.8 * overlap > score:
                score = 0.8 * overlap
            if common:
                reasons.append(("tm.why.goods_terms", {"terms": ", ".join(sorted(common)[:8])}))
    return GoodsComparison(score, reasons)
