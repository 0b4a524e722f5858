"""The site benchmark's transfer measurement (headless Chromium loading the home, finder and a program page
of the sample site, and one search) runs end to end, so it keeps working; its figures are judged in
benchmarks/RESULTS.md, not here."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from browser_support import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import bench_site

pytestmark = pytest.mark.browser


def test_transfer_is_measured_for_each_page_and_one_search(sample_site: Path) -> None:
    # In a thread of its own: the benchmark starts its own Playwright, which refuses to start on a
    # thread where pytest-playwright's event loop already runs.
    with ThreadPoolExecutor(max_workers=1) as pool:
        transfer = pool.submit(bench_site.measure_transfer, sample_site).result(timeout=300)
    pages = bench_site.pages_of(sample_site)  # home, finder, a program page, and home plus one search
    assert set(transfer) == set(pages)
    for name, page in transfer.items():
        first = page["resources"][0]
        assert (first["url"], first["status"], first["on_disk"]) == (pages[name], 200, True), page
        assert page["external"] == [], page["external"]
        assert 0 < page["gzip"] < page["raw"]
