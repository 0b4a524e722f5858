"""Taking a program page away (issue 18): it prints on one Letter page with the phone, the
address, the page's address, the date and a QR code to it; "Text it" and "Email it" carry a short
message; "Copy link" copies; "Report a problem" writes to the network that keeps the listing; and
"Listen" reads the page with the browser's own speech. Expected text comes from the CSVs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from browser_support import LANGUAGES, Content, prefix, split
from playwright.sync_api import Page, expect
from print_support import canonical, print_page

pytestmark = pytest.mark.browser

MONTHS = {"en": "December", "fr": "décembre"}

# speechSynthesis replaced by a recorder: what was spoken, in which language, and the calls made.
SPEECH_STUB = """
window.__spoken = [];
const calls = window.__speechCalls = [];
class FakeUtterance { constructor(text) { this.text = text; this.lang = ""; this.voice = null; } }
window.SpeechSynthesisUtterance = FakeUtterance;
Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
  speak(u) { window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.lang }); calls.push("speak"); },
  pause() { calls.push("pause"); }, resume() { calls.push("resume"); }, cancel() { calls.push("cancel"); },
  getVoices() { return [{ lang: "en-CA", name: "English (Canada)" }, { lang: "fr-CA", name: "Français (Canada)" }]; },
} });
"""
NO_SPEECH = "delete window.speechSynthesis; delete window.SpeechSynthesisUtterance; delete Window.prototype.speechSynthesis;"


def phone_of(content: Content, program: dict[str, str]) -> str:
    return program["contact_phone"] or content.organizations[program["organization_id"]]["phone"]


def network_of(content: Content, program: dict[str, str]) -> dict[str, str]:
    network_id = content.organizations[program["organization_id"]]["network_id"]
    return next(n for n in content.networks if n["id"] == network_id)


def with_site(content: Content) -> dict[str, str]:
    return next(p for p in content.programs if split(p["site_ids"]) and phone_of(content, p))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_program_prints_on_one_page_with_phone_address_and_url(page: Page, content: Content, lang: str) -> None:
    for program in content.programs:
        page.goto(f"{prefix(lang)}/programs/{program['id']}/")
        printed = print_page(page)
        assert printed.pages == 1, f"{lang} {program['id']} prints on {printed.pages} pages"
        text = " ".join(printed.text.split())
        assert canonical(page) in text, program["id"]
        phone = phone_of(content, program)
        assert not phone or phone in text, program["id"]
        for site_id in split(program["site_ids"]):
            site = content.sites[site_id]
            assert site["street_address"] in text and site["postal_code"] in text, program["id"]
        assert MONTHS[lang] in text and str(dt.date.today().year) in text, "the date printed"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_qr_code_on_paper_opens_the_page(page: Page, content: Content, lang: str) -> None:
    program = with_site(content)
    page.goto(f"{prefix(lang)}/programs/{program['id']}/")
    qr = page.locator(".ld-handout svg.ld-qr")
    expect(qr).to_have_attribute("role", "img")
    expect(qr).to_have_attribute("aria-label", f"{content.strings(lang)['handout_qr'].format(url=canonical(page))}")
    expect(qr).to_be_hidden()  # on screen: paper only
    assert print_page(page).qr_codes() == [canonical(page)]


def test_paper_leaves_out_buttons_and_chrome(page: Page, content: Content) -> None:
    program = next(p for p in content.programs if p["accepts_referrals"] == "true")
    page.goto(f"/programs/{program['id']}/")
    text = print_page(page).text
    strings = content.strings("en")
    for gone in (strings["share_sms"], strings["listen"], strings["report_problem"], strings["program_refer_form"], "Search"):
        assert gone not in text
    assert content.organizations[program["organization_id"]]["name_en"] in text
    email = program["contact_email"] or content.organizations[program["organization_id"]]["email"]
    assert email in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_it_and_email_it_carry_name_phone_address_and_link(page: Page, content: Content, lang: str) -> None:
    program = with_site(content)
    site = content.sites[split(program["site_ids"])[0]]
    page.goto(f"{prefix(lang)}/programs/{program['id']}/")
    strings = content.strings(lang)
    sms = page.get_by_role("link", name=strings["share_sms"]).get_attribute("href") or ""
    assert sms.startswith("sms:?&body=")
    body = unquote(sms.removeprefix("sms:?&body="))
    name = content.text(program, "name", lang)
    expected = [
        name,
        strings["share_phone"].format(phone=phone_of(content, program)),
        strings["share_address"].format(address=f"{site['street_address']}, {site['city']} {site['postal_code']}"),
        canonical(page),
    ]
    assert body.split("\n") == expected
    mail = page.get_by_role("link", name=strings["share_email"]).get_attribute("href") or ""
    parts = urlsplit(mail)
    assert parts.scheme == "mailto" and parts.path == ""
    query = parse_qs(parts.query)
    assert query["subject"] == [name] and query["body"] == [body]


def test_copy_link_copies_and_says_so(page: Page, content: Content) -> None:
    page.add_init_script(
        "window.__copied = []; Object.defineProperty(navigator, 'clipboard', { value: { writeText: t => { window.__copied.push(t); return Promise.resolve(); } } });"
    )
    program = with_site(content)
    page.goto(f"/programs/{program['id']}/")
    page.get_by_role("button", name=content.strings("en")["share_copy"]).click()
    expect(page.locator(".ld-copy-status")).to_have_text(content.strings("en")["share_copied"])
    assert page.evaluate("window.__copied") == [canonical(page)]


def test_copy_link_and_listen_are_hidden_without_javascript(new_context: Callable[..., Any], content: Content) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"/programs/{with_site(content)['id']}/")
    expect(page.locator(".ld-copy")).to_be_hidden()
    expect(page.locator(".ld-listen")).to_be_hidden()
    expect(page.locator(".ld-share-sms")).to_be_visible()


@pytest.mark.parametrize(("table", "lang"), [("programs", "en"), ("programs", "fr"), ("organizations", "en"), ("sites", "fr")])
def test_report_a_problem_writes_to_the_network_that_keeps_the_listing(
    page: Page, content: Content, table: str, lang: str
) -> None:
    program = with_site(content)
    record_id = {"programs": program["id"], "organizations": program["organization_id"], "sites": split(program["site_ids"])[0]}[
        table
    ]
    page.goto(f"{prefix(lang)}/{table}/{record_id}/")
    link = page.get_by_role("link", name=content.strings(lang)["report_problem"])
    parts = urlsplit(link.get_attribute("href") or "")
    assert (parts.scheme, unquote(parts.path)) == ("mailto", network_of(content, program)["email"])
    query = parse_qs(parts.query)
    assert f"({table}/{record_id})" in query["subject"][0]
    assert canonical(page) in query["body"][0]
    expect(page.get_by_role("link", name=content.strings(lang)["suggest_correction"])).to_have_count(0)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("where", ["program", "home", "finder"])
def test_listen_reads_the_page_in_its_language_with_pause_and_stop(page: Page, content: Content, lang: str, where: str) -> None:
    page.add_init_script(SPEECH_STUB)
    program = with_site(content)
    path = {"program": f"/programs/{program['id']}/", "home": "/", "finder": "/find/"}[where]
    page.goto(f"{prefix(lang)}{path}")
    strings = content.strings(lang)
    play = page.locator(".ld-listen-play")
    expect(play).to_have_text(strings["listen"])
    box = play.bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44
    play.click()
    spoken = page.evaluate("window.__spoken")
    assert len(spoken) == 1 and spoken[0]["lang"] == f"{lang}-CA" and spoken[0]["voice"] == f"{lang}-CA"
    heading = page.locator("h1").first.inner_text()
    assert heading.strip() in spoken[0]["text"]
    assert strings["share_sms"] not in spoken[0]["text"] and strings["listen"] not in spoken[0]["text"]
    expect(play).to_have_text(strings["listen_pause"])
    play.click()
    expect(play).to_have_text(strings["listen_resume"])
    play.click()
    page.get_by_role("button", name=strings["listen_stop"]).click()
    expect(play).to_have_text(strings["listen"])
    expect(play).to_be_focused()
    assert page.evaluate("window.__speechCalls") == ["cancel", "speak", "pause", "resume", "cancel"]


def test_listen_is_hidden_where_the_browser_cannot_speak(page: Page, content: Content) -> None:
    page.add_init_script(NO_SPEECH)
    page.goto(f"/programs/{with_site(content)['id']}/")
    page.wait_for_load_state("load")
    expect(page.locator(".ld-listen")).to_be_hidden()
