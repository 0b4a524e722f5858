"""Load all content: the schemas, every CSV table and every referral protocol, with their
diagnostics. Nothing here prints or exits."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from literacy_directory.core.diagnostics import Diagnostic, error
from literacy_directory.core.project import Project
from literacy_directory.forms.model import Form, load_forms
from literacy_directory.load.confine import Refused, read_confined
from literacy_directory.load.csvfile import inspect_csv, read_utf8_text
from literacy_directory.load.frontmatter import Document, plain, read_document, validate_model
from literacy_directory.load.table import Table
from literacy_directory.schema.datapackage import PackageSpec, parse_package
from literacy_directory.schema.protocol import SLUG_PATTERN, ReferralProtocol
from literacy_directory.schema.vocabularies import Vocabularies, parse_vocabularies
from literacy_directory.validate.cells import cell_problems, id_problems
from literacy_directory.validate.tables import validate_table

_SLUG = re.compile(SLUG_PATTERN)


@dataclass(frozen=True)
class ProtocolFile:
    """A protocol file that could be read. ``model`` is None when its front matter is invalid;
    ``data`` (the plain front matter) still lets the cross-file rules report everything else."""

    id: str
    document: Document
    data: dict[str, Any]
    model: ReferralProtocol | None
    body_fr: str | None = None


@dataclass
class Content:
    """Everything read from disk, valid or not, plus what was wrong with it."""

    project: Project
    package: PackageSpec | None = None
    vocabularies: Vocabularies = field(default_factory=lambda: Vocabularies({}))
    tables: dict[str, Table] = field(default_factory=dict)
    protocols: list[ProtocolFile] = field(default_factory=list)
    form_ids: set[str] = field(default_factory=set)
    forms: list[Form] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_content(project: Project) -> Content:
    content = Content(project)
    content.package = _load_package(project, content.diagnostics)
    content.vocabularies = _load_vocabularies(project, content.diagnostics)
    if content.package is None:
        return content
    for spec in content.package.tables:
        table, found = _load_table(project, spec, content.vocabularies)
        content.tables[spec.name] = table
        content.diagnostics.extend(found)
    content.protocols = _load_protocols(project, content.diagnostics)
    content.form_ids = {p.stem for p in project.forms_dir.glob("*.yml")} if project.forms_dir.is_dir() else set()
    content.forms, problems = load_forms(project, content.vocabularies)
    content.diagnostics.extend(problems)
    return content


def _load_package(project: Project, found: list[Diagnostic]) -> PackageSpec | None:
    path = project.relative(project.package_path)
    try:
        return parse_package(project.package_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        found.append(error(path, 1, 1, "missing-file", "the schema file is missing", "Run the command from the project folder."))
    except json.JSONDecodeError as exc:
        found.append(
            error(
                path,
                exc.lineno,
                exc.colno,
                "json-syntax",
                f"the schema is not valid JSON: {exc.msg}",
                "Fix the JSON at this place: a missing comma, quote or bracket is the usual cause.",
            )
        )
    except (KeyError, TypeError, AttributeError) as exc:
        found.append(
            error(
                path,
                1,
                1,
                "schema",
                f"the schema lacks a required part: {exc}",
                "Every resource needs a name, a path and a schema with its fields.",
            )
        )
    return None


def _load_vocabularies(project: Project, found: list[Diagnostic]) -> Vocabularies:
    path = project.relative(project.vocabularies_path)
    data = _read_bytes(project, project.vocabularies_path, found, within=project.schemas)
    if data is None:
        return Vocabularies({})
    inspection = inspect_csv(path, data)
    found.extend(inspection.diagnostics)
    if not inspection.readable:
        return Vocabularies({})
    vocabularies, problems = parse_vocabularies(path, inspection.text or "")
    found.extend(problems)
    return vocabularies


def _read_bytes(project: Project, path: Path, found: list[Diagnostic], within: Path | None = None) -> bytes | None:
    try:
        return read_confined(project, path, within)
    except FileNotFoundError:
        return b""
    except Refused as refused:
        found.append(refused.diagnostic)
        return None


def _load_table(project: Project, spec, vocabularies: Vocabularies):  # type: ignore[no-untyped-def]
    path = project.root / spec.path
    if not path.is_file() and not path.is_symlink():
        return Table(spec, spec.path, readable=False), [
            error(
                spec.path,
                1,
                1,
                "missing-file",
                f"the table {spec.name}.csv is missing",
                f"Create {spec.path} with the header row from schemas/datapackage.json.",
            )
        ]
    found: list[Diagnostic] = []
    data = _read_bytes(project, path, found)
    if data is None:
        return Table(spec, spec.path, readable=False), found
    inspection = inspect_csv(spec.path, data)
    table, found = validate_table(spec, inspection, vocabularies, str(project.root))
    if inspection.text is not None:
        found.extend(cell_problems(table, inspection.text, bool(inspection.record_lines)))
    return table, found


def _load_protocols(project: Project, found: list[Diagnostic]) -> list[ProtocolFile]:
    """``<id>.md`` holds a protocol (front matter and English body); ``<id>.fr.md`` its French body."""
    folder = project.protocols_dir
    paths = sorted(folder.glob("*.md")) if folder.is_dir() else []
    french = {p.name.removesuffix(".fr.md"): p for p in paths if p.name.endswith(".fr.md")}
    protocols = []
    for path in paths:
        if path.name.endswith(".fr.md"):
            continue
        protocol = _load_protocol(project, path, french.pop(path.stem, None), found)
        if protocol is not None:
            protocols.append(protocol)
    for stem, path in sorted(french.items()):
        found.append(
            error(
                project.relative(path),
                1,
                1,
                "orphan-translation",
                f'there is no protocol "{stem}.md" for this French text',
                f"Name the French file after its protocol: {stem}.fr.md next to {stem}.md.",
            )
        )
    return protocols


def _read_text(project: Project, path: Path, found: list[Diagnostic]) -> str | None:
    return read_utf8_text(project, path, found)


def _load_protocol(project: Project, path: Path, french: Path | None, found: list[Diagnostic]) -> ProtocolFile | None:
    rel = project.relative(path)
    if not _SLUG.match(path.stem):
        found.append(
            error(
                rel,
                1,
                1,
                "slug",
                f'the file name "{path.name}" is not a valid id',
                "Name the file with lowercase letters, digits and hyphens, like ow-to-eastside.md.",
            )
        )
        return None
    found.extend(id_problems(rel, 1, 1, path.stem, "protocol"))
    text = _read_text(project, path, found)
    body_fr = _read_text(project, french, found) if french is not None else None
    if text is None:
        return None
    document, problems = read_document(rel, text)
    found.extend(problems)
    if document is None:
        return None
    model, problems = validate_model(ReferralProtocol, document)
    found.extend(problems)
    return ProtocolFile(path.stem, document, plain(document.data), model, body_fr)
