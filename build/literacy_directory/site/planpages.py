"""Plan pages: one per network and published fiscal year in each language, the plans index, and
each plan's tables as downloads (its CSV files and a Data Package descriptor).

Everything a template shows is prepared here (``PlanView``): the computed coverage, the bar
charts (each with a table of the same numbers beside it) and the year-over-year view, with numbers
formatted for the page's language.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from literacy_directory.catalog.plan_coverage import PlanCoverage, plan_coverage
from literacy_directory.core import sitepaths
from literacy_directory.core.lang import field_in
from literacy_directory.plans.load import plans_schema_path
from literacy_directory.plans.model import Plan, PlanSet
from literacy_directory.site.sanitize import markdown_to_safe_html
from literacy_directory.site.urls import localized, plan_url

if TYPE_CHECKING:
    from literacy_directory.catalog.directory import Catalog
    from literacy_directory.core.project import Project


class PageWriter(Protocol):
    """What plan pages need of the generator of one language (``generate.LanguageGenerator``)."""

    catalog: Catalog
    project: Project
    lang: str
    files: dict[str, bytes]
    t: Any

    def render(self, path: str, template: str, title: str, **context: Any) -> None: ...


NARROW_NBSP = "\u202f"
MINUS = "\u2212"


def format_number(value: float | int | None, lang: str = "en", *, signed: bool = False) -> str:
    """``1234`` → ``1,234`` (English) or ``1 234`` (French); decimals with one digit and the
    language's decimal mark; ``signed`` adds a plus sign; negatives take the true minus sign U+2212."""
    if value is None:
        return ""
    text = f"{abs(value):,.1f}" if isinstance(value, float) and not value.is_integer() else f"{abs(int(value)):,}"
    if lang == "fr":
        text = text.replace(",", NARROW_NBSP).replace(".", ",")
    sign = MINUS if value < 0 else "+" if signed and value > 0 else ""
    return sign + text


@dataclass(frozen=True)
class Bar:
    series: str
    """``last_year`` or ``projected`` (the CSS class and the legend)."""
    value: int
    width: float
    """Percent of the chart's width (the largest value is 100)."""


@dataclass(frozen=True)
class BarGroup:
    key: str
    bars: tuple[Bar, ...]


def bar_groups(rows: list[tuple[str, dict[str, int | None]]]) -> tuple[BarGroup, ...]:
    """Bars scaled to the largest value; a missing value has no bar."""
    largest = max((v for _, values in rows for v in values.values() if v), default=0) or 1
    return tuple(
        BarGroup(key, tuple(Bar(series, v, round(100 * v / largest, 1)) for series, v in values.items() if v is not None))
        for key, values in rows
    )


@dataclass(frozen=True)
class YearRow:
    """One fiscal year of a network's plans, for the year-over-year view."""

    plan: Plan
    projected: int
    served: int | None
    """Learners actually served that year, as reported in the next year's plan."""
    open_gaps: int
    actions: int


@dataclass(frozen=True)
class PlanView:
    plan: Plan
    coverage: PlanCoverage
    chart: tuple[BarGroup, ...]
    years: tuple[YearRow, ...]
    years_chart: tuple[BarGroup, ...]
    goal_path_years: tuple[tuple[str, tuple[int, ...]], ...]
    """(goal path, projected learners in each of ``years``)."""
    body_html: str
    body_in_english: bool

    @property
    def gap_numbers(self) -> dict[str, int]:
        """Recorded gaps are referred to by their number in the plan's list (1, 2, 3 ...)."""
        return {gap.id: i for i, gap in enumerate(self.plan.gaps, start=1)}

    @property
    def delivery_by_agency(self) -> list[tuple[str, list[Any]]]:
        """The service delivery chart's rows, grouped by agency (in the order the plan lists them)."""
        groups: dict[str, list[Any]] = {}
        for row in self.plan.delivery:
            groups.setdefault(row.organization_id, []).append(row)
        return list(groups.items())


def plan_view(catalog: Catalog, plans: PlanSet, plan: Plan, lang: str) -> PlanView:
    coverage = plan_coverage(catalog, plan)
    chart = bar_groups([(t.key, {"last_year": t.last_year, "projected": t.projected}) for t in coverage.by_goal_path])
    years = _year_rows(plans.of_network(plan.network_id))
    french_body = lang == "fr" and plan.body_fr is not None
    body = plan.body_fr if french_body and plan.body_fr is not None else plan.body
    return PlanView(
        plan=plan,
        coverage=coverage,
        chart=chart,
        years=years,
        years_chart=bar_groups([(y.plan.fiscal_year, {"projected": y.projected, "served": y.served}) for y in years]),
        goal_path_years=tuple(
            (goal, tuple(sum(r.projected_learners for r in y.plan.delivery if r.goal_path == goal) for y in years))
            for goal in coverage.goal_paths
        ),
        body_html=shift_headings(markdown_to_safe_html(body)) if body.strip() else "",
        body_in_english=lang == "fr" and not french_body and bool(body.strip()),
    )


def _year_rows(plans: list[Plan]) -> tuple[YearRow, ...]:
    following = {p.year.previous: p for p in plans}
    rows = []
    for plan in plans:
        nxt = following.get(plan.year)
        served = _served(nxt.delivery) if nxt is not None else None
        open_gaps = sum(1 for g in plan.gaps if g.kind == "gap" and g.status != "resolved")
        rows.append(YearRow(plan, sum(r.projected_learners for r in plan.delivery), served, open_gaps, len(plan.actions)))
    return tuple(rows)


def _served(rows: tuple[Any, ...]) -> int | None:
    actuals = [r.last_year_actual for r in rows if r.last_year_actual is not None]
    return sum(actuals) if actuals else None


def shift_headings(html: str) -> str:
    """The narrative's headings one level down (its ## under the page's own h2 sections)."""
    return re.sub(r"<(/?)h([2-5])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)


def plan_pages(gen: PageWriter, plans: PlanSet) -> None:
    """Render every published plan's page, its downloads, and the plans index, in ``gen.lang``."""
    for plan in plans.published():
        view = plan_view(gen.catalog, plans, plan, gen.lang)
        gen.render(
            f"{plan_url(plan.network_id, plan.fiscal_year)}index.md",
            "plan.md.j2",
            field_in(plan.meta, "title", gen.lang),
            description=field_in(plan.meta, "summary", gen.lang),
            plan=plan,
            view=view,
            num=partial(format_number, lang=gen.lang),
        )
        write_downloads(gen, plan)
    gen.render(
        sitepaths.PLANS,
        "plans.md.j2",
        gen.t.t("plans_title"),
        description=gen.t.t("plans_description"),
        plans=plans,
        years={y.plan.key: y for n in sorted({p.network_id for p in plans.published()}) for y in _year_rows(plans.of_network(n))},
        num=partial(format_number, lang=gen.lang),
    )


def write_downloads(gen: PageWriter, plan: Plan) -> None:
    """The plan's CSV files as written, and a Data Package descriptor for them, beside its page."""
    folder = plan_url(plan.network_id, plan.fiscal_year)
    for name, data in plan.files:
        gen.files[localized(f"{folder}{name}", gen.lang)] = data
    descriptor = plan_datapackage(gen.project, plan)
    gen.files[localized(f"{folder}datapackage.json", gen.lang)] = (
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    ).encode("utf-8")


def plan_datapackage(project: Project, plan: Plan) -> dict[str, Any]:
    """``schemas/plans.json`` narrowed to the plan's own files, named after the plan."""
    package = json.loads(plans_schema_path(project).read_text(encoding="utf-8"))
    names = {name for name, _ in plan.files}
    package = copy.deepcopy(package)
    package["name"] = f"literacy-service-plan-{plan.network_id}-{plan.fiscal_year}"
    package["title"] = plan.meta.title_en
    package["resources"] = [r for r in package["resources"] if r["path"] in names]
    return dict(package)
