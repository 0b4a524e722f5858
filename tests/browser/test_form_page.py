"""The on-screen referral form in Chromium: printed on at most two Letter pages with every date
written unambiguously in the page's language, filled from the links of protocol and program pages,
and free of axe violations when filled."""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from browser_support import LANGUAGES, Content, axe_violations, prefix
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from ruamel.yaml import YAML

pytestmark = pytest.mark.browser

FORM = "learner-referral"
PROTOCOL = "ontario-works-ridgeway-to-literacy-council"  # one way: one referrer, one receiver
ON_PAPER = {
    "en": {"2026-12-03": "3 December 2026", "2026-12-01": "1 December 2026"},
    "fr": {"2026-12-03": "3 décembre 2026", "2026-12-01": "1er décembre 2026"},
}
AMBIGUOUS = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|mm/dd|jj/mm")


def protocol_meta(content: Content) -> dict:
    """The protocol's front matter (between the first two --- lines)."""
    text = (content.root / "referral_protocols" / f"{PROTOCOL}.md").read_text(encoding="utf-8")
    return YAML(typ="safe").load(text.split("---\n")[1])  # type: ignore[no-any-return]


def party_name(content: Content, protocol: dict, role: str, lang: str) -> str:
    party = next(p for p in protocol["parties"] if p["role"] == role)
    org = content.organizations[party["organization_id"]]
    program = next(p for p in content.programs if p["id"] == party["program_id"])
    return f"{content.text(org, 'name', lang)}, {content.text(program, 'name', lang)}"


def fill_dates(page: Page, dates: list[str]) -> None:
    for date_input, value in zip(page.locator("form.ldf input[type=date]").all(), dates, strict=False):
        date_input.fill(value)


def pdf_text(page: Page) -> tuple[int, str]:
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_referral_form_prints_on_two_pages_with_unambiguous_dates(page: Page, lang: str) -> None:
    page.goto(f"{prefix(lang)}/forms/{FORM}/")
    fill_dates(page, ["2026-12-03", "2026-12-01"])  # the referral date, the consent date; the rest stay blank
    paper = page.locator("form.ldf .ldf-date-print")
    expect(paper.nth(0)).to_have_text(ON_PAPER[lang]["2026-12-03"])
    expect(paper.nth(1)).to_have_text(ON_PAPER[lang]["2026-12-01"])
    expect(paper.nth(0)).to_be_hidden()  # on screen the date picker shows the date
    pages, text = pdf_text(page)
    assert pages <= 2
    flat = " ".join(text.split())
    for written in ON_PAPER[lang].values():
        assert written in flat
    assert "(YYYY-MM-DD)" in flat if lang == "en" else "(AAAA-MM-JJ)" in flat  # blank dates say how to write them
    assert not AMBIGUOUS.search(flat), AMBIGUOUS.search(flat)
    page.emulate_media(media="print")
    expect(page.locator("form.ldf input[type=date]").first).to_be_hidden()
    expect(paper.nth(0)).to_be_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_protocol_page_links_to_forms_filled_with_its_parties(page: Page, content: Content, lang: str) -> None:
    protocol = protocol_meta(content)
    receiver = next(p for p in protocol["parties"] if p["role"] == "receiver")
    program = next(p for p in content.programs if p["id"] == receiver["program_id"])
    expected = {
        "receiving_organization": party_name(content, protocol, "receiver", lang),
        "receiving_contact": program["contact_phone"],
        "referring_organization": party_name(content, protocol, "referrer", lang),
    }
    page.goto(f"{prefix(lang)}/protocols/{PROTOCOL}/")
    link = page.locator(f"article a[href*='forms/{FORM}/']")
    expect(link).to_have_count(1)
    href = link.get_attribute("href") or ""
    assert dict(parse_qsl(urlsplit(href).fragment)) == expected
    link.click()
    page.wait_for_url(f"**/forms/{FORM}/**")
    for name, value in expected.items():
        expect(page.locator(f"form.ldf [name={name}]")).to_have_value(value)
    expect(page.locator("form.ldf [name=referring_worker]")).to_have_value("")  # never a person


def test_consent_form_from_a_protocol_names_who_shares_with_whom(page: Page, content: Content) -> None:
    protocol = protocol_meta(content)
    page.goto(f"/protocols/{PROTOCOL}/")
    page.locator("article a[href*='forms/consent-to-share/']").click()
    expect(page.locator("form.ldf [name=sharing_organization]")).to_have_value(party_name(content, protocol, "referrer", "en"))
    expect(page.locator("form.ldf [name=receiving_organization]")).to_have_value(party_name(content, protocol, "receiver", "en"))


def test_program_page_link_fills_the_receiving_program(page: Page, content: Content) -> None:
    program = next(p for p in content.programs if p["accepts_referrals"] == "true" and p["contact_phone"])
    org = content.organizations[program["organization_id"]]
    page.goto(f"/programs/{program['id']}/")
    page.locator(f"article a.ld-button[href*='forms/{FORM}/']").click()
    expect(page.locator("form.ldf [name=receiving_organization]")).to_have_value(f"{org['name_en']}, {program['name_en']}")
    expect(page.locator("form.ldf [name=receiving_contact]")).to_have_value(program["contact_phone"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_filled_referral_form_has_no_axe_violations(page: Page, lang: str) -> None:
    page.goto(f"{prefix(lang)}/forms/{FORM}/#receiving_organization=Eastside%20LBS&receiving_contact=613-555-0100")
    fill_dates(page, ["2026-12-03"])
    expect(page.locator("form.ldf [name=receiving_organization]")).to_have_value("Eastside LBS")
    assert axe_violations(page) == []
