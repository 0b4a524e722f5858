"""Both languages: generated French pages, fallbacks to English, translation warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from literacy_directory.catalog.directory import catalog_of
from literacy_directory.core.jinja import load_strings
from literacy_directory.core.project import Project
from literacy_directory.site.generate import SiteOptions, generate_site, localized
from literacy_directory.validate.check import CheckResult, check_project

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def files(sample_check: CheckResult) -> dict[str, bytes]:
    assert catalog_of(sample_check) is not None
    return generate_site(catalog_of(sample_check), Project(ROOT), SiteOptions())


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


def test_french_pages_use_french_text_and_labels(sample_check: CheckResult, files: dict[str, bytes]) -> None:
    program = next(p for p in catalog_of(sample_check).programs.values() if p.name_fr and p.summary_fr)
    page = files[f"programs/{program.id}.fr.md"].decode()
    assert program.summary_fr.replace("'", "&#39;") in page or program.summary_fr in page
    assert "Comment commencer" in page
    assert catalog_of(sample_check).vocabularies.label("cost", program.cost, "fr") in page


def test_english_fallback_is_marked(sample_check: CheckResult, files: dict[str, bytes]) -> None:
    program = next(p for p in catalog_of(sample_check).programs.values() if p.summary_en and not p.summary_fr)
    page = files[f"programs/{program.id}.fr.md"].decode()
    assert '<span lang="en">' in page
    assert "(en anglais seulement)" in page


def test_french_finder_data(sample_check: CheckResult, files: dict[str, bytes]) -> None:
    index = json.loads(files["find/index.fr.json"])
    by_id = {p["i"]: p for p in index["home"]}
    for path, data in files.items():
        if path.startswith("find/data/") and path.endswith(".fr.json"):
            by_id.update({p["i"]: p for p in json.loads(data)["programs"]})
    program = next(p for p in catalog_of(sample_check).programs.values() if p.name_fr)
    assert by_id[program.id]["n"] == program.name_fr
    assert index["labels"]["goal_path"]["employment"] == "Trouver un emploi ou un meilleur emploi"  # the plain label


def test_missing_french_is_a_warning_then_an_error_when_required(sample_check: CheckResult) -> None:
    warnings = [d for d in sample_check.diagnostics if d.code == "missing-french"]
    assert warnings and all(not d.is_error for d in warnings)
    strict = check_project(Project(ROOT), require_fr=True)
    assert {(d.path, d.line) for d in strict.diagnostics if d.code == "missing-french" and d.is_error} == {
        (d.path, d.line) for d in warnings
    }


def test_translation_coverage_counts_every_record(sample_check: CheckResult) -> None:
    catalog = catalog_of(sample_check)
    totals = {}
    for c in sample_check.coverage:
        totals[c.table] = totals.get(c.table, 0) + c.total
        assert 0 <= c.translated <= c.total
    assert totals["programs"] == len(catalog.programs)
    assert totals["sites"] == len(catalog.sites)
    assert totals["referral_protocols"] == len(catalog.protocols)


def test_an_english_name_on_a_french_page_is_marked(sample_check: CheckResult, files: dict[str, bytes]) -> None:
    program = next(p for p in catalog_of(sample_check).programs.values() if not p.name_fr)
    french = files[f"programs/{program.id}.fr.md"].decode()
    assert '<h1 lang="en">' in french
    assert '<h1 lang="en">' not in files[f"programs/{program.id}.md"].decode()
