"""A finder list taken away (issue 18): on paper it is headed by the choices that made it, the
date and its address, with a QR code to the same filtered list (drawn in the browser for the
filters, made at build time for the pages without them), and ten programs fit on two pages. Each
card can be sent by text or email."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest
from browser_support import LANGUAGES, Content, prefix, wait_for_finder
from playwright.sync_api import Page, expect
from print_support import canonical, print_page

pytestmark = pytest.mark.browser

MONTHS = {"en": "December", "fr": "décembre"}


def open_list(page: Page, lang: str, query: str) -> int:
    page.goto(f"{prefix(lang)}/find/?{query}")
    wait_for_finder(page)
    return page.locator("#ld-results li.ld-result").count()


def longest_list_of_ten(page: Page, content: Content) -> tuple[str, int]:
    """The community whose own list (typed as its name) is longest without passing ten programs."""
    counts = {}
    for community in content.communities.values():
        counts[community["name_en"]] = open_list(page, "en", f"near={quote(community['name_en'])}")
    name = max((n for n in counts if counts[n] <= 10), key=lambda n: counts[n])
    return name, counts[name]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ten_programs_print_on_two_pages_headed_by_their_filters_date_and_qr(page: Page, content: Content, lang: str) -> None:
    name, count = longest_list_of_ten(page, content)
    assert count >= 8, "the sample has a list of about ten programs"
    goal_label = content.vocabularies["goal_path"]["employment"][f"plain_{lang}"]
    shown = open_list(page, lang, f"near={quote(name)}")
    assert shown == count
    printed = print_page(page)
    assert printed.pages <= 2
    text = " ".join(printed.text.split())
    assert content.strings(lang)["handout_filters"] in text and name in text
    assert MONTHS[lang] in text
    url = str(page.locator(".ld-handout--list").get_attribute("data-url")) + page.evaluate("location.search")
    assert url in text
    assert printed.qr_codes(resolution=200) == [url]
    assert content.strings(lang)["finder_intro"] not in text
    # one more choice: the header names both, and the QR code follows the list
    page.emulate_media(media="screen")
    page.select_option("#ld-goal_path", "employment")
    page.wait_for_function("location.search.includes('goal_path=employment')")
    choices = page.locator(".ld-handout-choices")
    expect(choices).to_have_text(f"{name} · {goal_label}")
    url = str(page.locator(".ld-handout--list").get_attribute("data-url")) + page.evaluate("location.search")
    assert print_page(page).qr_codes(resolution=200) == [url]


def test_a_list_without_filters_has_its_qr_code_from_the_build(page: Page, content: Content) -> None:
    community = next(iter(content.communities))
    page.goto(f"/find/{community}/employment/")
    wait_for_finder(page)
    expect(page.locator(".ld-handout-choices")).to_contain_text(content.communities[community]["name_en"])
    assert print_page(page).qr_codes(resolution=200) == [canonical(page)]
    assert page.evaluate("typeof window.qrcode") == "undefined", "the QR library loads only for filtered lists"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cards_can_be_sent_by_text_or_email(page: Page, content: Content, lang: str) -> None:
    community = next(iter(content.communities.values()))
    open_list(page, lang, f"near={quote(community['name_en'])}")
    card = page.locator("#ld-results li.ld-result").first
    program = next(p for p in content.programs if p["id"] == card.get_attribute("data-id"))
    strings = content.strings(lang)
    sms = card.get_by_role("link", name=strings["share_sms"]).get_attribute("href") or ""
    body = unquote(sms.removeprefix("sms:?&body=")).split("\n")
    assert body[0] == content.text(program, "name", lang)
    assert body[-1].endswith(f"{prefix(lang)}/programs/{program['id']}/")
    phone = program["contact_phone"] or content.organizations[program["organization_id"]]["phone"]
    assert strings["share_phone"].format(phone=phone) in body
    mail = card.get_by_role("link", name=strings["share_email"]).get_attribute("href") or ""
    query = parse_qs(urlsplit(mail).query)
    assert query["subject"] == [content.text(program, "name", lang)] and query["body"] == ["\n".join(body)]
    expect(card.get_by_role("button", name=strings["share_copy"])).to_be_visible()
