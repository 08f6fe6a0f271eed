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


def fold(text: str) -> str:
    """``text`` without diacritics (case kept): NFD, drop combining marks, đ -> d."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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


@dataclass(frozen=True)
class KeywordMatcher:
    """All keywords of one list, compiled into two alternations (case-insensitive and acronyms)."""

    keywords: tuple[str, ...]
    insensitive: re.Pattern[str] | None
    sensitive: re.Pattern[str] | None

    @classmethod
    def build(cls, keywords: Iterable[str]) -> KeywordMatcher:
        kws = tuple(k for k in keywords if k and k.strip())
        ci = [keyword_pattern(k).lower() for k in kws if not is_acronym(k)]
        cs = [keyword_pattern(k) for k in kws if is_acronym(k)]
        return cls(
            kws,
            re.compile("|".join(ci)) if ci else None,
            re.compile("|".join(cs)) if cs else None,
        )

    def search_folded(self, folded: str, folded_lower: str) -> bool:
        """Match on already folded text (``fold(t)`` and ``fold(t).lower()``)."""
        if self.insensitive is not None and self.insensitive.search(folded_lower):
            return True
        return self.sensitive is not None and self.sensitive.search(folded) is not None

    def search(self, text: str) -> bool:
        folded = fold(text)
        return self.search_folded(folded, folded.lower())

    def which(self, text: str) -> list[str]:
        """The keywords found in ``text`` (for explaining a match)."""
        folded = fold(text)
        low = folded.lower()
        found = []
        for k in self.keywords:
            pat = keyword_pattern(k)
            if (re.search(pat, folded) if is_acronym(k) else re.search(pat.lower(), low)):
                found.append(k)
        return found
