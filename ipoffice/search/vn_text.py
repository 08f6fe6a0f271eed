"""One normalisation of mark text, shared by indexing and queries (Vietnamese first, any Latin script).

What a mark becomes (see :class:`NormalizedText`):

* ``tokens``: Unicode NFC (after NFKC for full-width and ligature forms), lower case, look-alike letters from Cyrillic
  and Greek mapped to Latin, punctuation removed (apostrophes joined, everything else a space);
* ``tone_tokens``: a tone-aware canonical form for ranking, the vowel shapes kept and the tone written as a digit
  at the end (``Hoà`` and ``Hòa`` are both ``hoa2``; ``Việt`` is ``viêt5``), so that tone placement and NFC/NFD
  differences vanish but tones still count;
* ``folded``: the diacritics-free key (``đ`` → ``d``; NFD plus removing combining marks does *not* do that);
* ``pieces``: joined syllables split (``VINAMILK`` → ``vina milk``, ``TRUNGNGUYEN`` → ``trung nguyen``) using
  a Vietnamese syllable inventory plus a small vocabulary of known brand words;
* ``compact``: the folded tokens joined without spaces, so ``VINA MILK`` and ``VINAMILK`` share one key;
* typing artefacts are repaired in every form above (Telex ``vieejt`` and VNI ``vie65t`` → ``viêt5`` / ``viet``)
  when the result is a valid Vietnamese syllable;
* ``variants``: other compact keys the same sign may stand for: the form as typed before a repair, and digits or
  signs used as letters (``N1KE`` → ``nike``, ``C@FE`` → ``cafe``).

Tones: sắc = 1, huyền = 2, hỏi = 3, ngã = 4, nặng = 5 (ngang has no digit).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# --- characters -------------------------------------------------------------------------------------------------

TONE_MARKS = {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
SHAPE_MARKS = {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn: they make â ê ô ă ơ ư

# Letters NFD does not decompose: map them explicitly (one character each, so positions survive folding).
_LETTER_FOLD = {"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ı": "i", "ŧ": "t", "ħ": "h"}

# Cyrillic and Greek letters that look like Latin ones (lower case; upper case is lowered first).
HOMOGLYPHS = {
    "а": "a",
    "в": "b",
    "е": "e",
    "ё": "e",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "ѕ": "s",
    "ԁ": "d",
    "ո": "n",
    "ս": "u",
    "α": "a",
    "β": "b",
    "ε": "e",
    "η": "n",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "ω": "w",
    "γ": "y",
}

# Digits and signs written for letters inside a word (only used for a variant key, never the main one).
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s", "!": "i"}

_APOSTROPHES = "'’‘`´ʼ"


def _is_word_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in ("L", "N") or cat == "Mn"


def nfc(text: str) -> str:
    """NFKC (full-width letters, ligatures) then NFC: one spelling for every way of typing the same letters."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKC", text))


def _map_homoglyphs(token: str) -> str:
    """Map look-alike Cyrillic/Greek letters when the token mixes them with Latin, or is made only of them."""
    # NFD, so that accented look-alikes (ἀ) are seen as their base letter
    nfd = unicodedata.normalize("NFD", token)
    if not any(ch in HOMOGLYPHS for ch in nfd):
        return token
    letters = [ch for ch in nfd if ch.isalpha()]
    has_latin = any("a" <= ch <= "z" for ch in letters)
    only_lookalikes = all(ch in HOMOGLYPHS for ch in letters)
    if has_latin or only_lookalikes:
        return unicodedata.normalize("NFC", "".join(HOMOGLYPHS.get(ch, ch) for ch in nfd))
    return token


def clean_tokens(text: str) -> list[str]:
    """NFC, lower case, homoglyphs mapped, split on anything that is not a letter or digit."""
    text = nfc(text).lower()
    for a in _APOSTROPHES:
        text = text.replace(a, "")
    chars = [
        ch
        if _is_word_char(ch)
        or (ch in "@$" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum())
        else " "
        for i, ch in enumerate(text)
    ]
    tokens = "".join(chars).split()
    mapped = (unicodedata.normalize("NFC", _map_homoglyphs(t)) for t in tokens)
    # a lone combining mark is not a token (the same test as ``base_form(t) != ""``, without decomposing)
    return [t for t in mapped if any(unicodedata.category(ch) != "Mn" for ch in t)]


def strip_tone(token: str) -> tuple[str, str]:
    """``(token without its tone mark, tone digit or '')``; vowel shapes (â ă ê ô ơ ư) and đ are kept."""
    tone = ""
    out = []
    for ch in unicodedata.normalize("NFD", token):
        if ch in TONE_MARKS:
            tone = TONE_MARKS[ch]
        else:
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)), tone


def tone_form(token: str) -> str:
    """Tone-aware canonical form: ``hoà``/``hòa`` → ``hoa2``, ``việt`` → ``viêt5``, ``an`` → ``an``."""
    base, tone = strip_tone(token)
    return base + tone


def base_form(token: str) -> str:
    """All diacritics removed except that đ stays đ (it sounds /d/ while d sounds /z/ or /j/)."""
    out = []
    for ch in unicodedata.normalize("NFC", token):
        if ch == "đ":
            out.append(ch)
            continue
        if ch in _LETTER_FOLD:
            out.append(_LETTER_FOLD[ch])
            continue
        out.append("".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn"))
    return "".join(out)


def fold(text: str) -> str:
    """The diacritics-free key of any text: NFC, lower case, no marks, đ → d, punctuation to single spaces."""
    return " ".join(f for f in (base_form(t).replace("đ", "d") for t in clean_tokens(text)) if f)


# --- Vietnamese syllables --------------------------------------------------------------------------------------

# f, j, w, z are not Vietnamese initials but brand names use them for ph, gi/d, qu/hu and d ("Fở", "Zô").
_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|đ|[bcdfghjklmnprstvwxz]"
# Vowel clusters (folded) that can take a final consonant, and those that end the syllable themselves.
_CLOSED = "a|e|i|o|u|y|oa|oe|oo|ie|ye|ua|uo|ue|uy|uye|uya"
_OPEN = "ai|ao|au|ay|eo|eu|ia|iu|oai|oao|oay|oeo|oi|ua|ui|uoi|uou|uu|uya|uyu|ieu|yeu|uay|uau|uey"
_SYLLABLE = re.compile(rf"^(?:{_INITIALS})?(?:(?:{_CLOSED})(?:ch|ng|nh|[cmnpt])?|(?:{_OPEN}))$")


@lru_cache(maxsize=65536)
def is_syllable(piece: str) -> bool:
    """Whether a folded piece (đ kept or folded) is a possible Vietnamese syllable, tones ignored."""
    return bool(piece) and len(piece) <= 7 and bool(_SYLLABLE.match(piece))


def segment(token: str, vocabulary: frozenset[str] = frozenset(), max_pieces: int = 6) -> list[str]:
    """Split a joined token into Vietnamese syllables and known words, or return it whole.

    A split is kept only when it covers the whole token with at most ``max_pieces`` pieces (fewest pieces win,
    then the most known words); a single-letter piece must be a known word. Failing that, a known word of at
    least four letters is peeled off the front or the back (``vinaxyz`` → ``vina xyz``).
    """
    n = len(token)
    if n < 4 or n > 40 or token in vocabulary or is_syllable(token):
        return [token]

    def ok(piece: str) -> bool:
        return piece in vocabulary or (len(piece) >= 2 and is_syllable(piece))

    best: list[tuple[int, int, int] | None] = [None] * (n + 1)  # (pieces, -known, previous cut)
    best[0] = (0, 0, -1)
    for end in range(1, n + 1):
        for start in range(max(0, end - 12), end):
            prev = best[start]
            if prev is None:
                continue
            piece = token[start:end]
            if not ok(piece):
                continue
            cand = (prev[0] + 1, prev[1] - (piece in vocabulary), start)
            cur = best[end]
            if cur is None or cand[:2] < cur[:2]:
                best[end] = cand
    final = best[n]
    if final is not None and 2 <= final[0] <= max_pieces:
        pieces: list[str] = []
        end = n
        while end > 0:
            entry = best[end]
            assert entry is not None
            pieces.append(token[entry[2] : end])
            end = entry[2]
        return pieces[::-1]
    for cut in range(n - 3, 3, -1):  # longest known prefix first
        head, tail = token[:cut], token[cut:]
        if head in vocabulary and len(tail) >= 3:
            return [head, *segment(tail, vocabulary, max_pieces)]
    for cut in range(3, n - 3):  # longest known suffix first
        head, tail = token[:cut], token[cut:]
        if tail in vocabulary and len(head) >= 3:
            return [*segment(head, vocabulary, max_pieces), tail]
    return [token]


# --- typing artefacts ---------------------------------------------------------------------------------------------

_TELEX_TONES = {"s": "1", "f": "2", "r": "3", "x": "4", "j": "5"}
_TELEX_SHAPES = [("uow", "ươ"), ("aa", "â"), ("aw", "ă"), ("ee", "ê"), ("oo", "ô"), ("ow", "ơ"), ("uw", "ư")]
_VNI_TONES = {"1": "1", "2": "2", "3": "3", "4": "4", "5": "5"}
_VNI_SHAPES = {"6": "\u0302", "7": "\u031b", "8": "\u0306"}
_VOWELS = set("aeiouy")


_FINALS = ("", "c", "ch", "m", "n", "ng", "nh", "p", "t")


def telex_repair(token: str) -> tuple[str, bool] | None:
    """``vieejt`` → ``("viêt5", True)``: the tone-aware syllable Telex typing stood for, and how sure that is.

    Needs a vowel-shape key (aa aw ee oo ow uw w dd) *and* a tone key (s f r x j) placed where Telex puts it
    (after the vowels, followed only by a final consonant), and a valid Vietnamese syllable as the result. English
    words (``seen``, ``now``, ``car``, ``max``) fail one of these. Sure (``True``) unless the only tone key is a
    final ``s`` (``cows`` could be an English plural), which callers keep as a variant only.
    """
    if not token.isascii() or not token.isalpha() or is_syllable(token):
        return None
    first_vowel = next((i for i, ch in enumerate(token) if ch in _VOWELS), None)
    if first_vowel is None:
        return None
    tone, tone_at = "", -1
    for i in range(len(token) - 1, first_vowel, -1):
        if token[i] in _TELEX_TONES and token[i + 1 :] in _FINALS:
            tone, tone_at = _TELEX_TONES[token[i]], i
            break
    if not tone:
        return None
    word = token[:tone_at] + token[tone_at + 1 :]
    shaped = False
    if word.startswith("dd"):
        word, shaped = "đ" + word[2:], True
    for src, dst in _TELEX_SHAPES:
        if src in word:
            word, shaped = word.replace(src, dst), True
    if "w" in word[1:]:
        word, shaped = word[0] + word[1:].replace("w", "ư"), True
    if not shaped or not is_syllable(base_form(word)):
        return None
    sure = not (tone == "1" and tone_at == len(token) - 1)
    return word + tone, sure


def vni_repair(token: str) -> str | None:
    """``vie65t`` → ``viêt5``: a tone-aware syllable when the token is VNI typing (digits after letters), else None."""
    if not token.isascii() or not any(ch.isdigit() for ch in token) or not token[0].isalpha():
        return None
    tone = ""
    out = ""
    for ch in token:
        if ch.isalpha():
            out += ch
        elif ch in _VNI_TONES:
            tone = _VNI_TONES[ch]
        elif ch in _VNI_SHAPES and out and out[-1] in "aeou":
            out = unicodedata.normalize("NFC", out + _VNI_SHAPES[ch])
        elif ch == "9" and out.endswith("d"):
            out = out[:-1] + "đ"
        else:
            return None
    if not is_syllable(base_form(out)):
        return None
    return out + tone


def leet_repair(token: str) -> str | None:
    """``n1ke`` → ``nike``: digits used as letters inside a word that also has letters, else None."""
    if not any(ch.isalpha() for ch in token) or not any(ch in LEET for ch in token):
        return None
    return "".join(LEET.get(ch, ch) for ch in token)


# --- the normalised mark ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NormalizedText:
    """Every form of one mark text that indexing and ranking use (see the module docstring)."""

    tokens: tuple[str, ...]
    tone_tokens: tuple[str, ...]
    folded: tuple[str, ...]
    pieces: tuple[str, ...]
    base_pieces: tuple[str, ...]  # the same pieces with đ kept, for the phonetic key
    compact: str
    variants: tuple[str, ...]

    @property
    def tone_key(self) -> str:
        return " ".join(self.tone_tokens)

    @property
    def is_empty(self) -> bool:
        return not self.compact


def _split_base(base: str, vocabulary: frozenset[str]) -> list[str]:
    folded = base.replace("đ", "d")
    pieces = segment(folded, vocabulary)
    out, pos = [], 0
    for p in pieces:  # base and folded have the same length, so cut the base at the same places
        out.append(base[pos : pos + len(p)])
        pos += len(p)
    return out


def normalize(text: str, vocabulary: Iterable[str] | None = None) -> NormalizedText:
    """Normalise a mark (or a query: the same function for both). ``vocabulary``: known words for splitting."""
    vocab = frozenset(vocabulary) if vocabulary is not None else default_vocabulary()
    return _normalize(text, vocab)


@dataclass(frozen=True)
class _TokenForms:
    token: str
    tone: str
    folded: str
    base_pieces: tuple[str, ...]
    typed_fold: str
    telex_variant: str | None


@lru_cache(maxsize=500_000)
def _token_forms(typed: str, vocab: frozenset[str]) -> _TokenForms:
    """Every form of one token (cached: registers repeat their words a lot)."""
    typed_fold = base_form(typed).replace("đ", "d")
    telex = telex_repair(typed)
    fixed = telex[0] if telex and telex[1] else vni_repair(typed)
    telex_variant = base_form(telex[0].rstrip("12345")).replace("đ", "d") if telex and not telex[1] else None
    tok, tone = typed, tone_form(typed)
    if fixed is not None:  # typing artefact: the repaired syllable is the token, the typed form a variant
        tok, tone = fixed.rstrip("12345"), fixed
    base = base_form(tok)
    return _TokenForms(
        tok, tone, base.replace("đ", "d"), tuple(_split_base(base, vocab)), typed_fold, telex_variant
    )


@lru_cache(maxsize=200_000)
def _normalize(text: str, vocab: frozenset[str]) -> NormalizedText:
    forms = [_token_forms(t, vocab) for t in clean_tokens(text)]
    variants = [f.telex_variant for f in forms if f.telex_variant]
    folded = [f.folded for f in forms]
    compact = "".join(folded)
    typed_compact = "".join(f.typed_fold for f in forms)
    if typed_compact != compact:
        variants.insert(0, typed_compact)
    leet = [leet_repair(t) for t in folded]
    if any(x is not None for x in leet):
        variants.append("".join(x if x is not None else f for x, f in zip(leet, folded, strict=True)))
    base_pieces = tuple(p for f in forms for p in f.base_pieces)
    uniq = tuple(dict.fromkeys(v for v in variants if v and v != compact))
    return NormalizedText(
        tokens=tuple(f.token for f in forms),
        tone_tokens=tuple(f.tone for f in forms),
        folded=tuple(folded),
        pieces=tuple(p.replace("đ", "d") for p in base_pieces),
        base_pieces=base_pieces,
        compact=compact,
        variants=uniq,
    )


@lru_cache(maxsize=1)
def default_vocabulary() -> frozenset[str]:
    """Known words for splitting joined marks: the weak elements and meaning lists shipped in ipoffice/data."""
    from ipoffice.search.lexicon import known_words

    return known_words()
