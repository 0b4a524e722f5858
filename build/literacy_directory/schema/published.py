"""Data Package descriptors that stock tools read as they are (``frictionless validate
datapackage.json``, no flags).

``schemas/datapackage.json`` stays the single source of every Table Schema, but its resource paths
(``content/programs.csv``) are relative to the repository root, while the Data Package standard
reads them relative to the descriptor. Two descriptors are derived from it:

- ``content/datapackage.json``, beside the tables in the repository (``content_descriptor``),
  generated and kept current by a test: ``python -m literacy_directory.schema.published``;
- ``data/datapackage.json`` on the site (``published_descriptor``), beside copies of the tables
  and ``vocabularies.csv``, with vocabulary codes written in as ``enum`` constraints.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from literacy_directory.core.project import Project
from literacy_directory.schema.datapackage import PackageSpec, parse_package
from literacy_directory.schema.vocabularies import Vocabularies

CONTENT_DESCRIPTOR = "content/datapackage.json"
GENERATED_NOTE = (
    "Generated from schemas/datapackage.json (the single source of these Table Schemas) by "
    "`python -m literacy_directory.schema.published`: edit that file, not this one."
)
VOCABULARIES_RESOURCE: dict[str, Any] = {
    "name": "vocabularies",
    "title": "Vocabularies",
    "description": "The codes used in columns that name a `vocabulary`, with their English and French labels.",
    "path": "vocabularies.csv",
    "format": "csv",
    "mediatype": "text/csv",
    "encoding": "utf-8",
    "dialect": {"csv": {"delimiter": ","}},
    "schema": {
        "fieldsMatch": "equal",
        "primaryKey": ["vocabulary", "code"],
        "fields": [
            {"name": "vocabulary", "type": "string", "description": "The vocabulary's name.", "constraints": {"required": True}},
            {
                "name": "code",
                "type": "string",
                "description": "The code written in the tables.",
                "constraints": {"required": True},
            },
            {
                "name": "label_en",
                "type": "string",
                "description": "The code's label in English.",
                "constraints": {"required": True},
            },
            {"name": "label_fr", "type": "string", "description": "The code's label in French."},
            {"name": "plain_en", "type": "string", "description": "The code in plain words for learners, in English."},
            {"name": "plain_fr", "type": "string", "description": "The code in plain words for learners, in French."},
        ],
    },
}


def relocated(descriptor: dict[str, Any], folder: str) -> dict[str, Any]:
    """A copy whose resource paths are relative to ``folder`` (a repository-relative folder; ``""``
    keeps only the file names)."""
    package = copy.deepcopy(descriptor)
    prefix = folder.rstrip("/") + "/" if folder else ""
    for resource in package["resources"]:
        path = str(resource["path"])
        resource["path"] = path.removeprefix(prefix) if prefix else path.rpartition("/")[2]
    return package


def content_descriptor(package: PackageSpec) -> dict[str, Any]:
    descriptor = relocated(package.descriptor, "content")
    descriptor["description"] = f"{descriptor.get('description', '')} {GENERATED_NOTE}".strip()
    return descriptor


def published_descriptor(package: PackageSpec, vocabularies: Vocabularies) -> dict[str, Any]:
    descriptor = relocated(package.export_descriptor(vocabularies), "")
    descriptor["resources"].append(copy.deepcopy(VOCABULARIES_RESOURCE))
    return descriptor


def as_text(descriptor: dict[str, Any]) -> str:
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"


def expected_content_descriptor(project: Project) -> str:
    return as_text(content_descriptor(parse_package(project.package_path.read_text(encoding="utf-8"))))


def write_generated(argv: list[str] | None, name: str, make: Callable[[Project], str]) -> int:
    """The scripts that write a committed file made from the schema: ``make``'s text into ``name``
    of the project found from the current folder (or the one given as the first argument)."""
    args = sys.argv[1:] if argv is None else argv
    project = Project.find(Path(args[0]) if args else None)
    (project.root / name).write_text(make(project), encoding="utf-8")
    print(f"wrote {name}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Write ``content/datapackage.json`` from ``schemas/datapackage.json``."""
    return write_generated(argv, CONTENT_DESCRIPTOR, expected_content_descriptor)


if __name__ == "__main__":
    raise SystemExit(main())
