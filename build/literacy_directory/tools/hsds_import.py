"""``literacy-directory import-hsds PATH --network ID``: records from an HSDS package become rows
of ``content/organizations.csv``, ``sites.csv``, ``programs.csv`` (and ``communities.csv`` for a
town not yet listed), then the content is checked.

The mapping is the export's (``site.hsds``) read backwards, so our own export comes back as the
same records; other HSDS data is mapped where it can be, and everything that cannot be is a
warning naming the source file and line. Ids come from the record's ``literacy-directory:
record_id`` attribute when it has one, else from its name. Nothing already in the content is ever
changed: a record whose id is taken is not imported (with a warning), and an id made from a name
gets ``-2``, ``-3`` ... when the name's id is taken.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from literacy_directory.core.diagnostics import Diagnostic, warning
from literacy_directory.core.project import Project
from literacy_directory.schema.datapackage import PackageSpec, parse_package
from literacy_directory.schema.vocabularies import Vocabularies, parse_vocabularies
from literacy_directory.site.hsds import ACCEPTS_REFERRALS, ATTRIBUTE_COLUMNS, LAST_VERIFIED, OWN_TAXONOMY, RECORD_ID, WAIT
from literacy_directory.tools.hsds_source import Source, SourceError, SourceRow, read_source
from literacy_directory.tools.new import append_row, unique_id
from literacy_directory.validate.check import CheckResult, check_project
from literacy_directory.validate.rules import STALE_ERROR_DAYS

Values = dict[str, str]
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
WEBSITE = re.compile(r"^https?://[^\s<>\"']+$")
POSTAL = re.compile(r"^[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z][0-9][ABCEGHJ-NPRSTV-Z][0-9]$")
LATITUDE, LONGITUDE = (41.6, 57.0), (-95.2, -74.3)
LANGUAGE_CODES = {
    "en": "en", "eng": "en", "english": "en",
    "fr": "fr", "fra": "fr", "fre": "fr", "french": "fr",
    "ase": "ase", "asl": "ase", "fcs": "fcs", "lsq": "fcs",
    "oj": "oj", "oji": "oj", "ojb": "oj", "ojg": "oj", "ojibwe": "oj",
    "cr": "cr", "cre": "cr", "cree": "cr", "moh": "moh", "mohawk": "moh",
}  # fmt: skip
ENTITY_TABLES = {"organization": "organizations", "service": "programs", "location": "sites"}


@dataclass
class Existing:
    """What the content already holds: ids per table, and communities by name."""

    ids: dict[str, set[str]]
    communities: dict[str, str]  # casefolded English name → id
    network_ids: set[str]


@dataclass
class Imported:
    rows: dict[str, list[Values]] = field(default_factory=lambda: defaultdict(list))
    warnings: list[Diagnostic] = field(default_factory=list)
    ours: dict[tuple[str, str], str] = field(default_factory=dict)  # (HSDS table, HSDS id) → our id


class Importer:
    def __init__(
        self, source: Source, existing: Existing, package: PackageSpec, vocabularies: Vocabularies, network: str, today: dt.date
    ):
        self.src, self.existing, self.vocab, self.network, self.today = source, existing, vocabularies, network, today
        self.lists = {(t.name, f.name) for t in package.tables for f in t.fields if f.is_list}
        self.out = Imported()
        self.terms = {row.id: row.get("code") for row in source.rows("taxonomy_term")}
        self.platforms: dict[str, str] = {}  # virtual location id → its name

    def warn(self, row: SourceRow, column: str, message: str, hint: str = "") -> None:
        self.out.warnings.append(warning(row.file, row.line, row.column(column), "hsds-import", message, hint))

    def run(self) -> Imported:
        for row in self.src.rows("organization"):
            self.organization(row)
        for row in self.src.rows("location"):
            self.location(row)
        for row in self.src.rows("service"):
            self.service(row)
        return self.out

    # --- ids and codes ---------------------------------------------------------------------

    def record_id(self, row: SourceRow, table: str, name: str, fallback: str) -> str | None:
        """Our id for a record: its record_id attribute, else one made from its name (None: skip it)."""
        taken = self.existing.ids[table] | {r["id"] for r in self.out.rows[table]}
        wanted = self.own_value(row, RECORD_ID)
        if wanted and wanted in taken:
            self.warn(row, "id", f'"{wanted}" is already in content/{table}.csv: this record was not imported',
                      "Delete or rename that row first to replace it with the imported one.")  # fmt: skip
            return None
        return wanted or unique_id(name, taken, fallback)

    def attributes(self, row: SourceRow) -> list[tuple[tuple[str, str], str]]:
        """((vocabulary, code), value) of the attributes linked to a record, from term codes ``vocabulary:code``."""
        found = []
        for attribute in self.src.by("attribute", "link_id", row.id):
            vocabulary, _, code = self.terms.get(attribute.get("taxonomy_term_id"), "").partition(":")
            found.append(((vocabulary, code), attribute.get("value")))
        return found

    def coded(self, row: SourceRow, table: str, values: Values) -> None:
        """Columns carried as attributes (our vocabularies); anything else attached is reported."""
        columns = ATTRIBUTE_COLUMNS.get(table, {})
        by_vocabulary = {v: c for c, v in columns.items()}
        for attribute in self.src.by("attribute", "link_id", row.id):
            vocabulary, _, code = self.terms.get(attribute.get("taxonomy_term_id"), "").partition(":")
            column = by_vocabulary.get(vocabulary)
            if column and vocabulary in self.vocab and code in self.vocab[vocabulary]:
                values[column] = ";".join(filter(None, [values.get(column, ""), code])) if (table, column) in self.lists else code
            elif vocabulary != OWN_TAXONOMY:
                self.warn(attribute, "taxonomy_term_id", f'the attribute "{vocabulary}:{code}" has no column here: not imported')

    def checked(self, row: SourceRow, column: str, value: str, pattern: re.Pattern[str], what: str) -> str:
        if value and not pattern.match(value):
            self.warn(row, column, f'"{value}" is not {what}: left out')
            return ""
        return value

    def phone_of(self, rows: list[SourceRow]) -> str:
        for row in rows:
            digits = re.sub(r"\D", "", row.get("number"))
            prefix, digits = ("1-", digits[1:]) if len(digits) == 11 and digits.startswith("1") else ("", digits)
            if len(digits) == 10 and digits[0] in "23456789" and digits[3] in "23456789":
                extension = re.sub(r"\D", "", row.get("extension").split(".")[0])
                return f"{prefix}{digits[:3]}-{digits[3:6]}-{digits[6:]}" + (f" ext. {extension}" if extension else "")
            self.warn(row, "number", f'"{row.get("number")}" is not a Canadian phone number: left out')
        return ""

    # --- records -----------------------------------------------------------------------------

    def organization(self, row: SourceRow) -> None:
        name = row.get("name")
        our_id = self.record_id(row, "organizations", name, "organization")
        if our_id is None:
            return
        description = row.get("description")
        values: Values = {
            "id": our_id,
            "network_id": self.network,
            "name_en": name,
            "description_en": "" if description == name else description,
            "website": self.checked(row, "website", row.get("website") or row.get("url"), WEBSITE, "a web address (https://...)"),
            "email": self.checked(row, "email", row.get("email"), EMAIL, "an email address"),
            "phone": self.phone_of([p for p in self.src.by("phone", "organization_id", row.id) if not p.get("service_id") and not p.get("location_id")]),
        }  # fmt: skip
        self.coded(row, "organizations", values)
        if not values.get("roles"):
            values.update(roles="partner", partner_types=values.get("partner_types") or "other")
            self.warn(row, "id", f'organization "{name}" has no LBS role: imported as a partner service of type "other"',
                      'Set roles (lbs_provider if it delivers LBS) and partner_types in content/organizations.csv.')  # fmt: skip
        values["last_verified"] = self.verified_of_organization(row)
        self.add("organization", row, "organizations", values)

    def own_value(self, row: SourceRow, code: str) -> str:
        """The value of one of our own attributes (``literacy-directory:<code>``) on a record."""
        return next((v for c, v in self.attributes(row) if c == (OWN_TAXONOMY, code) and v), "")

    def verified_of_organization(self, row: SourceRow) -> str:
        if self.own_value(row, LAST_VERIFIED):
            return self.verified(row, self.own_value(row, LAST_VERIFIED))
        services = self.src.by("service", "organization_id", row.id)
        dates = [s.get("assured_date") for s in services if _is_date(s.get("assured_date"))]
        return self.verified(row, max(dates) if dates else "", "no service of this organization has an assured_date")

    def verified(self, row: SourceRow, assured: str, missing: str = "no assured_date") -> str:
        """``last_verified``: the source's assured_date when check would take it, else the import date."""
        if not _is_date(assured):
            problem = missing
        elif not 0 <= (self.today - dt.date.fromisoformat(assured)).days <= STALE_ERROR_DAYS:
            problem = f"assured_date {assured} is in the future or more than {STALE_ERROR_DAYS} days old, which check refuses"
        else:
            return assured
        self.warn(row, "assured_date", f"{problem}: last_verified set to the import date, {self.today}",
                  "Confirm the record with the organization before publishing it, then keep that date.")  # fmt: skip
        return self.today.isoformat()

    def add(self, hsds_table: str, row: SourceRow, table: str, values: Values) -> None:
        self.out.rows[table].append({k: v for k, v in values.items() if v})
        self.out.ours[hsds_table, row.id] = values["id"]

    def location(self, row: SourceRow) -> None:
        organization_id = self.out.ours.get(("organization", row.get("organization_id")))
        address = next(iter(self.src.by("address", "location_id", row.id)), None)
        if row.get("location_type") == "virtual":
            self.platforms[row.id] = row.get("name") or row.get("url")  # an online program's platform
            return
        if organization_id is None:
            self.warn(
                row, "organization_id", f'location "{row.get("name")}" has no imported organization: not imported as a site'
            )
            return
        if address is None:
            self.warn(
                row,
                "id",
                f'location "{row.get("name")}" has no address: not imported as a site (a site needs a street address and postal code)',
            )
            return
        postal = address.get("postal_code").upper().replace(" ", "")
        if not POSTAL.match(postal) or address.get("country").upper() not in ("", "CA", "CAN", "CANADA"):
            self.warn(
                address,
                "postal_code",
                f'"{address.get("postal_code")}" is not a Canadian postal code: location "{row.get("name")}" not imported as a site',
            )
            return
        self.site(row, address, organization_id, f"{postal[:3]} {postal[3:]}")

    def site(self, row: SourceRow, address: SourceRow, organization_id: str, postal: str) -> None:
        name = row.get("name") or address.get("address_1")
        our_id = self.record_id(row, "sites", name, "site")
        if our_id is None:
            return
        values: Values = {
            "id": our_id,
            "organization_id": organization_id,
            "community_id": self.community(address),
            "name_en": name,
            "street_address": " ".join(filter(None, [address.get("address_1"), address.get("address_2")])),
            "city": address.get("city"),
            "postal_code": postal,
            "latitude": self.coordinate(row, "latitude", LATITUDE),
            "longitude": self.coordinate(row, "longitude", LONGITUDE),
            "phone": self.phone_of(self.src.by("phone", "location_id", row.id)),
            "hours_en": " ".join(s.get("description") for s in self.src.by("schedule", "location_id", row.id) if s.get("description")),
            "transit_en": row.get("transportation"),
        }  # fmt: skip
        values.update(self.accessibility(row))
        of_organization = next((r["last_verified"] for r in self.out.rows["organizations"] if r["id"] == organization_id), "")
        values["last_verified"] = self.verified(row, self.own_value(row, LAST_VERIFIED) or of_organization)
        self.add("location", row, "sites", values)

    def coordinate(self, row: SourceRow, column: str, bounds: tuple[float, float]) -> str:
        text = row.get(column)
        try:
            value = float(text) if text else None
        except ValueError:
            value = None
        if text and (value is None or not bounds[0] <= value <= bounds[1]):
            self.warn(row, column, f'{column} "{text}" is not in Ontario: left out')
            return ""
        return text

    def community(self, address: SourceRow) -> str:
        """The community of a site: one whose English name is the address's region or city; else a new one."""
        for name in (address.get("region"), address.get("city")):
            found = self.existing.communities.get(name.casefold()) if name else None
            if found:
                return found
        city = address.get("city") or address.get("region") or "community"
        taken = self.existing.ids["communities"] | {r["id"] for r in self.out.rows["communities"]}
        new_id = unique_id(city, taken, "community")
        self.out.rows["communities"].append({"id": new_id, "network_id": self.network, "name_en": city})
        self.existing.communities[city.casefold()] = new_id
        return new_id

    def accessibility(self, row: SourceRow) -> Values:
        labels = {t.label_en.casefold(): t.code for t in self.vocab["accessibility_feature"].terms}
        labels |= {t.label_fr.casefold(): t.code for t in self.vocab["accessibility_feature"].terms if t.label_fr}
        labels |= {t.code: t.code for t in self.vocab["accessibility_feature"].terms}
        codes, notes = [], []
        for item in self.src.by("accessibility", "location_id", row.id):
            code = labels.get(item.get("description").casefold())
            if code:
                codes.append(code)
            elif item.get("description"):
                notes.append(item.get("description"))
                self.warn(
                    item,
                    "description",
                    f'"{item.get("description")}" is not one of our accessibility features: kept as the accessibility note',
                )
            notes += [item.get("details")] if item.get("details") else []
        return {"accessibility": ";".join(dict.fromkeys(codes)), "accessibility_note_en": " ".join(notes)}

    def service(self, row: SourceRow) -> None:
        organization_id = self.out.ours.get(("organization", row.get("organization_id")))
        if organization_id is None:
            self.warn(row, "organization_id", f'service "{row.get("name")}" has no imported organization: not imported')
            return
        our_id = self.record_id(row, "programs", row.get("name"), "program")
        if our_id is None:
            return
        values = self.program_values(row, our_id, organization_id)
        self.coded(row, "programs", values)
        self.program_defaults(row, values)
        self.add("service", row, "programs", values)

    def program_values(self, row: SourceRow, our_id: str, organization_id: str) -> Values:
        links = [link.get("location_id") for link in self.src.by("service_at_location", "service_id", row.id)]
        sites = [self.out.ours.get(("location", location_id)) for location_id in links]
        platforms = [self.platforms[location_id] for location_id in links if self.platforms.get(location_id)]
        contacts = [c.get("email") for c in self.src.by("contact", "service_id", row.id) if c.get("email")]
        wait = WAIT.match(row.get("wait_time"))
        referrals = next((v for c, v in self.attributes(row) if c == (OWN_TAXONOMY, ACCEPTS_REFERRALS)), "")
        return {
            "id": our_id,
            "organization_id": organization_id,
            "site_ids": ";".join(s for s in sites if s),
            "community_ids": ";".join(self.service_areas(row)),
            "name_en": row.get("name"),
            "summary_en": row.get("description"),
            "cost_note_en": row.get("fees_description") or row.get("fees"),
            "eligibility_en": row.get("eligibility_description"),
            "how_to_start_en": row.get("application_process"),
            "wait_weeks": wait.group(1) if wait else "",
            "accepts_referrals": referrals if referrals in ("true", "false") else "",
            "contact_phone": self.phone_of(self.src.by("phone", "service_id", row.id)),
            "contact_email": self.checked(row, "email", row.get("email") or next(iter(contacts), ""), EMAIL, "an email address"),
            "languages": ";".join(self.languages(row)),
            "online_platform_en": "; ".join(platforms),
        }  # fmt: skip

    def service_areas(self, row: SourceRow) -> list[str]:
        found = []
        for area in self.src.by("service_area", "service_id", row.id):
            community = self.existing.communities.get(area.get("name").casefold())
            if community:
                found.append(community)
            else:
                self.warn(area, "name", f'service area "{area.get("name")}" is not a community of the directory: left out')
        return found

    def languages(self, row: SourceRow) -> list[str]:
        found = []
        for language in self.src.by("language", "service_id", row.id):
            code = LANGUAGE_CODES.get(language.get("code").casefold()) or LANGUAGE_CODES.get(language.get("name").casefold())
            if code:
                found.append(code)
            else:
                self.warn(language, "code", f'the language "{language.get("name") or language.get("code")}" is not in our list of languages: left out',
                          "Add it to schemas/vocabularies.csv (vocabulary language) if programs are taught in it.")  # fmt: skip
        return list(dict.fromkeys(found))

    def program_defaults(self, row: SourceRow, values: Values) -> None:
        """Columns a program must have: filled from what HSDS has, or with a stated default."""
        defaults: list[tuple[str, str, str]] = [
            ("type", "partner_service", "it is not marked as an LBS program"),
            ("summary_en", row.get("name"), "it has no description"),
            # in_person needs a site, online a platform name: without a site, the one mode asking neither
            (
                "delivery_modes",
                "in_person" if values.get("site_ids") else "remote_live",
                "HSDS does not say how it is delivered"
                + ("" if values.get("site_ids") else " and none of its locations became a site"),
            ),
            ("languages", "en", "no language could be mapped"),
            ("cost", self.cost(row), "the cost is taken from its cost options and fees"),
        ]
        for column, default, why in defaults:
            if not values.get(column):
                values[column] = default
                self.warn(row, "id", f'program "{values["name_en"]}": {column} set to "{default}" because {why}',
                          f"Check {column} in content/programs.csv.")  # fmt: skip
        values["last_verified"] = self.verified(row, row.get("assured_date"))

    def cost(self, row: SourceRow) -> str:
        options = self.src.by("cost_option", "service_id", row.id)
        amounts = [o.get("amount") for o in options if o.get("amount")]
        text = " ".join([row.get("fees"), row.get("fees_description"), *(o.get("option") for o in options)]).casefold()
        if (amounts and all(_number(a) == 0 for a in amounts)) or (not amounts and "free" in text):
            return "free"
        return "fee"


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


# --- the command -------------------------------------------------------------------------------

TABLE_ORDER = ("communities", "organizations", "sites", "programs")


@dataclass(frozen=True)
class ImportOutcome:
    imported: dict[str, int]
    warnings: list[Diagnostic]
    check: CheckResult


def import_hsds(project: Project, folder: Path, shown_as: str, network: str, today: dt.date) -> ImportOutcome:
    """Read the package, append the mapped rows to the content tables, then check everything.
    Raises ``SourceError`` (nothing written) when the folder or the network cannot be used."""
    source = read_source(folder, shown_as)
    package = parse_package(project.package_path.read_text(encoding="utf-8"))
    vocabularies, _ = parse_vocabularies("schemas/vocabularies.csv", project.vocabularies_path.read_text(encoding="utf-8-sig"))
    existing = existing_content(project)
    if network not in existing.network_ids:
        known = ", ".join(sorted(existing.network_ids)) or "none yet"
        raise SourceError(f'--network "{network}" is not in content/networks.csv (known: {known})')
    imported = Importer(source, existing, package, vocabularies, network, today).run()
    for table in TABLE_ORDER:
        for values in imported.rows.get(table, []):
            append_row(project.content / f"{table}.csv", values)
    counts = {table: len(imported.rows.get(table, [])) for table in TABLE_ORDER}
    return ImportOutcome(counts, imported.warnings, check_project(project, today))


def existing_content(project: Project) -> Existing:
    def read(table: str) -> list[dict[str, str]]:
        path = project.content / f"{table}.csv"
        text = path.read_text(encoding="utf-8-sig", errors="replace") if path.is_file() else ""
        return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]

    ids = {table: {r.get("id", "") for r in read(table)} for table in TABLE_ORDER}
    communities = {r.get("name_en", "").casefold(): r.get("id", "") for r in read("communities")}
    return Existing(ids, communities, {r.get("id", "") for r in read("networks")})


def describe(outcome: ImportOutcome) -> str:
    added = ", ".join(f"{n} {table}" for table, n in outcome.imported.items() if n) or "nothing"
    return f"Imported {added}, with {len(outcome.warnings)} warning(s) about what could not be mapped.\n"
