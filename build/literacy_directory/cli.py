"""The ``literacy-directory`` command line. Exit codes: 0 valid, 1 content errors, 2 usage or
internal failure."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from literacy_directory import report
from literacy_directory.catalog.directory import catalog_of
from literacy_directory.catalog.freshness import NetworkFreshness, stale_by_network
from literacy_directory.core.dates import reference_date
from literacy_directory.core.project import Project, overlapping
from literacy_directory.site.mkdocs_build import build_site, serve_site
from literacy_directory.site.settings import HANDOFF_VARIABLE, handoff_token, read_site_settings
from literacy_directory.tools import codeowners
from literacy_directory.tools import diff as diffsummary
from literacy_directory.tools import new as newrecord
from literacy_directory.validate.check import CheckResult, check_project

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
    _add_new(commands)
    diff = commands.add_parser("diff", help="describe, in plain words, what the changes since a git ref do to the directory")
    diff.add_argument("ref", help="the git commit, branch or tag to compare with (like main or HEAD)")
    owners = commands.add_parser("codeowners", help="write .github/CODEOWNERS from the networks' github_team column")
    owners.add_argument("--check", action="store_true", help="only check that .github/CODEOWNERS is up to date (exit 1 if not)")
    owners.add_argument(
        "--maintainers", default=None, help="team for shared files (default: @<networks' organization>/maintainers)"
    )
    return parser


def _add_new(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    new = commands.add_parser("new", help="add an organization, a site, a program or a referral protocol, then check")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="{" + ",".join(newrecord.KINDS) + "}")
    for kind in newrecord.TABLE_KINDS.values():
        sub = kinds.add_parser(kind.name, help=f"add a row to content/{kind.table}.csv")
        for column, option, text in kind.columns_with_options:
            sub.add_argument(option, dest=f"col_{column}", metavar=column.upper(), help=text)
        _add_common(sub)
    protocol = kinds.add_parser("protocol", help="add a referral protocol file to content/referral_protocols/")
    for column, option, text in newrecord.PROTOCOL_OPTIONS:
        protocol.add_argument(option, dest=f"col_{column}", metavar=column.upper(), help=text)
    for role, option in newrecord.PARTY_OPTIONS:
        protocol.add_argument(
            option, dest=f"party_{role}", action="append", default=[], metavar="ORG[/PROGRAM]", help=f"a {role} party"
        )
    _add_common(protocol)
    kinds.add_parser("plan", help="Literacy Service Plans are written by hand (explains how)")


def _add_common(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--id", default=None, help="the id to use (default: made from the name)")
    sub.add_argument("--set", action="append", default=[], metavar="COLUMN=VALUE", help="any other column (repeatable)")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    project = Project(args.project.resolve()) if args.project else Project.find()
    commands = {
        "check": lambda: _check(project, args),
        "build": lambda: _build(project, args.site_dir),
        "serve": lambda: _serve(project, args.port),
        "new": lambda: _new(project, args),
        "diff": lambda: _diff(project, args.ref),
        "codeowners": lambda: _codeowners(project, args.check, args.maintainers),
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
    # check keeps every row of every table: tens of thousands of small dicts that only grow, which
    # the cyclic GC would otherwise walk again and again (about 8% of check at 20,000 programs).
    gc.freeze()
    gc.set_threshold(50_000, 10, 10)
    result = check_project(project, today=args.today, require_fr=args.require_fr)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    freshness = freshness_report(result, reference_date(args.today))
    print_report(result, fmt, freshness)
    return EXIT_OK if result.ok else EXIT_CONTENT


def freshness_report(result: CheckResult, today: dt.date) -> list[NetworkFreshness]:
    """Stale listings per network. Describing them needs the catalog; when check found none
    (no "stale" diagnostic), every network simply has none, and the catalog is not built."""
    if not result.ok:
        return []
    if any(d.code == "stale" for d in result.diagnostics):
        catalog = catalog_of(result)
        return stale_by_network(catalog, today) if catalog else []
    return [NetworkFreshness(n["id"], n["name_en"], n["name_fr"], ()) for n in result.network_rows]


def _build(project: Project, site_dir: Path | None) -> int:
    from literacy_directory.forms.render import FormRenderError  # noqa: PLC0415 (the generator is not needed by check)
    from literacy_directory.site.generate import generate_into  # noqa: PLC0415

    gc.freeze()  # as in _check: the rows live until the pages are written
    gc.set_threshold(50_000, 10, 10)
    inputs = project.input_fingerprint()  # before reading anything: a file edited meanwhile changes the token
    result = check_project(project)
    catalog = catalog_of(result)
    if catalog is None:
        print_report(result, "text")
        return EXIT_CONTENT
    environment = {}
    target = (site_dir or project.root / "site").resolve()
    if _holds_project_files(project, target):
        sys.stderr.write(
            f"literacy-directory build: --site-dir {target} would replace the project's own files"
            " (the built site replaces the whole folder). Choose a folder of its own, like site/.\n"
        )
        return EXIT_FAILURE
    settings = read_site_settings(project)
    if settings is not None and settings.docs_dir not in (target, *target.parents):
        # (A site folder inside docs/ is left for MkDocs to refuse, before anything is written.)
        try:
            print(generate_into(catalog, project, settings.options, settings.docs_dir))
        except FormRenderError as exc:
            sys.stderr.write(f"{exc}\nThe site could not be built; the previous site was left as it was.\n")
            return EXIT_FAILURE
        environment[HANDOFF_VARIABLE] = handoff_token(inputs, settings.options, settings.docs_dir)
    del result, catalog
    outcome = build_site(project, target, environment)
    sys.stdout.write(outcome.log)
    if not outcome.ok:
        sys.stderr.write("The site could not be built; the previous site was left as it was.\n")
        return EXIT_FAILURE
    print(f"Built the site in {target}")
    return EXIT_OK


def _holds_project_files(project: Project, target: Path) -> bool:
    """Whether swapping in a site at ``target`` would remove the project or part of it, or put the
    site among its sources."""
    root = project.root.resolve()
    kept = (*project.own_files, root / "docs", root / "mkdocs.yml")
    return target == root or target in root.parents or any(overlapping(target, k) for k in kept)


def _serve(project: Project, port: int) -> int:
    return serve_site(project, port)


def _new(project: Project, args: argparse.Namespace) -> int:
    if args.kind == "plan":
        sys.stderr.write(newrecord.plan_message(project))
        return EXIT_FAILURE
    given = {k.removeprefix("col_"): v for k, v in vars(args).items() if k.startswith("col_") and v is not None}
    parties = [(role, org) for role, _ in newrecord.PARTY_OPTIONS for org in getattr(args, f"party_{role}", [])]
    try:
        given.update(_pairs(args.set))
        request = newrecord.Request(
            project,
            given,
            newrecord.console_asker if sys.stdin.isatty() else None,
            reference_date(),
            args.id,
            parties,
        )
        outcome = newrecord.create(args.kind, request)
    except (newrecord.UsageError, EOFError) as exc:
        sys.stderr.write(f"literacy-directory: {exc or 'no answer'}\n")
        return EXIT_FAILURE
    sys.stdout.write(newrecord.describe(outcome))
    if args.kind == "protocol" and outcome.added and (project.root / codeowners.CODEOWNERS_PATH).is_file():
        _codeowners(project, False, None)
    return outcome.exit_code


def _pairs(items: list[str]) -> dict[str, str]:
    pairs = {}
    for item in items:
        column, sep, value = item.partition("=")
        if not sep:
            raise newrecord.UsageError(f'--set needs COLUMN=VALUE, like --set "hours_en=Monday to Friday" (you wrote "{item}")')
        pairs[column.strip()] = value
    return pairs


def _diff(project: Project, ref: str) -> int:
    try:
        sys.stdout.write(diffsummary.diff_against(project, ref))
    except diffsummary.GitError as exc:
        sys.stderr.write(f"literacy-directory diff: {exc}\n")
        return EXIT_FAILURE
    return EXIT_OK


def _codeowners(project: Project, check_only: bool, maintainers: str | None) -> int:
    try:
        text = codeowners.owners_file(project, maintainers)
    except codeowners.OwnersError as exc:
        sys.stderr.write(f"literacy-directory codeowners: {exc}\n")
        return EXIT_CONTENT
    target = project.root / codeowners.CODEOWNERS_PATH
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if check_only:
        return _check_owners(current, text)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"Wrote {codeowners.CODEOWNERS_PATH}.")
    return EXIT_OK


def _check_owners(current: str | None, text: str) -> int:
    if current == text:
        print(f"{codeowners.CODEOWNERS_PATH} is up to date.")
        return EXIT_OK
    harmless, wrong = codeowners.staleness(current or "", text)
    if current is not None and not wrong:
        print(
            f"{codeowners.CODEOWNERS_PATH} has no line yet for: {', '.join(p.lstrip('/') for p in harmless)}. "
            "The maintainers review these files until `literacy-directory codeowners` runs after the merge."
        )
        return EXIT_OK
    print(f"{codeowners.CODEOWNERS_PATH} is out of date: run `literacy-directory codeowners` and commit the result.")
    return EXIT_CONTENT


def print_report(result: CheckResult, fmt: str, freshness: list[NetworkFreshness] | None = None) -> None:
    stale = freshness or []
    if fmt == "json":
        sys.stdout.write(report.as_json(result.diagnostics, result.coverage, stale))
        return
    if fmt == "github":
        sys.stdout.write(report.as_github(result.diagnostics, result.coverage, stale))
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_path:
            try:
                with open(summary_path, "a", encoding="utf-8") as fh:
                    fh.write(report.as_markdown_summary(result.diagnostics, result.coverage, stale))
            except OSError as exc:
                sys.stderr.write(f"warning: could not write the step summary to {summary_path}: {exc.strerror}\n")
        return
    sys.stdout.write(report.as_text(result.diagnostics, result.coverage, stale))


if __name__ == "__main__":
    raise SystemExit(main())
