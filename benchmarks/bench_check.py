"""Benchmark ``literacy-directory check`` against raw ``frictionless`` validation of the same data.

Usage (from the repository root)::

    python benchmarks/bench_check.py                       # sample,small,province,large, 3 runs each
    python benchmarks/bench_check.py --sizes small,province,large --repeat 3
    python benchmarks/bench_check.py --sizes tiny --repeat 1 --warmup 0   # quick mode, for tests

For every size the script writes a self-contained project under ``benchmarks/out/projects/<size>/``
(a copy of ``schemas/``, synthetic valid ``content/*.csv`` and a few referral protocols, all
seeded and deterministic for a given date) plus ``datapackage.json``: the self-contained export
descriptor of the same package (``parse_package(...).export_descriptor(vocabularies)``), with
vocabulary codes written in as ``enum`` constraints. It then measures, in ONE run and each in a
fresh subprocess, alternating the two commands:

- check:        ``literacy-directory --project DIR check``
- frictionless: ``frictionless.Package("DIR/datapackage.json").validate()``

and reports the median of ``--repeat`` runs of wall time and CPU time (user + sys of the child,
from ``os.wait4``), the peak RSS of each (``ru_maxrss`` of the child), and the CPU ratio
check / frictionless. Speed is judged by the ratio, which is far less noisy than absolute times.

The synthetic content is fully bilingual (every ``*_fr`` beside a filled ``*_en``, and a
``.fr.md`` per protocol) and verified recently, so check takes its clean path: exit 0, no
warnings. The ``sample`` size is the repository's own ``content/`` (copied, never modified).

``--pythonpath DIR`` runs check with another copy of ``literacy_directory`` first on the path (to
measure a proposed change against the same frictionless baseline); ``--profile`` also writes a
cProfile of one check run per size to ``benchmarks/out/check-<size>.prof(.txt)``.

Targets (from the issue): check CPU <= 1.3x frictionless at every synthetic size; check peak RSS
< 400 MB at 20,000 programs (``large``); check on the sample well under 2 s.

Output: a Markdown table on stdout, also written to ``benchmarks/out/check.md`` (and the raw
samples to ``benchmarks/out/check.json``). Exit status: 0 when measured (add
``--fail-on-target`` to exit 1 when a target is missed), 2 when generated content is not valid.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import platform
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
VENV_BIN = REPO / ".venv" / "bin"
GENERATOR_VERSION = 2  # 2: places.csv, sites near their community's centre

try:
    import frictionless
    import pydantic

    from literacy_directory.schema.datapackage import parse_package
    from literacy_directory.schema.vocabularies import parse_vocabularies
except ImportError:  # run with a Python outside the venv: re-run with the venv's
    venv_python = VENV_BIN / "python"
    if venv_python.is_file() and Path(sys.prefix).resolve() != (REPO / ".venv").resolve() and not os.environ.get("_BENCH_REEXEC"):
        os.environ["_BENCH_REEXEC"] = "1"
        os.execv(str(venv_python), [str(venv_python), *sys.argv])
    raise SystemExit(f"Run this with the project's virtual environment: {venv_python} {' '.join(sys.argv)}") from None

CHECK_TARGET_RATIO = 1.3
LARGE_RSS_TARGET_MB = 400
SAMPLE_WALL_TARGET_S = 2.0

# ---------------------------------------------------------------------------------------------
# Sizes
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Size:
    name: str
    networks: int
    communities: int
    organizations: int
    sites: int
    programs: int
    glossary: int
    protocols: int
    note: str = ""


SIZES: dict[str, Size] = {
    s.name: s
    for s in (
        Size("tiny", 2, 6, 10, 20, 40, 5, 3, "quick mode for tests"),
        Size("small", 4, 40, 100, 300, 400, 30, 8, "one regional network"),
        Size("province", 16, 200, 500, 1_500, 2_000, 60, 20, "(a) province: 500 orgs / 2,000 programs"),
        Size("large", 16, 600, 2_000, 6_000, 20_000, 60, 20, "(b) 2,000 orgs / 6,000 sites / 20,000 programs"),
    )
}
SAMPLE = "sample"
DEFAULT_SIZES = "sample,small,province,large"

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

    def sentences(self, pool: tuple[str, ...] | list[str], count: int) -> str:
        return " ".join(self.words(pool, 6, 14) for _ in range(count))

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
                    "summary_en": self.words(WORDS_EN, 8, 16),
                    "summary_fr": self.maybe(0.5, self.words(WORDS_FR, 8, 16)),
                    "description_en": self.sentences(WORDS_EN, r.randint(1, 4)),
                    "description_fr": self.maybe(0.5, self.sentences(WORDS_FR, r.randint(1, 4))),
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
                        row[column] = self.words(WORDS_FR, 3, 10)

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


def write_project(size: Size, root: Path, seed: int, today: dt.date) -> dict[str, int]:
    """Write a self-contained valid project for ``size``; return the row count of each table."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(REPO / "schemas", root / "schemas")
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


def copy_sample(root: Path) -> dict[str, int]:
    """The repository's own content/ (as it is now), with its schemas, in a scratch project."""
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(REPO / "schemas", root / "schemas")
    if (REPO / "content").is_dir():
        shutil.copytree(REPO / "content", root / "content")
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


# ---------------------------------------------------------------------------------------------
# Measurement
# ---------------------------------------------------------------------------------------------

FRICTIONLESS_CODE = """\
import sys
import frictionless
report = frictionless.Package(sys.argv[1]).validate()
if report.valid:
    print("valid")
else:
    for row in report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]:
        print(row)
sys.exit(0 if report.valid else 1)
"""


@dataclass
class Sample:
    wall: float
    cpu: float
    user: float
    sys: float
    rss_mb: float
    rc: int


@dataclass
class Result:
    size: str
    rows: int
    counts: dict[str, int]
    note: str = ""
    check: list[Sample] = field(default_factory=list)
    frictionless: list[Sample] = field(default_factory=list)

    def median(self, which: str, attr: str) -> float:
        return statistics.median(getattr(s, attr) for s in getattr(self, which))

    def peak(self, which: str) -> float:
        return max(s.rss_mb for s in getattr(self, which))

    def codes(self, which: str) -> set[int]:
        return {s.rc for s in getattr(self, which)}

    @property
    def ratio_cpu(self) -> float:
        return self.median("check", "cpu") / self.median("frictionless", "cpu")

    @property
    def ratio_wall(self) -> float:
        return self.median("check", "wall") / self.median("frictionless", "wall")


def child_env(pythonpath: str | None = None) -> dict[str, str]:
    drop = ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "PYTHONPROFILEIMPORTTIME", "PYTHONPATH")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PYTHONHASHSEED"] = "0"
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    return env


def run_measured(cmd: list[str], log: Path, pythonpath: str | None = None) -> Sample:
    """Run ``cmd`` in a fresh process; its own rusage (CPU, peak RSS) comes from ``os.wait4``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=child_env(pythonpath), cwd=str(OUT))
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = rc = os.waitstatus_to_exitcode(status)
    # Linux reports ru_maxrss in KiB.
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024, rc)


def commands(project: Path) -> dict[str, list[str]]:
    return {
        "check": [str(VENV_BIN / "literacy-directory"), "--project", str(project), "check"],
        "frictionless": [str(VENV_BIN / "python"), "-c", FRICTIONLESS_CODE, str(project / "datapackage.json")],
    }


def measure(result: Result, project: Path, repeat: int, warmup: int, pythonpath: str | None = None) -> None:
    """``pythonpath`` (a folder holding another ``literacy_directory``, to try a change) applies
    to check only."""
    cmds = commands(project)
    paths = {"check": pythonpath, "frictionless": None}
    logs = OUT / "logs"
    for i in range(warmup):
        for name in ("check", "frictionless"):
            run_measured(cmds[name], logs / f"{result.size}-{name}-warmup{i}.log", paths[name])
    for i in range(repeat):
        # Alternate which command goes first, so drift (thermal, cache, neighbours) hits both alike.
        order = ("check", "frictionless") if i % 2 == 0 else ("frictionless", "check")
        for name in order:
            sample = run_measured(cmds[name], logs / f"{result.size}-{name}-{i}.log", paths[name])
            getattr(result, name).append(sample)
            print(
                f"  {result.size:9} run {i + 1}/{repeat} {name:12} wall {sample.wall:7.2f} s  cpu {sample.cpu:7.2f} s  "
                f"rss {sample.rss_mb:6.0f} MB  exit {sample.rc}",
                file=sys.stderr,
                flush=True,
            )


def profile(size: str, project: Path, top: int = 25, pythonpath: str | None = None) -> str:
    """One cProfile run of check; returns the top functions by cumulative and by own time."""
    prof = OUT / f"check-{size}.prof"
    cmd = [
        str(VENV_BIN / "python"),
        "-m",
        "cProfile",
        "-o",
        str(prof),
        "-m",
        "literacy_directory.cli",
        "--project",
        str(project),
        "check",
    ]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, env=child_env(pythonpath), check=False)
    buffer = io.StringIO()
    stats = pstats.Stats(str(prof), stream=buffer)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    (OUT / f"check-{size}.prof.txt").write_text(buffer.getvalue(), encoding="utf-8")
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def machine_facts() -> dict[str, str]:
    return {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "nproc": str(os.cpu_count()),
        "affinity": str(len(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity") else "?",
        "python": platform.python_version(),
        "platform": platform.platform(),
        "frictionless": frictionless.__version__ if hasattr(frictionless, "__version__") else "?",
        "pydantic": pydantic.VERSION,
    }


def targets(result: Result) -> list[str]:
    """Which targets this size meets or misses (empty for sizes without a target)."""
    verdicts = []
    if result.size == SAMPLE:
        wall = result.median("check", "wall")
        verdicts.append(
            f"check wall {wall:.2f} s {'<' if wall < SAMPLE_WALL_TARGET_S else '>='} {SAMPLE_WALL_TARGET_S:g} s "
            f"({'met' if wall < SAMPLE_WALL_TARGET_S else 'MISSED'})"
        )
        if result.codes("check") != {0}:
            verdicts.append(
                f"note: check exited {'/'.join(map(str, sorted(result.codes('check'))))} on content/ as it is now "
                "(content errors or missing files), so this times the error path; see benchmarks/out/logs/sample-check-0.log"
            )
        if result.rows == 0:
            verdicts.append("note: content/ has no CSV rows yet, so this is start-up time only")
        return verdicts
    ratio = result.ratio_cpu
    verdicts.append(
        f"CPU ratio {ratio:.2f}x {'<=' if ratio <= CHECK_TARGET_RATIO else '>'} {CHECK_TARGET_RATIO}x "
        f"({'met' if ratio <= CHECK_TARGET_RATIO else 'MISSED'})"
    )
    if result.size == "large":
        rss = result.peak("check")
        verdicts.append(
            f"check peak RSS {rss:.0f} MB {'<' if rss < LARGE_RSS_TARGET_MB else '>='} {LARGE_RSS_TARGET_MB} MB "
            f"({'met' if rss < LARGE_RSS_TARGET_MB else 'MISSED'})"
        )
    return verdicts


def markdown(results: list[Result], facts: dict[str, str], argv: list[str], repeat: int) -> str:
    lines = [
        "# `literacy-directory check` vs raw `frictionless` validation",
        "",
        f"Command: `python benchmarks/{Path(__file__).name} {' '.join(argv)}`".rstrip() + "  ",
        f"Machine: {facts['nproc']} CPUs (affinity {facts['affinity']}), Python {facts['python']}, "
        f"frictionless {facts['frictionless']}, pydantic {facts['pydantic']}, {facts['platform']}  ",
        f"Run at {facts['date']}; median of {repeat} run(s) per command, each in a fresh process, alternating; "
        "CPU = user + sys of the child (`os.wait4`); RSS = the child's peak (`ru_maxrss`).",
        "",
        "| size | rows | check wall s | check CPU s | frictionless wall s | frictionless CPU s | ratio CPU | ratio wall "
        "| check peak RSS MB | frictionless peak RSS MB | exit codes check/fl |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        codes = f"{'/'.join(map(str, sorted(r.codes('check'))))} / {'/'.join(map(str, sorted(r.codes('frictionless'))))}"
        lines.append(
            f"| {r.size} | {r.rows:,} | {r.median('check', 'wall'):.2f} | {r.median('check', 'cpu'):.2f} "
            f"| {r.median('frictionless', 'wall'):.2f} | {r.median('frictionless', 'cpu'):.2f} | {r.ratio_cpu:.2f}x "
            f"| {r.ratio_wall:.2f}x | {r.peak('check'):.0f} | {r.peak('frictionless'):.0f} | {codes} |"
        )
    lines += ["", "Sizes:", ""]
    for r in results:
        counts = ", ".join(f"{k} {v:,}" for k, v in r.counts.items())
        lines.append(f"- **{r.size}**{f' ({r.note})' if r.note else ''}: {counts}")
    lines += [
        "",
        "Targets (check CPU <= 1.3x frictionless at every synthetic size; check < 400 MB at 20,000 programs; "
        "check on the sample well under 2 s):",
        "",
    ]
    for r in results:
        for verdict in targets(r):
            lines.append(f"- {r.size}: {verdict}")
    return "\n".join(lines) + "\n"


def run_size(name: str, args: argparse.Namespace, today: dt.date, pythonpath: str | None) -> Result:
    """Write the project of one size, then measure check and frictionless on it."""
    project = OUT / "projects" / name
    started = time.perf_counter()
    if name == SAMPLE:
        counts, note = copy_sample(project), "the repository's own content/"
    else:
        counts, note = write_project(SIZES[name], project, args.seed, today), SIZES[name].note
    rows = sum(v for k, v in counts.items() if k != "referral_protocols")
    if name == SAMPLE and rows == 0:
        note += "; no CSV rows yet"
    print(f"{name}: {rows:,} rows written in {time.perf_counter() - started:.1f} s to {project}", file=sys.stderr, flush=True)
    result = Result(name, rows, counts, note)
    measure(result, project, args.repeat, args.warmup, pythonpath)
    if args.profile:
        print(profile(name, project, pythonpath=pythonpath), file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=DEFAULT_SIZES, help=f"comma-separated, from: {SAMPLE}, {', '.join(SIZES)} (default: {DEFAULT_SIZES})"
    )
    parser.add_argument("--repeat", type=int, default=3, help="measured runs per command and size (default 3; use >= 3)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs per command and size first (default 1)")
    parser.add_argument("--seed", type=int, default=20260401, help="seed of the synthetic content")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        help="date the synthetic last_verified dates are relative to (default: today)",
    )
    parser.add_argument(
        "--profile", action="store_true", help="also cProfile one check run per size (benchmarks/out/check-SIZE.prof)"
    )
    parser.add_argument(
        "--pythonpath",
        default=None,
        help="run check with this folder first on PYTHONPATH (a patched copy of literacy_directory, to measure a change)",
    )
    parser.add_argument(
        "--output", type=Path, default=OUT / "check.md", help="Markdown report (default benchmarks/out/check.md; JSON beside it)"
    )
    parser.add_argument("--fail-on-target", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.sizes.split(",") if n.strip()]
    unknown = [n for n in names if n != SAMPLE and n not in SIZES]
    if unknown or args.repeat < 1:
        parser.error(f"unknown size(s): {', '.join(unknown)}" if unknown else "--repeat must be >= 1")
    today = args.today or dt.date.today()
    pythonpath = str(Path(args.pythonpath).resolve()) if args.pythonpath else None
    OUT.mkdir(parents=True, exist_ok=True)
    facts = machine_facts()

    results = [run_size(name, args, today, pythonpath) for name in names]
    invalid = [r.size for r in results if r.size != SAMPLE and (r.codes("check") != {0} or r.codes("frictionless") != {0})]

    text = markdown(results, facts, argv, args.repeat)
    if pythonpath:
        text += f"\nNOTE: check ran with PYTHONPATH={pythonpath} (a modified literacy_directory), not the installed package.\n"
    if invalid:
        text += (
            f"\n**Generated content was reported invalid for: {', '.join(invalid)}** "
            f"(see benchmarks/out/logs/); the timings above do not measure the valid path.\n"
        )
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    args.output.with_suffix(".json").write_text(
        json.dumps(
            {
                "facts": facts,
                "argv": argv,
                "results": [
                    {**asdict(r), "ratio_cpu": r.ratio_cpu, "ratio_wall": r.ratio_wall, "targets": targets(r)} for r in results
                ],
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    if invalid:
        return 2
    missed = any("MISSED" in v for r in results for v in targets(r))
    return 1 if missed and args.fail_on_target else 0


if __name__ == "__main__":
    raise SystemExit(main())
