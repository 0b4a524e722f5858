"""Benchmark ``literacy-directory check`` against raw ``frictionless`` validation of the same data.

Usage (from the repository root)::

    python benchmarks/bench_check.py                       # sample,small,province,large, 3 runs each
    python benchmarks/bench_check.py --sizes small,province,large --repeat 3
    python benchmarks/bench_check.py --sizes tiny --repeat 1 --warmup 0   # quick mode, for tests

For every size the script writes a self-contained project under ``benchmarks/out/projects/<size>/``
(a copy of ``schemas/``, synthetic valid ``content/*.csv`` and a few referral protocols, all
seeded and deterministic for a given date: ``benchmarks/synthetic.py``) plus ``datapackage.json``: the self-contained export
descriptor of the same package (``parse_package(...).export_descriptor(vocabularies)``), with
vocabulary codes written in as ``enum`` constraints. It then measures, in ONE run and each in a
fresh subprocess, alternating the two commands:

- check:        ``literacy-directory --project DIR check``
- frictionless: ``frictionless.Package("DIR/datapackage.json").validate()``

(``benchmarks/harness.py``) and reports the median of ``--repeat`` runs of wall time and CPU time (user + sys of the child,
from ``os.wait4``), the peak RSS of each (``ru_maxrss`` of the child), and the CPU ratio
check / frictionless. Speed is judged by the ratio, which is far less noisy than absolute times.

The synthetic content is fully bilingual (every ``*_fr`` beside a filled ``*_en``, and a
``.fr.md`` per protocol) and verified recently, so check takes its clean path: exit 0, no
warnings. The ``sample`` size is the repository's own ``content/`` (copied, never modified).

``--cold-cache`` gives each measured check run an empty ``XDG_CACHE_HOME``, so it scores every
reading grade again (as on a fresh machine or in CI) instead of reusing those kept by an earlier run.

``--pythonpath DIR`` runs check with another copy of ``literacy_directory`` first on the path (to
measure a proposed change against the same frictionless baseline); ``--profile`` also writes a
cProfile of one check run per size to ``benchmarks/out/check-<size>.prof(.txt)``.

Targets (from the issue): check CPU <= 1.3x frictionless at every synthetic size; check peak RSS
< 400 MB at 20,000 programs (``large``); check on the sample well under 2 s.

Output: a Markdown table on stdout, also written to ``benchmarks/out/check.md`` (and the raw
samples to ``benchmarks/out/check.json``). Exit status: 0 when measured (add
``--fail-on-target`` to exit 1 when a target is missed), 2 when generated content is not valid.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import pstats
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path

# harness first: it re-runs this script with the project's virtual environment when needed.
from harness import OUT, VENV_BIN, Alternation, Sample, Series, child_env, run_measured, size_names, write_report

# isort: split
from synthetic import SAMPLE, TINY, Size, copy_sample, write_project

CHECK_TARGET_RATIO = 1.3
LARGE_RSS_TARGET_MB = 400
SAMPLE_WALL_TARGET_S = 2.0

SIZES: dict[str, Size] = {
    s.name: s
    for s in (
        TINY,
        Size("small", 4, 40, 100, 300, 400, 30, 8, "one regional network"),
        Size("province", 16, 200, 500, 1_500, 2_000, 60, 20, "(a) province: 500 orgs / 2,000 programs"),
        Size("large", 16, 600, 2_000, 6_000, 20_000, 60, 20, "(b) 2,000 orgs / 6,000 sites / 20,000 programs"),
    )
}
DEFAULT_SIZES = "sample,small,province,large"

# ---------------------------------------------------------------------------------------------
# Measurement
# ---------------------------------------------------------------------------------------------

FRICTIONLESS_CODE = """\
import sys
import frictionless
report = frictionless.Package(sys.argv[1]).validate()
if report.valid:
    print("valid")
else:
    for row in report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]:
        print(row)
sys.exit(0 if report.valid else 1)
"""


@dataclass
class Result(Series):
    size: str
    rows: int
    counts: dict[str, int]
    note: str = ""
    check: list[Sample] = field(default_factory=list)
    frictionless: list[Sample] = field(default_factory=list)

    @property
    def ratio_cpu(self) -> float:
        return self.median("check", "cpu") / self.median("frictionless", "cpu")

    @property
    def ratio_wall(self) -> float:
        return self.median("check", "wall") / self.median("frictionless", "wall")


def env_for(pythonpath: str | None = None) -> dict[str, str]:
    return child_env({"PYTHONPATH": pythonpath} if pythonpath else {})


def commands(project: Path) -> dict[str, list[str]]:
    return {
        "check": [str(VENV_BIN / "literacy-directory"), "--project", str(project), "check"],
        "frictionless": [str(VENV_BIN / "python"), "-c", FRICTIONLESS_CODE, str(project / "datapackage.json")],
    }


def measure(result: Result, project: Path, repeat: int, warmup: int, pythonpath: str | None = None, cold: bool = False) -> None:
    """``pythonpath`` (a folder holding another ``literacy_directory``, to try a change) applies
    to check only; ``cold`` gives each measured check run an empty ``XDG_CACHE_HOME`` (no
    reading grades kept from an earlier run: a fresh machine, or CI)."""
    cmds = commands(project)
    envs = {"check": env_for(pythonpath), "frictionless": env_for()}
    logs = OUT / "logs"
    for i in range(warmup):
        for name in ("check", "frictionless"):
            run_measured(cmds[name], logs / f"{result.size}-{name}-warmup{i}.log", OUT, envs[name])

    def measure_one(name: str, i: int) -> Sample:
        if not (cold and name == "check"):
            return run_measured(cmds[name], logs / f"{result.size}-{name}-{i}.log", OUT, envs[name])
        with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache:
            return run_measured(cmds[name], logs / f"{result.size}-{name}-{i}.log", OUT, {**envs[name], "XDG_CACHE_HOME": cache})

    Alternation(result.size, ("check", "frictionless"), repeat, (9, 12)).run(result, measure_one)


def profile(size: str, project: Path, top: int = 25, pythonpath: str | None = None) -> str:
    """One cProfile run of check; returns the top functions by cumulative and by own time."""
    prof = OUT / f"check-{size}.prof"
    cmd = [
        str(VENV_BIN / "python"),
        "-m",
        "cProfile",
        "-o",
        str(prof),
        "-m",
        "literacy_directory.cli",
        "--project",
        str(project),
        "check",
    ]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, env=env_for(pythonpath), check=False)
    buffer = io.StringIO()
    stats = pstats.Stats(str(prof), stream=buffer)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    (OUT / f"check-{size}.prof.txt").write_text(buffer.getvalue(), encoding="utf-8")
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def machine_facts() -> dict[str, str]:
    return {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "nproc": str(os.cpu_count()),
        "affinity": str(len(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity") else "?",
        "python": platform.python_version(),
        "platform": platform.platform(),
        "frictionless": version("frictionless"),
        "pydantic": version("pydantic"),
    }


def targets(result: Result) -> list[str]:
    """Which targets this size meets or misses (empty for sizes without a target)."""
    verdicts = []
    if result.size == SAMPLE:
        wall = result.median("check", "wall")
        verdicts.append(
            f"check wall {wall:.2f} s {'<' if wall < SAMPLE_WALL_TARGET_S else '>='} {SAMPLE_WALL_TARGET_S:g} s "
            f"({'met' if wall < SAMPLE_WALL_TARGET_S else 'MISSED'})"
        )
        if result.codes("check") != {0}:
            verdicts.append(
                f"note: check exited {'/'.join(map(str, sorted(result.codes('check'))))} on content/ as it is now "
                "(content errors or missing files), so this times the error path; see benchmarks/out/logs/sample-check-0.log"
            )
        if result.rows == 0:
            verdicts.append("note: content/ has no CSV rows yet, so this is start-up time only")
        return verdicts
    ratio = result.ratio_cpu
    verdicts.append(
        f"CPU ratio {ratio:.2f}x {'<=' if ratio <= CHECK_TARGET_RATIO else '>'} {CHECK_TARGET_RATIO}x "
        f"({'met' if ratio <= CHECK_TARGET_RATIO else 'MISSED'})"
    )
    if result.size == "large":
        rss = result.peak("check")
        verdicts.append(
            f"check peak RSS {rss:.0f} MB {'<' if rss < LARGE_RSS_TARGET_MB else '>='} {LARGE_RSS_TARGET_MB} MB "
            f"({'met' if rss < LARGE_RSS_TARGET_MB else 'MISSED'})"
        )
    return verdicts


def markdown(results: list[Result], facts: dict[str, str], argv: list[str], repeat: int) -> str:
    lines = [
        "# `literacy-directory check` vs raw `frictionless` validation",
        "",
        f"Command: `python benchmarks/{Path(__file__).name} {' '.join(argv)}`".rstrip() + "  ",
        f"Machine: {facts['nproc']} CPUs (affinity {facts['affinity']}), Python {facts['python']}, "
        f"frictionless {facts['frictionless']}, pydantic {facts['pydantic']}, {facts['platform']}  ",
        f"Run at {facts['date']}; median of {repeat} run(s) per command, each in a fresh process, alternating; "
        "CPU = user + sys of the child (`os.wait4`); RSS = the child's peak (`ru_maxrss`).",
        "",
        "| size | rows | check wall s | check CPU s | frictionless wall s | frictionless CPU s | ratio CPU | ratio wall "
        "| check peak RSS MB | frictionless peak RSS MB | exit codes check/fl |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        codes = f"{'/'.join(map(str, sorted(r.codes('check'))))} / {'/'.join(map(str, sorted(r.codes('frictionless'))))}"
        lines.append(
            f"| {r.size} | {r.rows:,} | {r.median('check', 'wall'):.2f} | {r.median('check', 'cpu'):.2f} "
            f"| {r.median('frictionless', 'wall'):.2f} | {r.median('frictionless', 'cpu'):.2f} | {r.ratio_cpu:.2f}x "
            f"| {r.ratio_wall:.2f}x | {r.peak('check'):.0f} | {r.peak('frictionless'):.0f} | {codes} |"
        )
    lines += ["", "Sizes:", ""]
    for r in results:
        counts = ", ".join(f"{k} {v:,}" for k, v in r.counts.items())
        lines.append(f"- **{r.size}**{f' ({r.note})' if r.note else ''}: {counts}")
    lines += [
        "",
        "Targets (check CPU <= 1.3x frictionless at every synthetic size; check < 400 MB at 20,000 programs; "
        "check on the sample well under 2 s):",
        "",
    ]
    for r in results:
        for verdict in targets(r):
            lines.append(f"- {r.size}: {verdict}")
    return "\n".join(lines) + "\n"


def run_size(name: str, args: argparse.Namespace, today: dt.date, pythonpath: str | None) -> Result:
    """Write the project of one size, then measure check and frictionless on it."""
    project = OUT / "projects" / name
    started = time.perf_counter()
    if name == SAMPLE:
        counts, note = copy_sample(project), "the repository's own content/"
    else:
        counts, note = write_project(SIZES[name], project, args.seed, today), SIZES[name].note
    rows = sum(v for k, v in counts.items() if k != "referral_protocols")
    if name == SAMPLE and rows == 0:
        note += "; no CSV rows yet"
    print(f"{name}: {rows:,} rows written in {time.perf_counter() - started:.1f} s to {project}", file=sys.stderr, flush=True)
    result = Result(name, rows, counts, note)
    measure(result, project, args.repeat, args.warmup, pythonpath, args.cold_cache)
    if args.profile:
        print(profile(name, project, pythonpath=pythonpath), file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=DEFAULT_SIZES, help=f"comma-separated, from: {SAMPLE}, {', '.join(SIZES)} (default: {DEFAULT_SIZES})"
    )
    parser.add_argument("--repeat", type=int, default=3, help="measured runs per command and size (default 3; use >= 3)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs per command and size first (default 1)")
    parser.add_argument("--seed", type=int, default=20260401, help="seed of the synthetic content")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        help="date the synthetic last_verified dates are relative to (default: today)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="also cProfile one check run per size (benchmarks/out/check-SIZE.prof)"
    )
    parser.add_argument(
        "--pythonpath",
        default=None,
        help="run check with this folder first on PYTHONPATH (a patched copy of literacy_directory, to measure a change)",
    )
    parser.add_argument(
        "--output", type=Path, default=OUT / "check.md", help="Markdown report (default benchmarks/out/check.md; JSON beside it)"
    )
    parser.add_argument(
        "--cold-cache", action="store_true", help="each measured check run with an empty XDG_CACHE_HOME (no kept reading grades)"
    )
    parser.add_argument("--fail-on-target", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    names = size_names(parser, args, SAMPLE, SIZES)
    today = args.today or dt.date.today()
    pythonpath = str(Path(args.pythonpath).resolve()) if args.pythonpath else None
    OUT.mkdir(parents=True, exist_ok=True)
    facts = machine_facts()

    results = [run_size(name, args, today, pythonpath) for name in names]
    invalid = [r.size for r in results if r.size != SAMPLE and (r.codes("check") != {0} or r.codes("frictionless") != {0})]

    text = markdown(results, facts, argv, args.repeat)
    if args.cold_cache:
        text += "\nNOTE: each measured check run had an empty XDG_CACHE_HOME (no reading grades kept from earlier runs).\n"
    if pythonpath:
        text += f"\nNOTE: check ran with PYTHONPATH={pythonpath} (a modified literacy_directory), not the installed package.\n"
    if invalid:
        text += (
            f"\n**Generated content was reported invalid for: {', '.join(invalid)}** "
            f"(see benchmarks/out/logs/); the timings above do not measure the valid path.\n"
        )
    raw = {
        "facts": facts,
        "argv": argv,
        "results": [{**asdict(r), "ratio_cpu": r.ratio_cpu, "ratio_wall": r.ratio_wall, "targets": targets(r)} for r in results],
    }
    write_report(args.output, text, raw)
    if invalid:
        return 2
    missed = any("MISSED" in v for r in results for v in targets(r))
    return 1 if missed and args.fail_on_target else 0


if __name__ == "__main__":
    raise SystemExit(main())
