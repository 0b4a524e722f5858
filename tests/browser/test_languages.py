"""The site in English (at /) and French (at /fr/): each language's pages say so in <html lang>, use
their own interface strings and navigation, link to the same page in the other language (the
header's language selector, and hreflang alternates in /sitemap.xml), and French pages show English
text, marked lang="en" with a short note, where a record has no French. The one 404 page is English.

Expected strings come from site_templates/i18n/<lang>.yml, mkdocs.yml and the content CSVs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from browser_support import LANGUAGES, PHONE, Content, fold, prefix, read_csv
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

GOALS = ("employment", "apprenticeship", "secondary_school_credit", "postsecondary", "independence")
SWITCH = ".md-header .md-select a[hreflang='{lang}']"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def expect_language(page: Page, content: Content, lang: str) -> None:
    """<html lang> and the top navigation are in ``lang``."""
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator(".md-tabs__link")).to_have_text(content.nav_labels(lang))


def alternates(page: Page) -> dict[str, str]:
    """hreflang → path of the current page's languages, from /sitemap.xml, where search engines
    read them. The head carries none: Material's script fetched a sitemap beside each one, on every
    page load (see site_templates/overrides/main.html)."""
    assert page.locator("head link[rel='alternate'][hreflang]").count() == 0
    sitemap = ElementTree.fromstring(page.request.get(urljoin(page.url, "/sitemap.xml")).body())
    path = urlsplit(page.url).path
    for url in sitemap.findall("sm:url", SITEMAP_NS):
        links = {link.get("hreflang"): urlsplit(link.get("href")).path for link in url.findall("xhtml:link", SITEMAP_NS)}
        if path in links.values():
            return links  # type: ignore[return-value]
    return {}


def focus_by_tab(page: Page, selector: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page(page: Page, content: Content, lang: str) -> None:
    strings = content.strings(lang)
    response = page.goto(f"{prefix(lang)}/")
    assert response is not None and response.ok
    expect_language(page, content, lang)
    expect(page.locator("article h1")).to_have_text(strings["home_title"])
    expect(page.locator("article .ld-lead")).to_have_text(strings["home_lead"])
    expect(page.locator("article .ld-goals a")).to_have_text([strings[f"home_goal_{goal}"] for goal in GOALS])
    expect(page.locator("head meta[name='description']")).to_have_attribute("content", strings["home_description"])
    assert alternates(page) == {"en": "/", "fr": "/fr/"}


def test_switching_language_keeps_the_program(page: Page, content: Content) -> None:
    program = next(p for p in content.programs if p["name_fr"] and p["name_fr"] != p["name_en"])
    english, french = f"/programs/{program['id']}/", f"/fr/programs/{program['id']}/"
    page.goto(english)
    expect_language(page, content, "en")
    expect(page.locator("article h1")).to_have_text(program["name_en"])
    assert alternates(page) == {"en": english, "fr": french}

    # To French with the keyboard alone: Tab to the selector's French link, then Enter.
    focus_by_tab(page, SWITCH.format(lang="fr"))
    expect(page.locator(SWITCH.format(lang="fr"))).to_be_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{french}")
    expect_language(page, content, "fr")
    expect(page.locator("article h1")).to_have_text(program["name_fr"])
    assert alternates(page) == {"en": english, "fr": french}

    # And back with the pointer.
    page.locator(".md-header .md-select").hover()
    page.locator(SWITCH.format(lang="en")).click()
    page.wait_for_url(f"**{english}")
    expect_language(page, content, "en")
    expect(page.locator("article h1")).to_have_text(program["name_en"])


def test_language_selector_on_a_phone(new_context: Callable[..., Any], content: Content) -> None:
    """With a finger at phone width: tap the selector, then the language; and back."""
    page = new_context(viewport=PHONE, has_touch=True, is_mobile=True).new_page()
    program = next(p for p in content.programs if p["name_fr"] and p["name_fr"] != p["name_en"])
    page.goto(f"/programs/{program['id']}/")
    for lang in ("fr", "en"):
        page.locator(".md-header .md-select button").tap()
        page.locator(SWITCH.format(lang=lang)).tap()
        page.wait_for_url(f"**{prefix(lang)}/programs/{program['id']}/")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("article h1")).to_have_text(program[f"name_{lang}"])


def test_english_only_text_is_marked(page: Page, content: Content) -> None:
    program = next(p for p in content.programs if p["summary_en"] and not p["summary_fr"])
    note = content.strings("fr")["english_only"]
    page.goto(f"/fr/programs/{program['id']}/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    lead = page.locator("article .ld-lead")
    expect(lead.locator("[lang='en']")).to_have_text(program["summary_en"])
    expect(lead.locator(".ld-en-only")).to_have_text(note)
    expect(lead.locator(".ld-en-only")).to_be_visible()
    # The note is in the page's language, not inside the English part.
    expect(lead.locator("[lang='en'] .ld-en-only")).to_have_count(0)

    # The English page has neither the mark nor the note.
    page.goto(f"/programs/{program['id']}/")
    expect(page.locator("article .ld-lead")).to_have_text(program["summary_en"])
    expect(page.locator("article [lang='en'], article .ld-en-only")).to_have_count(0)


@pytest.mark.parametrize("path", ["/404.html", "/no-such-page/", "/fr/no-such-page/"])
def test_404_page_is_english(page: Page, content: Content, path: str) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == (200 if path == "/404.html" else 404)
    expect_language(page, content, "en")
    expect(page.locator("article h1")).to_contain_text("404")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lists_follow_the_page_language_alphabet(page: Page, content: Content, lang: str) -> None:
    """Alphabetical lists are sorted by their text in the page's language (accents ignored), not
    by the English text: the finder's communities (select and the list without JavaScript) and
    the glossary."""

    def alphabetical(rows: Iterable[dict[str, str]], base: str) -> list[str]:
        return [row["id"] for row in sorted(rows, key=lambda row: fold(content.text(row, base, lang)))]

    page.goto(f"{prefix(lang)}/find/")
    places = page.locator(".ld-places a").evaluate_all("links => links.map(a => a.getAttribute('href').split('/')[0])")
    assert places == [c for c in alphabetical(content.communities.values(), "name") if c in places]
    assert len(places) == len(content.communities)

    page.goto(f"{prefix(lang)}/glossary/")
    terms = page.locator("article dl dt[id]").evaluate_all("dts => dts.map(dt => dt.id)")
    assert terms == alphabetical(read_csv(content.root, "glossary"), "term")
