"""The validated directory as typed, cross-linked, read-only objects. No I/O, no MkDocs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from literacy_directory.forms.model import Form
from literacy_directory.plans.model import PlanSet
from literacy_directory.schema.protocol import ReferralProtocol
from literacy_directory.schema.rowmodels import RowModel, to_models
from literacy_directory.schema.vocabularies import Vocabularies
from literacy_directory.validate.check import CheckResult
from literacy_directory.validate.content import Content


@dataclass(frozen=True)
class Protocol:
    id: str
    path: str
    meta: ReferralProtocol
    body: str
    body_line: int
    body_fr: str | None = None

    @property
    def organization_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.organization_id for p in self.meta.parties))

    @property
    def receivers(self) -> tuple[str, ...]:
        return tuple(p.organization_id for p in self.meta.parties if p.role in ("receiver", "both"))


@dataclass(frozen=True)
class Source:
    """Where a record lives, for 'suggest a correction' links."""

    path: str
    line: int


def is_retired(record: Any) -> bool:
    """True for a record that has ended for good (``status: retired``): its page stays, saying so,
    but it is in no finder, list, card, search facet or count of current services."""
    return getattr(record, "status", None) == "retired"


def current(records: Iterable[Any]) -> list[Any]:
    """The records that have not been retired, in their order."""
    return [r for r in records if not is_retired(r)]


@dataclass
class Catalog:
    vocabularies: Vocabularies
    networks: dict[str, Any]
    communities: dict[str, Any]
    organizations: dict[str, Any]
    sites: dict[str, Any]
    programs: dict[str, Any]
    glossary: dict[str, Any]
    protocols: dict[str, Protocol]
    sources: dict[tuple[str, str], Source]
    forms: dict[str, Form] = field(default_factory=dict)
    plans: PlanSet = field(default_factory=PlanSet)
    places: dict[str, Any] = field(default_factory=dict)
    _index: dict[str, dict[str, list[str]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, defaultdict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for c in self.communities.values():
            index["communities_of_network"][c.network_id].append(c.id)
        for place in self.places.values():
            index["places_of_community"][place.community_id].append(place.id)
        for o in current(self.organizations.values()):
            index["organizations_of_network"][o.network_id].append(o.id)
        for s in current(self.sites.values()):
            index["sites_of_organization"][s.organization_id].append(s.id)
        for p in current(self.programs.values()):
            index["programs_of_organization"][p.organization_id].append(p.id)
            for site_id in p.site_ids:
                index["programs_at_site"][site_id].append(p.id)
            for community_id in self.program_community_ids(p.id):
                index["programs_in_community"][community_id].append(p.id)
        for pr in self.protocols.values():
            for org_id in pr.organization_ids:
                index["protocols_of_organization"][org_id].append(pr.id)
            for party in pr.meta.parties:
                if party.program_id:
                    index["protocols_of_program"][party.program_id].append(pr.id)
        self._index = {k: dict(v) for k, v in index.items()}

    def current(self, table: str) -> list[Any]:
        """The records of a table that have not been retired (the lists, the finder, the counts)."""
        return current(getattr(self, table).values())

    def replacement(self, table: str, record: Any) -> Any:
        """Where to go instead of a retired record: the record its ``replaced_by`` names, or None."""
        target = getattr(record, "replaced_by", None)
        return getattr(self, table).get(target) if target else None

    def _related(self, relation: str, key: str) -> list[str]:
        return self._index.get(relation, {}).get(key, [])

    def communities_of_network(self, network_id: str) -> list[Any]:
        return [self.communities[i] for i in self._related("communities_of_network", network_id)]

    def places_of_community(self, community_id: str) -> list[Any]:
        return [self.places[i] for i in self._related("places_of_community", community_id)]

    def organizations_of_network(self, network_id: str) -> list[Any]:
        return [self.organizations[i] for i in self._related("organizations_of_network", network_id)]

    def sites_of_organization(self, organization_id: str) -> list[Any]:
        return [self.sites[i] for i in self._related("sites_of_organization", organization_id)]

    def programs_of_organization(self, organization_id: str) -> list[Any]:
        return [self.programs[i] for i in self._related("programs_of_organization", organization_id)]

    def programs_at_site(self, site_id: str) -> list[Any]:
        return [self.programs[i] for i in self._related("programs_at_site", site_id)]

    def programs_in_community(self, community_id: str) -> list[Any]:
        return [self.programs[i] for i in self._related("programs_in_community", community_id)]

    def protocols_of_organization(self, organization_id: str) -> list[Protocol]:
        return [self.protocols[i] for i in self._related("protocols_of_organization", organization_id)]

    def protocols_of_program(self, program_id: str) -> list[Protocol]:
        return [self.protocols[i] for i in self._related("protocols_of_program", program_id)]

    def program_community_ids(self, program_id: str) -> list[str]:
        """Communities a program serves: those of its sites, then any it lists itself."""
        program = self.programs[program_id]
        ids = [self.sites[s].community_id for s in program.site_ids]
        return list(dict.fromkeys([*ids, *program.community_ids]))

    def network_of_organization(self, organization_id: str) -> Any:
        return self.networks[self.organizations[organization_id].network_id]

    def label(self, vocabulary: str, code: str, lang: str = "en") -> str:
        return self.vocabularies.label(vocabulary, code, lang)

    def plain(self, vocabulary: str, code: str, lang: str = "en") -> str:
        return self.vocabularies.plain(vocabulary, code, lang)


TABLES = ("networks", "communities", "places", "organizations", "sites", "programs", "glossary")


def catalog_of(result: CheckResult) -> Catalog | None:
    """The catalog of what ``check`` read, or None when it found errors. Built anew on each call:
    callers that need it twice keep it."""
    content = result.content
    if not result.ok or content is None or content.package is None:
        return None
    return build_catalog(content, PlanSet(tuple(result.plans)))


def build_catalog(content: Content, plans: PlanSet | None = None) -> Catalog:
    """The catalog of content that passed every check (call only when there are no errors)."""
    records: dict[str, dict[str, RowModel]] = {}
    sources: dict[tuple[str, str], Source] = {}
    for name in TABLES:
        table = content.tables[name]
        records[name] = {}
        rows = sorted(table.rows, key=lambda r: r["id"])
        for row, record in zip(rows, to_models(table.spec, (r.values for r in rows)), strict=True):
            records[name][row["id"]] = record
            sources[name, row["id"]] = Source(table.path, row.line)
    protocols = {}
    for p in sorted(content.protocols, key=lambda p: p.id):
        assert p.model is not None, "build_catalog runs only on content without errors"
        protocols[p.id] = Protocol(p.id, p.document.path, p.model, p.document.body, p.document.body_line, p.body_fr)
        sources["protocols", p.id] = Source(p.document.path, 1)
    return Catalog(
        content.vocabularies,
        records["networks"],
        records["communities"],
        records["organizations"],
        records["sites"],
        records["programs"],
        records["glossary"],
        protocols,
        sources,
        forms={f.id: f for f in sorted(content.forms, key=lambda f: f.id)},
        plans=plans or PlanSet(),
        places=records["places"],
    )
