"""Benchmark the program finder in a real browser on a slow phone's CPU: what its first load
weighs (gzip) and how long it takes to update the results after a change.

Usage (from the repository root)::

    python benchmarks/bench_finder.py                      # sizes sample,500,5000
    python benchmarks/bench_finder.py --sizes 500 --repeat 5

For every size it writes the project with ``bench_site.make_project`` (the synthetic generator of
``bench_check``, with its places and sites near their community's centre; ``sample`` is the
repository's own content), builds it once with ``literacy-directory build``, serves the site on
127.0.0.1 and opens it in headless Chromium with the CPU slowed four times
(CDP ``Emulation.setCPUThrottlingRate``, rate 4):

- first load: every same-site response of a fresh load of ``/find/`` (no place yet), and of
  ``/find/?near=<a place>`` (the page, its index and the files of the communities near the place),
  each file gzipped at level 6 as a server would send it;
- update: on ``/find/?near=<a place>``, once the page has drawn the previous results, the time
  from a change of the goal (then of "what I want to learn") to the finder's ``ld-finder-updated``
  event, which it dispatches once the new results are in the page, and to the next frame after it
  (the results drawn: style and layout included); ``performance.now()`` in the page, so throttled
  like the page. The same for a new place (which fetches the files of the communities near it).
  Medians of ``--repeat`` changes.

Targets at 5,000 programs: first load <= 200 KB gzip; an update < 100 ms.

Output: a Markdown report on stdout, also written to ``benchmarks/out/finder.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import gzip
import json
import statistics
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_site  # (re-execs with the venv's Python if needed, through bench_check)
from bench_site import CHROMIUM, CHROMIUM_ARGS, QuietHandler, file_for, make_project
from harness import OUT, VENV_BIN
from synthetic import SAMPLE

FIRST_LOAD_TARGET_KB = 200
UPDATE_TARGET_MS = 100
THROTTLING = 4
GOALS = ("employment", "secondary_school_credit", "independence", "postsecondary", "apprenticeship", "")
LEARN = ("computers", "reading", "english_for_work", "")

# In the page, on a settled page (the previous update drawn: a person changes something once they
# see the results): make a change, wait for the finder's event (the new results are in the page),
# then for the next frame after it (the results drawn). Both times, in ms, from the change.
SETTLE = "await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))));"
DRAWN = "await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));"
CHANGE = (
    """async ([id, value]) => {
  const select = document.getElementById(id), root = document.querySelector('.ld-finder');
  """
    + SETTLE
    + """
  let shown = 0;
  const done = new Promise(resolve => root.addEventListener('ld-finder-updated', () => { shown = performance.now(); resolve(); }, {once: true}));
  const start = performance.now();
  select.value = value;
  select.dispatchEvent(new Event('change', {bubbles: true}));
  await done;
  """
    + DRAWN
    + """
  return [shown - start, performance.now() - start];
}"""
)
NEW_PLACE = (
    """async (text) => {
  const input = document.getElementById('ld-near'), root = document.querySelector('.ld-finder');
  """
    + SETTLE
    + """
  let shown = 0;
  const done = new Promise(resolve => root.addEventListener('ld-finder-updated', () => { shown = performance.now(); resolve(); }, {once: true}));
  const start = performance.now();
  input.value = text;
  input.form.requestSubmit();
  await done;
  """
    + DRAWN
    + """
  return [shown - start, performance.now() - start];
}"""
)


def build(name: str, work: Path, today: dt.date) -> Path:
    root = work / name
    project = root / "project"
    make_project(name, project, 20260101, today, bench_site.Settings())
    site = root / "site"
    cmd = [str(VENV_BIN / "literacy-directory"), "--project", str(project), "build", "--site-dir", str(site)]
    done = subprocess.run(cmd, env=bench_site.env_for(today, bench_site.Settings()), capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"build of {name} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return site


def places_to_try(site: Path, count: int) -> list[str]:
    places = json.loads((site / "find" / "places.json").read_text(encoding="utf-8"))
    names = sorted({row[0] for row in places["places"]})
    step = max(1, len(names) // count)
    return names[::step][:count]


def site_search(url: str) -> bool:
    """Material's lunr search (its index and worker), loaded on every page: the site search's
    weight, not the finder's (another change replaces it with Pagefind, which loads on use)."""
    return url.endswith("search_index.json") or "/workers/search." in url


def weigh(site: Path, urls: list[str]) -> dict[str, Any]:
    files = []
    for url in sorted(set(urls)):
        path = file_for(site, url)
        data = path.read_bytes() if path else b""
        files.append({"url": url, "raw": len(data), "gzip": len(gzip.compress(data, 6)) if data else 0})
    own = [f for f in files if not site_search(f["url"])]
    return {
        "files": files,
        "raw": sum(f["raw"] for f in files),
        "gzip": sum(f["gzip"] for f in files),
        "own": sum(f["gzip"] for f in own),
    }


def load(browser: Any, origin: str, path: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLING})
    seen: list[str] = []
    page.on("response", lambda r: seen.append(urlsplit(r.url).path) if r.url.startswith(origin) else None)
    page.goto(origin + path, wait_until="load")
    page.wait_for_selector(".ld-finder[data-renders]", state="attached", timeout=60_000)
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=10_000)
    return context, page, seen


def measure_site(site: Path, repeat: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415  (only needed for this measurement)

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    server.requested = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    places = places_to_try(site, repeat + 1)
    out: dict[str, Any] = {"places": places}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context, _, seen = load(browser, origin, "/find/")
            out["first_load"] = weigh(site, seen)
            context.close()
            context, page, seen = load(browser, origin, f"/find/?near={quote(places[0])}")
            out["first_load_place"] = weigh(site, seen)
            for key, times in (
                ("goal", [page.evaluate(CHANGE, ["ld-goal_path", GOALS[i % len(GOALS)]]) for i in range(repeat)]),
                ("learn", [page.evaluate(CHANGE, ["ld-learn", LEARN[i % len(LEARN)]]) for i in range(repeat)]),
                ("place", [page.evaluate(NEW_PLACE, place) for place in places[1 : repeat + 1]]),
            ):
                out[f"{key}_ms"] = [shown for shown, _ in times]
                out[f"{key}_drawn_ms"] = [drawn for _, drawn in times]
            out["results_shown"] = page.locator("#ld-results li.ld-result").count()
            context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def kb(n: float) -> str:
    return f"{n / 1000:.1f}"


def markdown(results: dict[str, dict[str, Any]], repeat: int) -> str:
    lines = [
        f"## Finder: first load and updates (Chromium, CPU throttled x{THROTTLING}, 390 px; medians of {repeat})",
        "",
        "| size | first load `/find/` KB gz (files) | without site search | with a place KB gz (files) | without site search "
        "| goal change ms (drawn) | learn change ms (drawn) | new place ms (drawn) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, r in results.items():
        lines.append(
            f"| {size} | {kb(r['first_load']['gzip'])} ({len(r['first_load']['files'])}) | **{kb(r['first_load']['own'])}** "
            f"| {kb(r['first_load_place']['gzip'])} ({len(r['first_load_place']['files'])}) | **{kb(r['first_load_place']['own'])}** "
            + "".join(
                f"| {statistics.median(r[f'{k}_ms']):.1f} ({statistics.median(r[f'{k}_drawn_ms']):.1f}) "
                for k in ("goal", "learn", "place")
            )
            + "|"
        )
    lines += ["", "Targets at 5,000 programs:"]
    big = results.get("5000")
    if big:
        first = max(big["first_load"]["own"], big["first_load_place"]["own"]) / 1000
        whole = max(big["first_load"]["gzip"], big["first_load_place"]["gzip"]) / 1000
        update = max(statistics.median(big[f"{k}_ms"]) for k in ("goal", "learn", "place"))
        lines.append(
            f"- first load <= {FIRST_LOAD_TARGET_KB} KB gzip: {first:.1f} KB without the site search, "
            f"{'met' if first <= FIRST_LOAD_TARGET_KB else 'NOT met'} ({whole:.1f} KB with Material's lunr index)"
        )
        lines.append(
            f"- update after a change < {UPDATE_TARGET_MS} ms: {update:.1f} ms, {'met' if update < UPDATE_TARGET_MS else 'NOT met'}"
        )
    lines += ["", "<details><summary>Files of each first load (KB gz)</summary>", ""]
    for size, r in results.items():
        for which in ("first_load", "first_load_place"):
            lines.append(f"- {size} {which}: " + ", ".join(f"`{f['url']}` {kb(f['gzip'])}" for f in r[which]["files"]))
    lines += ["", "</details>", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=f"{SAMPLE},500,5000")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--workdir", type=Path, default=OUT / "finder")
    parser.add_argument("--output", type=Path, default=OUT / "finder.md", help="the report (and its .json beside it)")
    args = parser.parse_args(argv)
    today = dt.date.today()
    results = {}
    for name in args.sizes.split(","):
        print(f"{name}: building", file=sys.stderr, flush=True)
        site = build(name, args.workdir, today)
        print(f"{name}: measuring", file=sys.stderr, flush=True)
        results[name] = measure_site(site, args.repeat)
    report = markdown(results, args.repeat)
    print(report)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    args.output.with_suffix(".json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    assert bench_site  # imported for its re-exec into the venv
    raise SystemExit(main())
