"""Validate the CSV tables against their Table Schemas, in one frictionless pass per file.

frictionless owns cell typing (one converter of raw strings); a ``RowRules`` check rides along in
the same pass to apply the rules Table Schema cannot say (vocabulary codes, stray spaces, strict
ISO dates, unique ids) and to keep each typed row with its physical line.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import frictionless
from frictionless import Check

from literacy_directory.core.codes import SUPERSEDING_SCHEMA
from literacy_directory.core.diagnostics import Diagnostic, error
from literacy_directory.core.suggest import did_you_mean, listing, shown
from literacy_directory.load.csvfile import CsvInspection
from literacy_directory.load.table import Row, Table
from literacy_directory.schema.datapackage import FieldSpec, TableSpec
from literacy_directory.schema.vocabularies import Vocabularies, Vocabulary
from literacy_directory.validate import messages

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A list cell needs a closer look when an item is empty or has spaces around a ";".
LIST_PROBLEM = re.compile(r"(?:^|;)\s*(?:;|$)|\s;|;\s")
ROW_SHAPE_ERRORS = ("missing-cell", "extra-cell")
REMEMBERED_LISTS = 10_000  # per column: list cells already found plainly right


def _has_stray_spaces(cells: list[Any]) -> bool:
    """Whether a cell starts or ends with spaces (or holds something other than text): one
    C-level pass over the row, as nearly every row has none."""
    try:
        return list(map(str.strip, cells)) != cells
    except TypeError:
        return True


class RowRules(Check):  # type: ignore[misc]
    """Rules beyond Table Schema, applied to each row during frictionless' own pass."""

    def __init__(self, table: Table, inspection: CsvInspection, vocabularies: Vocabularies):
        super().__init__()
        self.table = table
        self.inspection = inspection
        self.record_lines = inspection.record_lines
        self.vocabularies = vocabularies
        self.found: list[Diagnostic] = []
        self.first_line_of_id: dict[str, int] = {}
        # Worked out once per table, not once per cell: each column's position and vocabulary, and
        # the columns whose cells need more than a check for stray spaces.
        self.columns: dict[str, tuple[FieldSpec, int, Vocabulary | None]] = {}
        self.list_columns: list[tuple[str, frozenset[str] | None]] = []
        self.code_columns: list[tuple[str, frozenset[str]]] = []
        self.date_columns: list[str] = []
        self.plainly_right: dict[str, set[str]] = {}
        self._plan: tuple[list[str], tuple[list[Any], list[Any], list[Any]]] | None = None
        for spec in table.spec.fields:
            vocabulary = vocabularies.get(spec.vocabulary) if spec.vocabulary else None
            codes = frozenset(c for c in vocabulary.codes if c == c.strip()) if vocabulary is not None else None
            self.columns[spec.name] = (spec, table.column_of(spec.name), vocabulary)
            if spec.is_list:
                self.list_columns.append((spec.name, codes))
                self.plainly_right[spec.name] = set()
            elif spec.type == "date":
                self.date_columns.append(spec.name)
            elif codes is not None:
                self.code_columns.append((spec.name, codes if spec.type == "string" else frozenset()))

    def validate_row(self, row: frictionless.Row):  # type: ignore[no-untyped-def]
        cells = row.cells
        if row.blank_cells and len(row.blank_cells) == len(row.field_names) and not any((c or "").strip() for c in cells):
            return iter(())
        line = self.record_lines.get(row.row_number, row.row_number)  # inspection.line_of, without a call
        # Reading blank_cells made frictionless type every cell into the row (a dict); copying that
        # dict is one C call, where to_dict() goes through the row's __getitem__ once per field.
        names = row.field_names
        values = dict.copy(row) if dict.__len__(row) == len(names) else row.to_dict()
        complete = not any(e.type in ROW_SHAPE_ERRORS for e in row.errors)
        if complete:
            flagged = self._cells_to_check(names, cells)
            if flagged:
                raw = dict(zip(names, cells, strict=False))
                for name in flagged:
                    spec, column, vocabulary = self.columns[name]
                    self._check_cell(spec, column, vocabulary, raw[name], values, line)
        self._check_unique_id(values.get("id"), line)
        self.table.rows.append(Row(line, values, complete))
        return iter(())

    def _cells_to_check(self, field_names: list[str], cells: list[Any]) -> list[str]:
        """The columns whose cell ``_check_cell`` could find a problem in or change: cells with
        stray spaces, and lists, dates and codes that are not plainly right. Usually none, and
        found without a call per cell. ``cells`` line up with ``field_names`` (complete rows)."""
        if self._plan is None or self._plan[0] != field_names:  # the same names every row (a new list each time)
            self._plan = (field_names, self._positions(field_names))
        lists, dates, codes_at = self._plan[1]
        names: list[str] = []
        if _has_stray_spaces(cells):
            names = [n for n, c in zip(field_names, cells, strict=False) if c and isinstance(c, str) and c != c.strip()]
        for name, at, codes, plainly_right in lists:
            cell = cells[at]
            if not cell or cell in plainly_right or not isinstance(cell, str):
                continue
            items = cell.split(";")
            if codes is not None:
                # Codes hold no spaces, so an item with spaces around it is not a code either.
                suspect = "" in items or not codes.issuperset(items)
            else:
                suspect = "" in items or (len(cell.split(None, 1)) > 1 and LIST_PROBLEM.search(cell) is not None)
            if suspect:
                names.append(name)
            elif len(plainly_right) < REMEMBERED_LISTS:
                plainly_right.add(cell)  # the same few combinations of codes come back row after row
        for name, at in dates:
            cell = cells[at]
            if cell and isinstance(cell, str) and not ISO_DATE.match(cell):
                names.append(name)
        for name, at, codes in codes_at:
            cell = cells[at]
            if cell and isinstance(cell, str) and cell not in codes:
                names.append(name)
        return [n for n in dict.fromkeys(names) if n in self.columns]

    def _positions(self, field_names: list[str]) -> tuple[list[Any], list[Any], list[Any]]:
        """The columns that need a closer look, with their positions in the rows."""
        at = {name: i for i, name in enumerate(field_names)}
        lists = [(n, at[n], codes, self.plainly_right[n]) for n, codes in self.list_columns if n in at]
        dates = [(n, at[n]) for n in self.date_columns if n in at]
        codes_at = [(n, at[n], codes) for n, codes in self.code_columns if n in at]
        return lists, dates, codes_at

    def _check_cell(
        self, spec: FieldSpec, column: int, vocabulary: Vocabulary | None, cell: str, values: dict[str, Any], line: int
    ) -> None:
        if cell != cell.strip():
            self._spaces(spec, cell, line, column)
            if not cell.strip():
                values[spec.name] = None
                return
            if spec.type == "string":
                values[spec.name] = cell.strip()
        if spec.type == "date" and not ISO_DATE.match(cell.strip()):
            self.found.append(
                error(self.table.path, line, column, "date", messages.bad_date(spec.name, cell), messages.DATE_HINT)
            )
            values[spec.name] = None
        if spec.is_list:
            self._check_list_items(spec, cell, line, column)
            if values.get(spec.name):
                values[spec.name] = [item.strip() for item in values[spec.name] if item.strip()]
        if vocabulary is not None and values.get(spec.name) is not None:
            self._check_codes(spec, vocabulary, values[spec.name], line, column)

    def _spaces(self, spec: FieldSpec, cell: str, line: int, column: int) -> None:
        if not cell.strip():
            code, text = "blank-cell", f'the cell in column "{spec.name}" holds only spaces'
            hint = "Delete the spaces so the cell is really empty, or fill it in."
            if spec.required:
                code, text = "required", f'column "{spec.name}" is required but the cell holds only spaces'
                hint = "Fill in the cell."
        else:
            code, text = "whitespace", f'"{shown(cell)}" in column "{spec.name}" has spaces before or after it'
            hint = f'Remove the extra spaces: write "{shown(cell.strip())}".'
        self.found.append(error(self.table.path, line, column, code, text, hint))

    def _check_list_items(self, spec: FieldSpec, cell: str, line: int, column: int) -> None:
        items = cell.split(";")
        if any(not item.strip() for item in items):
            self.found.append(
                error(
                    self.table.path,
                    line,
                    column,
                    "list-syntax",
                    f'"{shown(cell)}" in column "{spec.name}" has an empty value between semicolons',
                    'Separate values with single semicolons, like "employment;apprenticeship".',
                )
            )
        elif any(item != item.strip() for item in items) and cell == cell.strip():
            self.found.append(
                error(
                    self.table.path,
                    line,
                    column,
                    "whitespace",
                    f'"{shown(cell)}" in column "{spec.name}" has spaces around a semicolon',
                    f'Write "{";".join(i.strip() for i in items)}".',
                )
            )

    def _check_codes(self, spec: FieldSpec, vocabulary: Vocabulary, value: Any, line: int, column: int) -> None:
        assert spec.vocabulary is not None
        codes = value if isinstance(value, list) else [value]
        for item in codes:
            code = str(item).strip()
            if code and code not in vocabulary:
                hint = did_you_mean(code, vocabulary.codes)
                self.found.append(
                    error(
                        self.table.path,
                        line,
                        column,
                        "enum",
                        f'"{code}" is not a {spec.vocabulary.replace("_", " ")} code in column "{spec.name}"; use one of: {listing(vocabulary.codes)}',
                        hint[:1].upper() + hint[1:] if hint else "Codes are lowercase, as listed in schemas/vocabularies.csv.",
                    )
                )

    def _check_unique_id(self, value: Any, line: int) -> None:
        if not isinstance(value, str) or not value:
            return
        first = self.first_line_of_id.setdefault(value, line)
        if first != line:
            self.found.append(
                error(
                    self.table.path,
                    line,
                    self.table.column_of("id"),
                    "duplicate-id",
                    f'id "{value}" is already used on line {first}',
                    "Every row needs its own id: change one of them.",
                )
            )


def validate_table(
    spec: TableSpec, inspection: CsvInspection, vocabularies: Vocabularies, basepath: str
) -> tuple[Table, list[Diagnostic]]:
    table = Table(spec, spec.path, readable=inspection.readable)
    found = list(inspection.diagnostics)
    if not inspection.readable:
        return table, found
    header = _header(inspection.text or "")
    table.header_positions = {name.strip(): i for i, name in enumerate(header, start=1)}
    table.truncated = any(d.code == "unclosed-quote" for d in found)
    duplicates = _duplicate_columns(table, header)
    if duplicates:
        table.readable = False
        return table, found + duplicates
    rules = RowRules(table, inspection, vocabularies)
    resource = frictionless.Resource(spec.validation_descriptor(), basepath=basepath)
    report = resource.validate(checklist=frictionless.Checklist(checks=[rules]), limit_errors=100_000)
    errors = [e for task in report.tasks for e in task.errors] + list(report.errors)
    schema_found = _translate(spec, inspection, table, errors)
    # A cell with stray spaces also fails its pattern, a date not written YYYY-MM-DD its type: our
    # own finding says it better (``Code.supersedes_schema``).
    superseded = {(d.line, d.column) for d in rules.found if d.code in SUPERSEDING_SCHEMA}
    found.extend(d for d in schema_found if (d.line, d.column) not in superseded)
    found.extend(rules.found)
    return table, found


def _header(text: str) -> list[str]:
    text = text.lstrip("\ufeff")
    end = text.find("\n")
    # Parse the first line only (not a copy of the whole file), unless a quote may continue it.
    first = text if end < 0 or '"' in text[:end] else text[: end + 1]
    return next(csv.reader(io.StringIO(first, newline="")), [])


def _duplicate_columns(table: Table, header: list[str]) -> list[Diagnostic]:
    """frictionless cannot match columns by name when one appears twice: say which, and where."""
    found, seen = [], set()
    for column, name in enumerate(header, start=1):
        label = name.strip()
        if label and label in seen:
            found.append(
                error(
                    table.path,
                    1,
                    column,
                    "duplicate-column",
                    f'column "{label}" appears twice in the header',
                    "Delete one of the two columns (keep the one with the right values).",
                )
            )
        seen.add(label)
    return found


def _translate(spec: TableSpec, inspection: CsvInspection, table: Table, errors: list[Any]) -> list[Diagnostic]:
    """frictionless errors as diagnostics. A record with more or fewer cells than the header gets
    one error (its other cells are shifted, so their errors would mislead), and none at all when
    an unclosed quote, already reported on its line, is the cause."""
    labels = _header_problem_labels(errors)
    located = [(d, inspection.line_of(d["rowNumber"]) if "rowNumber" in d else 1) for d in (e.to_dict() for e in errors)]
    shape_lines = {line for d, line in located if d.get("type") in ROW_SHAPE_ERRORS}
    skip_lines = {d.line for d in inspection.diagnostics if d.code == "unclosed-quote"}
    found: list[Diagnostic] = []
    for d, line in located:
        is_shape = d.get("type") in ROW_SHAPE_ERRORS
        if line in skip_lines or (line in shape_lines and not is_shape):
            continue
        if is_shape:
            skip_lines.add(line)
        diagnostic = messages.from_frictionless(spec, table, d, line, labels)
        if diagnostic is not None:
            found.append(diagnostic)
    return found


def _header_problem_labels(errors: list[Any]) -> dict[str, list[str]]:
    missing = [e.to_dict().get("fieldName", "") for e in errors if e.type == "missing-label"]
    extra = [e.to_dict().get("label", "") for e in errors if e.type == "extra-label"]
    return {"missing": missing, "extra": extra}
