"""The finder's data and order, from the sample content: place names compare as learners type
them, distances are right, the groups and order are the finder's, the browser's files are small
and complete, and every community and goal has its page in both languages."""

from __future__ import annotations

import gzip
import json
import re
from typing import Any

import pytest

from check_support import REPO
from literacy_directory.catalog.directory import Catalog, build_catalog
from literacy_directory.core.project import Project
from literacy_directory.site.finder import (
    GROUPS,
    INTAKE_RANK,
    PAGE,
    community_centre,
    distance_km,
    finder_index,
    finder_places,
    finder_shard,
    learn_topics,
    mentions_website,
    ordered,
    place_key,
    province_wide,
)
from literacy_directory.site.generate import SiteOptions, generate_site
from literacy_directory.validate.content import load_content


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    content = load_content(Project(REPO))
    assert [d for d in content.diagnostics if d.is_error] == []
    return build_catalog(content)


@pytest.mark.parametrize(
    ("typed", "listed"),
    [
        ("City of Ridgeway", "ridgeway"),
        ("Ville de Ridgeway", "Ridgeway"),
        ("Canton de Rivière-Blanche", "Riviere Blanche Township"),
        ("Saint-Rémi", "st remi"),
        ("Ste-Odile", "Sainte-Odile"),
        ("Première Nation de Cedar Narrows", "Cedar Narrows First Nation"),
    ],
)
def test_place_names_compare_as_learners_type_them(typed: str, listed: str) -> None:
    assert place_key(typed) == place_key(listed)


def test_distance() -> None:
    # One degree of latitude is 111.2 km on the mean sphere.
    assert distance_km((45.0, -75.0), (46.0, -75.0)) == pytest.approx(111.19, abs=0.01)
    assert distance_km((43.1, -81.5), (43.1, -81.5)) == 0


def test_every_community_has_a_centre(catalog: Catalog) -> None:
    assert all(community_centre(catalog, c) for c in catalog.communities)


def test_groups_and_order(catalog: Catalog) -> None:
    origin = community_centre(catalog, "ridgeway")
    groups = ordered(catalog, catalog.programs_in_community("ridgeway"), origin, "en")
    assert all(f.program.type == "lbs" and f.program.site_ids for f in groups["near"])
    assert all(not f.program.site_ids for f in groups["home"])
    assert all(f.program.type == "partner_service" for f in groups["other"])
    for key in GROUPS:
        keys = [(INTAKE_RANK[f.program.intake_status or ""], f.km if f.km is not None else float("inf")) for f in groups[key]]
        assert keys == sorted(keys), key
    assert groups["near"][0].program.id == "rlc-literacy-for-work"  # open, and at the place's centre
    assert groups["near"][0].km == pytest.approx(0, abs=0.01)


def test_what_a_learner_can_learn(catalog: Catalog) -> None:
    topics = {p.id: learn_topics(catalog, p) for p in catalog.programs.values()}
    assert {"reading", "writing", "math", "computers"} <= set(topics["rlc-digital-skills-live"])
    assert "french_for_work" in topics["boussole-alpha-emploi"]
    assert "english_for_work" in topics["rlc-literacy-for-work"]
    assert "reading" not in topics["ow-ridgeway-employment-assistance"]  # a partner service
    for code in ("reading", "writing", "math", "computers", "english_for_work", "french_for_work"):
        assert any(code in t for t in topics.values()), code
        assert code in catalog.vocabularies["learn"], code


def test_website_link_where_how_to_start_says_so(catalog: Catalog) -> None:
    said = [p.id for p in catalog.programs.values() if "website" in (p.how_to_start_en or "").lower()]
    assert said and all(mentions_website(catalog.programs[i]) for i in said)
    assert not mentions_website(catalog.programs["rlc-literacy-for-work"])


def test_index_and_shards(catalog: Catalog) -> None:
    index = finder_index(catalog, "fr")
    wide = {p.id for p in catalog.programs.values() if province_wide(catalog, p)}
    assert wide and {p["i"] for p in index["home"]} == wide
    assert index["labels"]["goal_path"]["secondary_school_credit"] == "Finir l'école secondaire"
    # A typed place is resolved with find/places.json, read only then: not in every first visit.
    assert "places" not in index and "postal" not in index and "communities" not in index
    places = finder_places(catalog, "fr")
    assert set(places["communities"]) == set(catalog.communities)
    assert {row[4] for row in places["places"]} == set(catalog.communities)
    assert places["postal"]["N4R"]
    for community_id in catalog.communities:
        shard = finder_shard(catalog, community_id, "en")
        local = {p.id for p in catalog.programs_in_community(community_id)} - wide
        assert {p["i"] for p in shard["programs"]} == local


@pytest.fixture(scope="module")
def site(catalog: Catalog) -> dict[str, bytes]:
    return generate_site(catalog, Project(REPO), SiteOptions(help_phone="1-800-555-0199"))


def test_a_page_per_community_and_goal_in_both_languages(catalog: Catalog, site: dict[str, bytes]) -> None:
    goals = catalog.vocabularies["goal_path"].codes
    for suffix in ("md", "fr.md"):
        for goal in goals:
            assert f"find/goals/{goal}/index.{suffix}" in site
        for community in catalog.communities:
            assert f"find/{community}/index.{suffix}" in site
            for goal in goals:
                assert f"find/{community}/{goal}/index.{suffix}" in site
    assert "find/index.fr.json" in site and "find/places.fr.json" in site and "find/data/ridgeway.fr.json" in site


def _json(site: dict[str, bytes], path: str) -> Any:
    return json.loads(site[path].decode("utf-8"))


def test_the_first_load_is_small(site: dict[str, bytes]) -> None:
    """The finder page and its index stay a few kilobytes on the sample (bench_finder.py measures
    them at 500 and 5,000 programs)."""
    assert len(site["find/index.md"]) < 30_000
    assert len(site["find/index.json"]) < 20_000
    # What a phone downloads is the compressed script: 10.2 KB gzip with printing, sharing, pages
    # of results and the places read on demand.
    assert len(gzip.compress((REPO / "site_templates" / "assets" / "finder.js").read_bytes(), 6)) < 11_000
    assert _json(site, "find/data/ridgeway.json")["programs"]


def _listed(html: str) -> list[str]:
    return re.findall(r'<li class="ld-result" data-id="([^"]+)"', html)


def test_a_long_static_group_shows_a_page_and_keeps_the_rest_in_a_disclosure(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the script a group shows its first page (finder.PAGE) and the rest, in the same
    order, inside a closed "Show N more": nothing is lost, and a place with hundreds of programs
    costs the layout of a page of them. The script reads the same page sizes from the page."""
    monkeypatch.setitem(PAGE, "near", 2)
    monkeypatch.setitem(PAGE, "other", 4)
    pages = generate_site(catalog, Project(REPO), SiteOptions())
    origin = community_centre(catalog, "ridgeway")
    groups = ordered(catalog, catalog.programs_in_community("ridgeway"), origin, "en")
    assert len(groups["near"]) > 2 and len(groups["other"]) > 4, "the sample needs longer groups for this test"
    for suffix, more in (("md", "Show {} more"), ("fr.md", "En voir {} de plus")):
        page = pages[f"find/ridgeway/index.{suffix}"].decode("utf-8")
        assert f'data-page-near="2" data-page-home="{PAGE["home"]}" data-page-other="4"' in page
        for key, size in (("near", 2), ("other", 4)):
            section = re.search(rf'<section class="ld-group ld-group--{key}".*?</section>', page, re.S)
            assert section, key
            shown, _, rest = section.group(0).partition('<details class="ld-rest">')
            expected = [f.program.id for f in groups[key]]
            assert _listed(shown) == expected[:size]
            assert _listed(rest) == expected[size:]
            assert more.format(len(expected) - size) in rest
            assert f'aria-describedby="ld-group-{key}"' in rest
        home = re.search(r'<section class="ld-group ld-group--home".*?</section>', page, re.S)
        assert home and "<details" not in home.group(0)  # a group that fits has no disclosure
