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
from collections.abc import Callable, Iterator
from typing import Any

from literacy_directory.core.diagnostics import Diagnostic, error
from literacy_directory.core.sitepaths import RECORD_FOLDERS, RESERVED_COMMUNITY_IDS, RESERVED_IDS
from literacy_directory.load.table import Row, Table
from literacy_directory.load.textsafety import FORMULA_HINT, INVISIBLE, control_characters, starts_like_formula
from literacy_directory.schema.datapackage import FieldSpec

CELL_LIMIT = 20_000  # characters in one cell (a long program description is about 2,000)
ID_LIMIT = 100  # characters in an id: it becomes a file name and part of an address

# Anything that could make a cell fail a check below: a control, bidi or zero-width character, or
# a cell (after a comma or at a line start, maybe quoted) starting with a formula sign.
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_FORMULA_VALUE = re.compile("\x1f[-=+@]")  # a value starting with a sign, in values joined by \x1f
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
    ``multiline``: some record may span lines (a cell may hold a line break).

    Each text column is tested whole, in C (its values joined and searched, the longest measured
    only when a cell can be that long), and only a column that may hold a problem is looked at
    cell by cell: 0.30 s instead of 0.55 s of CPU for 20,000 programs (a loaded machine; a regex
    for formula signs over the whole file alone took 0.33 s)."""
    found = list(_id_problems(table))
    invisible = _INVISIBLE.search(text) is not None
    long = multiline or _longest_line(text) > CELL_LIMIT
    rows = table.complete_rows
    dicts = [r.values for r in rows]
    for spec in (f for f in table.spec.fields if is_free_text(f)):
        values = list(filter(None, map(_getter(spec.name), dicts)))  # text columns hold str or None
        joined = "\x1f" + "\x1f".join(values)
        if (
            _FORMULA_VALUE.search(joined) is not None
            or (long and max(map(len, values), default=0) > CELL_LIMIT)
            or (invisible and _INVISIBLE.search(joined) is not None)
            or (is_name(spec) and any(c in joined for c in "\t\n\r"))
        ):
            found.extend(_column_problems(table, spec, rows))
    return found


def _longest_line(text: str) -> int:
    """The length of the longest line (a loop over line ends: 4 ms on 20 MB, no copy)."""
    longest = start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        longest = max(longest, end - start)
        start = end + 1
    return longest


def _getter(name: str) -> Callable[[dict[str, Any]], Any]:
    return lambda values: values.get(name)


def _column_problems(table: Table, spec: FieldSpec, rows: list[Row]) -> Iterator[Diagnostic]:
    for row in rows:
        value = row.values.get(spec.name)
        if isinstance(value, str) and value:
            yield from _text_problems(table, spec, value, row.line)


def _id_problems(table: Table) -> Iterator[Diagnostic]:
    column = table.column_of("id")
    for row in table.rows:
        value = row["id"]
        communities = table.spec.name == "communities"
        reserved = RESERVED_COMMUNITY_IDS if communities else RESERVED_IDS
        if isinstance(value, str) and (len(value) > ID_LIMIT or value in reserved):
            kind = "community" if communities else table.spec.name.rstrip("s")
            has_page = communities or table.spec.name in RECORD_FOLDERS
            yield from id_problems(table.path, row.line, column, value, kind, has_page, reserved)


def id_problems(
    path: str, line: int, column: int, value: str, kind: str, has_page: bool = True, reserved: frozenset[str] = RESERVED_IDS
) -> Iterator[Diagnostic]:
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
    if has_page and value in reserved:
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
