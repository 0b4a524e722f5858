"""The site is right at its public address: mkdocs.yml takes ``site_url`` from the environment
(development address by default), the publish workflow sets it from GitHub Pages, and the build's
hand-off still reads the rest of mkdocs.yml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from ruamel.yaml import YAML

from literacy_directory.core.project import Project
from literacy_directory.site.settings import SiteOptions, read_site_settings

ROOT = Path(__file__).resolve().parents[1]
VARIABLE = "LITERACY_DIRECTORY_SITE_URL"
DEVELOPMENT = "http://127.0.0.1:8000/"


def build_steps() -> list[dict[str, Any]]:
    workflow = YAML(typ="safe").load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    return list(workflow["jobs"]["build"]["steps"])


def test_the_publish_workflow_sets_the_public_address_from_github_pages() -> None:
    steps = build_steps()
    pages = next(i for i, s in enumerate(steps) if s.get("uses", "").split("@")[0] == "actions/configure-pages")
    build = next(i for i, s in enumerate(steps) if "literacy-directory build" in s.get("run", ""))
    assert pages < build, "configure-pages must run before the build that needs its address"
    step_id = steps[pages]["id"]
    assert steps[build]["env"][VARIABLE] == f"${{{{ steps.{step_id}.outputs.base_url }}}}"


def test_mkdocs_takes_the_address_from_the_environment(monkeypatch: Any) -> None:
    monkeypatch.delenv(VARIABLE, raising=False)
    assert load_config(str(ROOT / "mkdocs.yml")).site_url == DEVELOPMENT
    monkeypatch.setenv(VARIABLE, "https://example.github.io/literacy-directory")
    # MkDocs adds the final slash that actions/configure-pages' base_url does not have.
    assert load_config(str(ROOT / "mkdocs.yml")).site_url == "https://example.github.io/literacy-directory/"


def test_the_build_hand_off_reads_mkdocs_yml_with_its_env_tag() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"site_url: !ENV [{VARIABLE}," in text
    settings = read_site_settings(Project(ROOT))
    assert settings is not None and settings.options.help_phone


def test_an_env_site_url_is_read_as_mkdocs_reads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Printed handouts carry the page's full address, so site_url is one of the hand-off's
    options: read from the !ENV tag as MkDocs reads it (the variable, else the default)."""
    monkeypatch.delenv(VARIABLE, raising=False)
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        f"site_url: !ENV [{VARIABLE}, '{DEVELOPMENT}']\nplugins:\n  - literacy-directory\n", encoding="utf-8"
    )
    settings = read_site_settings(Project(tmp_path))
    assert settings is not None and settings.options == SiteOptions(site_url=DEVELOPMENT)
    monkeypatch.setenv(VARIABLE, "https://example.github.io/literacy-directory")
    settings = read_site_settings(Project(tmp_path))
    assert settings is not None and settings.options.site_url == "https://example.github.io/literacy-directory/"


def test_the_pull_request_preview_is_made_browsable_and_explained() -> None:
    workflow = YAML(typ="safe").load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["site"]["steps"]
    runs = [s.get("run", "") for s in steps]
    build = next(i for i, r in enumerate(runs) if "literacy-directory build" in r)
    preview = next(i for i, r in enumerate(runs) if "literacy_directory.site.preview" in r)
    upload = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/upload-artifact"))
    assert build < preview < upload
    assert "GITHUB_STEP_SUMMARY" in runs[preview] and "open index.html" in runs[preview]
