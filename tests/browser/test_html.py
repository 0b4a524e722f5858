"""The Nu HTML checker (vnu.jar) reports no error on the generated pages, in every language."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from browser_support import LANGUAGES, VNU, prefix

pytestmark = pytest.mark.browser

GENERATED = (
    "index.html",
    "find",
    "programs",
    "organizations",
    "sites",
    "networks",
    "protocols",
    "referrers",
    "glossary",
    "about",
)
# mkdocs-material puts autocomplete="off" on its checkbox toggles (__drawer, __search): theme noise.
MATERIAL_NOISE = re.compile(r"Attribute “autocomplete” is only allowed when the input type is")


def test_nu_checker_finds_no_error(sample_site: Path) -> None:
    java = shutil.which("java")
    assert java, "Java (>= 11) is needed for the Nu HTML checker"
    assert VNU.is_file(), f"{VNU} is missing: run npm ci"
    targets = [str(sample_site / prefix(lang).lstrip("/") / name) for lang in LANGUAGES for name in GENERATED]
    assert all(Path(t).exists() for t in targets), targets
    done = subprocess.run(
        [java, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "gnu", *targets],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    errors = [line.replace(str(sample_site), "") for line in lines if not MATERIAL_NOISE.search(line)]
    assert errors == []
    assert done.returncode in (0, 1), done.stderr  # 1: only the filtered theme noise was reported
