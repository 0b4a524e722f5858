"""The site works at a public address under a path (``https://<org>.github.io/literacy-directory/``):
built with that ``site_url`` and served under that path only, every internal ``href`` and ``src`` of
every page in both languages answers 200 and stays inside the path; canonical links, the sitemap
and its hreflang alternates name the public address."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import pytest

from build_support import REPO as ROOT
from build_support import TODAY, copy_project

BASE_PATH = "/literacy-directory/"
LINK_ATTRIBUTES = {"href", "src", "action", "data-base"}
SKIPPED_SCHEMES = ("mailto:", "sms:", "tel:", "javascript:", "data:")


class _UnderPath(SimpleHTTPRequestHandler):
    """The site's files under BASE_PATH only; anything else is a 404, as on a project site."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(BASE_PATH):
            return str(Path(self.directory) / ".not-under-the-base-path")
        return super().translate_path("/" + path[len(BASE_PATH) :])


@dataclass
class Served:
    site: Path
    base: str  # http://127.0.0.1:PORT/literacy-directory/


@contextlib.contextmanager
def listening() -> Iterator[ThreadingHTTPServer]:
    """A server bound before the build (the build needs its port), serving once started."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_UnderPath, directory="/nonexistent"))
    server.daemon_threads = True
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def build_under(project: Path, site_url: str) -> Path:
    site = project / "site"
    command = [sys.executable, "-m", "literacy_directory.cli", "--project", str(project), "build", "--site-dir", str(site)]
    env = {
        **os.environ,
        "LITERACY_DIRECTORY_TODAY": TODAY,
        "LITERACY_DIRECTORY_SITE_URL": site_url,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(ROOT / "build"),
    }
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return site


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with listening() as server:
        base = f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
        site = build_under(copy_project(tmp_path_factory.mktemp("subpath")), base)
        server.RequestHandlerClass = functools.partial(_UnderPath, directory=str(site))  # type: ignore[assignment]
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield Served(site, base)


class _Links(HTMLParser):
    def __init__(self, attributes: set[str] = LINK_ATTRIBUTES) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes = attributes
        self.links: list[str] = []
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") == "canonical":
            self.canonical = found.get("href")
        self.links.extend(v for k, v in attrs if k in self.attributes and v)


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def page_urls(served: Served) -> list[str]:
    """Every HTML page of the built site (both languages), as its address under the base path."""
    urls = []
    for path in sorted(served.site.rglob("*.html")):
        rel = path.relative_to(served.site).as_posix()
        urls.append(served.base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return urls


def internal(url: str, served: Served) -> bool:
    return urlsplit(url).netloc == urlsplit(served.base).netloc


def without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


@pytest.fixture(scope="module")
def crawl(served: Served) -> dict[str, list[str]]:
    """page address → the internal addresses it links to (fragments dropped)."""
    found: dict[str, list[str]] = {}
    for url in page_urls(served):
        status, body = fetch(url)
        assert status == 200, url
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        targets = [urljoin(url, link) for link in parser.links if not link.startswith(SKIPPED_SCHEMES)]
        found[url] = [without_fragment(t) for t in targets if internal(t, served)]
        if parser.canonical is not None and not url.endswith("404.html"):
            assert parser.canonical == url, f"canonical of {url} is {parser.canonical}"
    return found


def test_both_languages_are_crawled(crawl: dict[str, list[str]], served: Served) -> None:
    french = [u for u in crawl if u.startswith(served.base + "fr/")]
    assert len(french) > 20 and len(crawl) - len(french) > 20


def test_no_link_escapes_the_base_path(crawl: dict[str, list[str]], served: Served) -> None:
    escaping = {(page, t) for page, targets in crawl.items() for t in targets if not t.startswith(served.base)}
    assert sorted(escaping) == []


def test_no_internal_link_is_broken(crawl: dict[str, list[str]], served: Served) -> None:
    broken: dict[str, list[str]] = {}
    for target in sorted({t for targets in crawl.values() for t in targets if t.startswith(served.base)}):
        status, _ = fetch(target)
        if status != 200:
            broken[target] = [page for page, targets in crawl.items() if target in targets][:3]
    assert broken == {}


def test_the_finders_data_is_beside_each_finder(served: Served) -> None:
    for lang in ("", "fr/"):
        for name in ("index", "places"):
            status, body = fetch(f"{served.base}{lang}find/{name}.json")
            assert status == 200 and body.startswith(b"{")


def test_the_sitemap_and_hreflang_alternates_name_the_public_address(served: Served) -> None:
    sitemap = (served.site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    alternates = re.findall(r'hreflang="[^"]+" href="([^"]+)"', sitemap)
    assert locations and alternates
    assert [u for u in locations + alternates if not u.startswith(served.base)] == []
    assert served.base + "fr/" in alternates


def test_every_page_has_the_footer_in_its_language(crawl: dict[str, list[str]], served: Served) -> None:
    for url, targets in crawl.items():
        if url.endswith("404.html"):
            continue
        root = served.base + ("fr/" if url.startswith(served.base + "fr/") else "")
        expected = [root + path for path in ("about/", "privacy/", "data/", "networks/")]
        assert [t for t in targets if t in expected][-4:] == expected, url


# --- the pull-request preview, browsed from the disk ---------------------------------------------


def local_targets(page: Path) -> list[str]:
    """The page's links to files of the site (data-base is a prefix for the finder's script, not a link)."""
    parser = _Links(attributes=LINK_ATTRIBUTES - {"data-base"})
    parser.feed(page.read_text(encoding="utf-8"))
    return [link for link in parser.links if not link.startswith((*SKIPPED_SCHEMES, "#", "http:", "https:", "//"))]


def test_the_preview_can_be_browsed_from_the_disk(served: Served, tmp_path: Path) -> None:
    """What file:// does: every relative link of every page names an existing file."""
    preview = tmp_path / "preview"
    shutil.copytree(served.site, preview)
    command = [sys.executable, "-m", "literacy_directory.site.preview", str(preview), BASE_PATH]
    assert subprocess.run(command, check=False).returncode == 0
    missing = []
    for page in sorted(preview.rglob("*.html")):
        if page.name == "404.html":
            continue  # absolute paths by design: a server shows it for any address
        for link in local_targets(page):
            target = (page.parent / link.split("#")[0].split("?")[0]).resolve()
            if not target.is_file():
                missing.append((page.relative_to(preview).as_posix(), link))
    assert missing == [], missing[:12]
    before = sum(1 for page in served.site.rglob("*.html") for link in local_targets(page) if link.endswith("/"))
    assert before > 100, "the built site links folders: the check above is not empty"
