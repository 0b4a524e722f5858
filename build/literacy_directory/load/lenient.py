"""A lenient CSV reader for the tools (``new``, ``diff``, ``codeowners``): it reads whatever the
file holds and never reports anything, since ``check`` does that, with locations."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LenientTable:
    """The header's names and the rows as ``{column: cell}``, names stripped of spaces; a short row
    gives "" for its missing cells, and cells beyond the header are left out."""

    columns: list[str]
    rows: list[dict[str, str]]


def parse_lenient(text: str, strip: bool = True) -> LenientTable:
    """The table in ``text``, its cells stripped of surrounding spaces unless ``strip`` is false."""
    reader = csv.DictReader(io.StringIO(text, newline=""), restval="")
    columns = [c.strip() for c in reader.fieldnames or []]
    rows = [
        {name.strip(): cell.strip() if strip else cell for name, cell in row.items() if isinstance(name, str)} for row in reader
    ]
    return LenientTable(columns, rows)


def read_lenient(path: Path, strip: bool = True) -> list[dict[str, str]]:
    """The rows of the CSV file at ``path`` ([] when there is none); bytes that are not UTF-8 are
    replaced, a byte order mark is dropped."""
    if not path.is_file():
        return []
    return parse_lenient(path.read_text(encoding="utf-8-sig", errors="replace"), strip).rows
