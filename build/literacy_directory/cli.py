"""The ``literacy-directory`` command line. Exit codes: 0 valid, 1 content errors, 2 usage or
internal failure."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import report
from .check import CheckResult, check_project
from .project import Project

EXIT_OK, EXIT_CONTENT, EXIT_FAILURE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="literacy-directory", description="Check and build the literacy directory.")
    parser.add_argument("--project", type=Path, default=None, help="project folder (default: found from the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate all content")
    check.add_argument("--format", choices=("text", "github", "json"), default=None,
                       help="output format (default: github when GITHUB_ACTIONS=true, else text)")
    check.add_argument("--today", type=dt.date.fromisoformat, default=None, help="date to judge freshness against (YYYY-MM-DD)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    project = Project(args.project.resolve()) if args.project else Project.find()
    try:
        if args.command == "check":
            return _check(project, args)
    except KeyboardInterrupt:
        return EXIT_FAILURE
    return EXIT_FAILURE


def _check(project: Project, args: argparse.Namespace) -> int:
    result = check_project(project, today=args.today)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    print_report(result, fmt)
    return EXIT_OK if result.ok else EXIT_CONTENT


def print_report(result: CheckResult, fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(report.as_json(result.diagnostics))
        return
    if fmt == "github":
        sys.stdout.write(report.as_github(result.diagnostics))
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_path:
            with open(summary_path, "a", encoding="utf-8") as fh:
                fh.write(report.as_markdown_summary(result.diagnostics))
        return
    sys.stdout.write(report.as_text(result.diagnostics))


if __name__ == "__main__":
    raise SystemExit(main())
