"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any page type in either language, at phone
and desktop width, with the finder filtered, and with the search dialog open."""

from __future__ import annotations

import pytest
from browser_support import DESKTOP, LANGUAGES, PHONE, Content, axe_violations, wait_for_finder
from playwright.sync_api import Page, expect
from test_search import search

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(PHONE, id="390x844"), pytest.param(DESKTOP, id="1280x800")]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_type(page: Page, content: Content, lang: str, viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    found = {}
    for kind, path in content.page_paths(lang).items():
        page.goto(path)
        if kind.startswith("finder"):
            wait_for_finder(page)
        found[kind] = axe_violations(page)
    assert {kind: v for kind, v in found.items() if v} == {}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_finder_filtered(page: Page, content: Content, viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    page.goto("/find/?near=westvail&stream=anglophone")
    wait_for_finder(page)
    expect(page.locator("#ld-more")).to_have_attribute("open", "")
    expect(page.locator("#ld-results li.ld-result").first).to_be_visible()
    assert axe_violations(page) == []
    page.locator("#ld-intake_status").select_option("closed")
    page.locator("#ld-time_of_day").select_option("weekend")
    expect(page.locator("#ld-results li.ld-result")).to_have_count(0)
    expect(page.locator("#ld-none")).to_be_visible()
    assert axe_violations(page) == [], "with no result"
    page.locator("#ld-near").fill("zzzzqqq")
    expect(page.locator("#ld-place-status.ld-place-status--unknown")).to_be_visible()
    assert axe_violations(page) == [], "with an unknown place"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_search_dialog_open(page: Page, content: Content, viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    page.goto("/")
    search(page, viewport, "Kesock")  # results, "Did you mean", highlighted words
    expect(page.locator(".ld-search__result").first).to_be_visible()
    expect(page.locator(".ld-search__result mark").first).to_be_visible()
    expect(page.locator("[data-ld-search-suggest] button")).to_be_visible()
    page.locator("[data-ld-search-narrow] summary").click()
    assert axe_violations(page) == []
