"""Shared fixtures: a small valid project in a temporary folder, and ``check`` run in-process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from check_support import TODAY, CheckRun, call_main, copy_project


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[[], Path]:
    """Returns a function that copies tests/fixtures/base/content and the repository's schemas/
    into a new folder under ``tmp_path`` and returns that project folder."""
    made = 0

    def make() -> Path:
        nonlocal made
        made += 1
        return copy_project(tmp_path / f"project{made}")

    return make


@pytest.fixture
def project(make_project: Callable[[], Path]) -> Path:
    """One fresh copy of the base project."""
    return make_project()


@pytest.fixture
def run_check(capsys: pytest.CaptureFixture[str]) -> Callable[..., CheckRun]:
    """Returns ``run(project_dir, *args)``: ``literacy-directory --project DIR check --today
    2026-11-28 *args`` run in-process, with its exit code and output."""

    def run(project_dir: Path, *args: str) -> CheckRun:
        capsys.readouterr()
        code = call_main(["--project", str(project_dir), "check", "--today", TODAY, *args])
        captured = capsys.readouterr()
        return CheckRun(code, captured.out, captured.err)

    return run
