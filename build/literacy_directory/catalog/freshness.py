"""Freshness: per network, the listings nobody has confirmed in the last 12 months.

Pure functions of the catalog and a date, shared by ``check`` (a short section of the report) and
the "for networks" page (a table per network), so both always show the same listings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from literacy_directory.catalog.directory import Catalog, is_retired
from literacy_directory.validate.rules import STALE_WARNING_DAYS

# (catalog table, kind of listing, folder of its page on the site), in the order they are listed.
LISTING_TABLES = (
    ("networks", "network", "networks"),
    ("organizations", "organization", "organizations"),
    ("sites", "site", "sites"),
    ("programs", "program", "programs"),
)


@dataclass(frozen=True)
class StaleListing:
    """One listing to check again: what it is, its names, when it was last confirmed, where it lives."""

    kind: str
    id: str
    name_en: str
    name_fr: str | None
    last_verified: dt.date
    days: int
    path: str
    line: int

    @property
    def table(self) -> str:
        """Where it is kept (``programs``; ``protocols`` for referral protocols), as in ``Catalog.sources``."""
        return f"{self.kind}s"

    @property
    def months(self) -> int:
        return self.days * 12 // 365


@dataclass(frozen=True)
class NetworkFreshness:
    """A network and its listings not verified in the last 12 months, oldest first."""

    network_id: str
    name_en: str
    name_fr: str | None
    listings: tuple[StaleListing, ...]


def stale_by_network(catalog: Catalog, today: dt.date, days: int = STALE_WARNING_DAYS) -> list[NetworkFreshness]:
    """Every network (in catalog order) with its listings last verified more than ``days`` ago."""
    found: dict[str, list[StaleListing]] = {network_id: [] for network_id in catalog.networks}
    for network_id, listing in _listings(catalog, today):
        if listing.days > days and network_id in found:
            found[network_id].append(listing)
    return [
        NetworkFreshness(
            n.id,
            n.name_en,
            n.name_fr,
            tuple(sorted(found[n.id], key=lambda s: (s.last_verified, s.kind, s.id))),
        )
        for n in catalog.networks.values()
    ]


def _listings(catalog: Catalog, today: dt.date) -> Iterator[tuple[str, StaleListing]]:
    for table, kind, _ in LISTING_TABLES:
        for record in getattr(catalog, table).values():
            if is_retired(record):  # an ended listing has nothing left to confirm
                continue
            network_id = _network_of(catalog, table, record)
            yield (
                network_id,
                _listing(catalog, table, kind, record.id, record.name_en, record.name_fr, record.last_verified, today),
            )
    for protocol in catalog.protocols.values():
        meta = protocol.meta
        listing = _listing(catalog, "protocols", "protocol", protocol.id, meta.title_en, meta.title_fr, meta.last_verified, today)
        networks = dict.fromkeys(
            catalog.organizations[o].network_id for o in protocol.organization_ids if o in catalog.organizations
        )
        for network_id in networks:
            yield network_id, listing


def _listing(
    catalog: Catalog, table: str, kind: str, record_id: str, name_en: str, name_fr: str | None, date: dt.date, today: dt.date
) -> StaleListing:
    source = catalog.sources.get((table, record_id))
    return StaleListing(
        kind,
        record_id,
        name_en,
        name_fr,
        date,
        (today - date).days,
        source.path if source else "",
        source.line if source else 1,
    )


def _network_of(catalog: Catalog, table: str, record: Any) -> str:
    if table == "networks":
        return str(record.id)
    if table == "organizations":
        return str(record.network_id)
    return str(catalog.organizations[record.organization_id].network_id)


def stale_count(freshness: list[NetworkFreshness]) -> int:
    """Listings to check, counting a protocol shared by two networks once."""
    return len({(s.kind, s.id) for n in freshness for s in n.listings})
