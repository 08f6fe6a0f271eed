"""Text folding and keyword matching that treat Vietnamese with and without diacritics alike.

``fold`` removes tone and vowel marks and maps đ/Đ to d/D, so "trí tuệ nhân tạo", "tri tue nhan tao" and
"trí tuệ nhân tạo" written with the older tone placement ("hoá" vs "hóa") all match one folded keyword.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """``text`` without diacritics (case kept): NFD, drop combining marks, đ -> d."""
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFD", text.translate(_D_MAP)))


def is_acronym(keyword: str) -> bool:
    """A keyword written in capitals (with digits/hyphens), e.g. ``5G``, ``UAV*``, ``CAR-T``: matched case-sensitively."""
    core = keyword.rstrip("*")
    letters = [c for c in core if c.isalpha()]
    return len(core) >= 2 and bool(letters) and all(c.isupper() for c in letters)


def keyword_pattern(keyword: str) -> str:
    """A regex for one keyword on folded text: words joined by spaces or hyphens, ``*`` = any word ending."""
    kw = fold(keyword.strip())
    wildcard = kw.endswith("*")
    kw = kw.rstrip("*")
    words = [re.escape(w) for w in re.split(r"[\s\-]+", kw) if w]
    body = r"[\s\-]*".join(words) if len(words) > 1 else (words[0] if words else "")
    if not body:
        raise ValueError("empty keyword")
    tail = r"\w*" if wildcard else ""
    return rf"(?<!\w){body}{tail}(?!\w)"


_WORD = re.compile(r"\w+")


def token_string(folded: str) -> str:
    """Words of an already folded text joined by single spaces, with a space at both ends."""
    return " " + " ".join(_WORD.findall(folded)) + " "


def keyword_needle(keyword: str) -> str:
    """The substring a keyword is in a :func:`token_string`: ``" deep learning "``; ``robot*`` -> ``" robot"``."""
    kw = fold(keyword.strip())
    wildcard = kw.endswith("*")
    words = _WORD.findall(kw.rstrip("*"))
    if not words:
        raise ValueError("empty keyword")
    return " " + " ".join(words) + ("" if wildcard else " ")


@dataclass(frozen=True)
class KeywordMatcher:
    """One keyword list as substring needles over word-token strings (fast; no regex per keyword).

    Words are runs of letters and digits after folding, so "nơ-ron" and "nơ ron" are the same phrase, and a
    keyword never matches inside a word ("5G" does not match "G06G5G"). Keywords in capitals are acronyms and
    are matched case-sensitively.
    """

    keywords: tuple[str, ...]
    insensitive: tuple[str, ...]  # phrases and wildcards, lower case
    sensitive: tuple[str, ...]  # acronym phrases and wildcards
    words_lower: frozenset[str]  # single-word keywords, lower case (set lookup)
    words: frozenset[str]  # single-word acronyms

    @classmethod
    def build(cls, keywords: Iterable[str]) -> KeywordMatcher:
        kws = tuple(k for k in keywords if k and k.strip())
        ci = list(dict.fromkeys(keyword_needle(k).lower() for k in kws if not is_acronym(k)))
        cs = list(dict.fromkeys(keyword_needle(k) for k in kws if is_acronym(k)))

        def single(n: str) -> bool:
            return n.endswith(" ") and n.count(" ") == 2

        return cls(kws, tuple(n for n in ci if not single(n)), tuple(n for n in cs if not single(n)),
                   frozenset(n.strip() for n in ci if single(n)), frozenset(n.strip() for n in cs if single(n)))

    @property
    def _phrases(self) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
        """(first word, needle) of multi-word phrases; first word "" for one-word wildcards (no prefilter)."""
        def split(needles: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
            return tuple((n.split()[0] if n.strip().count(" ") else "", n) for n in needles)

        cached = self.__dict__.get("_phr")
        if cached is None:
            cached = (split(self.insensitive), split(self.sensitive))
            object.__setattr__(self, "_phr", cached)
        return cached

    def search_tokens(self, tokens: str, tokens_lower: str, words: set[str] | None = None,
                      words_lower: set[str] | None = None) -> bool:
        """Match on token strings (``token_string(fold(t))`` and its lower-case form) and their word sets."""
        wl = words_lower if words_lower is not None else set(tokens_lower.split())
        if not self.words_lower.isdisjoint(wl):
            return True
        if self.words and not self.words.isdisjoint(words if words is not None else set(tokens.split())):
            return True
        if words is None:
            words = set(tokens.split())
        ci, cs = self._phrases
        for first, needle in ci:
            if (not first or first in wl) and needle in tokens_lower:
                return True
        return any((not first or first in words) and needle in tokens for first, needle in cs)

    def search_folded(self, folded: str, folded_lower: str) -> bool:
        return self.search_tokens(token_string(folded), token_string(folded_lower))

    def search(self, text: str) -> bool:
        folded = fold(text)
        return self.search_folded(folded, folded.lower())

    def which(self, text: str) -> list[str]:
        """The keywords found in ``text`` (for explaining a match)."""
        folded = fold(text)
        toks, low = token_string(folded), token_string(folded.lower())
        return [k for k in self.keywords
                if (keyword_needle(k) in toks if is_acronym(k) else keyword_needle(k).lower() in low)]
