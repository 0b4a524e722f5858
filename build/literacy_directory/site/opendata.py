"""Open data on the site, under ``data/``, and the "Download the data" page that explains it.

- ``data/datapackage.json`` and the directory's tables (``networks.csv`` ... ``glossary.csv``,
  ``vocabularies.csv``): the content as published, byte for byte, described by a descriptor that
  stock tools validate as it is (``frictionless validate data/datapackage.json``);
- ``data/hsds/``: the same directory in Open Referral HSDS 3.0 (``site.hsds``), with one
  ``service_full`` JSON per program in ``data/hsds/services/`` (``site.hsdsjson``).

The files exist once, for both languages; the French page links to them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from literacy_directory.catalog.directory import Catalog
from literacy_directory.core.dates import reference_date
from literacy_directory.core.project import Project
from literacy_directory.schema.datapackage import parse_package
from literacy_directory.schema.published import as_text, published_descriptor
from literacy_directory.site import hsds
from literacy_directory.site.hsdsjson import service_documents
from literacy_directory.site.settings import DEFAULT_LANGUAGE

DATA = "data"
HSDS_FOLDER = f"{DATA}/hsds"
HSDS_TABLES = (
    "organization",
    "service",
    "location",
    "service_at_location",
    "service_area",
    "address",
    "phone",
    "schedule",
    "language",
    "accessibility",
    "cost_option",
    "contact",
    "taxonomy",
    "taxonomy_term",
    "attribute",
)
"""The HSDS tables the page describes (the others are written empty, with their header)."""


@dataclass(frozen=True)
class DataFile:
    path: str  # relative to data/
    key: str  # interface string explaining it: data_file_<key>
    size_kb: int
    rows: int | None = None


def open_data_files(catalog: Catalog, project: Project) -> dict[str, bytes]:
    package = parse_package(project.package_path.read_text(encoding="utf-8"))
    files = {f"{DATA}/datapackage.json": as_text(published_descriptor(package, catalog.vocabularies)).encode("utf-8")}
    for table in package.tables:
        files[f"{DATA}/{table.path.rpartition('/')[2]}"] = (project.root / table.path).read_bytes()
    files[f"{DATA}/vocabularies.csv"] = project.vocabularies_path.read_bytes()
    rows = hsds.export_rows(catalog)
    files.update(hsds.table_files(rows, hsds.hsds_descriptor(project), HSDS_FOLDER))
    record_ids = {hsds.hsds_id("programs", program_id): program_id for program_id in catalog.programs}
    for program_id, document in service_documents(rows, record_ids).items():
        files[f"{HSDS_FOLDER}/services/{program_id}.json"] = hsds.json_bytes(document, compact=True)
    return files


def described_files(files: dict[str, bytes], hsds_paths: dict[str, str]) -> dict[str, list[DataFile]]:
    """The files the page lists, by section: the directory's tables and the HSDS tables
    (``hsds_paths``: HSDS table name → file name)."""

    def entry(path: str, key: str) -> DataFile:
        data = files[f"{DATA}/{path}"]
        lines = (
            sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))) - 1 if path.endswith(".csv") else None
        )
        return DataFile(path, key, max(1, round(len(data) / 1024)), lines)

    ours = sorted(p.removeprefix(f"{DATA}/") for p in files if p.count("/") == 1 and p.endswith(".csv"))
    return {
        "directory": [entry("datapackage.json", "datapackage"), *(entry(p, p.removesuffix(".csv")) for p in ours)],
        "hsds": [
            entry("hsds/datapackage.json", "hsds_datapackage"),
            *(entry(f"hsds/{hsds_paths[name]}", f"hsds_{name}") for name in HSDS_TABLES),
        ],
    }


def data_page_context(catalog: Catalog, project: Project, files: dict[str, bytes], lang: str) -> dict[str, Any]:
    """What the "Download the data" page (``data.md.j2``) shows, in ``lang``."""
    hsds_paths = {r["name"]: r["path"] for r in hsds.hsds_descriptor(project)["resources"]}
    programs = sorted(catalog.programs)
    return {
        "sections": described_files(files, hsds_paths),
        "data_root": "" if lang == DEFAULT_LANGUAGE else f"../../{DATA}/",
        "example_program": programs[0] if programs else "",
        "service_count": len(programs),
        "made_on": reference_date(),
    }
