"""HTML from the Jinja2 templates in ``ipoffice/publish/templates``, and PDF from that HTML with WeasyPrint.

One template per document serves both outputs: the browser shows the HTML, WeasyPrint lays the same page out on
A4 (``@page`` rules in ``_base.html``). Text is set in DejaVu Sans, which covers every Vietnamese letter with its
tone marks; CI installs it with Debian's ``fonts-dejavu-core`` (see ``.ci/run``). WeasyPrint is imported only when
a PDF is asked for, so the HTML and open-data outputs work without it.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ipoffice.core.errors import UserError
from ipoffice.publish import messages as _messages  # noqa: F401  (registers the message catalogue)

OFFICE_VI = "Cục Sở hữu trí tuệ"
OFFICE_EN = "Intellectual Property Office of Viet Nam"


def _vn_date(d: date | str | None) -> str:
    """A date as Vietnamese documents write it: 05/03/2026."""
    if d is None:
        return ""
    if isinstance(d, str):
        d = date.fromisoformat(d)
    return d.strftime("%d/%m/%Y")


def _vnd(amount: int) -> str:
    """An amount of dong with dots between thousands: 1.200.000 ₫."""
    return f"{amount:,}".replace(",", ".") + " ₫"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("ipoffice.publish", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["vn_date"] = _vn_date
    env.filters["vnd"] = _vnd
    return env


def render_html(template: str, **context: Any) -> str:
    context.setdefault("office_vi", OFFICE_VI)
    context.setdefault("office_en", OFFICE_EN)
    return environment().get_template(template).render(**context)


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint's URL fetcher: nothing is fetched (the templates need nothing outside the page)."""
    raise ValueError(f"publish documents fetch no resources ({url[:80]})")


def html_to_pdf(html: str) -> bytes:
    """The PDF of an HTML page (A4, fonts embedded); no URL is ever fetched while laying it out."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError):  # OSError: the Pango library is missing
        raise UserError("publish.pdf_unavailable", field="format", rule="pdf") from None
    pdf: bytes = HTML(string=html, url_fetcher=_fetcher()).write_pdf()
    return pdf


def _fetcher() -> Any:
    """A fetcher that refuses every URL: a ``URLFetcher`` subclass (WeasyPrint >= 66), else a function."""
    try:
        from weasyprint.urls import URLFetcher
    except ImportError:  # older WeasyPrint: a plain function is the fetcher
        return _no_fetch

    class _NoFetch(URLFetcher):  # type: ignore[misc,unused-ignore]
        def fetch(self, url: str, headers: Any = None) -> Any:
            return _no_fetch(url)

    return _NoFetch()
