"""Helpers shared by the tests of ``check`` (imported by name: a test module cannot import
``conftest`` reliably when several folders have one)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from literacy_directory import cli

REPO = Path(__file__).resolve().parent.parent
BASE_CONTENT = REPO / "tests" / "fixtures" / "base" / "content"
TODAY = "2026-11-28"
# A day in the fiscal year (2025-26) of the plan in tests/cases/plans/base/: the plan is current, so
# its references are checked against the directory. Plan cases with ``today`` after March 2026 see
# it as history.
DURING_THE_PLAN = dt.date(2025, 9, 15)


@dataclass(frozen=True)
class CheckRun:
    """What one run of ``literacy-directory check`` returned and printed."""

    exit_code: int
    out: str
    err: str

    def json(self) -> dict[str, Any]:
        return json.loads(self.out)  # type: ignore[no-any-return]


def copy_project(destination: Path, content: Path = BASE_CONTENT) -> Path:
    """A project folder holding a copy of ``content`` and of the repository's ``schemas/``."""
    shutil.copytree(content, destination / "content")
    shutil.copytree(REPO / "schemas", destination / "schemas")
    return destination


def call_main(argv: list[str]) -> int:
    """``cli.main``: the exit code, output left for ``capsys``."""
    return cli.main(argv)


SECRET = "OUTSIDE-SECRET-7f3a: this text lives outside the project"


def outside_folder(root: Path) -> Path:
    """A folder next to the project (never inside it) with files a link may point to."""
    folder = root.parent / f"{root.name}-outside"
    folder.mkdir(exist_ok=True)
    for name in ("secret.txt", "secret.csv", "secret.md"):
        (folder / name).write_text(f"{SECRET}\n{SECRET},{SECRET}\n", encoding="utf-8")
    return folder


def make_symlink(root: Path, spec: dict[str, Any]) -> None:
    """Edit ``symlink: {file, target}`` of the golden cases (see tests/test_cases.py)."""
    link = root / spec["file"]
    target = str(spec["target"])
    if target.startswith("OUTSIDE/"):
        target = str(outside_folder(root) / target.removeprefix("OUTSIDE/"))
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    else:
        link.unlink(missing_ok=True)
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
