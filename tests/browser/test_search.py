"""Site-wide search (mkdocs-material) finds a program by its name, typed with real key events."""

from __future__ import annotations

import pytest
from browser_support import DESKTOP, PHONE, Content
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


@pytest.mark.parametrize("viewport", [pytest.param(DESKTOP, id="1280"), pytest.param(PHONE, id="390")])
def test_search_finds_a_program_by_name(page: Page, content: Content, viewport: dict[str, int]) -> None:
    program = content.programs[0]
    page.set_viewport_size(viewport)
    page.goto("/")
    search(page, viewport, program["name_en"])
    hit = page.locator(f".md-search-result__item a[href$='programs/{program['id']}/']")
    expect(hit.first).to_be_visible()
    expect(hit.first).to_contain_text(program["name_en"])
