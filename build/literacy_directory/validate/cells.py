"""Checks on the cells of a table (directory and plan tables alike) that keep what is published safe
and buildable, beyond its Table Schema:

- free text starting like a formula (``=HYPERLINK(...)``), which a spreadsheet opening the
  published CSV would run;
- invisible control characters in any text, and bidirectional or zero-width characters in names;
- cells longer than ``CELL_LIMIT`` characters, ids longer than ``ID_LIMIT`` (they become file
  names) and ids the site keeps for its own pages (``index``).

The whole file is searched once for anything suspect (one regex pass in C); only then are the
cells looked at one by one, so clean tables of any size cost next to nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from literacy_directory.core.diagnostics import Diagnostic, error
from literacy_directory.core.sitepaths import RECORD_FOLDERS, RESERVED_IDS
from literacy_directory.load.table import Table
from literacy_directory.load.textsafety import FORMULA_HINT, INVISIBLE, control_characters, starts_like_formula
from literacy_directory.schema.datapackage import FieldSpec

CELL_LIMIT = 20_000  # characters in one cell (a long program description is about 2,000)
ID_LIMIT = 100  # characters in an id: it becomes a file name and part of an address

# Anything that could make a cell fail a check below: a control, bidi or zero-width character, or
# a cell (after a comma or at a line start, maybe quoted) starting with a formula sign.
_SUSPECT = re.compile(f'[{INVISIBLE}]|(?:^|,)"?[-=+@]', re.MULTILINE)
NAME_PREFIXES = ("name_", "short_name", "term_", "title_", "label_")


def is_free_text(spec: FieldSpec) -> bool:
    """Text a person writes (names, descriptions, notes), not a code, id, date, number, phone
    number, postal code, email or address on the web (those have a type, a pattern or a vocabulary)."""
    raw_format = spec.type == "string" and spec.pattern is None and spec.vocabulary is None
    return raw_format and spec.references is None and not spec.name.endswith("_id") and spec.name != "id"


def is_name(spec: FieldSpec) -> bool:
    return spec.name.startswith(NAME_PREFIXES)


def cell_problems(table: Table, text: str, multiline: bool) -> list[Diagnostic]:
    """Every problem above in ``table`` (already validated), whose file's text is ``text``;
    ``multiline``: some record may span lines (a cell may hold a line break)."""
    found = list(_id_problems(table))
    long_lines = len(text) > CELL_LIMIT and max(map(len, text.splitlines())) > CELL_LIMIT
    if _SUSPECT.search(text) is None and not long_lines and not multiline:
        return found
    free = [f for f in table.spec.fields if is_free_text(f)]
    for row in table.complete_rows:
        for spec in free:
            value = row[spec.name]
            if isinstance(value, str) and value:
                found.extend(_text_problems(table, spec, value, row.line))
    return found


def _id_problems(table: Table) -> Iterator[Diagnostic]:
    column = table.column_of("id")
    for row in table.rows:
        value = row["id"]
        if isinstance(value, str):
            kind = table.spec.name.rstrip("s")
            yield from id_problems(table.path, row.line, column, value, kind, has_page=table.spec.name in RECORD_FOLDERS)


def id_problems(path: str, line: int, column: int, value: str, kind: str, has_page: bool = True) -> Iterator[Diagnostic]:
    """An id (a record's, or a file name's for protocols and forms) too long for a file name, or,
    when the record has a page of its own (``has_page``), kept by the site for its own pages.
    ``kind`` names the thing, for the example."""
    if len(value) > ID_LIMIT:
        yield error(
            path,
            line,
            column,
            "id-too-long",
            f"the id is {len(value)} characters long; ids may be at most {ID_LIMIT}",
            "Shorten the id: it becomes part of the page's address and of a file name.",
        )
    if has_page and value in RESERVED_IDS:
        yield error(
            path,
            line,
            column,
            "reserved-id",
            f'"{value}" is kept for the site\'s own pages and cannot be an id',
            f'Choose another id, like "{kind}-{value}".',
        )


def _text_problems(table: Table, spec: FieldSpec, value: str, line: int) -> Iterator[Diagnostic]:
    column = table.column_of(spec.name)
    where = f'column "{spec.name}"'
    if len(value) > CELL_LIMIT:
        yield error(
            table.path,
            line,
            column,
            "cell-too-long",
            f"the cell in {where} holds {len(value):,} characters; a cell may hold at most {CELL_LIMIT:,}",
            "Shorten the text: long explanations belong on the organization's own website.",
        )
        return
    bad = control_characters(value, name=is_name(spec))
    if bad:
        yield error(
            table.path,
            line,
            column,
            "control-character",
            f"the text in {where} holds an invisible character ({bad})",
            "Retype the text (copying from a PDF or a web page can bring invisible characters along).",
        )
    if starts_like_formula(value):
        yield error(
            table.path,
            line,
            column,
            "formula",
            f'the text in {where} starts with "{value[0]}", so a spreadsheet would run it as a formula',
            FORMULA_HINT,
        )
