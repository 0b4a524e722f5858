"""``serve`` never leaves the browser waiting: content errors are listed on the preview's pages
until they are fixed, and stopping ``serve`` stops its ``mkdocs serve`` too."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from build_support import REPO, TODAY, copy_project
from test_cli_serve import fetch, free_port, wait_for

GOOD = "lbs,LBS,AFB,Literacy and Basic Skills,"
BROKEN = "LBS,LBS,AFB,Literacy and Basic Skills,"  # an id in capitals: a located error


@contextmanager
def serving(project: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    port = free_port()
    env = {**os.environ, "LITERACY_DIRECTORY_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "build")}
    command = [sys.executable, "-m", "literacy_directory.cli", "--project", str(project), "serve", "--port", str(port)]
    server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield server, port
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=30)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(page: str | None) -> bool:
    return page is not None and 'class="ld-problems"' in page and "content/glossary.csv:2:1" in page


def test_errors_are_shown_on_the_page_until_fixed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    glossary = project / "content" / "glossary.csv"
    with serving(project) as (_, port):
        url = f"http://127.0.0.1:{port}/glossary/"
        assert wait_for(lambda: "Literacy and Basic Skills" in (fetch(url) or ""), 180), "serve did not start"
        _edit(glossary, GOOD, BROKEN)
        assert wait_for(lambda: _problems(fetch(url)), 180), "the page did not list the problem"
        page = fetch(url) or ""
        assert "hint" not in page or "<em>" in page  # the hint is shown, as text
        _edit(glossary, BROKEN, GOOD)
        assert wait_for(lambda: 'class="ld-problems"' not in (fetch(url) or "ld-problems"), 180), "the site did not come back"


def test_a_preview_started_with_errors_shows_them_then_the_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    glossary = project / "content" / "glossary.csv"
    _edit(glossary, GOOD, BROKEN)
    with serving(project) as (_, port):
        home = f"http://127.0.0.1:{port}/"
        assert wait_for(lambda: _problems(fetch(home)), 180), "the first page did not list the problem"
        _edit(glossary, BROKEN, GOOD)
        assert wait_for(lambda: "Find a program" in (fetch(home) or "") and not _problems(fetch(home)), 180)


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_stopping_serve_stops_mkdocs(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    with serving(project) as (server, port):
        assert wait_for(lambda: fetch(f"http://127.0.0.1:{port}/") is not None, 180), "serve did not start"
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        assert wait_for(lambda: not _port_open(port), 30), "mkdocs serve still holds the port"
