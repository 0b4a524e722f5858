"""Open data: the site's ``data/`` folder and the repository's own descriptor are valid for stock
tools (the real ``frictionless validate``, no flags), and the HSDS export is valid against HSDS
3.0's own schemas (tabular: its Data Package; JSON: its JSON Schemas in tests/fixtures/hsds-3.0)."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from literacy_directory.catalog.directory import catalog_of
from literacy_directory.core.project import Project
from literacy_directory.schema.published import CONTENT_DESCRIPTOR, expected_content_descriptor
from literacy_directory.site.opendata import open_data_files
from literacy_directory.validate.check import check_project

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "hsds-3.0"
SHARED = ROOT.parent / "shared" / "data" / "hsds" / "3.0"  # the reference copy, where this checkout has it
OFFICIAL_HSDS_PACKAGE_SHA256 = "06d063ec1a22f8797da3ee9cd1e2a9e519fa813d6f3e93140bbdd7814d36984b"  # examples/csv/datapackage.json at openreferral/specification 279fd2e


def frictionless_cli(folder: Path, descriptor: str = "datapackage.json") -> subprocess.CompletedProcess[str]:
    """The stock command line, exactly as a data user types it: no flags."""
    command = [str(Path(sys.executable).parent / "frictionless"), "validate", descriptor]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False, timeout=300)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site's data/ folder, generated from the repository's content as the build does."""
    catalog = catalog_of(check_project(Project(ROOT)))
    assert catalog is not None
    site = tmp_path_factory.mktemp("site")
    for rel, payload in open_data_files(catalog, Project(ROOT)).items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(payload)
    return site / "data"


def test_the_sites_data_package_passes_stock_frictionless_validate(data: Path) -> None:
    done = frictionless_cli(data)
    assert done.returncode == 0, done.stdout + done.stderr
    names = {r["name"] for r in json.loads((data / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    assert names == {"networks", "communities", "places", "organizations", "sites", "programs", "glossary", "vocabularies"}


def test_the_tables_are_published_as_they_are(data: Path) -> None:
    for name in ("networks", "programs", "sites"):
        assert (data / f"{name}.csv").read_bytes() == (ROOT / "content" / f"{name}.csv").read_bytes()
    assert (data / "vocabularies.csv").read_bytes() == (ROOT / "schemas" / "vocabularies.csv").read_bytes()


def test_the_repositorys_descriptor_is_current() -> None:
    written = (ROOT / CONTENT_DESCRIPTOR).read_text(encoding="utf-8")
    assert written == expected_content_descriptor(Project(ROOT)), (
        f"{CONTENT_DESCRIPTOR} is out of date with schemas/datapackage.json: run python -m literacy_directory.schema.published"
    )


def test_the_repositorys_descriptor_passes_stock_frictionless_validate() -> None:
    done = frictionless_cli(ROOT / "content")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_stock_validator_would_catch_a_bad_row(tmp_path: Path, data: Path) -> None:
    """The CLI check above can fail: a program with an unknown cost code is reported."""
    for path in data.glob("*"):
        if path.is_file():
            (tmp_path / path.name).write_bytes(path.read_bytes())
    text = (tmp_path / "programs.csv").read_text(encoding="utf-8")
    (tmp_path / "programs.csv").write_text(text.replace(",free,", ",gratis,", 1), encoding="utf-8")
    done = frictionless_cli(tmp_path)
    assert done.returncode == 1 and "gratis" in done.stdout


# --- HSDS 3.0 -------------------------------------------------------------------------------


def test_the_hsds_schemas_are_an_unchanged_copy_of_the_specification() -> None:
    shipped = (ROOT / "schemas" / "hsds" / "datapackage.json").read_bytes()
    assert hashlib.sha256(shipped).hexdigest() == OFFICIAL_HSDS_PACKAGE_SHA256
    if SHARED.is_dir():
        assert shipped == (SHARED / "csv" / "datapackage.json").read_bytes()


def test_the_hsds_export_passes_stock_frictionless_validate_against_hsds_schemas(data: Path) -> None:
    done = frictionless_cli(data / "hsds")
    assert done.returncode == 0, done.stdout + done.stderr
    published = json.loads((data / "hsds" / "datapackage.json").read_text(encoding="utf-8"))
    official = json.loads((ROOT / "schemas" / "hsds" / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["schema"] for r in published["resources"]] == [r["schema"] for r in official["resources"]]


def hsds_rows(data: Path, file_name: str) -> list[dict[str, str]]:
    with (data / "hsds" / file_name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_hsds_export_holds_every_record_and_code(data: Path) -> None:
    def count(name: str) -> int:
        return len(list(csv.DictReader((ROOT / "content" / f"{name}.csv").open(encoding="utf-8"))))

    assert len(hsds_rows(data, "organizations.csv")) == count("organizations")
    assert len(hsds_rows(data, "services.csv")) == count("programs")
    physical = [r for r in hsds_rows(data, "locations.csv") if r["location_type"] == "physical"]
    assert len(physical) == count("sites") == len(hsds_rows(data, "addresses.csv"))
    codes = {row["code"] for row in hsds_rows(data, "taxonomy_terms.csv")}
    assert {"goal_path:employment", "stream:francophone", "lbs_service:assessment", "literacy-directory:record_id"} <= codes
    used = {row["taxonomy_term_id"] for row in hsds_rows(data, "attributes.csv")}
    assert used <= {row["id"] for row in hsds_rows(data, "taxonomy_terms.csv")}


def test_a_retired_program_is_an_inactive_hsds_service(data: Path) -> None:
    """HSDS's service status: a retired program (kept, since its id is forever) is ``inactive``;
    every other program, a paused one too (it still runs), is ``active``."""
    with (ROOT / "content" / "programs.csv").open(encoding="utf-8", newline="") as fh:
        programs = {r["id"]: r for r in csv.DictReader(fh)}
    statuses = {r["name"]: r["status"] for r in hsds_rows(data, "services.csv")}
    expected = {p["name_en"]: "inactive" if p["status"] == "retired" else "active" for p in programs.values()}
    assert statuses == expected
    assert "inactive" in statuses.values() and any(p["intake_status"] == "paused" for p in programs.values())


def test_the_hsds_headers_are_those_of_the_specifications_examples(data: Path) -> None:
    examples = SHARED / "csv" if SHARED.is_dir() else None
    official = json.loads((ROOT / "schemas" / "hsds" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in official["resources"]:
        header = (data / "hsds" / resource["path"]).read_text(encoding="utf-8").partition("\n")[0]
        assert header.split(",") == [f["name"] for f in resource["schema"]["fields"]]
        if examples is not None:
            assert header == (examples / resource["path"]).read_text(encoding="utf-8-sig").partition("\n")[0].strip()


def service_validator() -> Draft202012Validator:
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (FIXTURE / "schema").glob("*.json")}
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=_draft())) for name, schema in schemas.items()
    )
    return Draft202012Validator(schemas["service.json"], registry=registry, format_checker=FormatChecker())


def _draft() -> Any:
    from referencing.jsonschema import DRAFT202012  # noqa: PLC0415

    return DRAFT202012


def test_each_program_is_one_valid_hsds_service_full_document(data: Path) -> None:
    validator = service_validator()
    documents = sorted((data / "hsds" / "services").glob("*.json"))
    programs = {row["id"] for row in csv.DictReader((ROOT / "content" / "programs.csv").open(encoding="utf-8"))}
    assert {p.stem for p in documents} == programs
    for path in documents:
        document = json.loads(path.read_text(encoding="utf-8"))
        problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
        assert problems == [], path.name
        assert document["organization"]["id"] == document["organization_id"]


def test_the_service_schema_check_can_fail() -> None:
    validator = service_validator()
    assert not validator.is_valid({"id": "not-a-uuid", "name": "x", "status": "open"})
    example = json.loads((SHARED / "service_full.json").read_text(encoding="utf-8")) if SHARED.is_dir() else None
    if example is not None:
        assert validator.is_valid(example)
