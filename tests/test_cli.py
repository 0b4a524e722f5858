import datetime as dt
import shutil
from pathlib import Path

import pytest

from literacy_directory import cli
from literacy_directory.catalog.directory import catalog_of
from literacy_directory.catalog.freshness import stale_by_network
from literacy_directory.core.project import Project
from literacy_directory.validate.check import check_project

ROOT = Path(__file__).resolve().parents[1]


def test_an_internal_failure_is_exit_2_with_a_short_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.delenv("LITERACY_DIRECTORY_DEBUG", raising=False)
    monkeypatch.setattr(cli, "check_project", broken)
    assert cli.main(["--project", str(ROOT), "check"]) == 2
    err = capsys.readouterr().err
    assert "internal error" in err
    assert "Traceback" not in err


def test_an_unwritable_step_summary_is_a_warning(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "missing-folder" / "summary.md"))
    assert cli.main(["--project", str(ROOT), "check", "--format", "github", "--today", "2026-11-28"]) == 0
    assert "could not write the step summary" in capsys.readouterr().err


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
