"""``export-workbook`` / ``import-workbook``: a network's listings as a workbook and back."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from check_support import REPO, call_main
from literacy_directory.core.project import Project
from literacy_directory.site.workbook import ABOUT, LISTS, NETWORK_CELL, TABLES, Sources, export_workbook

NETWORKS = Sources.read(Project(REPO)).network_ids()
NETWORK = "ridgeway-region-literacy-network"


def copy_repository(target: Path) -> Path:
    for name in ("content", "schemas"):
        shutil.copytree(REPO / name, target / name)
    return target


def _tables(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "content").glob("*.csv"))}


@pytest.mark.parametrize("network_id", NETWORKS)
def test_export_then_import_changes_no_byte(network_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_repository(tmp_path / "project")
    before = _tables(root)
    workbook = tmp_path / f"{network_id}.xlsx"
    assert call_main(["--project", str(root), "export-workbook", "--network", network_id, "--output", str(workbook)]) == 0
    assert call_main(["--project", str(root), "import-workbook", str(workbook)]) == 0
    out = capsys.readouterr().out
    assert "content/programs.csv: no change" in out and "The content is valid" in out
    assert _tables(root) == before


def test_the_workbook_holds_only_the_network_with_notes_lists_dates_and_locked_ids() -> None:
    data = export_workbook(Project(REPO), NETWORK)
    assert data == export_workbook(Project(REPO), NETWORK), "the same content must give the same bytes"
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [ABOUT, LISTS, *TABLES]
    assert book[ABOUT][NETWORK_CELL].value == NETWORK and book[LISTS].sheet_state == "hidden"
    organizations = book["organizations"]
    column = [c.value for c in organizations[1]].index("network_id")
    assert {row[column] for row in organizations.iter_rows(min_row=2, values_only=True) if row[0]} == {NETWORK}
    programs = book["programs"]
    header = [c.value for c in programs[1]]
    assert header[header.index("name_en") + 1] == "name_fr", "English and French side by side"
    assert all(c.comment is not None and c.comment.text for c in programs[1])
    assert isinstance(programs.cell(2, header.index("last_verified") + 1).value, dt.datetime)
    lists = {str(v.sqref).split(":")[0]: v for v in programs.data_validations.dataValidation}
    goal_paths = lists[f"{_letter(header, 'goal_paths')}2"]
    assert goal_paths.type == "list" and not goal_paths.showErrorMessage and "a;b" in (goal_paths.prompt or "")
    assert lists[f"{_letter(header, 'stream')}2"].showErrorMessage
    assert lists[f"{_letter(header, 'organization_id')}2"].formula1.startswith("'organizations'!")
    assert programs.protection.sheet
    assert programs["A2"].protection.locked and not programs["B2"].protection.locked
    assert not programs.cell(programs.max_row, 1).protection.locked, "new rows get an id"


def _letter(header: list[object], name: str) -> str:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    return get_column_letter(header.index(name) + 1)


def test_import_changes_only_that_network_and_keeps_each_row_in_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_repository(tmp_path / "project")
    before = _tables(root)
    workbook = tmp_path / "book.xlsx"
    workbook.write_bytes(export_workbook(Project(root), NETWORK))
    book = load_workbook(workbook)
    sites = book["sites"]
    header = [c.value for c in sites[1]]
    first_id = sites.cell(2, 1).value
    sites.cell(2, header.index("phone") + 1).value = "519-555-0199"
    new_row = sites.max_row + 1
    for column, value in {"id": "new-site", "name_en": "New Site"}.items():
        sites.cell(new_row, header.index(column) + 1).value = value
    book.save(workbook)
    assert call_main(["--project", str(root), "import-workbook", str(workbook)]) == 1  # the new site lacks required cells
    out = capsys.readouterr().out
    assert "content/sites.csv: 1 changed; added: new-site" in out
    after = _tables(root)
    assert {name for name in after if after[name] != before[name]} == {"sites.csv"}
    old_lines, new_lines = before["sites.csv"].decode().split("\n"), after["sites.csv"].decode().split("\n")
    changed = [n for n, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)) if a != b]
    assert new_lines[changed[0]].startswith(f"{first_id},") and "519-555-0199" in new_lines[changed[0]]


def test_a_workbook_that_is_not_ours_gets_a_plain_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_repository(tmp_path / "project")
    not_a_workbook = tmp_path / "notes.xlsx"
    not_a_workbook.write_text("hello", encoding="utf-8")
    assert call_main(["--project", str(root), "import-workbook", str(not_a_workbook)]) == 2
    assert "cannot be read as an Excel workbook" in capsys.readouterr().err
    assert (
        call_main(["--project", str(root), "export-workbook", "--network", "nowhere", "--output", str(tmp_path / "x.xlsx")]) == 2
    )
    assert 'there is no network "nowhere"' in capsys.readouterr().err
