"""The program finder, in each language and at phone and desktop width: a postal code, a misspelled
town or the device's (mocked) location give results nearest first, taking learners first; the
online programs appear for every place; a closed program says so; a dead end offers the help line
and nearby places; the address keeps the state and the language switch keeps the address; the
keyboard alone is enough; and without JavaScript a learner reaches a short list in three taps.

Expected programs, places and distances are computed from the content CSVs, never hard-coded."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import DESKTOP, LANGUAGES, PHONE, Content, prefix, split, wait_for_finder
from finder_support import (
    TAKING,
    cards,
    in_finder_order,
    nearest_taking_lbs,
    place_point,
    places,
    province_wide,
    site_with_postal_code,
)
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

VIEWPORTS = [pytest.param(PHONE, id="390"), pytest.param(DESKTOP, id="1280")]
HELP_PHONE = "1-800-555-0199"  # mkdocs.yml, help_phone
POSTAL_CODE = "N4R 2K7"


def type_place(page: Page, text: str) -> None:
    page.locator("#ld-near").fill("")
    page.locator("#ld-near").press_sequentially(text)
    page.locator("#ld-near").press("Enter")


def expect_near_first(page: Page, content: Content, expected_first: str) -> None:
    expect(page.locator("#ld-results .ld-group--near li.ld-result").first).to_have_attribute("data-id", expected_first)
    near = cards(page, "near")
    assert near[0]["km"] is not None
    assert in_finder_order(content, near), near


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_postal_code_gives_the_nearest_first(page: Page, content: Content, lang: str, viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    page.goto(f"{prefix(lang)}/find/")
    wait_for_finder(page)
    type_place(page, POSTAL_CODE)
    site = site_with_postal_code(content, POSTAL_CODE)  # a full code of a listed site: that site
    expect_near_first(page, content, nearest_taking_lbs(content, (float(site["latitude"]), float(site["longitude"]))))
    assert cards(page, "near")[0]["km"] == 0.0
    assert parse_qs(urlsplit(page.url).query) == {"near": [POSTAL_CODE]}
    expect(page.locator("#ld-place-status")).to_contain_text(POSTAL_CODE)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_misspelled_town_is_forgiven(page: Page, content: Content, lang: str, viewport: dict[str, int]) -> None:
    place = places(content)["westvale"]
    typo = place["name_en"].lower().replace("vale", "vail")
    page.set_viewport_size(viewport)
    page.goto(f"{prefix(lang)}/find/")
    wait_for_finder(page)
    type_place(page, typo)
    expect(page.locator("#ld-place-status")).to_contain_text(place["name_en"])
    expect(page.locator("#ld-place-status")).to_contain_text(typo)
    expect_near_first(page, content, nearest_taking_lbs(content, place_point(content, "westvale")))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_french_and_english_place_names(page: Page, content: Content, lang: str) -> None:
    """A French name typed on the English site, and a short form without accents."""
    rows = places(content)
    french = next(r for r in rows.values() if r["name_fr"] and r["name_fr"] != r["name_en"] and r["community_id"] == r["id"])
    for typed, place_id in ((french["name_fr"], french["id"]), ("st remi", "saint-remi")):
        page.goto(f"{prefix(lang)}/find/?near={typed}")
        wait_for_finder(page)
        expect(page.locator("#ld-place-status")).to_contain_text(content.text(rows[place_id], "name", lang))
        expect_near_first(page, content, nearest_taking_lbs(content, place_point(content, place_id)))


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_use_my_location(new_context, base_url: str, content: Content, lang: str, viewport: dict[str, int]) -> None:
    here = place_point(content, "alder-mills")
    context = new_context(viewport=viewport, geolocation={"latitude": here[0], "longitude": here[1]}, permissions=["geolocation"])
    page = context.new_page()
    page.goto(f"{base_url}{prefix(lang)}/find/")
    wait_for_finder(page)
    page.locator("#ld-locate").click()
    expect(page.locator("#ld-place-status")).to_have_text(content.strings(lang)["finder_near_here"])
    expect_near_first(page, content, nearest_taking_lbs(content, here))
    assert "near" not in parse_qs(urlsplit(page.url).query), "the position must never go into the address"


def test_online_programs_appear_for_every_place(page: Page, content: Content) -> None:
    wide = {p["id"] for p in content.programs if province_wide(content, p)}
    assert wide, "the sample has province-wide online programs"
    for place in places(content).values():
        page.goto(f"/find/?near={place['name_en']}")
        wait_for_finder(page)
        expect(page.locator("#ld-place-status")).to_contain_text(place["name_en"])
        shown = {c["id"] for c in cards(page, "home")}
        assert wide <= shown, place["id"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_closed_program_says_so_and_comes_after_those_taking_learners(page: Page, content: Content, lang: str) -> None:
    closed = next(p for p in content.programs if p["intake_status"] == "closed" and p["site_ids"])
    site = content.sites[split(closed["site_ids"])[0]]
    page.goto(f"{prefix(lang)}/find/?near={site['postal_code']}")
    wait_for_finder(page)
    card = page.locator(f"#ld-results li.ld-result[data-id='{closed['id']}']")
    expect(card.locator(".ld-status--closed")).to_have_text(content.vocabularies["intake_status"]["closed"][f"plain_{lang}"])
    group = cards(page, "near")
    ranks = [TAKING[next(p for p in content.programs if p["id"] == c["id"])["intake_status"]] for c in group]
    assert ranks == sorted(ranks) and ranks[-1] == 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_paused_program_says_until_when_and_a_retired_one_is_gone(page: Page, content: Content, lang: str) -> None:
    """A paused program's card says it takes no new learners until its reopening date (in the
    page's language) and shows no usual wait; a retired program is in no list of the finder, with
    the place of its site or for any goal, with JavaScript and without."""
    paused = next(p for p in content.programs if p["intake_status"] == "paused" and p["reopening_date"] and p["site_ids"])
    site = content.sites[split(paused["site_ids"])[0]]
    page.goto(f"{prefix(lang)}/find/?near={site['postal_code']}")
    wait_for_finder(page)
    card = page.locator(f"#ld-results li.ld-result[data-id='{paused['id']}']")
    until = content.strings(lang)["intake_paused_until"].split("{date}")[0]
    expect(card.locator(".ld-status--paused")).to_contain_text(until)
    day = str(int(paused["reopening_date"][8:]))
    expect(card.locator(".ld-status--paused")).to_contain_text(re.compile(rf"\b{day}\b.*{paused['reopening_date'][:4]}"))
    wait = content.strings(lang)["program_wait"].split(":")[0].split("{")[0].strip()
    expect(card).not_to_contain_text(wait)
    ranks = [TAKING[next(p for p in content.programs if p["id"] == c["id"])["intake_status"]] for c in cards(page, "near")]
    assert ranks == sorted(ranks)
    retired = content.retired_programs
    assert retired
    for program in retired:
        for site_id in split(program["site_ids"]):
            page.goto(f"{prefix(lang)}/find/?near={content.sites[site_id]['postal_code']}")
            wait_for_finder(page)
            expect(page.locator("#ld-results li.ld-result").first).to_be_visible()
            expect(page.locator(f"li.ld-result[data-id='{program['id']}']")).to_have_count(0)
            community = content.sites[site_id]["community_id"]
            page.goto(f"{prefix(lang)}/find/{community}/")
            expect(page.locator(f"li.ld-result[data-id='{program['id']}']")).to_have_count(0)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_dead_end_offers_the_help_line_online_programs_and_nearby_places(
    page: Page, content: Content, lang: str, viewport: dict[str, int]
) -> None:
    goal = "secondary_school_credit"
    page.set_viewport_size(viewport)
    page.goto(f"{prefix(lang)}/find/?near=granite bay&goal_path={goal}")
    wait_for_finder(page)
    dead_end = page.locator("#ld-none")
    expect(dead_end).to_be_visible()
    expect(dead_end.locator("a[href^='tel:']")).to_have_text(re.compile(re.escape(HELP_PHONE)))
    online = {p["id"] for p in content.programs if province_wide(content, p) and goal in split(p["goal_paths"])}
    assert {c["id"] for c in cards(page, "home")} == online
    links = dead_end.locator("#ld-nearby a").evaluate_all("links => links.map(a => a.pathname)")
    assert links, "nearby places with a match"
    for path in links:
        community = re.fullmatch(rf"{prefix(lang)}/find/([a-z0-9-]+)/{goal}/", path)
        assert community, path
        local = [
            p for p in content.programs if community.group(1) in content.program_communities(p) and not province_wide(content, p)
        ]
        assert any(goal in split(p["goal_paths"]) for p in local), path
    page.goto(f"{prefix(lang)}/find/?near=granite bay&goal_path={goal}&delivery_mode=in_person")
    wait_for_finder(page)
    expect(page.locator("#ld-count")).to_contain_text(content.strings(lang)["finder_none"])
    expect(page.locator("#ld-none")).to_be_visible()
    expect(page.locator("#ld-results li.ld-result")).to_have_count(0)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switch_keeps_the_query(page: Page, lang: str) -> None:
    other = "en" if lang == "fr" else "fr"
    page.goto(f"{prefix(lang)}/find/?near=westvail&goal_path=employment")
    wait_for_finder(page)
    page.locator("#ld-learn").select_option("computers")
    page.locator(".md-header .md-select").hover()
    page.locator(f".md-header .md-select a[hreflang='{other}']").click()
    page.wait_for_url(f"**{prefix(other)}/find/**")
    wait_for_finder(page)
    assert parse_qs(urlsplit(page.url).query) == {"near": ["westvail"], "goal_path": ["employment"], "learn": ["computers"]}
    expect(page.locator("#ld-goal_path")).to_have_value("employment")
    expect(page.locator("#ld-learn")).to_have_value("computers")


def test_filters_and_words_narrow_the_list_and_stay_in_the_address(page: Page, content: Content) -> None:
    page.goto("/find/?near=ridgeway")
    wait_for_finder(page)
    everything = {c["id"] for group in ("near", "home", "other") for c in cards(page, group)}
    page.locator("#ld-goal_path").select_option("employment")
    page.locator("#ld-more > summary").click()
    page.locator("#ld-language").select_option("fr")
    expect(page.locator("#ld-results li.ld-result").first).to_be_visible()
    chosen = {c["id"] for group in ("near", "home", "other") for c in cards(page, group)}
    programs = {p["id"]: p for p in content.programs}
    assert chosen and chosen < everything
    assert all("employment" in split(programs[i]["goal_paths"]) and "fr" in split(programs[i]["languages"]) for i in chosen)
    assert parse_qs(urlsplit(page.url).query) == {"near": ["ridgeway"], "goal_path": ["employment"], "language": ["fr"]}
    page.reload()
    wait_for_finder(page)
    expect(page.locator("#ld-more")).to_have_attribute("open", "")
    assert {c["id"] for group in ("near", "home", "other") for c in cards(page, group)} == chosen
    page.locator("#ld-clear").click()
    expect(page.locator("#ld-near")).to_have_value("")
    page.wait_for_function("location.search === ''")


def test_partner_services_come_last_and_are_labelled(page: Page, content: Content) -> None:
    page.goto("/find/?near=ridgeway")
    wait_for_finder(page)
    headings = page.locator("#ld-results section h2").all_text_contents()
    strings = content.strings("en")
    assert headings == [strings["finder_group_near"], strings["finder_group_home"], strings["finder_group_other"]]
    programs = {p["id"]: p for p in content.programs}
    assert all(programs[c["id"]]["type"] == "partner_service" for c in cards(page, "other"))
    assert all(programs[c["id"]]["type"] == "lbs" for c in cards(page, "near"))


def test_cards_answer_and_the_call_button_is_big_enough(page: Page, content: Content) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"/find/?near={POSTAL_CODE}")
    wait_for_finder(page)
    card = page.locator("#ld-results li.ld-result").first
    strings = content.strings("en")
    for text in (
        strings["program_cost"],
        strings["program_delivery"],
        strings["program_languages"],
        strings["finder_next_step"],
        " km",
    ):
        expect(card).to_contain_text(text)
    expect(card.locator(".ld-org")).not_to_be_empty()
    expect(card.locator(".ld-status")).not_to_be_empty()
    box = card.locator("a.ld-call").bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44, box


def tab_until(page: Page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_alone(page: Page, content: Content) -> None:
    page.goto("/find/")
    wait_for_finder(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('ld-skip')"), "the skip link comes first"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "ld-main"
    tab_until(page, "#ld-near")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none", "focus is not visible"
    page.keyboard.type("westvale")
    page.keyboard.press("Enter")
    expect_near_first(page, content, nearest_taking_lbs(content, place_point(content, "westvale")))
    tab_until(page, "#ld-goal_path")
    page.keyboard.press("ArrowDown")
    goal = page.locator("#ld-goal_path").input_value()
    assert goal
    page.wait_for_function(f"location.search.includes('goal_path={goal}')")
    tab_until(page, "#ld-more > summary", limit=5)
    page.keyboard.press("Enter")
    expect(page.locator("#ld-more")).to_have_attribute("open", "")
    tab_until(page, "#ld-results a", limit=40)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_three_taps_to_a_short_list(new_context, base_url: str, content: Content, lang: str) -> None:
    """Home → a goal → a place → the list of that place's programs for the goal, in order."""
    page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    goal, community = "secondary_school_credit", "ridgeway"
    page.goto(f"{base_url}{prefix(lang)}/")
    page.locator(f".ld-goals a[href$='find/goals/{goal}/']").click()  # 1
    expect(page.locator("#ld-finder")).to_be_hidden()
    page.locator(f".ld-places a[href$='/{community}/{goal}/']").click()  # 2 (the list is tap 3's page)
    page.wait_for_url(f"**{prefix(lang)}/find/{community}/{goal}/")
    listed = page.locator("#ld-results li.ld-result").evaluate_all("items => items.map(li => li.dataset.id)")
    expected = {
        p["id"]
        for p in content.programs
        if goal in split(p["goal_paths"]) and (community in content.program_communities(p) or province_wide(content, p))
    }
    assert set(listed) == expected
    assert len(listed) <= 10
    assert in_finder_order(content, cards(page, "near"))
    page.locator("#ld-results a[href*='/programs/']").first.click()  # 3
    expect(page.locator("article h1")).to_be_visible()


def test_javascript_keeps_the_static_order(new_context, base_url: str) -> None:
    """The enhanced page shows the static list's programs in the same order (then any nearby)."""
    path = f"{base_url}/find/ridgeway/employment/"
    static = new_context(java_script_enabled=False).new_page()
    static.goto(path)
    before = static.locator("#ld-results .ld-group--near li.ld-result").evaluate_all("items => items.map(li => li.dataset.id)")
    page = new_context().new_page()
    page.goto(path)
    wait_for_finder(page)
    after = page.locator("#ld-results .ld-group--near li.ld-result").evaluate_all("items => items.map(li => li.dataset.id)")
    assert [i for i in after if i in before] == before


STATUS_RANK = {"": 0, "open": 0, "limited": 0, "waitlist": 1, "paused": 2, "closed": 2}


def more_programs(page: Page, extra: int) -> None:
    """Every community file the finder reads gains ``extra`` programs (copies of its first, under
    new ids and names, some closed): a place with a long list, from the sample site."""

    def grow(route: object) -> None:
        response = route.fetch()  # type: ignore[attr-defined]
        data = response.json()
        if data["programs"]:
            first = data["programs"][0]
            name = route.request.url.rsplit("/", 1)[-1].removesuffix(".json")  # type: ignore[attr-defined]
            for n in range(extra):
                copy = dict(first, i=f"{name}-copy-{n}", n=f"{first['n']} {n}", s="closed" if n % 4 == 0 else "open")
                data["programs"].append(copy)
        route.fulfill(response=response, json=data)  # type: ignore[attr-defined]

    page.route("**/find/data/*.json", grow)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_long_list_shows_a_page_then_more_on_request(page: Page, lang: str) -> None:
    """A group of more than 10 programs shows the first 10 (in the finder's order) and a button for
    the next 10, which says how many are left and moves the focus to the first new card; at the
    end the button is gone and every program of the count has been shown, in order."""
    page.set_viewport_size(PHONE)
    more_programs(page, 12)
    page.goto(f"{prefix(lang)}/find/?near={POSTAL_CODE}")
    wait_for_finder(page)
    near = page.locator("#ld-results .ld-group--near")
    expect(near.locator("li.ld-result")).to_have_count(10)
    button = near.locator(".ld-more-button")
    total = int(re.search(r"\d+", page.locator("#ld-count").inner_text()).group())  # type: ignore[union-attr]
    left = total - 10 - len(cards(page, "home")) - len(cards(page, "other"))
    assert left > 10
    expect(button).to_contain_text("10")
    expect(button).to_contain_text(str(left))
    shown = 10
    while left > 0:
        button.focus()
        page.keyboard.press("Enter")
        step = min(10, left)
        expect(near.locator("li.ld-result")).to_have_count(shown + step)
        expect(near.locator("li.ld-result").nth(shown).locator("h3 a")).to_be_focused()
        shown, left = shown + step, left - step
        if left:
            expect(button).to_contain_text(str(left))
    expect(button).to_have_count(0)
    found = cards(page, "near")
    keys = [(STATUS_RANK[c["status"].split("--")[-1]] if "--" in c["status"] else 0, c["km"]) for c in found]
    assert keys == sorted(keys), keys
    assert len({c["id"] for c in found}) == len(found)


def test_places_are_read_only_when_a_place_is_needed(page: Page) -> None:
    """A first visit without a place reads find/index.json, not find/places.json; focusing the
    place box reads it (so it is in before Enter); an address with a place reads it at once."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(urlsplit(request.url).path))
    page.goto("/find/")
    wait_for_finder(page)
    assert any(p.endswith("/find/index.json") for p in asked)
    assert not any(p.endswith("/find/places.json") for p in asked)
    with page.expect_response(lambda response: response.url.endswith("/find/places.json")):
        page.locator("#ld-near").focus()
    asked.clear()
    type_place(page, POSTAL_CODE)
    expect(page.locator("#ld-place-status")).to_contain_text(POSTAL_CODE)
    assert not any(p.endswith("/find/places.json") for p in asked)  # read once
    page.goto(f"/find/?near={POSTAL_CODE}")
    wait_for_finder(page)
    expect(page.locator("#ld-place-status")).to_contain_text(POSTAL_CODE)


def test_the_older_community_address_still_names_the_place(page: Page, content: Content) -> None:
    """``?community=<id>`` (links made before ``near``) fills the place box with the community's
    name once the communities are read, and lists its programs nearest first."""
    community = content.communities["ridgeway"]
    name = community["name_en"]
    page.goto(f"/find/?community={community['id']}")
    wait_for_finder(page)
    expect(page.locator("#ld-near")).to_have_value(name)
    expect(page.locator("#ld-place-status")).not_to_have_class(re.compile("unknown"))
    expect(page.locator("#ld-place-status")).not_to_be_empty()
    near = cards(page, "near")
    assert near and near[0]["km"] is not None and in_finder_order(content, near)
