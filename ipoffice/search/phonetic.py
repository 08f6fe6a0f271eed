"""Sound keys for mark text: a Vietnamese key folding dialect mergers, Double Metaphone for foreign words.

The Vietnamese key works syllable by syllable on the diacritics-free form with đ kept (``base_pieces`` of
:func:`ipoffice.search.vn_text.normalize`). Tones are dropped, so the southern hỏi/ngã merger is folded too.
Mergers folded (research §6.4; linguistic knowledge, to be validated with examiners [verify]):

* initials d, gi, r → /z/ (northern) and v, d, gi → /j/ (southern): all four written as ``z``;
* tr → ch (northern); s → x is written ``s`` (northern);
* c, k, q(u) → ``c`` (one sound /k/, three spellings); gh → g; ngh → ng; ph → f (and Latin f);
* finals -ng and -nh → ``n``, -c and -ch → ``t`` (southern: -n/-ng and -t/-c merge);
* vowels: y → i (one sound); the vowel shapes (a/ă/â, o/ô/ơ, u/ư, e/ê) are already folded.
Not folded, on purpose: đ stays apart from d (/d/ vs /z/); l/n (a local northern merger that would
over-merge); southern qu-/hu- → w.

Foreign (non-syllable) pieces use Double Metaphone on the folded form; it needs ASCII input.
"""

from __future__ import annotations

from functools import lru_cache

from metaphone import doublemetaphone

from ipoffice.search.vn_text import NormalizedText, is_syllable, segment

_INITIAL_MAP = [
    ("ngh", "ng"),
    ("ng", "ng"),
    ("nh", "nh"),
    ("gh", "g"),
    ("gi", "z"),
    ("kh", "kh"),
    ("ph", "f"),
    ("qu", "cu"),
    ("th", "th"),
    ("tr", "ch"),
    ("ch", "ch"),
    ("đ", "đ"),
    ("d", "z"),
    ("r", "z"),
    ("v", "z"),
    ("x", "s"),
    ("k", "c"),
    ("q", "c"),
    ("f", "f"),
]
_FINAL_MAP = [("ng", "n"), ("nh", "n"), ("ch", "t"), ("c", "t")]


@lru_cache(maxsize=65536)
def vn_syllable_key(base_piece: str) -> str:
    """The merged sound key of one syllable written without tones (đ kept): ``trung`` → ``chun``."""
    s = base_piece
    initial = ""
    for src, dst in _INITIAL_MAP:
        if s.startswith(src) and len(s) > len(src):
            initial, s = dst, s[len(src) :]
            break
    for src, dst in _FINAL_MAP:
        if s.endswith(src) and len(s) > len(src):
            s = s[: -len(src)] + dst
            break
    return (initial + s.replace("y", "i")).replace("đ", "d") if initial != "đ" else "đ" + s.replace("y", "i")


@lru_cache(maxsize=1_000_000)
def metaphone_key(piece: str) -> str:
    ascii_piece = piece.replace("đ", "d")
    if not ascii_piece.isascii():
        return ascii_piece
    primary = doublemetaphone(ascii_piece)[0]
    return primary or ascii_piece


@lru_cache(maxsize=500_000)
def piece_key(base_piece: str) -> str:
    """Vietnamese key for a piece made of syllables (``vina`` = vi + na), Double Metaphone (``#``) for others."""
    if is_syllable(base_piece):
        return vn_syllable_key(base_piece)
    syllables = segment(base_piece.replace("đ", "d"))
    if len(syllables) > 1 and all(is_syllable(s) for s in syllables):
        out, pos = [], 0
        for syl in syllables:  # cut the đ-keeping form at the same places
            out.append(vn_syllable_key(base_piece[pos : pos + len(syl)]))
            pos += len(syl)
        return "".join(out)
    return "#" + metaphone_key(base_piece)


def sound_keys(norm: NormalizedText) -> tuple[str, ...]:
    """One sound key per piece of the mark."""
    return tuple(piece_key(p) for p in norm.base_pieces)


def metaphone_compact(norm: NormalizedText) -> str:
    """Double Metaphone of the whole joined mark (how an English speaker would say it, for foreign marks)."""
    return metaphone_key(norm.compact) if norm.compact.isascii() else ""
