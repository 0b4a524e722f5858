"""``literacy-directory fix [--check] [PATH...]``: put content files in their canonical form.

Like ``ruff format``: every content file (the CSV tables, plan tables, Markdown and YAML) is
rewritten in one canonical form (see ``canonical``); ``--check`` only lists what would change and
exits 1 when something would. Files fix cannot repair safely (not UTF-8, a quote out of place) are
named and left alone: ``check`` says how to repair them by hand.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from literacy_directory.core.diagnostics import Diagnostic
from literacy_directory.core.project import Project
from literacy_directory.plans.load import plans_dir, plans_schema_path
from literacy_directory.schema.datapackage import PackageSpec, TableSpec, parse_package
from literacy_directory.tools.canonical import FileFix, canonical_csv, canonical_text

TEXT_SUFFIXES = (".md", ".yml", ".yaml")
SHOWN_VALUE = 60


class Schemas:
    """The Table Schema of each content CSV file, by its project-relative path."""

    def __init__(self, project: Project):
        self.project = project
        self.tables = {t.path: t for t in _package(project.package_path).tables}
        self.plan_tables = {t.path: t for t in _package(plans_schema_path(project)).tables}
        self.plans_rel = project.relative(plans_dir(project))

    def spec_for(self, rel: str) -> TableSpec | None:
        if rel in self.tables:
            return self.tables[rel]
        folder, _, name = rel.rpartition("/")
        if folder.startswith(self.plans_rel + "/") and folder.count("/") == self.plans_rel.count("/") + 2:
            return self.plan_tables.get(name)
        return None


def _package(path: Path) -> PackageSpec:
    try:
        return parse_package(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return PackageSpec({}, ())


def content_files(project: Project, paths: Iterable[Path] = ()) -> list[Path]:
    """The files fix looks after: those under ``paths`` (default: content/ and the vocabularies)."""
    roots = list(paths) or [project.content, project.vocabularies_path]
    found: set[Path] = set()
    for root in roots:
        candidates = root.rglob("*") if root.is_dir() else [root]
        found.update(p for p in candidates if _is_content_file(p))
    return sorted(found)


def _is_content_file(path: Path) -> bool:
    if path.is_symlink() or not path.is_file() or any(part.startswith(".") for part in path.parts[-3:]):
        return False
    return path.suffix == ".csv" or path.suffix in TEXT_SUFFIXES


def fix_file(project: Project, schemas: Schemas, path: Path) -> FileFix:
    rel = project.relative(path)
    data = path.read_bytes()
    if path.suffix == ".csv":
        return canonical_csv(rel, data, schemas.spec_for(rel))
    return canonical_text(rel, data)


def run_fix(project: Project, paths: list[Path], check_only: bool) -> int:
    """Fix (or with ``check_only`` list) the content files; the exit code."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        sys.stderr.write(f"literacy-directory fix: no such file or folder: {missing[0]}\n")
        return 2
    schemas = Schemas(project)
    results = [fix_file(project, schemas, p) for p in content_files(project, [p.resolve() for p in paths])]
    changed = [r for r in results if r.changed]
    for result in changed:
        sys.stdout.write(describe(result, check_only))
        if not check_only and result.fixed is not None:
            (project.root / result.path).write_bytes(result.fixed)
    refused = [r for r in results if r.refused]
    for result in refused:
        sys.stdout.write(
            f"{result.path}: left as it is: {result.refused}. Run `literacy-directory check` for how to repair it.\n"
        )
    sys.stdout.write(_summary(len(changed), len(results), check_only))
    if check_only:
        return 1 if changed else 0
    return 1 if refused else 0


def _summary(changed: int, total: int, check_only: bool) -> str:
    files = f"{changed} file{'s' if changed != 1 else ''}"
    if not changed:
        return f"All {total} content files are in the canonical form.\n"
    if check_only:
        return f"{files} would be changed. Run `literacy-directory fix` to change them.\n"
    return f"Fixed {files}. Run `literacy-directory check`, then look at the change with `git diff`.\n"


def describe(result: FileFix, check_only: bool) -> str:
    lines = [f"{result.path}: {'would fix' if check_only else 'fixed'}"]
    lines += [f"  {note}" for note in result.notes]
    lines += [
        f'  line {c.line}, column {c.column} ("{c.name}"): "{_shown(c.old)}" -> "{_shown(c.new)}" ({c.reason})'
        for c in result.cells
    ]
    return "\n".join(lines) + "\n"


def _shown(value: str) -> str:
    value = value.replace("\n", "\\n")
    return value if len(value) <= SHOWN_VALUE else value[: SHOWN_VALUE - 1] + "…"


def fixable(project: Project, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The errors in CSV cells that fix changes (a ``TRUE``, a ``9/14/2026``, mojibake)."""
    paths = sorted({d.path for d in diagnostics if d.is_error and d.path.endswith(".csv")})
    if not paths:
        return []
    schemas = Schemas(project)
    cells: set[tuple[str, int, int]] = set()
    for rel in paths:
        path = project.root / rel
        if path.is_file() and not path.is_symlink():
            cells.update((rel, c.line, c.column) for c in fix_file(project, schemas, path).cells)
    return [d for d in diagnostics if d.is_error and (d.path, d.line, d.column) in cells]


def fixable_note(project: Project, diagnostics: list[Diagnostic]) -> str:
    """The closing line of check's report when fix can repair some of what it found."""
    count = len(fixable(project, diagnostics))
    if not count:
        return ""
    return f"{count} problem{'s' if count != 1 else ''} can be fixed by `literacy-directory fix`.\n"
