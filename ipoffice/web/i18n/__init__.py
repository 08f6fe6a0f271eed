"""Language of a request and local formats of dates and money (Babel).

The language is chosen by ``?lang=`` (which also sets the ``lang`` cookie), else the ``lang`` cookie, else
Vietnamese — the office's language; ``Accept-Language`` is not consulted so that a page looks the same for
everyone until they switch. Dates follow the locale (``21 thg 11, 2026`` / ``Nov 21, 2026``); money is
Vietnamese dong in both languages (``1.000.000 ₫`` / ``₫1,000,000``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal
from starlette.requests import Request

from ipoffice.core import i18n
from ipoffice.web.i18n import messages as _messages  # noqa: F401  (registers the catalogue)

LANG_COOKIE = "lang"
LOCALES = {"vi": "vi_VN", "en": "en_GB"}


def negotiate(request: Request) -> str:
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    return i18n.current_language(asked) if asked else i18n.DEFAULT_LANGUAGE


def fmt_date(value: date | datetime | str | None, lang: str) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        return format_datetime(value, format="medium", locale=LOCALES[lang])
    return format_date(value, format="medium", locale=LOCALES[lang])


def fmt_money(amount: int | float | None, lang: str) -> str:
    if amount is None:
        return "—"
    return format_currency(amount, "VND", locale=LOCALES[lang])


def fmt_number(value: int | float, lang: str) -> str:
    return format_decimal(value, locale=LOCALES[lang])


class Translator:
    """What a template needs for one language: ``t(key, **params)``, and the formatters."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, key: str, **params: Any) -> str:
        return i18n.t(key, self.lang, **params)

    def date(self, value: Any) -> str:
        return fmt_date(value, self.lang)

    def money(self, value: Any) -> str:
        return fmt_money(value, self.lang)

    def number(self, value: Any) -> str:
        return fmt_number(value, self.lang)
