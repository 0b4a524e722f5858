"""The live preview as a coordinator uses it, in Chromium: with an error in the content, the page
open in the browser lists the problem (file, line, what is wrong), and once the file is fixed the
same tab shows the site again by itself (MkDocs' live reload), with no hanging request."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from build_support import copy_project
from test_cli_serve import fetch, wait_for
from test_cli_serve_problems import BROKEN, GOOD, _edit, serving

pytestmark = pytest.mark.browser

PROBLEMS = ".ld-problems"


def test_the_open_tab_shows_the_problem_then_the_site_again(page: Page, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    glossary = project / "content" / "glossary.csv"
    with serving(project) as (_, port):
        home = f"http://127.0.0.1:{port}/"
        assert wait_for(lambda: "Find a program" in (fetch(home) or ""), 180), "serve did not start"
        page.goto(home)
        expect(page.locator(PROBLEMS)).to_have_count(0)
        _edit(glossary, GOOD, BROKEN)
        # the tab reloads by itself once the rebuild is done; the panel names the file and line
        expect(page.locator(PROBLEMS)).to_be_visible(timeout=180_000)
        expect(page.locator(PROBLEMS)).to_contain_text("content/glossary.csv:2:1")
        expect(page.locator("h1")).to_be_visible()  # the page is still there under the panel
        _edit(glossary, BROKEN, GOOD)
        expect(page.locator(PROBLEMS)).to_have_count(0, timeout=180_000)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Find")
