"""The one canonical form of a content file, and what it takes to get there.

A spreadsheet that opens and saves a CSV file changes how it is written, not what it says: it adds
a byte order mark, Windows line endings, quotes around every cell, writes ``TRUE`` for ``true``,
``9/14/2026`` or a day number for a date, drops the trailing zeros of a number, or (opened by a
double click, read as Windows-1252) turns every ``é`` into ``Ã©``. ``canonical_csv`` undoes exactly
these and nothing else, so a round trip through a spreadsheet followed by ``fix`` gives back the
original bytes.

Canonical form: UTF-8 without BOM, LF line endings (also inside cells), quotes only where needed
(Python's ``csv`` minimal quoting), columns in the schema's order, booleans ``true``/``false``,
dates ``YYYY-MM-DD``, numbers without trailing zeros, no completely blank rows, no mojibake.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from literacy_directory.load import mojibake
from literacy_directory.load.csvfile import inspect_csv
from literacy_directory.schema.datapackage import FieldSpec, TableSpec

BOM = "\ufeff"
# What a file must not have for fix to touch it: fix never guesses where a quote or a column goes.
UNFIXABLE = ("encoding", "empty-file", "header", "delimiter", "unclosed-quote", "bare-quote", "csv-syntax")
TRUE_WORDS = frozenset({"true", "yes", "oui", "vrai", "1"})
FALSE_WORDS = frozenset({"false", "no", "non", "faux", "0"})
NUMBER_WITH_ZEROS = re.compile(r"^[+-]?\d+\.\d*?0+$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEAR_FIRST = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
YEAR_LAST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
MIDNIGHT = re.compile(r"(?:[ T]0?0:00(?::00(?:\.0+)?)?)$")
EXCEL_SERIAL = re.compile(r"^\d{5}$")  # day numbers 10000-99999: 1927 to 2173
EXCEL_EPOCH = dt.date(1899, 12, 30)
NAMED_MONTH_FORMATS = ("%d-%b-%Y", "%d %b %Y", "%b %d, %Y", "%B %d, %Y", "%d %B %Y")


@dataclass(frozen=True)
class CellChange:
    """One cell fix changes: where it is in the file as it was, and why."""

    line: int
    column: int
    name: str
    old: str
    new: str
    reason: str


@dataclass
class FileFix:
    """What fix does to one file: ``fixed`` is None when it cannot touch it (``refused`` says why)."""

    path: str
    original: bytes
    fixed: bytes | None = None
    cells: list[CellChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    refused: str = ""

    @property
    def changed(self) -> bool:
        return self.fixed is not None and self.fixed != self.original


# --- cells --------------------------------------------------------------------------------------


def canonical_boolean(value: str) -> str | None:
    word = value.strip().lower()
    return "true" if word in TRUE_WORDS else "false" if word in FALSE_WORDS else None


def canonical_number(value: str) -> str | None:
    if not NUMBER_WITH_ZEROS.match(value):
        return None
    return value.rstrip("0").rstrip(".")


def canonical_date(value: str, order: str | None = None) -> str | None:
    """ISO form of a date a spreadsheet wrote in its own way, or None when it cannot be sure. An
    ambiguous 3/4/2026 is read month first (``order="md"``) or day first (``"dm"``) only when the
    file's other dates show which; otherwise it stays as it is, and stays an error."""
    text = MIDNIGHT.sub("", value.strip())
    if ISO_DATE.match(text):
        return text
    if EXCEL_SERIAL.match(text):
        return (EXCEL_EPOCH + dt.timedelta(days=int(text))).isoformat()
    if match := YEAR_FIRST.match(text):
        return _iso(int(match[1]), int(match[2]), int(match[3]))
    if match := YEAR_LAST.match(text):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if first == second or second > 12 or (order == "md" and first <= 12):
            return _iso(year, first, second)
        return _iso(year, second, first) if first > 12 or order == "dm" else None
    return _named_month(text)


def date_order(values: Iterable[str]) -> str | None:
    """ "md" or "dm" when the day-month-year dates among ``values`` that cannot be misread all
    agree on the order (a spreadsheet writes every date of a file the same way), else None."""
    orders = set()
    for value in values:
        match = YEAR_LAST.match(MIDNIGHT.sub("", value.strip()))
        if match and int(match[1]) != int(match[2]) and max(int(match[1]), int(match[2])) > 12:
            orders.add("md" if int(match[2]) > 12 else "dm")
    return orders.pop() if len(orders) == 1 else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _named_month(text: str) -> str | None:
    for pattern in NAMED_MONTH_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return None


TYPED: dict[str, tuple[Callable[[str, str | None], str | None], str]] = {
    "boolean": (lambda v, _: canonical_boolean(v), "true/false written in lowercase"),
    "date": (canonical_date, "date written YYYY-MM-DD"),
    "number": (lambda v, _: canonical_number(v), "number without trailing zeros"),
}


def canonical_cell(spec: FieldSpec | None, value: str, order: str | None = None) -> tuple[str, str]:
    """(canonical value, why it changed, or "" when it did not)."""
    new, reasons = value, []
    if "\r" in new:
        new = new.replace("\r\n", "\n").replace("\r", "\n")
        reasons.append("line breaks inside the cell written as LF")
    repaired = mojibake.repaired(new)
    if repaired != new:
        new = repaired
        reasons.append("garbled accents (mojibake) repaired")
    typed = TYPED.get(spec.type) if spec is not None else None
    if typed is not None and new:
        converted = typed[0](new, order)
        if converted is not None and converted != new:
            new = converted
            reasons.append(typed[1])
    return new, "; ".join(reasons)


# --- files --------------------------------------------------------------------------------------


def canonical_csv(path: str, data: bytes, spec: TableSpec | None) -> FileFix:
    """The canonical bytes of a CSV file (``spec``: its Table Schema, when it has one)."""
    result = FileFix(path, data)
    inspection = inspect_csv(path, data)
    blocking = [d for d in inspection.diagnostics if d.code in UNFIXABLE]
    if blocking or inspection.text is None:
        first = blocking[0] if blocking else None
        result.refused = f"line {first.line}: {first.message}" if first else "the file cannot be read"
        if first is not None and first.code == "empty-file":
            result.refused = ""
            result.fixed = data
        return result
    text = inspection.text
    records = list(_records(text))
    if not records:
        result.fixed = data
        return result
    header = records[0][1]
    order = _column_order(header, spec)
    rows = _canonical_rows(result, records, header, spec, order)
    result.fixed = _written(rows).encode("utf-8")
    _note_formatting(result, data, text, records, order)
    return result


def _records(text: str) -> list[tuple[int, list[str]]]:
    """(first physical line, cells) of every record."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    found, previous_end = [], 0
    for cells in reader:
        found.append((previous_end + 1, cells))
        previous_end = reader.line_num
    return found


def _column_order(header: list[str], spec: TableSpec | None) -> list[int]:
    """Indexes of the header's columns in canonical order: the schema's fields first, in its
    order, then any other column where it was (check reports those)."""
    labels = [h.strip() for h in header]
    if spec is None or len(set(labels)) != len(labels):
        return list(range(len(header)))
    known = [labels.index(name) for name in spec.field_names if name in labels]
    return known + [i for i in range(len(header)) if i not in known]


def _canonical_rows(
    result: FileFix, records: list[tuple[int, list[str]]], header: list[str], spec: TableSpec | None, order: list[int]
) -> list[list[str]]:
    rows = [[header[i] for i in order]]
    dates = _date_order(records, header, spec)
    blank = 0
    for line, cells in records[1:]:
        if not any(cells):
            blank += 1
            continue
        fixed = [_fixed_cell(result, (line, column), header, cells, spec, dates) for column in range(len(cells))]
        rows.append([fixed[i] for i in order] if len(fixed) == len(header) else fixed)
    if blank:
        result.notes.append(f"{blank} blank row{'s' if blank > 1 else ''} removed")
    return rows


def _date_order(records: list[tuple[int, list[str]]], header: list[str], spec: TableSpec | None) -> str | None:
    if spec is None:
        return None
    columns = [i for i, name in enumerate(header) if (f := spec.field(name.strip())) is not None and f.type == "date"]
    return date_order(cells[i] for _, cells in records[1:] for i in columns if i < len(cells))


def _fixed_cell(
    result: FileFix, place: tuple[int, int], header: list[str], cells: list[str], spec: TableSpec | None, dates: str | None
) -> str:
    line, column = place
    name = header[column].strip() if column < len(header) else ""
    value = cells[column]
    new, reason = canonical_cell(spec.field(name) if spec is not None and name else None, value, dates)
    if reason:
        inner_line = line + sum(c.count("\n") for c in cells[:column])
        result.cells.append(CellChange(inner_line, column + 1, name, value, new, reason))
    return new


def _written(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _note_formatting(result: FileFix, data: bytes, text: str, records: list[tuple[int, list[str]]], order: list[int]) -> None:
    if data.startswith(BOM.encode("utf-8")):
        result.notes.append("byte order mark (BOM) removed")
    if "\r" in text:
        result.notes.append("Windows line endings (CRLF) written as LF")
    if order != sorted(order):
        result.notes.append("columns put in the schema's order")
    plain = _written([cells for _, cells in records]).replace("\r\n", "\n").replace("\r", "\n")
    if plain != text.replace("\r\n", "\n").replace("\r", "\n"):
        result.notes.append("quotes only where a cell needs them")


def canonical_text(path: str, data: bytes) -> FileFix:
    """Markdown and YAML files: UTF-8 without BOM and LF line endings; nothing else changes."""
    result = FileFix(path, data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        result.refused = "the file is not UTF-8 (see check)"
        return result
    if text.startswith(BOM):
        text = text[1:]
        result.notes.append("byte order mark (BOM) removed")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        result.notes.append("Windows line endings (CRLF) written as LF")
    result.fixed = text.encode("utf-8")
    return result
