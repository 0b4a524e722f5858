"""Reading levels on the networks page: each network's programs by the grade of their learner text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from check_support import REPO, copy_project
from literacy_directory.catalog.directory import catalog_of
from literacy_directory.catalog.readinglevels import grades_by_network
from literacy_directory.core.project import Project
from literacy_directory.site.generate import LanguageGenerator, SiteOptions
from literacy_directory.site.urls import record_url
from literacy_directory.validate.check import check_project
from literacy_directory.validate.readability import MIN_WORDS, Scorer

TODAY = dt.date(2026, 11, 28)
HARD_EN = (
    "Participants undertaking individualized instructional programming will systematically demonstrate measurable "
    "improvement across communicational, mathematical and technological competencies, consistent with provincial frameworks."
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("reading"))
    shutil.copytree(REPO / "site_templates", root / "site_templates")
    programs = root / "content" / "programs.csv"
    text = programs.read_text(encoding="utf-8")
    programs.write_text(text.replace('pour les adultes.",,,', f'pour les adultes.","{HARD_EN}",,'), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def catalog(project: Path) -> Any:
    result = check_project(Project(project), today=TODAY)
    assert [d.code for d in result.diagnostics if d.code == "reading-level"] == ["reading-level"]
    found = catalog_of(result)
    assert found is not None
    return found


def test_every_program_is_listed_once_hardest_first(catalog: Any) -> None:
    networks = grades_by_network(catalog, Scorer())
    listed = [g.id for n in networks for g in n.listings]
    assert sorted(listed) == sorted(p.id for p in catalog.current("programs")) == sorted(catalog.programs)
    for n in networks:
        assert [g.hardest for g in n.listings] == sorted((g.hardest for g in n.listings), reverse=True)
    first = next(n for n in networks if n.listings).listings[0]
    assert first.id == "bayview-literacy" and first.too_hard and first.en is not None and first.en.grade > 12
    assert first.fr is not None and not first.fr.scored  # French: a short summary, no grade judged


def test_a_retired_program_is_not_listed(catalog: Any) -> None:
    """An ended listing has nothing left to reword (as in the freshness report)."""
    retired = dataclasses.replace(catalog, programs={**catalog.programs})
    retired.programs["bayview-literacy"] = catalog.programs["bayview-literacy"].model_copy(update={"status": "retired"})
    listed = [g.id for n in grades_by_network(retired, Scorer()) for g in n.listings]
    assert "bayview-literacy" not in listed and listed


@pytest.mark.parametrize(
    ("lang", "too_hard", "short"), [("en", "too hard", "short text"), ("fr", "trop difficile", "texte court")]
)
def test_the_networks_page_lists_listings_by_grade(project: Path, catalog: Any, lang: str, too_hard: str, short: str) -> None:
    files: dict[str, bytes] = {}
    generator = LanguageGenerator(catalog, Project(project), SiteOptions(), lang, files)
    generator.render(
        "networks/index.md", "networks.md.j2", "Networks", reading=generator.reading_levels(), reading_min_words=MIN_WORDS
    )
    page = files["networks/index.md" if lang == "en" else "networks/index.fr.md"].decode()
    assert 'id="reading-level"' in page and f"{MIN_WORDS}" in page
    section = page[page.index('id="reading-level"') :]
    assert section.index(f'href="../{record_url("programs", "bayview-literacy")}"') < section.index(
        f'href="../{record_url("programs", "bayview-ow-employment")}"'
    )
    assert too_hard in section and short in section
    grade = next(g for n in grades_by_network(catalog, Scorer()) for g in n.listings if g.id == "bayview-literacy").en
    assert grade is not None
    written = str(grade.grade)
    assert (written.replace(".", ",") if lang == "fr" else written) in section


def test_the_networks_page_works_without_reading_levels(project: Path, catalog: Any) -> None:
    files: dict[str, bytes] = {}
    LanguageGenerator(catalog, Project(project), SiteOptions(), "en", files).render(
        "networks/index.md", "networks.md.j2", "Networks"
    )
    assert 'id="reading-level"' not in files["networks/index.md"].decode()
