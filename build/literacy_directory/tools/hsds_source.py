"""An HSDS package as read for ``import-hsds``: every row with the file and physical line it came
from, so each thing the import cannot map is reported where it is.

Reads HSDS 3.0 tabular packages and HSDS 1.x packages (the sample Data Package): tables are found
through ``datapackage.json`` (resource name → path) when there is one, else by the usual file
names. The differences that matter are smoothed here: 1.x names the service-at-location file
``services_at_location.csv``, the organization's web address ``url`` and addresses
``physical_address``.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

FILE_NAMES = {
    "organization": ("organizations.csv",),
    "service": ("services.csv",),
    "location": ("locations.csv",),
    "service_at_location": ("service_at_location.csv", "services_at_location.csv"),
    "address": ("addresses.csv", "physical_addresses.csv"),
    "phone": ("phones.csv",),
    "schedule": ("schedules.csv", "regular_schedules.csv"),
    "language": ("languages.csv",),
    "accessibility": ("accessibility.csv", "accessibility_for_disabilities.csv"),
    "cost_option": ("cost_options.csv",),
    "contact": ("contacts.csv",),
    "service_area": ("service_areas.csv",),
    "taxonomy_term": ("taxonomy_terms.csv",),
    "attribute": ("attributes.csv",),
}
RESOURCE_ALIASES = {
    "physical_address": "address",
    "accessibility_for_disabilities": "accessibility",
    "regular_schedule": "schedule",
}


class SourceError(Exception):
    """The folder is not an HSDS package we can read (exit code 2)."""


@dataclass(frozen=True)
class SourceRow:
    table: str
    file: str  # as shown in warnings: the path given on the command line + the file name
    line: int  # physical line of the row's first line
    values: dict[str, str]
    header: tuple[str, ...]

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def column(self, name: str) -> int:
        """1-based position of a column in the file (1 when the file does not have it)."""
        return self.header.index(name) + 1 if name in self.header else 1

    @property
    def id(self) -> str:
        return self.get("id")


class Source:
    def __init__(self, tables: dict[str, list[SourceRow]]):
        self.tables = tables
        self._by: dict[tuple[str, str], dict[str, list[SourceRow]]] = {}

    def rows(self, table: str) -> list[SourceRow]:
        return self.tables.get(table, [])

    def by(self, table: str, column: str, value: str) -> list[SourceRow]:
        key = (table, column)
        if key not in self._by:
            index: dict[str, list[SourceRow]] = defaultdict(list)
            for row in self.rows(table):
                index[row.get(column)].append(row)
            self._by[key] = index
        return self._by[key].get(value, []) if value else []


def table_paths(folder: Path) -> dict[str, Path]:
    """HSDS table name → its CSV file in ``folder``."""
    found: dict[str, Path] = {}
    descriptor = folder / "datapackage.json"
    if descriptor.is_file():
        try:
            resources = json.loads(descriptor.read_text(encoding="utf-8-sig")).get("resources", [])
        except (ValueError, UnicodeDecodeError, AttributeError) as exc:
            raise SourceError(f"{descriptor} is not a readable Data Package descriptor ({exc})") from exc
        for resource in resources:
            name = RESOURCE_ALIASES.get(str(resource.get("name", "")), str(resource.get("name", "")))
            path = folder / str(resource.get("path", ""))
            if name in FILE_NAMES and path.is_file() and path.parent.resolve() == folder.resolve():
                found[name] = path
    for name, candidates in FILE_NAMES.items():
        for candidate in candidates:
            if name not in found and (folder / candidate).is_file():
                found[name] = folder / candidate
    return found


def read_source(folder: Path, shown_as: str) -> Source:
    if not folder.is_dir():
        raise SourceError(f"{shown_as} is not a folder: give the folder that holds the HSDS CSV files")
    paths = table_paths(folder)
    missing = [name for name in ("organization", "service") if name not in paths]
    if missing:
        raise SourceError(f"{shown_as} has no {' or '.join(FILE_NAMES[m][0] for m in missing)}: is it an HSDS package?")
    return Source({name: read_table(name, path, f"{shown_as.rstrip('/')}/{path.name}") for name, path in paths.items()})


def read_table(table: str, path: Path, shown_as: str) -> list[SourceRow]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{shown_as} is not UTF-8 text (byte {exc.start}): save it as UTF-8 and try again") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    header = tuple(h.strip() for h in next(reader, []))
    rows, start = [], reader.line_num + 1
    for cells in reader:
        if any(c.strip() for c in cells):
            rows.append(SourceRow(table, shown_as, start, dict(zip(header, cells, strict=False)), header))
        start = reader.line_num + 1
    return rows
