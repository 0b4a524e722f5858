"""The column reference: every column of every content table, described for the people who fill
them in, generated from ``schemas/datapackage.json`` and ``schemas/vocabularies.csv`` (the single
description of the columns; nothing here is written twice by hand).

``column_reference`` gives the reference as data (the site's "Columns of the content files" page
renders it in each language); ``as_markdown`` writes it as ``COLUMNS.md`` at the repository's root,
kept current by a test. After changing the schema or the vocabularies, run
``python -m literacy_directory.schema.columns``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from literacy_directory.core.project import Project
from literacy_directory.schema.datapackage import FieldSpec, TableSpec, parse_package
from literacy_directory.schema.published import write_generated
from literacy_directory.schema.vocabularies import Term, Vocabularies, parse_vocabularies

COLUMNS_FILE = "COLUMNS.md"
REGENERATE = "python -m literacy_directory.schema.columns"

KIND_WORDS = {
    "id": "id (lowercase letters, digits and hyphens)",
    "reference": "the id of a row of {table}",
    "references": "ids of rows of {table}, separated by ;",
    "code": "one code",
    "codes": "codes, separated by ;",
    "list": "a list, separated by ;",
    "date": "date, written YYYY-MM-DD",
    "integer": "whole number",
    "number": "number (a dot before decimals)",
    "boolean": "true or false",
    "email": "email address",
    "text": "text",
}
"""What a column holds, in English (the site's page takes its words from site_templates/i18n)."""

EXAMPLE_IN_DESCRIPTION = re.compile(r"(?:like|for example|e\.g\.|such as)\s+`([^`]+)`")
PHONE_IN_DESCRIPTION = re.compile(r"written like ([0-9][0-9-]+[0-9])")
EXAMPLE_BY_TYPE = {"date": "2026-11-28", "boolean": "true"}


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    kind: str  # a key of KIND_WORDS
    table: str  # for a reference: the file its ids come from ("organizations.csv"), else ""
    description: str
    example: str
    allowed: tuple[Term, ...]  # the codes a vocabulary column takes, with their labels
    minimum: str = ""
    maximum: str = ""

    def kind_words(self) -> str:
        return KIND_WORDS[self.kind].format(table=self.table)


@dataclass(frozen=True)
class TableColumns:
    path: str  # content/programs.csv
    title: str
    description: str
    columns: tuple[Column, ...]

    @property
    def anchor(self) -> str:
        """The id of the table's heading: GitHub's (``content/programs.csv`` → ``contentprogramscsv``)
        and the site's."""
        return re.sub(r"[^a-z0-9-]", "", self.path.lower())


def column_kind(spec: FieldSpec, raw: dict[str, Any], references: dict[str, str]) -> tuple[str, str]:
    """(kind, referenced file) of a column."""
    if spec.name == "id":
        return "id", ""
    if spec.name in references:
        return ("references" if spec.is_list else "reference"), f"{references[spec.name]}.csv"
    if spec.vocabulary:
        return ("codes" if spec.is_list else "code"), ""
    if spec.type == "string":
        return ("email" if raw.get("format") == "email" else "text"), ""
    return (spec.type if spec.type in KIND_WORDS else "text"), ""


def example_of(spec: FieldSpec, raw: dict[str, Any], allowed: tuple[Term, ...]) -> str:
    """The schema's own ``example`` when it has one; else one taken from the description, the
    vocabulary or the type; else none."""
    if raw.get("example") not in (None, ""):
        return str(raw["example"])
    for pattern in (EXAMPLE_IN_DESCRIPTION, PHONE_IN_DESCRIPTION):
        found = pattern.search(spec.description)
        if found:
            return found.group(1)
    if allowed:
        return ";".join(t.code for t in allowed[:2]) if spec.is_list else allowed[0].code
    return EXAMPLE_BY_TYPE.get(spec.type, "")


def column_of(spec: FieldSpec, raw: dict[str, Any], references: dict[str, str], vocabularies: Vocabularies) -> Column:
    """One column, from its parsed spec and its descriptor in the Table Schema (``raw``)."""
    kind, table = column_kind(spec, raw, references)
    bounds = raw.get("constraints", {})
    allowed = vocabularies[spec.vocabulary].terms if spec.vocabulary and spec.vocabulary in vocabularies else ()
    return Column(
        name=spec.name,
        required=spec.required,
        kind=kind,
        table=table,
        description=spec.description,
        example=example_of(spec, raw, allowed),
        allowed=allowed,
        minimum=str(bounds.get("minimum", "")),
        maximum=str(bounds.get("maximum", "")),
    )


def table_columns(table: TableSpec, vocabularies: Vocabularies) -> TableColumns:
    references = {column: target for column, target, _ in table.references()}
    raw = {f["name"]: f for f in table.descriptor["schema"]["fields"]}
    columns = tuple(column_of(spec, raw[spec.name], references, vocabularies) for spec in table.fields)
    return TableColumns(table.path, table.descriptor.get("title", table.name), table.descriptor.get("description", ""), columns)


def column_reference(project: Project) -> tuple[TableColumns, ...]:
    package = parse_package(project.package_path.read_text(encoding="utf-8"))
    vocabularies, _ = parse_vocabularies("schemas/vocabularies.csv", project.vocabularies_path.read_text(encoding="utf-8-sig"))
    return tuple(table_columns(table, vocabularies) for table in package.tables)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.replace("|", "\\|").split())


def _details(column: Column) -> str:
    parts = [column.description]
    if column.minimum or column.maximum:
        parts.append(f"From {column.minimum or '…'} to {column.maximum or '…'}.")
    if column.allowed:
        codes = ", ".join(f"`{t.code}` ({t.label_en}{' / ' + t.label_fr if t.label_fr else ''})" for t in column.allowed)
        parts.append(f"Allowed: {codes}.")
    return _cell(" ".join(p for p in parts if p))


def _table_markdown(table: TableColumns) -> list[str]:
    lines = [f"## {table.path}", "", f"{table.title}. {table.description}".strip(), ""]
    lines += ["| Column | Required | What it holds | What goes in it | Example |", "|---|---|---|---|---|"]
    for c in table.columns:
        example = f"`{_cell(c.example)}`" if c.example else ""
        lines.append(f"| `{c.name}` | {'yes' if c.required else 'no'} | {_cell(c.kind_words())} | {_details(c)} | {example} |")
    return [*lines, ""]


def as_markdown(tables: tuple[TableColumns, ...]) -> str:
    lines = [
        "# The columns of the content files",
        "",
        f"<!-- Generated from schemas/datapackage.json and schemas/vocabularies.csv by `{REGENERATE}`: "
        "edit those files, not this one. -->",
        "",
        "Every column of every table in `content/`: whether it must be filled in, what it holds, the codes it "
        "allows (with their English / French labels) and an example. The website's page for networks shows the "
        "same list. See [CONTRIBUTING.md](CONTRIBUTING.md) for how to change a file.",
        "",
        *(f"- [{t.path}](#{t.anchor})" for t in tables),
        "",
    ]
    for table in tables:
        lines += _table_markdown(table)
    return "\n".join(lines).rstrip("\n") + "\n"


def expected_text(project: Project) -> str:
    return as_markdown(column_reference(project))


def main(argv: list[str] | None = None) -> int:
    """Write ``COLUMNS.md``."""
    return write_generated(argv, COLUMNS_FILE, expected_text)


if __name__ == "__main__":
    raise SystemExit(main())
