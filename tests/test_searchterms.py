"""What the site search knows about each page (searchterms.py), without a browser: which pages are
indexed, the learner words added from the glossary, the facts each result shows, the words "Did
you mean" picks from, and the plugin's Pagefind run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from literacy_directory.catalog.directory import catalog_of
from literacy_directory.core.project import Project
from literacy_directory.site.generate import SiteOptions, generate_site
from literacy_directory.site.pagefindindex import index_site
from literacy_directory.site.searchterms import LearnerWords, fold, page_kind, suggestion_words
from literacy_directory.site.uistrings import search_strings
from literacy_directory.validate.check import check_project

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def catalog():
    return catalog_of(check_project(Project(ROOT)))


@pytest.fixture(scope="module")
def files(catalog) -> dict[str, bytes]:
    return generate_site(catalog, Project(ROOT), SiteOptions())


def front_matter(files: dict[str, bytes], path: str) -> dict:
    text = files[path].decode("utf-8")
    return YAML(typ="safe").load(text.split("---\n")[1])


@pytest.mark.parametrize(  # paths as the generator names them, before the language suffix
    ("path", "kind"),
    [
        ("programs/x.md", "program"),
        ("organizations/x.md", "organization"),
        ("sites/x.md", "site"),
        ("protocols/x.md", "protocol"),
        ("glossary.md", "glossary"),
        ("plans/net/2025-26/index.md", "plan"),
        ("forms/learner-referral.md", "form"),
        ("forms/index.md", None),
        ("plans/index.md", None),
        ("networks/x.md", None),
        ("index.md", None),
        ("find/index.md", None),
        ("forms/learner-referral.pdf", None),
    ],
)
def test_page_kind(path: str, kind: str | None) -> None:
    assert page_kind(path) == kind


def test_every_indexed_kind_in_both_languages(files: dict[str, bytes]) -> None:
    kinds: dict[str, set[str]] = {}
    for path in files:
        if path.endswith(".md") and "pagefind:" in files[path].decode("utf-8").split("\n---\n")[0]:
            lang = "fr" if path.endswith(".fr.md") else "en"
            kinds.setdefault(lang, set()).add(front_matter(files, path)["pagefind"]["type"])
    english = {
        search_strings(ROOT / "site_templates", "en")[f"search_type_{k}"]
        for k in ("program", "organization", "site", "protocol", "glossary", "plan", "form")
    }
    assert kinds["en"] == english
    assert len(kinds["fr"]) == len(english)


def test_a_program_page_carries_its_facts_and_learner_words(files: dict[str, bytes]) -> None:
    english = front_matter(files, "programs/newcomer-english-classes.md")["pagefind"]
    assert english["type"] == "Program"
    assert english["name"] == "English Classes for Newcomers"
    assert english["organization"] == "Ridgeway Newcomer Welcome Centre"
    assert english["communities"] == ["City of Ridgeway"]
    assert "ESL" in english["terms"]
    skills = front_matter(files, "programs/rlc-digital-skills-live.md")["pagefind"]
    assert "Digital skills" in skills["terms"]
    french = front_matter(files, "programs/rlc-literacy-for-work.fr.md")["pagefind"]
    assert french["type"] == "Programme"
    assert french["name"] == "Alphabétisation pour l'emploi"
    assert "Emploi" in french["goals"]


def test_learner_words_match_whole_words_and_add_only_what_is_missing(catalog) -> None:
    words = LearnerWords(catalog, "en")
    extra = words.extra_words("Practise math for the trades.")
    assert "Numeracy" in extra and "numbers" in extra
    assert fold("math") not in [fold(w) for w in extra.split(" · ")]
    assert words.extra_words("Mathematicians and aftermath") == ""  # no part of a word
    assert "high school equivalency" in words.extra_words("Earn a Secondary school credit")


def test_suggestion_words_are_the_sites_own_names(catalog, files: dict[str, bytes]) -> None:
    english = suggestion_words(catalog, "en")
    assert "Kessock" in english and "Westvale" in english and "Ridgeway" in english
    assert len(english) == len({fold(w) for w in english})
    assert json.loads(files["search/words.fr.json"]) == suggestion_words(catalog, "fr")


def test_index_site_runs_pagefind_and_keeps_no_default_ui(tmp_path: Path) -> None:
    for lang, path in (("en", "a"), ("fr", "b")):
        (tmp_path / path).mkdir()
        (tmp_path / path / "index.html").write_text(
            f'<html lang="{lang}"><body><main data-pagefind-body><h1>Page {path}</h1></main></body></html>', encoding="utf-8"
        )
    outcome = index_site(tmp_path)
    assert outcome.ok, outcome.log
    assert (outcome.pages, outcome.languages) == (2, 2)
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert not (tmp_path / "pagefind" / "pagefind-ui.js").exists()


def test_index_site_says_when_nothing_is_indexed(tmp_path: Path) -> None:
    outcome = index_site(tmp_path)  # no page at all
    assert not outcome.ok
