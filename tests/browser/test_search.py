"""Site-wide search (mkdocs-material) finds a program by its name, typed with real key events, and
each language searches only its own pages (/search/search_index.json for English,
/fr/search/search_index.json for French)."""

from __future__ import annotations

import pytest
from browser_support import DESKTOP, LANGUAGES, PHONE, Content, fold, prefix
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def open_search(page: Page, viewport: dict[str, int]) -> None:
    """Focus the search box; on a phone the box is behind the magnifier button in the header."""
    if viewport["width"] < 960:
        page.locator("label.md-header__button[for='__search']").click()
    else:
        page.locator("input.md-search__input").click()
    expect(page.locator("input.md-search__input")).to_be_focused()


def search(page: Page, viewport: dict[str, int], words: str) -> None:
    open_search(page, viewport)
    # Material listens to keyup: fill() or insert_text() do not start a search.
    page.locator("input.md-search__input").press_sequentially(words, delay=20)


def result_paths(page: Page) -> list[str]:
    """The paths of the search results shown (wait for the results first)."""
    return page.locator(".md-search-result a").evaluate_all("links => links.map(a => a.pathname)")


def expect_only_own_language(paths: list[str], lang: str) -> None:
    assert paths, "no search result"
    french = [path for path in paths if path.startswith("/fr/")]
    assert french == (paths if lang == "fr" else []), paths


@pytest.mark.parametrize("viewport", [pytest.param(DESKTOP, id="1280"), pytest.param(PHONE, id="390")])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_a_program_by_name(page: Page, content: Content, lang: str, viewport: dict[str, int]) -> None:
    program = next(p for p in content.programs if p["name_fr"])
    name = content.text(program, "name", lang)
    page.set_viewport_size(viewport)
    page.goto(f"{prefix(lang)}/")
    search(page, viewport, name)
    hit = page.locator(f".md-search-result__item a[href$='{prefix(lang)}/programs/{program['id']}/']")
    expect(hit.first).to_be_visible()
    expect(hit.first).to_contain_text(name)
    expect_only_own_language(result_paths(page), lang)


def test_each_language_searches_its_own_pages(page: Page, content: Content) -> None:
    """A word of the French text only is found on French pages, from a page deep in the French
    tree; English search finds nothing for it, and finds English pages only for a place name."""
    program = next(p for p in content.programs if p["name_fr"] and p["site_ids"])
    word = next(w for w in program["name_fr"].split() if len(w) >= 8 and fold(w) != w.lower())  # has an accent
    assert fold(word) not in content.search_text(program, "en")
    place = content.sites[program["site_ids"].split(";")[0].strip()]["city"]
    item = page.locator(".md-search-result__item").first

    page.goto(f"/fr/programs/{program['id']}/")
    search(page, DESKTOP, word)
    expect(item).to_be_visible()
    expect_only_own_language(result_paths(page), "fr")

    page.goto(f"/programs/{program['id']}/")
    search(page, DESKTOP, word)
    none = page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations['search.result.none']")
    expect(page.locator(".md-search-result__meta")).to_have_text(none)
    assert result_paths(page) == []
    page.locator("input.md-search__input").fill("")
    page.locator("input.md-search__input").press_sequentially(place, delay=20)
    expect(item).to_be_visible()
    expect_only_own_language(result_paths(page), "en")
