"""Printing a program page or the finder's list gives a clean handout: no header, navigation,
search or filters; the name, address, phone and how to start are on paper."""

from __future__ import annotations

import pytest
from browser_support import Content, split, wait_for_finder
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

CHROME = (".md-header", ".md-tabs", ".md-search", ".md-sidebar--primary", ".md-footer")


def expect_no_chrome(page: Page) -> None:
    for selector in CHROME:
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()


def phone_of(content: Content, program: dict[str, str]) -> str:
    return program["contact_phone"] or content.organizations[program["organization_id"]]["phone"]


def test_program_page(page: Page, content: Content) -> None:
    program = next(p for p in content.programs if split(p["site_ids"]) and p["how_to_start_en"])
    site = content.sites[split(program["site_ids"])[0]]
    page.goto(f"/programs/{program['id']}/")
    page.emulate_media(media="print")
    expect_no_chrome(page)
    article = page.locator("article")
    expect(article.locator("h1")).to_have_text(program["name_en"])
    for text in (site["street_address"], site["postal_code"], phone_of(content, program), program["how_to_start_en"]):
        expect(article.get_by_text(text, exact=False).first).to_be_visible()


def test_finder_list(page: Page, content: Content) -> None:
    """A community's list, printed from the finder: each card keeps its name, phone, next step and
    address; the filters, links back and the places go."""
    community = content.communities[next(iter(content.communities))]["id"]
    page.goto(f"/find/{community}/")
    wait_for_finder(page)
    shown = page.locator("#ld-results li.ld-result").evaluate_all("items => items.map(li => li.dataset.id)")
    expected = [p for p in content.programs if p["id"] in shown]
    assert expected
    page.emulate_media(media="print")
    expect_no_chrome(page)
    expect(page.locator("#ld-finder")).to_be_hidden()
    expect(page.locator(".ld-back")).to_be_hidden()
    results = page.locator("#ld-results")
    expect(results).to_be_visible()
    for program in expected:
        card = results.locator("li", has=page.locator(f"a[href$='programs/{program['id']}/']"))
        expect(card.locator("a").first).to_have_text(program["name_en"])
        texts = [phone_of(content, program), program["how_to_start_en"]]
        texts += [content.sites[s]["street_address"] for s in split(program["site_ids"])[:1]]
        for text in filter(None, texts):
            expect(card.get_by_text(text, exact=False).first).to_be_visible()


def test_plan_page(page: Page, content: Content) -> None:
    """A printed plan keeps its summary, its tables and its chart's numbers; the site's chrome goes."""
    page.goto(f"/plans/{content.published_plans[0]}/")
    page.emulate_media(media="print")
    expect_no_chrome(page)
    article = page.locator("article")
    expect(article.locator("h1")).to_be_visible()
    expect(article.locator("table").first).to_be_visible()
    expect(article.locator("p").first).to_be_visible()


def test_form_page(page: Page, content: Content) -> None:
    """A printed form shows every question with room to write, and no site chrome."""
    page.goto(f"/forms/{content.form_ids[0]}/")
    page.emulate_media(media="print")
    expect_no_chrome(page)
    form = page.locator("form.ldf")
    expect(form).to_be_visible()
    for label in form.locator("label").all()[:10]:
        expect(label).to_be_visible()
