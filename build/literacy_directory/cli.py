"""The ``literacy-directory`` command line. Exit codes: 0 valid, 1 content errors, 2 usage or
internal failure."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from . import report
from .check import CheckResult, check_project
from .project import Project
from .sitebuild import build_site, mkdocs_command, mkdocs_environment

EXIT_OK, EXIT_CONTENT, EXIT_FAILURE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="literacy-directory", description="Check and build the literacy directory.")
    parser.add_argument("--project", type=Path, default=None, help="project folder (default: found from the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate all content")
    check.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default=None,
        help="output format (default: github when GITHUB_ACTIONS=true, else text)",
    )
    check.add_argument("--require-fr", action="store_true", help="missing French text is an error, not a warning")
    check.add_argument("--today", type=dt.date.fromisoformat, default=None, help="date to judge freshness against (YYYY-MM-DD)")
    build = commands.add_parser("build", help="check, generate the pages and build the site with mkdocs --strict")
    build.add_argument("--site-dir", type=Path, default=None, help="where to put the site (default: site/ in the project)")
    serve = commands.add_parser("serve", help="live preview on 127.0.0.1 that rebuilds when content changes")
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    project = Project(args.project.resolve()) if args.project else Project.find()
    commands = {
        "check": lambda: _check(project, args),
        "build": lambda: _build(project, args.site_dir),
        "serve": lambda: _serve(project, args.port),
    }
    try:
        return commands[args.command]()
    except KeyboardInterrupt:
        return EXIT_FAILURE
    except Exception as exc:  # the last line of defence: a bug, never a content problem
        if os.environ.get("LITERACY_DIRECTORY_DEBUG"):
            raise
        sys.stderr.write(
            f"literacy-directory: internal error ({type(exc).__name__}: {exc}).\n"
            "This is a bug in the tool, not in your content. Please report it with the command you ran;"
            " set LITERACY_DIRECTORY_DEBUG=1 to see the details.\n"
        )
        return EXIT_FAILURE


def _check(project: Project, args: argparse.Namespace) -> int:
    result = check_project(project, today=args.today, require_fr=args.require_fr)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    print_report(result, fmt)
    return EXIT_OK if result.ok else EXIT_CONTENT


def _build(project: Project, site_dir: Path | None) -> int:
    result = check_project(project)
    if not result.ok:
        print_report(result, "text")
        return EXIT_CONTENT
    target = (site_dir or project.root / "site").resolve()
    outcome = build_site(project, target)
    sys.stdout.write(outcome.log)
    if not outcome.ok:
        sys.stderr.write("The site could not be built; the previous site was left as it was.\n")
        return EXIT_FAILURE
    print(f"Built the site in {target}")
    return EXIT_OK


def _serve(project: Project, port: int) -> int:
    command = [*mkdocs_command(project), "serve", "--livereload", "-a", f"127.0.0.1:{port}"]
    return subprocess.call(command, cwd=project.root, env=mkdocs_environment())


def print_report(result: CheckResult, fmt: str) -> None:
    if fmt == "json":
        sys.stdout.write(report.as_json(result.diagnostics, result.coverage))
        return
    if fmt == "github":
        sys.stdout.write(report.as_github(result.diagnostics, result.coverage))
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_path:
            try:
                with open(summary_path, "a", encoding="utf-8") as fh:
                    fh.write(report.as_markdown_summary(result.diagnostics, result.coverage))
            except OSError as exc:
                sys.stderr.write(f"warning: could not write the step summary to {summary_path}: {exc.strerror}\n")
        return
    sys.stdout.write(report.as_text(result.diagnostics, result.coverage))


if __name__ == "__main__":
    raise SystemExit(main())
