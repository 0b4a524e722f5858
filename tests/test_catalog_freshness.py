"""Freshness: listings not verified in the last 12 months, per network, in `check` and on the site."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from check_support import call_main
from literacy_directory import report
from literacy_directory.catalog.directory import catalog_of
from literacy_directory.catalog.freshness import stale_by_network, stale_count
from literacy_directory.core.dates import reference_date
from literacy_directory.core.project import Project
from literacy_directory.site.generate import LanguageGenerator, SiteOptions
from literacy_directory.site.urls import record_url
from literacy_directory.validate.check import CheckResult, check_project

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 28)
SOURCE = "https://github.com/ontario-literacy-networks/literacy-directory/blob/main"


@pytest.fixture(scope="module")
def result() -> CheckResult:
    checked = check_project(Project(ROOT), today=TODAY)
    assert catalog_of(checked) is not None
    return checked


def expected_stale(result: CheckResult) -> set[tuple[str, str]]:
    """Every listing whose last_verified is more than 365 days before TODAY, straight from the catalog."""
    catalog = catalog_of(result)
    assert catalog is not None
    found = {
        (kind, r.id)
        for kind, table in (
            ("network", catalog.networks),
            ("organization", catalog.organizations),
            ("site", catalog.sites),
            ("program", catalog.programs),
        )
        for r in table.values()
        if (TODAY - r.last_verified).days > 365
    }
    return found | {("protocol", p.id) for p in catalog.protocols.values() if (TODAY - p.meta.last_verified).days > 365}


def test_every_stale_listing_is_under_its_network(result: CheckResult) -> None:
    catalog = catalog_of(result)
    assert catalog is not None
    freshness = stale_by_network(catalog, TODAY)
    assert [n.network_id for n in freshness] == list(catalog.networks)
    listed = {(s.kind, s.id) for n in freshness for s in n.listings}
    assert listed == expected_stale(result)
    assert listed, "the sample content keeps some stale listings to show the report"
    for n in freshness:
        for s in n.listings:
            if s.kind == "program":
                assert catalog.network_of_organization(catalog.programs[s.id].organization_id).id == n.network_id
            assert (s.path, s.line) == (catalog.sources[s.table, s.id].path, catalog.sources[s.table, s.id].line)


def test_the_stale_warnings_match_the_report(result: CheckResult) -> None:
    catalog = catalog_of(result)
    assert catalog is not None
    warnings = {(d.path, d.line) for d in result.diagnostics if d.code == "stale"}
    listed = {(s.path, s.line) for n in stale_by_network(catalog, TODAY) for s in n.listings if s.kind != "protocol"}
    assert listed == {w for w in warnings if not w[0].endswith(".md")}


def test_nothing_is_stale_a_day_after_everything_was_checked(result: CheckResult) -> None:
    assert catalog_of(result) is not None
    assert stale_count(stale_by_network(catalog_of(result), dt.date(2025, 1, 1))) == 0


def test_reference_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LITERACY_DIRECTORY_TODAY", "2027-01-05")
    assert reference_date() == dt.date(2027, 1, 5)
    assert reference_date(TODAY) == TODAY
    monkeypatch.setenv("LITERACY_DIRECTORY_TODAY", "soon")
    assert reference_date() == dt.date.today()


def test_check_prints_the_section(capsys: pytest.CaptureFixture[str], result: CheckResult) -> None:
    assert call_main(["--project", str(ROOT), "check", "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "Not verified in the last 12 months:" in out
    for network in catalog_of(result).networks.values():  # type: ignore[union-attr]
        assert f"  {network.name_en}: " in out
    assert out.rstrip().endswith("The content is valid.")


def test_json_and_markdown_carry_it_too(
    capsys: pytest.CaptureFixture[str], result: CheckResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert call_main(["--project", str(ROOT), "check", "--today", TODAY.isoformat(), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {(x["kind"], x["id"]) for n in data["not_verified_recently"] for x in n["listings"]} == expected_stale(result)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert call_main(["--project", str(ROOT), "check", "--today", TODAY.isoformat(), "--format", "github"]) == 0
    assert "### Not verified in the last 12 months" in summary.read_text(encoding="utf-8")


def test_old_report_calls_still_work(result: CheckResult) -> None:
    assert report.as_text(result.diagnostics, result.coverage).endswith("The content is valid.\n")
    assert "not_verified_recently" not in json.loads(report.as_json(result.diagnostics))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_networks_page_shows_the_table_and_the_guide(result: CheckResult, lang: str) -> None:
    catalog = catalog_of(result)
    assert catalog is not None
    files: dict[str, bytes] = {}
    generator = LanguageGenerator(catalog, Project(ROOT), SiteOptions(source_url=SOURCE), lang, files)
    freshness = stale_by_network(catalog, TODAY)
    generator.render("networks/index.md", "networks.md.j2", "Networks", freshness=freshness)
    page = files["networks/index.md" if lang == "en" else "networks/index.fr.md"].decode()
    assert 'id="listings-to-check"' in page
    for n in freshness:
        for s in n.listings:
            assert f'href="../{record_url(s.table, s.id)}"' in page
            assert f'href="{SOURCE}/{s.path}#L{s.line}"' in page
    assert f'href="{SOURCE}/CONTRIBUTING.md"' in page


def test_the_networks_page_works_without_freshness(result: CheckResult) -> None:
    files: dict[str, bytes] = {}
    assert catalog_of(result) is not None
    LanguageGenerator(catalog_of(result), Project(ROOT), SiteOptions(), "en", files).render(
        "networks/index.md", "networks.md.j2", "Networks"
    )
    page = files["networks/index.md"].decode()
    assert "listings-to-check" not in page and "CONTRIBUTING" not in page
    assert 'id="publishing"' in page
