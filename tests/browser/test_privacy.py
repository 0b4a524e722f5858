"""No page asks any host but the local server for anything (fonts, scripts, APIs, analytics).

Every browser test runs behind the guard (see conftest.py); this one visits every page type and
waits for the network to go quiet, so late requests are caught too."""

from __future__ import annotations

import pytest
from browser_support import Guard
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_no_request_leaves_the_local_server(page: Page, guard: Guard, page_paths: dict[str, str]) -> None:
    for kind, path in page_paths.items():
        response = page.goto(path, wait_until="networkidle")
        assert response is not None
        assert response.status == (404 if kind == "404" else 200), kind
        assert guard.blocked == [], kind
    assert any(url.endswith(".css") for url in guard.allowed), "the guard saw no stylesheet: is it installed?"
    assert any(url.endswith("search_index.json") for url in guard.allowed)
