"""Fixtures of the real-browser tests: the sample site built once and served on 127.0.0.1, the
system Chromium, and a guard that aborts (and fails the test on) any request to another host."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import AXE, CHROMIUM, CHROMIUM_ARGS, REPO, Content, Guard, serve

from build_support import BuiltSite


def _require_tools() -> None:
    # Missing tools are a failure, never a skip: these tests are the site's acceptance gate.
    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)"
    assert AXE.is_file(), f"{AXE} is missing: run npm ci"


@pytest.fixture(scope="session")
def content() -> Content:
    return Content(REPO / "content")


@pytest.fixture(scope="session")
def sample_site(built_site: BuiltSite) -> Path:
    """The sample site: the session's one build of the repository's content (tests/conftest.py)."""
    return built_site.site


@pytest.fixture(scope="session")
def base_url(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    _require_tools()
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture
def guard() -> Guard:
    return Guard()


@pytest.fixture
def new_context(new_context: Callable[..., Any], guard: Guard) -> Iterator[Callable[..., Any]]:
    """Every browser context of a test (``context``, ``page`` and any made with ``new_context``)
    goes through the guard; a test that sent any request off 127.0.0.1 fails at teardown."""

    def make(**kwargs: Any) -> Any:
        context = new_context(**kwargs)
        guard.install(context)
        return context

    yield make
    assert not guard.blocked, f"requests to hosts other than 127.0.0.1: {guard.blocked}"
