"""Both languages: generated French pages, fallbacks to English, translation warnings, search split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from literacy_directory.catalog.directory import catalog_of
from literacy_directory.core.jinja import load_strings
from literacy_directory.core.project import Project
from literacy_directory.site.generate import SiteOptions, generate_site, localized
from literacy_directory.site.searchindex import split_search_index
from literacy_directory.validate.check import check_project

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def result():
    return check_project(Project(ROOT))


@pytest.fixture(scope="module")
def files(result) -> dict[str, bytes]:
    assert catalog_of(result) is not None
    return generate_site(catalog_of(result), Project(ROOT), SiteOptions())


def test_interface_strings_exist_in_both_languages() -> None:
    english, french = load_strings(ROOT / "site_templates", "en"), load_strings(ROOT / "site_templates", "fr")
    assert set(english) == set(french)
    assert all(french.values())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_interface_strings_read_as_written(lang: str) -> None:
    """The fast reader gives exactly what a strict YAML 1.2 reader does, and the files have no
    duplicate keys (which ruamel refuses and PyYAML would silently merge)."""
    text = (ROOT / "site_templates" / "i18n" / f"{lang}.yml").read_text(encoding="utf-8")
    strict = YAML(typ="safe").load(text)
    assert all(isinstance(v, str) for v in strict.values()), "every interface string is text"
    assert load_strings(ROOT / "site_templates", lang) == strict


def test_every_page_has_a_french_twin(files: dict[str, bytes]) -> None:
    english = [p for p in files if p.endswith(".md") and not p.endswith(".fr.md")]
    assert english
    assert [p for p in english if localized(p, "fr") not in files] == []
    assert "find/index.fr.json" in files
    assert [
        p for p in files if p.startswith("find/data/") and not p.endswith(".fr.json") and localized(p, "fr") not in files
    ] == []


def test_french_pages_use_french_text_and_labels(result, files: dict[str, bytes]) -> None:
    program = next(p for p in catalog_of(result).programs.values() if p.name_fr and p.summary_fr)
    page = files[f"programs/{program.id}.fr.md"].decode()
    assert program.summary_fr.replace("'", "&#39;") in page or program.summary_fr in page
    assert "Comment commencer" in page
    assert catalog_of(result).vocabularies.label("cost", program.cost, "fr") in page


def test_english_fallback_is_marked(result, files: dict[str, bytes]) -> None:
    program = next(p for p in catalog_of(result).programs.values() if p.summary_en and not p.summary_fr)
    page = files[f"programs/{program.id}.fr.md"].decode()
    assert '<span lang="en">' in page
    assert "(en anglais seulement)" in page


def test_french_finder_data(result, files: dict[str, bytes]) -> None:
    index = json.loads(files["find/index.fr.json"])
    by_id = {p["i"]: p for p in index["home"]}
    for path, data in files.items():
        if path.startswith("find/data/") and path.endswith(".fr.json"):
            by_id.update({p["i"]: p for p in json.loads(data)["programs"]})
    program = next(p for p in catalog_of(result).programs.values() if p.name_fr)
    assert by_id[program.id]["n"] == program.name_fr
    assert index["labels"]["goal_path"]["employment"] == "Trouver un emploi ou un meilleur emploi"  # the plain label


def test_missing_french_is_a_warning_then_an_error_when_required(tmp_path: Path) -> None:
    relaxed = check_project(Project(ROOT))
    warnings = [d for d in relaxed.diagnostics if d.code == "missing-french"]
    assert warnings and all(not d.is_error for d in warnings)
    strict = check_project(Project(ROOT), require_fr=True)
    assert {(d.path, d.line) for d in strict.diagnostics if d.code == "missing-french" and d.is_error} == {
        (d.path, d.line) for d in warnings
    }


def test_translation_coverage_counts_every_record(result) -> None:
    catalog = catalog_of(result)
    totals = {}
    for c in result.coverage:
        totals[c.table] = totals.get(c.table, 0) + c.total
        assert 0 <= c.translated <= c.total
    assert totals["programs"] == len(catalog.programs)
    assert totals["sites"] == len(catalog.sites)
    assert totals["referral_protocols"] == len(catalog.protocols)


def test_search_index_is_split_by_language(tmp_path: Path) -> None:
    docs = [
        {"location": "", "title": "Home", "text": "a"},
        {"location": "fr/", "title": "Accueil", "text": "b"},
        {"location": "fr/find/", "title": "Trouver", "text": "c"},
    ]
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(
        json.dumps({"config": {"lang": ["en", "fr"]}, "docs": docs}), encoding="utf-8"
    )
    assert split_search_index(tmp_path, "en", ("fr",))
    english = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    french = json.loads((tmp_path / "fr" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert (english["config"]["lang"], [d["location"] for d in english["docs"]]) == (["en"], [""])
    assert (french["config"]["lang"], [d["location"] for d in french["docs"]]) == (["fr"], ["", "find/"])
    assert not split_search_index(tmp_path, "en", ("fr",))


def test_an_english_name_on_a_french_page_is_marked(result, files: dict[str, bytes]) -> None:
    program = next(p for p in catalog_of(result).programs.values() if not p.name_fr)
    french = files[f"programs/{program.id}.fr.md"].decode()
    assert '<h1 lang="en">' in french
    assert '<h1 lang="en">' not in files[f"programs/{program.id}.md"].decode()
