"""Helpers of the tests that build a site (imported by name, like check_support): a project folder
holding what a build reads, the command line run in a fresh process, and the sample built once.

The built sample is shared by the whole session (the ``built_site`` fixture of tests/conftest.py):
tests read it and never change it; a test that must change a project or build it differently
makes its own copy with ``copy_project``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-28"
PROJECT_PARTS = ("content", "schemas", "site_templates", "mkdocs.yml")


def copy_project(destination: Path) -> Path:
    """A project folder with copies of what a build reads (not the generated docs/)."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        else:
            shutil.copy2(source, destination / part)
    (destination / "docs").mkdir(exist_ok=True)
    shutil.copy2(REPO / "docs" / ".gitignore", destination / "docs" / ".gitignore")
    return destination


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``literacy-directory --project PROJECT *args`` in a fresh process, dated ``TODAY``."""
    command = [sys.executable, "-m", "literacy_directory.cli", "--project", str(project), *args]
    env = {
        "LITERACY_DIRECTORY_TODAY": TODAY,
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO / "build"),
    }
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


@dataclass(frozen=True)
class BuiltSite:
    """A copy of the repository's project after ``literacy-directory build``: the site is in
    ``project/site``, the generated Markdown in ``project/docs``; ``output`` is what the command
    printed (standard output, then standard error)."""

    project: Path
    output: str

    @property
    def site(self) -> Path:
        return self.project / "site"


def build_sample(destination: Path) -> BuiltSite:
    project = copy_project(destination)
    done = run_cli(project, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / "site" / "index.html").is_file()
    return BuiltSite(project, done.stdout + done.stderr)
