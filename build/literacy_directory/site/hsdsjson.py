"""One HSDS 3.0 ``service_full`` document per program, assembled from the HSDS tables of
``site.hsds`` (so the JSON and the CSVs can never disagree): the service with its organization,
phones, contacts, languages, cost options, attributes (each with its taxonomy term's id, code,
name and description) and its
service-at-location links, each holding the full location (address, phones, hours, accessibility).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from literacy_directory.site.hsds import Rows

Index = dict[str, dict[str, list[dict[str, Any]]]]
"""table → foreign-key value → rows (for every ``*_id`` column of the table)."""


def index_rows(rows: Rows) -> Index:
    index: Index = defaultdict(lambda: defaultdict(list))
    for table, table_rows in rows.items():
        for row in table_rows:
            for column, value in row.items():
                if column.endswith("_id") or column == "id":
                    index[f"{table}.{column}"][str(value)].append(row)
    return index


class Documents:
    def __init__(self, rows: Rows):
        self.index = index_rows(rows)

    def by(self, table: str, column: str, value: str) -> list[dict[str, Any]]:
        return sorted(self.index[f"{table}.{column}"].get(value, []), key=lambda r: str(r["id"]))

    def one(self, table: str, value: str) -> dict[str, Any] | None:
        found = self.by(table, "id", value)
        return dict(found[0]) if found else None

    def attributes(self, link_id: str) -> list[dict[str, Any]]:
        found = []
        for attribute in self.by("attribute", "link_id", link_id):
            term = self.one("taxonomy_term", str(attribute["taxonomy_term_id"]))
            # The term's identity only: its taxonomy and language are in taxonomy_terms.csv (a third of the size).
            brief = {k: v for k, v in (term or {}).items() if k in ("id", "code", "name", "description")}
            found.append({**attribute, "taxonomy_term": brief} if brief else attribute)
        return found

    def location(self, location_id: str) -> dict[str, Any] | None:
        location = self.one("location", location_id)
        if location is None:
            return None
        for key, table in (
            ("addresses", "address"),
            ("phones", "phone"),
            ("schedules", "schedule"),
            ("accessibility", "accessibility"),
        ):
            location[key] = self.by(table, "location_id", location_id)
        location["attributes"] = self.attributes(location_id)
        return location

    def service(self, service: dict[str, Any]) -> dict[str, Any]:
        service_id = str(service["id"])
        document = dict(service)
        document["organization"] = self.one("organization", str(service["organization_id"]))
        for key, table in (
            ("phones", "phone"),
            ("contacts", "contact"),
            ("languages", "language"),
            ("cost_options", "cost_option"),
            ("schedules", "schedule"),
        ):
            document[key] = self.by(table, "service_id", service_id)
        document["attributes"] = self.attributes(service_id)
        links = []
        for link in self.by("service_at_location", "service_id", service_id):
            location = self.location(str(link["location_id"]))
            links.append({**link, "location": location} if location else link)
        document["service_at_locations"] = links
        return document


def service_documents(rows: Rows, record_ids: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Our program id → its ``service_full`` document. ``record_ids``: HSDS service id → our id."""
    documents = Documents(rows)
    return {record_ids[str(s["id"])]: documents.service(s) for s in rows.get("service", [])}
