"""``literacy-directory fix``: the spreadsheet round trip, as coordinators make it.

Each habit below is what a spreadsheet does to the shipped tables when it opens and saves them.
For each one: ``check`` reports located problems (and how many ``fix`` can repair), then ``fix``
gives back the original bytes exactly, and ``check`` passes again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from check_support import REPO, TODAY, call_main
from literacy_directory.core.project import Project
from literacy_directory.schema.datapackage import PackageSpec, parse_package
from literacy_directory.tools.canonical import canonical_csv, canonical_date, canonical_text, date_order

PACKAGE = parse_package((REPO / "schemas" / "datapackage.json").read_text(encoding="utf-8"))
TABLES = [t for t in PACKAGE.tables if (REPO / t.path).is_file()]
Cells = list[list[str]]


def copy_repository(target: Path) -> Path:
    for name in ("content", "schemas"):
        shutil.copytree(REPO / name, target / name)
    return target


def _rows(data: bytes) -> Cells:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def _typed(rows: Cells, table: str, kinds: dict[str, Callable[[str], str]]) -> Cells:
    """Rewrite the cells of columns whose schema type is a key of ``kinds``."""
    spec = PACKAGE.table(table)
    header = rows[0]
    types = [(f.type if (f := spec.field(name)) else "") for name in header]
    return [header] + [[kinds[t](v) if t in kinds and v else v for v, t in zip(row, types, strict=True)] for row in rows[1:]]


def _saved(rows: Cells, *, quote_all: bool, newline: str, bom: bool) -> bytes:
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator=newline).writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")


def _us_date(value: str) -> str:
    day = dt.date.fromisoformat(value)
    return f"{day.month}/{day.day}/{day.year}"


def _serial(value: str) -> str:
    return str((dt.date.fromisoformat(value) - dt.date(1899, 12, 30)).days)


def excel_us(table: str, data: bytes) -> bytes:
    """Excel (English, US): CSV UTF-8 with a BOM, CRLF, TRUE/FALSE, 9/14/2026, every cell quoted."""
    rows = _typed(_rows(data), table, {"boolean": str.upper, "date": _us_date})
    return _saved(rows, quote_all=True, newline="\r\n", bom=True)


def excel_fr(table: str, data: bytes) -> bytes:
    """Excel in French: VRAI/FAUX, dates as day numbers, CRLF, a BOM."""
    rows = _typed(_rows(data), table, {"boolean": lambda v: "VRAI" if v == "true" else "FAUX", "date": _serial})
    return _saved(rows, quote_all=False, newline="\r\n", bom=True)


def libreoffice(table: str, data: bytes) -> bytes:
    """LibreOffice with "quote all text cells": TRUE/FALSE, and columns moved around by hand."""
    rows = _typed(_rows(data), table, {"boolean": str.upper})
    order = list(range(len(rows[0])))
    order[1:] = reversed(order[1:])
    return _saved([[row[i] for i in order] for row in rows], quote_all=True, newline="\n", bom=False)


def double_click(table: str, data: bytes) -> bytes:
    """Opened by a double click (read as Windows-1252), saved as "CSV UTF-8": mojibake and a BOM."""
    return b"\xef\xbb\xbf" + data.decode("cp1252", errors="replace").encode("utf-8").replace(b"\n", b"\r\n")


HABITS: dict[str, tuple[Callable[[str, bytes], bytes], set[str]]] = {
    # habit: (what it does to a table, the codes check reports for it)
    "excel_us": (excel_us, {"date", "type"}),
    "excel_fr": (excel_fr, {"date", "type"}),
    "libreoffice": (libreoffice, {"type"}),
    "double_click_cp1252": (double_click, {"mojibake"}),
}


def _run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str]:
    code = call_main(["--project", str(root), *args])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("habit", sorted(HABITS))
def test_a_spreadsheet_round_trip_is_reported_then_undone_by_fix(
    habit: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_repository(tmp_path)
    save, codes = HABITS[habit]
    originals = {t.path: (root / t.path).read_bytes() for t in TABLES}
    for table in TABLES:
        (root / table.path).write_bytes(save(table.name, originals[table.path]))
    code, out = _run(capsys, root, "check", "--today", TODAY, "--format", "json")
    errors = [d for d in json.loads(out)["diagnostics"] if d["severity"] == "error"]
    assert code == 1 and errors
    assert {d["code"] for d in errors} == codes
    assert all(d["line"] > 1 and d["column"] > 1 for d in errors)
    _, text = _run(capsys, root, "check", "--today", TODAY)
    assert f"{len(errors)} problems can be fixed by `literacy-directory fix`." in text
    assert _run(capsys, root, "fix", "--check")[0] == 1
    assert _run(capsys, root, "fix")[0] == 0
    for path, data in originals.items():
        assert (root / path).read_bytes() == data, f"{habit}: fix did not restore {path}"
    assert _run(capsys, root, "check", "--today", TODAY)[0] == 0


def test_the_shipped_content_is_in_the_canonical_form(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, REPO, "fix", "--check")
    assert code == 0, out
    assert "are in the canonical form" in out


def test_fix_check_lists_each_change_and_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_repository(tmp_path)
    path = root / "content" / "programs.csv"
    path.write_bytes(excel_us("programs", path.read_bytes()))
    before = path.read_bytes()
    code, out = _run(capsys, root, "fix", "--check", str(path))
    assert code == 1
    assert path.read_bytes() == before
    assert "content/programs.csv: would fix" in out
    assert "byte order mark (BOM) removed" in out and "Windows line endings (CRLF) written as LF" in out
    assert re.search(r'line \d+, column \d+ \("accepts_referrals"\): "TRUE" -> "true"', out)
    assert re.search(r'line \d+, column \d+ \("last_verified"\): "8/27/2026" -> "2026-08-27"', out)


def test_an_ambiguous_date_is_left_alone_and_stays_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_repository(tmp_path)
    path = root / "content" / "networks.csv"
    text = path.read_text(encoding="utf-8")
    first = re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert first is not None
    path.write_text(text.replace(first[0], "3/4/2026", 1), encoding="utf-8")
    assert _run(capsys, root, "fix")[0] == 0
    assert "3/4/2026" in path.read_text(encoding="utf-8")
    code, out = _run(capsys, root, "check", "--today", TODAY, "--format", "json")
    assert code == 1
    assert [d["code"] for d in json.loads(out)["diagnostics"] if d["severity"] == "error"] == ["date"]


def test_fix_leaves_a_file_with_a_quote_out_of_place_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_repository(tmp_path)
    path = root / "content" / "communities.csv"
    broken = path.read_bytes().replace(b"\n", b'\r\n"', 1).replace(b"\n", b"\r\n")
    path.write_bytes(broken)
    code, out = _run(capsys, root, "fix")
    assert code == 1
    assert "content/communities.csv: left as it is" in out
    assert path.read_bytes() == broken


def test_markdown_and_yaml_lose_their_bom_and_crlf_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_repository(tmp_path)
    protocol = next((root / "content" / "referral_protocols").glob("*.md"))
    original = protocol.read_bytes()
    protocol.write_bytes(b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n"))
    assert _run(capsys, root, "fix", str(protocol))[0] == 0
    assert protocol.read_bytes() == original
    assert canonical_text("x.md", original).fixed == original


def test_excel_day_numbers_and_unambiguous_dates_become_iso() -> None:
    assert canonical_date("46279") == "2026-09-14"
    assert canonical_date("9/14/2026") == "2026-09-14"
    assert canonical_date("14/09/2026") == "2026-09-14"
    assert canonical_date("2026/9/14") == "2026-09-14"
    assert canonical_date("2026-09-14 00:00:00") == "2026-09-14"
    assert canonical_date("14-Sep-2026") == "2026-09-14"
    assert canonical_date("3/3/2026") == "2026-03-03"
    assert canonical_date("3/4/2026") is None
    assert canonical_date("3/4/2026", date_order(["9/14/2026"])) == "2026-03-04"
    assert canonical_date("3/4/2026", date_order(["14/9/2026"])) == "2026-04-03"
    assert date_order(["9/14/2026", "14/9/2026"]) is None
    assert canonical_date("2/30/2026") is None


def test_the_canonical_form_keeps_everything_else(tmp_path: Path) -> None:
    """Stray spaces, unknown codes and odd values are check's business: fix never touches them."""
    data = b"id,name_en,last_verified\n x ,Caf\xc3\xa9 \xe2\x80\x93 \xc2\xab oui \xc2\xbb ,soon\n"
    result = canonical_csv("content/x.csv", data, PACKAGE.table("networks"))
    assert result.fixed is not None
    assert result.fixed.split(b"\n")[1] == data.split(b"\n")[1]
    assert result.cells == []


def test_every_shipped_csv_is_free_of_mojibake() -> None:
    from literacy_directory.load.mojibake import mojibake_problems  # noqa: PLC0415

    paths = [*sorted((REPO / "content").rglob("*.csv")), REPO / "schemas" / "vocabularies.csv"]
    assert len(paths) > 10
    for path in paths:
        assert mojibake_problems(path.name, path.read_text(encoding="utf-8")) == [], path


def test_project_tables_have_a_schema_for_fix() -> None:
    from literacy_directory.tools.fix import Schemas  # noqa: PLC0415

    schemas = Schemas(Project(REPO))
    plan_table = next((REPO / "content" / "plans").rglob("indicators.csv"))
    assert schemas.spec_for(Project(REPO).relative(plan_table)) is not None
    assert schemas.spec_for("content/programs.csv") is not None
    assert isinstance(PACKAGE, PackageSpec)


def test_blank_rows_a_spreadsheet_adds_are_removed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_repository(tmp_path)
    path = root / "content" / "communities.csv"
    original = path.read_bytes()
    width = original.split(b"\n")[0].count(b",")
    path.write_bytes(original + (b"," * width + b"\r\n") * 3)
    code, out = _run(capsys, root, "fix", "--check")
    assert code == 1 and "3 blank rows removed" in out
    assert _run(capsys, root, "fix")[0] == 0
    assert path.read_bytes() == original
