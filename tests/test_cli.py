import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from literacy_directory import cli
from literacy_directory.catalog.directory import catalog_of
from literacy_directory.catalog.freshness import stale_by_network
from literacy_directory.core.project import Project
from literacy_directory.tools import new as newrecord
from literacy_directory.validate.check import check_project

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> Any:
    """``literacy-directory --project <repo> ARGS`` through click's test runner."""
    return CliRunner().invoke(cli.group, ["--project", str(ROOT), *args])


def test_an_internal_failure_is_exit_2_with_a_short_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.delenv("LITERACY_DIRECTORY_DEBUG", raising=False)
    monkeypatch.setattr(cli, "check_project", broken)
    result = run("check")
    assert result.exit_code == 2
    assert "internal error (RuntimeError: boom)" in result.stderr
    assert "Traceback" not in result.output


def test_debug_shows_the_internal_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setenv("LITERACY_DIRECTORY_DEBUG", "1")
    monkeypatch.setattr(cli, "check_project", broken)
    result = run("check")
    assert isinstance(result.exception, RuntimeError)


def test_an_unwritable_step_summary_is_a_warning(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "missing-folder" / "summary.md"))
    result = run("check", "--format", "github", "--today", "2026-11-28")
    assert result.exit_code == 0
    assert "could not write the step summary" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["bogus"],
        [],
        ["check", "--format", "xml"],
        ["check", "--today", "28/11/2026"],
        ["serve", "--port", "eighty"],
        ["new"],
        ["new", "organization", "--set", "hours_en"],
        ["diff"],
    ],
    ids=lambda a: " ".join(a) or "no command",
)
def test_usage_errors_exit_2_without_running_anything(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "check_project", None)  # reaching it would be an internal error, with another message
    result = run(*args)
    assert result.exit_code == 2
    assert "Usage: literacy-directory" in result.stderr
    assert "internal error" not in result.stderr


def test_set_needs_column_equals_value() -> None:
    result = run("new", "organization", "--set", "hours_en")
    assert '--set needs COLUMN=VALUE, like --set "hours_en=Monday to Friday" (you wrote "hours_en")' in result.stderr


def test_today_is_read_as_a_date(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[object] = []
    monkeypatch.setattr(cli, "_check", lambda project, fmt, require_fr, today: seen.append(today) or 0)
    assert run("check", "--today", "2026-11-28").exit_code == 0
    assert seen == [dt.date(2026, 11, 28)]


def test_every_command_and_new_kind_has_help() -> None:
    kinds = cli.group.commands["new"].commands  # type: ignore[attr-defined]
    assert list(cli.group.commands) == [
        "check",
        "build",
        "serve",
        "new",
        "diff",
        "codeowners",
        "fix",
        "export-workbook",
        "import-workbook",
        "import-hsds",
    ]
    assert list(kinds) == list(newrecord.KINDS)
    for args in [[], *([c] for c in cli.group.commands), *(["new", k] for k in kinds)]:
        result = run(*args, "--help")
        assert result.exit_code == 0, args
        assert "Usage: literacy-directory" in result.output


def test_main_returns_the_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--project", str(ROOT), "new", "plan"]) == 2
    assert "written by hand" in capsys.readouterr().err


def test_freshness_without_stale_listings_matches_the_catalog_s(tmp_path: Path) -> None:
    """check skips building the catalog when nothing is stale; the report must not change."""

    shutil.copytree(ROOT / "tests" / "fixtures" / "base" / "content", tmp_path / "content")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    today = dt.date(2026, 11, 28)
    result = check_project(Project(tmp_path), today=today)
    assert result.ok and not any(d.code == "stale" for d in result.diagnostics)
    quick = cli.freshness_report(result, today)
    assert "catalog" not in vars(result), "the catalog was built"
    assert catalog_of(result) is not None
    assert quick == stale_by_network(catalog_of(result), today)
