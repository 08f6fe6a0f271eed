"""Small namespace-agnostic helpers for reading office XML (``{*}`` matches any namespace or none)."""

from __future__ import annotations

import re
from datetime import date
from typing import TypeAlias

from lxml import etree

from ipoffice.core import i18n
from ipoffice.core.errors import UserError

i18n.register(
    {
        "exchange.import.bad_date": {
            "vi": "Ngày không hợp lệ trong tài liệu: «{value}» ở {element}",
            "en": "Invalid date in the document: '{value}' in {element}",
        },
        "exchange.import.missing": {
            "vi": "Tài liệu thiếu thông tin bắt buộc: {element}",
            "en": "The document lacks required information: {element}",
        },
    }
)

Element: TypeAlias = etree._Element


def local(el: Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def namespace(el: Element) -> str | None:
    return etree.QName(el).namespace


def find(el: Element | None, path: str) -> Element | None:
    """The first match of ``path`` written with plain local names (``a/b``, ``.//a/b``) in any namespace."""
    if el is None:
        return None
    return el.find(_ns(path))


def first(el: Element | None, *paths: str) -> Element | None:
    """The first element found along ``paths`` (elements without children are falsy: never chain with ``or``)."""
    for p in paths:
        got = find(el, p)
        if got is not None:
            return got
    return None


def findall(el: Element | None, path: str) -> list[Element]:
    if el is None:
        return []
    return list(el.iterfind(_ns(path)))


_PATHS: dict[str, str] = {}


def _ns(path: str) -> str:
    got = _PATHS.get(path)
    if got is None:
        parts = []
        for part in path.split("/"):
            parts.append(part if part in ("", ".", "..", "*") or part.startswith("{") else "{*}" + part)
        got = _PATHS[path] = "/".join(parts)
    return got


def text(el: Element | None) -> str | None:
    """All text inside ``el`` with whitespace collapsed; None when empty."""
    if el is None:
        return None
    value = " ".join("".join(el.itertext()).split())
    return value or None


def text_at(el: Element | None, *paths: str) -> str | None:
    """The text of the first of ``paths`` that has any."""
    for p in paths:
        value = text(find(el, p))
        if value:
            return value
    return None


_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_day(value: str | None, element: str, *, required: bool = False) -> date | None:
    """An ISO (``2015-01-20``) or compact (``20150120``) date; a UserError naming the element if impossible."""
    if value is None or not value.strip():
        if required:
            raise UserError(
                "exchange.import.missing", field=element, rule="document content", element=element
            )
        return None
    v = value.strip()[:10]
    m = _COMPACT.match(value.strip()[:8]) if "-" not in v else None
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return date.fromisoformat(v)
    except ValueError:
        raise UserError(
            "exchange.import.bad_date",
            field=element,
            rule="ISO 8601 / WIPO ST.2",
            value=value,
            element=element,
        ) from None


def required_day(value: str | None, element: str) -> date:
    """:func:`parse_day` for a date the document must give."""
    day = parse_day(value, element, required=True)
    assert day is not None
    return day


def required(value: str | None, element: str) -> str:
    if not value:
        raise UserError("exchange.import.missing", field=element, rule="document content", element=element)
    return value


def country(value: str | None) -> str | None:
    """An ST.3-looking two-letter code, else None (sources write 'unknown', 'omitted', 'J' ...)."""
    if value and len(value.strip()) == 2 and value.strip().isalpha():
        return value.strip().upper()
    return None
