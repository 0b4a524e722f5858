"""``literacy-directory import-workbook FILE.xlsx``: write a network's workbook back into the CSV files.

Only that network's rows change: a listing keeps its place in the file, a listing no longer in the
workbook is removed, a new one goes after the network's last row. The tables are written in the
canonical form of ``fix``, so a workbook exported and imported unchanged gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from literacy_directory.core.project import Project
from literacy_directory.schema.datapackage import FieldSpec, TableSpec
from literacy_directory.site.workbook import ABOUT, NETWORK_CELL, TABLES, Sources, WorkbookError, belongs
from literacy_directory.tools.canonical import canonical_csv

Rows = list[dict[str, str]]


@dataclass
class TableUpdate:
    """What importing did to one table."""

    path: str
    changed: int = 0
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    written: bool = False

    def describe(self) -> str:
        if not self.written:
            return f"{self.path}: no change"
        parts = [f"{self.changed} changed"] + [f"added: {', '.join(self.added)}"] * bool(self.added)
        parts += [f"removed: {', '.join(self.removed)}"] * bool(self.removed)
        note = (
            " (ids never change: put a removed row back and write retired in its status column, or the pull request will fail)"
            if self.removed
            else ""
        )
        return f"{self.path}: " + "; ".join(parts) + note


def read_workbook(path: Path, sources: Sources) -> tuple[str, dict[str, Rows]]:
    """(network id, rows per table) of a workbook made by ``export-workbook``."""
    from openpyxl import load_workbook  # noqa: PLC0415 (only this command reads workbooks)

    try:
        workbook = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise WorkbookError(f"{path} cannot be read as an Excel workbook (.xlsx): {exc}") from exc
    if ABOUT not in workbook.sheetnames:
        raise WorkbookError(f'{path} has no "{ABOUT}" sheet: it was not made by export-workbook')
    network_id = str(workbook[ABOUT][NETWORK_CELL].value or "").strip()
    if network_id not in sources.network_ids():
        raise WorkbookError(f'the workbook names the network "{network_id}", which is not in content/networks.csv')
    tables = {}
    for name in TABLES:
        if name not in workbook.sheetnames:
            raise WorkbookError(f'{path} has no "{name}" sheet (it must keep the sheets export-workbook made)')
        tables[name] = _sheet_rows(workbook[name], sources.package.table(name))
    return network_id, tables


def _sheet_rows(sheet: Any, spec: TableSpec) -> Rows:
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    found = []
    for values in rows:
        cells = {name: text_value(spec.field(name), value) for name, value in zip(header, values, strict=False) if name}
        if any(cells.values()):
            found.append(cells)
    return found


def text_value(spec: FieldSpec | None, value: Any) -> str:
    """A cell as the CSV writes it: dates ISO, true/false, numbers in their shortest form."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def import_workbook(project: Project, path: Path) -> list[TableUpdate]:
    """Write the workbook's rows into the tables; returns what changed per table."""
    sources = Sources.read(project)
    network_id, tables = read_workbook(path, sources)
    organization_ids = sources.organization_ids(network_id) | {r.get("id", "") for r in tables["organizations"]}
    updates = []
    for name in TABLES:
        spec = sources.package.table(name)
        header, rows = sources.tables[name]
        merged, update = merge(spec, rows, tables[name], lambda r, t=name: belongs(t, r, network_id, organization_ids))
        data = canonical_csv(spec.path, _written(header or list(spec.field_names), merged), spec).fixed
        target = project.root / spec.path
        if data is not None and (not target.is_file() or data != target.read_bytes()):
            target.write_bytes(data)
            update.written = True
        updates.append(update)
    return updates


def merge(spec: TableSpec, rows: Rows, incoming: Rows, mine: Any) -> tuple[Rows, TableUpdate]:
    """The table's rows with the network's rows (``mine``) replaced by ``incoming``."""
    update = TableUpdate(spec.path)
    by_id = {r.get("id", ""): r for r in incoming}
    used: set[str] = set()
    merged: Rows = []
    last_mine = -1
    for row in rows:
        if not mine(row):
            merged.append(row)
            continue
        new = by_id.get(row.get("id", ""))
        if new is None:
            update.removed.append(row.get("id", ""))
            continue
        used.add(row.get("id", ""))
        combined = {**row, **new}
        update.changed += combined != row
        merged.append(combined)
        last_mine = len(merged) - 1
    added = [r for r in incoming if r.get("id", "") not in used]
    update.added = [r.get("id", "") or "(no id)" for r in added]
    at = last_mine + 1 if last_mine >= 0 else len(merged)
    return merged[:at] + added + merged[at:], update


def _written(header: list[str], rows: Rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[row.get(name, "") for name in header] for row in rows])
    return out.getvalue().encode("utf-8")
