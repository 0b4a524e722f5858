"""``literacy-directory serve`` rebuilds when a content file changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from build_support import REPO, TODAY, copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(predicate, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_a_csv_changes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    port = free_port()
    env = {**os.environ, "LITERACY_DIRECTORY_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "build")}
    command = [sys.executable, "-m", "literacy_directory.cli", "--project", str(project), "serve", "--port", str(port)]
    server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/glossary/"
        assert wait_for(lambda: (fetch(url) or "").count("Literacy and Basic Skills") > 0, 120), "serve did not start"
        glossary = project / "content" / "glossary.csv"
        glossary.write_text(
            glossary.read_text(encoding="utf-8").replace("Literacy and Basic Skills", "Literacy and Basic Skills (edited)", 1),
            encoding="utf-8",
        )
        assert wait_for(lambda: "(edited)" in (fetch(url) or ""), 120), "serve did not rebuild after the CSV edit"
    finally:
        server.terminate()
        server.wait(timeout=30)
