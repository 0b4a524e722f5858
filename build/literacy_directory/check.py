"""``check``: load, validate and (when everything passed) build the catalog."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from .catalog import Catalog, build_catalog
from .content import load_content
from .diagnostics import Diagnostic, count, sorted_diagnostics, without_superseded
from .plans import Plan, PlanSet, load_plans
from .project import Project
from .rules import run_rules
from .translation import Coverage, check_french, coverage


@dataclass(frozen=True)
class CheckResult:
    diagnostics: list[Diagnostic]
    catalog: Catalog | None
    coverage: list[Coverage] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return count(self.diagnostics)[0]

    @property
    def warnings(self) -> int:
        return count(self.diagnostics)[1]

    @property
    def ok(self) -> bool:
        return self.errors == 0


TODAY_VARIABLE = "LITERACY_DIRECTORY_TODAY"


def check_project(project: Project, today: dt.date | None = None, require_fr: bool = False) -> CheckResult:
    """Check everything. Freshness is judged against ``today``, else the date in the
    LITERACY_DIRECTORY_TODAY environment variable (for reproducible builds), else the real date.
    Missing French text is a warning, or an error with ``require_fr``."""
    today = today or _today_from_environment() or dt.date.today()
    content = load_content(project)
    found = list(content.diagnostics)
    plans: list[Plan] = []
    if content.package is not None:
        found.extend(run_rules(content, today))
        found.extend(check_french(content, require_fr))
        plans, problems = load_plans(content, require_fr=require_fr)
        found.extend(problems)
    diagnostics = sorted_diagnostics(without_superseded(found))
    has_errors = any(d.is_error for d in diagnostics)
    catalog = None if has_errors or content.package is None else build_catalog(content)
    if catalog is not None:
        catalog.plans = PlanSet(tuple(plans))
    return CheckResult(diagnostics, catalog, coverage(content) if content.package is not None else [])


def _today_from_environment() -> dt.date | None:
    value = os.environ.get(TODAY_VARIABLE, "")
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
