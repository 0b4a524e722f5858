"""Benchmark the site build (``literacy-directory build``) against a plain ``mkdocs build`` floor,
and measure what a browser transfers for the home and finder pages.

Usage (from the repository root)::

    python benchmarks/bench_site.py                          # sample,500,5000, 3 runs each
    python benchmarks/bench_site.py --sizes sample,500,5000 --repeat 3
    python benchmarks/bench_site.py --sizes tiny --repeat 1 --no-transfer     # quick mode, for tests
    python benchmarks/bench_site.py --profile                # + cProfile of the largest size
    git archive HEAD | tar -x -C /tmp/snap && python benchmarks/bench_site.py --source /tmp/snap   # a frozen commit

For every size the script writes a self-contained project under
``benchmarks/out/site/<size>/project/``: synthetic valid ``content/`` + ``schemas/`` from
``synthetic.write_project`` (the ``sample`` size is the repository's own ``content/``), plus
copies of the repository's ``site_templates/``, ``mkdocs.yml``, ``docs/.gitignore`` and the
hand-written ``content/`` folders the generator does not make (``pages/``, ``forms/`` ...). With
``--source``, all of these come from that checkout or export of another revision, whose ``build/``
then goes first on the children's PYTHONPATH. It then measures, in ONE run, each command in a
fresh subprocess, alternating (``benchmarks/harness.py``):

- full:  ``literacy-directory --project DIR build --site-dir OUT`` (check and generate the Markdown
  in the command's process, then ``mkdocs build --strict``, whose plugin is handed the pages). ``DIR/docs`` (but its .gitignore) and ``OUT`` are
  emptied before every run, outside the timing, so each run is a clean (CI-like) build; then
  ``os.sync()``, so that trimming the deleted files (the disk is mounted with ``discard``) is not
  billed to the next timed command.
- floor: ``python -m mkdocs build --strict -f floor/mkdocs-floor.yml -d OUT2`` over a copy of the
  Markdown the full build generated, with a copy of ``mkdocs.yml`` whose ``plugins:`` list drops
  ``- literacy-directory`` (search kept). The floor site is checked to be byte-identical to the full.

CPU = user + sys from ``resource.getrusage(RUSAGE_CHILDREN)`` deltas (the full build's mkdocs
grandchild included, as the CLI waits for it); peak RSS = ``ru_maxrss`` of the child from
``os.wait4`` (on Linux: the maximum over the child and its waited-for descendants, i.e. the larger
of the CLI process and its mkdocs subprocess, not their sum). Medians of ``--repeat`` runs.

Transfer: the built site is served by a local ``ThreadingHTTPServer`` on 127.0.0.1 and the home
page and finder page are each loaded in a fresh headless Chromium context (Playwright); every
same-site response URL is recorded (``page.on("response")``, cross-checked with the server's request
log), then each file is read from disk and gzipped at level 6, as a server would send it.

Targets: full/floor <= 1.25x in CPU and in peak RSS (judged at the synthetic sizes); at the sample
size the home page transfers <= 120 KB and the finder page <= 200 KB (1 KB = 1,000 bytes).

Output: a Markdown report on stdout, also written to ``benchmarks/out/site.md`` (raw samples in
``benchmarks/out/site.json``). Exit status 0 when measured, 2 when a build failed, 3 when another run
holds the work folder (``--workdir``, default ``benchmarks/out/site/``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import functools
import gzip
import io
import json
import os
import platform
import pstats
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import version
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote, urlsplit

# harness first: it re-runs this script with the project's virtual environment when needed.
from harness import OUT, REPO, VENV_BIN, Alternation, Sample, Series, child_env, run_measured, size_names, write_report

# isort: split
from synthetic import SAMPLE, TINY, Size, copy_sample, write_project

DEFAULT_WORK = OUT / "site"


@dataclass(frozen=True)
class Settings:
    """What the command line chose, passed to whatever needs it."""

    source: Path = REPO  # where templates, mkdocs.yml, content/, schemas/ and build/ come from (--source)
    keep_docs: bool = False  # --keep-docs: the rebuild case (docs/ already generated, the writer finds it unchanged)
    work: Path = DEFAULT_WORK  # --workdir


PYTHON = VENV_BIN / "python"

RATIO_TARGET = 1.3  # issue 14: the build with indexing within 1.3x of mkdocs build + Pagefind
HOME_TARGET_KB = 120
FINDER_TARGET_KB = 200
DEFAULT_SIZES = "sample,500,5000"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {"home": "/", "finder": "/find/"}  # + "program": the first program page of the site
SEARCH_WORD = "reading"  # a common word of the synthetic content (bench_check.WORDS_EN) and of the sample
SEARCH_TARGET_KB = 150

# The tests' tiny size, then proportions of bench_check's "province" size: 4 programs and 3 sites
# per organization, one community per 10 programs.
SIZES: dict[str, Size] = {
    s.name: s
    for s in (
        TINY,
        Size("500", 4, 50, 125, 375, 500, 30, 8, "500 programs, province proportions"),
        Size("5000", 16, 500, 1_250, 3_750, 5_000, 60, 20, "5,000 programs, province proportions"),
        Size("20000", 40, 2_000, 5_000, 15_000, 20_000, 60, 40, "20,000 programs, province proportions"),
    )
}

# ---------------------------------------------------------------------------------------------
# Projects
# ---------------------------------------------------------------------------------------------


def clear_docs(docs: Path) -> None:
    """Empty ``docs/`` but its .gitignore (the state of a fresh checkout)."""
    docs.mkdir(parents=True, exist_ok=True)
    for child in docs.iterdir():
        if child.name == ".gitignore":
            continue
        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()


NOT_COPIED = ("plans", "referral_protocols")


def make_project(name: str, root: Path, seed: int, today: dt.date, settings: Settings) -> tuple[dict[str, int], str]:
    if name == SAMPLE:
        counts, note = copy_sample(root, settings.source), "the repository's own content/"
    else:
        counts, note = write_project(SIZES[name], root, seed, today, settings.source), SIZES[name].note
        # Hand-written content the generator does not make (pages/, forms/ ...): copied as it is.
        # Plans and protocols name the sample's own agencies, so they stay out of synthetic content.
        for folder in sorted((settings.source / "content").iterdir()):
            if folder.is_dir() and folder.name not in NOT_COPIED and not (root / "content" / folder.name).exists():
                shutil.copytree(folder, root / "content" / folder.name)
    shutil.copytree(settings.source / "site_templates", root / "site_templates")
    shutil.copy2(settings.source / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").mkdir(exist_ok=True)
    shutil.copy2(settings.source / "docs" / ".gitignore", root / "docs" / ".gitignore")
    return counts, note


def floor_config(text: str) -> str:
    """mkdocs.yml with ``- literacy-directory`` (and any options nested under it) dropped from plugins."""
    lines, out, skip_indent = text.splitlines(keepends=True), [], None
    for line in lines:
        indent = len(line) - len(line.lstrip(" "))
        if skip_indent is not None:
            if line.strip() and indent > skip_indent:
                continue
            skip_indent = None
        if re.match(r"^\s*-\s*literacy-directory\s*:?\s*$", line):
            skip_indent = indent
            continue
        out.append(line)
    result = "".join(out)
    assert not re.search(r"^\s*-\s*literacy-directory\b", result, re.M), "could not drop the plugin from mkdocs.yml"
    return result


def make_floor(project: Path, floor: Path) -> Path:
    """A second project folder: the generated docs/, the theme overrides, mkdocs-floor.yml."""
    if floor.exists():
        shutil.rmtree(floor)
    floor.mkdir(parents=True)
    shutil.copytree(project / "docs", floor / "docs")
    shutil.copytree(project / "site_templates" / "overrides", floor / "site_templates" / "overrides")
    config = floor_config((project / "mkdocs.yml").read_text(encoding="utf-8"))
    # ``watch:`` paths (serve-only) must exist for the config to validate; empty folders do.
    in_watch = False
    for line in config.splitlines():
        if re.match(r"^watch\s*:", line):
            in_watch = True
            continue
        if in_watch:
            m = re.match(r"^\s+-\s*(\S+)", line)
            if m:
                (floor / m.group(1)).mkdir(parents=True, exist_ok=True)
            elif line.strip():
                in_watch = False
    path = floor / "mkdocs-floor.yml"
    path.write_text(config, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# Measurement
# ---------------------------------------------------------------------------------------------


@dataclass
class Result(Series):
    size: str
    counts: dict[str, int]
    note: str = ""
    full: list[Sample] = field(default_factory=list)
    floor: list[Sample] = field(default_factory=list)
    md_files: int = 0
    docs_files: int = 0
    html_pages: int = 0
    site_files: int = 0
    site_bytes: int = 0
    site_bytes_no_maps: int = 0
    floor_identical: str = ""
    transfer: dict[str, dict] = field(default_factory=dict)
    index: Sample | None = None
    lighthouse: dict[str, dict[str, float]] = field(default_factory=dict)
    json_sizes: dict[str, tuple[int, int]] = field(default_factory=dict)

    def ratio(self, attr: str) -> float:
        if attr == "rss_mb":
            return self.peak("full") / self.peak("floor")
        return self.median("full", attr) / self.median("floor", attr)


def env_for(today: dt.date, settings: Settings) -> dict[str, str]:
    extra = {"NO_MKDOCS_2_WARNING": "1", "LITERACY_DIRECTORY_TODAY": today.isoformat()}
    if settings.source != REPO:
        extra["PYTHONPATH"] = str(settings.source / "build")
    return child_env(extra)


def commands(size_dir: Path) -> dict[str, tuple[list[str], Path]]:
    project, floor = size_dir / "project", size_dir / "floor"
    return {
        "full": (
            [str(VENV_BIN / "literacy-directory"), "--project", str(project), "build", "--site-dir", str(size_dir / "site-full")],
            size_dir,
        ),
        # The floor is what the site needs without our code: MkDocs, then Pagefind on its output.
        "floor": (
            [
                "/bin/sh",
                "-c",
                f"{PYTHON} -m mkdocs build --strict -f {floor / 'mkdocs-floor.yml'} -d {size_dir / 'site-floor'} "
                f"&& {PYTHON} -m pagefind --site {size_dir / 'site-floor'} --output-subdir pagefind --quiet",
            ],
            floor,
        ),
    }


def prepare_run(which: str, size_dir: Path, settings: Settings) -> None:
    """Outside the timing: a clean docs/ and no previous site, so every run does the same work."""
    if which == "full":
        if not settings.keep_docs:
            clear_docs(size_dir / "project" / "docs")
        shutil.rmtree(size_dir / "site-full", ignore_errors=True)
        shutil.rmtree(size_dir / "site-full.old", ignore_errors=True)
    else:
        shutil.rmtree(size_dir / "site-floor", ignore_errors=True)
    # The disk is ext4 mounted with `discard`: deleting thousands of files leaves trimming work
    # that the next journal commit does, inside whichever timed command happens to run then (seen
    # as 1-2 s of system time moving between runs). Flush it here, outside the timing.
    os.sync()


def tree_stats(root: Path) -> tuple[int, int, int]:
    files = [p for p in root.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    no_maps = sum(p.stat().st_size for p in files if not p.name.endswith(".map"))
    return len(files), total, no_maps


def compare_sites(a: Path, b: Path) -> str:
    fa = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    fb = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    if fa != fb:
        return f"file lists differ ({len(fa ^ fb)} files, e.g. {sorted(fa ^ fb)[:3]})"
    differ = [f for f in sorted(fa) if (a / f).read_bytes() != (b / f).read_bytes()]
    return "identical" if not differ else f"{len(differ)} of {len(fa)} files differ (e.g. {differ[:3]})"


def measure(result: Result, size_dir: Path, repeat: int, env: dict[str, str], settings: Settings) -> bool:
    cmds, logs = commands(size_dir), settings.work / "logs"
    # Setup: one full build (unmeasured) whose Markdown the floor builds.
    prepare_run("full", size_dir, settings)
    setup = run_measured(cmds["full"][0], logs / f"{result.size}-full-setup.log", cmds["full"][1], env)
    print(f"  {result.size:6} setup full build: wall {setup.wall:.1f} s, exit {setup.rc}", file=sys.stderr, flush=True)
    if setup.rc != 0:
        return False
    project = size_dir / "project"
    result.docs_files = sum(1 for p in (project / "docs").rglob("*") if p.is_file() and p.name != ".gitignore")
    result.md_files = sum(1 for _ in (project / "docs").rglob("*.md"))
    make_floor(project, size_dir / "floor")

    def measure_one(which: str, i: int) -> Sample:
        prepare_run(which, size_dir, settings)
        cmd, cwd = cmds[which]
        return run_measured(cmd, logs / f"{result.size}-{which}-{i}.log", cwd, env)

    Alternation(result.size, ("full", "floor"), repeat, (6, 5)).run(result, measure_one)
    site = size_dir / "site-full"
    # Indexing alone (Pagefind over the built site, as the plugin runs it), once, after the timings.
    result.index = run_measured(
        [str(PYTHON), "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind"],
        logs / f"{result.size}-index.log",
        size_dir,
        env,
    )
    result.html_pages = sum(1 for _ in site.rglob("*.html"))
    result.site_files, result.site_bytes, result.site_bytes_no_maps = tree_stats(site)
    result.floor_identical = compare_sites(site, size_dir / "site-floor")
    for rel in ("find/index.json", "find/places.json", "search/words.json"):
        data = (site / rel).read_bytes() if (site / rel).is_file() else b""
        result.json_sizes[rel] = (len(data), len(gzip.compress(data, 6)) if data else 0)
    return result.codes("full") == {0} and result.codes("floor") == {0}


# ---------------------------------------------------------------------------------------------
# Transfer (headless Chromium)
# ---------------------------------------------------------------------------------------------


class QuietHandler(SimpleHTTPRequestHandler):
    requested: list[str]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.requested.append(self.path)  # type: ignore[attr-defined]
        super().do_GET()


def file_for(site: Path, url_path: str) -> Path | None:
    rel = unquote(urlsplit(url_path).path).lstrip("/")
    path = site / rel
    if path.is_dir() or rel == "" or rel.endswith("/"):
        path = path / "index.html"
    return path if path.is_file() else None


def kind_of(path: str) -> str:
    ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else "html"
    return {
        "html": "html",
        "css": "css",
        "js": "js",
        "json": "json",
        "png": "image",
        "svg": "image",
        "ico": "image",
        "jpg": "image",
        "webp": "image",
        "woff2": "font",
        "woff": "font",
    }.get(ext, ext)


def pages_of(site: Path) -> dict[str, str]:
    """The pages measured: home, finder, the first program page, and home plus one search."""
    programs = sorted(p.name for p in (site / "programs").iterdir() if (p / "index.html").is_file())
    return {**PAGES, "program": f"/programs/{programs[0]}/", "search": "/"}


def search_once(page: Any) -> None:
    """Open the site search and search for SEARCH_WORD, as a learner would (key by key)."""
    page.locator("[data-ld-search-open]").click()
    page.locator("#ld-search-input").press_sequentially(SEARCH_WORD, delay=50)
    page.locator(".ld-search__result").first.wait_for(timeout=60_000)
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=10_000)


def search_bytes(transfer: dict) -> tuple[int, int]:
    """(everything the search fetched, of which index chunks and fragments), gzip bytes."""
    fetched = [r for r in transfer["resources"] if r["url"].split("/")[-2:-1] == ["pagefind"] or "/pagefind/" in r["url"]]
    fetched += [r for r in transfer["resources"] if r["url"].endswith("/search/words.json")]
    index = [r for r in fetched if r["url"].rsplit(".", 1)[-1] in ("pf_index", "pf_fragment", "pf_meta", "pf_filter")]
    return sum(r["gzip"] for r in fetched), sum(r["gzip"] for r in index)


def _record(seen: list[tuple[int, str]], response: Any) -> None:
    seen.append((response.status, response.url))


def measure_transfer(site: Path) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415  (only needed for this measurement)

    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.requested = []  # type: ignore[attr-defined]
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{port}"
    out: dict[str, dict] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for name, path in pages_of(site).items():
                    context = browser.new_context()  # fresh profile: empty cache
                    page = context.new_page()
                    responses: list[tuple[int, str]] = []
                    page.on("response", functools.partial(_record, responses))
                    server.requested.clear()  # type: ignore[attr-defined]
                    page.goto(origin + path, wait_until="load")
                    with contextlib.suppress(Exception):
                        page.wait_for_load_state("networkidle", timeout=10_000)
                    if name == "search":
                        search_once(page)
                    page.wait_for_timeout(1_500)  # pumps Playwright's events (time.sleep would not)
                    context.close()
                    urls: dict[str, int] = {}
                    external: list[str] = []
                    for status, url in responses:
                        if url.startswith(origin):
                            urls.setdefault(urlsplit(url).path, status)
                        else:
                            external.append(url)
                    server_paths = {urlsplit(p).path for p in server.requested}  # type: ignore[attr-defined]
                    only_server = sorted(server_paths - set(urls))
                    for p in only_server:  # requested but not reported by page.on("response")
                        urls.setdefault(p, 0)
                    resources = []
                    for url_path in sorted(urls, key=lambda p: (p != path, p)):
                        f = file_for(site, url_path)
                        data = f.read_bytes() if f else b""
                        resources.append(
                            {
                                "url": url_path,
                                "status": urls[url_path],
                                "kind": kind_of(url_path),
                                "raw": len(data),
                                "gzip": len(gzip.compress(data, 6)) if f else 0,
                                "on_disk": bool(f),
                            }
                        )
                    out[name] = {
                        "path": path,
                        "resources": resources,
                        "external": external,
                        "only_in_server_log": only_server,
                        "raw": sum(r["raw"] for r in resources),
                        "gzip": sum(r["gzip"] for r in resources),
                    }
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


class GzipHandler(QuietHandler):
    """Static files sent gzip-compressed (level 6) when the browser accepts it, as any real host
    (GitHub Pages...) sends text; Pagefind's files are compressed already and go as they are."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        compressible = path.suffix in (".html", ".css", ".js", ".json", ".svg", ".xml")
        if not path.is_file() or not compressible or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def measure_lighthouse(site: Path, work: Path) -> dict[str, dict[str, float]]:
    """Lighthouse (npm, pinned in package.json) with the Debian Chromium, its default mobile
    emulation and simulated throttling, on home, finder and a program page: scores 0-100.
    Served with gzip, as a host would (Lighthouse otherwise bills the uncompressed bytes)."""
    cli = REPO / "node_modules" / ".bin" / "lighthouse"
    handler = functools.partial(GzipHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.requested = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    scores: dict[str, dict[str, float]] = {}
    try:
        for name, path in pages_of(site).items():
            if name == "search":
                continue
            out = work / f"lighthouse-{name}.json"
            flags = "--headless=new " + " ".join(CHROMIUM_ARGS)
            done = subprocess.run(
                [
                    str(cli),
                    origin + path,
                    "--quiet",
                    "--only-categories=performance,accessibility",
                    "--output=json",
                    f"--output-path={out}",
                    f"--chrome-flags={flags}",
                ],
                env={**os.environ, "CHROME_PATH": CHROMIUM},
                capture_output=True,
                text=True,
                check=False,
                timeout=300,
            )
            if done.returncode != 0 or not out.is_file():
                print(f"  lighthouse {name}: failed: {done.stderr[-500:]}", file=sys.stderr, flush=True)
                continue
            report = json.loads(out.read_text(encoding="utf-8"))
            scores[name] = {k: round(100 * (v["score"] or 0)) for k, v in report["categories"].items()}
    finally:
        server.shutdown()
        server.server_close()
    return scores


# ---------------------------------------------------------------------------------------------
# Profile
# ---------------------------------------------------------------------------------------------


def profile(size: str, size_dir: Path, env: dict[str, str], top: int = 15) -> str:
    """cProfile the mkdocs build with our plugin, the floor, and the CLI process around it."""
    project, floor = size_dir / "project", size_dir / "floor"
    runs = {
        "mkdocs build with the plugin (the full build's subprocess)": (
            [
                str(PYTHON),
                "-m",
                "cProfile",
                "-o",
                "{prof}",
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "-f",
                str(project / "mkdocs.yml"),
                "-d",
                str(size_dir / "site-prof"),
            ],
            project,
            True,
        ),
        "floor: mkdocs build without the plugin": (
            [
                str(PYTHON),
                "-m",
                "cProfile",
                "-o",
                "{prof}",
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "-f",
                str(floor / "mkdocs-floor.yml"),
                "-d",
                str(size_dir / "site-prof"),
            ],
            floor,
            False,
        ),
        "literacy-directory CLI process (its own work; the mkdocs subprocess shows as subprocess.run)": (
            [
                str(PYTHON),
                "-m",
                "cProfile",
                "-o",
                "{prof}",
                "-m",
                "literacy_directory.cli",
                "--project",
                str(project),
                "build",
                "--site-dir",
                str(size_dir / "site-prof"),
            ],
            size_dir,
            True,
        ),
    }
    buffer = io.StringIO()
    for i, (title, (cmd, cwd, clean)) in enumerate(runs.items()):
        prof = OUT / f"site-{size}-{i}.prof"
        if clean:
            clear_docs(project / "docs")
        shutil.rmtree(size_dir / "site-prof", ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(
            [c.replace("{prof}", str(prof)) for c in cmd],
            cwd=str(cwd),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        buffer.write(f"\n### {title} (size {size}, wall {time.perf_counter() - start:.1f} s under cProfile)\n\n```\n")
        stats = pstats.Stats(str(prof), stream=buffer)
        stats.sort_stats("cumulative").print_stats(top)
        buffer.write("```\n")
    shutil.rmtree(size_dir / "site-prof", ignore_errors=True)
    text = re.sub(r"\n{3,}", "\n\n", buffer.getvalue())
    (OUT / f"site-profile-{size}.md").write_text(text, encoding="utf-8")
    return text


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def kb(n: float) -> str:
    return f"{n / 1000:,.1f}"


def source_facts(settings: Settings) -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(settings.source), *args], capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    if settings.source == REPO:
        head = git("rev-parse", "--short", "HEAD") or "?"
        dirty = [line for line in git("status", "--porcelain", "--untracked-files=no").splitlines() if line.strip()]
        return f"working tree at {head}" + (f" with {len(dirty)} modified tracked file(s)" if dirty else " (clean)")
    return f"--source {settings.source} (PYTHONPATH={settings.source / 'build'})"


def machine_facts(settings: Settings) -> dict[str, str]:
    return {
        "source": source_facts(settings),
        "load_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "nproc": str(os.cpu_count()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "mkdocs": version("mkdocs"),
        "material": version("mkdocs-material"),
    }


def verdicts(r: Result) -> list[str]:
    out = []
    if r.full and r.floor and r.size != SAMPLE:
        for label, attr in (("CPU", "cpu"), ("peak RSS", "rss_mb")):
            ratio = r.ratio(attr)
            out.append(
                f"{label} full/floor {ratio:.2f}x {'<=' if ratio <= RATIO_TARGET else '>'} {RATIO_TARGET}x "
                f"({'met' if ratio <= RATIO_TARGET else 'MISSED'})"
            )
    if r.transfer and "search" in r.transfer:
        total, index = search_bytes(r.transfer["search"])
        out.append(
            f"one search: index + fragments {index / 1000:.1f} KB, everything {total / 1000:.1f} KB "
            f"{'<=' if index / 1000 <= SEARCH_TARGET_KB else '>'} {SEARCH_TARGET_KB} KB ({'met' if index / 1000 <= SEARCH_TARGET_KB else 'MISSED'})"
        )
    if r.transfer:
        for page, target in (("home", HOME_TARGET_KB), ("finder", FINDER_TARGET_KB)):
            if page in r.transfer:
                got = r.transfer[page]["gzip"] / 1000
                out.append(
                    f"{page} transfer {got:.1f} KB {'<=' if got <= target else '>'} {target} KB "
                    f"({'met' if got <= target else 'MISSED'})"
                )
    return out


def weight_markdown(results: list[Result]) -> list[str]:
    """The search budget table: what a phone downloads per page and per search, indexing time, Lighthouse."""
    lines = [
        "",
        f"## Page weight, one search for {SEARCH_WORD!r}, indexing, Lighthouse (mobile)",
        "",
        "| size | programs | home KB gz | finder KB gz | program page KB gz | one search KB gz (of which index + fragments) "
        "| index wall s | index CPU s | Lighthouse perf home / finder / program | a11y home / finder / program |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        t = r.transfer
        total, index = search_bytes(t["search"]) if "search" in t else (0, 0)
        lh = [r.lighthouse.get(p, {}) for p in ("home", "finder", "program")]
        perf = " / ".join(str(x.get("performance", "-")) for x in lh)
        a11y = " / ".join(str(x.get("accessibility", "-")) for x in lh)
        idx = r.index
        lines.append(
            f"| {r.size} | {r.counts.get('programs', 0):,} | {kb(t.get('home', {}).get('gzip', 0))} | {kb(t.get('finder', {}).get('gzip', 0))} "
            f"| {kb(t.get('program', {}).get('gzip', 0))} | {kb(total)} ({kb(index)}) | {idx.wall if idx else 0:.1f} | {idx.cpu if idx else 0:.1f} "
            f"| {perf} | {a11y} |"
        )
    return lines


def transfer_markdown(results: list[Result]) -> list[str]:
    lines = [
        "",
        "## Transfer per fresh page load (gzip -6 of every same-site response; KB = 1,000 bytes)",
        "",
        "| size | page | requests | HTML KB gz | CSS KB gz | JS KB gz | JSON KB gz | images KB gz | total KB gz | total KB raw |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for page, t in r.transfer.items():
            by: dict[str, int] = {}
            for res in t["resources"]:
                by[res["kind"]] = by.get(res["kind"], 0) + res["gzip"]
            lines.append(
                f"| {r.size} | {page} `{t['path']}` | {len(t['resources'])} | {kb(by.get('html', 0))} "
                f"| {kb(by.get('css', 0))} | {kb(by.get('js', 0))} | {kb(by.get('json', 0))} "
                f"| {kb(by.get('image', 0))} | **{kb(t['gzip'])}** | {kb(t['raw'])} |"
            )
    names = ("find/index.json", "find/places.json", "search/words.json")
    lines += ["", "| size | " + " | ".join(f"{n} KB raw | gz" for n in names) + " |", "|---" + "|---:|---:" * len(names) + "|"]
    for r in results:
        sizes = [r.json_sizes.get(n, (0, 0)) for n in names]
        lines.append(f"| {r.size} | " + " | ".join(f"{kb(raw)} | {kb(gz)}" for raw, gz in sizes) + " |")
    lines += ["", "<details><summary>Resources fetched</summary>", ""]
    for r in results:
        for page, t in r.transfer.items():
            items = ", ".join(
                f"`{x['url']}` {kb(x['gzip'])}"
                + ("" if x["on_disk"] else f" (not on disk, HTTP {x['status'] or '?'}; counted 0)")
                for x in t["resources"]
            )
            extra = ""
            if t["external"]:
                extra += f"; external (not counted): {', '.join(t['external'])}"
            if t["only_in_server_log"]:
                extra += f"; seen only in the server log: {', '.join(t['only_in_server_log'])}"
            lines.append(f"- {r.size} {page}: {items}{extra}")
    lines += ["", "</details>"]
    return lines


def markdown(
    results: list[Result],
    facts: dict[str, str],
    argv: list[str],
    repeat: int,
    today: dt.date,
    profile_text: str,
    settings: Settings,
) -> str:
    lines = [
        "# Site build: `literacy-directory build` vs plain `mkdocs build` floor, and page weight",
        "",
        f"Command: `python benchmarks/{Path(__file__).name} {' '.join(argv)}`".rstrip() + "  ",
        f"Machine: {facts['nproc']} CPUs, Python {facts['python']}, mkdocs {facts['mkdocs']}, "
        f"mkdocs-material {facts['material']}, {facts['platform']}  ",
        f"Code: {facts['source']}; load average at start {facts['load_start']}, at end {facts.get('load_end', '?')}  ",
        f"Run at {facts['date']} (LITERACY_DIRECTORY_TODAY={today.isoformat()}); median of {repeat} run(s) per command, "
        "each in a fresh process, alternating, "
        f"{'docs/ kept from the previous build (rebuild case)' if settings.keep_docs else 'docs/ emptied (as in CI)'} and no site dir "
        "before each run; CPU = user+sys from "
        "getrusage(RUSAGE_CHILDREN) deltas; RSS = the child's peak ru_maxrss (max over the process tree, not the sum).",
        "",
        "## Build time and memory",
        "",
        "| size | programs | full wall s | full CPU s (user+sys) | floor wall s | floor CPU s (user+sys) | CPU full/floor "
        "| wall full/floor | full peak RSS MB | floor peak RSS MB | RSS full/floor | exit full/floor |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        if not (r.full and r.floor):
            lines.append(
                f"| {r.size} | {r.counts.get('programs', 0):,} | build failed, see the logs/ folder beside the projects |||||||||| "
            )
            continue
        codes = f"{'/'.join(map(str, sorted(r.codes('full'))))} / {'/'.join(map(str, sorted(r.codes('floor'))))}"
        lines.append(
            f"| {r.size} | {r.counts.get('programs', 0):,} | {r.median('full', 'wall'):.2f} | {r.median('full', 'cpu'):.2f} "
            f"({r.median('full', 'user'):.2f}+{r.median('full', 'sys'):.2f}) | {r.median('floor', 'wall'):.2f} "
            f"| {r.median('floor', 'cpu'):.2f} ({r.median('floor', 'user'):.2f}+{r.median('floor', 'sys'):.2f}) | {r.ratio('cpu'):.2f}x "
            f"| {r.ratio('wall'):.2f}x | {r.peak('full'):.0f} | {r.peak('floor'):.0f} | {r.ratio('rss_mb'):.2f}x | {codes} |"
        )
    lines += [
        "",
        "## Generated output",
        "",
        "| size | generated files in docs/ | of which .md | HTML pages in site/ | files in site/ | site/ MB | site/ MB without .map "
        "| floor site vs full |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.size} | {r.docs_files:,} | {r.md_files:,} | {r.html_pages:,} | {r.site_files:,} "
            f"| {r.site_bytes / 1e6:.1f} | {r.site_bytes_no_maps / 1e6:.1f} | {r.floor_identical} |"
        )
    if any(r.transfer for r in results):
        lines += weight_markdown(results)
        lines += transfer_markdown(results)
    lines += ["", "Sizes:", ""]
    for r in results:
        counts = ", ".join(f"{k} {v:,}" for k, v in r.counts.items())
        lines.append(f"- **{r.size}**{f' ({r.note})' if r.note else ''}: {counts}")
    lines += [
        "",
        f"Targets (full/floor <= {RATIO_TARGET}x in CPU and peak RSS at the synthetic sizes; sample home "
        f"<= {HOME_TARGET_KB} KB, finder <= {FINDER_TARGET_KB} KB):",
        "",
    ]
    for r in results:
        for v in verdicts(r):
            lines.append(f"- {r.size}: {v}")
    if profile_text:
        lines += ["", "## Profiles (top cumulative)", profile_text]
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str], Settings]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"comma-separated, from: {SAMPLE}, {', '.join(SIZES)}")
    parser.add_argument("--repeat", type=int, default=3, help="measured runs per command and size (default 3)")
    parser.add_argument("--seed", type=int, default=20260401, help="seed of the synthetic content")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="date of the synthetic content (default today)")
    parser.add_argument("--no-transfer", action="store_true", help="skip the headless-browser transfer measurement")
    parser.add_argument(
        "--lighthouse", action="store_true", help="also run Lighthouse (mobile) on home, finder and a program page"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the builds of the largest size (top 15 cumulative)")
    parser.add_argument("--output", type=Path, default=OUT / "site.md", help="Markdown report (JSON beside it)")
    parser.add_argument(
        "--keep-docs",
        action="store_true",
        help="do not empty DIR/docs before each full build (rebuild case; default: clean, as in CI)",
    )
    parser.add_argument(
        "--workdir", type=Path, default=DEFAULT_WORK, help=f"where projects and sites go (default {DEFAULT_WORK})"
    )
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help="take site_templates/, mkdocs.yml, content/, schemas/ and build/ (on PYTHONPATH) from this "
        "checkout or export instead of the repository, e.g. a frozen `git archive` of a commit",
    )
    args = parser.parse_args(argv)
    settings = Settings(keep_docs=args.keep_docs, work=args.workdir.resolve())
    if args.source:
        source = args.source.resolve()
        settings = Settings(source=source, keep_docs=settings.keep_docs, work=settings.work)
        if not (source / "build" / "literacy_directory").is_dir() or not (source / "mkdocs.yml").is_file():
            parser.error(f"--source {source}: no build/literacy_directory or mkdocs.yml there")
    return args, size_names(parser, args, SAMPLE, SIZES), settings


def lock_workdir(work: Path) -> IO[str] | None:
    """An exclusive lock on ``work`` (kept while the returned file is open), or None when another
    run holds it: two runs sharing a work folder would overwrite each other's projects and sites."""
    work.mkdir(parents=True, exist_ok=True)
    lock = (work / ".lock").open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        return None
    return lock


def measure_sizes(
    names: list[str], args: argparse.Namespace, today: dt.date, settings: Settings
) -> tuple[list[Result], list[str]]:
    """Write the project of every size and time its builds; the sizes whose build failed."""
    env = env_for(today, settings)
    results: list[Result] = []
    failed = []
    for name in names:
        size_dir = settings.work / name
        started = time.perf_counter()
        counts, note = make_project(name, size_dir / "project", args.seed, today, settings)
        print(
            f"{name}: project written in {time.perf_counter() - started:.1f} s to {size_dir / 'project'}",
            file=sys.stderr,
            flush=True,
        )
        result = Result(name, counts, note)
        if not measure(result, size_dir, args.repeat, env, settings):
            failed.append(name)
        results.append(result)
    return results, failed


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args, names, settings = parse_args(argv)
    today = args.today or dt.date.today()
    facts = machine_facts(settings)
    lock = lock_workdir(settings.work)
    if lock is None:
        print(f"another bench_site.py run is using {settings.work}; wait for it or pass --workdir", file=sys.stderr)
        return 3
    # The lock is held until this function returns (the file stays open).
    results, failed = measure_sizes(names, args, today, settings)

    # Browser loads only after all timings, so Chromium never competes with a measured build.
    if not args.no_transfer:
        for r in results:
            site = settings.work / r.size / "site-full"
            if site.is_dir():
                print(f"{r.size}: measuring transfer", file=sys.stderr, flush=True)
                r.transfer = measure_transfer(site)
                if args.lighthouse:
                    print(f"{r.size}: Lighthouse", file=sys.stderr, flush=True)
                    r.lighthouse = measure_lighthouse(site, settings.work)

    profile_text = ""
    if args.profile:
        biggest = max((r for r in results if r.size not in failed), key=lambda r: r.counts.get("programs", 0), default=None)
        if biggest:
            print(f"{biggest.size}: profiling", file=sys.stderr, flush=True)
            profile_text = profile(biggest.size, settings.work / biggest.size, env_for(today, settings))

    facts["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    text = markdown(results, facts, argv, args.repeat, today, profile_text, settings)
    if failed:
        text += f"\n**A build failed for: {', '.join(failed)}** (see the logs/ folder beside the projects).\n"
    raw = {
        "facts": facts,
        "argv": argv,
        "today": today.isoformat(),
        "results": [{**asdict(r), "verdicts": verdicts(r)} for r in results],
    }
    write_report(args.output, text, raw)
    return 2 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
