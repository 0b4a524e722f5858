"""``check``: load, validate and (when everything passed) build the catalog."""

from __future__ import annotations

import datetime as dt
from typing import Any

from literacy_directory.core.dates import reference_date
from literacy_directory.core.diagnostics import Diagnostic, count, sorted_diagnostics, without_superseded
from literacy_directory.core.project import Project
from literacy_directory.load.confine import scan_content
from literacy_directory.plans.load import load_plans
from literacy_directory.plans.model import Plan
from literacy_directory.validate.committed import committed_generated
from literacy_directory.validate.content import Content, load_content
from literacy_directory.validate.pages import check_pages
from literacy_directory.validate.readability import check_cached
from literacy_directory.validate.rules import run_rules
from literacy_directory.validate.translation import Coverage, RowGaps, check_french, coverage, table_gaps


class CheckResult:
    """What check found, with the content it read (the catalog is built from it by
    ``catalog.directory.catalog_of``: ``check`` alone needs it only to describe stale listings)."""

    def __init__(
        self,
        diagnostics: list[Diagnostic],
        content: Content | None = None,
        plans: list[Plan] | None = None,
        coverage: list[Coverage] | None = None,
    ):
        self.diagnostics = diagnostics
        self.coverage = coverage or []
        self._content = content
        self._plans = plans or []

    @property
    def errors(self) -> int:
        return count(self.diagnostics)[0]

    @property
    def warnings(self) -> int:
        return count(self.diagnostics)[1]

    @property
    def ok(self) -> bool:
        return self.errors == 0

    @property
    def network_rows(self) -> list[Any]:
        """The networks table's rows (id, names), without building the catalog."""
        table = self._content.tables.get("networks") if self._content else None
        return sorted(table.complete_rows, key=lambda r: r["id"]) if table else []

    @property
    def content(self) -> Content | None:
        """What was read (``catalog.directory.catalog_of`` builds the catalog from it)."""
        return self._content

    @property
    def plans(self) -> list[Plan]:
        return self._plans


def check_project(project: Project, today: dt.date | None = None, require_fr: bool = False) -> CheckResult:
    """Check everything. Freshness is judged against ``today``, else the date in the
    LITERACY_DIRECTORY_TODAY environment variable (for reproducible builds), else the real date.
    Missing French text is a warning, or an error with ``require_fr``."""
    today = reference_date(today)
    content = load_content(project)
    found = [*scan_content(project), *check_pages(project), *committed_generated(project), *content.diagnostics]
    plans: list[Plan] = []
    gaps: RowGaps = []
    if content.package is not None:
        found.extend(run_rules(content, today))
        found.extend(check_cached(project.root, content.tables.get("programs")))
        gaps = table_gaps(content)
        found.extend(check_french(content, require_fr, gaps))
        plans, problems = load_plans(content, require_fr=require_fr, today=today)
        found.extend(problems)
    diagnostics = sorted_diagnostics(without_superseded(found))
    return CheckResult(diagnostics, content, plans, coverage(content, gaps) if content.package is not None else [])
