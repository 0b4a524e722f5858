"""Complete listings: what a learner or a referrer needs is warned about, cell by cell."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from check_support import CheckRun

PROGRAM_LINE = 2  # bayview-literacy in the base project's programs.csv


def _blank(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_incomplete_program_is_warned_about_each_missing_part(project: Path, run_check: Callable[..., CheckRun]) -> None:
    programs = project / "content" / "programs.csv"
    header = programs.read_text(encoding="utf-8").splitlines()[0].split(",")
    _blank(programs, "anglophone,employment;independence,", "anglophone,,")
    _blank(programs, "Call 705-555-0111.,Composez le 705-555-0111.,", ",,")
    _blank(programs, "true,705-555-0111,intake@bayview-learning.example.org,", "true,,,")
    _blank(
        project / "content" / "organizations.csv",
        "https://bayview-learning.example.org,intake@bayview-learning.example.org,705-555-0110,",
        "https://bayview-learning.example.org,,,",
    )
    report = run_check(project, "--format", "json").json()
    found = {
        (d["line"], header[d["column"] - 1])
        for d in report["diagnostics"]
        if d["code"] == "incomplete-listing" and d["path"] == "content/programs.csv" and d["line"] == PROGRAM_LINE
    }
    assert found == {(PROGRAM_LINE, "how_to_start_en"), (PROGRAM_LINE, "contact_phone"), (PROGRAM_LINE, "goal_paths")}
    assert all(d["severity"] == "warning" for d in report["diagnostics"] if d["code"] == "incomplete-listing")


def test_the_organization_contact_is_enough(project: Path, run_check: Callable[..., CheckRun]) -> None:
    _blank(project / "content" / "programs.csv", "true,705-555-0111,intake@bayview-learning.example.org,", "true,,,")
    report = run_check(project, "--format", "json").json()
    assert not [d for d in report["diagnostics"] if d["code"] == "incomplete-listing" and d["line"] == PROGRAM_LINE]
