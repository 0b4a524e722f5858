"""No page asks any host but the local server for anything (fonts, scripts, APIs, analytics).

Every browser test runs behind the guard (see conftest.py); this one visits every page type, in
each language, and waits for the network to go quiet, so late requests are caught too."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browser_support import LANGUAGES, Content, Guard
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_request_leaves_the_local_server(page: Page, guard: Guard, content: Content, lang: str) -> None:
    indexes = {}
    failed: list[tuple[int, str]] = []
    page.on(
        "response",
        lambda r: failed.append((r.status, r.url)) if r.status >= 400 and r.request.resource_type != "document" else None,
    )
    for kind, path in content.page_paths(lang).items():
        seen = len(guard.allowed)
        response = page.goto(path, wait_until="networkidle")
        assert response is not None
        assert response.status == (404 if kind == "404" else 200), kind
        assert guard.blocked == [], kind
        assert failed == [], f"{kind}: requests that failed (a wasted round trip on a phone)"
        indexes[kind] = {urlsplit(url).path for url in guard.allowed[seen:] if "/pagefind/" in url or "search/" in url}
    assert any(url.endswith(".css") for url in guard.allowed), "the guard saw no stylesheet: is it installed?"
    # No page downloads anything of the search before someone searches (test_search.py).
    assert indexes == {kind: set() for kind in indexes}
