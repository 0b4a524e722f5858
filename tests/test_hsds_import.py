"""``literacy-directory import-hsds``: the HSDS 1.1 sample and the HSDS 3.0 example tables become
content that passes check (after warnings that name the source file and line); our own export
comes back as the same records; existing records are never overwritten."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

from build_support import REPO as ROOT
from build_support import copy_project, run_cli
from literacy_directory.catalog.directory import catalog_of
from literacy_directory.core.project import Project
from literacy_directory.site import hsds
from literacy_directory.tools.hsds_import import import_hsds
from literacy_directory.tools.hsds_source import SourceError
from literacy_directory.validate.check import check_project

SHARED = ROOT.parent / "shared" / "data" / "hsds"
FIXTURES = ROOT / "tests" / "fixtures" / "hsds-samples"
NETWORK = "ridgeway-region-literacy-network"
TODAY = dt.date(2026, 11, 28)
RECORD_TABLES = ("organizations", "sites", "programs")
RETIREMENT = {"status", "end_date", "replaced_by"}  # HSDS has a service status only, and no end date or successor
NOT_CARRIED = {
    # HSDS 3.0 tables hold one language, and have no home for these:
    "organizations": {"network_id", *RETIREMENT},  # given by --network
    "sites": {"last_verified", *RETIREMENT},  # HSDS locations have no assured_date: the organization's is used
    "programs": {"description_en", "what_to_bring_en", "reopening_date", *RETIREMENT},  # the summary is the service's description
}


def sample(name: str) -> Path:
    """The reference copy in ../shared when this checkout has it, else the copy in tests/fixtures."""
    shared = SHARED / name
    return shared if shared.is_dir() else FIXTURES / name


def rows(project: Path, table: str) -> list[dict[str, str]]:
    with (project / "content" / f"{table}.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("name", ["1.1-sample", "3.0/csv"])
def test_an_hsds_package_becomes_content_that_passes_check(tmp_path: Path, name: str) -> None:
    project = copy_project(tmp_path / "p")
    source = tmp_path / "source"
    shutil.copytree(sample(name), source)
    before = {t: len(rows(project, t)) for t in RECORD_TABLES}
    outcome = import_hsds(Project(project), source, "source", NETWORK, TODAY)
    assert outcome.check.errors == 0, [d for d in outcome.check.diagnostics if d.is_error]
    assert outcome.imported["organizations"] >= 1 and outcome.imported["programs"] >= 1
    assert {t: len(rows(project, t)) - before[t] for t in RECORD_TABLES} == {t: outcome.imported[t] for t in RECORD_TABLES}
    assert outcome.warnings, "what HSDS cannot say (roles, a Canadian address...) is reported"
    for w in outcome.warnings:
        assert w.path.startswith("source/") and w.path.endswith(".csv") and w.line >= 2, w


def test_the_warnings_name_the_source_row(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    outcome = import_hsds(Project(project), sample("3.0/csv"), "hsds", NETWORK, TODAY)
    where = {(w.path, w.line, w.column) for w in outcome.warnings}
    assert ("hsds/phones.csv", 2, 7) in where  # "+44 1234 234567" is not a Canadian number
    assert ("hsds/languages.csv", 2, 6) in where  # Urdu is not one of our languages
    assert any("2005-01-01" in w.message and w.path == "hsds/services.csv" for w in outcome.warnings)


def export_sample(tmp_path: Path) -> Path:
    """The repository's content exported as HSDS tables, as the site publishes them."""
    catalog = catalog_of(check_project(Project(ROOT), TODAY))
    assert catalog is not None
    folder = tmp_path / "export"
    for rel, data in hsds.table_files(hsds.export_rows(catalog), hsds.hsds_descriptor(Project(ROOT)), "hsds").items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return folder / "hsds"


def emptied_project(target: Path) -> Path:
    """A project with the networks, communities and glossary, and no organization, site or program
    (nor the protocols and plans that name them)."""
    project = copy_project(target)
    for table in RECORD_TABLES:
        path = project / "content" / f"{table}.csv"
        path.write_text(path.read_text(encoding="utf-8").partition("\n")[0] + "\n", encoding="utf-8")
    for folder in ("referral_protocols", "plans"):
        shutil.rmtree(project / "content" / folder)
        (project / "content" / folder).mkdir()
    return project


def comparable(table: str, row: dict[str, str]) -> dict[str, object]:
    """A row as HSDS carries it: English text, list columns as sets, numbers as numbers."""
    kept: dict[str, object] = {}
    for column, value in row.items():
        if column.endswith("_fr") or column in NOT_CARRIED[table]:
            continue
        if column in ("latitude", "longitude") and value:
            kept[column] = float(value)
        elif column in LIST_COLUMNS:
            kept[column] = set(filter(None, value.split(";")))
        else:
            kept[column] = value
    return kept


LIST_COLUMNS = {
    "roles", "streams", "partner_types", "accessibility", "site_ids", "community_ids", "goal_paths", "oalcf_levels",
    "lbs_services", "delivery_modes", "formats", "times_of_day", "attendance", "languages", "intake_methods",
    "training_supports",
}  # fmt: skip


def test_our_export_imports_back_as_the_same_records(tmp_path: Path) -> None:
    exported = export_sample(tmp_path)
    project = emptied_project(tmp_path / "p")
    outcome = import_hsds(Project(project), exported, "hsds", NETWORK, TODAY)
    assert [d for d in outcome.check.diagnostics if d.is_error] == []
    assert outcome.imported["communities"] == 0, "every site's community is found by its name"
    for table in RECORD_TABLES:
        original = {r["id"]: comparable(table, r) for r in rows(ROOT, table)}
        imported = {r["id"]: comparable(table, r) for r in rows(project, table)}
        assert imported == original, table


def test_existing_records_are_never_overwritten(tmp_path: Path) -> None:
    exported = export_sample(tmp_path)
    project = copy_project(tmp_path / "p")
    before = {t: (project / "content" / f"{t}.csv").read_bytes() for t in RECORD_TABLES}
    outcome = import_hsds(Project(project), exported, "hsds", NETWORK, TODAY)
    assert outcome.imported == {"communities": 0, "organizations": 0, "sites": 0, "programs": 0}
    assert {t: (project / "content" / f"{t}.csv").read_bytes() for t in RECORD_TABLES} == before
    # Each organization is skipped by its id; its sites and programs, with no imported organization.
    skipped = [w for w in outcome.warnings if "already in content/" in w.message]
    orphans = [w for w in outcome.warnings if "has no imported organization" in w.message]
    assert len(skipped) == len(rows(project, "organizations"))
    assert len(orphans) == len(rows(project, "sites")) + len(rows(project, "programs"))


def test_ids_made_from_names_never_take_an_existing_id(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    source = tmp_path / "source"
    shutil.copytree(sample("3.0/csv"), source)
    taken = rows(project, "organizations")[0]
    text = (source / "organizations.csv").read_text(encoding="utf-8")
    (source / "organizations.csv").write_text(text.replace("Example Organization Inc.", taken["name_en"]), encoding="utf-8")
    import_hsds(Project(project), source, "source", NETWORK, TODAY)
    ids = [r["id"] for r in rows(project, "organizations")]
    assert ids.count(taken["id"]) == 1 and f"{taken['id']}-2" in ids


def test_an_unknown_network_or_folder_writes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    before = (project / "content" / "organizations.csv").read_bytes()
    with pytest.raises(SourceError, match=r"not in content/networks\.csv"):
        import_hsds(Project(project), sample("1.1-sample"), "s", "no-such-network", TODAY)
    with pytest.raises(SourceError, match="not a folder"):
        import_hsds(Project(project), tmp_path / "missing", "missing", NETWORK, TODAY)
    assert (project / "content" / "organizations.csv").read_bytes() == before


def test_the_command_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    done = run_cli(project, "import-hsds", str(sample("3.0/csv")), "--network", NETWORK)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "phones.csv:2:7: warning:" in done.stdout and "Imported 1 organizations, 1 programs" in done.stdout
    assert "0 errors" in done.stdout
    bad = run_cli(project, "import-hsds", str(tmp_path / "nowhere"), "--network", NETWORK)
    assert bad.returncode == 2 and "not a folder" in bad.stderr
