"""The directory in Open Referral HSDS 3.0: every table of the tabular form (``data/hsds/*.csv``
with HSDS's own ``datapackage.json`` schemas) and one ``service_full`` JSON per program.

How our records map (``literacy-directory import-hsds`` reads the same mapping back):

- organizations → ``organization`` (+ ``phone``); programs → ``service`` (+ ``phone``, ``contact``,
  ``language``, ``cost_option``, ``service_area`` for the communities it serves, a ``virtual``
  location for its online platform); sites → ``location`` (+ ``address`` whose ``region`` is the
  community, ``phone``, ``schedule`` for the opening hours, ``accessibility``), linked by
  ``service_at_location``;
- our vocabulary codes are ``taxonomy_term`` rows (code ``<vocabulary>:<code>``, one ``taxonomy``
  per vocabulary), attached to records by ``attribute`` rows;
- HSDS 3.0 identifiers are UUIDs: ours become name-based UUIDs (v5, stable across builds), and our
  own id travels as the ``value`` of a ``literacy-directory:record_id`` attribute (likewise the
  ``last_verified`` of organizations and locations, which HSDS gives only services).

Only English text is exported (HSDS 3.0 tables hold one language); ``last_verified`` is the
``assured_date`` (a person checked it), never ``last_modified``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from literacy_directory.catalog.directory import Catalog, is_retired
from literacy_directory.core.project import Project

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/ontario-literacy-networks/literacy-directory")
OWN_TAXONOMY = "literacy-directory"
RECORD_ID = "record_id"
ACCEPTS_REFERRALS = "accepts_referrals"
LAST_VERIFIED = "last_verified"
ENTITIES = {"organizations": "organization", "programs": "service", "sites": "location"}
ATTRIBUTE_COLUMNS: dict[str, dict[str, str]] = {
    "organizations": {"roles": "org_role", "sector": "sector", "streams": "stream", "partner_types": "partner_type"},
    "programs": {
        "type": "program_type",
        "stream": "stream",
        "goal_paths": "goal_path",
        "oalcf_levels": "oalcf_level",
        "lbs_services": "lbs_service",
        "delivery_modes": "delivery_mode",
        "formats": "format",
        "times_of_day": "time_of_day",
        "attendance": "attendance",
        "intake_methods": "intake_method",
        "intake_status": "intake_status",
        "training_supports": "training_support",
        "cost": "cost",
    },
}
"""Our columns carried as HSDS attributes: table → column → vocabulary."""
PHONE = re.compile(r"^(?P<number>(?:1-)?\d{3}-\d{3}-\d{4})(?: ext\. (?P<extension>\d+))?$")
WAIT = re.compile(r"^(\d+) weeks?$")
Rows = dict[str, list[dict[str, Any]]]


def hsds_id(*parts: str) -> str:
    """The HSDS identifier of one of our things: a UUID named by its kind and our ids."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def term_code(vocabulary: str, code: str) -> str:
    return f"{vocabulary}:{code}"


def wait_time(weeks: int | None) -> str:
    return "" if weeks is None else f"{weeks} week{'s' if weeks != 1 else ''}"


def hsds_descriptor(project: Project) -> dict[str, Any]:
    """HSDS 3.0's tabular Data Package (``schemas/hsds/datapackage.json``, an unchanged copy)."""
    loaded: dict[str, Any] = json.loads((project.schemas / "hsds" / "datapackage.json").read_text(encoding="utf-8"))
    return loaded


class Export:
    """Our catalog as HSDS rows: table name (HSDS resource name) → rows of typed values."""

    def __init__(self, catalog: Catalog):
        self.c = catalog
        self.rows: Rows = defaultdict(list)

    def build(self) -> Rows:
        self.taxonomies()
        for org in self.c.organizations.values():
            self.organization(org)
        for site in self.c.sites.values():
            self.location(site)
        for program in self.c.programs.values():
            self.service(program)
        return self.rows

    def add(self, table: str, **values: Any) -> str:
        self.rows[table].append({k: v for k, v in values.items() if v not in (None, "")})
        return str(values["id"])

    def taxonomies(self) -> None:
        used = sorted({v for columns in ATTRIBUTE_COLUMNS.values() for v in columns.values()})
        for vocabulary in used:
            taxonomy_id = self.add(
                "taxonomy",
                id=hsds_id("taxonomy", vocabulary),
                name=vocabulary,
                description=f"Ontario Literacy and Basic Skills (LBS) directory vocabulary: {vocabulary}",
            )
            for term in self.c.vocabularies[vocabulary].terms:
                self.term(taxonomy_id, vocabulary, term.code, term.label_en)
        own = self.add(
            "taxonomy", id=hsds_id("taxonomy", OWN_TAXONOMY), name=OWN_TAXONOMY, description="Fields of the literacy directory"
        )
        self.term(own, OWN_TAXONOMY, RECORD_ID, "Record id in the literacy directory (the attribute's value)")
        self.term(own, OWN_TAXONOMY, ACCEPTS_REFERRALS, "Accepts referrals from other services (value true or false)")
        self.term(own, OWN_TAXONOMY, LAST_VERIFIED, "Date a person last checked the record (value YYYY-MM-DD)")

    def term(self, taxonomy_id: str, vocabulary: str, code: str, label: str) -> None:
        self.add(
            "taxonomy_term",
            id=hsds_id("term", vocabulary, code),
            code=term_code(vocabulary, code),
            name=label,
            description=label,
            taxonomy=vocabulary,
            language="en",
            taxonomy_id=taxonomy_id,
        )

    def attributes(self, table: str, record: Any) -> None:
        entity, link_id = ENTITIES[table], hsds_id(table, record.id)
        self.attribute(entity, link_id, OWN_TAXONOMY, RECORD_ID, record.id)
        if table != "programs":  # a service has its own assured_date
            self.attribute(entity, link_id, OWN_TAXONOMY, LAST_VERIFIED, record.last_verified.isoformat())
        for column, vocabulary in ATTRIBUTE_COLUMNS.get(table, {}).items():
            value = getattr(record, column)
            for code in value if isinstance(value, list) else [value] if value else []:
                self.attribute(entity, link_id, vocabulary, code)

    def attribute(self, entity: str, link_id: str, vocabulary: str, code: str, value: str = "") -> None:
        self.add(
            "attribute",
            id=hsds_id("attribute", link_id, vocabulary, code),
            link_id=link_id,
            taxonomy_term_id=hsds_id("term", vocabulary, code),
            link_entity=entity,
            value=value,
        )

    def phone(self, number: str | None, owner: str, owner_id: str) -> None:
        match = PHONE.match(number or "")
        if match:
            extension = int(match["extension"]) if match["extension"] else None
            self.add(
                "phone",
                id=hsds_id("phone", owner, owner_id),
                number=match["number"],
                extension=extension,
                type="voice",
                **{owner: owner_id},
            )

    def organization(self, org: Any) -> None:
        org_id = self.add(
            "organization",
            id=hsds_id("organizations", org.id),
            name=org.name_en,
            description=org.description_en or org.name_en,
            email=org.email,
            website=org.website,
        )
        self.phone(org.phone, "organization_id", org_id)
        self.attributes("organizations", org)

    def location_row(self, location_id: str, kind: str, organization_id: str, name: str, **extra: Any) -> str:
        organization = hsds_id("organizations", organization_id)
        return self.add("location", id=location_id, location_type=kind, organization_id=organization, name=name, **extra)

    def location(self, site: Any) -> None:
        location_id = self.location_row(
            hsds_id("sites", site.id),
            "physical",
            site.organization_id,
            site.name_en,
            transportation=site.transit_en,
            latitude=site.latitude,
            longitude=site.longitude,
        )
        self.add(
            "address",
            id=hsds_id("address", site.id),
            location_id=location_id,
            address_1=site.street_address,
            city=site.city,
            region=self.c.communities[site.community_id].name_en,
            state_province="ON",
            postal_code=site.postal_code,
            country="CA",
            address_type="physical",
        )
        self.phone(site.phone, "location_id", location_id)
        if site.hours_en:
            self.add("schedule", id=hsds_id("schedule", site.id), location_id=location_id, description=site.hours_en)
        self.accessibility(site, location_id)
        self.attributes("sites", site)

    def accessibility(self, site: Any, location_id: str) -> None:
        for i, code in enumerate(site.accessibility):
            self.add(
                "accessibility",
                id=hsds_id("accessibility", site.id, code),
                location_id=location_id,
                description=self.c.label("accessibility_feature", code),
                details=site.accessibility_note_en if i == 0 else "",
            )

    def service(self, p: Any) -> None:
        service_id = self.add(
            "service",
            id=hsds_id("programs", p.id),
            organization_id=hsds_id("organizations", p.organization_id),
            name=p.name_en,
            description=p.summary_en,
            email=p.contact_email,
            status="inactive" if is_retired(p) else "active",  # HSDS: a retired program is no longer delivered
            application_process=p.how_to_start_en,
            fees_description=p.cost_note_en,
            wait_time=wait_time(p.wait_weeks),
            eligibility_description=p.eligibility_en,
            assured_date=p.last_verified.isoformat(),
        )
        self.service_details(p, service_id)
        self.attributes("programs", p)
        if p.accepts_referrals is not None:
            value = "true" if p.accepts_referrals else "false"
            self.attribute("service", service_id, OWN_TAXONOMY, ACCEPTS_REFERRALS, value)

    def service_details(self, p: Any, service_id: str) -> None:
        for site_id in p.site_ids:
            self.add(
                "service_at_location",
                id=hsds_id("service_at_location", p.id, site_id),
                service_id=service_id,
                location_id=hsds_id("sites", site_id),
            )
        for community_id in p.community_ids:
            name = self.c.communities[community_id].name_en
            self.add("service_area", id=hsds_id("service_area", p.id, community_id), service_id=service_id, name=name)
        if p.online_platform_en:
            self.online_platform(p, service_id)
        self.phone(p.contact_phone, "service_id", service_id)
        if p.contact_email:
            self.add("contact", id=hsds_id("contact", p.id), service_id=service_id, email=p.contact_email)
        for code in p.languages:
            name = self.c.label("language", code)
            self.add("language", id=hsds_id("language", p.id, code), service_id=service_id, name=name, code=code)
        amount = 0 if p.cost == "free" else None
        self.add(
            "cost_option",
            id=hsds_id("cost_option", p.id),
            service_id=service_id,
            option=self.c.label("cost", p.cost),
            currency="CAD" if amount is not None else "",
            amount=amount,
            amount_description=p.cost_note_en,
        )

    def online_platform(self, p: Any, service_id: str) -> None:
        """Where an online program is followed: a virtual location named after its platform."""
        location_id = self.location_row(hsds_id("platform", p.id), "virtual", p.organization_id, p.online_platform_en)
        self.add(
            "service_at_location",
            id=hsds_id("service_at_location", p.id, "platform"),
            service_id=service_id,
            location_id=location_id,
        )


def export_rows(catalog: Catalog) -> Rows:
    return dict(Export(catalog).build())


def csv_bytes(fields: Iterable[str], rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    for row in sorted(rows, key=lambda r: str(r["id"])):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return repr(value)
    return str(value)


def table_files(rows: Rows, descriptor: dict[str, Any], folder: str) -> dict[str, bytes]:
    """Every table of HSDS 3.0 (empty ones with their header) and the package descriptor, under ``folder``."""
    files: dict[str, bytes] = {}
    for resource in descriptor["resources"]:
        fields = [f["name"] for f in resource["schema"]["fields"]]
        files[f"{folder}/{resource['path']}"] = csv_bytes(fields, rows.get(resource["name"], []))
    files[f"{folder}/datapackage.json"] = json_bytes(published_hsds_descriptor(descriptor))
    return files


def published_hsds_descriptor(descriptor: dict[str, Any]) -> dict[str, Any]:
    """HSDS's descriptor, with our package's name, description and licence (the data's, CC BY 4.0)."""
    published = {k: v for k, v in descriptor.items() if k not in ("license", "licenses", "version", "homepage")}
    published.update(
        name="literacy-directory-hsds",
        title="Ontario adult literacy services directory, in HSDS 3.0",
        description=(
            "The literacy directory's organizations, programs (services) and sites (locations) in Open Referral's "
            "Human Services Data Specification 3.0, tabular form. The table schemas are HSDS 3.0's "
            "(https://docs.openreferral.org, CC BY-SA 4.0); the data is CC BY 4.0."
        ),
        licenses=[
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
    )
    return published


def json_bytes(data: Any, *, compact: bool = False) -> bytes:
    """Indented JSON; ``compact`` for the per-program documents (a third of the size)."""
    text = (
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) if compact else json.dumps(data, ensure_ascii=False, indent=2)
    )
    return (text + "\n").encode("utf-8")
