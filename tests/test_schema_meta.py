"""The schemas document themselves, and the code agrees with them (habit 8: tests that keep docs
honest). Row models are generated from the Table Schemas; the parity test below re-derives every
expected type independently, so a change to one side alone fails here."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Union

import frictionless
import pytest
from pydantic import BaseModel

from check_support import REPO
from literacy_directory.schema.datapackage import PackageSpec, TableSpec, parse_package
from literacy_directory.schema.protocol import Party, ReferralProtocol
from literacy_directory.schema.rowmodels import row_model
from literacy_directory.schema.vocabularies import Vocabularies, parse_vocabularies
from literacy_directory.validate.rules import PROTOCOL_VOCABULARIES

SCHEMA_TYPES: dict[str, Any] = {
    "string": str,
    "integer": int,
    "number": float,
    "boolean": bool,
    "date": dt.date,
    "list": list[str],
}

TABLES = ("networks", "communities", "places", "organizations", "sites", "programs", "glossary")


@pytest.fixture(scope="module")
def package() -> PackageSpec:
    return parse_package((REPO / "schemas" / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def vocabularies() -> Vocabularies:
    found, problems = parse_vocabularies(
        "schemas/vocabularies.csv", (REPO / "schemas" / "vocabularies.csv").read_text(encoding="utf-8")
    )
    assert problems == []
    return found


def all_fields(package: PackageSpec) -> list[tuple[TableSpec, Any]]:
    return [(table, f) for table in package.tables for f in table.fields]


def test_every_resource_and_field_has_a_description(package: PackageSpec) -> None:
    for table in package.tables:
        assert table.descriptor.get("description", "").strip(), table.name
    undocumented = [f"{t.name}.{f.name}" for t, f in all_fields(package) if not f.description.strip()]
    assert undocumented == []


def test_every_named_vocabulary_exists(package: PackageSpec, vocabularies: Vocabularies) -> None:
    named = {f.vocabulary for _, f in all_fields(package) if f.vocabulary} | set(PROTOCOL_VOCABULARIES.values()) | {"party_role"}
    assert named - set(vocabularies) == set()


def test_every_vocabulary_has_english_and_french_labels(vocabularies: Vocabularies) -> None:
    for vocabulary in vocabularies.values():
        assert vocabulary.terms, vocabulary.name
        for term in vocabulary.terms:
            assert term.label_en.strip() and term.label_fr.strip(), f"{vocabulary.name}.{term.code}"


def test_every_reference_points_to_a_table_with_ids(package: PackageSpec) -> None:
    names = {t.name: t for t in package.tables}
    for table in package.tables:
        for column, target, _ in table.references():
            assert target in names, f"{table.name}.{column} -> {target}"
            assert names[target].field("id") is not None
            assert table.field(column) is not None, f"{table.name}.{column}"


def _expected_annotation(schema_type: str, required: bool) -> Any:
    base = SCHEMA_TYPES[schema_type]
    return base if required or schema_type == "list" else base | None


def _same_type(a: Any, b: Any) -> bool:
    if typing.get_origin(a) in (Union, types.UnionType) or typing.get_origin(b) in (Union, types.UnionType):
        return set(typing.get_args(a)) == set(typing.get_args(b))
    return bool(a == b)


@pytest.mark.parametrize("name", TABLES)
def test_row_model_matches_its_table_schema(package: PackageSpec, name: str) -> None:
    table = package.table(name)
    model = row_model(table)
    raw_fields = table.descriptor["schema"]["fields"]
    assert list(model.model_fields) == [f["name"] for f in raw_fields]
    for raw in raw_fields:
        info = model.model_fields[raw["name"]]
        required = bool(raw.get("constraints", {}).get("required"))
        expected = _expected_annotation(raw.get("type", "string"), required)
        assert _same_type(info.annotation, expected), f"{name}.{raw['name']}: {info.annotation} != {expected}"
        assert info.is_required() == (required and raw.get("type") != "list"), f"{name}.{raw['name']}"
        assert info.description == raw["description"]


def test_row_model_parity_covers_every_table(package: PackageSpec) -> None:
    assert {t.name for t in package.tables} == set(TABLES)


@pytest.mark.parametrize("model", [ReferralProtocol, Party], ids=lambda m: m.__name__)
def test_every_front_matter_setting_has_a_description(model: type[BaseModel]) -> None:
    undocumented = [name for name, info in model.model_fields.items() if not (info.description or "").strip()]
    assert undocumented == []


def _is_code_field(info: Any) -> bool:
    """A field typed as a vocabulary code (``Code`` or ``list[Code]``) in protocol_model."""
    annotation = info.annotation
    args = typing.get_args(annotation)
    inner = args[0] if typing.get_origin(annotation) is list and args else annotation
    return any(
        getattr(m, "pattern", None) == r"^[a-z0-9_]+$"
        for m in getattr(info, "metadata", []) + list(getattr(inner, "__metadata__", ()))
    )


def test_every_protocol_code_setting_is_checked_against_a_vocabulary() -> None:
    """Code settings are checked (with suggestions) by the rules, which is why a code's pattern
    error is dropped in favour of the rule's; that is safe only if every code setting is covered."""
    codes = {name for name, info in ReferralProtocol.model_fields.items() if _is_code_field(info)}
    assert codes == set(PROTOCOL_VOCABULARIES)
    assert {name for name, info in Party.model_fields.items() if _is_code_field(info)} == {"role"}


def test_export_descriptor_is_a_valid_data_package(package: PackageSpec, vocabularies: Vocabularies) -> None:
    exported = package.export_descriptor(vocabularies)
    report = frictionless.Package.validate_descriptor(exported)
    assert report.valid, [e.message for e in report.errors]
    organizations = next(r for r in exported["resources"] if r["name"] == "organizations")
    sector = next(f for f in organizations["schema"]["fields"] if f["name"] == "sector")
    assert sector["constraints"]["enum"] == list(vocabularies["sector"].codes)


def test_export_descriptor_validates_the_base_content_with_frictionless_alone(
    package: PackageSpec, vocabularies: Vocabularies
) -> None:
    exported = frictionless.Package(package.export_descriptor(vocabularies), basepath=str(REPO / "tests" / "fixtures" / "base"))
    report = exported.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
