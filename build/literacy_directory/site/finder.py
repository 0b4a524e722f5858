"""The program finder: where a learner is, which programs fit, in which order, and the small JSON
files the browser reads to do the same.

One order everywhere (the static pages here, ``finder.js`` in the browser): in three groups,
programs near you (LBS with a site), learn from home (programs without a site; province-wide
ones for every place), other services that can help (partner services); in each group programs
taking learners first, then the nearest, then by name.

The browser first loads ``find/index.json`` (places, postal prefixes, communities with their
centres and the goals they offer, the province-wide programs, labels), then one small file per
community it needs (``find/data/<community>.json``), so the first load stays small at any size.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from literacy_directory.catalog.directory import Catalog
from literacy_directory.core.lang import field_in
from literacy_directory.site.searchterms import WORD, LearnerWords
from literacy_directory.site.searchterms import fold as search_fold
from literacy_directory.site.templating import fold

NEAR, HOME, OTHER = "near", "home", "other"
GROUPS = (NEAR, HOME, OTHER)
PAGE = {NEAR: 10, HOME: 5, OTHER: 5}
"""How many programs a group shows before "Show more": on the static pages the rest wait in a closed
disclosure (not laid out, so a place with hundreds of programs costs a phone the layout of a page of
them); finder.js reads the same numbers from the page (``#ld-strings``)."""
INTAKE_RANK = {"open": 0, "limited": 0, "": 0, "waitlist": 1, "paused": 2, "closed": 2}
LEARN_TOPICS = ("reading", "writing", "math", "computers", "english_for_work", "french_for_work")
# Words a learner may add to a place name that say nothing about which place it is.
PLACE_STOP_WORDS = (
    "city of",
    "town of",
    "village of",
    "ville de",
    "village de",
    "township",
    "canton de",
    "canton",
    "first nation",
    "premiere nation",
    "de",
    "du",
    "la",
    "le",
    "the",
    "of",
    "on",
    "ontario",
)
DIGITAL_WORDS = re.compile(r"\b(computers?|digital|online|internet|ordinateur|informatique|numerique)\b")
Point = tuple[float, float]
DateText = Callable[[dt.date], str]


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def place_key(text: str) -> str:
    """A place name as the finder compares it: folded, punctuation as spaces, generic words out
    ("City of Ridgeway" and "ridgeway" meet). ``finder.js`` does the same with the same words."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(text).replace("saint", "st").replace("sainte", "ste")).split()
    text = f" {' '.join(words)} "
    for stop in PLACE_STOP_WORDS:
        text = text.replace(f" {stop} ", " ")
    return " ".join(text.split())


def site_point(site: Any) -> Point | None:
    return (site.latitude, site.longitude) if site.latitude is not None and site.longitude is not None else None


def community_centre(catalog: Catalog, community_id: str) -> Point | None:
    """The place of the same id, else the community's first place, else the mean of its sites."""
    places = catalog.places_of_community(community_id)
    if places:
        place = next((p for p in places if p.id == community_id), places[0])
        return (place.latitude, place.longitude)
    points = [p for s in catalog.current("sites") if s.community_id == community_id and (p := site_point(s))]
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def province_wide(catalog: Catalog, program: Any) -> bool:
    """Learn from anywhere in Ontario: a program without a site from an e-Channel provider (the
    province-wide online delivery). Other programs without a site are found through the
    communities they list, in the same "learn from home" group."""
    if program.site_ids:
        return False
    return "e_channel_provider" in (catalog.organizations[program.organization_id].roles or ())


def group_of(program: Any) -> str:
    if program.type == "partner_service":
        return OTHER
    return HOME if not program.site_ids else NEAR


def learn_topics(catalog: Catalog, program: Any) -> list[str]:
    """What a learner can learn there, from the program's data: every LBS program teaches reading,
    writing and math; computers where it is taught online or its text says so; English or French
    for work where that is a language of the program and work a goal (or language training)."""
    org = catalog.organizations[program.organization_id]
    topics = ["reading", "writing", "math"] if program.type == "lbs" else []
    text = fold(" ".join(filter(None, (program.name_en, program.summary_en, program.description_en))))
    if program.type == "lbs" and (
        {"online", "remote_live", "blended"} & set(program.delivery_modes) or DIGITAL_WORDS.search(text)
    ):
        topics.append("computers")
    for_work = "employment" in program.goal_paths or "language_training" in (org.partner_types or ())
    for code, language in (("english_for_work", "en"), ("french_for_work", "fr")):
        if for_work and language in program.languages:
            topics.append(code)
    return topics


@dataclass(frozen=True)
class Found:
    """A program in a list: how far its nearest site is (None without a site or a place)."""

    program: Any
    km: float | None
    site: Any | None


def nearest_site(catalog: Catalog, program: Any, origin: Point | None) -> tuple[float | None, Any | None]:
    sites = [catalog.sites[s] for s in program.site_ids]
    if origin is None:
        return None, sites[0] if sites else None
    measured = [(distance_km(origin, p), s) for s in sites if (p := site_point(s))]
    if not measured:
        return None, sites[0] if sites else None
    km, site = min(measured, key=lambda m: m[0])
    return km, site


def ordered(catalog: Catalog, programs: Iterable[Any], origin: Point | None, lang: str) -> dict[str, list[Found]]:
    """Programs in the finder's groups and order."""
    groups: dict[str, list[Found]] = {g: [] for g in GROUPS}
    for program in programs:
        km, site = nearest_site(catalog, program, origin)
        groups[group_of(program)].append(Found(program, km, site))
    for found in groups.values():
        found.sort(key=lambda f: (INTAKE_RANK.get(f.program.intake_status or "", 0), _far(f.km), fold(_name(f.program, lang))))
    return groups


def _far(km: float | None) -> float:
    return math.inf if km is None else km


def _name(record: Any, lang: str, base: str = "name") -> str:
    return field_in(record, base, lang)


def local_programs(catalog: Catalog, community_id: str) -> list[Any]:
    """The programs of a community that are not province-wide."""
    return [p for p in catalog.programs_in_community(community_id) if not province_wide(catalog, p)]


def province_wide_programs(catalog: Catalog) -> list[Any]:
    return [p for p in catalog.current("programs") if province_wide(catalog, p)]


def programs_for(catalog: Catalog, community_id: str, goal: str | None = None, wide: list[Any] | None = None) -> list[Any]:
    """The programs of a community and the province-wide ones (``wide``, found when not given),
    for one goal or all."""
    local = catalog.programs_in_community(community_id)
    wide = province_wide_programs(catalog) if wide is None else wide
    chosen = list({p.id: p for p in [*local, *wide]}.values())
    return [p for p in chosen if goal is None or goal in p.goal_paths]


def nearest_with_goal(catalog: Catalog, community_id: str, goal: str | None, limit: int = 3) -> list[Any]:
    """The nearest other communities where a program (not a province-wide one) has the goal."""
    origin = community_centre(catalog, community_id)
    found = []
    for community in catalog.communities.values():
        centre = community_centre(catalog, community.id)
        if community.id == community_id or centre is None or origin is None:
            continue
        if any(goal is None or goal in p.goal_paths for p in local_programs(catalog, community.id)):
            found.append((distance_km(origin, centre), community.id, community))
    return [c for _, _, c in sorted(found)[:limit]]


# ---------------------------------------------------------------------------------------------
# The JSON the browser reads
# ---------------------------------------------------------------------------------------------


def _round(value: float) -> float:
    return round(value, 4)


def program_entry(catalog: Catalog, program: Any, lang: str, when: DateText = dt.date.isoformat) -> dict[str, Any]:
    """One program, with short keys (the files are read on phones); ``when`` writes a date in the
    page's language (a paused program's reopening date)."""
    org = catalog.organizations[program.organization_id]
    sites = []
    for site_id in program.site_ids:
        site = catalog.sites[site_id]
        point = site_point(site)
        sites.append([*(map(_round, point) if point else (None, None)), site.postal_code, f"{site.street_address}, {site.city}"])
    entry = {
        "i": program.id,
        "n": _name(program, lang),
        "o": _name(org, lang),
        "d": _name(program, lang, "summary"),
        "k": group_of(program),
        "s": program.intake_status or "",
        "r": when(program.reopening_date) if program.intake_status == "paused" and program.reopening_date else "",
        "c": program.cost or "",
        "m": list(program.delivery_modes),
        "l": list(program.languages),
        "g": list(program.goal_paths),
        "w": learn_topics(catalog, program),
        "st": program.stream or "",
        "td": list(program.times_of_day),
        "ts": list(program.training_supports),
        "p": program.contact_phone or org.phone or "",
        "x": _name(program, lang, "how_to_start"),
        "y": sites,
    }
    return {k: v for k, v in entry.items() if v not in ("", [])}


FILTER_VOCABULARIES = (
    "goal_path",
    "learn",
    "stream",
    "delivery_mode",
    "time_of_day",
    "training_support",
    "intake_status",
    "language",
    "cost",
)


def _places(catalog: Catalog, lang: str) -> list[list[Any]]:
    """[label, [keys], latitude, longitude, community id] for every place and every community."""
    rows = []
    for place in catalog.places.values():
        names = [place.name_en, place.name_fr or "", *(place.other_names or ())]
        keys = sorted({place_key(n) for n in names if n and place_key(n)})
        rows.append([_name(place, lang), keys, _round(place.latitude), _round(place.longitude), place.community_id])
    for community in catalog.communities.values():
        centre = community_centre(catalog, community.id)
        if centre is None:
            continue
        keys = sorted({place_key(n) for n in (community.name_en, community.name_fr or "") if n and place_key(n)})
        rows.append([_name(community, lang), keys, _round(centre[0]), _round(centre[1]), community.id])
    return rows


def _postal_areas(catalog: Catalog) -> dict[str, list[float]]:
    """First three characters of a postal code → the centre of its places (and of its sites when
    no place lists it)."""
    points: dict[str, list[Point]] = {}
    for place in catalog.places.values():
        for prefix in place.postal_prefixes or ():
            points.setdefault(prefix, []).append((place.latitude, place.longitude))
    by_sites: dict[str, list[Point]] = {}
    for site in catalog.current("sites"):
        point = site_point(site)
        if point:
            by_sites.setdefault(site.postal_code[:3], []).append(point)
    for prefix, found in by_sites.items():
        points.setdefault(prefix, found)
    return {k: [_round(sum(p[0] for p in v) / len(v)), _round(sum(p[1] for p in v) / len(v))] for k, v in sorted(points.items())}


def _communities(catalog: Catalog, lang: str) -> dict[str, list[Any]]:
    """id → [name, latitude, longitude, goals its own programs offer]."""
    found = {}
    for community in catalog.communities.values():
        centre = community_centre(catalog, community.id)
        programs = local_programs(catalog, community.id)
        goals = sorted({g for p in programs for g in p.goal_paths})
        found[community.id] = [_name(community, lang), *(map(_round, centre) if centre else (None, None)), goals, len(programs)]
    return found


def word_groups(catalog: Catalog, lang: str) -> list[list[str]]:
    """The glossary's groups of words that mean the same thing (its term, what an acronym stands
    for, its ``synonyms_*``), folded and split into words as the site search's front matter does
    (``searchterms.LearnerWords``): the finder's words box expands a query with them, so "GED" or
    "maths" find in the finder what they find in the site search."""
    groups = []
    for group in LearnerWords(catalog, lang).groups:
        phrases = [" ".join(WORD.findall(search_fold(p))) for p in group]
        groups.append(list(dict.fromkeys(p for p in phrases if p)))
    return [g for g in groups if len(g) > 1]


def finder_index(catalog: Catalog, lang: str, when: DateText = dt.date.isoformat) -> dict[str, Any]:
    """What every visit of the finder reads (``find/index.json``): the programs for anywhere in
    Ontario, the labels and the glossary's word groups, a few KB at any size. What a place needs
    (places, postal areas, communities) is in ``finder_places``."""
    wide = province_wide_programs(catalog)
    return {
        "words": word_groups(catalog, lang),
        "home": [program_entry(catalog, p, lang, when) for p in wide],
        "stop": list(PLACE_STOP_WORDS),
        "labels": {
            v: {t.code: t.plain(lang) for t in catalog.vocabularies[v].terms}
            for v in FILTER_VOCABULARIES
            if v in catalog.vocabularies
        },
    }


def finder_places(catalog: Catalog, lang: str) -> dict[str, Any]:
    """What a place is resolved with and what is near it (``find/places.json``): the places, the
    postal areas and the communities (centre, goals, count). Read once, when the address names a
    place, the device's location is asked for or the place box is first used, so a first visit of
    the finder does not pay for it (it grows with the places; the index does not)."""
    return {"places": _places(catalog, lang), "postal": _postal_areas(catalog), "communities": _communities(catalog, lang)}


def finder_shard(catalog: Catalog, community_id: str, lang: str, when: DateText = dt.date.isoformat) -> dict[str, Any]:
    """The programs of one community that the index does not already hold."""
    return {"programs": [program_entry(catalog, p, lang, when) for p in local_programs(catalog, community_id)]}


WEBSITE_WORDS = re.compile(r"\b(website|web site|site web|online form|formulaire en ligne)\b")


def mentions_website(program: Any) -> bool:
    """True when "how to start" sends learners to the website (or intake is by an online form)."""
    text = fold(" ".join(filter(None, (program.how_to_start_en, program.how_to_start_fr))))
    return "online_form" in (program.intake_methods or ()) or bool(WEBSITE_WORDS.search(text))
