"""``literacy-directory export-workbook``: one network's listings as a spreadsheet made for editing.

The workbook has a sheet per table (organizations, sites, programs) holding only that network's
rows, with the columns in the schema's order (so English and French sit side by side), a note on
every column name (the schema's description), drop-down lists for codes and ids, dates as real
dates, and the ids of existing listings locked (only the id column is protected). A first sheet
explains how to use it in English and French; a hidden sheet holds the lists. ``workbookimport``
reads it back.

The bytes are deterministic (fixed zip dates and document dates), so the site's copy changes only
when the content does.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from literacy_directory.core.project import Project
from literacy_directory.schema.datapackage import FieldSpec, PackageSpec, TableSpec, parse_package
from literacy_directory.schema.vocabularies import Vocabularies, parse_vocabularies

TABLES = ("organizations", "sites", "programs")
ABOUT, LISTS = "about", "lists"
NETWORK_CELL = "B3"  # on the about sheet: the network the workbook belongs to
EXTRA_ROWS = 200  # empty rows below the listings, ready (unlocked, with drop-downs) for new ones
FIXED_DATE = dt.datetime(2000, 1, 1)
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
INTEGER = re.compile(r"^-?\d+$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
SEVERAL = (
    "Several values: pick one from the list, then type ; and the next, with no spaces (like a;b). "
    "Plusieurs valeurs : choisissez-en une dans la liste, puis tapez ; et la suivante, sans espace (comme a;b)."
)
ABOUT_LINES = (
    ("Network / Réseau", ""),
    ("", ""),
    (
        "How to use this workbook",
        "Change the cells, add new listings in the empty rows, then save (keep the .xlsx format) and send the file "
        "to your directory maintainer, or run: literacy-directory import-workbook FILE.xlsx",
    ),
    ("", "Each column name has a note: point at it (or select it) to read what goes in the column."),
    ("", "Cells with a list: choose a code from the arrow. For several codes, type them separated by ; with no spaces."),
    ("", "Dates are real dates: type them as 2026-11-28. The ids of existing listings are locked: they are in web addresses."),
    ("", "To remove a listing, or to change an id, ask the maintainers."),
    (
        "Mode d'emploi",
        "Modifiez les cellules, ajoutez des fiches dans les lignes vides, puis enregistrez (gardez le format .xlsx) et "
        "envoyez le fichier au responsable du répertoire, ou lancez : literacy-directory import-workbook FICHIER.xlsx",
    ),
    ("", "Chaque nom de colonne a une note : pointez-le (ou sélectionnez-le) pour lire ce que la colonne contient."),
    ("", "Cellules avec une liste : choisissez un code avec la flèche. Pour plusieurs codes, séparez-les par ; sans espace."),
    ("", "Les dates sont de vraies dates : tapez-les 2026-11-28. Les identifiants des fiches existantes sont verrouillés."),
    ("", "Pour retirer une fiche ou changer un identifiant, écrivez aux responsables."),
)


class WorkbookError(Exception):
    """A plain-language reason why a workbook cannot be made or read."""


@dataclass
class Sources:
    """What a workbook is made from: the schemas, the vocabularies and the tables as written."""

    package: PackageSpec
    vocabularies: Vocabularies
    tables: dict[str, tuple[list[str], list[dict[str, str]]]]

    @classmethod
    def read(cls, project: Project) -> Sources:
        package = parse_package(project.package_path.read_text(encoding="utf-8"))
        vocabularies, _ = parse_vocabularies("vocabularies.csv", project.vocabularies_path.read_text(encoding="utf-8-sig"))
        tables = {t.name: read_table(project.root / t.path) for t in package.tables}
        return cls(package, vocabularies, tables)

    def network_ids(self) -> list[str]:
        return [row.get("id", "") for row in self.tables.get("networks", ([], []))[1]]

    def rows_of(self, table: str, network_id: str, organization_ids: set[str]) -> list[dict[str, str]]:
        return [row for row in self.tables[table][1] if belongs(table, row, network_id, organization_ids)]

    def organization_ids(self, network_id: str) -> set[str]:
        return {row["id"] for row in self.tables["organizations"][1] if row.get("network_id") == network_id}


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """(header, rows) of a CSV file as written (empty when it is missing)."""
    if not path.is_file():
        return [], []
    reader = csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""))
    return [h.strip() for h in reader.fieldnames or []], [{(k or "").strip(): v or "" for k, v in r.items()} for r in reader]


def belongs(table: str, row: dict[str, str], network_id: str, organization_ids: set[str]) -> bool:
    if table == "organizations":
        return row.get("network_id") == network_id
    return row.get("organization_id", "") in organization_ids


# --- export ---------------------------------------------------------------------------------------


def export_workbook(project: Project, network_id: str) -> bytes:
    sources = Sources.read(project)
    if network_id not in sources.network_ids():
        known = ", ".join(sources.network_ids())
        raise WorkbookError(f'there is no network "{network_id}" in content/networks.csv (the networks are: {known})')
    workbook = Workbook()
    about = workbook.active
    assert about is not None
    _about_sheet(about, network_id)
    lists = _Lists(workbook.create_sheet(LISTS), sources, network_id)
    organization_ids = sources.organization_ids(network_id)
    for name in TABLES:
        spec = sources.package.table(name)
        rows = sources.rows_of(name, network_id, organization_ids)
        _table_sheet(workbook.create_sheet(name), spec, rows, lists)
    lists.sheet.sheet_state = "hidden"
    workbook.properties.created = workbook.properties.modified = FIXED_DATE
    workbook.properties.creator = "literacy-directory"
    workbook.properties.subject = network_id
    out = io.BytesIO()
    workbook.save(out)
    return deterministic_zip(out.getvalue())


def deterministic_zip(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01 and a fixed "modified" date in the document
    properties (openpyxl writes the time of saving), so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = MODIFIED.sub(rb"\g<1>" + FIXED_DATE.isoformat().encode() + rb"Z\g<2>", content)
            target.writestr(entry, content)
    return out.getvalue()


def _about_sheet(sheet: Worksheet, network_id: str) -> None:
    sheet.title = ABOUT
    sheet["A1"] = "Literacy directory workbook / Classeur du répertoire d'alphabétisation"
    sheet["A1"].font = Font(bold=True, size=14)
    for offset, (label, text) in enumerate(ABOUT_LINES, start=3):
        sheet.cell(offset, 1, label or None).font = Font(bold=True)
        sheet.cell(offset, 2, text or None).alignment = Alignment(wrap_text=True, vertical="top")
    sheet[NETWORK_CELL] = network_id
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 110
    sheet.protection.sheet = True


class _Lists:
    """The hidden sheet of drop-down lists: one column per vocabulary and per kind of id."""

    def __init__(self, sheet: Worksheet, sources: Sources, network_id: str):
        self.sheet = sheet
        self.ranges: dict[str, str] = {}
        for name, vocabulary in sorted(sources.vocabularies.items()):
            self._add(name, list(vocabulary.codes))
        self._add("network_id", [network_id])
        self._add("communities", [row["id"] for row in sources.tables["communities"][1]])

    def _add(self, key: str, values: list[str]) -> None:
        column = len(self.ranges) + 1
        self.sheet.cell(1, column, key)
        for row, value in enumerate(values, start=2):
            self.sheet.cell(row, column, value)
        letter = get_column_letter(column)
        self.ranges[key] = f"{quote_sheetname(LISTS)}!${letter}$2:${letter}${max(2, len(values) + 1)}"


def _table_sheet(sheet: Worksheet, spec: TableSpec, rows: list[dict[str, str]], lists: _Lists) -> None:
    names = list(spec.field_names)
    sheet.append(names)
    for row in rows:
        sheet.append([cell_value(spec.field(n), row.get(n, "")) for n in names])
    last = len(rows) + 1 + EXTRA_ROWS
    for column, name in enumerate(names, start=1):
        field = spec.field(name)
        assert field is not None
        _format_column(sheet, column, field, len(rows), last)
        _validate_column(sheet, column, field, lists, last)
    sheet.freeze_panes = "B2"
    sheet.protection.sheet = True
    for option in ("formatCells", "formatColumns", "formatRows", "insertRows", "sort", "autoFilter"):
        setattr(sheet.protection, option, False)


def cell_value(field: FieldSpec | None, value: str) -> Any:
    """A CSV value as a typed cell: dates as dates, numbers as numbers, the rest as text."""
    kind = field.type if field is not None else "string"
    if not value:
        return None
    if kind == "date":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if kind == "integer" and INTEGER.match(value):
        return int(value)
    if kind == "number" and NUMBER.match(value):
        return float(value)
    return value


def _format_column(sheet: Worksheet, column: int, field: FieldSpec, count: int, last: int) -> None:
    letter = get_column_letter(column)
    header = sheet.cell(1, column)
    header.font = Font(bold=True)
    note = field.description + ("\n\n" + SEVERAL if field.is_list else "")
    header.comment = Comment(note, "literacy-directory", width=320, height=160)
    width = 14 if field.type in ("date", "number", "integer", "boolean") else 24 if field.name.endswith("_id") else 36
    sheet.column_dimensions[letter].width = width
    number_format = "yyyy-mm-dd" if field.type == "date" else "General" if field.type in ("number", "integer") else "@"
    wrap = Alignment(wrap_text=field.type == "string" and width == 36, vertical="top")
    for row in range(2, last + 1):
        cell = sheet.cell(row, column)
        cell.number_format = number_format
        cell.alignment = wrap
        # Only the ids of existing listings stay locked: new rows need an id, and every other cell is editable.
        cell.protection = Protection(locked=field.name == "id" and row <= count + 1)


def _validate_column(sheet: Worksheet, column: int, field: FieldSpec, lists: _Lists, last: int) -> None:
    source = _list_source(field, lists)
    if source is None and field.type != "date":
        return
    if source is None:
        check = DataValidation(type="date", operator="greaterThan", formula1="DATE(1900,1,1)", allow_blank=True)
        check.error = "Type a date, like 2026-11-28. / Tapez une date, comme 2026-11-28."
    else:
        check = DataValidation(type="list", formula1=source, allow_blank=True)
        check.error = "Choose a value from the list. / Choisissez une valeur dans la liste."
        # A list column may hold several codes (a;b): the drop-down helps, the checker judges.
        check.showErrorMessage = not field.is_list
        if field.is_list:
            check.prompt, check.promptTitle = SEVERAL, "a;b"
            check.showInputMessage = True
    check.errorTitle = field.name
    letter = get_column_letter(column)
    check.add(f"{letter}2:{letter}{last}")
    sheet.add_data_validation(check)


def _list_source(field: FieldSpec, lists: _Lists) -> str | None:
    if field.type == "boolean":
        return '"true,false"'
    if field.vocabulary:
        return lists.ranges.get(field.vocabulary)
    target = field.references or {"organization_id": "organizations", "site_id": "sites", "community_id": "communities"}.get(
        field.name
    )
    if field.name == "network_id":
        return lists.ranges["network_id"]
    if target == "communities":
        return lists.ranges["communities"]
    if target in ("organizations", "sites"):
        return f"{quote_sheetname(target)}!$A$2:$A$10000"
    return None
