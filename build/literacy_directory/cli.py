"""The ``literacy-directory`` command line. Exit codes: 0 valid, 1 content errors, 2 usage or
internal failure."""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from literacy_directory import report
from literacy_directory.catalog.directory import catalog_of
from literacy_directory.catalog.freshness import NetworkFreshness, stale_by_network
from literacy_directory.core.dates import reference_date
from literacy_directory.core.logsafe import verbatim
from literacy_directory.core.project import Project, overlapping
from literacy_directory.site.mkdocs_build import build_site, serve_site
from literacy_directory.site.settings import HANDOFF_VARIABLE, handoff_token, read_site_settings
from literacy_directory.tools import codeowners, hsds_import
from literacy_directory.tools import diff as diffsummary
from literacy_directory.tools import fix as fixcommand
from literacy_directory.tools import new as newrecord
from literacy_directory.validate.check import CheckResult, check_project

EXIT_OK, EXIT_CONTENT, EXIT_FAILURE = 0, 1, 2


class _Ordered(click.Group):
    """A group that lists its commands in the order they were added (the order of the help)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


class _Commands(_Ordered):
    """The top group: a bug anywhere below is reported in two lines, without a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            raise click.exceptions.Exit(EXIT_FAILURE) from None
        except Exception as exc:  # the last line of defence: a bug, never a content problem
            if os.environ.get("LITERACY_DIRECTORY_DEBUG"):
                raise
            sys.stderr.write(
                f"literacy-directory: internal error ({type(exc).__name__}: {exc}).\n"
                "This is a bug in the tool, not in your content. Please report it with the command you ran;"
                " set LITERACY_DIRECTORY_DEBUG=1 to see the details.\n"
            )
            raise click.exceptions.Exit(EXIT_FAILURE) from None


class _IsoDate(click.ParamType):
    """A YYYY-MM-DD date, read with ``date.fromisoformat``."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date like 2026-12-03", param, ctx)


class _ColumnValue(click.ParamType):
    """``COLUMN=VALUE`` → ``(column, value)``, the column name stripped."""

    name = "COLUMN=VALUE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, str]:
        if isinstance(value, tuple):
            return value
        column, sep, text = str(value).partition("=")
        if not sep:
            self.fail(f'--set needs COLUMN=VALUE, like --set "hours_en=Monday to Friday" (you wrote "{value}")', param, ctx)
        return column.strip(), text


def _command(group: click.Group, name: str, help_text: str) -> Callable[[Callable[..., int]], click.Command]:
    """A subcommand whose whole help is also its line in the group's list (click would shorten it)."""
    return group.command(name, help=help_text, short_help=help_text)


def _folder_option(name: str, help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """An optional folder, shown as argparse showed it (``--site-dir SITE_DIR``)."""
    metavar = name.removeprefix("--").replace("-", "_").upper()
    return click.option(name, type=click.Path(path_type=Path), default=None, metavar=metavar, help=help_text)


@click.group(
    "literacy-directory",
    cls=_Commands,
    help="Check and build the literacy directory.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
@_folder_option("--project", "project folder (default: found from the current folder)")
@click.pass_context
def group(ctx: click.Context, project: Path | None) -> None:
    ctx.obj = Project(project.resolve()) if project else Project.find()


@_command(group, "check", "validate all content")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "github", "json")),
    default=None,
    help="output format (default: github when GITHUB_ACTIONS=true, else text)",
)
@click.option("--require-fr", is_flag=True, help="missing French text is an error, not a warning")
@click.option("--today", type=_IsoDate(), default=None, metavar="TODAY", help="date to judge freshness against (YYYY-MM-DD)")
@click.pass_obj
def check_command(project: Project, fmt: str | None, require_fr: bool, today: dt.date | None) -> int:
    return _check(project, fmt, require_fr, today)


@_command(group, "build", "check, generate the pages and build the site with mkdocs --strict")
@_folder_option("--site-dir", "where to put the site (default: site/ in the project)")
@click.pass_obj
def build_command(project: Project, site_dir: Path | None) -> int:
    return _build(project, site_dir)


@_command(group, "serve", "live preview on 127.0.0.1 that rebuilds when content changes")
@click.option("--port", type=int, default=8000, metavar="PORT", help="port on 127.0.0.1 (default 8000)")
@click.pass_obj
def serve_command(project: Project, port: int) -> int:
    return _serve(project, port)


@group.group(
    "new",
    cls=_Ordered,
    help="add an organization, a site, a program or a referral protocol, then check",
    short_help="add an organization, a site, a program or a referral protocol, then check",
)
def new_command() -> None:
    pass


def _column_options(options: Iterable[tuple[str, str, str]]) -> list[click.Parameter]:
    """One option per column (``options``: column, option, help), named ``col_<column>``."""
    return [click.Option([option, f"col_{column}"], metavar=column.upper(), help=text) for column, option, text in options]


def _common_options() -> list[click.Parameter]:
    return [
        click.Option(["--id", "record_id"], metavar="ID", help="the id to use (default: made from the name)"),
        click.Option(["--set", "pairs"], type=_ColumnValue(), multiple=True, help="any other column (repeatable)"),
    ]


def _add_new_kind(name: str, help_text: str, callback: Callable[..., int], params: list[click.Parameter]) -> None:
    command = click.Command(name, callback=click.pass_obj(callback), params=params, help=help_text, short_help=help_text)
    new_command.add_command(command)


def _add_table_kind(kind: newrecord.TableKind) -> None:
    def add(project: Project, record_id: str | None, pairs: tuple[tuple[str, str], ...], **columns: str | None) -> int:
        return _new(project, kind.name, _given(columns, pairs), record_id, [])

    params = _column_options(kind.columns_with_options) + _common_options()
    _add_new_kind(kind.name, f"add a row to content/{kind.table}.csv", add, params)


def _add_protocol_kind() -> None:
    def add(project: Project, record_id: str | None, pairs: tuple[tuple[str, str], ...], **columns: Any) -> int:
        parties = [(role, org) for role, _ in newrecord.PARTY_OPTIONS for org in columns.pop(f"party_{role}")]
        return _new(project, "protocol", _given(columns, pairs), record_id, parties)

    parties: list[click.Parameter] = [
        click.Option([option, f"party_{role}"], multiple=True, metavar="ORG[/PROGRAM]", help=f"a {role} party")
        for role, option in newrecord.PARTY_OPTIONS
    ]
    params = _column_options(newrecord.PROTOCOL_OPTIONS) + parties + _common_options()
    _add_new_kind("protocol", "add a referral protocol file to content/referral_protocols/", add, params)


def _given(columns: dict[str, str | None], pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    given = {k.removeprefix("col_"): v for k, v in columns.items() if v is not None}
    given.update(pairs)
    return given


for _kind in newrecord.TABLE_KINDS.values():
    _add_table_kind(_kind)
_add_protocol_kind()


@_command(new_command, "plan", "Literacy Service Plans are written by hand (explains how)")
@click.pass_obj
def new_plan_command(project: Project) -> int:
    sys.stderr.write(newrecord.plan_message(project))
    return EXIT_FAILURE


@_command(group, "diff", "describe, in plain words, what the changes since a git ref do to the directory")
@click.argument("ref", metavar="REF")
@click.option(
    "--check-ids",
    is_flag=True,
    help="only report the published ids that disappeared since REF (ids never change), as check reports problems",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "github")),
    default=None,
    help="with --check-ids: output format (default: github when GITHUB_ACTIONS=true, else text)",
)
@click.pass_obj
def diff_command(project: Project, ref: str, check_ids: bool, fmt: str | None) -> int:
    return _diff(project, ref, check_ids, fmt)


@_command(group, "codeowners", "write .github/CODEOWNERS from the networks' github_team column")
@click.option("--check", "check_only", is_flag=True, help="only check that .github/CODEOWNERS is up to date (exit 1 if not)")
@click.option(
    "--maintainers",
    default=None,
    metavar="MAINTAINERS",
    help="team for shared files (default: @<networks' organization>/maintainers)",
)
@click.pass_obj
def codeowners_command(project: Project, check_only: bool, maintainers: str | None) -> int:
    return _codeowners(project, check_only, maintainers)


@_command(group, "fix", "write content files in their canonical form (what a spreadsheet changed)")
@click.option("--check", "check_only", is_flag=True, help="only list what would change (exit 1 if anything would)")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PATH]...")
@click.pass_obj
def fix_command(project: Project, check_only: bool, paths: tuple[Path, ...]) -> int:
    return fixcommand.run_fix(project, list(paths), check_only)


@_command(group, "export-workbook", "write a network's listings as an Excel workbook with drop-down lists")
@click.option("--network", "network_id", required=True, metavar="ID", help="the network's id (from content/networks.csv)")
@click.option("--output", required=True, type=click.Path(path_type=Path), metavar="FILE.xlsx", help="where to write the workbook")
@click.pass_obj
def export_workbook_command(project: Project, network_id: str, output: Path) -> int:
    return _export_workbook(project, network_id, output)


@_command(group, "import-workbook", "write a network's workbook back into the CSV files, then check")
@click.argument("workbook", type=click.Path(path_type=Path), metavar="FILE.xlsx")
@click.pass_obj
def import_workbook_command(project: Project, workbook: Path) -> int:
    return _import_workbook(project, workbook)


@_command(group, "import-hsds", "add the records of an Open Referral HSDS package (3.0 tables or 1.1), then check")
@click.argument("path", type=click.Path(path_type=Path), metavar="PATH")
@click.option(
    "--network", required=True, metavar="NETWORK", help="the id of the network (content/networks.csv) the records belong to"
)
@click.pass_obj
def import_hsds_command(project: Project, path: Path, network: str) -> int:
    return _import_hsds(project, path, network)


@group.result_callback()
def _exit_with(code: int, **_: object) -> None:
    """Every command returns its exit code; click exits with it."""
    raise click.exceptions.Exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (``argv``, default the process's arguments) and return its exit code."""
    try:
        group.main(args=argv, prog_name="literacy-directory")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_FAILURE
    return EXIT_OK


def _check(project: Project, fmt: str | None, require_fr: bool, today: dt.date | None) -> int:
    # check keeps every row of every table: tens of thousands of small dicts that only grow, which
    # the cyclic GC would otherwise walk again and again (about 8% of check at 20,000 programs).
    gc.freeze()
    gc.set_threshold(50_000, 10, 10)
    result = check_project(project, today=today, require_fr=require_fr)
    chosen = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    freshness = freshness_report(result, reference_date(today))
    print_report(result, chosen, freshness)
    if chosen != "json" and not result.ok:
        sys.stdout.write(fixcommand.fixable_note(project, result.diagnostics))
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
    from literacy_directory.core.safefs import UnsafePathError  # noqa: PLC0415
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
    # The folder's own name is not resolved: a committed `site` link is replaced, not followed.
    target = _absolute(site_dir or project.root / "site")
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
        except (FormRenderError, UnsafePathError) as exc:
            sys.stderr.write(f"{exc}\nThe site could not be built; the previous site was left as it was.\n")
            return EXIT_FAILURE
        environment[HANDOFF_VARIABLE] = handoff_token(inputs, settings.options, settings.docs_dir)
    del result, catalog
    outcome = build_site(project, target, environment)
    sys.stdout.write(verbatim(outcome.log, os.environ.get("GITHUB_ACTIONS") == "true"))
    if not outcome.ok:
        sys.stderr.write("The site could not be built; the previous site was left as it was.\n")
        return EXIT_FAILURE
    print(f"Built the site in {target}")
    return EXIT_OK


def _absolute(path: Path) -> Path:
    """``path`` with its folder resolved but not its last part (which may be a link to replace)."""
    plain = Path(os.path.normpath(path.absolute()))  # "..", "." and "a/../b" taken out first
    return plain.parent.resolve() / plain.name


def _holds_project_files(project: Project, target: Path) -> bool:
    """Whether swapping in a site at ``target`` would remove the project or part of it, or put the
    site among its sources."""
    root = project.root.resolve()
    kept = (*project.own_files, root / "docs", root / "mkdocs.yml")
    return target == root or target in root.parents or any(overlapping(target, k) for k in kept)


def _serve(project: Project, port: int) -> int:
    return serve_site(project, port)


def _new(project: Project, kind: str, given: dict[str, str], record_id: str | None, parties: list[tuple[str, str]]) -> int:
    asker = newrecord.console_asker if sys.stdin.isatty() else None
    try:
        outcome = newrecord.create(kind, newrecord.Request(project, given, asker, reference_date(), record_id, parties))
    except EOFError:
        raise click.UsageError("no answer") from None
    sys.stdout.write(newrecord.describe(outcome))
    if kind == "protocol" and outcome.added and (project.root / codeowners.CODEOWNERS_PATH).is_file():
        _codeowners(project, False, None)
    return outcome.exit_code


def _diff(project: Project, ref: str, check_ids: bool = False, fmt: str | None = None) -> int:
    """The summary in Markdown (exit 1 when a published id disappeared), or with ``check_ids``
    only those ids, as diagnostics."""
    try:
        comparison = diffsummary.compare_with(project, ref)
    except diffsummary.GitError as exc:
        sys.stderr.write(f"literacy-directory diff: {exc}\n")
        return EXIT_FAILURE
    if check_ids:
        chosen = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
        sys.stdout.write((report.as_github if chosen == "github" else report.as_text)(comparison.problems))
    else:
        sys.stdout.write(comparison.markdown)
    return EXIT_CONTENT if comparison.problems else EXIT_OK


def _import_hsds(project: Project, path: Path, network: str) -> int:
    try:
        outcome = hsds_import.import_hsds(project, path, str(path), network, reference_date())
    except hsds_import.SourceError as exc:
        sys.stderr.write(f"literacy-directory import-hsds: {exc}\n")
        return EXIT_FAILURE
    located = report.as_text(outcome.warnings).splitlines()[:-1]  # without its "N errors" summary line
    sys.stdout.write("".join(f"{line}\n" for line in located))
    sys.stdout.write(hsds_import.describe(outcome))
    sys.stdout.write("Checking the content with the imported records:\n")
    print_report(outcome.check, "text")
    return EXIT_OK if outcome.check.ok else EXIT_CONTENT


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


def _export_workbook(project: Project, network_id: str, output: Path) -> int:
    from literacy_directory.site.workbook import WorkbookError, export_workbook  # noqa: PLC0415 (openpyxl is only needed here)

    try:
        output.write_bytes(export_workbook(project, network_id))
    except (WorkbookError, OSError) as exc:
        sys.stderr.write(f"literacy-directory export-workbook: {exc}\n")
        return EXIT_FAILURE
    print(f"Wrote {output}: the listings of {network_id}. Open it in Excel or LibreOffice; bring it back with import-workbook.")
    return EXIT_OK


def _import_workbook(project: Project, workbook: Path) -> int:
    from literacy_directory.site.workbook import WorkbookError  # noqa: PLC0415
    from literacy_directory.tools.workbook_import import import_workbook  # noqa: PLC0415

    try:
        updates = import_workbook(project, workbook)
    except WorkbookError as exc:
        sys.stderr.write(f"literacy-directory import-workbook: {exc}\n")
        return EXIT_FAILURE
    for update in updates:
        print(update.describe())
    result = check_project(project)
    print_report(result, "text")
    return EXIT_OK if result.ok else EXIT_CONTENT


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
