"""The network coordinator's path, end to end, on a scratch copy of the repository under git:
add a program with ``new``, make a mistake and see it located (also as a GitHub annotation),
describe the change with ``diff``, and build the site that shows the new program."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-28"
ORGANIZATION = "ridgeway-literacy-council"
NAME = "Evening Digital Skills"
PROGRAM_ID = "evening-digital-skills"


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``literacy-directory --project PROJECT *args`` with no terminal on standard input."""
    env = {
        "LITERACY_DIRECTORY_TODAY": TODAY,
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT / "build"),
    }
    command = [sys.executable, "-m", "literacy_directory.cli", "--project", str(project), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, check=False)


def git(project: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Coordinator", "-c", "user.email=coordinator@example.org", "-c", "init.defaultBranch=main"]
    done = subprocess.run([*command, *args], cwd=project, capture_output=True, text=True, check=True)
    return done.stdout


def scratch_repository(target: Path) -> Path:
    for name in ("content", "schemas", "site_templates"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "docs").mkdir()
    shutil.copy(ROOT / "docs" / ".gitignore", target / "docs" / ".gitignore")
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "The directory as published")
    return target


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Walk the whole path once; the tests below look at each step."""
    project = scratch_repository(tmp_path_factory.mktemp("repository"))
    steps: dict[str, object] = {"project": project}
    steps["new"] = run(
        project,
        "new",
        "program",
        "--organization",
        ORGANIZATION,
        "--name",
        NAME,
        "--summary",
        "Learn to use a computer, email and the internet, two evenings a week.",
        "--sites",
        "rlc-ridgeway-downtown",
        "--goal-paths",
        "employment;independence",
    )
    steps["check"] = run(project, "check")
    programs = project / "content" / "programs.csv"
    good = programs.read_text(encoding="utf-8")
    programs.write_text(
        good.replace("employment;independence,,,in_person", "apprentice;independence,,,in_person"), encoding="utf-8"
    )
    steps["mistake"] = run(project, "check", "--format", "github")
    programs.write_text(good, encoding="utf-8")
    steps["diff"] = run(project, "diff", "HEAD")
    steps["build"] = run(project, "build", "--site-dir", str(project / "site"))
    return steps


def _line_of_new_row(walked: dict[str, object]) -> int:
    out = walked["new"].stdout  # type: ignore[attr-defined]
    match = re.search(r"on line (\d+) of content/programs\.csv", out)
    assert match, out
    return int(match.group(1))


def test_new_program_writes_a_valid_row_with_todays_date(walked: dict[str, object]) -> None:
    done = walked["new"]
    assert done.returncode == 0, done.stdout + done.stderr  # type: ignore[attr-defined]
    project: Path = walked["project"]  # type: ignore[assignment]
    line = _line_of_new_row(walked)
    rows = project.joinpath("content", "programs.csv").read_text(encoding="utf-8").split("\n")
    row = rows[line - 1]
    assert row.startswith(f"{PROGRAM_ID},{ORGANIZATION},rlc-ridgeway-downtown,")
    assert row.endswith(f",{TODAY},,,,")  # last_verified, then the empty reopening_date, status, end_date, replaced_by
    assert walked["check"].returncode == 0, walked["check"].stdout  # type: ignore[attr-defined]


def test_a_mistake_is_located_and_annotated(walked: dict[str, object]) -> None:
    done = walked["mistake"]
    assert done.returncode == 1  # type: ignore[attr-defined]
    line = _line_of_new_row(walked)
    header = (ROOT / "content" / "programs.csv").read_text(encoding="utf-8").split("\n", 1)[0].split(",")
    column = header.index("goal_paths") + 1
    out = done.stdout  # type: ignore[attr-defined]
    assert f"::error file=content/programs.csv,line={line},col={column},title=enum::" in out
    assert f'content/programs.csv:{line}:{column}: error: "apprentice" is not a goal path code' in out
    assert 'Did you mean "apprenticeship"?' in out


def test_diff_describes_exactly_the_new_program(walked: dict[str, object]) -> None:
    done = walked["diff"]
    assert done.returncode == 0, done.stderr  # type: ignore[attr-defined]
    out = done.stdout  # type: ignore[attr-defined]
    assert "**1 change:** 1 program added." in out
    assert f"- **Added** program: {NAME} (`{PROGRAM_ID}`) · Ridgeway Region Literacy Network" in out
    assert "No French yet for: name, summary." in out
    assert "**Changed**" not in out and "**Removed**" not in out
    assert "networks:**" not in out  # one network: no warning


def test_the_site_shows_the_new_program(walked: dict[str, object]) -> None:
    done = walked["build"]
    assert done.returncode == 0, done.stdout + done.stderr  # type: ignore[attr-defined]
    site: Path = walked["project"] / "site"  # type: ignore[operator]
    organization_page = (site / "organizations" / ORGANIZATION / "index.html").read_text(encoding="utf-8")
    assert NAME in organization_page
    assert f"programs/{PROGRAM_ID}/" in organization_page
    assert (site / "programs" / PROGRAM_ID / "index.html").is_file()
    entries = []
    for data in (site / "find").rglob("*.json"):
        finder = json.loads(data.read_text(encoding="utf-8"))
        entries += finder.get("programs", []) + finder.get("home", [])
    entry = next(p for p in entries if p["i"] == PROGRAM_ID)
    assert entry["n"] == NAME
    assert "employment" in entry["g"]
