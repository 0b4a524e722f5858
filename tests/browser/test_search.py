"""The site search (Pagefind, partials/ld-search*.html, assets/search.js) in a real browser: the
query set of tests/search/queries.yml in both languages, each language searching its own pages,
"Did you mean", what a result shows, facets, the keyboard and a phone, a site served under a
sub-path, and no download of the search before someone searches."""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from browser_support import DESKTOP, LANGUAGES, LOOPBACK, PHONE, REPO, Content, _Handler, prefix, read_yaml
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

QUERIES = read_yaml(REPO / "tests" / "search" / "queries.yml")
RESULT_LINKS = ".ld-search__result .ld-search__name a"


def search(page: Page, viewport: dict[str, int], words: str) -> None:
    """Open the search from the header's button and type ``words`` key by key, as a learner
    would; waits for the outcome (results or "no result")."""
    page.set_viewport_size(viewport)
    if not page.locator("#ld-search").is_visible():
        page.locator("[data-ld-search-open]").click()
    box = page.locator("#ld-search-input")
    expect(box).to_be_focused()
    box.fill("")
    box.press_sequentially(words, delay=20)
    wait_for_outcome(page)


def wait_for_outcome(page: Page) -> None:
    """Until the dialog shows the outcome of what the box holds (search.js marks it data-done)."""
    page.wait_for_function(
        "() => { const d = document.getElementById('ld-search');"
        " return d.getAttribute('data-done') === document.getElementById('ld-search-input').value.trim(); }"
    )


def result_paths(page: Page) -> list[str]:
    return page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.pathname)")


@pytest.mark.parametrize("case", QUERIES, ids=[f"{q['lang']}-{q['kind']}-{q['query']}" for q in QUERIES])
def test_query_set_finds_the_expected_page(page: Page, case: dict[str, Any]) -> None:
    page.goto(f"{prefix(case['lang'])}/")
    search(page, DESKTOP, case["query"])
    paths = result_paths(page)
    top = paths[:1] if case.get("exact") else paths[:3]
    assert case["expected"] in top, f"{case['query']!r}: {paths[:5]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_searches_its_own_pages(page: Page, content: Content, lang: str) -> None:
    program = next(p for p in content.programs if p["name_fr"])
    page.goto(f"{prefix(lang)}/programs/{program['id']}/")  # from a page deep in the tree
    search(page, DESKTOP, content.text(program, "name", lang))
    paths = result_paths(page)
    assert paths[0] == f"{prefix(lang)}/programs/{program['id']}/"
    french = [p for p in paths if p.startswith("/fr/")]
    assert french == (paths if lang == "fr" else [])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_did_you_mean_offers_a_name_of_the_site(page: Page, content: Content, lang: str) -> None:
    strings = content.strings(lang)
    page.goto(f"{prefix(lang)}/")
    search(page, DESKTOP, "Kesock")  # Kessock, one letter left out: Pagefind alone finds nothing
    suggestion = page.locator("[data-ld-search-suggest]")
    expect(suggestion).to_contain_text(strings["search_did_you_mean"])
    expect(suggestion.locator("button")).to_have_text("Kessock")
    expect(page.locator("#ld-search-status")).to_contain_text(strings["search_none"].format(query="Kesock"))
    assert result_paths(page), "the results for the suggestion are shown"
    search(page, DESKTOP, "zzqxv")
    expect(page.locator("#ld-search-status")).to_have_text(strings["search_none"].format(query="zzqxv"))
    expect(suggestion).to_be_hidden()
    assert result_paths(page) == []


def test_a_result_shows_its_kind_organization_and_community(page: Page, content: Content) -> None:
    program = next(p for p in content.programs if p["id"] == "rlc-literacy-for-work")
    org = content.organizations[program["organization_id"]]
    page.goto("/")
    search(page, DESKTOP, program["name_en"])
    first = page.locator(".ld-search__result").first
    expect(first.locator(".ld-search__about")).to_contain_text(content.strings("en")["search_type_program"])
    expect(first.locator(".ld-search__about")).to_contain_text(org["name_en"])
    for community in content.program_communities(program):
        expect(first.locator(".ld-search__about")).to_contain_text(content.communities[community]["name_en"])


def test_facets_narrow_the_results(page: Page, content: Content) -> None:
    strings = content.strings("en")
    page.goto("/")
    search(page, DESKTOP, "reading")
    before = len(result_paths(page)) + int(page.locator("[data-ld-search-more]").is_visible())
    page.locator("[data-ld-search-narrow] summary").click()
    kind = page.locator("[data-ld-search-filter='type']")
    expect(kind.locator("option", has_text=strings["search_type_program"])).to_have_count(1)
    kind.select_option(strings["search_type_program"])
    wait_for_outcome(page)
    paths = result_paths(page)
    assert paths and all(p.startswith("/programs/") for p in paths), paths
    community = page.locator("[data-ld-search-filter='community']")
    expect(community.locator("option", has_text="Westvale")).to_have_count(1)
    community.select_option("Westvale")
    wait_for_outcome(page)
    narrowed = result_paths(page)
    assert narrowed and len(narrowed) <= before and set(narrowed) <= set(paths) | set(narrowed)
    westvale = {p["id"] for p in content.programs if "westvale" in content.program_communities(p)}
    assert {p.split("/")[2] for p in narrowed} <= westvale


def test_keyboard_and_phone(page: Page, content: Content) -> None:
    """At 390px: the button is reached with Tab and opened with Enter, the box has focus, Escape
    closes the dialog and gives the focus back to the button."""
    page.set_viewport_size(PHONE)
    page.goto("/")
    button = page.locator("[data-ld-search-open]")
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-ld-search-open')"):
            break
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#ld-search")).to_be_visible()
    expect(page.locator("#ld-search-input")).to_be_focused()
    page.keyboard.type("computers", delay=20)
    wait_for_outcome(page)
    assert "/programs/rlc-digital-skills-live/" in result_paths(page)[:3]
    width = page.evaluate("document.getElementById('ld-search').getBoundingClientRect().width")
    assert width <= PHONE["width"]
    page.keyboard.press("Escape")
    expect(page.locator("#ld-search")).to_be_hidden()
    expect(button).to_be_focused()


def test_nothing_of_the_search_is_downloaded_before_a_search(page: Page) -> None:
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto("/", wait_until="networkidle")
    assert not [u for u in urls if "/pagefind/" in u or u.endswith("/words.json")], urls
    search(page, DESKTOP, "reading")
    assert any("/pagefind/pagefind.js" in u for u in urls)


class _SubPathHandler(_Handler):
    """Serves the site at /literacy-directory/ only, as a project site on GitHub Pages is."""

    PREFIX = "/literacy-directory"

    def translate_path(self, path: str) -> str:
        if not (path == self.PREFIX or path.startswith(self.PREFIX + "/")):
            return str(Path(self.directory) / "does-not-exist")
        return super().translate_path(path[len(self.PREFIX) :] or "/")


@contextlib.contextmanager
def serve_under_sub_path(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer((LOOPBACK, 0), functools.partial(_SubPathHandler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}/literacy-directory"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_works_under_a_sub_path(page: Page, sample_site: Path, lang: str) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    with serve_under_sub_path(sample_site) as url:
        page.goto(f"{url}{prefix(lang)}/programs/rlc-literacy-for-work/")
        query = "literacy for work" if lang == "en" else "alphabetisation pour l'emploi"
        search(page, PHONE, query)
        paths = result_paths(page)
        assert paths[0] == f"/literacy-directory{prefix(lang)}/programs/rlc-literacy-for-work/", paths
        page.locator(RESULT_LINKS).first.click()
        expect(page).to_have_url(f"{url}{prefix(lang)}/programs/rlc-literacy-for-work/")
    assert failed == []
