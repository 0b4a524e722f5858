"""The program finder, in each language: filters match the content, the address keeps them, the
labels and the count speak the page's language, the keyboard alone is enough, and without
JavaScript every program is listed."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import LANGUAGES, Content, fold, prefix, wait_for_finder
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

MORE = ("stream", "language", "delivery_mode", "time_of_day", "training_support", "intake_status")
PROGRAM_ID = re.compile(r"/programs/([a-z0-9-]+)/$")
VOCABULARIES = ("goal_path", *MORE)  # the selects whose options come from schemas/vocabularies.csv

# Combinations of filters; the expected programs are computed from the CSVs, never hard-coded.
COMBINATIONS = [
    pytest.param({"community": "westvale"}, id="community-with-sites-and-community-ids"),
    pytest.param({"community": "kessock"}, id="community-reached-only-by-programs-without-a-site"),
    pytest.param({"goal_path": "employment", "language": "fr"}, id="goal+language"),
    pytest.param(
        {"community": "birch-falls", "time_of_day": "evening", "training_support": "childcare"}, id="community+time+support"
    ),
    pytest.param({"stream": "francophone", "delivery_mode": "online", "intake_status": "open"}, id="stream+mode+intake"),
    pytest.param({"words": "saint remi", "goal_path": "postsecondary"}, id="words-without-accents+goal"),
    pytest.param({"community": "granite-bay", "delivery_mode": "in_person"}, id="no-match"),
]


def result_ids(page: Page, selector: str = "#ld-results") -> list[str]:
    hrefs = page.locator(f"{selector} a[href*='/programs/']").evaluate_all("links => links.map(a => a.href)")
    return [m.group(1) for h in hrefs if (m := PROGRAM_ID.search(h))]


def choose(page: Page, filters: dict[str, str]) -> None:
    if any(name in MORE for name in filters):
        page.locator("#ld-more > summary").click()
    for name, value in filters.items():
        if name == "words":
            page.locator("#ld-q").fill(value)
        else:
            page.locator(f"#ld-{name}").select_option(value)


def expect_results(page: Page, content: Content, expected: set[str], lang: str = "en") -> None:
    expect(page.locator("#ld-results > li")).to_have_count(len(expected))
    assert sorted(result_ids(page)) == sorted(expected)
    links = page.locator("#ld-results a[href*='/programs/']").evaluate_all("links => links.map(a => a.pathname)")
    assert all(link.startswith(f"{prefix(lang)}/programs/") for link in links), links
    expect(page.locator("#ld-count")).to_have_text(content.count_text(len(expected), lang))


def test_the_combinations_are_meaningful(content: Content) -> None:
    """Guard against a vacuous test: most combinations select some but not all programs."""
    everything = {p["id"] for p in content.programs}
    sizes = [len(content.expected_ids(c.values[0])) for c in COMBINATIONS]
    assert sizes[-1] == 0
    assert all(0 < n < len(everything) for n in sizes[:-1]), sizes
    # A program without a site is found through its community_ids.
    assert any(not p["site_ids"] and "kessock" in p["community_ids"] for p in content.programs)


@pytest.mark.parametrize("filters", COMBINATIONS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_filters_match_the_content_and_stay_in_the_address(
    page: Page, content: Content, lang: str, filters: dict[str, str]
) -> None:
    expected = content.expected_ids(filters, lang)
    # Both languages' finders list the same programs (the words are matched against each
    # language's text, which in the sample content selects the same ones).
    assert expected == content.expected_ids(filters, "en")
    page.goto(f"{prefix(lang)}/find/")
    wait_for_finder(page)
    expect(page.locator("#ld-results > li")).to_have_count(len(content.programs))

    choose(page, filters)
    expect_results(page, content, expected, lang)

    address = urlsplit(page.url)
    assert address.path == f"{prefix(lang)}/find/"
    assert {k: v[0] for k, v in parse_qs(address.query).items()} == filters

    page.reload()
    wait_for_finder(page)
    expect_results(page, content, expected, lang)
    for name, value in filters.items():
        expect(page.locator("#ld-q" if name == "words" else f"#ld-{name}")).to_have_value(value)
    if any(name in MORE for name in filters):
        expect(page.locator("#ld-more")).to_have_attribute("open", "")

    page.locator("#ld-clear").click()
    expect(page.locator("#ld-results > li")).to_have_count(len(content.programs))
    assert urlsplit(page.url).query == ""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_labels_are_in_the_page_language(page: Page, content: Content, lang: str) -> None:
    """Every option reads as schemas/vocabularies.csv (or communities.csv) labels it in the page's
    language, and the headings and buttons use the interface strings."""
    strings = content.strings(lang)
    page.goto(f"{prefix(lang)}/find/")
    wait_for_finder(page)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("h1")).to_have_text(strings["finder_title"])
    expect(page.locator("label[for='ld-q']")).to_have_text(strings["finder_text"])
    expect(page.locator("#ld-more > summary")).to_have_text(strings["finder_more_filters"])
    expect(page.locator("#ld-clear")).to_have_text(strings["finder_clear"])
    expect(page.locator("#ld-count")).to_have_text(content.count_text(len(content.programs), lang))

    def options(name: str) -> dict[str, str]:
        found = page.locator(f"#ld-{name} option").evaluate_all("os => os.map(o => [o.value, o.textContent.trim()])")
        return dict(found)

    for name in VOCABULARIES:
        expect(page.locator(f"label[for='ld-{name}']")).to_have_text(strings[f"finder_{name}"])
        labels = {code: row[f"label_{lang}"] for code, row in content.vocabularies[name].items()}
        shown = options(name)
        assert shown.pop("") == strings["finder_any"], name
        assert shown, name
        assert shown == {code: labels[code] for code in shown}, name
    communities = options("community")
    assert communities.pop("") == strings["finder_any"]
    assert communities == {c: content.text(row, "name", lang) for c, row in content.communities.items()}


def tab_to(page: Page, element_id: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def test_keyboard_alone(page: Page, content: Content) -> None:
    page.goto("/find/")
    wait_for_finder(page)

    tab_to(page, "ld-goal_path")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none", "focus is not visible"
    page.keyboard.press("ArrowDown")
    goal = page.locator("#ld-goal_path").input_value()
    assert goal, "ArrowDown on the focused select did not choose a goal"
    expect_results(page, content, content.expected_ids({"goal_path": goal}))

    page.keyboard.press("Tab")  # the next stop is the "More choices" summary
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    expect(page.locator("#ld-more")).to_have_attribute("open", "")
    tab_to(page, "ld-language", limit=5)
    page.keyboard.press("ArrowDown")
    language = page.locator("#ld-language").input_value()
    assert language
    expect_results(page, content, content.expected_ids({"goal_path": goal, "language": language}))
    assert parse_qs(urlsplit(page.url).query) == {"goal_path": [goal], "language": [language]}


def test_without_javascript_every_program_is_listed(new_context, base_url: str, content: Content) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"{base_url}/find/")
    expect(page.locator("#ld-all")).to_be_visible()
    expect(page.locator("#ld-finder")).to_be_hidden()
    listed = result_ids(page, "#ld-all")
    assert {p["id"] for p in content.programs} <= set(listed)
    assert set(listed) <= {p["id"] for p in content.programs}


def only_in_french(content: Content) -> str:
    """A word of the programs' French text that none of their English text has."""
    english = " ".join(content.search_text(p, "en") for p in content.programs)
    for program in content.programs:
        for word in fold(program["name_fr"]).replace("'", " ").split():
            if len(word) >= 8 and word not in english:
                return word
    raise AssertionError("no word of the programs' French names is absent from their English text")


def test_words_are_matched_against_the_page_language(page: Page, content: Content) -> None:
    word = only_in_french(content)
    expected = {"fr": content.expected_ids({"words": word}, "fr"), "en": set()}
    assert expected["fr"]
    assert content.expected_ids({"words": word}, "en") == expected["en"]
    for lang in LANGUAGES:
        page.goto(f"{prefix(lang)}/find/?words={word}")
        wait_for_finder(page)
        expect_results(page, content, expected[lang], lang)
