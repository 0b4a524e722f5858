"""Smoke test of the finder benchmark on the sample content, so it keeps working: it builds the
site, weighs the first load and times updates on a throttled CPU in Chromium.

The benchmark runs as its own process, as a person runs it: pytest-playwright keeps an asyncio loop
running in this one once a browser test has run, and Playwright's sync API refuses to start there."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
pytestmark = pytest.mark.browser


def test_sample_is_measured(tmp_path: Path) -> None:
    output = tmp_path / "finder.md"
    args = ["--sizes", "sample", "--repeat", "2", "--workdir", str(tmp_path / "work"), "--output", str(output)]
    run = subprocess.run(
        [sys.executable, str(HERE / "bench_finder.py"), *args], check=False, capture_output=True, text=True, timeout=900
    )
    assert run.returncode == 0, run.stdout + run.stderr
    sample = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))["sample"]
    urls = {f["url"] for f in sample["first_load_place"]["files"]}
    assert "/find/index.json" in urls and any(u.startswith("/find/data/") for u in urls)
    assert 0 < sample["first_load"]["own"] <= sample["first_load"]["gzip"]
    assert len(sample["goal_ms"]) == 2 and all(ms > 0 for ms in sample["goal_ms"] + sample["place_ms"])
    assert sample["results_shown"] > 0
    assert "| sample |" in output.read_text(encoding="utf-8")
