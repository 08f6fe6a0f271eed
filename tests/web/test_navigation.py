"""The site menu makes the public analytics pages and the marketplace findable: the home page links to each of them
in Vietnamese and English, with a label in the page's language, and every page the menu links answers 200."""

from __future__ import annotations

import lxml.html
import pytest

from ipoffice.core import i18n

# path -> the message id of its menu label
NEW_ENTRIES = {
    "/analytics/innovation": "web.nav.analytics_innovation",
    "/analytics/impact": "web.nav.analytics_impact",
    "/analytics/patent-map": "web.nav.patent_map",
    "/market": "web.market.title",
}


def _menu(text: str) -> dict[str, str]:
    """href -> link text of the main navigation."""
    nav = lxml.html.fromstring(text).find(".//header//nav")
    assert nav is not None, "no main navigation in the page"
    return {a.get("href"): " ".join(a.text_content().split()) for a in nav.iter("a")}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_home_page_menu_links_analytics_and_marketplace(client, lang):
    home = client.get(f"/?lang={lang}")
    assert home.status_code == 200 and f'<html lang="{lang}">' in home.text
    menu = _menu(home.text)
    for path, key in NEW_ENTRIES.items():
        assert path in menu, f"{path} missing from the menu in {lang}"
        assert menu[path] == i18n.messages()[key][lang]
    assert menu["/analytics/patent-map"] != _menu(client.get(f"/?lang={'en' if lang == 'vi' else 'vi'}").text)[
        "/analytics/patent-map"
    ]  # the label follows the language


def test_every_page_the_public_menu_links_answers_200(client):
    menu = _menu(client.get("/?lang=en").text)
    targets = sorted(h for h in menu if h and h.startswith("/") and not h.startswith("/?"))
    assert set(NEW_ENTRIES) <= set(targets)
    for href in targets:
        r = client.get(href)
        assert r.status_code == 200, f"{href} answered {r.status_code}"
        assert "<main" in r.text
