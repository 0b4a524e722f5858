"""Shared fixtures: a small valid project in a temporary folder, ``check`` run in-process, and the
repository's sample built once per session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from build_support import BuiltSite, build_sample
from check_support import REPO, TODAY, CheckRun, call_main, copy_project
from literacy_directory.core.project import Project
from literacy_directory.validate.check import CheckResult, check_project


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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's content, schemas, templates and mkdocs.yml copied to a temporary project and
    built once with ``literacy-directory build`` (dated 2026-11-28). Shared by every test that
    reads a build: read it, never change it (copy what you need to change)."""
    return build_sample(tmp_path_factory.mktemp("sample") / "project")


@pytest.fixture(scope="session")
def sample_check() -> CheckResult:
    """``check`` of the repository's own project, run once in-process: read it, never change it."""
    return check_project(Project(REPO))
