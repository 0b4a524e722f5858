"""Smoke test of the benchmark's quick mode, run with the test suite so the benchmark keeps working."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_check", HERE / "bench_check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_check"] = module
    spec.loader.exec_module(module)
    return module


def test_quick_mode_measures_valid_synthetic_content(tmp_path: Path) -> None:
    bench = _bench()
    output = tmp_path / "check.md"
    assert bench.main(["--sizes", "tiny", "--repeat", "1", "--warmup", "0", "--output", str(output)]) == 0
    report = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    (tiny,) = report["results"]
    assert tiny["size"] == "tiny"
    assert [s["rc"] for s in tiny["check"]] == [0], "the synthetic content must pass check"
    assert [s["rc"] for s in tiny["frictionless"]] == [0], "the export descriptor must validate the same content"
    assert tiny["check"][0]["cpu"] > 0 and tiny["check"][0]["rss_mb"] > 0
    assert "| tiny |" in output.read_text(encoding="utf-8")


def test_generated_content_is_deterministic(tmp_path: Path) -> None:
    bench = _bench()
    today = dt.date(2026, 6, 1)
    bench.write_project(bench.SIZES["tiny"], tmp_path / "a", 1, today)
    bench.write_project(bench.SIZES["tiny"], tmp_path / "b", 1, today)
    for path in sorted((tmp_path / "a" / "content").rglob("*.*")):
        twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert path.read_bytes() == twin.read_bytes(), path.name
