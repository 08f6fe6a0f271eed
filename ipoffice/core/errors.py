"""One shape for every user error: a code, the field at fault, the rule broken, and a message in vi or en.

A user error is never a stack trace (ARCHITECTURE.md, Conventions). Services raise :class:`UserError`; the CLI
prints ``error.message(lang)`` and exits non-zero; the web layer returns ``error.as_dict(lang)`` as JSON.
"""

from __future__ import annotations

from typing import Any

from ipoffice.core import i18n

i18n.register(
    {
        "error.prefix": {"vi": "Lỗi", "en": "Error"},
        "error.field": {"vi": "trường", "en": "field"},
        "error.rule": {"vi": "quy định", "en": "rule"},
    }
)


class UserError(Exception):
    """An error caused by the user's input or request, explained in the user's language.

    ``code`` is a message id registered with :mod:`ipoffice.core.i18n`; ``params`` fill its template. ``field``
    names the input at fault (e.g. ``priority_date``) and ``rule`` the legal or technical rule broken (e.g.
    ``Law on IP Art. 91``).
    """

    exit_code = 2

    def __init__(self, code: str, *, field: str | None = None, rule: str | None = None, **params: Any) -> None:
        self.code = code
        self.field = field
        self.rule = rule
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        text = i18n.t(self.code, lang, field=self.field, rule=self.rule, **self.params)
        extras = []
        if self.field:
            extras.append(f"{i18n.t('error.field', lang)}: {self.field}")
        if self.rule:
            extras.append(f"{i18n.t('error.rule', lang)}: {self.rule}")
        return f"{text} ({'; '.join(extras)})" if extras else text

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "error": self.code,
            "field": self.field,
            "rule": self.rule,
            "message": self.message(lang),
            "params": {k: str(v) for k, v in self.params.items()},
        }


class NotFound(UserError):
    """The thing asked for does not exist (e.g. an application number)."""

    exit_code = 3


class Conflict(UserError):
    """The request conflicts with the current state (a concurrent edit, a step out of order, a duplicate)."""

    exit_code = 4
