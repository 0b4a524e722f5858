"""The finder's words box and the site search agree (issue 14): every query of the search's query
set (tests/search/queries.yml) that expects a program finds that program in both, in the same
language: acronyms and synonyms from the glossary ("GED", "maths"), plurals ("computers"), a
misspelled place ("westvail", "Sainte-Odille") and exact names. The finder is asked near the
program's community (it lists what is near a place); the search anywhere on the site."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from browser_support import DESKTOP, REPO, Content, prefix, read_yaml, wait_for_finder
from playwright.sync_api import Page
from test_search import result_paths, search

pytestmark = pytest.mark.browser

PROGRAM_QUERIES = [q for q in read_yaml(REPO / "tests" / "search" / "queries.yml") if "/programs/" in q["expected"]]


def program_id(case: dict[str, Any]) -> str:
    return case["expected"].rstrip("/").rsplit("/", 1)[1]


def finder_ids(page: Page) -> list[str]:
    return page.locator("#ld-results li.ld-result").evaluate_all("items => items.map(li => li.dataset.id)")


def test_the_query_set_has_program_queries_in_both_languages() -> None:
    assert {q["lang"] for q in PROGRAM_QUERIES} == {"en", "fr"}
    assert len(PROGRAM_QUERIES) >= 8


@pytest.mark.parametrize("case", PROGRAM_QUERIES, ids=[f"{q['lang']}-{q['kind']}-{q['query']}" for q in PROGRAM_QUERIES])
def test_words_box_and_site_search_find_the_same_program(page: Page, content: Content, case: dict[str, Any]) -> None:
    lang, wanted = case["lang"], program_id(case)
    program = next(p for p in content.programs if p["id"] == wanted)
    community = content.communities[sorted(content.program_communities(program))[0]]
    near = content.text(community, "name", lang)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{prefix(lang)}/find/?near={quote(near)}&words={quote(case['query'])}")
    wait_for_finder(page)
    assert wanted in finder_ids(page), f"finder, near {near!r}, words {case['query']!r}: {finder_ids(page)}"
    page.goto(f"{prefix(lang)}/")
    search(page, DESKTOP, case["query"])
    assert case["expected"] in result_paths(page), f"site search {case['query']!r}: {result_paths(page)}"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_words_that_match_nothing_list_nothing(page: Page, lang: str) -> None:
    page.goto(f"{prefix(lang)}/find/?near=ridgeway&words=zzqxv")
    wait_for_finder(page)
    assert finder_ids(page) == []
