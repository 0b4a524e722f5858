"""The timing harness both benchmarks use (bench_check, bench_site): fresh-process runs measured
with ``os.wait4``, two commands alternated so drift hits both alike, medians, and the report
written as Markdown with the raw samples in JSON beside it.

Importing this module first makes a benchmark run with the project's virtual environment: when
the project's packages cannot be imported, the script is run again with ``.venv/bin/python``.

CPU = user + sys of the child and of every descendant it waited for (``getrusage(RUSAGE_CHILDREN)``
deltas around the run; for a child that starts no process of its own this is exactly its own
``os.wait4`` usage). Peak RSS = the child's ``ru_maxrss`` from ``os.wait4`` (on Linux: the largest
of the child and its waited-for descendants, not their sum).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
VENV_BIN = REPO / ".venv" / "bin"
PROJECT_PACKAGES = ("frictionless", "pydantic", "mkdocs", "literacy_directory")
DROPPED_VARIABLES = ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "PYTHONPROFILEIMPORTTIME", "PYTHONPATH")


def use_project_python() -> None:
    """Re-run this script with the project's virtual environment when its packages are missing."""
    if all(importlib.util.find_spec(name) is not None for name in PROJECT_PACKAGES):
        return
    venv_python = VENV_BIN / "python"
    if venv_python.is_file() and Path(sys.prefix).resolve() != (REPO / ".venv").resolve() and not os.environ.get("_BENCH_REEXEC"):
        os.environ["_BENCH_REEXEC"] = "1"
        os.execv(str(venv_python), [str(venv_python), *sys.argv])
    raise SystemExit(f"Run this with the project's virtual environment: {venv_python} {' '.join(sys.argv)}")


use_project_python()


@dataclass
class Sample:
    """One measured run of one command."""

    wall: float
    cpu: float
    user: float
    sys: float
    rss_mb: float
    rc: int


class Series:
    """Statistics over the samples a result holds, one list per command, named by the command."""

    def median(self, which: str, attr: str) -> float:
        return statistics.median(getattr(s, attr) for s in getattr(self, which))

    def peak(self, which: str) -> float:
        return max(s.rss_mb for s in getattr(self, which))

    def codes(self, which: str) -> set[int]:
        return {s.rc for s in getattr(self, which)}


def child_env(extra: dict[str, str]) -> dict[str, str]:
    """This process's environment without CI and profiling variables, with a fixed hash seed and
    ``extra`` on top."""
    env = {k: v for k, v in os.environ.items() if k not in DROPPED_VARIABLES}
    env["PYTHONHASHSEED"] = "0"
    env.update(extra)
    return env


def run_measured(cmd: list[str], log: Path, cwd: Path, env: dict[str, str]) -> Sample:
    """Run ``cmd`` in a fresh process, its output to ``log``; CPU and peak RSS as described above."""
    log.parent.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=str(cwd))
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc.returncode = rc = os.waitstatus_to_exitcode(status)
    user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
    return Sample(wall, user + system, user, system, usage.ru_maxrss / 1024, rc)  # Linux: KiB


@dataclass(frozen=True)
class Alternation:
    """Two commands measured ``repeat`` times each, alternating which goes first. ``label`` names
    the size in the progress lines; ``widths`` pads the size and the command name there."""

    label: str
    names: tuple[str, str]
    repeat: int
    widths: tuple[int, int]

    def run(self, result: Series, measure_one: Callable[[str, int], Sample]) -> None:
        """``measure_one(name, i)`` runs command ``name`` for the i-th time; its sample is appended
        to ``result.<name>``."""
        for i in range(self.repeat):
            order = self.names if i % 2 == 0 else self.names[::-1]
            for name in order:
                sample = measure_one(name, i)
                getattr(result, name).append(sample)
                self.progress(i, name, sample)

    def progress(self, i: int, name: str, sample: Sample) -> None:
        size_width, name_width = self.widths
        print(
            f"  {self.label:{size_width}} run {i + 1}/{self.repeat} {name:{name_width}} wall {sample.wall:7.2f} s  "
            f"cpu {sample.cpu:7.2f} s  rss {sample.rss_mb:6.0f} MB  exit {sample.rc}",
            file=sys.stderr,
            flush=True,
        )


def size_names(parser: argparse.ArgumentParser, args: argparse.Namespace, sample: str, known: dict[str, Any]) -> list[str]:
    """The sizes of ``--sizes`` (the sample or a known size), or a usage error; ``--repeat`` >= 1."""
    names = [n.strip() for n in args.sizes.split(",") if n.strip()]
    unknown = [n for n in names if n != sample and n not in known]
    if unknown or args.repeat < 1:
        parser.error(f"unknown size(s): {', '.join(unknown)}" if unknown else "--repeat must be >= 1")
    return names


def write_report(output: Path, text: str, raw: dict[str, Any]) -> None:
    """Print the Markdown report and write it to ``output``, the raw figures beside it as JSON."""
    print(text)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    output.with_suffix(".json").write_text(json.dumps(raw, indent=2), encoding="utf-8")
