"""Literacy Service Plans: golden bad-input cases, the coverage computed from the directory, the
plan pages and their downloads, and the schema and sample content.

Golden cases (tests/cases/plans/*.yml) start from the base project (tests/fixtures/base) with the
plan in tests/cases/plans/base/ copied into content/plans/, apply edits, and list the diagnostics
``load_plans`` must report as ``{path, line, code, severity}``: the errors found must be exactly
those expected; expected warnings must be among those found. Wording is never compared.

Edits (each a one-key mapping; paths relative to the project folder): ``replace: {file, old, new,
count}``, ``write: {file, text}``, ``delete: {file}``, ``copy: {from, to}`` (a file or folder),
``rename: {from, to}``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import frictionless
import pytest
from ruamel.yaml import YAML

from check_support import REPO, SECRET, copy_project, make_symlink
from literacy_directory.catalog.directory import Catalog, build_catalog
from literacy_directory.catalog.plan_coverage import (
    CONFIRMED,
    COVERED_NOW,
    GAP,
    NOT_IN_MATRIX,
    NOT_SEEN,
    OVERLAP,
    PARTLY_COVERED,
    STILL_OPEN,
    plan_coverage,
)
from literacy_directory.core.diagnostics import Diagnostic
from literacy_directory.core.project import Project
from literacy_directory.plans.load import load_plans
from literacy_directory.plans.model import DataSource, FiscalYear, Participants, Plan, PlanMeta, PlanSet
from literacy_directory.schema.datapackage import parse_package
from literacy_directory.schema.vocabularies import parse_vocabularies
from literacy_directory.site.generate import LanguageGenerator, SiteOptions
from literacy_directory.site.planpages import format_number, plan_pages
from literacy_directory.site.templating import Templates
from literacy_directory.site.urls import Urls
from literacy_directory.validate.content import load_content

CASES = REPO / "tests" / "cases" / "plans"
BASE_PLAN = CASES / "base"
PLAN_DIR = "content/plans/north-shore/2025-26"
EXPECTED_KEYS = {"path", "line", "code", "severity"}


# --- helpers ----------------------------------------------------------------------------------


def plan_project(destination: Path) -> Path:
    """The base project with the base plan in content/plans/."""
    copy_project(destination)
    shutil.copytree(BASE_PLAN, destination / "content" / "plans")
    shutil.copytree(REPO / "site_templates", destination / "site_templates")
    return destination


# A day in the base plan's fiscal year (2025-26): the plan is current, so its references are
# checked against the directory. Cases with ``today`` after March 2026 see it as history.
DURING_THE_PLAN = dt.date(2025, 9, 15)


def loaded(project: Path, today: dt.date = DURING_THE_PLAN) -> tuple[list[Plan], list[Diagnostic], Any]:
    content = load_content(Project(project))
    plans, found = load_plans(content, today=today)
    return plans, found, content


def catalog_with_plans(project: Path) -> tuple[Catalog, PlanSet]:
    plans, found, content = loaded(project)
    assert [d for d in found if d.is_error] == []
    assert [d for d in content.diagnostics if d.is_error] == []
    plan_set = PlanSet(tuple(plans))
    return build_catalog(content, plan_set), plan_set


def render(catalog: Catalog, project: Path, plans: PlanSet, lang: str = "en") -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    gen = LanguageGenerator(catalog, Project(project), SiteOptions(source_url="https://example.org/repo/blob/main"), lang, files)
    plan_pages(gen, plans)
    return files


def page_text(files: dict[str, bytes], path: str) -> str:
    return files[path].decode("utf-8")


def cell_status(page: str, community: str, stream: str, goal_path: str) -> str:
    match = re.search(rf'<td id="cell-{community}-{stream}-{goal_path}" class="[^"]*" data-status="(\w+)">(.*?)</td>', page, re.S)
    assert match, f"no matrix cell for {community}/{stream}/{goal_path}"
    return match.group(1)


def cell_html(page: str, community: str, stream: str, goal_path: str) -> str:
    match = re.search(rf'<td id="cell-{community}-{stream}-{goal_path}"[^>]*>(.*?)</td>', page, re.S)
    assert match
    return match.group(1)


# --- golden cases -------------------------------------------------------------------------------


def _replace(root: Path, spec: dict[str, Any]) -> None:
    path = root / spec["file"]
    text = path.read_text(encoding="utf-8")
    count = spec.get("count", 1)
    assert text.count(spec["old"]) >= count, f"{spec['file']}: {spec['old']!r} not found {count} times"
    path.write_text(text.replace(spec["old"], spec["new"], count), encoding="utf-8")


def _write(root: Path, spec: dict[str, Any]) -> None:
    path = root / spec["file"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(spec["text"], encoding="utf-8")


def _delete(root: Path, spec: dict[str, Any]) -> None:
    (root / spec["file"]).unlink()


def _copy(root: Path, spec: dict[str, Any]) -> None:
    source, target = root / spec["from"], root / spec["to"]
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copy(source, target)


def _rename(root: Path, spec: dict[str, Any]) -> None:
    target = root / spec["to"]
    target.parent.mkdir(parents=True, exist_ok=True)
    (root / spec["from"]).rename(target)
    parent = (root / spec["from"]).parent
    if parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()


EDITS: dict[str, Callable[[Path, dict[str, Any]], None]] = {
    "replace": _replace,
    "write": _write,
    "delete": _delete,
    "copy": _copy,
    "rename": _rename,
    "symlink": make_symlink,
}


def load_case(path: Path) -> dict[str, Any]:
    case = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    assert set(case) <= {"description", "today", "edits", "expected"}, f"{path.name}: unknown keys {set(case)}"
    assert case.get("description"), f"{path.name}: a case needs a description"
    for item in case.get("expected") or []:
        assert {"path", "line", "code"} <= set(item) <= EXPECTED_KEYS, f"{path.name}: {item}"
    return case


def _located(items: list[Any], severity: str) -> set[tuple[str, int, str]]:
    return {(d["path"], d["line"], d["code"]) for d in items if d.get("severity", "error") == severity}


@pytest.mark.parametrize("case_path", sorted(CASES.glob("*.yml")), ids=lambda p: p.stem)
def test_plan_case(case_path: Path, tmp_path: Path) -> None:
    case = load_case(case_path)
    project = plan_project(tmp_path / "project")
    for edit in case.get("edits") or []:
        ((kind, spec),) = edit.items()
        EDITS[kind](project, spec)
    _, found, _ = loaded(project, case.get("today", DURING_THE_PLAN))
    for d in found:
        assert d.message.strip() and d.hint.strip() and d.line >= 1 and d.column >= 1, d
        assert SECRET not in d.message + d.hint and "-outside" not in d.message + d.hint + d.path, d
    found_dicts = [{"path": d.path, "line": d.line, "code": d.code, "severity": d.severity.value} for d in found]
    expected = case.get("expected") or []
    assert _located(found_dicts, "error") == _located(expected, "error")
    assert _located(expected, "warning") <= _located(found_dicts, "warning")


def test_base_plan_is_valid(tmp_path: Path) -> None:
    plans, found, _ = loaded(plan_project(tmp_path / "project"))
    assert found == []
    assert [(p.network_id, p.fiscal_year) for p in plans] == [("north-shore", "2025-26")]


def test_repository_plans_are_valid() -> None:
    plans, found, _ = loaded(REPO)
    assert [d for d in found if d.is_error] == []
    assert {(p.network_id, p.fiscal_year) for p in plans} == {
        (network, year)
        for network in ("ridgeway-region-literacy-network", "nine-lakes-literacy-network", "riviere-blanche-literacy-network")
        for year in ("2025-26", "2026-27")
    }
    assert all(p.published for p in plans)


def test_a_plan_with_errors_is_not_returned(tmp_path: Path) -> None:
    project = plan_project(tmp_path / "project")
    _replace(project, {"file": f"{PLAN_DIR}/results.csv", "old": ",16,", "new": ",3,"})
    plans, found, _ = loaded(project)
    assert plans == []
    assert [d.code for d in found] == ["small-count"]


def test_missing_french_is_an_error_when_required(tmp_path: Path) -> None:
    project = plan_project(tmp_path / "project")
    (project / PLAN_DIR / "plan.fr.md").unlink()
    content = load_content(Project(project))
    assert [(d.code, d.severity.value) for d in load_plans(content, today=DURING_THE_PLAN)[1]] == [("missing-french", "warning")]
    plans, found = load_plans(content, require_fr=True, today=DURING_THE_PLAN)
    assert ([(d.code, d.severity.value) for d in found], plans) == ([("missing-french", "error")], [])


def test_no_plans_folder_means_no_plans(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    assert loaded(project)[:2] == ([], [])


# --- fiscal years -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "start", "exact"),
    [
        ("2025-26", 2025, True),
        ("1999-00", 1999, True),
        ("2025-2026", 2025, False),
        ("FY2025-26", 2025, False),
        ("2025_26", 2025, False),
        ("2025-27", None, False),
        ("2025", None, False),
        ("next-year", None, False),
    ],
)
def test_fiscal_year_parse(name: str, start: int | None, exact: bool) -> None:
    year, is_exact = FiscalYear.parse(name)
    assert (year.start if year else None, is_exact) == (start, exact)


def test_fiscal_year_dates() -> None:
    year = FiscalYear(2025)
    assert (year.label, year.first_day, year.last_day, year.previous.label) == (
        "2025-26",
        dt.date(2025, 4, 1),
        dt.date(2026, 3, 31),
        "2024-25",
    )


# --- coverage -----------------------------------------------------------------------------------


@pytest.fixture
def base(tmp_path: Path) -> tuple[Path, Catalog, PlanSet]:
    project = plan_project(tmp_path / "project")
    catalog, plans = catalog_with_plans(project)
    return project, catalog, plans


def without_program(catalog: Catalog, program_id: str) -> Catalog:
    return dataclasses.replace(catalog, programs={k: v for k, v in catalog.programs.items() if k != program_id})


def with_second_provider(catalog: Catalog, modes: tuple[str, ...] = ("in_person",)) -> Catalog:
    """A second LBS agency with a program like bayview-literacy, at the same site's community."""
    first = catalog.organizations["bayview-learning"]
    organizations = {**catalog.organizations, "second-agency": first.model_copy(update={"id": "second-agency"})}
    program = catalog.programs["bayview-literacy"].model_copy(
        update={"id": "second-program", "organization_id": "second-agency", "delivery_modes": list(modes)}
    )
    return dataclasses.replace(catalog, organizations=organizations, programs={**catalog.programs, "second-program": program})


def test_coverage_of_the_base_plan(base: tuple[Path, Catalog, PlanSet]) -> None:
    _, catalog, plans = base
    coverage = plan_coverage(catalog, plans.plans[0])
    employment = coverage.cell("bayview", "anglophone", "employment")
    assert (employment.status, employment.providers, employment.modes_of("bayview-learning")) == (
        "covered",
        ("bayview-learning",),
        ("in_person", "online"),
    )
    assert coverage.cell("bayview", "anglophone", "apprenticeship").status == GAP
    assert coverage.cell("pine-lake", "anglophone", "employment").providers == ("bayview-learning",)
    assert len(coverage.cells) == 2 * 1 * 5  # communities x streams x goal paths
    # Pine Lake is reached online only; its cells are all named by the recorded in-person gap.
    assert coverage.cell("pine-lake", "anglophone", "employment").modes_of("bayview-learning") == ("online",)
    assert [c.key for c in coverage.unrecorded_gaps] == [
        ("bayview", "anglophone", "apprenticeship"),
        ("bayview", "anglophone", "postsecondary"),
    ]


def test_recorded_gaps_compared_with_the_directory(base: tuple[Path, Catalog, PlanSet]) -> None:
    _, catalog, plans = base
    verdicts = {r.gap.id: r.verdict for r in plan_coverage(catalog, plans.plans[0]).recorded}
    assert verdicts == {"pine-lake-in-person": CONFIRMED, "no-credit": CONFIRMED, "childcare": NOT_IN_MATRIX}


def test_a_program_reaches_listed_communities_from_a_distance(base: tuple[Path, Catalog, PlanSet]) -> None:
    """bayview-literacy is in person at its Bayview site and online: Pine Lake, which it lists,
    gets it online only, so the recorded in-person gap there stands; in person in Pine Lake it is covered."""
    _, catalog, plans = base
    site = catalog.sites["bayview-main"].model_copy(update={"id": "pine-lake-room", "community_id": "pine-lake"})
    program = catalog.programs["bayview-literacy"].model_copy(update={"site_ids": ["bayview-main", "pine-lake-room"]})
    moved = dataclasses.replace(
        catalog, sites={**catalog.sites, "pine-lake-room": site}, programs={**catalog.programs, "bayview-literacy": program}
    )
    coverage = plan_coverage(moved, plans.plans[0])
    assert coverage.cell("pine-lake", "anglophone", "employment").modes_of("bayview-learning") == ("in_person", "online")
    assert {r.gap.id: r.verdict for r in coverage.recorded}["pine-lake-in-person"] == PARTLY_COVERED


def test_removing_the_only_provider_makes_a_gap_on_the_plan_page(base: tuple[Path, Catalog, PlanSet]) -> None:
    project, catalog, plans = base
    before = page_text(render(catalog, project, plans), "plans/north-shore/2025-26/index.md")
    assert cell_status(before, "bayview", "anglophone", "employment") == "covered"

    reduced = without_program(catalog, "bayview-literacy")
    coverage = plan_coverage(reduced, plans.plans[0])
    assert coverage.cell("bayview", "anglophone", "employment").status == GAP
    assert ("bayview", "anglophone", "employment") in [c.key for c in coverage.unrecorded_gaps]

    after = page_text(render(reduced, project, plans), "plans/north-shore/2025-26/index.md")
    assert cell_status(after, "bayview", "anglophone", "employment") == "gap"
    assert "No program" in cell_html(after, "bayview", "anglophone", "employment")
    assert "organizations/bayview-learning/" not in cell_html(after, "bayview", "anglophone", "employment")
    differences = after.split('id="differences"')[1].split('id="gaps"')[0]
    assert "Communities with no program that the plan does not mention" in differences
    assert re.search(r"Bayview</a>: Anglophone, Employment", differences)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_past_plan_names_records_that_have_left_the_directory(base: tuple[Path, Catalog, PlanSet], lang: str) -> None:
    """A site, program, agency and protocol closed since the plan: the page keeps their ids as
    plain text, marked as no longer listed, and links to none of them."""
    project, catalog, plans = base
    gone = dataclasses.replace(
        catalog,
        sites={k: v for k, v in catalog.sites.items() if k != "bayview-main"},
        programs={k: v for k, v in catalog.programs.items() if k != "bayview-literacy"},
        organizations={k: v for k, v in catalog.organizations.items() if k != "bayview-learning"},
        protocols={},
    )
    page = page_text(render(gone, project, plans, lang), f"plans/north-shore/2025-26/index{'.fr' if lang == 'fr' else ''}.md")
    marker = "no longer listed" if lang == "en" else "ne figure plus au répertoire"
    for record_id in ("bayview-main", "bayview-literacy", "bayview-learning", "ow-to-bayview"):
        assert f'<span class="ld-gone">{record_id} <span class="ld-small">({marker})</span></span>' in page
    for link in (
        "sites/bayview-main/",
        "programs/bayview-literacy/",
        "organizations/bayview-learning/",
        "protocols/ow-to-bayview/",
    ):
        assert link not in page


def test_adding_a_second_provider_makes_an_overlap_on_the_plan_page(base: tuple[Path, Catalog, PlanSet]) -> None:
    project, catalog, plans = base
    doubled = with_second_provider(catalog)
    cell = plan_coverage(doubled, plans.plans[0]).cell("bayview", "anglophone", "employment")
    assert (cell.status, cell.providers, cell.overlap_modes) == ("overlap", ("bayview-learning", "second-agency"), ("in_person",))

    page = page_text(render(doubled, project, plans), "plans/north-shore/2025-26/index.md")
    assert cell_status(page, "bayview", "anglophone", "employment") == "overlap"
    shown = cell_html(page, "bayview", "anglophone", "employment")
    assert "Overlap: In person" in shown
    assert "organizations/bayview-learning/" in shown and "organizations/second-agency/" in shown
    assert "Overlaps in the directory that the plan does not mention" in page


def test_a_second_provider_in_another_mode_is_no_overlap(base: tuple[Path, Catalog, PlanSet]) -> None:
    _, catalog, plans = base
    cell = plan_coverage(with_second_provider(catalog, ("remote_live",)), plans.plans[0]).cell(
        "bayview", "anglophone", "employment"
    )
    assert (cell.status, cell.providers) == ("covered", ("bayview-learning", "second-agency"))


def test_online_only_cells(base: tuple[Path, Catalog, PlanSet]) -> None:
    _, catalog, plans = base
    program = catalog.programs["bayview-literacy"].model_copy(update={"delivery_modes": ["online"]})
    online = dataclasses.replace(catalog, programs={**catalog.programs, "bayview-literacy": program})
    cell = plan_coverage(online, plans.plans[0]).cell("bayview", "anglophone", "employment")
    assert (cell.status, cell.online_only) == ("covered", True)


def test_partner_services_never_cover_a_cell(base: tuple[Path, Catalog, PlanSet]) -> None:
    _, catalog, plans = base
    program = catalog.programs["bayview-ow-employment"].model_copy(
        update={"stream": "anglophone", "goal_paths": ["apprenticeship"]}
    )
    changed = dataclasses.replace(catalog, programs={**catalog.programs, "bayview-ow-employment": program})
    assert plan_coverage(changed, plans.plans[0]).cell("bayview", "anglophone", "apprenticeship").status == GAP


def _gap(plans: PlanSet, **update: Any) -> PlanSet:
    plan = plans.plans[0]
    gaps = tuple(g.model_copy(update=update) if g.id == "no-credit" else g for g in plan.gaps)
    return PlanSet((dataclasses.replace(plan, rows={**plan.rows, "gaps": gaps}),))


@pytest.mark.parametrize(
    ("update", "verdict"),
    [
        ({"goal_paths": ["employment"]}, COVERED_NOW),
        ({"goal_paths": ["employment", "apprenticeship"]}, PARTLY_COVERED),
        ({"goal_paths": ["employment"], "delivery_modes": ["remote_live"]}, CONFIRMED),
        ({"goal_paths": ["secondary_school_credit"], "status": "resolved"}, STILL_OPEN),
        ({"goal_paths": ["employment"], "status": "resolved"}, CONFIRMED),
        ({"kind": "overlap", "goal_paths": ["employment"]}, NOT_SEEN),
        ({"streams": [], "goal_paths": []}, NOT_IN_MATRIX),
    ],
)
def test_recorded_gap_verdicts(base: tuple[Path, Catalog, PlanSet], update: dict[str, Any], verdict: str) -> None:
    _, catalog, plans = base
    coverage = plan_coverage(catalog, _gap(plans, **update).plans[0])
    assert {r.gap.id: r.verdict for r in coverage.recorded}["no-credit"] == verdict


def test_recorded_overlap_confirmed(base: tuple[Path, Catalog, PlanSet]) -> None:
    _, catalog, plans = base
    coverage = plan_coverage(
        with_second_provider(catalog), _gap(plans, kind=OVERLAP, goal_paths=["employment"], community_ids=["bayview"]).plans[0]
    )
    check = next(r for r in coverage.recorded if r.gap.id == "no-credit")
    assert (check.verdict, check.differs) == (CONFIRMED, False)
    unrecorded = [c.key for c in coverage.unrecorded_overlaps]
    assert ("bayview", "anglophone", "employment") not in unrecorded
    assert ("bayview", "anglophone", "independence") in unrecorded


def test_totals_by_goal_path_and_agency(base: tuple[Path, Catalog, PlanSet]) -> None:
    _, catalog, plans = base
    coverage = plan_coverage(catalog, plans.plans[0])
    totals = {t.key: (t.projected, t.last_year, t.change) for t in coverage.by_goal_path}
    assert totals["employment"] == (12, 10, 2)
    assert totals["independence"] == (8, 6, 2)
    assert totals["apprenticeship"] == (0, None, None)
    assert [(t.key, t.projected, t.last_year) for t in coverage.by_agency] == [("bayview-learning", 20, 16)]
    assert (coverage.total.projected, coverage.total.last_year) == (20, 16)


def test_chart_rows_the_directory_does_not_list(base: tuple[Path, Catalog, PlanSet]) -> None:
    _, catalog, plans = base
    assert plan_coverage(catalog, plans.plans[0]).unlisted_rows == ()
    reduced = without_program(catalog, "bayview-literacy")
    assert [r.id for r in plan_coverage(reduced, plans.plans[0]).unlisted_rows] == ["bayview-employment", "online-independence"]


# --- pages ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def repository_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, PlanSet, dict[str, bytes]]:
    catalog, plans = catalog_with_plans(REPO)
    files: dict[str, bytes] = {}
    for lang in ("en", "fr"):
        gen = LanguageGenerator(catalog, Project(REPO), SiteOptions(), lang, files)
        plan_pages(gen, plans)
        for network in catalog.networks.values():
            gen.render(f"networks/{network.id}.md", "network.md.j2", network.name_en, network=network, org=None)
    return catalog, plans, files


def test_one_page_per_published_plan_in_each_language(repository_site: tuple[Catalog, PlanSet, dict[str, bytes]]) -> None:
    _, plans, files = repository_site
    pages = {p for p in files if p.startswith("plans/") and p.endswith(".md")}
    expected = {"plans/index.md", "plans/index.fr.md"}
    for plan in plans.published():
        expected |= {
            f"plans/{plan.network_id}/{plan.fiscal_year}/index.md",
            f"plans/{plan.network_id}/{plan.fiscal_year}/index.fr.md",
        }
    assert pages == expected


def test_plan_page_summary_first_and_french(repository_site: tuple[Catalog, PlanSet, dict[str, bytes]]) -> None:
    _, plans, files = repository_site
    plan = plans.get("ridgeway-region-literacy-network", "2026-27")
    assert plan is not None
    english = page_text(files, "plans/ridgeway-region-literacy-network/2026-27/index.md")
    french = page_text(files, "plans/ridgeway-region-literacy-network/2026-27/index.fr.md")
    body = english.split("---", 2)[2]
    assert body.index('class="ld-lead"') < body.index("<table")
    assert html.escape(plan.meta.summary_en.split(".")[0], quote=False) in body
    assert 'title: "Plan des services d&#x27;alphabétisation de la région de Ridgeway 2026-27"' in french
    assert "Ce qui a changé depuis l'an dernier" in french and "What changed since last year" in english
    assert "<h3" in english and "<h2>What changed" not in english  # the narrative's headings sit under the page's own


def test_every_agency_site_program_and_protocol_named_is_linked(
    repository_site: tuple[Catalog, PlanSet, dict[str, bytes]],
) -> None:
    _, plans, files = repository_site
    for plan in plans.published():
        page = page_text(files, f"plans/{plan.network_id}/{plan.fiscal_year}/index.md")
        organizations = (
            {r.organization_id for r in plan.delivery} | set(plan.meta.participants.lbs) | set(plan.meta.participants.partners)
        )
        organizations |= {a.lead_organization_id for a in plan.actions} | {
            o for a in plan.actions for o in a.partner_organization_ids
        }
        organizations |= {r.organization_id for r in plan.results if r.organization_id}
        for organization in organizations:
            assert f'href="../../../organizations/{organization}/"' in page, (plan.key, organization)
        for row in plan.delivery:
            if row.site_id:
                assert f'href="../../../sites/{row.site_id}/"' in page
            if row.program_id:
                assert f'href="../../../programs/{row.program_id}/"' in page
        for protocol in plan.meta.protocols:
            assert f'href="../../../protocols/{protocol}/"' in page
        assert f'href="../../../networks/{plan.network_id}/"' in page


def _chart_and_table(page: str) -> tuple[list[int], list[int]]:
    learners = page.split('id="learners"')[1].split('id="delivery"', maxsplit=1)[0]
    chart = learners.split('class="ld-chart"')[1].split('</div>\n<div class="ld-scroll"')[0]
    table = learners.split('<caption id="by-goal-path">')[1].split("<tfoot>")[0]
    bars = [int(v.replace(",", "")) for v in re.findall(r'<span class="ld-bar-value">([\d,]+)</span>', chart)]
    cells = [int(v.replace(",", "")) for v in re.findall(r'<td class="ld-num">([\d,]+)</td>', table)]
    return bars, cells


def test_chart_numbers_are_in_the_table_beside_it(repository_site: tuple[Catalog, PlanSet, dict[str, bytes]]) -> None:
    _, plans, files = repository_site
    for plan in plans.published():
        page = page_text(files, f"plans/{plan.network_id}/{plan.fiscal_year}/index.md")
        bars, cells = _chart_and_table(page)
        assert bars and set(bars) <= set(cells), plan.key
        assert 'class="ld-chart" aria-hidden="true"' in page


def test_year_over_year_view(repository_site: tuple[Catalog, PlanSet, dict[str, bytes]]) -> None:
    _, plans, files = repository_site
    first = page_text(files, "plans/nine-lakes-literacy-network/2025-26/index.md")
    assert 'id="years"' in first
    later = plans.get("nine-lakes-literacy-network", "2026-27")
    assert later is not None
    served = sum(r.last_year_actual or 0 for r in later.delivery)
    years = first.split('id="years"')[1].split('id="downloads"')[0]
    assert 'href="../2026-27/"' in years and 'aria-current="page">2025-26' in years
    assert f'<td class="ld-num">{served}</td>' in years  # served in 2025-26, as reported a year later


def test_no_year_over_year_view_with_a_single_plan(base: tuple[Path, Catalog, PlanSet]) -> None:
    project, catalog, plans = base
    assert 'id="years"' not in page_text(render(catalog, project, plans), "plans/north-shore/2025-26/index.md")


def test_plans_index_and_network_page(repository_site: tuple[Catalog, PlanSet, dict[str, bytes]]) -> None:
    catalog, plans, files = repository_site
    index = page_text(files, "plans/index.md")
    for plan in plans.published():
        assert f'href="{plan.network_id}/{plan.fiscal_year}/"' in index
    for network in catalog.networks.values():
        current = plans.current(network.id)
        assert current is not None and current.fiscal_year == "2026-27"
        page = page_text(files, f"networks/{network.id}.md")
        assert f'href="../../plans/{network.id}/2026-27/"' in page
        assert f'href="../../plans/{network.id}/2025-26/"' in page
    fr_index = page_text(files, "plans/index.fr.md")
    assert 'title: "Plans des services d&#x27;alphabétisation"' in fr_index
    assert "&amp;#39;" not in fr_index and "Réseau d&#39;alphabétisation de la Rivière-Blanche</a>" in fr_index


def test_network_page_without_plans_wired_in(base: tuple[Path, Catalog, PlanSet]) -> None:
    project, catalog, _ = base
    del catalog.plans  # type: ignore[attr-defined]
    templates = Templates(project / "site_templates", catalog, globals={"options": SiteOptions(), "source": lambda *a: ""})
    urls = Urls.of_file("networks/north-shore.md", "en")
    page = templates.render("network.md.j2", network=catalog.networks["north-shore"], org=None, urls=urls)
    assert "plans/" not in page


def test_only_published_plans_get_pages(tmp_path: Path) -> None:
    project = plan_project(tmp_path / "project")
    _replace(project, {"file": f"{PLAN_DIR}/plan.md", "old": "status: published", "new": "status: approved"})
    catalog, plans = catalog_with_plans(project)
    assert len(plans) == 1 and plans.published() == []
    files = render(catalog, project, plans)
    assert [p for p in files if p.startswith("plans/")] == ["plans/index.md"]
    assert "No plan is published yet." in page_text(files, "plans/index.md")


def test_downloads_are_the_plan_files_and_a_valid_data_package(base: tuple[Path, Catalog, PlanSet]) -> None:
    project, catalog, plans = base
    files = {**render(catalog, project, plans), **render(catalog, project, plans, "fr")}
    folder = project / PLAN_DIR
    for name in ("delivery.csv", "gaps.csv", "actions.csv", "indicators.csv", "results.csv"):
        assert files[f"plans/north-shore/2025-26/{name}"] == (folder / name).read_bytes()
        assert files[f"plans/north-shore/2025-26/{name.replace('.csv', '.fr.csv')}"] == (folder / name).read_bytes()
        assert f'href="{name}"' in page_text(files, "plans/north-shore/2025-26/index.md")
    descriptor = json.loads(files["plans/north-shore/2025-26/datapackage.json"])
    assert descriptor["name"] == "literacy-service-plan-north-shore-2025-26"
    assert [r["path"] for r in descriptor["resources"]] == [
        "indicators.csv",
        "delivery.csv",
        "gaps.csv",
        "actions.csv",
        "results.csv",
    ]
    target = project / "download"
    target.mkdir()
    for name in descriptor["resources"]:
        (target / name["path"]).write_bytes(files[f"plans/north-shore/2025-26/{name['path']}"])
    report = frictionless.Package(descriptor, basepath=str(target)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_small_counts_are_never_shown(base: tuple[Path, Catalog, PlanSet]) -> None:
    """Published plans with counts of 1 to 4 fail the check; the page suppresses them anyway."""
    project, catalog, plans = base
    plan = plans.plans[0]
    results = tuple(r.model_copy(update={"count": 3}) if r.id == "served" else r for r in plan.results)
    changed = PlanSet((dataclasses.replace(plan, rows={**plan.rows, "results": results}),))
    page = page_text(render(catalog, project, changed), "plans/north-shore/2025-26/index.md")
    results_table = page.split('id="results-table"')[1].split("</table>")[0]
    assert "fewer than 5" in results_table and '<td class="ld-num">3</td>' not in results_table


def test_format_number() -> None:
    assert [format_number(1234), format_number(1234, "fr"), format_number(18.4, "fr"), format_number(-3, signed=True)] == [
        "1,234",
        "1\u202f234",
        "18,4",
        "\u22123",
    ]
    assert (format_number(5, signed=True), format_number(0, signed=True), format_number(None)) == ("+5", "0", "")


# --- schema and models -----------------------------------------------------------------------------


def test_every_plan_table_and_field_is_described() -> None:
    package = parse_package((REPO / "schemas" / "plans.json").read_text(encoding="utf-8"))
    assert [t.name for t in package.tables] == ["indicators", "delivery", "gaps", "actions", "results"]
    vocabularies, problems = parse_vocabularies(
        "schemas/vocabularies.csv", (REPO / "schemas" / "vocabularies.csv").read_text(encoding="utf-8")
    )
    assert problems == []
    for table in package.tables:
        assert table.descriptor["description"].strip()
        assert table.field("id") is not None
        for field in table.fields:
            assert field.description.strip(), f"{table.name}.{field.name}"
            assert field.vocabulary is None or field.vocabulary in vocabularies, f"{table.name}.{field.name}"
            assert field.references in (None, "communities", "organizations", "sites", "programs", "gaps"), field


@pytest.mark.parametrize("model", [PlanMeta, Participants, DataSource], ids=lambda m: m.__name__)
def test_every_front_matter_setting_is_described(model: Any) -> None:
    assert [n for n, info in model.model_fields.items() if not (info.description or "").strip()] == []


def test_new_vocabularies_have_both_labels() -> None:
    vocabularies, _ = parse_vocabularies(
        "schemas/vocabularies.csv", (REPO / "schemas" / "vocabularies.csv").read_text(encoding="utf-8")
    )
    for name in (
        "plan_status",
        "gap_kind",
        "gap_category",
        "priority",
        "gap_status",
        "action_status",
        "indicator",
        "indicator_unit",
        "result_measure",
    ):
        assert vocabularies[name].terms, name
        assert all(t.label_en and t.label_fr for t in vocabularies[name].terms), name
