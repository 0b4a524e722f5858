"""The Table Schemas in ``schemas/datapackage.json``: the single description of every CSV column.

Besides standard Table Schema properties, a field may carry:

- ``vocabulary``: its values (each item, for a ``list`` field) are codes of that vocabulary in
  ``schemas/vocabularies.csv``;
- ``references``: a ``list`` field whose items are ids of that table.

Single-valued references are standard ``foreignKeys``.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from literacy_directory.schema.vocabularies import Vocabularies


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    description: str
    required: bool
    vocabulary: str | None
    references: str | None
    pattern: str | None

    @property
    def is_list(self) -> bool:
        return self.type == "list"

    @classmethod
    def from_descriptor(cls, d: dict[str, Any]) -> FieldSpec:
        constraints = d.get("constraints", {})
        return cls(
            name=d["name"],
            type=d.get("type", "string"),
            description=d.get("description", ""),
            required=bool(constraints.get("required")),
            vocabulary=d.get("vocabulary"),
            references=d.get("references"),
            pattern=constraints.get("pattern"),
        )


@dataclass(frozen=True)
class TableSpec:
    name: str
    path: str
    fields: tuple[FieldSpec, ...]
    foreign_keys: tuple[tuple[str, str], ...]
    descriptor: dict[str, Any]

    def field(self, name: str) -> FieldSpec | None:
        return self._fields_by_name.get(name)

    @cached_property
    def _fields_by_name(self) -> dict[str, FieldSpec]:
        return {f.name: f for f in self.fields}

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def references(self) -> list[tuple[str, str, bool]]:
        """(column, referenced table, is_list) for every reference column."""
        refs = [(column, table, False) for column, table in self.foreign_keys]
        refs += [(f.name, f.references, True) for f in self.fields if f.references]
        return refs

    def validation_descriptor(self) -> dict[str, Any]:
        """The descriptor frictionless validates with: keys and references are checked by our own
        rules (with line numbers and suggestions), so they are left out here."""
        resource = copy.deepcopy(self.descriptor)
        resource["schema"].pop("foreignKeys", None)
        resource["schema"].pop("primaryKey", None)
        return resource


@dataclass(frozen=True)
class PackageSpec:
    descriptor: dict[str, Any]
    tables: tuple[TableSpec, ...]

    def table(self, name: str) -> TableSpec:
        return next(t for t in self.tables if t.name == name)

    def export_descriptor(self, vocabularies: Vocabularies) -> dict[str, Any]:
        """A self-contained Data Package descriptor for reuse: vocabulary codes written in as
        ``enum`` constraints on single-valued fields."""
        package = copy.deepcopy(self.descriptor)
        for resource in package["resources"]:
            for f in resource["schema"]["fields"]:
                name = f.get("vocabulary")
                if name in vocabularies and f.get("type") != "list":
                    f.setdefault("constraints", {})["enum"] = list(vocabularies[name].codes)
        return package


def parse_package(text: str) -> PackageSpec:
    descriptor = json.loads(text)
    tables = []
    for resource in descriptor["resources"]:
        schema = resource["schema"]
        fks = tuple((fk["fields"], fk["reference"]["resource"]) for fk in schema.get("foreignKeys", []))
        fields = tuple(FieldSpec.from_descriptor(f) for f in schema["fields"])
        tables.append(TableSpec(resource["name"], resource["path"], fields, fks, resource))
    return PackageSpec(descriptor, tuple(tables))
