"""Index a built site with Pagefind (the site search), one index per language.

Pagefind's binary comes from the pinned ``pagefind[bin]`` package and runs as
``python -m pagefind``: no Node, no download. It reads the built HTML, keeps only pages marked
``data-pagefind-body`` (see searchterms.py and the theme's main.html), and writes ``pagefind/``
into the site: the script, one index per ``<html lang>``, and the fragments a search fetches.
Light to import: the plugin imports it on every MkDocs start.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "pagefind"
# The default UI bundles Pagefind also writes: the site has its own search dialog (search.js).
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


@dataclass(frozen=True)
class IndexOutcome:
    ok: bool
    pages: int
    languages: int
    log: str

    def summary(self) -> str:
        return f"indexed {self.pages} pages in {self.languages} languages for the site search"


def pagefind_command(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE]


def index_site(site_dir: Path) -> IndexOutcome:
    """Run Pagefind on ``site_dir``; ``ok`` is False (with Pagefind's output) when it failed or
    indexed nothing."""
    try:
        done = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, check=False, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return IndexOutcome(False, 0, 0, f"could not run Pagefind: {exc}")
    log = done.stdout + done.stderr
    pages = _count(r"Indexed (\d+) pages?", log)
    languages = _count(r"Indexed (\d+) languages?", log)
    if done.returncode != 0 or pages == 0:
        return IndexOutcome(False, pages, languages, log)
    for name in UNUSED:
        (site_dir / BUNDLE / name).unlink(missing_ok=True)
    return IndexOutcome(True, pages, languages, log)


def _count(pattern: str, log: str) -> int:
    found = re.search(pattern, log)
    return int(found.group(1)) if found else 0
