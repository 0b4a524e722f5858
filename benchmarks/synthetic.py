"""Synthetic, valid, deterministic content for the benchmarks (imported by bench_check and
bench_site): a project folder with a copy of ``schemas/``, ``content/*.csv`` for every table of
the Data Package, and bilingual referral protocols, all seeded from ``--seed``, the size's name and
the date the ``last_verified`` dates are relative to; or a copy of a repository's own sample.

``source`` (a checkout or export, the repository by default) is where ``schemas/`` and the sample
``content/`` are copied from.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from literacy_directory.schema.datapackage import parse_package
from literacy_directory.schema.vocabularies import parse_vocabularies

REPO = Path(__file__).resolve().parent.parent
GENERATOR_VERSION = 2  # 2: places.csv, sites near their community's centre
SAMPLE = "sample"  # the size that is a repository's own content/, not generated

# ---------------------------------------------------------------------------------------------
# Sizes
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Size:
    """How many rows of each table (and protocols) a generated project has."""

    name: str
    networks: int
    communities: int
    organizations: int
    sites: int
    programs: int
    glossary: int
    protocols: int
    note: str = ""


TINY = Size("tiny", 2, 6, 10, 20, 40, 5, 3, "quick mode for tests")

# ---------------------------------------------------------------------------------------------
# Synthetic content
# ---------------------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Postal codes: Ontario's first letters; never D F I O Q U, and W/Z never first.
POSTAL_FIRST = "KLMNP"
POSTAL_LETTER = "ABCEGHJKLMNPRSTVWXYZ"
AREA_CODES = ("613", "705", "807", "519", "416", "905", "647", "289", "343", "226", "249")
WORDS_EN = _words(
    """
    adults learners reading writing math computer skills job goals plan tutor group class evening
    daytime help free support community library training work school credit apprenticeship confidence
    digital literacy essential skills small friendly patient volunteer centre program learn practice
    everyday life family forms
    """
)
WORDS_FR = _words(
    """
    adultes apprenants lecture écriture calcul informatique compétences emploi objectifs plan tuteur
    groupe classe soir jour aide gratuit soutien communauté bibliothèque formation travail école crédit
    apprentissage confiance numérique alphabétisation essentielles petit accueillant patient bénévole
    centre programme pratique vie famille
    """
)
# Programs' text for learners is checked for reading level (grade 8 at most): short common words,
# short sentences, as the sample's plain language ("reading" stays: bench_site searches for it).
PLAIN_EN = _words(
    """
    learn read reading write math help job class plan group free day night week home work book goal
    tutor skills time you we can get find start small friendly the a to and with for at in
    """
)
PLAIN_FR = _words(
    """
    lire écrire calcul aide emploi classe plan groupe jour soir semaine maison travail livre but tuteur
    temps vous nous pouvez trouver petit gratuit le la un de du en et pour avec mot bien plus fois
    """
)
PLACE_PARTS = _words(
    """
    Bay Pine Maple Cedar Oak Birch Elm Spruce River Lake Stone Hill Green Silver Clear Red Long North
    South East West Port Fort Mount Glen Ash Willow Fox Bear Eagle Hawk Wolf Deer Moose Falcon Otter
    Beaver Crane Heron
    """
)
PLACE_SUFFIX = ("view", "field", "ton", "ville", "wood", "dale", "brook", "ford", "mouth", "bridge", "haven", "burg")
STREETS = (
    "Main Street",
    "Queen Street",
    "King Street",
    "Water Street",
    "Church Street",
    "Elgin Street",
    "Dundas Street",
    "Bay Street",
    "Ontario Street",
    "Victoria Avenue",
    "Park Road",
    "Lakeshore Road",
)
PLATFORMS = ("LearnOnline", "Contact North", "Avenue", "e-Channel Anglophone", "e-Channel Francophone", "Deaf Learn Now")


class Vocab:
    """Codes per vocabulary, read from the project's vocabularies.csv."""

    def __init__(self, path: Path):
        self.codes: dict[str, list[str]] = {}
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                self.codes.setdefault(row["vocabulary"], []).append(row["code"])

    def one(self, rng: random.Random, name: str) -> str:
        return rng.choice(self.codes[name])

    def some(self, rng: random.Random, name: str, low: int = 1, high: int = 3) -> str:
        codes = self.codes[name]
        return ";".join(rng.sample(codes, rng.randint(low, min(high, len(codes)))))


class Generator:
    def __init__(self, size: Size, seed: int, today: dt.date, vocab: Vocab):
        self.size = size
        self.rng = random.Random(f"{seed}-{size.name}")
        self.today = today
        self.vocab = vocab

    # small helpers -------------------------------------------------------------------------
    def words(self, pool: tuple[str, ...] | list[str], low: int, high: int) -> str:
        text = " ".join(self.rng.choice(pool) for _ in range(self.rng.randint(low, high)))
        return text[:1].upper() + text[1:] + "."

    def sentences(self, pool: tuple[str, ...] | list[str], count: int, low: int = 6, high: int = 14) -> str:
        return " ".join(self.words(pool, low, high) for _ in range(count))

    def maybe(self, probability: float, value: str) -> str:
        return value if self.rng.random() < probability else ""

    def date(self) -> str:
        return (self.today - dt.timedelta(days=self.rng.randint(0, 180))).isoformat()

    def phone(self) -> str:
        number = f"{self.rng.choice(AREA_CODES)}-555-01{self.rng.randint(0, 99):02d}"
        return number + (f" ext. {self.rng.randint(1, 999)}" if self.rng.random() < 0.1 else "")

    def postal(self) -> str:
        r = self.rng
        return f"{r.choice(POSTAL_FIRST)}{r.randint(0, 9)}{r.choice(POSTAL_LETTER)} {r.randint(0, 9)}{r.choice(POSTAL_LETTER)}{r.randint(0, 9)}"

    def place(self) -> str:
        return self.rng.choice(PLACE_PARTS) + self.rng.choice(PLACE_SUFFIX)

    # tables --------------------------------------------------------------------------------
    def generate(self) -> tuple[dict[str, list[dict[str, str]]], list[tuple[str, str]]]:
        s, r, v = self.size, self.rng, self.vocab
        tables: dict[str, list[dict[str, str]]] = {}

        networks = []
        for i in range(s.networks):
            nid = f"network-{i + 1}"
            place = self.place()
            networks.append(
                {
                    "id": nid,
                    "name_en": f"{place} Literacy Network",
                    "name_fr": f"Réseau d'alphabétisation de {place}",
                    "short_name": f"{place[:2].upper()}LN",
                    "area_en": f"{place} district",
                    "area_fr": f"District de {place}",
                    "description_en": self.sentences(WORDS_EN, 2),
                    "description_fr": self.sentences(WORDS_FR, 2),
                    "website": f"https://{nid}.example.org",
                    "email": f"info@{nid}.example.org",
                    "phone": self.phone(),
                    "github_team": f"@example-org/{nid}",
                    "last_verified": self.date(),
                }
            )
        tables["networks"] = networks

        communities = []
        for i in range(s.communities):
            name = f"{self.place()} {i + 1}"
            communities.append(
                {
                    "id": f"community-{i + 1}",
                    "network_id": networks[i % s.networks]["id"],
                    "name_en": name,
                    "name_fr": self.maybe(0.5, name),
                }
            )
        tables["communities"] = communities
        tables["places"], centres = self.places(communities)

        organizations = []
        for i in range(s.organizations):
            oid = f"org-{i + 1}"
            # ~45% LBS providers (some also e-Channel), ~45% partners, ~10% both.
            kind = r.random()
            roles = ["lbs_provider"] if kind < 0.45 else ["partner"] if kind < 0.9 else ["lbs_provider", "partner"]
            if "lbs_provider" in roles and r.random() < 0.05:
                roles.append("e_channel_provider")
            lbs, partner = "lbs_provider" in roles, "partner" in roles
            place = self.place()
            organizations.append(
                {
                    "id": oid,
                    "network_id": networks[i % s.networks]["id"],
                    "roles": ";".join(roles),
                    "name_en": f"{place} {'Learning Centre' if lbs else 'Community Services'} {i + 1}",
                    "name_fr": self.maybe(0.6, f"Centre {place} {i + 1}"),
                    "sector": v.one(r, "sector") if lbs else "",
                    "streams": v.some(r, "stream", 1, 2) if lbs else "",
                    "partner_types": v.some(r, "partner_type", 1, 3) if partner else "",
                    "description_en": self.sentences(WORDS_EN, 2),
                    "description_fr": self.maybe(0.5, self.sentences(WORDS_FR, 2)),
                    "website": f"https://{oid}.example.org",
                    "email": f"info@{oid}.example.org",
                    "phone": self.phone(),
                    "last_verified": self.date(),
                    "status": "",
                    "end_date": "",
                    "replaced_by": "",
                }
            )
        tables["organizations"] = organizations

        sites: list[dict[str, str]] = []
        sites_of: dict[str, list[str]] = {o["id"]: [] for o in organizations}
        for i in range(s.sites):
            org = organizations[i % s.organizations]  # every organization has at least one site
            sid = f"site-{i + 1}"
            sites_of[org["id"]].append(sid)
            community = r.choice(communities)
            has_coords = r.random() < 0.8
            centre = centres[community["id"]]  # sites lie within ~10 km of their community's centre
            sites.append(
                {
                    "id": sid,
                    "organization_id": org["id"],
                    "community_id": community["id"],
                    "name_en": f"{org['name_en']}, {r.choice(STREETS)}",
                    "name_fr": self.maybe(0.3, f"{org['name_en']} (site {i + 1})"),
                    "street_address": f"{r.randint(1, 2500)} {r.choice(STREETS)}"
                    + (f", Suite {r.randint(1, 400)}" if r.random() < 0.3 else ""),
                    "city": community["name_en"],
                    "postal_code": self.postal(),
                    "latitude": f"{centre[0] + r.uniform(-0.08, 0.08):.5f}" if has_coords else "",
                    "longitude": f"{centre[1] + r.uniform(-0.1, 0.1):.5f}" if has_coords else "",
                    "phone": self.phone(),
                    "hours_en": "Mon-Thu 9 am to 4 pm",
                    "hours_fr": self.maybe(0.5, "lun.-jeu. 9 h à 16 h"),
                    "transit_en": self.maybe(0.5, f"Bus {r.randint(1, 99)} stops at the door."),
                    "transit_fr": self.maybe(0.3, f"L'autobus {r.randint(1, 99)} s'arrête à la porte."),
                    "accessibility": self.maybe(0.8, v.some(r, "accessibility_feature", 1, 4)),
                    "accessibility_note_en": self.maybe(0.2, self.words(WORDS_EN, 5, 10)),
                    "accessibility_note_fr": "",
                    "last_verified": self.date(),
                    "status": "",
                    "end_date": "",
                    "replaced_by": "",
                }
            )
        tables["sites"] = sites

        lbs_orgs = [o for o in organizations if "lbs_provider" in o["roles"].split(";")]
        partner_orgs = [o for o in organizations if "partner" in o["roles"].split(";")]
        programs = []
        for i in range(s.programs):
            is_lbs = r.random() < 0.6
            org = r.choice(lbs_orgs if is_lbs else partner_orgs)
            mode_pick = r.random()
            modes = (
                ["in_person"]
                if mode_pick < 0.5
                else ["in_person", "online"]
                if mode_pick < 0.65
                else ["blended"]
                if mode_pick < 0.75
                else ["remote_live"]
                if mode_pick < 0.85
                else ["online"]
            )
            own_sites = sites_of[org["id"]]
            needs_site = bool({"in_person", "blended"} & set(modes))
            site_ids = ";".join(r.sample(own_sites, r.randint(1, min(3, len(own_sites))))) if needs_site else ""
            online = "online" in modes
            community_ids = ";".join(c["id"] for c in r.sample(communities, min(len(communities), r.randint(1, 3))))
            name = self.words(WORDS_EN, 2, 5).rstrip(".")
            programs.append(
                {
                    "id": f"program-{i + 1}",
                    "organization_id": org["id"],
                    "site_ids": site_ids,
                    "community_ids": community_ids if (not needs_site or r.random() < 0.2) else "",
                    "type": "lbs" if is_lbs else "partner_service",
                    "name_en": name,
                    "name_fr": self.maybe(0.5, self.words(WORDS_FR, 2, 5).rstrip(".")),
                    "summary_en": self.words(PLAIN_EN, 6, 10),
                    "summary_fr": self.maybe(0.5, self.words(PLAIN_FR, 6, 10)),
                    "description_en": self.sentences(PLAIN_EN, r.randint(1, 4), 5, 9),
                    "description_fr": self.maybe(0.5, self.sentences(PLAIN_FR, r.randint(1, 4), 5, 9)),
                    "stream": r.choice(org["streams"].split(";")) if is_lbs else "",
                    "goal_paths": v.some(r, "goal_path", 1, 3) if is_lbs else "",
                    "oalcf_levels": v.some(r, "oalcf_level", 1, 3) if is_lbs else "",
                    "lbs_services": v.some(r, "lbs_service", 2, 5) if is_lbs else "",
                    "delivery_modes": ";".join(modes),
                    "formats": v.some(r, "format", 1, 2),
                    "times_of_day": v.some(r, "time_of_day", 1, 2),
                    "attendance": v.some(r, "attendance", 1, 2),
                    "languages": r.choice(("en", "en", "en", "fr", "en;fr", "ase", "en;oj")),
                    "cost": "free" if is_lbs or r.random() < 0.7 else r.choice(("fee", "sliding_scale")),
                    "cost_note_en": self.maybe(0.2, "Learners may buy a workbook."),
                    "cost_note_fr": "",
                    "eligibility_en": "Adults 19 and older who live in Ontario."
                    if is_lbs
                    else self.maybe(0.5, "Clients of the service."),
                    "eligibility_fr": self.maybe(0.5, "Adultes de 19 ans et plus."),
                    "how_to_start_en": f"Call {self.phone()}.",
                    "how_to_start_fr": self.maybe(0.4, "Téléphonez-nous."),
                    "what_to_bring_en": self.maybe(0.3, "Photo ID and your glasses."),
                    "what_to_bring_fr": "",
                    "intake_methods": v.some(r, "intake_method", 1, 3),
                    "intake_status": v.one(r, "intake_status"),
                    "wait_weeks": str(r.randint(0, 12)) if r.random() < 0.7 else "",
                    "training_supports": self.maybe(0.4, v.some(r, "training_support", 1, 2)),
                    "online_platform_en": r.choice(PLATFORMS) if online else "",
                    "online_platform_fr": r.choice(PLATFORMS) if online and r.random() < 0.5 else "",
                    "accepts_referrals": r.choice(("true", "false", "")),
                    "contact_phone": self.phone(),
                    "contact_email": f"intake@{org['id']}.example.org",
                    "last_verified": self.date(),
                    "reopening_date": "",
                    "status": "",
                    "end_date": "",
                    "replaced_by": "",
                }
            )
        tables["programs"] = programs

        tables["glossary"] = [
            {
                "id": f"term-{i + 1}",
                "term_en": f"TERM{i + 1}",
                "term_fr": self.maybe(0.7, f"TERME{i + 1}"),
                "expansion_en": self.words(WORDS_EN, 2, 4).rstrip("."),
                "expansion_fr": self.maybe(0.7, self.words(WORDS_FR, 2, 4).rstrip(".")),
                "definition_en": self.sentences(WORDS_EN, 2),
                "definition_fr": self.maybe(0.7, self.sentences(WORDS_FR, 2)),
                "synonyms_en": "",  # (no random draw: the other tables stay as before)
                "synonyms_fr": "",
            }
            for i in range(s.glossary)
        ]

        self.translate(tables)
        protocols = [self.protocol(i, partner_orgs, lbs_orgs, programs) for i in range(s.protocols)]
        return tables, protocols

    def places(self, communities: list[dict[str, str]]) -> tuple[list[dict[str, str]], dict[str, tuple[float, float]]]:
        """One place per community at its centre (somewhere in Ontario's south or north), with
        one or two postal prefixes, and a second, smaller place for about a third of them."""
        r, rows, centres = self.rng, [], {}
        for community in communities:
            centre = (r.uniform(42.2, 49.8), r.uniform(-94.0, -75.2))
            centres[community["id"]] = centre
            prefixes = sorted({self.postal()[:3] for _ in range(r.randint(1, 2))})
            names = [(community["id"], community["name_en"], ";".join(prefixes), centre)]
            if r.random() < 0.33:
                near = (centre[0] + r.uniform(-0.2, 0.2), centre[1] + r.uniform(-0.2, 0.2))
                names.append((f"{community['id']}-{len(names)}", self.place(), "", near))
            for place_id, name, postal, (lat, lon) in names:
                rows.append(
                    {
                        "id": place_id,
                        "community_id": community["id"],
                        "name_en": name,
                        "name_fr": "",
                        "other_names": self.maybe(0.2, f"Old {name}"),
                        "postal_prefixes": postal,
                        "latitude": f"{lat:.4f}",
                        "longitude": f"{lon:.4f}",
                    }
                )
        return rows, centres

    def translate(self, tables: dict[str, list[dict[str, str]]]) -> None:
        """Fill every French column whose English pair is filled, so check reports no
        missing-french warnings (the clean path: exit 0, nothing to print). Places keep their one
        name, as real ones mostly do (their French is optional; check does not ask for it)."""
        for name, rows in tables.items():
            for row in rows if name != "places" else []:
                for column in row:
                    if column.endswith("_fr") and not row[column] and row.get(f"{column[:-3]}_en"):
                        row[column] = self.words(PLAIN_FR if name == "programs" else WORDS_FR, 3, 10)

    def protocol(
        self, i: int, partner_orgs: list[dict[str, str]], lbs_orgs: list[dict[str, str]], programs: list[dict[str, str]]
    ) -> tuple[str, str]:
        """The protocol file (front matter and English body) and its French body (``.fr.md``)."""
        r = self.rng
        receiver_programs = [p for p in programs[:200] if p["type"] == "lbs"]
        program = r.choice(receiver_programs)
        referrer = r.choice([o for o in partner_orgs if o["id"] != program["organization_id"]])
        effective = self.today - dt.timedelta(days=r.randint(200, 900))
        phone = self.phone()
        english = "\n".join(
            [
                "---",
                f"title_en: {referrer['name_en']} to {program['name_en']}",
                "title_fr: Protocole d'aiguillage",
                f"summary_en: Caseworkers at {referrer['name_en']} refer clients who want to improve their reading.",
                f"summary_fr: Les agents de {referrer['name_en']} aiguillent les personnes qui veulent mieux lire.",
                f"status: {r.choice(('active', 'draft', 'under_review'))}",
                f"agreement_type: {r.choice(('informal', 'written_agreement', 'mou', 'lsp'))}",
                "direction: one_way",
                "parties:",
                f"  - organization_id: {referrer['id']}",
                "    role: referrer",
                f"  - organization_id: {program['organization_id']}",
                f"    program_id: {program['id']}",
                "    role: receiver",
                "client_groups: [ontario_works_clients, job_seekers]",
                "channels: [phone_line, email]",
                "consent: written",
                f"response_days: {r.randint(1, 10)}",
                f"effective_date: {effective.isoformat()}",
                f"review_date: {(effective + dt.timedelta(days=730)).isoformat()}",
                f"last_verified: {self.date()}",
                "---",
                "## How to refer",
                "",
                "1. Ask the client if they agree to a referral.",
                f"2. Call the intake line at {phone}.",
                "",
            ]
        )
        french = "\n".join(
            [
                "## Comment aiguiller",
                "",
                "1. Demandez à la personne si elle accepte d'être aiguillée.",
                f"2. Appelez la ligne d'accueil au {phone}.",
                "",
            ]
        )
        return english, french


def write_project(size: Size, root: Path, seed: int, today: dt.date, source: Path = REPO) -> dict[str, int]:
    """Write a self-contained valid project for ``size`` (with the schemas of ``source``); return
    the row count of each table."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(source / "schemas", root / "schemas")
    content = root / "content"
    (content / "referral_protocols").mkdir(parents=True)
    descriptor = json.loads((root / "schemas" / "datapackage.json").read_text(encoding="utf-8"))
    tables, protocols = Generator(size, seed, today, Vocab(root / "schemas" / "vocabularies.csv")).generate()
    counts: dict[str, int] = {}
    for resource in descriptor["resources"]:
        header = [f["name"] for f in resource["schema"]["fields"]]
        rows = tables[resource["name"]]
        for row in rows:
            assert list(row) == header, (
                f"{resource['name']}: generator columns differ from the schema: {sorted(set(row) ^ set(header))}"
            )
        with (root / resource["path"]).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(header)
            writer.writerows([row[h] for h in header] for row in rows)
        counts[resource["name"]] = len(rows)
    for i, (english, french) in enumerate(protocols, start=1):
        (content / "referral_protocols" / f"protocol-{i}.md").write_text(english, encoding="utf-8")
        (content / "referral_protocols" / f"protocol-{i}.fr.md").write_text(french, encoding="utf-8")
    counts["referral_protocols"] = len(protocols)
    write_export_descriptor(root)
    return counts


def copy_sample(root: Path, source: Path = REPO) -> dict[str, int]:
    """The own content/ of ``source`` (as it is now), with its schemas, in a scratch project."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(source / "schemas", root / "schemas")
    if (source / "content").is_dir():
        shutil.copytree(source / "content", root / "content")
    else:
        (root / "content").mkdir()
    counts: dict[str, int] = {}
    for path in sorted((root / "content").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            counts[path.stem] = max(0, sum(1 for _ in csv.reader(fh)) - 1)
    protocols = root / "content" / "referral_protocols"
    protocol_files = protocols.glob("*.md") if protocols.is_dir() else []
    counts["referral_protocols"] = sum(1 for p in protocol_files if not p.name.endswith(".fr.md"))
    write_export_descriptor(root)
    return counts


def write_export_descriptor(root: Path) -> None:
    """``datapackage.json`` at the project root: the self-contained export descriptor, paths
    relative to the root (content/programs.csv ...)."""
    spec = parse_package((root / "schemas" / "datapackage.json").read_text(encoding="utf-8"))
    vocab_path = root / "schemas" / "vocabularies.csv"
    vocabularies, problems = parse_vocabularies("schemas/vocabularies.csv", vocab_path.read_text(encoding="utf-8-sig"))
    assert not problems, problems
    descriptor = spec.export_descriptor(vocabularies)
    for resource in descriptor["resources"]:
        # frictionless 5 rejects a "tabular-data-package" whose resources do not declare
        # "tabular-data-resource" (schemas/datapackage.json once declared the package profile only).
        if descriptor.get("profile") == "tabular-data-package":
            resource.setdefault("profile", "tabular-data-resource")
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")
