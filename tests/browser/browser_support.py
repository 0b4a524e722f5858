"""Helpers shared by the real-browser tests: building and serving a site, reading the content
CSVs (and interface strings) the expectations are computed from, the privacy guard, and axe-core."""

from __future__ import annotations

import contextlib
import csv
import functools
import os
import shutil
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TODAY = "2026-11-28"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}
LOOPBACK = "127.0.0.1"
LANGUAGES = ("en", "fr")  # the default language first: it is served at /, the others at /<lang>/


# --- building and serving -------------------------------------------------------------------


def console_script() -> Path:
    script = Path(sys.executable).parent / "literacy-directory"
    found = script if script.is_file() else Path(shutil.which("literacy-directory") or "")
    assert found.is_file(), "the literacy-directory console script is not installed in this environment (pip install -e .)"
    return found


def build(site_dir: Path, project: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [str(console_script())]
    if project is not None:
        command += ["--project", str(project)]
    command += ["build", "--site-dir", str(site_dir)]
    env = {**os.environ, "LITERACY_DIRECTORY_TODAY": TODAY}
    return subprocess.run(command, cwd=project or REPO, env=env, capture_output=True, text=True, check=False, timeout=300)


class _Handler(SimpleHTTPRequestHandler):
    """Static files, with the site's 404.html for missing paths (like GitHub Pages)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    server = ThreadingHTTPServer((LOOPBACK, 0), functools.partial(_Handler, directory=str(site_dir)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- privacy guard --------------------------------------------------------------------------


@dataclass
class Guard:
    """Aborts and records every request (and WebSocket) to a host other than 127.0.0.1."""

    blocked: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)

    def install(self, context: Any) -> None:
        context.route("**/*", self._route)
        context.route_web_socket("**/*", self._web_socket)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname == LOOPBACK:
            self.allowed.append(url)
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def _web_socket(self, ws: Any) -> None:
        if urlsplit(ws.url).hostname == LOOPBACK:
            ws.connect_to_server()
        else:
            self.blocked.append(ws.url)
            ws.close()


# --- content the expectations come from -----------------------------------------------------


def prefix(lang: str) -> str:
    """The URL path prefix of a language's pages ("" for the default language, "/fr" for French)."""
    assert lang in LANGUAGES, lang
    return "" if lang == LANGUAGES[0] else f"/{lang}"


def read_yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def read_csv(content: Path, name: str) -> list[dict[str, str]]:
    with (content / f"{name}.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def split(cell: str) -> list[str]:
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def fold(text: str) -> str:
    """Like the finder's fold(): strip accents, lower-case."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)).lower()


@dataclass(frozen=True)
class Content:
    """The sample content, read straight from the CSVs (not through the package under test)."""

    root: Path
    PAGE_TYPES: ClassVar[tuple[str, ...]] = (
        "home",
        "finder",
        "finder_goal",
        "finder_list",
        "program",
        "paused_program",
        "retired_program",
        "organization",
        "site",
        "network",
        "networks",
        "columns",
        "protocol",
        "referrers",
        "glossary",
        "forms",
        "form",
        "plans",
        "plan",
        "about",
        "data",
        "404",
    )

    @functools.cached_property
    def all_programs(self) -> list[dict[str, str]]:
        """Every row of programs.csv, retired ones too (their pages stay)."""
        return read_csv(self.root, "programs")

    @functools.cached_property
    def programs(self) -> list[dict[str, str]]:
        """The current programs: the ones the finder, the lists and the search show."""
        return [p for p in self.all_programs if p["status"] != "retired"]

    @functools.cached_property
    def retired_programs(self) -> list[dict[str, str]]:
        return [p for p in self.all_programs if p["status"] == "retired"]

    @functools.cached_property
    def sites(self) -> dict[str, dict[str, str]]:
        return {row["id"]: row for row in read_csv(self.root, "sites")}

    @functools.cached_property
    def organizations(self) -> dict[str, dict[str, str]]:
        return {row["id"]: row for row in read_csv(self.root, "organizations")}

    @functools.cached_property
    def communities(self) -> dict[str, dict[str, str]]:
        return {row["id"]: row for row in read_csv(self.root, "communities")}

    @functools.cached_property
    def networks(self) -> list[dict[str, str]]:
        return read_csv(self.root, "networks")

    @functools.cached_property
    def form_ids(self) -> list[str]:
        return sorted(p.stem for p in (self.root / "forms").glob("*.yml"))

    @functools.cached_property
    def published_plans(self) -> list[str]:
        """``<network>/<year>`` of the plans with ``status: published`` (the ones with pages)."""
        plans = sorted((self.root / "plans").glob("*/*/plan.md"))
        return [
            f"{p.parent.parent.name}/{p.parent.name}" for p in plans if "\nstatus: published" in p.read_text(encoding="utf-8")
        ]

    @functools.cached_property
    def protocol_ids(self) -> list[str]:
        return sorted(p.stem for p in (self.root / "referral_protocols").glob("*.md") if not p.name.endswith(".fr.md"))

    def strings(self, lang: str) -> dict[str, str]:
        """The interface strings of a language (site_templates/i18n/<lang>.yml)."""
        return read_yaml(self.root.parent / "site_templates" / "i18n" / f"{lang}.yml")

    def nav_labels(self, lang: str) -> list[str]:
        """The top navigation's labels in a language: mkdocs.yml's nav, translated by the i18n
        plugin's nav_translations for the other languages."""
        # The round-trip loader keeps tags like site_url's !ENV instead of refusing them.
        config = YAML(typ="rt").load((self.root.parent / "mkdocs.yml").read_text(encoding="utf-8"))
        english = [next(iter(item)) for item in config["nav"]]
        if lang == LANGUAGES[0]:
            return english
        i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
        translations = next(entry for entry in i18n["languages"] if entry["locale"] == lang)["nav_translations"]
        return [translations[label] for label in english]

    @functools.cached_property
    def vocabularies(self) -> dict[str, dict[str, dict[str, str]]]:
        """vocabulary → code → row of schemas/vocabularies.csv."""
        found: dict[str, dict[str, dict[str, str]]] = {}
        for row in read_csv(self.root.parent / "schemas", "vocabularies"):
            found.setdefault(row["vocabulary"], {})[row["code"]] = row
        return found

    @staticmethod
    def text(record: dict[str, str], base: str, lang: str = "en") -> str:
        """A bilingual field in ``lang``; French falls back to the English text."""
        return (record.get(f"{base}_fr") if lang == "fr" else "") or record[f"{base}_en"]

    def program_communities(self, program: dict[str, str]) -> set[str]:
        """Communities of the program's sites, plus the ones it lists itself."""
        return {self.sites[s]["community_id"] for s in split(program["site_ids"])} | set(split(program["community_ids"]))

    def finder_values(self, program: dict[str, str]) -> dict[str, list[str]]:
        """The program's values for each finder filter (select name → codes)."""
        return {
            "community": sorted(self.program_communities(program)),
            "goal_path": split(program["goal_paths"]),
            "stream": split(program["stream"]),
            "language": split(program["languages"]),
            "delivery_mode": split(program["delivery_modes"]),
            "time_of_day": split(program["times_of_day"]),
            "training_support": split(program["training_supports"]),
            "intake_status": split(program["intake_status"]),
        }

    def search_text(self, program: dict[str, str], lang: str = "en") -> str:
        org = self.organizations[program["organization_id"]]
        parts = [self.text(program, "name", lang), self.text(org, "name", lang)]
        parts += [self.text(program, "summary", lang), self.text(program, "how_to_start", lang)]
        for site_id in split(program["site_ids"]):
            s = self.sites[site_id]
            parts.append(f"{self.text(s, 'name', lang)} {s['street_address']}, {s['city']} {s['postal_code']}")
        parts += [self.text(self.communities[c], "name", lang) for c in self.program_communities(program)]
        return fold(" ".join(parts))

    def expected_ids(self, filters: dict[str, str], lang: str = "en") -> set[str]:
        """Programs the finder of ``lang`` should show for ``filters`` (an empty value means any)."""
        found = set()
        for program in self.programs:
            values = self.finder_values(program)
            if any(code and code not in values[name] for name, code in filters.items() if name != "words"):
                continue
            words = fold(filters.get("words", "")).split()
            if all(word in self.search_text(program, lang) for word in words):
                found.add(program["id"])
        return found

    def count_text(self, count: int, lang: str = "en") -> str:
        """The finder's count line for ``count`` results, from the interface strings."""
        strings = self.strings(lang)
        if count == 0:
            return strings["finder_none"]
        return strings["finder_count_one"] if count == 1 else strings["finder_count_many"].replace("{count}", str(count))

    def page_paths(self, lang: str = "en") -> dict[str, str]:
        """One URL path of every page type in ``lang``, with ids taken from the content. (There
        is one 404 page, in the default language, for a missing path under any language.)"""
        with_site = next(p for p in self.programs if split(p["site_ids"]))
        site = self.sites[split(with_site["site_ids"])[0]]
        paths = {
            "home": "/",
            "finder": "/find/",
            "finder_goal": "/find/goals/employment/",
            "finder_list": f"/find/{site['community_id']}/employment/",
            "program": f"/programs/{with_site['id']}/",
            "paused_program": f"/programs/{next(p['id'] for p in self.programs if p['intake_status'] == 'paused')}/",
            "retired_program": f"/programs/{self.retired_programs[0]['id']}/",
            "organization": f"/organizations/{with_site['organization_id']}/",
            "site": f"/sites/{site['id']}/",
            "network": f"/networks/{self.networks[0]['id']}/",
            "networks": "/networks/",
            "columns": "/columns/",
            "protocol": f"/protocols/{self.protocol_ids[0]}/",
            "referrers": "/referrers/",
            "glossary": "/glossary/",
            "forms": "/forms/",
            "form": f"/forms/{self.form_ids[0]}/",
            "plans": "/plans/",
            "plan": f"/plans/{self.published_plans[0]}/",
            "about": "/about/",
            "data": "/data/",
            "404": "/no-such-page/",
        }
        assert tuple(paths) == self.PAGE_TYPES
        return {kind: prefix(lang) + path for kind, path in paths.items()}


# --- axe-core -------------------------------------------------------------------------------


def axe_violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now, one line per node."""
    assert AXE.is_file(), f"axe-core is missing at {AXE}: run npm ci"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("opts => axe.run(document, opts)", AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')!r}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


def wait_for_finder(page: Any) -> None:
    """The finder has read find/index.json and shown its results once."""
    page.wait_for_selector(".ld-finder.ld-enhanced[data-renders]", state="attached")
    page.wait_for_function("document.getElementById('ld-count').textContent.trim() !== ''")
