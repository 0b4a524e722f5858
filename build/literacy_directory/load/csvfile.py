"""Byte-level checks of a CSV file before the Table Schema sees it.

frictionless guesses encodings and delimiters and reports decoding errors without a line, so the
problems people actually make in Excel (cp1252, semicolons, UTF-16, an unclosed quote) are caught
here first and named with their physical line.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from literacy_directory.core.diagnostics import Diagnostic, error
from literacy_directory.core.project import Project
from literacy_directory.load.confine import read_or_report
from literacy_directory.load.mojibake import mojibake_problems
from literacy_directory.load.quotes import STRAY_QUOTE, quote_problems
from literacy_directory.load.textsafety import INVISIBLE, describe

SAVE_AS_UTF8 = (
    "In Excel use File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'; "
    "in LibreOffice tick 'Edit filter settings' and choose 'Unicode (UTF-8)' and comma."
)
SAVE_TEXT_AS_UTF8 = "Save the file again with UTF-8 encoding (the GitHub web editor always does)."


@dataclass
class CsvInspection:
    """What the byte-level pass learned about one CSV file."""

    path: str
    text: str | None = None
    record_lines: dict[int, int] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        """True when the Table Schema checks can run on the file."""
        return self.text is not None

    def line_of(self, row_number: int) -> int:
        """Physical line where record ``row_number`` (frictionless numbering, header = 1) starts."""
        return self.record_lines.get(row_number, row_number)


def inspect_csv(path: str, data: bytes) -> CsvInspection:
    result = CsvInspection(path)
    problem = encoding_problem(path, data)
    if problem is not None:
        result.diagnostics.append(problem)
        return result
    text = data.decode("utf-8-sig")
    if not text.strip():
        result.diagnostics.append(
            error(path, 1, 1, "empty-file", "the file is empty", "It needs at least the header row with the column names.")
        )
        return result
    header_problem = _header_problem(path, text)
    if header_problem is not None:
        result.diagnostics.append(header_problem)
        return result
    result.record_lines, structure = _scan_records(path, text)
    result.diagnostics.extend(structure)
    result.diagnostics.extend(mojibake_problems(path, text))
    result.text = text
    return result


def encoding_problem(path: str, data: bytes, hint: str = SAVE_AS_UTF8) -> Diagnostic | None:
    """A located error when ``data`` is not UTF-8 text (a BOM is fine), else None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return error(path, 1, 1, "encoding", "the file is saved as UTF-16 (Excel's 'Unicode Text'), not UTF-8", hint)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = position(data, exc.start)
        bad = data[exc.start : exc.start + 1].hex().upper()
        guess = _cp1252_guess(data[exc.start : exc.start + 1])
        return error(
            path,
            line,
            column,
            "encoding",
            f"the file is not UTF-8: byte 0x{bad}{guess} on this line cannot be read "
            "(the file was probably saved in a Windows encoding)",
            hint,
        )
    if b"\x00" in data:
        line, column = position(data, data.index(b"\x00"))
        return error(path, line, column, "encoding", "the file contains NUL bytes (it is not a plain text file)", hint)
    return None


def position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based physical (line, column) of byte ``offset``. Lines end with CRLF, LF or a lone CR
    (old Mac Excel), as editors and the csv reader count them."""
    before = data[:offset]
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    return line, offset - line_start + 1


def _cp1252_guess(byte: bytes) -> str:
    try:
        char = byte.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return f' (probably "{char}")' if char.isprintable() else ""


def _header_problem(path: str, text: str) -> Diagnostic | None:
    """An error when line 1 is not a comma-separated header: empty, or split by another character."""
    header = text.lstrip("\ufeff").splitlines()[0]
    invisible = re.search(f"[{INVISIBLE}]", header)
    if invisible is not None:
        return error(
            path,
            1,
            header.count(",", 0, invisible.start()) + 1,  # the column, like every other diagnostic
            "control-character",
            f"the header holds an invisible character ({describe(invisible.group())}), so the column names cannot be matched",
            "Retype the header row: column names are lowercase letters, digits and underscores.",
        )
    if not header.strip():
        return error(
            path,
            1,
            1,
            "header",
            "line 1 is empty, but the header with the column names must be on line 1",
            "Delete the empty lines above the header.",
        )
    if "," in header:
        return None
    for delimiter, name in ((";", "semicolons"), ("\t", "tabs")):
        if delimiter in header:
            return error(
                path,
                1,
                1,
                "delimiter",
                f"the columns are separated by {name}, not commas",
                "Save the file again as 'CSV UTF-8 (Comma delimited)'. Excel set to French or another "
                "language may use semicolons: choose the comma-delimited type explicitly.",
            )
    return None


def _scan_records(path: str, text: str) -> tuple[dict[int, int], list[Diagnostic]]:
    """Map record numbers to physical lines and spot quote mistakes. The map is empty when every
    record is one line (``line_of`` then gives the record number itself)."""
    if _one_record_per_line(text):
        return {}, []
    starts: dict[int, int] = {}
    problems: list[Diagnostic] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    previous_end = 0
    width = 0
    suspicious = False
    try:
        for number, cells in enumerate(reader, start=1):
            starts[number] = previous_end + 1
            width = width or len(cells)
            suspicious = suspicious or len(cells) != width
            if reader.line_num - previous_end > 1 and _swallowed_rows(cells, width):
                problems.append(_unclosed_quote(path, previous_end + 1))
            previous_end = reader.line_num
    except csv.Error as exc:
        line = previous_end + 1
        if "field larger than field limit" in str(exc):
            problems.append(_unclosed_quote(path, line))
        else:
            problems.append(
                error(path, line, 1, "csv-syntax", f"this line cannot be read as CSV ({exc})", "Check the quotes on this line.")
            )
    if problems or suspicious or STRAY_QUOTE.search(text):
        problems = quote_problems(path, text, _first_record(text)) or problems
    return starts, problems


def _first_record(text: str) -> list[str]:
    return next(csv.reader(io.StringIO(text, newline=""), strict=False), [])


def _one_record_per_line(text: str) -> bool:
    """True when no record can span lines or fail to parse, found without parsing: no quote, no
    carriage return but in CRLF, no NUL, and no line longer than the csv module's cell limit.
    (The 20 MB programs table of the benchmark: 2 ms instead of 170 ms.)"""
    if '"' in text or "\x00" in text or text.count("\r") != text.count("\r\n"):
        return False
    limit = csv.field_size_limit()  # frictionless raises it to 2**31 - 2 once its CSV parser loads
    return len(text) <= limit or max(map(len, text.split("\n"))) <= limit


def _swallowed_rows(cells: list[str], width: int) -> bool:
    """True when a record spanning several lines looks like an unclosed quote rather than a cell
    holding line breaks: its cells no longer line up with the header, or a line inside a cell has
    as many commas as a whole row."""
    if len(cells) != width:
        return True
    return width > 2 and any(line.count(",") >= width - 1 for cell in cells for line in cell.split("\n")[1:])


def _unclosed_quote(path: str, line: int) -> Diagnostic:
    return error(
        path,
        line,
        1,
        "unclosed-quote",
        'a quote (") opened on this line is never closed, so the lines after it were read as one cell',
        'Find the cell that starts with " on this line and add the closing ", or remove the stray quote.',
    )


def read_utf8_text(project: Project, path: Path, found: list[Diagnostic]) -> str | None:
    """The text of a Markdown or YAML file, or None with a located error when it is not UTF-8 or
    cannot be read safely (a symlink, not a regular file, too large: see ``confine``)."""
    rel = project.relative(path)
    data = read_or_report(project, path, found)
    if data is None:
        return None
    problem = encoding_problem(rel, data, SAVE_TEXT_AS_UTF8)
    if problem is not None:
        found.append(problem)
        return None
    return data.decode("utf-8-sig")
