"""Messages in Vietnamese (the default) and English.

Each capability registers its own catalogue with :func:`register`; a message id maps to a pair of templates
(``str.format`` style). The language comes from the caller, else ``IPOFFICE_LANG``, else Vietnamese.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_CATALOGUE: dict[str, dict[str, str]] = {}
_ACTIVE: ContextVar[str | None] = ContextVar("ipoffice_language", default=None)


def register(messages: Mapping[str, Mapping[str, str]]) -> None:
    """Add messages: ``{"msg.id": {"vi": "...", "en": "..."}}``. Both languages are required."""
    for key, texts in messages.items():
        missing = [lang for lang in LANGUAGES if lang not in texts]
        if missing:
            raise ValueError(f"message {key!r} lacks {', '.join(missing)}")
        _CATALOGUE[key] = dict(texts)


@contextmanager
def language(lang: str | None) -> Iterator[None]:
    """Use ``lang`` for messages asked without an explicit language inside this block (e.g. a CLI ``--lang``)."""
    token = _ACTIVE.set(lang)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def current_language(lang: str | None = None) -> str:
    chosen = (lang or _ACTIVE.get() or os.environ.get("IPOFFICE_LANG") or DEFAULT_LANGUAGE).split("-")[0].split("_")[0].lower()
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``params``; the key itself when unknown."""
    texts = _CATALOGUE.get(key)
    if texts is None:
        return key
    template = texts[current_language(lang)]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def messages() -> dict[str, dict[str, str]]:
    """A copy of the whole catalogue (for completeness tests and the web layer)."""
    return {k: dict(v) for k, v in _CATALOGUE.items()}
