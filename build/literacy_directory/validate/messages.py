"""Plain-language wording for problems frictionless finds in a table.

Each frictionless error (a dict from ``Error.to_dict()``) becomes one ``Diagnostic`` whose message
names the bad value and the column, and whose hint says how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from literacy_directory.core.diagnostics import Diagnostic, error, warning
from literacy_directory.core.suggest import closest, listing, shown

if TYPE_CHECKING:
    from literacy_directory.load.table import Table
    from literacy_directory.schema.datapackage import TableSpec

DATE_HINT = "Write dates as YYYY-MM-DD, like 2026-04-01. In Excel, format the column as Text so it keeps that form."
SLUG_HINT = "Use lowercase letters, digits and single hyphens, like east-end-literacy (no spaces, capitals or accents)."
TYPE_WORDS = {
    "date": ("a date", DATE_HINT),
    "integer": ("a whole number", "Write digits only, like 3 (no spaces, letters or decimals)."),
    "number": ("a number", "Write a number with a dot for decimals, like 45.4215."),
    "boolean": ("true or false", 'Write "true" or "false".'),
}
LATITUDE_RANGE, LONGITUDE_RANGE = (41.6, 57.0), (-95.2, -74.3)


def bad_date(column: str, cell: str) -> str:
    return f'"{shown(cell)}" in column "{column}" is not a date written YYYY-MM-DD'


def from_frictionless(
    spec: TableSpec, table: Table, d: dict[str, Any], line: int, labels: dict[str, list[str]]
) -> Diagnostic | None:
    kind = d.get("type", "")
    handler = _HANDLERS.get(kind)
    if handler is not None:
        return handler(spec, table, d, line, labels)
    note = d.get("note") or d.get("message", "")
    return error(
        table.path,
        line,
        1,
        kind or "table",
        f"this file could not be checked: {note}",
        "Check that it is a plain CSV file saved as UTF-8.",
    )


def _column(table: Table, d: dict[str, Any]) -> int:
    name = d.get("fieldName", "")
    return table.header_positions.get(name, d.get("fieldNumber", 1))


def _type_error(spec: TableSpec, table: Table, d: dict[str, Any], line: int, _: Any) -> Diagnostic:
    name, cell = d.get("fieldName", ""), shown(d.get("cell", ""))
    note = d.get("note", "")
    column = _column(table, d)
    if "email" in note:
        return error(
            table.path,
            line,
            column,
            "email",
            f'"{cell}" in column "{name}" is not an email address',
            "Write it like intake@example.org, with no spaces or 'mailto:'.",
        )
    field_type = note.split('"')[1].split("/")[0] if '"' in note else ""
    words, hint = TYPE_WORDS.get(field_type, ("valid", "Check the value."))
    code = "date" if field_type == "date" else "type"
    if field_type == "date" and re.match(r"^\d{4}-\d{2}-\d{2}$", str(cell).strip()):
        return error(
            table.path,
            line,
            column,
            "date",
            f'"{cell}" in column "{name}" is not a real date',
            "Check the month (01-12) and the day of the month.",
        )
    return error(table.path, line, column, code, f'"{cell}" in column "{name}" is not {words}', hint)


def _constraint_error(spec: TableSpec, table: Table, d: dict[str, Any], line: int, _: Any) -> Diagnostic:
    name, cell = d.get("fieldName", ""), shown(d.get("cell", ""))
    note = d.get("note", "")
    constraint = note.split('"')[1] if '"' in note else ""
    column = _column(table, d)
    if constraint == "required":
        return error(
            table.path, line, column, "required", f'column "{name}" is required but the cell is empty', "Fill in the cell."
        )
    if constraint in ("minimum", "maximum") and name in ("latitude", "longitude"):
        return _coordinates(table, line, column, name, cell)
    if constraint == "pattern":
        return _pattern(table, line, column, name, cell)
    return error(table.path, line, column, constraint or "constraint", f'"{cell}" in column "{name}" is not allowed ({note})', "")


def _coordinates(table: Table, line: int, column: int, name: str, cell: str) -> Diagnostic:
    hint = "Ontario is between latitude 41.6 and 57.0 and longitude -95.2 and -74.3."
    try:
        value = float(cell)
    except ValueError:
        value = 0.0
    other = LONGITUDE_RANGE if name == "latitude" else LATITUDE_RANGE
    if other[0] <= value <= other[1]:
        hint = "This looks like the other coordinate: latitude and longitude seem swapped. " + hint
    elif name == "longitude" and LONGITUDE_RANGE[0] <= -value <= LONGITUDE_RANGE[1]:
        hint = "Longitudes in Ontario are negative: add the minus sign. " + hint
    return error(table.path, line, column, "coordinates", f"{name} {cell} is outside Ontario", hint)


# Columns whose pattern has its own wording: (does the column match, code, message, hint).
PATTERN_MESSAGES: tuple[tuple[Callable[[str], bool], str, str, str], ...] = (
    (lambda n: n == "id" or n.endswith("_id"), "slug", '"{cell}" in column "{name}" is not a valid id', SLUG_HINT),
    (
        lambda n: n == "postal_code",
        "postal-code",
        '"{cell}" is not a Canadian postal code',
        "Write it like K1A 0B1: letter, digit, letter, a space, digit, letter, digit, in capitals.",
    ),
    (
        lambda n: n == "phone" or n.endswith("_phone"),
        "phone",
        '"{cell}" in column "{name}" is not a phone number written like 613-555-0142',
        'Write the 10 digits as 613-555-0142 (add "1-" before a toll-free 800 number and " ext. 12" for an extension).',
    ),
    (
        lambda n: n == "website" or n.endswith("_url"),
        "url",
        '"{cell}" in column "{name}" is not a web address starting with https:// or http://',
        "Copy the full address from the browser, like https://example.org/programs. Other kinds of links are not allowed.",
    ),
)


def _pattern(table: Table, line: int, column: int, name: str, cell: str) -> Diagnostic:
    for matches, code, message, hint in PATTERN_MESSAGES:
        if matches(name):
            return error(table.path, line, column, code, message.format(cell=cell, name=name), hint)
    return error(
        table.path,
        line,
        column,
        "pattern",
        f'"{cell}" in column "{name}" is not in the expected form',
        "See the column's description in schemas/datapackage.json.",
    )


def _missing_label(spec: TableSpec, table: Table, d: dict[str, Any], line: int, labels: dict[str, list[str]]) -> Diagnostic:
    name = d.get("fieldName", "")
    typo = closest(name, labels["extra"])
    hint = f'The header has "{typo}": did you mean "{name}"?' if typo else f"Add a column named {name} to the header (row 1)."
    return error(table.path, 1, 1, "missing-column", f'column "{name}" is missing from the header', hint)


def _extra_label(spec: TableSpec, table: Table, d: dict[str, Any], line: int, labels: dict[str, list[str]]) -> Diagnostic:
    label = d.get("label", "")
    column = d.get("fieldNumber", 1)
    if not label.strip():
        return _blank_label(spec, table, d, line, labels)
    meant = closest(label, labels["missing"]) or closest(label, spec.field_names)
    hint = f'Did you mean "{meant}"?' if meant else f"The columns of this file are: {listing(spec.field_names, 40)}."
    return error(table.path, 1, column, "unknown-column", f'"{label}" is not a column of {spec.name}.csv', hint)


def _duplicate_label(spec: TableSpec, table: Table, d: dict[str, Any], line: int, _: Any) -> Diagnostic:
    label = d.get("label", "")
    return error(
        table.path,
        1,
        d.get("fieldNumber", 1),
        "duplicate-column",
        f'column "{label}" appears twice in the header',
        "Delete one of the two columns.",
    )


def _blank_label(spec: TableSpec, table: Table, d: dict[str, Any], line: int, _: Any) -> Diagnostic:
    return error(
        table.path,
        1,
        d.get("fieldNumber", 1),
        "blank-column",
        "a column in the header has no name",
        "Delete the empty column (Excel sometimes adds one after the last column).",
    )


def _blank_row(spec: TableSpec, table: Table, d: dict[str, Any], line: int, _: Any) -> Diagnostic:
    return warning(table.path, line, 1, "blank-row", "this row is empty and is ignored", "Delete the empty row.")


def _extra_cell(spec: TableSpec, table: Table, d: dict[str, Any], line: int, _: Any) -> Diagnostic:
    return error(
        table.path,
        line,
        d.get("fieldNumber", 1),
        "extra-cell",
        "this row has more cells than the header has columns",
        'A comma inside a text cell needs the whole cell in double quotes, like "Mon, Wed".',
    )


def _missing_cell(spec: TableSpec, table: Table, d: dict[str, Any], line: int, _: Any) -> Diagnostic:
    return error(
        table.path,
        line,
        d.get("fieldNumber", 1),
        "missing-cell",
        f'this row has fewer cells than the header (column "{d.get("fieldName", "")}" and after are missing)',
        "Every row needs a cell for every column, even an empty one.",
    )


_HANDLERS = {
    "type-error": _type_error,
    "constraint-error": _constraint_error,
    "missing-label": _missing_label,
    "extra-label": _extra_label,
    "duplicate-label": _duplicate_label,
    "blank-label": _blank_label,
    "blank-row": _blank_row,
    "extra-cell": _extra_cell,
    "missing-cell": _missing_cell,
}
