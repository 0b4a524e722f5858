"""The benchmarks run end to end in quick mode (the tiny synthetic size, one run, no warm-up), so
they keep working; their figures are not judged here (see benchmarks/RESULTS.md)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from check_support import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import bench_check
import bench_site
import synthetic


def test_check_bench_measures_valid_synthetic_content(tmp_path: Path) -> None:
    output = tmp_path / "check.md"
    assert bench_check.main(["--sizes", "tiny", "--repeat", "1", "--warmup", "0", "--output", str(output)]) == 0
    report = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    (tiny,) = report["results"]
    assert tiny["size"] == "tiny"
    assert [s["rc"] for s in tiny["check"]] == [0], "the synthetic content must pass check"
    assert [s["rc"] for s in tiny["frictionless"]] == [0], "the export descriptor must validate the same content"
    assert tiny["check"][0]["cpu"] > 0 and tiny["check"][0]["rss_mb"] > 0
    assert "| tiny |" in output.read_text(encoding="utf-8")


def test_site_bench_builds_and_compares_with_the_floor(tmp_path: Path) -> None:
    output = tmp_path / "site.md"
    argv = ["--sizes", "tiny", "--repeat", "1", "--no-transfer", "--workdir", str(tmp_path / "work"), "--output", str(output)]
    assert bench_site.main(argv) == 0
    report = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    (tiny,) = report["results"]
    assert [s["rc"] for s in tiny["full"]] == [0] and [s["rc"] for s in tiny["floor"]] == [0]
    assert tiny["full"][0]["cpu"] > 0 and tiny["floor"][0]["rss_mb"] > 0
    assert tiny["floor_identical"], "the floor site is compared with the full one"
    assert tiny["counts"]["programs"] == synthetic.TINY.programs and tiny["html_pages"] > 0
    assert "| tiny |" in output.read_text(encoding="utf-8")


def test_a_second_site_bench_on_the_same_workdir_is_refused(tmp_path: Path) -> None:
    held = bench_site.lock_workdir(tmp_path)
    assert held is not None
    with held:
        assert bench_site.main(["--sizes", "tiny", "--workdir", str(tmp_path), "--output", str(tmp_path / "x.md")]) == 3


def test_generated_content_is_deterministic(tmp_path: Path) -> None:
    today = dt.date(2026, 6, 1)
    synthetic.write_project(synthetic.TINY, tmp_path / "a", 1, today)
    synthetic.write_project(synthetic.TINY, tmp_path / "b", 1, today)
    for path in sorted((tmp_path / "a" / "content").rglob("*.*")):
        twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert path.read_bytes() == twin.read_bytes(), path.name


def test_another_source_is_passed_not_patched_in(tmp_path: Path) -> None:
    """``--source`` reaches the synthetic writer as an argument: nothing is assigned into a module."""
    source = tmp_path / "source"
    (source / "schemas").mkdir(parents=True)
    for name in ("datapackage.json", "vocabularies.csv"):
        (source / "schemas" / name).write_bytes((REPO / "schemas" / name).read_bytes())
    counts = synthetic.copy_sample(tmp_path / "project", source)
    assert (tmp_path / "project" / "content").is_dir() and counts["referral_protocols"] == 0
    assert synthetic.REPO == REPO
