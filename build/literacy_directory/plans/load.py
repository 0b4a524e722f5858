"""Literacy Service Plans: one folder per network and fiscal year, read, validated and turned into
immutable ``Plan`` objects.

A plan lives in ``content/plans/<network_id>/<YYYY-YY>/``:

- ``plan.md``: front matter (``PlanMeta``) and the plan's narrative in English; ``plan.fr.md``
  holds the French narrative (optional, like a protocol's);
- ``delivery.csv`` (required), ``indicators.csv``, ``gaps.csv``, ``actions.csv``, ``results.csv``:
  tables described by the Table Schemas in ``schemas/plans.json`` and validated by the same single
  frictionless pass as the directory's tables (``tables.validate_table``).

Cross-file checks (``planrules``) tie a plan to the directory: its network, communities, agencies,
sites, programs and protocols exist, chart rows name LBS providers, actions name gaps of the same
plan, and published counts are never small enough to identify a learner.

Only plans whose status is ``published`` are shown on the site; the others are checked the same
way so a network sees its problems before publishing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from literacy_directory.core.dates import reference_date
from literacy_directory.core.diagnostics import Diagnostic, Severity, error
from literacy_directory.core.project import Project
from literacy_directory.core.suggest import closest, shown
from literacy_directory.load.confine import read_or_report
from literacy_directory.load.csvfile import inspect_csv, read_utf8_text
from literacy_directory.load.frontmatter import plain, read_document, validate_model
from literacy_directory.load.table import Table
from literacy_directory.plans.model import (
    FISCAL_YEAR,
    FRENCH_FILE,
    PLAN_FILE,
    PLAN_FILES,
    REQUIRED_TABLES,
    TABLE_NAMES,
    FiscalYear,
    Plan,
    PlanDraft,
    PlanFolder,
    PlanMeta,
)
from literacy_directory.plans.rules import Directory, check_french, check_plan
from literacy_directory.schema.datapackage import PackageSpec, TableSpec, parse_package
from literacy_directory.schema.rowmodels import to_model
from literacy_directory.validate.cells import cell_problems
from literacy_directory.validate.content import Content
from literacy_directory.validate.tables import validate_table


def plans_dir(project: Project) -> Path:
    return project.content / "plans"


def plans_schema_path(project: Project) -> Path:
    return project.schemas / "plans.json"


def load_plans(content: Content, require_fr: bool = False, today: dt.date | None = None) -> tuple[list[Plan], list[Diagnostic]]:
    """Read and check every plan under ``content/plans/``. Call after the directory's tables are
    loaded (``load_content``): the cross-file rules look plans up in them, except for published
    plans of fiscal years ended before ``today`` (history: never held against today's ids).
    Missing French text is a warning, or an error with ``require_fr`` (like ``check
    --require-fr``). Returns the plans without errors and every diagnostic found."""
    project = content.project
    found: list[Diagnostic] = []
    if not plans_dir(project).is_dir():
        return [], found
    package = load_plans_schema(project, found)
    if package is None:
        return [], found
    drafts = [read_plan(project, folder, package, content, found) for folder in plan_folders(project, content, found)]
    directory = Directory.of(content)
    french = Severity.ERROR if require_fr else Severity.WARNING
    for draft in drafts:
        found.extend(check_plan(draft, directory, reference_date(today)))
        found.extend(check_french(draft, french))
    failed = {d.path for d in found if d.is_error}
    plans = [plan for draft in drafts if (plan := to_plan(draft, failed)) is not None]
    return sorted(plans, key=lambda p: p.key), found


def load_plans_schema(project: Project, found: list[Diagnostic]) -> PackageSpec | None:
    path = plans_schema_path(project)
    rel = project.relative(path)
    try:
        return parse_package(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        found.append(error(rel, 1, 1, "missing-file", "the schema of the plan tables is missing", "Restore schemas/plans.json."))
    except json.JSONDecodeError as exc:
        found.append(
            error(rel, exc.lineno, exc.colno, "json-syntax", f"the schema is not valid JSON: {exc.msg}", "Fix the JSON here.")
        )
    except (KeyError, TypeError, AttributeError) as exc:
        found.append(
            error(
                rel, 1, 1, "schema", f"the schema lacks a required part: {exc}", "Every resource needs a name, a path and fields."
            )
        )
    return None


# --- folders ----------------------------------------------------------------------------------


def plan_folders(project: Project, content: Content, found: list[Diagnostic]) -> list[PlanFolder]:
    """Every ``<network>/<fiscal year>/`` folder, with the folder-level problems: an unknown
    network, a fiscal year not written ``YYYY-YY``, two folders for the same network and year."""
    root = plans_dir(project)
    networks = _network_ids(content)
    folders: list[PlanFolder] = []
    for network_dir in _entries(project, root, found, allowed_files=("README.md",)):
        years = _entries(project, network_dir, found)
        known = networks is None or network_dir.name in networks
        if not known and years:
            found.append(_unknown_network(project, network_dir, years[0], sorted(networks or ())))
        folders.extend(_year_folder(project, network_dir.name, y, known, found) for y in years)
    _flag_duplicates(folders, found)
    return folders


def _network_ids(content: Content) -> set[str] | None:
    table = content.tables.get("networks")
    return {r["id"] for r in table.rows if r["id"]} if table is not None and table.ids_known else None


def _entries(project: Project, folder: Path, found: list[Diagnostic], allowed_files: tuple[str, ...] = ()) -> list[Path]:
    """The sub-folders of ``folder``; a stray file there is an error (it would be ignored)."""
    folders = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir():
            folders.append(path)
        elif path.name not in allowed_files:
            found.append(
                error(
                    project.relative(path),
                    1,
                    1,
                    "unknown-file",
                    f'"{path.name}" is not in a plan folder, so it is ignored',
                    "Plan files go in content/plans/<network_id>/<YYYY-YY>/, like content/plans/my-network/2025-26/plan.md.",
                )
            )
    return folders


def _unknown_network(project: Project, network_dir: Path, first_year: Path, networks: list[str]) -> Diagnostic:
    place = first_year / PLAN_FILE if (first_year / PLAN_FILE).is_file() else network_dir
    meant = closest(network_dir.name, networks)
    hint = f'Did you mean "{meant}"? Rename the folder.' if meant else "Name the folder after the network's id in networks.csv."
    return error(
        project.relative(place),
        1,
        1,
        "unknown-network",
        f'the folder "{network_dir.name}" is not the id of a network in networks.csv',
        hint,
    )


def _year_folder(project: Project, network_id: str, path: Path, known: bool, found: list[Diagnostic]) -> PlanFolder:
    year, exact = FiscalYear.parse(path.name)
    folder = PlanFolder(network_id, year, path, project.relative(path), known)
    if not exact:
        found.append(_bad_fiscal_year(folder, year))
    return folder


def _bad_fiscal_year(folder: PlanFolder, year: FiscalYear | None) -> Diagnostic:
    place = folder.plan_path if (folder.path / PLAN_FILE).is_file() else folder.rel
    name = folder.path.name
    if year is not None:
        hint = f'Rename the folder "{year.label}".'
    else:
        hint = "Name the folder after the fiscal year, April to March, written YYYY-YY with consecutive years, like 2025-26."
    return error(
        place,
        1,
        1,
        "fiscal-year",
        f'the folder name "{shown(name)}" is not a fiscal year written YYYY-YY with consecutive years',
        hint,
    )


def _flag_duplicates(folders: list[PlanFolder], found: list[Diagnostic]) -> None:
    first: dict[tuple[str, FiscalYear], PlanFolder] = {}
    # Folders written exactly YYYY-YY come first, so the copy under another spelling is the duplicate.
    ordered = sorted(folders, key=lambda f: (FISCAL_YEAR.fullmatch(f.path.name) is None, f.rel))
    for folder in ordered:
        if folder.year is None:
            continue
        original = first.setdefault((folder.network_id, folder.year), folder)
        if original is not folder:
            found.append(
                error(
                    folder.plan_path if (folder.path / PLAN_FILE).is_file() else folder.rel,
                    1,
                    1,
                    "duplicate-plan",
                    f"there is already a plan for {folder.network_id} in {folder.year.label}, in {original.rel}",
                    "A network has one plan per fiscal year: merge the two folders and delete this one.",
                )
            )


# --- files ------------------------------------------------------------------------------------


def read_plan(project: Project, folder: PlanFolder, package: PackageSpec, content: Content, found: list[Diagnostic]) -> PlanDraft:
    draft = PlanDraft(folder)
    _flag_unknown_files(folder, found)
    _read_front_matter(project, draft, found)
    for spec in package.tables:
        _read_table(project, draft, spec, content, found)
    return draft


def _flag_unknown_files(folder: PlanFolder, found: list[Diagnostic]) -> None:
    for path in sorted(folder.path.iterdir()):
        if path.name.startswith(".") or path.name in PLAN_FILES:
            continue
        meant = closest(path.name, PLAN_FILES)
        hint = f'Did you mean "{meant}"? Rename the file.' if meant else f"A plan folder holds only: {', '.join(PLAN_FILES)}."
        found.append(
            error(f"{folder.rel}/{path.name}", 1, 1, "unknown-file", f'"{path.name}" is not one of the files of a plan', hint)
        )


def _read_text(project: Project, path: Path, found: list[Diagnostic]) -> str | None:
    return read_utf8_text(project, path, found)


def _read_front_matter(project: Project, draft: PlanDraft, found: list[Diagnostic]) -> None:
    folder = draft.folder
    path = folder.path / PLAN_FILE
    if not path.is_file():
        found.append(
            error(
                folder.plan_path,
                1,
                1,
                "missing-file",
                "this plan folder has no plan.md",
                "Copy plan.md from another plan and change its settings and text.",
            )
        )
        return
    text = _read_text(project, path, found)
    french = folder.path / FRENCH_FILE
    draft.body_fr = _read_text(project, french, found) if french.is_file() else None
    if text is None:
        return
    draft.document, problems = read_document(folder.plan_path, text)
    found.extend(problems)
    if draft.document is None:
        return
    draft.data = plain(draft.document.data)
    draft.meta, problems = validate_model(PlanMeta, draft.document)
    found.extend(problems)


def table_spec_for(spec: TableSpec, rel_path: str) -> TableSpec:
    """The Table Schema of a plan table, pointed at one plan's file."""
    return replace(spec, path=rel_path, descriptor={**spec.descriptor, "path": rel_path})


def _read_table(project: Project, draft: PlanDraft, spec: TableSpec, content: Content, found: list[Diagnostic]) -> None:
    folder = draft.folder
    path = folder.path / spec.path
    rel = f"{folder.rel}/{spec.path}"
    if not path.is_file():
        if spec.name in REQUIRED_TABLES:
            found.append(
                error(
                    rel,
                    1,
                    1,
                    "missing-file",
                    f"the plan has no {spec.path}",
                    f"Create {spec.path} with the header row from schemas/plans.json (copy it from another plan).",
                )
            )
        return
    data = read_or_report(project, path, found)
    if data is None:
        return
    table_spec = table_spec_for(spec, rel)
    inspection = inspect_csv(rel, data)
    table, problems = validate_table(table_spec, inspection, content.vocabularies, str(project.root))
    if inspection.text is not None:
        problems.extend(cell_problems(table, inspection.text, bool(inspection.record_lines)))
    draft.tables[spec.name] = table
    draft.raw[spec.path] = data
    found.extend(_reworded(table, d) for d in problems)


def _reworded(table: Table, d: Diagnostic) -> Diagnostic:
    """A number outside its range said plainly: a negative learner count, a year out of range."""
    if d.code not in ("minimum", "maximum"):
        return d
    name = next((n for n, column in table.header_positions.items() if column == d.column), "")
    spec = table.spec.field(name)
    value = d.message.split('"')[1] if d.message.startswith('"') else ""
    constraints = _constraints(table.spec, name)
    if spec is not None and spec.type == "integer" and constraints.get("minimum") == 0 and d.code == "minimum":
        return replace(
            d,
            code="negative-count",
            message=f'"{value}" in column "{name}" is negative, but a number of learners is 0 or more',
            hint="Write a whole number, 0 or more (leave the cell empty if the number is not known).",
        )
    low, high = constraints.get("minimum"), constraints.get("maximum")
    bounds = f"from {low}" if high is None else f"from {low} to {high}" if low is not None else f"up to {high}"
    return replace(
        d,
        code="out-of-range",
        message=f'"{value}" in column "{name}" is out of range: it must be {bounds}',
        hint="See the column's description in schemas/plans.json.",
    )


def _constraints(spec: TableSpec, name: str) -> dict[str, Any]:
    for raw in spec.descriptor["schema"]["fields"]:
        if raw.get("name") == name:
            return dict(raw.get("constraints", {}))
    return {}


# --- the result -------------------------------------------------------------------------------


def to_plan(draft: PlanDraft, failed_paths: set[str]) -> Plan | None:
    """The immutable plan, when none of its files has an error."""
    folder = draft.folder
    if folder.year is None or draft.meta is None or draft.document is None or not folder.network_known:
        return None
    if any(path == folder.rel or path.startswith(folder.rel + "/") for path in failed_paths):
        return None
    rows: dict[str, tuple[Any, ...]] = {}
    lines: dict[tuple[str, str], int] = {}
    for name, table in sorted(draft.tables.items()):
        rows[name] = tuple(to_model(table.spec, r.values) for r in table.rows)
        lines.update({(name, r["id"]): r.line for r in table.rows})
    return Plan(
        network_id=folder.network_id,
        year=folder.year,
        folder=folder.rel,
        meta=draft.meta,
        body=draft.document.body,
        body_fr=draft.body_fr,
        rows=rows,
        lines=lines,
        files=tuple((f"{name}.csv", draft.raw[f"{name}.csv"]) for name in TABLE_NAMES if f"{name}.csv" in draft.raw),
    )
