"""``check``: load, validate and (when everything passed) build the catalog."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .catalog import Catalog, build_catalog
from .content import load_content
from .diagnostics import Diagnostic, count, sorted_diagnostics
from .project import Project
from .rules import run_rules


@dataclass(frozen=True)
class CheckResult:
    diagnostics: list[Diagnostic]
    catalog: Catalog | None

    @property
    def errors(self) -> int:
        return count(self.diagnostics)[0]

    @property
    def warnings(self) -> int:
        return count(self.diagnostics)[1]

    @property
    def ok(self) -> bool:
        return self.errors == 0


def check_project(project: Project, today: dt.date | None = None) -> CheckResult:
    today = today or dt.date.today()
    content = load_content(project)
    found = list(content.diagnostics)
    if content.package is not None:
        found.extend(run_rules(content, today))
    diagnostics = sorted_diagnostics(found)
    has_errors = any(d.is_error for d in diagnostics)
    catalog = None if has_errors or content.package is None else build_catalog(content)
    return CheckResult(diagnostics, catalog)
