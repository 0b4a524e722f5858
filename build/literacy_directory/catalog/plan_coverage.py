"""Coverage of a Literacy Service Plan computed from the directory. Pure: no I/O, no rendering.

For each community the plan covers, a matrix of goal path by stream: in each cell, the LBS
providers whose programs (in the directory) serve that community, in that stream, toward that goal
path, and how (delivery modes). A program serves the communities of its sites in all its modes,
and those it lists itself (``Catalog.program_community_ids``) from a distance (``directory_offers``);
only LBS programs of LBS providers count.

- **gap**: no provider at all;
- **overlap**: two or more providers offer the cell *in the same way* (same delivery mode). An
  in-person class and an online course for the same learners complement each other; two in-person
  classes duplicate each other. This is the "same community, stream and goal path" of the issue,
  refined by delivery mode so province-wide online providers do not make every cell an overlap;
- **online only**: covered, but by no in-person or blended program.

The plan's recorded gaps and overlaps (``gaps.csv``) are compared with the matrix: a recorded gap
the directory shows covered, a recorded overlap it does not show, a cell with no provider that the
plan does not mention. Totals of projected learners by goal path and agency come from the plan's
service delivery chart, with last year's actual.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from literacy_directory.plans.model import Plan

if TYPE_CHECKING:
    from literacy_directory.catalog.directory import Catalog

GAP, OVERLAP, COVERED = "gap", "overlap", "covered"
IN_PLACE_MODES = frozenset({"in_person", "blended"})
MODE_ORDER = ("in_person", "blended", "remote_live", "online")
CellKey = tuple[str, str, str]
"""(community id, stream, goal path)"""

# Verdicts on a recorded gap or overlap, compared with the directory.
CONFIRMED = "confirmed"  # the directory agrees
COVERED_NOW = "covered"  # a recorded open gap: every cell has a provider
PARTLY_COVERED = "partly-covered"  # a recorded open gap: some cells have a provider
NOT_SEEN = "not-seen"  # a recorded overlap: some cells have no two providers offering the same way
STILL_OPEN = "still-open"  # a gap or overlap recorded as resolved that the directory still shows
NOT_IN_MATRIX = "not-in-matrix"  # names no stream or goal path (childcare, waiting lists ...)
DIFFERENCES = frozenset({COVERED_NOW, PARTLY_COVERED, NOT_SEEN, STILL_OPEN})


def _mode_order(modes: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(modes), key=lambda m: (MODE_ORDER.index(m) if m in MODE_ORDER else len(MODE_ORDER), m)))


@dataclass(frozen=True)
class Offer:
    """One program of one provider offering a cell."""

    organization_id: str
    program_id: str
    delivery_modes: tuple[str, ...]


@dataclass(frozen=True)
class Cell:
    community_id: str
    stream: str
    goal_path: str
    offers: tuple[Offer, ...] = ()
    recorded_gaps: tuple[str, ...] = ()
    """Ids of the plan's recorded gaps that name this cell."""
    recorded_overlaps: tuple[str, ...] = ()

    @property
    def key(self) -> CellKey:
        return self.community_id, self.stream, self.goal_path

    @property
    def providers(self) -> tuple[str, ...]:
        return tuple(sorted({o.organization_id for o in self.offers}))

    def modes_of(self, organization_id: str) -> tuple[str, ...]:
        return _mode_order(m for o in self.offers if o.organization_id == organization_id for m in o.delivery_modes)

    def providers_in(self, modes: Iterable[str] | None = None) -> tuple[str, ...]:
        """Providers offering the cell in one of ``modes`` (any mode when None)."""
        wanted = None if modes is None else set(modes)
        return tuple(p for p in self.providers if wanted is None or set(self.modes_of(p)) & wanted)

    @property
    def overlap_modes(self) -> tuple[str, ...]:
        """Delivery modes in which two or more providers offer the cell."""
        count: dict[str, int] = defaultdict(int)
        for provider in self.providers:
            for mode in self.modes_of(provider):
                count[mode] += 1
        return _mode_order(m for m, n in count.items() if n > 1)

    @property
    def overlap_providers(self) -> tuple[str, ...]:
        """The providers that make the cell an overlap."""
        return self.providers_in(self.overlap_modes) if self.overlap_modes else ()

    def is_overlap(self, modes: frozenset[str] | None = None) -> bool:
        return any(modes is None or m in modes for m in self.overlap_modes)

    @property
    def status(self) -> str:
        if not self.offers:
            return GAP
        return OVERLAP if self.overlap_modes else COVERED

    @property
    def online_only(self) -> bool:
        return bool(self.offers) and not any(set(o.delivery_modes) & IN_PLACE_MODES for o in self.offers)


@dataclass(frozen=True)
class RecordedCheck:
    """One recorded gap or overlap of the plan, compared with the directory."""

    gap: Any
    """The row of gaps.csv."""
    cells: tuple[Cell, ...]
    verdict: str
    differing: tuple[Cell, ...] = ()
    """The cells where the directory disagrees with the plan."""

    @property
    def differs(self) -> bool:
        return self.verdict in DIFFERENCES


@dataclass(frozen=True)
class Total:
    """Learners in a part of the service delivery chart: projected this year, served last year."""

    key: str
    projected: int
    last_year: int | None

    @property
    def change(self) -> int | None:
        return None if self.last_year is None else self.projected - self.last_year


@dataclass(frozen=True)
class PlanCoverage:
    communities: tuple[str, ...]
    streams: tuple[str, ...]
    goal_paths: tuple[str, ...]
    cells: dict[CellKey, Cell]
    recorded: tuple[RecordedCheck, ...]
    by_goal_path: tuple[Total, ...]
    by_agency: tuple[Total, ...]
    total: Total
    unlisted_rows: tuple[Any, ...] = field(default=())
    """Chart rows whose agency has no program in the directory for that stream, goal path and place."""

    def cell(self, community_id: str, stream: str, goal_path: str) -> Cell:
        return self.cells[community_id, stream, goal_path]

    def rows_of(self, community_id: str) -> list[tuple[str, list[Cell]]]:
        """The matrix of one community: (goal path, its cells by stream)."""
        return [(g, [self.cells[community_id, s, g] for s in self.streams]) for g in self.goal_paths]

    def with_status(self, status: str) -> list[Cell]:
        return [c for c in self.cells.values() if c.status == status]

    @property
    def unrecorded_gaps(self) -> list[Cell]:
        """Cells with no provider that no recorded gap names."""
        return [c for c in self.with_status(GAP) if not c.recorded_gaps]

    @property
    def unrecorded_overlaps(self) -> list[Cell]:
        return [c for c in self.with_status(OVERLAP) if not c.recorded_overlaps]

    @property
    def differences(self) -> list[RecordedCheck]:
        return [r for r in self.recorded if r.differs]


def directory_offers(catalog: Catalog) -> dict[CellKey, tuple[Offer, ...]]:
    """Every (community, stream, goal path) the directory's LBS programs offer, with who and how.

    In the communities of its sites a program is offered in all its delivery modes. A community it
    lists besides (``community_ids``) it reaches from a distance: only its live online and online
    modes count there, so an in-person class in one town never fills an in-person gap in the next.
    A program with no such mode serves those communities in its own modes (learners travel)."""
    offers: dict[CellKey, list[Offer]] = defaultdict(list)
    for program in sorted(catalog.current("programs"), key=lambda p: p.id):  # a retired program serves no one now
        organization = catalog.organizations.get(program.organization_id)
        if program.type != "lbs" or not program.stream or organization is None or "lbs_provider" not in organization.roles:
            continue
        on_site = {catalog.sites[s].community_id for s in program.site_ids if s in catalog.sites}
        remote = _mode_order(m for m in program.delivery_modes if m not in IN_PLACE_MODES) or _mode_order(program.delivery_modes)
        for community_id in catalog.program_community_ids(program.id):
            modes = _mode_order(program.delivery_modes) if community_id in on_site else remote
            for goal_path in program.goal_paths:
                offers[community_id, program.stream, goal_path].append(Offer(program.organization_id, program.id, modes))
    return {key: tuple(found) for key, found in offers.items()}


def plan_coverage(catalog: Catalog, plan: Plan) -> PlanCoverage:
    offers = directory_offers(catalog)
    communities, streams = tuple(plan.meta.communities), tuple(plan.meta.streams)
    goal_paths = _goal_paths(catalog)
    named = {gap.id: _named_cells(gap, streams, goal_paths) for gap in plan.gaps}
    cells = {
        key: Cell(
            *key,
            offers=offers.get(key, ()),
            recorded_gaps=tuple(g.id for g in plan.gaps if g.kind == GAP and key in named[g.id]),
            recorded_overlaps=tuple(g.id for g in plan.gaps if g.kind == OVERLAP and key in named[g.id]),
        )
        for key in itertools.product(communities, streams, goal_paths)
    }
    recorded = tuple(_check_recorded(gap, [cells[k] for k in named[gap.id] if k in cells]) for gap in plan.gaps)
    return PlanCoverage(
        communities=communities,
        streams=streams,
        goal_paths=goal_paths,
        cells=cells,
        recorded=recorded,
        by_goal_path=_totals(plan.delivery, "goal_path", goal_paths),
        by_agency=_totals(plan.delivery, "organization_id", sorted({r.organization_id for r in plan.delivery})),
        total=_total("all", plan.delivery),
        unlisted_rows=tuple(r for r in plan.delivery if not _listed(catalog, offers, r)),
    )


def _goal_paths(catalog: Catalog) -> tuple[str, ...]:
    vocabulary = catalog.vocabularies.get("goal_path")
    return vocabulary.codes if vocabulary is not None else ()


def _named_cells(gap: Any, plan_streams: tuple[str, ...], goal_paths: tuple[str, ...]) -> set[CellKey]:
    """The matrix cells a recorded gap names: its communities by streams by goal paths, where no
    streams means all the plan's streams and no goal paths all goal paths. A gap naming neither
    (childcare, a waiting list) is not about the matrix."""
    if not gap.streams and not gap.goal_paths:
        return set()
    streams = gap.streams or plan_streams
    goals = gap.goal_paths or goal_paths
    return set(itertools.product(gap.community_ids, streams, goals))


def _check_recorded(gap: Any, cells: list[Cell]) -> RecordedCheck:
    cells = sorted(cells, key=lambda c: c.key)
    if not cells:
        return RecordedCheck(gap, (), NOT_IN_MATRIX)
    modes = frozenset(gap.delivery_modes) or None
    resolved = gap.status == "resolved"
    if gap.kind == OVERLAP:
        differing = [c for c in cells if c.is_overlap(modes) == resolved]
        verdict = (STILL_OPEN if resolved else NOT_SEEN) if differing else CONFIRMED
        return RecordedCheck(gap, tuple(cells), verdict, tuple(differing))
    covered = [c for c in cells if c.providers_in(modes)]
    if resolved:
        still = [c for c in cells if not c.providers_in(modes)]
        return RecordedCheck(gap, tuple(cells), STILL_OPEN if still else CONFIRMED, tuple(still))
    verdict = CONFIRMED if not covered else COVERED_NOW if len(covered) == len(cells) else PARTLY_COVERED
    return RecordedCheck(gap, tuple(cells), verdict, tuple(covered))


def _total(key: str, rows: Iterable[Any]) -> Total:
    rows = list(rows)
    actuals = [r.last_year_actual for r in rows if r.last_year_actual is not None]
    return Total(key, sum(r.projected_learners for r in rows), sum(actuals) if actuals else None)


def _totals(rows: tuple[Any, ...], column: str, keys: Iterable[str]) -> tuple[Total, ...]:
    return tuple(_total(key, (r for r in rows if getattr(r, column) == key)) for key in keys)


def _listed(catalog: Catalog, offers: dict[CellKey, tuple[Offer, ...]], row: Any) -> bool:
    """True when the directory lists a program of the row's agency for its stream, goal path and
    one of its places."""
    places = list(row.community_ids)
    if row.site_id and row.site_id in catalog.sites:
        places.append(catalog.sites[row.site_id].community_id)
    return any(o.organization_id == row.organization_id for c in places for o in offers.get((c, row.stream, row.goal_path), ()))
