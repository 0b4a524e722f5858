"""Generated and cached folders are never committed: a file force-added under ``.cache/`` (compiled
templates, rendered forms), ``docs/`` (the generated pages) or ``site/`` would be trusted, served
or run by the next build. Asked of git itself; a copy of the project that is not a git checkout
(a release tarball) has nothing to ask, and is skipped.
"""

from __future__ import annotations

import subprocess

from literacy_directory.core.diagnostics import Diagnostic, error
from literacy_directory.core.project import Project

GENERATED = (".cache", "docs", "site")
ALLOWED = (".gitignore",)  # docs/.gitignore keeps the folder, and ignores everything in it


def committed_generated(project: Project) -> list[Diagnostic]:
    if not (project.root / ".git").exists():
        return []
    try:
        listed = subprocess.run(
            ["git", "-C", str(project.root), "ls-files", "-z", "--", *GENERATED],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if listed.returncode != 0:
        return []
    paths = [p for p in listed.stdout.decode("utf-8", "replace").split("\0") if p]
    return [_committed(p) for p in sorted(paths) if p.rpartition("/")[2] not in ALLOWED]


def _committed(path: str) -> Diagnostic:
    folder = path.split("/", 1)[0]
    return error(
        path,
        1,
        1,
        "committed-generated",
        f"this file is committed to git, but {folder}/ holds only what the build makes",
        f'Remove it from git (the build makes it again): git rm -r --cached "{folder}", then commit.',
    )
