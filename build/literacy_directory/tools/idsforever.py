"""Ids are forever: a published id (a network, community, organization, site, program, glossary
term, referral protocol or form) that disappears between two versions of the content is an error.

Every id is in an address on the web (``programs/<id>/``, ``find/<community>/``, ``glossary/#<id>``)
and in printed handouts, so a record that ends is retired (``status: retired``, with its
``end_date`` and, where there is one, ``replaced_by``) and keeps its id and its page. A rename
keeps the old id: only the names change.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from literacy_directory.core.diagnostics import Diagnostic, error
from literacy_directory.core.suggest import closest

PUBLISHED_TABLES = (  # (table, what one row is, its page in words)
    ("networks", "network", "its network page"),
    ("communities", "community", "its pages in the program finder"),
    ("organizations", "organization", "its page"),
    ("sites", "site", "its page"),
    ("programs", "program", "its page"),
    ("glossary", "glossary term", "its place in the glossary"),
)
RETIRABLE = frozenset({"organizations", "sites", "programs"})
PUBLISHED_FILES = (  # (folder, file suffix, what one file is)
    ("content/referral_protocols", ".md", "referral protocol"),
    ("content/forms", ".yml", "form"),
)
WHY = "Ids never change: addresses on the web and in printed handouts point at it."


@dataclass(frozen=True)
class Side:
    """One version of the content: each published table's rows (id → names and first line), and
    the published files' ids."""

    tables: dict[str, dict[str, tuple[int, str]]]
    files: dict[str, set[str]]

    @classmethod
    def read(cls, root: Path, texts: dict[str, str]) -> Side:
        tables = {table: _rows(texts.get(table, "")) for table, _, _ in PUBLISHED_TABLES}
        files = {folder: _file_ids(root / folder, suffix) for folder, suffix, _ in PUBLISHED_FILES}
        return cls(tables, files)


def _rows(text: str) -> dict[str, tuple[int, str]]:
    """id → (the line its record starts on, its English name)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [c.strip() for c in next(reader, [])]
    if "id" not in header:
        return {}
    found: dict[str, tuple[int, str]] = {}
    name_at = next((header.index(n) for n in ("name_en", "term_en") if n in header), None)
    start = reader.line_num + 1
    for row in reader:
        cells = row + [""] * (len(header) - len(row))
        record_id = cells[header.index("id")].strip()
        if record_id:
            found.setdefault(record_id, (start, cells[name_at].strip() if name_at is not None else ""))
        start = reader.line_num + 1
    return found


def _file_ids(folder: Path, suffix: str) -> set[str]:
    if not folder.is_dir():
        return set()
    names = (p.name for p in folder.iterdir() if p.is_file() and p.name.endswith(suffix))
    return {name.removesuffix(suffix) for name in names if "." not in name.removesuffix(suffix)}


def removed_ids(old: Side, new: Side) -> list[Diagnostic]:
    """An error for every published id of ``old`` that ``new`` no longer has."""
    return [*_removed_rows(old, new), *_removed_files(old, new)]


def _removed_rows(old: Side, new: Side) -> Iterator[Diagnostic]:
    for table, what, page in PUBLISHED_TABLES:
        before, after = old.tables[table], new.tables[table]
        added = {i: name for i, (_, name) in after.items() if i not in before}
        for record_id, (line, name) in sorted(before.items()):
            if record_id in after:
                continue
            renamed = _renamed_to(record_id, name, added)
            yield error(
                f"content/{table}.csv",
                line,
                1,
                "id-removed",
                f'the {what} "{record_id}"{f" ({name})" if name else ""} is gone, and with it {page}. {WHY}',
                _row_hint(table, what, record_id, renamed),
            )


def _renamed_to(record_id: str, name: str, added: dict[str, str]) -> str:
    """The added id that looks like the removed one renamed: the same name, else a close id."""
    same_name = sorted(i for i, n in added.items() if name and n == name)
    return same_name[0] if same_name else closest(record_id, sorted(added)) or ""


def _row_hint(table: str, what: str, record_id: str, renamed: str) -> str:
    keep = f'Put the row back with the id "{record_id}".'
    if renamed:
        keep = f'To rename it, keep the id "{record_id}" and change only its name columns (the new row "{renamed}" then goes).'
    if table not in RETIRABLE:
        return f"{keep} Everything else can change. If it must really go, ask a maintainer."
    return (
        f'{keep} If the {what} has ended, keep its row and retire it: write "retired" in status, the date it ended in'
        " end_date and, in replaced_by, the id of the one learners should go to instead. Its page then says it has ended."
    )


def _removed_files(old: Side, new: Side) -> Iterator[Diagnostic]:
    for folder, suffix, what in PUBLISHED_FILES:
        added = sorted(new.files[folder] - old.files[folder])
        for record_id in sorted(old.files[folder] - new.files[folder]):
            renamed = closest(record_id, added) or ""
            keep = f"rename the file back to {record_id}{suffix}" if renamed else f"put {folder}/{record_id}{suffix} back"
            yield error(
                f"{folder}/{record_id}{suffix}",
                1,
                1,
                "id-removed",
                f'the {what} "{record_id}" is gone, and with it its page. {WHY}',
                f"{keep[:1].upper()}{keep[1:]} (the file name is its id; everything inside can change)."
                " If it must really go, ask a maintainer.",
            )
