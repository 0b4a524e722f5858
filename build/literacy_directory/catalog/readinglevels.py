"""Reading levels: per network, its programs by the reading grade of their learner text.

A pure function of the catalog and a ``Scorer`` (``validate.readability``), shown on the "for
networks" page so a network sees which listings to write more plainly, hardest first. ``check``
warns about the same listings (above grade 8), from the same scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from literacy_directory.catalog.directory import Catalog
from literacy_directory.validate.readability import LANGUAGES, Reading, Scorer


@dataclass(frozen=True)
class ListingGrades:
    """One program and the grade of its learner text in each language it has (None: no text)."""

    id: str
    name_en: str
    name_fr: str | None
    en: Reading | None
    fr: Reading | None

    @property
    def hardest(self) -> float:
        return max((r.grade for r in (self.en, self.fr) if r is not None), default=0.0)

    @property
    def too_hard(self) -> bool:
        return any(r is not None and r.too_hard for r in (self.en, self.fr))


@dataclass(frozen=True)
class NetworkGrades:
    network_id: str
    name_en: str
    name_fr: str | None
    listings: tuple[ListingGrades, ...]


def grades_by_network(catalog: Catalog, scorer: Scorer) -> list[NetworkGrades]:
    """Every network (in catalog order) with its current programs (a retired one has nothing left to
    reword, as in the freshness report), the hardest to read first."""
    found: dict[str, list[ListingGrades]] = {network_id: [] for network_id in catalog.networks}
    for program in catalog.current("programs"):
        organization = catalog.organizations.get(program.organization_id)
        if organization is not None and organization.network_id in found:
            found[organization.network_id].append(_grades(program, scorer))
    return [
        NetworkGrades(n.id, n.name_en, n.name_fr, tuple(sorted(found[n.id], key=lambda g: (-g.hardest, g.id))))
        for n in catalog.networks.values()
    ]


def _grades(program: Any, scorer: Scorer) -> ListingGrades:
    readings = {r.lang: r for r in scorer.readings(lambda column: getattr(program, column, None))}
    assert set(readings) <= set(LANGUAGES)
    return ListingGrades(program.id, program.name_en, program.name_fr, readings.get("en"), readings.get("fr"))
