"""Smoke test of the finder benchmark on the sample content, so it keeps working: it builds the
site, weighs the first load and times updates on a throttled CPU in Chromium."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
pytestmark = pytest.mark.browser


def _bench():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(HERE))
    spec = importlib.util.spec_from_file_location("bench_finder", HERE / "bench_finder.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_is_measured(tmp_path: Path) -> None:
    bench = _bench()
    output = tmp_path / "finder.md"
    assert bench.main(["--sizes", "sample", "--repeat", "2", "--workdir", str(tmp_path / "work"), "--output", str(output)]) == 0
    sample = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))["sample"]
    urls = {f["url"] for f in sample["first_load_place"]["files"]}
    assert "/find/index.json" in urls and any(u.startswith("/find/data/") for u in urls)
    assert 0 < sample["first_load"]["own"] <= sample["first_load"]["gzip"]
    assert len(sample["goal_ms"]) == 2 and all(ms > 0 for ms in sample["goal_ms"] + sample["place_ms"])
    assert sample["results_shown"] > 0
    assert "| sample |" in output.read_text(encoding="utf-8")
