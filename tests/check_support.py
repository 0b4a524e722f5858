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
