"""A place with a long list, built for real: copies of a Ridgeway program make its "near" group
longer than a page. Without JavaScript the list page shows its first page and keeps the rest in a
closed "Show N more" that the keyboard opens (nothing lost, same order, axe clean open and closed,
the rest printed once opened); with JavaScript the finder shows the same first page and its own
"Show more" button, and no card twice.

A long static list used to be laid out whole: at 20,000 programs the finder page carried 183
cards, and Lighthouse's mobile performance fell to 87-90 (95 with the page of cards; see
benchmarks/RESULTS.md)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import LANGUAGES, PHONE, Content, axe_violations, build, prefix, serve, wait_for_finder
from playwright.sync_api import Page, expect

from build_support import copy_project
from literacy_directory.site.finder import PAGE

pytestmark = pytest.mark.browser

COMMUNITY, PROGRAM, COPIES = "ridgeway", "rlc-literacy-for-work", 14
PAGE_NEAR = PAGE["near"]


def add_copies(content: Path) -> list[str]:
    """``COPIES`` copies of ``PROGRAM`` under new ids and names (some closed, so the order has
    something to do); returns the new ids."""
    path = content / "programs.csv"
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    assert fields
    original = next(r for r in rows if r["id"] == PROGRAM)
    copies = []
    for n in range(1, COPIES + 1):
        copy = dict(original, id=f"{PROGRAM}-copy-{n}", name_en=f"Reading group {n}", name_fr=f"Groupe de lecture {n}")
        if n % 5 == 0:
            copy["intake_status"] = "closed"
        copies.append(copy)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows + copies)
    return [c["id"] for c in copies]


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Content]]:
    project = copy_project(tmp_path_factory.mktemp("long-lists") / "project")
    add_copies(project / "content")
    done = build(project / "site", project)
    assert done.returncode == 0, f"the build with a long list failed:\n{done.stdout}\n{done.stderr}"
    with serve(project / "site") as url:
        yield url, Content(project / "content")


def near_ids(page: Page, within: str = "") -> list[str]:
    return page.locator(f"#ld-results .ld-group--near {within} li.ld-result").evaluate_all(
        "items => items.map(li => li.dataset.id)"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_a_long_list_shows_a_page_and_the_rest_on_request(
    new_context, long_site: tuple[str, Content], lang: str
) -> None:
    url, content = long_site
    path = f"{url}{prefix(lang)}/find/{COMMUNITY}/"
    static = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    static.goto(path)
    everything = near_ids(static)
    expected = {
        p["id"] for p in content.programs if COMMUNITY in content.program_communities(p) and p["site_ids"] and p["type"] == "lbs"
    }
    assert set(everything) == expected and len(everything) == len(expected) > PAGE_NEAR
    assert near_ids(static, "> ol") == everything[:PAGE_NEAR]
    left = len(everything) - PAGE_NEAR
    expect(static.locator(".ld-group--near details.ld-rest > summary")).to_have_text(
        content.strings(lang)["finder_rest"].replace("{count}", str(left))
    )
    expect(static.locator(".ld-group--near details.ld-rest li.ld-result").first).to_be_hidden()
    online = static.locator(".ld-group--near .ld-more-online")
    expect(online).to_be_hidden()
    static.emulate_media(media="print")  # paper: the first page, and how many more the website has
    expect(online).to_have_text(content.strings(lang)["finder_more_online"].replace("{left}", str(left)))
    expect(static.locator(".ld-group--near details.ld-rest li.ld-result").first).to_be_hidden()

    # The same page when the finder's script fails to load (axe needs scripts to run).
    page = new_context(viewport=PHONE).new_page()
    page.route("**/assets/finder.js", lambda route: route.abort())
    page.goto(path)
    rest = page.locator("#ld-results .ld-group--near details.ld-rest")
    expect(rest).not_to_have_attribute("open", "")
    assert axe_violations(page) == []
    summary = rest.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(rest).to_have_attribute("open", "")
    expect(rest.locator("li.ld-result").last).to_be_visible()
    # The rest's cards look like the first page's (a disclosure's own font size once shrank them).
    sizes = """cards => cards.map(card => ['h3', '.ld-org', '.ld-card-facts li']
        .map(s => getComputedStyle(card.querySelector(s)).fontSize).join(' '))"""
    first, later = (
        page.locator(f"#ld-results .ld-group--near {within} li.ld-result").evaluate_all(sizes) for within in ("> ol", "details")
    )
    assert set(first) == set(later) and len(set(first)) == 1, (first, later)
    # The focus scrolled the page: Material fades the page's title into the header; axe reads it settled.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    assert axe_violations(page) == []
    page.keyboard.press("Tab")  # from the summary to the first program of the rest
    assert page.evaluate("document.activeElement.closest('li.ld-result').dataset.id") == everything[PAGE_NEAR]

    page.emulate_media(media="print")  # opened: all of them on paper, and no "more on the website"
    expect(summary).to_be_hidden()
    expect(rest.locator("li.ld-result").last).to_be_visible()
    expect(page.locator(".ld-group--near .ld-more-online")).to_be_hidden()


def test_with_javascript_the_same_first_page_and_no_card_twice(new_context, long_site: tuple[str, Content]) -> None:
    url, content = long_site
    static = new_context(java_script_enabled=False).new_page()
    static.goto(f"{url}/find/{COMMUNITY}/")
    first_page = near_ids(static, "> ol")
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"{url}/find/{COMMUNITY}/")
    wait_for_finder(page)
    assert near_ids(page) == first_page
    expect(page.locator("#ld-results details.ld-rest")).to_have_count(0)
    page.locator("#ld-results .ld-group--near .ld-more-button").click()
    shown = near_ids(page)
    assert len(shown) == len(set(shown)) == min(2 * PAGE_NEAR, len(near_ids(static)))
    button = page.locator("#ld-results .ld-group--near .ld-more-button").text_content() or ""
    pattern = re.escape(content.strings("en")["finder_more"]).replace(r"\{count\}", r"\d+").replace(r"\{left\}", r"(\d+)")
    found = re.fullmatch(pattern, button.strip())
    assert found, button
    left = found.group(1)
    page.emulate_media(media="print")  # paper: the cards shown, and how many more the website has
    expect(page.locator("#ld-results .ld-group--near .ld-more-button")).to_be_hidden()
    online = page.locator("#ld-results .ld-group--near .ld-more-online")
    expect(online).to_have_text(content.strings("en")["finder_more_online"].replace("{left}", left))
    page.emulate_media(media="screen")
    expect(online).to_be_hidden()
