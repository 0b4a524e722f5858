"""A real spreadsheet: LibreOffice Calc, headless (Debian's ``libreoffice-calc-nogui``, installed by
``scripts/test.sh``), opens and saves the shipped tables and the networks' workbooks.

- CSV -> xlsx -> CSV, as LibreOffice does by default and with "detect special numbers" and
  "quote all text cells" (so ``true`` comes back ``TRUE`` and every cell is quoted): ``fix`` then
  gives back the original bytes.
- A network's workbook keeps its drop-down lists when LibreOffice opens it (read back from the
  OpenDocument file it converts it to), and a workbook saved again by LibreOffice imports to the
  same bytes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from check_support import REPO, call_main
from literacy_directory.core.project import Project
from literacy_directory.site.workbook import TABLES, export_workbook

SOFFICE = shutil.which("soffice")
PLAN = REPO / "content" / "plans" / "ridgeway-region-literacy-network" / "2026-27"
# Import: comma, double quote, UTF-8, from line 1, default column types, English (US), quoted
# fields not forced to text, detect special numbers (TRUE, dates). Export: the same, quoting every
# text cell.
SPECIAL_NUMBERS = "CSV:44,34,76,1,,1033,false,true"
QUOTE_ALL = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,true,true"


@pytest.fixture(scope="module")
def soffice(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    assert SOFFICE, "LibreOffice is missing: install Debian's libreoffice-calc-nogui (scripts/test.sh does)"
    profile = tmp_path_factory.mktemp("libreoffice-profile")
    return [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}"]


def convert(soffice: list[str], files: list[Path], to: str, outdir: Path, infilter: str | None = None) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    command = [*soffice, *([f"--infilter={infilter}"] if infilter else []), "--convert-to", to, "--outdir", str(outdir)]
    done = subprocess.run([*command, *map(str, files)], capture_output=True, text=True, timeout=600, check=False)
    extension = to.split(":", maxsplit=1)[0]
    converted = [outdir / f"{f.stem}.{extension}" for f in files]
    assert all(p.is_file() for p in converted), done.stdout + done.stderr
    return converted


def _in_libreoffice(formula: str) -> str | None:
    """``'lists'!$M$2:$M$6`` as LibreOffice writes it in OpenDocument: ``$lists.$M$2:.$M$6``."""
    match = re.fullmatch(r"'?([a-z]+)'?!(\$[A-Z]+\$\d+):(\$[A-Z]+\$\d+)", formula or "")
    return f"${match[1]}.{match[2]}:.{match[3]}" if match else None


def copy_repository(target: Path) -> Path:
    for name in ("content", "schemas"):
        shutil.copytree(REPO / name, target / name)
    return target


@pytest.mark.parametrize(("infilter", "export"), [(None, "csv"), (SPECIAL_NUMBERS, QUOTE_ALL)], ids=["default", "excel-like"])
def test_a_libreoffice_round_trip_of_the_shipped_tables_is_undone_by_fix(
    soffice: list[str], infilter: str | None, export: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_repository(tmp_path / "project")
    tables = sorted((root / "content").glob("*.csv")) + sorted((root / PLAN.relative_to(REPO)).glob("*.csv"))
    originals = {p: p.read_bytes() for p in tables}
    sheets = convert(soffice, tables, "xlsx", tmp_path / "xlsx", infilter)
    saved = convert(soffice, sheets, export, tmp_path / "csv")
    for table, resaved in zip(tables, saved, strict=True):
        shutil.copyfile(resaved, table)
    if infilter:
        assert b",TRUE," in (root / "content" / "programs.csv").read_bytes(), "the spreadsheet did change the file"
    assert call_main(["--project", str(root), "fix"]) == 0, capsys.readouterr().out
    for path, data in originals.items():
        assert path.read_bytes() == data, f"{path.name} differs after LibreOffice and fix"


def test_the_workbook_keeps_its_drop_downs_in_libreoffice_and_imports_unchanged(
    soffice: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_repository(tmp_path / "project")
    network = "ridgeway-region-literacy-network"
    workbook = tmp_path / f"{network}.xlsx"
    workbook.write_bytes(export_workbook(Project(root), network))
    ranges = {_in_libreoffice(v.formula1) for t in TABLES for v in load_workbook(workbook)[t].data_validations.dataValidation}
    ranges.discard(None)
    (ods,) = convert(soffice, [workbook], "ods", tmp_path / "ods")
    content = zipfile.ZipFile(ods).read("content.xml").decode("utf-8")
    lists = set(re.findall(r"cell-content-is-in-list\(\[([^\]]*)\]\)", content))
    assert len(ranges) > 15
    assert lists == ranges, "every drop-down list is there when LibreOffice opens the workbook"
    (resaved,) = convert(soffice, [workbook], "xlsx", tmp_path / "resaved")
    before = {p.name: p.read_bytes() for p in (root / "content").glob("*.csv")}
    assert call_main(["--project", str(root), "import-workbook", str(resaved)]) == 0, capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in (root / "content").glob("*.csv")} == before
