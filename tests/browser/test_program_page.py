"""A program page answers what decides before the details: intake and cost near the top, then per
site the accessibility note and a plain directions link (nothing loaded until tapped), a website
link where "how to start" sends learners there, and what to bring. Expected text comes from the CSVs."""

from __future__ import annotations

import pytest
from browser_support import LANGUAGES, Content, prefix, read_csv, split
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def programs(content: Content) -> list[dict[str, str]]:
    return read_csv(content.root, "programs")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cost_comes_first_and_sites_have_directions_and_access_notes(page: Page, content: Content, lang: str) -> None:
    program = next(p for p in programs(content) if any(content.sites[s]["accessibility_note_en"] for s in split(p["site_ids"])))
    page.goto(f"{prefix(lang)}/programs/{program['id']}/")
    article = page.locator("article")
    cost_top = article.locator(".ld-cost").bounding_box()
    first_heading = article.locator("h2").first.bounding_box()
    assert cost_top and first_heading and cost_top["y"] < first_heading["y"], "cost before the first section"
    for site_id in split(program["site_ids"]):
        site = content.sites[site_id]
        link = article.locator(
            f"a[href^='https://www.openstreetmap.org/directions?route=%3B{float(site['latitude'])}%2C{float(site['longitude'])}']"
        )
        expect(link).to_have_count(1)
        if site["accessibility_note_en"]:
            expect(article).to_contain_text(content.text(site, "accessibility_note", lang))
    if program["what_to_bring_en"]:
        expect(article.locator(".ld-bring")).to_have_text(content.text(program, "what_to_bring", lang))


def test_website_link_where_how_to_start_says_so(page: Page, content: Content) -> None:
    program = next(p for p in programs(content) if "website" in p["how_to_start_en"].lower())
    website = content.organizations[program["organization_id"]]["website"]
    page.goto(f"/programs/{program['id']}/")
    expect(page.locator(f"article a[href='{website}']").first).to_be_visible()


def test_what_to_bring_is_shown(page: Page, content: Content) -> None:
    program = next(p for p in programs(content) if p["what_to_bring_en"])
    page.goto(f"/programs/{program['id']}/")
    expect(page.locator("article .ld-bring")).to_have_text(program["what_to_bring_en"])
